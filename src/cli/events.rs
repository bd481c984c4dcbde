//! `followup event add|list|amend|retract`.

use super::setup::{now, open};
use super::{CmdResult, Failure, NoteArg, exit, values};
use crate::paths::Paths;
use crate::record::{Event, EventData, EventKind};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Dosing,
    Integration,
    Medication,
    Other,
}

impl From<KindArg> for EventKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Dosing => EventKind::Dosing,
            KindArg::Integration => EventKind::Integration,
            KindArg::Medication => EventKind::Medication,
            KindArg::Other => EventKind::Other,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// Add a dated marker to the timeline
    Add {
        #[arg(long, value_enum)]
        kind: KindArg,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
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
        #[arg(value_parser = values::id)]
        event_id: i64,
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        note: NoteArg,
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// Withdraw an event with a reason
    Retract {
        #[arg(value_parser = values::id)]
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
    match cmd {
        EventCommand::Add { kind, date, note } => {
            let note = note.read()?;
            let mut store = open(paths)?;
            let id = store.add_event(&EventData { kind: kind.into(), date, note }, now())?;
            let window = store.profile()?.window;
            println!(
                "Added {} on {} (day {}) as event {id}.",
                EventKind::from(kind),
                date,
                window.day_of(date)
            );
        }
        EventCommand::List { json } => {
            let store = open(paths)?;
            let journal = store.journal()?;
            let window = journal.profile.window;
            let mut events: Vec<&Event> = journal.current_events().collect();
            events.sort_by_key(|e| (e.current().data.date, e.id));
            if json {
                let items: Vec<EventItem> =
                    events.iter().map(|e| EventItem::new(e, window.day_of(e.current().data.date))).collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&items).map_err(|e| Failure::internal(e.to_string()))?
                );
            } else if events.is_empty() {
                println!("No events.");
            } else {
                println!("{:>4}  {:<10}  {:>5}  {:<20}  note", "id", "date", "day", "kind");
                for e in events {
                    let d = &e.current().data;
                    let changed = if e.versions.len() > 1 {
                        format!(" (v{})", e.current().number)
                    } else {
                        String::new()
                    };
                    println!(
                        "{:>4}  {}  {:>5}  {:<20}  {}{changed}",
                        e.id,
                        d.date,
                        window.day_of(d.date),
                        d.kind.label(),
                        d.note.as_deref().map(first_line).unwrap_or_default()
                    );
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
            println!("Event {event_id} corrected (version {v}).");
        }
        EventCommand::Retract { event_id, reason } => {
            let mut store = open(paths)?;
            let v = store.retract_event(event_id, &reason.reason, now())?;
            println!("Event {event_id} retracted (version {v}); its history is kept.");
        }
    }
    Ok(exit::OK)
}

fn first_line(s: &str) -> String {
    let s = crate::paths::printable(s);
    let line = s.lines().next().unwrap_or_default();
    if line.chars().count() > 40 {
        format!("{}…", line.chars().take(39).collect::<String>())
    } else {
        line.to_string()
    }
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
