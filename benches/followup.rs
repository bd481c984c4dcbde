//! followup's in-process benchmarks (issue 6, "Performance"; the caseload
//! timing of issue 5). `BENCHMARKS.md` says how to run them and what they
//! found.
//!
//! `cargo bench --bench followup` runs, in this order:
//!
//! 1. criterion groups, for the distributions:
//!    - `unlock`: the physical floor (rusqlite + SQLCipher key + one SELECT)
//!      and followup's unlock (`Store::open` + `journal()` +
//!      `App::with_journal` + first 80×24 dashboard frame), 6 months and
//!      10 years of daily data;
//!    - `load`: the part of the unlock that grows with the data
//!      (`journal()` + `Overview::new`, the store already open);
//!    - `frame`: one dashboard draw on a `TestBackend`, 182 days and 10 years,
//!      80×24 and 160×48, default zoom (last 30 days) and "whole window";
//!      and the trend charts at 160×48 on the whole window (for information);
//!    - `caseload`: 200 sealed exports opened, decrypted, parsed and
//!      summarised (`review::expand` + `review::load` + `review::caseload`).
//! 2. a summary that measures every targeted ratio in the same run (the two
//!    sides interleaved, medians) and prints it as a table with PASS/FAIL.
//!
//! Environment:
//! - `FOLLOWUP_BENCH_SUMMARY=only` runs the summary alone, `=0` skips it.
//!   It runs only under `cargo bench` (not in `cargo test --benches`).
//! - `FOLLOWUP_BENCH_TOOL=...` makes a fixture for, or times the caseload
//!   in, `scripts/bench-*.sh`, and exits (see `tool`).

use chrono::{Days, FixedOffset, NaiveDate, TimeZone};
use criterion::{Criterion, SamplingMode};
use followup::demo::Demo;
use followup::journal::Journal;
use followup::overview::Overview;
use followup::review;
use followup::share::{Export, ExportFormat, Filters, Seal, seal};
use followup::store::{Store, db_path};
use followup::tui::app::{Action, App, Go, Zoom};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use secrecy::{ExposeSecret, SecretString};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The day the in-process fixtures end on (the README's demo day).
fn bench_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date")
}

const PASSPHRASE: &str = "bench-amber-birch-cobalt-delta";
const CASELOAD_FILES: usize = 200;

fn pass() -> SecretString {
    SecretString::from(PASSPHRASE.to_string())
}

/// Six months (day 150 of 182, plus a 14-day baseline) or `years` of daily data.
fn journal(years: u32, today: NaiveDate) -> Journal {
    if years == 0 {
        Demo::six_months("BENCH-6M", today, 2026).journal()
    } else {
        Demo::years("BENCH-10Y", today, years, 2026).journal()
    }
}

/// A database folder holding `journal`.
fn make_db(dir: &Path, journal: &Journal, passphrase: &SecretString) -> PathBuf {
    drop(Store::create_from_journal(dir, passphrase, journal).expect("create the fixture database"));
    dir.to_path_buf()
}

/// `count` sealed native exports of different participants (demo generator,
/// one seed each) in `dir`, sealed to a fresh X25519 key whose identity file
/// is written to `dir/identity.txt`. Returns the identity file.
fn make_exports(dir: &Path, count: usize, today: NaiveDate) -> PathBuf {
    std::fs::create_dir_all(dir).expect("exports folder");
    let (identity, recipient) = seal::keygen(chrono::Utc::now());
    let id_path = dir.join("identity.txt");
    std::fs::write(&id_path, identity.as_bytes()).expect("write identity");
    let to = Seal::Recipients(vec![seal::recipient(&recipient).expect("recipient")]);
    let created = offset().from_local_datetime(&today.and_hms_opt(18, 0, 0).unwrap()).single().unwrap();
    for i in 0..count {
        let code = format!("P-{:03}", i + 1);
        // spread the participants over their windows: day 30 to day 182
        let end = today - Days::new((i % 150) as u64);
        let j = Demo::six_months(&code, end, 1000 + i as u64).journal();
        let export = Export::new(&j, Filters::default(), created);
        let plaintext = ExportFormat::Native.render(&export);
        let sealed = seal::seal(&plaintext, &to, false, Vec::new()).expect("seal");
        let name = ExportFormat::Native.file_name(&code, today, true);
        std::fs::write(dir.join(name), sealed).expect("write export");
    }
    id_path
}

