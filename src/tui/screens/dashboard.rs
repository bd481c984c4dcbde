//! The home screen: where the participant is in the window, what is due,
//! adherence, the latest PHQ-9 against baseline with its outcome labels,
//! safety flags, and sparklines for every measure with event markers.

use crate::outcome::Label;
use crate::overview::{Measure, Overview};
use crate::tui::context::Context;
use crate::tui::format::capitalized;
use crate::tui::keys::{self, Binding, Pat, always, bind, writable};
use crate::tui::msg::{Act, Action, Go};
use crate::tui::theme::Theme;
use crate::tui::widgets::spark::{self, Buckets};
use crate::window::Phase;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};
use std::convert::Infallible;

/// The dashboard keeps no state of its own.
pub type State = ();

fn readonly(_: &State, ctx: &Context) -> bool {
    ctx.readonly()
}

pub const KEYS: &[Binding<State, Infallible>] = &[
    bind(&[Pat::Char('c')], "c", "PHQ-9 check-in for today", Some("PHQ-9"), writable, |_, ctx, _| {
        Act::App(Action::Go(Go::Checkin(ctx.today)))
    }),
    bind(&[Pat::Char('m')], "m", "mood entry for today", Some("mood"), writable, |_, ctx, _| {
        Act::App(Action::Go(Go::Mood(ctx.today)))
    }),
    bind(&[Pat::Char('t')], "t", "trend charts", Some("trends"), always, |_, _, _| {
        Act::App(Action::Go(Go::Trends))
    }),
    bind(
        &[Pat::Char('h')],
        "h",
        "history: every day, its entries and their versions",
        Some("history"),
        always,
        |_, _, _| Act::App(Action::Go(Go::History)),
    ),
    keys::zoom(),
    bind(
        &[Pat::Char('r')],
        "r",
        "read the database again (it is also re-read every two seconds)",
        None,
        writable,
        |_, _, _| Act::App(Action::Refresh),
    ),
    keys::help(),
    bind(
        &[Pat::Char('q'), Pat::Key(crossterm::event::KeyCode::Esc)],
        "q/Esc",
        "quit",
        Some("quit"),
        writable,
        |_, _, _| Act::App(Action::Back),
    ),
    bind(
        &[Pat::Char('q'), Pat::Key(crossterm::event::KeyCode::Esc)],
        "q/Esc",
        "back (or quit, for a single export)",
        Some("back"),
        readonly,
        |_, _, _| Act::App(Action::Back),
    ),
];

pub fn draw(frame: &mut Frame, area: Rect, ctx: &Context) {
    let Some(data) = &ctx.data else { return };
    let o = &data.overview;
    let journal = &data.journal;
    let summary = summary_lines(ctx, o);
    let [top, charts] =
        Layout::vertical([Constraint::Length(summary.len() as u16 + 1), Constraint::Min(0)]).areas(area);
    let [gauge_area, text_area] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(top);
    frame.render_widget(progress(o, journal.window().length_days), gauge_area);
    frame.render_widget(Paragraph::new(summary), text_area);
    draw_sparklines(frame, charts, ctx);
}

fn progress(o: &Overview, length: u32) -> Gauge<'static> {
    let ratio = match o.phase {
        Phase::Baseline { .. } => 0.0,
        Phase::Active { day } => day as f64 / f64::from(length),
        Phase::Complete { .. } => 1.0,
    };
    let label = capitalized(&o.phase.describe(length));
    Gauge::default().ratio(ratio.clamp(0.0, 1.0)).label(label).gauge_style(Theme::series())
}

