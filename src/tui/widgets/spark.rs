//! Day-by-day sparklines that show a missing day as a gap, never as a zero.

pub use crate::series::{Buckets, GAP, column_values, marker_row, safety_columns};
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