fn offset() -> FixedOffset {
    FixedOffset::east_opt(3600).expect("valid offset")
}

// ---------------------------------------------------------------------------
// The measured operations

/// The physical floor: open the file, key it, one SELECT.
fn floor_open(dir: &Path, passphrase: &SecretString) -> i64 {
    let conn = rusqlite::Connection::open(db_path(dir)).expect("open");
    conn.pragma_update(None, "key", passphrase.expose_secret()).expect("key");
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).expect("select")
}

/// followup's unlock as the participant sees it: open, load everything,
/// compute the dashboard, draw its first frame.
fn unlock_first_frame(dir: &Path, passphrase: &SecretString, today: NaiveDate) -> usize {
    let store = Store::open(dir, passphrase).expect("Store::open");
    let journal = store.journal().expect("journal");
    let app = App::with_journal(today, journal);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let frame = terminal.draw(|f| followup::tui::view::draw(f, &app)).expect("draw");
    frame.buffer.content.len()
}

/// What grows with the data once the store is open.
fn load(store: &Store, today: NaiveDate) -> usize {
    let journal = store.journal().expect("journal");
    let o = Overview::new(&journal, today);
    journal.entries.len() + o.safety.len()
}

fn dashboard(
    journal: &Journal,
    today: NaiveDate,
    zoom: Zoom,
    w: u16,
    h: u16,
) -> (App, Terminal<TestBackend>) {
    let mut app = App::with_journal(today, journal.clone());
    app.zoom = zoom;
    let terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    (app, terminal)
}

/// The trend charts screen (`t` on the dashboard).
fn trends(journal: &Journal, today: NaiveDate, zoom: Zoom, w: u16, h: u16) -> (App, Terminal<TestBackend>) {
    let (mut app, terminal) = dashboard(journal, today, zoom, w, h);
    app.update(Action::Go(Go::Trends));
    assert_eq!(app.screen().name(), "Trends");
    (app, terminal)
}

/// The history screen (`h` on the dashboard): every day of the record listed.
fn history(journal: &Journal, today: NaiveDate, w: u16, h: u16) -> (App, Terminal<TestBackend>) {
    let (mut app, terminal) = dashboard(journal, today, Zoom::Window, w, h);
    app.update(Action::Go(Go::History));
    assert_eq!(app.screen().name(), "History");
    (app, terminal)
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal.draw(|f| followup::tui::view::draw(f, app)).expect("draw");
}

fn caseload(dir: &Path, identity: &Path) -> usize {
    let ids = review::identities(&[identity.to_path_buf()]).expect("identity");
    let files = review::expand(&[dir.to_path_buf()]);
    let (loaded, failed) = review::load(&files, &ids, &mut || None);
    let c = review::caseload(loaded, failed);
    assert!(c.failed.is_empty(), "every export opens: {:?}", c.failed.first());
    c.rows.len()
}

// ---------------------------------------------------------------------------
// Fixtures shared by the groups and the summary

struct Fixtures {
    _tmp: tempfile::TempDir,
    today: NaiveDate,
    db6m: PathBuf,
    db10y: PathBuf,
    j6m: Journal,
    j10y: Journal,
    exports: PathBuf,
    identity: PathBuf,
}

fn fixtures() -> Fixtures {
    let today = bench_today();
    let tmp = tempfile::Builder::new().prefix("followup-bench-").tempdir().expect("temp dir");
    let j6m = journal(0, today);
    let j10y = journal(10, today);
    let db6m = make_db(&tmp.path().join("6m"), &j6m, &pass());
    let db10y = make_db(&tmp.path().join("10y"), &j10y, &pass());
    let exports = tmp.path().join("exports");
    let identity = make_exports(&exports, CASELOAD_FILES, today);
    Fixtures { today, db6m, db10y, j6m, j10y, exports, identity, _tmp: tmp }
}

// ---------------------------------------------------------------------------
// criterion groups

