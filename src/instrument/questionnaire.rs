//! Questionnaires as data: one description per questionnaire (stem, items
//! with their LOINC codes and short names, answers, bands, scoring, the
//! safety item if any, the copyright line), from which check-ins, scoring,
//! storage, exports, charts, review and the brief work. A third
//! questionnaire of the same family is a description like these.

use serde::{Deserialize, Serialize};

/// One item: its number, verbatim text, LOINC code and a few words for
/// tables and charts (not the item's wording).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub number: u8,
    pub text: &'static str,
    pub loinc: &'static str,
    pub short: &'static str,
}

/// An answer option: its label, score and LOINC answer code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerOption {
    pub value: u8,
    pub label: &'static str,
    pub loinc: &'static str,
}

/// A severity band: totals from `from` up to the next band's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub from: u8,
    /// The stable machine name (JSON, CSV).
    pub key: &'static str,
    pub label: &'static str,
    pub loinc: Option<&'static str>,
}

/// Not at all 0 … Nearly every day 3 (LOINC LL358-3): the PHQ-9's and the GAD-7's.
pub const FREQUENCY: [AnswerOption; 4] = [
    AnswerOption { value: 0, label: "Not at all", loinc: "LA6568-5" },
    AnswerOption { value: 1, label: "Several days", loinc: "LA6569-3" },
    AnswerOption { value: 2, label: "More than half the days", loinc: "LA6570-1" },
    AnswerOption { value: 3, label: "Nearly every day", loinc: "LA6571-9" },
];

/// A question asked after the scored items when any is above 0, not
/// scored (the PHQ-9's item 10).
#[derive(Debug, PartialEq, Eq)]
pub struct Unscored {
    pub text: &'static str,
    pub loinc: &'static str,
    pub answers: &'static [AnswerOption; 4],
}

/// A questionnaire of the PHQ family: items answered 0–3 and summed.
#[derive(Debug, PartialEq, Eq)]
pub struct Questionnaire {
    /// The stable machine name: the instrument in storage, JSON and CSV.
    pub key: &'static str,
    /// Its name for people.
    pub name: &'static str,
    /// Its check-in screen's name.
    pub check_in: &'static str,
    pub stem: &'static str,
    pub items: &'static [Item],
    pub answers: &'static [AnswerOption; 4],
    pub answer_list_loinc: &'static str,
    pub panel_loinc: &'static str,
    /// The FHIR Questionnaire canonical URL.
    pub questionnaire_url: &'static str,
    pub total_loinc: &'static str,
    pub bands: &'static [Band],
    /// A total is prorated over at most this many missing items (imported
    /// records only; the forms require every answer).
    pub prorate_missing: usize,
    /// The item (0-based) whose answer above 0 is a safety signal.
    pub safety_item: Option<usize>,
    /// An unscored question after the items (the PHQ-9's item 10).
    pub unscored: Option<&'static Unscored>,
    /// Shown with the questionnaire.
    pub copyright: Option<&'static str>,
    /// Caseness for the NHS Talking Therapies outcomes: at or above it.
    pub caseness: u8,
    /// A reliable change (NHS Talking Therapies): at least this many points.
    pub reliable_change: u8,
}

/// A total, and whether it was prorated over missing items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Total {
    pub total: u8,
    pub prorated: bool,
}

impl Questionnaire {
    /// The highest possible total.
    pub fn max_total(&self) -> u8 {
        self.items.len() as u8 * self.max_answer()
    }

    pub fn max_answer(&self) -> u8 {
        self.answers[self.answers.len() - 1].value
    }

    /// The total of the answers: the sum when all are given; prorated (mean
    /// of the answered × the number of items, rounded half up) over up to
    /// [`Questionnaire::prorate_missing`] missing ones; else none.
    pub fn total(&self, answers: &[Option<u8>]) -> Option<Total> {
        let given: Vec<u32> = answers.iter().flatten().map(|&a| u32::from(a)).collect();
        let sum: u32 = given.iter().sum();
        let missing = answers.len() - given.len();
        match missing {
            0 => Some(Total { total: sum as u8, prorated: false }),
            m if m <= self.prorate_missing && !given.is_empty() => {
                let (n, items) = (given.len() as u32, answers.len() as u32);
                Some(Total { total: ((sum * items * 2 + n) / (2 * n)) as u8, prorated: true })
            }
            _ => None,
        }
    }

