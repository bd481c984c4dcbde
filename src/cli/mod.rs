//! The command line: every subcommand works without a terminal, for
//! scripts, cron and tests. With no subcommand the TUI opens.
//!
//! Commands write their output through a locked standard output and `?`:
//! when the reader goes away (`followup list | head -1`) the output ends
//! quietly with exit 0, as ripgrep does.

mod args;
mod backup;
mod checkin;
mod entries;
mod error;
mod events;
pub mod passphrase;
mod profile;
mod remind;
mod review;
mod setup;
mod sharing;
mod status;
mod terminal;

use crate::paths::Paths;
use clap::{Args, Parser, Subcommand};
pub use error::{Failure, exit};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub type CmdResult = Result<u8, Failure>;

#[derive(Debug, Parser)]
#[command(
    name = "followup",
    version,
    about = "Encrypted daily check-ins (mood, PHQ-9) for the six months after a psychedelic-assisted therapy session",
    long_about = "Encrypted daily check-ins (mood, PHQ-9) for the six months after a psychedelic-assisted therapy session.\n\nWith no command, opens the terminal app. The passphrase is asked without echo, or read from FOLLOWUP_PASSPHRASE_FILE, FOLLOWUP_PASSPHRASE_COMMAND or FOLLOWUP_PASSPHRASE; never from the command line.\n\nfollowup is not a crisis service. If you are in danger now, call your local emergency number."
)]
pub struct Cli {
    /// Folder for the database (and the identity file); default: your XDG data folder
    #[arg(long, global = true, env = "FOLLOWUP_HOME", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the encrypted database for a participant
    Init(setup::InitArgs),
    /// Record today's (or a missed day's) check-in
    #[command(subcommand)]
    Log(entries::LogCommand),
    /// List current entries with day numbers, scores and flags
    List(entries::ListArgs),
    /// Show every version of an entry, with reasons and timestamps
    History {
        #[arg(value_parser = crate::parse::id)]
        entry_id: i64,
    },
    /// Correct an entry: saves a new version with a reason
    Amend(entries::AmendArgs),
    /// Withdraw an entry with a reason (its history is kept)
    Retract(entries::RetractArgs),
    /// Timeline events: dosing, integration sessions, medication changes
    #[command(subcommand)]
    Event(events::EventCommand),
    /// Day of the window, what is due today, adherence, streak (exit 1 when something is due)
    Status(status::StatusArgs),
    /// Change the database passphrase
    Passphrase,
    /// Show the profile and its history; correct it as a new version with a reason
    Profile(profile::ProfileArgs),
    /// Open the app on a throwaway database with six months of sample data
    Demo,
    /// Make an age identity for a therapist; prints its public key
    Keygen(sharing::KeygenArgs),
    /// Export for the therapist, sealed with age (native, FHIR R4 or CSV)
    Export(sharing::ExportArgs),
    /// Review sealed exports read-only: one participant, or a caseload
    Review(review::ReviewArgs),
    /// The brief for an integration session; with several exports, the caseload brief (plaintext)
    Report(review::ReportArgs),
    /// Copy the database, encrypted and checked, to backups/ (or --to DIR)
    Backup(backup::BackupArgs),
    /// Make the database again from a backup or a native export (never over one)
    Restore(backup::RestoreArgs),
    /// A desktop notification when today's check-in is due; `remind install` for every day
    Remind(remind::RemindArgs),
    /// Today's mood entry and PHQ-9, asked line by line (no full-screen app)
    Checkin,
    /// Print a completion script for a shell (see the README to install it)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}

/// The longest note file read (notes hold 4,000 characters at most; this
/// leaves room for multi-byte text).
const NOTE_FILE_MAX_BYTES: u64 = 64 * 1024;

/// A note read from a file or, with `-`, from standard input.
#[derive(Debug, Args, Clone, Default)]
pub struct NoteArg {
    /// Read the note from a file, or from standard input with `-` (never from the command line)
    #[arg(long, value_name = "PATH|-")]
    pub note_file: Option<PathBuf>,
}

impl NoteArg {
    pub fn read(&self) -> Result<Option<String>, Failure> {
        let Some(path) = &self.note_file else { return Ok(None) };
        let bytes = if path.as_os_str() == "-" {
            crate::files::read_all_limited(std::io::stdin().lock(), NOTE_FILE_MAX_BYTES)
                .map_err(|e| Failure::input(format!("cannot read the note from standard input: {e}")))?
        } else {
            crate::files::read_limited(path, NOTE_FILE_MAX_BYTES).map_err(|e| {
                Failure::input(format!("cannot read the note file {}: {e}", crate::files::shown(path)))
            })?
        };
        let text = String::from_utf8(bytes.to_vec())
            .map_err(|_| Failure::input("the note is not UTF-8 text: save it as UTF-8 and try again"))?;
        let text = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(&text);
        Ok(Some(text.to_string()))
    }
}

/// After a save: say on standard error if the day's automatic backup failed
/// (the save itself stands).
pub(crate) fn warn_if_backup_failed(store: &crate::store::Store) {
    if let Some(why) = store.take_backup_warning() {
        let line = crate::text::message(
            &format!("warning: the saved record stands, but today's automatic backup failed: {why}"),
            600,
        );
        let _ = writeln!(std::io::stderr(), "followup: {line}");
    }
}

/// Standard output, locked for the command; write to it with `writeln!(…)?`.
pub(crate) fn stdout() -> std::io::StdoutLock<'static> {
    std::io::stdout().lock()
}

