//! The targets, measured (`cargo bench --bench targets`): each target of
//! BENCHMARKS.md as a ratio measured in one run (the two sides interleaved,
//! medians), printed as a table with PASS/FAIL. Under `cargo test` (which
//! builds benches without `--bench`) it does nothing.

mod support;

use followup::course::Course;
use followup::store::Store;
use followup::tui::app::{App, Zoom};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Instant;
use support::*;

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
    for (name, dir, target) in [("6 months", &fx.db6m, 1.05), ("10 years", &fx.db10y, 1.15)] {
        let (floor, full) =
            paired(15, || time(|| floor_open(dir, &p)), || time(|| unlock_first_frame(dir, &p, fx.today)));
        rows.push(ratio_row(
            format!("unlock + first 80x24 frame / rusqlite open+key+SELECT, {name}"),
            full,
            floor,
            Some(target),
        ));
    }

    // 2. The course of response from a journal
    for (data, journal, limit) in [("182 days", &fx.j6m, 0.0002), ("10 years", &fx.j10y, 0.002)] {
        Course::new(journal, fx.today);
        let per: Vec<Took> = (0..30)
            .map(|_| {
                let t =
                    time(|| (0..10).for_each(|_| drop(std::hint::black_box(Course::new(journal, fx.today)))));
                Took { wall: t.wall / 10.0, cpu: None }
            })
            .collect();
        rows.push(limit_row(format!("Course::new, {data} / {}", ms(limit)), medians(&per), limit));
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
        let (app, mut terminal) = course(journal, fx.today, 160, 48);
        let took = per_frame(&app, &mut terminal);
        rows.push(limit_row(format!("Course screen frame, {data}, 160x48 / 1 ms"), took, 0.001));
    }
    for (data, journal) in [("182 days", &fx.j6m), ("10 years", &fx.j10y)] {
        let (app, mut terminal) = trends(journal, fx.today, Zoom::Window, 160, 48);
        let took = per_frame(&app, &mut terminal);
        let mut row =
            limit_row(format!("trend charts frame, {data}, 160x48, whole window / 1 ms (info)"), took, 0.001);
        row.target = None;
        rows.push(row);
    }

    // 4. Caseload: opened, decrypted, parsed, summarised, course and cohort
    caseload(&fx.exports, &fx.identity);
    // (the work runs on worker threads that are gone when it ends: their CPU
    // time is not in /proc/self/task, so only wall-clock time is reported)
    let wall = |t: Took| Took { wall: t.wall, cpu: None };
    let runs: Vec<Took> = (0..7).map(|_| wall(time(|| caseload(&fx.exports, &fx.identity)))).collect();
    rows.push(limit_row(
        format!("caseload: {CASELOAD_FILES} sealed exports to overview, course and cohort / 0.25 s"),
        medians(&runs),
        0.25,
    ));
    let runs: Vec<Took> =
        (0..3).map(|_| wall(time(|| caseload(&fx.exports_1000, &fx.identity_1000)))).collect();
    rows.push(limit_row(
        "caseload: 1000 sealed exports to overview, course and cohort / 1 s".into(),
        medians(&runs),
        1.0,
    ));
    let (app, mut terminal) = cohort_tab(open_caseload(&fx.exports, &fx.identity), fx.today, 160, 48);
    let took = per_frame(&app, &mut terminal);
    rows.push(limit_row(
        format!("cohort tab frame, {CASELOAD_FILES} participants, 160x48 / 1 ms"),
        took,
        0.001,
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

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let t = Instant::now();
    let fx = fixtures();
    eprintln!("fixtures ready in {:.1} s", t.elapsed().as_secs_f64());
    summary(&fx);
}
