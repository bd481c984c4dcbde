//! The clinical outcome labels (response, remission, recovery, reliable
//! change, the MCID) and the participant's plain words for a change.

use super::{BaselineKind, CASENESS, MCID, RELIABLE_CHANGE, REMISSION_BELOW, reaches};
use serde::{Deserialize, Serialize};

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
