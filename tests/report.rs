//! The integration-session brief as other tools read it (`--format json`):
//! the demo participant's document against one checked by hand and by an
//! independent implementation of PRODUCT.md (`tests/interop/check_brief.py`),
//! and the same document from the database and from an export.

mod common;

use common::tui::{demo, demo_export, today};
use common::{Home, PASSPHRASE};
use followup::demo::Demo;
use followup::overview::Coverage;
use followup::report::{self, Focus, ReportFormat, Source};
use followup::share::Filters;
use followup::store::Store;
use secrecy::SecretString;

/// The checked document: the demo participant on 2026-11-22 (day 150).
const DEMO_BRIEF: &str = include_str!("fixtures/brief/demo-01.json");

#[test]
fn the_demo_brief_in_json_is_the_checked_document() {
    let brief = report::brief(&demo(), today(), Source::Database, &Coverage::all(), Focus::Whole).unwrap();
    let got = report::render(&brief, ReportFormat::Json);
    let parsed: serde_json::Value = serde_json::from_str(&got).unwrap();
    let want: serde_json::Value = serde_json::from_str(DEMO_BRIEF).unwrap();
    assert_eq!(parsed, want);
    assert_eq!(got, DEMO_BRIEF, "the same text, key order included");

    // an export of the same record gives the same document
    let export = demo_export(Filters::default());
    let from_export = report::from_export(&export, Focus::Whole).unwrap();
    assert_eq!(report::render(&from_export, ReportFormat::Json), got);

    // and so does the sealed export the document was checked against
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let ids = followup::review::identities(&[fixtures.join("v1/identity.txt")]).unwrap();
    let sealed = followup::share::open(&fixtures.join("brief/demo-01.native.age"), &ids).unwrap();
    assert_eq!(report::render(&report::from_export(&sealed, Focus::Whole).unwrap(), ReportFormat::Json), got);
}

#[test]
fn the_checked_document_says_what_the_definitions_say() {
    let doc: serde_json::Value = serde_json::from_str(DEMO_BRIEF).unwrap();
    assert_eq!((doc["format"].as_str(), doc["version"].as_u64()), (Some("followup-brief"), Some(1)));
    // a baseline of 10 or more: response applies, and is half of it
    let baseline = doc["baseline"]["phq9"].as_f64().unwrap();
    assert_eq!(doc["baseline"]["kind"], "baseline_period");
    assert!(baseline >= 10.0);
    for w in doc["weeks"].as_array().unwrap() {
        match w["phq9"].as_f64() {
            // a week without a PHQ-9 is never scored, never a zero
            None => {
                assert_eq!(
                    (w["response"].is_null(), w["remission"].is_null(), w["phq9_n"].as_u64()),
                    (true, true, Some(0))
                );
            }
            Some(v) => {
                assert_eq!(w["response"].as_bool(), Some(v <= baseline / 2.0), "{w}");
                assert_eq!(w["remission"].as_bool(), Some(v < 5.0), "{w}");
            }
        }
    }
    let c = &doc["course"];
    let scored = doc["weeks"].as_array().unwrap().iter().filter(|w| !w["phq9"].is_null()).count();
    assert_eq!(c["scored_weeks"].as_u64(), Some(scored as u64));
    assert!(c["response_weeks"].as_u64().unwrap() <= c["scored_weeks"].as_u64().unwrap());
    // the demo responds in week 1, loses it after the taper and comes back
    assert_eq!(c["first_response_week"], 1);
    assert!(c["response_lost_week"].as_u64().is_some());
    assert_eq!(doc["sessions"].as_array().unwrap().len(), 2, "two integration sessions");
    assert_eq!(doc["safety"][0]["item9"], 1);
}

