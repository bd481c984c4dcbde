//! `?`: every key of the screen underneath, and the short list in the footer.

use crate::tui::app::{Action, App, Screen};
use crate::tui::theme::Theme;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn keymap(key: KeyEvent) -> Option<Action> {
    super::common(key).map(|_| Action::Back)
}

/// The keys of a screen.
pub fn keys(screen: &Screen, readonly: bool) -> &'static [(&'static str, &'static str)] {
    match screen {
        Screen::Unlock(_) => super::unlock::KEYS,
        Screen::Onboarding(_) => super::onboarding::KEYS,
        Screen::Dashboard if readonly => super::dashboard::KEYS_REVIEW,
        Screen::Dashboard => super::dashboard::KEYS,
        Screen::Trends(_) => super::trends::KEYS,
        Screen::Checkin(_) => super::checkin::KEYS,
        Screen::Safety(_) => super::safety::KEYS,
        Screen::Mood(_) => super::mood::KEYS,
        Screen::History(_) if readonly => super::history::KEYS_REVIEW,
        Screen::History(_) => super::history::KEYS,
        Screen::Day(_) if readonly => super::day::KEYS_REVIEW,
        Screen::Day(_) => super::day::KEYS,
        Screen::Reason(_) => super::reason::KEYS,
        Screen::Event(_) => super::event::KEYS,
        Screen::Caseload(_) => super::caseload::KEYS,
        Screen::Help => &[("q/Esc/?", "close help")],
    }
}

/// The footer's short list for the screen on top.
pub fn hints(app: &App) -> Vec<(&'static str, &'static str)> {
    keys(app.screen(), app.readonly())
        .iter()
        .map(|(k, what)| (*k, what.split([':', '(', ';']).next().unwrap_or(what).trim()))
        .take(7)
        .collect()
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let under = app.stack.len().checked_sub(2).and_then(|i| app.stack.get(i));
    let Some(under) = under else { return };
    let mut lines =
        vec![Line::styled(format!("Keys on {}", under.name()), Theme::heading()), Line::default()];
    for (key, what) in keys(under, app.readonly()) {
        lines.push(Line::from(vec![Span::styled(format!("{key:>14}  "), Theme::key()), Span::raw(*what)]));
    }
    lines.push(Line::default());
    lines.push(Line::styled("Everywhere: q or Esc goes back, ? shows this help, Ctrl-C quits", Theme::dim()));
    lines.push(Line::styled("(on the safety screen only A closes it).", Theme::dim()));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(Block::bordered().title(" Help ")),
        area,
    );
}