fn bench_unlock(c: &mut Criterion, fx: &Fixtures) {
    let mut g = c.benchmark_group("unlock");
    // ~0.1–0.3 s per iteration (SQLCipher's 256,000 PBKDF2 rounds)
    g.sampling_mode(SamplingMode::Flat).sample_size(10).warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(4));
    let p = pass();
    g.bench_function("rusqlite_floor_6m", |b| b.iter(|| black_box(floor_open(&fx.db6m, &p))));
    g.bench_function("store_open_first_frame_6m", |b| {
        b.iter(|| black_box(unlock_first_frame(&fx.db6m, &p, fx.today)))
    });
    g.bench_function("rusqlite_floor_10y", |b| b.iter(|| black_box(floor_open(&fx.db10y, &p))));
    g.bench_function("store_open_first_frame_10y", |b| {
        b.iter(|| black_box(unlock_first_frame(&fx.db10y, &p, fx.today)))
    });
    g.finish();
}

fn bench_load(c: &mut Criterion, fx: &Fixtures) {
    let mut g = c.benchmark_group("load");
    g.sample_size(20).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    for (name, dir) in [("6m", &fx.db6m), ("10y", &fx.db10y)] {
        let store = Store::open(dir, &pass()).expect("open");
        g.bench_function(format!("journal_overview_{name}"), |b| {
            b.iter(|| black_box(load(&store, fx.today)))
        });
    }
    g.finish();
}

fn bench_frame(c: &mut Criterion, fx: &Fixtures) {
    let mut g = c.benchmark_group("frame");
    g.sample_size(20).warm_up_time(Duration::from_millis(200)).measurement_time(Duration::from_secs(1));
    for (data, journal) in [("182d", &fx.j6m), ("10y", &fx.j10y)] {
        for (w, h) in [(80u16, 24u16), (160, 48)] {
            for (zname, zoom) in [("30d", Zoom::Days30), ("window", Zoom::Window)] {
                let (app, mut terminal) = dashboard(journal, fx.today, zoom, w, h);
                g.bench_function(format!("dashboard_{data}_{w}x{h}_{zname}"), |b| {
                    b.iter(|| draw(&app, &mut terminal))
                });
            }
        }
        // up to ~8 ms a frame: fewer samples
        g.sample_size(10);
        let (app, mut terminal) = trends(journal, fx.today, Zoom::Window, 160, 48);
        g.bench_function(format!("trends_{data}_160x48_window"), |b| b.iter(|| draw(&app, &mut terminal)));
        let (app, mut terminal) = history(journal, fx.today, 80, 24);
        g.bench_function(format!("history_{data}_80x24"), |b| b.iter(|| draw(&app, &mut terminal)));
        g.sample_size(20);
    }
    g.finish();
}

fn bench_caseload(c: &mut Criterion, fx: &Fixtures) {
    let mut g = c.benchmark_group("caseload");
    g.sampling_mode(SamplingMode::Flat).sample_size(10).warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(5));
    g.bench_function(format!("open_decrypt_parse_summarise_{CASELOAD_FILES}"), |b| {
        b.iter(|| black_box(caseload(&fx.exports, &fx.identity)))
    });
    g.finish();
}

// ---------------------------------------------------------------------------
// The summary: each target as a ratio measured in this run

fn median(mut v: Vec<f64>) -> f64 {
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
fn cpu_seconds() -> Option<f64> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()?.flatten() {
        let text = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
        total += text.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total as f64 / 1e9)
}

/// Wall-clock and CPU seconds of one call.
#[derive(Clone, Copy)]
struct Took {
    wall: f64,
    cpu: Option<f64>,
}

fn time<T>(f: impl FnOnce() -> T) -> Took {
    let c = cpu_seconds();
    let t = Instant::now();
    black_box(f());
    let wall = t.elapsed().as_secs_f64();
    Took { wall, cpu: c.zip(cpu_seconds()).map(|(a, b)| b - a) }
}

/// Medians of wall and CPU time over several calls.
fn medians(v: &[Took]) -> Took {
    let cpu: Option<Vec<f64>> = v.iter().map(|t| t.cpu).collect();
    Took { wall: median(v.iter().map(|t| t.wall).collect()), cpu: cpu.map(median) }
}

/// `a` and `b` interleaved `rounds` times (after one warm-up call each), so
/// that whatever else the machine does falls on both alike.
fn paired(rounds: usize, mut a: impl FnMut() -> Took, mut b: impl FnMut() -> Took) -> (Took, Took) {
    a();
    b();
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        ta.push(a());
        tb.push(b());
    }
    (medians(&ta), medians(&tb))
}

