//! `followup checkin`: today's mood entry and each questionnaire that is due
//! (the PHQ-9, the GAD-7 where it is used), asked line by line on
//! the terminal (no full-screen app): for a screen reader, over ssh, or for
//! anyone who prefers prompts. Each question with its choices numbered, the
//! same checks as everywhere (a bad answer is asked again), each entry saved
//! as soon as it is complete, the safety information at once after an item-9
//! answer above 0 (saved first), and a summary at the end. The questions come
//! from each questionnaire's description.

use super::entries::{print_safety, unsaved_to};
use super::setup::{now, open};
use super::{CmdResult, Failure, exit, stdout};
use crate::instrument::{Mood, MoodFields, Questionnaire, SleepHours, mood};
use crate::overview::{Coverage, Overview};
use crate::paths::Paths;
use crate::record::{EntryData, Instrument, Record};
use std::io::{BufRead, Read, Write};

/// Standard input ended before the check-in did.
struct Ended;

/// The longest line an answer may be, its newline included: room for the
/// longest note (4,000 characters of up to 4 bytes each), and a bound on
/// what is held in memory when the input is not answers at all
/// (`followup checkin < /dev/zero`).
const LINE_MAX_BYTES: usize = 16 * 1024;
const _: () = assert!(LINE_MAX_BYTES > mood::NOTE_MAX_CHARS * 4);

/// Lines from standard input, one answer each.
struct Asker<I: BufRead, O: Write> {
    input: I,
    out: O,
}

impl<I: BufRead, O: Write> Asker<I, O> {
    /// One line of input, trimmed; `Ended` at the end of input. A line
    /// longer than [`LINE_MAX_BYTES`], or not UTF-8 text, is refused.
    fn line(&mut self, prompt: &str) -> Result<Result<String, Ended>, Failure> {
        write!(self.out, "{prompt}")?;
        self.out.flush()?;
        let mut bytes = Vec::new();
        let limit = LINE_MAX_BYTES as u64;
        if (&mut self.input).take(limit).read_until(b'\n', &mut bytes).map_err(|e| {
            Failure::internal(format!("cannot read the answers: {}", crate::text::io_reason(&e)))
        })? == 0
        {
            writeln!(self.out)?;
            return Ok(Err(Ended));
        }
        if bytes.len() == LINE_MAX_BYTES && bytes.last() != Some(&b'\n') {
            writeln!(self.out)?;
            return Err(Failure::input(format!(
                "an answer longer than {} KiB was refused: give each answer on a line of its own (the entry being asked was not saved)",
                LINE_MAX_BYTES / 1024
            )));
        }
        match String::from_utf8(bytes) {
            Ok(line) => Ok(Ok(line.trim().to_string())),
            Err(_) => {
                writeln!(self.out)?;
                Err(Failure::input(
                    "an answer is not UTF-8 text: give each answer as text on a line of its own (the entry being asked was not saved)",
                ))
            }
        }
    }

