//! `followup review` (read-only TUI over sealed exports) and `followup report`.

use super::setup::{now, open};
use super::{CmdResult, Failure, exit, values};
use crate::paths::Paths;
use crate::report::{self, Focus, ReportFormat, Source};
use crate::review;
use crate::share;
use crate::store::passphrase::{self, Which};
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Sealed exports, or folders of them (*.age)
    #[arg(required = true, value_name = "FILE|DIR")]
    files: Vec<PathBuf>,
    /// An age identity file (repeatable; default: identity.txt in followup's config folder)
    #[arg(short, long = "identity", value_name = "PATH")]
    identities: Vec<PathBuf>,
}

/// The identities to try: the ones named, else the default one if it exists.
fn identities(
    paths: &Paths,
    named: &[PathBuf],
) -> Result<Vec<Box<dyn age::Identity + Send + Sync>>, Failure> {
    let files: Vec<PathBuf> = if named.is_empty() {
        review::default_identity(&paths.config_dir).into_iter().collect()
    } else {
        named.to_vec()
    };
    review::identities(&files).map_err(Failure::input)
}

/// Refuse to go on without any key, unless the files are passphrase-sealed.
fn need_identities(
    paths: &Paths,
    ids: &[Box<dyn age::Identity + Send + Sync>],
    files: &[PathBuf],
) -> Result<(), Failure> {
    if !ids.is_empty() {
        return Ok(());
    }
    // without a key only passphrase-sealed files can open; peek at their headers
    let all_passphrase = files.iter().all(|f| {
        share::read_bytes(f).ok().is_some_and(|b| share::seal::is_passphrase_sealed(&b).unwrap_or(false))
    });
    if !all_passphrase {
        return Err(Failure::input(format!(
            "no identity: none at {} (`followup keygen` writes one there) and none given with -i",
            paths.identity().display()
        )));
    }
    Ok(())
}

/// The export passphrase, from the environment or asked once.
fn export_passphrase() -> Option<age::secrecy::SecretString> {
    match passphrase::from_env(Which::Export) {
        Ok(Some(p)) => Some(p),
        _ => passphrase::prompt("Export passphrase: ", Which::Export).ok(),
    }
}

pub fn review(paths: &Paths, a: ReviewArgs) -> CmdResult {
    let ids = identities(paths, &a.identities)?;
    let files = review::expand(&a.files);
    if files.is_empty() {
        return Err(Failure::input("no .age files found in the folders given"));
    }
    need_identities(paths, &ids, &files)?;
    let (loaded, failed) = review::load(&files, &ids, &mut export_passphrase);
    let session = if files.len() == 1 {
        let Some(one) = loaded.into_iter().next() else {
            let f = &failed[0];
            return Err(Failure::input(format!("{}: {}", f.path.display(), f.reason)));
        };
        crate::tui::review_session(one)
    } else {
        if loaded.is_empty() {
            let first = &failed[0];
            return Err(Failure::input(format!(
                "none of the {} files opened; {}: {}",
                failed.len(),
                first.path.display(),
                first.reason
            )));
        }
        crate::tui::caseload_session(review::caseload(loaded, failed), now().date_naive())
    };
    super::terminal::run_session(session)
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A sealed export (therapist); or use --db for your own database
    #[arg(value_name = "FILE", required_unless_present = "db", conflicts_with = "db")]
    file: Option<PathBuf>,
    /// Report on your own database
    #[arg(long)]
    db: bool,
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    format: ReportFormat,
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Replace an existing output file
    #[arg(long)]
    force: bool,
    /// An age identity file for FILE (repeatable)
    #[arg(short, long = "identity", value_name = "PATH")]
    identities: Vec<PathBuf>,
    /// Focus on the time since this event (see `followup event list`)
    #[arg(long, value_name = "EVENT_ID", value_parser = values::id, conflicts_with = "since")]
    since_event: Option<i64>,
    /// Focus on the time since this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
    since: Option<NaiveDate>,
}

pub fn report(paths: &Paths, a: ReportArgs) -> CmdResult {
    let focus = match (a.since_event, a.since) {
        (Some(id), _) => Focus::SinceEvent(id),
        (_, Some(d)) => Focus::Since(d),
        _ => Focus::Whole,
    };
    if let Some(out) = &a.output
        && out.exists()
        && !a.force
    {
        return Err(Failure::input(format!(
            "{} exists: nothing was written (use --force to replace it)",
            out.display()
        )));
    }
    let brief = match &a.file {
        Some(file) => {
            let ids = identities(paths, &a.identities)?;
            need_identities(paths, &ids, std::slice::from_ref(file))?;
            let (loaded, failed) = review::load(std::slice::from_ref(file), &ids, &mut export_passphrase);
            let Some(one) = loaded.into_iter().next() else {
                return Err(Failure::input(format!("{}: {}", file.display(), failed[0].reason)));
            };
            report::from_export(&one.export, focus)
        }
        None => {
            let store = open(paths)?;
            let journal = store.journal()?;
            report::brief(&journal, now().date_naive(), Source::Database, focus)
        }
    }
    .map_err(Failure::input)?;
    let text = report::render(&brief, a.format);
    match &a.output {
        Some(path) => {
            eprintln!(
                "followup: warning: {} is NOT encrypted: it holds health information in plain text",
                path.display()
            );
            let mut f = std::fs::OpenOptions::new();
            f.write(true);
            if a.force {
                f.create(true).truncate(true)
            } else {
                f.create_new(true)
            };
            std::os::unix::fs::OpenOptionsExt::mode(&mut f, 0o600);
            f.open(path).and_then(|mut f| f.write_all(text.as_bytes())).map_err(|e| {
                Failure::input(format!("cannot write {}: {}", path.display(), crate::paths::io_reason(&e)))
            })?;
        }
        None => {
            eprintln!(
                "followup: warning: the report is NOT encrypted: it holds health information in plain text"
            );
            print!("{text}");
        }
    }
    Ok(exit::OK)
}
