//! Add or correct a timeline event: kind, date and an optional note.

use crate::record::{EventData, EventKind};
use crate::tui::context::Context;
use crate::tui::format::outside;
use crate::tui::keys::{self, Binding, Pat, bind, escape};
use crate::tui::msg::{Act, Correction, Effect, Go, Step, Write};
use crate::tui::text_field::TextField;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

fn on_kind(s: &State, _: &Context) -> bool {
    s.focus == 0
}

fn on_text(s: &State, _: &Context) -> bool {
    s.focus > 0
}

pub const KEYS: &[Binding<State, Msg>] = &[
    keys::support_typing(),
    keys::next_field(|_, _, _| Act::Screen(Msg::Focus(1))),
    keys::previous_field(|_, _, _| Act::Screen(Msg::Focus(-1))),
    keys::submit("next field; on the note, save", "save", |_, _, _| Act::Screen(Msg::Submit)),
    keys::choice("change the kind", "kind", on_kind, |_, _, key| Act::Screen(Msg::Kind(keys::sideways(key)))),
    escape("cancel"),
    bind(&[Pat::Any], "type", "the date (YYYY-MM-DD) or the note", None, on_text, |_, _, key| {
        Act::Screen(Msg::Edit(key))
    }),
];

#[derive(Debug, Clone)]
pub struct State {
    pub kind: EventKind,
    pub date: TextField,
    pub note: TextField,
    pub focus: usize,
    pub amend: Option<i64>,
    pub original: Option<EventData>,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Focus(i32),
    Kind(i32),
    Edit(KeyEvent),
    Submit,
}

impl State {
    pub fn new(date: NaiveDate, existing: Option<(i64, &EventData)>) -> Self {
        let (kind, note, amend) = match existing {
            Some((id, d)) => (d.kind, d.note.clone().unwrap_or_default(), Some(id)),
            None => (EventKind::Integration, String::new(), None),
        };
        let original = existing.map(|(_, d)| d.clone());
        Self {
            kind,
            date: TextField::new(10).with_text(&date.to_string()),
            note: TextField::new(500).with_text(&outside(&note)),
            focus: 0,
            amend,
            original,
            error: None,
        }
    }
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    s.error = None;
    match msg {
        Msg::Focus(by) => s.focus = keys::moved(s.focus, by, 3),
        Msg::Kind(by) => {
            let i = EventKind::ALL.iter().position(|k| *k == s.kind).unwrap_or(0);
            s.kind = EventKind::ALL[(i as i32 + by).rem_euclid(EventKind::ALL.len() as i32) as usize];
        }
        Msg::Edit(key) => {
            let field = if s.focus == 1 { &mut s.date } else { &mut s.note };
            field.edit(key);
        }
        Msg::Submit if s.focus < 2 => s.focus += 1,
        Msg::Submit => match crate::parse::date(s.date.text().trim()) {
            Ok(date) => {
                let note = Some(s.note.text().trim().to_string()).filter(|n| !n.is_empty());
                let data = EventData { kind: s.kind, date, note };
                if s.original.as_ref() == Some(&data) {
                    s.error = Some("Nothing has changed.".into());
                    return Step::Stay;
                }
                return match s.amend {
                    Some(id) => Step::Go(Go::Reason(Correction::AmendEvent(id, data))),
                    None => Step::Run(Effect::Write(Write::AddEvent(data))),
                };
            }
            Err(e) => {
                s.error = Some(e);
                s.focus = 1;
            }
        },
    }
    Step::Stay
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, _: &Context) {
    let row = |i: usize, label: &str, value: Vec<Span<'static>>| {
        let style = if s.focus == i { Theme::focused() } else { ratatui::style::Style::new() };
        let mut spans =
            vec![Span::styled(format!("{}{label:<8}", if s.focus == i { "> " } else { "  " }), style)];
        spans.extend(value);
        Line::from(spans)
    };
    let kinds: Vec<Span> = EventKind::ALL
        .iter()
        .map(|k| {
            if *k == s.kind {
                Span::styled(format!("[{}] ", k.label()), Theme::selected())
            } else {
                Span::raw(format!(" {}  ", k.label()))
            }
        })
        .collect();
    let mut lines = vec![
        row(0, "Kind", kinds),
        row(1, "Date", s.date.line(s.focus == 1).spans),
        row(2, "Note", s.note.line(s.focus == 2).spans),
        Line::default(),
    ];
    if let Some(e) = &s.error {
        lines.push(Line::styled(e.clone(), Theme::error()));
    }
    lines.push(Line::styled("Enter on the note saves \u{b7} Esc cancels", Theme::dim()));
    let title = if s.amend.is_some() { " Correct a timeline event " } else { " Add a timeline event " };
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(Block::bordered().title(title)),
        area,
    );
}
