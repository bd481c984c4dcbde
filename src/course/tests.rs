use super::*;
use crate::instrument::{Mood, Phq9};
use crate::journal::Profile;
use crate::record::{Change, Entry, EntryData, Event, EventData, EventKind, Record, Version, Versioned};
use crate::window::Window;
use chrono::{FixedOffset, TimeZone};

fn dosing() -> NaiveDate {
    "2026-01-01".parse().unwrap()
}

fn version<T>(number: u32, change: Change, data: T) -> Version<T> {
    let at = FixedOffset::east_opt(0).unwrap().with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap();
    let reason = (number > 1).then(|| "fix".to_string());
    Version { number, change, recorded_at: at, reason, data }
}

/// Answers summing to `total` (item 9 left at 0).
fn answers(total: u8) -> [u8; 9] {
    let mut a = [0u8; 9];
    let mut left = total;
    for slot in a.iter_mut().take(8) {
        let v = left.min(3);
        *slot = v;
        left -= v;
    }
    a
}

fn phq9(id: i64, day: i64, total: u8) -> Entry {
    let w = Window::new(dosing(), 182, 1).unwrap();
    let record = Record::Phq9(Phq9::answered(answers(total), None).unwrap());
    Versioned { id, versions: vec![version(1, Change::Original, EntryData { day: w.date_of(day), record })] }
}

fn mood(id: i64, day: i64, value: u8) -> Entry {
    let w = Window::new(dosing(), 182, 1).unwrap();
    let record = Record::Mood(Mood::new(value).unwrap());
    Versioned { id, versions: vec![version(1, Change::Original, EntryData { day: w.date_of(day), record })] }
}

fn journal(entries: Vec<Entry>) -> Journal {
    let window = Window::new(dosing(), 182, 1).unwrap();
    Journal { profile: Profile::new("T".into(), window, None), entries, events: vec![] }
}

/// A baseline on day -1 and one PHQ-9 on the first day of each week given.
fn weekly(baseline: u8, weeks: &[(u32, u8)]) -> Course {
    let mut entries = vec![phq9(1, -1, baseline)];
    for (i, (k, total)) in weeks.iter().enumerate() {
        entries.push(phq9(i as i64 + 2, days_of_week(*k).0, *total));
    }
    Course::new(&journal(entries), dosing() + chrono::Days::new(400))
}

#[test]
fn weekly_scores_are_means_and_a_week_without_a_score_is_a_gap() {
    let j = journal(vec![phq9(1, -2, 20), phq9(2, 1, 10), phq9(3, 3, 7), phq9(4, 15, 6), mood(5, 9, 4)]);
    let c = Course::new(&j, dosing() + chrono::Days::new(30));
    let w: Vec<(u32, Option<f64>, u32, Option<f64>)> =
        c.weeks.iter().map(|w| (w.week, w.phq9, w.phq9_n, w.mood)).collect();
    assert_eq!(w, vec![(1, Some(8.5), 2, None), (2, None, 0, Some(4.0)), (3, Some(6.0), 1, None)]);
    assert_eq!(c.scored_weeks, 2, "a week with only a mood entry is not scored");
    assert_eq!(c.weeks[1].response, None);
}

#[test]
fn a_score_of_exactly_half_the_baseline_is_a_response() {
    let c = weekly(20, &[(1, 10), (2, 11)]);
    assert_eq!(c.weeks[0].response, Some(true));
    assert_eq!(c.weeks[1].response, Some(false));
    assert_eq!((c.first_response_day, c.first_response_week), (Some(1), Some(1)));
}

#[test]
fn a_baseline_of_exactly_10_is_eligible_and_below_it_is_not() {
    let c = weekly(10, &[(1, 5), (2, 6)]);
    assert!(c.eligible());
    assert_eq!(c.first_response_week, Some(1));
    let c = weekly(9, &[(1, 0), (2, 0)]);
    assert!(!c.eligible());
    assert_eq!((c.first_response_week, c.weeks[0].response), (None, None));
    assert_eq!(c.sustained_w12, Sustained::NotApplicable);
    assert_eq!(c.remission_weeks, 2, "remission does not need caseness");
    assert!(c.sentence().contains("below 10"), "{}", c.sentence());
}

