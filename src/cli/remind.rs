//! `followup remind`: a desktop notification (or a line on the terminal)
//! when today's check-in is due, and `remind install` / `uninstall` for a
//! daily systemd user timer (or the crontab line where there is no systemd).
//!
//! It unlocks only with a passphrase from the environment (a keyring
//! command, a file); without one it reminds at its time anyway rather than
//! keep any plaintext note of what was done. The notification never holds
//! health data: it says that a check-in is due, nothing more.

use super::passphrase::{self, Which};
use super::{CmdResult, Failure, exit, stdout};
use crate::overview::{Coverage, Overview};
use crate::paths::Paths;
use crate::store::Store;
use clap::{Args, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug, Args)]
pub struct RemindArgs {
    #[command(subcommand)]
    command: Option<RemindCommand>,
}

#[derive(Debug, Subcommand)]
enum RemindCommand {
    /// Remind every day at a time: a systemd user timer (or the crontab line to add)
    Install(InstallArgs),
    /// Remove what `remind install` made
    Uninstall,
}

#[derive(Debug, Args)]
struct InstallArgs {
    /// The time of day, 24-hour clock
    #[arg(long, value_name = "HH:MM", default_value = "20:00", value_parser = parse_time)]
    at: (u32, u32),
}

fn parse_time(s: &str) -> Result<(u32, u32), String> {
    let t = chrono::NaiveTime::parse_from_str(s, "%H:%M")
        .map_err(|_| format!("{} is not a time of day like 20:30", crate::text::quote(s)))?;
    use chrono::Timelike;
    Ok((t.hour(), t.minute()))
}

pub fn run(paths: &Paths, a: RemindArgs) -> CmdResult {
    match a.command {
        None => remind(paths),
        Some(RemindCommand::Install(i)) => install(paths, i.at),
        Some(RemindCommand::Uninstall) => uninstall(),
    }
}

/// What is due today: `None` when nothing can open the database without
/// asking; a failure when something given to open it does not.
fn due_today(paths: &Paths) -> Result<Option<Vec<&'static str>>, Failure> {
    let Some(passphrase) = passphrase::from_env(Which::Current)? else { return Ok(None) };
    let store = Store::open_read(&paths.data_dir, &passphrase)?;
    let journal = store.journal()?;
    let today = super::setup::now().date_naive();
    let o = Overview::new(&journal, today, &Coverage::all());
    let due = [(o.due.mood, "mood"), (o.due.phq9, "PHQ-9"), (o.due.gad7, "GAD-7")];
    Ok(Some(due.into_iter().filter(|d| d.0).map(|d| d.1).collect()))
}

fn remind(paths: &Paths) -> CmdResult {
    if !paths.database().is_file() {
        return Err(Failure::input(
            "followup is not set up here yet: run `followup init` (or `followup`) first",
        ));
    }
    // a passphrase that no longer opens the database still lets the reminder
    // go out, and is then said, so that it does not go unnoticed every day
    let (text, failed) = match due_today(paths) {
        Ok(Some(due)) if due.is_empty() => return Ok(exit::OK),
        Ok(Some(due)) => (format!("Time for today's check-in ({}).", in_words(&due)), None),
        Ok(None) => ("Time for today's check-in.".to_string(), None),
        Err(e) => ("Time for today's check-in.".to_string(), Some(e)),
    };
    if !notify(&text) {
        writeln!(stdout(), "followup: {text}")?;
    }
    match failed {
        Some(e) => Err(e.about("the reminder went out, but it cannot tell what is due")),
        None => Ok(exit::OK),
    }
}

/// `mood`, `mood and PHQ-9`, `mood, PHQ-9 and GAD-7`.
fn in_words(due: &[&str]) -> String {
    match due {
        [.., last] if due.len() > 1 => format!("{} and {last}", due[..due.len() - 1].join(", ")),
        _ => due.join(""),
    }
}

/// A desktop notification through `notify-send`, when there is one.
fn notify(text: &str) -> bool {
    let Some(program) = on_path("notify-send") else { return false };
    Command::new(program)
        .args(["--app-name=followup", "followup", text])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// An executable of that name on `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0))
}

const TIMER: &str = "followup-remind.timer";
const SERVICE: &str = "followup-remind.service";
/// The first line of every unit `install` writes; `uninstall` removes only those.
const MARK: &str = "# Written by `followup remind install`; `followup remind uninstall` removes it.";

fn units_dir() -> Result<PathBuf, Failure> {
    let base = directories::BaseDirs::new()
        .ok_or_else(|| Failure::input("cannot find your home folder to install the reminder"))?;
    Ok(base.config_dir().join("systemd/user"))
}

/// A word for a systemd unit line: quoted, with `%`, `\` and `"` escaped.
fn unit_word(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('%', "%%"))
}

/// A word for a crontab line: single-quoted for the shell, `%` escaped.
fn cron_word(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''").replace('%', "\\%"))
}

