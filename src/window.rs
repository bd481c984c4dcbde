//! The follow-up window: day 0 is the dosing session, days before it are the
//! baseline period, and the window runs to day `length` (182 by default).
//!
//! Days are the participant's local calendar dates (`NaiveDate`), so a
//! daylight-saving change never moves a day number.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

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
}

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

    /// What is due today, given the days that already have entries.
    /// Nothing is due once the window is over.
    pub fn due(&self, today: NaiveDate, done: &DoneDays) -> Due {
        if matches!(self.phase(today), Phase::Complete { .. }) {
            return Due::default();
        }
        let open = |days: &BTreeSet<NaiveDate>, every: u32| {
            days.range(self.period_start(today, every)..=today).next().is_none()
        };
        Due {
            mood: !done.mood.contains(&today),
            phq9: open(&done.phq9, self.phq9_every),
            gad7: self.uses_gad7() && open(&done.gad7, self.gad7_every),
        }
    }

    /// The days from `first` that have passed: up to yesterday, and today
    /// once it has an entry (a day still in progress is not yet missed).
    fn elapsed_days(
        &self,
        first: NaiveDate,
        today: NaiveDate,
        done_today: bool,
    ) -> Option<(NaiveDate, NaiveDate)> {
        let last = if done_today { today } else { today.pred_opt()? };
        let last = last.min(self.end_date());
        (last >= first).then_some((first, last))
    }

    /// Adherence over the elapsed part of the window (from day 0): the share
    /// of days with a mood entry and the share of scheduled PHQ-9s done (a
    /// PHQ-9 anywhere in its cadence period counts).
    pub fn adherence(&self, today: NaiveDate, done: &DoneDays) -> Adherence {
        self.adherence_since(self.dosing_date, today, done)
    }

    /// The first day a participant's own adherence counts from: the later
    /// of the day they set followup up and the start of the baseline
    /// period (day −14), so the days before they had it never count as missed.
    pub fn own_adherence_start(&self, set_up: NaiveDate) -> NaiveDate {
        set_up.max(self.date_of(-BASELINE_DAYS))
    }

    /// Adherence counted from `first` (see [`Window::adherence`]).
    pub fn adherence_since(&self, first: NaiveDate, today: NaiveDate, done: &DoneDays) -> Adherence {
        let mood = self.elapsed_days(first, today, done.mood.contains(&today)).map(|(from, to)| Ratio {
            done: done.mood.range(from..=to).count() as u32,
            expected: (to - from).num_days() as u32 + 1,
        });
        Adherence {
            mood,
            phq9: self.scheduled(first, today, &done.phq9, self.phq9_every),
            gad7: if self.uses_gad7() {
                self.scheduled(first, today, &done.gad7, self.gad7_every)
            } else {
                None
            },
        }
    }

    /// The share of scheduled questionnaires done: a period of `every` days
    /// counts once it is over, or done.
    fn scheduled(
        &self,
        first: NaiveDate,
        today: NaiveDate,
        days: &BTreeSet<NaiveDate>,
        every: u32,
    ) -> Option<Ratio> {
        let today_done = days.range(self.period_start(today, every)..=today).next().is_some();
        let ratio = self.elapsed_days(first, today, today_done).map(|(from, to)| {
            let every = i64::from(every.max(1));
            let mut ratio = Ratio { done: 0, expected: 0 };
            let mut start = self.period_start(from, every as u32);
            while start <= to {
                let period_end = self.date_of(self.day_of(start) + every - 1);
                let done = days.range(start..=period_end).next().is_some();
                if period_end <= to || done {
                    ratio.expected += 1;
                    ratio.done += u32::from(done);
                }
                start = self.date_of(self.day_of(start) + every);
            }
            ratio
        });
        ratio.filter(|r| r.expected > 0)
    }
}

/// The days that have a (current) entry of each kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DoneDays {
    pub mood: BTreeSet<NaiveDate>,
    pub phq9: BTreeSet<NaiveDate>,
    pub gad7: BTreeSet<NaiveDate>,
}

/// Check-ins still to do today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Due {
    pub mood: bool,
    pub phq9: bool,
    /// Only when the GAD-7 is used.
    pub gad7: bool,
}

impl Due {
    pub fn any(&self) -> bool {
        self.mood || self.phq9 || self.gad7
    }
}

/// `done` out of `expected`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub done: u32,
    pub expected: u32,
}

