//! Weeks of the window: week k (k ≥ 1) is days 7k−6 to 7k; day 0 and the
//! baseline period belong to no week. A week's score is the mean of the
//! values on its days; a week without one is a gap, never a zero. The course,
//! the outcome and the overview all read weeks through these.

use serde::Serialize;
use std::collections::BTreeMap;

/// The week a day belongs to (week 1 = days 1–7); `None` for day 0 and the
/// baseline period.
pub fn week_of(day: i64) -> Option<u32> {
    (day >= 1).then(|| u32::try_from((day + 6) / 7).unwrap_or(u32::MAX))
}

/// The first and last day of week `k`.
pub fn days_of_week(k: u32) -> (i64, i64) {
    let k = i64::from(k);
    (7 * k - 6, 7 * k)
}

/// A week's score: the mean of the week's values and how many there were.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeekScore {
    pub week: u32,
    pub mean: f64,
    pub n: u32,
}

/// The weeks that have a value, in order, from `(day, value)` pairs; days
/// in no week are left out.
pub fn weekly(values: impl IntoIterator<Item = (i64, f64)>) -> Vec<WeekScore> {
    let mut by: BTreeMap<u32, (f64, u32)> = BTreeMap::new();
    for (day, value) in values {
        if let Some(k) = week_of(day) {
            let w = by.entry(k).or_default();
            w.0 += value;
            w.1 += 1;
        }
    }
    by.into_iter().map(|(week, (sum, n))| WeekScore { week, mean: sum / f64::from(n), n }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_day_one() {
        assert_eq!(week_of(0), None);
        assert_eq!(week_of(-3), None);
        assert_eq!((week_of(1), week_of(7), week_of(8)), (Some(1), Some(1), Some(2)));
        assert_eq!(week_of(182), Some(26));
        assert_eq!(days_of_week(26), (176, 182));
    }

    #[test]
    fn a_week_is_the_mean_of_its_days_and_a_gap_is_no_week() {
        let w = weekly([(-2, 20.0), (0, 18.0), (1, 9.0), (7, 12.0), (22, 5.0)]);
        assert_eq!(w, [WeekScore { week: 1, mean: 10.5, n: 2 }, WeekScore { week: 4, mean: 5.0, n: 1 }]);
        assert!(weekly([]).is_empty());
    }
}
