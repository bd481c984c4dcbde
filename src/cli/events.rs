//! `followup event add|list|amend|retract`.

use super::args::KindArg;
use super::setup::{now, open, open_read};
use super::{CmdResult, Failure, NoteArg, exit, stdout};
use crate::parse;
use crate::paths::Paths;
use crate::record::{Event, EventData, EventKind};
use crate::text;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// Add a dated marker to the timeline
    Add {
        #[arg(long, value_enum)]
        kind: KindArg,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse::date)]
        date: NaiveDate,
        #[command(flatten)]
        note: NoteArg,
    },
    /// List the timeline events
    List {
        /// JSON output (see the README)
        #[arg(long)]
        json: bool,
    },
    /// Correct an event: saves a new version with a reason
    Amend {
        #[arg(value_parser = parse::id)]
        event_id: i64,
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse::date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        note: NoteArg,
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// Withdraw an event with a reason
    Retract {
        #[arg(value_parser = parse::id)]
        event_id: i64,
        #[command(flatten)]
        reason: ReasonArg,
    },
}

#[derive(Debug, Args)]
pub struct ReasonArg {
    /// Why (required; kept in the history)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
}

pub fn run(paths: &Paths, cmd: EventCommand) -> CmdResult {
    let mut out = stdout();
    match cmd {
        EventCommand::Add { kind, date, note } => {
            let note = note.read()?;
            let mut store = open(paths)?;
            let id = store.add_event(&EventData { kind: kind.into(), date, note }, now())?;
            super::warn_if_backup_failed(&store);
            let window = store.profile()?.window;
            writeln!(
                out,
                "Added {} on {} (day {}) as event {id}.",
                EventKind::from(kind),
                date,
                window.day_of(date)
            )?;
        }
        EventCommand::List { json } => {
            let store = open_read(paths)?;
            let journal = store.journal()?;
            let window = journal.profile.window;
            let mut events: Vec<&Event> = journal.current_events().collect();
            events.sort_by_key(|e| (e.current().data.date, e.id));
            if json {
                let items: Vec<EventItem> =
                    events.iter().map(|e| EventItem::new(e, window.day_of(e.current().data.date))).collect();
                let json =
                    serde_json::to_string_pretty(&items).map_err(|e| Failure::internal(e.to_string()))?;
                writeln!(out, "{}", text::json(&json))?;
            } else if events.is_empty() {
                writeln!(out, "No events.")?;
            } else {
                writeln!(out, "{:>4}  {:<10}  {:>5}  {:<20}  note", "id", "date", "day", "kind")?;
                for e in events {
                    let d = &e.current().data;
                    let changed = if e.versions.len() > 1 {
                        format!(" (v{})", e.current().number)
                    } else {
                        String::new()
                    };
                    writeln!(
                        out,
                        "{:>4}  {}  {:>5}  {:<20}  {}{changed}",
                        e.id,
                        d.date,
                        window.day_of(d.date),
                        d.kind.label(),
                        d.note.as_deref().map(first_line).unwrap_or_default()
                    )?;
                }
            }
        }
        EventCommand::Amend { event_id, kind, date, note, reason } => {
            let note = note.read()?;
            let mut store = open(paths)?;
            let journal = store.journal()?;
            let current = journal
                .event(event_id)
                .ok_or_else(|| Failure::input(format!("no event with id {event_id}")))?;
            let old = &current.current().data;
            let data = EventData {
                kind: kind.map(Into::into).unwrap_or(old.kind),
                date: date.unwrap_or(old.date),
                note: note.or_else(|| old.note.clone()),
            };
            let v = store.amend_event(event_id, &data, &reason.reason, now())?;
            super::warn_if_backup_failed(&store);
            writeln!(out, "Event {event_id} corrected (version {v}).")?;
        }
        EventCommand::Retract { event_id, reason } => {
            let mut store = open(paths)?;
            let v = store.retract_event(event_id, &reason.reason, now())?;
            super::warn_if_backup_failed(&store);
            writeln!(out, "Event {event_id} retracted (version {v}); its history is kept.")?;
        }
    }
    Ok(exit::OK)
}

/// A note's first line, safe for a terminal and at most 40 characters.
fn first_line(s: &str) -> String {
    text::message(s.lines().next().unwrap_or_default(), 40)
}

/// One event in `followup event list --json`.
#[derive(Debug, Serialize)]
struct EventItem<'a> {
    id: i64,
    kind: EventKind,
    date: NaiveDate,
    day: i64,
    note: Option<&'a str>,
    version: u32,
    recorded_at: String,
}

impl<'a> EventItem<'a> {
    fn new(e: &'a Event, day: i64) -> Self {
        let d = &e.current().data;
        Self {
            id: e.id,
            kind: d.kind,
            date: d.date,
            day,
            note: d.note.as_deref(),
            version: e.current().number,
            recorded_at: e.first().recorded_at.to_rfc3339(),
        }
    }
}
