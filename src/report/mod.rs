//! The brief for an integration session, from an export or the
//! participant's own database: safety days first, then the course of
//! response week by week, window progress, PHQ-9 against baseline, a focus
//! period against the one before it, trends with gaps, adherence, events
//! with their ids, recent notes and a glossary of the outcome labels.
//! Written as Markdown, plain text, self-contained HTML (inline SVG,
//! printable) or JSON for other tools. Reports are plaintext by nature.

pub mod cohort;
mod html;
mod json;
mod text;

use crate::journal::Journal;
use crate::overview::{self, Coverage, DayValues, Overview, SafetyFlag};
use crate::record::{EventKind, Record};
use crate::share::Export;
use chrono::{DateTime, FixedOffset, NaiveDate};

pub use html::html;
pub use json::{BRIEF_FORMAT, BRIEF_VERSION, CASELOAD_FORMAT, CASELOAD_VERSION, document, json};
pub use text::{markdown, plain};

/// Where the record came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Database,
    Export {
        created_at: DateTime<FixedOffset>,
        notes_withheld: bool,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
}

/// A dated event on the brief, with the id `--since-event` takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefEvent {
    pub id: i64,
    pub date: NaiveDate,
    pub day: i64,
    pub kind: EventKind,
    pub note: Option<String>,
}

/// Everything the brief says, computed once for every output format.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    pub participant: String,
    pub as_of: NaiveDate,
    pub source: Source,
    pub window_days: u32,
    pub dosing_date: NaiveDate,
    /// How often each questionnaire is asked: a day between a weekly
    /// PHQ-9's days is not a missed one.
    pub window: crate::window::Window,
    pub overview: Overview,
    /// First day of the trends and notes (the focus).
    pub from: NaiveDate,
    pub focus: Option<String>,
    pub days: Vec<(NaiveDate, DayValues)>,
    pub markers: Vec<(NaiveDate, EventKind)>,
    pub events: Vec<BriefEvent>,
    pub notes: Vec<(NaiveDate, i64, String)>,
    pub safety: Vec<SafetyFlag>,
    /// The focus against the period of the same length before it.
    pub comparison: Option<Comparison>,
    /// Every day of the record, drawn faded behind a focused chart.
    pub context: Vec<(NaiveDate, DayValues)>,
}

/// The lowest, mean and highest of some values, and how many.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stats {
    pub n: usize,
    pub mean: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Stats {
    /// For people: "mean 6.9, lowest 4, highest 14 (70 days)".
    pub fn describe(&self) -> String {
        match (self.mean, self.min, self.max) {
            (Some(m), Some(lo), Some(hi)) => format!(
                "mean {m:.1}, lowest {}, highest {} ({})",
                crate::outcome::score(lo),
                crate::outcome::score(hi),
                crate::text::count(self.n, "day", "days")
            ),
            _ => "no values".into(),
        }
    }

    fn of(values: impl Iterator<Item = f64>) -> Self {
        let mut s = Stats::default();
        let mut sum = 0.0;
        for v in values {
            s.n += 1;
            sum += v;
            s.min = Some(s.min.map_or(v, |m: f64| m.min(v)));
            s.max = Some(s.max.map_or(v, |m: f64| m.max(v)));
        }
        s.mean = (s.n > 0).then(|| sum / s.n as f64);
        s
    }
}

/// The week with the highest PHQ-9 mean in a period, over the period's own
/// days of it: a week the period's first or last day cuts counts only the
/// days inside the period, so no day is in both periods of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct WorstWeek {
    pub week: u32,
    /// The mean of the PHQ-9 totals on the week's days within the period.
    pub phq9: f64,
    /// The week's first and last day within the period (day numbers).
    pub days: (i64, i64),
    /// The mood notes of those days.
    pub notes: Vec<(NaiveDate, String)>,
}

impl WorstWeek {
    /// For people: "week 10 (PHQ-9 13.1)", or "week 11, days 72 to 77 only
    /// (PHQ-9 9.3)" for a week the period cuts.
    pub fn describe(&self) -> String {
        let (a, b) = self.days;
        let whole = crate::course::days_of_week(self.week) == self.days;
        let days = match (whole, a == b) {
            (true, _) => String::new(),
            (false, true) => format!(", day {a} only"),
            (false, false) => format!(", days {a} to {b} only"),
        };
        format!("week {}{days} (PHQ-9 {:.1})", self.week, self.phq9)
    }
}

