//! The native export: one JSON document with the profile (no passphrase, no
//! care contact), every entry and event with all their versions, the safety
//! flags of the whole record, and the export's own metadata. Lossless: the
//! therapist's review reads it back.

use crate::journal::{Journal, Profile};
use crate::overview::{Coverage, SafetyFlag, safety_flags};
use crate::record::{Change, Entry, Event, Instrument, Versioned};
use crate::window::Window;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The `format` every native export carries.
pub const FORMAT: &str = "followup-export";
/// The newest version this build writes and reads. Version 2 added the
/// GAD-7 (entries and `gad7_every`) and the profile's versions; version 1
/// files read as ever.
pub const VERSION: u32 = 2;

/// The most entries (and safety flags) an export may hold: one of each
/// questionnaire a day over the longest window and its baseline period,
/// twice over for entries retracted and made again. A file with more is
/// forged, refused before it is summed.
pub const MAX_ENTRIES: usize = 2
    * 3 // mood, PHQ-9, GAD-7
    * (crate::window::MAX_LENGTH_DAYS as usize + crate::window::BASELINE_MAX_DAYS as usize + 1);

/// The participant's settings as exported: the current ones, and every
/// version with the reason it was corrected (never the care contact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportProfile {
    pub participant: String,
    pub dosing_date: NaiveDate,
    pub window_days: u32,
    pub phq9_every: u32,
    #[serde(default)]
    pub gad7_every: u32,
    #[serde(default)]
    pub versions: Vec<ExportProfileVersion>,
}

/// One version of the profile in an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportProfileVersion {
    pub number: u32,
    pub recorded_at: DateTime<FixedOffset>,
    pub reason: Option<String>,
    pub dosing_date: NaiveDate,
    pub window_days: u32,
    pub phq9_every: u32,
    pub gad7_every: u32,
}

/// What the participant chose to leave out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filters {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub notes_withheld: bool,
}

impl Filters {
    /// Whether the export covers this day.
    pub fn covers(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }

    /// Whether days were left out.
    pub fn partial(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// Whether the export holds every day up to day 0 (a baseline is possible).
    pub fn has_baseline(&self, dosing: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= dosing)
    }

    /// Whether an entry goes in: its day is covered, or it carries a
    /// safety flag (those travel whatever the dates).
    pub fn takes(&self, e: &Entry) -> bool {
        self.covers(e.day()) || e.ever_safety_signal()
    }

    /// The dates make sense for a record spanning `span` (its first and
    /// last day, [`crate::journal::Journal::span`]) on `today`: From not
    /// after To, not after today, and the days overlap the record's. An
    /// export of a range with nothing in it is refused.
    pub fn check(&self, (first, last): (NaiveDate, NaiveDate), today: NaiveDate) -> Result<(), RangeError> {
        match (self.from, self.to) {
            (Some(from), Some(to)) if from > to => Err(RangeError::Reversed { from, to }),
            (Some(from), _) if from > today => Err(RangeError::Future { from, today }),
            (Some(from), _) if from > last => Err(RangeError::AfterWindow { from, last }),
            (_, Some(to)) if to < first => Err(RangeError::BeforeRecord { to, first }),
            _ => Ok(()),
        }
    }
}

/// Why the days asked for would make an export with nothing of them in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error("from {from} is after to {to}: no day is in between")]
    Reversed { from: NaiveDate, to: NaiveDate },
    #[error("from {from} is after today ({today}): there is nothing from those days to share yet")]
    Future { from: NaiveDate, today: NaiveDate },
    #[error("from {from} is after the record's last day ({last}): nothing was recorded for those days")]
    AfterWindow { from: NaiveDate, last: NaiveDate },
    #[error("to {to} is before the record begins ({first}): nothing was recorded for those days")]
    BeforeRecord { to: NaiveDate, first: NaiveDate },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub created_at: DateTime<FixedOffset>,
    pub tool: String,
    pub filters: Filters,
}

/// The document as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub meta: Meta,
    pub profile: ExportProfile,
    pub safety_flags: Vec<SafetyFlag>,
    pub entries: Vec<Entry>,
    pub events: Vec<Event>,
}

