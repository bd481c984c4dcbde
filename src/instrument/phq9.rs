//! The PHQ-9: verbatim text, LOINC codes, scoring, severity, screening flags
//! and the item-9 safety signal.
//!
//! Everything here is a pure function of the answers; nothing touches a
//! terminal or a database.

use serde::{Deserialize, Serialize};
use std::fmt;

pub use super::questionnaire::{AnswerOption, Item, PHQ9};

/// LOINC code of the PHQ-9 panel.
pub const PANEL_LOINC: &str = PHQ9.panel_loinc;
/// FHIR Questionnaire canonical URL of the PHQ-9 panel.
pub const QUESTIONNAIRE_URL: &str = PHQ9.questionnaire_url;
/// LOINC code of the total score (0–27).
pub const TOTAL_LOINC: &str = PHQ9.total_loinc;
/// LOINC code of item 10 (difficulty, not scored).
pub const DIFFICULTY_LOINC: &str = super::questionnaire::PHQ9_DIFFICULTY.loinc;
/// LOINC answer list of items 1–9.
pub const ANSWER_LIST_LOINC: &str = PHQ9.answer_list_loinc;
/// LOINC answer list of the severity bands.
pub const SEVERITY_LIST_LOINC: &str = "LL382-3";

/// The stem, verbatim.
pub const STEM: &str = PHQ9.stem;

/// The nine items, verbatim, with their LOINC codes.
pub const ITEMS: [Item; 9] = super::questionnaire::PHQ9_ITEMS;

/// Answers to items 1–9 (LOINC LL358-3), in score order.
pub const ANSWERS: [AnswerOption; 4] = super::questionnaire::FREQUENCY;

/// Item 10, verbatim (not scored).
pub const DIFFICULTY_TEXT: &str = super::questionnaire::PHQ9_DIFFICULTY.text;

/// Answers to item 10, in order of difficulty.
pub const DIFFICULTY_ANSWERS: [AnswerOption; 4] = *super::questionnaire::PHQ9_DIFFICULTY.answers;

/// The highest answer value of any item.
pub const MAX_ANSWER: u8 = 3;
/// The highest possible total.
pub const MAX_TOTAL: u8 = 27;
/// An item counts as "positive" for screening at this value ("more than half the days").
const POSITIVE: u8 = 2;

/// Why a set of PHQ-9 answers was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Phq9Error {
    #[error("PHQ-9 needs 9 answers, got {0}")]
    WrongCount(usize),
    #[error("PHQ-9 item {item}: answer {value} is out of range 0\u{2013}3")]
    AnswerOutOfRange { item: u8, value: u8 },
    #[error("PHQ-9 item 10 (difficulty): {0} is out of range 0\u{2013}3")]
    DifficultyOutOfRange(u8),
}

/// The nine answers in item order; `None` for an item left out (imported
/// or legacy records only). One shape from key press to store.
pub type Answers = [Option<u8>; 9];

/// One completed (or, for imported records, partly completed) PHQ-9.
///
/// Items are `None` only in imported or legacy records; the program's own
/// forms require all nine answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Phq9Fields")]
pub struct Phq9 {
    answers: Answers,
    difficulty: Option<u8>,
}

/// What a PHQ-9 looks like on the wire; checked on the way in.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Phq9Fields {
    answers: Vec<Option<u8>>,
    difficulty: Option<u8>,
}

impl TryFrom<Phq9Fields> for Phq9 {
    type Error = Phq9Error;
    fn try_from(f: Phq9Fields) -> Result<Self, Self::Error> {
        let answers: Answers =
            f.answers.as_slice().try_into().map_err(|_| Phq9Error::WrongCount(f.answers.len()))?;
        Phq9::new(answers, f.difficulty)
    }
}

