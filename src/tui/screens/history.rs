//! Every day, newest first, with that day's entries, events, and late,
//! corrected and safety marks. Missing days are listed too, so a missed
//! check-in can be filled in from here (it is marked late).

use crate::journal::Journal;
use crate::record::{Entry, EventKind, Instrument, Record};
use crate::tui::context::Context;
use crate::tui::format::{late_word, safety_mark};
use crate::tui::keys::{self, Binding, Pat, always, bind, writable};
use crate::tui::msg::{Act, Go, Step};
use crate::tui::theme::Theme;
use crate::window::BASELINE_DAYS;
use chrono::{Days, NaiveDate};
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState};
use std::collections::HashMap;

pub const KEYS: &[Binding<State, Msg>] = &[
    keys::support(),
    bind(
        keys::MOVE_KEYS,
        "\u{2191}\u{2193}/jk",
        "move (PgUp/PgDn by 10)",
        Some("move"),
        always,
        |_, _, key| Act::Screen(Msg::Move(keys::vertical(key))),
    ),
    bind(
        &[Pat::Key(KeyCode::Home), Pat::Key(KeyCode::End)],
        "Home/End",
        "to the newest or the oldest day",
        None,
        always,
        |_, _, key| {
            let up = key.code == KeyCode::Home;
            Act::Screen(Msg::Move(if up { i32::MIN / 2 } else { i32::MAX / 2 }))
        },
    ),
    bind(
        &[Pat::Key(KeyCode::Enter), Pat::Key(KeyCode::Right), Pat::Char('l')],
        "Enter",
        "open the day: answers, versions, amend, retract",
        Some("open the day"),
        always,
        |_, _, _| Act::Screen(Msg::Open),
    ),
    bind(
        &[Pat::Char('c')],
        "c",
        "PHQ-9 for the selected day (a past day is marked added later)",
        Some("PHQ-9"),
        writable,
        |_, _, _| Act::Screen(Msg::Checkin(Instrument::Phq9)),
    ),
    bind(
        &[Pat::Char('g')],
        "g",
        "GAD-7 for the selected day (when the GAD-7 is used)",
        Some("GAD-7"),
        keys::gad7_writable,
        |_, _, _| Act::Screen(Msg::Checkin(Instrument::Gad7)),
    ),
    bind(&[Pat::Char('m')], "m", "mood entry for the selected day", Some("mood"), writable, |_, _, _| {
        Act::Screen(Msg::Checkin(Instrument::Mood))
    }),
    bind(
        &[Pat::Char('e')],
        "e",
        "add a timeline event on the selected day",
        Some("event"),
        writable,
        |_, _, _| Act::Screen(Msg::AddEvent),
    ),
    keys::help(),
    keys::back("back"),
];

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

/// The days listed: from the last day with anything (or today) back to the
/// first entry or event, or the first day that counts, whichever is
/// earlier. The first day that counts is the dosing date in a review; on
/// the participant's own screens it is the start of the baseline period
/// (day −14), so the days before set-up can be filled in too.
pub fn days(journal: &Journal, today: NaiveDate, readonly: bool) -> Vec<NaiveDate> {
    let w = journal.window();
    let counts_from = if readonly { w.dosing_date } else { w.date_of(-BASELINE_DAYS) };
    let first_entry = journal.entries.iter().map(|e| e.day()).min();
    // the dosing session's own event, made at set-up, does not pull the
    // participant's list back to day 0
    let first_event = journal
        .current_events()
        .map(|e| &e.current().data)
        .filter(|e| readonly || e.kind != crate::record::EventKind::Dosing)
        .map(|e| e.date)
        .min();
    let first = [Some(counts_from), first_entry, first_event].into_iter().flatten().min().unwrap_or(today);
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

pub fn update(s: &mut State, msg: Msg, ctx: &Context) -> Step {
    let (data, today) = (ctx.data.as_ref(), ctx.today);
    let Some(data) = data else { return Step::Stay };
    let list = days(&data.journal, today, ctx.readonly());
    let Some(&date) = list.get(s.selected.min(list.len().saturating_sub(1))) else { return Step::Stay };
    match msg {
        Msg::Move(by) => {
            s.selected = keys::moved(s.selected, by, list.len());
            Step::Stay
        }
        Msg::Open => Step::Go(Go::Day(date)),
        Msg::Checkin(_) | Msg::AddEvent if date > today => Step::Stay,
        Msg::Checkin(Instrument::Mood) => Step::Go(Go::Mood(date)),
        Msg::Checkin(instrument) => Step::Go(Go::Checkin(instrument, date)),
        Msg::AddEvent => Step::Go(Go::AddEvent(date)),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, ctx: &Context) {
    let Some(data) = &ctx.data else { return };
    let journal = &data.journal;
    let w = journal.window();
    let list = days(journal, ctx.today, ctx.readonly());
    // group once per frame: a record of ten years has thousands of days
    let mut entries_on: HashMap<NaiveDate, Vec<&Entry>> = HashMap::new();
    for e in &journal.entries {
        entries_on.entry(e.day()).or_default().push(e);
    }
    // events with their ids: `followup report --since-event N` takes them
    let mut events_on: HashMap<NaiveDate, Vec<(EventKind, i64)>> = HashMap::new();
    for e in journal.current_events() {
        events_on.entry(e.current().data.date).or_default().push((e.current().data.kind, e.id));
    }
    let set_up = journal.set_up_date();
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
                spans.push(safety_mark(ctx.readonly()));
                spans.push(Span::raw(" "));
            }
            let mut current: Vec<&&Entry> = entries.iter().filter(|e| !e.is_retracted()).collect();
            // scores first: on a narrow terminal the mood's details are what is cut
            current.sort_by_key(|e| matches!(e.record(), Record::Mood(_)));
            if current.is_empty() && !ctx.covers(date) {
                spans.push(Span::styled("not in this export  ", Theme::dim()));
            } else if current.is_empty() && !ctx.readonly() && date < set_up {
                spans.push(Span::styled("before set-up  ", Theme::dim()));
            } else if current.is_empty() && date <= ctx.today {
                spans.push(Span::styled("no entry  ", Theme::dim()));
            }
            for e in &current {
                spans.push(Span::raw(e.record().short_summary()));
                if e.is_late() {
                    spans.push(Span::styled(format!(" {}", late_word(ctx.readonly())), Theme::late()));
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
            for (kind, id) in events_on.get(&date).into_iter().flatten() {
                spans.push(Span::styled(
                    format!("[{} \u{b7} event {id}] ", kind.label()),
                    Theme::event(*kind),
                ));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(selected - start));
    let title =
        format!(" History \u{b7} {} \u{b7} newest first ", crate::text::count(list.len(), "day", "days"));
    let widget = List::new(items)
        .block(Block::bordered().title(title))
        .highlight_style(Theme::selected())
        .highlight_symbol("> ");
    frame.render_stateful_widget(widget, area, &mut state);
}
