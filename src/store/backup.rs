//! Backups and restores. A backup is a copy of the database made with
//! SQLite's `VACUUM INTO` from an open connection: a consistent snapshot even
//! while another followup writes, encrypted with the same passphrase (any
//! SQLCipher 4 client opens it as it opens the database), owner-only, and
//! checked before it counts: attached, `PRAGMA integrity_check`, and the
//! number of entry and event versions compared with the source. Every copy
//! is written under a temporary name and renamed into place, so an
//! interrupted one leaves no half file under a final name.

use super::{Access, Result, Store, StoreError, db_path};
use crate::journal::Journal;
use chrono::{DateTime, FixedOffset, NaiveDate};
use secrecy::SecretString;
use std::fs;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// The folder of the automatic and default backups, in the data folder.
pub const BACKUPS_DIR: &str = "backups";
/// How many backups `backups/` keeps.
pub const KEEP: usize = 7;
/// The setting that switches the daily backup off ("off") or on.
pub const DAILY_SETTING: &str = "backup.daily";
/// Backup files are named `followup-YYYY-MM-DD-HHMMSS.db`.
const PREFIX: &str = "followup-";
const SUFFIX: &str = ".db";
/// Temporary files of a copy under way.
const PART_PREFIX: &str = ".followup-copy-";

/// A copy made and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// Entry and event versions in the copy.
    pub entry_versions: i64,
    pub event_versions: i64,
}

/// The backups folder of a data folder.
pub fn backups_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUPS_DIR)
}

/// When a backup was made, from its name: the moment, and its number
/// among backups of the same second (`…-HHMMSS.db` is the first,
/// `…-HHMMSS-2.db` the second). `None` for a name followup does not write.
fn made_at(name: &str) -> Option<(chrono::NaiveDateTime, u32)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (stamp, n) = match rest.get(17..)? {
        "" => (rest, 1),
        more => (&rest[..17], more.strip_prefix('-')?.parse::<u32>().ok().filter(|n| *n >= 2)?),
    };
    let at = chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H%M%S").ok()?;
    Some((at, n))
}

/// The backups in a folder, oldest first: by when each was written (its
/// modification time), then by the moment in its name and
/// its number within the same second (a name sort would put
/// `…-175418-2.db` before `…-175418.db`). The names alone are not enough:
/// they are in local time, which goes back with the clock or a move west.
/// Files with other names are not backups, and are never pruned.
pub fn backups_in(dir: &Path) -> Vec<PathBuf> {
    let written = |p: &Path| {
        fs::metadata(p)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos())
    };
    let mut found: Vec<((u128, chrono::NaiveDateTime, u32), PathBuf)> = crate::files::list_folder(dir)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| {
            let (at, n) = made_at(p.file_name()?.to_str()?)?;
            Some(((written(&p), at, n), p))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, p)| p).collect()
}

/// Keep the newest `keep` backups in `dir`, and always `made`, the one
/// just written (whatever the clock said when it was named); returns the
/// ones removed.
pub fn prune(dir: &Path, keep: usize, made: &Path) -> std::io::Result<Vec<PathBuf>> {
    let others: Vec<PathBuf> = backups_in(dir).into_iter().filter(|p| p != made).collect();
    let old = others.len().saturating_sub(keep.saturating_sub(1));
    let removed: Vec<PathBuf> = others.into_iter().take(old).collect();
    for p in &removed {
        fs_err::remove_file(p)?;
    }
    Ok(removed)
}

/// A folder for backups: made owner-only if missing.
fn make_folder(dir: &Path) -> std::io::Result<()> {
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("cannot create {}: {}", dir.display(), crate::text::io_reason(&e)),
        )
    })
}

