//! The GAD-7: a [`Response`] to the [`GAD7`] description, as an entry holds
//! it (on the wire: `{"answers": [seven 0–3 answers]}`).

use super::questionnaire::{Band, GAD7, Response, ResponseError, Total};
use serde::{Deserialize, Serialize};

/// One completed GAD-7.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Gad7Fields", into = "Gad7Fields")]
pub struct Gad7(Response);

/// What a GAD-7 looks like on the wire; checked on the way in.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Gad7Fields {
    answers: Vec<Option<u8>>,
}

impl TryFrom<Gad7Fields> for Gad7 {
    type Error = ResponseError;
    fn try_from(f: Gad7Fields) -> Result<Self, Self::Error> {
        Gad7::new(&f.answers)
    }
}

impl From<Gad7> for Gad7Fields {
    fn from(g: Gad7) -> Self {
        Gad7Fields { answers: g.0.answers().to_vec() }
    }
}

impl Gad7 {
    /// Seven answers 0–3 (the forms require all seven).
    pub fn new(answers: &[Option<u8>]) -> Result<Self, ResponseError> {
        Response::new(&GAD7, answers).map(Gad7)
    }

    /// Seven given answers.
    pub fn answered(values: [u8; 7]) -> Result<Self, ResponseError> {
        Response::answered(&GAD7, &values).map(Gad7)
    }

    pub fn answers(&self) -> &[Option<u8>] {
        self.0.answers()
    }

    pub fn answer(&self, item: usize) -> Option<u8> {
        self.0.answers().get(item).copied().flatten()
    }

    pub fn score(&self) -> Option<Total> {
        self.0.score()
    }

    pub fn total(&self) -> Option<u8> {
        self.0.total()
    }

    pub fn band(&self) -> Option<&'static Band> {
        self.0.band()
    }
}
