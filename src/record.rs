//! Versioned records: entries (a PHQ-9 or a mood entry for one day) and
//! timeline events. Nothing is changed in place: a correction or a
//! retraction is a new version with a reason and a program-generated
//! timestamp.

use crate::instrument::{Answers, Gad7, Mood, MoodError, MoodPatch, Phq9, Phq9Error};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a version did to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Change {
    Original,
    Correction,
    Retraction,
}

impl Change {
    /// The stable machine name, as serde writes it.
    pub fn key(self) -> &'static str {
        self.into()
    }

    pub fn from_key(key: &str) -> Option<Self> {
        key.parse().ok()
    }
}

/// The longest reason for a correction or retraction, in characters.
pub const REASON_MAX_CHARS: usize = 500;

/// Check a reason: required, and no longer than [`REASON_MAX_CHARS`].
pub fn reason(raw: &str) -> Result<&str, ReasonError> {
    let reason = raw.trim();
    let chars = reason.chars().count();
    if reason.is_empty() {
        Err(ReasonError::Missing)
    } else if chars > REASON_MAX_CHARS {
        Err(ReasonError::TooLong(chars))
    } else {
        Ok(reason)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReasonError {
    #[error("a reason is required for a correction or retraction")]
    Missing,
    #[error("the reason is {0} characters long; the limit is 500")]
    TooLong(usize),
}

/// One version of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Version<T> {
    pub number: u32,
    pub change: Change,
    /// When this version was recorded, with the participant's local offset.
    pub recorded_at: DateTime<FixedOffset>,
    /// Why it was corrected or retracted; `None` on the original.
    pub reason: Option<String>,
    #[serde(flatten)]
    pub data: T,
}

/// A record with every version it ever had, oldest first (never empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Versioned<T> {
    pub id: i64,
    pub versions: Vec<Version<T>>,
}

impl<T> Versioned<T> {
    pub fn current(&self) -> &Version<T> {
        self.versions.last().expect("a record has at least one version")
    }

    pub fn first(&self) -> &Version<T> {
        self.versions.first().expect("a record has at least one version")
    }

    pub fn is_retracted(&self) -> bool {
        self.current().change == Change::Retraction
    }

    pub fn is_corrected(&self) -> bool {
        self.versions.iter().any(|v| v.change == Change::Correction)
    }
}

/// What an entry holds: one instrument's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "instrument", rename_all = "snake_case")]
pub enum Record {
    Phq9(Phq9),
    Gad7(Gad7),
    Mood(Mood),
}

impl Record {
    /// A questionnaire's record from its description and answers (and the
    /// unscored question's, where it has one): the one place that knows
    /// which record each description makes.
    pub fn questionnaire(
        q: &'static crate::instrument::Questionnaire,
        answers: &[Option<u8>],
        unscored: Option<u8>,
    ) -> Result<Record, PatchError> {
        match q.key {
            "phq9" => {
                let answers: Answers =
                    answers.try_into().map_err(|_| Phq9Error::WrongCount(answers.len()))?;
                Ok(Record::Phq9(Phq9::new(answers, unscored)?))
            }
            _ => Ok(Record::Gad7(Gad7::new(answers)?)),
        }
    }

