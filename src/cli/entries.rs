//! `followup log`, `list`, `history`, `amend` and `retract`.

use super::setup::{now, open};
use super::{CmdResult, Failure, NoteArg, exit, values};
use crate::instrument::{Mood, Phq9, SleepHours};
use crate::journal::Profile;
use crate::paths::{Paths, printable};
use crate::record::{Entry, EntryData, Record, Version};
use crate::window::Window;
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Today's mood entry (mood required; the rest optional)
    Mood(MoodArgs),
    /// The PHQ-9: nine answers 0–3 in item order
    Phq9(Phq9Args),
}

#[derive(Debug, Args, Default)]
pub struct MoodFields {
    /// Mood 0–10 (0 = worst, 10 = best)
    #[arg(long, value_name = "0-10", value_parser = values::scale, allow_negative_numbers = true)]
    mood: Option<u8>,
    /// Anxiety 0–10
    #[arg(long, value_name = "0-10", value_parser = values::scale, allow_negative_numbers = true)]
    anxiety: Option<u8>,
    /// Energy 0–10
    #[arg(long, value_name = "0-10", value_parser = values::scale, allow_negative_numbers = true)]
    energy: Option<u8>,
    /// Hours of sleep, 0–24 in half-hour steps
    #[arg(long, value_name = "HOURS", value_parser = values::sleep, allow_negative_numbers = true)]
    sleep: Option<SleepHours>,
    #[command(flatten)]
    note: NoteArg,
    /// A short tag, e.g. meditation (repeat for more)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
}

#[derive(Debug, Args)]
pub struct MoodArgs {
    #[command(flatten)]
    fields: MoodFields,
    /// The day it is for (default today; an earlier day is marked late)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
    date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct Phq9Args {
    /// Nine answers 0–3 separated by commas, in item order
    #[arg(long, value_name = "A1,...,A9", value_parser = values::answers, allow_hyphen_values = true)]
    answers: values::Answers,
    /// Item 10: how difficult, 0 (not at all) to 3 (extremely)
    #[arg(long, value_name = "0-3", value_parser = values::difficulty, allow_negative_numbers = true)]
    difficulty: Option<u8>,
    /// The day it is for (default today; an earlier day is marked late)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
    date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// First day to list
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
    from: Option<NaiveDate>,
    /// Last day to list
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
    to: Option<NaiveDate>,
    /// JSON output, a stable format documented in the README
    #[arg(long)]
    json: bool,
}

/// Fields an amendment can clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Clearable {
    Anxiety,
    Energy,
    Sleep,
    Note,
    Tags,
    Difficulty,
}

#[derive(Debug, Args)]
pub struct AmendArgs {
    #[arg(value_parser = values::id)]
    entry_id: i64,
    #[command(flatten)]
    mood: MoodFields,
    /// PHQ-9: nine new answers 0–3
    #[arg(long, value_name = "A1,...,A9", value_parser = values::answers, allow_hyphen_values = true)]
    answers: Option<values::Answers>,
    /// PHQ-9 item 10, 0–3
    #[arg(long, value_name = "0-3", value_parser = values::difficulty, allow_negative_numbers = true)]
    difficulty: Option<u8>,
    /// Move the entry to another day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
    date: Option<NaiveDate>,
    /// Remove an optional field (repeatable)
    #[arg(long, value_enum, value_name = "FIELD")]
    clear: Vec<Clearable>,
    /// Why it is corrected (required; kept in the history)
    #[arg(long, value_name = "TEXT")]
    reason: String,
}

#[derive(Debug, Args)]
pub struct RetractArgs {
    #[arg(value_parser = values::id)]
    entry_id: i64,
    /// Why it is withdrawn (required; kept in the history)
    #[arg(long, value_name = "TEXT")]
    reason: String,
}

/// A day for an entry: today by default; never in the future.
fn entry_day(date: Option<NaiveDate>, today: NaiveDate) -> Result<NaiveDate, Failure> {
    let day = date.unwrap_or(today);
    if day > today {
        return Err(Failure::input(crate::window::DayError::Future(day).to_string()));
    }
    Ok(day)
}

