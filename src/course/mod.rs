//! The course of response, week by week (PRODUCT.md, "Course of
//! response"): is the effect of the session lasting?
//!
//! Weeks are the window's (`window::week_of`: week 1 is days 1–7); a week's
//! score is the mean of the PHQ-9 totals on its days, a week without one a
//! gap, never a zero. Everything here is a pure function of a journal and
//! a day; nothing touches a terminal or a database.

use crate::journal::Journal;
use crate::outcome::{self, Baseline, MCID, Point};
use chrono::NaiveDate;
use serde::Serialize;

mod measures;

pub use crate::window::{days_of_week, week_of};
#[cfg(test)]
mod tests;

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

impl Session {
    /// The four means as a table shows them, PHQ-9 before and after, then
    /// mood: `12.5 (9)` with the days it covers, `-` with none.
    pub fn cells(&self) -> [String; 4] {
        let cell = |v: Option<f64>, n: u32| v.map_or("-".into(), |v| format!("{v:.1} ({n})"));
        [
            cell(self.phq9_before, self.phq9_before_n),
            cell(self.phq9_after, self.phq9_after_n),
            cell(self.mood_before, self.mood_before_n),
            cell(self.mood_after, self.mood_after_n),
        ]
    }
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

impl Course {
    /// The course as of `as_of`: the record's current PHQ-9s and mood entries
    /// up to that day (retracted entries and PHQ-9s with no total left out).
    pub fn new(journal: &Journal, as_of: NaiveDate) -> Self {
        let (responses, moods) = measures::record(journal, as_of);
        let points: Vec<Point> = responses.iter().map(|r| Point { day: r.day, total: r.total }).collect();
        let baseline = outcome::baseline(&points);
        let half = baseline.as_ref().and_then(response_line);

        let weeks = measures::weeks(&responses, &moods, half);
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
        let sustained_w12 = match half {
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
            (Some((bk, bv)), Some((lk, lv))) => lk > bk && outcome::reaches(lv - bv, MCID),
            _ => false,
        };
        let items = measures::item_changes(&responses, baseline.as_ref());
        let sessions = measures::sessions(journal, as_of, &responses, &moods);
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

    /// The course in one sentence, in the clinical words: in review, in
    /// the brief and in exports.
    pub fn sentence(&self) -> String {
        self.sentence_in(Words::Clinical)
    }

    /// The course in one sentence, in the words given.
    pub fn sentence_in(&self, words: Words) -> String {
        self.sentence_parts(words).iter().map(Part::full).collect::<Vec<_>>().join(" \u{b7} ")
    }

    /// The sentence's parts: the head first, then what follows. The
    /// participant's words say "half your starting score" where a
    /// clinician reads "response".
    pub fn sentence_parts(&self, words: Words) -> Vec<Part> {
        let plain = words == Words::Plain;
        let say = |clinical: String, own: String| Part::new(if plain { own } else { clinical });
        let Some(baseline) = &self.baseline else {
            return vec![say(
                "no baseline yet: it comes from the first PHQ-9s".into(),
                "no starting score yet: it comes from your first PHQ-9s".into(),
            )];
        };
        if self.scored_weeks == 0 {
            return vec![say(
                "no weekly PHQ-9 score yet after day 0".into(),
                "no weekly score yet after the session".into(),
            )];
        }
        // "at least halved": the week's mean at half the starting score or lower
        const HALVED: &str = "score at least halved";
        // in plain words a return to response folds into the head, so the
        // line never reads as a loss that still holds when it is cut short
        let again_since = self.responding_again_since();
        let after = |l: u32| match again_since {
            Some(k) if plain => format!(", and again since week {k}"),
            _ => format!("; higher again from week {l}"),
        };
        let best = self.best.map(|(k, v)| Part::new(format!("best week {k} ({})", outcome::score(v))));
        let rising = match (self.rising_from_best, self.best, self.latest_scored()) {
            (true, Some((bk, bv)), Some((_, lv))) => {
                let up = outcome::score(((lv - bv) * 10.0).round() / 10.0);
                let part = say(
                    format!("rising +{up} from best (week {bk})"),
                    format!("{up} higher than in week {bk}, your best"),
                );
                Some(Part { warn: true, ..part })
            }
            _ => None,
        };
        let head = if !baseline.caseness() {
            let value = outcome::score(baseline.value);
            say(
                format!("baseline {value} is below 10: response does not apply"),
                format!("starting score {value} was under 10, so halving it is not tracked"),
            )
        } else {
            match (self.first_response_week, self.response_lost_week) {
                (Some(f), Some(l)) if f + 1 == l => say(
                    format!("response in week {f}, lost in week {l}"),
                    format!("{HALVED} in week {f}{}", after(l)),
                ),
                (Some(f), Some(l)) => {
                    let responding =
                        |k: u32| self.weeks.iter().any(|w| w.week == k && w.response == Some(true));
                    let unscored: Vec<u32> = (f + 1..l)
                        .filter(|k| !self.weeks.iter().any(|w| w.week == *k && w.phq9.is_some()))
                        .collect();
                    let from = || {
                        say(
                            format!("response from week {f}, lost in week {l}"),
                            format!("{HALVED} from week {f}{}", after(l)),
                        )
                    };
                    if (f..l).all(responding) {
                        say(
                            format!("response weeks {f} to {}, lost in week {l}", l - 1),
                            format!("{HALVED} in weeks {f} to {}{}", l - 1, after(l)),
                        )
                    } else if unscored.is_empty() {
                        // a single week above half before the loss
                        from()
                    } else {
                        // weeks with no score are never claimed as response weeks
                        from().aside(format!("no score in {}", weeks_named(&unscored)))
                    }
                }
                (Some(f), None) => match self.first_response_day {
                    Some(d) if week_of(d) == Some(f) => {
                        say(format!("responding since day {d}"), format!("{HALVED} since day {d}"))
                            .aside(format!("week {f}"))
                    }
                    // a day at half in a week whose mean is not: the day and
                    // the week are named apart, so both are true
                    Some(d) => {
                        let half = if plain { "half your starting score" } else { "half the baseline" };
                        say(format!("responding since week {f}"), format!("{HALVED} since week {f}")).aside(
                            format!(
                                "a first score at {half} on day {d}, in week {}",
                                week_of(d).unwrap_or(f)
                            ),
                        )
                    }
                    None => say(format!("responding since week {f}"), format!("{HALVED} since week {f}")),
                },
                _ if plain => Part::new("no week yet at half your starting score or lower".into()),
                _ => Part::new("no response yet".into())
                    .aside("no week's mean at half the baseline or less".into()),
            }
        };
        let so_far = match (baseline.caseness(), self.response_ongoing, self.response_weeks) {
            (true, Some(true), Some(n)) => {
                Some(Part::new(format!("{} so far", crate::text::count(n as usize, "week", "weeks"))))
            }
            _ => None,
        };
        let again =
            again_since.filter(|_| !plain).map(|k| Part::new(format!("responding again since week {k}")));
        // rising from best names the best week itself
        let mut parts = vec![head];
        parts.extend(so_far);
        parts.extend(again);
        parts.extend(rising.or(best));
        parts
    }
}

/// Whose words a sentence is in: the clinical terms (review, reports,
/// exports) or the participant's own screens' plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    Clinical,
    Plain,
}

/// A part of the course sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    /// Said in brackets after the text where there is room.
    pub aside: Option<String>,
    /// Something to talk about (rising from best), for the warning colour.
    pub warn: bool,
}

