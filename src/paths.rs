//! Where followup keeps its files: the data folder (the encrypted database)
//! and the config folder (a therapist's age identity).
//!
//! Defaults follow the XDG base directories through `directories`;
//! `--data-dir` or `FOLLOWUP_HOME` put both in one folder instead.

use std::path::{Path, PathBuf};

/// The default file name of an age identity written by `followup keygen`.
pub const IDENTITY_FILE: &str = "identity.txt";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot find a home folder for followup's data: set FOLLOWUP_HOME or pass --data-dir")]
pub struct NoHome;

impl Paths {
    /// `home` is `--data-dir` or `FOLLOWUP_HOME` when given.
    pub fn resolve(home: Option<&Path>) -> Result<Self, NoHome> {
        if let Some(home) = home {
            return Ok(Self { data_dir: home.to_path_buf(), config_dir: home.to_path_buf() });
        }
        let dirs = directories::ProjectDirs::from("", "", "followup").ok_or(NoHome)?;
        Ok(Self { data_dir: dirs.data_dir().to_path_buf(), config_dir: dirs.config_dir().to_path_buf() })
    }

    pub fn database(&self) -> PathBuf {
        crate::store::db_path(&self.data_dir)
    }

    pub fn identity(&self) -> PathBuf {
        self.config_dir.join(IDENTITY_FILE)
    }
}

/// A short, plain reason for an I/O error ("no such file", not "entity not found").
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        AlreadyExists => "it already exists".into(),
        IsADirectory => "it is a folder".into(),
        InvalidData => "it is not UTF-8 text".into(),
        other => other.to_string(),
    }
}

/// Text from a record made safe for a terminal: control characters (which
/// could move the cursor or change colours) are shown as `?`.
pub fn printable(s: &str) -> String {
    s.chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { '?' } else { c }).collect()
}
