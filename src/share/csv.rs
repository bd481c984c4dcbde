//! CSV (RFC 4180) with a header row: one row per current entry, ISO dates,
//! missing values as empty cells, never 0. Columns are documented in the
//! README and listed in [`COLUMNS`].

use super::native::Export;
use crate::record::Record;

pub const COLUMNS: [&str; 26] = [
    "participant",
    "entry_id",
    "instrument",
    "date",
    "day",
    "recorded_at",
    "late",
    "version",
    "a1",
    "a2",
    "a3",
    "a4",
    "a5",
    "a6",
    "a7",
    "a8",
    "a9",
    "difficulty",
    "total",
    "prorated",
    "severity",
    "safety",
    "mood",
    "anxiety",
    "energy",
    "sleep",
];

/// Columns after [`COLUMNS`]: `note`, `tags`.
pub const TRAILING: [&str; 2] = ["note", "tags"];

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

pub fn write(export: &Export) -> Result<Vec<u8>, csv::Error> {
    let journal = &export.journal;
    let window = journal.window();
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(COLUMNS.iter().chain(TRAILING.iter()))?;
    let mut entries: Vec<_> = journal.current_entries().collect();
    entries.sort_by_key(|e| (e.day(), e.instrument(), e.id));
    for e in entries {
        let mut row: Vec<String> = vec![
            journal.profile.participant.clone(),
            e.id.to_string(),
            e.instrument().key().to_string(),
            e.day().to_string(),
            window.day_of(e.day()).to_string(),
            e.first().recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            e.is_late().to_string(),
            e.current().number.to_string(),
        ];
        match e.record() {
            Record::Phq9(p) => {
                row.extend(p.answers().iter().map(|a| opt(*a)));
                row.push(opt(p.difficulty()));
                row.push(opt(p.total()));
                row.push(p.score().is_some_and(|s| s.prorated).to_string());
                row.push(opt(p.severity().map(|s| s.key())));
                row.push(e.ever_safety_signal().to_string());
                row.extend(std::iter::repeat_n(String::new(), 4 + TRAILING.len()));
            }
            Record::Mood(m) => {
                row.extend(std::iter::repeat_n(String::new(), 9 + 4));
                row.push("false".into());
                row.push(m.mood().to_string());
                row.push(opt(m.anxiety()));
                row.push(opt(m.energy()));
                row.push(opt(m.sleep().map(|s| s.hours())));
                row.push(m.note().unwrap_or_default().to_string());
                row.push(m.tags().join(" "));
            }
        }
        w.write_record(&row)?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
