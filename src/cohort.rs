//! The course of response across a caseload (PRODUCT.md, "Across a
//! caseload"): responders and remitters at fixed weeks, and how long
//! responses last — a Kaplan–Meier estimate over the participants with a
//! first response. Pure: from the participants' courses.

use crate::course::Course;
use serde::Serialize;

/// The weeks of the timepoint table.
pub const TIMEPOINTS: [u32; 5] = [1, 4, 8, 12, 26];
/// The weeks the survival of response is given at.
pub const SURVIVAL_WEEKS: [u32; 4] = [4, 8, 12, 26];

/// Response and remission at one week, across the caseload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Timepoint {
    pub week: u32,
    /// Baseline 10 or more and a score that week.
    pub eligible: usize,
    /// Of the eligible, a response week.
    pub responders: usize,
    /// A score that week.
    pub scored: usize,
    /// Of the scored, a remission week.
    pub remitters: usize,
    /// No score that week (never counted as either).
    pub missing: usize,
}

/// The Kaplan–Meier survival of response at one week.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SurvivalPoint {
    pub week: u32,
    pub s: f64,
    /// Participants whose duration is at least `week`.
    pub at_risk: usize,
}

/// How long responses last.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Durability {
    /// Participants with a first response.
    pub responders: usize,
    /// Of them, a loss of response (an event; the others are censored).
    pub lost: usize,
    pub survival: Vec<SurvivalPoint>,
    /// The smallest event time with S(t) at most 0.5; `None`: not reached.
    pub median_weeks: Option<u32>,
    /// The whole step function, for charts: (event time, S just after it).
    #[serde(skip)]
    pub steps: Vec<(u32, f64)>,
    /// Durations of the censored (ongoing) responses, for the ticks.
    #[serde(skip)]
    pub censored: Vec<u32>,
}

/// The cohort figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cohort {
    pub timepoints: Vec<Timepoint>,
    pub durability: Durability,
    /// NHS Talking Therapies on the pair, over the participants with both
    /// questionnaires (a baseline and a scored week of each).
    pub paired_outcome: PairedCounts,
}

/// How many had each paired outcome, of how many with both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PairedCounts {
    pub participants: usize,
    pub recovery: usize,
    pub reliable_improvement: usize,
    pub reliable_deterioration: usize,
    pub reliable_recovery: usize,
}

impl PairedCounts {
    pub fn of<'a>(pairs: impl IntoIterator<Item = &'a crate::outcome::Paired>) -> Self {
        let mut c = Self::default();
        for p in pairs {
            c.participants += 1;
            c.recovery += usize::from(p.recovery);
            c.reliable_improvement += usize::from(p.reliable_improvement);
            c.reliable_deterioration += usize::from(p.reliable_deterioration);
            c.reliable_recovery += usize::from(p.reliable_recovery);
        }
        c
    }
}

impl Cohort {
    /// From the courses of the participants counted (full exports: a partial
    /// export has no course and stays out; the caller counts those).
    pub fn new<'a>(courses: impl IntoIterator<Item = &'a Course>) -> Self {
        let courses: Vec<&Course> = courses.into_iter().collect();
        let timepoints = TIMEPOINTS.iter().map(|&k| timepoint(&courses, k)).collect();
        let durations: Vec<(u32, bool)> = courses
            .iter()
            .filter(|c| c.first_response_week.is_some())
            .filter_map(|c| Some((c.response_weeks?, c.response_lost_week.is_some())))
            .collect();
        Self { timepoints, durability: Durability::of(&durations), paired_outcome: PairedCounts::default() }
    }

    /// With the paired outcome counted over these participants.
    pub fn with_paired<'a>(self, pairs: impl IntoIterator<Item = &'a crate::outcome::Paired>) -> Self {
        Self { paired_outcome: PairedCounts::of(pairs), ..self }
    }
}

fn timepoint(courses: &[&Course], k: u32) -> Timepoint {
    let mut t = Timepoint { week: k, eligible: 0, responders: 0, scored: 0, remitters: 0, missing: 0 };
    for c in courses {
        match c.weeks.iter().find(|w| w.week == k && w.phq9.is_some()) {
            None => t.missing += 1,
            Some(w) => {
                t.scored += 1;
                t.remitters += usize::from(w.remission == Some(true));
                if c.eligible() {
                    t.eligible += 1;
                    t.responders += usize::from(w.response == Some(true));
                }
            }
        }
    }
    t
}

/// S(t) at most 0.5 counts as reaching the median: a product of fractions
/// that is exactly 0.5 can come out a hair above it in floating point.
const HALF: f64 = 0.5 + 1e-9;

