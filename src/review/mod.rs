//! The therapist's side: open many sealed exports in memory (no database, no
//! plaintext on disk), keep one export per participant, and summarise each
//! for the caseload table. Each file is read once.

pub mod columns;

use crate::cohort::Cohort;
use crate::course::Course;
use crate::files::{self, FileError};
use crate::outcome::{self, Label};
use crate::overview::{self, FlagSource, Overview, SafetyFlag};
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

/// Read every file (only regular files, never past the size limit). A file
/// that does not start with an age header is let go at once, so a folder of
/// large files that are not exports never sits in memory together.
pub fn read(paths: &[PathBuf]) -> Read {
    let read_one = |p: &PathBuf| {
        share::read_bytes(p).and_then(|bytes| {
            share::seal::is_passphrase_sealed(&bytes).map_err(ReadError::from)?;
            Ok(bytes)
        })
    };
    Read { files: paths.iter().map(|p| (p.clone(), read_one(p))).collect() }
}

impl Read {
    /// Whether every file that could be read is sealed with a passphrase
    /// (so no identity is needed).
    pub fn all_passphrase_sealed(&self) -> bool {
        self.files
            .iter()
            .all(|(_, r)| r.as_ref().is_ok_and(|b| share::seal::is_passphrase_sealed(b).unwrap_or(false)))
    }

    /// Decrypt and check every file with the identities, on every core; a
    /// passphrase-sealed file asks `passphrase` (once, before any work; the
    /// answer is used for all of them). The results are in the files' order.
    pub fn open(
        self,
        identities: &[Box<dyn Identity + Send + Sync>],
        passphrase: &mut dyn FnMut() -> Option<SecretString>,
    ) -> (Vec<Loaded>, Vec<Failed>) {
        let sealed_with_passphrase = |bytes: &Bytes| {
            bytes.as_ref().is_ok_and(|b| share::seal::is_passphrase_sealed(b).unwrap_or(false))
        };
        let with_pass: Identities = if self.files.iter().any(|(_, b)| sealed_with_passphrase(b)) {
            passphrase().map(|p| vec![share::seal::passphrase_identity(p)]).unwrap_or_default()
        } else {
            Vec::new()
        };
        let opened = crate::parallel::map(self.files, |(path, bytes)| {
            let result = bytes.and_then(|bytes| {
                let scrypt = share::seal::is_passphrase_sealed(&bytes).map_err(ReadError::from)?;
                share::open_bytes(&bytes, if scrypt { &with_pass } else { identities })
            });
            (path, result)
        });
        let mut loaded = Vec::new();
        let mut failed = Vec::new();
        for (path, result) in opened {
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

/// Another export of a caseload row's participant, not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub path: PathBuf,
    pub exported: NaiveDate,
    pub partial: bool,
    pub reason: AsideReason,
    /// Its safety flags: every one is shown on the row, whichever export
    /// the figures come from.
    pub flags: Vec<SafetyFlag>,
}

/// Why an export was set aside for the one used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsideReason {
    /// The same export as the one used, in another file.
    Copy,
    /// A partial export, where a full one is used.
    Partial,
    /// Made before the one used.
    Older,
    /// Made at the same moment as the one used, with other content.
    SameTime,
}

impl AsideReason {
    fn of(aside: &Export, used: &Export) -> Self {
        if aside == used {
            AsideReason::Copy
        } else if aside.meta.filters.partial() && !used.meta.filters.partial() {
            AsideReason::Partial
        } else if aside.meta.created_at < used.meta.created_at {
            AsideReason::Older
        } else {
            AsideReason::SameTime
        }
    }

    /// As JSON says it: `copy`, `partial`, `older`, `same_time`.
    pub fn key(self) -> &'static str {
        match self {
            AsideReason::Copy => "copy",
            AsideReason::Partial => "partial",
            AsideReason::Older => "older",
            AsideReason::SameTime => "same_time",
        }
    }
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
    /// Other exports of the same participant, not used.
    pub set_aside: Vec<SetAside>,
}

impl CaseRow {
    fn new(loaded: Loaded, set_aside: Vec<SetAside>) -> Self {
        let mut overview = overview_of(&loaded.export);
        for aside in &set_aside {
            let name = files::file_name(&aside.path);
            overview::merge_flags(
                &mut overview.safety,
                aside
                    .flags
                    .iter()
                    .map(|f| SafetyFlag { source: FlagSource::OtherFile(name.clone()), ..f.clone() }),
            );
        }
        let label = overview
            .outcome
            .as_ref()
            .and_then(|o| o.now.as_ref())
            .and_then(|now| outcome::headline(&now.assessment.labels).first().copied());
        Self {
            participant: loaded.export.journal.profile.participant.clone(),
            path: loaded.path,
            export: loaded.export,
            overview,
            label,
            set_aside,
        }
    }

    pub fn export_date(&self) -> NaiveDate {
        self.export.as_of()
    }

    pub fn window_days(&self) -> u32 {
        self.export.journal.window().length_days
    }

    pub fn change(&self) -> Option<f64> {
        self.overview.outcome.as_ref()?.now.as_ref().map(|now| now.assessment.change)
    }

    /// A partial export (`--from`/`--to`): no baseline, no course.
    pub fn partial(&self) -> bool {
        self.export.meta.filters.partial()
    }

    pub fn course(&self) -> Option<&Course> {
        self.overview.course.as_ref()
    }

    /// Where the participant's response stands.
    pub fn status(&self) -> Status {
        Status::of(self.course())
    }
}

