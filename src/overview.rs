//! What a participant's record says today: the window phase, what is due,
//! adherence, streak, PHQ-9 outcome and safety flags, and day-by-day series
//! for the charts. Shared by `followup status`, the dashboard, the caseload
//! and the reports.

use crate::instrument::{Score, Severity};
use crate::journal::Journal;
use crate::outcome::{self, Outcome, Point};
use crate::record::{Entry, EventKind};
pub use crate::window::WeekScore;
use crate::window::{self, Adherence, Due, Phase};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One day of the charts. `None` is a day without that value: a gap.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DayValues {
    pub phq9: Option<u8>,
    pub gad7: Option<u8>,
    pub mood: Option<u8>,
    pub anxiety: Option<u8>,
    pub energy: Option<u8>,
    pub sleep: Option<f64>,
    pub safety: bool,
    pub late: bool,
}

/// A series the charts can draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[derive(strum::EnumMessage, strum::VariantArray)]
pub enum Measure {
    #[strum(message = "PHQ-9")]
    Phq9,
    #[strum(message = "GAD-7")]
    Gad7,
    #[strum(message = "Mood")]
    Mood,
    #[strum(message = "Anxiety")]
    Anxiety,
    #[strum(message = "Energy")]
    Energy,
    #[strum(message = "Sleep")]
    Sleep,
}

impl Measure {
    pub const ALL: &[Measure] = <Measure as strum::VariantArray>::VARIANTS;

    /// The measures a record has: the GAD-7 only when it is used.
    pub fn used(window: &crate::window::Window) -> Vec<Measure> {
        Self::ALL.iter().copied().filter(|m| *m != Measure::Gad7 || window.uses_gad7()).collect()
    }

    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }

    /// The scale's top, so every chart keeps a fixed, honest axis.
    pub fn max(self) -> f64 {
        match self {
            Measure::Phq9 => 27.0,
            Measure::Gad7 => 21.0,
            Measure::Mood | Measure::Anxiety | Measure::Energy => 10.0,
            Measure::Sleep => 24.0,
        }
    }

    pub fn of(self, d: &DayValues) -> Option<f64> {
        match self {
            Measure::Phq9 => d.phq9.map(f64::from),
            Measure::Gad7 => d.gad7.map(f64::from),
            Measure::Mood => d.mood.map(f64::from),
            Measure::Anxiety => d.anxiety.map(f64::from),
            Measure::Energy => d.energy.map(f64::from),
            Measure::Sleep => d.sleep,
        }
    }
}

/// The latest PHQ-9.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatestPhq9 {
    pub date: NaiveDate,
    pub day: i64,
    pub score: Score,
    pub severity: Severity,
}

/// An item-9 answer above 0 in any version of an entry: a safety flag. It
/// stays raised when the entry is later corrected or retracted, and every
/// export carries it whatever its date filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyFlag {
    pub date: NaiveDate,
    pub day: i64,
    pub entry_id: i64,
    pub item9: u8,
    /// The entry was later corrected or retracted; the flag stays. Known
    /// from the entry itself, so not written to exports.
    #[serde(skip)]
    pub since_changed: bool,
    /// Where the flag was found; known when read, so not written to exports.
    #[serde(skip)]
    pub source: FlagSource,
}

/// Where a safety flag was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum FlagSource {
    /// An item-9 answer in the record itself.
    #[default]
    Answer,
    /// Carried in an export's list of flags, with no item-9 answer for it
    /// in the file: shown all the same, never dropped.
    Carried,
    /// Only in another export of the same participant, set aside for the
    /// figures (its file name): shown all the same.
    OtherFile(String),
}

impl FlagSource {
    /// The words for a flag carried without its answer.
    pub const CARRIED: &str = "listed by the export; the answer itself is not in the file";
    /// The words around the file name of a flag from a set-aside export.
    pub const OTHER_FILE: (&str, &str) = ("from ", ", another export set aside for the figures");
}

impl SafetyFlag {
    /// Where the flag came from, for a terminal, when it is not an answer
    /// in the record shown.
    pub fn provenance(&self) -> Option<String> {
        match &self.source {
            FlagSource::Answer => None,
            FlagSource::Carried => Some(FlagSource::CARRIED.into()),
            FlagSource::OtherFile(name) => Some(format!(
                "{}{}{}",
                FlagSource::OTHER_FILE.0,
                crate::text::quote(name),
                FlagSource::OTHER_FILE.1
            )),
        }
    }

    /// The same flag: the same entry on the same day.
    fn key(&self) -> (i64, NaiveDate) {
        (self.entry_id, self.date)
    }
}

