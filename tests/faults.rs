//! Faults around a save and the sources of a passphrase, through the real
//! binary: a disk that refuses to grow (`ulimit -f`, which binds root too),
//! clocks and values that overflow.

mod common;

use common::{Home, PASSPHRASE, Run, days_ago, today};

/// Runs the binary where no file may grow past 1 KiB: every write that
/// extends the database or its journal fails, as on a full disk.
fn on_a_full_disk(h: &Home, args: &[&str], stdin: &str) -> Run {
    let mut c = h.command_of("sh", Some(PASSPHRASE));
    c.arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_followup"))
        .args(args);
    common::fed(c, stdin)
}

fn assert_safety_then_not_saved(r: &Run) {
    assert_ne!(r.code, 0, "a failed save must not exit 0:\n{}", r.stdout);
    assert!(r.stdout.contains("If you are in danger now, call your local emergency number."), "{}", r.stdout);
    assert!(r.stdout.contains("thoughts of being better off dead or of hurting yourself"), "{}", r.stdout);
    assert!(!r.stdout.contains("is saved and flagged"), "{}", r.stdout);
    assert!(r.stdout.contains("were NOT saved"), "{}", r.stdout);
    assert!(!r.stdout.contains("Saved PHQ-9"), "{}", r.stdout);
    assert!(r.stderr.starts_with("followup: "), "one line on stderr: {}", r.stderr);
}

fn phq9_entries(h: &Home) -> usize {
    let list = h.json(&["list", "--json"]);
    list.as_array().unwrap().iter().filter(|e| e.to_string().contains("PHQ-9")).count()
}

#[test]
fn an_item_9_answer_that_cannot_be_saved_still_shows_the_crisis_lines() {
    let h = Home::new();
    h.init(10);
    let r = on_a_full_disk(&h, &["log", "phq9", "--answers", "1,1,1,1,1,1,1,1,3"], "");
    assert_safety_then_not_saved(&r);
    assert_eq!(phq9_entries(&h), 0, "nothing was saved");
}

#[test]
fn an_item_9_answer_refused_for_its_day_still_shows_the_crisis_lines_and_care_contact() {
    let h = Home::new();
    h.init(10);
    for date in [days_ago(120), days_ago(-3)] {
        let r = h.run(&["log", "phq9", "--date", &date, "--answers", "1,1,1,1,1,1,1,1,3"]);
        assert_safety_then_not_saved(&r);
        if date < today() {
            // the profile was read: the participant's own care contact
            assert!(r.stdout.contains("Your care contact: Dr. Rivera, 555-0100"), "{}", r.stdout);
        }
    }
    assert_eq!(phq9_entries(&h), 0, "nothing was saved");
}

#[test]
fn a_failed_save_without_a_safety_answer_says_only_what_failed() {
    let h = Home::new();
    h.init(10);
    let r = on_a_full_disk(&h, &["log", "phq9", "--answers", "1,1,1,1,1,1,1,1,0"], "");
    assert_ne!(r.code, 0);
    assert!(!r.stdout.contains("emergency"), "{}", r.stdout);
    // and on a disk with room the same answers save
    assert!(h.ok(&["log", "phq9", "--answers", "1,1,1,1,1,1,1,1,0"]).contains("Saved PHQ-9"));
}