/// An export, read back and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub meta: Meta,
    pub journal: Journal,
    pub safety_flags: Vec<SafetyFlag>,
    /// See [`Export::as_of`]; worked out once, when the export is made or read.
    as_of: NaiveDate,
}

/// Why a decrypted document is not a usable export.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("not a followup export (format {0:?})")]
    UnknownFormat(String),
    #[error(
        "made by a newer followup (format version {0}, this build reads up to {VERSION}): update followup"
    )]
    NewerVersion(u32),
    #[error("not a followup export: {0}")]
    NotJson(String),
    #[error("the export is inconsistent: {0}")]
    Invalid(String),
}

impl Export {
    /// Build an export of a journal, applying the participant's filters.
    /// Safety-flagged entries travel whatever the date filters.
    pub fn new(journal: &Journal, filters: Filters, created_at: DateTime<FixedOffset>) -> Self {
        let in_range = |d: NaiveDate| filters.covers(d);
        let withhold = filters.notes_withheld;
        let entries: Vec<Entry> = journal
            .entries
            .iter()
            .filter(|e| filters.takes(e))
            .map(|e| if withhold { without_notes(e) } else { e.clone() })
            .collect();
        let events: Vec<Event> = journal
            .events
            .iter()
            .filter(|e| in_range(e.current().data.date))
            .map(|e| {
                let mut e = e.clone();
                if withhold {
                    for v in &mut e.versions {
                        v.data.note = None;
                        withhold_reason(&mut v.reason);
                    }
                }
                e
            })
            .collect();
        let safety_flags = safety_flags(journal, &[]);
        let profile = Profile { care_contact: None, ..journal.profile.clone() };
        let journal = Journal { profile, entries, events };
        Self {
            as_of: covering(created_at, &journal),
            meta: Meta { created_at, tool: format!("followup {}", env!("CARGO_PKG_VERSION")), filters },
            journal,
            safety_flags,
        }
    }

    pub fn document(&self) -> Document {
        let w = self.journal.window();
        Document {
            format: FORMAT.to_string(),
            version: VERSION,
            meta: self.meta.clone(),
            profile: ExportProfile {
                participant: self.journal.profile.participant.clone(),
                dosing_date: w.dosing_date,
                window_days: w.length_days,
                phq9_every: w.phq9_every,
                gad7_every: w.gad7_every,
                versions: self
                    .journal
                    .profile
                    .versions
                    .iter()
                    .map(|v| ExportProfileVersion {
                        number: v.number,
                        recorded_at: v.recorded_at,
                        reason: if self.meta.filters.notes_withheld {
                            v.reason.as_ref().map(|_| "(withheld)".into())
                        } else {
                            v.reason.clone()
                        },
                        dosing_date: v.window.dosing_date,
                        window_days: v.window.length_days,
                        phq9_every: v.window.phq9_every,
                        gad7_every: v.window.gad7_every,
                    })
                    .collect(),
            },
            safety_flags: self.safety_flags.clone(),
            entries: self.journal.entries.clone(),
            events: self.journal.events.clone(),
        }
    }

    /// What the export covers: its date filters and the safety flags it
    /// carries (flags outside its filters included).
    pub fn coverage(&self) -> Coverage {
        let f = &self.meta.filters;
        Coverage { from: f.from, to: f.to, flags: self.safety_flags.clone() }
    }

