//! The brief for other tools (`report --format json`), documented in the
//! README; the key names are a contract. Means are unrounded here (rounded
//! only for people); a missing value is `null`, never 0.

use super::Brief;
use crate::course::{Course, ItemChange, Session, Week};
use crate::outcome::BaselineKind;
use crate::overview::Overview;
use chrono::NaiveDate;
use serde::Serialize;

/// The `format` of the document.
pub const BRIEF_FORMAT: &str = "followup-brief";
/// Its version.
pub const BRIEF_VERSION: u32 = 1;
/// The `format` of the caseload brief.
pub const CASELOAD_FORMAT: &str = "followup-caseload-brief";
/// Its version.
pub const CASELOAD_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct Document<'a> {
    pub format: &'static str,
    pub version: u32,
    pub participant: &'a str,
    pub as_of: NaiveDate,
    pub day: i64,
    pub baseline: Option<BaselineDoc>,
    pub weeks: &'a [Week],
    pub course: Option<CourseDoc>,
    pub items: Vec<ItemChange>,
    pub sessions: &'a [Session],
    pub safety: Vec<SafetyDoc>,
    /// `null` when the GAD-7 is not used.
    pub gad7: Option<Gad7Doc<'a>>,
    /// NHS Talking Therapies on the pair; `null` without GAD-7 data.
    pub paired_outcome: Option<crate::outcome::Paired>,
}

#[derive(Debug, Serialize)]
pub struct Gad7Doc<'a> {
    pub baseline: Option<ScoreBaselineDoc>,
    pub latest: Option<LatestDoc>,
    pub weeks: &'a [crate::overview::WeekScore],
}

#[derive(Debug, Serialize)]
pub struct ScoreBaselineDoc {
    pub score: f64,
    pub n: usize,
    pub kind: BaselineKind,
    pub day: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct LatestDoc {
    pub day: i64,
    pub total: u8,
    pub band: &'static str,
}

#[derive(Debug, Serialize)]
pub struct BaselineDoc {
    pub phq9: f64,
    pub n: usize,
    pub kind: BaselineKind,
    pub day: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct CourseDoc {
    pub first_response_day: Option<i64>,
    pub first_response_week: Option<u32>,
    pub response_lost_week: Option<u32>,
    pub response_weeks: Option<u32>,
    pub response_ongoing: Option<bool>,
    pub sustained_response_w12: Option<bool>,
    pub remission_weeks: u32,
    pub scored_weeks: u32,
    pub best_week: Option<u32>,
    pub best_phq9: Option<f64>,
    pub rising_from_best: bool,
}

impl From<&Course> for CourseDoc {
    fn from(c: &Course) -> Self {
        Self {
            first_response_day: c.first_response_day,
            first_response_week: c.first_response_week,
            response_lost_week: c.response_lost_week,
            response_weeks: c.response_weeks,
            response_ongoing: c.response_ongoing,
            sustained_response_w12: c.sustained_w12.as_bool(),
            remission_weeks: c.remission_weeks,
            scored_weeks: c.scored_weeks,
            best_week: c.best.map(|b| b.0),
            best_phq9: c.best.map(|b| b.1),
            rising_from_best: c.rising_from_best,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct SafetyDoc {
    pub date: NaiveDate,
    pub day: i64,
    pub item9: u8,
    /// `answer` (an item-9 answer in the record), `carried` (listed by the
    /// export without its answer) or `other_file` (only in another export
    /// of the participant, set aside for the figures).
    pub source: &'static str,
    /// The file of an `other_file` flag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl SafetyDoc {
    fn of(f: &crate::overview::SafetyFlag) -> Self {
        use crate::overview::FlagSource;
        let (source, file) = match &f.source {
            FlagSource::Answer => ("answer", None),
            FlagSource::Carried => ("carried", None),
            FlagSource::OtherFile(name) => ("other_file", Some(name.clone())),
        };
        SafetyDoc { date: f.date, day: f.day, item9: f.item9, source, file }
    }
}

/// The document for a brief.
pub fn document(b: &Brief) -> Document<'_> {
    Document::of(&b.participant, b.as_of, b.dosing_date, &b.overview)
}

impl<'a> Document<'a> {
    /// The document of a participant's record as of a day: the caseload
    /// brief lists one per participant, the same as their own brief's.
    pub fn of(participant: &'a str, as_of: NaiveDate, dosing_date: NaiveDate, o: &'a Overview) -> Self {
        let course = o.course.as_ref();
        Document {
            format: BRIEF_FORMAT,
            version: BRIEF_VERSION,
            participant,
            as_of,
            day: (as_of - dosing_date).num_days(),
            baseline: course.and_then(|c| c.baseline.as_ref()).map(|bl| BaselineDoc {
                phq9: bl.value,
                n: bl.n,
                kind: bl.kind,
                day: bl.day,
            }),
            weeks: course.map_or(&[], |c| c.weeks.as_slice()),
            course: course.map(CourseDoc::from),
            items: course.map_or_else(Vec::new, |c| c.items.to_vec()),
            sessions: course.map_or(&[], |c| c.sessions.as_slice()),
            safety: o.safety.iter().map(SafetyDoc::of).collect(),
            gad7: o.uses_gad7.then(|| Gad7Doc {
                baseline: o.gad7_baseline.as_ref().map(|b| ScoreBaselineDoc {
                    score: b.value,
                    n: b.n,
                    kind: b.kind,
                    day: b.day,
                }),
                latest: o.latest_gad7.map(|(_, day, total)| LatestDoc {
                    day,
                    total,
                    band: crate::instrument::GAD7.band(total).key,
                }),
                weeks: &o.gad7_weeks,
            }),
            paired_outcome: o.paired,
        }
    }
}

/// The brief as JSON text; characters that could act on a terminal it is
/// printed to are escaped.
pub fn json(b: &Brief) -> String {
    let text = serde_json::to_string_pretty(&document(b)).expect("a brief always serializes");
    format!("{}\n", crate::text::json(&text))
}
