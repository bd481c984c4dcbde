//! Outcomes against baseline, computed from PHQ-9 totals by day.
//!
//! Definitions (see PRODUCT.md): baseline is the mean of the PHQ-9s on
//! days −14 to −1, else the last one before day 0, else day 0's, else the
//! first after it ("post-dose baseline"); a change of 5 is the minimal
//! clinically important difference; ±6 is reliable change; response,
//! remission, recovery and reliable recovery as defined below.

use serde::{Deserialize, Serialize};

mod label;
mod paired;
#[cfg(test)]
mod tests;

pub use label::{Label, headline, labels, plain_words};
pub use paired::Paired;

/// Minimal clinically important difference (Löwe et al. 2004).
pub const MCID: f64 = 5.0;
/// Reliable change (NHS Talking Therapies).
pub const RELIABLE_CHANGE: f64 = 6.0;
/// Caseness threshold for response and recovery.
pub const CASENESS: f64 = 10.0;
/// Remission: current below this.
pub const REMISSION_BELOW: f64 = 5.0;
/// How many of the most recent scored days the "current" mean uses.
pub const MEAN_OF_LAST: usize = 7;

/// Scores are whole-number totals or means of a few weeks of them, so a
/// change between two scores is a fraction with a small denominator, and
/// one that misses a threshold misses it by more than 1/1000. The
/// floating-point difference of two such means can land a hair to either
/// side of a threshold it meets exactly (32/3 − 14/3 comes out as
/// 5.999…), so changes are held against thresholds with this margin, far
/// below any real difference.
const ROUNDING: f64 = 1e-9;

/// Whether a change of `by` points (a difference of two scores) reaches
/// `threshold` points.
pub fn reaches(by: f64, threshold: f64) -> bool {
    by >= threshold - ROUNDING
}

/// One PHQ-9 total on a day of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub day: i64,
    pub total: u8,
}

/// The first and last day of the baseline period (the two weeks the PHQ-9's
/// recall covers; day 0 is left out: a fast-acting compound can change a
/// score recorded after the session).
pub const BASELINE_PERIOD: std::ops::RangeInclusive<i64> = -14..=-1;

/// Which rule gave the baseline, in order of preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineKind {
    /// The mean of the PHQ-9s on days −14 to −1.
    BaselinePeriod,
    /// No PHQ-9 in the baseline period: the last one before day 0.
    BeforeDosing,
    /// None before day 0: the one on day 0, which may be after the session.
    DayZero,
    /// None on or before day 0: the first after it.
    PostDose,
}

/// The baseline PHQ-9: a value, the rule that gave it, and the PHQ-9s it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    pub value: f64,
    pub kind: BaselineKind,
    /// How many PHQ-9s it is the mean of (1 unless from the baseline period).
    pub n: usize,
    /// The day of the one PHQ-9 it is; `None` for a mean over the period.
    pub day: Option<i64>,
    /// The last day the baseline uses: later PHQ-9s are current values.
    pub through: i64,
}

impl Baseline {
    /// Eligible for response and recovery: caseness at baseline.
    pub fn caseness(&self) -> bool {
        self.value >= CASENESS
    }

    /// The baseline in a few words: `18.6 (mean of 11 PHQ-9s, days -14 to -1)`.
    pub fn describe(&self) -> String {
        self.describe_of("PHQ-9")
    }

    /// The same for a questionnaire by name ("GAD-7").
    pub fn describe_of(&self, name: &str) -> String {
        let value = score(self.value);
        match (self.kind, self.day) {
            (BaselineKind::BaselinePeriod, _) => {
                let what = crate::text::count(self.n, name, &format!("{name}s"));
                format!("{value} (mean of {what}, days -14 to -1)")
            }
            (BaselineKind::BeforeDosing, Some(d)) => {
                format!("{value} (the last {name} before dosing, day {d})")
            }
            (BaselineKind::DayZero, _) => format!("{value} (day 0, may be after the session)"),
            (_, d) => format!("{value} (post-dose baseline, day {})", d.unwrap_or(0)),
        }
    }
}

