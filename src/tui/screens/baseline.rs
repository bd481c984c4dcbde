//! Offered once, at the end of set-up on or after the dosing day: the
//! PHQ-9 for the two weeks before the session, entered now and marked
//! added later. Without it the starting score is the first check-in
//! after the session.

use crate::record::Instrument;
use crate::tui::context::Context;
use crate::tui::keys::{self, Binding};
use crate::tui::msg::{Act, Action, Go};
use crate::tui::theme::Theme;
use crate::window::Window;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use std::convert::Infallible;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// The last day of the baseline period (day −1): the entry's day.
    pub day: NaiveDate,
}

pub const KEYS: &[Binding<State, Infallible>] = &[
    keys::support(),
    keys::submit("answer the PHQ-9 for the two weeks before the session", "answer now", |s, _, _| {
        Act::App(Action::Go(Go::Checkin(Instrument::Phq9, s.day)))
    }),
    keys::help(),
    keys::back("later"),
];

/// The offer, when set-up is on or after the dosing day (before it, today's
/// own check-in is in the baseline period).
pub fn offer(window: &Window, today: NaiveDate) -> Option<State> {
    (window.day_of(today) >= 0).then(|| State { day: window.date_of(-1) })
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, ctx: &Context) {
    let dosing = ctx.data.as_ref().map(|d| d.journal.window().dosing_date);
    let session = dosing.map_or_else(|| "your session".to_string(), |d| format!("your session on {d}"));
    let lines = vec![
        Line::styled(format!("Before {session}, how were the two weeks?"), Theme::heading()),
        Line::default(),
        Line::from(
            "Your starting score is from the two weeks before the session. If you answer the PHQ-9 now for those weeks, as well as you remember them, your progress is measured from there.",
        ),
        Line::default(),
        Line::from(format!(
            "It is saved for {} (day -1) and marked as added later. Without it, your first check-in after the session is your starting score.",
            s.day
        )),
        Line::default(),
        Line::styled("Later works too: History lists every day, to fill in at any time.", Theme::dim()),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Before your session ")),
        area,
    );
}
