//! What the benchmarks share: fixtures (databases and sealed exports made
//! by the demo generator), the measured operations, and timing helpers.
//! Used by `benches/followup.rs` (criterion), `benches/targets.rs` (the
//! pass/fail table) and `examples/bench_fixture.rs` (fixtures for the
//! process-level scripts).
#![allow(dead_code)]

use chrono::{FixedOffset, NaiveDate, TimeZone};
use followup::demo::Demo;
use followup::journal::Journal;
use followup::overview::{Coverage, Overview};
use followup::review;
use followup::share::{Export, ExportFormat, Filters, Seal, seal};
use followup::store::{Store, db_path};
use followup::tui::app::{Action, App, Go, Zoom};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use secrecy::{ExposeSecret, SecretString};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The day the in-process fixtures end on (the README's demo day).
pub fn bench_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date")
}

pub const PASSPHRASE: &str = "bench-amber-birch-cobalt-delta";
pub const CASELOAD_FILES: usize = 200;

pub fn pass() -> SecretString {
    SecretString::from(PASSPHRASE.to_string())
}

/// Six months (day 150 of 182, plus a 14-day baseline) or `years` of daily data.
pub fn journal(years: u32, today: NaiveDate) -> Journal {
    if years == 0 {
        Demo::six_months("BENCH-6M", today, 2026).journal()
    } else {
        Demo::years("BENCH-10Y", today, years, 2026).journal()
    }
}

/// A database folder holding `journal`.
pub fn make_db(dir: &Path, journal: &Journal, passphrase: &SecretString) -> PathBuf {
    drop(
        Store::create_from_journal(dir, passphrase, journal, chrono::Utc::now().fixed_offset())
            .expect("create the fixture database"),
    );
    dir.to_path_buf()
}

/// `count` sealed native exports of the generated caseload mix
/// (`followup::demo::caseload_mix`: responders who hold and who relapse,
/// non-responders, baselines below 10, every eleventh export partial), in
/// `dir`, sealed to a fresh X25519 key whose identity file is written to
/// `dir/identity.txt`. Returns the identity file.
pub fn make_exports(dir: &Path, count: usize, today: NaiveDate) -> PathBuf {
    std::fs::create_dir_all(dir).expect("exports folder");
    let (identity, recipient) = seal::keygen(chrono::Utc::now());
    let id_path = dir.join("identity.txt");
    std::fs::write(&id_path, identity.as_bytes()).expect("write identity");
    let to = Seal::Recipients(vec![seal::recipient(&recipient).expect("recipient")]);
    let created = offset().from_local_datetime(&today.and_hms_opt(18, 0, 0).unwrap()).single().unwrap();
    for m in followup::demo::caseload_mix(count, today) {
        let filters = Filters { from: m.partial_from, ..Filters::default() };
        let export = Export::new(&m.demo.journal(), filters, created);
        let plaintext = ExportFormat::Native.render(&export);
        let sealed = seal::seal(&plaintext, &to, false, Vec::new()).expect("seal");
        let name = ExportFormat::Native.file_name(&m.demo.participant, today, true);
        std::fs::write(dir.join(name), sealed).expect("write export");
    }
    id_path
}

pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(3600).expect("valid offset")
}

// ---------------------------------------------------------------------------
// The measured operations

/// The physical floor: open the file, key it, one SELECT.
pub fn floor_open(dir: &Path, passphrase: &SecretString) -> i64 {
    let conn = rusqlite::Connection::open(db_path(dir)).expect("open");
    conn.pragma_update(None, "key", passphrase.expose_secret()).expect("key");
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).expect("select")
}

/// followup's unlock as the participant sees it: open, load everything,
/// compute the dashboard, draw its first frame.
pub fn unlock_first_frame(dir: &Path, passphrase: &SecretString, today: NaiveDate) -> usize {
    let store = Store::open(dir, passphrase).expect("Store::open");
    let journal = store.journal().expect("journal");
    let app = App::with_journal(today, journal);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let frame = terminal.draw(|f| followup::tui::view::draw(f, &app)).expect("draw");
    frame.buffer.content.len()
}

/// What grows with the data once the store is open.
pub fn load(store: &Store, today: NaiveDate) -> usize {
    let journal = store.journal().expect("journal");
    let o = Overview::new(&journal, today, &Coverage::all());
    journal.entries.len() + o.safety.len()
}

pub fn dashboard(
    journal: &Journal,
    today: NaiveDate,
    zoom: Zoom,
    w: u16,
    h: u16,
) -> (App, Terminal<TestBackend>) {
    let mut app = App::with_journal(today, journal.clone());
    app.ctx.zoom = zoom;
    let terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    (app, terminal)
}

/// The trend charts screen (`t` on the dashboard).
pub fn trends(
    journal: &Journal,
    today: NaiveDate,
    zoom: Zoom,
    w: u16,
    h: u16,
) -> (App, Terminal<TestBackend>) {
    let (mut app, terminal) = dashboard(journal, today, zoom, w, h);
    app.update(Action::Go(Go::Trends));
    assert_eq!(app.screen().name(), "Trends");
    (app, terminal)
}