#[test]
fn loss_needs_two_scored_non_response_weeks_in_a_row_skipping_gaps() {
    // a single dip is not a loss
    let c = weekly(20, &[(1, 8), (2, 14), (3, 8), (4, 9)]);
    assert_eq!((c.response_lost_week, c.response_weeks, c.response_ongoing), (None, Some(4), Some(true)));
    // week 3 has no score: weeks 2 and 4 are consecutive scored weeks
    let c = weekly(20, &[(1, 8), (2, 14), (4, 15), (5, 8)]);
    assert_eq!((c.response_lost_week, c.response_weeks, c.response_ongoing), (Some(2), Some(1), Some(false)));
    assert!(c.sentence().starts_with("response in week 1, lost in week 2"), "{}", c.sentence());
    // a non-response week after a loss never un-loses it
    let c = weekly(20, &[(1, 8), (2, 14), (4, 15), (5, 8), (6, 16), (7, 17)]);
    assert_eq!(c.response_lost_week, Some(2));
    assert_eq!(c.responding_again_since(), None, "the latest week is not a response");
}

/// Scores in weeks 1, 2, 3, 6, 7 and 8: weeks 4 and 5 had none, and are
/// never said to be response weeks.
#[test]
fn a_loss_after_unscored_weeks_claims_no_response_in_them() {
    let c = weekly(20, &[(1, 8), (2, 8), (3, 8), (6, 14), (7, 15), (8, 16)]);
    assert_eq!((c.first_response_week, c.response_lost_week, c.response_weeks), (Some(1), Some(6), Some(5)));
    let s = c.sentence();
    assert!(!s.contains("weeks 1 to 5"), "{s}");
    assert!(s.starts_with("response from week 1, lost in week 6 (no score in weeks 4 and 5)"), "{s}");
    // a scored week above half before the loss is not a response week either
    let c = weekly(20, &[(1, 8), (2, 14), (3, 8), (4, 14), (5, 15)]);
    assert_eq!(c.response_lost_week, Some(4));
    assert!(c.sentence().starts_with("response from week 1, lost in week 4 \u{b7}"), "{}", c.sentence());
    // every week before the loss a response week: named as a run
    let c = weekly(20, &[(1, 8), (2, 8), (3, 8), (4, 14), (5, 15)]);
    assert!(c.sentence().starts_with("response weeks 1 to 3, lost in week 4"), "{}", c.sentence());
    assert_eq!(weeks_named(&[4]), "week 4");
    assert_eq!(weeks_named(&[3, 4, 5, 8, 10, 11]), "weeks 3 to 5, 8, 10 and 11");
}

#[test]
fn response_again_after_a_loss_is_said_but_does_not_undo_it() {
    // lost in week 2; weeks 5 to 8 respond again, week 7 has no score
    let c = weekly(20, &[(1, 8), (2, 14), (4, 15), (5, 8), (6, 9), (8, 7)]);
    assert_eq!((c.response_lost_week, c.response_weeks), (Some(2), Some(1)));
    assert_eq!(c.responding_again_since(), Some(5));
    assert!(c.sentence().contains("lost in week 2 \u{b7} responding again since week 5"), "{}", c.sentence());
    // never responded: nothing to be again
    assert_eq!(weekly(20, &[(1, 15), (2, 8)]).responding_again_since(), None);
}

#[test]
fn sustained_response_through_week_12() {
    let all = |k: std::ops::RangeInclusive<u32>, v: u8| k.map(|k| (k, v)).collect::<Vec<_>>();
    assert_eq!(weekly(20, &all(1..=12, 8)).sustained_w12, Sustained::Yes);
    // week 12 missing: unknown
    assert_eq!(weekly(20, &all(1..=11, 8)).sustained_w12, Sustained::Unknown);
    // week 3 missing: unknown
    let mut w = all(1..=12, 8);
    w.retain(|(k, _)| *k != 3);
    assert_eq!(weekly(20, &w).sustained_w12, Sustained::Unknown);
    // any scored week from 3 to 12 that is not a response: no
    let mut w = all(1..=12, 8);
    w[6].1 = 12;
    assert_eq!(weekly(20, &w).sustained_w12, Sustained::No);
    // week 2 not a response does not matter
    let mut w = all(1..=12, 8);
    w[1].1 = 15;
    assert_eq!(weekly(20, &w).sustained_w12, Sustained::Yes);
}

