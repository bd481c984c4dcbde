//! The follow-up window: day 0 is the dosing session, days before it are the
//! baseline period, and the window runs to day `length` (182 by default).
//!
//! Days are the participant's local calendar dates (`NaiveDate`), so a
//! daylight-saving change never moves a day number.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

mod adherence;
#[cfg(test)]
mod tests;
mod weeks;

pub use adherence::{Adherence, DoneDays, Due, Ratio, streak};
pub use weeks::{WeekScore, days_of_week, week_of, weekly};

/// Six months, the default window length in days.
pub const DEFAULT_LENGTH_DAYS: u32 = 182;
/// The longest window that can be set up (ten years).
pub const MAX_LENGTH_DAYS: u32 = 3660;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    #[error("the window must be 1 to 3660 days long, got {0}")]
    Length(u32),
    #[error("the PHQ-9 cadence must be every 1 to 28 days, got {0}")]
    Cadence(u32),
    #[error("the GAD-7 cadence must be every 1 to 28 days, or 0 for not used; got {0}")]
    Gad7Cadence(u32),
    #[error("the dosing date must be between 1970 and 2200, got {0}")]
    Date(NaiveDate),
    #[error(
        "the dosing session on {dosing} is {days} days away: entries start at most 90 days before day 0, so nothing could be recorded before {first} (a typo in the year?)"
    )]
    TooFarAhead { dosing: NaiveDate, days: i64, first: NaiveDate },
    #[error(
        "a {length}-day window from {dosing} ended on {end}, before today: the follow-up would be over already (a typo in the year?)"
    )]
    AlreadyOver { dosing: NaiveDate, length: u32, end: NaiveDate },
}

/// The baseline period: the two weeks before day 0 (days −14 to −1), which
/// the PHQ-9's two-week recall covers.
pub const BASELINE_DAYS: i64 = 14;

/// How far before the dosing session an entry may be dated: the baseline
/// period is for the weeks before day 0, and a date further back is far more
/// likely a typo (a wrong year) than a record.
pub const BASELINE_MAX_DAYS: i64 = 90;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DayError {
    #[error("{0} is in the future: entries are for today or a past day")]
    Future(NaiveDate),
    #[error(
        "{date} is {days} days before the dosing session ({dosing}): entries start at most 90 days before day 0 (a typo in the year?)"
    )]
    TooEarly { date: NaiveDate, days: i64, dosing: NaiveDate },
    #[error(
        "{date} is {days} days after the follow-up ends ({end}): events go at most 90 days past its last day (a typo in the year?)"
    )]
    TooLate { date: NaiveDate, days: i64, end: NaiveDate },
}

/// How far past the window's last day an event may be dated (a session
/// booked after the follow-up ends).
pub const EVENT_AFTER_END_DAYS: i64 = 90;

/// How often a questionnaire comes: `daily`, `every 7 days`.
pub fn cadence(every: u32) -> String {
    if every == 1 { "daily".into() } else { format!("every {every} days") }
}

/// Where today falls in the follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Before the dosing session.
    Baseline { days_to_dosing: i64 },
    /// Day 0 to the last day of the window.
    Active { day: i64 },
    /// After the window's last day.
    Complete { days_after_end: i64 },
}

impl Phase {
    /// Where the follow-up stands, in words, the same on every screen and
    /// report: `baseline period, dosing in 3 days`, `day 150 of 182`,
    /// `follow-up complete (182 days)`.
    pub fn describe(self, length_days: u32) -> String {
        match self {
            Phase::Baseline { days_to_dosing: 1 } => "baseline period, dosing tomorrow".into(),
            Phase::Baseline { days_to_dosing } => format!("baseline period, dosing in {days_to_dosing} days"),
            Phase::Active { day } => format!("day {day} of {length_days}"),
            Phase::Complete { .. } => format!("follow-up complete ({length_days} days)"),
        }
    }
}

/// The follow-up window and the PHQ-9 cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub dosing_date: NaiveDate,
    pub length_days: u32,
    pub phq9_every: u32,
    /// The GAD-7 every N days; 0: not used (the default).
    #[serde(default)]
    pub gad7_every: u32,
}

impl Window {
    /// The same window with a GAD-7 cadence (0: not used).
    pub fn with_gad7_every(self, every: u32) -> Result<Self, WindowError> {
        if every > 28 {
            return Err(WindowError::Gad7Cadence(every));
        }
        Ok(Self { gad7_every: every, ..self })
    }

    /// Whether the GAD-7 is used.
    pub fn uses_gad7(&self) -> bool {
        self.gad7_every > 0
    }

    /// The window in one line, the same in the app and on the command line:
    /// `dosing session 2026-03-01 (day 0), window 182 days, PHQ-9 daily,
    /// GAD-7 not used`.
    pub fn describe(&self) -> String {
        let gad7 = if self.uses_gad7() {
            format!("GAD-7 {}", cadence(self.gad7_every))
        } else {
            "GAD-7 not used".into()
        };
        format!(
            "dosing session {} (day 0), window {} days, PHQ-9 {}, {gad7}",
            self.dosing_date,
            self.length_days,
            cadence(self.phq9_every)
        )
    }

    pub fn new(dosing_date: NaiveDate, length_days: u32, phq9_every: u32) -> Result<Self, WindowError> {
        if !(1..=MAX_LENGTH_DAYS).contains(&length_days) {
            return Err(WindowError::Length(length_days));
        }
        if !(1..=28).contains(&phq9_every) {
            return Err(WindowError::Cadence(phq9_every));
        }
        if !(1970..=2200).contains(&chrono::Datelike::year(&dosing_date)) {
            return Err(WindowError::Date(dosing_date));
        }
        Ok(Self { dosing_date, length_days, phq9_every, gad7_every: 0 })
    }

