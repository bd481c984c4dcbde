//! An instrument's answers as a person types them (`1,2,0,…`, `7.5`), parsed
//! the same way by both front ends. Each error is one line that says what is
//! wrong and what is expected; the text quoted back is made safe and short.

use super::SleepHours;
use super::phq9::{self, Answers};
use crate::text::quote;

/// Answers 0–3 in item order, as many as were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerList(pub Vec<u8>);

impl AnswerList {
    pub fn given(&self) -> Vec<Option<u8>> {
        self.0.iter().map(|v| Some(*v)).collect()
    }
}

/// Comma-separated answers 0–3 in item order, as many as given (the
/// questionnaire checks the count), e.g. `1,2,0,1,1,0,0`.
pub fn answer_list(s: &str) -> Result<AnswerList, String> {
    s.split(',')
        .map(str::trim)
        .enumerate()
        .map(|(i, p)| match p.parse::<u8>() {
            Ok(v) if v <= phq9::MAX_ANSWER => Ok(v),
            _ => Err(format!("item {}: {:?} is not an answer from 0 to 3", i + 1, quote(p))),
        })
        .collect::<Result<Vec<u8>, String>>()
        .map(AnswerList)
}

/// Nine comma-separated PHQ-9 answers 0–3 in item order, e.g. `1,2,0,1,1,0,0,1,0`.
pub fn answers(s: &str) -> Result<Answers, String> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    if parts.len() != phq9::ITEMS.len() {
        return Err(format!("PHQ-9 needs 9 answers separated by commas, got {}", parts.len()));
    }
    let mut out: Answers = [None; 9];
    for (i, (slot, p)) in out.iter_mut().zip(&parts).enumerate() {
        *slot = match p.parse::<u8>() {
            Ok(v) if v <= phq9::MAX_ANSWER => Some(v),
            _ => return Err(format!("PHQ-9 item {}: {:?} is not an answer from 0 to 3", i + 1, quote(p))),
        };
    }
    Ok(out)
}

/// An answer 0–3 (PHQ-9 item 10).
pub fn difficulty(s: &str) -> Result<u8, String> {
    match s.trim().parse::<u8>() {
        Ok(v) if v <= phq9::MAX_ANSWER => Ok(v),
        _ => Err(format!(
            "{:?} is not a difficulty from 0 (not difficult at all) to 3 (extremely difficult)",
            quote(s)
        )),
    }
}

/// A whole number 0–10.
pub fn scale(s: &str) -> Result<u8, String> {
    match s.trim().parse::<u8>() {
        Ok(v) if v <= super::mood::SCALE_MAX => Ok(v),
        _ => Err(format!("{:?} is not a whole number from 0 to 10", quote(s))),
    }
}

/// Hours of sleep, 0–24 in half-hour steps.
pub fn sleep(s: &str) -> Result<SleepHours, String> {
    s.parse::<SleepHours>().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_lists() {
        assert_eq!(answers("1,2,0,1,1,0,0,1,0").unwrap().map(Option::unwrap), [1, 2, 0, 1, 1, 0, 0, 1, 0]);
        assert_eq!(answers(" 3, 3,3,3,3,3,3,3,3 ").unwrap(), [Some(3); 9]);
        assert!(answers("1,2,0,1,1,0,0,1").unwrap_err().contains("got 8"));
        assert!(answers("1,2,0,4,1,0,0,1,0").unwrap_err().contains("item 4"));
        assert!(answers("1,2,0,-1,1,0,0,1,0").is_err());
        assert!(answers("").is_err());
        assert_eq!(answer_list("1, 0,3").unwrap().given(), [Some(1), Some(0), Some(3)]);
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
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let e = scale(&"9".repeat(10_000)).unwrap_err();
        assert!(e.len() < 200, "{e}");
    }
}
