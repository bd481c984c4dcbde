//! Sharing with the therapist: exports in three formats (native JSON,
//! FHIR R4, CSV), sealed with age to the therapist's key or a passphrase,
//! written so an interrupted export leaves nothing half-written; and the
//! reading side, [`open`], used by the therapist's review.

pub mod csv;
pub mod fhir;
pub mod native;
pub mod seal;

use crate::files::{self, FileError};
use age::Identity;
pub use native::{Export, Filters, FormatError, RangeError};
pub use seal::{OpenError, Seal};
use std::io::Write;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The three export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ExportFormat {
    /// Lossless JSON with every version (what `followup review` reads)
    #[default]
    Native,
    /// FHIR R4 Bundle (collection)
    Fhir,
    /// CSV, one row per current entry
    Csv,
}

impl ExportFormat {
    /// The name used in file names and messages.
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The plaintext bytes of an export in this format.
    pub fn render(self, export: &Export) -> Zeroizing<Vec<u8>> {
        // JSON keeps outside text exact; characters that could act on a
        // terminal it is printed to are written as escapes
        let json = |bytes: Vec<u8>| {
            let text = String::from_utf8(bytes).expect("serde writes UTF-8");
            crate::text::json(&text).into_owned().into_bytes()
        };
        Zeroizing::new(match self {
            ExportFormat::Native => json(export.to_json()),
            ExportFormat::Fhir => {
                json(serde_json::to_vec_pretty(&fhir::bundle(export)).expect("a bundle always serializes"))
            }
            ExportFormat::Csv => csv::write(export).expect("writing CSV to memory cannot fail"),
        })
    }

    /// `<participant>-<YYYY-MM-DD>.<format>.age`; unsealed, what the file
    /// is: `.native.json`, `.fhir.json`, `.csv`.
    pub fn file_name(self, participant: &str, date: chrono::NaiveDate, sealed: bool) -> String {
        match (sealed, self) {
            (true, _) => format!("{participant}-{date}.{}.age", self.key()),
            (false, ExportFormat::Csv) => format!("{participant}-{date}.csv"),
            (false, _) => format!("{participant}-{date}.{}.json", self.key()),
        }
    }
}

/// How much of the record goes in an export: entries and the days they are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contents {
    pub entries: usize,
    pub days: usize,
}

impl Contents {
    /// What the file holds in this format of the entries that go in: every
    /// entry in native (retracted ones too, with all their versions), the
    /// current ones otherwise.
    pub fn of<'a>(format: ExportFormat, entries: impl IntoIterator<Item = &'a crate::record::Entry>) -> Self {
        let held: Vec<&crate::record::Entry> =
            entries.into_iter().filter(|e| format == ExportFormat::Native || !e.is_retracted()).collect();
        let days: std::collections::BTreeSet<chrono::NaiveDate> = held.iter().map(|e| e.day()).collect();
        Self { entries: held.len(), days: days.len() }
    }

    /// `12 entries on 9 days`.
    pub fn describe(&self) -> String {
        format!(
            "{} on {}",
            crate::text::count(self.entries, "entry", "entries"),
            crate::text::count(self.days, "day", "days")
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {}: {source}", files::shown(.path))]
    File { path: PathBuf, source: FileError },
    #[error(transparent)]
    Seal(#[from] seal::SealError),
}

/// Write `plaintext` to `path`, sealed (or not, when `seal` is `None`),
/// owner-only, through a temp file in the same folder that is renamed into
/// place: an interrupted export leaves no file under the final name.
pub fn write_file(
    path: &Path,
    plaintext: &[u8],
    to: Option<&Seal>,
    armor: bool,
    force: bool,
) -> Result<(), WriteError> {
    let mut sealing = Ok(());
    let written = files::write_private(path, force, |file| match to {
        Some(seal) => match seal::seal(plaintext, seal, armor, &mut *file) {
            Ok(_) => Ok(()),
            Err(e) => {
                sealing = Err(e);
                Err(std::io::Error::other("sealing failed"))
            }
        },
        None => file.write_all(plaintext),
    });
    match (written, sealing) {
        (_, Err(e)) => Err(WriteError::Seal(e)),
        (Err(e), Ok(())) => Err(WriteError::File { path: path.to_path_buf(), source: e }),
        (Ok(()), Ok(())) => Ok(()),
    }
}

/// Why an export could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read it: {0}")]
    File(#[from] FileError),
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Format(#[from] FormatError),
}

/// Read a regular file's bytes, refusing anything larger than an export can be.
pub fn read_bytes(path: &Path) -> Result<Zeroizing<Vec<u8>>, ReadError> {
    files::read_limited(path, seal::MAX_BYTES).map_err(|e| match e {
        FileError::TooLarge(_) => OpenError::TooLarge(seal::MAX_BYTES / (1024 * 1024)).into(),
        e => ReadError::File(e),
    })
}

/// Open a sealed native export (binary or armored) with the therapist's
/// identities (add a passphrase identity for passphrase-sealed files).
/// Everything happens in memory.
pub fn open(path: &Path, identities: &[Box<dyn Identity + Send + Sync>]) -> Result<Export, ReadError> {
    open_bytes(&read_bytes(path)?, identities)
}

pub fn open_bytes(bytes: &[u8], identities: &[Box<dyn Identity + Send + Sync>]) -> Result<Export, ReadError> {
    let plaintext = seal::unseal(bytes, identities)?;
    Ok(Export::from_json(&plaintext)?)
}
