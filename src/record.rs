//! Versioned records: entries (a PHQ-9 or a mood entry for one day) and
//! timeline events. Nothing is changed in place: a correction or a
//! retraction is a new version with a reason and a program-generated
//! timestamp.

use crate::instrument::{Mood, Phq9};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a version did to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Original,
    Correction,
    Retraction,
}

impl Change {
    pub fn key(self) -> &'static str {
        match self {
            Change::Original => "original",
            Change::Correction => "correction",
            Change::Retraction => "retraction",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        [Change::Original, Change::Correction, Change::Retraction].into_iter().find(|c| c.key() == key)
    }
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
    Mood(Mood),
}

impl Record {
    pub fn instrument(&self) -> Instrument {
        match self {
            Record::Phq9(_) => Instrument::Phq9,
            Record::Mood(_) => Instrument::Mood,
        }
    }

    pub fn phq9(&self) -> Option<&Phq9> {
        match self {
            Record::Phq9(p) => Some(p),
            Record::Mood(_) => None,
        }
    }

    pub fn mood(&self) -> Option<&Mood> {
        match self {
            Record::Mood(m) => Some(m),
            Record::Phq9(_) => None,
        }
    }

    pub fn safety_signal(&self) -> bool {
        self.phq9().is_some_and(Phq9::safety_signal)
    }
}

/// The two instruments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    Phq9,
    Mood,
}

impl Instrument {
    pub fn key(self) -> &'static str {
        match self {
            Instrument::Phq9 => "phq9",
            Instrument::Mood => "mood",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Instrument::Phq9 => "PHQ-9",
            Instrument::Mood => "Mood",
        }
    }

    /// The name used inside a sentence.
    pub fn noun(self) -> &'static str {
        match self {
            Instrument::Phq9 => "PHQ-9",
            Instrument::Mood => "mood entry",
        }
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

/// The kinds of timeline event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Dosing,
    Integration,
    Medication,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 4] =
        [EventKind::Dosing, EventKind::Integration, EventKind::Medication, EventKind::Other];

    pub fn key(self) -> &'static str {
        match self {
            EventKind::Dosing => "dosing",
            EventKind::Integration => "integration",
            EventKind::Medication => "medication",
            EventKind::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            EventKind::Dosing => "dosing session",
            EventKind::Integration => "integration session",
            EventKind::Medication => "medication change",
            EventKind::Other => "other",
        }
    }

    /// One character used on the marker row under the sparklines.
    pub fn marker(self) -> char {
        match self {
            EventKind::Dosing => 'D',
            EventKind::Integration => 'I',
            EventKind::Medication => 'M',
            EventKind::Other => '*',
        }
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
