//! The course of response: the weekly PHQ-9 against the response line (half
//! the baseline), the remission line (5) and the baseline, with the sessions
//! marked; which symptoms moved (each item, baseline → recent); a week-by-
//! item grid; and the weeks around each integration session. Read-only, the
//! same for the participant and in a review.

use crate::course::{Course, Week, response_line, week_of};
use crate::instrument::phq9::ITEMS;
use crate::outcome::REMISSION_BELOW;
use crate::record::EventKind;
use crate::tui::context::Context;
use crate::tui::format::course_line;
use crate::tui::keys::{self, Binding};
use crate::tui::msg::Step;
use crate::tui::theme::Theme;
use crate::tui::widgets::trend_chart::{BASELINE_GLYPH, REMISSION_GLYPH, RESPONSE_GLYPH, SESSION_GLYPH};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub scroll: u16,
}

/// The one thing this page does: scroll.
pub type Msg = keys::Scroll;

pub const KEYS: &[Binding<State, Msg>] =
    &[keys::support(), keys::scroll("scroll the tables"), keys::help(), keys::back("back")];

pub fn update(s: &mut State, msg: Msg) -> Step {
    s.scroll = msg.apply(s.scroll, 200);
    Step::Stay
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, ctx: &Context) {
    let Some(data) = &ctx.data else { return };
    let Some(course) = &data.overview.course else {
        let text = "No course in a partial export: without the days up to day 0 there is no baseline.";
        frame.render_widget(Paragraph::new(Line::styled(text, Theme::dim())), area);
        return;
    };
    let chart_height = (area.height / 2).clamp(7, 18);
    let [head, chart, rest] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(chart_height), Constraint::Min(0)])
            .areas(area);
    frame.render_widget(course_line(course, head.width, ctx.readonly()), head);
    let sessions: Vec<u32> = data
        .journal
        .current_events()
        .filter(|e| e.current().data.kind == EventKind::Integration)
        .filter_map(|e| week_of(data.journal.window().day_of(e.current().data.date)))
        .collect();
    let weekly = WeeklyChart::new(course, &sessions);
    frame.render_widget(weekly.chart(chart.width), chart);
    let mut lines = items_table(course);
    lines.push(Line::default());
    lines.extend(grid(course, rest.width));
    lines.push(Line::default());
    lines.extend(sessions_table(course));
    frame.render_widget(Paragraph::new(lines).scroll((s.scroll, 0)), rest);
}

type Pt = (f64, f64);

/// Everything the weekly chart borrows.
/// (One dataset per kind: the chart draws each dataset on a layer of its own.)
struct WeeklyChart {
    /// A bar per scored week; a week without a score is left empty.
    bars: Vec<Pt>,
    lines: Vec<(Vec<Pt>, Style, char)>,
    /// A full-height bar per integration session.
    sessions: Vec<Pt>,
    x: [f64; 2],
}

impl WeeklyChart {
    fn new(course: &Course, sessions: &[u32]) -> Self {
        let last = course.weeks.last().map_or(1, |w| w.week).max(1);
        let x = [0.5, f64::from(last) + 0.5];
        let bars = course.weeks.iter().filter_map(|w| Some((f64::from(w.week), w.phq9?))).collect();
        let mut lines = Vec::new();
        let across = |y: f64| vec![(x[0], y), (x[1], y)];
        if let Some(b) = &course.baseline {
            lines.push((across(b.value), Theme::baseline(), BASELINE_GLYPH));
            if let Some(r) = response_line(b) {
                lines.push((across(r), Theme::improving(), RESPONSE_GLYPH));
            }
        }
        lines.push((across(REMISSION_BELOW), Theme::dim(), REMISSION_GLYPH));
        let sessions =
            sessions.iter().filter(|k| f64::from(**k) <= x[1]).map(|k| (f64::from(*k), 27.0)).collect();
        Self { bars, lines, sessions, x }
    }

    fn chart(&self, width: u16) -> Chart<'_> {
        let mut sets = Vec::new();
        for (data, style, glyph) in &self.lines {
            sets.push(
                Dataset::default()
                    .marker(Marker::Custom(*glyph))
                    .graph_type(GraphType::Line)
                    .style(*style)
                    .data(data),
            );
        }
        let sessions = Dataset::default().marker(Marker::Custom(SESSION_GLYPH)).graph_type(GraphType::Bar);
        sets.push(sessions.style(Theme::event(EventKind::Integration)).data(&self.sessions));
        let bars = Dataset::default().marker(Marker::Block).graph_type(GraphType::Bar);
        sets.push(bars.style(Theme::series()).data(&self.bars));
        let x_labels = ["week 1".to_string(), format!("week {}", self.x[1] - 0.5)];
        let wide = format!(
            " Weekly PHQ-9 (mean of the week) \u{b7} {BASELINE_GLYPH} baseline \u{b7} {RESPONSE_GLYPH} response (half of it) \u{b7} {REMISSION_GLYPH} remission (5) \u{b7} {SESSION_GLYPH} integration session "
        );
        let title = if usize::from(width) >= wide.chars().count() + 2 {
            wide
        } else {
            format!(
                " Weekly PHQ-9 \u{b7} {BASELINE_GLYPH} baseline {RESPONSE_GLYPH} response {REMISSION_GLYPH} remission "
            )
        };
        Chart::new(sets)
            .block(Block::bordered().title(Line::styled(title, Theme::heading())))
            .x_axis(Axis::default().bounds(self.x).labels(x_labels.map(Span::raw)).style(Theme::dim()))
            .y_axis(
                Axis::default()
                    .bounds([0.0, 27.0])
                    .labels(["0", "9", "18", "27"].map(Span::raw))
                    .style(Theme::dim()),
            )
            .hidden_legend_constraints((Constraint::Ratio(0, 1), Constraint::Ratio(0, 1)))
    }
}

