//! Asks why a record is corrected or retracted; nothing is saved without a reason.

use crate::record::REASON_MAX_CHARS;
use crate::tui::context::Context;
use crate::tui::keys::{Binding, Pat, always, bind, escape};
use crate::tui::msg::{Act, Correction, Effect, Step};
use crate::tui::text_field::TextField;
use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

pub const KEYS: &[Binding<State, Msg>] = &[
    bind(&[Pat::Key(KeyCode::Enter)], "Enter", "save, with the reason", Some("save"), always, |_, _, _| {
        Act::Screen(Msg::Submit)
    }),
    escape("back without saving"),
    bind(&[Pat::Any], "type", "the reason: it stays in the record's history", None, always, |_, _, key| {
        Act::Screen(Msg::Edit(key))
    }),
];

#[derive(Debug, Clone)]
pub struct State {
    pub purpose: Correction,
    pub field: TextField,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Edit(KeyEvent),
    Submit,
}

impl State {
    pub fn new(purpose: Correction) -> Self {
        Self { purpose, field: TextField::new(REASON_MAX_CHARS), error: None }
    }
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    match msg {
        Msg::Edit(key) => {
            s.field.edit(key);
            s.error = None;
            Step::Stay
        }
        Msg::Submit => match crate::record::reason(s.field.text()) {
            Ok(reason) => Step::Run(Effect::Write(s.purpose.with_reason(reason.to_string()))),
            Err(_) => {
                s.error = Some("A reason is required: it stays in the record's history.".into());
                Step::Stay
            }
        },
    }
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, _: &Context) {
    let what = match &s.purpose {
        Correction::AmendEntry(id, _) => format!("Why is entry {id} being corrected?"),
        Correction::RetractEntry(id) => format!("Why is entry {id} being retracted?"),
        Correction::AmendEvent(id, _) => format!("Why is event {id} being corrected?"),
        Correction::RetractEvent(id) => format!("Why is event {id} being retracted?"),
    };
    let mut lines = vec![
        Line::styled(what, Theme::heading()),
        Line::styled("The earlier version is kept; the reason is saved with the new one.", Theme::dim()),
        Line::default(),
        s.field.line(true),
        Line::default(),
    ];
    if let Some(e) = &s.error {
        lines.push(Line::styled(e.clone(), Theme::error()));
    }
    lines.push(Line::styled("Enter save \u{b7} Esc back", Theme::dim()));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(Block::bordered().title(" Reason ")),
        area,
    );
}
