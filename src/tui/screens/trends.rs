//! Full-size trend charts: PHQ-9 totals with the severity guides and the
//! baseline, and one more measure below it (mood first; Tab cycles).

use crate::overview::Measure;
use crate::tui::context::Context;
use crate::tui::keys::{self, Binding, Pat, always, bind};
use crate::tui::msg::{Act, Step};
use crate::tui::widgets::trend_chart::TrendData;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

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

pub const KEYS: &[Binding<State, Msg>] = &[
    bind(
        &[Pat::Key(KeyCode::Tab)],
        "Tab",
        "lower chart: mood / anxiety / energy / sleep",
        Some("next chart"),
        always,
        |_, _, _| Act::Screen(Msg::NextMeasure),
    ),
    keys::zoom(),
    keys::help(),
    keys::back("back"),
];

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

pub fn draw(frame: &mut Frame, area: Rect, s: &State, ctx: &Context) {
    let Some(data) = &ctx.data else { return };
    let journal = &data.journal;
    let (from, to) = ctx.chart_range(journal);
    let days = data.days(from, to);
    let markers = data.markers(from, to);
    let baseline = data.overview.outcome.as_ref().map(|o| f64::from(o.baseline.total));
    // braille gives two points per cell across
    let points = usize::from(area.width) * 2;
    let phq9 = TrendData::new(&days, journal.window(), Measure::Phq9, baseline, &markers, points);
    let lower = TrendData::new(&days, journal.window(), s.lower, None, &markers, points);
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
    let zoom = ctx.zoom.label();
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