impl Ratio {
    pub fn percent(&self) -> u32 {
        (self.done * 100 + self.expected / 2).checked_div(self.expected).unwrap_or(0)
    }
}

/// Adherence so far; `None` before the dosing session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Adherence {
    pub mood: Option<Ratio>,
    pub phq9: Option<Ratio>,
    /// Only when the GAD-7 is used.
    pub gad7: Option<Ratio>,
}

impl Adherence {
    /// For people, the same in the app and in `status`: `mood 95% (156/165
    /// days) · PHQ-9 95% (156/165)`; `None` before the first day counts.
    pub fn describe(&self) -> Option<String> {
        let m = self.mood?;
        let share = |name: &str, r: Option<Ratio>| {
            r.map_or(String::new(), |r| {
                format!(" \u{b7} {name} {}% ({}/{})", r.percent(), r.done, r.expected)
            })
        };
        Some(format!(
            "mood {}% ({}/{} days){}{}",
            m.percent(),
            m.done,
            m.expected,
            share("PHQ-9", self.phq9),
            share("GAD-7", self.gad7)
        ))
    }
}

/// Consecutive days with a mood entry, ending today (or yesterday, while
/// today's entry is still to come).
pub fn streak(today: NaiveDate, mood_days: &BTreeSet<NaiveDate>) -> u32 {
    let mut day = if mood_days.contains(&today) { Some(today) } else { today.pred_opt() };
    let mut n = 0;
    while let Some(d) = day {
        if !mood_days.contains(&d) {
            break;
        }
        n += 1;
        day = d.pred_opt();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(mood: &BTreeSet<NaiveDate>, phq9: &BTreeSet<NaiveDate>) -> DoneDays {
        DoneDays { mood: mood.clone(), phq9: phq9.clone(), gad7: BTreeSet::new() }
    }
    use chrono::{DateTime, FixedOffset, TimeZone, Utc};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn days(list: &[&str]) -> BTreeSet<NaiveDate> {
        list.iter().map(|s| d(s)).collect()
    }

    #[test]
    fn day_numbers_across_month_ends_and_leap_days() {
        let w = Window::new(d("2028-02-27"), 182, 1).unwrap();
        assert_eq!(w.day_of(d("2028-02-27")), 0);
        assert_eq!(w.day_of(d("2028-02-29")), 2, "2028 is a leap year");
        assert_eq!(w.day_of(d("2028-03-01")), 3);
        assert_eq!(w.day_of(d("2028-02-26")), -1);
        assert_eq!(w.date_of(-1), d("2028-02-26"));
        assert_eq!(w.end_date(), d("2028-08-27"));
        let w = Window::new(d("2027-02-27"), 182, 1).unwrap();
        assert_eq!(w.day_of(d("2027-03-01")), 2, "2027 is not");
        let w = Window::new(d("2026-12-31"), 1, 1).unwrap();
        assert_eq!(w.end_date(), d("2027-01-01"));
        for n in -400..400 {
            assert_eq!(w.day_of(w.date_of(n)), n);
        }
    }

    #[test]
    fn a_new_window_is_one_entries_can_be_recorded_in() {
        let today = d("2026-11-23");
        let w = |dosing: &str| Window::new(d(dosing), 182, 1).unwrap();
        // 90 days ahead is the earliest baseline entry today; 91 is too far
        assert!(w("2027-02-21").check_new(today).is_ok());
        let err = w("2027-02-22").check_new(today).unwrap_err();
        assert_eq!(
            err,
            WindowError::TooFarAhead { dosing: d("2027-02-22"), days: 91, first: d("2026-11-24") }
        );
        // the window's last day is today: still open; a day earlier, over
        assert!(w("2026-05-25").check_new(today).is_ok());
        assert!(matches!(w("2026-05-24").check_new(today), Err(WindowError::AlreadyOver { .. })));
        // a correction of a running follow-up is held to the same checks
        let running = w("2026-11-01");
        let year_ago = Window::new(d("2025-11-23"), 10, 1).unwrap();
        assert!(matches!(year_ago.check_correction(running, today), Err(WindowError::AlreadyOver { .. })));
        assert!(matches!(
            w("2027-02-22").check_correction(running, today),
            Err(WindowError::TooFarAhead { .. })
        ));
        assert!(w("2026-11-03").check_correction(running, today).is_ok());
        assert!(w("2026-05-25").check_correction(running, today).is_ok(), "its last day is today");
        // a finished follow-up's dates can still be corrected, never into the far future
        let finished = w("2026-05-01");
        assert!(w("2026-05-03").check_correction(finished, today).is_ok());
        assert!(year_ago.check_correction(finished, today).is_ok());
        assert!(w("2027-02-22").check_correction(finished, today).is_err());
    }

    #[test]
    fn day_numbers_ignore_a_daylight_saving_change() {
        // Europe moved clocks forward on 2026-03-29: that day has 23 hours.
        let w = Window::new(d("2026-03-28"), 182, 1).unwrap();
        assert_eq!(w.day_of(d("2026-03-29")), 1);
        assert_eq!(w.day_of(d("2026-03-30")), 2);
        // A record made at 00:30 local time just after the change belongs to
        // the local date, not the UTC one.
        let cest = FixedOffset::east_opt(2 * 3600).unwrap();
        let t: DateTime<FixedOffset> = cest.with_ymd_and_hms(2026, 3, 30, 0, 30, 0).unwrap();
        assert_eq!(t.with_timezone(&Utc).date_naive(), d("2026-03-29"));
        assert_eq!(t.date_naive(), d("2026-03-30"));
        assert_eq!(w.day_of(t.date_naive()), 2);
    }

    #[test]
    fn phases() {
        let w = Window::new(d("2026-06-10"), 182, 1).unwrap();
        assert_eq!(w.phase(d("2026-06-07")), Phase::Baseline { days_to_dosing: 3 });
        assert_eq!(w.phase(d("2026-06-10")), Phase::Active { day: 0 });
        assert_eq!(w.phase(w.end_date()), Phase::Active { day: 182 });
        assert_eq!(w.phase(d("2026-12-10")), Phase::Complete { days_after_end: 1 });
        assert!(w.contains(d("2026-06-10")) && !w.contains(d("2026-06-09")));
    }

    #[test]
    fn weekly_cadence_periods() {
        let w = Window::new(d("2026-01-01"), 182, 7).unwrap();
        assert!(w.phq9_scheduled(d("2026-01-01")));
        assert!(w.phq9_scheduled(d("2026-01-08")));
        assert!(w.phq9_scheduled(d("2025-12-25")), "baseline periods count back from day 0");
        assert!(!w.phq9_scheduled(d("2026-01-02")));
        assert_eq!(w.phq9_period_start(d("2026-01-10")), d("2026-01-08"));
        assert_eq!(w.phq9_period_start(d("2025-12-31")), d("2025-12-25"));
    }

    #[test]
    fn what_is_due() {
        let w = Window::new(d("2026-01-01"), 30, 7).unwrap();
        let today = d("2026-01-10");
        let due = w.due(today, &done(&days(&[]), &days(&[])));
        assert_eq!(due, Due { mood: true, phq9: true, gad7: false });
        // a PHQ-9 on day 8 (Jan 9) covers the period that started Jan 8
        let due = w.due(today, &done(&days(&["2026-01-10"]), &days(&["2026-01-09"])));
        assert_eq!(due, Due { mood: false, phq9: false, gad7: false });
        assert!(!due.any());
        // nothing is due after the window
        assert!(!w.due(d("2026-03-01"), &done(&days(&[]), &days(&[]))).any());
        // daily cadence: due every day
        let w = Window::new(d("2026-01-01"), 30, 1).unwrap();
        assert!(w.due(today, &done(&days(&["2026-01-10"]), &days(&["2026-01-09"]))).phq9);
    }

    #[test]
    fn adherence_counts_elapsed_days_and_today_once_done() {
        let w = Window::new(d("2026-01-01"), 182, 1).unwrap();
        let mood = days(&["2026-01-01", "2026-01-02", "2026-01-04"]);
        // Jan 5, nothing yet today: days 0–3 elapsed, 3 of 4
        let a = w.adherence(d("2026-01-05"), &done(&mood, &days(&["2026-01-01"])));
        assert_eq!(a.mood, Some(Ratio { done: 3, expected: 4 }));
        assert_eq!(a.mood.unwrap().percent(), 75);
        assert_eq!(a.phq9, Some(Ratio { done: 1, expected: 4 }));
        // once today is logged it counts
        let mut mood2 = mood.clone();
        mood2.insert(d("2026-01-05"));
        let a = w.adherence(d("2026-01-05"), &done(&mood2, &days(&[])));
        assert_eq!(a.mood, Some(Ratio { done: 4, expected: 5 }));
        // baseline-period entries do not count and nothing is expected before day 0
        let a = w.adherence(d("2025-12-30"), &done(&days(&["2025-12-29"]), &days(&[])));
        assert_eq!(a.mood, None);
        assert_eq!(a.phq9, None);
        // on day 0 with nothing logged yet there is nothing to measure
        assert_eq!(w.adherence(d("2026-01-01"), &done(&days(&[]), &days(&[]))).mood, None);
        // after the window, only window days count
        let short = Window::new(d("2026-01-01"), 2, 1).unwrap();
        let a = short.adherence(d("2026-02-01"), &done(&days(&["2026-01-01", "2026-01-20"]), &days(&[])));
        assert_eq!(a.mood, Some(Ratio { done: 1, expected: 3 }));
    }

    #[test]
    fn own_adherence_counts_from_set_up() {
        let w = Window::new(d("2026-01-01"), 182, 1).unwrap();
        // set up on day 5, logged days 5 and 6; today is day 7
        let mood = days(&["2026-01-06", "2026-01-07"]);
        let from_day_0 = w.adherence(d("2026-01-08"), &done(&mood, &days(&[])));
        assert_eq!(from_day_0.mood, Some(Ratio { done: 2, expected: 7 }));
        let start = w.own_adherence_start(d("2026-01-06"));
        assert_eq!(start, d("2026-01-06"));
        let own = w.adherence_since(start, d("2026-01-08"), &done(&mood, &days(&[])));
        assert_eq!(own.mood, Some(Ratio { done: 2, expected: 2 }));
        // on the day of set-up, nothing is missed yet
        let own = w.adherence_since(start, d("2026-01-06"), &done(&days(&[]), &days(&[])));
        assert_eq!(own.mood, None);
        // set up long before dosing: counted from day -14
        assert_eq!(w.own_adherence_start(d("2025-11-01")), d("2025-12-18"));
    }

    #[test]
    fn weekly_adherence_counts_whole_periods() {
        let w = Window::new(d("2026-01-01"), 182, 7).unwrap();
        // day 15 (Jan 16): periods from day 0 and day 7 are over, day 14's is open
        let a = w.adherence(d("2026-01-16"), &done(&days(&[]), &days(&["2026-01-03"])));
        assert_eq!(a.phq9, Some(Ratio { done: 1, expected: 2 }));
        // doing the open period's PHQ-9 counts it at once
        let a = w.adherence(d("2026-01-16"), &done(&days(&[]), &days(&["2026-01-03", "2026-01-16"])));
        assert_eq!(a.phq9, Some(Ratio { done: 2, expected: 3 }));
    }

    #[test]
    fn streaks() {
        let mood = days(&["2026-01-01", "2026-01-03", "2026-01-04", "2026-01-05"]);
        assert_eq!(streak(d("2026-01-05"), &mood), 3);
        assert_eq!(streak(d("2026-01-06"), &mood), 3, "today not logged yet");
        assert_eq!(streak(d("2026-01-07"), &mood), 0);
        assert_eq!(streak(d("2026-01-01"), &mood), 1);
        // across a month end and a leap day
        let mood = days(&["2028-02-28", "2028-02-29", "2028-03-01"]);
        assert_eq!(streak(d("2028-03-01"), &mood), 3);
    }

    #[test]
    fn entry_days_are_bounded() {
        let w = Window::new(d("2026-06-10"), 182, 1).unwrap();
        let today = d("2026-07-01");
        assert!(w.check_entry_day(today, today).is_ok());
        assert!(w.check_entry_day(d("2026-03-12"), today).is_ok(), "90 days of baseline");
        assert!(matches!(
            w.check_entry_day(d("2026-03-11"), today),
            Err(DayError::TooEarly { days: 91, .. })
        ));
        assert!(matches!(w.check_entry_day(d("2026-07-02"), today), Err(DayError::Future(_))));
    }

    #[test]
    fn bad_windows_are_refused() {
        assert_eq!(Window::new(d("2026-01-01"), 0, 1), Err(WindowError::Length(0)));
        assert_eq!(Window::new(d("2026-01-01"), 182, 0), Err(WindowError::Cadence(0)));
        assert!(Window::new(d("2026-01-01"), 3660, 28).is_ok());
    }
}
