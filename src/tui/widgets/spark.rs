//! Day-by-day sparklines that show a missing day as a gap, never as a zero.

pub use crate::series::{
    Buckets, GAP, ITEM9_MARK, column_values, covered_by_period, covered_columns, marker_row, periods_around,
    safety_columns, with_safety_marks,
};
use crate::tui::theme::Theme;
use ratatui::widgets::{Sparkline, SparklineBar};

/// A sparkline of `height` rows on a fixed scale `0..=max`. Every present
/// value, zero included, draws at least the lowest eighth of a cell, so a
/// zero is never confused with a gap; safety-flagged columns are drawn in
/// the warning colour.
pub fn sparkline(values: &[Option<f64>], max: f64, height: u16, safety: &[bool]) -> Sparkline<'static> {
    let steps = f64::from(height.max(1)) * 8.0;
    let bars: Vec<SparklineBar> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let bar =
                SparklineBar::from(v.map(|x| 1 + ((x / max).clamp(0.0, 1.0) * (steps - 1.0)).round() as u64));
            if safety.get(i).copied().unwrap_or(false) { bar.style(Some(Theme::safety_text())) } else { bar }
        })
        .collect();
    Sparkline::default()
        .data(bars)
        .max(steps as u64)
        .style(Theme::series())
        .absent_value_symbol(GAP)
        .absent_value_style(Theme::absent())
}

/// Blank the gap marks of the columns `covered` by a cadence period's score
/// (a day a questionnaire was not due is not a missed day); a column with a
/// value keeps it.
pub fn blank(
    buf: &mut ratatui::buffer::Buffer,
    area: ratatui::layout::Rect,
    values: &[Option<f64>],
    covered: &[bool],
) {
    for (i, _) in values.iter().zip(covered).enumerate().filter(|(_, (v, c))| v.is_none() && **c) {
        let Ok(dx) = u16::try_from(i) else { break };
        if dx >= area.width {
            break;
        }
        for y in area.top()..area.bottom() {
            buf[(area.x + dx, y)].set_symbol(" ");
        }
    }
}
