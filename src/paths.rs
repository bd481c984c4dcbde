//! Where followup keeps its files: the data folder (the encrypted database)
//! and the config folder (a therapist's age identity).
//!
//! Defaults follow the XDG base directories through `directories`;
//! `--data-dir` or `FOLLOWUP_HOME` put both in one folder instead.

use std::path::{Path, PathBuf};

/// The default file name of an age identity written by `followup keygen`.
pub const IDENTITY_FILE: &str = "identity.txt";
/// The database's file name inside the data folder.
pub const DB_FILE: &str = "followup.db";

/// The database file in a data folder.
pub fn database_in(data_dir: &Path) -> PathBuf {
    data_dir.join(DB_FILE)
}

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
        database_in(&self.data_dir)
    }

    pub fn identity(&self) -> PathBuf {
        self.config_dir.join(IDENTITY_FILE)
    }

    /// The identity `followup keygen` wrote, if there is one.
    pub fn default_identity(&self) -> Option<PathBuf> {
        let p = self.identity();
        p.is_file().then_some(p)
    }
}
