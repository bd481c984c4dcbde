//! `followup checkin`, the line-by-line check-in: a full one through a pty
//! (util-linux `script`) with item 9 above 0, a bad answer asked again,
//! input that ends early, and a day already done.

mod common;

use common::{Home, PASSPHRASE};
use std::io::Write;
use std::process::{Command, Stdio};

/// Mood 7, anxiety 11 (refused) then 3, energy skipped, sleep 7.5, a note,
/// two tags; PHQ-9 1, 1, x (refused) then 0, 1, 0, 0, 0, 0, and item 9: 1.
const ANSWERS: &str =
    "7\n11\n3\n\n7.5\nA good walk by the river.\nwalk meditation\n1\n1\nx\n0\n1\n0\n0\n0\n0\n1\n";

fn list(h: &Home) -> Vec<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(&h.ok(&["list", "--json"])).unwrap().as_array().unwrap().clone()
}

#[test]
fn a_full_check_in_through_a_terminal_with_item_9_above_0() {
    let h = Home::new();
    h.init(20);
    let bin = env!("CARGO_BIN_EXE_followup");
    // `script` gives the check-in a pseudo-terminal, as a person at a keyboard has
    let mut script = Command::new("script");
    script
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", h.dir.path())
        .env("TZ", "UTC")
        .env("TERM", "xterm")
        .env("FOLLOWUP_HOME", h.data())
        .env("FOLLOWUP_PASSPHRASE", PASSPHRASE)
        .args(["-qec", &format!("'{bin}' checkin"), "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    let mut child = script.spawn().expect("util-linux script");
    let mut stdin = child.stdin.take().unwrap();
    for line in ANSWERS.lines() {
        stdin.write_all(format!("{line}\n").as_bytes()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Mood today, 0 (very low) to 10 (very good)"), "{text}");
    assert!(text.contains("\"11\" is not a whole number from 0 to 10; please answer again."), "{text}");
    assert!(text.contains("9/9. Thoughts that you would be better off dead"), "{text}");
    assert!(text.contains("  3 Nearly every day"), "choices numbered: {text}");
    // saved first, then the safety information at once
    let saved = text.find("Saved PHQ-9").unwrap();
    let safety = text.find("If you are in danger now, call your local emergency number.").unwrap();
    assert!(saved < safety, "{text}");
    assert!(text.contains("Dr. Rivera, 555-0100") && text.contains("988"), "{text}");
    assert!(!text.contains("10. If you checked off"), "item 10 is not asked after item 9 above 0: {text}");
    assert!(text.contains("Today's check-in: mood 7"), "{text}");

    let entries = list(&h);
    assert_eq!(entries.len(), 2);
    let mood = entries.iter().find(|e| e["instrument"] == "mood").unwrap();
    assert_eq!(
        (mood["mood"].as_u64(), mood["anxiety"].as_u64(), mood["energy"].is_null()),
        (Some(7), Some(3), true)
    );
    assert_eq!(mood["note"], "A good walk by the river.");
    let phq9 = entries.iter().find(|e| e["instrument"] == "phq9").unwrap();
    assert_eq!(phq9["answers"], serde_json::json!([1, 1, 0, 1, 0, 0, 0, 0, 1]));
    assert_eq!(phq9["safety"], true);
}

#[test]
fn input_that_ends_early_keeps_what_was_complete() {
    let h = Home::new();
    h.init(20);
    // the mood entry, then two PHQ-9 answers and the end of input
    let r = h.run_stdin(&["checkin"], "6\n\n\n\n\n\n0\n1\n");
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stdout.contains("Stopped before the end: saved: mood 6"), "{}", r.stdout);
    let entries = list(&h);
    assert_eq!(entries.len(), 1, "the mood entry, and no half PHQ-9");

    // again: the mood entry is done, the PHQ-9 is asked
    let r = h.run_stdin(&["checkin"], "0\n0\n0\n0\n0\n0\n0\n0\n0\n");
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("Today's mood entry is saved already"), "{}", r.stdout);
    assert!(r.stdout.contains("Saved PHQ-9 0"), "{}", r.stdout);
    let r = h.run_stdin(&["checkin"], "");
    assert!(r.stdout.contains("Nothing new to save today."), "{}", r.stdout);
}

#[test]
fn ctrl_d_at_a_terminal_is_a_stop_not_an_error() {
    let h = Home::new();
    h.init(10);
    let cmd = format!(
        "env FOLLOWUP_HOME={} FOLLOWUP_PASSPHRASE=\"{PASSPHRASE}\" {} checkin; echo \"exit=$?\"; sleep 30",
        h.data().display(),
        env!("CARGO_BIN_EXE_followup")
    );
    let tmux = common::tmux::Tmux::start(&format!("followup-checkin-{}", std::process::id()), &cmd);
    tmux.wait("Mood");
    tmux.keys(&["C-d"]);
    tmux.wait("exit=");
    let screen = tmux.screen();
    assert!(screen.contains("Stopped before the end: nothing was saved."), "{screen}");
    assert!(screen.contains("exit=0"), "{screen}");
}

#[test]
fn piped_check_in_asks_the_gad7_when_it_is_due() {
    let h = Home::new();
    h.ok(&["init", "--participant", "TRD-077", "--dosing-date", &common::days_ago(20), "--gad7-every", "7"]);
    // mood 6; PHQ-9 with item 9 at 1 (no item 10); GAD-7 2, 1, 1, 3 (a 4 refused first), 1, 1, 1
    let input = "6\n\n\n\n\n\n0\n1\n0\n0\n0\n0\n0\n0\n1\n2\n1\n1\n4\n3\n1\n1\n1\n";
    let r = h.run_stdin(&["checkin"], input);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let out = &r.stdout;
    assert!(
        out.contains(
            "GAD-7. Over the last 2 weeks, how often have you been bothered by the following problems?"
        ),
        "{out}"
    );
    assert!(out.contains("Copyright \u{a9} Pfizer Inc."), "{out}");
    assert!(out.contains("7/7. Feeling afraid, as if something awful might happen"), "{out}");
    assert!(out.contains("answer with one number, 0, 1, 2 or 3; please answer again."), "{out}");
    assert!(!out.contains("10. If you checked off"), "item 10 is not asked after item 9 above 0: {out}");
    // the PHQ-9 saved, then the safety information at once, before the GAD-7 is asked
    let saved = out.find("Saved PHQ-9").unwrap();
    let safety = out.find("If you are in danger now, call your local emergency number.").unwrap();
    let gad7 = out.find("GAD-7. Over").unwrap();
    assert!(saved < safety && safety < gad7, "{out}");
    assert!(out.contains("Saved GAD-7 10 moderate"), "{out}");
    assert!(out.contains("Today's check-in: mood 6") && out.contains("GAD-7 10"), "{out}");
    let entries = list(&h);
    assert_eq!(entries.len(), 3);
    let gad7 = entries.iter().find(|e| e["instrument"] == "gad7").unwrap();
    assert_eq!(gad7["answers"], serde_json::json!([2, 1, 1, 3, 1, 1, 1]));
    assert_eq!(gad7["total"], 10);

    // run again: everything is done, nothing is asked
    let r = h.run_stdin(&["checkin"], "");
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("Today's GAD-7 is saved already (entry 3)"), "{}", r.stdout);
}

#[test]
fn a_weekly_gad7_alone_is_asked_when_the_rest_is_done() {
    let h = Home::new();
    h.ok(&["init", "--participant", "TRD-077", "--dosing-date", &common::days_ago(20), "--gad7-every", "7"]);
    h.ok(&["log", "mood", "--mood", "6"]);
    h.run_stdin(&["log", "phq9", "--answers", "0,1,0,0,1,0,0,0,0"], "");
    // one GAD-7 answer short: nothing saved, and the input is incomplete
    let r = h.run_stdin(&["checkin"], "0\n0\n0\n0\n0\n0\n");
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert_eq!(list(&h).len(), 2);
    let r = h.run_stdin(&["checkin"], "0\n0\n0\n0\n0\n0\n1\n");
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("Today's PHQ-9 is saved already"), "{}", r.stdout);
    assert!(r.stdout.contains("Saved GAD-7 1 minimal"), "{}", r.stdout);
    assert_eq!(list(&h).len(), 3);

    // a PHQ-9-only participant is never asked a GAD-7
    let h = Home::new();
    h.init(20);
    let r = h.run_stdin(&["checkin"], "6\n\n\n\n\n\n0\n0\n0\n0\n0\n0\n0\n0\n0\n");
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(!r.stdout.contains("GAD-7"), "{}", r.stdout);
}

