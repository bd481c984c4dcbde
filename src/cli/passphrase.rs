//! Where a passphrase comes from: a file, a command or a variable named in
//! the environment (the restic/borg convention, for scripts), else a no-echo
//! prompt on the terminal. Never from the command line.
//!
//! A passphrase command runs with a time limit and an output limit, so one
//! that hangs (`sleep infinity`) or never ends (`yes`) is refused instead of
//! hanging followup or filling its memory.

use crate::passphrase::{self, MAX_BYTES, PassphraseError};
use crate::text::quote;
use rustix::process::{Pid, Signal, kill_process_group};
use secrecy::{ExposeSecret, SecretString};
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

/// How long a passphrase command may take, unless `FOLLOWUP_PASSPHRASE_TIMEOUT`
/// (seconds) says otherwise.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    #[error(transparent)]
    Rule(#[from] PassphraseError),
    #[error("the passphrase is not valid UTF-8 text")]
    NotUtf8,
    #[error("the two passphrases do not match: nothing was changed, try again")]
    Mismatch,
    #[error("cannot read the passphrase file {path}: {reason}")]
    File { path: String, reason: String },
    #[error("the passphrase command failed: {0}")]
    Command(String),
    #[error(
        "no passphrase: run in a terminal, or set {0}_PASSPHRASE_FILE, {0}_PASSPHRASE_COMMAND or {0}_PASSPHRASE"
    )]
    NoTerminal(&'static str),
}

/// Which passphrase is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The database's own (`FOLLOWUP_PASSPHRASE*`).
    Current,
    /// A new one for the database (`followup passphrase`, `FOLLOWUP_NEW_PASSPHRASE*`).
    New,
    /// One that seals or opens an export (`FOLLOWUP_EXPORT_PASSPHRASE*`).
    Export,
}

impl Which {
    fn prefix(self) -> &'static str {
        match self {
            Which::Current => "FOLLOWUP",
            Which::New => "FOLLOWUP_NEW",
            Which::Export => "FOLLOWUP_EXPORT",
        }
    }
}

/// Take a passphrase out of a file's bytes: the first line, without its line
/// ending. Refuses empty, non-UTF-8, NUL and oversized content.
pub fn parse(bytes: &[u8]) -> Result<SecretString, SourceError> {
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    if first.len() > MAX_BYTES + 1 {
        return Err(PassphraseError::TooLong.into());
    }
    let line = std::str::from_utf8(first).map_err(|_| SourceError::NotUtf8)?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    passphrase::check(line)?;
    Ok(SecretString::from(line.to_owned()))
}

/// The passphrase from the environment, if one of the variables is set.
pub fn from_env(which: Which) -> Result<Option<SecretString>, SourceError> {
    let prefix = which.prefix();
    // a variable set empty (`FOLLOWUP_PASSPHRASE_FILE=`) is not set
    if let Some(path) = set(&format!("{prefix}_PASSPHRASE_FILE")) {
        return from_file(Path::new(&path)).map(Some);
    }
    if let Some(command) = set(&format!("{prefix}_PASSPHRASE_COMMAND")) {
        let command = command.to_str().ok_or(SourceError::NotUtf8)?;
        return from_command(command, timeout()?).map(Some);
    }
    if let Some(value) = std::env::var_os(format!("{prefix}_PASSPHRASE")) {
        // the first line, as from a file or a command (`"$(pass show …)"`)
        let value = Zeroizing::new(value.into_encoded_bytes());
        return parse(&value).map(Some);
    }
    Ok(None)
}

/// The whole of a multi-line `FOLLOWUP_PASSPHRASE`, when it is the source:
/// what a database set up before the first-line rule was keyed with.
pub fn whole_variable() -> Option<SecretString> {
    if set("FOLLOWUP_PASSPHRASE_FILE").is_some() || set("FOLLOWUP_PASSPHRASE_COMMAND").is_some() {
        return None;
    }
    let value = Zeroizing::new(std::env::var("FOLLOWUP_PASSPHRASE").ok()?);
    (value.contains('\n') && passphrase::check(&value).is_ok()).then(|| SecretString::from(value.to_string()))
}

/// Whether a passphrase for the database is available without asking.
pub fn in_env() -> bool {
    ["FOLLOWUP_PASSPHRASE_FILE", "FOLLOWUP_PASSPHRASE_COMMAND"].iter().any(|v| set(v).is_some())
        || std::env::var_os("FOLLOWUP_PASSPHRASE").is_some()
}

/// A variable's value, unless it is unset or empty.
fn set(name: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}

fn from_file(path: &Path) -> Result<SecretString, SourceError> {
    let bytes = crate::files::read_limited(path, MAX_BYTES as u64 + 2)
        .map_err(|e| SourceError::File { path: quote(&path.display().to_string()), reason: e.reason() })?;
    parse(&bytes)
}

/// The longest `FOLLOWUP_PASSPHRASE_TIMEOUT`, in seconds: an hour.
const TIMEOUT_MAX_SECS: u64 = 3600;

fn timeout() -> Result<Duration, SourceError> {
    let Some(value) = std::env::var_os("FOLLOWUP_PASSPHRASE_TIMEOUT") else { return Ok(COMMAND_TIMEOUT) };
    value
        .to_str()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| (1..=TIMEOUT_MAX_SECS).contains(s))
        .map(Duration::from_secs)
        .ok_or_else(|| {
            SourceError::Command(format!(
                "FOLLOWUP_PASSPHRASE_TIMEOUT is {}: give a number of seconds from 1 to {TIMEOUT_MAX_SECS}",
                quote(&value.to_string_lossy())
            ))
        })
}

