//! Fixtures for the process-level benchmark scripts (`scripts/bench-*.sh`):
//!
//! - `bench_fixture db DIR YEARS`: a database in DIR with YEARS of daily data
//!   (0: six months; today is day 150 of 182, or with YEARS the window's last
//!   day), entries up to yesterday, so that today is free for `followup log
//!   mood`. Keyed with `FOLLOWUP_PASSPHRASE` (or the bench passphrase).
//! - `bench_fixture setup DIR CODE DAYS`: a participant set up before the
//!   baseline period, dosing DAYS ago, no entries (for `scripts/concurrency.sh`).
//! - `bench_fixture exports DIR COUNT`: COUNT sealed exports and `DIR/identity.txt`.
//! - `bench_fixture caseload DIR RUNS`: open the exports in DIR RUNS times
//!   (load + caseload with the course and the cohort, as `followup review
//!   DIR` does before its first frame), print each time and the peak
//!   resident memory; run it under `taskset -c 0` for one core.

#[path = "../benches/support/mod.rs"]
mod support;

use chrono::{Days, TimeZone};
use followup::demo::Demo;
use secrecy::SecretString;
use std::path::Path;
use support::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let today = followup::clock::system().date_naive();
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
        ["setup", dir, code, days] => {
            // a participant set up before the baseline period, no entries yet
            let days: u64 = days.parse().expect("DAYS is a number");
            let window = followup::window::Window::new(today - Days::new(days), 182, 1).expect("window");
            let set_up = offset()
                .from_local_datetime(&(window.dosing_date - Days::new(20)).and_hms_opt(9, 0, 0).unwrap())
                .single()
                .unwrap();
            let dosing = followup::record::EventData {
                kind: followup::record::EventKind::Dosing,
                date: window.dosing_date,
                note: None,
            };
            let event = followup::record::Versioned {
                id: 1,
                versions: vec![followup::record::Version {
                    number: 1,
                    change: followup::record::Change::Original,
                    recorded_at: set_up,
                    reason: None,
                    data: dosing,
                }],
            };
            let profile = followup::journal::Profile::new(code.to_string(), window, None);
            let j = followup::journal::Journal { profile, entries: Vec::new(), events: vec![event] };
            let p = std::env::var("FOLLOWUP_PASSPHRASE").map_or_else(|_| pass(), SecretString::from);
            make_db(Path::new(dir), &j, &p);
            println!("{dir}: {code}, dosing {}, set up {}", window.dosing_date, set_up.date_naive());
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
            // the peak resident memory of the whole run
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            if let Some(peak) = status.lines().find(|l| l.starts_with("VmHWM:")) {
                println!("peak_rss {}", peak.trim_start_matches("VmHWM:").trim());
            }
        }
        _ => {
            eprintln!(
                "usage: bench_fixture db DIR YEARS | setup DIR CODE DAYS | exports DIR COUNT | caseload DIR RUNS"
            );
            std::process::exit(2);
        }
    }
}
