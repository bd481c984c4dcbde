//! Every colour the TUI uses, in one place. With `NO_COLOR` set (no-color.org)
//! there is none: styles keep only bold and reverse video, and whatever a
//! colour said is also said by text or a symbol (! and ⚑ for safety, "added
//! later", "rising … from best", ↑, the grid's shading characters).

use crate::instrument::Severity;
use ratatui::style::{Color, Modifier, Style};
use std::sync::atomic::{AtomicBool, Ordering};

pub struct Theme;

static NO_COLOR: AtomicBool = AtomicBool::new(false);

/// A style as shown: without its colours when there are to be none.
fn paint(style: Style) -> Style {
    if NO_COLOR.load(Ordering::Relaxed) {
        Style { fg: None, bg: None, underline_color: None, ..style }
    } else {
        style
    }
}

impl Theme {
    /// No colour from now on (or colour again): for `NO_COLOR`.
    pub fn set_no_color(off: bool) {
        NO_COLOR.store(off, Ordering::Relaxed);
    }

    /// Whether `NO_COLOR` asks for no colour: set and not empty.
    pub fn no_color_wanted() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    pub fn no_color() -> bool {
        NO_COLOR.load(Ordering::Relaxed)
    }

    /// A cell of the week-by-item grid for a weekly mean 0–3 (higher is more
    /// days bothered): a shade of grey behind `text`, darker for more, as in
    /// the HTML brief's grid; without colour, a denser character when there
    /// is no room for text.
    pub fn shade(v: f64, text: &str) -> (Style, String) {
        let v = v.clamp(0.0, 3.0);
        if Self::no_color() {
            const RAMP: [&str; 5] = [" ", "\u{2591}", "\u{2592}", "\u{2593}", "\u{2588}"];
            let dense = RAMP[(v / 3.0 * 4.0).round() as usize];
            return (Style::new(), if text.trim().is_empty() { dense.to_string() } else { text.to_string() });
        }
        // the 256-colour grey ramp, 255 (light, 0) down to 236 (dark, 3)
        let level = (v / 3.0 * 19.0).round() as u8;
        let fg = if level <= 9 { Color::Black } else { Color::White };
        (Style::new().bg(Color::Indexed(255 - level)).fg(fg), text.to_string())
    }

    /// How the grid's shading reads, in the words of its heading.
    pub fn shade_legend() -> &'static str {
        if Self::no_color() { "denser is more days bothered" } else { "darker is more days bothered" }
    }

    pub fn title() -> Style {
        paint(Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD))
    }
    pub fn heading() -> Style {
        paint(Style::new().add_modifier(Modifier::BOLD))
    }
    pub fn dim() -> Style {
        paint(Style::new().fg(Color::DarkGray))
    }
    pub fn key() -> Style {
        paint(Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD))
    }
    pub fn selected() -> Style {
        if Self::no_color() {
            return Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
        }
        Style::new().bg(Color::Blue).fg(Color::White).add_modifier(Modifier::BOLD)
    }
    pub fn focused() -> Style {
        paint(Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD))
    }
    pub fn ok() -> Style {
        paint(Style::new().fg(Color::Green))
    }
    pub fn due() -> Style {
        paint(Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD))
    }
    pub fn error() -> Style {
        paint(Style::new().fg(Color::Red).add_modifier(Modifier::BOLD))
    }
    /// Safety flags: never subtle.
    pub fn safety() -> Style {
        if Self::no_color() {
            return Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
        }
        Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn safety_text() -> Style {
        paint(Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD))
    }
    /// Something to talk about, not an alarm.
    pub fn warning() -> Style {
        paint(Style::new().fg(Color::Yellow))
    }
    pub fn late() -> Style {
        paint(Style::new().fg(Color::Magenta))
    }
    pub fn series() -> Style {
        paint(Style::new().fg(Color::Cyan))
    }
    pub fn absent() -> Style {
        paint(Style::new().fg(Color::DarkGray))
    }
    pub fn marker() -> Style {
        paint(Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD))
    }
    /// Event markers, one colour per kind.
    pub fn event(kind: crate::record::EventKind) -> Style {
        use crate::record::EventKind;
        paint(Style::new().fg(match kind {
            EventKind::Dosing => Color::Magenta,
            EventKind::Integration => Color::LightBlue,
            EventKind::Medication => Color::LightYellow,
            EventKind::Other => Color::Gray,
        }))
    }
    pub fn baseline() -> Style {
        paint(Style::new().fg(Color::Yellow))
    }
    pub fn improving() -> Style {
        paint(Style::new().fg(Color::Green).add_modifier(Modifier::BOLD))
    }
    pub fn worsening() -> Style {
        paint(Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD))
    }
    pub fn band(severity: Severity) -> Style {
        paint(Style::new().fg(match severity {
            Severity::None => Color::Green,
            Severity::Mild => Color::LightGreen,
            Severity::Moderate => Color::Yellow,
            Severity::ModeratelySevere => Color::LightRed,
            Severity::Severe => Color::Red,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grid's greys run as the HTML brief's do: darker is more days
    /// bothered, and the legend says so.
    #[test]
    fn a_higher_weekly_mean_is_a_darker_grey() {
        let grey = |v: f64| match Theme::shade(v, " ").0.bg {
            Some(Color::Indexed(i)) => i,
            other => panic!("a grey of the 256-colour ramp: {other:?}"),
        };
        assert!(grey(0.0) > grey(1.5) && grey(1.5) > grey(3.0), "{} {} {}", grey(0.0), grey(1.5), grey(3.0));
        assert_eq!((grey(0.0), grey(3.0)), (255, 236));
        assert!(Theme::shade_legend().starts_with("darker is more"));
    }
}
