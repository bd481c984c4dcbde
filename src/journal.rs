//! A participant's whole record: the profile, every entry with all its
//! versions, and the timeline events. The store loads one; an export carries
//! one; the dashboard, reports and the caseload are computed from one.

use crate::record::{Entry, Event, EventKind, Instrument};
use crate::window::Window;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Said first on every safety screen.
pub const EMERGENCY_LINE: &str = "If you are in danger now, call your local emergency number.";

/// The safety screen's heading, shown when item 9 is answered above 0.
pub const SAFETY_HEADING: &str = "Your answer about thoughts of being better off dead or of hurting yourself is saved and flagged: the flag is for your care team and goes with every export you share.";

/// The same heading when the answer could not be saved (a full disk, a
/// database that cannot be opened): the safety information is shown all
/// the same.
pub const UNSAVED_SAFETY_HEADING: &str =
    "You answered that you have thoughts of being better off dead or of hurting yourself.";

/// Said wherever the safety screen or a flagged day is shown to the
/// participant: nobody is told of an answer.
pub const ALERTS_NOBODY: &str = "followup is not a crisis service: it does not alert anyone.";

/// How the participant's own screens name a day with an item-9 answer above
/// 0: what they answered, in the item's words, never that anyone was told
/// (followup alerts nobody). `when` is a day or a list of days.
pub fn item9_answered(when: &str) -> String {
    format!("On {when} you answered that you had thoughts of being better off dead or of hurting yourself.")
}

/// Crisis lines used when the participant has not set their own.
pub const DEFAULT_CRISIS_LINES: [&str; 3] = [
    "US: 988 Suicide & Crisis Lifeline \u{2014} call or text 988",
    "UK: Samaritans \u{2014} call 116 123",
    "UK: NHS 111, option 2 (mental health)",
];

/// The longest participant code.
pub const PARTICIPANT_MAX_CHARS: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "participant code {0:?} is not allowed: use 1 to 32 ASCII letters or digits, '-', '_' or '.' (e.g. TRD-014)"
)]
pub struct ParticipantError(pub String);

/// Check a participant code; it names export files, so it is kept to a
/// safe alphabet.
pub fn participant_code(raw: &str) -> Result<String, ParticipantError> {
    let ok = !raw.is_empty()
        && raw.chars().count() <= PARTICIPANT_MAX_CHARS
        && raw.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        && !raw.starts_with('.');
    if ok { Ok(raw.to_string()) } else { Err(ParticipantError(raw.to_string())) }
}

/// Set at onboarding; corrected as new versions with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub participant: String,
    /// The current window (the latest version's).
    pub window: Window,
    /// The participant's own care contact, shown on the safety screen.
    /// Never exported.
    pub care_contact: Option<String>,
    pub crisis_lines: Vec<String>,
    /// Every version of the profile, the set-up first; empty for a profile
    /// that was never stored.
    #[serde(default)]
    pub versions: Vec<ProfileVersion>,
}

/// One version of the profile: the window and care contact it set, when,
/// and (for a correction) why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileVersion {
    pub number: u32,
    pub recorded_at: chrono::DateTime<chrono::FixedOffset>,
    /// Why it was corrected (none for the set-up).
    pub reason: Option<String>,
    pub window: Window,
    /// Never exported.
    #[serde(skip)]
    pub care_contact: Option<String>,
}

impl Profile {
    pub fn new(participant: String, window: Window, care_contact: Option<String>) -> Self {
        Self {
            participant,
            window,
            care_contact: care_contact.filter(|c| !c.trim().is_empty()),
            crisis_lines: DEFAULT_CRISIS_LINES.iter().map(|s| s.to_string()).collect(),
            versions: Vec::new(),
        }
    }

    /// What the safety screen says, in order: the emergency line, the
    /// participant's care contact, then the crisis lines.
    pub fn safety_lines(&self) -> Vec<String> {
        let mut lines = vec![EMERGENCY_LINE.to_string()];
        if let Some(contact) = &self.care_contact {
            lines.push(format!("Your care contact: {contact}"));
        }
        lines.extend(self.crisis_lines.iter().cloned());
        lines.push(ALERTS_NOBODY.to_string());
        lines
    }
}

/// The safety information when no profile can be read (its care contact
/// and crisis lines unknown): the emergency line and the default crisis lines.
pub fn default_safety_lines() -> Vec<String> {
    let mut lines = vec![EMERGENCY_LINE.to_string()];
    lines.extend(DEFAULT_CRISIS_LINES.iter().map(|s| s.to_string()));
    lines.push(ALERTS_NOBODY.to_string());
    lines
}

/// A participant's record.
#[derive(Debug, Clone, PartialEq)]
pub struct Journal {
    pub profile: Profile,
    /// Every entry, with all versions, in id order.
    pub entries: Vec<Entry>,
    /// Every event, with all versions, in id order.
    pub events: Vec<Event>,
}

impl Journal {
    pub fn window(&self) -> &Window {
        &self.profile.window
    }

    /// The first and last day the record can hold or holds: from
    /// [`crate::window::BASELINE_MAX_DAYS`] before day 0 to the window's last
    /// day, widened to any entry or event outside them (days logged after
    /// the window, or before a dosing date corrected later).
    pub fn span(&self) -> (NaiveDate, NaiveDate) {
        let w = self.window();
        let days =
            self.entries.iter().map(|e| e.day()).chain(self.events.iter().map(|e| e.current().data.date));
        days.fold((w.date_of(-crate::window::BASELINE_MAX_DAYS), w.end_date()), |(first, last), d| {
            (first.min(d), last.max(d))
        })
    }

