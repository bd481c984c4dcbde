//! The daily mood entry: mood (required), anxiety, energy, sleep, a note and tags.
//!
//! Optional fields are `None` when the participant left them out; they are
//! never stored, drawn or exported as zero.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The highest value of the 0–10 scales.
pub const SCALE_MAX: u8 = 10;
/// The longest note, in characters.
pub const NOTE_MAX_CHARS: usize = 4000;
/// The longest tag, in characters.
pub const TAG_MAX_CHARS: usize = 32;
/// The most tags on one entry.
pub const TAGS_MAX: usize = 16;

/// A 0–10 scale of the mood entry and what its ends mean, shown beside
/// every slider, in `log --help` and on every chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub name: &'static str,
    pub low: &'static str,
    pub high: &'static str,
}

impl Scale {
    /// `0 very low … 10 very good`
    pub fn anchors(&self) -> String {
        format!("0 {} \u{2026} 10 {}", self.low, self.high)
    }
}

pub const MOOD: Scale = Scale { name: "mood", low: "very low", high: "very good" };
pub const ANXIETY: Scale = Scale { name: "anxiety", low: "calm", high: "extremely anxious" };
pub const ENERGY: Scale = Scale { name: "energy", low: "none", high: "full of energy" };
/// Sleep is counted in hours, 0 to 24 in half hours.
pub const SLEEP_UNIT: &str = "hours of sleep, e.g. 7.5";

/// Why a mood entry was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoodError {
    #[error("{field} must be a whole number from 0 to 10, got {value}")]
    ScaleOutOfRange { field: &'static str, value: String },
    #[error("sleep must be 0 to 24 hours in half-hour steps (e.g. 7 or 7.5), got {0}")]
    SleepOutOfRange(String),
    #[error("the note is {0} characters long; the limit is 4,000")]
    NoteTooLong(usize),
    #[error("tag {0:?} is not allowed: use up to 32 letters, digits, '-' or '_' (e.g. integration-practice)")]
    BadTag(String),
    #[error("at most 16 tags per entry")]
    TooManyTags,
}

/// A value on a 0–10 scale.
pub fn scale(field: &'static str, value: u8) -> Result<u8, MoodError> {
    if value > SCALE_MAX {
        return Err(MoodError::ScaleOutOfRange { field, value: value.to_string() });
    }
    Ok(value)
}

/// Hours of sleep, 0–24 in half-hour steps, held as a count of half hours
/// so that it compares and sums exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SleepHours(u8);

impl SleepHours {
    pub const MAX_HALF_HOURS: u8 = 48;

    pub fn from_half_hours(half_hours: u8) -> Result<Self, MoodError> {
        if half_hours > Self::MAX_HALF_HOURS {
            return Err(MoodError::SleepOutOfRange(format!("{}", f64::from(half_hours) / 2.0)));
        }
        Ok(Self(half_hours))
    }

    pub fn from_hours(hours: f64) -> Result<Self, MoodError> {
        let doubled = hours * 2.0;
        if !hours.is_finite() || !(0.0..=24.0).contains(&hours) || doubled.fract() != 0.0 {
            // a huge value is quoted in scientific notation, not as 300 digits
            let shown = if hours.abs() < 1e6 { format!("{hours}") } else { format!("{hours:e}") };
            return Err(MoodError::SleepOutOfRange(shown));
        }
        Ok(Self(doubled as u8))
    }

    pub fn half_hours(self) -> u8 {
        self.0
    }

    pub fn hours(self) -> f64 {
        f64::from(self.0) / 2.0
    }
}

impl std::str::FromStr for SleepHours {
    type Err = MoodError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let hours: f64 = s.trim().parse().map_err(|_| MoodError::SleepOutOfRange(crate::text::quote(s)))?;
        Self::from_hours(hours)
    }
}

impl fmt::Display for SleepHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_multiple_of(2) { write!(f, "{}", self.0 / 2) } else { write!(f, "{}.5", self.0 / 2) }
    }
}

impl Serialize for SleepHours {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.hours())
    }
}

impl<'de> Deserialize<'de> for SleepHours {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let hours = f64::deserialize(d)?;
        Self::from_hours(hours).map_err(serde::de::Error::custom)
    }
}

/// Check a tag and bring it to its stored form (lower case).
pub fn tag(raw: &str) -> Result<String, MoodError> {
    let t = raw.trim().to_lowercase();
    let ok = !t.is_empty()
        && t.chars().count() <= TAG_MAX_CHARS
        && t.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if ok { Ok(t) } else { Err(MoodError::BadTag(crate::text::quote(raw))) }
}

