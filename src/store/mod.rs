//! The encrypted store: one SQLCipher 4 database per participant.
//!
//! Standard SQLCipher key derivation, so any SQLCipher 4 client opens the
//! file with the passphrase. WAL (encrypted too), a busy timeout so a CLI
//! write waits while the TUI holds the file, temp store in memory so no
//! plaintext spills to disk. File 0600, folder 0700.

mod backup;
mod entries;
mod error;
mod events;
mod files;
mod identity;
mod integrity;
mod profile;
mod schema;

pub use backup::{BACKUPS_DIR, Backup, DAILY_SETTING, KEEP, backups_dir, backups_in, prune, restore_journal};
pub use error::StoreError;
pub use files::{FileShape, check_free, file_shape, tighten_permissions};
pub use integrity::integrity_problems;

use files::{is_plain_sqlite, on_full_disk, read_lock, remove_database_files, sidecar, uri_path};
use integrity::{Check, pages_check, quick_check};

use crate::journal::{Journal, Profile};
use crate::passphrase;
use crate::record::{EventData, EventKind};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use fs_err::os::unix::fs::OpenOptionsExt;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};
use secrecy::{ExposeSecret, SecretString};
use std::fs;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use schema::CURRENT as SCHEMA_VERSION;

pub use crate::paths::DB_FILE;
/// How long a writer waits for another process's lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What followup remembers between sessions that is not a record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// The public key the last export was sealed to, offered the next time.
    pub therapist_key: Option<String>,
    /// Whether the daily backup is on; `None` where there is no database
    /// (a therapist's review of an export).
    pub daily_backup: Option<bool>,
}

impl Settings {
    pub const THERAPIST_KEY: &str = "export.recipient";
}

/// What a connection may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Create,
    Write,
    Read,
}

/// An open, unlocked database.
pub struct Store {
    conn: Connection,
    /// Held while the file is read without its log (see `read_lock`).
    _read_lock: Option<fs::File>,
    /// How the file is to be checked before the next write: its pages'
    /// authentication codes once after opening to write (damage another
    /// process ran into is not known here), and the whole structure again
    /// whenever a read finds a value it cannot make sense of.
    suspect: std::cell::Cell<Option<Check>>,
    /// The schema version the file has (older when opened read-only).
    schema: i64,
    path: PathBuf,
    /// Why the last automatic backup failed, for the front end to say.
    backup_warning: std::cell::RefCell<Option<String>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

/// The database file in a data folder.
pub fn db_path(data_dir: &Path) -> PathBuf {
    crate::paths::database_in(data_dir)
}

impl Store {
    /// Create a new database in `data_dir` (made 0700 if missing) with the
    /// profile and a dosing-session event. Refuses to touch an existing file.
    pub fn create(
        data_dir: &Path,
        passphrase: &SecretString,
        profile: &Profile,
        now: DateTime<FixedOffset>,
    ) -> Result<Store> {
        Self::create_with(data_dir, passphrase, |tx| {
            profile::write_profile(tx, profile, now)?;
            let dosing = EventData { kind: EventKind::Dosing, date: profile.window.dosing_date, note: None };
            events::insert_new(tx, &dosing, now)?;
            Ok(())
        })
    }

    /// Create a new database holding a whole journal, every version with the
    /// timestamps it carries. For the demo and for tests; participants' own
    /// records are only ever written through `add_*`, `amend_*` and `retract_*`.
    pub fn create_from_journal(
        data_dir: &Path,
        passphrase: &SecretString,
        journal: &Journal,
        now: DateTime<FixedOffset>,
    ) -> Result<Store> {
        Self::create_with(data_dir, passphrase, |tx| {
            let created = journal.entries.first().map_or(now, |e| e.first().recorded_at);
            profile::write_profile(tx, &journal.profile, created)?;
            entries::replay(tx, &journal.entries)?;
            events::replay(tx, &journal.events)
        })
    }

