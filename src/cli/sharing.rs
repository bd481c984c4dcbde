//! `followup keygen` and `followup export`.

use super::setup::{now, open};
use super::{CmdResult, Failure, exit, values};
use crate::paths::Paths;
use crate::share::{self, ExportFormat, Filters, Seal, seal};
use crate::store::passphrase::{self, Which};
use chrono::NaiveDate;
use clap::Args;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Where to write the identity (default: identity.txt in followup's config folder)
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
}

pub fn keygen(paths: &Paths, a: KeygenArgs) -> CmdResult {
    let path = a.output.unwrap_or_else(|| paths.identity());
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| {
            Failure::input(format!("cannot create {}: {}", dir.display(), crate::paths::io_reason(&e)))
        })?;
    }
    let (file, recipient) = seal::keygen(chrono::Utc::now());
    let mut f =
        OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path).map_err(|e| {
            match e.kind() {
                std::io::ErrorKind::AlreadyExists => Failure::input(format!(
                    "{} exists: an identity is never overwritten (choose another -o)",
                    path.display()
                )),
                k => Failure::input(format!("cannot write {}: {k}", path.display())),
            }
        })?;
    f.write_all(file.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| Failure::internal(format!("cannot write {}: {e}", path.display())))?;
    println!("{recipient}");
    eprintln!(
        "followup: identity written to {} (keep it secret); share the public key above with participants",
        path.display()
    );
    Ok(exit::OK)
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output file (default: <participant>-<date>.<format>.age in the current folder)
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ExportFormat::Native)]
    format: ExportFormat,
    /// Seal to this age public key (repeatable)
    #[arg(short, long = "recipient", value_name = "age1…", value_parser = parse_recipient)]
    recipients: Vec<age::x25519::Recipient>,
    /// Seal to every age1… key in this file (one per line, # comments)
    #[arg(short = 'R', long, value_name = "PATH")]
    recipients_file: Option<PathBuf>,
    /// Seal with a passphrase instead (asked twice, or FOLLOWUP_EXPORT_PASSPHRASE_FILE/_COMMAND/FOLLOWUP_EXPORT_PASSPHRASE)
    #[arg(long)]
    passphrase: bool,
    /// ASCII armor, for pasting into a message
    #[arg(short, long)]
    armor: bool,
    /// First day to include
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
    from: Option<NaiveDate>,
    /// Last day to include
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
    to: Option<NaiveDate>,
    /// Leave out every free-text note (entries and events)
    #[arg(long)]
    no_notes: bool,
    /// Write the export UNENCRYPTED (anyone who can read the file can read it)
    #[arg(long)]
    plaintext: bool,
    /// Replace an existing output file
    #[arg(long)]
    force: bool,
}

fn parse_recipient(s: &str) -> Result<age::x25519::Recipient, String> {
    seal::recipient(s).map_err(|e| e.to_string())
}

pub fn export(paths: &Paths, a: ExportArgs) -> CmdResult {
    // everything about the request is checked before the database is opened
    let mut recipients = a.recipients.clone();
    if let Some(file) = &a.recipients_file {
        let text = fs::read_to_string(file).map_err(|e| {
            Failure::input(format!("cannot read {}: {}", file.display(), crate::paths::io_reason(&e)))
        })?;
        let found = seal::recipients_file(&text).map_err(|e| Failure::input(e.to_string()))?;
        if found.is_empty() {
            return Err(Failure::input(format!("{} holds no age1… public key", file.display())));
        }
        recipients.extend(found);
    }
    let modes = [!recipients.is_empty(), a.passphrase, a.plaintext].iter().filter(|m| **m).count();
    if modes == 0 {
        return Err(Failure::input(
            "say who may read it: --recipient age1…, --recipients-file PATH or --passphrase (--plaintext writes it unencrypted)",
        ));
    }
    if modes > 1 {
        return Err(Failure::input(
            "choose one: recipients, --passphrase or --plaintext (age cannot mix a passphrase with keys)",
        ));
    }
    if let (Some(f), Some(t)) = (a.from, a.to)
        && f > t
    {
        return Err(Failure::input(format!("--from {f} is after --to {t}")));
    }
    if a.plaintext && a.armor {
        return Err(Failure::input("--armor applies to sealed exports only"));
    }
    let explicit = a.output.clone();
    if let Some(p) = &explicit
        && p.exists()
        && !a.force
    {
        return Err(share::WriteError::Exists(p.clone()).into_failure());
    }
    let to = if a.plaintext {
        None
    } else if a.passphrase {
        Some(Seal::Passphrase(passphrase::obtain_new(Which::Export)?))
    } else {
        Some(Seal::Recipients(recipients))
    };

    let store = open(paths)?;
    let journal = store.journal()?;
    drop(store);
    let now = now();
    let filters = Filters { from: a.from, to: a.to, notes_withheld: a.no_notes };
    let export = share::Export::new(&journal, filters, now);
    let path = explicit.unwrap_or_else(|| {
        PathBuf::from(a.format.file_name(&journal.profile.participant, now.date_naive(), to.is_some()))
    });
    let plaintext = a.format.render(&export);
    if a.plaintext {
        eprintln!(
            "followup: warning: {} is NOT encrypted: anyone who can read the file can read the health data in it",
            path.display()
        );
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(Failure::input(format!(
            "cannot write {}: the folder {} does not exist",
            path.display(),
            dir.display()
        )));
    }
    share::write_file(&path, &plaintext, to.as_ref(), a.armor, a.force).map_err(|e| e.into_failure())?;
    // what the file holds: every version in native, current entries otherwise
    let entries = match a.format {
        ExportFormat::Native => export.journal.entries.len(),
        _ => export.journal.current_entries().count(),
    };
    let events = export.journal.events.len();
    let sealed = match &to {
        Some(Seal::Recipients(r)) => {
            format!("sealed to {} recipient{}", r.len(), if r.len() == 1 { "" } else { "s" })
        }
        Some(Seal::Passphrase(_)) => "sealed with a passphrase".into(),
        None => "UNENCRYPTED".into(),
    };
    let notes = if a.no_notes { ", notes withheld" } else { "" };
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    println!(
        "Exported {}{} for {} ({}{notes}), {sealed}: {}",
        count(entries, "entry", "entries"),
        if a.format == ExportFormat::Native {
            format!(" and {}", count(events, "event", "events"))
        } else {
            String::new()
        },
        journal.profile.participant,
        a.format.key(),
        path.display()
    );
    Ok(exit::OK)
}

impl share::WriteError {
    fn into_failure(self) -> Failure {
        match self {
            share::WriteError::Exists(_) | share::WriteError::Seal(_) => Failure::input(self.to_string()),
            share::WriteError::Io { .. } => Failure::internal(self.to_string()),
        }
    }
}