/// One period of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub phq9: Stats,
    pub mood: Stats,
    pub worst_week: Option<WorstWeek>,
    /// The week the focus's first day cuts, left out of the period before
    /// it (its days there are not a week) and counted in the focus.
    pub week_in_focus: Option<u32>,
}

/// A focus period (`--since`, `--since-event`) against the period of the
/// same length just before it, and the adherence within the focus.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub focus: Period,
    pub before: Period,
    pub adherence: crate::window::Adherence,
}

/// What part of the record the brief looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Whole,
    Since(NaiveDate),
    SinceEvent(i64),
}

/// How many of the most recent notes a brief shows.
pub const RECENT_NOTES: usize = 5;

/// Why a brief cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("--since {since} is after the record's last day, {as_of}")]
    SinceAfterEnd { since: NaiveDate, as_of: NaiveDate },
    #[error("no event {0}: `followup event list` (or the brief's event list) shows the ids")]
    NoEvent(i64),
    #[error(
        "event {id} is on {date}, after the record's last day, {as_of}: a focus starts on a day already recorded"
    )]
    EventAfterEnd { id: i64, date: NaiveDate, as_of: NaiveDate },
}

/// The brief of a record as of a day, over what the record covers.
pub fn brief(
    journal: &Journal,
    as_of: NaiveDate,
    source: Source,
    coverage: &Coverage,
    focus: Focus,
) -> Result<Brief, ReportError> {
    let w = journal.window();
    let overview = Overview::new(journal, as_of, coverage);
    let first = journal.entries.iter().map(|e| e.day()).min().unwrap_or(w.dosing_date).min(w.dosing_date);
    let (from, focus_label) = match focus {
        Focus::Whole => (first, None),
        Focus::Since(d) if d > as_of => return Err(ReportError::SinceAfterEnd { since: d, as_of }),
        Focus::Since(d) => (d, Some(format!("since {d} (day {})", w.day_of(d)))),
        Focus::SinceEvent(id) => {
            let e = journal.current_events().find(|e| e.id == id).ok_or(ReportError::NoEvent(id))?;
            let d = &e.current().data;
            if d.date > as_of {
                return Err(ReportError::EventAfterEnd { id, date: d.date, as_of });
            }
            (d.date, Some(format!("since the {} on {} (day {})", d.kind.label(), d.date, w.day_of(d.date))))
        }
    };
    let to = as_of.max(from);
    let days = overview::daily(journal, from, to);
    let context = if focus_label.is_some() { overview::daily(journal, first, to) } else { Vec::new() };
    let comparison = focus_label.as_ref().map(|_| compare(journal, &overview, from, to, coverage.partial()));
    let mut notes: Vec<(NaiveDate, i64, String)> = journal
        .current_entries()
        .filter(|e| (from..=to).contains(&e.day()))
        .filter_map(|e| match e.record() {
            Record::Mood(m) => m.note().map(|n| (e.day(), w.day_of(e.day()), n.to_string())),
            Record::Phq9(_) | Record::Gad7(_) => None,
        })
        .collect();
    notes.sort_by_key(|n| std::cmp::Reverse(n.0));
    notes.truncate(RECENT_NOTES);
    let mut events: Vec<BriefEvent> = journal
        .current_events()
        .map(|e| {
            let d = &e.current().data;
            BriefEvent { id: e.id, date: d.date, day: w.day_of(d.date), kind: d.kind, note: d.note.clone() }
        })
        .collect();
    events.sort_by_key(|e| e.date);
    Ok(Brief {
        participant: journal.profile.participant.clone(),
        as_of,
        source,
        window_days: w.length_days,
        dosing_date: w.dosing_date,
        window: *w,
        safety: overview.safety.clone(),
        overview,
        from,
        focus: focus_label,
        markers: overview::markers(journal, from, to),
        days,
        events,
        notes,
        comparison,
        context,
    })
}

/// The period `from..=to` against the one of the same length just before it.
fn compare(
    journal: &Journal,
    overview: &Overview,
    from: NaiveDate,
    to: NaiveDate,
    partial: bool,
) -> Comparison {
    let len = (to - from).num_days() + 1;
    let before_to = from - chrono::Days::new(1);
    let before_from = from - chrono::Days::new(len as u64);
    let w = journal.window();
    let done = journal.done_days();
    let day = w.day_of(from);
    let cut = crate::course::week_of(day).filter(|k| crate::course::days_of_week(*k).0 < day);
    Comparison {
        focus: period(journal, overview, from, to, None),
        before: period(journal, overview, before_from, before_to, cut),
        // a partial export cannot say how many days were missed
        adherence: if partial {
            crate::window::Adherence::default()
        } else {
            w.adherence_since(from.max(w.dosing_date), to, &done)
        },
    }
}

