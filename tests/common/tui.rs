//! What the TUI tests share: a fixed clock, the demo record, key events,
//! rendering to a `TestBackend`, and a small record on a real encrypted
//! database in a temp folder.
#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use followup::demo::Demo;
use followup::instrument::{Mood, Phq9};
use followup::journal::{Journal, Profile};
use followup::record::{Change, Entry, EntryData, Record, Version, Versioned};
use followup::share::{Export, Filters};
use followup::store::Store;
use followup::tui::app::App;
use followup::tui::runtime::Session;
use followup::tui::view;
use followup::window::Window;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use secrecy::SecretString;

pub const PASS: &str = "snapshot passphrase";

/// The fixed clock of every TUI test: 2026-11-22 20:00 +01:00.
pub fn clock() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 11, 22, 20, 0, 0).unwrap()
}

pub fn today() -> NaiveDate {
    clock().date_naive()
}

pub fn demo() -> Journal {
    Demo::six_months("DEMO-01", today(), 2026).journal()
}

/// The demo record as a therapist sees it in an export made today.
pub fn demo_export(filters: Filters) -> Export {
    Export::new(&demo(), filters, clock())
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    terminal
}

pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    render(app, width, height).backend().to_string()
}

/// The rendered lines without the quotes `TestBackend` puts around them.
pub fn rows(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(|l| l.trim_matches('"'))
}

/// Keys that only navigate: no effect may come of them.
pub fn press(app: &mut App, keys: &[KeyEvent]) {
    for k in keys {
        let effects = app.key(*k);
        assert!(effects.is_empty(), "navigation only: {effects:?}");
    }
}

pub fn type_text(session: &mut Session, text: &str) {
    for c in text.chars() {
        session.key(ch(c));
    }
}

fn at(d: NaiveDate) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600).unwrap().from_local_datetime(&d.and_hms_opt(20, 0, 0).unwrap()).unwrap()
}

/// An entry with one version, recorded on its day.
pub fn original(id: i64, day: NaiveDate, record: Record) -> Entry {
    Versioned {
        id,
        versions: vec![Version {
            number: 1,
            change: Change::Original,
            recorded_at: at(day),
            reason: None,
            data: EntryData { day, record },
        }],
    }
}

/// A fresh encrypted database with a short, known record: dosing six days
/// ago; mood on days 0, 1, 3 and 4 (day 2 missing), PHQ-9 on days 0 and 4.
pub fn small_store(dir: &std::path::Path) -> Journal {
    let w = Window::new(today() - chrono::Days::new(6), 182, 1).unwrap();
    let mut profile = Profile::new("TRD-014".into(), w, Some("Dr. Rivera, 555-0100".into()));
    profile.crisis_lines = vec!["Test line: 000".into()];
    let mut entries = Vec::new();
    for (i, (n, mood)) in [(0, 3), (1, 0), (3, 6), (4, 7)].into_iter().enumerate() {
        entries.push(original(i as i64 + 1, w.date_of(n), Record::Mood(Mood::new(mood).unwrap())));
    }
    for (id, n, answers) in [(5, 0, [2u8, 2, 2, 2, 2, 2, 2, 2, 0]), (6, 4, [1, 1, 1, 1, 1, 1, 1, 0, 0])] {
        entries.push(original(id, w.date_of(n), Record::Phq9(Phq9::answered(answers, Some(1)).unwrap())));
    }
    let journal = Journal { profile, entries, events: vec![] };
    drop(Store::create_from_journal(dir, &SecretString::from(PASS.to_string()), &journal, clock()).unwrap());
    journal
}

/// A session on the small store, unlocked.
pub fn unlocked(dir: &std::path::Path) -> Session {
    let store = Store::open(dir, &SecretString::from(PASS.to_string())).unwrap();
    Session::unlocked(store, dir.to_path_buf(), clock).unwrap()
}

pub fn open_store(dir: &std::path::Path) -> Store {
    Store::open(dir, &SecretString::from(PASS.to_string())).unwrap()
}