struct Row {
    what: String,
    measured: String,
    /// Against the target's denominator: wall clock, and CPU time.
    ratio: f64,
    cpu_ratio: Option<f64>,
    target: Option<f64>,
}

fn ms(s: f64) -> String {
    if s < 0.001 { format!("{:.1} µs", s * 1e6) } else { format!("{:.2} ms", s * 1e3) }
}

fn ratio_row(what: String, num: Took, den: Took, target: Option<f64>) -> Row {
    Row {
        what,
        measured: format!("{} / {}", ms(num.wall), ms(den.wall)),
        ratio: num.wall / den.wall,
        cpu_ratio: num.cpu.zip(den.cpu).map(|(n, d)| n / d),
        target,
    }
}

fn limit_row(what: String, took: Took, limit: f64) -> Row {
    Row {
        what,
        measured: ms(took.wall),
        ratio: took.wall / limit,
        cpu_ratio: took.cpu.map(|c| c / limit),
        target: Some(1.0),
    }
}

fn summary(fx: &Fixtures) {
    let p = pass();
    let mut rows = Vec::new();

    // 1. Unlock vs the floor (SQLCipher's key derivation)
    for (name, dir) in [("6 months", &fx.db6m), ("10 years", &fx.db10y)] {
        let (floor, full) =
            paired(15, || time(|| floor_open(dir, &p)), || time(|| unlock_first_frame(dir, &p, fx.today)));
        rows.push(ratio_row(
            format!("unlock + first 80x24 frame / rusqlite open+key+SELECT, {name}"),
            full,
            floor,
            Some(1.15),
        ));
    }

    // The in-process share of the growth (whole processes: scripts/bench-process.sh)
    let s6 = Store::open(&fx.db6m, &p).expect("open");
    let s10 = Store::open(&fx.db10y, &p).expect("open");
    // (too short for the tick-resolution CPU time)
    let wall = |t: Took| Took { wall: t.wall, cpu: None };
    let (l6, l10) = paired(30, || wall(time(|| load(&s6, fx.today))), || wall(time(|| load(&s10, fx.today))));
    rows.push(ratio_row(
        "journal() + Overview, 10 years / 6 months (store open; info)".into(),
        l10,
        l6,
        None,
    ));
    drop((s6, s10));

    // 3. Dashboard frames against 1 ms (and the trend charts, for information)
    let per_frame = |app: &App, terminal: &mut Terminal<TestBackend>| {
        draw(app, terminal);
        let per: Vec<Took> = (0..30)
            .map(|_| {
                // (CPU time is read at scheduler-tick resolution: too coarse here)
                let t = time(|| (0..10).for_each(|_| draw(app, terminal)));
                Took { wall: t.wall / 10.0, cpu: None }
            })
            .collect();
        medians(&per)
    };
    for (data, journal) in [("182 days", &fx.j6m), ("10 years", &fx.j10y)] {
        for (w, h) in [(80u16, 24u16), (160, 48)] {
            for (zname, zoom) in [("last 30 days", Zoom::Days30), ("whole window", Zoom::Window)] {
                let (app, mut terminal) = dashboard(journal, fx.today, zoom, w, h);
                let took = per_frame(&app, &mut terminal);
                rows.push(limit_row(
                    format!("dashboard frame, {data}, {w}x{h}, {zname} / 1 ms"),
                    took,
                    0.001,
                ));
            }
        }
    }
    for (data, journal) in [("182 days", &fx.j6m), ("10 years", &fx.j10y)] {
        let (app, mut terminal) = trends(journal, fx.today, Zoom::Window, 160, 48);
        let took = per_frame(&app, &mut terminal);
        let mut row =
            limit_row(format!("trend charts frame, {data}, 160x48, whole window / 1 ms (info)"), took, 0.001);
        row.target = None;
        rows.push(row);
    }

    // 4. Caseload against 0.5 s
    caseload(&fx.exports, &fx.identity);
    let runs: Vec<Took> = (0..5).map(|_| time(|| caseload(&fx.exports, &fx.identity))).collect();
    rows.push(limit_row(
        format!("caseload: {CASELOAD_FILES} sealed exports opened, decrypted, parsed, summarised / 0.5 s"),
        medians(&runs),
        0.5,
    ));

    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    println!();
    println!(
        "followup benchmark summary (in-process; {cpus} CPU(s) usable; load average {})",
        load.join(" ")
    );
    println!(
        "ratio: wall-clock medians; cpu: the same from CPU time (less sensitive to other load); result from wall clock"
    );
    println!("{:<82} {:>22} {:>8} {:>8} {:>7}  result", "measure", "time", "ratio", "cpu", "target");
    for r in &rows {
        let cpu = r.cpu_ratio.map_or("n/a".to_string(), |c| format!("{c:.3}x"));
        let (target, verdict) = match r.target {
            None => ("-".to_string(), "info"),
            Some(t) => (format!("<={t:.2}"), if r.ratio <= t { "PASS" } else { "FAIL" }),
        };
        println!("{:<82} {:>22} {:>7.3}x {cpu:>8} {target:>7}  {verdict}", r.what, r.measured, r.ratio);
    }
    println!();
}

