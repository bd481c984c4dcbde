//! Every day, newest first, with that day's entries, events, and late,
//! corrected and safety marks. Missing days are listed too, so a missed
//! check-in can be filled in from here (it is marked late).

use crate::journal::Journal;
use crate::record::{Entry, EventKind, Instrument};
use crate::tui::app::{Action, App, Data, Go, Step};
use crate::tui::theme::Theme;
use chrono::{Days, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState};
use std::collections::HashMap;

pub const KEYS: &[(&str, &str)] = &[
    ("\u{2191}\u{2193}/jk", "move (PgUp/PgDn by 10, Home/End or g/G to either end)"),
    ("Enter", "open the day: answers, versions, amend, retract"),
    ("c", "PHQ-9 for the selected day (late if past)"),
    ("m", "mood entry for the selected day"),
    ("e", "add a timeline event on the selected day"),
    ("?", "help"),
    ("q/Esc", "back"),
];

pub const KEYS_REVIEW: &[(&str, &str)] =
    &[("\u{2191}\u{2193}/jk", "move"), ("Enter", "open the day: answers and versions"), ("q/Esc", "back")];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub selected: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Move(i32),
    Open,
    Checkin(Instrument),
    AddEvent,
}

pub fn keymap(_: &State, key: KeyEvent, readonly: bool) -> Option<Action> {
    let msg = match key.code {
        KeyCode::Enter | KeyCode::Right | KeyCode::Char('l') => Msg::Open,
        KeyCode::Char('c') if !readonly => Msg::Checkin(Instrument::Phq9),
        KeyCode::Char('m') if !readonly => Msg::Checkin(Instrument::Mood),
        KeyCode::Char('e') if !readonly => Msg::AddEvent,
        KeyCode::Home | KeyCode::Char('g') => Msg::Move(i32::MIN / 2),
        KeyCode::End | KeyCode::Char('G') => Msg::Move(i32::MAX / 2),
        _ => match super::vertical(key) {
            Some(by) => Msg::Move(by),
            None => return super::common(key),
        },
    };
    Some(Action::History(msg))
}

/// The days listed: from the last day with anything (or today) back to the
/// first entry or the dosing date, whichever is earlier.
pub fn days(journal: &Journal, today: NaiveDate) -> Vec<NaiveDate> {
    let w = journal.window();
    let first_entry = journal.entries.iter().map(|e| e.day()).min();
    let first_event = journal.current_events().map(|e| e.current().data.date).min();
    let first = [Some(w.dosing_date), first_entry, first_event].into_iter().flatten().min().unwrap_or(today);
    let last_entry = journal.entries.iter().map(|e| e.day()).max().unwrap_or(today);
    let last = today.max(last_entry).min(w.end_date().max(last_entry));
    let mut out = Vec::new();
    let mut d = last;
    while d >= first {
        out.push(d);
        match d.checked_sub_days(Days::new(1)) {
            Some(prev) => d = prev,
            None => break,
        }
    }
    out
}

pub fn update(s: &mut State, msg: Msg, data: Option<&Data>, today: NaiveDate) -> Step {
    let Some(data) = data else { return Step::Stay };
    let list = days(&data.journal, today);
    let Some(&date) = list.get(s.selected.min(list.len().saturating_sub(1))) else { return Step::Stay };
    match msg {
        Msg::Move(by) => {
            s.selected = super::moved(s.selected, by, list.len());
            Step::Stay
        }
        Msg::Open => Step::Push(crate::tui::app::Screen::Day(super::day::State::new(date))),
        Msg::Checkin(_) | Msg::AddEvent if date > today => Step::Stay,
        Msg::Checkin(Instrument::Phq9) => go(Go::Checkin(date)),
        Msg::Checkin(Instrument::Mood) => go(Go::Mood(date)),
        Msg::AddEvent => go(Go::AddEvent(date)),
    }
}

/// Navigation through the app's `go`, so the read-only rule applies in one place.
fn go(target: Go) -> Step {
    Step::Go(target)
}

pub fn entry_summary(e: &Entry) -> String {
    record_summary(e.record())
}

/// One line for a record's values.
pub fn record_summary(r: &crate::record::Record) -> String {
    match r {
        crate::record::Record::Phq9(p) => {
            let total = match (p.total(), p.severity()) {
                (Some(t), Some(s)) => format!("PHQ-9 {t} {s}"),
                _ => "PHQ-9 (no total)".into(),
            };
            match p.answer(8).filter(|a| *a > 0) {
                Some(a) => format!("{total} \u{b7} item 9: {a}"),
                None => total,
            }
        }
        crate::record::Record::Mood(m) => {
            let mut s = format!("mood {}", m.mood());
            if let Some(a) = m.anxiety() {
                s += &format!(" anx {a}");
            }
            if let Some(e) = m.energy() {
                s += &format!(" en {e}");
            }
            if let Some(h) = m.sleep() {
                s += &format!(" sleep {h}h");
            }
            if m.note().is_some() {
                s += " \u{270e}";
            }
            s
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, app: &App) {
    let Some(data) = &app.data else { return };
    let journal = &data.journal;
    let w = journal.window();
    let list = days(journal, app.today);
    // group once per frame: a record of ten years has thousands of days
    let mut entries_on: HashMap<NaiveDate, Vec<&Entry>> = HashMap::new();
    for e in &journal.entries {
        entries_on.entry(e.day()).or_default().push(e);
    }
    let mut events_on: HashMap<NaiveDate, Vec<EventKind>> = HashMap::new();
    for e in journal.current_events() {
        events_on.entry(e.current().data.date).or_default().push(e.current().data.kind);
    }
    // only the page holding the selection is built: pages of the list's height
    let selected = s.selected.min(list.len().saturating_sub(1));
    let page = usize::from(area.height.saturating_sub(2)).max(1);
    let start = selected / page * page;
    let items: Vec<ListItem> = list[start..list.len().min(start + page)]
        .iter()
        .map(|&date| {
            let mut spans = vec![Span::raw(format!("{date} {:>5}  ", w.day_of(date)))];
            let entries: &[&Entry] = entries_on.get(&date).map_or(&[], Vec::as_slice);
            let flagged = entries.iter().any(|e| e.ever_safety_signal());
            if flagged {
                spans.push(Span::styled("! SAFETY ", Theme::safety()));
                spans.push(Span::raw(" "));
            }
            let current: Vec<&&Entry> = entries.iter().filter(|e| !e.is_retracted()).collect();
            if current.is_empty() && !app.covers(date) {
                spans.push(Span::styled("not in this export  ", Theme::dim()));
            } else if current.is_empty() && date <= app.today {
                spans.push(Span::styled("no entry  ", Theme::dim()));
            }
            for e in &current {
                spans.push(Span::raw(entry_summary(e)));
                if e.is_late() {
                    spans.push(Span::styled(" late", Theme::late()));
                }
                if e.versions.len() > 1 {
                    spans.push(Span::styled(" corrected", Theme::late()));
                }
                spans.push(Span::raw("  "));
            }
            let retracted = entries.len() - current.len();
            if retracted > 0 {
                spans.push(Span::styled(format!("{retracted} retracted  "), Theme::dim()));
            }
            for kind in events_on.get(&date).into_iter().flatten() {
                spans.push(Span::styled(format!("[{}] ", kind.label()), Theme::event(*kind)));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(selected - start));
    let title = format!(" History \u{b7} {} days \u{b7} newest first ", list.len());
    let widget = List::new(items)
        .block(Block::bordered().title(title))
        .highlight_style(Theme::selected())
        .highlight_symbol("> ");
    frame.render_stateful_widget(widget, area, &mut state);
}