#[test]
fn best_week_ties_go_to_the_earliest_and_rising_needs_five_points() {
    let c = weekly(20, &[(1, 8), (2, 4), (3, 4), (4, 8)]);
    assert_eq!(c.best, Some((2, 4.0)));
    assert!(!c.rising_from_best, "8 is 4 above the best");
    let c = weekly(20, &[(1, 8), (2, 4), (3, 4), (4, 9)]);
    assert!(c.rising_from_best, "9 is 5 above the best");
    assert!(c.sentence().contains("rising +5 from best (week 2)"), "{}", c.sentence());
    let c = weekly(20, &[(1, 9), (2, 4)]);
    assert!(!c.rising_from_best, "the latest week is the best");
    assert_eq!((c.remission_weeks, c.scored_weeks), (1, 2));
}

/// Weeks with several PHQ-9s have means in thirds: 29/3 − 14/3 is 5, the
/// MCID, although the floating-point difference is a hair under it.
#[test]
fn rising_from_best_holds_when_weekly_means_differ_by_exactly_five() {
    let days = [(-1, 20), (1, 4), (2, 5), (3, 5), (8, 9), (9, 10), (10, 10)];
    let entries = days.iter().enumerate().map(|(i, &(day, total))| phq9(i as i64 + 1, day, total)).collect();
    let c = Course::new(&journal(entries), dosing() + chrono::Days::new(400));
    assert_eq!(c.best, Some((1, 14.0 / 3.0)));
    assert!(c.rising_from_best, "{}", c.sentence());
    let days = [(-1, 20), (1, 4), (2, 5), (3, 5), (8, 9), (9, 9), (10, 10)];
    let entries = days.iter().enumerate().map(|(i, &(day, total))| phq9(i as i64 + 1, day, total)).collect();
    let c = Course::new(&journal(entries), dosing() + chrono::Days::new(400));
    assert!(!c.rising_from_best, "28/3 is 14/3 above the best, short of 5");
}

#[test]
fn retracted_and_corrected_phq9s_count_as_they_stand() {
    let w = Window::new(dosing(), 182, 1).unwrap();
    let mut corrected = phq9(2, 1, 15);
    let fixed = Record::Phq9(Phq9::answered(answers(6), None).unwrap());
    corrected.versions.push(version(2, Change::Correction, EntryData { day: w.date_of(1), record: fixed }));
    let mut retracted = phq9(3, 2, 2);
    let same = retracted.versions[0].data.clone();
    retracted.versions.push(version(2, Change::Retraction, same));
    let c =
        Course::new(&journal(vec![phq9(1, -1, 18), corrected, retracted]), dosing() + chrono::Days::new(10));
    assert_eq!(c.weeks[0].phq9, Some(6.0), "the correction, not the original; the retraction left out");
    assert_eq!(c.weeks[0].phq9_n, 1);
}

#[test]
fn a_weekly_cadence_participant_with_one_phq9_a_week() {
    let c = weekly(18, &[(1, 12), (2, 9), (3, 8), (5, 7)]);
    assert_eq!(c.scored_weeks, 4);
    assert_eq!(c.first_response_week, Some(2));
    assert_eq!(c.response_weeks, Some(4), "weeks 2 to 5, week 4 unscored");
    assert!(c.sentence().starts_with("responding since day 8 (week 2) · 4 weeks so far"), "{}", c.sentence());
}

/// Day 2 is at half the baseline but week 1's mean (12) is not; week 2 is
/// the first response week: the sentence never puts day 2 in week 2.
#[test]
fn a_first_day_at_half_in_a_week_that_is_not_a_response_week_is_named_apart() {
    let days = [(-1, 20), (2, 8), (3, 14), (4, 14), (8, 8)];
    let entries = days.iter().enumerate().map(|(i, &(day, total))| phq9(i as i64 + 1, day, total)).collect();
    let c = Course::new(&journal(entries), dosing() + chrono::Days::new(400));
    assert_eq!((c.first_response_day, c.first_response_week), (Some(2), Some(2)));
    assert_eq!(c.weeks[0].response, Some(false));
    let s = c.sentence();
    assert!(!s.contains("day 2 (week 2)") && !s.contains("since day 2"), "{s}");
    assert!(
        s.starts_with("responding since week 2 (a first score at half the baseline on day 2, in week 1)"),
        "{s}"
    );
}

