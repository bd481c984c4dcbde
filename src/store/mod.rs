//! The encrypted store: one SQLCipher 4 database per participant.
//!
//! Standard SQLCipher key derivation, so any SQLCipher 4 client opens the
//! file with the passphrase. WAL (encrypted too), a busy timeout so a CLI
//! write waits while the TUI holds the file, temp store in memory so no
//! plaintext spills to disk. File 0600, folder 0700.

mod backup;
mod entries;
mod events;
mod profile;
mod schema;

pub use backup::{BACKUPS_DIR, Backup, DAILY_SETTING, KEEP, backups_dir, backups_in, prune, restore_journal};

use crate::journal::{Journal, Profile};
use crate::passphrase::{self, PassphraseError};
use crate::record::{EventData, EventKind};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use fs_err::os::unix::fs::OpenOptionsExt;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};
use secrecy::{ExposeSecret, SecretString};
use std::fs;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use schema::CURRENT as SCHEMA_VERSION;

pub use crate::paths::DB_FILE;
/// How long a writer waits for another process's lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("wrong passphrase for {0} (or the file is damaged): nothing was changed")]
    WrongPassphrase(PathBuf),
    #[error("no database at {0}: run `followup init` (or `followup` to set up in the terminal)")]
    NotFound(PathBuf),
    #[error("a database already exists at {0}: nothing was changed (use another --data-dir to start over)")]
    AlreadyExists(PathBuf),
    #[error(
        "{} was left by an earlier database and would be read into a new one: nothing was changed; move it away together with that database, then try again",
        crate::files::shown(.0)
    )]
    Leftover(PathBuf),
    #[error("{0} is a plain SQLite file, not an encrypted followup database")]
    NotEncrypted(PathBuf),
    #[error("{} is not a followup database: nothing was changed", crate::files::shown(.0))]
    Foreign(PathBuf),
    #[error(
        "{} is an empty file, not a followup database: nothing was changed (move it away to start over with `followup init`)",
        crate::files::shown(.0)
    )]
    Empty(PathBuf),
    #[error(
        "a {instrument} for {day} already exists (entry {existing}): use `followup amend {existing}` to correct it"
    )]
    DuplicateDay { instrument: &'static str, day: NaiveDate, existing: i64 },
    #[error("no {0} with id {1}")]
    NoSuch(&'static str, i64),
    #[error("{0} {1} was retracted: it can no longer be changed")]
    Retracted(&'static str, i64),
    #[error("{0} {1} is a {2}, not a {3}")]
    WrongInstrument(&'static str, i64, &'static str, &'static str),
    #[error(transparent)]
    Reason(#[from] crate::record::ReasonError),
    #[error(
        "the dosing session is day 0 and was recorded at set-up; add integration sessions, medication changes or other events"
    )]
    DosingAtSetUp,
    #[error(
        "the dosing session is day 0 of the window set at set-up: it cannot be moved, retyped or retracted"
    )]
    DosingFixed,
    #[error("nothing to change: give the corrected kind, date or note")]
    NothingToChange,
    #[error("the note is {0} characters long; the limit is 4,000")]
    NoteTooLong(usize),
    #[error("the database is busy: another followup is writing; try again")]
    Busy,
    #[error(transparent)]
    Passphrase(#[from] PassphraseError),
    #[error(transparent)]
    Migration(#[from] schema::MigrationError),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// From `fs_err`, so the message names the file.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(
        "the database holds a value that cannot be read ({0}): it may be damaged; nothing was changed; restore it from a backup (`followup restore`) or from an export you sealed for yourself"
    )]
    Corrupt(String),
    #[error(
        "the database is damaged ({0}): nothing was changed; restore it from a backup (`followup restore`) or from an export you sealed for yourself"
    )]
    Damaged(String),
    #[error("the disk holding the database is full: free some space and try again (nothing saved was lost)")]
    DiskFull(String),
    #[error(
        "the passphrase was changed by another followup while this one had the database open: unlock again with the new passphrase"
    )]
    PassphraseChanged(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged(e.to_string()),
            Some(ErrorCode::DiskFull) => StoreError::DiskFull(e.to_string()),
            // the key was right when the file was opened: it changed since
            Some(ErrorCode::NotADatabase) => StoreError::PassphraseChanged(e.to_string()),
            _ => StoreError::Sqlite(e),
        }
    }
}

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

