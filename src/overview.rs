//! What a participant's record says today: the window phase, what is due,
//! adherence, streak, PHQ-9 outcome and safety flags, and day-by-day series
//! for the charts. Shared by `followup status`, the dashboard, the caseload
//! and the reports.

use crate::instrument::{Score, Severity};
use crate::journal::Journal;
use crate::outcome::{self, Outcome, Point};
use crate::record::{Entry, EventKind, Instrument};
use crate::window::{self, Adherence, Due, Phase};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// One day of the charts. `None` is a day without that value: a gap.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DayValues {
    pub phq9: Option<u8>,
    pub mood: Option<u8>,
    pub anxiety: Option<u8>,
    pub energy: Option<u8>,
    pub sleep: Option<f64>,
    pub safety: bool,
    pub late: bool,
}

/// A series the charts can draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    Phq9,
    Mood,
    Anxiety,
    Energy,
    Sleep,
}

impl Measure {
    pub const ALL: [Measure; 5] =
        [Measure::Phq9, Measure::Mood, Measure::Anxiety, Measure::Energy, Measure::Sleep];

    pub fn label(self) -> &'static str {
        match self {
            Measure::Phq9 => "PHQ-9",
            Measure::Mood => "Mood",
            Measure::Anxiety => "Anxiety",
            Measure::Energy => "Energy",
            Measure::Sleep => "Sleep",
        }
    }

    /// The scale's top, so every chart keeps a fixed, honest axis.
    pub fn max(self) -> f64 {
        match self {
            Measure::Phq9 => 27.0,
            Measure::Mood | Measure::Anxiety | Measure::Energy => 10.0,
            Measure::Sleep => 24.0,
        }
    }

    pub fn of(self, d: &DayValues) -> Option<f64> {
        match self {
            Measure::Phq9 => d.phq9.map(f64::from),
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

/// A day with an item-9 answer above 0 in any version of any entry.
#[derive(Debug, Clone, PartialEq)]
pub struct SafetyDay {
    pub date: NaiveDate,
    pub day: i64,
    pub entry_id: i64,
    pub item9: u8,
    /// The entry was later corrected or retracted; the flag stays.
    pub since_changed: bool,
}

/// The summary of one participant's record on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub today: NaiveDate,
    pub phase: Phase,
    pub due: Due,
    pub adherence: Adherence,
    pub streak: u32,
    pub latest_phq9: Option<LatestPhq9>,
    pub outcome: Option<Outcome>,
    /// Mean mood over the last seven days that have one, and how many.
    pub mood_mean: Option<(usize, f64)>,
    pub safety: Vec<SafetyDay>,
    pub last_entry: Option<NaiveDate>,
    pub late_entries: usize,
    pub entries: usize,
}

impl Overview {
    pub fn new(journal: &Journal, today: NaiveDate) -> Self {
        let window = journal.window();
        let current: Vec<&Entry> = journal.current_entries().collect();
        let days_of = |instrument| -> BTreeSet<NaiveDate> {
            current.iter().filter(|e| e.instrument() == instrument).map(|e| e.day()).collect()
        };
        let (mood_days, phq9_days) = (days_of(Instrument::Mood), days_of(Instrument::Phq9));

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

        let mut moods: Vec<(NaiveDate, u8)> =
            current.iter().filter_map(|e| Some((e.day(), e.record().mood()?.mood()))).collect();
        moods.sort_by_key(|(d, _)| std::cmp::Reverse(*d));
        let recent: Vec<f64> = moods.iter().take(7).map(|(_, m)| f64::from(*m)).collect();
        let mood_mean =
            (!recent.is_empty()).then(|| (recent.len(), recent.iter().sum::<f64>() / recent.len() as f64));

        Overview {
            today,
            phase: window.phase(today),
            due: window.due(today, &mood_days, &phq9_days),
            adherence: window.adherence(today, &mood_days, &phq9_days),
            streak: window::streak(today, &mood_days),
            latest_phq9,
            outcome: outcome::outcome(&points),
            mood_mean,
            safety: safety_days(journal),
            last_entry: current.iter().map(|e| e.day()).max(),
            late_entries: current.iter().filter(|e| e.is_late()).count(),
            entries: current.len(),
        }
    }

    /// Days since the most recent entry's day.
    pub fn days_since_last_entry(&self) -> Option<i64> {
        self.last_entry.map(|d| (self.today - d).num_days())
    }
}

/// Every safety-flagged entry, newest first. Retracted and corrected entries
/// keep their flag: a therapist must never miss one.
pub fn safety_days(journal: &Journal) -> Vec<SafetyDay> {
    let window = journal.window();
    let mut out: Vec<SafetyDay> = journal
        .entries
        .iter()
        .filter_map(|e| {
            let item9 = e.versions.iter().filter_map(|v| v.data.record.phq9()?.answer(8)).max()?;
            (item9 > 0).then(|| SafetyDay {
                date: e.day(),
                day: window.day_of(e.day()),
                entry_id: e.id,
                item9,
                since_changed: e.versions.len() > 1,
            })
        })
        .collect();
    out.sort_by(|a, b| b.date.cmp(&a.date).then(b.entry_id.cmp(&a.entry_id)));
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
        if let Some(m) = e.record().mood() {
            d.mood = Some(m.mood());
            d.anxiety = m.anxiety();
            d.energy = m.energy();
            d.sleep = m.sleep().map(|s| s.hours());
        }
    }
    // flags stay on retracted entries' days too
    for s in safety_days(journal).iter().filter(|s| (from..=to).contains(&s.date)) {
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
