//! What the released followup wrote keeps opening: a version-1 database
//! (schema 1) reads the same, migrates when written to without losing a
//! thing, and a version-1 native export opens in review and report.

mod common;

use common::Home;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1").join(name)
}

const PASS: &str = "version one fixture passphrase";

fn home_with_v1_database() -> Home {
    let h = Home::new();
    std::fs::create_dir_all(h.data()).unwrap();
    std::fs::copy(fixture("db/followup.db"), h.db()).unwrap();
    h
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn a_version_1_database_reads_the_same_and_migrates_without_loss() {
    let h = home_with_v1_database();
    let before = h.snapshot();
    let list = h.run_with(Some(PASS), &["list", "--json"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let expected = json(&std::fs::read_to_string(fixture("list.json")).unwrap());
    assert_eq!(json(&list.stdout), expected, "read as it was");
    let events = h.run_with(Some(PASS), &["event", "list", "--json"]);
    assert_eq!(json(&events.stdout), json(&std::fs::read_to_string(fixture("events.json")).unwrap()));
    assert_eq!(h.snapshot(), before, "reading changed nothing");

    // a write migrates the file; every record is still there as it was
    let r = h.run_with(Some(PASS), &["event", "add", "--kind", "other", "--date", "2026-11-20"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = h.run_with(Some(PASS), &["list", "--json"]);
    assert_eq!(json(&after.stdout), expected);
    let history = h.run_with(Some(PASS), &["history", "3"]);
    assert!(history.stdout.contains("misread item 4"), "{}", history.stdout);

    // schema 3: the GAD-7 can be switched on and used; the profile's set-up is version 1
    let r =
        h.run_with(Some(PASS), &["profile", "--gad7-every", "7", "--reason", "the study added the GAD-7"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = h.run_with(Some(PASS), &["log", "gad7", "--answers", "1,0,1,0,1,0,1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let profile = h.run_with(Some(PASS), &["profile"]).stdout;
    assert!(profile.contains("v1") && profile.contains("v2"), "{profile}");
    let all = json(&h.run_with(Some(PASS), &["list", "--json"]).stdout);
    assert_eq!(
        all.as_array().unwrap().len(),
        expected.as_array().unwrap().len() + 1,
        "nothing lost, one added"
    );
}

#[test]
fn a_version_1_export_opens_in_report_and_review() {
    let h = Home::new();
    let (file, id) = (fixture("export.native.age"), fixture("identity.txt"));
    let r = h.run(&["report", file.to_str().unwrap(), "-i", id.to_str().unwrap(), "--format", "txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("FIX-001") && r.stdout.contains("item 9 answered 1"), "{}", r.stdout);
    let ids = followup::review::identities(&[id]).unwrap();
    let export = followup::share::open(&file, &ids).unwrap();
    assert_eq!(export.journal.entries.len(), 23);
    let app = followup::tui::app::App::review(&export);
    let text = common::tui::screen_text(&app, 100, 30);
    assert!(text.contains("FIX-001"), "{text}");
}

#[test]
fn a_version_1_export_takes_its_place_in_a_caseload() {
    let h = Home::new();
    let dir = h.dir.path().join("caseload");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("export.native.age"), dir.join("FIX-001.age")).unwrap();
    let brief = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/brief/demo-01.native.age");
    std::fs::copy(brief, dir.join("DEMO-01.age")).unwrap();
    let id = fixture("identity.txt");
    let r = h.run(&["report", dir.to_str().unwrap(), "-i", id.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = json(&r.stdout);
    let codes: Vec<&str> =
        doc["participants"].as_array().unwrap().iter().map(|p| p["participant"].as_str().unwrap()).collect();
    assert_eq!(codes, ["DEMO-01", "FIX-001"]);
    assert!(doc["failed"].as_array().unwrap().is_empty());
    // and in review's caseload
    let ids = followup::review::identities(&[id]).unwrap();
    let files = followup::review::expand(&[dir]);
    let (loaded, failed) = followup::review::load(&files, &ids, &mut || None);
    assert_eq!((loaded.len(), failed.len()), (2, 0));
    let app =
        followup::tui::app::App::caseload(followup::review::caseload(loaded, failed), common::tui::today());
    assert!(common::tui::screen_text(&app, 120, 30).contains("FIX-001"));
}

/// A migration is a write: a damaged version-1 file is checked before it,
/// refused, and left as it was.
#[test]
fn a_damaged_version_1_database_is_not_migrated() {
    let h = home_with_v1_database();
    let mut bytes = std::fs::read(h.db()).unwrap();
    let page = 4096;
    for b in &mut bytes[5 * page + 200..5 * page + 300] {
        *b ^= 0x5a;
    }
    std::fs::write(h.db(), &bytes).unwrap();
    let before = h.snapshot();
    let r = h.run_with(Some(PASS), &["event", "add", "--kind", "other", "--date", "2026-11-20"]);
    assert_ne!(r.code, 0, "{}", r.stdout);
    assert!(r.stderr.contains("damaged") && r.stderr.contains("restore"), "{}", r.stderr);
    assert!(h.snapshot() == before, "nothing written into the damaged file");
}