fn install(paths: &Paths, (hour, minute): (u32, u32)) -> CmdResult {
    let exe = std::env::current_exe()?;
    let exe = exe.canonicalize().unwrap_or(exe);
    // systemd and cron start elsewhere: a relative folder or file would
    // point at the wrong place
    let data_dir = std::path::absolute(&paths.data_dir)?;
    let (exe_s, data_s) = (exe.to_string_lossy(), data_dir.to_string_lossy());
    // where the passphrase comes from: a command or a file, never the passphrase itself
    let mut passphrase_from: Vec<(&str, String)> = Vec::new();
    if let Ok(v) = std::env::var("FOLLOWUP_PASSPHRASE_COMMAND") {
        passphrase_from.push(("FOLLOWUP_PASSPHRASE_COMMAND", v));
    }
    if let Some(v) = std::env::var_os("FOLLOWUP_PASSPHRASE_FILE") {
        passphrase_from
            .push(("FOLLOWUP_PASSPHRASE_FILE", std::path::absolute(v)?.to_string_lossy().into_owned()));
    }
    // a newline would add a directive to a unit, or a second crontab entry
    let named = [("the program's path", exe_s.as_ref()), ("the data folder", data_s.as_ref())];
    let values = named.into_iter().chain(passphrase_from.iter().map(|(var, v)| (*var, v.as_str())));
    for (what, value) in values {
        if value.chars().any(char::is_control) {
            return Err(Failure::input(format!(
                "{what} ({}) has a line break or another control character, which would change what a systemd unit or crontab line runs: nothing was installed",
                crate::text::quote(value)
            )));
        }
    }
    let environment: String = passphrase_from
        .iter()
        .map(|(var, v)| format!("Environment={}\n", unit_word(&format!("{var}={v}"))))
        .collect();
    let cron_environment: String =
        passphrase_from.iter().map(|(var, v)| format!("{var}={} ", cron_word(v))).collect();
    let service = format!(
        "{MARK}\n[Unit]\nDescription=followup: remind about today's check-in\n\n[Service]\nType=oneshot\nExecStart={} --data-dir {} remind\n{environment}",
        unit_word(&exe_s),
        unit_word(&data_s)
    );
    let timer = format!(
        "{MARK}\n[Unit]\nDescription=followup: today's check-in reminder at {hour:02}:{minute:02}\n\n[Timer]\nOnCalendar=*-*-* {hour:02}:{minute:02}:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n"
    );
    let dir = units_dir()?;
    std::fs::create_dir_all(&dir)?;
    for (name, text) in [(SERVICE, &service), (TIMER, &timer)] {
        let path = dir.join(name);
        if path.exists() && !ours(&path) {
            return Err(Failure::input(format!(
                "{} exists and was not written by followup: nothing was changed",
                crate::files::shown(&path)
            )));
        }
        crate::files::write_private(&path, true, |f| f.write_all(text.as_bytes()))
            .map_err(|e| Failure::from(e).about(format!("cannot write {}", crate::files::shown(&path))))?;
    }
    let mut out = stdout();
    writeln!(
        out,
        "Wrote {} and {} (every day at {hour:02}:{minute:02}).",
        dir.join(TIMER).display(),
        dir.join(SERVICE).display()
    )?;
    if systemctl(&["daemon-reload"]) && systemctl(&["enable", "--now", TIMER]) {
        writeln!(out, "Enabled with `systemctl --user enable --now {TIMER}`.")?;
    } else {
        writeln!(
            out,
            "systemd (systemctl --user) is not available here. Add this line to your crontab instead (`crontab -e`):"
        )?;
        writeln!(
            out,
            "{minute} {hour} * * * {cron_environment}{} --data-dir {} remind",
            cron_word(&exe_s),
            cron_word(&data_s)
        )?;
    }
    if passphrase_from.is_empty() {
        writeln!(
            out,
            "Without FOLLOWUP_PASSPHRASE_COMMAND or _FILE the reminder cannot see whether you have checked in: it reminds every day."
        )?;
    }
    Ok(exit::OK)
}

fn ours(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.starts_with(MARK))
}

/// `systemctl --user ARGS`, quietly; whether it worked.
fn systemctl(args: &[&str]) -> bool {
    let Some(program) = on_path("systemctl") else { return false };
    Command::new(program)
        .arg("--user")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn uninstall() -> CmdResult {
    let dir = units_dir()?;
    let mine: Vec<PathBuf> = [TIMER, SERVICE].iter().map(|n| dir.join(n)).filter(|p| ours(p)).collect();
    let mut out = stdout();
    if mine.is_empty() {
        writeln!(out, "No reminder installed by followup in {}: nothing to remove.", dir.display())?;
        return Ok(exit::OK);
    }
    systemctl(&["disable", "--now", TIMER]);
    for p in &mine {
        std::fs::remove_file(p)?;
        writeln!(out, "Removed {}.", p.display())?;
    }
    systemctl(&["daemon-reload"]);
    writeln!(out, "If you added the crontab line instead, remove it with `crontab -e`.")?;
    Ok(exit::OK)
}
