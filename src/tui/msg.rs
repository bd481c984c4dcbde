//! The messages of the TUI (The Elm Architecture): what a key means
//! ([`Action`] for the app, a screen's own message for the screen), how a
//! screen's update ends ([`Step`]), the work it asks for ([`Effect`]) and
//! what that work came to ([`Outcome`]). Screens name these types, never
//! the app or each other: a screen that wants another screen opened
//! returns an intent ([`Go`]) that the app carries out.

use crate::journal::{Journal, Profile};
use crate::record::{EntryData, EventData};
use chrono::NaiveDate;
use secrecy::SecretString;

/// Where a key asks to go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Go {
    /// A questionnaire check-in (PHQ-9, GAD-7) for a day.
    Checkin(crate::record::Instrument, NaiveDate),
    Mood(NaiveDate),
    Trends,
    /// The course of response, week by week.
    Course,
    History,
    Day(NaiveDate),
    AmendEntry(i64),
    RetractEntry(i64),
    AddEvent(NaiveDate),
    AmendEvent(i64),
    RetractEvent(i64),
    /// Ask why, then save this correction.
    Reason(Correction),
    /// The safety information, after an item-9 answer above 0.
    Safety(SafetyAnswer),
    /// The caseload's participant at this row, read-only.
    Case(usize),
    /// A page of text: what the outcome words mean.
    Info(Page),
    /// Seal an export for the therapist.
    Export,
}

/// The pages of text a key can open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// What the outcome words mean, with the clinical definitions.
    Outcomes,
    /// The profile and its history (from help).
    Profile,
}

/// What the app does for any screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Back,
    Help,
    Zoom,
    Refresh,
    Go(Go),
}

/// What a key means on a screen: something for the app, or a message for
/// the screen's own update.
#[derive(Debug, Clone, PartialEq)]
pub enum Act<M> {
    App(Action),
    Screen(M),
}

/// A correction or retraction that waits for its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Correction {
    AmendEntry(i64, Box<EntryData>),
    RetractEntry(i64),
    AmendEvent(i64, EventData),
    RetractEvent(i64),
}

impl Correction {
    /// The write, once the reason is known.
    pub fn with_reason(&self, reason: String) -> Write {
        match self {
            Correction::AmendEntry(id, data) => Write::AmendEntry(*id, (**data).clone(), reason),
            Correction::RetractEntry(id) => Write::RetractEntry(*id, reason),
            Correction::AmendEvent(id, data) => Write::AmendEvent(*id, data.clone(), reason),
            Correction::RetractEvent(id) => Write::RetractEvent(*id, reason),
        }
    }
}

/// What became of the answer that raised a safety flag.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SafetyAnswer {
    #[default]
    Saved,
    /// A correction, saved once its reason is given.
    Pending,
    /// Saving failed (the reason is on the status line).
    NotSaved,
    /// Asked for with the support key: no answer behind it, and any way
    /// back closes it.
    Asked,
}

/// A change to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    AddEntry(EntryData),
    AmendEntry(i64, EntryData, String),
    RetractEntry(i64, String),
    AddEvent(EventData),
    AmendEvent(i64, EventData, String),
    RetractEvent(i64, String),
}

impl Write {
    /// Whether the record this write leaves behind has item 9 above 0.
    pub fn raises_safety(&self) -> bool {
        match self {
            Write::AddEntry(d) | Write::AmendEntry(_, d, _) => d.record.safety_signal(),
            _ => false,
        }
    }

    pub fn done_message(&self) -> String {
        let entry = |d: &EntryData| format!("{} for {}", d.record.summary(), d.day);
        match self {
            Write::AddEntry(d) => format!("Saved {}.", entry(d)),
            Write::AmendEntry(id, d, _) => format!("Corrected entry {id}: {}.", entry(d)),
            Write::RetractEntry(id, _) => format!("Retracted entry {id}; its history is kept."),
            Write::AddEvent(e) => format!("Added {} on {}.", e.kind, e.date),
            Write::AmendEvent(id, _, _) => format!("Corrected event {id}."),
            Write::RetractEvent(id, _) => format!("Retracted event {id}."),
        }
    }
}

/// An export the participant asked for on the export screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    /// The therapist's public key, `age1…`, as typed.
    pub recipient: String,
    pub format: crate::share::ExportFormat,
    pub filters: crate::share::Filters,
    pub path: std::path::PathBuf,
}

/// Work for the runtime: it touches the store, then calls `App::apply`.
#[derive(Debug)]
pub enum Effect {
    Unlock(SecretString),
    Create(SecretString, Profile),
    Write(Write),
    Reload,
    Export(ExportRequest),
}

/// What an effect came to.
#[derive(Debug)]
pub enum Outcome {
    Opened(Journal),
    UnlockFailed {
        wrong_passphrase: bool,
        message: String,
    },
    CreateFailed(String),
    /// Saved; and, should the day's automatic backup have failed, why.
    Written(Write, Journal, Option<String>),
    /// The write that failed (if any) and why.
    WriteFailed(Option<Write>, String),
    Reloaded(Journal),
    /// The export was written: what to say, and the key to offer next time.
    Exported {
        message: String,
        recipient: String,
    },
    ExportFailed(String),
    /// What followup remembers, read after unlocking.
    Settings(crate::store::Settings),
}

/// How a screen's own update ends.
#[derive(Debug)]
pub enum Step {
    Stay,
    Back,
    Go(Go),
    Run(Effect),
}