/// Copies under way are done within this long; older ones were interrupted.
const STALE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Remove what interrupted copies left in `dir` (a temporary file, its
/// rollback journal, a half-built folder), once they are an hour old.
fn clean_stale(dir: &Path) {
    for p in crate::files::list_folder(dir).unwrap_or_default() {
        let ours = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(PART_PREFIX));
        let old = fs::symlink_metadata(&p)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE));
        if ours && old {
            let _ = if p.is_dir() { fs::remove_dir_all(&p) } else { fs::remove_file(&p) };
        }
    }
}

/// An empty owner-only file in `dir` to copy into, removed unless kept.
fn part_file(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(PART_PREFIX)
        .suffix(".part")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .tempfile_in(dir)
}

/// Put a finished copy under its final name, never over another file.
fn persist(part: tempfile::NamedTempFile, to: &Path) -> Result<()> {
    part.as_file().sync_all()?;
    part.persist_noclobber(to).map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => StoreError::AlreadyExists(to.to_path_buf()),
        _ => StoreError::Io(e.error),
    })?;
    if let Some(dir) = to.parent()
        && let Ok(d) = fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

impl Store {
    /// Entry and event versions in the main database or an attached one.
    fn versions(&self, schema: &str) -> Result<(i64, i64)> {
        let count = |table: &str| -> Result<i64> {
            Ok(self.conn.query_row(&format!("SELECT count(*) FROM {schema}.{table}"), [], |r| r.get(0))?)
        };
        Ok((count("entry_versions")?, count("event_versions")?))
    }

    /// Copy the database into the empty file `part` and check the copy:
    /// it opens with the same key, passes `integrity_check`, and holds as
    /// many versions as the source had (at least as many as before the copy,
    /// at most as many as after, should another followup write meanwhile).
    fn copy_checked(&self, part: &Path) -> Result<(i64, i64)> {
        let before = self.versions("main")?;
        self.conn.execute("VACUUM INTO ?1", [part.to_string_lossy()])?;
        let after = self.versions("main")?;
        // attached without a key: the main database's key opens it
        self.conn.execute("ATTACH DATABASE ?1 AS copy", [part.to_string_lossy()])?;
        let checked = (|| {
            if let Some(problems) = self.integrity_of("copy")? {
                return Err(StoreError::Damaged(format!("the copy fails its integrity check: {problems}")));
            }
            let copied = self.versions("copy")?;
            let within = |n: i64, lo: i64, hi: i64| lo <= n && n <= hi;
            if !(within(copied.0, before.0, after.0) && within(copied.1, before.1, after.1)) {
                return Err(StoreError::Damaged(format!(
                    "the copy holds {} entry and {} event versions, the database {} and {}",
                    copied.0, copied.1, after.0, after.1
                )));
            }
            Ok(copied)
        })();
        self.conn.execute("DETACH DATABASE copy", [])?;
        checked
    }

    /// A checked backup in `dir` (made owner-only if missing), named with
    /// the moment `now`.
    pub fn backup_into(&self, dir: &Path, now: DateTime<FixedOffset>) -> Result<Backup> {
        make_folder(dir)?;
        clean_stale(dir);
        let part = part_file(dir)?;
        let (entry_versions, event_versions) = self.copy_checked(part.path())?;
        let stamp = now.format("%Y-%m-%d-%H%M%S");
        let mut n = 1;
        loop {
            let name = if n == 1 {
                format!("{PREFIX}{stamp}{SUFFIX}")
            } else {
                format!("{PREFIX}{stamp}-{n}{SUFFIX}")
            };
            let path = dir.join(name);
            if path.exists() {
                n += 1;
                continue;
            }
            persist(part, &path)?;
            return Ok(Backup { path, entry_versions, event_versions });
        }
    }

    /// The data folder this database is in.
    fn data_dir(&self) -> PathBuf {
        self.path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }

    /// Whether the daily backup is on (it is unless switched off).
    pub fn daily_backup_on(&self) -> Result<bool> {
        Ok(self.setting(DAILY_SETTING)?.as_deref() != Some("off"))
    }

