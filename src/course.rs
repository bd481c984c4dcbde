//! The course of response, week by week (PRODUCT.md, "Course of
//! response"): is the effect of the session lasting?
//!
//! Week k (k ≥ 1) is days 7k−6 to 7k; day 0 belongs to no week. A week's
//! score is the mean of the PHQ-9 totals on its days; a week without one is
//! a gap, never a zero. Everything here is a pure function of a journal and
//! a day; nothing touches a terminal or a database.

use crate::instrument::phq9::{self, Answers};
use crate::journal::Journal;
use crate::outcome::{self, Baseline, CASENESS, MCID, Point, REMISSION_BELOW};
use crate::record::{EventKind, Record};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// The week a day belongs to (week 1 = days 1–7); `None` for day 0 and the
/// baseline period.
pub fn week_of(day: i64) -> Option<u32> {
    (day >= 1).then(|| u32::try_from((day + 6) / 7).unwrap_or(u32::MAX))
}

/// The first and last day of week `k`.
pub fn days_of_week(k: u32) -> (i64, i64) {
    let k = i64::from(k);
    (7 * k - 6, 7 * k)
}

/// The week the sustained-response rule ends on (Goodwin et al. 2022).
pub const SUSTAINED_THROUGH: u32 = 12;
/// The week it starts on.
pub const SUSTAINED_FROM: u32 = 3;
/// How many days before and from an integration session are compared.
pub const AROUND_SESSION_DAYS: i64 = 14;
/// How many days, ending on the latest PHQ-9, the recent item means cover.
pub const RECENT_ITEM_DAYS: i64 = 14;

/// One week's scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    pub week: u32,
    /// The mean PHQ-9 total of the week; `None` when it has none.
    pub phq9: Option<f64>,
    pub phq9_n: u32,
    /// `None` when the week has no score or the baseline is below 10.
    pub response: Option<bool>,
    /// `None` when the week has no score.
    pub remission: Option<bool>,
    /// The mean mood of the week's mood entries.
    pub mood: Option<f64>,
    #[serde(skip)]
    pub mood_n: u32,
    /// Each item's mean over the week's PHQ-9s (a missing answer left out).
    #[serde(skip)]
    pub items: [Option<f64>; 9],
}

/// Sustained response through week 12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sustained {
    Yes,
    No,
    Unknown,
    /// Baseline below 10 (or none): response does not apply.
    NotApplicable,
}

impl Sustained {
    /// As JSON reads it: true, false or null.
    pub fn as_bool(self) -> Option<bool> {
        match self {
            Sustained::Yes => Some(true),
            Sustained::No => Some(false),
            _ => None,
        }
    }
}

/// One item's change: its mean over the PHQ-9s the baseline used against
/// its mean over the 14 days ending on the latest PHQ-9.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ItemChange {
    pub item: u8,
    pub loinc: &'static str,
    pub baseline: Option<f64>,
    pub recent: Option<f64>,
    pub change: Option<f64>,
}

/// Before and after an integration session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    pub event_id: i64,
    pub day: i64,
    #[serde(skip)]
    pub date: NaiveDate,
    pub phq9_before: Option<f64>,
    pub phq9_before_n: u32,
    pub phq9_after: Option<f64>,
    pub phq9_after_n: u32,
    pub mood_before: Option<f64>,
    #[serde(skip)]
    pub mood_before_n: u32,
    pub mood_after: Option<f64>,
    #[serde(skip)]
    pub mood_after_n: u32,
}

/// The course of a participant's record as of a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub baseline: Option<Baseline>,
    /// Every week (k ≥ 1) with a PHQ-9 or a mood entry, in order.
    pub weeks: Vec<Week>,
    pub first_response_day: Option<i64>,
    pub first_response_week: Option<u32>,
    pub response_lost_week: Option<u32>,
    /// The response's duration in weeks: to the loss, or so far (ongoing).
    pub response_weeks: Option<u32>,
    pub response_ongoing: Option<bool>,
    pub sustained_w12: Sustained,
    pub remission_weeks: u32,
    pub scored_weeks: u32,
    /// The scored week with the lowest score (the earliest on a tie).
    pub best: Option<(u32, f64)>,
    /// The latest scored week comes after the best and is 5 or more above it.
    pub rising_from_best: bool,
    pub items: [ItemChange; 9],
    pub sessions: Vec<Session>,
}

