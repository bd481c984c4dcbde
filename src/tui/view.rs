//! The frame around every screen: a header with whose record and which day,
//! the screen, and a footer with its main keys and the status line.

use super::app::{App, Screen};
use super::screens;
use super::theme::Theme;
use crate::window::Phase;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
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
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(header_line(app, header.width), header);
    draw_screen(frame, body, app);
    frame.render_widget(footer_line(app), footer);
}

fn draw_screen(frame: &mut Frame, area: Rect, app: &App) {
    match app.screen() {
        Screen::Unlock(s) => screens::unlock::draw(frame, area, s),
        Screen::Onboarding(s) => screens::onboarding::draw(frame, area, s),
        Screen::Dashboard => screens::dashboard::draw(frame, area, app),
        Screen::Trends(s) => screens::trends::draw(frame, area, s, app),
        Screen::Checkin(s) => screens::checkin::draw(frame, area, s, app),
        Screen::Safety(s) => screens::safety::draw(frame, area, s, app),
        Screen::Mood(s) => screens::mood::draw(frame, area, s, app),
        Screen::History(s) => screens::history::draw(frame, area, s, app),
        Screen::Day(s) => screens::day::draw(frame, area, s, app),
        Screen::Reason(s) => screens::reason::draw(frame, area, s),
        Screen::Event(s) => screens::event::draw(frame, area, s, app),
        Screen::Caseload(s) => screens::caseload::draw(frame, area, s, app),
        Screen::Help => screens::help::draw(frame, area, app),
    }
}

fn header_line(app: &App, width: u16) -> Line<'static> {
    let mut left = vec![Span::styled(" followup ", Theme::title())];
    if let Some(review) = &app.review {
        left.push(Span::styled(format!("\u{b7} review \u{b7} {} ", review.header), Theme::heading()));
    } else if let Some(data) = &app.data {
        let w = data.journal.window();
        let phase = match data.overview.phase {
            Phase::Baseline { days_to_dosing } => format!("baseline, dosing in {days_to_dosing} d"),
            Phase::Active { day } => format!("day {day} of {}", w.length_days),
            Phase::Complete { .. } => "follow-up complete".into(),
        };
        left.push(Span::raw(format!("\u{b7} {} \u{b7} {phase} ", data.journal.profile.participant)));
    }
    left.push(Span::styled(format!("\u{b7} {}", app.screen().name()), Theme::dim()));
    let right = format!(" {} ", app.today);
    let used: usize = left.iter().map(|s| s.width()).sum();
    let pad = (width as usize).saturating_sub(used + right.len());
    left.push(Span::raw(" ".repeat(pad)));
    left.push(Span::styled(right, Theme::dim()));
    Line::from(left)
}

fn footer_line(app: &App) -> Line<'static> {
    if let Some(status) = &app.status {
        let style = if status.error { Theme::error() } else { Theme::ok() };
        return Line::styled(format!(" {}", status.text), style);
    }
    let keys = screens::help::hints(app);
    let mut spans = vec![Span::raw(" ")];
    for (k, what) in keys {
        spans.push(Span::styled(k.to_string(), Theme::key()));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    Line::from(spans)
}