impl Phq9 {
    /// A response: nine answers 0–3 (a missing one only in imported
    /// records) and an optional item 10.
    pub fn new(answers: Answers, difficulty: Option<u8>) -> Result<Self, Phq9Error> {
        for (i, answer) in answers.iter().enumerate() {
            if let Some(value) = *answer
                && value > MAX_ANSWER
            {
                return Err(Phq9Error::AnswerOutOfRange { item: i as u8 + 1, value });
            }
        }
        if let Some(d) = difficulty
            && d > MAX_ANSWER
        {
            return Err(Phq9Error::DifficultyOutOfRange(d));
        }
        Ok(Self { answers, difficulty })
    }

    /// A complete response from nine values (the demo and tests).
    pub fn answered(values: [u8; 9], difficulty: Option<u8>) -> Result<Self, Phq9Error> {
        Self::new(values.map(Some), difficulty)
    }

    /// Every item answered (what the program's own forms require).
    pub fn is_complete(&self) -> bool {
        self.missing_items() == 0
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn answer(&self, item: usize) -> Option<u8> {
        self.answers.get(item).copied().flatten()
    }

    pub fn difficulty(&self) -> Option<u8> {
        self.difficulty
    }

    pub fn missing_items(&self) -> usize {
        self.answers.iter().filter(|a| a.is_none()).count()
    }

    /// The total score, prorated when one or two items are missing;
    /// `None` when three or more are missing.
    pub fn score(&self) -> Option<Score> {
        PHQ9.total(&self.answers).map(|t| Score { total: t.total, prorated: t.prorated })
    }

    pub fn total(&self) -> Option<u8> {
        self.score().map(|s| s.total)
    }

    pub fn severity(&self) -> Option<Severity> {
        self.total().map(Severity::of)
    }

    /// Item 9 (the description's safety item) answered above 0: a safety signal.
    pub fn safety_signal(&self) -> bool {
        PHQ9.safety_item.is_some_and(|i| self.answers[i].is_some_and(|a| a > 0))
    }

    /// The screening flag, computed only when all nine items are answered.
    pub fn screening(&self) -> Option<Screening> {
        if self.missing_items() > 0 {
            return None;
        }
        let positive = |a: &Option<u8>| a.is_some_and(|v| v >= POSITIVE);
        let count = self.answers.iter().filter(|a| positive(a)).count();
        let cardinal = positive(&self.answers[0]) || positive(&self.answers[1]);
        Some(match (cardinal, count) {
            (true, 5..) => Screening::MajorDepressiveSyndrome,
            (true, 2..=4) => Screening::OtherDepressiveSyndrome,
            _ => Screening::Negative,
        })
    }
}

/// A total score and whether it was prorated from 7 or 8 answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub total: u8,
    pub prorated: bool,
}

/// The five severity bands (LOINC LL382-3), lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[derive(strum::IntoStaticStr, strum::EnumMessage, strum::EnumProperty, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Severity {
    #[strum(message = "none/minimal", props(loinc = "LA6708-7", range = "0\u{2013}4", from = "0"))]
    None,
    #[strum(message = "mild", props(loinc = "LA6709-5", range = "5\u{2013}9", from = "5"))]
    Mild,
    #[strum(message = "moderate", props(loinc = "LA6710-3", range = "10\u{2013}14", from = "10"))]
    Moderate,
    #[strum(message = "moderately severe", props(loinc = "LA6711-1", range = "15\u{2013}19", from = "15"))]
    ModeratelySevere,
    #[strum(message = "severe", props(loinc = "LA6712-9", range = "20\u{2013}27", from = "20"))]
    Severe,
}

impl Severity {
    pub const ALL: &[Severity] = <Severity as strum::VariantArray>::VARIANTS;

    pub fn of(total: u8) -> Self {
        Self::ALL.iter().rev().copied().find(|s| total >= s.lower_bound()).unwrap_or(Severity::None)
    }

    /// The lowest total in this band.
    pub fn lower_bound(self) -> u8 {
        self.prop("from").parse().unwrap_or(0)
    }