/// No core file: a crash must not leave the passphrase or notes on disk.
/// The core size limit goes to 0 and, on Linux, the process is marked not
/// dumpable (which also keeps other processes of the user from reading its
/// memory through ptrace).
fn no_core_dumps() {
    use rustix::process::{Resource, Rlimit, setrlimit};
    let _ = setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: Some(0) });
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
}

/// Parse the arguments and run; the binary's whole `main`.
pub fn main() -> ExitCode {
    no_core_dumps();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(report_clap_error(e)),
    };
    // these need no data folder
    match &cli.command {
        Some(Command::Completions { shell }) => return ExitCode::from(print_completions(*shell)),
        Some(Command::Man) => return ExitCode::from(print_man()),
        _ => {}
    }
    let result = match Paths::resolve(cli.data_dir.as_deref()) {
        Ok(paths) => run(cli.command, &paths).and_then(|code| {
            std::io::stdout().flush()?;
            Ok(code)
        }),
        Err(e) => Err(Failure::input(e.to_string())),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(f) if f.is_pipe_closed() => ExitCode::from(exit::OK),
        Err(f) => {
            // one line, safe for a terminal (messages can quote file names
            // and file contents); never panic over a closed stderr
            let line = crate::text::message(&f.message, 600);
            let _ = writeln!(std::io::stderr(), "followup: {line}");
            ExitCode::from(f.code)
        }
    }
}

/// `followup completions SHELL`: the script on standard output.
fn print_completions(shell: clap_complete::Shell) -> u8 {
    use clap::CommandFactory;
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "followup", &mut buf);
    write_out(&buf)
}

/// `followup man`: the man page, roff, on standard output.
fn print_man() -> u8 {
    use clap::CommandFactory;
    let mut buf = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut buf) {
        Ok(()) => write_out(&buf),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "followup: cannot render the man page: {e}");
            exit::INTERNAL
        }
    }
}

fn write_out(bytes: &[u8]) -> u8 {
    match std::io::stdout().lock().write_all(bytes).and_then(|()| std::io::stdout().flush()) {
        Ok(()) => exit::OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::OK,
        Err(_) => exit::INTERNAL,
    }
}

/// Help and version go out whole; a usage error is one line, exit 2.
fn report_clap_error(e: clap::Error) -> u8 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                exit::BAD_INPUT
            } else {
                exit::OK
            }
        }
        _ => {
            // clap's message up to its first blank line, on one line
            let rendered = e.render().to_string();
            let message: Vec<&str> =
                rendered.lines().take_while(|l| !l.trim().is_empty()).map(str::trim).collect();
            let message = message.join(" ");
            let message = message.strip_prefix("error: ").unwrap_or(&message);
            // clap quotes the value given, which can be anything
            let line = crate::text::message(message, 300);
            let _ = writeln!(std::io::stderr(), "followup: {line} (see --help)");
            exit::BAD_INPUT
        }
    }
}

fn run(command: Option<Command>, paths: &Paths) -> CmdResult {
    match command {
        None => terminal::participant(paths),
        Some(Command::Demo) => terminal::demo(),
        Some(Command::Keygen(args)) => sharing::keygen(paths, args),
        Some(Command::Export(args)) => sharing::export(paths, args),
        Some(Command::Review(args)) => review::review(paths, args),
        Some(Command::Report(args)) => review::report(paths, args),
        Some(Command::Init(args)) => setup::init(paths, args),
        Some(Command::Passphrase) => setup::change_passphrase(paths),
        Some(Command::Profile(args)) => profile::run(paths, args),
        Some(Command::Log(cmd)) => entries::log(paths, cmd),
        Some(Command::List(args)) => entries::list(paths, args),
        Some(Command::History { entry_id }) => entries::history(paths, entry_id),
        Some(Command::Amend(args)) => entries::amend(paths, args),
        Some(Command::Retract(args)) => entries::retract(paths, args),
        Some(Command::Event(cmd)) => events::run(paths, cmd),
        Some(Command::Status(args)) => status::run(paths, args),
        Some(Command::Backup(args)) => backup::backup(paths, args),
        Some(Command::Restore(args)) => backup::restore(paths, args),
        Some(Command::Remind(args)) => remind::run(paths, args),
        Some(Command::Checkin) => checkin::checkin(paths),
        Some(Command::Completions { shell }) => Ok(print_completions(shell)),
        Some(Command::Man) => Ok(print_man()),
    }
}
