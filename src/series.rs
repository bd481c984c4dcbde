//! Daily values grouped into columns for charts of a fixed width: several
//! days per column (their mean) when they do not fit, several columns per
//! day when there is room. A column with no value is a gap, never a zero.
//! Shared by the TUI's sparklines and the reports.

use crate::overview::{DayValues, Measure};
use crate::record::EventKind;
use chrono::NaiveDate;

/// The symbol drawn for a missing day.
pub const GAP: &str = "\u{b7}";

/// How days map to columns: several days per bucket when they do not fit,
/// several columns per day when there is room (at most 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Buckets {
    pub start: NaiveDate,
    pub days: usize,
    pub days_per_bucket: usize,
    pub buckets: usize,
    pub columns_per_bucket: usize,
}

impl Buckets {
    /// Fit `days` days starting at `start` into at most `width` columns.
    pub fn fit(start: NaiveDate, days: usize, width: usize) -> Self {
        let width = width.max(1);
        let days_per_bucket = days.div_ceil(width).max(1);
        let buckets = days.div_ceil(days_per_bucket);
        let columns_per_bucket = (width / buckets.max(1)).clamp(1, 3);
        Self { start, days, days_per_bucket, buckets, columns_per_bucket }
    }

    pub fn columns(&self) -> usize {
        self.buckets * self.columns_per_bucket
    }

    pub fn bucket_of(&self, date: NaiveDate) -> Option<usize> {
        let i = usize::try_from((date - self.start).num_days()).ok()?;
        (i < self.days).then_some(i / self.days_per_bucket)
    }

    /// One value per column from one per bucket.
    fn widen<T: Clone>(&self, per_bucket: Vec<T>) -> Vec<T> {
        per_bucket.into_iter().flat_map(|v| std::iter::repeat_n(v, self.columns_per_bucket)).collect()
    }

    /// What one column stands for, for the chart's label.
    pub fn label(&self) -> String {
        match (self.days_per_bucket, self.columns_per_bucket) {
            (1, 1) => "1 day per column".to_string(),
            (1, n) => format!("{n} columns per day"),
            (d, _) => format!("{d} days per column (mean)"),
        }
    }
}

/// Bucket means of a measure, one per column; `None` where a bucket has no value.
pub fn column_values(days: &[(NaiveDate, DayValues)], b: &Buckets, measure: Measure) -> Vec<Option<f64>> {
    let mut sums = vec![(0.0, 0usize); b.buckets];
    for (date, v) in days {
        if let (Some(i), Some(x)) = (b.bucket_of(*date), measure.of(v)) {
            sums[i].0 += x;
            sums[i].1 += 1;
        }
    }
    b.widen(sums.into_iter().map(|(s, n)| (n > 0).then(|| s / n as f64)).collect())
}

/// Columns holding a safety-flagged day.
pub fn safety_columns(days: &[(NaiveDate, DayValues)], b: &Buckets) -> Vec<bool> {
    let mut out = vec![false; b.buckets];
    for (date, v) in days {
        if let Some(i) = b.bucket_of(*date) {
            out[i] |= v.safety;
        }
    }
    b.widen(out)
}

/// The marker row: one character per column for the events in it
/// (dosing first, then integration, medication, other).
pub fn marker_row(markers: &[(NaiveDate, EventKind)], b: &Buckets) -> String {
    let rank = |k: EventKind| EventKind::ALL.iter().position(|x| *x == k).unwrap_or(usize::MAX);
    let mut slots: Vec<Option<EventKind>> = vec![None; b.buckets];
    for (date, kind) in markers {
        if let Some(i) = b.bucket_of(*date) {
            let slot = &mut slots[i];
            if slot.is_none_or(|k| rank(*kind) < rank(k)) {
                *slot = Some(*kind);
            }
        }
    }
    slots
        .into_iter()
        .map(|k| format!("{:<w$}", k.map_or(' ', EventKind::marker), w = b.columns_per_bucket))
        .collect()
}

/// With a questionnaire every N days (N > 1), a day without one is not a
/// missed day: each cadence period is drawn at the questionnaire done in it
/// (the latest), and only a period with none is a gap. The PHQ-9 and the
/// GAD-7 each by their own cadence; a daily one as it is.
pub fn phq9_by_period<'a>(
    days: &'a [(NaiveDate, DayValues)],
    window: &crate::window::Window,
) -> std::borrow::Cow<'a, [(NaiveDate, DayValues)]> {
    if window.phq9_every <= 1 && window.gad7_every <= 1 {
        return std::borrow::Cow::Borrowed(days);
    }
    let mut out = days.to_vec();
    spread(&mut out, window, window.phq9_every, |v| &mut v.phq9);
    spread(&mut out, window, window.gad7_every, |v| &mut v.gad7);
    std::borrow::Cow::Owned(out)
}

