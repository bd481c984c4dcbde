//! Values typed by a person, parsed the same way by both front ends (the
//! command line and the TUI's fields): dates, ids and day counts (the
//! instruments' answers are parsed in `instrument::typed`). Each error is one
//! line that says what is wrong and what is expected; the text quoted back is
//! made safe and short.

use crate::text::quote;
use chrono::NaiveDate;

/// `YYYY-MM-DD`.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    let ok = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
    ok.then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| format!("{:?} is not a date: use YYYY-MM-DD, e.g. 2026-03-14", quote(s)))
}

/// A positive entry or event id.
pub fn id(s: &str) -> Result<i64, String> {
    match s.trim().parse::<i64>() {
        Ok(v) if v > 0 => Ok(v),
        _ => Err(format!("{:?} is not an id: use the number shown by `followup list`", quote(s))),
    }
}

/// A whole number of days in `range`, for the set-up fields.
pub fn days(s: &str, what: &str, range: std::ops::RangeInclusive<u32>) -> Result<u32, String> {
    match s.trim().parse::<u32>() {
        Ok(v) if range.contains(&v) => Ok(v),
        _ => Err(format!(
            "{what}: a whole number from {} to {}, got {:?}",
            range.start(),
            range.end(),
            quote(s)
        )),
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
    fn ids_and_days() {
        assert!(id("0").is_err());
        assert!(id("-5").is_err());
        assert_eq!(id(" 12 "), Ok(12));
        assert_eq!(days("7", "cadence", 1..=28), Ok(7));
        assert!(days("70", "cadence", 1..=28).is_err());
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let e = id(&"9".repeat(10_000)).unwrap_err();
        assert!(e.len() < 200, "{e}");
    }
}
