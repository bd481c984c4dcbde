//! Outcomes against baseline, computed from PHQ-9 totals by day.
//!
//! Definitions (see PRODUCT.md): baseline is the mean of the PHQ-9s on
//! days −14 to −1, else the last one before day 0, else day 0's, else the
//! first after it ("post-dose baseline"); a change of 5 is the minimal
//! clinically important difference; ±6 is reliable change; response,
//! remission, recovery and reliable recovery as defined below.

use serde::{Deserialize, Serialize};

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

/// An outcome label, with its short form for tables and its definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[derive(strum::IntoStaticStr, strum::EnumMessage, strum::EnumProperty, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Label {
    #[strum(
        message = "reliable recovery",
        detailed_message = "recovery together with reliable improvement",
        props(short = "rel. recovery")
    )]
    ReliableRecovery,
    #[strum(
        message = "recovery",
        detailed_message = "baseline 10 or more (caseness) and current below 10 (NHS Talking Therapies)",
        props(short = "recovery")
    )]
    Recovery,
    #[strum(
        message = "remission",
        detailed_message = "current below 5 (NQF 0710)",
        props(short = "remission")
    )]
    Remission,
    #[strum(
        message = "response",
        detailed_message = "baseline 10 or more and current at most half of baseline (NQF 1885)",
        props(short = "response")
    )]
    Response,
    #[strum(
        message = "reliable improvement",
        detailed_message = "a drop of 6 points or more from baseline (NHS Talking Therapies)",
        props(short = "rel. improved")
    )]
    ReliableImprovement,
    #[strum(
        message = "clinically important improvement",
        detailed_message = "a drop of 5 points or more, the minimal clinically important difference (Löwe et al. 2004)",
        props(short = "improved 5+")
    )]
    ClinicallyImportantImprovement,
    #[strum(
        message = "clinically important worsening",
        detailed_message = "a rise of 5 points or more from baseline",
        props(short = "WORSE 5+")
    )]
    ClinicallyImportantWorsening,
    #[strum(
        message = "reliable deterioration",
        detailed_message = "a rise of 6 points or more from baseline (NHS Talking Therapies)",
        props(short = "REL. WORSE")
    )]
    ReliableDeterioration,
}

impl Label {
    pub const ALL: &[Label] = <Label as strum::VariantArray>::VARIANTS;

    /// The stable machine name, as serde writes it.
    pub fn key(self) -> &'static str {
        self.into()
    }

    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }

    /// At most 14 characters, for tables.
    pub fn short(self) -> &'static str {
        strum::EnumProperty::get_str(&self, "short").unwrap_or_default()
    }

    pub fn definition(self) -> &'static str {
        strum::EnumMessage::get_detailed_message(&self).unwrap_or_default()
    }

    /// Labels that mean things got worse.
    pub fn is_worsening(self) -> bool {
        matches!(self, Label::ClinicallyImportantWorsening | Label::ReliableDeterioration)
    }
}

