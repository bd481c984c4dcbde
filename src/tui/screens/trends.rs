//! Full-size trend charts: PHQ-9 totals with the severity guides and the
//! baseline, and one more measure below it (mood first; Tab cycles).

use crate::overview::Measure;
use crate::tui::app::{Action, App, Step};
use crate::tui::widgets::trend_chart::TrendData;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

pub const KEYS: &[(&str, &str)] = &[
    ("Tab", "lower chart: mood / anxiety / energy / sleep"),
    ("z", "zoom: 14 days / 30 days / window"),
    ("?", "help"),
    ("q/Esc", "back"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub lower: Measure,
}

impl Default for State {
    fn default() -> Self {
        Self { lower: Measure::Mood }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    NextMeasure,
}

pub fn keymap(_: &State, key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Tab => Some(Action::Trends(Msg::NextMeasure)),
        KeyCode::Char('z') => Some(Action::Zoom),
        _ => super::common(key),
    }
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    match msg {
        Msg::NextMeasure => {
            s.lower = match s.lower {
                Measure::Mood => Measure::Anxiety,
                Measure::Anxiety => Measure::Energy,
                Measure::Energy => Measure::Sleep,
                _ => Measure::Mood,
            };
        }
    }
    Step::Stay
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, app: &App) {
    let Some(data) = &app.data else { return };
    let journal = &data.journal;
    let (from, to) = app.chart_range(journal);
    let days = data.days(from, to);
    let markers = data.markers(from, to);
    let baseline = data.overview.outcome.as_ref().map(|o| f64::from(o.baseline.total));
    // braille gives two points per cell across
    let points = usize::from(area.width) * 2;
    let phq9 = TrendData::new(&days, journal.window(), Measure::Phq9, baseline, &markers, points);
    let lower = TrendData::new(&days, journal.window(), s.lower, None, &markers, points);
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
    let zoom = app.zoom.label();
    let narrow = area.width < 70;
    frame.render_widget(
        phq9.chart(
            format!(" PHQ-9 total \u{b7} {zoom} \u{b7} gaps = no entry \u{b7} yellow = baseline "),
            narrow,
        ),
        top,
    );
    frame.render_widget(lower.chart(format!(" {} \u{b7} {zoom} ", s.lower.label()), narrow), bottom);
}