#[test]
fn item_change_compares_the_baseline_records_with_the_last_two_weeks() {
    let j = journal(vec![phq9(1, -10, 27), phq9(2, -2, 21), phq9(3, 5, 9), phq9(4, 30, 3), phq9(5, 40, 6)]);
    let c = Course::new(&j, dosing() + chrono::Days::new(45));
    // baseline records: days -10 and -2 (27 and 21): item 1 is 3 and 3
    assert_eq!(c.items[0].baseline, Some(3.0));
    // recent: days 27..=40, i.e. day 30 (3: item 1 = 3) and day 40 (6: 3)
    assert_eq!(c.items[0].recent, Some(3.0));
    // item 3: baseline 3 and 3, recent 0 and 0
    assert_eq!(c.items[2].change, Some(-3.0));
    assert_eq!(c.items[8].loinc, "44260-8");
}

#[test]
fn around_an_integration_session() {
    let w = Window::new(dosing(), 182, 1).unwrap();
    let mut j =
        journal(vec![phq9(1, -1, 20), phq9(2, 5, 12), phq9(3, 9, 10), phq9(4, 12, 6), mood(5, 11, 7)]);
    let event = |id, day| Event {
        id,
        versions: vec![version(
            1,
            Change::Original,
            EventData { kind: EventKind::Integration, date: w.date_of(day), note: None },
        )],
    };
    j.events = vec![event(1, 10), event(2, 60)];
    let c = Course::new(&j, dosing() + chrono::Days::new(13));
    assert_eq!(c.sessions.len(), 1, "a session after today is not counted yet");
    let s = &c.sessions[0];
    // days -4 to 9: -1 (20), 5 (12) and 9 (10)
    assert_eq!((s.phq9_before, s.phq9_before_n), (Some(14.0), 3));
    assert_eq!((s.phq9_after, s.phq9_after_n), (Some(6.0), 1));
    assert_eq!((s.mood_before, s.mood_after), (None, Some(7.0)));
}

