//! One day: its entries (retracted ones too) and events, the selected one's
//! answers and its whole version history with reasons. Amend or retract
//! from here.

use crate::instrument::phq9::{self, ITEMS};
use crate::journal::Journal;
use crate::record::{Change, Entry, Event, Instrument, Record};
use crate::tui::context::Context;
use crate::tui::format::{capitalized, hanging, late_word, outside, safety_mark};
use crate::tui::keys::{self, Binding, Pat, always, bind, writable};
use crate::tui::msg::{Act, Go, Step};
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

pub const KEYS: &[Binding<State, Msg>] = &[
    keys::support(),
    bind(
        &[Pat::Key(KeyCode::Up), Pat::Key(KeyCode::Down), Pat::Char('k'), Pat::Char('j')],
        "\u{2191}\u{2193}/jk",
        "choose an entry or event",
        Some("choose"),
        always,
        |_, _, key| Act::Screen(Msg::Move(keys::vertical(key))),
    ),
    bind(
        &[Pat::Key(KeyCode::PageUp), Pat::Key(KeyCode::PageDown)],
        "PgUp/PgDn",
        "scroll the details",
        None,
        always,
        |_, _, key| Act::Screen(Msg::Scroll(if key.code == KeyCode::PageUp { -5 } else { 5 })),
    ),
    bind(
        &[Pat::Char('a')],
        "a",
        "amend it (the same form, then a reason)",
        Some("amend"),
        writable,
        |_, _, _| Act::Screen(Msg::Amend),
    ),
    bind(&[Pat::Char('x')], "x", "retract it (a reason is asked)", Some("retract"), writable, |_, _, _| {
        Act::Screen(Msg::Retract)
    }),
    bind(&[Pat::Char('e')], "e", "add a timeline event on this day", Some("event"), writable, |_, _, _| {
        Act::Screen(Msg::AddEvent)
    }),
    bind(
        &[Pat::Char('c')],
        "c",
        "PHQ-9 for this day (a past day is marked added later)",
        None,
        writable,
        |_, _, _| Act::Screen(Msg::Checkin(Instrument::Phq9)),
    ),
    bind(
        &[Pat::Char('g')],
        "g",
        "GAD-7 for this day (when the GAD-7 is used)",
        None,
        keys::gad7_writable,
        |_, _, _| Act::Screen(Msg::Checkin(Instrument::Gad7)),
    ),
    bind(
        &[Pat::Char('m')],
        "m",
        "mood entry for this day (a past day is marked added later)",
        None,
        writable,
        |_, _, _| Act::Screen(Msg::Checkin(Instrument::Mood)),
    ),
    keys::help(),
    keys::back("back"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub date: NaiveDate,
    pub selected: usize,
    /// Scroll of the details pane.
    pub scroll: u16,
}

impl State {
    pub fn new(date: NaiveDate) -> Self {
        Self { date, selected: 0, scroll: 0 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Move(i32),
    Amend,
    Retract,
    AddEvent,
    Checkin(Instrument),
    Scroll(i32),
}

/// What is listed for a day.
#[derive(Debug, Clone, Copy)]
enum Item<'a> {
    Entry(&'a Entry),
    Event(&'a Event),
}

fn items(journal: &Journal, date: NaiveDate) -> Vec<Item<'_>> {
    let mut out: Vec<Item> = journal.entries.iter().filter(|e| e.day() == date).map(Item::Entry).collect();
    out.extend(journal.events.iter().filter(|e| e.current().data.date == date).map(Item::Event));
    out
}

pub fn update(s: &mut State, msg: Msg, ctx: &Context) -> Step {
    let Some(data) = &ctx.data else { return Step::Stay };
    let list = items(&data.journal, s.date);
    let selected = list.get(s.selected).copied();
    match (msg, selected) {
        (Msg::Move(by), _) => {
            s.selected = keys::moved(s.selected, by, list.len());
            s.scroll = 0;
            Step::Stay
        }
        (Msg::Scroll(by), _) => {
            s.scroll = (i32::from(s.scroll) + by).clamp(0, 200) as u16;
            Step::Stay
        }
        (Msg::AddEvent, _) => Step::Go(Go::AddEvent(s.date)),
        (Msg::Checkin(Instrument::Mood), _) => Step::Go(Go::Mood(s.date)),
        (Msg::Checkin(instrument), _) => Step::Go(Go::Checkin(instrument, s.date)),
        (Msg::Amend, Some(Item::Entry(e))) => Step::Go(Go::AmendEntry(e.id)),
        (Msg::Retract, Some(Item::Entry(e))) if !e.is_retracted() => Step::Go(Go::RetractEntry(e.id)),
        (Msg::Amend, Some(Item::Event(e))) => Step::Go(Go::AmendEvent(e.id)),
        (Msg::Retract, Some(Item::Event(e))) if !e.is_retracted() => Step::Go(Go::RetractEvent(e.id)),
        _ => Step::Stay,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, ctx: &Context) {
    let Some(data) = &ctx.data else { return };
    let journal = &data.journal;
    let list = items(journal, s.date);
    let day = journal.window().day_of(s.date);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(list.len().clamp(1, 6) as u16 + 2), Constraint::Min(0)])
            .areas(area);
    let rows: Vec<ListItem> = list
        .iter()
        .map(|item| {
            let (what, text, retracted, flagged) = match item {
                Item::Entry(e) => (
                    format!("entry {}: ", e.id),
                    e.record().summary(),
                    e.is_retracted(),
                    e.ever_safety_signal(),
                ),
                Item::Event(e) => (
                    format!("event {}: ", e.id),
                    e.current().data.kind.label().to_string(),
                    e.is_retracted(),
                    false,
                ),
            };
            // the marks first: a long summary is what a narrow terminal cuts
            let mut spans = vec![Span::raw(what)];
            if flagged {
                spans.push(safety_mark(ctx.readonly()));
                spans.push(Span::raw(" "));
            }
            if retracted {
                spans.push(Span::styled("retracted ", Theme::dim()));
            }
            spans.push(Span::raw(text));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let title = format!(" {} \u{b7} day {day} ", s.date);
    if rows.is_empty() {
        let text = if s.date <= ctx.today && !ctx.readonly() {
            "No entries on this day: c or m fills it in (marked added later)."
        } else {
            "No entries on this day."
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, Theme::dim())).block(Block::bordered().title(title)),
            area,
        );
        return;
    }
    let mut state = ListState::default().with_selected(Some(s.selected.min(rows.len() - 1)));
    frame.render_stateful_widget(
        List::new(rows)
            .block(Block::bordered().title(title))
            .highlight_style(Theme::selected())
            .highlight_symbol("> "),
        top,
        &mut state,
    );
    let lines = match list.get(s.selected.min(list.len() - 1)) {
        Some(Item::Entry(e)) => entry_lines(e, ctx.readonly(), bottom.width),
        Some(Item::Event(e)) => event_lines(e),
        None => Vec::new(),
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((s.scroll, 0))
            .block(Block::bordered().title(" Details and versions (PgUp/PgDn scroll) ")),
        bottom,
    );
}

fn entry_lines(e: &Entry, readonly: bool, width: u16) -> Vec<Line<'static>> {
    // "9. " + item + "  3 More than half the days", inside the border; the
    // item wrapped under its number, whole
    let item_width = usize::from(width).saturating_sub(2 + 3 + 2 + 25).max(20);
    let item = |n: usize, text: &str, answer: &str, style: ratatui::style::Style| {
        hanging(&format!("{n}. "), text, item_width, answer).into_iter().map(move |l| Line::styled(l, style))
    };
    let mut lines = Vec::new();
    let flagged = e
        .versions
        .iter()
        .filter_map(|v| Some((v.number, v.data.record.phq9()?.answer(8)?)))
        .find(|(_, a)| *a > 0);
    if let Some((version, answer)) = flagged {
        let when = if e.versions.len() > 1 {
            format!(" in version {version}; the flag stays")
        } else {
            String::new()
        };
        lines.push(if readonly {
            Line::styled(format!("! SAFETY: item 9 was answered {answer}{when}"), Theme::safety_text())
        } else {
            Line::styled(
                format!(
                    "You answered that you had thoughts of being better off dead or of hurting yourself ({}){when}. Support is one key away: !",
                    crate::instrument::PHQ9.answers[usize::from(answer.min(3))].label.to_lowercase()
                ),
                Theme::warning(),
            )
        });
    }
    match e.record() {
        Record::Phq9(p) => {
            for (i, it) in ITEMS.iter().enumerate() {
                let a = p.answer(i);
                let style = if i == 8 && a.is_some_and(|a| a > 0) {
                    Theme::safety_text()
                } else {
                    ratatui::style::Style::new()
                };
                let answer = a.map_or("not answered".to_string(), |a| {
                    format!("{a} {}", phq9::ANSWERS[a as usize].label)
                });
                lines.extend(item(i + 1, it.text, &answer, style));
            }
            if let Some(d) = p.difficulty() {
                lines.push(Line::from(format!("10. {}", phq9::DIFFICULTY_ANSWERS[d as usize].label)));
            }
            if let (Some(s), Some(b)) = (p.score(), p.severity()) {
                let prorated = if s.prorated { " (prorated)" } else { "" };
                lines.push(Line::styled(format!("Total {}{prorated}: {b}", s.total), Theme::band(b)));
            }
            // the screening flag is for the clinician: in review only
            if let Some(screening) = p.screening().filter(|_| readonly) {
                lines.push(Line::from(crate::tui::format::capitalized(screening.label())));
            }
        }
        Record::Gad7(g) => {
            let q = &crate::instrument::GAD7;
            for (i, it) in q.items.iter().enumerate() {
                let answer = g
                    .answer(i)
                    .map_or("not answered".to_string(), |a| format!("{a} {}", q.answers[a as usize].label));
                lines.extend(item(i + 1, it.text, &answer, ratatui::style::Style::new()));
            }
            if let Some(t) = g.total() {
                lines.push(Line::styled(format!("Total {t}: {}", q.band(t).label), Theme::heading()));
            }
        }
        Record::Mood(m) => {
            let opt = |v: Option<u8>| v.map_or("not set".to_string(), |v| format!("{v}/10"));
            lines.push(Line::from(format!(
                "Mood {}/10 \u{b7} anxiety {} \u{b7} energy {} \u{b7} sleep {}",
                m.mood(),
                opt(m.anxiety()),
                opt(m.energy()),
                m.sleep().map_or("not set".into(), |h| format!("{h} h"))
            )));
            if !m.tags().is_empty() {
                lines.push(Line::from(format!("Tags: {}", m.tags().join(", "))));
            }
            if let Some(n) = m.note() {
                lines.push(Line::from("Note:"));
                lines.extend(n.lines().map(|l| Line::from(format!("  {}", outside(l)))));
            }
        }
    }
    lines.push(Line::default());
    if e.is_late() {
        lines.push(Line::styled(
            format!(
                "{}: recorded {} for {}",
                capitalized(late_word(readonly)),
                e.first().recorded_at.date_naive(),
                e.day()
            ),
            Theme::late(),
        ));
    }
    lines.push(Line::styled("Versions", Theme::heading()));
    for v in &e.versions {
        lines.push(version_line(v.number, v.change, v.recorded_at, v.reason.as_deref()));
        lines.push(Line::styled(format!("     {}", v.data.record.summary()), Theme::dim()));
    }
    lines
}

fn event_lines(e: &Event) -> Vec<Line<'static>> {
    let d = &e.current().data;
    let mut lines = vec![Line::from(format!("{} on {}", d.kind.label(), d.date))];
    if let Some(n) = &d.note {
        lines.push(Line::from("Note:"));
        lines.extend(n.lines().map(|l| Line::from(format!("  {}", outside(l)))));
    }
    lines.push(Line::default());
    lines.push(Line::styled("Versions", Theme::heading()));
    for v in &e.versions {
        lines.push(version_line(v.number, v.change, v.recorded_at, v.reason.as_deref()));
        lines.push(Line::styled(format!("     {} on {}", v.data.kind.label(), v.data.date), Theme::dim()));
    }
    lines
}

fn version_line(
    n: u32,
    change: Change,
    at: chrono::DateTime<chrono::FixedOffset>,
    reason: Option<&str>,
) -> Line<'static> {
    let reason = reason.map_or(String::new(), |r| format!(" \u{2014} {}", outside(r)));
    let style = if change == Change::Original { ratatui::style::Style::new() } else { Theme::late() };
    Line::styled(format!("v{n} {} {}{reason}", change.key(), at.format("%Y-%m-%d %H:%M %:z")), style)
}