/// Each period of `every` days takes the latest value of `field` in it.
fn spread(
    days: &mut [(NaiveDate, DayValues)],
    window: &crate::window::Window,
    every: u32,
    field: impl Fn(&mut DayValues) -> &mut Option<u8>,
) {
    if every <= 1 {
        return;
    }
    let start_of = |d: NaiveDate| {
        let day = window.day_of(d);
        day - day.rem_euclid(i64::from(every))
    };
    let mut i = 0;
    while i < days.len() {
        let start = start_of(days[i].0);
        let mut j = i;
        while j < days.len() && start_of(days[j].0) == start {
            j += 1;
        }
        let value = days[i..j].iter_mut().rev().find_map(|(_, v)| *field(v));
        for (_, v) in &mut days[i..j] {
            *field(v) = value;
        }
        i = j;
    }
}

/// A one-line Unicode sparkline for text reports: `·` for a gap, and every
/// present value, zero included, at least the lowest bar.
pub fn text_sparkline(values: &[Option<f64>], max: f64) -> String {
    const BARS: [char; 8] =
        ['\u{2581}', '\u{2582}', '\u{2583}', '\u{2584}', '\u{2585}', '\u{2586}', '\u{2587}', '\u{2588}'];
    values
        .iter()
        .map(|v| match v {
            Some(x) => BARS[((x / max).clamp(0.0, 1.0) * 7.0).round() as usize],
            None => '\u{b7}',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn buckets_fit_the_width() {
        let b = Buckets::fit(d("2026-01-01"), 30, 60);
        assert_eq!((b.days_per_bucket, b.buckets, b.columns()), (1, 30, 60));
        assert_eq!(b.label(), "2 columns per day");
        let b = Buckets::fit(d("2026-01-01"), 30, 30);
        assert_eq!(b.label(), "1 day per column");
        let b = Buckets::fit(d("2026-01-01"), 183, 60);
        assert_eq!((b.days_per_bucket, b.buckets, b.columns()), (4, 46, 46));
        assert_eq!(b.bucket_of(d("2026-01-04")), Some(0));
        assert_eq!(b.bucket_of(d("2026-01-05")), Some(1));
        assert_eq!(b.bucket_of(d("2025-12-31")), None);
        assert_eq!(b.label(), "4 days per column (mean)");
    }

    #[test]
    fn bucket_means_skip_missing_days_and_empty_buckets_are_gaps() {
        let b = Buckets::fit(d("2026-01-01"), 6, 3);
        let v = |m: Option<u8>| DayValues { mood: m, ..DayValues::default() };
        let days = vec![
            (d("2026-01-01"), v(Some(4))),
            (d("2026-01-02"), v(None)),
            (d("2026-01-03"), v(None)),
            (d("2026-01-04"), v(None)),
            (d("2026-01-05"), v(Some(0))),
            (d("2026-01-06"), v(Some(3))),
        ];
        assert_eq!(column_values(&days, &b, Measure::Mood), vec![Some(4.0), None, Some(1.5)]);
    }

    #[test]
    fn text_sparklines_show_gaps() {
        assert_eq!(
            text_sparkline(&[Some(0.0), None, Some(27.0), Some(13.5)], 27.0),
            "\u{2581}\u{b7}\u{2588}\u{2585}"
        );
    }

    #[test]
    fn a_weekly_phq9_fills_its_week_and_a_missed_week_is_a_gap() {
        let w = crate::window::Window::new(d("2026-01-01"), 182, 7).unwrap();
        let days: Vec<_> = (0..21)
            .map(|n| {
                let phq9 = (n == 3).then_some(12).or((n == 16).then_some(8));
                (w.date_of(n), DayValues { phq9, ..DayValues::default() })
            })
            .collect();
        let filled = phq9_by_period(&days, &w);
        let values: Vec<Option<u8>> = filled.iter().map(|(_, v)| v.phq9).collect();
        assert!(values[..7].iter().all(|v| *v == Some(12)), "week 1 drawn at its PHQ-9: {values:?}");
        assert!(values[7..14].iter().all(Option::is_none), "week 2 was missed: a gap");
        assert!(values[14..].iter().all(|v| *v == Some(8)));
    }

    #[test]
    fn markers_land_on_their_columns() {
        let b = Buckets::fit(d("2026-01-01"), 10, 10);
        let row = marker_row(
            &[(d("2026-01-01"), EventKind::Dosing), (d("2026-01-08"), EventKind::Integration)],
            &b,
        );
        assert_eq!(row, "D      I  ");
        let b = Buckets::fit(d("2026-01-01"), 4, 8);
        assert_eq!(marker_row(&[(d("2026-01-02"), EventKind::Integration)], &b), "  I     ");
    }
}
