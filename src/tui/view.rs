//! The frame around every screen: a header with whose record and which day,
//! the screen, and a footer with its main keys and the status line.

use super::app::App;
use super::keys::Hint;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Below this the app shows only a message.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = Paragraph::new(vec![
            Line::styled("Window too small", Theme::heading()),
            Line::from(format!(
                "followup needs {MIN_WIDTH}\u{d7}{MIN_HEIGHT}; this is {}\u{d7}{}.",
                area.width, area.height
            )),
            Line::from("q quits"),
        ])
        .wrap(Wrap { trim: true });
        frame.render_widget(msg, area);
        return;
    }
    let footer_lines = footer_lines(app, area.width);
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(footer_lines.len() as u16),
    ])
    .areas(area);
    frame.render_widget(header_line(app, header.width), header);
    app.screen().draw(frame, body, &app.ctx);
    frame.render_widget(Paragraph::new(footer_lines), footer);
}

/// The most lines a status message takes: a saved entry or a file name is
/// read in full, the screen above keeps its room.
const STATUS_LINES: usize = 3;

fn header_line(app: &App, width: u16) -> Line<'static> {
    let mut left = vec![Span::styled(" followup ", Theme::title())];
    if let Some(review) = &app.ctx.review {
        let header = crate::text::terminal(&review.header);
        left.push(Span::styled(format!("\u{b7} review \u{b7} {header} "), Theme::heading()));
    } else if let Some(data) = &app.ctx.data {
        let phase = data.overview.phase.describe(data.journal.window().length_days);
        left.push(Span::raw(format!("\u{b7} {} \u{b7} {phase} ", data.journal.profile.participant)));
    }
    left.push(Span::styled(format!("\u{b7} {}", app.screen().name()), Theme::dim()));
    let right = format!(" {} ", app.ctx.today);
    let used: usize = left.iter().map(|s| s.width()).sum();
    // the date only when it fits whole: the screen's name matters more
    if used + right.len() <= usize::from(width) {
        left.push(Span::raw(" ".repeat(usize::from(width) - used - right.len())));
        left.push(Span::styled(right, Theme::dim()));
    }
    Line::from(left)
}

/// The status message, wrapped to at most [`STATUS_LINES`], or the keys of
/// the screen on top that have a footer word, as many as fit in whole;
/// support and help always end it (the help screen, `?`, lists every key).
fn footer_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    if let Some(status) = &app.status {
        let style = if status.error { Theme::error() } else { Theme::ok() };
        let text = crate::text::terminal(&status.text);
        let mut lines = super::format::wrapped(&text, usize::from(width).saturating_sub(2).max(1));
        if lines.len() > STATUS_LINES {
            lines.truncate(STATUS_LINES);
            lines[STATUS_LINES - 1].push('\u{2026}');
        }
        return lines.into_iter().map(|l| Line::styled(format!(" {l}"), style)).collect();
    }
    vec![key_line(app, width)]
}

fn key_line(app: &App, width: u16) -> Line<'static> {
    let hints: Vec<Hint> = app.screen().hints(&app.ctx).into_iter().filter(|h| h.footer.is_some()).collect();
    let kept = |h: &Hint| h.label == "?" || h.help.starts_with("support");
    let (tail, rest): (Vec<Hint>, Vec<Hint>) = hints.into_iter().partition(kept);
    let width_of = |h: &Hint| h.label.chars().count() + 1 + h.footer.unwrap_or_default().chars().count() + 2;
    let mut room = usize::from(width).saturating_sub(1 + tail.iter().map(width_of).sum::<usize>());
    let mut shown = Vec::new();
    for h in rest {
        if width_of(&h) > room {
            break;
        }
        room -= width_of(&h);
        shown.push(h);
    }
    shown.extend(tail);
    let mut spans = vec![Span::raw(" ")];
    for h in shown {
        spans.push(Span::styled(h.label, Theme::key()));
        spans.push(Span::raw(format!(" {}  ", h.footer.unwrap_or_default())));
    }
    Line::from(spans)
}
