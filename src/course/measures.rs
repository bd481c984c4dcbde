//! What a course is built from: the record's PHQ-9s and moods by day, the
//! week means, the change on each item and the weeks around each integration
//! session.

use super::{AROUND_SESSION_DAYS, ItemChange, RECENT_ITEM_DAYS, Session, Week, week_of};
use crate::instrument::phq9::{self, Answers};
use crate::journal::Journal;
use crate::outcome::{self, Baseline, REMISSION_BELOW};
use crate::record::{EventKind, Record};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A PHQ-9 of the record: its day and answers.
pub(super) struct Response {
    pub(super) day: i64,
    pub(super) total: u8,
    pub(super) answers: Answers,
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

/// The record's current PHQ-9s (those with a total) and mood entries up to
/// `as_of`, each by day of the window and in day order.
pub(super) fn record(journal: &Journal, as_of: NaiveDate) -> (Vec<Response>, Vec<(i64, u8)>) {
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
    (responses, moods)
}

pub(super) fn weeks(responses: &[Response], moods: &[(i64, u8)], half: Option<f64>) -> Vec<Week> {
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

pub(super) fn item_changes(responses: &[Response], baseline: Option<&Baseline>) -> [ItemChange; 9] {
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

pub(super) fn sessions(
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