    /// Entries that are not retracted.
    pub fn current_entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.is_retracted())
    }

    /// The days with a current entry of each kind.
    pub fn done_days(&self) -> crate::window::DoneDays {
        let mut done = crate::window::DoneDays::default();
        for e in self.current_entries() {
            let days = match e.instrument() {
                crate::record::Instrument::Mood => &mut done.mood,
                crate::record::Instrument::Phq9 => &mut done.phq9,
                crate::record::Instrument::Gad7 => &mut done.gad7,
            };
            days.insert(e.day());
        }
        done
    }

    pub fn current_events(&self) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(|e| !e.is_retracted())
    }

    pub fn entry(&self, id: i64) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn event(&self, id: i64) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// The current entry of an instrument on a day, if any.
    pub fn entry_on(&self, instrument: Instrument, day: NaiveDate) -> Option<&Entry> {
        self.current_entries().find(|e| e.instrument() == instrument && e.day() == day)
    }

    /// The day the participant set followup up: the dosing event is written
    /// then; an earlier entry (imported or from the demo) moves it back.
    pub fn set_up_date(&self) -> NaiveDate {
        let dosing = self.events.iter().find(|e| e.first().data.kind == EventKind::Dosing);
        let first_entry = self.entries.iter().map(|e| e.first().recorded_at.date_naive()).min();
        [dosing.map(|e| e.first().recorded_at.date_naive()), first_entry]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(self.profile.window.dosing_date)
    }

    /// Dates of events of one kind.
    pub fn event_dates(&self, kind: EventKind) -> impl Iterator<Item = NaiveDate> + '_ {
        self.current_events().filter(move |e| e.current().data.kind == kind).map(|e| e.current().data.date)
    }

    /// Entries whose days fall in `from..=to` (either bound optional).
    pub fn in_range(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(move |e| from.is_none_or(|f| e.day() >= f) && to.is_none_or(|t| e.day() <= t))
    }
}

/// The largest id a record of followup's own holds: ids count up from 1,
/// one per entry or event.
pub const MAX_RECORD_ID: i64 = 1_000_000_000;

/// Why a record brought in from outside (a restored export) is not one
/// followup could have written: one line naming the entry or event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WholeError {
    #[error("{what} {id}: an id must be from 1 to {MAX_RECORD_ID}")]
    Id { what: &'static str, id: i64 },
    #[error("entry {id} ({date}): {reason}")]
    Day { id: i64, date: NaiveDate, reason: crate::window::DayError },
    #[error("{what} {id}: version {number} is recorded on {date}, after today ({today})")]
    RecordedAhead { what: &'static str, id: i64, number: u32, date: NaiveDate, today: NaiveDate },
    #[error("{what} {id}: version {number} is recorded before the version it corrects")]
    RecordedBackwards { what: &'static str, id: i64, number: u32 },
    #[error("entry {id} ({date}): a second {instrument} for the day (entry {other} is the first)")]
    Duplicate { id: i64, other: i64, date: NaiveDate, instrument: &'static str },
    #[error("the record has {0} dosing-session events; a record has exactly one, made at set-up")]
    Dosing(usize),
}

impl Journal {
    /// Whether this record is one that followup's own commands could have
    /// made by `today`: every id in range, every entry's day one that `log`
    /// takes, nothing recorded after today, corrections after what they
    /// correct, one current entry per questionnaire and day, one dosing
    /// event. A restore refuses a record that is not.
    pub fn check_whole(&self, today: NaiveDate) -> Result<(), WholeError> {
        let window = self.window();
        // a day of leeway: the record's clock may be a time zone ahead
        let latest = today + chrono::Days::new(1);
        fn versions<T>(
            what: &'static str,
            r: &crate::record::Versioned<T>,
            latest: NaiveDate,
            today: NaiveDate,
        ) -> Result<(), WholeError> {
            if !(1..=MAX_RECORD_ID).contains(&r.id) {
                return Err(WholeError::Id { what, id: r.id });
            }
            let mut before = None;
            for v in &r.versions {
                let date = v.recorded_at.date_naive();
                if date > latest {
                    return Err(WholeError::RecordedAhead { what, id: r.id, number: v.number, date, today });
                }
                if before.is_some_and(|b| v.recorded_at < b) {
                    return Err(WholeError::RecordedBackwards { what, id: r.id, number: v.number });
                }
                before = Some(v.recorded_at);
            }
            Ok(())
        }
        let mut seen: std::collections::HashMap<(Instrument, NaiveDate), i64> = Default::default();
        for e in &self.entries {
            versions("entry", e, latest, today)?;
            window.check_entry_day(e.day(), today).map_err(|reason| WholeError::Day {
                id: e.id,
                date: e.day(),
                reason,
            })?;
            if !e.is_retracted()
                && let Some(other) = seen.insert((e.instrument(), e.day()), e.id)
            {
                return Err(WholeError::Duplicate {
                    id: e.id,
                    other,
                    date: e.day(),
                    instrument: e.instrument().noun(),
                });
            }
        }
        for e in &self.events {
            versions("event", e, latest, today)?;
        }
        let dosing = self.events.iter().filter(|e| e.first().data.kind == EventKind::Dosing).count();
        if dosing != 1 {
            return Err(WholeError::Dosing(dosing));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participant_codes() {
        assert!(participant_code("TRD-014").is_ok());
        assert!(participant_code("p.1_a").is_ok());
        for bad in ["", ".hidden", "a/b", "x y", "é", &"a".repeat(33)] {
            assert!(participant_code(bad).is_err(), "{bad}");
        }
    }
}