/// A PHQ-9 of the record: its day and answers.
struct Response {
    day: i64,
    total: u8,
    answers: Answers,
}

fn mean(sum: f64, n: u32) -> Option<f64> {
    (n > 0).then(|| sum / f64::from(n))
}

/// Sums and counts, for means built in one pass.
#[derive(Default, Clone, Copy)]
struct Acc {
    sum: f64,
    n: u32,
}

impl Acc {
    fn add(&mut self, v: f64) {
        self.sum += v;
        self.n += 1;
    }

    fn mean(self) -> Option<f64> {
        mean(self.sum, self.n)
    }
}

impl Course {
    /// The course as of `as_of`: the record's current PHQ-9s and mood entries
    /// up to that day (retracted entries and PHQ-9s with no total left out).
    pub fn new(journal: &Journal, as_of: NaiveDate) -> Self {
        let window = journal.window();
        let mut responses: Vec<Response> = Vec::new();
        let mut moods: Vec<(i64, u8)> = Vec::new();
        for e in journal.current_entries().filter(|e| e.day() <= as_of) {
            let day = window.day_of(e.day());
            match e.record() {
                Record::Phq9(p) => {
                    if let Some(total) = p.total() {
                        responses.push(Response { day, total, answers: *p.answers() });
                    }
                }
                Record::Mood(m) => moods.push((day, m.mood())),
                Record::Gad7(_) => {}
            }
        }
        responses.sort_by_key(|r| r.day);
        moods.sort_by_key(|m| m.0);
        let points: Vec<Point> = responses.iter().map(|r| Point { day: r.day, total: r.total }).collect();
        let baseline = outcome::baseline(&points);
        let eligible = baseline.as_ref().filter(|b| b.caseness()).map(|b| b.value);
        let half = eligible.map(|b| b / 2.0);

        let weeks = weeks(&responses, &moods, half);
        let scored: Vec<&Week> = weeks.iter().filter(|w| w.phq9.is_some()).collect();
        let is_response = |w: &Week| w.response == Some(true);

        let first_response_day = half
            .and_then(|h| responses.iter().find(|r| r.day >= 1 && f64::from(r.total) <= h).map(|r| r.day));
        let first_response_week = scored.iter().find(|w| is_response(w)).map(|w| w.week);
        let response_lost_week = first_response_week.and_then(|f| {
            let after: Vec<&&Week> = scored.iter().filter(|w| w.week > f).collect();
            after.windows(2).find(|p| !is_response(p[0]) && !is_response(p[1])).map(|p| p[0].week)
        });
        let (response_weeks, response_ongoing) = match (first_response_week, response_lost_week) {
            (Some(f), Some(l)) => (Some(l - f), Some(false)),
            (Some(f), None) => (scored.last().map(|w| w.week - f + 1), Some(true)),
            _ => (None, None),
        };
        let sustained_w12 = match eligible {
            None => Sustained::NotApplicable,
            Some(_) => {
                let through: Vec<&&Week> = scored
                    .iter()
                    .filter(|w| (SUSTAINED_FROM..=SUSTAINED_THROUGH).contains(&w.week))
                    .collect();
                let scored_week = |k| through.iter().any(|w| w.week == k);
                if through.iter().any(|w| !is_response(w)) {
                    Sustained::No
                } else if scored_week(SUSTAINED_FROM) && scored_week(SUSTAINED_THROUGH) {
                    Sustained::Yes
                } else {
                    Sustained::Unknown
                }
            }
        };
        let remission_weeks = scored.iter().filter(|w| w.remission == Some(true)).count() as u32;
        let best =
            scored.iter().filter_map(|w| Some((w.week, w.phq9?))).fold(None::<(u32, f64)>, |best, (k, v)| {
                match best {
                    Some((_, b)) if b <= v => best,
                    _ => Some((k, v)),
                }
            });
        let rising_from_best = match (best, scored.last().and_then(|w| Some((w.week, w.phq9?)))) {
            (Some((bk, bv)), Some((lk, lv))) => lk > bk && lv >= bv + MCID,
            _ => false,
        };
        let items = item_changes(&responses, baseline.as_ref());
        let sessions = sessions(journal, as_of, &responses, &moods);
        Self {
            baseline,
            scored_weeks: scored.len() as u32,
            weeks,
            first_response_day,
            first_response_week,
            response_lost_week,
            response_weeks,
            response_ongoing,
            sustained_w12,
            remission_weeks,
            best,
            rising_from_best,
            items,
            sessions,
        }
    }

