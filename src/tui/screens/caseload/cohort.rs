//! The caseload's cohort tab: responders and remitters at weeks 1, 4, 8, 12
//! and 26; the Kaplan–Meier survival of response as a step chart with the
//! number at risk and the median duration; and what was left out, with why.

use crate::cohort::{Cohort, Durability, SURVIVAL_WEEKS};
use crate::review::Caseload;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Cell, Chart, Dataset, GraphType, Paragraph, Row, Table, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, c: &Caseload) {
    let counted = c.rows.iter().filter(|r| r.course().is_some()).count();
    let left = left_out(c);
    let [head, table, chart, risk, under] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(7),
        Constraint::Min(6),
        Constraint::Length(1),
        Constraint::Length(2 + left.len() as u16 + u16::from(c.cohort.paired_outcome.participants > 0)),
    ])
    .areas(area);
    let counted = crate::text::count(counted, "participant", "participants");
    let title = format!(" Cohort \u{b7} {counted} counted \u{b7} Tab: participants ");
    frame.render_widget(Line::styled(title, Theme::heading()), head);
    frame.render_widget(timepoints(&c.cohort), table);
    let d = &c.cohort.durability;
    let mut lines = if d.responders == 0 {
        // the sentence where the curve would be
        frame.render_widget(Paragraph::new(d.counts_text()).wrap(Wrap { trim: false }), chart);
        Vec::new()
    } else {
        let curve = Curve::new(d);
        frame.render_widget(curve.chart(d), chart);
        frame.render_widget(curve.at_risk_row(d, chart), risk);
        let responders = if d.responders == 1 { "responder" } else { "responders" };
        vec![
            at_risk(d),
            Line::from(format!(
                "Median duration: {} \u{b7} {} {responders}, {} lost, {} ongoing (\u{2022} censored)",
                d.median_text(),
                d.responders,
                d.lost,
                d.responders - d.lost
            )),
        ]
    };
    let p = c.cohort.paired_outcome;
    if p.participants > 0 {
        lines.push(Line::from(format!(
            "With the GAD-7 ({}): recovery {} \u{b7} reliable improvement {} \u{b7} reliable recovery {} \u{b7} reliable deterioration {}",
            p.participants, p.recovery, p.reliable_improvement, p.reliable_recovery, p.reliable_deterioration
        )));
    }
    lines.extend(left);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), under);
}

fn share(n: usize, of: usize) -> String {
    match (n * 100 + of / 2).checked_div(of) {
        Some(percent) => format!("{n} / {of} ({percent}%)"),
        None => format!("{n} / {of}"),
    }
}

fn timepoints(cohort: &Cohort) -> Table<'static> {
    let header =
        Row::new(["Week", "Responders / eligible", "Remitters / scored", "No score"]).style(Theme::heading());
    let rows: Vec<Row> = cohort
        .timepoints
        .iter()
        .map(|t| {
            Row::new([
                Cell::from(format!("{:>4}", t.week)),
                Cell::from(share(t.responders, t.eligible)),
                Cell::from(share(t.remitters, t.scored)),
                Cell::from(t.missing.to_string()),
            ])
        })
        .collect();
    let widths =
        [Constraint::Length(5), Constraint::Length(23), Constraint::Length(20), Constraint::Length(9)];
    Table::new(rows, widths).header(header).block(Block::default().title(Line::styled(
        "Eligible: baseline 10 or more and a score that week \u{b7} no score: neither",
        Theme::dim(),
    )))
}

type Pt = (f64, f64);

/// The step function and the censoring marks, in percent.
struct Curve {
    steps: Vec<Pt>,
    censored: Vec<Pt>,
    end: f64,
}

impl Curve {
    fn new(d: &Durability) -> Self {
        let longest = d.steps.iter().map(|s| s.0).chain(d.censored.iter().copied()).max().unwrap_or(0);
        let end = f64::from(longest.max(26));
        let mut steps = vec![(0.0, 100.0)];
        let mut s = 100.0;
        for (t, after) in &d.steps {
            steps.push((f64::from(*t), s));
            s = after * 100.0;
            steps.push((f64::from(*t), s));
        }
        steps.push((end, s));
        let censored = d.censored.iter().map(|t| (f64::from(*t), d.at(*t) * 100.0)).collect();
        Self { steps, censored, end }
    }

    /// The number at risk under weeks 4, 8, 12 and 26 of the chart drawn
    /// in `area` (inside its border, after the y labels and the axis).
    fn at_risk_row(&self, d: &Durability, area: Rect) -> Line<'static> {
        const LABELS: u16 = 4; // "100%"
        let left = usize::from(1 + LABELS + 1);
        let width = usize::from(area.width.saturating_sub(LABELS + 3)).max(1);
        let mut row: Vec<char> = " at risk".chars().collect();
        for p in &d.survival {
            let col = left + ((f64::from(p.week) / self.end) * (width - 1) as f64).round() as usize;
            let text: Vec<char> = p.at_risk.to_string().chars().collect();
            let start = col.saturating_sub(text.len() / 2);
            if row.len() > start {
                continue; // no room beside the previous number
            }
            row.resize(start, ' ');
            row.extend(text);
        }
        Line::styled(row.into_iter().collect::<String>(), Theme::dim())
    }

    fn chart(&self, d: &Durability) -> Chart<'_> {
        let mut sets = vec![
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(Theme::series())
                .data(&self.steps),
        ];
        if !self.censored.is_empty() {
            sets.push(
                Dataset::default()
                    .marker(Marker::Dot)
                    .graph_type(GraphType::Scatter)
                    .style(Theme::dim())
                    .data(&self.censored),
            );
        }
        let title = if d.responders == 0 {
            " Still responding, by weeks since the first response \u{b7} no responders yet "
        } else {
            " Still responding (Kaplan\u{2013}Meier), by weeks since the first response "
        };
        Chart::new(sets)
            .block(Block::bordered().title(Line::styled(title, Theme::heading())))
            .x_axis(
                Axis::default()
                    .bounds([0.0, self.end])
                    .labels(
                        ["0".to_string(), format!("{}", self.end / 2.0), format!("{} weeks", self.end)]
                            .map(Span::raw),
                    )
                    .style(Theme::dim()),
            )
            .y_axis(
                Axis::default()
                    .bounds([0.0, 100.0])
                    .labels(["0%", "50%", "100%"].map(Span::raw))
                    .style(Theme::dim()),
            )
    }
}

fn at_risk(d: &Durability) -> Line<'static> {
    let parts: Vec<String> = d
        .survival
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let risk = if i == 0 { " at risk" } else { "" };
            format!("w{} {:.0}% ({}{risk})", p.week, p.s * 100.0, p.at_risk)
        })
        .collect();
    debug_assert_eq!(parts.len(), SURVIVAL_WEEKS.len());
    Line::from(format!("Still responding: {}", parts.join(" \u{b7} ")))
}

/// What stays out of the figures, and why.
fn left_out(c: &Caseload) -> Vec<Line<'static>> {
    let partial = c.partial();
    let mut lines = Vec::new();
    if !partial.is_empty() {
        lines.push(Line::styled(
            format!(
                "Left out: {} (no baseline): {}",
                crate::text::count(partial.len(), "partial export", "partial exports"),
                partial.join(", ")
            ),
            Theme::dim(),
        ));
    }
    if !c.failed.is_empty() {
        lines.push(Line::styled(
            format!(
                "Left out: {} that did not open (listed under Participants)",
                crate::text::count(c.failed.len(), "file", "files")
            ),
            Theme::dim(),
        ));
    }
    lines
}
