//! Starting the TUI: `followup` with no subcommand, and `followup demo`.

use super::{CmdResult, Failure, exit};
use crate::demo::Demo;
use crate::paths::Paths;
use crate::store::{Store, passphrase};
use crate::tui::{self, runtime::Session, runtime::system_clock, screens::unlock};
use secrecy::SecretString;
use std::io::IsTerminal;

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
        let session = Session::unlocked(store, paths.data_dir.clone(), system_clock)?;
        return run(session);
    }
    run(Session::new(paths.data_dir.clone(), system_clock))
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
    let today = system_clock().date_naive();
    let journal = Demo::six_months("DEMO-01", today, 2026).journal();
    let data_dir = dir.path().join("data");
    drop(Store::create_from_journal(&data_dir, &SecretString::from(phrase.clone()), &journal)?);
    println!("Demo database: {} (deleted when you quit)", data_dir.display());
    println!("Demo passphrase: {phrase}");
    let mut session = Session::new(data_dir, system_clock);
    if let Some(tui::app::Screen::Unlock(s)) = session.app.stack.last_mut() {
        *s = unlock::State { hint: Some(format!("Demo passphrase: {phrase}")), ..unlock::State::default() };
    }
    let result = run(session);
    drop(dir);
    result
}