    /// The nine items, the ones that moved most first (either way; items
    /// without a change last, then in item order).
    pub fn items_by_change(&self) -> Vec<&ItemChange> {
        let mut items: Vec<&ItemChange> = self.items.iter().collect();
        let moved = |c: Option<f64>| c.map_or(-1.0, f64::abs);
        items.sort_by(|a, b| moved(b.change).total_cmp(&moved(a.change)).then(a.item.cmp(&b.item)));
        items
    }

    /// Whether response can be judged: a baseline of 10 or more.
    pub fn eligible(&self) -> bool {
        self.baseline.as_ref().is_some_and(Baseline::caseness)
    }

    /// The latest scored week and its score.
    pub fn latest_scored(&self) -> Option<(u32, f64)> {
        self.weeks.iter().rev().find_map(|w| Some((w.week, w.phq9?)))
    }

    /// After a loss of response, the week the latest run of response weeks
    /// began when the latest scored week is one again (weeks with no score
    /// are skipped). Not part of the definitions: said so the sentence does
    /// not read as a loss that still holds.
    pub fn responding_again_since(&self) -> Option<u32> {
        let lost = self.response_lost_week?;
        let mut since = None;
        for w in self.weeks.iter().rev().filter(|w| w.week > lost) {
            match w.response {
                Some(true) => since = Some(w.week),
                Some(false) => break,
                None => {}
            }
        }
        since
    }

    /// The course in one sentence, the same on the dashboard, in `status`,
    /// in review and in the brief.
    pub fn sentence(&self) -> String {
        self.sentence_parts().into_iter().map(|(text, _)| text).collect::<Vec<_>>().join(" \u{b7} ")
    }

    /// The sentence's parts, each marked when it is something to talk about
    /// (rising from best), for the warning colour.
    pub fn sentence_parts(&self) -> Vec<(String, bool)> {
        let Some(baseline) = &self.baseline else {
            return vec![("no baseline yet: it comes from the first PHQ-9s".into(), false)];
        };
        if self.scored_weeks == 0 {
            return vec![("no weekly PHQ-9 score yet after day 0".into(), false)];
        }
        let best = self.best.map(|(k, v)| (format!("best week {k} ({})", outcome::score(v)), false));
        let rising = match (self.rising_from_best, self.best, self.latest_scored()) {
            (true, Some((bk, bv)), Some((_, lv))) => {
                let up = outcome::score(((lv - bv) * 10.0).round() / 10.0);
                Some((format!("rising +{up} from best (week {bk})"), true))
            }
            _ => None,
        };
        let head = if !baseline.caseness() {
            format!("baseline {} is below 10: response does not apply", outcome::score(baseline.value))
        } else {
            match (self.first_response_week, self.response_lost_week) {
                (Some(f), Some(l)) if f + 1 == l => format!("response in week {f}, lost in week {l}"),
                (Some(f), Some(l)) => format!("response weeks {f} to {}, lost in week {l}", l - 1),
                (Some(f), None) => match self.first_response_day {
                    Some(d) => format!("responding since day {d} (week {f})"),
                    None => format!("responding since week {f}"),
                },
                _ => "no response yet (a week at half the baseline or less)".into(),
            }
        };
        let so_far = match (baseline.caseness(), self.response_ongoing, self.response_weeks) {
            (true, Some(true), Some(n)) => {
                Some((format!("{n} week{} so far", if n == 1 { "" } else { "s" }), false))
            }
            _ => None,
        };
        let again =
            self.responding_again_since().map(|k| (format!("responding again since week {k}"), false));
        // rising from best names the best week itself
        let mut parts = vec![(head, false)];
        parts.extend(so_far);
        parts.extend(again);
        parts.extend(rising.or(best));
        parts
    }
}

