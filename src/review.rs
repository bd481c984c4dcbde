//! The therapist's side: open many sealed exports in memory (no database, no
//! plaintext on disk), keep the newest export of each participant, and
//! summarise each for the caseload table.

use crate::outcome::{self, Label};
use crate::overview::Overview;
use crate::share::{self, Export, ReadError};
use age::Identity;
use age::secrecy::SecretString;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

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

/// Files to open: the files given, and every `*.age` file in the folders given.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| {
                    rd.flatten()
                        .map(|e| e.path())
                        .filter(|f| f.extension().is_some_and(|x| x == "age"))
                        .collect()
                })
                .unwrap_or_default();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Open every file with the identities; a passphrase-sealed file asks
/// `passphrase` (once; the answer is reused for the others).
pub fn load(
    files: &[PathBuf],
    identities: &[Box<dyn Identity + Send + Sync>],
    passphrase: &mut dyn FnMut() -> Option<SecretString>,
) -> (Vec<Loaded>, Vec<Failed>) {
    let mut with_pass: Option<Vec<Box<dyn Identity + Send + Sync>>> = None;
    let mut loaded = Vec::new();
    let mut failed = Vec::new();
    for path in files {
        let result = share::read_bytes(path).and_then(|bytes| {
            let scrypt = share::seal::is_passphrase_sealed(&bytes).map_err(ReadError::from)?;
            if scrypt && with_pass.is_none() {
                with_pass = passphrase().map(|p| vec![share::seal::passphrase_identity(p)]);
            }
            let keys = if scrypt { with_pass.as_deref().unwrap_or(&[]) } else { identities };
            share::open_bytes(&bytes, keys)
        });
        match result {
            Ok(export) => loaded.push(Loaded { path: path.clone(), export }),
            Err(e) => failed.push(Failed { path: path.clone(), reason: e.to_string() }),
        }
    }
    (loaded, failed)
}

/// Read the identity files a therapist names.
pub fn identities(files: &[PathBuf]) -> Result<Vec<Box<dyn Identity + Send + Sync>>, String> {
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f)
            .map_err(|e| format!("cannot read identity {}: {}", f.display(), crate::paths::io_reason(&e)))?;
        out.extend(
            share::seal::identities_from(&text)
                .map_err(|e| format!("{} is not an age identity file: {e}", f.display()))?,
        );
    }
    Ok(out)
}

/// The day an export describes: the day it was made.
pub fn as_of(export: &Export) -> NaiveDate {
    export.meta.created_at.date_naive()
}

/// One participant's line in the caseload.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub participant: String,
    pub path: PathBuf,
    pub export_date: NaiveDate,
    pub overview: Overview,
    pub window_days: u32,
    /// The most telling outcome label, if any.
    pub label: Option<Label>,
    /// Older exports of the same participant that were set aside.
    pub superseded: usize,
}

impl CaseRow {
    pub fn change(&self) -> Option<f64> {
        self.overview.outcome.as_ref()?.latest.as_ref().map(|(_, a)| a.change)
    }
}

/// Every participant once (the newest export wins), and the failures.
#[derive(Debug, Clone)]
pub struct Caseload {
    pub rows: Vec<CaseRow>,
    /// The export behind each row, in the same order.
    pub exports: Vec<Export>,
    pub failed: Vec<Failed>,
}

pub fn caseload(loaded: Vec<Loaded>, failed: Vec<Failed>) -> Caseload {
    let mut newest: Vec<(Loaded, usize)> = Vec::new();
    for l in loaded {
        let code = l.export.journal.profile.participant.clone();
        match newest.iter_mut().find(|(n, _)| n.export.journal.profile.participant == code) {
            Some((kept, superseded)) => {
                *superseded += 1;
                if l.export.meta.created_at > kept.export.meta.created_at {
                    *kept = l;
                }
            }
            None => newest.push((l, 0)),
        }
    }
    newest
        .sort_by(|a, b| a.0.export.journal.profile.participant.cmp(&b.0.export.journal.profile.participant));
    let mut rows = Vec::new();
    let mut exports = Vec::new();
    for (l, superseded) in newest {
        let overview = overview_of(&l.export);
        let label = overview
            .outcome
            .as_ref()
            .and_then(|o| o.latest.as_ref())
            .and_then(|(_, a)| outcome::headline(&a.labels).first().copied());
        rows.push(CaseRow {
            participant: l.export.journal.profile.participant.clone(),
            path: l.path.clone(),
            export_date: as_of(&l.export),
            window_days: l.export.journal.window().length_days,
            overview,
            label,
            superseded,
        });
        exports.push(l.export);
    }
    Caseload { rows, exports, failed }
}

/// Every safety flag an export carries, newest first: the flags of its
/// entries and those it carries from outside its date filters.
pub fn safety_of(export: &Export) -> Vec<crate::overview::SafetyDay> {
    let mut out = crate::overview::safety_days(&export.journal);
    for f in &export.safety_flags {
        if !out.iter().any(|s| s.entry_id == f.entry_id) {
            out.push(crate::overview::SafetyDay {
                date: f.date,
                day: f.day,
                entry_id: f.entry_id,
                item9: f.item9,
                since_changed: false,
            });
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.date));
    out
}

/// What an export says as of the day it was made. A partial export (date
/// filters) cannot say everything: without the days up to day 0 there is no
/// baseline, so no outcome; adherence and the streak need every day.
pub fn overview_of(export: &Export) -> Overview {
    let journal = &export.journal;
    let mut o = Overview::new(journal, as_of(export));
    o.safety = safety_of(export);
    let f = &export.meta.filters;
    if f.partial() {
        o.adherence = crate::window::Adherence { mood: None, phq9: None };
        o.streak = 0;
        if f.from.is_some_and(|from| from > journal.window().dosing_date) {
            o.outcome = None;
        }
    }
    o
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
    format!("{} \u{b7} exported {}{range}{notes}", export.journal.profile.participant, as_of(export))
}

/// Where the default identity lives, if `followup keygen` wrote one.
pub fn default_identity(config_dir: &Path) -> Option<PathBuf> {
    let p = config_dir.join(crate::paths::IDENTITY_FILE);
    p.is_file().then_some(p)
}
