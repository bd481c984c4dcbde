//! Full-size trend charts: PHQ-9 totals with the severity guides and the
//! baseline, and one more measure below it (mood first; Tab cycles).

use crate::overview::Measure;
use crate::tui::context::{Context, Data};
use crate::tui::keys::{self, Binding, Pat, always, bind};
use crate::tui::msg::{Act, Action, Go, Step};
use crate::tui::widgets::trend_chart::{BASELINE_GLYPH, TrendData};
use chrono::NaiveDate;
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
    keys::support(),
    bind(
        &[Pat::Key(KeyCode::Tab)],
        "Tab",
        "lower chart: mood / anxiety / energy / sleep (/ GAD-7, when it is used)",
        Some("next chart"),
        always,
        |_, _, _| Act::Screen(Msg::NextMeasure),
    ),
    keys::zoom(),
    bind(&[Pat::Char('w')], "w", "the course of response, week by week", Some("weeks"), always, |_, _, _| {
        Act::App(Action::Go(Go::Course))
    }),
    keys::help(),
    keys::back("back"),
];

pub fn update(s: &mut State, msg: Msg, ctx: &Context) -> Step {
    let gad7 = ctx.data.as_ref().is_some_and(|d| d.journal.window().uses_gad7());
    match msg {
        Msg::NextMeasure => {
            s.lower = match s.lower {
                Measure::Mood => Measure::Anxiety,
                Measure::Anxiety => Measure::Energy,
                Measure::Energy => Measure::Sleep,
                Measure::Sleep if gad7 => Measure::Gad7,
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
    let baseline = data.overview.outcome.as_ref().map(|o| o.baseline.value);
    // braille gives two points per cell across
    let points = usize::from(area.width) * 2;
    let phq9 = phq9_trend(data, from, to, points);
    let lower = TrendData::new(&days, journal.window(), s.lower, None, &markers, points);
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
    let zoom = ctx.zoom.label();
    let legend =
        if baseline.is_some() { format!(" \u{b7} {BASELINE_GLYPH} baseline") } else { String::new() };
    let phq9_title = if area.width >= 100 {
        format!(" PHQ-9 total 0\u{2013}27 \u{b7} {zoom} \u{b7} bands at 5 10 15 20{legend} ")
    } else {
        format!(" PHQ-9 0\u{2013}27 \u{b7} {zoom}{legend} ")
    };
    frame.render_widget(phq9.chart(phq9_title, area.width), top);
    let lower_title = match s.lower {
        Measure::Sleep => format!(" Sleep, hours \u{b7} {zoom} "),
        Measure::Gad7 => format!(" GAD-7 total 0\u{2013}21 \u{b7} {zoom} "),
        m => format!(" {} \u{b7} {zoom} ", m.label()),
    };
    frame.render_widget(lower.chart(lower_title, area.width), bottom);
}

/// The PHQ-9 chart's data: every score on the day it was recorded, none on a
/// day between two (with a PHQ-9 every N days too).
pub fn phq9_trend(data: &Data, from: NaiveDate, to: NaiveDate, points: usize) -> TrendData {
    let baseline = data.overview.outcome.as_ref().map(|o| o.baseline.value);
    let markers = data.markers(from, to);
    TrendData::new(&data.days(from, to), data.journal.window(), Measure::Phq9, baseline, &markers, points)
}