fn weeks(responses: &[Response], moods: &[(i64, u8)], half: Option<f64>) -> Vec<Week> {
    #[derive(Default)]
    struct W {
        phq9: Acc,
        mood: Acc,
        items: [Acc; 9],
    }
    let mut by_week: BTreeMap<u32, W> = BTreeMap::new();
    for r in responses {
        if let Some(k) = week_of(r.day) {
            let w = by_week.entry(k).or_default();
            w.phq9.add(f64::from(r.total));
            for (acc, a) in w.items.iter_mut().zip(r.answers) {
                if let Some(a) = a {
                    acc.add(f64::from(a));
                }
            }
        }
    }
    for (day, m) in moods {
        if let Some(k) = week_of(*day) {
            by_week.entry(k).or_default().mood.add(f64::from(*m));
        }
    }
    by_week
        .into_iter()
        .map(|(week, w)| {
            let phq9 = w.phq9.mean();
            Week {
                week,
                phq9,
                phq9_n: w.phq9.n,
                response: phq9.zip(half).map(|(v, h)| v <= h),
                remission: phq9.map(|v| v < REMISSION_BELOW),
                mood: w.mood.mean(),
                mood_n: w.mood.n,
                items: w.items.map(Acc::mean),
            }
        })
        .collect()
}

fn item_changes(responses: &[Response], baseline: Option<&Baseline>) -> [ItemChange; 9] {
    let mut base = [Acc::default(); 9];
    let mut recent = [Acc::default(); 9];
    if let Some(b) = baseline {
        let used = |r: &&Response| match b.day {
            Some(d) => r.day == d,
            None => outcome::BASELINE_PERIOD.contains(&r.day),
        };
        for r in responses.iter().filter(used) {
            for (acc, a) in base.iter_mut().zip(r.answers) {
                if let Some(a) = a {
                    acc.add(f64::from(a));
                }
            }
        }
    }
    if let Some(last) = responses.iter().rev().find(|r| r.day >= 1).map(|r| r.day) {
        let first = (last - RECENT_ITEM_DAYS + 1).max(1);
        for r in responses.iter().filter(|r| (first..=last).contains(&r.day)) {
            for (acc, a) in recent.iter_mut().zip(r.answers) {
                if let Some(a) = a {
                    acc.add(f64::from(a));
                }
            }
        }
    }
    std::array::from_fn(|i| {
        let (b, r) = (base[i].mean(), recent[i].mean());
        ItemChange {
            item: i as u8 + 1,
            loinc: phq9::ITEMS[i].loinc,
            baseline: b,
            recent: r,
            change: b.zip(r).map(|(b, r)| r - b),
        }
    })
}

fn sessions(
    journal: &Journal,
    as_of: NaiveDate,
    responses: &[Response],
    moods: &[(i64, u8)],
) -> Vec<Session> {
    let window = journal.window();
    let today = window.day_of(as_of);
    let mut out: Vec<Session> = journal
        .current_events()
        .filter(|e| e.current().data.kind == EventKind::Integration)
        .filter_map(|e| {
            let date = e.current().data.date;
            let d = window.day_of(date);
            (1..=today).contains(&d).then_some((e.id, d, date))
        })
        .map(|(event_id, d, date)| {
            let before = (d - AROUND_SESSION_DAYS)..=(d - 1);
            let after = d..=(d + AROUND_SESSION_DAYS - 1).min(today);
            let acc = |range: &std::ops::RangeInclusive<i64>,
                       values: &mut dyn Iterator<Item = (i64, f64)>| {
                let mut a = Acc::default();
                for (day, v) in values {
                    if range.contains(&day) {
                        a.add(v);
                    }
                }
                a
            };
            let phq = |r: &std::ops::RangeInclusive<i64>| {
                acc(r, &mut responses.iter().map(|x| (x.day, f64::from(x.total))))
            };
            let mood =
                |r: &std::ops::RangeInclusive<i64>| acc(r, &mut moods.iter().map(|m| (m.0, f64::from(m.1))));
            let (pb, pa, mb, ma) = (phq(&before), phq(&after), mood(&before), mood(&after));
            Session {
                event_id,
                day: d,
                date,
                phq9_before: pb.mean(),
                phq9_before_n: pb.n,
                phq9_after: pa.mean(),
                phq9_after_n: pa.n,
                mood_before: mb.mean(),
                mood_before_n: mb.n,
                mood_after: ma.mean(),
                mood_after_n: ma.n,
            }
        })
        .collect();
    out.sort_by_key(|s| (s.day, s.event_id));
    out
}

