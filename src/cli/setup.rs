//! `followup init` and `followup passphrase`, and unlocking for every other command.

use super::{CmdResult, Failure, exit, values};
use crate::journal::{Profile, participant_code};
use crate::paths::Paths;
use crate::store::Store;
use crate::store::passphrase::{self, Which};
use crate::window::{DEFAULT_LENGTH_DAYS, Window};
use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::Args;

/// The moment of a command, with the local offset: every timestamp the
/// program writes comes from here, never from the user.
pub fn now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Unlock the database with the passphrase from the environment or the terminal.
pub fn open(paths: &Paths) -> Result<Store, Failure> {
    let db = paths.database();
    if !db.is_file() {
        return Err(crate::store::StoreError::NotFound(db).into());
    }
    let passphrase = passphrase::obtain()?;
    Ok(Store::open(&paths.data_dir, &passphrase)?)
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Participant code, e.g. TRD-014 (no names: this code is what exports carry)
    #[arg(long, value_name = "CODE")]
    participant: String,
    /// Date of the dosing session (day 0)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
    dosing_date: NaiveDate,
    /// Length of the follow-up window in days
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LENGTH_DAYS)]
    window_days: u32,
    /// PHQ-9 every N days (1 = daily)
    #[arg(long = "phq9-every", value_name = "N", default_value_t = 1)]
    phq9_every: u32,
    /// Who to contact in your care team, shown on the safety screen (kept encrypted, never exported)
    #[arg(long, value_name = "TEXT")]
    care_contact: Option<String>,
}

pub fn init(paths: &Paths, args: InitArgs) -> CmdResult {
    let participant = participant_code(&args.participant).map_err(|e| Failure::input(e.to_string()))?;
    let window = Window::new(args.dosing_date, args.window_days, args.phq9_every)
        .map_err(|e| Failure::input(e.to_string()))?;
    let db = paths.database();
    if db.exists() {
        return Err(crate::store::StoreError::AlreadyExists(db).into());
    }
    let passphrase = passphrase::obtain_new(Which::Current)?;
    let profile = Profile::new(participant, window, args.care_contact);
    let store = Store::create(&paths.data_dir, &passphrase, &profile, now())?;
    println!("Created {} for {}.", store.path().display(), profile.participant);
    println!(
        "Day 0 (dosing session) is {}; the window runs {} days to {}; PHQ-9 {}.",
        window.dosing_date,
        window.length_days,
        window.end_date(),
        cadence(window.phq9_every)
    );
    println!("Keep the passphrase safe: without it the data cannot be recovered.");
    Ok(exit::OK)
}

pub fn cadence(every: u32) -> String {
    if every == 1 { "daily".into() } else { format!("every {every} days") }
}

pub fn change_passphrase(paths: &Paths) -> CmdResult {
    let mut store = open(paths)?;
    let new = passphrase::obtain_new(Which::New)?;
    store.change_passphrase(&new)?;
    println!("Passphrase changed. The old one no longer opens {}.", store.path().display());
    Ok(exit::OK)
}