#[test]
fn report_json_from_the_database_and_from_an_export_is_one_document() {
    let home = Home::new();
    // the binary runs with TZ=UTC: the record ends on UTC's today
    let today = chrono::Utc::now().date_naive();
    let journal = Demo::six_months("TRD-077", today, 11).journal();
    let key = SecretString::from(PASSPHRASE.to_string());
    drop(Store::create_from_journal(&home.data(), &key, &journal, followup::clock::system()).unwrap());

    let from_db = home.run(&["report", "--db", "--format", "json"]);
    assert_eq!(from_db.code, 0, "{}", from_db.stderr);
    assert!(from_db.stderr.contains("NOT encrypted"), "a JSON brief is plaintext too: {}", from_db.stderr);

    let identity = home.dir.path().join("id.txt");
    let sealed = home.dir.path().join("TRD-077.age");
    let recipient = home.ok(&["keygen", "-o", identity.to_str().unwrap()]);
    home.ok(&["export", "-r", recipient.trim(), "-o", sealed.to_str().unwrap()]);
    let from_export =
        home.ok(&["report", sealed.to_str().unwrap(), "-i", identity.to_str().unwrap(), "--format", "json"]);
    assert_eq!(from_db.stdout, from_export);

    let doc: serde_json::Value = serde_json::from_str(&from_export).unwrap();
    assert_eq!(doc["participant"], "TRD-077");
    assert_eq!(doc["as_of"], today.to_string());

    // -o: the same rules as every brief (never over a file without --force)
    let out = home.dir.path().join("brief.json");
    home.ok(&["report", "--db", "--format", "json", "-o", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), from_db.stdout);
    let again = home.run(&["report", "--db", "--format", "json", "-o", out.to_str().unwrap()]);
    assert_eq!(again.code, 2, "{}", again.stderr);
}

