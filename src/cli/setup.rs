//! `followup init` and `followup passphrase`, and unlocking for every other command.

use super::passphrase::{self, Which};
use super::{CmdResult, Failure, exit, stdout};
use crate::journal::{Profile, participant_code};
use crate::paths::Paths;
use crate::store::{Store, StoreError};
use crate::window::{DEFAULT_LENGTH_DAYS, Window};
use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::Args;
use std::io::Write;

/// The moment of a command, with the local offset: every timestamp the
/// program writes comes from here, never from the user.
pub fn now() -> DateTime<FixedOffset> {
    crate::clock::system()
}

fn existing(paths: &Paths) -> Result<(), Failure> {
    let db = paths.database();
    if db.is_file() { Ok(()) } else { Err(StoreError::NotFound(db).into()) }
}

/// Unlock the database to read and write, with the passphrase from the
/// environment or the terminal.
pub fn open(paths: &Paths) -> Result<Store, Failure> {
    existing(paths)?;
    let passphrase = passphrase::obtain()?;
    with_whole_variable(Store::open(&paths.data_dir, &passphrase), |p| Store::open(&paths.data_dir, p))
}

/// Unlock the database to read only: nothing on disk is created or changed.
pub fn open_read(paths: &Paths) -> Result<Store, Failure> {
    existing(paths)?;
    let passphrase = passphrase::obtain()?;
    with_whole_variable(Store::open_read(&paths.data_dir, &passphrase), |p| {
        Store::open_read(&paths.data_dir, p)
    })
}

/// A database set up before every source took its first line may hold the
/// whole of a multi-line `FOLLOWUP_PASSPHRASE`: it still opens, once more
/// with that, and says how to move to one line.
fn with_whole_variable(
    first: Result<Store, crate::store::StoreError>,
    again: impl FnOnce(&secrecy::SecretString) -> Result<Store, crate::store::StoreError>,
) -> Result<Store, Failure> {
    match first {
        Err(crate::store::StoreError::WrongPassphrase(path)) => match passphrase::whole_variable() {
            Some(whole) => {
                let store = again(&whole)?;
                eprintln!(
                    "followup: this database was set up with every line of FOLLOWUP_PASSPHRASE; every source now takes the first line only: run `followup passphrase` to choose a one-line passphrase"
                );
                Ok(store)
            }
            None => Err(crate::store::StoreError::WrongPassphrase(path).into()),
        },
        other => Ok(other?),
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Participant code, e.g. TRD-014 (no names: this code is what exports carry)
    #[arg(long, value_name = "CODE")]
    participant: String,
    /// Date of the dosing session (day 0)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse::date)]
    dosing_date: NaiveDate,
    /// Length of the follow-up window in days
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LENGTH_DAYS)]
    window_days: u32,
    /// PHQ-9 every N days (1 = daily)
    #[arg(long = "phq9-every", value_name = "N", default_value_t = 1)]
    phq9_every: u32,
    /// GAD-7 every N days (0 = not used)
    #[arg(long = "gad7-every", value_name = "N", default_value_t = 0)]
    gad7_every: u32,
    /// Who to contact in your care team, shown on the safety screen (kept encrypted, never exported)
    #[arg(long, value_name = "TEXT")]
    care_contact: Option<String>,
}

pub fn init(paths: &Paths, args: InitArgs) -> CmdResult {
    let participant = participant_code(&args.participant)?;
    let window = Window::new(args.dosing_date, args.window_days, args.phq9_every)?
        .with_gad7_every(args.gad7_every)?
        .check_new(now().date_naive())?;
    crate::store::check_free(&paths.data_dir)?;
    let passphrase = passphrase::obtain_new(Which::Current)?;
    let profile = Profile::new(participant, window, args.care_contact);
    let store = Store::create(&paths.data_dir, &passphrase, &profile, now())?;
    let mut out = stdout();
    writeln!(out, "Created {} for {}.", store.path().display(), profile.participant)?;
    writeln!(
        out,
        "Day 0 (dosing session) is {}; the window runs {} days to {}; PHQ-9 {}{}.",
        window.dosing_date,
        window.length_days,
        window.end_date(),
        crate::window::cadence(window.phq9_every),
        if window.uses_gad7() {
            format!("; GAD-7 {}", crate::window::cadence(window.gad7_every))
        } else {
            String::new()
        }
    )?;
    writeln!(out, "Keep the passphrase safe: without it the data cannot be recovered.")?;
    Ok(exit::OK)
}

pub fn change_passphrase(paths: &Paths) -> CmdResult {
    let mut store = open(paths)?;
    let new = passphrase::obtain_new(Which::New)?;
    store.change_passphrase(&new)?;
    let mut out = stdout();
    writeln!(out, "Passphrase changed. The old one no longer opens {}.", store.path().display())?;
    // older backups keep the old key: one under the new passphrase, at once
    let dir = crate::store::backups_dir(&paths.data_dir);
    let older = crate::store::backups_in(&dir).len();
    match store.backup_into(&dir, now()) {
        Ok(made) => {
            crate::store::prune(&dir, crate::store::KEEP, &made.path)?;
            writeln!(
                out,
                "A fresh backup under the new passphrase: {} (checked: it opens with it and is whole).",
                made.path.display()
            )?;
        }
        Err(e) => writeln!(
            out,
            "No backup under the new passphrase could be made ({e}): run `followup backup` once it can."
        )?,
    }
    if older > 0 {
        let (which, opens, them) = if older == 1 {
            ("The backup".to_string(), "opens", "it")
        } else {
            (format!("The {older} backups"), "open", "them")
        };
        writeln!(
            out,
            "{which} made before, in {} (and any copies elsewhere), still {opens} with the old passphrase only: keep that passphrase somewhere safe while you may need {them}.",
            dir.display()
        )?;
    }
    Ok(exit::OK)
}