    /// The band a total falls in.
    pub fn band(&self, total: u8) -> &'static Band {
        self.bands.iter().rev().find(|b| total >= b.from).unwrap_or(&self.bands[0])
    }

    /// The band's range for people, e.g. "5–9".
    pub fn band_range(&self, band: &Band) -> String {
        let i = self.bands.iter().position(|b| b == band).unwrap_or(0);
        let to = self.bands.get(i + 1).map_or(self.max_total(), |next| next.from - 1);
        format!("{}\u{2013}{to}", band.from)
    }
}

pub const PHQ9_ITEMS: [Item; 9] = [
    Item {
        number: 1,
        text: "Little interest or pleasure in doing things",
        loinc: "44250-9",
        short: "interest, pleasure",
    },
    Item { number: 2, text: "Feeling down, depressed, or hopeless", loinc: "44255-8", short: "feeling down" },
    Item {
        number: 3,
        text: "Trouble falling or staying asleep, or sleeping too much",
        loinc: "44259-0",
        short: "sleep",
    },
    Item {
        number: 4,
        text: "Feeling tired or having little energy",
        loinc: "44254-1",
        short: "tired, low energy",
    },
    Item { number: 5, text: "Poor appetite or overeating", loinc: "44251-7", short: "appetite" },
    Item {
        number: 6,
        text: "Feeling bad about yourself \u{2014} or that you are a failure or have let yourself or your family down",
        loinc: "44258-2",
        short: "feeling bad about self",
    },
    Item {
        number: 7,
        text: "Trouble concentrating on things, such as reading the newspaper or watching television",
        loinc: "44252-5",
        short: "concentration",
    },
    Item {
        number: 8,
        text: "Moving or speaking so slowly that other people could have noticed? Or the opposite \u{2014} being so fidgety or restless that you have been moving around a lot more than usual",
        loinc: "44253-3",
        short: "slowed or restless",
    },
    Item {
        number: 9,
        text: "Thoughts that you would be better off dead or of hurting yourself in some way",
        loinc: "44260-8",
        short: "self-harm thoughts",
    },
];

const PHQ9_BANDS: [Band; 5] = [
    Band { from: 0, key: "none", label: "none/minimal", loinc: Some("LA6708-7") },
    Band { from: 5, key: "mild", label: "mild", loinc: Some("LA6709-5") },
    Band { from: 10, key: "moderate", label: "moderate", loinc: Some("LA6710-3") },
    Band { from: 15, key: "moderately_severe", label: "moderately severe", loinc: Some("LA6711-1") },
    Band { from: 20, key: "severe", label: "severe", loinc: Some("LA6712-9") },
];

/// The PHQ-9's item 10 (not scored), verbatim. Its LA codes are not in
/// numeric order: "Very difficult" is LA6575-0 and "Extremely" LA6574-3.
pub const PHQ9_DIFFICULTY: Unscored = Unscored {
    text: "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
    loinc: "69722-7",
    answers: &[
        AnswerOption { value: 0, label: "Not difficult at all", loinc: "LA6572-7" },
        AnswerOption { value: 1, label: "Somewhat difficult", loinc: "LA6573-5" },
        AnswerOption { value: 2, label: "Very difficult", loinc: "LA6575-0" },
        AnswerOption { value: 3, label: "Extremely difficult", loinc: "LA6574-3" },
    ],
};

