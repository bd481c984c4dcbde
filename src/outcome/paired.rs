//! The NHS Talking Therapies outcome on the PHQ-9 and GAD-7 together.

use super::{BaselineKind, reaches};
use serde::Serialize;

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