fn period(
    journal: &Journal,
    overview: &Overview,
    from: NaiveDate,
    to: NaiveDate,
    week_in_focus: Option<u32>,
) -> Period {
    let days = overview::daily(journal, from, to);
    Period {
        from,
        to,
        phq9: Stats::of(days.iter().filter_map(|(_, v)| v.phq9.map(f64::from))),
        mood: Stats::of(days.iter().filter_map(|(_, v)| v.mood.map(f64::from))),
        // a partial export has no course, and no weeks to compare
        worst_week: overview.course.as_ref().and_then(|_| worst_week(journal, from, to, week_in_focus)),
        week_in_focus,
    }
}

/// The week with the highest mean of the PHQ-9s on its days within
/// `from..=to` (the earliest on a tie; none without a PHQ-9 after day 0),
/// `leave_out` aside.
fn worst_week(
    journal: &Journal,
    from: NaiveDate,
    to: NaiveDate,
    leave_out: Option<u32>,
) -> Option<WorstWeek> {
    let w = journal.window();
    let within = |d: NaiveDate| (from..=to).contains(&d);
    // (sum, count) of the PHQ-9 totals of each week, the period's days only
    let mut weeks: std::collections::BTreeMap<u32, (f64, u32)> = std::collections::BTreeMap::new();
    for e in journal.current_entries().filter(|e| within(e.day())) {
        let total = e.record().phq9().and_then(|p| p.total());
        let week = crate::course::week_of(w.day_of(e.day())).filter(|k| Some(*k) != leave_out);
        if let (Some(t), Some(k)) = (total, week) {
            let acc = weeks.entry(k).or_default();
            acc.0 += f64::from(t);
            acc.1 += 1;
        }
    }
    let (week, phq9) = weeks.into_iter().map(|(k, (sum, n))| (k, sum / f64::from(n))).fold(
        None::<(u32, f64)>,
        |worst, (k, v)| match worst {
            Some((_, m)) if m >= v => worst,
            _ => Some((k, v)),
        },
    )?;
    let (a, b) = crate::course::days_of_week(week);
    let days = (a.max(w.day_of(from)), b.min(w.day_of(to)));
    let notes = journal
        .current_entries()
        .filter(|e| within(e.day()) && (days.0..=days.1).contains(&w.day_of(e.day())))
        .filter_map(|e| Some((e.day(), e.record().mood()?.note()?.to_string())))
        .collect();
    Some(WorstWeek { week, phq9, days, notes })
}

/// A brief from an export: as of the day it was made, with every safety
/// flag the export carries (flags outside its date filters included).
pub fn from_export(export: &Export, focus: Focus) -> Result<Brief, ReportError> {
    let f = &export.meta.filters;
    let source = Source::Export {
        created_at: export.meta.created_at,
        notes_withheld: f.notes_withheld,
        from: f.from,
        to: f.to,
    };
    let mut b = brief(&export.journal, export.as_of(), source, &export.coverage(), focus)?;
    // a partial export: the trend covers only the days it holds
    if let Some(from) = f.from.filter(|d| *d > b.from) {
        b.days.retain(|(d, _)| *d >= from);
        b.markers.retain(|(d, _)| *d >= from);
        b.from = from;
    }
    if let Some(to) = f.to {
        b.days.retain(|(d, _)| *d <= to);
        b.markers.retain(|(d, _)| *d <= to);
    }
    Ok(b)
}

impl Brief {
    pub fn day(&self, d: NaiveDate) -> i64 {
        (d - self.dosing_date).num_days()
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    #[default]
    Md,
    Html,
    Txt,
    Json,
    /// One row per week, long format.
    Csv,
}

pub fn render(b: &Brief, format: ReportFormat) -> String {
    match format {
        ReportFormat::Md => markdown(b),
        ReportFormat::Txt => plain(b),
        ReportFormat::Html => html(b),
        ReportFormat::Json => json(b),
        ReportFormat::Csv => {
            let weeks = b.overview.course.as_ref().map_or(&[][..], |c| c.weeks.as_slice());
            cohort::weeks_csv(std::iter::once((b.participant.as_str(), weeks, b.safety.as_slice())))
        }
    }
}
