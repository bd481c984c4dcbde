//! The frame around every screen: a header with whose record and which day,
//! the screen, and a footer with its main keys and the status line.

use super::app::App;
use super::keys::Hint;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

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
    let status = status(app);
    let status_rows = status.as_ref().map_or(0, |s| s.line_count(area.width).min(STATUS_ROWS)) as u16;
    let [header, body, status_area, keys_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(header_line(app, header.width), header);
    app.screen().draw(frame, body, &app.ctx);
    if let Some(status) = status {
        frame.render_widget(status, status_area);
    }
    frame.render_widget(key_line(app, keys_area.width), keys_area);
}

/// The most rows a status message takes: a saved entry or a file name is
/// read in full, the screen above keeps its room.
const STATUS_ROWS: usize = 3;

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

/// The status message, wrapped (to at most [`STATUS_ROWS`]), over the key
/// line: a message never hides the keys.
fn status(app: &App) -> Option<Paragraph<'static>> {
    let status = app.status.as_ref()?;
    let style = if status.error { Theme::error() } else { Theme::ok() };
    let text = crate::text::terminal(&status.text).into_owned();
    // a space before every row, the continued ones too
    let indent = Block::default().padding(Padding::left(1));
    Some(Paragraph::new(Line::styled(text, style)).block(indent).wrap(Wrap { trim: true }))
}

/// The keys of the screen on top that have a footer word, as many as fit in
/// whole, in the table's order; the way out, support and help always end it
/// (the help screen, `?`, lists every key).
/// A footer hint's width: key, space, word, gap.
fn hint_width(h: &Hint, gap: usize) -> usize {
    h.label.chars().count() + 1 + h.footer.unwrap_or_default().chars().count() + gap
}

fn key_line(app: &App, width: u16) -> Line<'static> {
    let hints: Vec<Hint> = app.screen().hints(&app.ctx).into_iter().filter(|h| h.footer.is_some()).collect();
    let exit = |h: &Hint| matches!(h.footer, Some("quit" | "back" | "cancel"));
    // the way out, support, help and sharing stay whatever the width
    let kept =
        |h: &Hint| exit(h) || h.label == "?" || h.help.starts_with("support") || h.footer == Some("share");
    let (mut tail, rest): (Vec<Hint>, Vec<Hint>) = hints.into_iter().partition(kept);
    tail.sort_by_key(|h| !exit(h));
    // how many of the others fit with `gap` spaces between keys
    let fitting = |gap: usize| {
        let mut room =
            usize::from(width).saturating_sub(1 + tail.iter().map(|h| hint_width(h, gap)).sum::<usize>());
        rest.iter()
            .take_while(|h| {
                let w = hint_width(h, gap);
                let fits = w <= room;
                room = room.saturating_sub(w);
                fits
            })
            .count()
    };
    // two spaces between keys, one when that shows more of them
    let gap = if fitting(1) > fitting(2) { 1 } else { 2 };
    let n = fitting(gap);
    let mut shown: Vec<Hint> = rest.into_iter().take(n).collect();
    shown.extend(tail);
    let mut spans = vec![Span::raw(" ")];
    for h in shown {
        spans.push(Span::styled(h.label, Theme::key()));
        spans.push(Span::raw(format!(" {}{}", h.footer.unwrap_or_default(), " ".repeat(gap))));
    }
    Line::from(spans)
}
