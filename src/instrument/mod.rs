//! The instruments a participant fills in: the PHQ-9, the GAD-7 and the daily
//! mood entry.

pub mod gad7;
pub mod mood;
pub mod phq9;
pub mod questionnaire;
pub mod typed;

pub use gad7::Gad7;
pub use mood::{Mood, MoodError, MoodFields, MoodPatch, SleepHours};
pub use phq9::{Answers, Phq9, Phq9Error, Score, Screening, Severity};
pub use questionnaire::{GAD7, PHQ9, Questionnaire, Response, ResponseError};
