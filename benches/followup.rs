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
//!    - `caseload`: 200 sealed exports opened, decrypted, parsed and
//!      summarised (`review::expand` + `review::load` + `review::caseload`).
//! 2. a summary that measures every targeted ratio in the same run (the two
//!    sides interleaved, medians) and prints it as a table with PASS/FAIL.
//!
//! Environment:
//! - `FOLLOWUP_BENCH_SUMMARY=only` runs the summary alone, `=0` skips it.
//!   It runs only under `cargo bench` (not in `cargo test --benches`).
//! - `FOLLOWUP_BENCH_FIXTURE="db DIR YEARS"` or `"exports DIR COUNT"` makes
//!   a fixture for `scripts/bench-*.sh` and exits (see `make_fixture`).

use chrono::{Days, FixedOffset, NaiveDate, TimeZone};
use criterion::{Criterion, SamplingMode};
use followup::demo::Demo;
use followup::journal::Journal;
use followup::overview::Overview;
use followup::review;
use followup::share::{Export, ExportFormat, Filters, Seal, seal};
use followup::store::{Store, db_path};
use followup::tui::app::{App, Zoom};
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

fn time<T>(f: impl FnOnce() -> T) -> f64 {
    let t = Instant::now();
    black_box(f());
    t.elapsed().as_secs_f64()
}

/// `a` and `b` interleaved `rounds` times; the medians of each.
fn paired(rounds: usize, mut a: impl FnMut() -> f64, mut b: impl FnMut() -> f64) -> (f64, f64) {
    a();
    b();
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        ta.push(a());
        tb.push(b());
    }
    (median(ta), median(tb))
}

struct Row {
    what: String,
    measured: String,
    ratio: f64,
    target: f64,
}

fn ms(s: f64) -> String {
    if s < 0.001 { format!("{:.1} µs", s * 1e6) } else { format!("{:.2} ms", s * 1e3) }
}

fn summary(fx: &Fixtures) {
    let p = pass();
    let mut rows = Vec::new();

    // 1. Unlock vs the floor
    for (name, dir) in [("6 months", &fx.db6m), ("10 years", &fx.db10y)] {
        let (floor, full) =
            paired(15, || time(|| floor_open(dir, &p)), || time(|| unlock_first_frame(dir, &p, fx.today)));
        rows.push(Row {
            what: format!("unlock + first 80x24 frame / rusqlite open+key+SELECT ({name})"),
            measured: format!("{} / {}", ms(full), ms(floor)),
            ratio: full / floor,
            target: 1.15,
        });
    }

    // in-process share of the growth (the process-level figure is in scripts/bench-process.sh)
    let s6 = Store::open(&fx.db6m, &p).expect("open");
    let s10 = Store::open(&fx.db10y, &p).expect("open");
    let (l6, l10) = paired(30, || time(|| load(&s6, fx.today)), || time(|| load(&s10, fx.today)));
    rows.push(Row {
        what: "load: journal() + Overview, 10 years / 6 months (info; store open)".into(),
        measured: format!("{} / {}", ms(l10), ms(l6)),
        ratio: l10 / l6,
        target: f64::NAN,
    });
    drop((s6, s10));

    // 3. Dashboard frames: time per frame against 1 ms
    for (data, journal) in [("182 days", &fx.j6m), ("10 years", &fx.j10y)] {
        for (w, h) in [(80u16, 24u16), (160, 48)] {
            for (zname, zoom) in [("last 30 days", Zoom::Days30), ("whole window", Zoom::Window)] {
                let (app, mut terminal) = dashboard(journal, fx.today, zoom, w, h);
                draw(&app, &mut terminal);
                let per = (0..50)
                    .map(|_| {
                        let t = Instant::now();
                        for _ in 0..20 {
                            draw(&app, &mut terminal);
                        }
                        t.elapsed().as_secs_f64() / 20.0
                    })
                    .collect();
                let per = median(per);
                rows.push(Row {
                    what: format!("dashboard frame, {data}, {w}x{h}, {zname} / 1 ms"),
                    measured: ms(per),
                    ratio: per / 0.001,
                    target: 1.0,
                });
            }
        }
    }

    // 4. Caseload against 0.5 s
    caseload(&fx.exports, &fx.identity);
    let t = median((0..5).map(|_| time(|| caseload(&fx.exports, &fx.identity))).collect());
    rows.push(Row {
        what: format!("caseload: {CASELOAD_FILES} sealed exports opened+decrypted+parsed+summarised / 0.5 s"),
        measured: ms(t),
        ratio: t / 0.5,
        target: 1.0,
    });

    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!();
    println!("followup benchmark summary (in-process; {cpus} CPU(s) available to this process)");
    println!("{:<86} {:>22} {:>7} {:>7}  result", "measure", "time", "ratio", "target");
    for r in &rows {
        let (target, verdict) = if r.target.is_nan() {
            ("-".to_string(), "info")
        } else if r.ratio <= r.target {
            (format!("≤{:.2}", r.target), "PASS")
        } else {
            (format!("≤{:.2}", r.target), "FAIL")
        };
        println!("{:<86} {:>22} {:>6.3}x {:>7}  {verdict}", r.what, r.measured, r.ratio, target);
    }
    println!();
}