/// The same, against the participant's window too (after unlocking).
fn check_day(window: &Window, day: NaiveDate, today: NaiveDate) -> Result<(), Failure> {
    window.check_entry_day(day, today).map_err(invalid)
}

fn invalid(e: impl std::fmt::Display) -> Failure {
    Failure::input(e.to_string())
}

pub fn log(paths: &Paths, cmd: LogCommand) -> CmdResult {
    let now = now();
    let today = now.date_naive();
    // validate everything before asking for the passphrase
    let data = match &cmd {
        LogCommand::Mood(a) => {
            let f = &a.fields;
            let mood = f.mood.ok_or_else(|| Failure::input("--mood is required (0–10)"))?;
            let note = f.note.read()?;
            let m = Mood::new(mood)
                .and_then(|m| m.with_anxiety(f.anxiety))
                .and_then(|m| m.with_energy(f.energy))
                .map(|m| m.with_sleep(f.sleep))
                .and_then(|m| m.with_note(note.as_deref()))
                .and_then(|m| m.with_tags(&f.tags))
                .map_err(invalid)?;
            EntryData { day: entry_day(a.date, today)?, record: Record::Mood(m) }
        }
        LogCommand::Phq9(a) => EntryData {
            day: entry_day(a.date, today)?,
            record: Record::Phq9(Phq9::new(&a.answers.0, a.difficulty).map_err(invalid)?),
        },
    };
    let mut store = open(paths)?;
    let profile = store.profile()?;
    check_day(&profile.window, data.day, today)?;
    let id = store.add_entry(&data, now)?;
    println!("Saved {} as entry {id}.", describe(&data, &profile.window));
    if data.day < today {
        println!("Marked late: recorded on {today} for {}.", data.day);
    }
    if data.record.safety_signal() {
        print_safety(&profile);
    }
    Ok(exit::OK)
}

/// The safety information, printed after an item-9 answer above 0 is saved.
pub fn print_safety(profile: &Profile) {
    println!();
    println!("{}", crate::journal::SAFETY_HEADING);
    for line in profile.safety_lines() {
        println!("{line}");
    }
}

fn describe(data: &EntryData, window: &Window) -> String {
    let day = window.day_of(data.day);
    let what = match &data.record {
        Record::Phq9(p) => match p.score() {
            Some(s) => format!(
                "PHQ-9 {}{} ({})",
                s.total,
                if s.prorated { " prorated" } else { "" },
                crate::instrument::Severity::of(s.total)
            ),
            None => "PHQ-9 (too many items missing to score)".into(),
        },
        Record::Mood(m) => format!("mood {}", m.mood()),
    };
    format!("{what} for {} (day {day})", data.day)
}

