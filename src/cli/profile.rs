//! `followup profile`: the profile and its history; with changes, a
//! correction saved as a new version with a reason (nothing is changed in
//! place). Day numbers, weeks and outcomes follow a corrected dosing date.

use super::setup::{now, open, open_read};
use super::{CmdResult, Failure, exit, stdout};
use crate::journal::ProfileVersion;
use crate::parse;
use crate::paths::Paths;
use crate::window::Window;
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// Correct the date of the dosing session (day 0)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse::date)]
    dosing_date: Option<NaiveDate>,
    /// Correct the length of the follow-up window, in days
    #[arg(long, value_name = "N")]
    window_days: Option<u32>,
    /// The PHQ-9 every N days (1 = daily)
    #[arg(long = "phq9-every", value_name = "N")]
    phq9_every: Option<u32>,
    /// The GAD-7 every N days (0 = not used)
    #[arg(long = "gad7-every", value_name = "N")]
    gad7_every: Option<u32>,
    /// Read the care contact from a file, or from standard input with `-` (an empty one removes it)
    #[arg(long, value_name = "PATH|-")]
    care_contact_file: Option<PathBuf>,
    /// Why the profile is corrected (required with a change; kept in its history)
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
}

impl ProfileArgs {
    fn changes(&self) -> bool {
        self.dosing_date.is_some()
            || self.window_days.is_some()
            || self.phq9_every.is_some()
            || self.gad7_every.is_some()
            || self.care_contact_file.is_some()
    }
}

fn version_line(v: &ProfileVersion) -> String {
    let what = if v.number == 1 { "set up" } else { "corrected" };
    format!(
        "  v{} {} {what}: {}",
        v.number,
        v.recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        v.window.describe()
    )
}

pub fn run(paths: &Paths, a: ProfileArgs) -> CmdResult {
    if !a.changes() {
        if a.reason.is_some() {
            return Err(Failure::input("--reason goes with a change (see `followup profile --help`)"));
        }
        return show(paths);
    }
    let Some(reason) = a.reason.as_deref() else {
        return Err(Failure::input("a correction needs --reason (it is kept in the profile's history)"));
    };
    crate::record::reason(reason)?;
    let care_contact = match &a.care_contact_file {
        Some(path) => {
            let note = super::NoteArg { note_file: Some(path.clone()) }.read()?;
            Some(note.map(|c| c.trim().to_string()).filter(|c| !c.is_empty()))
        }
        None => None,
    };
    let mut store = open(paths)?;
    let profile = store.profile()?;
    let w = profile.window;
    let window = Window::new(
        a.dosing_date.unwrap_or(w.dosing_date),
        a.window_days.unwrap_or(w.length_days),
        a.phq9_every.unwrap_or(w.phq9_every),
    )
    .and_then(|new| new.with_gad7_every(a.gad7_every.unwrap_or(w.gad7_every)))
    .and_then(|new| new.check_correction(w, now().date_naive()))?;
    let contact = care_contact.unwrap_or(profile.care_contact.clone());
    let version = store.correct_profile(window, contact, reason, now())?;
    super::warn_if_backup_failed(&store);
    let mut out = stdout();
    writeln!(out, "Profile corrected (version {version}): {}.", window.describe())?;
    if window.dosing_date != w.dosing_date {
        writeln!(
            out,
            "Day numbers, weeks and outcomes now count from {}; the dosing session's event moved with it.",
            window.dosing_date
        )?;
    }
    Ok(exit::OK)
}

fn show(paths: &Paths) -> CmdResult {
    let store = open_read(paths)?;
    let profile = store.profile()?;
    let mut out = stdout();
    writeln!(out, "{}: {}", profile.participant, profile.window.describe())?;
    match &profile.care_contact {
        Some(c) => writeln!(out, "Care contact: {}", crate::text::terminal(c))?,
        None => writeln!(out, "Care contact: none (the safety screen shows the crisis lines)")?,
    }
    if store.daily_backup_on()? {
        writeln!(
            out,
            "Daily backup: on, the first save of each day copies the database to {} (`followup backup --daily off` switches it off)",
            crate::store::backups_dir(&paths.data_dir).display()
        )?;
    } else {
        writeln!(out, "Daily backup: off (`followup backup --daily on` switches it on again)")?;
    }
    writeln!(out, "History:")?;
    for v in &profile.versions {
        writeln!(out, "{}", version_line(v))?;
        if let Some(r) = &v.reason {
            writeln!(out, "      reason: {}", crate::text::terminal(r))?;
        }
    }
    Ok(exit::OK)
}