/// Add the flags of `more` that `flags` does not hold (the same entry on
/// the same day), newest first. Linear in both: a crafted file of a
/// million flags takes no longer than reading it.
pub fn merge_flags(flags: &mut Vec<SafetyFlag>, more: impl IntoIterator<Item = SafetyFlag>) {
    let mut seen: std::collections::HashSet<(i64, NaiveDate)> = flags.iter().map(SafetyFlag::key).collect();
    flags.extend(more.into_iter().filter(|f| seen.insert(f.key())));
    flags.sort_by(|a, b| b.date.cmp(&a.date).then(b.entry_id.cmp(&a.entry_id)));
}

/// What a record holds of the participant's follow-up: every day (the
/// participant's own database, a full export) or only the days of a partial
/// export; and the safety flags it carries from outside those days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Flags carried by an export for entries it does not hold.
    pub flags: Vec<SafetyFlag>,
}

impl Coverage {
    /// The whole record.
    pub fn all() -> Self {
        Self::default()
    }

    /// Whether the record holds this day.
    pub fn covers(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }

    /// Whether days were left out.
    pub fn partial(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }
}

/// The summary of one participant's record on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub today: NaiveDate,
    pub phase: Phase,
    pub due: Due,
    /// Adherence over the window from day 0 (the trial's measure).
    pub adherence: Adherence,
    /// The participant's own adherence, from `own_adherence_from` (the later
    /// of set-up and the start of the baseline period): the days before they
    /// had followup never count as missed.
    pub own_adherence: Adherence,
    pub own_adherence_from: NaiveDate,
    pub streak: u32,
    pub latest_phq9: Option<LatestPhq9>,
    pub outcome: Option<Outcome>,
    /// The course of response week by week; `None` for a partial export,
    /// which has no baseline.
    pub course: Option<crate::course::Course>,
    /// Mean mood over the last seven days that have one, and how many.
    pub mood_mean: Option<(usize, f64)>,
    /// Every safety flag, newest first.
    pub safety: Vec<SafetyFlag>,
    pub last_entry: Option<NaiveDate>,
    pub late_entries: usize,
    pub entries: usize,
    /// The GAD-7 is used (a cadence is set).
    pub uses_gad7: bool,
    /// The latest GAD-7: its date, day number and total.
    pub latest_gad7: Option<(NaiveDate, i64, u8)>,
    /// The GAD-7's baseline (the PHQ-9's rule).
    pub gad7_baseline: Option<crate::outcome::Baseline>,
    /// The NHS Talking Therapies outcome on the pair, when the GAD-7 is used
    /// and both have a baseline and a scored week.
    pub paired: Option<crate::outcome::Paired>,
    /// The GAD-7 week by week (weeks with one; days ≥ 1), as the course reads weeks.
    pub gad7_weeks: Vec<WeekScore>,
}

/// The weeks (1 = days 1–7) of a series of totals that have one.
pub fn weekly(points: &[Point]) -> Vec<WeekScore> {
    crate::window::weekly(points.iter().map(|p| (p.day, f64::from(p.total))))
}