// ---------------------------------------------------------------------------
// Fixtures for the process-level scripts

/// `FOLLOWUP_BENCH_FIXTURE="db DIR YEARS"`: a database in DIR with YEARS of
/// daily data (0: six months, day 150 of 182) up to yesterday, so that
/// today is free for `followup log mood`, keyed with `FOLLOWUP_PASSPHRASE`
/// (or the bench passphrase). The window is set to end on today.
/// `FOLLOWUP_BENCH_FIXTURE="exports DIR COUNT"`: COUNT sealed exports and
/// `DIR/identity.txt`.
fn make_fixture(spec: &str) {
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
        _ => {
            eprintln!("FOLLOWUP_BENCH_FIXTURE must be \"db DIR YEARS\" or \"exports DIR COUNT\"");
            std::process::exit(2);
        }
    }
}

fn main() {
    if let Ok(spec) = std::env::var("FOLLOWUP_BENCH_FIXTURE") {
        make_fixture(&spec);
        return;
    }
    let under_cargo_bench = std::env::args().any(|a| a == "--bench");
    let mode = std::env::var("FOLLOWUP_BENCH_SUMMARY").unwrap_or_default();
    if mode == "probe" {
        probe(&fixtures());
        return;
    }
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

#[allow(dead_code)]
fn probe(fx: &Fixtures) {
    for j in [&fx.j6m, &fx.j10y] {
        let (from, to) = Zoom::Window.range(j, fx.today);
        let d = median((0..200).map(|_| time(|| followup::overview::daily(j, from, to).len())).collect());
        let s = median((0..200).map(|_| time(|| followup::overview::safety_days(j).len())).collect());
        let (from, to) = Zoom::Days30.range(j, fx.today);
        let d30 = median((0..200).map(|_| time(|| followup::overview::daily(j, from, to).len())).collect());
        println!("daily(window) {} safety_days {} daily(30d) {}", ms(d), ms(s), ms(d30));
    }
    let p = pass();
    for (name, dir) in [("6m", &fx.db6m), ("10y", &fx.db10y), ("6m", &fx.db6m), ("10y", &fx.db10y)] {
        let f: Vec<f64> = (0..8).map(|_| time(|| floor_open(dir, &p))).collect();
        let mut so = vec![];
        let mut jl = vec![];
        let mut ap = vec![];
        let mut dr = vec![];
        for _ in 0..8 {
            let t = Instant::now();
            let store = Store::open(dir, &p).unwrap();
            so.push(t.elapsed().as_secs_f64());
            let t = Instant::now();
            let j = store.journal().unwrap();
            jl.push(t.elapsed().as_secs_f64());
            let t = Instant::now();
            let app = App::with_journal(fx.today, j);
            ap.push(t.elapsed().as_secs_f64());
            let t = Instant::now();
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            draw(&app, &mut terminal);
            dr.push(t.elapsed().as_secs_f64());
        }
        let size = std::fs::metadata(db_path(dir)).unwrap().len();
        println!(
            "{name} ({size} B): floor {} open {} journal {} app {} draw {}",
            ms(median(f)),
            ms(median(so)),
            ms(median(jl)),
            ms(median(ap)),
            ms(median(dr))
        );
    }
}
