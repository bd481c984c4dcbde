//! `followup keygen` and `followup export`.

use super::args::FormatArg;
use super::passphrase::{self, Which};
use super::setup::{now, open_read};
use super::{CmdResult, Failure, exit, stdout};
use crate::files;
use crate::parse;
use crate::paths::Paths;
use crate::share::{self, ExportFormat, Filters, Seal, seal};
use crate::text::count;
use chrono::NaiveDate;
use clap::{ArgGroup, Args};
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

/// The largest identity or recipients file read.
const KEY_FILE_MAX_BYTES: u64 = 1024 * 1024;

pub fn keygen(paths: &Paths, a: KeygenArgs) -> CmdResult {
    let path = a.output.unwrap_or_else(|| paths.identity());
    if path.exists() {
        // never overwritten; but say which public key it holds, as `age-keygen -y` does
        let bytes = files::read_limited(&path, KEY_FILE_MAX_BYTES)
            .map_err(|e| Failure::input(format!("{} exists and cannot be read: {e}", files::shown(&path))))?;
        let keys = seal::public_keys(&String::from_utf8_lossy(&bytes));
        // the key goes out if anyone reads it; the refusal stands either way
        let mut out = stdout();
        for k in &keys {
            if writeln!(out, "{k}").is_err() {
                break;
            }
        }
        let what = if keys.is_empty() {
            "it holds no age identity".to_string()
        } else {
            "its public key is printed above".to_string()
        };
        return Err(Failure::input(format!(
            "{} exists: an identity is never overwritten ({what}; choose another -o for a new one)",
            files::shown(&path)
        )));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| {
            Failure::input(format!("cannot create {}: {}", files::shown(dir), crate::text::io_reason(&e)))
        })?;
    }
    let (file, recipient) = seal::keygen(now().to_utc());
    let mut f = OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path).map_err(|e| {
        Failure::input(format!("cannot write {}: {}", files::shown(&path), crate::text::io_reason(&e)))
    })?;
    f.write_all(file.as_bytes()).and_then(|()| f.sync_all()).map_err(|e| {
        Failure::internal(format!("cannot write {}: {}", files::shown(&path), crate::text::io_reason(&e)))
    })?;
    writeln!(stdout(), "{recipient}")?;
    let _ = writeln!(
        std::io::stderr(),
        "followup: identity written to {} (keep it secret); share the public key above with participants",
        files::shown(&path)
    );
    Ok(exit::OK)
}

#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("readers")
        .required(true)
        .multiple(true)
        .args(["recipients", "recipients_file", "passphrase", "plaintext"])
))]
pub struct ExportArgs {
    /// Output file (default: <participant>-<date>.<format>.age in the current folder)
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = FormatArg::Native)]
    format: FormatArg,
    /// Seal to this age public key (repeatable)
    #[arg(short, long = "recipient", value_name = "age1…", value_parser = parse_recipient)]
    recipients: Vec<age::x25519::Recipient>,
    /// Seal to every age1… key in this file (one per line, # comments)
    #[arg(short = 'R', long, value_name = "PATH")]
    recipients_file: Option<PathBuf>,
    /// Seal with a passphrase instead (asked twice, or FOLLOWUP_EXPORT_PASSPHRASE_FILE/_COMMAND/FOLLOWUP_EXPORT_PASSPHRASE)
    #[arg(long, conflicts_with_all = ["recipients", "recipients_file"])]
    passphrase: bool,
    /// ASCII armor, for pasting into a message
    #[arg(short, long)]
    armor: bool,
    /// First day to include
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse::date)]
    from: Option<NaiveDate>,
    /// Last day to include
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse::date)]
    to: Option<NaiveDate>,
    /// Leave out every free-text note (entries and events)
    #[arg(long)]
    no_notes: bool,
    /// Write the export UNENCRYPTED (anyone who can read the file can read it)
    #[arg(long, conflicts_with_all = ["recipients", "recipients_file", "passphrase", "armor"])]
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
    let format = ExportFormat::from(a.format);
    let mut recipients = a.recipients.clone();
    if let Some(file) = &a.recipients_file {
        let bytes = files::read_limited(file, KEY_FILE_MAX_BYTES)
            .map_err(|e| Failure::input(format!("cannot read {}: {e}", files::shown(file))))?;
        let found = seal::recipients_file(&String::from_utf8_lossy(&bytes))?;
        if found.is_empty() {
            return Err(Failure::input(format!("{} holds no age1… public key", files::shown(file))));
        }
        recipients.extend(found);
    }
    if let (Some(f), Some(t)) = (a.from, a.to)
        && f > t
    {
        return Err(Failure::input(format!("--from {f} is after --to {t}")));
    }
    if let Some(p) = &a.output {
        files::check_target(p, a.force).map_err(|e| Failure::from(e).about(files::shown(p)))?;
    }
    let to = if a.plaintext {
        None
    } else if a.passphrase {
        Some(Seal::Passphrase(passphrase::obtain_new(Which::Export)?))
    } else {
        Some(Seal::Recipients(recipients))
    };

    let store = open_read(paths)?;
    let journal = store.journal()?;
    drop(store);
    let now = now();
    let filters = Filters { from: a.from, to: a.to, notes_withheld: a.no_notes };
    // a range with nothing of the record in it is refused, not sealed
    filters.check(journal.span(), now.date_naive()).map_err(|e| Failure::input(format!("--{e}")))?;
    let export = share::Export::new(&journal, filters, now);
    let path = a.output.clone().unwrap_or_else(|| {
        PathBuf::from(format.file_name(&journal.profile.participant, now.date_naive(), to.is_some()))
    });
    let plaintext = format.render(&export);
    if a.plaintext {
        let _ = writeln!(
            std::io::stderr(),
            "followup: warning: {} is NOT encrypted: anyone who can read the file can read the health data in it",
            files::shown(&path)
        );
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(Failure::input(format!(
            "cannot write {}: the folder {} does not exist",
            files::shown(&path),
            files::shown(dir)
        )));
    }
    share::write_file(&path, &plaintext, to.as_ref(), a.armor, a.force)?;
    // what the file holds: every version in native, current entries otherwise
    let contents = share::Contents::of(format, &export.journal.entries);
    let events = export.journal.events.len();
    let sealed = match &to {
        Some(Seal::Recipients(r)) => {
            format!("sealed to {}", count(r.len(), "recipient", "recipients"))
        }
        Some(Seal::Passphrase(_)) => "sealed with a passphrase".into(),
        None => "UNENCRYPTED".into(),
    };
    let notes = if a.no_notes { ", notes withheld" } else { ", notes included" };
    writeln!(
        stdout(),
        "Exported {}{} for {} ({}{notes}), {sealed}: {}",
        contents.describe(),
        if format == ExportFormat::Native {
            format!(" and {}", count(events, "event", "events"))
        } else {
            String::new()
        },
        journal.profile.participant,
        format.key(),
        path.display()
    )?;
    Ok(exit::OK)
}