    /// After a save: the first save of a day makes the day's backup in
    /// `backups/` (keeping the newest [`KEEP`]), so a damaged file costs at
    /// most a day. A failure does not undo the save: it is kept for the
    /// front end to say ([`Store::take_backup_warning`]).
    pub(super) fn after_save(&self, now: DateTime<FixedOffset>) {
        if let Err(e) = self.daily_backup(now.date_naive(), now) {
            self.backup_warning.replace(Some(e.to_string()));
        }
    }

    fn daily_backup(&self, today: NaiveDate, now: DateTime<FixedOffset>) -> Result<Option<Backup>> {
        if !self.daily_backup_on()? {
            return Ok(None);
        }
        let dir = backups_dir(&self.data_dir());
        let todays = format!("{PREFIX}{today}-");
        let made_today = backups_in(&dir)
            .iter()
            .any(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&todays)));
        if made_today {
            return Ok(None);
        }
        let backup = self.backup_into(&dir, now)?;
        prune(&dir, KEEP, &backup.path)?;
        Ok(Some(backup))
    }

    /// Why the last daily backup failed, once.
    pub fn take_backup_warning(&self) -> Option<String> {
        self.backup_warning.take()
    }

    /// Open a backup file (or any followup database file) to read, with its
    /// passphrase: a wrong key, a damaged, empty, plain or foreign file is
    /// refused here, before anything is made.
    pub fn open_backup(path: &Path, passphrase: &SecretString) -> Result<Store> {
        let meta = fs::metadata(path).map_err(|_| StoreError::NotFound(path.to_path_buf()))?;
        if !meta.is_file() {
            return Err(StoreError::NotFound(path.to_path_buf()));
        }
        if meta.len() == 0 {
            return Err(StoreError::Empty(path.to_path_buf()));
        }
        let store = Self::open_keyed(path, passphrase, Access::Read)?;
        if !store.profile_row_exists()? {
            return Err(StoreError::Foreign(path.to_path_buf()));
        }
        if let Some(problems) = store.integrity_check()? {
            return Err(StoreError::Damaged(format!("integrity check: {problems}")));
        }
        Ok(store)
    }

    /// Make this (an opened backup) the database of `data_dir`: copied and
    /// checked under a temporary name, then renamed into place. Never over
    /// an existing database; on failure nothing is left behind (not even
    /// the data folder, when this made it).
    pub fn restore_into(&self, data_dir: &Path) -> Result<Backup> {
        into_new_database(data_dir, |dir| {
            let part = part_file(dir)?;
            let (entry_versions, event_versions) = self.copy_checked(part.path())?;
            let path = db_path(dir);
            persist(part, &path)?;
            self.claim(dir, false)?;
            Ok(Backup { path, entry_versions, event_versions })
        })
    }
}

/// Rebuild a database in `data_dir` from a journal (a native export): every
/// entry and event, every version with its reason, time and offset, the same
/// ids. Built in a temporary folder inside the data folder and renamed into
/// place; never over an existing database.
pub fn restore_journal(
    data_dir: &Path,
    passphrase: &SecretString,
    journal: &Journal,
    now: DateTime<FixedOffset>,
) -> Result<Backup> {
    into_new_database(data_dir, |dir| {
        let building = tempfile::Builder::new().prefix(PART_PREFIX).tempdir_in(dir)?;
        let store = Store::create_from_journal(building.path(), passphrase, journal, now)?;
        let (entry_versions, event_versions) = store.versions("main")?;
        if let Some(problems) = store.integrity_check()? {
            return Err(StoreError::Damaged(format!("integrity check of the rebuilt database: {problems}")));
        }
        store.claim(dir, true)?;
        // closing folds the write-ahead log back into the file
        drop(store);
        let path = db_path(dir);
        fs_err::hard_link(db_path(building.path()), &path).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => StoreError::AlreadyExists(path.clone()),
            _ => StoreError::Io(e),
        })?;
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(Backup { path, entry_versions, event_versions })
    })
}

