//! The conventions of a good command line, through the real binary: a
//! closed pipe ends the output quietly (`followup list | head -1`), and
//! `keygen` never overwrites an identity but says which key it holds.

mod common;

use common::{Home, PASSPHRASE};
use std::process::Stdio;

/// Run with standard output a pipe whose reading end is already closed.
fn into_closed_pipe(h: &Home, args: &[&str]) -> (i32, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = h.command(Some(PASSPHRASE)).args(args).stdout(writer).stderr(Stdio::piped()).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn every_command_that_writes_to_stdout_ends_quietly_at_a_closed_pipe() {
    let h = Home::new();
    h.init(20);
    for d in 1..=12 {
        let date = common::days_ago(d);
        h.ok(&["log", "mood", "--mood", "5", "--date", &date]);
        h.ok(&["log", "phq9", "--answers", "1,1,1,1,1,1,1,1,0", "--date", &date]);
    }
    h.ok(&["event", "add", "--kind", "integration", "--date", &common::days_ago(3)]);
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--json"],
        &["history", "1"],
        &["event", "list"],
        &["event", "list", "--json"],
        &["status"],
        &["status", "--short"],
        &["report", "--db"],
        &["report", "--db", "--format", "txt"],
        &["report", "--db", "--format", "html"],
        &["log", "mood", "--mood", "6"],
        &["amend", "1", "--mood", "7", "--reason", "typo"],
        &["event", "add", "--kind", "other", "--date", &common::days_ago(2)],
        &["keygen", "-o", "k.txt"],
        &["--help"],
        &["--version"],
        &["profile"],
        &["backup"],
        &["retract", "2", "--reason", "logged twice"],
        &["event", "amend", "2", "--date", &common::days_ago(4), "--reason", "typo"],
        &["event", "retract", "2", "--reason", "cancelled"],
        &["report", "--db", "--format", "json"],
        &["export", "--plaintext", "--format", "csv", "-o", "e.csv"],
        &["completions", "bash"],
        &["man"],
    ];
    for args in commands {
        let (code, stderr) = into_closed_pipe(&h, args);
        assert!(code == 0 || (args[0] == "status" && code == 1), "{args:?}: exit {code}, stderr: {stderr}");
        assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    }
    // a refusal keeps its exit code when its output has nowhere to go
    let (code, stderr) = into_closed_pipe(&h, &["keygen", "-o", "k.txt"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("never overwritten"), "{stderr}");
    let fresh = Home::new();
    let backup = h.dir.path().join("backups-here");
    h.ok(&["backup", "--create", "--to", backup.to_str().unwrap()]);
    let file = followup::store::backups_in(&backup).pop().unwrap();
    let (code, stderr) = into_closed_pipe(&fresh, &["restore", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(fresh.db().exists());
}

#[test]
fn keygen_never_overwrites_and_prints_the_key_it_holds() {
    let h = Home::new();
    let path = h.dir.path().join("therapist.txt");
    let p = path.to_str().unwrap();
    let first = h.ok(&["keygen", "-o", p]);
    let public = first.trim();
    assert!(public.starts_with("age1"), "{first}");
    let before = std::fs::read(&path).unwrap();
    let again = h.run(&["keygen", "-o", p]);
    assert_eq!(again.code, 2, "refused");
    assert_eq!(again.stdout.trim(), public, "the public key is printed, as age-keygen -y does");
    assert!(again.stderr.contains("never overwritten"), "{}", again.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), before, "unchanged");
}
