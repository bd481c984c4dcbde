//! First run: choose a passphrase (twice, with a strength hint), the
//! participant code, the dosing date, window length, PHQ-9 cadence and an
//! optional care contact; then the database is created.

use crate::journal::{Profile, participant_code};
use crate::passphrase::{check_new, strength_hint};
use crate::tui::context::Context;
use crate::tui::format::capitalized;
use crate::tui::keys::{self, Binding, Pat, always, bind};
use crate::tui::msg::{Act, Action, Effect, Step};
use crate::tui::text_field::TextField;
use crate::tui::theme::Theme;
use crate::window::{DEFAULT_LENGTH_DAYS, Window};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use secrecy::SecretString;

pub const KEYS: &[Binding<State, Msg>] = &[
    keys::support_typing(),
    keys::next_field(|_, _, _| Act::Screen(Msg::Focus(1))),
    keys::previous_field(|_, _, _| Act::Screen(Msg::Focus(-1))),
    keys::submit("next field; on the last, create the encrypted database", "next/create", |_, _, _| {
        Act::Screen(Msg::Submit)
    }),
    bind(
        &[Pat::Key(KeyCode::Esc)],
        "Esc",
        "quit without creating anything",
        Some("quit"),
        always,
        |_, _, _| Act::App(Action::Quit),
    ),
    bind(&[Pat::Any], "type", "the field's value", None, always, |_, _, key| Act::Screen(Msg::Edit(key))),
];

const MISMATCH: &str = "The two passphrases differ: type it twice again, from the first field.";

const LABELS: [&str; 8] = [
    "Passphrase",
    "Passphrase again",
    "Participant code",
    "Dosing session date",
    "Window length (days)",
    "PHQ-9 every N days",
    "GAD-7 every N days",
    "Care contact (optional)",
];

#[derive(Debug, Clone)]
pub struct State {
    pub fields: [TextField; 8],
    pub focus: usize,
    pub error: Option<String>,
    /// Set-up day: a dosing date far from it is refused.
    pub today: NaiveDate,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Edit(KeyEvent),
    Focus(i32),
    Submit,
}

impl State {
    pub fn new(today: NaiveDate) -> Self {
        Self {
            fields: [
                TextField::masked(1024),
                TextField::masked(1024),
                TextField::new(32),
                TextField::new(10).with_default(&today.to_string()),
                TextField::new(4).with_default(&DEFAULT_LENGTH_DAYS.to_string()),
                TextField::new(2).with_default("1"),
                TextField::new(2).with_default("0"),
                TextField::new(200),
            ],
            focus: 0,
            error: None,
            today,
        }
    }

    /// Check every field; the first problem is reported, with the field
    /// to go back to.
    fn validate(&self) -> Result<(SecretString, Profile), (usize, String)> {
        let [pass, again, code, date, length, every, gad7, contact] = &self.fields;
        let at = |field: usize| move |e: String| (field, e);
        check_new(pass.text()).map_err(|e| (0, e.to_string()))?;
        if pass.text() != again.text() {
            return Err((0, MISMATCH.into()));
        }
        let participant = participant_code(code.text().trim()).map_err(|e| (2, e.to_string()))?;
        let dosing = crate::parse::date(date.text().trim()).map_err(at(3))?;
        let length =
            crate::parse::days(length.text(), "Window length in days", 1..=crate::window::MAX_LENGTH_DAYS)
                .map_err(at(4))?;
        let every =
            crate::parse::days(every.text(), "PHQ-9 every N days (1 for daily)", 1..=28).map_err(at(5))?;
        let gad7 =
            crate::parse::days(gad7.text(), "GAD-7 every N days (0: not used)", 0..=28).map_err(at(6))?;
        let window = Window::new(dosing, length, every)
            .and_then(|w| w.with_gad7_every(gad7))
            .and_then(|w| w.check_new(self.today))
            .map_err(|e| (3, e.to_string()))?;
        let contact = Some(contact.text().trim().to_string());
        Ok((SecretString::from(pass.text().to_string()), Profile::new(participant, window, contact)))
    }
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    match msg {
        Msg::Edit(key) => {
            s.fields[s.focus].edit(key);
            s.error = None;
        }
        Msg::Focus(by) => s.focus = keys::moved(s.focus, by, s.fields.len()),
        Msg::Submit if s.focus + 1 < s.fields.len() => s.focus += 1,
        Msg::Submit => match s.validate() {
            Ok((passphrase, profile)) => return Step::Run(Effect::Create(passphrase, profile)),
            Err((field, e)) => {
                // two passphrases that differ: both again, from the first
                if e == MISMATCH {
                    s.fields[0].clear();
                    s.fields[1].clear();
                }
                // the cursor goes to the field the message is about
                s.focus = field;
                // every field's message a sentence on the form
                s.error = Some(capitalized(&e));
            }
        },
    }
    Step::Stay
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, _: &Context) {
    let mut lines = vec![
        Line::styled("Welcome. Set up followup for your follow-up period.", Theme::heading()),
        Line::styled(
            "Everything stays on this computer, encrypted with your passphrase. It cannot be recovered without it.",
            Theme::dim(),
        ),
        Line::default(),
    ];
    for (i, (label, field)) in LABELS.iter().zip(&s.fields).enumerate() {
        let focused = i == s.focus;
        let style = if focused { Theme::focused() } else { ratatui::style::Style::new() };
        let mut spans =
            vec![Span::styled(format!("{}{label:<24}", if focused { "> " } else { "  " }), style)];
        spans.extend(field.line(focused).spans);
        if i == 0 && !field.is_empty() {
            spans.push(Span::styled(format!("  {}", strength_hint(field.text())), Theme::dim()));
        }
        if i == 3 {
            spans.push(Span::styled("  YYYY-MM-DD, day 0", Theme::dim()));
        }
        if i == 6 {
            spans.push(Span::styled("  0: not used (anxiety questionnaire)", Theme::dim()));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    match &s.error {
        Some(e) => lines.push(Line::styled(e.clone(), Theme::error())),
        None => {
            lines.push(Line::styled("Enter on the last field creates the encrypted database.", Theme::dim()))
        }
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(Block::bordered().title(" Set up ")),
        area,
    );
}
