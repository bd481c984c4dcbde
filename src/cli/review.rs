//! `followup review` (read-only TUI over sealed exports) and `followup report`.

use super::args::ReportFormatArg;
use super::passphrase::{self, Which};
use super::setup::{now, open_read};
use super::{CmdResult, Failure, exit, stdout};
use crate::files;
use crate::overview::Coverage;
use crate::parse;
use crate::paths::Paths;
use crate::report::{self, Focus, ReportFormat, Source};
use crate::review::{self, Identities};
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
fn identities(paths: &Paths, named: &[PathBuf]) -> Result<Identities, Failure> {
    let files: Vec<PathBuf> =
        if named.is_empty() { paths.default_identity().into_iter().collect() } else { named.to_vec() };
    Ok(review::identities(&files)?)
}

/// Read the files once; refuse to go on without any key, unless they are
/// all passphrase-sealed.
fn read(paths: &Paths, ids: &Identities, files: &[PathBuf]) -> Result<review::Read, Failure> {
    let read = review::read(files);
    if ids.is_empty() && !read.all_passphrase_sealed() {
        return Err(Failure::input(format!(
            "no identity: none at {} (`followup keygen` writes one there) and none given with -i",
            files::shown(&paths.identity())
        )));
    }
    Ok(read)
}

/// Open the files read, asking for the export passphrase (from the
/// environment, else on the terminal) only when one is sealed with a
/// passphrase. A passphrase source in the environment that fails is the
/// refusal, rather than each such file failing for want of a passphrase.
pub(super) fn open_files(
    read: review::Read,
    ids: &Identities,
) -> Result<(Vec<review::Loaded>, Vec<review::Failed>), Failure> {
    let mut source_error = None;
    let opened = read.open(ids, &mut || match passphrase::from_env(Which::Export) {
        Ok(Some(p)) => Some(p),
        Ok(None) => passphrase::prompt("Export passphrase: ", Which::Export).ok(),
        Err(e) => {
            source_error = Some(e);
            None
        }
    });
    match source_error {
        Some(e) => Err(Failure::from(e).about("the export passphrase")),
        None => Ok(opened),
    }
}

pub fn review(paths: &Paths, a: ReviewArgs) -> CmdResult {
    let ids = identities(paths, &a.identities)?;
    let files = review::expand(&a.files);
    if files.is_empty() {
        return Err(Failure::input("no .age files found in the folders given"));
    }
    let (loaded, failed) = open_files(read(paths, &ids, &files)?, &ids)?;
    let session = if files.len() == 1 {
        let Some(one) = loaded.into_iter().next() else {
            let f = &failed[0];
            return Err(Failure::input(format!("{}: {}", files::shown(&f.path), f.reason)));
        };
        crate::tui::review_session(one)
    } else {
        crate::tui::caseload_session(open_caseload(loaded, failed)?, now().date_naive())
    };
    super::terminal::run_session(session)
}

/// The caseload of the files that opened; an error when none did.
fn open_caseload(
    loaded: Vec<review::Loaded>,
    failed: Vec<review::Failed>,
) -> Result<review::Caseload, Failure> {
    if loaded.is_empty() {
        let first = &failed[0];
        return Err(Failure::input(format!(
            "none of the {} files opened; {}: {}",
            failed.len(),
            files::shown(&first.path),
            first.reason
        )));
    }
    Ok(review::caseload(loaded, failed))
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A sealed export (therapist); several, or a folder of them, for the
    /// caseload brief; or use --db for your own database
    #[arg(value_name = "FILE|DIR", required_unless_present = "db", conflicts_with = "db")]
    files: Vec<PathBuf>,
    /// Report on your own database
    #[arg(long)]
    db: bool,
    #[arg(long, value_enum, default_value_t = ReportFormatArg::Md)]
    format: ReportFormatArg,
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
    #[arg(long, value_name = "EVENT_ID", value_parser = parse::id, conflicts_with = "since")]
    since_event: Option<i64>,
    /// Focus on the time since this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse::date)]
    since: Option<NaiveDate>,
}

pub fn report(paths: &Paths, a: ReportArgs) -> CmdResult {
    let focus = match (a.since_event, a.since) {
        (Some(id), _) => Focus::SinceEvent(id),
        (_, Some(d)) => Focus::Since(d),
        _ => Focus::Whole,
    };
    if let Some(out) = &a.output {
        files::check_target(out, a.force).map_err(|e| Failure::from(e).about(files::shown(out)))?;
    }
    let one = a.files.len() == 1 && !a.files[0].is_dir();
    let text = if a.files.is_empty() || one {
        let brief = match a.files.first() {
            Some(file) => {
                let ids = identities(paths, &a.identities)?;
                let one = std::slice::from_ref(file);
                let (loaded, failed) = open_files(read(paths, &ids, one)?, &ids)?;
                let Some(one) = loaded.into_iter().next() else {
                    return Err(Failure::input(format!("{}: {}", files::shown(file), failed[0].reason)));
                };
                report::from_export(&one.export, focus)?
            }
            None => {
                let store = open_read(paths)?;
                let journal = store.journal()?;
                drop(store);
                report::brief(&journal, now().date_naive(), Source::Database, &Coverage::all(), focus)?
            }
        };
        report::render(&brief, ReportFormat::from(a.format))
    } else {
        if focus != Focus::Whole {
            return Err(Failure::input(
                "--since and --since-event are for one participant's brief, not a caseload's",
            ));
        }
        let ids = identities(paths, &a.identities)?;
        let files = review::expand(&a.files);
        if files.is_empty() {
            return Err(Failure::input("no .age files found in the folders given"));
        }
        let (loaded, failed) = open_files(read(paths, &ids, &files)?, &ids)?;
        report::cohort::render(&open_caseload(loaded, failed)?, ReportFormat::from(a.format))
    };
    match &a.output {
        Some(path) => {
            let _ = writeln!(
                std::io::stderr(),
                "followup: warning: {} is NOT encrypted: it holds health information in plain text",
                files::shown(path)
            );
            files::write_private(path, a.force, |f| f.write_all(text.as_bytes()))
                .map_err(|e| Failure::from(e).about(format!("cannot write {}", files::shown(path))))?;
        }
        None => {
            let _ = writeln!(
                std::io::stderr(),
                "followup: warning: the report is NOT encrypted: it holds health information in plain text"
            );
            stdout().write_all(text.as_bytes())?;
        }
    }
    Ok(exit::OK)
}