/// The response threshold of a baseline: half of it, when it is 10 or more.
pub fn response_line(baseline: &Baseline) -> Option<f64> {
    (baseline.value >= CASENESS).then_some(baseline.value / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument::{Mood, Phq9};
    use crate::journal::Profile;
    use crate::record::{Change, Entry, EntryData, Event, EventData, Version, Versioned};
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
        Versioned {
            id,
            versions: vec![version(1, Change::Original, EntryData { day: w.date_of(day), record })],
        }
    }

    fn mood(id: i64, day: i64, value: u8) -> Entry {
        let w = Window::new(dosing(), 182, 1).unwrap();
        let record = Record::Mood(Mood::new(value).unwrap());
        Versioned {
            id,
            versions: vec![version(1, Change::Original, EntryData { day: w.date_of(day), record })],
        }
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
    fn weeks_and_days() {
        assert_eq!(week_of(0), None);
        assert_eq!(week_of(-3), None);
        assert_eq!((week_of(1), week_of(7), week_of(8)), (Some(1), Some(1), Some(2)));
        assert_eq!(week_of(182), Some(26));
        assert_eq!(days_of_week(26), (176, 182));
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
        assert_eq!(
            (c.response_lost_week, c.response_weeks, c.response_ongoing),
            (Some(2), Some(1), Some(false))
        );
        assert!(c.sentence().starts_with("response in week 1, lost in week 2"), "{}", c.sentence());
        // a non-response week after a loss never un-loses it
        let c = weekly(20, &[(1, 8), (2, 14), (4, 15), (5, 8), (6, 16), (7, 17)]);
        assert_eq!(c.response_lost_week, Some(2));
        assert_eq!(c.responding_again_since(), None, "the latest week is not a response");
    }

    #[test]
    fn response_again_after_a_loss_is_said_but_does_not_undo_it() {
        // lost in week 2; weeks 5 to 8 respond again, week 7 has no score
        let c = weekly(20, &[(1, 8), (2, 14), (4, 15), (5, 8), (6, 9), (8, 7)]);
        assert_eq!((c.response_lost_week, c.response_weeks), (Some(2), Some(1)));
        assert_eq!(c.responding_again_since(), Some(5));
        assert!(
            c.sentence().contains("lost in week 2 \u{b7} responding again since week 5"),
            "{}",
            c.sentence()
        );
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

    #[test]
    fn retracted_and_corrected_phq9s_count_as_they_stand() {
        let w = Window::new(dosing(), 182, 1).unwrap();
        let mut corrected = phq9(2, 1, 15);
        let fixed = Record::Phq9(Phq9::answered(answers(6), None).unwrap());
        corrected.versions.push(version(
            2,
            Change::Correction,
            EntryData { day: w.date_of(1), record: fixed },
        ));
        let mut retracted = phq9(3, 2, 2);
        let same = retracted.versions[0].data.clone();
        retracted.versions.push(version(2, Change::Retraction, same));
        let c = Course::new(
            &journal(vec![phq9(1, -1, 18), corrected, retracted]),
            dosing() + chrono::Days::new(10),
        );
        assert_eq!(c.weeks[0].phq9, Some(6.0), "the correction, not the original; the retraction left out");
        assert_eq!(c.weeks[0].phq9_n, 1);
    }

    #[test]
    fn a_weekly_cadence_participant_with_one_phq9_a_week() {
        let c = weekly(18, &[(1, 12), (2, 9), (3, 8), (5, 7)]);
        assert_eq!(c.scored_weeks, 4);
        assert_eq!(c.first_response_week, Some(2));
        assert_eq!(c.response_weeks, Some(4), "weeks 2 to 5, week 4 unscored");
        assert!(
            c.sentence().starts_with("responding since day 8 (week 2) · 4 weeks so far"),
            "{}",
            c.sentence()
        );
    }

    #[test]
    fn item_change_compares_the_baseline_records_with_the_last_two_weeks() {
        let j =
            journal(vec![phq9(1, -10, 27), phq9(2, -2, 21), phq9(3, 5, 9), phq9(4, 30, 3), phq9(5, 40, 6)]);
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

        /// A baseline and up to 26 weeks, each with no PHQ-9 or one total.
        fn record() -> impl Strategy<Value = (u8, Vec<(u32, u8)>)> {
            // `answers` makes totals up to 24 (item 9 at 0)
            (0u8..=24, proptest::collection::vec(proptest::option::weighted(0.75, 0u8..=24), 1..=26))
                .prop_map(|(b, weeks)| {
                    let scored =
                        weeks.iter().enumerate().filter_map(|(i, t)| Some((i as u32 + 1, (*t)?))).collect();
                    (b, scored)
                })
        }

        proptest! {
            #[test]
            fn no_response_below_a_baseline_of_10((b, weeks) in record()) {
                let c = weekly(b, &weeks);
                if b < 10 {
                    prop_assert_eq!((c.first_response_day, c.first_response_week), (None, None));
                    prop_assert_eq!((c.response_lost_week, c.response_weeks, c.response_ongoing), (None, None, None));
                    prop_assert!(c.weeks.iter().all(|w| w.response.is_none()));
                    prop_assert_eq!(c.sustained_w12, Sustained::NotApplicable);
                }
            }

            #[test]
            fn response_weeks_never_exceed_scored_weeks((b, weeks) in record()) {
                let c = weekly(b, &weeks);
                let responding = c.weeks.iter().filter(|w| w.response == Some(true)).count();
                prop_assert!(responding <= c.scored_weeks as usize);
                prop_assert!(c.remission_weeks <= c.scored_weeks);
                prop_assert_eq!(c.scored_weeks as usize, weeks.len());
                // the duration counts calendar weeks (a gap inside it counts),
                // so it is bounded by the weeks the record spans ...
                let span = weeks.last().map_or(0, |(k, _)| *k);
                prop_assert!(c.response_weeks.unwrap_or(0) <= span);
                // ... and by the scored weeks when no week is missing
                if weeks.iter().enumerate().all(|(i, (k, _))| *k == i as u32 + 1) {
                    prop_assert!(c.response_weeks.unwrap_or(0) <= c.scored_weeks);
                }
            }

            #[test]
            fn a_week_without_a_phq9_is_never_scored((b, weeks) in record()) {
                let c = weekly(b, &weeks);
                for w in &c.weeks {
                    let given = weeks.iter().find(|(k, _)| *k == w.week);
                    prop_assert_eq!(w.phq9.is_some(), given.is_some());
                    prop_assert_eq!(w.phq9, given.map(|(_, t)| f64::from(*t)));
                    if w.phq9.is_none() {
                        prop_assert_eq!((w.phq9_n, w.response, w.remission), (0, None, None));
                    }
                }
            }

            #[test]
            fn a_non_response_week_after_a_loss_never_undoes_it((b, weeks) in record(), extra in 0u8..=27) {
                let c = weekly(b, &weeks);
                let Some(lost) = c.response_lost_week else { return Ok(()) };
                let next = weeks.last().map_or(1, |(k, _)| k + 1);
                // a score above half the baseline: not a response week
                let worse = (b / 2 + 1).max(extra).min(24);
                let mut more = weeks.clone();
                more.push((next, worse));
                let after = weekly(b, &more);
                prop_assert_eq!(after.response_lost_week, Some(lost));
                prop_assert_eq!(after.response_ongoing, Some(false));
                prop_assert_eq!(after.first_response_week, c.first_response_week);
            }
        }
    }
}