/// The labels that hold for a current value against a baseline total.
pub fn labels(baseline: f64, current: f64) -> Vec<Label> {
    let change = current - baseline;
    let caseness = baseline >= CASENESS;
    let reliable_improvement = reaches(-change, RELIABLE_CHANGE);
    let recovery = caseness && current < CASENESS;
    let mut out = Vec::new();
    if recovery && reliable_improvement {
        out.push(Label::ReliableRecovery);
    }
    if recovery {
        out.push(Label::Recovery);
    }
    if current < REMISSION_BELOW {
        out.push(Label::Remission);
    }
    if caseness && current <= baseline / 2.0 {
        out.push(Label::Response);
    }
    if reliable_improvement {
        out.push(Label::ReliableImprovement);
    }
    if reaches(-change, MCID) {
        out.push(Label::ClinicallyImportantImprovement);
    }
    if reaches(change, MCID) {
        out.push(Label::ClinicallyImportantWorsening);
    }
    if reaches(change, RELIABLE_CHANGE) {
        out.push(Label::ReliableDeterioration);
    }
    out
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

/// A change from baseline in plain words, for the participant's own
/// screens (the clinical labels and their definitions are one key away).
pub fn plain_words(change: f64, since: BaselineKind) -> String {
    let how = if reaches(-change, RELIABLE_CHANGE) {
        "much better than"
    } else if reaches(-change, MCID) {
        "better than"
    } else if reaches(change, RELIABLE_CHANGE) {
        "much harder than"
    } else if reaches(change, MCID) {
        "harder than"
    } else {
        "about the same as"
    };
    format!("{how} {}", since.when())
}

/// The labels worth showing in a tight space: a label implied by another
/// (reliable recovery implies recovery and reliable improvement; reliable
/// change implies the clinically important one) is left out.
pub fn headline(labels: &[Label]) -> Vec<Label> {
    let implied = |l: &Label| match l {
        Label::Recovery | Label::ReliableImprovement => labels.contains(&Label::ReliableRecovery),
        Label::ClinicallyImportantImprovement => {
            labels.contains(&Label::ReliableImprovement) || labels.contains(&Label::ReliableRecovery)
        }
        Label::ClinicallyImportantWorsening => labels.contains(&Label::ReliableDeterioration),
        _ => false,
    };
    labels.iter().copied().filter(|l| !implied(l)).collect()
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

/// Baseline, latest and 7-day mean, with their outcome labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub baseline: Baseline,
    /// The most recent PHQ-9 after the baseline, if there is one.
    pub latest: Option<(Point, Assessment)>,
    /// The mean of the last seven days with a PHQ-9 after the baseline, and
    /// how many days it covers (fewer than seven early on).
    pub recent_mean: Option<(usize, Assessment)>,
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
    let week = points.iter().filter_map(|p| crate::course::week_of(p.day)).max()?;
    mean(points.iter().filter(|p| crate::course::week_of(p.day) == Some(week)).map(|p| f64::from(p.total)))
        .map(|(_, v)| v)
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
    let latest = after.last().map(|&p| (p, Assessment::new(&baseline, f64::from(p.total))));
    let recent = mean(after.iter().rev().take(MEAN_OF_LAST).map(|p| f64::from(p.total)));
    let recent_mean = recent.map(|(n, v)| (n, Assessment::new(&baseline, v)));
    Some(Outcome { baseline, latest, recent_mean })
}

/// The NHS Talking Therapies outcome on the pair (PHQ-9 and GAD-7), when
/// both are used: baselines by the rule of "Outcome definitions", "now" the
/// score of each one's latest scored week.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Paired {
    pub phq9_baseline: f64,
    pub gad7_baseline: f64,
    pub phq9_now: f64,
    pub gad7_now: f64,
    /// At caseness at baseline (on either) and below it on both now.
    pub recovery: bool,
    /// A reliable drop on at least one, and a reliable rise on neither.
    pub reliable_improvement: bool,
    /// A reliable rise on at least one.
    pub reliable_deterioration: bool,
    /// Recovery and reliable improvement.
    pub reliable_recovery: bool,
}

impl Paired {
    /// From the two questionnaires' baselines and latest weekly scores.
    pub fn new(phq9: (f64, f64), gad7: (f64, f64)) -> Self {
        use crate::instrument::{GAD7, PHQ9};
        let case = |q: &crate::instrument::Questionnaire, v: f64| v >= f64::from(q.caseness);
        let drop = |q: &crate::instrument::Questionnaire, (base, now): (f64, f64)| {
            reaches(base - now, f64::from(q.reliable_change))
        };
        let rise = |q: &crate::instrument::Questionnaire, (base, now): (f64, f64)| {
            reaches(now - base, f64::from(q.reliable_change))
        };
        let recovery =
            (case(&PHQ9, phq9.0) || case(&GAD7, gad7.0)) && !case(&PHQ9, phq9.1) && !case(&GAD7, gad7.1);
        let reliable_deterioration = rise(&PHQ9, phq9) || rise(&GAD7, gad7);
        let reliable_improvement = (drop(&PHQ9, phq9) || drop(&GAD7, gad7)) && !reliable_deterioration;
        Self {
            phq9_baseline: phq9.0,
            gad7_baseline: gad7.0,
            phq9_now: phq9.1,
            gad7_now: gad7.1,
            recovery,
            reliable_improvement,
            reliable_deterioration,
            reliable_recovery: recovery && reliable_improvement,
        }
    }

    /// The outcome on the pair in the participant's words ("better than
    /// before the session"); the labels are for review and exports.
    pub fn plain_words(&self, since: BaselineKind) -> String {
        let how = if self.reliable_deterioration {
            "harder than"
        } else if self.recovery || self.reliable_improvement {
            "better than"
        } else {
            "about the same as"
        };
        format!("{how} {}", since.when())
    }