    /// The day an export describes: the day it was made, or the latest
    /// day of an entry in it when that is later (an entry logged at UTC+14
    /// and exported an hour later at UTC−11 is dated the day after its
    /// export): an export's date covers every entry in it.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Compact JSON: half the size of pretty-printed, and as fast to read
    /// for a caseload of hundreds (`jq .` pretty-prints one).
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(&self.document()).expect("an export always serializes")
    }

    /// Read a decrypted document: its format name and version first, then
    /// every record, checked.
    pub fn from_json(bytes: &[u8]) -> Result<Self, FormatError> {
        // the common case in one pass; the head is read only to explain a failure
        if let Ok(doc) = serde_json::from_slice::<Document>(bytes)
            && doc.format == FORMAT
            && doc.version <= VERSION
        {
            return doc.into_export();
        }
        #[derive(Deserialize)]
        struct Head {
            format: String,
            version: u32,
        }
        let head: Head = serde_json::from_slice(bytes).map_err(|e| {
            let value: Option<serde_json::Value> = serde_json::from_slice(bytes).ok();
            match value.as_ref().and_then(|v| v.get("resourceType")).and_then(|t| t.as_str()) {
                Some(t) => FormatError::NotJson(format!(
                    "this is a FHIR {t}, for FHIR tools; review and report read the native format"
                )),
                None if bytes.starts_with(b"participant,entry_id") => FormatError::NotJson(
                    "this is a CSV export, for spreadsheets; review and report read the native format".into(),
                ),
                // not JSON at all: the parser's position says nothing to a reader
                None if value.is_none() => FormatError::NotJson(
                    "what is sealed inside is not a followup document (it is not JSON)".into(),
                ),
                None => FormatError::NotJson(first_line(&e)),
            }
        })?;
        if head.format != FORMAT {
            return Err(FormatError::UnknownFormat(crate::text::quote(&head.format)));
        }
        if head.version > VERSION {
            return Err(FormatError::NewerVersion(head.version));
        }

        let doc: Document =
            serde_json::from_slice(bytes).map_err(|e| FormatError::Invalid(first_line(&e)))?;
        doc.into_export()
    }
}

/// A parser's message about a file: its first line, made safe and short
/// (it can quote the file's own text).
fn first_line(e: &serde_json::Error) -> String {
    crate::text::message(e.to_string().lines().next().unwrap_or_default(), 200)
}

/// With `--no-notes` no free text leaves: notes go, and the reasons of
/// corrections and retractions are replaced (that there was one stays).
pub const REASON_WITHHELD: &str = "(reason withheld by the participant)";

fn withhold_reason(reason: &mut Option<String>) {
    if reason.is_some() {
        *reason = Some(REASON_WITHHELD.to_string());
    }
}

/// The later of the day an export was made and its latest entry's day.
fn covering(created_at: DateTime<FixedOffset>, journal: &Journal) -> NaiveDate {
    journal.current_entries().map(|e| e.day()).fold(created_at.date_naive(), NaiveDate::max)
}

fn without_notes(e: &Entry) -> Entry {
    let mut e = e.clone();
    for v in &mut e.versions {
        if let crate::record::Record::Mood(m) = &v.data.record {
            v.data.record = crate::record::Record::Mood(m.without_note());
        }
        withhold_reason(&mut v.reason);
    }
    e
}