    /// The description of a questionnaire record; none for a mood entry.
    pub fn description(&self) -> Option<&'static crate::instrument::Questionnaire> {
        match self {
            Record::Phq9(_) => Some(&crate::instrument::PHQ9),
            Record::Gad7(_) => Some(&crate::instrument::GAD7),
            Record::Mood(_) => None,
        }
    }

    /// The total of a questionnaire record.
    pub fn total(&self) -> Option<u8> {
        match self {
            Record::Phq9(p) => p.total(),
            Record::Gad7(g) => g.total(),
            Record::Mood(_) => None,
        }
    }

    pub fn instrument(&self) -> Instrument {
        match self {
            Record::Phq9(_) => Instrument::Phq9,
            Record::Gad7(_) => Instrument::Gad7,
            Record::Mood(_) => Instrument::Mood,
        }
    }

    pub fn phq9(&self) -> Option<&Phq9> {
        match self {
            Record::Phq9(p) => Some(p),
            _ => None,
        }
    }

    pub fn gad7(&self) -> Option<&Gad7> {
        match self {
            Record::Gad7(g) => Some(g),
            _ => None,
        }
    }

    pub fn mood(&self) -> Option<&Mood> {
        match self {
            Record::Mood(m) => Some(m),
            _ => None,
        }
    }

    /// The answers of a questionnaire (PHQ-9, GAD-7); none for a mood entry.
    pub fn answers(&self) -> Option<&[Option<u8>]> {
        match self {
            Record::Phq9(p) => Some(p.answers()),
            Record::Gad7(g) => Some(g.answers()),
            Record::Mood(_) => None,
        }
    }

    pub fn safety_signal(&self) -> bool {
        self.phq9().is_some_and(Phq9::safety_signal)
    }

    /// One line for the record's values, the same in the CLI, the TUI and
    /// the brief: `PHQ-9 15 moderately severe · item 9: 1` or
    /// `mood 6, anxiety 3, energy 5, sleep 7.5 h, tags walk, with a note`.
    pub fn summary(&self) -> String {
        self.describe(false)
    }

    /// The same, compact, for a list that has a day per line:
    /// `mood 6 anx 3 en 5 sleep 7.5h ✎`.
    pub fn short_summary(&self) -> String {
        self.describe(true)
    }

    fn describe(&self, short: bool) -> String {
        match self {
            Record::Phq9(p) => {
                let total = match p.score() {
                    Some(s) => format!(
                        "PHQ-9 {}{} {}",
                        s.total,
                        if s.prorated { " prorated" } else { "" },
                        crate::instrument::Severity::of(s.total)
                    ),
                    None => "PHQ-9 (too many items missing to score)".into(),
                };
                match p.answer(8).filter(|a| *a > 0) {
                    Some(a) => format!("{total} \u{b7} item 9: {a}"),
                    None => total,
                }
            }
            Record::Gad7(g) => match g.score() {
                Some(s) => format!("GAD-7 {} {}", s.total, crate::instrument::GAD7.band(s.total).label),
                None => "GAD-7 (an item is missing: no total)".into(),
            },
            Record::Mood(m) => {
                let (sep, hours) = if short { (" ", "h") } else { (", ", " h") };
                let mut parts = vec![format!("mood {}", m.mood())];
                if let Some(a) = m.anxiety() {
                    parts.push(format!("{} {a}", if short { "anx" } else { "anxiety" }));
                }
                if let Some(e) = m.energy() {
                    parts.push(format!("{} {e}", if short { "en" } else { "energy" }));
                }
                if let Some(h) = m.sleep() {
                    parts.push(format!("sleep {h}{hours}"));
                }
                if !m.tags().is_empty() && !short {
                    parts.push(format!("tags {}", m.tags().join(" ")));
                }
                if m.note().is_some() {
                    parts.push(if short { "\u{270e}" } else { "with a note" }.to_string());
                }
                parts.join(sep)
            }
        }
    }
}

/// A correction to a PHQ-9: new answers and/or item 10 (`Some(None)` clears it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Phq9Patch {
    pub answers: Option<Answers>,
    pub difficulty: Option<Option<u8>>,
}

/// What a correction changes in an entry: its day, and fields of one instrument.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryPatch {
    pub day: Option<NaiveDate>,
    pub mood: MoodPatch,
    pub phq9: Phq9Patch,
    /// New GAD-7 answers.
    pub gad7: Option<Vec<Option<u8>>>,
}

/// Why a correction cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatchError {
    #[error("a mood entry has no PHQ-9 answers or item 10")]
    Phq9FieldsOnMood,
    #[error("a PHQ-9 has no mood, anxiety, energy, sleep, note or tags")]
    MoodFieldsOnPhq9,
    #[error("nothing to change: the correction gives the values the entry already has")]
    NothingToChange,
    #[error(transparent)]
    Mood(#[from] MoodError),
    #[error(transparent)]
    Phq9(#[from] Phq9Error),
    #[error("a GAD-7 has only its seven answers to correct")]
    OnlyGad7Answers,
    #[error("only a GAD-7 takes GAD-7 answers")]
    Gad7AnswersElsewhere,
    #[error(transparent)]
    Gad7(#[from] crate::instrument::ResponseError),
}

impl EntryPatch {
    /// The entry's content with the correction applied, checked like a new
    /// entry; a correction that changes nothing is refused.
    pub fn apply(&self, current: &EntryData) -> Result<EntryData, PatchError> {
        if self.gad7.is_some() && !matches!(current.record, Record::Gad7(_)) {
            return Err(PatchError::Gad7AnswersElsewhere);
        }
        let record = match &current.record {
            Record::Gad7(g) => {
                if !self.mood.is_empty() || self.phq9 != Phq9Patch::default() {
                    return Err(PatchError::OnlyGad7Answers);
                }
                Record::Gad7(Gad7::new(self.gad7.as_deref().unwrap_or(g.answers()))?)
            }
            Record::Mood(m) => {
                if self.phq9 != Phq9Patch::default() {
                    return Err(PatchError::Phq9FieldsOnMood);
                }
                Record::Mood(self.mood.apply(m)?)
            }
            Record::Phq9(p) => {
                if !self.mood.is_empty() {
                    return Err(PatchError::MoodFieldsOnPhq9);
                }
                let answers = self.phq9.answers.unwrap_or(*p.answers());
                let difficulty = self.phq9.difficulty.unwrap_or(p.difficulty());
                Record::Phq9(Phq9::new(answers, difficulty)?)
            }
        };
        let data = EntryData { day: self.day.unwrap_or(current.day), record };
        if data == *current {
            return Err(PatchError::NothingToChange);
        }
        Ok(data)
    }
}

/// The instruments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::EnumMessage)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Instrument {
    /// The name used inside a sentence is the detailed message.
    #[strum(message = "PHQ-9", detailed_message = "PHQ-9")]
    Phq9,
    #[strum(message = "GAD-7", detailed_message = "GAD-7")]
    Gad7,
    #[strum(message = "Mood", detailed_message = "mood entry")]
    Mood,
}

impl Instrument {
    /// The questionnaire's description; none for the mood entry.
    pub fn description(self) -> Option<&'static crate::instrument::Questionnaire> {
        match self {
            Instrument::Phq9 => Some(&crate::instrument::PHQ9),
            Instrument::Gad7 => Some(&crate::instrument::GAD7),
            Instrument::Mood => None,
        }
    }

    /// The stable machine name, as serde writes it.
    pub fn key(self) -> &'static str {
        self.into()
    }

    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }

    /// The name used inside a sentence.
    pub fn noun(self) -> &'static str {
        strum::EnumMessage::get_detailed_message(&self).unwrap_or_default()
    }
}