/// The first line a command prints, within `limit`: the time to print it
/// and to exit. A command that overruns is ended with its whole process
/// group.
fn from_command(command: &str, limit: Duration) -> Result<SecretString, SourceError> {
    let deadline = Instant::now() + limit;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        // its own process group, so a command that hangs is ended whole
        .process_group(0)
        .spawn()
        .map_err(|e| SourceError::Command(e.to_string()))?;
    let mut stdout = child.stdout.take().ok_or_else(|| SourceError::Command("no output".into()))?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // read one byte more than a passphrase can be, and stop
        let mut out = Zeroizing::new(Vec::new());
        let read = (&mut stdout).take(MAX_BYTES as u64 + 3).read_to_end(&mut out);
        let _ = tx.send(read.map(|_| out));
    });
    let end = |child: &mut Child| {
        // the group first, while its leader is not yet reaped
        let _ = kill_process_group(Pid::from_child(child), Signal::KILL);
        let _ = child.kill();
        let _ = child.wait();
    };
    let overran = |what: &str| {
        SourceError::Command(format!(
            "it {what} within {} s (FOLLOWUP_PASSPHRASE_TIMEOUT sets the limit)",
            limit.as_secs()
        ))
    };
    let out = match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(Ok(out)) => out,
        Ok(Err(e)) => {
            end(&mut child);
            return Err(SourceError::Command(e.to_string()));
        }
        Err(_) => {
            end(&mut child);
            return Err(overran("gave no passphrase"));
        }
    };
    if out.len() > MAX_BYTES + 2 {
        end(&mut child);
        return Err(SourceError::Command("it printed more than a passphrase can be (4096 bytes)".into()));
    }
    // its output has ended; the command must still exit by the deadline
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            Ok(None) => {
                end(&mut child);
                return Err(overran("did not exit"));
            }
            Err(e) => {
                end(&mut child);
                return Err(SourceError::Command(e.to_string()));
            }
        }
    };
    if !status.success() {
        let code = status.code().map_or("a signal".to_string(), |c| format!("code {c}"));
        return Err(SourceError::Command(format!("it exited with {code}")));
    }
    parse(&out)
}

/// Ask on the terminal without echo.
pub fn prompt(label: &str, which: Which) -> Result<SecretString, SourceError> {
    let text = Zeroizing::new(
        rpassword::prompt_password(label).map_err(|_| SourceError::NoTerminal(which.prefix()))?,
    );
    passphrase::check(&text)?;
    Ok(SecretString::from(text.to_string()))
}

/// The database passphrase: from the environment, else asked once.
pub fn obtain() -> Result<SecretString, SourceError> {
    match from_env(Which::Current)? {
        Some(p) => Ok(p),
        None => prompt("Passphrase: ", Which::Current),
    }
}

/// A new passphrase: from the environment, else asked twice; either way at
/// least 12 characters.
pub fn obtain_new(which: Which) -> Result<SecretString, SourceError> {
    if let Some(p) = from_env(which)? {
        passphrase::check_new(p.expose_secret())?;
        return Ok(p);
    }
    let what = if which == Which::Export { "Export passphrase" } else { "New passphrase" };
    let first = prompt(&format!("{what}: "), which)?;
    let second = prompt(&format!("{what} again: "), which)?;
    if first.expose_secret() != second.expose_secret() {
        return Err(SourceError::Mismatch);
    }
    passphrase::check_new(first.expose_secret())?;
    Ok(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_without_its_ending() {
        assert_eq!(parse(b"correct horse\n").unwrap().expose_secret(), "correct horse");
        assert_eq!(parse(b"s3cret\r\nsecond line").unwrap().expose_secret(), "s3cret");
        assert_eq!(parse(b"no newline").unwrap().expose_secret(), "no newline");
        assert_eq!(parse(b"it's \"quoted\"").unwrap().expose_secret(), "it's \"quoted\"");
    }

    #[test]
    fn bad_files_are_refused() {
        assert_eq!(parse(b"").unwrap_err(), PassphraseError::Empty.into());
        assert_eq!(parse(b"\n").unwrap_err(), PassphraseError::Empty.into());
        assert_eq!(parse(b"   \n").unwrap_err(), PassphraseError::Empty.into());
        assert_eq!(parse(b"\xff\xfe").unwrap_err(), SourceError::NotUtf8);
        assert_eq!(parse(b"a\0b").unwrap_err(), PassphraseError::Nul.into());
        assert_eq!(parse(&vec![b'a'; 5000]).unwrap_err(), PassphraseError::TooLong.into());
    }

    #[test]
    fn commands_that_never_end_are_refused() {
        let run = |command: &str| from_command(command, Duration::from_secs(10));
        assert_eq!(run("printf 'from a command\\n'").unwrap().expose_secret(), "from a command");
        assert!(matches!(run("yes"), Err(SourceError::Command(m)) if m.contains("more than")));
        assert!(matches!(run("exit 3"), Err(SourceError::Command(m)) if m.contains("code 3")));
        // its output closed, the command itself still running: ended at the deadline
        let t = Instant::now();
        let closed = from_command("printf 'from a command\\n'; exec >&-; sleep 30", Duration::from_secs(1));
        assert!(matches!(closed, Err(SourceError::Command(m)) if m.contains("did not exit within 1 s")));
        assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    }
}
