//! Criterion benchmarks (`cargo bench --bench followup`): the distributions
//! of unlock, load, frames and the caseload. The pass/fail table against
//! the targets is `cargo bench --bench targets`; BENCHMARKS.md has both.
//!
//! Groups:
//! - `unlock`: the physical floor (rusqlite + SQLCipher key + one SELECT)
//!   and followup's unlock (`Store::open` + `journal()` + `App::with_journal`
//!   + first 80×24 dashboard frame), 6 months and 10 years of daily data;
//! - `load`: the part of the unlock that grows with the data;
//! - `course`: the course of response from a journal (`Course::new`);
//! - `frame`: dashboard, Course screen, trend charts and history frames;
//! - `caseload`: 200 sealed exports opened, decrypted, parsed and summarised.

mod support;

use criterion::{Criterion, SamplingMode};
use followup::course::Course;
use followup::store::Store;
use followup::tui::app::Zoom;
use std::hint::black_box;
use std::time::{Duration, Instant};
use support::*;

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

fn bench_course(c: &mut Criterion, fx: &Fixtures) {
    let mut g = c.benchmark_group("course");
    g.sample_size(30).warm_up_time(Duration::from_millis(200)).measurement_time(Duration::from_secs(1));
    for (name, journal) in [("6m", &fx.j6m), ("10y", &fx.j10y)] {
        g.bench_function(format!("course_new_{name}"), |b| {
            b.iter(|| black_box(Course::new(journal, fx.today)))
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
        let (app, mut terminal) = course(journal, fx.today, 160, 48);
        g.bench_function(format!("course_{data}_160x48"), |b| b.iter(|| draw(&app, &mut terminal)));
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
    g.bench_function("open_decrypt_parse_summarise_1000", |b| {
        b.iter(|| black_box(caseload(&fx.exports_1000, &fx.identity_1000)))
    });
    g.finish();
}

fn main() {
    let t = Instant::now();
    let fx = fixtures();
    eprintln!("fixtures ready in {:.1} s", t.elapsed().as_secs_f64());
    let mut c = Criterion::default().configure_from_args();
    bench_unlock(&mut c, &fx);
    bench_load(&mut c, &fx);
    bench_course(&mut c, &fx);
    bench_frame(&mut c, &fx);
    bench_caseload(&mut c, &fx);
    c.final_summary();
}
