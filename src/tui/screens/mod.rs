//! One file per screen: its state, its pure key map, its update and its drawing.

pub mod caseload;
pub mod checkin;
pub mod dashboard;
pub mod day;
pub mod event;
pub mod help;
pub mod history;
pub mod mood;
pub mod onboarding;
pub mod reason;
pub mod safety;
pub mod trends;
pub mod unlock;

use crossterm::event::{KeyCode, KeyEvent};

/// Keys shared by the screens that are not typing text.
pub(crate) fn common(key: KeyEvent) -> Option<super::app::Action> {
    use super::app::Action;
    match key.code {
        KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
        KeyCode::Char('?') => Some(Action::Help),
        _ => None,
    }
}

/// Up or down, by arrows or vi keys.
pub(crate) fn vertical(key: KeyEvent) -> Option<i32> {
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(-1),
        KeyCode::Down | KeyCode::Char('j') => Some(1),
        KeyCode::PageUp => Some(-10),
        KeyCode::PageDown => Some(10),
        _ => None,
    }
}

/// Move a selection within `0..len`.
pub(crate) fn moved(selected: usize, by: i32, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (selected as i64 + i64::from(by)).clamp(0, len as i64 - 1) as usize
}