impl Durability {
    /// The Kaplan–Meier estimate from (duration in weeks, lost) pairs: at
    /// each event time t, S falls by the share of those at risk (duration
    /// at least t) whose response was lost at t. A response censored at t
    /// is still at risk at t (events are taken first at a tie).
    pub fn of(durations: &[(u32, bool)]) -> Self {
        let mut times: Vec<u32> = durations.iter().filter(|d| d.1).map(|d| d.0).collect();
        times.sort_unstable();
        times.dedup();
        let mut s = 1.0;
        let mut steps = Vec::new();
        for &t in &times {
            let at_risk = durations.iter().filter(|d| d.0 >= t).count();
            let events = durations.iter().filter(|d| d.1 && d.0 == t).count();
            s *= 1.0 - events as f64 / at_risk as f64;
            steps.push((t, s));
        }
        let at = |week: u32| steps.iter().rev().find(|(t, _)| *t <= week).map_or(1.0, |(_, s)| *s);
        let survival = SURVIVAL_WEEKS
            .iter()
            .map(|&week| SurvivalPoint {
                week,
                s: at(week),
                at_risk: durations.iter().filter(|d| d.0 >= week).count(),
            })
            .collect();
        let mut censored: Vec<u32> = durations.iter().filter(|d| !d.1).map(|d| d.0).collect();
        censored.sort_unstable();
        Self {
            responders: durations.len(),
            lost: durations.iter().filter(|d| d.1).count(),
            survival,
            median_weeks: steps.iter().find(|(_, s)| *s <= HALF).map(|(t, _)| *t),
            steps,
            censored,
        }
    }

    /// S(t) for any week.
    pub fn at(&self, week: u32) -> f64 {
        self.steps.iter().rev().find(|(t, _)| *t <= week).map_or(1.0, |(_, s)| *s)
    }

    /// The median for people: "9 weeks", or "not reached".
    pub fn median_text(&self) -> String {
        match self.median_weeks {
            Some(1) => "1 week".into(),
            Some(w) => format!("{w} weeks"),
            None if self.responders == 0 => "no responders".into(),
            None => "not reached".into(),
        }
    }

