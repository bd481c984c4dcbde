//! Entries: append-only versions of one instrument's answers for one day.

use super::{Result, Store, StoreError, parse_date, parse_time, utc_text};
use crate::instrument::{Gad7, Mood, MoodFields, Phq9, SleepHours};
use crate::record::{Change, Entry, EntryData, Instrument, Record, Version};
use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};

const SELECT: &str = "SELECT v.entry_id, v.version, v.change, v.day, v.recorded_at, v.utc_offset, v.reason,
        v.a1, v.a2, v.a3, v.a4, v.a5, v.a6, v.a7, v.a8, v.a9, v.difficulty,
        v.mood, v.anxiety, v.energy, v.sleep_half_hours, v.note, v.tags, e.instrument
    FROM entry_versions v JOIN entries e ON e.id = v.entry_id";

impl Store {
    /// Save a new entry. A second entry of the same instrument for a day that
    /// already has one is refused: corrections go through `amend_entry`.
    pub fn add_entry(&mut self, data: &EntryData, now: DateTime<FixedOffset>) -> Result<i64> {
        self.check_before_write()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let instrument = data.record.instrument();
        if let Some(existing) = current_on(&tx, instrument, data.day, None)? {
            return Err(StoreError::DuplicateDay { instrument: instrument.noun(), day: data.day, existing });
        }
        tx.execute("INSERT INTO entries (instrument) VALUES (?1)", [instrument.key()])?;
        let id = tx.last_insert_rowid();
        write_version(&tx, id, 1, Change::Original, data, None, now)?;
        tx.commit()?;
        self.after_save(now);
        Ok(id)
    }

    /// Save a correction as a new version; returns its version number.
    pub fn amend_entry(
        &mut self,
        id: i64,
        data: &EntryData,
        reason: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<u32> {
        self.check_before_write()?;
        let reason = required(reason)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (current, instrument) = current_version(&tx, id)?;
        if instrument != data.record.instrument() {
            return Err(StoreError::WrongInstrument(
                "entry",
                id,
                instrument.label(),
                data.record.instrument().label(),
            ));
        }
        if let Some(existing) = current_on(&tx, instrument, data.day, Some(id))? {
            return Err(StoreError::DuplicateDay { instrument: instrument.noun(), day: data.day, existing });
        }
        write_version(&tx, id, current.number + 1, Change::Correction, data, Some(reason), now)?;
        tx.commit()?;
        self.after_save(now);
        Ok(current.number + 1)
    }

    /// Withdraw an entry with a reason; its history stays.
    pub fn retract_entry(&mut self, id: i64, reason: &str, now: DateTime<FixedOffset>) -> Result<u32> {
        self.check_before_write()?;
        let reason = required(reason)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (current, _) = current_version(&tx, id)?;
        write_version(&tx, id, current.number + 1, Change::Retraction, &current.data, Some(reason), now)?;
        tx.commit()?;
        self.after_save(now);
        Ok(current.number + 1)
    }

    /// Every entry with all its versions, in id order.
    pub fn entries(&self) -> Result<Vec<Entry>> {
        self.noted(self.read_entries())
    }

    fn read_entries(&self) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} ORDER BY v.entry_id, v.version"))?;
        let rows = stmt.query_map([], read_row)?;
        let mut out: Vec<Entry> = Vec::new();
        for row in rows {
            let (id, version) = row??;
            match out.last_mut() {
                Some(e) if e.id == id => e.versions.push(version),
                _ => out.push(Entry { id, versions: vec![version] }),
            }
        }
        Ok(out)
    }

    /// One entry with all its versions.
    pub fn entry(&self, id: i64) -> Result<Entry> {
        self.noted(self.read_entry(id))
    }

    fn read_entry(&self, id: i64) -> Result<Entry> {
        let mut stmt =
            self.conn.prepare_cached(&format!("{SELECT} WHERE v.entry_id = ?1 ORDER BY v.version"))?;
        let versions =
            stmt.query_map([id], read_row)?.map(|r| r?.map(|(_, v)| v)).collect::<Result<Vec<_>>>()?;
        if versions.is_empty() {
            return Err(StoreError::NoSuch("entry", id));
        }
        Ok(Entry { id, versions })
    }
}

/// Write entries with all their versions as they are (see `Store::create_from_journal`).
pub(super) fn replay(tx: &Transaction, entries: &[Entry]) -> Result<()> {
    for e in entries {
        tx.execute(
            "INSERT INTO entries (id, instrument) VALUES (?1, ?2)",
            params![e.id, e.instrument().key()],
        )?;
        for v in &e.versions {
            write_version(tx, e.id, v.number, v.change, &v.data, v.reason.as_deref(), v.recorded_at)?;
        }
    }
    Ok(())
}

fn required(reason: &str) -> Result<&str> {
    Ok(crate::record::reason(reason)?)
}

/// The current, unretracted entry of an instrument on a day, other than `except`.
fn current_on(
    tx: &Transaction,
    instrument: Instrument,
    day: NaiveDate,
    except: Option<i64>,
) -> Result<Option<i64>> {
    Ok(tx
        .query_row(
            "SELECT v.entry_id FROM entry_versions v JOIN entries e ON e.id = v.entry_id
             WHERE e.instrument = ?1 AND v.day = ?2 AND v.entry_id IS NOT ?3
               AND v.version = (SELECT max(version) FROM entry_versions WHERE entry_id = v.entry_id)
               AND v.change != 'retraction'
             LIMIT 1",
            params![instrument.key(), day.to_string(), except],
            |r| r.get(0),
        )
        .optional()?)
}