impl Baseline {
    /// The baseline in the participant's words: "Your starting score: 13,
    /// from your first check-in after the session" (the clinical wording,
    /// [`Baseline::describe`], stays in review, exports and the brief).
    pub fn plain(&self) -> String {
        self.plain_of("PHQ-9")
    }

    /// The same for a questionnaire by name ("GAD-7").
    pub fn plain_of(&self, name: &str) -> String {
        let value = score(self.value);
        let from = match self.kind {
            BaselineKind::BaselinePeriod if self.n == 1 => {
                format!("your {name} in the two weeks before the session")
            }
            BaselineKind::BaselinePeriod => {
                format!("the average of your {} {name}s before the session", self.n)
            }
            BaselineKind::BeforeDosing => format!("your last {name} before the session"),
            BaselineKind::DayZero => "the day of the session".to_string(),
            BaselineKind::PostDose => "your first check-in after the session".to_string(),
        };
        format!("Your starting score: {value}, from {from}")
    }
}

/// A change from the starting score in the participant's words, with no
/// sign to read: "12.2 lower than your starting score", "3 higher than…",
/// "the same as your starting score" (a lower score is the better one).
pub fn plain_change(change: f64) -> String {
    let by = score(change.abs());
    if by == "0" {
        "the same as your starting score".to_string()
    } else if change < 0.0 {
        format!("{by} lower than your starting score")
    } else {
        format!("{by} higher than your starting score")
    }
}

impl Baseline {
    /// For a table cell: the value with how many PHQ-9s the mean covers
    /// ("19.2·14"), or its kind: `b` the last before day 0, `d0` day 0,
    /// `p` post-dose. The legend is [`BASELINE_LEGEND`].
    pub fn short(&self) -> String {
        let v = score(self.value);
        match self.kind {
            BaselineKind::BaselinePeriod => format!("{v}\u{b7}{}", self.n),
            BaselineKind::BeforeDosing => format!("{v} b"),
            BaselineKind::DayZero => format!("{v} d0"),
            BaselineKind::PostDose => format!("{v} p"),
        }
    }
}

/// What [`Baseline::short`] means.
pub const BASELINE_LEGEND: &str =
    "Base 19\u{b7}12: mean of 12 PHQ-9s on days -14 to -1 (b, d0, p: its fallbacks)";

/// A score for people: to one decimal, without a trailing ".0" (so whole
/// scores read as they were answered) and never "-0".
pub fn score(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 { format!("{r:.0}") } else { format!("{r:.1}") }
}

/// A change for people: [`score`] with its sign ("+3", "-15.2", "0").
pub fn signed(v: f64) -> String {
    let s = score(v);
    if s.starts_with('-') || s == "0" { s } else { format!("+{s}") }
}

impl BaselineKind {
    /// When the baseline was, in the participant's words.
    pub fn when(self) -> &'static str {
        match self {
            BaselineKind::BaselinePeriod | BaselineKind::BeforeDosing => "before the session",
            BaselineKind::DayZero => "on the day of the session",
            BaselineKind::PostDose => "at your first check-in after the session",
        }
    }
}

/// A current value judged against baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub value: f64,
    pub change: f64,
    pub labels: Vec<Label>,
}

impl Assessment {
    pub fn new(baseline: &Baseline, value: f64) -> Self {
        Self { value, change: value - baseline.value, labels: labels(baseline.value, value) }
    }
}

/// "Now": the latest scored week (days ≥ 1) after the baseline, its mean
/// judged against baseline. The outcome labels are always of this.
#[derive(Debug, Clone, PartialEq)]
pub struct Now {
    pub week: u32,
    /// How many PHQ-9s the week's mean covers.
    pub n: u32,
    pub assessment: Assessment,
}