impl Document {
    fn into_export(self) -> Result<Export, FormatError> {
        let invalid = |s: String| FormatError::Invalid(s);
        let participant = crate::journal::participant_code(&self.profile.participant)
            .map_err(|e| invalid(e.to_string()))?;
        let window = Window::new(self.profile.dosing_date, self.profile.window_days, self.profile.phq9_every)
            .and_then(|w| w.with_gad7_every(self.profile.gad7_every))
            .map_err(|e| invalid(e.to_string()))?;
        let mut versions = Vec::new();
        for (i, v) in self.profile.versions.iter().enumerate() {
            let w = Window::new(v.dosing_date, v.window_days, v.phq9_every)
                .and_then(|w| w.with_gad7_every(v.gad7_every))
                .map_err(|e| invalid(format!("profile version {}: {e}", v.number)))?;
            if v.number as usize != i + 1 || (i > 0) != v.reason.is_some() {
                return Err(invalid(format!(
                    "profile version {}: out of order, or a reason missing",
                    v.number
                )));
            }
            if let Some(r) = &v.reason {
                crate::record::reason(r)
                    .map_err(|e| invalid(format!("profile version {}: {e}", v.number)))?;
            }
            versions.push(crate::journal::ProfileVersion {
                number: v.number,
                recorded_at: v.recorded_at,
                reason: v.reason.clone(),
                window: w,
                care_contact: None,
            });
        }
        if versions.last().is_some_and(|v| v.window != window) {
            return Err(invalid("the profile is not its latest version".into()));
        }
        if self.entries.len() > MAX_ENTRIES || self.safety_flags.len() > MAX_ENTRIES {
            return Err(invalid(format!(
                "it holds {} entries and {} safety flags; a record of ten years holds at most {MAX_ENTRIES}",
                self.entries.len(),
                self.safety_flags.len()
            )));
        }
        if self.version == 0 {
            return Err(invalid("format version 0 was never written; versions start at 1".into()));
        }
        let gad7 = self.profile.gad7_every != 0
            || self
                .entries
                .iter()
                .flat_map(|e| &e.versions)
                .any(|v| v.data.record.instrument() == Instrument::Gad7);
        if self.version < 2 && gad7 {
            return Err(invalid(format!(
                "a version-{} file cannot hold the GAD-7 (version 2 added it)",
                self.version
            )));
        }
        check_versions("entry", &self.entries, |e| Some(e.record.instrument()))?;
        check_versions("event", &self.events, |_| None::<()>)?;
        let implausible =
            |what: &str, d: NaiveDate| invalid(format!("{what} {d} is too far from the follow-up window"));
        if !window.plausible(self.meta.created_at.date_naive()) {
            return Err(implausible("the export date", self.meta.created_at.date_naive()));
        }
        for v in self.entries.iter().flat_map(|e| &e.versions) {
            for d in [v.data.day, v.recorded_at.date_naive()] {
                if !window.plausible(d) {
                    return Err(implausible("the entry date", d));
                }
            }
        }
        for v in self.entries.iter().flat_map(|e| &e.versions) {
            if let Some(r) = &v.reason {
                crate::record::reason(r).map_err(|e| invalid(format!("entry version {}: {e}", v.number)))?;
            }
        }
        for v in self.events.iter().flat_map(|e| &e.versions) {
            if let Some(r) = &v.reason {
                crate::record::reason(r).map_err(|e| invalid(format!("event version {}: {e}", v.number)))?;
            }
            let chars = v.data.note.as_deref().map_or(0, |n| n.chars().count());
            if chars > crate::instrument::mood::NOTE_MAX_CHARS {
                return Err(invalid(format!("an event note is {chars} characters long; the limit is 4,000")));
            }
            for d in [v.data.date, v.recorded_at.date_naive()] {
                if !window.plausible(d) {
                    return Err(implausible("the event date", d));
                }
            }
        }
        for f in &self.safety_flags {
            if !window.plausible(f.date) || f.item9 == 0 || f.item9 > 3 {
                return Err(invalid(format!("safety flag on {} is not valid", f.date)));
            }
        }
        let profile = Profile { care_contact: None, versions, ..Profile::new(participant, window, None) };
        let journal = Journal { profile, entries: self.entries, events: self.events };
        Ok(Export {
            as_of: covering(self.meta.created_at, &journal),
            meta: self.meta,
            journal,
            safety_flags: self.safety_flags,
        })
    }
}

/// Ids unique; versions numbered 1, 2, … with the original first, a reason
/// on every later one, nothing after a retraction, one instrument throughout.
fn check_versions<T, K: PartialEq>(
    what: &str,
    records: &[Versioned<T>],
    kind: impl Fn(&T) -> Option<K>,
) -> Result<(), FormatError> {
    let mut ids = HashSet::new();
    for r in records {
        let bad = |why: &str| FormatError::Invalid(format!("{what} {}: {why}", r.id));
        if !ids.insert(r.id) {
            return Err(bad("appears twice"));
        }
        if r.versions.is_empty() {
            return Err(bad("has no versions"));
        }
        let first_kind = kind(&r.versions[0].data);
        for (i, v) in r.versions.iter().enumerate() {
            if v.number as usize != i + 1 {
                return Err(bad("versions are not numbered 1, 2, …"));
            }
            if (i == 0) != (v.change == Change::Original) {
                return Err(bad("only the first version is the original"));
            }
            if i > 0 && v.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                return Err(bad("a correction or retraction without a reason"));
            }
            if i > 0 && r.versions[i - 1].change == Change::Retraction {
                return Err(bad("a version after a retraction"));
            }
            if kind(&v.data) != first_kind {
                return Err(bad("changes instrument between versions"));
            }
        }
    }
    Ok(())
}