pub fn amend(paths: &Paths, a: AmendArgs) -> CmdResult {
    if a.reason.trim().is_empty() {
        return Err(Failure::input("--reason must say why the entry is corrected"));
    }
    let now = now();
    let today = now.date_naive();
    let note = a.mood.note.read()?;
    if let Some(d) = a.date {
        entry_day(Some(d), today)?;
    }
    let mut store = open(paths)?;
    let entry = store.entry(a.entry_id)?;
    let current = &entry.current().data;
    let clears = |field| a.clear.contains(&field);
    let record = match &current.record {
        Record::Mood(old) => {
            if a.answers.is_some() || a.difficulty.is_some() || clears(Clearable::Difficulty) {
                return Err(Failure::input(format!(
                    "entry {} is a mood entry: --answers and --difficulty are for PHQ-9 entries",
                    a.entry_id
                )));
            }
            let f = &a.mood;
            let pick =
                |new: Option<u8>, old: Option<u8>, field| if clears(field) { None } else { new.or(old) };
            let tags: Vec<String> = if clears(Clearable::Tags) {
                Vec::new()
            } else if f.tags.is_empty() {
                old.tags().to_vec()
            } else {
                f.tags.clone()
            };
            let note =
                if clears(Clearable::Note) { None } else { note.or_else(|| old.note().map(str::to_string)) };
            let sleep = if clears(Clearable::Sleep) { None } else { f.sleep.or(old.sleep()) };
            Record::Mood(
                Mood::new(f.mood.unwrap_or(old.mood()))
                    .and_then(|m| m.with_anxiety(pick(f.anxiety, old.anxiety(), Clearable::Anxiety)))
                    .and_then(|m| m.with_energy(pick(f.energy, old.energy(), Clearable::Energy)))
                    .map(|m| m.with_sleep(sleep))
                    .and_then(|m| m.with_note(note.as_deref()))
                    .and_then(|m| m.with_tags(&tags))
                    .map_err(invalid)?,
            )
        }
        Record::Phq9(old) => {
            let f = &a.mood;
            let mood_given =
                f.mood.is_some() || f.anxiety.is_some() || f.energy.is_some() || f.sleep.is_some();
            let mood_cleared = a.clear.iter().any(|c| *c != Clearable::Difficulty);
            if mood_given || mood_cleared || note.is_some() || !f.tags.is_empty() {
                return Err(Failure::input(format!(
                    "entry {} is a PHQ-9: use --answers and --difficulty",
                    a.entry_id
                )));
            }
            let difficulty =
                if clears(Clearable::Difficulty) { None } else { a.difficulty.or(old.difficulty()) };
            let p = match &a.answers {
                Some(answers) => Phq9::new(&answers.0, difficulty),
                None => Phq9::with_missing(old.answers(), difficulty),
            };
            Record::Phq9(p.map_err(invalid)?)
        }
    };
    let data = EntryData { day: a.date.unwrap_or(current.day), record };
    if a.date.is_some() {
        check_day(&store.profile()?.window, data.day, today)?;
    }
    if data == *current {
        return Err(Failure::input(
            "nothing to change: give the corrected values (see `followup amend --help`)",
        ));
    }
    let version = store.amend_entry(a.entry_id, &data, &a.reason, now)?;
    let profile = store.profile()?;
    println!("Entry {} corrected (version {version}): {}.", a.entry_id, describe(&data, &profile.window));
    if data.record.safety_signal() {
        print_safety(&profile);
    }
    Ok(exit::OK)
}

pub fn retract(paths: &Paths, a: RetractArgs) -> CmdResult {
    let mut store = open(paths)?;
    let version = store.retract_entry(a.entry_id, &a.reason, now())?;
    println!("Entry {} retracted (version {version}); its history is kept.", a.entry_id);
    Ok(exit::OK)
}

pub fn history(paths: &Paths, id: i64) -> CmdResult {
    let store = open(paths)?;
    let entry = store.entry(id)?;
    let window = store.profile()?.window;
    println!(
        "Entry {id}: {} for {} (day {}){}",
        entry.instrument(),
        entry.day(),
        window.day_of(entry.day()),
        if entry.is_late() { ", late" } else { "" }
    );
    for v in &entry.versions {
        println!("{}", version_line(v));
        if let Some(reason) = &v.reason {
            println!("      reason: {}", printable(reason));
        }
        if let Some(note) = v.data.record.mood().and_then(Mood::note) {
            let note = printable(note).replace('\n', "\n            ");
            println!("      note:   {note}");
        }
    }
    Ok(exit::OK)
}

fn version_line(v: &Version<EntryData>) -> String {
    let what = match &v.data.record {
        Record::Phq9(p) => {
            let answers: Vec<String> =
                p.answers().iter().map(|a| a.map_or("-".into(), |x| x.to_string())).collect();
            let total = p.score().map_or("no total".into(), |s| format!("total {}", s.total));
            let difficulty = p.difficulty().map_or(String::new(), |d| format!(", item 10: {d}"));
            let flag = if p.safety_signal() { "  SAFETY (item 9)" } else { "" };
            format!("answers {} ({total}{difficulty}){flag}", answers.join(","))
        }
        Record::Mood(m) => mood_summary(m),
    };
    format!(
        "  v{} {:<10} {}  day {}  {what}",
        v.number,
        v.change.key(),
        v.recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        v.data.day
    )
}

