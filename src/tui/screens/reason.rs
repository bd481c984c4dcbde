//! Asks why a record is corrected or retracted; nothing is saved without a reason.

use crate::record::{EntryData, EventData};
use crate::tui::app::{Action, Effect, Step, Write};
use crate::tui::text_field::TextField;
use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

pub const KEYS: &[(&str, &str)] =
    &[("type", "the reason"), ("Enter", "save"), ("Esc", "back without saving")];

/// What the reason is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    AmendEntry(i64, Box<EntryData>),
    RetractEntry(i64),
    AmendEvent(i64, EventData),
    RetractEvent(i64),
}

#[derive(Debug, Clone)]
pub struct State {
    pub purpose: Purpose,
    pub field: TextField,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Edit(KeyEvent),
    Submit,
}

impl State {
    pub fn new(purpose: Purpose) -> Self {
        Self { purpose, field: TextField::new(500), error: None }
    }
}

pub fn keymap(_: &State, key: KeyEvent) -> Option<Action> {
    Some(match key.code {
        KeyCode::Esc => Action::Back,
        KeyCode::Enter => Action::Reason(Msg::Submit),
        _ => Action::Reason(Msg::Edit(key)),
    })
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    match msg {
        Msg::Edit(key) => {
            s.field.edit(key);
            s.error = None;
            Step::Stay
        }
        Msg::Submit => {
            let reason = s.field.text().trim().to_string();
            if reason.is_empty() {
                s.error = Some("A reason is required: it stays in the record's history.".into());
                return Step::Stay;
            }
            let write = match &s.purpose {
                Purpose::AmendEntry(id, data) => Write::AmendEntry(*id, (**data).clone(), reason),
                Purpose::RetractEntry(id) => Write::RetractEntry(*id, reason),
                Purpose::AmendEvent(id, data) => Write::AmendEvent(*id, data.clone(), reason),
                Purpose::RetractEvent(id) => Write::RetractEvent(*id, reason),
            };
            Step::Run(Effect::Write(write))
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State) {
    let what = match &s.purpose {
        Purpose::AmendEntry(id, _) => format!("Why is entry {id} being corrected?"),
        Purpose::RetractEntry(id) => format!("Why is entry {id} being retracted?"),
        Purpose::AmendEvent(id, _) => format!("Why is event {id} being corrected?"),
        Purpose::RetractEvent(id) => format!("Why is event {id} being retracted?"),
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