/// Below this share of days with a mood entry, adherence is marked in the
/// caseload: disengagement is a risk signal.
pub const LOW_ADHERENCE_PERCENT: u32 = 70;
/// From this many days without an entry (as of the export), marked too.
pub const QUIET_DAYS: i64 = 3;

impl CaseRow {
    /// How far the latest scored week is above the best one, when the
    /// course says it is rising from best.
    pub fn rise(&self) -> Option<f64> {
        let c = self.course().filter(|c| c.rising_from_best)?;
        Some(c.latest_scored()?.1 - c.best?.1)
    }

    /// Whether adherence is low enough to be marked.
    pub fn low_adherence(&self) -> bool {
        self.overview.adherence.mood.is_some_and(|m| m.percent() < LOW_ADHERENCE_PERCENT)
    }

    /// Days from the last entry to the export; `None` for a partial export,
    /// which ends where its range does and so cannot tell when the
    /// participant last checked in.
    pub fn days_since_last_entry(&self) -> Option<i64> {
        if self.partial() { None } else { self.overview.days_since_last_entry() }
    }

    /// Whether the participant has been quiet long enough to be marked.
    pub fn quiet(&self) -> bool {
        self.days_since_last_entry().is_some_and(|d| d >= QUIET_DAYS)
    }
}

/// Where a participant's response stands, for the caseload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Responding since week N, never lost.
    Responding(u32),
    /// Response lost in week `lost`, responding again since week `since`:
    /// the loss stands (the cohort's durability counts it).
    Again { lost: u32, since: u32 },
    /// Response lost in week N, not regained.
    Lost(u32),
    /// Baseline 10 or more, no response week yet.
    None,
    /// Baseline below 10: response does not apply.
    NotApplicable,
    /// No course to judge: a partial export, or no PHQ-9 after a baseline.
    Unknown,
}

impl Status {
    pub fn of(course: Option<&Course>) -> Self {
        let Some(c) = course else { return Status::Unknown };
        let Some(b) = &c.baseline else { return Status::Unknown };
        if !b.caseness() {
            return Status::NotApplicable;
        }
        match (c.first_response_week, c.response_lost_week, c.responding_again_since()) {
            (Some(_), Some(lost), Some(since)) => Status::Again { lost, since },
            (Some(_), Some(lost), None) => Status::Lost(lost),
            (Some(first), None, _) => Status::Responding(first),
            _ if c.scored_weeks == 0 => Status::Unknown,
            _ => Status::None,
        }
    }

    /// For a table cell of 15 columns: `responding w3→`, `lost w9, w12→`
    /// (lost in week 9, responding again since week 12), `lost w9`, `none`,
    /// `n/a`, `?`.
    pub fn short(self) -> String {
        match self {
            Status::Responding(k) => format!("responding w{k}\u{2192}"),
            Status::Again { lost, since } => format!("lost w{lost}, w{since}\u{2192}"),
            Status::Lost(k) => format!("lost w{k}"),
            Status::None => "none".into(),
            Status::NotApplicable => "n/a".into(),
            Status::Unknown => "?".into(),
        }
    }
}

/// Every participant once, the exports left out, and the cohort figures.
#[derive(Debug, Clone)]
pub struct Caseload {
    pub rows: Vec<CaseRow>,
    pub failed: Vec<Failed>,
    /// Over the rows with a course (partial exports stay out).
    pub cohort: Cohort,
}

impl Caseload {
    /// The participants whose export is partial, so left out of the cohort.
    pub fn partial(&self) -> Vec<&str> {
        self.rows.iter().filter(|r| r.partial()).map(|r| r.participant.as_str()).collect()
    }
}

/// Which of two exports of one participant to use: the one that covers
/// more (a full export over a partial one), then the newest.
fn better(a: &Export, b: &Export) -> bool {
    (!a.meta.filters.partial(), a.meta.created_at) > (!b.meta.filters.partial(), b.meta.created_at)
}

/// One row per participant, summarised on every core, in code order.
pub fn caseload(loaded: Vec<Loaded>, failed: Vec<Failed>) -> Caseload {
    let mut by_participant: Vec<(Loaded, Vec<Loaded>)> = Vec::new();
    for l in loaded {
        let code = &l.export.journal.profile.participant;
        match by_participant.iter_mut().find(|(n, _)| &n.export.journal.profile.participant == code) {
            Some((kept, aside)) => {
                let other = if better(&l.export, &kept.export) { std::mem::replace(kept, l) } else { l };
                aside.push(other);
            }
            None => by_participant.push((l, Vec::new())),
        }
    }
    // why each was set aside, against the export finally used
    let mut chosen: Vec<(Loaded, Vec<SetAside>)> = by_participant
        .into_iter()
        .map(|(kept, others)| {
            let aside = others
                .into_iter()
                .map(|o| SetAside {
                    flags: overview::safety_flags(&o.export.journal, &o.export.safety_flags),
                    exported: o.export.as_of(),
                    partial: o.export.meta.filters.partial(),
                    reason: AsideReason::of(&o.export, &kept.export),
                    path: o.path,
                })
                .collect();
            (kept, aside)
        })
        .collect();
    chosen
        .sort_by(|a, b| a.0.export.journal.profile.participant.cmp(&b.0.export.journal.profile.participant));
    let rows: Vec<CaseRow> = crate::parallel::map(chosen, |(l, aside)| CaseRow::new(l, aside));
    let cohort = Cohort::new(rows.iter().filter_map(CaseRow::course))
        .with_paired(rows.iter().filter(|r| !r.partial()).filter_map(|r| r.overview.paired.as_ref()));
    Caseload { rows, failed, cohort }
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