#[test]
fn endless_input_is_refused_with_one_line_and_nothing_saved() {
    let h = Home::new();
    h.init(20);
    let before = h.snapshot();
    // /dev/zero never has a newline: refused once the line passes the limit
    let mut child = h
        .command(Some(PASSPHRASE))
        .arg("checkin")
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("checkin kept reading /dev/zero");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("an answer longer than 16 KiB was refused"), "{stderr}");
    assert_eq!(h.snapshot(), before, "nothing saved");

    // a long line in the middle: the entry being asked is not saved
    let r = h.run_stdin(&["checkin"], &format!("6\n{}\n", "3".repeat(20_000)));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(list(&h).is_empty());
    // and bytes that are not text
    let mut child = h
        .command(Some(PASSPHRASE))
        .arg("checkin")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"6\n\xff\xfe\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("not UTF-8 text"), "{stderr}");
    assert_eq!(h.snapshot(), before, "nothing saved");

    // the longest note, in two-byte letters, still fits on its line
    let note = "\u{e9}".repeat(4000);
    let r = h.run_stdin(&["checkin"], &format!("6\n\n\n\n{note}\n\n"));
    assert_eq!(r.code, 2, "the PHQ-9 was not answered: {}", r.stderr);
    let entries = list(&h);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["note"].as_str().map(|n| n.chars().count()), Some(4000));

    // a long line at the last, unscored question: the nine answers are
    // complete, so the PHQ-9 is saved without it, and the refusal said
    let answers = "1\n1\n1\n1\n1\n1\n1\n1\n0\n";
    let r = h.run_stdin(&["checkin"], &format!("{answers}{}\n", "2".repeat(20_000)));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("the PHQ-9 is saved without it"), "{}", r.stderr);
    let phq9: Vec<_> = list(&h).into_iter().filter(|e| e["instrument"] == "phq9").collect();
    assert_eq!(phq9.len(), 1, "the PHQ-9 was kept");
    assert_eq!(phq9[0]["total"], 8);
}