/// The latest version of an entry that can still be changed.
fn current_version(tx: &Transaction, id: i64) -> Result<(Version<EntryData>, Instrument)> {
    let (_, version) = tx
        .query_row(&format!("{SELECT} WHERE v.entry_id = ?1 ORDER BY v.version DESC LIMIT 1"), [id], read_row)
        .optional()?
        .ok_or(StoreError::NoSuch("entry", id))??;
    if version.change == Change::Retraction {
        return Err(StoreError::Retracted("entry", id));
    }
    let instrument = version.data.record.instrument();
    Ok((version, instrument))
}

fn write_version(
    tx: &Transaction,
    id: i64,
    number: u32,
    change: Change,
    data: &EntryData,
    reason: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let mut answers: [Option<u8>; 9] = [None; 9];
    let (mut difficulty, mut mood, mut anxiety, mut energy, mut sleep) = (None, None, None, None, None);
    let (mut note, mut tags): (Option<&str>, Option<String>) = (None, None);
    match &data.record {
        Record::Phq9(p) => {
            answers = *p.answers();
            difficulty = p.difficulty();
        }
        Record::Gad7(g) => {
            for (slot, a) in answers.iter_mut().zip(g.answers()) {
                *slot = *a;
            }
        }
        Record::Mood(m) => {
            mood = Some(m.mood());
            anxiety = m.anxiety();
            energy = m.energy();
            sleep = m.sleep().map(SleepHours::half_hours);
            note = m.note();
            tags = Some(serde_json::to_string(m.tags()).map_err(|e| StoreError::Corrupt(e.to_string()))?);
        }
    }
    tx.execute(
        "INSERT INTO entry_versions (entry_id, version, change, day, recorded_at, utc_offset, reason,
            a1, a2, a3, a4, a5, a6, a7, a8, a9, difficulty, mood, anxiety, energy, sleep_half_hours, note, tags)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
        params![
            id,
            number,
            change.key(),
            data.day.to_string(),
            utc_text(now),
            now.offset().local_minus_utc(),
            reason,
            answers[0],
            answers[1],
            answers[2],
            answers[3],
            answers[4],
            answers[5],
            answers[6],
            answers[7],
            answers[8],
            difficulty,
            mood,
            anxiety,
            energy,
            sleep,
            note,
            tags,
        ],
    )?;
    Ok(())
}

type RowResult = Result<(i64, Version<EntryData>)>;

/// Read one row; a value this build cannot make sense of is an error of its
/// own, kept apart from SQLite's.
fn read_row(r: &Row) -> rusqlite::Result<RowResult> {
    let id: i64 = r.get(0)?;
    let number: u32 = r.get(1)?;
    let change: String = r.get(2)?;
    let day: String = r.get(3)?;
    let recorded_at: String = r.get(4)?;
    let offset: i32 = r.get(5)?;
    let reason: Option<String> = r.get(6)?;
    let mut answers = [None; 9];
    for (i, a) in answers.iter_mut().enumerate() {
        *a = r.get::<_, Option<u8>>(7 + i)?;
    }
    let difficulty: Option<u8> = r.get(16)?;
    let mood: Option<u8> = r.get(17)?;
    let anxiety: Option<u8> = r.get(18)?;
    let energy: Option<u8> = r.get(19)?;
    let sleep: Option<u8> = r.get(20)?;
    let note: Option<String> = r.get(21)?;
    let tags: Option<String> = r.get(22)?;
    let instrument: String = r.get(23)?;
    Ok((|| {
        let corrupt = |what: &str| StoreError::Corrupt(format!("entry {id} version {number}: {what}"));
        let record = match instrument.as_str() {
            "phq9" => Record::Phq9(Phq9::new(answers, difficulty).map_err(|e| corrupt(&e.to_string()))?),
            "gad7" => {
                let n = crate::instrument::GAD7.items.len();
                if answers[n..].iter().any(Option::is_some) {
                    return Err(corrupt("answers past the seventh"));
                }
                Record::Gad7(Gad7::new(&answers[..n]).map_err(|e| corrupt(&e.to_string()))?)
            }
            "mood" => {
                let tags: Vec<String> = match tags {
                    Some(t) => serde_json::from_str(&t).map_err(|_| corrupt("tags"))?,
                    None => Vec::new(),
                };
                let sleep = sleep
                    .map(SleepHours::from_half_hours)
                    .transpose()
                    .map_err(|e| corrupt(&e.to_string()))?;
                let mood = mood.ok_or_else(|| corrupt("mood missing"))?;
                let fields = MoodFields { mood, anxiety, energy, sleep, note, tags };
                Record::Mood(Mood::try_from(fields).map_err(|e| corrupt(&e.to_string()))?)
            }
            other => return Err(corrupt(&format!("instrument {other:?}"))),
        };
        let version = Version {
            number,
            change: Change::from_key(&change).ok_or_else(|| corrupt("change"))?,
            recorded_at: parse_time(&recorded_at, offset)?,
            reason,
            data: EntryData { day: parse_date(&day)?, record },
        };
        Ok((id, version))
    })())
}
