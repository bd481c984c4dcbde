//! `followup log`, `list`, `history`, `amend` and `retract`.

use super::args::Clearable;
use super::setup::{now, open, open_read};
use super::{CmdResult, Failure, NoteArg, exit, stdout};
use crate::instrument::{Answers, Gad7, Mood, MoodFields, MoodPatch, Phq9, SleepHours, typed};
use crate::journal::Profile;
use crate::parse;
use crate::paths::Paths;
use crate::record::{Entry, EntryData, EntryPatch, PatchError, Phq9Patch, Record, Version};
use crate::text;
use crate::window::{DayError, Window};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Today's mood entry (mood required; the rest optional)
    Mood(MoodArgs),
    /// The PHQ-9: nine answers 0–3 in item order
    Phq9(Phq9Args),
    /// The GAD-7: seven answers 0–3 in item order (when the GAD-7 is used)
    Gad7(Gad7Args),
}

#[derive(Debug, Args)]
pub struct Gad7Args {
    /// Seven answers 0–3 separated by commas, in item order
    #[arg(long, value_name = "A1,...,A7", value_parser = typed::answer_list, allow_hyphen_values = true)]
    answers: typed::AnswerList,
    /// The day it is for (default today; an earlier day is marked as added later)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse::date)]
    date: Option<NaiveDate>,
}

#[derive(Debug, Args, Default)]
pub struct MoodFieldArgs {
    /// Mood 0–10: 0 very low … 10 very good
    #[arg(long, value_name = "0-10", value_parser = typed::scale, allow_negative_numbers = true)]
    mood: Option<u8>,
    /// Anxiety 0–10: 0 calm … 10 extremely anxious
    #[arg(long, value_name = "0-10", value_parser = typed::scale, allow_negative_numbers = true)]
    anxiety: Option<u8>,
    /// Energy 0–10: 0 none … 10 full of energy
    #[arg(long, value_name = "0-10", value_parser = typed::scale, allow_negative_numbers = true)]
    energy: Option<u8>,
    /// Hours of sleep, 0–24 in half-hour steps
    #[arg(long, value_name = "HOURS", value_parser = typed::sleep, allow_negative_numbers = true)]
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
    fields: MoodFieldArgs,
    /// The day it is for (default today; an earlier day is marked as added later)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse::date)]
    date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct Phq9Args {
    /// Nine answers 0–3 separated by commas, in item order
    #[arg(long, value_name = "A1,...,A9", value_parser = typed::answers, allow_hyphen_values = true)]
    answers: Answers,
    /// Item 10: how difficult, 0 (not at all) to 3 (extremely)
    #[arg(long, value_name = "0-3", value_parser = typed::difficulty, allow_negative_numbers = true)]
    difficulty: Option<u8>,
    /// The day it is for (default today; an earlier day is marked as added later)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse::date)]
    date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// First day to list
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse::date)]
    from: Option<NaiveDate>,
    /// Last day to list
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse::date)]
    to: Option<NaiveDate>,
    /// JSON output, a stable format documented in the README
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct AmendArgs {
    #[arg(value_parser = parse::id)]
    entry_id: i64,
    #[command(flatten)]
    mood: MoodFieldArgs,
    /// PHQ-9 or GAD-7: the new answers 0–3 (nine or seven)
    #[arg(long, value_name = "A1,...", value_parser = typed::answer_list, allow_hyphen_values = true)]
    answers: Option<typed::AnswerList>,
    /// PHQ-9 item 10, 0–3
    #[arg(long, value_name = "0-3", value_parser = typed::difficulty, allow_negative_numbers = true)]
    difficulty: Option<u8>,
    /// Move the entry to another day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse::date)]
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
    #[arg(value_parser = parse::id)]
    entry_id: i64,
    /// Why it is withdrawn (required; kept in the history)
    #[arg(long, value_name = "TEXT")]
    reason: String,
}

/// A day for an entry: today by default; never in the future.
fn entry_day(date: Option<NaiveDate>, today: NaiveDate) -> Result<NaiveDate, Failure> {
    let day = date.unwrap_or(today);
    if day > today {
        return Err(DayError::Future(day).into());
    }
    Ok(day)
}