/// A shared lock on the whole database file, against other processes (a
/// POSIX record lock, as SQLite's own readers hold on part of the file). A
/// connection that closes folds its write-ahead log into the file only when
/// it can lock the file exclusively, so while this is held the file stays
/// as it is, and a reader that does not go through the log (an immutable
/// one) never sees half of another process's write. Being a POSIX lock, it
/// ends when this process closes any descriptor of the file, so nothing
/// else here opens the file while it is held. `None` where the file system
/// has no locks.
fn read_lock(path: &Path) -> Result<Option<fs::File>> {
    use rustix::{
        fs::{FlockOperation, fcntl_lock},
        io::Errno,
    };
    let file = fs_err::File::open(path)?.into_parts().0;
    let waited = std::time::Instant::now();
    loop {
        match fcntl_lock(&file, FlockOperation::NonBlockingLockShared) {
            Ok(()) => return Ok(Some(file)),
            // a writer folding its log in: it is quick
            Err(Errno::AGAIN | Errno::ACCESS) if waited.elapsed() < BUSY_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(Errno::AGAIN | Errno::ACCESS) => return Err(StoreError::Busy),
            Err(_) => return Ok(None),
        }
    }
}

/// A path as the path part of a SQLite URI.
fn uri_path(path: &Path) -> String {
    path.to_string_lossy()
        .chars()
        .map(|c| match c {
            '%' | '?' | '#' => format!("%{:02X}", c as u32),
            c => c.to_string(),
        })
        .collect()
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
        if made.is_err() {
            remove_database_files(&path);
        }
        made
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
        if store.profile_row_exists()? { Ok(store) } else { Err(StoreError::Foreign(path)) }
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

/// `PRAGMA integrity_check`'s rows in one short line: `None` for `ok`, else
/// the first problem and how many more. SQLite gives one row per problem,
/// and may put many in one row, a line each, under a `*** in database
/// main ***` heading; a damaged file can have hundreds, too many for one
/// line on a terminal.
pub fn integrity_problems(rows: &[String]) -> Option<String> {
    if let [only] = rows
        && only.trim() == "ok"
    {
        return None;
    }
    let heading = |l: &str| l.starts_with("*** in database ") && l.ends_with("***");
    let mut problems =
        rows.iter().flat_map(|r| r.lines()).map(str::trim).filter(|l| !l.is_empty() && !heading(l));
    let Some(first) = problems.next() else { return Some("it gave no answer".into()) };
    Some(match problems.count() {
        0 => first.to_string(),
        n => format!("{first} (and {})", crate::text::count(n, "more problem", "more problems")),
    })
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

/// Below this much free space, an I/O error opening the database is the
/// disk being full (the shared-memory file cannot grow).
const NEARLY_FULL_BYTES: u64 = 1024 * 1024;

/// SQLite reports a disk too full to open on as a bare "disk I/O error": say what it is.
fn on_full_disk(e: StoreError, data_dir: &Path) -> StoreError {
    let io_error =
        matches!(&e, StoreError::Sqlite(s) if s.sqlite_error_code() == Some(ErrorCode::SystemIoFailure));
    let free = rustix::fs::statvfs(data_dir).map(|v| v.f_bavail.saturating_mul(v.f_frsize));
    match (io_error, free) {
        (true, Ok(free)) if free < NEARLY_FULL_BYTES => StoreError::DiskFull(e.to_string()),
        _ => e,
    }
}

/// The first bytes of a plain (unencrypted) SQLite file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

fn is_plain_sqlite(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && &head == SQLITE_HEADER
}

/// What a file can be, told from its length and first bytes before any
/// passphrase is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileShape {
    /// A plain SQLite file: not encrypted.
    PlainSqlite,
    /// Text: no database at all.
    Text,
    /// Not whole database pages (of 512 bytes or more): another kind of
    /// file, or a database cut short.
    NotWholePages,
    /// Whole pages that look random: an encrypted database, for the
    /// passphrase to open.
    Encrypted,
}

pub fn file_shape(len: u64, head: &[u8]) -> FileShape {
    if head.starts_with(SQLITE_HEADER) {
        FileShape::PlainSqlite
    } else if head.iter().all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace()) {
        FileShape::Text
    } else if len < 1024 || !len.is_multiple_of(512) {
        FileShape::NotWholePages
    } else {
        FileShape::Encrypted
    }
}