    /// Ask until `parse` accepts the answer (or, when `optional`, it is empty).
    fn ask<T>(
        &mut self,
        prompt: &str,
        optional: bool,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Result<Option<T>, Ended>, Failure> {
        loop {
            let answer = match self.line(prompt)? {
                Ok(a) => a,
                Err(Ended) => return Ok(Err(Ended)),
            };
            if answer.is_empty() && optional {
                return Ok(Ok(None));
            }
            match parse(&answer) {
                Ok(v) => return Ok(Ok(Some(v))),
                Err(why) => writeln!(self.out, "  {why}; please answer again.")?,
            }
        }
    }
}

/// A choice from numbered options, 0 to 3.
fn choice(s: &str) -> Result<u8, String> {
    match s.parse::<u8>() {
        Ok(v) if v <= 3 => Ok(v),
        _ => Err("answer with one number, 0, 1, 2 or 3".into()),
    }
}

pub fn checkin(paths: &Paths) -> CmdResult {
    let mut store = open(paths)?;
    let stdin = std::io::stdin();
    let mut q = Asker { input: stdin.lock(), out: stdout() };
    let today = now().date_naive();
    let journal = store.journal()?;
    let profile = journal.profile.clone();
    let o = Overview::new(&journal, today, &Coverage::all());
    let existing = |instrument: Instrument| {
        journal.current_entries().find(|e| e.day() == today && e.instrument() == instrument).map(|e| e.id)
    };
    let mut summary: Vec<String> = Vec::new();
    let phase = o.phase.describe(profile.window.length_days);
    writeln!(q.out, "Check-in for {today} ({phase}).\nCtrl-D stops; what is complete is saved.")?;

    // the mood entry
    match existing(Instrument::Mood) {
        Some(id) => writeln!(
            q.out,
            "\nToday's mood entry is saved already (entry {id}); `followup amend {id}` corrects it."
        )?,
        None => {
            writeln!(q.out, "\nMood entry")?;
            let Some(fields) = ask_mood(&mut q)? else { return stopped(&mut q.out, &summary) };
            let data = EntryData { day: today, record: Record::Mood(Mood::try_from(fields)?) };
            let id = store.add_entry(&data, now())?;
            super::warn_if_backup_failed(&store);
            writeln!(q.out, "Saved {} as entry {id}.", data.record.summary())?;
            summary.push(format!("{} (entry {id})", data.record.short_summary()));
        }
    }

    // each questionnaire the participant uses, when it is due
    let questionnaires = [(Instrument::Phq9, true, o.due.phq9), (Instrument::Gad7, o.uses_gad7, o.due.gad7)];
    for (instrument, used, due) in questionnaires {
        let Some(desc) = instrument.description().filter(|_| used) else { continue };
        let name = desc.name;
        match existing(instrument) {
            Some(id) => writeln!(
                q.out,
                "\nToday's {name} is saved already (entry {id}); `followup amend {id}` corrects it."
            )?,
            None if !due => writeln!(q.out, "\nNo {name} is due today.")?,
            None => {
                writeln!(q.out, "\n{name}. {}", desc.stem)?;
                if let Some(c) = desc.copyright {
                    writeln!(q.out, "{c}")?;
                }
                let Some(answers) = ask_items(&mut q, desc)? else { return stopped(&mut q.out, &summary) };
                // the safety item above 0: saved at once, the unscored question not asked
                let safety = desc.safety_item.is_some_and(|i| answers[i] > 0);
                let (unscored, refused) = match desc.unscored {
                    Some(u) if !safety && answers.iter().any(|a| *a > 0) => {
                        writeln!(q.out, "\n{}. {}", desc.items.len() + 1, u.text)?;
                        for a in u.answers {
                            writeln!(q.out, "  {} {}", a.value, a.label)?;
                        }
                        // the end of input, or a line refused, skips the question; the
                        // scored answers are complete and stand
                        match q.ask("Answer 0 to 3 (Enter to skip): ", true, choice) {
                            Ok(answer) => (answer.unwrap_or_default(), false),
                            Err(_) => (None, true),
                        }
                    }
                    _ => (None, false),
                };
                let given: Vec<Option<u8>> = answers.iter().map(|a| Some(*a)).collect();
                let data = EntryData { day: today, record: Record::questionnaire(desc, &given, unscored)? };
                let id = store
                    .add_entry(&data, now())
                    .map_err(|e| unsaved_to(&mut q.out, e.into(), safety, Some(&profile)))?;
                super::warn_if_backup_failed(&store);
                writeln!(q.out, "Saved {} as entry {id}.", data.record.summary())?;
                summary.push(format!("{} (entry {id})", data.record.short_summary()));
                if safety {
                    print_safety(&mut q.out, &profile)?;
                }
                if refused {
                    return Err(Failure::input(format!(
                        "the answer to the last, unscored question was refused (longer than {} KiB, or not text): the {name} is saved without it (entry {id})",
                        LINE_MAX_BYTES / 1024
                    )));
                }
            }
        }
    }
    if summary.is_empty() {
        writeln!(q.out, "\nNothing new to save today.")?;
    } else {
        writeln!(q.out, "\nToday's check-in: {}.", summary.join(" \u{b7} "))?;
    }
    Ok(exit::OK)
}

/// Ctrl-D on a terminal is a person choosing to stop: not an error. Input
/// from a script that ends before the last answer is incomplete input.
fn stopped(out: &mut impl Write, summary: &[String]) -> CmdResult {
    let saved = if summary.is_empty() {
        "nothing was saved".to_string()
    } else {
        format!("saved: {}", summary.join(", "))
    };
    writeln!(out, "Stopped before the end: {saved}.")?;
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Ok(exit::OK);
    }
    Err(Failure::input("the check-in was stopped before the end (standard input ended)"))
}

fn ask_mood<I: BufRead, O: Write>(q: &mut Asker<I, O>) -> Result<Option<MoodFields>, Failure> {
    let scale = |s: mood::Scale, optional: bool| {
        let skip = if optional { "; Enter to skip" } else { "" };
        let mut name = s.name.to_string();
        name[..1].make_ascii_uppercase();
        format!("{name} today, 0 ({}) to 10 ({}){skip}: ", s.low, s.high)
    };
    let Ok(Some(mood)) = q.ask(&scale(mood::MOOD, false), false, crate::instrument::typed::scale)? else {
        return Ok(None);
    };
    let Ok(anxiety) = q.ask(&scale(mood::ANXIETY, true), true, crate::instrument::typed::scale)? else {
        return Ok(None);
    };
    let Ok(energy) = q.ask(&scale(mood::ENERGY, true), true, crate::instrument::typed::scale)? else {
        return Ok(None);
    };
    let Ok(sleep) = q.ask(
        "Hours of sleep last night, 0 to 24 in half hours (like 7.5); Enter to skip: ",
        true,
        crate::instrument::typed::sleep,
    )?
    else {
        return Ok(None);
    };
    let Ok(note) = q.ask("A note, one line (Enter to skip): ", true, |s| Ok(s.to_string()))? else {
        return Ok(None);
    };
    let Ok(tags) = q.ask("Tags, separated by spaces, like meditation walk (Enter to skip): ", true, |s| {
        Ok(s.split_whitespace().map(str::to_string).collect::<Vec<_>>())
    })?
    else {
        return Ok(None);
    };
    let sleep: Option<SleepHours> = sleep;
    Ok(Some(MoodFields { mood, anxiety, energy, sleep, note, tags: tags.unwrap_or_default() }))
}

/// Every item of a questionnaire, each with its choices numbered.
fn ask_items<I: BufRead, O: Write>(
    q: &mut Asker<I, O>,
    desc: &Questionnaire,
) -> Result<Option<Vec<u8>>, Failure> {
    let mut answers = Vec::with_capacity(desc.items.len());
    for item in desc.items {
        writeln!(q.out, "\n{}/{}. {}", item.number, desc.items.len(), item.text)?;
        for a in desc.answers {
            writeln!(q.out, "  {} {}", a.value, a.label)?;
        }
        let Ok(Some(v)) = q.ask("Answer 0 to 3: ", false, choice)? else { return Ok(None) };
        answers.push(v);
    }
    Ok(Some(answers))
}