    fn create_with(
        data_dir: &Path,
        passphrase: &SecretString,
        fill: impl FnOnce(&rusqlite::Transaction) -> Result<()>,
    ) -> Result<Store> {
        passphrase::check(passphrase.expose_secret())?;
        check_free(data_dir)?;
        fs::DirBuilder::new().recursive(true).mode(0o700).create(data_dir).map_err(|e| {
            let reason = crate::text::io_reason(&e);
            std::io::Error::new(
                e.kind(),
                format!("cannot create the folder {}: {reason}", data_dir.display()),
            )
        })?;
        let path = db_path(data_dir);
        // Claim the name first, with owner-only permissions; SQLite gives the
        // -wal and -shm files the same mode.
        fs_err::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path).map_err(
            |e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => StoreError::AlreadyExists(path.clone()),
                _ => StoreError::Io(e),
            },
        )?;
        let made = Self::open_keyed(&path, passphrase, Access::Create).and_then(|mut store| {
            let tx = store.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            fill(&tx)?;
            tx.commit()?;
            Ok(store)
        });
        match made {
            Ok(store) => {
                store.claim(data_dir, true)?;
                Ok(store)
            }
            Err(e) => {
                remove_database_files(&path);
                Err(e)
            }
        }
    }

    /// Open and unlock an existing database to read and write (its schema
    /// is brought up to date).
    pub fn open(data_dir: &Path, passphrase: &SecretString) -> Result<Store> {
        Self::open_existing(data_dir, passphrase, Access::Write)
    }

    /// Open and unlock an existing database to read only: nothing is
    /// created or changed on disk, and a read-only folder is no obstacle.
    pub fn open_read(data_dir: &Path, passphrase: &SecretString) -> Result<Store> {
        Self::open_existing(data_dir, passphrase, Access::Read)
    }

    fn open_existing(data_dir: &Path, passphrase: &SecretString, access: Access) -> Result<Store> {
        let path = db_path(data_dir);
        let meta = fs::metadata(&path).map_err(|_| StoreError::NotFound(path.clone()))?;
        if !meta.is_file() {
            return Err(StoreError::NotFound(path));
        }
        if meta.len() == 0 {
            return Err(StoreError::Empty(path));
        }
        let store = Self::open_keyed(&path, passphrase, access).map_err(|e| on_full_disk(e, data_dir))?;
        if !store.profile_row_exists()? {
            return Err(StoreError::Foreign(path));
        }
        store.check_identity(data_dir, access == Access::Write)?;
        Ok(store)
    }

    fn connect(path: &Path, access: Access) -> Result<(Connection, Option<fs::File>)> {
        let rw = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if access != Access::Read {
            return Ok((Connection::open_with_flags(path, rw)?, None));
        }
        let ro = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let immutable = || {
            let uri = format!("file:{}?immutable=1", uri_path(path));
            Connection::open_with_flags(uri, ro | OpenFlags::SQLITE_OPEN_URI)
        };
        // No write-ahead log means no connection has the file open: it is read
        // as it is, without the -wal and -shm files a reader would leave behind,
        // under a shared lock (see `read_lock`). Otherwise it is read through
        // the log like any reader; should that fail (a read-only folder), as it is.
        let lock = read_lock(path)?;
        if !sidecar(path, "-wal").exists() {
            return Ok((immutable()?, lock));
        }
        match Connection::open_with_flags(path, ro) {
            Ok(c) => Ok((c, None)),
            Err(_) => Ok((immutable()?, lock)),
        }
    }

    /// A connection with the key set (a wrong passphrase shows only at the
    /// first read).
    fn keyed(
        path: &Path,
        passphrase: &SecretString,
        access: Access,
    ) -> Result<(Connection, Option<fs::File>)> {
        sqlcipher_ready();
        let (conn, lock) = Self::connect(path, access)?;
        // silence SQLCipher before keying: a wrong key would log to stderr
        conn.pragma_update(None, "cipher_log_level", "NONE")?;
        conn.pragma_update(None, "key", passphrase.expose_secret())?;
        Ok((conn, lock))
    }

    fn open_keyed(path: &Path, passphrase: &SecretString, access: Access) -> Result<Store> {
        if access != Access::Create && is_plain_sqlite(path) {
            return Err(StoreError::NotEncrypted(path.to_path_buf()));
        }
        let (mut conn, read_lock) = Self::keyed(path, passphrase, access)?;
        // a wrong key shows only at the first read
        match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
            Ok(_) => {}
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => {
                return Err(StoreError::WrongPassphrase(path.to_path_buf()));
            }
            Err(e) => return Err(e.into()),
        };
        if access != Access::Create && !Self::looks_like_ours(&conn)? {
            return Err(StoreError::Foreign(path.to_path_buf()));
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if access == Access::Read {
            let version = schema::check(&conn)?;
            return Ok(Store {
                conn,
                _read_lock: read_lock,
                suspect: Default::default(),
                schema: version,
                path: path.to_path_buf(),
                backup_warning: Default::default(),
            });
        }
        conn.pragma_update(None, "secure_delete", "ON")?;
        let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Corrupt(format!("journal mode {mode}")));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // a migration is a write: a file that needs one is checked first
        if access == Access::Write && schema::check(&conn)? < SCHEMA_VERSION {
            quick_check(&conn)?;
        }
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            _read_lock: None,
            suspect: std::cell::Cell::new((access == Access::Write).then_some(Check::Pages)),
            schema: SCHEMA_VERSION,
            path: path.to_path_buf(),
            backup_warning: Default::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A file that opens with the passphrase is followup's when it has a
    /// schema version and a profile table: anything else is another
    /// program's, and is neither migrated nor read.
    fn looks_like_ours(conn: &Connection) -> Result<bool> {
        let profile: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'profile'",
            [],
            |r| r.get(0),
        )?;
        Ok(profile == 1 && schema::check(conn)? > 0)
    }

    fn profile_row_exists(&self) -> Result<bool> {
        let found: Option<i64> =
            self.conn.query_row("SELECT id FROM profile WHERE id = 1", [], |r| r.get(0)).optional()?;
        Ok(found.is_some())
    }

    /// Everything: profile, entries and events with all their versions.
    pub fn journal(&self) -> Result<Journal> {
        let read =
            || Ok(Journal { profile: self.profile()?, entries: self.entries()?, events: self.events()? });
        self.noted(read())
    }

    /// Remember a read that found damage, so that no write follows it unchecked.
    fn noted<T>(&self, r: Result<T>) -> Result<T> {
        if matches!(r, Err(StoreError::Corrupt(_) | StoreError::Damaged(_))) {
            self.suspect.set(Some(Check::Whole));
        }
        r
    }

    /// Before a write: unless checked since it was opened or since a read
    /// found damage, check the file and refuse to write into a damaged one.
    fn check_before_write(&self) -> Result<()> {
        match self.suspect.get() {
            None => return Ok(()),
            Some(Check::Pages) => pages_check(&self.conn)?,
            Some(Check::Whole) => quick_check(&self.conn)?,
        }
        self.suspect.set(None);
        Ok(())
    }

    /// Change the passphrase (SQLCipher rekey). The old one stops working.
    pub fn change_passphrase(&mut self, new: &SecretString) -> Result<()> {
        self.check_before_write()?;
        passphrase::check(new.expose_secret())?;
        self.conn.pragma_update(None, "rekey", new.expose_secret())?;
        // fold the WAL back so no page under the old key lingers
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// The settings the TUI remembers.
    pub fn settings(&self) -> Result<Settings> {
        Ok(Settings {
            therapist_key: self.setting(Settings::THERAPIST_KEY)?,
            daily_backup: Some(self.daily_backup_on()?),
        })
    }

    /// A setting (not a record): `None` when it was never set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        if self.schema < 2 {
            return Ok(None);
        }
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Set a setting, replacing what it was.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.check_before_write()?;
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
            params![key, value],
        )?;
        Ok(())
    }

    /// A cheap value that changes whenever another connection commits,
    /// so a screen knows when to reload.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Run `PRAGMA integrity_check`: `None` when sound, else its first
    /// problem and how many more (see [`integrity_problems`]).
    pub fn integrity_check(&self) -> Result<Option<String>> {
        self.integrity_of("main")
    }

    /// The same for the main database or an attached one.
    fn integrity_of(&self, schema: &str) -> Result<Option<String>> {
        let mut statement = self.conn.prepare(&format!("PRAGMA {schema}.integrity_check"))?;
        let rows =
            statement.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(integrity_problems(&rows))
    }
}

/// SQLite marks itself initialised before it runs SQLCipher's own set-up,
/// so a second thread's first connection can find SQLCipher not ready and
/// its `PRAGMA key` refused. The first connection of the process is opened
/// here, once, and every other waits until SQLCipher's set-up is done.
fn sqlcipher_ready() {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| {
        // opening a connection runs the whole set-up; an error here shows
        // again, with its file named, on the real connection
        let _ = Connection::open_in_memory();
    });
}

fn utc_text(t: DateTime<FixedOffset>) -> String {
    t.with_timezone(&Utc).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn parse_date(s: &str) -> Result<NaiveDate> {
    s.parse().map_err(|_| StoreError::Corrupt(format!("date {s:?}")))
}

fn parse_time(utc: &str, offset_seconds: i32) -> Result<DateTime<FixedOffset>> {
    let offset = FixedOffset::east_opt(offset_seconds)
        .ok_or_else(|| StoreError::Corrupt(format!("offset {offset_seconds}")))?;
    let t = DateTime::parse_from_rfc3339(utc).map_err(|_| StoreError::Corrupt(format!("time {utc:?}")))?;
    Ok(t.with_timezone(&offset))
}
