//! What is due today, adherence over the window and the streak.

use super::{BASELINE_DAYS, Phase, Window};
use chrono::NaiveDate;
use std::collections::BTreeSet;

impl Window {
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
