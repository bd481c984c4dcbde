//! The therapist's side: open many sealed exports in memory (no database, no
//! plaintext on disk), keep one export per participant, and summarise each
//! for the caseload table. Each file is read once.

use crate::files::{self, FileError};
use crate::outcome::{self, Label};
use crate::overview::Overview;
use crate::share::{self, Export, ReadError};
use age::Identity;
use age::secrecy::SecretString;
use chrono::NaiveDate;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// The identities a therapist opens exports with.
pub type Identities = Vec<Box<dyn Identity + Send + Sync>>;

/// A file that opened.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub export: Export,
}

/// A file that did not, and why (one line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub path: PathBuf,
    pub reason: String,
}

/// Why an identity file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum IdentityFileError {
    #[error("cannot read identity {}: {source}", files::shown(.path))]
    Read { path: PathBuf, source: FileError },
    #[error("{}: {source}", files::shown(.path))]
    Parse { path: PathBuf, source: share::seal::IdentityError },
}

/// The largest identity file read.
const IDENTITY_MAX_BYTES: u64 = 1024 * 1024;

/// Read the identity files a therapist names.
pub fn identities(paths: &[PathBuf]) -> Result<Identities, IdentityFileError> {
    let mut out = Vec::new();
    for path in paths {
        let bytes = files::read_limited(path, IDENTITY_MAX_BYTES)
            .map_err(|source| IdentityFileError::Read { path: path.clone(), source })?;
        let text = String::from_utf8_lossy(&bytes);
        out.extend(
            share::seal::identities_from(&text)
                .map_err(|source| IdentityFileError::Parse { path: path.clone(), source })?,
        );
    }
    Ok(out)
}

/// Files to open: the files given, and every `*.age` file in the folders given.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let found = files::list_folder(p).unwrap_or_default();
            out.extend(found.into_iter().filter(|f| f.extension().is_some_and(|x| x == "age")));
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// A file's bytes, or why they could not be read.
type Bytes = Result<Zeroizing<Vec<u8>>, ReadError>;

/// The files' bytes, read once each, before anything is decrypted.
pub struct Read {
    files: Vec<(PathBuf, Bytes)>,
}

/// Read every file (only regular files, never past the size limit).
pub fn read(paths: &[PathBuf]) -> Read {
    Read { files: paths.iter().map(|p| (p.clone(), share::read_bytes(p))).collect() }
}

impl Read {
    /// Whether every file that could be read is sealed with a passphrase
    /// (so no identity is needed).
    pub fn all_passphrase_sealed(&self) -> bool {
        self.files
            .iter()
            .all(|(_, r)| r.as_ref().is_ok_and(|b| share::seal::is_passphrase_sealed(b).unwrap_or(false)))
    }

    /// Decrypt and check every file with the identities; a passphrase-sealed
    /// file asks `passphrase` (once; the answer is reused for the others).
    pub fn open(
        self,
        identities: &[Box<dyn Identity + Send + Sync>],
        passphrase: &mut dyn FnMut() -> Option<SecretString>,
    ) -> (Vec<Loaded>, Vec<Failed>) {
        let mut with_pass: Option<Identities> = None;
        let mut loaded = Vec::new();
        let mut failed = Vec::new();
        for (path, bytes) in self.files {
            let result = bytes.and_then(|bytes| {
                let scrypt = share::seal::is_passphrase_sealed(&bytes).map_err(ReadError::from)?;
                if scrypt && with_pass.is_none() {
                    with_pass = passphrase().map(|p| vec![share::seal::passphrase_identity(p)]);
                }
                let keys = if scrypt { with_pass.as_deref().unwrap_or(&[]) } else { identities };
                share::open_bytes(&bytes, keys)
            });
            match result {
                Ok(export) => loaded.push(Loaded { path, export }),
                Err(e) => failed.push(Failed { path, reason: e.to_string() }),
            }
        }
        (loaded, failed)
    }
}

/// Read and open, in one call.
pub fn load(
    paths: &[PathBuf],
    identities: &[Box<dyn Identity + Send + Sync>],
    passphrase: &mut dyn FnMut() -> Option<SecretString>,
) -> (Vec<Loaded>, Vec<Failed>) {
    read(paths).open(identities, passphrase)
}

/// One participant's line in the caseload; it owns its export.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub participant: String,
    pub path: PathBuf,
    pub export: Export,
    pub overview: Overview,
    /// The most telling outcome label, if any.
    pub label: Option<Label>,
    /// Other exports of the same participant that were set aside.
    pub superseded: usize,
}

impl CaseRow {
    fn new(loaded: Loaded, superseded: usize) -> Self {
        let overview = overview_of(&loaded.export);
        let label = overview
            .outcome
            .as_ref()
            .and_then(|o| o.latest.as_ref())
            .and_then(|(_, a)| outcome::headline(&a.labels).first().copied());
        Self {
            participant: loaded.export.journal.profile.participant.clone(),
            path: loaded.path,
            export: loaded.export,
            overview,
            label,
            superseded,
        }
    }

    pub fn export_date(&self) -> NaiveDate {
        self.export.as_of()
    }

    pub fn window_days(&self) -> u32 {
        self.export.journal.window().length_days
    }

    pub fn change(&self) -> Option<f64> {
        self.overview.outcome.as_ref()?.latest.as_ref().map(|(_, a)| a.change)
    }
}

/// Every participant once (the newest export wins), and the failures.
#[derive(Debug, Clone)]
pub struct Caseload {
    pub rows: Vec<CaseRow>,
    pub failed: Vec<Failed>,
}

pub fn caseload(loaded: Vec<Loaded>, failed: Vec<Failed>) -> Caseload {
    let mut newest: Vec<(Loaded, usize)> = Vec::new();
    for l in loaded {
        let code = &l.export.journal.profile.participant;
        match newest.iter_mut().find(|(n, _)| &n.export.journal.profile.participant == code) {
            Some((kept, superseded)) => {
                *superseded += 1;
                if l.export.meta.created_at > kept.export.meta.created_at {
                    *kept = l;
                }
            }
            None => newest.push((l, 0)),
        }
    }
    let mut rows: Vec<CaseRow> = newest.into_iter().map(|(l, n)| CaseRow::new(l, n)).collect();
    rows.sort_by(|a, b| a.participant.cmp(&b.participant));
    Caseload { rows, failed }
}

/// What an export says as of the day it was made, within what it covers.
pub fn overview_of(export: &Export) -> Overview {
    Overview::new(&export.journal, export.as_of(), &export.coverage())
}

/// One line saying whose export this is, what it covers and when it was made.
pub fn describe(export: &Export) -> String {
    let f = &export.meta.filters;
    let range = match (f.from, f.to) {
        (None, None) => String::new(),
        (a, b) => format!(
            " \u{b7} {} to {}",
            a.map_or("start".into(), |d| d.to_string()),
            b.map_or("end".into(), |d| d.to_string())
        ),
    };
    let notes = if f.notes_withheld { " \u{b7} notes withheld" } else { "" };
    format!("{} \u{b7} exported {}{range}{notes}", export.journal.profile.participant, export.as_of())
}