impl Part {
    fn new(text: String) -> Self {
        Part { text, aside: None, warn: false }
    }

    fn aside(self, aside: String) -> Self {
        Part { aside: Some(aside), ..self }
    }

    /// The text with its aside.
    pub fn full(&self) -> String {
        match &self.aside {
            Some(a) => format!("{} ({a})", self.text),
            None => self.text.clone(),
        }
    }
}

/// Weeks in order for people: "week 4", "weeks 4 and 5", "weeks 4 to 6
/// and 9" (runs of three or more as a range).
fn weeks_named(weeks: &[u32]) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &k in weeks {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == k => *last = k,
            _ => runs.push((k, k)),
        }
    }
    let mut names: Vec<String> = Vec::new();
    for (a, b) in runs {
        match b - a {
            0 => names.push(a.to_string()),
            1 => names.extend([a.to_string(), b.to_string()]),
            _ => names.push(format!("{a} to {b}")),
        }
    }
    let noun = if weeks.len() == 1 { "week" } else { "weeks" };
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{noun} {} and {last}", rest.join(", ")),
        _ => format!("{noun} {}", names.concat()),
    }
}

/// The response threshold of a baseline: half of it, when it is 10 or more.
pub fn response_line(baseline: &Baseline) -> Option<f64> {
    baseline.caseness().then_some(baseline.value / 2.0)
}
