//! A full-size line chart of one measure by day: fixed axis, severity
//! guides for the PHQ-9, the baseline, event markers as vertical lines, and
//! a line that breaks at every missing day.

use crate::overview::{DayValues, Measure};
use crate::record::EventKind;
use crate::series::Buckets;
use crate::tui::theme::Theme;
use crate::window::Window;
use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType};

type Pt = (f64, f64);

/// Everything a chart borrows, built before drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendData {
    pub measure: Measure,
    /// Runs of consecutive days with a value (two or more points).
    pub runs: Vec<Vec<Pt>>,
    /// Days with a value but no neighbour: drawn as dots.
    pub singles: Vec<Pt>,
    pub flagged: Vec<Pt>,
    guides: Vec<[Pt; 2]>,
    baseline: Option<[Pt; 2]>,
    events: Vec<(EventKind, [Pt; 2])>,
    x: [f64; 2],
    y_top: f64,
}

impl TrendData {
    /// `max_points`: when there are more days than that (a long record on a
    /// narrow chart), days are grouped into equal buckets drawn at their mean,
    /// and a bucket with no value breaks the line like a missing day.
    pub fn new(
        days: &[(NaiveDate, DayValues)],
        window: &Window,
        measure: Measure,
        baseline: Option<f64>,
        markers: &[(NaiveDate, EventKind)],
        max_points: usize,
    ) -> Self {
        let x = |d: NaiveDate| window.day_of(d) as f64;
        let first = days.first().map_or(0.0, |(d, _)| x(*d));
        let last = days.last().map_or(1.0, |(d, _)| x(*d)).max(first + 1.0);
        let y_top = measure.max();

        let points: Vec<(f64, Option<f64>)> = match days.first() {
            Some(&(start, _)) if days.len() > max_points.max(2) => {
                let b = crate::series::Buckets::fit(start, days.len(), max_points.max(2));
                let mid = (b.days_per_bucket as f64 - 1.0) / 2.0;
                let values =
                    crate::series::column_values(days, &Buckets { columns_per_bucket: 1, ..b }, measure);
                values
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (first + (i * b.days_per_bucket) as f64 + mid, v))
                    .collect()
            }
            _ => days.iter().map(|(d, v)| (x(*d), measure.of(v))).collect(),
        };
        let mut runs: Vec<Vec<Pt>> = Vec::new();
        let mut current: Vec<Pt> = Vec::new();
        for (px, v) in points {
            match v {
                Some(y) => current.push((px, y)),
                None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
                None => {}
            }
        }
        if !current.is_empty() {
            runs.push(current);
        }
        let (runs, singles): (Vec<_>, Vec<_>) = runs.into_iter().partition(|r| r.len() > 1);
        let singles = singles.into_iter().flatten().collect();
        let flagged = days
            .iter()
            .filter(|(_, v)| v.safety)
            .filter_map(|(d, v)| Some((x(*d), measure.of(v)?)))
            .collect();
        let guides = if measure == Measure::Phq9 {
            [5.0, 10.0, 15.0, 20.0].iter().map(|&y| [(first, y), (last, y)]).collect()
        } else {
            Vec::new()
        };
        Self {
            measure,
            runs,
            singles,
            flagged,
            guides,
            baseline: baseline.map(|b| [(first, b), (last, b)]),
            events: markers.iter().map(|(d, k)| (*k, [(x(*d), 0.0), (x(*d), y_top)])).collect(),
            x: [first, last],
            y_top,
        }
    }

    /// The chart for an area `width` cells wide: a narrow one labels its
    /// axis with numbers only, and the legend of event kinds moves to the
    /// bottom border when the names do not fit beside the title (to their
    /// letters only when they do not fit there either).
    pub fn chart(&self, title: String, width: u16) -> Chart<'_> {
        let narrow = width < 70;
        let mut sets: Vec<Dataset<'_>> = Vec::new();
        for g in &self.guides {
            sets.push(line(g, Theme::dim()));
        }
        for (kind, e) in &self.events {
            sets.push(line(e, Theme::event(*kind)));
        }
        if let Some(b) = &self.baseline {
            let glyph = Marker::Custom(BASELINE_GLYPH);
            sets.push(line(b, Theme::baseline()).marker(glyph).name(format!("{BASELINE_GLYPH} baseline")));
        }
        for (i, r) in self.runs.iter().enumerate() {
            let set = line(r, Theme::series());
            sets.push(if i == 0 { set.name(self.measure.label()) } else { set });
        }
        // a few points are drawn as dots too: a short braille line is faint
        let points: usize = self.runs.iter().map(Vec::len).sum();
        if points <= FEW_POINTS {
            for r in &self.runs {
                sets.push(dots(r));
            }
        }
        if !self.singles.is_empty() {
            sets.push(dots(&self.singles));
        }
        if !self.flagged.is_empty() {
            sets.push(
                Dataset::default()
                    .marker(Marker::Custom(ITEM9_GLYPH))
                    .graph_type(GraphType::Scatter)
                    .style(Theme::safety_text())
                    .data(&self.flagged)
                    .name(format!("{ITEM9_GLYPH} item 9")),
            );
        }
        let x_labels: Vec<Span> = [self.x[0], (self.x[0] + self.x[1]) / 2.0, self.x[1]]
            .iter()
            .map(|d| Span::raw(format!("day {}", d.round() as i64)))
            .collect();
        // labels are spaced evenly over the axis, so they sit on values that are
        let y_labels: Vec<Span> = match (self.measure, anchors(self.measure)) {
            (Measure::Phq9, _) => ["0", "9", "18", "27"].into_iter().map(Span::raw).collect(),
            (_, Some(scale)) if !narrow => {
                vec![
                    Span::raw(format!("0 {}", scale.low)),
                    Span::raw("5"),
                    Span::raw(format!("10 {}", scale.high)),
                ]
            }
            _ => {
                let top = self.y_top;
                [0.0, top / 2.0, top].iter().map(|v| Span::raw(format!("{v}"))).collect()
            }
        };
        // the markers' legend, each in its own colour, shortened to letters
        // when the names do not fit
        let kinds: Vec<EventKind> =
            EventKind::ALL.iter().copied().filter(|k| self.events.iter().any(|(e, _)| e == k)).collect();
        let room = usize::from(width).saturating_sub(2 + title.chars().count());
        let names: usize = kinds.iter().map(|k| 3 + k.label().chars().count()).sum();
        let mut spans = vec![Span::styled(title, Theme::heading())];
        // named in the title too: the chart's own legend hides on a small terminal
        if !self.flagged.is_empty() {
            spans.push(Span::styled(format!(" \u{2502} {ITEM9_GLYPH} item 9"), Theme::safety_text()));
        }
        // the kinds' names beside the title, else along the bottom border,
        // and only where even that is too short, their letters
        let below = names > room;
        let whole = names <= usize::from(width).saturating_sub(2);
        let mut legend = Vec::new();
        for kind in kinds {
            let name = if whole { kind.label().to_string() } else { kind.marker().to_string() };
            legend.push(Span::styled(format!(" \u{2502} {name}"), Theme::event(kind)));
        }
        let mut block = Block::bordered();
        if below && !legend.is_empty() {
            legend.push(Span::raw(" "));
            block = block.title_bottom(Line::from(legend));
        } else {
            spans.extend(legend);
        }
        Chart::new(sets)
            .block(block.title(Line::from(spans)))
            .x_axis(Axis::default().bounds(self.x).labels(x_labels).style(Theme::dim()))
            .y_axis(Axis::default().bounds([0.0, self.y_top]).labels(y_labels).style(Theme::dim()))
    }
}

