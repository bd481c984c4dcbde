//! Where the passphrase comes from: a file, a command or a variable named in
//! the environment (the restic/borg convention, for scripts), else a no-echo
//! prompt on the terminal. Never from the command line.

use secrecy::{ExposeSecret, SecretString};
use std::path::Path;
use std::process::{Command, Stdio};
use zeroize::Zeroizing;

/// The longest passphrase accepted from a file or command.
const MAX_BYTES: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PassphraseError {
    #[error("the passphrase is empty: choose one with at least one character that is not a space")]
    Empty,
    #[error("the passphrase is not valid UTF-8 text")]
    NotUtf8,
    #[error("the passphrase contains a NUL byte, which SQLCipher cannot take")]
    Nul,
    #[error("the passphrase is longer than 4096 bytes")]
    TooLong,
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

/// Which passphrase is asked for: the database's own, or a new one
/// (`followup passphrase`, read from `FOLLOWUP_NEW_PASSPHRASE*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Current,
    New,
    /// A passphrase that seals or opens an export (`FOLLOWUP_EXPORT_PASSPHRASE*`).
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
pub fn parse(bytes: &[u8]) -> Result<SecretString, PassphraseError> {
    if bytes.len() > MAX_BYTES + 2 {
        return Err(PassphraseError::TooLong);
    }
    let text = Zeroizing::new(std::str::from_utf8(bytes).map_err(|_| PassphraseError::NotUtf8)?.to_owned());
    let line = text.split('\n').next().unwrap_or_default();
    let line = line.strip_suffix('\r').unwrap_or(line);
    check(line)?;
    Ok(SecretString::from(line.to_owned()))
}

/// The rules every passphrase meets.
pub fn check(passphrase: &str) -> Result<(), PassphraseError> {
    if passphrase.trim().is_empty() {
        Err(PassphraseError::Empty)
    } else if passphrase.contains('\0') {
        Err(PassphraseError::Nul)
    } else if passphrase.len() > MAX_BYTES {
        Err(PassphraseError::TooLong)
    } else {
        Ok(())
    }
}

/// The passphrase from the environment, if one of the variables is set.
pub fn from_env(which: Which) -> Result<Option<SecretString>, PassphraseError> {
    let prefix = which.prefix();
    if let Some(path) = std::env::var_os(format!("{prefix}_PASSPHRASE_FILE")) {
        return from_file(Path::new(&path)).map(Some);
    }
    if let Ok(command) = std::env::var(format!("{prefix}_PASSPHRASE_COMMAND")) {
        return from_command(&command).map(Some);
    }
    if let Ok(value) = std::env::var(format!("{prefix}_PASSPHRASE")) {
        check(&value)?;
        return Ok(Some(SecretString::from(value)));
    }
    Ok(None)
}

/// Whether a passphrase for the database is available without asking.
pub fn in_env() -> bool {
    ["FOLLOWUP_PASSPHRASE_FILE", "FOLLOWUP_PASSPHRASE_COMMAND", "FOLLOWUP_PASSPHRASE"]
        .iter()
        .any(|v| std::env::var_os(v).is_some())
}

fn from_file(path: &Path) -> Result<SecretString, PassphraseError> {
    let bytes = Zeroizing::new(std::fs::read(path).map_err(|e| PassphraseError::File {
        path: path.display().to_string(),
        reason: crate::paths::io_reason(&e),
    })?);
    parse(&bytes)
}

fn from_command(command: &str) -> Result<SecretString, PassphraseError> {
    let out = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| PassphraseError::Command(e.to_string()))?;
    let stdout = Zeroizing::new(out.stdout);
    if !out.status.success() {
        let code = out.status.code().map_or("a signal".to_string(), |c| format!("code {c}"));
        return Err(PassphraseError::Command(format!("it exited with {code}")));
    }
    parse(&stdout)
}

/// Ask on the terminal without echo.
pub fn prompt(label: &str, which: Which) -> Result<SecretString, PassphraseError> {
    let text = Zeroizing::new(
        rpassword::prompt_password(label).map_err(|_| PassphraseError::NoTerminal(which.prefix()))?,
    );
    check(&text)?;
    Ok(SecretString::from(text.to_string()))
}

/// The database passphrase: from the environment, else asked once.
pub fn obtain() -> Result<SecretString, PassphraseError> {
    match from_env(Which::Current)? {
        Some(p) => Ok(p),
        None => prompt("Passphrase: ", Which::Current),
    }
}

/// A new passphrase: from the environment, else asked twice.
pub fn obtain_new(which: Which) -> Result<SecretString, PassphraseError> {
    if let Some(p) = from_env(which)? {
        return Ok(p);
    }
    let what = if which == Which::Export { "Export passphrase" } else { "New passphrase" };
    let first = prompt(&format!("{what}: "), which)?;
    let second = prompt(&format!("{what} again: "), which)?;
    if first.expose_secret() != second.expose_secret() {
        return Err(PassphraseError::Mismatch);
    }
    Ok(first)
}

/// A rough strength hint for a new passphrase, shown while it is typed.
pub fn strength_hint(passphrase: &str) -> &'static str {
    let chars = passphrase.chars().count();
    let words = passphrase.split_whitespace().count();
    let classes = [
        passphrase.chars().any(|c| c.is_lowercase()),
        passphrase.chars().any(|c| c.is_uppercase()),
        passphrase.chars().any(|c| c.is_ascii_digit()),
        passphrase.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|&&b| b)
    .count();
    match (chars, words, classes) {
        (0, ..) => "",
        (_, 4.., _) if chars >= 20 => "strong",
        (16.., _, 3..) | (24.., ..) => "strong",
        (12.., ..) => "fair: longer is better",
        _ => "weak: 12+ characters, e.g. four words",
    }
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
        assert_eq!(parse(b"").unwrap_err(), PassphraseError::Empty);
        assert_eq!(parse(b"\n").unwrap_err(), PassphraseError::Empty);
        assert_eq!(parse(b"   \n").unwrap_err(), PassphraseError::Empty);
        assert_eq!(parse(b"\xff\xfe").unwrap_err(), PassphraseError::NotUtf8);
        assert_eq!(parse(b"a\0b").unwrap_err(), PassphraseError::Nul);
        assert_eq!(parse(&vec![b'a'; 5000]).unwrap_err(), PassphraseError::TooLong);
    }

    #[test]
    fn hints() {
        assert!(strength_hint("abc").starts_with("weak"));
        assert!(strength_hint("tangerine-lamp").starts_with("fair"));
        assert!(strength_hint("olive tractor morning quietly").starts_with("strong"));
    }
}