    /// The paired labels that hold, most telling first, for people.
    pub fn labels(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.reliable_recovery {
            out.push("reliable recovery");
        } else if self.recovery {
            out.push("recovery");
        }
        if self.reliable_improvement {
            out.push("reliable improvement");
        }
        if self.reliable_deterioration {
            out.push("reliable deterioration");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paired_outcome_at_every_boundary() {
        let p = Paired::new;
        // caseness: PHQ-9 10 (not 9), GAD-7 8 (not 7), on either
        assert!(p((10.0, 9.0), (5.0, 5.0)).recovery);
        assert!(!p((9.0, 4.0), (7.0, 2.0)).recovery, "neither at caseness at baseline");
        assert!(p((9.0, 4.0), (8.0, 7.0)).recovery, "GAD-7 8 is caseness, 7 is not");
        assert!(!p((12.0, 9.0), (9.0, 8.0)).recovery, "GAD-7 still at caseness now");
        assert!(!p((12.0, 10.0), (6.0, 2.0)).recovery, "PHQ-9 still at caseness now");
        // reliable change: 6 on the PHQ-9 (not 5), 4 on the GAD-7 (not 3)
        assert!(p((15.0, 9.0), (6.0, 6.0)).reliable_improvement);
        assert!(!p((15.0, 10.0), (6.0, 6.0)).reliable_improvement, "a drop of 5");
        assert!(p((6.0, 6.0), (12.0, 8.0)).reliable_improvement);
        assert!(!p((6.0, 6.0), (12.0, 9.0)).reliable_improvement, "a drop of 3");
        assert!(p((6.0, 12.0), (5.0, 5.0)).reliable_deterioration);
        assert!(!p((6.0, 11.0), (5.0, 5.0)).reliable_deterioration, "a rise of 5");
        assert!(p((6.0, 6.0), (5.0, 9.0)).reliable_deterioration);
        assert!(!p((6.0, 6.0), (5.0, 8.0)).reliable_deterioration, "a rise of 3");
        // better on one, worse on the other: deterioration, never improvement
        let mixed = p((18.0, 8.0), (6.0, 12.0));
        assert!(mixed.reliable_deterioration && !mixed.reliable_improvement && !mixed.reliable_recovery);
        // reliable recovery: recovery and reliable improvement
        let rr = p((16.0, 6.0), (12.0, 5.0));
        assert!(rr.recovery && rr.reliable_improvement && rr.reliable_recovery);
        assert_eq!(rr.labels(), ["reliable recovery", "reliable improvement"]);
        let r_only = p((11.0, 8.0), (8.0, 7.0));
        assert!(r_only.recovery && !r_only.reliable_improvement && !r_only.reliable_recovery);
        // weekly means: 5.9 is not a reliable drop of 6
        assert!(!p((15.0, 9.1), (6.0, 6.0)).reliable_improvement);
    }

    /// Means of three days meet a threshold exactly although their
    /// floating-point difference falls short of it (32/3 − 14/3 = 6).
    #[test]
    fn a_change_between_means_that_meets_a_threshold_exactly_counts() {
        let (base, now) = (32.0 / 3.0, 14.0 / 3.0);
        assert!(base - now < RELIABLE_CHANGE, "the arithmetic this test is about");
        assert!(Paired::new((base, now), (6.0, 6.0)).reliable_improvement);
        assert!(Paired::new((now, base), (6.0, 6.0)).reliable_deterioration);
        assert!(labels(base, now).contains(&Label::ReliableImprovement));
        assert!(labels(now, base).contains(&Label::ReliableDeterioration));
        // 29/3 − 14/3 = 5: the MCID, both ways
        let (hi, lo) = (29.0 / 3.0, 14.0 / 3.0);
        assert!(hi - lo < MCID, "the arithmetic this test is about");
        assert!(labels(hi, lo).contains(&Label::ClinicallyImportantImprovement));
        assert!(labels(lo, hi).contains(&Label::ClinicallyImportantWorsening));
        assert_eq!(
            plain_words(now - base, BaselineKind::BaselinePeriod),
            "much better than before the session"
        );
        // a third of a point short is short
        assert!(!Paired::new((32.0 / 3.0, 15.0 / 3.0), (6.0, 6.0)).reliable_improvement);
        assert!(!labels(32.0 / 3.0, 15.0 / 3.0).contains(&Label::ReliableImprovement));
    }

    #[test]
    fn scores_for_people_round_to_one_decimal_without_minus_zero() {
        assert_eq!(score(12.0), "12");
        assert_eq!(score(19.214285714285715), "19.2");
        assert_eq!(score(14.96), "15");
        assert_eq!(score(-0.04), "0");
        assert_eq!(signed(-15.214285714285715), "-15.2");
        assert_eq!(signed(6.0), "+6");
        assert_eq!(signed(0.02), "0");
    }

    fn pts(v: &[(i64, u8)]) -> Vec<Point> {
        v.iter().map(|&(day, total)| Point { day, total }).collect()
    }

    #[test]
    fn baseline_is_the_mean_of_days_minus_14_to_minus_1() {
        // day -20 and day 0 are outside the period
        let b = baseline(&pts(&[(-20, 27), (-14, 20), (-5, 17), (-1, 18), (0, 3), (3, 12)])).unwrap();
        assert_eq!(
            (b.value, b.kind, b.n, b.day, b.through),
            (55.0 / 3.0, BaselineKind::BaselinePeriod, 3, None, -1)
        );
        assert!(b.describe().starts_with("18.3 (mean of 3 PHQ-9s"), "{}", b.describe());
    }

    #[test]
    fn baseline_falls_back_in_order() {
        let b = baseline(&pts(&[(-30, 20), (-15, 18), (0, 17), (3, 12)])).unwrap();
        assert_eq!((b.value, b.kind, b.day), (18.0, BaselineKind::BeforeDosing, Some(-15)));
        let b = baseline(&pts(&[(0, 17), (3, 12)])).unwrap();
        assert_eq!((b.value, b.kind, b.day), (17.0, BaselineKind::DayZero, Some(0)));
        assert!(b.describe().contains("may be after the session"));
        let b = baseline(&pts(&[(2, 16), (5, 12)])).unwrap();
        assert_eq!((b.value, b.kind, b.day), (16.0, BaselineKind::PostDose, Some(2)));
        assert_eq!(baseline(&[]), None);
    }

    #[test]
    fn day_zero_counts_as_a_current_value_after_a_period_baseline() {
        let o = outcome(&pts(&[(-3, 20), (0, 8)])).unwrap();
        assert_eq!(o.latest.unwrap().0.day, 0);
    }

    #[test]
    fn label_definitions_at_their_edges() {
        use Label::*;
        // reliable improvement needs 6, MCID 5
        assert_eq!(labels(8.0, 3.0), vec![Remission, ClinicallyImportantImprovement]);
        assert_eq!(labels(8.0, 2.0), vec![Remission, ReliableImprovement, ClinicallyImportantImprovement]);
        // response: baseline ≥ 10 and current ≤ half
        assert!(labels(20.0, 10.0).contains(&Response));
        assert!(!labels(20.0, 11.0).contains(&Response));
        assert!(!labels(9.0, 4.0).contains(&Response), "below caseness at baseline");
        // recovery: caseness and below 10; reliable recovery needs a drop of 6
        assert!(labels(12.0, 9.0).contains(&Recovery));
        assert!(!labels(12.0, 9.0).contains(&ReliableRecovery));
        assert!(labels(15.0, 9.0).contains(&ReliableRecovery));
        assert!(!labels(9.0, 3.0).contains(&Recovery));
        // remission: strictly below 5
        assert!(!labels(12.0, 5.0).contains(&Remission));
        assert!(labels(12.0, 4.0).contains(&Remission));
        // deterioration
        assert_eq!(labels(5.0, 10.0), vec![ClinicallyImportantWorsening]);
        assert_eq!(labels(5.0, 11.0), vec![ClinicallyImportantWorsening, ReliableDeterioration]);
        assert!(labels(10.0, 10.0).is_empty());
    }

    #[test]
    fn label_names_are_what_serde_writes() {
        for l in Label::ALL {
            assert_eq!(serde_json::to_value(l).unwrap(), l.key());
            assert!(l.short().chars().count() <= 14 && !l.definition().is_empty());
        }
        assert_eq!(Label::ClinicallyImportantImprovement.key(), "clinically_important_improvement");
    }

    #[test]
    fn the_participant_reads_the_baseline_and_the_change_in_plain_words() {
        let b = |kind, n, day| Baseline { value: 13.0, kind, n, day, through: 0 };
        let post = b(BaselineKind::PostDose, 1, Some(22));
        assert_eq!(post.plain(), "Your starting score: 13, from your first check-in after the session");
        assert!(
            post.describe().contains("post-dose baseline"),
            "the clinical words stay: {}",
            post.describe()
        );
        let period = b(BaselineKind::BaselinePeriod, 14, None).plain();
        assert_eq!(period, "Your starting score: 13, from the average of your 14 PHQ-9s before the session");
        assert!(
            b(BaselineKind::BeforeDosing, 1, Some(-20))
                .plain_of("GAD-7")
                .ends_with("your last GAD-7 before the session")
        );
        assert_eq!(
            b(BaselineKind::DayZero, 1, Some(0)).plain(),
            "Your starting score: 13, from the day of the session"
        );
        for kind in [
            BaselineKind::BaselinePeriod,
            BaselineKind::BeforeDosing,
            BaselineKind::DayZero,
            BaselineKind::PostDose,
        ] {
            let plain = b(kind, 2, Some(1)).plain();
            assert!(
                !plain.contains("baseline") && !plain.contains("dose") && !plain.contains("mean"),
                "{plain}"
            );
        }
        assert_eq!(plain_change(-12.2), "12.2 lower than your starting score");
        assert_eq!(plain_change(3.0), "3 higher than your starting score");
        assert_eq!(plain_change(0.01), "the same as your starting score");
    }

    #[test]
    fn plain_words_follow_the_thresholds() {
        assert_eq!(plain_words(-6.0, BaselineKind::BaselinePeriod), "much better than before the session");
        assert_eq!(plain_words(-5.0, BaselineKind::BeforeDosing), "better than before the session");
        assert_eq!(plain_words(-4.9, BaselineKind::BaselinePeriod), "about the same as before the session");
        assert_eq!(plain_words(4.0, BaselineKind::BaselinePeriod), "about the same as before the session");
        assert_eq!(plain_words(5.0, BaselineKind::BaselinePeriod), "harder than before the session");
        assert_eq!(plain_words(6.5, BaselineKind::BaselinePeriod), "much harder than before the session");
        // a baseline from after the session never says "before the session"
        assert_eq!(
            plain_words(-6.0, BaselineKind::PostDose),
            "much better than at your first check-in after the session"
        );
        assert_eq!(plain_words(0.0, BaselineKind::DayZero), "about the same as on the day of the session");
    }

    #[test]
    fn headline_drops_implied_labels() {
        use Label::*;
        let all = labels(20.0, 3.0);
        assert_eq!(
            all,
            vec![
                ReliableRecovery,
                Recovery,
                Remission,
                Response,
                ReliableImprovement,
                ClinicallyImportantImprovement
            ]
        );
        assert_eq!(headline(&all), vec![ReliableRecovery, Remission, Response]);
        assert_eq!(headline(&labels(5.0, 11.0)), vec![ReliableDeterioration]);
        assert_eq!(headline(&labels(8.0, 3.0)), vec![Remission, ClinicallyImportantImprovement]);
    }

    #[test]
    fn latest_and_seven_day_mean() {
        let series = pts(&[(-1, 20), (1, 18), (2, 16), (3, 14), (4, 12), (5, 10), (6, 8), (7, 6), (8, 4)]);
        let o = outcome(&series).unwrap();
        assert_eq!(o.baseline.value, 20.0);
        let (p, latest) = o.latest.clone().unwrap();
        assert_eq!(p.day, 8);
        assert_eq!(latest.change, -16.0);
        assert!(latest.labels.contains(&Label::Remission));
        let (n, mean) = o.recent_mean.unwrap();
        assert_eq!(n, 7);
        // days 2..=8: 16+14+12+10+8+6+4 = 70 → 10.0
        assert_eq!(mean.value, 10.0);
        assert!(mean.labels.contains(&Label::Response));
        assert!(!mean.labels.contains(&Label::Recovery));
    }

    #[test]
    fn only_a_baseline_has_no_outcome_yet() {
        let o = outcome(&pts(&[(0, 14)])).unwrap();
        assert_eq!(o.latest, None);
        assert_eq!(o.recent_mean, None);
        assert_eq!(outcome(&[]), None);
    }
}
