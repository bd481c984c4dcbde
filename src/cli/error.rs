//! A command that did not succeed: one line for the user and an exit code.
//! Every error of the layers below becomes a [`Failure`] here, and only
//! here: this file is the one mapping from errors to exit codes.

use super::passphrase::SourceError;
use crate::files::FileError;
use crate::passphrase::PassphraseError;
use crate::store::StoreError;

/// Exit codes (documented in the README).
pub mod exit {
    pub const OK: u8 = 0;
    /// `followup status`: a check-in is due today.
    pub const DUE: u8 = 1;
    pub const BAD_INPUT: u8 = 2;
    /// Wrong passphrase, no passphrase available, or the database is locked.
    pub const LOCKED: u8 = 3;
    pub const INTERNAL: u8 = 4;
}

/// A command that did not succeed.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn input(message: impl Into<String>) -> Self {
        Self { code: exit::BAD_INPUT, message: message.into() }
    }

    pub fn locked(message: impl Into<String>) -> Self {
        Self { code: exit::LOCKED, message: message.into() }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self { code: exit::INTERNAL, message: message.into() }
    }

    /// The reader of standard output went away (`followup list | head -1`):
    /// the output simply ends, and the command has succeeded.
    pub fn pipe_closed() -> Self {
        Self { code: exit::OK, message: String::new() }
    }

    pub fn is_pipe_closed(&self) -> bool {
        self.code == exit::OK && self.message.is_empty()
    }

    /// The same failure, its message led by what it is about.
    pub fn about(mut self, what: impl std::fmt::Display) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }
}

/// Writing the output failed: a closed pipe ends quietly, anything else is
/// reported.
impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::pipe_closed()
        } else {
            Failure::internal(format!("cannot write the output: {}", crate::text::io_reason(&e)))
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::WrongPassphrase(_)
            | StoreError::PassphraseChanged(_)
            | StoreError::NotEncrypted(_)
            | StoreError::Busy => exit::LOCKED,
            StoreError::Passphrase(PassphraseError::Empty) => exit::LOCKED,
            StoreError::Passphrase(_)
            | StoreError::NotFound(_)
            | StoreError::AlreadyExists(_)
            | StoreError::Leftover(_)
            | StoreError::Foreign(_)
            | StoreError::Swapped { .. }
            | StoreError::Day(_)
            | StoreError::Empty(_)
            | StoreError::DuplicateDay { .. }
            | StoreError::NoSuch(..)
            | StoreError::Retracted(..)
            | StoreError::WrongInstrument(..)
            | StoreError::Reason(_)
            | StoreError::DosingAtSetUp
            | StoreError::DosingFixed
            | StoreError::NothingToChange
            | StoreError::NoteTooLong(_) => exit::BAD_INPUT,
            StoreError::Migration(_)
            | StoreError::Sqlite(_)
            | StoreError::Io(_)
            | StoreError::Corrupt(_)
            | StoreError::Damaged(_)
            | StoreError::DiskFull(_) => exit::INTERNAL,
        };
        Self { code, message: e.to_string() }
    }
}

impl From<SourceError> for Failure {
    fn from(e: SourceError) -> Self {
        match e {
            SourceError::Rule(
                PassphraseError::Nul
                | PassphraseError::TooLong
                | PassphraseError::TooWeak
                | PassphraseError::LineBreak,
            )
            | SourceError::Mismatch => Failure::input(e.to_string()),
            _ => Failure::locked(e.to_string()),
        }
    }
}

impl From<PassphraseError> for Failure {
    fn from(e: PassphraseError) -> Self {
        SourceError::Rule(e).into()
    }
}

/// What to do about a file that exists, on the command line.
const FORCE: &str = "(use --force to replace it)";

impl From<FileError> for Failure {
    fn from(e: FileError) -> Self {
        match e {
            FileError::Io(ref io) if io.kind() == std::io::ErrorKind::StorageFull => {
                Failure::internal(e.to_string())
            }
            FileError::Exists => Failure::input(format!("{e} {FORCE}")),
            _ => Failure::input(e.to_string()),
        }
    }
}

impl From<crate::share::WriteError> for Failure {
    fn from(e: crate::share::WriteError) -> Self {
        match e {
            crate::share::WriteError::File { source: FileError::Io(ref io), .. }
                if io.kind() != std::io::ErrorKind::PermissionDenied
                    && io.kind() != std::io::ErrorKind::NotFound =>
            {
                Failure::internal(e.to_string())
            }
            crate::share::WriteError::File { source: FileError::Exists, .. } => {
                Failure::input(format!("{e} {FORCE}"))
            }
            _ => Failure::input(e.to_string()),
        }
    }
}

/// Bad input of any other kind: a value out of range, a malformed file, a
/// request that cannot be met.
macro_rules! bad_input {
    ($($t:ty),* $(,)?) => {
        $(impl From<$t> for Failure {
            fn from(e: $t) -> Self {
                Failure::input(e.to_string())
            }
        })*
    };
}

bad_input!(
    crate::share::ReadError,
    crate::share::seal::SealError,
    crate::review::IdentityFileError,
    crate::report::ReportError,
    crate::record::PatchError,
    crate::record::ReasonError,
    crate::window::DayError,
    crate::window::WindowError,
    crate::journal::ParticipantError,
    crate::instrument::MoodError,
    crate::instrument::Phq9Error,
    crate::instrument::ResponseError,
);
