//! Asks why a record is corrected or retracted: a few usual reasons to
//! choose, or one's own words. Nothing is saved without a reason.

use crate::record::REASON_MAX_CHARS;
use crate::tui::context::Context;
use crate::tui::keys::{self, Binding, Pat, always, bind, escape};
use crate::tui::msg::{Act, Correction, Effect, Step};
use crate::tui::text_field::TextField;
use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub const KEYS: &[Binding<State, Msg>] = &[
    keys::support_typing(),
    bind(&[Pat::Key(KeyCode::Enter)], "Enter", "save, with the reason", Some("save"), always, |_, _, _| {
        Act::Screen(Msg::Submit)
    }),
    bind(
        &[Pat::Key(KeyCode::Up), Pat::Key(KeyCode::Down)],
        "\u{2191}\u{2193}",
        "choose one of the usual reasons",
        Some("choose"),
        always,
        |_, _, key| Act::Screen(Msg::Choose(if key.code == KeyCode::Up { -1 } else { 1 })),
    ),
    escape("back without saving"),
    bind(
        &[Pat::Any],
        "type",
        "your own words: they stay in the record's history",
        None,
        always,
        |_, _, key| Act::Screen(Msg::Edit(key)),
    ),
];

#[derive(Debug, Clone)]
pub struct State {
    pub purpose: Correction,
    /// The usual reason chosen, or `None` for one's own words.
    pub choice: Option<usize>,
    pub field: TextField,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Choose(i32),
    Edit(KeyEvent),
    Submit,
}

/// The usual reasons for each kind of change.
pub fn choices(purpose: &Correction) -> &'static [&'static str] {
    match purpose {
        // the correction forms change what an entry says, never its day
        // (that is `followup amend --date`), so no reason names another day
        Correction::AmendEntry(..) => &["I chose the wrong value", "I misread the question", "A typo"],
        Correction::RetractEntry(_) => {
            &["I logged it twice", "I logged it by mistake", "It was for another day"]
        }
        Correction::AmendEvent(..) => &["The date was wrong", "The kind was wrong", "A typo in the note"],
        Correction::RetractEvent(_) => {
            &["It did not take place", "I added it by mistake", "I added it twice"]
        }
    }
}

impl State {
    pub fn new(purpose: Correction) -> Self {
        Self { purpose, choice: None, field: TextField::new(REASON_MAX_CHARS), error: None }
    }

    /// The reason as it will be saved.
    fn reason(&self) -> Option<String> {
        match self.choice {
            Some(i) => choices(&self.purpose).get(i).map(|c| c.to_string()),
            None => crate::record::reason(self.field.text()).ok().map(str::to_string),
        }
    }
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    s.error = None;
    match msg {
        Msg::Choose(by) => {
            // the usual reasons, then one's own words (None), in a ring
            let n = choices(&s.purpose).len() as i32 + 1;
            let at = s.choice.map_or(n - 1, |i| i as i32);
            let next = (at + by).rem_euclid(n);
            s.choice = (next < n - 1).then_some(next as usize);
        }
        Msg::Edit(key) => {
            s.choice = None;
            s.field.edit(key);
        }
        Msg::Submit => match s.reason() {
            Some(reason) => return Step::Run(Effect::Write(s.purpose.with_reason(reason))),
            None => {
                s.error =
                    Some("A reason is required: choose one with \u{2191}\u{2193}, or type your own.".into())
            }
        },
    }
    Step::Stay
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
    ];
    for (i, c) in choices(&s.purpose).iter().enumerate() {
        let text = format!(" {} {c} ", if s.choice == Some(i) { "\u{25cf}" } else { "\u{25cb}" });
        lines.push(if s.choice == Some(i) {
            Line::styled(text, Theme::selected())
        } else {
            Line::from(text)
        });
    }
    let mut own = vec![Span::styled(
        format!(" {} In my own words: ", if s.choice.is_none() { "\u{25cf}" } else { "\u{25cb}" }),
        if s.choice.is_none() { Theme::focused() } else { ratatui::style::Style::new() },
    )];
    own.extend(s.field.line(s.choice.is_none()).spans);
    lines.push(Line::from(own));
    lines.push(Line::default());
    if let Some(e) = &s.error {
        lines.push(Line::styled(e.clone(), Theme::error()));
    }
    lines.push(Line::styled(
        "Enter save \u{b7} \u{2191}\u{2193} choose \u{b7} or type \u{b7} Esc back",
        Theme::dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(Block::bordered().title(" Reason ")),
        area,
    );
}