pub fn log(paths: &Paths, cmd: LogCommand) -> CmdResult {
    let now = now();
    let today = now.date_naive();
    // validate everything before asking for the passphrase
    let data = match &cmd {
        LogCommand::Mood(a) => {
            let f = &a.fields;
            let mood = f.mood.ok_or_else(|| Failure::input("--mood is required (0–10)"))?;
            let fields = MoodFields {
                mood,
                anxiety: f.anxiety,
                energy: f.energy,
                sleep: f.sleep,
                note: f.note.read()?,
                tags: f.tags.clone(),
            };
            EntryData { day: entry_day(a.date, today)?, record: Record::Mood(Mood::try_from(fields)?) }
        }
        LogCommand::Phq9(a) => {
            let record = Record::Phq9(Phq9::new(a.answers, a.difficulty)?);
            let day = entry_day(a.date, today).map_err(|e| unsaved(e, record.safety_signal(), None))?;
            EntryData { day, record }
        }
        LogCommand::Gad7(a) => {
            EntryData { day: entry_day(a.date, today)?, record: Record::Gad7(Gad7::new(&a.answers.given())?) }
        }
    };
    // an item-9 answer is answered with the safety information whatever
    // happens to the save
    let safety = data.record.safety_signal();
    let mut store = open(paths).map_err(|e| unsaved(e, safety, None))?;
    let profile = store.profile().map_err(|e| unsaved(e.into(), safety, None))?;
    let fail = |e: Failure| unsaved(e, safety, Some(&profile));
    profile.window.check_entry_day(data.day, today).map_err(|e| fail(e.into()))?;
    if matches!(data.record, Record::Gad7(_)) && !profile.window.uses_gad7() {
        return Err(Failure::input(
            "the GAD-7 is not used for this participant: switch it on with `followup profile --gad7-every 7 --reason \"...\"` (every N days)",
        ));
    }
    let id = store.add_entry(&data, now).map_err(|e| fail(e.into()))?;
    super::warn_if_backup_failed(&store);
    let mut out = stdout();
    writeln!(out, "Saved {} as entry {id}.", describe(&data, &profile.window))?;
    if data.day < today {
        // "late" is the data-quality term of exports and review
        writeln!(out, "Added later: recorded on {today} for {}.", data.day)?;
    }
    if data.record.safety_signal() {
        print_safety(&mut out, &profile)?;
    }
    Ok(exit::OK)
}

/// The safety information, printed after an item-9 answer above 0 is saved.
pub fn print_safety(out: &mut impl Write, profile: &Profile) -> std::io::Result<()> {
    write_safety(out, crate::journal::SAFETY_HEADING, &profile.safety_lines())
}

fn write_safety(out: &mut impl Write, heading: &str, lines: &[String]) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{heading}")?;
    for line in lines {
        writeln!(out, "{}", text::terminal(line))?;
    }
    Ok(())
}

/// What a participant who gave a safety answer reads when it could not be
/// saved: the safety information first (their own care contact when the
/// profile could be read, the default lines otherwise), then that the answer
/// is not in the record; the failure itself follows on stderr.
pub fn unsaved(e: Failure, safety: bool, profile: Option<&Profile>) -> Failure {
    unsaved_to(&mut stdout(), e, safety, profile)
}

pub fn unsaved_to(out: &mut impl Write, e: Failure, safety: bool, profile: Option<&Profile>) -> Failure {
    if safety {
        let lines = profile.map_or_else(crate::journal::default_safety_lines, Profile::safety_lines);
        // the failure below is what matters; a broken stdout cannot add to it
        let _ = write_safety(out, crate::journal::UNSAVED_SAFETY_HEADING, &lines)
            .and_then(|()| writeln!(out, "{NOT_SAVED}"))
            .and_then(|()| out.flush());
    }
    e
}

/// Said after the safety information when the answer could not be saved.
pub const NOT_SAVED: &str = "Your answers were NOT saved (the reason is below), so they are not in your record \
     or in what you share: please tell your care contact yourself.";

