use super::*;
use std::collections::BTreeSet;

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
    assert_eq!(err, WindowError::TooFarAhead { dosing: d("2027-02-22"), days: 91, first: d("2026-11-24") });
    // the window's last day is today: still open; a day earlier, over
    assert!(w("2026-05-25").check_new(today).is_ok());
    assert!(matches!(w("2026-05-24").check_new(today), Err(WindowError::AlreadyOver { .. })));
    // a correction of a running follow-up is held to the same checks
    let running = w("2026-11-01");
    let year_ago = Window::new(d("2025-11-23"), 10, 1).unwrap();
    assert!(matches!(year_ago.check_correction(running, today), Err(WindowError::AlreadyOver { .. })));
    assert!(matches!(w("2027-02-22").check_correction(running, today), Err(WindowError::TooFarAhead { .. })));
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
    assert!(matches!(w.check_entry_day(d("2026-03-11"), today), Err(DayError::TooEarly { days: 91, .. })));
    assert!(matches!(w.check_entry_day(d("2026-07-02"), today), Err(DayError::Future(_))));
}

#[test]
fn bad_windows_are_refused() {
    assert_eq!(Window::new(d("2026-01-01"), 0, 1), Err(WindowError::Length(0)));
    assert_eq!(Window::new(d("2026-01-01"), 182, 0), Err(WindowError::Cadence(0)));
    assert!(Window::new(d("2026-01-01"), 3660, 28).is_ok());
}
