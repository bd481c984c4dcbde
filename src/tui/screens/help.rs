//! `?`: every key of the screen underneath, read from that screen's key
//! table when help was opened.

use crate::tui::context::Context;
use crate::tui::format;
use crate::tui::keys::{self, Binding, Hint, Pat, always, bind};
use crate::tui::msg::{Act, Action, Step};
use crate::tui::theme::Theme;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Which screen's keys, and the keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub screen: &'static str,
    pub hints: Vec<Hint>,
    /// What the screen's columns or marks mean, where it has them.
    pub about: Vec<(&'static str, &'static str)>,
    pub scroll: u16,
}

/// The one thing this page does: scroll.
pub type Msg = keys::Scroll;

pub const KEYS: &[Binding<State, Msg>] = &[
    keys::support(),
    keys::scroll("scroll"),
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

pub fn update(s: &mut State, msg: Msg) -> Step {
    // at most every line wrapped in two, past which there is nothing
    let rows = 2 * (s.hints.len() + s.about.len()) + 6;
    s.scroll = msg.apply(s.scroll, rows.try_into().unwrap_or(u16::MAX));
    Step::Stay
}

/// The width of the key column, with the gap after it.
const KEY_COLUMN: usize = 16;

pub fn draw(frame: &mut Frame, area: Rect, s: &State, _: &Context) {
    let mut lines = vec![Line::styled(format!("Keys on {}", s.screen), Theme::heading()), Line::default()];
    // a description that wraps goes on under itself, not back at column 0
    let width = usize::from(area.width.saturating_sub(2)).saturating_sub(KEY_COLUMN);
    let entry = |key: &str, text: &str| -> Vec<Line<'static>> {
        format::wrapped(text, width)
            .into_iter()
            .enumerate()
            .map(|(i, part)| {
                let key = if i == 0 { format!("{key:>14}  ") } else { " ".repeat(KEY_COLUMN) };
                Line::from(vec![Span::styled(key, Theme::key()), Span::raw(part)])
            })
            .collect()
    };
    for h in &s.hints {
        lines.extend(entry(h.label, h.help));
    }
    if !s.about.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Columns", Theme::heading()));
        for (name, meaning) in &s.about {
            lines.extend(entry(name, meaning));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Everywhere: Ctrl-C quits (on the safety screen only A closes it).",
        Theme::dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((s.scroll, 0))
            .block(Block::bordered().title(" Help ")),
        area,
    );
}