/// The glyphs that tell the lines and marks apart without colour (with
/// `NO_COLOR`, or for anyone who does not see the colours), named in the
/// legends and titles: the baseline, the response line (half of it), the
/// remission line, an integration session, an item-9 day.
pub const BASELINE_GLYPH: char = '\u{2550}';
pub const RESPONSE_GLYPH: char = '\u{254c}';
pub const REMISSION_GLYPH: char = '\u{2508}';
pub const SESSION_GLYPH: char = '\u{2502}';
pub const ITEM9_GLYPH: char = crate::series::ITEM9_MARK;

/// Up to this many points a line is also drawn as dots.
const FEW_POINTS: usize = 40;

/// What the ends of a 0–10 scale mean.
fn anchors(m: Measure) -> Option<crate::instrument::mood::Scale> {
    use crate::instrument::mood;
    match m {
        Measure::Mood => Some(mood::MOOD),
        Measure::Anxiety => Some(mood::ANXIETY),
        Measure::Energy => Some(mood::ENERGY),
        _ => None,
    }
}

fn dots(data: &[Pt]) -> Dataset<'_> {
    Dataset::default().marker(Marker::Dot).graph_type(GraphType::Scatter).style(Theme::series()).data(data)
}

fn line(data: &[Pt], style: Style) -> Dataset<'_> {
    Dataset::default().marker(Marker::Braille).graph_type(GraphType::Line).style(style).data(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_day_breaks_the_line() {
        let w = Window::new("2026-01-01".parse().unwrap(), 182, 1).unwrap();
        let day = |n: i64, v: Option<u8>| (w.date_of(n), DayValues { phq9: v, ..DayValues::default() });
        let days = vec![
            day(0, Some(18)),
            day(1, Some(16)),
            day(2, None),
            day(3, Some(12)),
            day(4, None),
            day(5, Some(9)),
            day(6, Some(0)),
        ];
        let t = TrendData::new(&days, &w, Measure::Phq9, Some(18.0), &[], 200);
        assert_eq!(t.runs, vec![vec![(0.0, 18.0), (1.0, 16.0)], vec![(5.0, 9.0), (6.0, 0.0)]]);
        assert_eq!(t.singles, vec![(3.0, 12.0)]);
    }

    #[test]
    fn long_records_are_grouped_to_the_chart_width() {
        let w = Window::new("2020-01-01".parse().unwrap(), 3650, 1).unwrap();
        let days: Vec<_> = (0..3000)
            .map(|n| {
                (
                    w.date_of(n),
                    DayValues { mood: (n % 50 != 0 || n < 1000).then_some(5), ..DayValues::default() },
                )
            })
            .collect();
        let t = TrendData::new(&days, &w, Measure::Mood, None, &[], 100);
        let points: usize = t.runs.iter().map(Vec::len).sum::<usize>() + t.singles.len();
        assert!(points <= 100, "{points} points");
        assert!(t.runs.iter().flatten().all(|p| p.1 == 5.0), "bucket means of 5 are 5");
    }
}