impl fmt::Display for Instrument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// An entry's content in one version: the day it is for and its answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryData {
    /// The participant's local calendar day the entry is for.
    pub day: NaiveDate,
    #[serde(flatten)]
    pub record: Record,
}

pub type Entry = Versioned<EntryData>;

impl Versioned<EntryData> {
    pub fn day(&self) -> NaiveDate {
        self.current().data.day
    }

    pub fn record(&self) -> &Record {
        &self.current().data.record
    }

    pub fn instrument(&self) -> Instrument {
        self.record().instrument()
    }

    /// Recorded after the day it is for (in the participant's local time at
    /// the moment of recording).
    pub fn is_late(&self) -> bool {
        self.first().recorded_at.date_naive() > self.day()
    }

    /// Any version of this entry answered item 9 above 0. A flag once raised
    /// stays raised, even when the entry is later corrected or retracted.
    pub fn ever_safety_signal(&self) -> bool {
        self.versions.iter().any(|v| v.data.record.safety_signal())
    }
}

/// The kinds of timeline event, in the order markers take precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[derive(
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumMessage,
    strum::EnumProperty,
    strum::VariantArray
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EventKind {
    #[strum(message = "dosing session", props(marker = "D"))]
    Dosing,
    #[strum(message = "integration session", props(marker = "I"))]
    Integration,
    #[strum(message = "medication change", props(marker = "M"))]
    Medication,
    #[strum(message = "other", props(marker = "*"))]
    Other,
}

impl EventKind {
    pub const ALL: &[EventKind] = <EventKind as strum::VariantArray>::VARIANTS;

    /// The stable machine name, as serde writes it.
    pub fn key(self) -> &'static str {
        self.into()
    }

    pub fn from_key(key: &str) -> Option<Self> {
        key.parse().ok()
    }

    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }

    /// One character used on the marker row under the sparklines.
    pub fn marker(self) -> char {
        strum::EnumProperty::get_str(&self, "marker").and_then(|m| m.chars().next()).unwrap_or('*')
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A timeline event's content in one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventData {
    pub kind: EventKind,
    pub date: NaiveDate,
    pub note: Option<String>,
}

pub type Event = Versioned<EventData>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument::MoodFields;

    #[test]
    fn machine_names_are_what_serde_writes() {
        for k in EventKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.key());
            assert_eq!(EventKind::from_key(k.key()), Some(*k));
        }
        for c in [Change::Original, Change::Correction, Change::Retraction] {
            assert_eq!(serde_json::to_value(c).unwrap(), c.key());
            assert_eq!(Change::from_key(c.key()), Some(c));
        }
        for i in [Instrument::Phq9, Instrument::Mood] {
            assert_eq!(serde_json::to_value(i).unwrap(), i.key());
        }
        assert_eq!(EventKind::Integration.marker(), 'I');
        assert_eq!(Instrument::Mood.noun(), "mood entry");
    }

    #[test]
    fn patches_apply_to_their_own_instrument() {
        let day: NaiveDate = "2026-03-01".parse().unwrap();
        let mood = EntryData {
            day,
            record: Record::Mood(Mood::try_from(MoodFields { mood: 4, ..MoodFields::default() }).unwrap()),
        };
        let p =
            EntryPatch { mood: MoodPatch { mood: Some(6), ..MoodPatch::default() }, ..EntryPatch::default() };
        assert_eq!(p.apply(&mood).unwrap().record.mood().unwrap().mood(), 6);
        assert_eq!(EntryPatch::default().apply(&mood), Err(PatchError::NothingToChange));
        let wrong = EntryPatch {
            phq9: Phq9Patch { difficulty: Some(None), ..Phq9Patch::default() },
            ..EntryPatch::default()
        };
        assert_eq!(wrong.apply(&mood), Err(PatchError::Phq9FieldsOnMood));
        let phq = EntryData { day, record: Record::Phq9(Phq9::answered([1; 9], Some(1)).unwrap()) };
        assert_eq!(p.apply(&phq), Err(PatchError::MoodFieldsOnPhq9));
        let clear = EntryPatch {
            phq9: Phq9Patch { difficulty: Some(None), ..Phq9Patch::default() },
            ..EntryPatch::default()
        };
        assert_eq!(clear.apply(&phq).unwrap().record.phq9().unwrap().difficulty(), None);
        assert!(phq.record.summary().contains("item 9: 1"));
    }
}