/// The PHQ-9 (free to reproduce).
pub const PHQ9: Questionnaire = Questionnaire {
    key: "phq9",
    name: "PHQ-9",
    check_in: "PHQ-9 check-in",
    stem: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items: &PHQ9_ITEMS,
    answers: &FREQUENCY,
    answer_list_loinc: "LL358-3",
    panel_loinc: "44249-1",
    questionnaire_url: "http://loinc.org/q/44249-1",
    total_loinc: "44261-6",
    bands: &PHQ9_BANDS,
    prorate_missing: 2,
    safety_item: Some(8),
    unscored: Some(&PHQ9_DIFFICULTY),
    copyright: None,
    caseness: 10,
    reliable_change: 6,
};

pub const GAD7_ITEMS: [Item; 7] = [
    Item {
        number: 1,
        text: "Feeling nervous, anxious, or on edge",
        loinc: "69725-0",
        short: "nervous, on edge",
    },
    Item {
        number: 2,
        text: "Not being able to stop or control worrying",
        loinc: "68509-9",
        short: "can't stop worrying",
    },
    Item {
        number: 3,
        text: "Worrying too much about different things",
        loinc: "69733-4",
        short: "worrying too much",
    },
    Item { number: 4, text: "Trouble relaxing", loinc: "69734-2", short: "trouble relaxing" },
    Item {
        number: 5,
        text: "Being so restless that it is hard to sit still",
        loinc: "69735-9",
        short: "restless",
    },
    Item {
        number: 6,
        text: "Becoming easily annoyed or irritable",
        loinc: "69689-8",
        short: "annoyed, irritable",
    },
    Item {
        number: 7,
        text: "Feeling afraid, as if something awful might happen",
        loinc: "69736-7",
        short: "afraid",
    },
];

const GAD7_BANDS: [Band; 4] = [
    Band { from: 0, key: "minimal", label: "minimal", loinc: None },
    Band { from: 5, key: "mild", label: "mild", loinc: None },
    Band { from: 10, key: "moderate", label: "moderate", loinc: None },
    Band { from: 15, key: "severe", label: "severe", loinc: None },
];

/// The GAD-7 (free to reproduce), without the optional difficulty question.
pub const GAD7: Questionnaire = Questionnaire {
    key: "gad7",
    name: "GAD-7",
    check_in: "GAD-7 check-in",
    stem: "Over the last 2 weeks, how often have you been bothered by the following problems?",
    items: &GAD7_ITEMS,
    answers: &FREQUENCY,
    answer_list_loinc: "LL358-3",
    panel_loinc: "69737-5",
    questionnaire_url: "http://loinc.org/q/69737-5",
    total_loinc: "70274-6",
    bands: &GAD7_BANDS,
    prorate_missing: 0,
    safety_item: None,
    unscored: None,
    copyright: Some(
        "Copyright \u{a9} Pfizer Inc. All rights reserved. Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.",
    ),
    caseness: 8,
    reliable_change: 4,
};

/// Why a set of answers was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResponseError {
    #[error("{name} needs {expected} answers, got {got}")]
    WrongCount { name: &'static str, expected: usize, got: usize },
    #[error("{name} item {item}: answer {value} is out of range 0\u{2013}3")]
    OutOfRange { name: &'static str, item: u8, value: u8 },
}

/// A completed questionnaire of a description (the GAD-7; the PHQ-9 has
/// its own type for item 10 and its screening flags, on the same data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    questionnaire: &'static Questionnaire,
    answers: Vec<Option<u8>>,
}

impl Response {
    /// Answers for every item, each 0–3 (a missing one only where the
    /// description allows proration).
    pub fn new(questionnaire: &'static Questionnaire, answers: &[Option<u8>]) -> Result<Self, ResponseError> {
        let name = questionnaire.name;
        if answers.len() != questionnaire.items.len() {
            return Err(ResponseError::WrongCount {
                name,
                expected: questionnaire.items.len(),
                got: answers.len(),
            });
        }
        for (i, a) in answers.iter().enumerate() {
            if let Some(value) = *a
                && value > questionnaire.max_answer()
            {
                return Err(ResponseError::OutOfRange { name, item: i as u8 + 1, value });
            }
        }
        Ok(Self { questionnaire, answers: answers.to_vec() })
    }