/// Run `make` for a data folder that has no database yet: the folder is
/// made (owner-only) when missing and removed again if `make` fails.
fn into_new_database(data_dir: &Path, make: impl FnOnce(&Path) -> Result<Backup>) -> Result<Backup> {
    super::check_free(data_dir)?;
    let made_folder = !data_dir.exists();
    make_folder(data_dir)?;
    clean_stale(data_dir);
    let result = make(data_dir);
    if result.is_err() && made_folder {
        let _ = fs::remove_dir(data_dir);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file written `secs` seconds after a moment in November 2026.
    fn write_at(path: &Path, secs: u64) {
        fs::write(path, b"x").unwrap();
        let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_795_000_000 + secs);
        fs::File::options().write(true).open(path).unwrap().set_modified(at).unwrap();
    }

    #[test]
    fn only_the_newest_backups_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        for day in 1..=9 {
            write_at(&dir.path().join(format!("followup-2026-11-{day:02}-120000.db")), 0);
        }
        fs::write(dir.path().join("notes.txt"), b"not a backup").unwrap();
        let removed = prune(dir.path(), KEEP, &dir.path().join("followup-2026-11-09-120000.db")).unwrap();
        assert_eq!(removed.len(), 2);
        let left = backups_in(dir.path());
        assert_eq!(left.len(), KEEP);
        assert!(left[0].ends_with("followup-2026-11-03-120000.db"));
        assert!(dir.path().join("notes.txt").exists(), "other files are left alone");
    }

    #[test]
    fn backups_of_the_same_second_are_pruned_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "followup-2026-11-23-175418-10.db",
            "followup-2026-11-23-175418-2.db",
            "followup-2026-11-23-175418.db",
            "followup-2026-11-22-090000.db",
            "followup-2026-11-23-175419.db",
            "followup-2026-11-23-175418-3.db",
        ];
        for name in names {
            write_at(&dir.path().join(name), 0);
        }
        // named like a backup, but not one followup writes: left alone
        for other in ["followup-notes.db", "followup-2026-11-23-175418-1.db", "followup-2026-11-23-1754.db"] {
            fs::write(dir.path().join(other), b"mine").unwrap();
        }
        let order: Vec<String> = backups_in(dir.path())
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            order,
            [
                "followup-2026-11-22-090000.db",
                "followup-2026-11-23-175418.db",
                "followup-2026-11-23-175418-2.db",
                "followup-2026-11-23-175418-3.db",
                "followup-2026-11-23-175418-10.db",
                "followup-2026-11-23-175419.db",
            ]
        );
        let removed = prune(dir.path(), 3, &dir.path().join("followup-2026-11-23-175419.db")).unwrap();
        let removed: Vec<_> = removed.iter().map(|p| p.file_name().unwrap().to_owned()).collect();
        assert_eq!(
            removed,
            [
                "followup-2026-11-22-090000.db",
                "followup-2026-11-23-175418.db",
                "followup-2026-11-23-175418-2.db"
            ]
        );
        assert!(dir.path().join("followup-2026-11-23-175418-3.db").exists(), "the newer of the second stays");
        assert!(dir.path().join("followup-notes.db").exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 6);
    }

    #[test]
    fn the_backup_just_made_is_never_pruned_when_the_clock_went_back() {
        let dir = tempfile::tempdir().unwrap();
        for day in 20u64..=26 {
            write_at(&dir.path().join(format!("followup-2026-11-{day}-120000.db")), day * 10);
        }
        // the clock was set back a month: the new backup's name is the "oldest"
        let made = dir.path().join("followup-2026-10-27-120000.db");
        write_at(&made, 1000);
        let removed = prune(dir.path(), KEEP, &made).unwrap();
        assert!(made.exists(), "the backup just made stays");
        assert_eq!(removed, [dir.path().join("followup-2026-11-20-120000.db")], "the first written goes");
        assert_eq!(backups_in(dir.path()).last(), Some(&made), "the newest by when it was written");
    }
}
