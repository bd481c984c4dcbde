//! Shown at once after an entry with an item-9 answer above 0 is saved:
//! the emergency line, the participant's care contact and the crisis lines.
//! It stays until acknowledged with a deliberate key (A); Esc, q and
//! Ctrl-C do not dismiss it.

use crate::journal::{DEFAULT_CRISIS_LINES, EMERGENCY_LINE, SAFETY_HEADING};
use crate::tui::app::{Action, App, Step};
use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

pub const KEYS: &[(&str, &str)] =
    &[("A", "I have read this (the only key that closes this screen)"), ("?", "help")];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Acknowledge,
}

pub fn keymap(_: &State, key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char('a' | 'A') => Some(Action::Safety(Msg::Acknowledge)),
        KeyCode::Char('?') => Some(Action::Help),
        _ => None,
    }
}

pub fn update(_: &mut State, msg: Msg) -> Step {
    match msg {
        Msg::Acknowledge => Step::Back,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, _: &State, app: &App) {
    let profile = app.data.as_ref().map(|d| &d.journal.profile);
    let mut lines = vec![Line::styled(SAFETY_HEADING, Theme::heading()), Line::default()];
    lines.push(Line::styled(EMERGENCY_LINE, Theme::safety_text()));
    lines.push(Line::default());
    if let Some(contact) = profile.and_then(|p| p.care_contact.as_deref()) {
        lines.push(Line::from(format!("Your care contact: {contact}")));
        lines.push(Line::default());
    }
    let crisis: Vec<String> = match profile {
        Some(p) if !p.crisis_lines.is_empty() => p.crisis_lines.clone(),
        _ => DEFAULT_CRISIS_LINES.iter().map(|s| s.to_string()).collect(),
    };
    lines.push(Line::from("Crisis lines:"));
    lines.extend(crisis.into_iter().map(|l| Line::from(format!("  {l}"))));
    lines.push(Line::default());
    lines.push(Line::styled("followup is not a crisis service: it does not alert anyone.", Theme::dim()));
    lines.push(Line::default());
    lines.push(Line::styled("Press A when you have read this.", Theme::key()));
    let block = Block::bordered()
        .title(Line::styled(" Your safety ", Theme::safety()))
        .border_style(Theme::safety_text());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}