/// Check a note's length; an empty or blank note is no note.
pub fn note(raw: &str) -> Result<Option<String>, MoodError> {
    let chars = raw.chars().count();
    if chars > NOTE_MAX_CHARS {
        return Err(MoodError::NoteTooLong(chars));
    }
    Ok(if raw.trim().is_empty() { None } else { Some(raw.to_string()) })
}

/// One day's mood entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "MoodFields")]
pub struct Mood {
    mood: u8,
    anxiety: Option<u8>,
    energy: Option<u8>,
    sleep: Option<SleepHours>,
    note: Option<String>,
    tags: Vec<String>,
}

/// A mood entry's fields as a person or a file gives them; the one way to
/// a [`Mood`] is `Mood::try_from(fields)`, which checks every value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoodFields {
    pub mood: u8,
    pub anxiety: Option<u8>,
    pub energy: Option<u8>,
    pub sleep: Option<SleepHours>,
    pub note: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl TryFrom<MoodFields> for Mood {
    type Error = MoodError;
    fn try_from(f: MoodFields) -> Result<Self, Self::Error> {
        Mood::new(f.mood)?
            .with_anxiety(f.anxiety)?
            .with_energy(f.energy)?
            .with_sleep(f.sleep)
            .with_note(f.note.as_deref())?
            .with_tags(&f.tags)
    }
}

impl From<&Mood> for MoodFields {
    fn from(m: &Mood) -> Self {
        Self {
            mood: m.mood,
            anxiety: m.anxiety,
            energy: m.energy,
            sleep: m.sleep,
            note: m.note.clone(),
            tags: m.tags.clone(),
        }
    }
}

/// A correction to some fields of a mood entry: `None` keeps a field as it
/// is, `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MoodPatch {
    pub mood: Option<u8>,
    pub anxiety: Option<Option<u8>>,
    pub energy: Option<Option<u8>>,
    pub sleep: Option<Option<SleepHours>>,
    pub note: Option<Option<String>>,
    pub tags: Option<Vec<String>>,
}

impl MoodPatch {
    /// Whether the patch touches no field.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The entry with the patch applied, checked like a new one.
    pub fn apply(&self, old: &Mood) -> Result<Mood, MoodError> {
        let mut f = MoodFields::from(old);
        if let Some(v) = self.mood {
            f.mood = v;
        }
        if let Some(v) = self.anxiety {
            f.anxiety = v;
        }
        if let Some(v) = self.energy {
            f.energy = v;
        }
        if let Some(v) = self.sleep {
            f.sleep = v;
        }
        if let Some(v) = &self.note {
            f.note = v.clone();
        }
        if let Some(v) = &self.tags {
            f.tags = v.clone();
        }
        Mood::try_from(f)
    }
}

impl Mood {
    pub fn new(mood: u8) -> Result<Self, MoodError> {
        Ok(Self {
            mood: scale("mood", mood)?,
            anxiety: None,
            energy: None,
            sleep: None,
            note: None,
            tags: Vec::new(),
        })
    }

    pub fn with_anxiety(mut self, anxiety: Option<u8>) -> Result<Self, MoodError> {
        self.anxiety = anxiety.map(|v| scale("anxiety", v)).transpose()?;
        Ok(self)
    }

    pub fn with_energy(mut self, energy: Option<u8>) -> Result<Self, MoodError> {
        self.energy = energy.map(|v| scale("energy", v)).transpose()?;
        Ok(self)
    }

    pub fn with_sleep(mut self, sleep: Option<SleepHours>) -> Self {
        self.sleep = sleep;
        self
    }

    pub fn with_note(mut self, text: Option<&str>) -> Result<Self, MoodError> {
        self.note = match text {
            Some(t) => note(t)?,
            None => None,
        };
        Ok(self)
    }

    pub fn with_tags<S: AsRef<str>>(mut self, tags: &[S]) -> Result<Self, MoodError> {
        let mut out: Vec<String> = Vec::new();
        for t in tags {
            let t = tag(t.as_ref())?;
            if !out.contains(&t) {
                out.push(t);
            }
        }
        if out.len() > TAGS_MAX {
            return Err(MoodError::TooManyTags);
        }
        self.tags = out;
        Ok(self)
    }

