//! `?`: every key of the screen underneath, read from that screen's key
//! table when help was opened.

use crate::tui::context::Context;
use crate::tui::keys::{self, Binding, Hint, Pat, always, bind};
use crate::tui::msg::{Act, Action, Step};
use crate::tui::theme::Theme;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use std::convert::Infallible;

/// Which screen's keys, and the keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub screen: &'static str,
    pub hints: Vec<Hint>,
    /// What the screen's columns or marks mean, where it has them.
    pub about: Vec<(&'static str, &'static str)>,
}

pub const KEYS: &[Binding<State, Infallible>] = &[
    keys::support(),
    bind(&[Pat::Char('p')], "p", "the profile and its history", Some("profile"), has_record, |_, _, _| {
        Act::App(Action::Go(crate::tui::msg::Go::Info(crate::tui::msg::Page::Profile)))
    }),
    bind(
        &[Pat::Char('q'), Pat::Key(KeyCode::Esc), Pat::Char('?')],
        "q/Esc/?",
        "close help",
        Some("close help"),
        always,
        |_, _, _| Act::App(Action::Back),
    ),
];

fn has_record(_: &State, ctx: &Context) -> bool {
    ctx.data.is_some()
}

pub fn update(_: &mut State, msg: Infallible) -> Step {
    match msg {}
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, _: &Context) {
    let mut lines = vec![Line::styled(format!("Keys on {}", s.screen), Theme::heading()), Line::default()];
    for h in &s.hints {
        lines.push(Line::from(vec![
            Span::styled(format!("{:>14}  ", h.label), Theme::key()),
            Span::raw(h.help),
        ]));
    }
    if !s.about.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Columns", Theme::heading()));
        for (name, meaning) in &s.about {
            lines.push(Line::from(vec![
                Span::styled(format!("{name:>14}  "), Theme::key()),
                Span::raw(*meaning),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Everywhere: Ctrl-C quits (on the safety screen only A closes it).",
        Theme::dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(Block::bordered().title(" Help ")),
        area,
    );
}