// ---------------------------------------------------------------------------
// Tools for the process-level scripts

/// `FOLLOWUP_BENCH_TOOL` (run the bench binary with it set, e.g. through
/// `cargo bench --bench followup`), one of:
/// - `"db DIR YEARS"`: a database in DIR with YEARS of daily data (0: six
///   months; today is day 150 of 182, or with YEARS the window's last day),
///   entries up to yesterday, so that today is free for `followup log mood`.
///   Keyed with `FOLLOWUP_PASSPHRASE` (or the bench passphrase).
/// - `"exports DIR COUNT"`: COUNT sealed exports and `DIR/identity.txt`.
/// - `"caseload DIR RUNS"`: open the exports in DIR RUNS times (load +
///   caseload, as `followup review DIR` does before its first frame) and
///   print each time; run it under `taskset -c 0` for one core.
fn tool(spec: &str) {
    let words: Vec<&str> = spec.split_whitespace().collect();
    let today = chrono::Local::now().date_naive();
    match words.as_slice() {
        ["db", dir, years] => {
            let years: u32 = years.parse().expect("YEARS is a number");
            let mut demo = if years == 0 {
                Demo::six_months("BENCH-6M", today, 2026)
            } else {
                Demo::years("BENCH-10Y", today, years, 2026)
            };
            demo.today = today - Days::new(1);
            let j = demo.journal();
            let p = std::env::var("FOLLOWUP_PASSPHRASE").map_or_else(|_| pass(), SecretString::from);
            make_db(Path::new(dir), &j, &p);
            println!("{dir}: {} entries, {} to {}", j.entries.len(), j.entries[0].day(), demo.today);
        }
        ["exports", dir, count] => {
            let id = make_exports(Path::new(dir), count.parse().expect("COUNT is a number"), today);
            println!("{dir}: {count} sealed exports; identity {}", id.display());
        }
        ["caseload", dir, runs] => {
            let dir = Path::new(dir);
            let identity = dir.join("identity.txt");
            for _ in 0..runs.parse::<usize>().expect("RUNS is a number") {
                let t = time(|| caseload(dir, &identity));
                let cpu = t.cpu.map_or("n/a".into(), |c| format!("{:.1}", c * 1e3));
                println!("caseload_ms {:.1} cpu_ms {cpu}", t.wall * 1e3);
            }
        }
        _ => {
            eprintln!(
                "FOLLOWUP_BENCH_TOOL must be \"db DIR YEARS\", \"exports DIR COUNT\" or \"caseload DIR RUNS\""
            );
            std::process::exit(2);
        }
    }
}

fn main() {
    if let Ok(spec) = std::env::var("FOLLOWUP_BENCH_TOOL") {
        tool(&spec);
        return;
    }
    let under_cargo_bench = std::env::args().any(|a| a == "--bench");
    let mode = std::env::var("FOLLOWUP_BENCH_SUMMARY").unwrap_or_default();
    let t = Instant::now();
    let fx = fixtures();
    eprintln!("fixtures ready in {:.1} s", t.elapsed().as_secs_f64());
    if mode != "only" {
        let mut c = Criterion::default().configure_from_args();
        bench_unlock(&mut c, &fx);
        bench_load(&mut c, &fx);
        bench_frame(&mut c, &fx);
        bench_caseload(&mut c, &fx);
        c.final_summary();
    }
    if under_cargo_bench && mode != "0" {
        summary(&fx);
    }
}