#[test]
fn a_focus_period_names_a_worst_week_only_from_its_own_scores_and_never_starts_in_the_future() {
    let h = Home::new();
    h.init(20);
    h.ok(&["log", "phq9", "--answers", "1,1,1,1,1,1,1,1,0"]);
    // the four days before the focus share week 3 with today's PHQ-9, but hold none
    let since = common::days_ago(3);
    let txt = h.ok(&["report", "--db", "--since", &since, "--format", "txt"]);
    assert_eq!(txt.matches("Worst week").count(), 1, "{txt}");
    let before = txt.find("The same length before").expect("a comparison");
    assert!(!txt[before..].contains("Worst week"), "{txt}");

    let tomorrow = common::days_ago(-1);
    h.ok(&["event", "add", "--kind", "integration", "--date", &tomorrow]);
    let r = h.run(&["report", "--db", "--since-event", "2", "--format", "txt"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("after the record's last day"), "{}", r.stderr);
    assert_eq!(r.stderr.trim_end().lines().count(), 1, "{}", r.stderr);
}

/// The demo's fourth event is on day 72, a day into week 11 (days 71 to 77):
/// the focus's worst week is the mean of its own days of week 11, never day
/// 71's score, and the period before it does not count week 11 again.
#[test]
fn a_worst_week_counts_only_the_periods_own_days_and_a_cut_week_only_once() {
    let journal = demo();
    let b =
        report::brief(&journal, today(), Source::Database, &Coverage::all(), Focus::SinceEvent(4)).unwrap();
    assert_eq!(b.day(b.from), 72);
    let c = b.comparison.as_ref().unwrap();
    let dosing = b.dosing_date;
    let mean_of = |days: std::ops::RangeInclusive<i64>| {
        let totals: Vec<f64> = journal
            .current_entries()
            .filter(|e| days.contains(&(e.day() - dosing).num_days()))
            .filter_map(|e| Some(f64::from(e.record().phq9()?.total()?)))
            .collect();
        totals.iter().sum::<f64>() / totals.len() as f64
    };
    let focus = c.focus.worst_week.as_ref().unwrap();
    assert_eq!((focus.week, focus.days), (11, (72, 77)));
    assert_eq!(focus.phq9, mean_of(72..=77));
    assert_ne!(focus.phq9, mean_of(71..=77), "day 71 is before the focus");
    assert!(focus.notes.iter().all(|(d, _)| *d >= b.from), "{:?}", focus.notes);
    let before = c.before.worst_week.as_ref().unwrap();
    assert!(before.week <= 10 && before.days.1 <= 70, "week 11 is the focus's: {before:?}");
    assert_eq!((c.focus.week_in_focus, c.before.week_in_focus), (None, Some(11)));

    let txt = report::render(&b, ReportFormat::Txt);
    let line = format!("Worst week within the period: week 11, days 72 to 77 only (PHQ-9 {:.1})", focus.phq9);
    assert!(txt.contains(&line), "{txt}");
    assert!(txt.contains("Week 11, cut by the focus's first day, is counted in the focus only."), "{txt}");
    assert!(!txt.contains("Worst week within the period: week 11, day 71"), "{txt}");
}

#[test]
fn one_of_anything_reads_as_one() {
    let h = Home::new();
    h.init(20);
    h.ok(&["log", "phq9", "--answers", "1,1,1,1,1,1,1,1,0", "--date", &common::days_ago(21)]);
    h.ok(&["log", "phq9", "--answers", "1,1,1,1,1,1,1,1,0"]);
    h.ok(&["log", "mood", "--mood", "6"]);
    let txt = h.ok(&["report", "--db", "--since", &common::days_ago(1), "--format", "txt"]);
    assert!(txt.contains("(1 day)"), "{txt}");
    assert!(!txt.contains(" 1 days") && !txt.contains("the last 1"), "{txt}");
    assert!(txt.contains("current streak: 1 day\n"), "{txt}");
    assert!(txt.contains("Mood: 6.0 (one day with an entry so far)"), "{txt}");
}

/// The weekly CSV carries the safety flag: the week's highest item-9 answer.
#[test]
fn the_weekly_csv_says_which_weeks_had_an_item_nine_answer() {
    let h = common::Home::new();
    h.init(10);
    h.ok(&["log", "phq9", "--answers", "2,2,1,1,1,1,1,1,2", "--date", &common::days_ago(7)]);
    h.ok(&["log", "phq9", "--answers", "1,1,1,1,1,1,1,1,0", "--date", &common::days_ago(1)]);
    let csv = h.ok(&["report", "--db", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let week =
        |k: &str| rows.iter().find(|r| &r[col("week")] == k).unwrap_or_else(|| panic!("week {k}: {csv}"));
    assert_eq!(&week("1")[col("item9")], "2", "{csv}");
    assert_eq!(&week("2")[col("item9")], "", "{csv}");
}

/// With a weekly PHQ-9 the brief's trend leaves the other days of a week
/// with a score blank (not due), and a week without one is a gap.
#[test]
fn a_weekly_phq9_trend_draws_not_due_days_blank_and_missed_weeks_as_gaps() {
    let h = common::Home::new();
    h.ok(&["init", "--participant", "TRD-777", "--dosing-date", &common::days_ago(27), "--phq9-every", "7"]);
    // periods of days 0-6, 7-13, 14-20, 21-27: a score in the first, second and fourth
    for n in [26, 19, 5] {
        h.ok(&["log", "phq9", "--answers", "1,1,1,1,1,1,1,1,0", "--date", &common::days_ago(n)]);
    }
    let txt = h.ok(&["report", "--db", "--format", "txt"]);
    let line = txt.lines().find(|l| l.starts_with("PHQ-9   ")).unwrap_or_else(|| panic!("{txt}"));
    let days: Vec<char> = line["PHQ-9   ".len()..].chars().collect();
    assert!(txt.contains("PHQ-9 every 7 days"), "{txt}");
    // the third period (days 14-20) had none: a gap of dots there
    let dots = days.iter().filter(|c| **c == '\u{b7}').count();
    assert!((7..14).contains(&dots), "one missed week of dots, the rest blank or bars: {line}");
    assert_eq!(days.iter().filter(|c| !c.is_whitespace() && **c != '\u{b7}').count(), 3, "{line}");
}