fn describe(data: &EntryData, window: &Window) -> String {
    format!("{} for {} (day {})", data.record.summary(), data.day, window.day_of(data.day))
}

impl AmendArgs {
    /// The correction the arguments ask for.
    fn patch(&self, note: Option<String>) -> EntryPatch {
        let clears = |field| self.clear.contains(&field);
        let opt = |new: Option<u8>, field| if clears(field) { Some(None) } else { new.map(Some) };
        let f = &self.mood;
        EntryPatch {
            day: self.date,
            mood: MoodPatch {
                mood: f.mood,
                anxiety: opt(f.anxiety, Clearable::Anxiety),
                energy: opt(f.energy, Clearable::Energy),
                sleep: if clears(Clearable::Sleep) { Some(None) } else { f.sleep.map(Some) },
                note: if clears(Clearable::Note) { Some(None) } else { note.map(Some) },
                tags: if clears(Clearable::Tags) {
                    Some(Vec::new())
                } else {
                    (!f.tags.is_empty()).then(|| f.tags.clone())
                },
            },
            phq9: Phq9Patch { answers: None, difficulty: opt(self.difficulty, Clearable::Difficulty) },
            gad7: None,
        }
    }
}

pub fn amend(paths: &Paths, a: AmendArgs) -> CmdResult {
    let now = now();
    let today = now.date_naive();
    crate::record::reason(&a.reason)?;
    let patch = a.patch(a.mood.note.read()?);
    if let Some(d) = a.date {
        entry_day(Some(d), today)?;
    }
    let mut store = open(paths)?;
    let entry = store.entry(a.entry_id)?;
    let mut patch = patch;
    // the answers go to the entry's questionnaire, which knows how many it needs
    if let Some(values) = &a.answers {
        let given = values.given();
        match entry.record() {
            Record::Phq9(_) => {
                patch.phq9.answers = Some(given.as_slice().try_into().map_err(|_| {
                    Failure::input(format!(
                        "entry {} is a PHQ-9: it needs 9 answers, got {}",
                        a.entry_id,
                        given.len()
                    ))
                })?)
            }
            Record::Gad7(_) => patch.gad7 = Some(given),
            Record::Mood(_) => patch.phq9.answers = Some([None; 9]),
        }
    }
    let data = patch.apply(&entry.current().data).map_err(|e| match e {
        PatchError::Phq9FieldsOnMood => Failure::input(format!(
            "entry {} is a mood entry: --answers and --difficulty are for PHQ-9 entries",
            a.entry_id
        )),
        PatchError::MoodFieldsOnPhq9 => {
            Failure::input(format!("entry {} is a PHQ-9: use --answers and --difficulty", a.entry_id))
        }
        PatchError::OnlyGad7Answers => Failure::input(format!(
            "entry {} is a GAD-7: only --answers (seven) can be corrected",
            a.entry_id
        )),
        PatchError::NothingToChange => {
            Failure::input("nothing to change: give the corrected values (see `followup amend --help`)")
        }
        e => e.into(),
    })?;
    let safety = data.record.safety_signal();
    let profile = store.profile().map_err(|e| unsaved(e.into(), safety, None))?;
    if a.date.is_some() {
        profile.window.check_entry_day(data.day, today)?;
    }
    let version = store
        .amend_entry(a.entry_id, &data, &a.reason, now)
        .map_err(|e| unsaved(e.into(), safety, Some(&profile)))?;
    super::warn_if_backup_failed(&store);
    let mut out = stdout();
    writeln!(
        out,
        "Entry {} corrected (version {version}): {}.",
        a.entry_id,
        describe(&data, &profile.window)
    )?;
    if data.record.safety_signal() {
        print_safety(&mut out, &profile)?;
    }
    Ok(exit::OK)
}

pub fn retract(paths: &Paths, a: RetractArgs) -> CmdResult {
    let mut store = open(paths)?;
    let version = store.retract_entry(a.entry_id, &a.reason, now())?;
    super::warn_if_backup_failed(&store);
    writeln!(stdout(), "Entry {} retracted (version {version}); its history is kept.", a.entry_id)?;
    Ok(exit::OK)
}