#[test]
fn no_baseline_no_course() {
    let c = Course::new(&journal(vec![mood(1, 3, 5)]), dosing() + chrono::Days::new(10));
    assert!(c.baseline.is_none());
    assert!(c.sentence().starts_with("no baseline yet"));
    assert_eq!(c.sustained_w12, Sustained::NotApplicable);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A week's PHQ-9s: (day of the week 0–6, total).
    type WeekScores = Vec<(u8, u8)>;

    /// A baseline and up to 26 weeks, each with no PHQ-9 or one to four
    /// (two on one day now and then).
    fn record() -> impl Strategy<Value = (u8, Vec<(u32, WeekScores)>)> {
        // `answers` makes totals up to 24 (item 9 at 0)
        let week = proptest::collection::vec((0u8..7, 0u8..=24), 1..=4);
        (0u8..=24, proptest::collection::vec(proptest::option::weighted(0.75, week), 1..=26)).prop_map(
            |(b, weeks)| {
                let scored =
                    weeks.into_iter().enumerate().filter_map(|(i, t)| Some((i as u32 + 1, t?))).collect();
                (b, scored)
            },
        )
    }

    /// The course of a baseline on day -1 and the weeks' PHQ-9s.
    fn course(b: u8, weeks: &[(u32, WeekScores)]) -> Course {
        let mut entries = vec![phq9(1, -1, b)];
        for (k, scores) in weeks {
            for (offset, total) in scores {
                let id = entries.len() as i64 + 1;
                entries.push(phq9(id, days_of_week(*k).0 + i64::from(*offset), *total));
            }
        }
        Course::new(&journal(entries), dosing() + chrono::Days::new(400))
    }

    /// Whether a week's mean is at half the baseline or less, in integers:
    /// 2·sum ≤ baseline·n.
    fn at_half(b: u8, scores: &WeekScores) -> bool {
        let sum: u32 = scores.iter().map(|(_, t)| u32::from(*t)).sum();
        2 * sum <= u32::from(b) * scores.len() as u32
    }

    proptest! {
        #[test]
        fn no_response_below_a_baseline_of_10((b, weeks) in record()) {
            let c = course(b, &weeks);
            if b < 10 {
                prop_assert_eq!((c.first_response_day, c.first_response_week), (None, None));
                prop_assert_eq!((c.response_lost_week, c.response_weeks, c.response_ongoing), (None, None, None));
                prop_assert!(c.weeks.iter().all(|w| w.response.is_none()));
                prop_assert_eq!(c.sustained_w12, Sustained::NotApplicable);
            }
        }

        #[test]
        fn a_week_is_the_mean_of_all_its_phq9s_and_a_week_without_one_is_a_gap((b, weeks) in record()) {
            let c = course(b, &weeks);
            prop_assert_eq!(c.scored_weeks as usize, weeks.len());
            for w in &c.weeks {
                match weeks.iter().find(|(k, _)| *k == w.week) {
                    Some((_, scores)) => {
                        let sum: u32 = scores.iter().map(|(_, t)| u32::from(*t)).sum();
                        let n = scores.len() as u32;
                        prop_assert_eq!(w.phq9_n, n);
                        let mean = w.phq9.unwrap();
                        prop_assert!((mean - f64::from(sum) / f64::from(n)).abs() < 1e-9);
                        prop_assert_eq!(w.response, (b >= 10).then(|| at_half(b, scores)));
                        prop_assert_eq!(w.remission, Some(sum < 5 * n));
                    }
                    None => prop_assert_eq!((w.phq9, w.phq9_n, w.response, w.remission), (None, 0, None, None)),
                }
            }
        }

        #[test]
        fn first_response_loss_and_duration_follow_the_definitions((b, weeks) in record()) {
            let c = course(b, &weeks);
            if b < 10 {
                return Ok(());
            }
            let response = |k: u32| weeks.iter().any(|(w, s)| *w == k && at_half(b, s));
            let scored: Vec<u32> = weeks.iter().map(|(k, _)| *k).collect();
            let first = scored.iter().copied().find(|k| response(*k));
            prop_assert_eq!(c.first_response_week, first);
            // the first day at half: never in a week after the first response week
            let day = weeks
                .iter()
                .flat_map(|(k, s)| s.iter().map(move |(o, t)| (days_of_week(*k).0 + i64::from(*o), *t)))
                .filter(|(_, t)| 2 * u32::from(*t) <= u32::from(b))
                .map(|(d, _)| d)
                .min();
            prop_assert_eq!(c.first_response_day, day);
            if let (Some(d), Some(f)) = (day, first) {
                prop_assert!(week_of(d).unwrap() <= f);
            }
            let Some(f) = first else {
                prop_assert_eq!((c.response_lost_week, c.response_weeks), (None, None));
                return Ok(());
            };
            let after: Vec<u32> = scored.iter().copied().filter(|k| *k > f).collect();
            let pairs: Vec<(u32, u32)> = after.windows(2).map(|p| (p[0], p[1])).collect();
            let last = *scored.last().unwrap();
            match c.response_lost_week {
                Some(l) => {
                    // a loss week is scored and not a response, and so is the
                    // next scored week; no such pair comes before it
                    let next = after.iter().copied().find(|k| *k > l);
                    prop_assert!(scored.contains(&l) && !response(l));
                    prop_assert!(next.is_some_and(|n| !response(n)), "week after {} lost in {}", f, l);
                    prop_assert!(pairs.iter().filter(|(a, _)| *a < l).all(|(a, n)| response(*a) || response(*n)));
                    prop_assert_eq!((c.response_weeks, c.response_ongoing), (Some(l - f), Some(false)));
                    prop_assert!(l > f && l - f < last - f + 1);
                }
                None => {
                    prop_assert!(pairs.iter().all(|(a, n)| response(*a) || response(*n)));
                    prop_assert_eq!((c.response_weeks, c.response_ongoing), (Some(last - f + 1), Some(true)));
                }
            }
        }

        #[test]
        fn the_sentence_never_claims_an_unscored_week_or_a_day_in_another_week((b, weeks) in record()) {
            let c = course(b, &weeks);
            let s = c.sentence();
            let response = |k: u32| weeks.iter().any(|(w, sc)| *w == k && b >= 10 && at_half(b, sc));
            if let Some(rest) = s.strip_prefix("response weeks ") {
                let (a, rest) = rest.split_once(" to ").unwrap();
                let z = rest.split(',').next().unwrap();
                let (a, z): (u32, u32) = (a.parse().unwrap(), z.parse().unwrap());
                prop_assert!((a..=z).all(response), "{}", s);
            }
            if let Some(rest) = s.strip_prefix("responding since day ") {
                let (d, rest) = rest.split_once(" (week ").unwrap();
                let k: u32 = rest.split(')').next().unwrap().parse().unwrap();
                prop_assert_eq!(week_of(d.parse().unwrap()), Some(k), "{}", s);
            }
        }

        #[test]
        fn a_non_response_week_after_a_loss_never_undoes_it((b, weeks) in record(), extra in 0u8..=24) {
            let c = course(b, &weeks);
            let Some(lost) = c.response_lost_week else { return Ok(()) };
            let next = weeks.last().map_or(1, |(k, _)| k + 1);
            // a score above half the baseline: not a response week
            let worse = (b / 2 + 1).max(extra).min(24);
            let mut more = weeks.clone();
            more.push((next, vec![(0, worse)]));
            let after = course(b, &more);
            prop_assert_eq!(after.response_lost_week, Some(lost));
            prop_assert_eq!(after.response_ongoing, Some(false));
            prop_assert_eq!(after.first_response_week, c.first_response_week);
        }
    }
}