    /// The stable machine name used in JSON and CSV.
    pub fn key(self) -> &'static str {
        self.into()
    }

    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }

    pub fn loinc(self) -> &'static str {
        self.prop("loinc")
    }

    pub fn range(self) -> &'static str {
        self.prop("range")
    }

    fn prop(self, name: &str) -> &'static str {
        strum::EnumProperty::get_str(&self, name).unwrap_or_default()
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The PHQ-9's screening flags. These are screening results, never a
/// diagnosis, and they are for the clinician: the participant's own screens
/// show the total and band only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumMessage)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Screening {
    #[strum(message = "screening: major depressive syndrome (not a diagnosis)")]
    MajorDepressiveSyndrome,
    #[strum(message = "screening: other depressive syndrome (not a diagnosis)")]
    OtherDepressiveSyndrome,
    #[strum(message = "screening: negative")]
    Negative,
}

impl Screening {
    pub fn key(self) -> &'static str {
        self.into()
    }

    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every one of the 4^9 answer vectors, decoded from a base-4 counter.
    fn all_vectors() -> impl Iterator<Item = [u8; 9]> {
        (0u32..4u32.pow(9)).map(|mut n| {
            let mut v = [0u8; 9];
            for slot in v.iter_mut() {
                *slot = (n % 4) as u8;
                n /= 4;
            }
            v
        })
    }

    #[test]
    fn every_answer_vector_scores_by_the_definitions() {
        let mut seen = 0;
        for v in all_vectors() {
            let r = Phq9::answered(v, None).unwrap();
            let total: u32 = v.iter().map(|&a| u32::from(a)).sum();
            let score = r.score().unwrap();
            assert_eq!(u32::from(score.total), total);
            assert!(!score.prorated);
            assert!(score.total <= MAX_TOTAL);
            let band = r.severity().unwrap();
            let expected = if total <= 4 {
                Severity::None
            } else if total <= 9 {
                Severity::Mild
            } else if total <= 14 {
                Severity::Moderate
            } else if total <= 19 {
                Severity::ModeratelySevere
            } else {
                Severity::Severe
            };
            assert_eq!(band, expected, "{v:?}");
            assert_eq!(r.safety_signal(), v[8] > 0);

            let positives = v.iter().filter(|&&a| a >= 2).count();
            let cardinal = v[0] >= 2 || v[1] >= 2;
            let expected = if cardinal && positives >= 5 {
                Screening::MajorDepressiveSyndrome
            } else if cardinal && (2..=4).contains(&positives) {
                Screening::OtherDepressiveSyndrome
            } else {
                Screening::Negative
            };
            assert_eq!(r.screening(), Some(expected), "{v:?}");
            seen += 1;
        }
        assert_eq!(seen, 262_144);
    }

    #[test]
    fn band_edges() {
        for (total, band) in [
            (0, Severity::None),
            (4, Severity::None),
            (5, Severity::Mild),
            (9, Severity::Mild),
            (10, Severity::Moderate),
            (14, Severity::Moderate),
            (15, Severity::ModeratelySevere),
            (19, Severity::ModeratelySevere),
            (20, Severity::Severe),
            (27, Severity::Severe),
        ] {
            assert_eq!(Severity::of(total), band, "total {total}");
            assert!(band.lower_bound() <= total);
        }
    }

    #[test]
    fn one_or_two_missing_items_are_prorated_and_marked() {
        // 8 answered, sum 13: 13 / 8 × 9 = 14.625 → 15
        let r =
            Phq9::new([Some(2), Some(2), Some(2), Some(2), Some(2), Some(2), Some(1), None, Some(0)], None)
                .unwrap();
        assert_eq!(r.score(), Some(Score { total: 15, prorated: true }));
        // 7 answered, sum 7: 7 / 7 × 9 = 9
        let r = Phq9::new([Some(1), Some(1), Some(1), Some(1), Some(1), Some(1), Some(1), None, None], None)
            .unwrap();
        assert_eq!(r.score(), Some(Score { total: 9, prorated: true }));
        // rounding half up: 7 answered, sum 5: 45 / 7 = 6.43 → 6; sum 11 → 14.14 → 14;
        // 8 answered, sum 4: 36 / 8 = 4.5 → 5
        let r =
            Phq9::new([Some(1), Some(1), Some(1), Some(1), Some(0), Some(0), Some(0), Some(0), None], None)
                .unwrap();
        assert_eq!(r.total(), Some(5));
        assert_eq!(r.screening(), None, "no screening flag on an incomplete record");
    }

    #[test]
    fn proration_matches_the_mean_for_every_pattern_of_two_missing() {
        for v in all_vectors().step_by(97) {
            for a in 0..9 {
                for b in a..9 {
                    let mut items: Vec<Option<u8>> = v.iter().map(|&x| Some(x)).collect();
                    items[a] = None;
                    items[b] = None;
                    let r = Phq9::new(items.as_slice().try_into().unwrap(), None).unwrap();
                    let answered: Vec<f64> = items.iter().flatten().map(|&x| f64::from(x)).collect();
                    let mean = answered.iter().sum::<f64>() / answered.len() as f64;
                    let expected = (mean * 9.0 + 1e-9).round() as u8;
                    let score = r.score().unwrap();
                    assert_eq!(score.total, expected, "{items:?}");
                    assert!(score.prorated);
                }
            }
        }
    }

    #[test]
    fn three_missing_items_have_no_total() {
        let r = Phq9::new([Some(3), Some(3), Some(3), Some(3), Some(3), Some(3), None, None, None], None)
            .unwrap();
        assert_eq!(r.score(), None);
        assert_eq!(r.severity(), None);
    }

    #[test]
    fn bad_answers_are_refused() {
        assert!(serde_json::from_str::<Phq9>(r#"{"answers":[0,0,0,0,0,0,0,0],"difficulty":null}"#).is_err());
        assert_eq!(
            Phq9::answered([0, 0, 0, 4, 0, 0, 0, 0, 0], None),
            Err(Phq9Error::AnswerOutOfRange { item: 4, value: 4 })
        );
        assert_eq!(Phq9::answered([0; 9], Some(4)), Err(Phq9Error::DifficultyOutOfRange(4)));
    }

    #[test]
    fn item_nine_alone_is_a_safety_signal() {
        let r = Phq9::answered([0, 0, 0, 0, 0, 0, 0, 0, 1], None).unwrap();
        assert!(r.safety_signal());
        assert_eq!(r.severity(), Some(Severity::None));
        let mut answers = [Some(0); 9];
        answers[8] = None;
        let missing = Phq9::new(answers, None).unwrap();
        assert!(!missing.safety_signal());
    }

    #[test]
    fn deserializing_checks_the_answers() {
        let ok: Phq9 =
            serde_json::from_str(r#"{"answers":[1,2,3,0,0,0,0,0,null],"difficulty":null}"#).unwrap();
        assert_eq!(ok.total(), Some(7));
        assert!(
            serde_json::from_str::<Phq9>(r#"{"answers":[1,2,3,0,0,0,0,0,7],"difficulty":null}"#).is_err()
        );
        assert!(serde_json::from_str::<Phq9>(r#"{"answers":[1,2,3],"difficulty":null}"#).is_err());
        assert!(serde_json::from_str::<Phq9>(r#"{"answers":[0,0,0,0,0,0,0,0,0],"difficulty":9}"#).is_err());
    }

    #[test]
    fn machine_names_are_what_serde_writes() {
        for s in Severity::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.key());
            assert!(s.loinc().starts_with("LA") && !s.range().is_empty());
        }
        for s in [Screening::MajorDepressiveSyndrome, Screening::OtherDepressiveSyndrome, Screening::Negative]
        {
            assert_eq!(serde_json::to_value(s).unwrap(), s.key());
        }
    }

    #[test]
    fn verbatim_text_and_codes() {
        assert_eq!(ITEMS.len(), 9);
        assert_eq!(ITEMS[8].loinc, "44260-8");
        assert!(ITEMS[5].text.contains("\u{2014} or that you are a failure"));
        assert_eq!(DIFFICULTY_ANSWERS[2].loinc, "LA6575-0");
        assert_eq!(DIFFICULTY_ANSWERS[3].loinc, "LA6574-3");
        let codes: std::collections::HashSet<_> = ITEMS.iter().map(|i| i.loinc).collect();
        assert_eq!(codes.len(), 9);
    }
}
