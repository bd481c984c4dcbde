//! Versioned migrations on `PRAGMA user_version`.
//!
//! Each step runs once, in order, inside one transaction with the version
//! bump. Append new steps; never edit a released one.

use rusqlite::Connection;

/// A schema step: SQL, or code for what SQL alone cannot say.
enum Step {
    Sql(&'static str),
    Code(fn(&rusqlite::Transaction) -> rusqlite::Result<()>),
}

/// The schema steps; index + 1 is the version a step brings the file to.
const MIGRATIONS: &[Step] = &[
    // 1: profile, append-only entry and event versions
    Step::Sql(
        r#"
    CREATE TABLE profile (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        participant   TEXT    NOT NULL,
        dosing_date   TEXT    NOT NULL,
        window_days   INTEGER NOT NULL CHECK (window_days >= 1),
        phq9_every    INTEGER NOT NULL CHECK (phq9_every >= 1),
        care_contact  TEXT,
        crisis_lines  TEXT    NOT NULL,
        created_at    TEXT    NOT NULL
    );

    CREATE TABLE entries (
        id          INTEGER PRIMARY KEY,
        instrument  TEXT NOT NULL CHECK (instrument IN ('phq9', 'mood'))
    );

    -- one row per version; never updated, never deleted
    CREATE TABLE entry_versions (
        entry_id          INTEGER NOT NULL REFERENCES entries (id),
        version           INTEGER NOT NULL CHECK (version >= 1),
        change            TEXT    NOT NULL CHECK (change IN ('original', 'correction', 'retraction')),
        day               TEXT    NOT NULL,
        recorded_at       TEXT    NOT NULL,  -- UTC, RFC 3339
        utc_offset        INTEGER NOT NULL,  -- seconds east of UTC where it was recorded
        reason            TEXT,
        a1 INTEGER, a2 INTEGER, a3 INTEGER, a4 INTEGER, a5 INTEGER,
        a6 INTEGER, a7 INTEGER, a8 INTEGER, a9 INTEGER,
        difficulty        INTEGER,
        mood              INTEGER,
        anxiety           INTEGER,
        energy            INTEGER,
        sleep_half_hours  INTEGER,
        note              TEXT,
        tags              TEXT,              -- JSON array of strings
        PRIMARY KEY (entry_id, version),
        CHECK ((version = 1) = (change = 'original')),
        CHECK (change = 'original' OR reason IS NOT NULL)
    ) WITHOUT ROWID;
    CREATE INDEX entry_versions_day ON entry_versions (day);

    CREATE TABLE events (
        id  INTEGER PRIMARY KEY
    );

    CREATE TABLE event_versions (
        event_id     INTEGER NOT NULL REFERENCES events (id),
        version      INTEGER NOT NULL CHECK (version >= 1),
        change       TEXT    NOT NULL CHECK (change IN ('original', 'correction', 'retraction')),
        kind         TEXT    NOT NULL CHECK (kind IN ('dosing', 'integration', 'medication', 'other')),
        date         TEXT    NOT NULL,
        note         TEXT,
        recorded_at  TEXT    NOT NULL,
        utc_offset   INTEGER NOT NULL,
        reason       TEXT,
        PRIMARY KEY (event_id, version),
        CHECK ((version = 1) = (change = 'original')),
        CHECK (change = 'original' OR reason IS NOT NULL)
    ) WITHOUT ROWID;

    CREATE TRIGGER entries_append_only_u BEFORE UPDATE ON entries
        BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;
    CREATE TRIGGER entries_append_only_d BEFORE DELETE ON entries
        BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;
    CREATE TRIGGER entry_versions_append_only_u BEFORE UPDATE ON entry_versions
        BEGIN SELECT RAISE(ABORT, 'entry versions are append-only'); END;
    CREATE TRIGGER entry_versions_append_only_d BEFORE DELETE ON entry_versions
        BEGIN SELECT RAISE(ABORT, 'entry versions are append-only'); END;
    CREATE TRIGGER events_append_only_u BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER events_append_only_d BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER event_versions_append_only_u BEFORE UPDATE ON event_versions
        BEGIN SELECT RAISE(ABORT, 'event versions are append-only'); END;
    CREATE TRIGGER event_versions_append_only_d BEFORE DELETE ON event_versions
        BEGIN SELECT RAISE(ABORT, 'event versions are append-only'); END;
    "#,
    ),
    // 2: settings that are not records (the therapist's key an export was
    // last sealed to, …): a value per key, replaced when it changes
    Step::Sql(
        r#"
    CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    ) WITHOUT ROWID;
    "#,
    ),
    // 3: the GAD-7 (an instrument of entries, a cadence in the profile)
    // and the profile's corrections, as versions with a reason
    Step::Code(gad7_and_profile_versions),
];

