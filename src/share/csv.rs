//! CSV (RFC 4180, CRLF) with a header row: one row per current entry, and
//! one for each retracted entry that ever had a safety signal (marked
//! retracted: a safety flag travels in every format), ISO dates, missing
//! values as empty cells, never 0. The columns are the fields
//! of [`Row`], documented in the README.
//!
//! Free text (notes, tags) goes through [`crate::text::csv_cell`]: a cell
//! that would start with `=`, `+`, `-`, `@`, a tab or a carriage return gets
//! a leading `'`, so a spreadsheet never runs it as a formula.

use super::native::Export;
use crate::record::{Entry, Record};
use crate::text::csv_cell;
use crate::window::Window;
use chrono::NaiveDate;
use serde::Serialize;
use std::borrow::Cow;

/// One row; serde writes the header from the field names, in this order.
#[derive(Debug, Default, Serialize)]
pub struct Row<'a> {
    pub participant: Cow<'a, str>,
    pub entry_id: i64,
    pub instrument: &'static str,
    pub date: Option<NaiveDate>,
    pub day: i64,
    pub recorded_at: String,
    pub late: bool,
    pub version: u32,
    pub retracted: bool,
    pub a1: Option<u8>,
    pub a2: Option<u8>,
    pub a3: Option<u8>,
    pub a4: Option<u8>,
    pub a5: Option<u8>,
    pub a6: Option<u8>,
    pub a7: Option<u8>,
    pub a8: Option<u8>,
    pub a9: Option<u8>,
    pub difficulty: Option<u8>,
    pub total: Option<u8>,
    pub prorated: Option<bool>,
    pub severity: Option<&'static str>,
    pub safety: bool,
    pub mood: Option<u8>,
    pub anxiety: Option<u8>,
    pub energy: Option<u8>,
    pub sleep: Option<f64>,
    pub note: Cow<'a, str>,
    pub tags: Cow<'a, str>,
}

impl<'a> Row<'a> {
    fn new(participant: &'a str, e: &'a Entry, window: &Window) -> Self {
        let mut row = Row {
            participant: csv_cell(participant),
            entry_id: e.id,
            instrument: e.instrument().key(),
            date: Some(e.day()),
            day: window.day_of(e.day()),
            recorded_at: e.first().recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            late: e.is_late(),
            version: e.current().number,
            retracted: e.is_retracted(),
            safety: e.ever_safety_signal(),
            ..Row::default()
        };
        match e.record() {
            Record::Phq9(p) => {
                let a = p.answers();
                (row.a1, row.a2, row.a3, row.a4, row.a5, row.a6, row.a7, row.a8, row.a9) =
                    (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
                row.difficulty = p.difficulty();
                row.total = p.total();
                row.prorated = Some(p.score().is_some_and(|s| s.prorated));
                row.severity = p.severity().map(|s| s.key());
            }
            Record::Gad7(g) => {
                // the same columns: a1 to a7, the total and the band
                let a = g.answers();
                (row.a1, row.a2, row.a3, row.a4, row.a5, row.a6, row.a7) =
                    (a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
                row.total = g.total();
                row.severity = g.band().map(|b| b.key);
            }
            Record::Mood(m) => {
                row.mood = Some(m.mood());
                row.anxiety = m.anxiety();
                row.energy = m.energy();
                row.sleep = m.sleep().map(|s| s.hours());
                row.note = m.note().map_or(Cow::Borrowed(""), csv_cell);
                row.tags = Cow::Owned(csv_cell(&m.tags().join(" ")).into_owned());
            }
        }
        row
    }
}

pub fn write(export: &Export) -> Result<Vec<u8>, csv::Error> {
    let journal = &export.journal;
    let window = journal.window();
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let mut entries: Vec<_> =
        journal.entries.iter().filter(|e| !e.is_retracted() || e.ever_safety_signal()).collect();
    entries.sort_by_key(|e| (e.day(), e.instrument(), e.id));
    if entries.is_empty() {
        // the header alone, so an empty export still names its columns
        w.serialize(Row::default())?;
        let mut bytes = w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
        let header_end = bytes.windows(2).position(|x| x == b"\r\n").map_or(bytes.len(), |i| i + 2);
        bytes.truncate(header_end);
        return Ok(bytes);
    }
    for e in entries {
        w.serialize(Row::new(&journal.profile.participant, e, window))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
