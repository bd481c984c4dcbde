//! Shown at once when an item-9 answer above 0 is saved (or, should saving
//! fail, anyway): the emergency line, the participant's care contact and the
//! crisis lines. It stays until acknowledged with a deliberate key (A);
//! Esc, q and Ctrl-C do not dismiss it. On a small terminal it scrolls, and
//! "Press A" stays on its border.

use crate::journal::{ALERTS_NOBODY, DEFAULT_CRISIS_LINES, EMERGENCY_LINE, SAFETY_HEADING};
use crate::tui::context::Context;
use crate::tui::format::outside;
use crate::tui::keys::{self, Binding, Pat, bind};
use crate::tui::msg::{Act, SafetyAnswer, Step};
use crate::tui::theme::Theme;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

fn asked(s: &State, _: &Context) -> bool {
    s.answer == SafetyAnswer::Asked
}

fn answered(s: &State, c: &Context) -> bool {
    !asked(s, c)
}

pub const KEYS: &[Binding<State, Msg>] = &[
    bind(
        &[Pat::Char('A')],
        "A",
        "I have read this (the only key that closes this screen)",
        Some("I have read this"),
        answered,
        |_, _, _| Act::Screen(Msg::Acknowledge),
    ),
    keys::scroll("scroll, on a small terminal"),
    keys::help(),
    bind(
        &[Pat::Key(KeyCode::Esc), Pat::Char('q'), Pat::Char('A')],
        "Esc",
        "back (this screen was asked for, no answer is behind it)",
        Some("back"),
        asked,
        |_, _, _| Act::Screen(Msg::Acknowledge),
    ),
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub scroll: u16,
    pub answer: SafetyAnswer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Acknowledge,
    Scroll(keys::Scroll),
}

impl From<keys::Scroll> for Msg {
    fn from(by: keys::Scroll) -> Self {
        Msg::Scroll(by)
    }
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    match msg {
        Msg::Acknowledge => Step::Back,
        Msg::Scroll(by) => {
            s.scroll = by.apply(s.scroll, 40);
            Step::Stay
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, ctx: &Context) {
    let compact = area.height < 20;
    let blank = || (!compact).then(Line::default);
    let profile = ctx.data.as_ref().map(|d| &d.journal.profile);
    let mut lines = vec![Line::styled(EMERGENCY_LINE, Theme::safety_text())];
    lines.extend(blank());
    if let Some(contact) = profile.and_then(|p| p.care_contact.as_deref()) {
        lines.push(Line::from(format!("Your care contact: {}", outside(contact))));
        lines.extend(blank());
    }
    let crisis: Vec<String> = match profile {
        Some(p) if !p.crisis_lines.is_empty() => p.crisis_lines.clone(),
        _ => DEFAULT_CRISIS_LINES.iter().map(|s| s.to_string()).collect(),
    };
    lines.push(Line::from("Crisis lines:"));
    lines.extend(crisis.into_iter().map(|l| Line::from(format!("  {}", outside(&l)))));
    lines.extend(blank());
    lines.extend(match s.answer {
        SafetyAnswer::Asked => None,
        SafetyAnswer::Saved => Some(Line::styled(SAFETY_HEADING, Theme::heading())),
        SafetyAnswer::Pending => Some(Line::styled(
            "Your answer is saved and flagged with the correction, once you give its reason.",
            Theme::heading(),
        )),
        SafetyAnswer::NotSaved => Some(Line::styled(
            "Your answer could not be saved (see below); please tell your care team about it.",
            Theme::error(),
        )),
    });
    lines.push(Line::styled(ALERTS_NOBODY, Theme::dim()));
    let (title, bottom) = match s.answer {
        SafetyAnswer::Asked => (" Support, now ", " Esc or A goes back "),
        _ => (" Your safety ", " Press A when you have read this "),
    };
    let block = Block::bordered()
        .title(Line::styled(title, Theme::safety()))
        .title_bottom(Line::styled(bottom, Theme::key()))
        .border_style(Theme::safety_text());
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((s.scroll, 0)).block(block),
        area,
    );
}
