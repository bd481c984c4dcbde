//! The one-page brief for an integration session, from an export or the
//! participant's own database: safety days first, then window progress,
//! PHQ-9 against baseline with the outcome labels and their definitions,
//! trends with gaps, adherence, events and recent notes. Written as
//! Markdown, plain text or self-contained HTML (inline SVG, printable on one
//! A4 or Letter page). Reports are plaintext by nature.

mod html;
mod text;

use crate::journal::Journal;
use crate::overview::{self, Coverage, DayValues, Overview, SafetyFlag};
use crate::record::{EventKind, Record};
use crate::share::Export;
use chrono::{DateTime, FixedOffset, NaiveDate};

pub use html::html;
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

/// A dated event on the brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefEvent {
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
    pub overview: Overview,
    /// First day of the trends and notes (the focus).
    pub from: NaiveDate,
    pub focus: Option<String>,
    pub days: Vec<(NaiveDate, DayValues)>,
    pub markers: Vec<(NaiveDate, EventKind)>,
    pub events: Vec<BriefEvent>,
    pub notes: Vec<(NaiveDate, i64, String)>,
    pub safety: Vec<SafetyFlag>,
    /// PHQ-9 at the start of the focus and at its end, when focused.
    pub focus_change: Option<(u8, u8)>,
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
            (d.date, Some(format!("since the {} on {} (day {})", d.kind.label(), d.date, w.day_of(d.date))))
        }
    };
    let to = as_of.max(from);
    let days = overview::daily(journal, from, to);
    let phq: Vec<u8> = days.iter().filter_map(|(_, v)| v.phq9).collect();
    let focus_change = focus_label.as_ref().and_then(|_| Some((*phq.first()?, *phq.last()?)));
    let mut notes: Vec<(NaiveDate, i64, String)> = journal
        .current_entries()
        .filter(|e| (from..=to).contains(&e.day()))
        .filter_map(|e| match e.record() {
            Record::Mood(m) => m.note().map(|n| (e.day(), w.day_of(e.day()), n.to_string())),
            Record::Phq9(_) => None,
        })
        .collect();
    notes.sort_by_key(|n| std::cmp::Reverse(n.0));
    notes.truncate(RECENT_NOTES);
    let mut events: Vec<BriefEvent> = journal
        .current_events()
        .map(|e| {
            let d = &e.current().data;
            BriefEvent { date: d.date, day: w.day_of(d.date), kind: d.kind, note: d.note.clone() }
        })
        .collect();
    events.sort_by_key(|e| e.date);
    Ok(Brief {
        participant: journal.profile.participant.clone(),
        as_of,
        source,
        window_days: w.length_days,
        dosing_date: w.dosing_date,
        safety: overview.safety.clone(),
        overview,
        from,
        focus: focus_label,
        markers: overview::markers(journal, from, to),
        days,
        events,
        notes,
        focus_change,
    })
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
}

pub fn render(b: &Brief, format: ReportFormat) -> String {
    match format {
        ReportFormat::Md => markdown(b),
        ReportFormat::Txt => plain(b),
        ReportFormat::Html => html(b),
    }
}
