//! Sharing with the therapist: exports in three formats (native JSON,
//! FHIR R4, CSV), sealed with age to the therapist's key or a passphrase,
//! written so an interrupted export leaves nothing half-written; and the
//! reading side, [`open`], used by the therapist's review.

pub mod csv;
pub mod fhir;
pub mod native;
pub mod seal;

use age::Identity;
pub use native::{Export, Filters, FormatError};
pub use seal::{OpenError, Seal};
use std::io::Write;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The three export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
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
    pub fn key(self) -> &'static str {
        match self {
            ExportFormat::Native => "native",
            ExportFormat::Fhir => "fhir",
            ExportFormat::Csv => "csv",
        }
    }

    /// The plaintext bytes of an export in this format.
    pub fn render(self, export: &Export) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(match self {
            ExportFormat::Native => export.to_json(),
            ExportFormat::Fhir => {
                serde_json::to_vec_pretty(&fhir::bundle(export)).expect("a bundle always serializes")
            }
            ExportFormat::Csv => csv::write(export).expect("writing CSV to memory cannot fail"),
        })
    }

    /// `<participant>-<YYYY-MM-DD>.<format>.age` (or without `.age`, and
    /// with `.json`/`.csv`, when unsealed).
    pub fn file_name(self, participant: &str, date: chrono::NaiveDate, sealed: bool) -> String {
        if sealed {
            format!("{participant}-{date}.{}.age", self.key())
        } else {
            let ext = if self == ExportFormat::Csv { "csv" } else { "json" };
            format!("{participant}-{date}.{}.{ext}", self.key())
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0} exists: nothing was written (use --force to replace it)")]
    Exists(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Seal(#[from] seal::SealError),
}

/// Write `plaintext` to `path`, sealed (or not, when `seal` is `None`),
/// through a temp file in the same folder that is renamed into place: an
/// interrupted export leaves no file under the final name.
pub fn write_file(
    path: &Path,
    plaintext: &[u8],
    to: Option<&Seal>,
    armor: bool,
    force: bool,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io { path: path.to_path_buf(), source };
    if !force && path.exists() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp =
        tempfile::Builder::new().prefix(".followup-export-").suffix(".part").tempfile_in(dir).map_err(io)?;
    match to {
        Some(seal) => {
            seal::seal(plaintext, seal, armor, tmp.as_file_mut())?;
        }
        None => tmp.as_file_mut().write_all(plaintext).map_err(io)?,
    }
    tmp.as_file().sync_all().map_err(io)?;
    if force {
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => WriteError::Exists(path.to_path_buf()),
            _ => io(e.error),
        })?;
    }
    Ok(())
}

/// Why an export could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Format(#[from] FormatError),
}

/// Read a file's bytes, refusing anything larger than an export can be.
pub fn read_bytes(path: &Path) -> Result<Zeroizing<Vec<u8>>, ReadError> {
    let io =
        |e: std::io::Error| ReadError::Io { path: path.to_path_buf(), reason: crate::paths::io_reason(&e) };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > seal::MAX_BYTES {
        return Err(OpenError::TooLarge(seal::MAX_BYTES / (1024 * 1024)).into());
    }
    Ok(Zeroizing::new(std::fs::read(path).map_err(io)?))
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
