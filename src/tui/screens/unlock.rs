//! A masked passphrase field. A wrong passphrase says so and lets the user
//! try again; Esc quits.

use crate::tui::context::Context;
use crate::tui::keys::{self, Binding, Pat, always, bind};
use crate::tui::msg::{Act, Action, Effect, Step};
use crate::tui::text_field::TextField;
use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use secrecy::SecretString;

pub const KEYS: &[Binding<State, Msg>] = &[
    keys::support_typing(),
    bind(&[Pat::Key(KeyCode::Enter)], "Enter", "unlock", Some("unlock"), always, |_, _, _| {
        Act::Screen(Msg::Submit)
    }),
    bind(&[Pat::Key(KeyCode::Esc)], "Esc", "quit", Some("quit"), always, |_, _, _| Act::App(Action::Quit)),
    bind(&[Pat::Any], "type", "your passphrase (hidden)", None, always, |_, _, key| {
        Act::Screen(Msg::Edit(key))
    }),
];

#[derive(Debug, Clone)]
pub struct State {
    pub field: TextField,
    pub error: Option<String>,
    pub attempts: u32,
    /// Shown under the field (the demo prints its passphrase here).
    pub hint: Option<String>,
}

impl Default for State {
    fn default() -> Self {
        Self { field: TextField::masked(1024), error: None, attempts: 0, hint: None }
    }
}

#[derive(Debug, Clone)]
pub enum Msg {
    Edit(KeyEvent),
    Submit,
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    match msg {
        Msg::Edit(key) => {
            s.field.edit(key);
            Step::Stay
        }
        Msg::Submit if s.field.text().trim().is_empty() => {
            s.error = Some("Type your passphrase, then Enter.".into());
            Step::Stay
        }
        Msg::Submit => {
            let passphrase = SecretString::from(s.field.text().to_string());
            s.error = None;
            Step::Run(Effect::Unlock(passphrase))
        }
    }
}

/// The outcome of a failed unlock: say so, clear the field, let them retry.
/// What to do when the passphrase is forgotten, said after a wrong one.
pub const FORGOTTEN: &str = "Forgotten it? No one holds a copy, so it cannot be reset. Take your time: \
     capitals and spaces count. A backup or an export you sealed for yourself can be restored \
     into a new set-up; your care team can help.";

pub fn failed(s: &mut State, wrong_passphrase: bool, message: String) {
    s.attempts += 1;
    s.field.clear();
    s.error = Some(if wrong_passphrase {
        format!("Wrong passphrase (attempt {}). Try again.", s.attempts)
    } else {
        message
    });
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, _: &Context) {
    let [_, middle, _] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(12), Constraint::Fill(1)]).areas(area);
    let [_, card, _] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Max(60), Constraint::Fill(1)]).areas(middle);
    let mut lines = vec![
        Line::from("Your check-ins are encrypted. Enter your passphrase."),
        Line::default(),
        {
            let mut spans = vec![ratatui::text::Span::styled("Passphrase: ", Theme::heading())];
            spans.extend(s.field.line(true).spans);
            Line::from(spans)
        },
        Line::default(),
    ];
    match &s.error {
        Some(e) => lines.push(Line::styled(e.clone(), Theme::error())),
        None => lines.push(Line::styled("Enter unlock \u{b7} Esc quit", Theme::dim())),
    }
    if s.attempts > 0 {
        lines.push(Line::styled(FORGOTTEN, Theme::dim()));
    }
    if let Some(h) = &s.hint {
        lines.push(Line::styled(h.clone(), Theme::dim()));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(Block::bordered().title(" Unlock followup ")),
        card,
    );
}
