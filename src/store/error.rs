//! What can go wrong in the store, one kind each, with its line for people.

use super::schema;
use crate::passphrase::PassphraseError;
use chrono::NaiveDate;
use rusqlite::ErrorCode;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("wrong passphrase for {0} (or the file is damaged): nothing was changed")]
    WrongPassphrase(PathBuf),
    #[error("no database at {0}: run `followup init` (or `followup` to set up in the terminal)")]
    NotFound(PathBuf),
    #[error("a database already exists at {0}: nothing was changed (use another --data-dir to start over)")]
    AlreadyExists(PathBuf),
    #[error(
        "{} was left by an earlier database and would be read into a new one: nothing was changed; move it away together with that database, then try again",
        crate::files::shown(.0)
    )]
    Leftover(PathBuf),
    #[error("{0} is a plain SQLite file, not an encrypted followup database")]
    NotEncrypted(PathBuf),
    #[error("{} is not a followup database: nothing was changed", crate::files::shown(.0))]
    Foreign(PathBuf),
    #[error(
        "{} is not the database this data folder was set up with (another participant's, put in its place?): nothing was read or changed; put the right one back, or remove {} if you moved this one here on purpose",
        crate::files::shown(.database),
        crate::files::shown(.record)
    )]
    Swapped { database: PathBuf, record: PathBuf },
    #[error(
        "{} is an empty file, not a followup database: nothing was changed (move it away to start over with `followup init`)",
        crate::files::shown(.0)
    )]
    Empty(PathBuf),
    #[error(
        "a {instrument} for {day} already exists (entry {existing}): use `followup amend {existing}` to correct it"
    )]
    DuplicateDay { instrument: &'static str, day: NaiveDate, existing: i64 },
    #[error(transparent)]
    Day(#[from] crate::window::DayError),
    #[error("no {0} with id {1}")]
    NoSuch(&'static str, i64),
    #[error("{0} {1} was retracted: it can no longer be changed")]
    Retracted(&'static str, i64),
    #[error("{0} {1} is a {2}, not a {3}")]
    WrongInstrument(&'static str, i64, &'static str, &'static str),
    #[error(transparent)]
    Reason(#[from] crate::record::ReasonError),
    #[error(
        "the dosing session is day 0 and was recorded at set-up; add integration sessions, medication changes or other events"
    )]
    DosingAtSetUp,
    #[error(
        "the dosing session is day 0 of the window set at set-up: it cannot be moved, retyped or retracted"
    )]
    DosingFixed,
    #[error("nothing to change: give the corrected kind, date or note")]
    NothingToChange,
    #[error("the note is {0} characters long; the limit is 4,000")]
    NoteTooLong(usize),
    #[error("the database is busy: another followup is writing; try again")]
    Busy,
    #[error(transparent)]
    Passphrase(#[from] PassphraseError),
    #[error(transparent)]
    Migration(#[from] schema::MigrationError),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// From `fs_err`, so the message names the file.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(
        "the database holds a value that cannot be read ({0}): it may be damaged; nothing was changed; restore it from a backup (`followup restore`) or from an export you sealed for yourself"
    )]
    Corrupt(String),
    #[error(
        "the database is damaged ({0}): nothing was changed; restore it from a backup (`followup restore`) or from an export you sealed for yourself"
    )]
    Damaged(String),
    #[error("the disk holding the database is full: free some space and try again (nothing saved was lost)")]
    DiskFull(String),
    #[error(
        "the passphrase was changed by another followup while this one had the database open: unlock again with the new passphrase"
    )]
    PassphraseChanged(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged(e.to_string()),
            Some(ErrorCode::DiskFull) => StoreError::DiskFull(e.to_string()),
            // the key was right when the file was opened: it changed since
            Some(ErrorCode::NotADatabase) => StoreError::PassphraseChanged(e.to_string()),
            _ => StoreError::Sqlite(e),
        }
    }
}