    /// Who responded and what became of it, in a sentence; with nobody to
    /// follow, it says so rather than show a curve that cannot fall.
    pub fn counts_text(&self) -> String {
        if self.responders == 0 {
            return "No participant has responded yet: there is no response to follow.".into();
        }
        let ongoing = self.responders - self.lost;
        let respond = if ongoing == 1 { "responds" } else { "respond" };
        format!(
            "{} responded; {} lost the response, {ongoing} still {respond} (censored).",
            crate::text::count(self.responders, "participant", "participants"),
            self.lost
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survival(d: &Durability) -> Vec<(u32, f64, usize)> {
        d.survival.iter().map(|p| (p.week, (p.s * 1e6).round() / 1e6, p.at_risk)).collect()
    }

    #[test]
    fn the_counts_in_words_say_when_nobody_responded() {
        let none = Durability::of(&[]);
        assert_eq!(none.counts_text(), "No participant has responded yet: there is no response to follow.");
        assert_eq!(none.median_text(), "no responders");
        assert!(Durability::of(&[(3, false)]).counts_text().starts_with("1 participant responded; 0 lost"));
        assert!(Durability::of(&[(3, false)]).counts_text().ends_with("1 still responds (censored)."));
        let lost = Durability::of(&[(3, true)]).counts_text();
        assert_eq!(lost, "1 participant responded; 1 lost the response, 0 still respond (censored).");
        let two = Durability::of(&[(3, false), (5, true)]).counts_text();
        assert_eq!(two, "2 participants responded; 1 lost the response, 1 still responds (censored).");
    }

    #[test]
    fn a_hand_worked_estimate_with_a_tie_between_an_event_and_a_censoring() {
        // durations: lost at 2, 4, 4 and 9; censored at 4, 6 and 12
        let d = Durability::of(&[
            (2, true),
            (4, true),
            (4, true),
            (4, false),
            (6, false),
            (9, true),
            (12, false),
        ]);
        // t=2: 7 at risk, 1 event: 6/7
        // t=4: 6 at risk (the censored 4 still is), 2 events: 6/7 * 4/6 = 4/7
        // t=9: 2 at risk (9 and 12), 1 event: 4/7 * 1/2 = 2/7
        assert_eq!(d.steps.len(), 3);
        assert!((d.at(3) - 6.0 / 7.0).abs() < 1e-12);
        assert_eq!(
            survival(&d),
            vec![
                (4, (4.0f64 / 7.0 * 1e6).round() / 1e6, 6),
                (8, (4.0f64 / 7.0 * 1e6).round() / 1e6, 2),
                (12, (2.0f64 / 7.0 * 1e6).round() / 1e6, 1),
                (26, (2.0f64 / 7.0 * 1e6).round() / 1e6, 0),
            ]
        );
        assert_eq!(d.median_weeks, Some(9), "4/7 is above a half; 2/7 is not");
        assert_eq!((d.responders, d.lost), (7, 4));
        assert_eq!(d.censored, vec![4, 6, 12]);
    }

    #[test]
    fn everyone_censored_never_reaches_the_median() {
        let d = Durability::of(&[(3, false), (8, false), (20, false)]);
        assert!(d.survival.iter().all(|p| p.s == 1.0));
        assert_eq!(d.median_weeks, None);
        assert_eq!(d.median_text(), "not reached");
        assert_eq!(survival(&d)[1], (8, 1.0, 2));
    }

    #[test]
    fn a_single_responder() {
        let d = Durability::of(&[(5, true)]);
        assert_eq!(survival(&d), vec![(4, 1.0, 1), (8, 0.0, 0), (12, 0.0, 0), (26, 0.0, 0)]);
        assert_eq!(d.median_weeks, Some(5));
        assert_eq!(Durability::of(&[]).median_text(), "no responders");
    }

    #[test]
    fn exactly_one_half_is_the_median() {
        // ten responders, five lost at week 6: S(6) = 1/2
        let mut d: Vec<(u32, bool)> = (0..5).map(|_| (6, true)).collect();
        d.extend((0..5).map(|_| (10, false)));
        assert_eq!(Durability::of(&d).median_weeks, Some(6));
        // 5/6 * 4/5 * 3/4 = 1/2 by three steps, which need not come out
        // exactly 0.5 in floating point
        let half = Durability::of(&[(1, true), (2, true), (3, true), (4, false), (5, false), (6, false)]);
        assert!((half.at(3) - 0.5).abs() < 1e-12);
        assert_eq!(half.median_weeks, Some(3));
        // 4/5 * 2/3 = 8/15, just above a half: not reached
        let above = Durability::of(&[(1, true), (2, false), (3, true), (4, false), (5, false)]);
        assert!((above.at(3) - 8.0 / 15.0).abs() < 1e-12);
        assert_eq!(above.median_weeks, None);
    }

    #[test]
    fn timepoints_count_the_eligible_the_scored_and_the_missing() {
        use crate::journal::{Journal, Profile};
        use crate::window::Window;
        let dosing: chrono::NaiveDate = "2026-01-01".parse().unwrap();
        let w = Window::new(dosing, 182, 1).unwrap();
        let entry = |id: i64, day: i64, total: u8| {
            let mut a = [0u8; 9];
            let mut left = total;
            for slot in a.iter_mut().take(8) {
                *slot = left.min(3);
                left -= *slot;
            }
            crate::record::Versioned {
                id,
                versions: vec![crate::record::Version {
                    number: 1,
                    change: crate::record::Change::Original,
                    recorded_at: chrono::DateTime::parse_from_rfc3339("2026-01-01T12:00:00+00:00").unwrap(),
                    reason: None,
                    data: crate::record::EntryData {
                        day: w.date_of(day),
                        record: crate::record::Record::Phq9(
                            crate::instrument::Phq9::answered(a, None).unwrap(),
                        ),
                    },
                }],
            }
        };
        let course = |entries| {
            Course::new(
                &Journal { profile: Profile::new("P".into(), w, None), entries, events: vec![] },
                w.date_of(60),
            )
        };
        let a = course(vec![entry(1, -1, 20), entry(2, 1, 8), entry(3, 22, 4)]); // week 1 response, week 4 remission
        let b = course(vec![entry(1, -1, 8), entry(2, 1, 3)]); // below caseness: scored, not eligible
        let c = course(vec![entry(1, -1, 16), entry(2, 25, 12)]); // week 4 only, no response
        let none = course(vec![]);
        let cohort = Cohort::new([&a, &b, &c, &none]);
        let at = |k: u32| cohort.timepoints.iter().find(|t| t.week == k).copied().unwrap();
        assert_eq!(
            at(1),
            Timepoint { week: 1, eligible: 1, responders: 1, scored: 2, remitters: 1, missing: 2 }
        );
        assert_eq!(
            at(4),
            Timepoint { week: 4, eligible: 2, responders: 1, scored: 2, remitters: 1, missing: 2 }
        );
        assert_eq!(
            at(26),
            Timepoint { week: 26, eligible: 0, responders: 0, scored: 0, remitters: 0, missing: 4 }
        );
        // a: first response week 1, still responding at week 4: censored at 4
        assert_eq!((cohort.durability.responders, cohort.durability.lost), (1, 0));
        assert_eq!(cohort.durability.censored, vec![4]);
    }
}
