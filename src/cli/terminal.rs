//! Starting the TUI: `followup` with no subcommand, and `followup demo`.

use super::passphrase;
use super::{CmdResult, Failure, exit, stdout};
use crate::clock;
use crate::demo::Demo;
use crate::paths::Paths;
use crate::store::Store;
use crate::tui::{self, runtime::Session};
use secrecy::SecretString;
use std::io::{IsTerminal, Write};

fn need_terminal() -> Result<(), Failure> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(Failure::input(
            "the app needs a terminal; for scripts use the subcommands (see `followup --help`)",
        ))
    }
}

pub fn run_session(session: Session) -> CmdResult {
    need_terminal()?;
    run(session)
}

fn run(session: Session) -> CmdResult {
    tui::theme::Theme::set_no_color(tui::theme::Theme::no_color_wanted());
    match tui::run(session).map_err(|e| Failure::internal(format!("terminal error: {e}")))? {
        tui::Ended::Quit => Ok(exit::OK),
        // the shell's convention for a process ended by a signal
        tui::Ended::Signal(s) => Ok(128u8.saturating_add(s as u8)),
    }
}

/// The participant's app. With a passphrase in the environment the unlock
/// screen is skipped (and a wrong one is reported before the TUI starts).
pub fn participant(paths: &Paths) -> CmdResult {
    need_terminal()?;
    let db_exists = paths.database().is_file();
    if db_exists && passphrase::in_env() {
        let pass = passphrase::obtain()?;
        let store = Store::open(&paths.data_dir, &pass)?;
        let session = Session::unlocked(store, paths.data_dir.clone(), clock::system)?;
        return run(session);
    }
    run(Session::new(paths.data_dir.clone(), clock::system))
}

/// A throwaway database in a temp folder, filled by the demo generator,
/// deleted when the app closes.
pub fn demo() -> CmdResult {
    need_terminal()?;
    let dir = tempfile::Builder::new()
        .prefix("followup-demo-")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .tempdir()
        .map_err(|e| Failure::internal(format!("cannot make a temp folder: {e}")))?;
    let words =
        ["amber", "birch", "cobalt", "delta", "ember", "fjord", "grove", "harbor", "indigo", "juniper"];
    let mut rng = fastrand::Rng::new();
    let phrase: Vec<&str> = (0..4).map(|_| words[rng.usize(0..words.len())]).collect();
    let phrase = phrase.join("-");
    let now = clock::system();
    let journal = Demo::six_months("DEMO-01", now.date_naive(), 2026).journal();
    let data_dir = dir.path().join("data");
    drop(Store::create_from_journal(&data_dir, &SecretString::from(phrase.clone()), &journal, now)?);
    let mut out = stdout();
    writeln!(out, "Demo database: {} (deleted when you quit)", data_dir.display())?;
    writeln!(out, "Demo passphrase: {phrase}")?;
    drop(out);
    let session =
        Session::new(data_dir, clock::system).with_unlock_hint(format!("Demo passphrase: {phrase}"));
    let result = run(session);
    drop(dir);
    result
}