/// Step 3. Entries may now be GAD-7s: the `instrument` CHECK constraint is
/// widened in place (SQLite's documented way for a change that leaves the
/// stored rows as they are: the schema text, and the schema version bumped),
/// because rebuilding the append-only table is refused by its own triggers.
fn gad7_and_profile_versions(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    const OLD: &str = "CHECK (instrument IN ('phq9', 'mood'))";
    const NEW: &str = "CHECK (instrument IN ('phq9', 'mood', 'gad7'))";
    let version: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", "ON")?;
    let changed = tx.execute(
        "UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2) WHERE type = 'table' AND name = 'entries' AND instr(sql, ?1) > 0",
        [OLD, NEW],
    )?;
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", "OFF")?;
    if changed != 1 {
        return Err(rusqlite::Error::StatementChangedRows(changed));
    }
    tx.execute_batch(
        r#"
    ALTER TABLE profile ADD COLUMN gad7_every INTEGER NOT NULL DEFAULT 0 CHECK (gad7_every BETWEEN 0 AND 28);

    -- the profile as set up is version 1 (the profile row); each correction
    -- is a new version with its reason; never updated, never deleted
    CREATE TABLE profile_versions (
        version       INTEGER PRIMARY KEY CHECK (version >= 2),
        dosing_date   TEXT    NOT NULL,
        window_days   INTEGER NOT NULL CHECK (window_days >= 1),
        phq9_every    INTEGER NOT NULL CHECK (phq9_every >= 1),
        gad7_every    INTEGER NOT NULL CHECK (gad7_every BETWEEN 0 AND 28),
        care_contact  TEXT,
        recorded_at   TEXT    NOT NULL,
        utc_offset    INTEGER NOT NULL,
        reason        TEXT    NOT NULL
    ) WITHOUT ROWID;
    CREATE TRIGGER profile_versions_append_only_u BEFORE UPDATE ON profile_versions
        BEGIN SELECT RAISE(ABORT, 'profile versions are append-only'); END;
    CREATE TRIGGER profile_versions_append_only_d BEFORE DELETE ON profile_versions
        BEGIN SELECT RAISE(ABORT, 'profile versions are append-only'); END;
    "#,
    )
}

/// The schema version this build writes.
pub const CURRENT: i64 = MIGRATIONS.len() as i64;

#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error(
        "the database was written by a newer followup (schema {found}, this build knows {CURRENT}): update followup"
    )]
    Newer { found: i64 },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// For a read-only connection, which migrates nothing: a newer schema is
/// refused; an older one is read as it is (what it lacks reads as empty).
pub fn check(conn: &Connection) -> Result<i64, MigrationError> {
    match user_version(conn)? {
        found if found > CURRENT => Err(MigrationError::Newer { found }),
        found => Ok(found),
    }
}

/// Bring the database to the current schema.
pub fn migrate(conn: &mut Connection) -> Result<(), MigrationError> {
    if user_version(conn)? == CURRENT {
        return Ok(());
    }
    // read again under the write lock: another process may have migrated
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let found = user_version(&tx)?;
    if found > CURRENT {
        return Err(MigrationError::Newer { found });
    }
    for step in MIGRATIONS.iter().skip(found as usize) {
        match step {
            Step::Sql(sql) => tx.execute_batch(sql)?,
            Step::Code(run) => run(&tx)?,
        }
    }
    tx.pragma_update(None, "user_version", CURRENT)?;
    tx.commit()?;
    Ok(())
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}