    /// Whether entries can be recorded in this window from `today` on: the
    /// dosing session at most [`BASELINE_MAX_DAYS`] ahead (the earliest
    /// day an entry may have), and not further back than the window's end.
    pub fn check_ahead(self, today: NaiveDate) -> Result<Self, WindowError> {
        let days = -self.day_of(today);
        if days > BASELINE_MAX_DAYS {
            let first = self.date_of(-BASELINE_MAX_DAYS);
            return Err(WindowError::TooFarAhead { dosing: self.dosing_date, days, first });
        }
        Ok(self)
    }

    /// For a new participant: [`check_ahead`](Self::check_ahead), and the
    /// window not already over.
    pub fn check_new(self, today: NaiveDate) -> Result<Self, WindowError> {
        if self.end_date() < today {
            let (dosing, length, end) = (self.dosing_date, self.length_days, self.end_date());
            return Err(WindowError::AlreadyOver { dosing, length, end });
        }
        self.check_ahead(today)
    }

    /// For a correction of the window `current`: the checks a new
    /// participant's window passes ([`check_new`](Self::check_new)), so a
    /// typo in the year cannot end a running follow-up; a follow-up already
    /// over may stay over (a finished participant's dates can still be
    /// corrected), and is held to [`check_ahead`](Self::check_ahead).
    pub fn check_correction(self, current: Window, today: NaiveDate) -> Result<Self, WindowError> {
        if current.end_date() < today { self.check_ahead(today) } else { self.check_new(today) }
    }

    /// Day number of a date: 0 on the dosing date, negative in the baseline period.
    pub fn day_of(&self, date: NaiveDate) -> i64 {
        (date - self.dosing_date).num_days()
    }

    /// The date of a day number.
    pub fn date_of(&self, day: i64) -> NaiveDate {
        if day >= 0 {
            self.dosing_date + Days::new(day as u64)
        } else {
            self.dosing_date - Days::new(day.unsigned_abs())
        }
    }

    /// The window's last day (day `length_days`).
    pub fn end_date(&self) -> NaiveDate {
        self.date_of(i64::from(self.length_days))
    }

    pub fn phase(&self, today: NaiveDate) -> Phase {
        let day = self.day_of(today);
        if day < 0 {
            Phase::Baseline { days_to_dosing: -day }
        } else if day <= i64::from(self.length_days) {
            Phase::Active { day }
        } else {
            Phase::Complete { days_after_end: day - i64::from(self.length_days) }
        }
    }

    /// Whether an entry can be dated `date` on `today`: not in the future,
    /// not more than [`BASELINE_MAX_DAYS`] before day 0.
    pub fn check_entry_day(&self, date: NaiveDate, today: NaiveDate) -> Result<(), DayError> {
        if date > today {
            return Err(DayError::Future(date));
        }
        let day = self.day_of(date);
        if day < -BASELINE_MAX_DAYS {
            return Err(DayError::TooEarly { date, days: -day, dosing: self.dosing_date });
        }
        Ok(())
    }

    /// Whether an event can be dated `date`: from [`BASELINE_MAX_DAYS`]
    /// before day 0 to [`EVENT_AFTER_END_DAYS`] after the last day (a
    /// planned session may be in the future; two years ahead is a typo).
    pub fn check_event_day(&self, date: NaiveDate) -> Result<(), DayError> {
        let day = self.day_of(date);
        if day < -BASELINE_MAX_DAYS {
            return Err(DayError::TooEarly { date, days: -day, dosing: self.dosing_date });
        }
        let after = day - i64::from(self.length_days);
        if after > EVENT_AFTER_END_DAYS {
            return Err(DayError::TooLate { date, days: after, end: self.end_date() });
        }
        Ok(())
    }

    /// Whether a date from an imported record is plausible for this window:
    /// no further than ten years either side of it. Anything beyond is a
    /// damaged or forged record, refused before it is drawn or summed.
    pub fn plausible(&self, date: NaiveDate) -> bool {
        let day = self.day_of(date);
        (-i64::from(MAX_LENGTH_DAYS)..=i64::from(self.length_days) + i64::from(MAX_LENGTH_DAYS))
            .contains(&day)
    }

    /// Whether a date is inside the window (day 0 to the last day).
    pub fn contains(&self, date: NaiveDate) -> bool {
        (0..=i64::from(self.length_days)).contains(&self.day_of(date))
    }

    /// The first day of the PHQ-9 cadence period that holds `date`. Periods
    /// are counted from day 0 in both directions, so with a weekly cadence
    /// they start on days …, -7, 0, 7, 14, …
    pub fn phq9_period_start(&self, date: NaiveDate) -> NaiveDate {
        self.period_start(date, self.phq9_every)
    }

    /// The first day of a cadence period of `every` days that holds `date`.
    fn period_start(&self, date: NaiveDate, every: u32) -> NaiveDate {
        let day = self.day_of(date);
        self.date_of(day - day.rem_euclid(i64::from(every.max(1))))
    }

    /// Whether a PHQ-9 is scheduled on this date (the start of a period).
    pub fn phq9_scheduled(&self, date: NaiveDate) -> bool {
        self.phq9_period_start(date) == date
    }
}
