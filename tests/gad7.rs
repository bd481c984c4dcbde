//! The GAD-7 through the real binary: logged, listed, corrected, in its
//! history; bad inputs refused with one line and nothing changed; and a
//! profile corrected as a new version with a reason, a new dosing date
//! moving day numbers and weeks everywhere.

mod common;

use common::{Home, days_ago};

fn list(h: &Home) -> Vec<serde_json::Value> {
    h.json(&["list", "--json"]).as_array().unwrap().clone()
}

#[test]
fn bad_gad7_inputs_give_one_line_and_change_nothing() {
    let h = Home::new();
    h.init(10);
    let before = h.snapshot();
    // not used yet: a line saying how to switch it on
    let r = h.run(&["log", "gad7", "--answers", "1,1,1,1,1,1,1"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("not used") && r.stderr.contains("--gad7-every"), "{}", r.stderr);
    assert_eq!(h.snapshot(), before);

    h.ok(&["profile", "--gad7-every", "7", "--reason", "the study added the GAD-7"]);
    let before = h.snapshot();
    for (answers, says) in [
        ("1,1,1,1,1,1", "GAD-7 needs 7 answers, got 6"),
        ("1,1,4,1,1,1,1", "item 3: \"4\" is not an answer from 0 to 3"),
        ("1,1,1,1,1,1,1,1", "got 8"),
    ] {
        let r = h.run(&["log", "gad7", "--answers", answers]);
        assert_eq!(r.code, 2, "{answers}");
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
        assert!(r.stderr.contains(says), "{answers}: {}", r.stderr);
    }
    assert_eq!(h.snapshot(), before, "nothing changed");
}

#[test]
fn a_gad7_is_logged_listed_corrected_and_kept() {
    let h = Home::new();
    h.ok(&["init", "--participant", "TRD-077", "--dosing-date", &days_ago(20), "--gad7-every", "7"]);
    let out = h.ok(&["log", "gad7", "--answers", "2,1,1,3,1,1,1", "--date", &days_ago(2)]);
    assert!(out.contains("Saved GAD-7 10 moderate"), "{out}");
    let e = &list(&h)[0];
    assert_eq!(e["instrument"], "gad7");
    assert_eq!(e["answers"], serde_json::json!([2, 1, 1, 3, 1, 1, 1]));
    assert_eq!(
        (e["total"].as_u64(), e["severity"].as_str(), e["safety"].as_bool()),
        (Some(10), Some("moderate"), Some(false))
    );
    assert_eq!(e["late"], true);
    // a second GAD-7 for the day is refused, and points to amend
    let r = h.run(&["log", "gad7", "--answers", "0,0,0,0,0,0,0", "--date", &days_ago(2)]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("followup amend 1"), "{}", r.stderr);
    // corrected with seven answers; nine are refused for a GAD-7
    let r = h.run(&["amend", "1", "--answers", "0,0,0,0,0,0,0,0,0", "--reason", "typo"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    h.ok(&["amend", "1", "--answers", "0,1,0,0,1,0,0", "--reason", "answered the wrong week"]);
    let history = h.ok(&["history", "1"]);
    assert!(
        history.contains("answers 2,1,1,3,1,1,1 (total 10)")
            && history.contains("answers 0,1,0,0,1,0,0 (total 2)"),
        "{history}"
    );
    assert!(history.contains("reason: answered the wrong week"), "{history}");
    // and the list shows the current version
    assert_eq!(list(&h)[0]["total"], 2);
    assert!(h.ok(&["retract", "1", "--reason", "duplicate"]).contains("retracted"));
    assert!(list(&h).is_empty());
}

#[test]
fn a_corrected_dosing_date_moves_day_numbers_and_weeks_and_keeps_the_old_version() {
    let h = Home::new();
    h.init(30);
    h.ok(&["log", "phq9", "--answers", "2,2,2,2,2,2,2,2,0", "--date", &days_ago(31)]);
    h.ok(&["log", "phq9", "--answers", "1,1,1,0,0,0,0,0,0", "--date", &days_ago(20)]);
    let day_before = list(&h)[1]["day"].as_i64().unwrap();
    assert_eq!(day_before, 10);
    let status_before = h.run(&["status"]).stdout;

    // the session was two days later than set up
    let out =
        h.ok(&["profile", "--dosing-date", &days_ago(28), "--reason", "the session was moved by two days"]);
    assert!(out.contains("now count from"), "{out}");
    assert_eq!(list(&h)[1]["day"].as_i64(), Some(8), "day numbers follow");
    assert_eq!(list(&h)[0]["day"].as_i64(), Some(-3));
    let events = h.json(&["event", "list", "--json"]);
    assert_eq!(events[0]["date"], days_ago(28), "the dosing session's event moved with it");
    assert_eq!(events[0]["day"], 0);
    let status = h.run(&["status"]).stdout;
    assert!(status.contains("day 28 of 182"), "{status}");
    assert_ne!(status, status_before);
    // week 2 now (day 8), not week 2 of the old count only by chance
    let brief: serde_json::Value =
        serde_json::from_str(&h.ok(&["report", "--db", "--format", "json"])).unwrap();
    assert_eq!(brief["day"], 28);
    assert_eq!(brief["weeks"][0]["week"], 2, "{}", brief["weeks"]);

    // the history keeps the set-up version, and a change needs a reason
    let shown = h.ok(&["profile"]);
    assert!(
        shown.contains("v1") && shown.contains(&format!("dosing session {} (day 0)", days_ago(30))),
        "{shown}"
    );
    assert!(shown.contains("v2") && shown.contains("reason: the session was moved by two days"), "{shown}");
    let r = h.run(&["profile", "--window-days", "90"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--reason"), "{}", r.stderr);
    let r = h.run(&["profile", "--dosing-date", &days_ago(28), "--reason", "again"]);
    assert_eq!(r.code, 2, "nothing to change: {}", r.stderr);

    // exports carry the profile's versions
    let identity = h.dir.path().join("id.txt");
    let recipient = h.ok(&["keygen", "-o", identity.to_str().unwrap()]);
    let sealed = h.dir.path().join("e.age");
    h.ok(&["export", "-r", recipient.trim(), "-o", sealed.to_str().unwrap()]);
    let ids = followup::review::identities(&[identity]).unwrap();
    let export = followup::share::open(&sealed, &ids).unwrap();
    let versions = &export.journal.profile.versions;
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].window.dosing_date.to_string(), days_ago(30));
    assert_eq!(versions[1].reason.as_deref(), Some("the session was moved by two days"));
    assert_eq!(export.journal.window().dosing_date.to_string(), days_ago(28));
}