impl Overview {
    /// What the record says as of `today`. A partial record cannot say
    /// everything: adherence and the streak need every day, and without the
    /// days up to day 0 there is no baseline, so no outcome.
    pub fn new(journal: &Journal, today: NaiveDate, coverage: &Coverage) -> Self {
        let window = journal.window();
        let current: Vec<&Entry> = journal.current_entries().collect();
        let done = journal.done_days();

        let mut scored: Vec<(NaiveDate, Score)> = current
            .iter()
            .filter_map(|e| Some((e.day(), e.record().phq9()?.score()?)))
            .filter(|(d, _)| *d <= today)
            .collect();
        scored.sort_by_key(|(d, _)| *d);
        let points: Vec<Point> =
            scored.iter().map(|(d, s)| Point { day: window.day_of(*d), total: s.total }).collect();
        let latest_phq9 = scored.last().map(|&(date, score)| LatestPhq9 {
            date,
            day: window.day_of(date),
            score,
            severity: Severity::of(score.total),
        });

        let mut gad7_points: Vec<Point> = current
            .iter()
            .filter(|e| e.day() <= today)
            .filter_map(|e| Some(Point { day: window.day_of(e.day()), total: e.record().gad7()?.total()? }))
            .collect();
        gad7_points.sort_by_key(|p| p.day);

        let mut moods: Vec<(NaiveDate, u8)> =
            current.iter().filter_map(|e| Some((e.day(), e.record().mood()?.mood()))).collect();
        moods.sort_by_key(|(d, _)| std::cmp::Reverse(*d));
        let recent: Vec<f64> = moods.iter().take(7).map(|(_, m)| f64::from(*m)).collect();
        let mood_mean =
            (!recent.is_empty()).then(|| (recent.len(), recent.iter().sum::<f64>() / recent.len() as f64));

        let partial = coverage.partial();
        // a partial export has no baseline (PRODUCT.md): no outcome, no course
        let no_baseline = partial;
        let none = Adherence::default();
        let own_from = window.own_adherence_start(journal.set_up_date());
        Overview {
            today,
            phase: window.phase(today),
            due: window.due(today, &done),
            adherence: if partial { none } else { window.adherence(today, &done) },
            own_adherence: if partial { none } else { window.adherence_since(own_from, today, &done) },
            own_adherence_from: own_from,
            streak: if partial { 0 } else { window::streak(today, &done.mood) },
            latest_phq9,
            outcome: if no_baseline { None } else { outcome::outcome(&points) },
            course: (!no_baseline).then(|| crate::course::Course::new(journal, today)),
            mood_mean,
            safety: safety_flags(journal, &coverage.flags),
            last_entry: current.iter().map(|e| e.day()).max(),
            late_entries: current.iter().filter(|e| e.is_late()).count(),
            entries: current.len(),
            gad7_baseline: if no_baseline { None } else { outcome::baseline(&gad7_points) },
            paired: if no_baseline || !window.uses_gad7() {
                None
            } else {
                outcome::paired(&points, &gad7_points)
            },
            gad7_weeks: weekly(&gad7_points),
            uses_gad7: window.uses_gad7(),
            latest_gad7: current
                .iter()
                .filter(|e| e.day() <= today)
                .filter_map(|e| Some((e.day(), window.day_of(e.day()), e.record().gad7()?.total()?)))
                .max_by_key(|(d, _, _)| *d),
        }
    }

    /// Days since the most recent entry's day.
    pub fn days_since_last_entry(&self) -> Option<i64> {
        self.last_entry.map(|d| (self.today - d).num_days())
    }
}

/// Every safety flag of a record, newest first: its entries' flags and
/// those it carries for entries it does not hold. Retracted and corrected
/// entries keep their flag: a therapist must never miss one.
pub fn safety_flags(journal: &Journal, carried: &[SafetyFlag]) -> Vec<SafetyFlag> {
    let window = journal.window();
    let mut out: Vec<SafetyFlag> = journal
        .entries
        .iter()
        .filter_map(|e| {
            let item9 = e.versions.iter().filter_map(|v| v.data.record.phq9()?.answer(8)).max()?;
            (item9 > 0).then(|| SafetyFlag {
                date: e.day(),
                day: window.day_of(e.day()),
                entry_id: e.id,
                item9,
                since_changed: e.versions.len() > 1,
                source: FlagSource::Answer,
            })
        })
        .collect();
    let answered: std::collections::HashSet<i64> = out.iter().map(|f| f.entry_id).collect();
    merge_flags(
        &mut out,
        carried
            .iter()
            .filter(|f| !answered.contains(&f.entry_id))
            .map(|f| SafetyFlag { source: FlagSource::Carried, ..f.clone() }),
    );
    out
}

/// Values by day for `from..=to` (current, unretracted entries only).
pub fn daily(journal: &Journal, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, DayValues)> {
    let mut by_day: BTreeMap<NaiveDate, DayValues> = BTreeMap::new();
    for e in journal.current_entries().filter(|e| (from..=to).contains(&e.day())) {
        let d = by_day.entry(e.day()).or_default();
        d.late |= e.is_late();
        d.safety |= e.ever_safety_signal();
        if let Some(p) = e.record().phq9() {
            d.phq9 = p.total();
        }
        if let Some(g) = e.record().gad7() {
            d.gad7 = g.total();
        }
        if let Some(m) = e.record().mood() {
            d.mood = Some(m.mood());
            d.anxiety = m.anxiety();
            d.energy = m.energy();
            d.sleep = m.sleep().map(|s| s.hours());
        }
    }
    // flags stay on retracted entries' days too
    for s in safety_flags(journal, &[]).iter().filter(|s| (from..=to).contains(&s.date)) {
        by_day.entry(s.date).or_default().safety = true;
    }
    from.iter_days()
        .take_while(|d| *d <= to)
        .map(|d| (d, by_day.get(&d).copied().unwrap_or_default()))
        .collect()
}

/// Event markers by date for `from..=to`.
pub fn markers(journal: &Journal, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, EventKind)> {
    let mut out: Vec<(NaiveDate, EventKind)> = journal
        .current_events()
        .map(|e| (e.current().data.date, e.current().data.kind))
        .filter(|(d, _)| (from..=to).contains(d))
        .collect();
    out.sort_by_key(|(d, _)| *d);
    out
}