fn summary_lines(ctx: &Context, o: &Overview) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    // safety first, so it cannot be missed; a reviewer sees every flagged day
    let shown = if ctx.readonly() { 3 } else { 1 };
    for (i, day) in o.safety.iter().take(shown).enumerate() {
        let rest = o.safety.len() - shown.min(o.safety.len());
        let more = if i + 1 == shown.min(o.safety.len()) && rest > 0 {
            format!(" (+{rest} more: see History)")
        } else {
            String::new()
        };
        let changed = if day.since_changed { ", since corrected" } else { "" };
        lines.push(Line::from(vec![
            Span::styled(" ! SAFETY ", Theme::safety()),
            Span::styled(
                format!(" item 9 answered {} on {} (day {}){changed}{more}", day.item9, day.date, day.day),
                Theme::safety_text(),
            ),
        ]));
    }
    if ctx.readonly() {
        let last = o.last_entry.map_or("no entries".into(), |d| format!("last entry {d}"));
        lines.push(Line::from(vec![
            Span::raw("As exported on "),
            Span::styled(o.today.to_string(), Theme::heading()),
            Span::raw(format!(" \u{b7} {last}")),
        ]));
    } else {
        let due = |is_due: bool, what: &str| {
            if is_due {
                Span::styled(format!("{what} due  "), Theme::due())
            } else {
                Span::styled(format!("{what} \u{2713}  "), Theme::ok())
            }
        };
        let mut spans = vec![Span::raw("Today: ")];
        if matches!(o.phase, Phase::Complete { .. }) {
            spans.push(Span::raw("follow-up complete, nothing due  "));
        } else {
            spans.push(due(o.due.mood, "mood"));
            spans.push(due(o.due.phq9, "PHQ-9"));
        }
        spans.push(Span::raw(format!("streak {} d", o.streak)));
        lines.push(Line::from(spans));
    }
    let adherence = match (o.adherence.mood, o.adherence.phq9) {
        (Some(m), p) => {
            let phq = p.map_or(String::new(), |p| {
                format!(" \u{b7} PHQ-9 {}% ({}/{})", p.percent(), p.done, p.expected)
            });
            format!("Adherence: mood {}% ({}/{} days){phq}", m.percent(), m.done, m.expected)
        }
        (None, _) if ctx.partial() => "Adherence: not computed from a partial export".into(),
        (None, _) => "Adherence: counted from day 0".into(),
    };
    let late = if o.late_entries > 0 { format!(" \u{b7} {} late", o.late_entries) } else { String::new() };
    lines.push(Line::from(format!("{adherence}{late}")));

    match (&o.latest_phq9, &o.outcome) {
        (Some(l), Some(out)) => {
            let mut spans = vec![
                Span::raw("PHQ-9 "),
                Span::styled(format!("{} {}", l.score.total, l.severity), Theme::band(l.severity)),
                Span::raw(format!(" (day {})", l.day)),
            ];
            if let Some((n, mean)) = &out.recent_mean {
                spans.push(Span::raw(format!(" \u{b7} mean of last {n} {:.1}", mean.value)));
            }
            let baseline = if out.baseline.post_dose {
                format!("post-dose baseline {} (day {})", out.baseline.total, out.baseline.day)
            } else {
                format!("baseline {}", out.baseline.total)
            };
            spans.push(Span::raw(format!(" \u{b7} {baseline}")));
            if let Some((_, a)) = &out.latest {
                spans.push(Span::raw(format!(" \u{b7} change {:+}", a.change)));
            }
            lines.push(Line::from(spans));
            if let Some((_, a)) = &out.latest {
                lines.push(labels_line(&a.labels));
            }
        }
        (Some(l), None) => lines.push(Line::from(vec![
            Span::raw("PHQ-9 "),
            Span::styled(format!("{} {}", l.score.total, l.severity), Theme::band(l.severity)),
            Span::styled(
                format!(" (day {}) \u{b7} no baseline in this partial export: outcomes not computed", l.day),
                Theme::dim(),
            ),
        ])),
        _ => lines.push(Line::styled("PHQ-9: no scores yet", Theme::dim())),
    }
    lines
}

fn labels_line(labels: &[Label]) -> Line<'static> {
    let labels = crate::outcome::headline(labels);
    if labels.is_empty() {
        return Line::styled("Outcome: no change beyond 5 points from baseline", Theme::dim());
    }
    let mut spans = vec![Span::raw("Outcome: ")];
    for (i, l) in labels.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" \u{b7} "));
        }
        let style = if l.is_worsening() { Theme::worsening() } else { Theme::improving() };
        spans.push(Span::styled(l.label().to_string(), style));
    }
    Line::from(spans)
}

const LABEL_WIDTH: u16 = 8;
const VALUE_WIDTH: u16 = 6;

fn draw_sparklines(frame: &mut Frame, area: Rect, ctx: &Context) {
    let Some(data) = &ctx.data else { return };
    if area.height < 3 {
        return;
    }
    let (from, to) = ctx.chart_range(&data.journal);
    let days = data.days(from, to);
    let markers = data.markers(from, to);
    let width = area.width.saturating_sub(LABEL_WIDTH + VALUE_WIDTH) as usize;
    let b = Buckets::fit(from, days.len(), width);
    let safety = spark::safety_columns(&days, &b);

    // rows: title, one block per measure, markers
    let measures = Measure::ALL.len() as u16;
    let spare = area.height.saturating_sub(2);
    let shown = measures.min(spare);
    let each = (spare / shown.max(1)).clamp(1, 3);
    let mut constraints = vec![Constraint::Length(1)];
    constraints.extend((0..shown).map(|_| Constraint::Length(each)));
    constraints.push(Constraint::Length(1));
    let rows = Layout::vertical(constraints).split(area);

    let w = data.journal.window();
    let title = format!(
        "{} (day {} to {}) \u{b7} {} \u{b7} {} marks a day with no entry",
        ctx.zoom.label(),
        w.day_of(from),
        w.day_of(to),
        b.label(),
        spark::GAP
    );
    frame.render_widget(Line::styled(capitalized(&title), Theme::dim()), rows[0]);
    for (i, m) in Measure::ALL.iter().take(shown as usize).enumerate() {
        let row = rows[i + 1];
        let [label, chart, value] = Layout::horizontal([
            Constraint::Length(LABEL_WIDTH),
            Constraint::Length(b.columns() as u16),
            Constraint::Min(VALUE_WIDTH),
        ])
        .areas(row);
        let values = spark::column_values(&days, &b, *m);
        frame.render_widget(Line::from(m.label()), label);
        frame.render_widget(spark::sparkline(&values, m.max(), each, &safety), chart);
        let last = days.iter().rev().find_map(|(_, v)| m.of(v));
        let text = last.map_or("  -".to_string(), |v| {
            if *m == Measure::Sleep { format!(" {v:.1}h") } else { format!(" {v:.0}") }
        });
        frame.render_widget(Line::styled(text, Theme::heading()), value);
    }
    let marker_row = rows[rows.len() - 1];
    let [label, chart] =
        Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Min(0)]).areas(marker_row);
    frame.render_widget(Line::from("Events"), label);
    let row = spark::marker_row(&markers, &b);
    let legend = "  D dosing \u{b7} I integration \u{b7} M medication";
    let mut spans = vec![Span::styled(row.clone(), Theme::marker())];
    if row.chars().count() + legend.chars().count() <= chart.width as usize {
        spans.push(Span::styled(legend, Theme::dim()));
    }
    frame.render_widget(Line::from(spans), chart);
}
