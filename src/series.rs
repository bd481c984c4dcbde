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

/// The mark of a day with PHQ-9 item 9 above 0 in a text row, so it shows
/// without colour.
pub const ITEM9_MARK: char = '!';

/// The marker row with [`ITEM9_MARK`] on the columns of an item-9 day
/// (`safety`, from [`safety_columns`]): on the blank ones, beside an event's
/// letter; where a day has one column only, in place of the letter, so a
/// flag is never hidden.
pub fn with_safety_marks(row: &str, safety: &[bool], b: &Buckets) -> String {
    row.chars()
        .enumerate()
        .map(|(i, c)| {
            let flagged = safety.get(i).copied().unwrap_or(false);
            if flagged && (c == ' ' || b.columns_per_bucket == 1) { ITEM9_MARK } else { c }
        })
        .collect()
}

/// With a questionnaire every N days (N > 1), a day without one is not a
/// missed day when its cadence period holds one: which days are so covered
/// (a day with a score of its own is not). A chart draws each score on the
/// day it was recorded only; a covered day is left blank, never drawn at the
/// period's score, and a period with none is a gap. Daily: nothing covered.
/// `days` should start and end on the bounds of periods (`periods_around`),
/// or a period cut by either end is judged by its days inside only.
pub fn covered_by_period(
    days: &[(NaiveDate, DayValues)],
    window: &crate::window::Window,
    measure: Measure,
) -> Vec<bool> {
    let every = every(window, measure);
    let mut covered = vec![false; days.len()];
    if every <= 1 {
        return covered;
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
        if days[i..j].iter().any(|(_, v)| measure.of(v).is_some()) {
            for (k, (_, v)) in days[i..j].iter().enumerate() {
                covered[i + k] = measure.of(v).is_none();
            }
        }
        i = j;
    }
    covered
}

/// How often a measure is taken, in days (1: daily).
fn every(window: &crate::window::Window, measure: Measure) -> u32 {
    match measure {
        Measure::Phq9 => window.phq9_every,
        Measure::Gad7 => window.gad7_every,
        _ => 1,
    }
}

/// `from..=to` widened to the first day of `from`'s cadence period and the
/// last of `to`'s, so a period the range cuts is judged whole.
pub fn periods_around(
    window: &crate::window::Window,
    measure: Measure,
    from: NaiveDate,
    to: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    let every = i64::from(every(window, measure).max(1));
    let start = |d: NaiveDate| window.date_of(window.day_of(d) - window.day_of(d).rem_euclid(every));
    (start(from), start(to) + chrono::Days::new(every as u64 - 1))
}

/// The columns with no value of their own whose days are all covered by a
/// cadence period's score (see `covered_by_period`): blank, not a gap.
pub fn covered_columns(days: &[(NaiveDate, DayValues)], covered: &[bool], b: &Buckets) -> Vec<bool> {
    // a bucket is covered when every day of it is (one with a value is not,
    // but then the column has its value)
    let mut all = vec![true; b.buckets];
    for ((date, _), c) in days.iter().zip(covered) {
        if let Some(i) = b.bucket_of(*date) {
            all[i] &= *c;
        }
    }
    b.widen(all)
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

    /// A PHQ-9 every 7 days: 12 on day 3; 20 on day 15 and 4 on day 18 (one
    /// period, days 14 to 20); none in days 7 to 13. Each score stays on its
    /// own day, the other days of a period with one are covered (blank), and
    /// the period with none is a gap.
    #[test]
    fn a_weekly_phq9_is_drawn_on_its_own_days_and_a_missed_week_is_a_gap() {
        let w = crate::window::Window::new(d("2026-01-01"), 182, 7).unwrap();
        let days: Vec<_> = (0..21)
            .map(|n| {
                let phq9 = match n {
                    3 => Some(12),
                    15 => Some(20),
                    18 => Some(4),
                    _ => None,
                };
                (w.date_of(n), DayValues { phq9, ..DayValues::default() })
            })
            .collect();
        let covered = covered_by_period(&days, &w, Measure::Phq9);
        let b = Buckets::fit(w.date_of(0), 21, 21);
        let values = column_values(&days, &b, Measure::Phq9);
        let at: Vec<(usize, f64)> = values.iter().enumerate().filter_map(|(i, v)| Some((i, (*v)?))).collect();
        assert_eq!(at, [(3, 12.0), (15, 20.0), (18, 4.0)], "only real scores, on their days");
        let blank = covered_columns(&days, &covered, &b);
        let kind: String = (0..21)
            .map(|i| match (values[i], blank[i]) {
                (Some(_), _) => 'x',
                (None, true) => ' ',
                (None, false) => '.',
            })
            .collect();
        assert_eq!(kind, "   x   ....... x  x  ");
        // mood is daily: never covered
        assert!(covered_by_period(&days, &w, Measure::Mood).iter().all(|c| !c));
        // two days a column: the column of days 14 and 15 is day 15's 20 alone
        let b = Buckets::fit(w.date_of(0), 21, 11);
        assert_eq!(column_values(&days, &b, Measure::Phq9)[7], Some(20.0));
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