    pub fn mood(&self) -> u8 {
        self.mood
    }
    pub fn anxiety(&self) -> Option<u8> {
        self.anxiety
    }
    pub fn energy(&self) -> Option<u8> {
        self.energy
    }
    pub fn sleep(&self) -> Option<SleepHours> {
        self.sleep
    }
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The same entry without its free-text note (for `--no-notes` exports).
    pub fn without_note(&self) -> Self {
        Self { note: None, ..self.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_accept_0_to_10_only() {
        assert!(Mood::new(0).is_ok());
        assert!(Mood::new(10).is_ok());
        assert!(matches!(Mood::new(11), Err(MoodError::ScaleOutOfRange { field: "mood", .. })));
        let m = Mood::new(5).unwrap();
        assert!(m.clone().with_anxiety(Some(11)).is_err());
        assert!(m.clone().with_energy(Some(10)).is_ok());
    }

    #[test]
    fn optional_fields_stay_absent() {
        let m = Mood::new(4).unwrap();
        assert_eq!(m.anxiety(), None);
        assert_eq!(m.energy(), None);
        assert_eq!(m.sleep(), None);
        assert_eq!(m.note(), None);
        let json = serde_json::to_value(&m).unwrap();
        assert!(json["anxiety"].is_null());
        assert!(json["sleep"].is_null());
    }

    #[test]
    fn deserializing_checks_the_values() {
        let m: Mood = serde_json::from_str(
            r#"{"mood":4,"anxiety":null,"energy":2,"sleep":7.5,"note":null,"tags":["walk"]}"#,
        )
        .unwrap();
        assert_eq!((m.mood(), m.energy(), m.sleep().map(SleepHours::half_hours)), (4, Some(2), Some(15)));
        for bad in [
            r#"{"mood":11}"#,
            r#"{"mood":4,"anxiety":12}"#,
            r#"{"mood":4,"sleep":7.25}"#,
            r#"{"mood":4,"sleep":-1}"#,
            r#"{"mood":4,"tags":["two words"]}"#,
        ] {
            assert!(serde_json::from_str::<Mood>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sleep_in_half_hours() {
        assert_eq!("7.5".parse::<SleepHours>().unwrap().half_hours(), 15);
        assert_eq!("0".parse::<SleepHours>().unwrap().half_hours(), 0);
        assert_eq!("24".parse::<SleepHours>().unwrap().half_hours(), 48);
        for bad in ["25", "-1", "7.25", "NaN", "inf", "seven", ""] {
            assert!(bad.parse::<SleepHours>().is_err(), "{bad}");
        }
        assert_eq!(SleepHours::from_half_hours(15).unwrap().to_string(), "7.5");
        assert_eq!(SleepHours::from_half_hours(16).unwrap().to_string(), "8");
        assert!(SleepHours::from_half_hours(49).is_err());
    }

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let m = Mood::try_from(MoodFields {
            mood: 4,
            anxiety: Some(6),
            sleep: Some(SleepHours::from_half_hours(15).unwrap()),
            note: Some("walk".into()),
            ..MoodFields::default()
        })
        .unwrap();
        let p = MoodPatch { mood: Some(7), anxiety: Some(None), ..MoodPatch::default() };
        let fixed = p.apply(&m).unwrap();
        assert_eq!((fixed.mood(), fixed.anxiety(), fixed.note()), (7, None, Some("walk")));
        assert_eq!(fixed.sleep(), m.sleep());
        assert!(MoodPatch::default().is_empty() && !p.is_empty());
        assert!(MoodPatch { energy: Some(Some(11)), ..MoodPatch::default() }.apply(&m).is_err());
    }

    #[test]
    fn huge_values_are_quoted_short() {
        let e = SleepHours::from_hours(1e308).unwrap_err().to_string();
        assert!(e.len() < 120, "{e}");
    }

    #[test]
    fn notes_and_tags() {
        assert_eq!(note("   \n").unwrap(), None);
        assert!(note(&"x".repeat(4000)).unwrap().is_some());
        assert_eq!(note(&"é".repeat(4001)), Err(MoodError::NoteTooLong(4001)));
        assert_eq!(tag(" Meditation ").unwrap(), "meditation");
        assert!(tag("integration-practice").is_ok());
        assert!(tag("two words").is_err());
        assert!(tag("").is_err());
        let m = Mood::new(5).unwrap().with_tags(&["a", "A", "b"]).unwrap();
        assert_eq!(m.tags(), ["a", "b"]);
        let many: Vec<String> = (0..17).map(|i| format!("t{i}")).collect();
        assert_eq!(Mood::new(5).unwrap().with_tags(&many), Err(MoodError::TooManyTags));
    }
}