fn mood_summary(m: &Mood) -> String {
    let mut s = format!("mood {}", m.mood());
    if let Some(a) = m.anxiety() {
        s += &format!(", anxiety {a}");
    }
    if let Some(e) = m.energy() {
        s += &format!(", energy {e}");
    }
    if let Some(h) = m.sleep() {
        s += &format!(", sleep {h} h");
    }
    if !m.tags().is_empty() {
        s += &format!(", tags {}", m.tags().join(" "));
    }
    if m.note().is_some() {
        s += ", with a note";
    }
    s
}

pub fn list(paths: &Paths, a: ListArgs) -> CmdResult {
    let store = open(paths)?;
    let journal = store.journal()?;
    let window = journal.profile.window;
    let mut entries: Vec<&Entry> = journal.in_range(a.from, a.to).filter(|e| !e.is_retracted()).collect();
    entries.sort_by_key(|e| (e.day(), e.instrument(), e.id));
    if a.json {
        let items: Vec<ListItem> = entries.iter().map(|e| ListItem::new(e, &window)).collect();
        println!("{}", serde_json::to_string_pretty(&items).map_err(|e| Failure::internal(e.to_string()))?);
        return Ok(exit::OK);
    }
    if entries.is_empty() {
        println!("No entries.");
        return Ok(exit::OK);
    }
    println!("{:>5}  {:<10}  {:>5}  {:<6}  {:<40}  flags", "id", "date", "day", "what", "values");
    for e in entries {
        let values = match e.record() {
            Record::Phq9(p) => match (p.score(), p.severity()) {
                (Some(s), Some(sev)) => format!("{}{} {}", s.total, if s.prorated { "p" } else { "" }, sev),
                _ => "no total".into(),
            },
            Record::Mood(m) => mood_summary(m),
        };
        let mut flags = Vec::new();
        if e.ever_safety_signal() {
            flags.push("SAFETY");
        }
        if e.is_late() {
            flags.push("late");
        }
        if e.versions.len() > 1 {
            flags.push("corrected");
        }
        println!(
            "{:>5}  {}  {:>5}  {:<6}  {:<40}  {}",
            e.id,
            e.day(),
            window.day_of(e.day()),
            e.instrument().label(),
            values,
            flags.join(" ")
        );
    }
    Ok(exit::OK)
}

/// One entry in `followup list --json` (documented in the README).
#[derive(Debug, Serialize)]
struct ListItem<'a> {
    id: i64,
    instrument: &'static str,
    date: NaiveDate,
    day: i64,
    /// When the entry was first recorded.
    recorded_at: String,
    /// When the current version was recorded, if it is a correction.
    amended_at: Option<String>,
    late: bool,
    version: u32,
    #[serde(flatten)]
    values: Values<'a>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Values<'a> {
    Phq9 {
        answers: [Option<u8>; 9],
        difficulty: Option<u8>,
        total: Option<u8>,
        prorated: bool,
        severity: Option<&'static str>,
        screening: Option<&'static str>,
        safety: bool,
    },
    Mood {
        mood: u8,
        anxiety: Option<u8>,
        energy: Option<u8>,
        sleep: Option<f64>,
        note: Option<&'a str>,
        tags: &'a [String],
        safety: bool,
    },
}

impl<'a> ListItem<'a> {
    fn new(e: &'a Entry, window: &Window) -> Self {
        let values = match e.record() {
            Record::Phq9(p) => Values::Phq9 {
                answers: *p.answers(),
                difficulty: p.difficulty(),
                total: p.total(),
                prorated: p.score().is_some_and(|s| s.prorated),
                severity: p.severity().map(|s| s.key()),
                screening: p.screening().map(|s| s.key()),
                safety: e.ever_safety_signal(),
            },
            Record::Mood(m) => Values::Mood {
                mood: m.mood(),
                anxiety: m.anxiety(),
                energy: m.energy(),
                sleep: m.sleep().map(|s| s.hours()),
                note: m.note(),
                tags: m.tags(),
                safety: false,
            },
        };
        Self {
            id: e.id,
            instrument: e.instrument().key(),
            date: e.day(),
            day: window.day_of(e.day()),
            recorded_at: e.first().recorded_at.to_rfc3339(),
            amended_at: (e.versions.len() > 1).then(|| e.current().recorded_at.to_rfc3339()),
            late: e.is_late(),
            version: e.current().number,
            values,
        }
    }
}
