//! Every colour the TUI uses, in one place.

use crate::instrument::Severity;
use ratatui::style::{Color, Modifier, Style};

pub struct Theme;

impl Theme {
    pub fn title() -> Style {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn heading() -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn dim() -> Style {
        Style::new().fg(Color::DarkGray)
    }
    pub fn key() -> Style {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn selected() -> Style {
        Style::new().bg(Color::Blue).fg(Color::White).add_modifier(Modifier::BOLD)
    }
    pub fn focused() -> Style {
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn ok() -> Style {
        Style::new().fg(Color::Green)
    }
    pub fn due() -> Style {
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn error() -> Style {
        Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    /// Safety flags: never subtle.
    pub fn safety() -> Style {
        Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn safety_text() -> Style {
        Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }
    /// Something to talk about, not an alarm.
    pub fn warning() -> Style {
        Style::new().fg(Color::Yellow)
    }
    pub fn late() -> Style {
        Style::new().fg(Color::Magenta)
    }
    pub fn series() -> Style {
        Style::new().fg(Color::Cyan)
    }
    pub fn absent() -> Style {
        Style::new().fg(Color::DarkGray)
    }
    pub fn marker() -> Style {
        Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
    /// Event markers, one colour per kind.
    pub fn event(kind: crate::record::EventKind) -> Style {
        use crate::record::EventKind;
        Style::new().fg(match kind {
            EventKind::Dosing => Color::Magenta,
            EventKind::Integration => Color::LightBlue,
            EventKind::Medication => Color::LightYellow,
            EventKind::Other => Color::Gray,
        })
    }
    pub fn baseline() -> Style {
        Style::new().fg(Color::Yellow)
    }
    pub fn improving() -> Style {
        Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
    }
    pub fn worsening() -> Style {
        Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }
    pub fn band(severity: Severity) -> Style {
        Style::new().fg(match severity {
            Severity::None => Color::Green,
            Severity::Mild => Color::LightGreen,
            Severity::Moderate => Color::Yellow,
            Severity::ModeratelySevere => Color::LightRed,
            Severity::Severe => Color::Red,
        })
    }
}
