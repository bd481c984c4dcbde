//! `followup backup` and `followup restore`: nothing lost. A backup is an
//! encrypted, checked copy of the database (the same passphrase opens it);
//! a restore makes the database again from a backup or from a native export
//! (every entry, event and version, the same ids), never over an existing
//! one, and creates nothing when the file it is given does not open.

use super::passphrase::{self, Which};
use super::setup::{now, open_read};
use super::{CmdResult, Failure, exit, stdout};
use crate::files;
use crate::paths::Paths;
use crate::review;
use crate::share::seal;
use crate::store::{self, FileShape, Store, StoreError};
use crate::text::count;
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Write the copy to this folder (a USB stick, a synced folder: the copy
    /// is encrypted); default: backups/ in the data folder, keeping the newest 7
    #[arg(long, value_name = "DIR")]
    to: Option<PathBuf>,
    /// Make the --to folder when it does not exist (without this, a missing
    /// folder is refused: an unmounted drive's mount point is not the drive)
    #[arg(long, requires = "to")]
    create: bool,
    /// Switch the automatic daily backup (on the first save of each day) on or off
    #[arg(long, value_enum, value_name = "on|off", conflicts_with = "to")]
    daily: Option<OnOff>,
}

pub fn backup(paths: &Paths, a: BackupArgs) -> CmdResult {
    let mut out = stdout();
    if let Some(daily) = a.daily {
        let mut store = super::setup::open(paths)?;
        let value = if daily == OnOff::On { "on" } else { "off" };
        store.set_setting(store::DAILY_SETTING, value)?;
        let dir = store::backups_dir(&paths.data_dir);
        match daily {
            OnOff::On => writeln!(
                out,
                "The daily backup is on: the first save of each day copies the database to {}.",
                dir.display()
            )?,
            OnOff::Off => {
                writeln!(out, "The daily backup is off. `followup backup` still makes one when you ask.")?
            }
        }
        return Ok(exit::OK);
    }
    if let Some(to) = &a.to
        && !to.is_dir()
        && !a.create
    {
        return Err(Failure::input(format!(
            "{} is not a folder that exists (a drive not mounted?): nothing was written; add --create to make it",
            files::shown(to)
        )));
    }
    let store = open_read(paths)?;
    let dir = a.to.clone().unwrap_or_else(|| store::backups_dir(&paths.data_dir));
    let made = store.backup_into(&dir, now())?;
    let pruned = if a.to.is_none() { store::prune(&dir, store::KEEP, &made.path)? } else { Vec::new() };
    writeln!(
        out,
        "Backed up {} to {} (checked: it opens with your passphrase and is whole).",
        versions(&made),
        made.path.display()
    )?;
    if !pruned.is_empty() {
        writeln!(out, "Removed {} older backup(s); the newest {} are kept.", pruned.len(), store::KEEP)?;
    }
    writeln!(
        out,
        "It is encrypted with the database's passphrase; `followup restore {}` makes the database again from it.",
        made.path.display()
    )?;
    Ok(exit::OK)
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup (followup-….db), or a native export (.age) you sealed for yourself
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// An age identity for a sealed export (repeatable; default: identity.txt in the config folder)
    #[arg(short, long = "identity", value_name = "PATH")]
    identities: Vec<PathBuf>,
    /// Who to contact in your care team (not in exports; asked on a terminal when not given)
    #[arg(long, value_name = "TEXT")]
    care_contact: Option<String>,
}

pub fn restore(paths: &Paths, a: RestoreArgs) -> CmdResult {
    let target = paths.database();
    if std::fs::symlink_metadata(&target).is_ok() {
        return Err(Failure::input(format!(
            "a database already exists at {}: nothing was changed (restore into another --data-dir, or move it away first)",
            files::shown(&target)
        )));
    }
    let head = read_head(&a.file)?;
    if seal::looks_like_age(&head) { from_export(paths, &a) } else { from_backup(paths, &a.file, &head) }
}

/// What a copy holds: `3 entry versions and 1 event version`.
fn versions(made: &store::Backup) -> String {
    format!(
        "{} and {}",
        count(made.entry_versions as usize, "entry version", "entry versions"),
        count(made.event_versions as usize, "event version", "event versions")
    )
}

/// The first bytes of the file, to tell a backup from an export.
fn read_head(path: &Path) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let mut f = files::open_regular(path).map_err(|e| {
        Failure::input(format!("cannot read {}: {e}: nothing was created", files::shown(path)))
    })?;
    let mut head = vec![0u8; 64];
    let n =
        f.read(&mut head).map_err(|e| Failure::input(format!("cannot read {}: {e}", files::shown(path))))?;
    head.truncate(n);
    if head.is_empty() {
        return Err(Failure::input(format!("{} is empty: nothing was created", files::shown(path))));
    }
    Ok(head)
}

