//! The profile: the row written at set-up is version 1; each correction is
//! a row of `profile_versions` with its reason (append-only, like entries).
//! The current profile is the latest version.

use super::{Result, Store, StoreError, events, parse_date, parse_time, utc_text};
use crate::journal::{Profile, ProfileVersion};
use crate::window::Window;
use chrono::{DateTime, FixedOffset};
use rusqlite::{Row, Transaction, params};

/// The window a profile row holds, from its columns `at`, `at + 1`, …:
/// dosing date, window days, PHQ-9 cadence, GAD-7 cadence.
fn window_at(r: &Row, at: usize) -> rusqlite::Result<(String, u32, u32, u32)> {
    Ok((r.get(at)?, r.get(at + 1)?, r.get(at + 2)?, r.get(at + 3)?))
}

fn window((dosing, length, every, gad7): (String, u32, u32, u32)) -> Result<Window> {
    Window::new(parse_date(&dosing)?, length, every)
        .and_then(|w| w.with_gad7_every(gad7))
        .map_err(|e| StoreError::Corrupt(format!("profile: {e}")))
}

/// A correction as a row of `profile_versions`.
fn insert_version(
    tx: &Transaction,
    number: u32,
    w: &Window,
    care_contact: Option<&str>,
    at: DateTime<FixedOffset>,
    reason: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO profile_versions (version, dosing_date, window_days, phq9_every, gad7_every, care_contact, recorded_at, utc_offset, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            number,
            w.dosing_date.to_string(),
            w.length_days,
            w.phq9_every,
            w.gad7_every,
            care_contact,
            utc_text(at),
            at.offset().local_minus_utc(),
            reason
        ],
    )?;
    Ok(())
}

impl Store {
    /// The profile: as set up, with its corrections applied; every version
    /// in `versions`.
    pub fn profile(&self) -> Result<Profile> {
        // schema 1 and 2 files (read-only) have no GAD-7 and no corrections
        let gad7 = if self.schema >= 3 { "gad7_every" } else { "0" };
        let (participant, set_up, care_contact, lines, created) = self.conn.query_row(
            &format!(
                "SELECT participant, dosing_date, window_days, phq9_every, {gad7}, care_contact, crisis_lines, created_at FROM profile WHERE id = 1"
            ),
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    window_at(r, 1)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                ))
            },
        )?;
        let crisis_lines =
            serde_json::from_str(&lines).map_err(|_| StoreError::Corrupt("profile: crisis lines".into()))?;
        let mut versions = vec![ProfileVersion {
            number: 1,
            recorded_at: parse_time(&created, 0)?,
            reason: None,
            window: window(set_up)?,
            care_contact,
        }];
        if self.schema >= 3 {
            let mut stmt = self.conn.prepare(
                "SELECT version, dosing_date, window_days, phq9_every, gad7_every, care_contact, recorded_at, utc_offset, reason
                 FROM profile_versions ORDER BY version",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, u32>(0)?,
                    window_at(r, 1)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, i32>(7)?,
                    r.get::<_, String>(8)?,
                ))
            })?;
            for row in rows {
                let (number, w, care_contact, at, offset, reason) = row?;
                versions.push(ProfileVersion {
                    number,
                    recorded_at: parse_time(&at, offset)?,
                    reason: Some(reason),
                    window: window(w)?,
                    care_contact,
                });
            }
        }
        let current = versions.last().expect("the set-up version").clone();
        Ok(Profile {
            participant,
            window: current.window,
            care_contact: current.care_contact,
            crisis_lines,
            versions,
        })
    }

    /// Correct the profile: a new version with a reason (the window, the
    /// cadences, the care contact). A new dosing date moves the dosing
    /// session's event with it, as a correction with the same reason.
    pub fn correct_profile(
        &mut self,
        window: Window,
        care_contact: Option<String>,
        reason: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<u32> {
        self.check_before_write()?;
        let reason = crate::record::reason(reason)?;
        let current = self.profile()?;
        if current.window == window && current.care_contact == care_contact {
            return Err(StoreError::NothingToChange);
        }
        let number = current.versions.last().map_or(1, |v| v.number) + 1;
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        insert_version(&tx, number, &window, care_contact.as_deref(), now, reason)?;
        if window.dosing_date != current.window.dosing_date {
            events::move_dosing(&tx, window.dosing_date, reason, now)?;
        }
        tx.commit()?;
        self.after_save(now);
        Ok(number)
    }
}

/// The profile row (version 1: the set-up) and, for a profile read from
/// an export or a backup, its corrections as they were.
pub(super) fn write_profile(tx: &Transaction, profile: &Profile, now: DateTime<FixedOffset>) -> Result<()> {
    let first = profile.versions.first();
    let w = first.map_or(&profile.window, |v| &v.window);
    let care_contact = if profile.versions.len() > 1 {
        first.and_then(|v| v.care_contact.clone())
    } else {
        profile.care_contact.clone()
    };
    tx.execute(
        "INSERT INTO profile (id, participant, dosing_date, window_days, phq9_every, gad7_every, care_contact, crisis_lines, created_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            profile.participant,
            w.dosing_date.to_string(),
            w.length_days,
            w.phq9_every,
            w.gad7_every,
            care_contact,
            serde_json::to_string(&profile.crisis_lines).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            utc_text(first.map_or(now, |v| v.recorded_at)),
        ],
    )?;
    let last = profile.versions.len().saturating_sub(1);
    for (i, v) in profile.versions.iter().enumerate().skip(1) {
        // the care contact is not in exports: the one given now goes with the latest
        let contact = if i == last { profile.care_contact.as_deref() } else { v.care_contact.as_deref() };
        insert_version(
            tx,
            v.number,
            &v.window,
            contact,
            v.recorded_at,
            v.reason.as_deref().unwrap_or("corrected"),
        )?;
    }
    Ok(())
}