/// `followup.db-wal` and its kind, next to the database.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// How a file is checked before a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Every page's authentication code (SQLCipher's
    /// `cipher_integrity_check`): any changed byte on disk shows, at about
    /// half the cost of reading the whole structure.
    Pages,
    /// The pages and the b-trees (`quick_check`), after a read found damage.
    Whole,
}

/// Every page's authentication code checked: SQLCipher names each page that
/// fails, and says nothing when all pass.
fn pages_check(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check")?;
    let problems: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    match problems.first() {
        None => Ok(()),
        Some(first) => Err(StoreError::Damaged(format!("integrity check: {first}"))),
    }
}

/// SQLite's quick integrity check: the file's pages and b-trees hang
/// together (not the indexes against their tables).
fn quick_check(conn: &Connection) -> Result<()> {
    let first: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
    if first == "ok" { Ok(()) } else { Err(StoreError::Damaged(format!("integrity check: {first}"))) }
}

/// The files SQLite keeps beside a database: its write-ahead log, the
/// log's shared-memory index and a rollback journal.
const SIDECARS: [&str; 3] = ["-wal", "-shm", "-journal"];

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

fn remove_database_files(path: &Path) {
    for suffix in std::iter::once("").chain(SIDECARS) {
        let _ = fs::remove_file(with_suffix(path, suffix));
    }
}

/// Whether a new database can be made in `data_dir`: none there yet, and
/// no write-ahead log or journal left by an earlier one (SQLite would
/// replay it into the new file, which would then not open).
pub fn check_free(data_dir: &Path) -> Result<()> {
    let path = db_path(data_dir);
    if fs::symlink_metadata(&path).is_ok() {
        return Err(StoreError::AlreadyExists(path));
    }
    match SIDECARS.iter().map(|s| with_suffix(&path, s)).find(|p| fs::symlink_metadata(p).is_ok()) {
        Some(left) => Err(StoreError::Leftover(left)),
        None => Ok(()),
    }
}

/// Make sure a database's files are owner-only (for files made by older
/// tools or copied in).
pub fn tighten_permissions(data_dir: &Path) -> std::io::Result<()> {
    fs_err::set_permissions(data_dir, fs::Permissions::from_mode(0o700))?;
    for suffix in ["", "-wal", "-shm"] {
        let p = with_suffix(&db_path(data_dir), suffix);
        if p.exists() {
            fs_err::set_permissions(&p, fs::Permissions::from_mode(0o600))?;
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::integrity_problems;

    fn rows(r: &[&str]) -> Vec<String> {
        r.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn integrity_problems_are_one_short_line() {
        assert_eq!(integrity_problems(&rows(&["ok"])), None);
        assert!(integrity_problems(&rows(&[])).is_some(), "no answer is no proof");
        assert_eq!(
            integrity_problems(&rows(&["row 3 missing from index entries_day"])).as_deref(),
            Some("row 3 missing from index entries_day")
        );
        // SQLite puts the b-tree problems in one row, a line each, and the
        // index problems in rows of their own
        let mut tree = String::from("*** in database main ***\n");
        for page in 0..250 {
            tree.push_str(&format!("Tree 5 page {page} cell 0: invalid page number 4096\n"));
        }
        let said = integrity_problems(&rows(&[&tree, "row 3 missing from index entries_day"])).unwrap();
        assert_eq!(said, "Tree 5 page 0 cell 0: invalid page number 4096 (and 250 more problems)");
        assert!(!said.contains('\n'));
        let said = integrity_problems(&rows(&["Tree 5 page 9: free space corrupted", "wrong # of entries"]));
        assert_eq!(said.as_deref(), Some("Tree 5 page 9: free space corrupted (and 1 more problem)"));
    }
}