fn from_backup(paths: &Paths, file: &Path, head: &[u8]) -> CmdResult {
    let shown = files::shown(file);
    let len = std::fs::metadata(file).map_or(0, |m| m.len());
    let not = match store::file_shape(len, head) {
        FileShape::PlainSqlite => Some("is a plain SQLite file, not a followup backup (those are encrypted)"),
        FileShape::Text => Some("is not a followup backup (it is a text file)"),
        FileShape::NotWholePages => {
            Some("is not a followup backup, or one cut short (not whole database pages)")
        }
        FileShape::Encrypted => None,
    };
    if let Some(not) = not {
        return Err(Failure::input(format!("{shown} {not}: nothing was created")));
    }
    let passphrase = passphrase::obtain()?;
    let backup = Store::open_backup(file, &passphrase).map_err(|e| match e {
        StoreError::WrongPassphrase(_) => Failure::locked(format!(
            "wrong passphrase for {shown}, or it is not a followup backup (or it is damaged): nothing was created; a backup made before a passphrase change opens with the passphrase of its day"
        )),
        StoreError::Foreign(_) => Failure::input(format!("{shown} is not a followup backup: nothing was created")),
        StoreError::Damaged(why) | StoreError::Corrupt(why) => {
            Failure::input(format!("{shown} is damaged ({why}): nothing was created; try an older backup"))
        }
        e => Failure::from(e),
    })?;
    let participant = backup.profile()?.participant;
    let made = backup.restore_into(&paths.data_dir)?;
    let mut out = stdout();
    writeln!(
        out,
        "Restored {participant}'s database from the backup {shown}: {}, checked.",
        versions(&made)
    )?;
    writeln!(out, "It opens with the backup's passphrase: {}", made.path.display())?;
    Ok(exit::OK)
}

fn from_export(paths: &Paths, a: &RestoreArgs) -> CmdResult {
    let shown = files::shown(&a.file);
    let named = if a.identities.is_empty() {
        paths.default_identity().into_iter().collect()
    } else {
        a.identities.clone()
    };
    let ids = review::identities(&named)?;
    let read = review::read(std::slice::from_ref(&a.file));
    if ids.is_empty() && !read.all_passphrase_sealed() {
        return Err(Failure::input(format!(
            "{shown} is sealed to a key: give its identity with -i (nothing was created)"
        )));
    }
    let (loaded, failed) = super::review::open_files(read, &ids)?;
    let Some(loaded) = loaded.into_iter().next() else {
        return Err(Failure::input(format!("{shown}: {}: nothing was created", failed[0].reason)));
    };
    let export = loaded.export;
    let f = &export.meta.filters;
    if f.partial() {
        return Err(Failure::input(format!(
            "{shown} is a partial export (--from/--to): it holds only part of the record; restore from a whole export or a backup (nothing was created)"
        )));
    }
    if f.notes_withheld {
        return Err(Failure::input(format!(
            "{shown} was made without notes: restoring it would lose them; restore from an export with notes or a backup (nothing was created)"
        )));
    }
    let today = now().date_naive();
    export.journal.check_whole(today).map_err(|e| {
        Failure::input(format!(
            "{shown} holds a record followup would not have written ({e}): nothing was created; restore from a backup"
        ))
    })?;
    let flags = crate::overview::safety_flags(&export.journal, &export.safety_flags);
    if let Some(f) = flags.iter().find(|f| f.source == crate::overview::FlagSource::Carried) {
        return Err(Failure::input(format!(
            "{shown} lists a safety flag on {} (entry {}) without its item-9 answer: restoring it would lose the flag, so nothing was created; restore from a backup",
            f.date, f.entry_id
        )));
    }
    let mut journal = export.journal;
    journal.profile.care_contact = care_contact(a.care_contact.clone())?;
    let passphrase = passphrase::obtain_new(Which::Current)?;
    let made = store::restore_journal(&paths.data_dir, &passphrase, &journal, now())?;
    let mut out = stdout();
    writeln!(
        out,
        "Restored {}'s database from the export {shown}: {} and {}, {}, the same ids.",
        journal.profile.participant,
        count(journal.entries.len(), "entry", "entries"),
        count(journal.events.len(), "event", "events"),
        versions(&made)
    )?;
    match &journal.profile.care_contact {
        Some(_) => writeln!(out, "The care contact you gave is on the safety screen.")?,
        None => writeln!(
            out,
            "Exports do not carry the care contact: none was given, so the safety screen shows the crisis lines only."
        )?,
    }
    writeln!(out, "It opens with the new passphrase: {}", made.path.display())?;
    Ok(exit::OK)
}

/// The care contact: given, or asked on a terminal (optional); without a
/// terminal, none.
fn care_contact(given: Option<String>) -> Result<Option<String>, Failure> {
    if let Some(c) = given {
        let c = c.trim().to_string();
        return Ok((!c.is_empty()).then_some(c));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let mut err = std::io::stderr();
    let _ = write!(
        err,
        "Exports do not carry the care contact. Who to contact in your care team (Enter to skip): "
    );
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    let line = line.trim().to_string();
    Ok((!line.is_empty()).then_some(line))
}
