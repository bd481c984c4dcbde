//! Timeline events (dosing, integration sessions, medication changes, other):
//! dated markers, versioned like entries.

use super::{Result, Store, StoreError, parse_date, parse_time, utc_text};
use crate::record::{Change, Event, EventData, EventKind, Version};
use chrono::{DateTime, FixedOffset};
use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};

const SELECT: &str =
    "SELECT event_id, version, change, kind, date, note, recorded_at, utc_offset, reason FROM event_versions";

impl Store {
    pub fn add_event(&mut self, data: &EventData, now: DateTime<FixedOffset>) -> Result<i64> {
        self.check_before_write()?;
        check_note(data)?;
        let window = self.profile()?.window;
        if data.kind != EventKind::Dosing {
            window.check_event_day(data.date)?;
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if data.kind == EventKind::Dosing {
            return Err(StoreError::DosingAtSetUp);
        }
        let id = insert_new(&tx, data, now)?;
        tx.commit()?;
        self.after_save(now);
        Ok(id)
    }

    pub fn amend_event(
        &mut self,
        id: i64,
        data: &EventData,
        reason: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<u32> {
        self.append_event(id, |_| data.clone(), Change::Correction, reason, now)
    }

    pub fn retract_event(&mut self, id: i64, reason: &str, now: DateTime<FixedOffset>) -> Result<u32> {
        self.append_event(id, Clone::clone, Change::Retraction, reason, now)
    }

    fn append_event(
        &mut self,
        id: i64,
        data: impl FnOnce(&EventData) -> EventData,
        change: Change,
        reason: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<u32> {
        self.check_before_write()?;
        let reason = crate::record::reason(reason)?;
        let window = self.profile()?.window;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = tx
            .query_row(&format!("{SELECT} WHERE event_id = ?1 ORDER BY version DESC LIMIT 1"), [id], read_row)
            .optional()?
            .ok_or(StoreError::NoSuch("event", id))??
            .1;
        if current.change == Change::Retraction {
            return Err(StoreError::Retracted("event", id));
        }
        let new = data(&current.data);
        check_note(&new)?;
        let dosing = current.data.kind == EventKind::Dosing || new.kind == EventKind::Dosing;
        if dosing
            && (change == Change::Retraction
                || new.kind != current.data.kind
                || new.date != current.data.date)
        {
            return Err(StoreError::DosingFixed);
        }
        if change == Change::Correction && new == current.data {
            return Err(StoreError::NothingToChange);
        }
        if change == Change::Correction && new.date != current.data.date {
            window.check_event_day(new.date)?;
        }
        let number = current.number + 1;
        write_version(&tx, id, number, change, &new, Some(reason), now)?;
        tx.commit()?;
        self.after_save(now);
        Ok(number)
    }

    /// Every event with all its versions, in id order.
    pub fn events(&self) -> Result<Vec<Event>> {
        self.noted(self.read_events())
    }

    fn read_events(&self) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} ORDER BY event_id, version"))?;
        let mut out: Vec<Event> = Vec::new();
        for row in stmt.query_map([], read_row)? {
            let (id, version) = row??;
            match out.last_mut() {
                Some(e) if e.id == id => e.versions.push(version),
                _ => out.push(Event { id, versions: vec![version] }),
            }
        }
        Ok(out)
    }
}

fn check_note(data: &EventData) -> Result<()> {
    let chars = data.note.as_deref().map_or(0, |n| n.chars().count());
    if chars > crate::instrument::mood::NOTE_MAX_CHARS {
        return Err(StoreError::NoteTooLong(chars));
    }
    Ok(())
}

pub(super) fn insert_new(tx: &Transaction, data: &EventData, now: DateTime<FixedOffset>) -> Result<i64> {
    tx.execute("INSERT INTO events DEFAULT VALUES", [])?;
    let id = tx.last_insert_rowid();
    write_version(tx, id, 1, Change::Original, data, None, now)?;
    Ok(id)
}

/// Write events with all their versions as they are.
pub(super) fn replay(tx: &Transaction, events: &[Event]) -> Result<()> {
    for e in events {
        tx.execute("INSERT INTO events (id) VALUES (?1)", [e.id])?;
        for v in &e.versions {
            write_version(tx, e.id, v.number, v.change, &v.data, v.reason.as_deref(), v.recorded_at)?;
        }
    }
    Ok(())
}

fn write_version(
    tx: &Transaction,
    id: i64,
    number: u32,
    change: Change,
    data: &EventData,
    reason: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO event_versions (event_id, version, change, kind, date, note, recorded_at, utc_offset, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            number,
            change.key(),
            data.kind.key(),
            data.date.to_string(),
            data.note,
            utc_text(now),
            now.offset().local_minus_utc(),
            reason,
        ],
    )?;
    Ok(())
}

fn read_row(r: &Row) -> rusqlite::Result<Result<(i64, Version<EventData>)>> {
    let id: i64 = r.get(0)?;
    let number: u32 = r.get(1)?;
    let change: String = r.get(2)?;
    let kind: String = r.get(3)?;
    let date: String = r.get(4)?;
    let note: Option<String> = r.get(5)?;
    let recorded_at: String = r.get(6)?;
    let offset: i32 = r.get(7)?;
    let reason: Option<String> = r.get(8)?;
    Ok((|| {
        let corrupt = |what: &str| StoreError::Corrupt(format!("event {id} version {number}: {what}"));
        Ok((
            id,
            Version {
                number,
                change: Change::from_key(&change).ok_or_else(|| corrupt("change"))?,
                recorded_at: parse_time(&recorded_at, offset)?,
                reason,
                data: EventData {
                    kind: EventKind::from_key(&kind).ok_or_else(|| corrupt("kind"))?,
                    date: parse_date(&date)?,
                    note,
                },
            },
        ))
    })())
}

/// Move the dosing session's event to a corrected dosing date: a correction
/// with the profile correction's reason.
pub(super) fn move_dosing(
    tx: &Transaction,
    date: chrono::NaiveDate,
    reason: &str,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let found = tx
        .query_row(
            &format!("{SELECT} WHERE kind = 'dosing' AND version = (SELECT max(version) FROM event_versions v WHERE v.event_id = event_versions.event_id) ORDER BY event_id LIMIT 1"),
            [],
            read_row,
        )
        .optional()?;
    if let Some(row) = found {
        let (id, current) = row?;
        let data = EventData { date, ..current.data };
        write_version(tx, id, current.number + 1, Change::Correction, &data, Some(reason), now)?;
    }
    Ok(())
}