    /// Every item answered.
    pub fn answered(questionnaire: &'static Questionnaire, values: &[u8]) -> Result<Self, ResponseError> {
        Self::new(questionnaire, &values.iter().map(|v| Some(*v)).collect::<Vec<_>>())
    }

    pub fn questionnaire(&self) -> &'static Questionnaire {
        self.questionnaire
    }

    pub fn answers(&self) -> &[Option<u8>] {
        &self.answers
    }

    pub fn score(&self) -> Option<Total> {
        self.questionnaire.total(&self.answers)
    }

    pub fn total(&self) -> Option<u8> {
        self.score().map(|s| s.total)
    }

    pub fn band(&self) -> Option<&'static Band> {
        self.total().map(|t| self.questionnaire.band(t))
    }

    /// The safety item answered above 0 (none for the GAD-7).
    pub fn safety_signal(&self) -> bool {
        self.questionnaire
            .safety_item
            .is_some_and(|i| self.answers.get(i).copied().flatten().is_some_and(|a| a > 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gad7_scores_and_bands_over_every_answer_vector() {
        // all 4^7 = 16,384 answer vectors against the definitions
        let mut seen = [0usize; 4];
        for code in 0..4u32.pow(7) {
            let answers: Vec<u8> = (0..7).map(|i| ((code / 4u32.pow(i)) % 4) as u8).collect();
            let r = Response::answered(&GAD7, &answers).unwrap();
            let sum: u8 = answers.iter().sum();
            assert_eq!(r.total(), Some(sum));
            let expected = match sum {
                0..=4 => "minimal",
                5..=9 => "mild",
                10..=14 => "moderate",
                15..=21 => "severe",
                _ => unreachable!("at most 21"),
            };
            assert_eq!(r.band().unwrap().key, expected, "{answers:?}");
            assert!(!r.safety_signal());
            seen[GAD7.bands.iter().position(|b| b.key == expected).unwrap()] += 1;
        }
        assert!(seen.iter().all(|n| *n > 0));
        assert_eq!(GAD7.max_total(), 21);
        assert_eq!(GAD7.band_range(&GAD7.bands[3]), "15\u{2013}21");
    }

    #[test]
    fn the_gad7_refuses_six_answers_a_4_and_a_missing_one() {
        assert_eq!(
            Response::answered(&GAD7, &[1, 1, 1, 1, 1, 1]),
            Err(ResponseError::WrongCount { name: "GAD-7", expected: 7, got: 6 })
        );
        assert_eq!(
            Response::answered(&GAD7, &[1, 1, 4, 1, 1, 1, 1]),
            Err(ResponseError::OutOfRange { name: "GAD-7", item: 3, value: 4 })
        );
        let missing =
            Response::new(&GAD7, &[Some(1), None, Some(1), Some(1), Some(1), Some(1), Some(1)]).unwrap();
        assert_eq!(missing.total(), None, "no proration for the GAD-7");
    }

    #[test]
    fn the_phq9_description_scores_as_the_phq9_does() {
        for code in (0..4u32.pow(9)).step_by(7) {
            let answers: [u8; 9] = std::array::from_fn(|i| ((code / 4u32.pow(i as u32)) % 4) as u8);
            let ours = crate::instrument::Phq9::answered(answers, None).unwrap();
            let data = Response::answered(&PHQ9, &answers).unwrap();
            assert_eq!(data.total(), ours.total());
            assert_eq!(data.band().unwrap().key, ours.severity().unwrap().key());
            assert_eq!(data.safety_signal(), ours.safety_signal());
        }
        // proration over one or two missing items, as before
        let mut a: Vec<Option<u8>> = vec![Some(2); 9];
        a[3] = None;
        assert_eq!(PHQ9.total(&a), Some(Total { total: 18, prorated: true }));
        a[4] = None;
        a[5] = None;
        assert_eq!(PHQ9.total(&a), None);
    }
}
