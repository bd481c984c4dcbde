//! What drawing needs to know, read-only: the loaded record and what it
//! says today, the day, the chart zoom, and whose export a review shows.
//! Every screen draws from a `&Context`, never from the whole app.

use crate::journal::Journal;
use crate::overview::{self, Coverage, DayValues, Overview};
use crate::record::EventKind;
use chrono::NaiveDate;
use std::borrow::Cow;

/// The day span the charts show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zoom {
    Days14,
    #[default]
    Days30,
    Window,
}

impl Zoom {
    pub fn next(self) -> Self {
        match self {
            Zoom::Days14 => Zoom::Days30,
            Zoom::Days30 => Zoom::Window,
            Zoom::Window => Zoom::Days14,
        }
    }

    /// The first and last day shown.
    pub fn range(self, journal: &Journal, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let w = journal.window();
        let end = today.min(w.end_date()).max(w.dosing_date.min(today));
        let back = |n: u64| end - chrono::Days::new(n - 1);
        match self {
            Zoom::Days14 => (back(14), end),
            Zoom::Days30 => (back(30), end),
            Zoom::Window => {
                let first = journal.entries.iter().map(|e| e.day()).min().unwrap_or(w.dosing_date);
                (first.min(w.dosing_date).min(end), end)
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Zoom::Days14 => "last 14 days",
            Zoom::Days30 => "last 30 days",
            Zoom::Window => "whole window",
        }
    }
}

/// A loaded record and what it says today.
#[derive(Debug)]
pub struct Data {
    pub journal: Journal,
    pub overview: Overview,
    /// Values by day over the whole record, built once per load so a frame
    /// only slices it.
    pub days: Vec<(NaiveDate, DayValues)>,
    pub markers: Vec<(NaiveDate, EventKind)>,
}

impl Data {
    pub fn new(journal: Journal, today: NaiveDate, coverage: &Coverage) -> Self {
        let overview = Overview::new(&journal, today, coverage);
        Self::with_overview(journal, overview, today)
    }

    /// A record whose overview is already known (a caseload row).
    pub fn with_overview(journal: Journal, overview: Overview, today: NaiveDate) -> Self {
        let w = journal.window();
        let first = journal.entries.iter().map(|e| e.day()).min().unwrap_or(w.dosing_date).min(w.dosing_date);
        let last = journal.entries.iter().map(|e| e.day()).max().unwrap_or(today).max(today);
        let days = overview::daily(&journal, first, last);
        let markers = overview::markers(&journal, first.min(last), last);
        Self { journal, overview, days, markers }
    }

    /// The days `from..=to` (days outside the record have no values).
    pub fn days(&self, from: NaiveDate, to: NaiveDate) -> Cow<'_, [(NaiveDate, DayValues)]> {
        self.slice(&self.days, from, to)
    }

    fn slice<'a>(
        &'a self,
        all: &'a [(NaiveDate, DayValues)],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Cow<'a, [(NaiveDate, DayValues)]> {
        let covered =
            all.first().is_some_and(|(d, _)| from >= *d) && all.last().is_some_and(|(d, _)| to <= *d);
        if !covered || from > to {
            return overview::daily(&self.journal, from, to).into();
        }
        let first = all[0].0;
        let start = (from - first).num_days() as usize;
        let end = (to - first).num_days() as usize + 1;
        Cow::Borrowed(&all[start..end])
    }

    pub fn markers(&self, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, EventKind)> {
        self.markers.iter().copied().filter(|(d, _)| (from..=to).contains(d)).collect()
    }
}

/// Whose export a read-only review shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewInfo {
    pub header: String,
    /// The export's date filters: days outside them are not in the export.
    pub filters: crate::share::Filters,
}

impl ReviewInfo {
    pub fn caseload() -> Self {
        Self { header: "caseload".into(), filters: Default::default() }
    }
}

/// What every screen may read.
#[derive(Debug)]
pub struct Context {
    pub today: NaiveDate,
    pub data: Option<Data>,
    pub zoom: Zoom,
    /// Set for a therapist's review: no check-ins, no amendments.
    pub review: Option<ReviewInfo>,
    /// What the participant's database remembers (the therapist's key).
    pub settings: crate::store::Settings,
}

impl Context {
    pub fn readonly(&self) -> bool {
        self.review.is_some()
    }

    /// Whether a day is in the record shown (a partial export leaves days out).
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.review.as_ref().is_none_or(|r| r.filters.covers(day))
    }

    /// Whether the record shown is a partial export.
    pub fn partial(&self) -> bool {
        self.review.as_ref().is_some_and(|r| r.filters.partial())
    }

    /// The days the charts show: the zoom's span, within what the record covers.
    pub fn chart_range(&self, journal: &Journal) -> (NaiveDate, NaiveDate) {
        let (mut from, mut to) = self.zoom.range(journal, self.today);
        if let Some(f) = self.review.as_ref().map(|r| &r.filters) {
            from = f.from.map_or(from, |d| from.max(d));
            to = f.to.map_or(to, |d| to.min(d));
        }
        (from.min(to), to)
    }
}
