//! The database's files on disk: what a file is before any passphrase, the
//! shared lock a reader holds, the log and journal SQLite keeps beside the
//! database, permissions, and a full disk named as such.

use super::{BUSY_TIMEOUT, Result, StoreError, db_path};
use rusqlite::ErrorCode;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A shared lock on the whole database file, against other processes (a
/// POSIX record lock, as SQLite's own readers hold on part of the file). A
/// connection that closes folds its write-ahead log into the file only when
/// it can lock the file exclusively, so while this is held the file stays
/// as it is, and a reader that does not go through the log (an immutable
/// one) never sees half of another process's write. Being a POSIX lock, it
/// ends when this process closes any descriptor of the file, so nothing
/// else here opens the file while it is held. `None` where the file system
/// has no locks.
pub(super) fn read_lock(path: &Path) -> Result<Option<fs::File>> {
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
pub(super) fn uri_path(path: &Path) -> String {
    path.to_string_lossy()
        .chars()
        .map(|c| match c {
            '%' | '?' | '#' => format!("%{:02X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// Below this much free space, an I/O error opening the database is the
/// disk being full (the shared-memory file cannot grow).
pub(super) const NEARLY_FULL_BYTES: u64 = 1024 * 1024;

/// SQLite reports a disk too full to open on as a bare "disk I/O error": say what it is.
pub(super) fn on_full_disk(e: StoreError, data_dir: &Path) -> StoreError {
    let io_error =
        matches!(&e, StoreError::Sqlite(s) if s.sqlite_error_code() == Some(ErrorCode::SystemIoFailure));
    let free = rustix::fs::statvfs(data_dir).map(|v| v.f_bavail.saturating_mul(v.f_frsize));
    match (io_error, free) {
        (true, Ok(free)) if free < NEARLY_FULL_BYTES => StoreError::DiskFull(e.to_string()),
        _ => e,
    }
}

/// The first bytes of a plain (unencrypted) SQLite file.
pub(super) const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

pub(super) fn is_plain_sqlite(path: &Path) -> bool {
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
pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// The files SQLite keeps beside a database: its write-ahead log, the
/// log's shared-memory index and a rollback journal.
pub(super) const SIDECARS: [&str; 3] = ["-wal", "-shm", "-journal"];

pub(super) fn remove_database_files(path: &Path) {
    for suffix in std::iter::once("").chain(SIDECARS) {
        let _ = fs::remove_file(sidecar(path, suffix));
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
    match SIDECARS.iter().map(|s| sidecar(&path, s)).find(|p| fs::symlink_metadata(p).is_ok()) {
        Some(left) => Err(StoreError::Leftover(left)),
        None => Ok(()),
    }
}

/// Make sure a database's files are owner-only (for files made by older
/// tools or copied in).
pub fn tighten_permissions(data_dir: &Path) -> std::io::Result<()> {
    fs_err::set_permissions(data_dir, fs::Permissions::from_mode(0o700))?;
    for suffix in ["", "-wal", "-shm"] {
        let p = sidecar(&db_path(data_dir), suffix);
        if p.exists() {
            fs_err::set_permissions(&p, fs::Permissions::from_mode(0o600))?;
        }
    }
    Ok(())
}
