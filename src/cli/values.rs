//! Parsers for command-line values. Each gives one line that says what is
//! wrong and what is expected.

use crate::instrument::SleepHours;
use chrono::NaiveDate;

/// `YYYY-MM-DD`.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    let ok = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
    ok.then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| format!("{s:?} is not a date: use YYYY-MM-DD, e.g. 2026-03-14"))
}

/// Nine PHQ-9 answers in item order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answers(pub [u8; 9]);

/// Nine comma-separated answers 0–3, e.g. `1,2,0,1,1,0,0,1,0`.
pub fn answers(s: &str) -> Result<Answers, String> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    if parts.len() != 9 {
        return Err(format!("PHQ-9 needs 9 answers separated by commas, got {}", parts.len()));
    }
    let mut out = [0u8; 9];
    for (i, (slot, p)) in out.iter_mut().zip(&parts).enumerate() {
        *slot = match p.parse::<u8>() {
            Ok(v) if v <= 3 => v,
            _ => return Err(format!("PHQ-9 item {}: {p:?} is not an answer from 0 to 3", i + 1)),
        };
    }
    Ok(Answers(out))
}

/// An answer 0–3 (item 10).
pub fn difficulty(s: &str) -> Result<u8, String> {
    match s.trim().parse::<u8>() {
        Ok(v) if v <= 3 => Ok(v),
        _ => {
            Err(format!("{s:?} is not a difficulty from 0 (not difficult at all) to 3 (extremely difficult)"))
        }
    }
}

/// A whole number 0–10.
pub fn scale(s: &str) -> Result<u8, String> {
    match s.trim().parse::<u8>() {
        Ok(v) if v <= 10 => Ok(v),
        _ => Err(format!("{s:?} is not a whole number from 0 to 10")),
    }
}

/// Hours of sleep, 0–24 in half-hour steps.
pub fn sleep(s: &str) -> Result<SleepHours, String> {
    s.parse::<SleepHours>().map_err(|e| e.to_string())
}

/// A positive entry or event id.
pub fn id(s: &str) -> Result<i64, String> {
    match s.trim().parse::<i64>() {
        Ok(v) if v > 0 => Ok(v),
        _ => Err(format!("{s:?} is not an id: use the number shown by `followup list`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date("2028-02-29").unwrap().to_string(), "2028-02-29");
        for bad in ["2027-02-29", "2026-13-01", "26-01-01", "2026-1-1", "yesterday", "", "2026-01-01x"] {
            assert!(date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn answer_lists() {
        assert_eq!(answers("1,2,0,1,1,0,0,1,0").unwrap().0, [1, 2, 0, 1, 1, 0, 0, 1, 0]);
        assert_eq!(answers(" 3, 3,3,3,3,3,3,3,3 ").unwrap().0, [3; 9]);
        assert!(answers("1,2,0,1,1,0,0,1").unwrap_err().contains("got 8"));
        assert!(answers("1,2,0,4,1,0,0,1,0").unwrap_err().contains("item 4"));
        assert!(answers("1,2,0,-1,1,0,0,1,0").is_err());
        assert!(answers("").is_err());
    }

    #[test]
    fn scales_and_sleep() {
        assert_eq!(scale("10"), Ok(10));
        assert!(scale("11").is_err());
        assert!(scale("-1").is_err());
        assert!(scale("5.5").is_err());
        assert_eq!(sleep("7.5").unwrap().half_hours(), 15);
        assert!(sleep("25").is_err());
        assert!(difficulty("4").is_err());
        assert!(id("0").is_err());
    }
}