pub fn history(paths: &Paths, id: i64) -> CmdResult {
    let store = open_read(paths)?;
    let entry = store.entry(id)?;
    let window = store.profile()?.window;
    let mut out = stdout();
    writeln!(
        out,
        "Entry {id}: {} for {} (day {}){}",
        entry.instrument(),
        entry.day(),
        window.day_of(entry.day()),
        if entry.is_late() { ", late" } else { "" }
    )?;
    for v in &entry.versions {
        writeln!(out, "{}", version_line(v))?;
        if let Some(reason) = &v.reason {
            writeln!(out, "      reason: {}", text::terminal(reason))?;
        }
        if let Some(note) = v.data.record.mood().and_then(Mood::note) {
            let note = text::terminal_lines(note).replace('\n', "\n            ");
            writeln!(out, "      note:   {note}")?;
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
        Record::Gad7(g) => {
            let answers: Vec<String> =
                g.answers().iter().map(|a| a.map_or("-".into(), |x| x.to_string())).collect();
            let total = g.score().map_or("no total".into(), |s| format!("total {}", s.total));
            format!("answers {} ({total})", answers.join(","))
        }
        record @ Record::Mood(_) => record.summary(),
    };
    format!(
        "  v{} {:<10} {}  day {}  {what}",
        v.number,
        v.change.key(),
        v.recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        v.data.day
    )
}

pub fn list(paths: &Paths, a: ListArgs) -> CmdResult {
    if let (Some(f), Some(t)) = (a.from, a.to)
        && f > t
    {
        return Err(Failure::input(format!("--from {f} is after --to {t}: nothing would be listed")));
    }
    let store = open_read(paths)?;
    let journal = store.journal()?;
    let window = journal.profile.window;
    let mut entries: Vec<&Entry> = journal.in_range(a.from, a.to).filter(|e| !e.is_retracted()).collect();
    entries.sort_by_key(|e| (e.day(), e.instrument(), e.id));
    let mut out = stdout();
    if a.json {
        let items: Vec<ListItem> = entries.iter().map(|e| ListItem::new(e, &window)).collect();
        let json = serde_json::to_string_pretty(&items).map_err(|e| Failure::internal(e.to_string()))?;
        writeln!(out, "{}", text::json(&json))?;
        return Ok(exit::OK);
    }
    if entries.is_empty() {
        writeln!(out, "No entries.")?;
        return Ok(exit::OK);
    }
    writeln!(out, "{:>5}  {:<10}  {:>5}  {:<6}  {:<22}  values", "id", "date", "day", "what", "flags")?;
    for e in entries {
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
        writeln!(
            out,
            "{:>5}  {}  {:>5}  {:<6}  {:<22}  {}",
            e.id,
            e.day(),
            window.day_of(e.day()),
            e.instrument().label(),
            flags.join(" "),
            text::terminal(&e.record().summary())
        )?;
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
        answers: Answers,
        difficulty: Option<u8>,
        total: Option<u8>,
        prorated: bool,
        severity: Option<&'static str>,
        screening: Option<&'static str>,
        safety: bool,
    },
    Gad7 {
        answers: &'a [Option<u8>],
        total: Option<u8>,
        severity: Option<&'static str>,
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
            Record::Gad7(g) => Values::Gad7 {
                answers: g.answers(),
                total: g.total(),
                severity: g.band().map(|b| b.key),
                safety: false,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unsaved_safety_answer_shows_the_care_contact_when_the_profile_is_known() {
        let window = Window::new(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(), 182, 1).unwrap();
        let profile = Profile::new("P-1".into(), window, Some("Dr. Rivera, 555-0100".into()));
        let mut out = Vec::new();
        let _ = unsaved_to(&mut out, Failure::input("disk full"), true, Some(&profile));
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Your care contact: Dr. Rivera, 555-0100"), "{text}");
        assert!(text.contains(NOT_SAVED), "{text}");
        let mut out = Vec::new();
        let _ = unsaved_to(&mut out, Failure::input("disk full"), false, Some(&profile));
        assert!(out.is_empty(), "no safety answer, no safety text");
    }
}