fn opt(v: Option<f64>) -> String {
    v.map_or("-".to_string(), |v| format!("{v:.1}"))
}

/// The nine items, baseline → recent, the ones that moved most first.
fn items_table(course: &Course) -> Vec<Line<'static>> {
    let items = course.items_by_change();
    let mut lines = vec![Line::styled(
        "Which symptoms moved (0\u{2013}3): baseline \u{2192} the last two weeks",
        Theme::heading(),
    )];
    for c in items {
        let name = ITEMS[usize::from(c.item - 1)].short;
        let change = c.change.map_or(String::new(), |v| format!("{v:+.1}"));
        let style = match c.change {
            Some(v) if v <= -1.0 => Theme::improving(),
            Some(v) if v >= 1.0 => Theme::warning(),
            _ => Style::new(),
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  {}. {name:<27}", c.item)),
            Span::raw(format!("{:>4} \u{2192} {:<4} ", opt(c.baseline), opt(c.recent))),
            Span::styled(change, style),
        ]));
    }
    lines
}

/// Nine rows, a column per week from week 1 to the latest, each cell shaded
/// by the item's weekly mean (numbers where the width allows); a week with
/// no PHQ-9 is a `·`, a gap, never a zero. The latest weeks when not all fit.
fn grid(course: &Course, width: u16) -> Vec<Line<'static>> {
    const NAME: usize = 28;
    let room = usize::from(width).saturating_sub(NAME);
    let last = course.weeks.last().map_or(0, |w| w.week);
    let weeks: Vec<(u32, Option<&Week>)> =
        (1..=last).map(|k| (k, course.weeks.iter().find(|w| w.week == k && w.phq9.is_some()))).collect();
    let cell = if room >= weeks.len() * 4 { 4 } else { 1 };
    let shown = (room / cell).min(weeks.len());
    let weeks = &weeks[weeks.len() - shown..];
    let mut lines = vec![Line::styled(
        format!(
            "Week by item, 0\u{2013}3 ({}; \u{b7} no PHQ-9){}",
            Theme::shade_legend(),
            if shown < last as usize { ", the latest weeks" } else { "" }
        ),
        Theme::heading(),
    )];
    let mut header = format!("{:<NAME$}", "  week");
    for (k, _) in weeks {
        if cell == 4 {
            header += &format!("{k:>3} ");
        } else {
            header += if k % 5 == 0 { "|" } else { " " };
        }
    }
    lines.push(Line::styled(header, Theme::dim()));
    for (i, item) in ITEMS.iter().enumerate() {
        let mut spans = vec![Span::raw(format!("  {}. {:<w$}", item.number, item.short, w = NAME - 5))];
        for (_, w) in weeks {
            spans.push(match w.and_then(|w| w.items[i]) {
                Some(v) => {
                    let (style, text) =
                        Theme::shade(v, &if cell == 4 { format!("{v:>3.1} ") } else { " ".into() });
                    Span::styled(text, style)
                }
                None => Span::styled(if cell == 4 { "  \u{b7} " } else { "\u{b7}" }, Theme::absent()),
            });
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// Before and after each integration session (14 days each side).
fn sessions_table(course: &Course) -> Vec<Line<'static>> {
    if course.sessions.is_empty() {
        return vec![Line::styled("No integration session yet.", Theme::dim())];
    }
    let mut lines = vec![
        Line::styled(
            "Around each integration session: 14 days before \u{2192} 14 days from it",
            Theme::heading(),
        ),
        Line::styled(
            "  event  day    PHQ-9 before \u{2192} after      mood before \u{2192} after",
            Theme::dim(),
        ),
    ];
    for s in &course.sessions {
        let [pb, pa, mb, ma] = s.cells();
        lines.push(Line::from(format!(
            "  {:>5} {:>4}    {pb:>9} \u{2192} {pa:<9}   {mb:>9} \u{2192} {ma:<9}",
            s.event_id, s.day
        )));
    }
    lines.push(Line::styled("  (how many days each mean covers)", Theme::dim()));
    lines
}
