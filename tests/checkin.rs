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