/// The Course screen (`w` on the dashboard): weekly PHQ-9, item change,
/// the week-by-item grid and the sessions.
pub fn course(journal: &Journal, today: NaiveDate, w: u16, h: u16) -> (App, Terminal<TestBackend>) {
    let (mut app, terminal) = dashboard(journal, today, Zoom::Days30, w, h);
    app.update(Action::Go(Go::Course));
    assert_eq!(app.screen().name(), "Course");
    (app, terminal)
}

/// The history screen (`h` on the dashboard): every day of the record listed.
pub fn history(journal: &Journal, today: NaiveDate, w: u16, h: u16) -> (App, Terminal<TestBackend>) {
    let (mut app, terminal) = dashboard(journal, today, Zoom::Window, w, h);
    app.update(Action::Go(Go::History));
    assert_eq!(app.screen().name(), "History");
    (app, terminal)
}

pub fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal.draw(|f| followup::tui::view::draw(f, app)).expect("draw");
}

/// `followup review DIR` before its first frame: every export read,
/// decrypted, parsed and summarised (overview and course, on every core),
/// and the cohort figures.
pub fn open_caseload(dir: &Path, identity: &Path) -> review::Caseload {
    let ids = review::identities(&[identity.to_path_buf()]).expect("identity");
    let files = review::expand(&[dir.to_path_buf()]);
    let (loaded, failed) = review::load(&files, &ids, &mut || None);
    let c = review::caseload(loaded, failed);
    assert!(c.failed.is_empty(), "every export opens: {:?}", c.failed.first());
    c
}

pub fn caseload(dir: &Path, identity: &Path) -> usize {
    open_caseload(dir, identity).rows.len()
}

/// The caseload's cohort tab.
pub fn cohort_tab(c: review::Caseload, today: NaiveDate, w: u16, h: u16) -> (App, Terminal<TestBackend>) {
    let mut app = App::caseload(c, today);
    app.key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Tab));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    draw(&app, &mut terminal);
    assert!(terminal.backend().to_string().contains("Cohort"), "the cohort tab");
    (app, terminal)
}

// ---------------------------------------------------------------------------
// Fixtures shared by the groups and the summary

pub struct Fixtures {
    pub _tmp: tempfile::TempDir,
    pub today: NaiveDate,
    pub db6m: PathBuf,
    pub db10y: PathBuf,
    pub j6m: Journal,
    pub j10y: Journal,
    pub exports: PathBuf,
    pub identity: PathBuf,
    /// The same mix, 1,000 exports, and their identity.
    pub exports_1000: PathBuf,
    pub identity_1000: PathBuf,
}

pub fn fixtures() -> Fixtures {
    let today = bench_today();
    let tmp = tempfile::Builder::new().prefix("followup-bench-").tempdir().expect("temp dir");
    let j6m = journal(0, today);
    let j10y = journal(10, today);
    let db6m = make_db(&tmp.path().join("6m"), &j6m, &pass());
    let db10y = make_db(&tmp.path().join("10y"), &j10y, &pass());
    let exports = tmp.path().join("exports");
    let identity = make_exports(&exports, CASELOAD_FILES, today);
    let exports_1000 = tmp.path().join("exports-1000");
    let identity_1000 = make_exports(&exports_1000, 1000, today);
    Fixtures { today, db6m, db10y, j6m, j10y, exports, identity, exports_1000, identity_1000, _tmp: tmp }
}

// ---------------------------------------------------------------------------
// Timing

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

/// CPU time of this process so far, in seconds (the sum of its threads'
/// run time from `/proc/self/task/*/schedstat`), or `None` where the kernel
/// does not report it. Unlike wall-clock time it does not count the time
/// other processes on the machine take. A running thread's figure advances
/// at scheduler ticks (about 4 ms), so it is used only for the long
/// operations (unlock, caseload).
pub fn cpu_seconds() -> Option<f64> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()?.flatten() {
        let text = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
        total += text.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total as f64 / 1e9)
}

/// Wall-clock and CPU seconds of one call.
#[derive(Clone, Copy)]
pub struct Took {
    pub wall: f64,
    pub cpu: Option<f64>,
}

pub fn time<T>(f: impl FnOnce() -> T) -> Took {
    let c = cpu_seconds();
    let t = Instant::now();
    black_box(f());
    let wall = t.elapsed().as_secs_f64();
    Took { wall, cpu: c.zip(cpu_seconds()).map(|(a, b)| b - a) }
}

/// Medians of wall and CPU time over several calls.
pub fn medians(v: &[Took]) -> Took {
    let cpu: Option<Vec<f64>> = v.iter().map(|t| t.cpu).collect();
    Took { wall: median(v.iter().map(|t| t.wall).collect()), cpu: cpu.map(median) }
}

/// `a` and `b` interleaved `rounds` times (after one warm-up call each), so
/// that whatever else the machine does falls on both alike.
pub fn paired(rounds: usize, mut a: impl FnMut() -> Took, mut b: impl FnMut() -> Took) -> (Took, Took) {
    a();
    b();
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        ta.push(a());
        tb.push(b());
    }
    (medians(&ta), medians(&tb))
}