/// The participant's own screens read the course in plain words; the
/// clinical sentence (review, the brief, exports) keeps its terms.
#[test]
fn the_participant_reads_the_course_in_plain_words() {
    let plain = |c: &Course| c.sentence_in(Words::Plain);
    let c = weekly(20, &[(1, 8), (2, 8), (3, 8), (4, 14), (5, 15)]);
    assert!(c.sentence().starts_with("response weeks 1 to 3, lost in week 4"), "{}", c.sentence());
    assert!(
        plain(&c).starts_with("score at least halved in weeks 1 to 3; higher again from week 4"),
        "{}",
        plain(&c)
    );
    // a return to response is said with the loss, so it is never cut off
    let c = weekly(20, &[(1, 8), (2, 14), (4, 15), (5, 8), (6, 9), (8, 7)]);
    assert!(c.sentence().contains("lost in week 2 \u{b7} responding again since week 5"), "{}", c.sentence());
    assert!(
        plain(&c).starts_with("score at least halved in week 1, and again since week 5 \u{b7}"),
        "{}",
        plain(&c)
    );
    let c = weekly(9, &[(1, 0), (2, 0)]);
    assert_eq!(
        plain(&c),
        "starting score 9 was under 10, so halving it is not tracked \u{b7} best week 1 (0)"
    );
    let c = weekly(20, &[(1, 15), (2, 14)]);
    assert!(c.sentence().contains("no week's mean at half the baseline or less"), "{}", c.sentence());
    assert!(plain(&c).starts_with("no week yet at half your starting score or lower"), "{}", plain(&c));
    let c = weekly(22, &[(1, 9), (2, 4), (3, 6), (4, 10)]);
    assert!(plain(&c).contains("6 higher than in week 2, your best"), "{}", plain(&c));
    for c in [
        weekly(20, &[(1, 8), (2, 14), (4, 15), (5, 8)]),
        weekly(20, &[(1, 8), (2, 8), (3, 8), (6, 14), (7, 15), (8, 16)]),
        weekly(20, &[(1, 12), (2, 9), (3, 8)]),
    ] {
        let s = plain(&c);
        for clinical in ["response", "baseline", "lost", "mean"] {
            assert!(!s.contains(clinical), "{clinical}: {s}");
        }
    }
}