/// Baseline, latest score and 7-day mean, and "now" with its labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub baseline: Baseline,
    /// The most recent PHQ-9 after the baseline and its change from
    /// baseline: shown as the latest score, never labelled.
    pub latest: Option<(Point, f64)>,
    /// The mean of the last seven days with a PHQ-9 after the baseline, and
    /// how many days it covers (fewer than seven early on).
    pub recent_mean: Option<(usize, f64)>,
    /// The latest scored week's mean, with the outcome labels.
    pub now: Option<Now>,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<(usize, f64)> {
    let (n, sum) = values.fold((0usize, 0.0), |(n, s), v| (n + 1, s + v));
    (n > 0).then(|| (n, sum / n as f64))
}

/// The baseline of a series sorted by day (see PRODUCT.md, "Outcome
/// definitions"): the mean of the PHQ-9s on days −14 to −1; else the last
/// one before day 0; else the one on day 0; else the first after it.
pub fn baseline(points: &[Point]) -> Option<Baseline> {
    let period = points.iter().filter(|p| BASELINE_PERIOD.contains(&p.day)).map(|p| f64::from(p.total));
    if let Some((n, value)) = mean(period) {
        return Some(Baseline { value, kind: BaselineKind::BaselinePeriod, n, day: None, through: -1 });
    }
    let one = |p: &Point, kind| Baseline {
        value: f64::from(p.total),
        kind,
        n: 1,
        day: Some(p.day),
        through: p.day,
    };
    if let Some(p) = points.iter().rev().find(|p| p.day < 0) {
        return Some(one(p, BaselineKind::BeforeDosing));
    }
    if let Some(p) = points.iter().find(|p| p.day == 0) {
        return Some(one(p, BaselineKind::DayZero));
    }
    points.first().map(|p| one(p, BaselineKind::PostDose))
}

/// The score of the latest scored week (days ≥ 1): the mean of its totals,
/// as the course reads weeks. "Now" of the paired outcome.
pub fn latest_week(points: &[Point]) -> Option<f64> {
    let weeks = crate::window::weekly(points.iter().map(|p| (p.day, f64::from(p.total))));
    weeks.last().map(|w| w.mean)
}

/// The paired outcome of two series (PHQ-9, GAD-7), when both have a
/// baseline and a scored week.
pub fn paired(phq9: &[Point], gad7: &[Point]) -> Option<Paired> {
    let sorted = |p: &[Point]| {
        let mut p = p.to_vec();
        p.sort_by_key(|p| p.day);
        p
    };
    let (phq9, gad7) = (sorted(phq9), sorted(gad7));
    let now = |p: &[Point], b: &Baseline| {
        latest_week(&p.iter().copied().filter(|x| x.day > b.through).collect::<Vec<_>>())
    };
    let (pb, gb) = (baseline(&phq9)?, baseline(&gad7)?);
    Some(Paired::new((pb.value, now(&phq9, &pb)?), (gb.value, now(&gad7, &gb)?)))
}

/// Outcomes for a series of PHQ-9 totals (any order).
pub fn outcome(points: &[Point]) -> Option<Outcome> {
    let mut points = points.to_vec();
    points.sort_by_key(|p| p.day);
    let baseline = baseline(&points)?;
    let after: Vec<Point> = points.into_iter().filter(|p| p.day > baseline.through).collect();
    let latest = after.last().map(|&p| (p, f64::from(p.total) - baseline.value));
    let recent_mean = mean(after.iter().rev().take(MEAN_OF_LAST).map(|p| f64::from(p.total)));
    let weeks = crate::window::weekly(after.iter().map(|p| (p.day, f64::from(p.total))));
    let now =
        weeks.last().map(|w| Now { week: w.week, n: w.n, assessment: Assessment::new(&baseline, w.mean) });
    Some(Outcome { baseline, latest, recent_mean, now })
}
