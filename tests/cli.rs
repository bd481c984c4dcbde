//! The scriptable CLI, through the real binary and a real encrypted database.

mod common;

use common::{Home, PASSPHRASE, contains, days_ago, today};
use std::os::unix::fs::PermissionsExt;

#[test]
fn a_week_of_check_ins_with_corrections_and_status() {
    let h = Home::new();
    h.init(5);
    // nothing logged yet: status says something is due (exit 1)
    let r = h.run(&["status"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("day 5 of 182"), "{}", r.stdout);

    // the participant reads "added later"; list --json and exports keep `late`
    let help = h.ok(&["log", "mood", "--help"]);
    assert!(help.contains("an earlier day is marked as added later") && !help.contains("late)"), "{help}");
    for n in (1..=4).rev() {
        let out = h.ok(&["log", "mood", "--mood", &(4 + (4 - n)).to_string(), "--date", &days_ago(n)]);
        assert!(out.contains(&format!("Added later: recorded on {} for {}", today(), days_ago(n))), "{out}");
        assert!(!out.contains("late:") && !out.contains("Marked late"), "{out}");
        h.ok(&["log", "phq9", "--answers", "2,2,1,1,1,1,1,0,0", "--difficulty", "1", "--date", &days_ago(n)]);
    }
    let out =
        h.ok(&["log", "mood", "--mood", "7", "--anxiety", "2", "--sleep", "7.5", "--tag", "meditation"]);
    assert!(out.contains("as entry 9"), "{out}");
    assert!(!out.contains("late"), "today's entry is not late: {out}");
    // PHQ-9 still due
    assert_eq!(h.run(&["status"]).code, 1);
    h.ok(&["log", "phq9", "--answers", "1,1,0,1,0,0,0,0,0"]);
    let r = h.run(&["status", "--short"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 1);
    assert!(r.stdout.contains("Nothing due today"));

    let list = h.json(&["list", "--json"]);
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 10);
    let first = &items[0];
    assert_eq!(first["date"], days_ago(4));
    assert_eq!(first["day"], 1);
    assert_eq!(first["late"], true);
    let mood_today = items.iter().find(|i| i["instrument"] == "mood" && i["date"] == today()).unwrap();
    assert_eq!(mood_today["late"], false);
    assert_eq!(mood_today["sleep"], 7.5);
    assert!(mood_today["energy"].is_null(), "a missing value is null, never 0");
    assert_eq!(mood_today["tags"], serde_json::json!(["meditation"]));
    let phq = items.iter().find(|i| i["instrument"] == "phq9" && i["date"] == days_ago(1)).unwrap();
    assert_eq!(phq["total"], 9);
    assert_eq!(phq["severity"], "mild");
    assert_eq!(phq["safety"], false);
    assert_eq!(phq["answers"], serde_json::json!([2, 2, 1, 1, 1, 1, 1, 0, 0]));
    assert_eq!(phq["version"], 1);
    chrono::DateTime::parse_from_rfc3339(phq["recorded_at"].as_str().unwrap()).unwrap();

    // amend with a reason: a new version, the old one kept
    let id = mood_today["id"].as_i64().unwrap().to_string();
    let out = h.ok(&["amend", &id, "--mood", "8", "--clear", "sleep", "--reason", "pressed the wrong key"]);
    assert!(out.contains("version 2"), "{out}");
    let hist = h.ok(&["history", &id]);
    assert!(hist.contains("v1 original") && hist.contains("v2 correction"), "{hist}");
    assert!(hist.contains("reason: pressed the wrong key"), "{hist}");
    assert!(hist.contains("mood 7") && hist.contains("mood 8"), "{hist}");
    let list = h.json(&["list", "--json", "--from", &today()]);
    let m = list.as_array().unwrap().iter().find(|i| i["instrument"] == "mood").unwrap();
    assert_eq!((m["mood"].as_i64(), m["version"].as_i64()), (Some(8), Some(2)));
    assert!(m["sleep"].is_null());

    // retract: gone from the list, history kept, today's mood is due again
    h.ok(&["retract", &id, "--reason", "logged twice"]);
    let hist = h.ok(&["history", &id]);
    assert!(hist.contains("v3 retraction") && hist.contains("reason: logged twice"), "{hist}");
    assert_eq!(h.json(&["list", "--json"]).as_array().unwrap().len(), 9);
    assert_eq!(h.run(&["status"]).code, 1);
    let r = h.run(&["amend", &id, "--mood", "5", "--reason", "again"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("retracted"), "{}", r.stderr);
    // a retracted day can be logged again
    h.ok(&["log", "mood", "--mood", "6"]);
    assert_eq!(h.run(&["status"]).code, 0);
}

#[test]
fn item_nine_prints_the_safety_information_and_flags_the_entry() {
    let h = Home::new();
    h.init(3);
    let out = h.ok(&["log", "phq9", "--answers", "1,1,1,1,1,0,0,0,2"]);
    assert!(out.contains("Saved PHQ-9 7"), "saved first: {out}");
    assert!(out.contains("call your local emergency number"), "{out}");
    assert!(out.contains("Dr. Rivera, 555-0100"), "care contact: {out}");
    assert!(out.contains("988"), "{out}");
    let list = h.json(&["list", "--json"]);
    assert_eq!(list[0]["safety"], true);
    // the flag stays after a correction to 0
    let id = list[0]["id"].to_string();
    h.ok(&["amend", &id, "--answers", "1,1,1,1,1,0,0,0,0", "--reason", "misread the question"]);
    assert_eq!(h.json(&["list", "--json"])[0]["safety"], true);
    // the participant is told what they answered, never that anyone was told of it
    let status = h.run(&["status"]).stdout;
    assert!(status.contains("you answered that you had thoughts of being better off dead"), "{status}");
    assert!(status.contains("it does not alert anyone"), "{status}");
    assert!(!status.contains("told us"), "{status}");
}

#[test]
fn notes_come_from_a_file_or_stdin_and_never_sit_in_plaintext() {
    let h = Home::new();
    h.init(2);
    let marker = "ZQX-distinctive-note-7731";
    let r =
        h.run_stdin(&["log", "mood", "--mood", "5", "--note-file", "-"], &format!("{marker} from stdin\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let note = h.dir.path().join("note.txt");
    std::fs::write(&note, format!("{marker} from a file")).unwrap();
    h.ok(&["log", "mood", "--mood", "4", "--date", &days_ago(1), "--note-file", note.to_str().unwrap()]);
    let list = h.json(&["list", "--json"]);
    let notes: Vec<&str> = list.as_array().unwrap().iter().filter_map(|i| i["note"].as_str()).collect();
    assert_eq!(notes, [format!("{marker} from a file"), format!("{marker} from stdin")]);

    // while a connection is open the WAL exists too; check both, mid-session
    let mut child = h
        .command(Some(PASSPHRASE))
        .args(["log", "mood", "--mood", "3", "--date", &days_ago(2)])
        .spawn()
        .unwrap();
    child.wait().unwrap();
    for (path, bytes) in h.snapshot() {
        assert!(!contains(&bytes, marker.as_bytes()), "{} holds the note in plaintext", path.display());
        assert!(!contains(&bytes, b"SQLite format 3"), "{} has a plaintext header", path.display());
        assert!(!contains(&bytes, b"TRD-014"), "{} holds the participant code in plaintext", path.display());
    }
}

#[test]
fn files_are_owner_only() {
    let h = Home::new();
    h.init(1);
    h.ok(&["log", "mood", "--mood", "5"]);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&h.data()), 0o700);
    assert_eq!(mode(&h.db()), 0o600);
}

#[test]
fn wrong_passphrase_exits_3_and_touches_nothing() {
    let h = Home::new();
    h.init(1);
    h.ok(&["log", "mood", "--mood", "5"]);
    let before = h.snapshot();
    for args in [&["list"][..], &["log", "mood", "--mood", "6", "--date", &days_ago(1)], &["status"]] {
        let r = h.run_with(Some("not the passphrase"), args);
        assert_eq!(r.code, 3, "{args:?}");
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
        assert!(r.stderr.contains("wrong passphrase"), "{}", r.stderr);
        assert_eq!(h.snapshot(), before, "{args:?} changed the files");
    }
    // no passphrase and no terminal: a clear line, exit 3
    let r = h.run_with(None, &["list"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("FOLLOWUP_PASSPHRASE"), "{}", r.stderr);
}

#[test]
fn bad_inputs_give_one_line_and_change_nothing() {
    let h = Home::new();
    h.init(3);
    h.ok(&["log", "mood", "--mood", "5"]);
    h.ok(&["log", "phq9", "--answers", "0,0,0,0,0,0,0,0,0"]);
    let before = h.snapshot();
    let tomorrow = days_ago(-1);
    let cases: Vec<Vec<&str>> = vec![
        vec!["log", "phq9", "--answers", "1,1,1,1,1,1,1,1", "--date", "2026-01-01"],
        vec!["log", "phq9", "--answers", "1,1,1,4,1,1,1,1,1"],
        vec!["log", "phq9", "--answers", "1,1,1,1,1,1,1,1,1", "--difficulty", "4"],
        vec!["log", "mood", "--mood", "11"],
        vec!["log", "mood", "--mood", "5", "--anxiety", "-1"],
        vec!["log", "mood", "--mood", "5", "--sleep", "25"],
        vec!["log", "mood", "--mood", "5", "--sleep", "7.25"],
        vec!["log", "mood", "--mood", "5", "--date", "2026-02-30"],
        vec!["log", "mood", "--mood", "5", "--date", "14/03/2026"],
        vec!["log", "mood", "--mood", "5", "--date", &tomorrow],
        vec!["log", "mood", "--mood", "5", "--tag", "two words"],
        vec!["log", "mood", "--mood", "5", "--note-file", "/nonexistent/note.txt"],
        vec!["log", "mood"],
        vec!["log", "mood", "--mood", "6"],
        vec!["amend", "1", "--reason", "  ", "--mood", "4"],
        vec!["amend", "1", "--answers", "1,1,1,1,1,1,1,1,1", "--reason", "x"],
        vec!["amend", "99", "--mood", "4", "--reason", "x"],
        vec!["retract", "99", "--reason", "x"],
        vec!["history", "abc"],
        vec!["init", "--participant", "TRD-014", "--dosing-date", "2026-01-01"],
        vec!["event", "add", "--kind", "party", "--date", "2026-01-01"],
        vec!["list", "--from", "yesterday"],
        vec!["log", "mood", "--mood", "-1"],
        vec!["log", "phq9", "--answers", "-1,0,0,0,0,0,0,0,0"],
        vec!["log", "mood", "--mood", "5", "--date", "2025-01-01"],
        vec!["log", "phq9"],
        vec!["retract", "1"],
        vec!["event", "add", "--kind", "dosing", "--date", "2026-01-01"],
    ];
    for args in &cases {
        let r = h.run(args);
        assert!(r.code == 2 || r.code == 3, "{args:?} exited {}: {}", r.code, r.stderr);
        assert_eq!(r.stderr.trim_end().lines().count(), 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.starts_with("followup: "), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
        assert_eq!(h.snapshot(), before, "{args:?} changed the database");
    }
    assert!(h.run(&["log", "mood", "--mood", "6"]).stderr.contains("followup amend"));
    // the messages name what is missing or allowed
    assert!(h.run(&["log", "phq9"]).stderr.contains("--answers"));
    assert!(
        h.run(&["event", "add", "--kind", "party", "--date", "2026-01-01"]).stderr.contains("integration")
    );
    assert!(h.run(&["log", "mood", "--mood", "-1"]).stderr.contains("0 to 10"));
    assert!(
        h.run(&["log", "mood", "--mood", "5", "--date", "2025-01-01"])
            .stderr
            .contains("before the dosing session")
    );
}

#[test]
fn init_refuses_an_empty_passphrase_and_bad_settings() {
    let h = Home::new();
    let (yesterday, far_ahead) = (days_ago(1), days_ago(-400));
    for (pass, args) in [
        ("", vec!["--participant", "TRD-1", "--dosing-date", &yesterday]),
        ("   ", vec!["--participant", "TRD-1", "--dosing-date", &yesterday]),
        ("a fine passphrase", vec!["--participant", "a b", "--dosing-date", &yesterday]),
        (
            "a fine passphrase",
            vec!["--participant", "TRD-1", "--dosing-date", &yesterday, "--window-days", "0"],
        ),
        (
            "a fine passphrase",
            vec!["--participant", "TRD-1", "--dosing-date", &yesterday, "--phq9-every", "0"],
        ),
        ("sunny", vec!["--participant", "TRD-1", "--dosing-date", &yesterday]),
        // nothing could be recorded in either window: a typo in the year
        ("a fine passphrase", vec!["--participant", "TRD-1", "--dosing-date", &far_ahead]),
        ("a fine passphrase", vec!["--participant", "TRD-1", "--dosing-date", "1999-01-01"]),
    ] {
        let mut full = vec!["init"];
        full.extend(args);
        let r = h.run_with(Some(pass), &full);
        // no usable passphrase is exit 3, a bad setting exit 2
        let expected = if pass.trim().is_empty() { 3 } else { 2 };
        if pass == "sunny" {
            assert!(r.stderr.contains("four words"), "{}", r.stderr);
        }
        if full.contains(&"1999-01-01") || full.contains(&far_ahead.as_str()) {
            assert!(r.stderr.contains("a typo in the year?"), "{}", r.stderr);
        }
        assert_eq!(r.code, expected, "{full:?}: {}", r.stderr);
        assert_eq!(r.stderr.trim_end().lines().count(), 1, "{}", r.stderr);
        assert!(!h.db().exists(), "{full:?} left a database behind");
    }
}

#[test]
fn a_corrected_window_is_held_to_the_checks_set_up_makes() {
    let h = Home::new();
    h.init(10);
    h.ok(&["log", "mood", "--mood", "5"]);
    let before = h.snapshot();
    let far_ahead = days_ago(-91);
    for args in [
        // a year ago with a 10-day window: the follow-up would be over already
        vec!["profile", "--dosing-date", &days_ago(365), "--window-days", "10", "--reason", "typo"],
        vec!["profile", "--window-days", "5", "--reason", "shorter"],
        // more than 90 days ahead: nothing could be recorded yet
        vec!["profile", "--dosing-date", &far_ahead, "--reason", "moved"],
    ] {
        let r = h.run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_eq!(r.stderr.trim_end().lines().count(), 1, "{}", r.stderr);
        assert!(r.stderr.contains("a typo in the year?"), "{args:?}: {}", r.stderr);
        assert_eq!(h.snapshot(), before, "{args:?} changed the database");
    }
    // what set-up refuses, a correction refuses with the same words
    let init = Home::new().run(&[
        "init",
        "--participant",
        "TRD-1",
        "--dosing-date",
        &days_ago(365),
        "--window-days",
        "10",
    ]);
    let correction =
        h.run(&["profile", "--dosing-date", &days_ago(365), "--window-days", "10", "--reason", "typo"]);
    assert_eq!(init.stderr, correction.stderr);
    // a window that ends today is still running; a postponed session is a correction
    h.ok(&["profile", "--window-days", "10", "--reason", "a shorter study"]);
    h.ok(&["profile", "--dosing-date", &days_ago(-14), "--window-days", "182", "--reason", "postponed"]);

    // once a follow-up is over (set up when it was running), its dates can still be corrected
    let done = Home::new();
    let dosing = chrono::Utc::now().date_naive() - chrono::Days::new(200);
    let window = followup::window::Window::new(dosing, 182, 1).unwrap();
    let profile = followup::journal::Profile::new("TRD-2".into(), window, None);
    let key = secrecy::SecretString::from(PASSPHRASE.to_string());
    let set_up = followup::clock::system() - chrono::Days::new(190);
    drop(followup::store::Store::create(&done.data(), &key, &profile, set_up).unwrap());
    let out =
        done.ok(&["profile", "--dosing-date", &days_ago(201), "--reason", "the session was a day earlier"]);
    assert!(out.contains("Profile corrected (version 2)"), "{out}");
}

#[test]
fn passphrase_change_retires_the_old_one() {
    let h = Home::new();
    h.init(1);
    h.ok(&["log", "mood", "--mood", "5"]);
    let r = Home::run_new_passphrase(&h, "a new passphrase, longer");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(h.run(&["list"]).code, 3, "the old passphrase still opens the database");
    let r = h.run_with(Some("a new passphrase, longer"), &["list", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\"mood\": 5"));
}

trait NewPassphrase {
    fn run_new_passphrase(&self, new: &str) -> common::Run;
}

impl NewPassphrase for Home {
    fn run_new_passphrase(&self, new: &str) -> common::Run {
        let out = self
            .command(Some(PASSPHRASE))
            .arg("passphrase")
            .env("FOLLOWUP_NEW_PASSPHRASE", new)
            .output()
            .unwrap();
        common::Run {
            code: out.status.code().unwrap(),
            stdout: String::from_utf8_lossy(&out.stdout).into(),
            stderr: String::from_utf8_lossy(&out.stderr).into(),
        }
    }
}

#[test]
fn passphrase_from_a_file_or_a_command() {
    let h = Home::new();
    let file = h.dir.path().join("pass");
    std::fs::write(&file, format!("{PASSPHRASE}\n")).unwrap();
    let out = h
        .command(None)
        .env("FOLLOWUP_PASSPHRASE_FILE", &file)
        .args(["init", "--participant", "P1", "--dosing-date", &days_ago(1)])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = h
        .command(None)
        .env("FOLLOWUP_PASSPHRASE_COMMAND", format!("cat '{}'", file.display()))
        .args(["log", "mood", "--mood", "5"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // and the plain variable agrees
    h.ok(&["list"]);
    let out = h.command(None).env("FOLLOWUP_PASSPHRASE_COMMAND", "exit 7").args(["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "no passphrase available");
    assert!(String::from_utf8_lossy(&out.stderr).contains("exited with code 7"));
    let out =
        h.command(None).env("FOLLOWUP_PASSPHRASE_FILE", "/nonexistent/pass").args(["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
}

#[test]
fn two_writers_racing_both_land() {
    let h = Home::new();
    h.init(40);
    for round in 0..5 {
        let a = h
            .command(Some(PASSPHRASE))
            .args(["log", "mood", "--mood", "5", "--date", &days_ago(2 * round + 1)])
            .spawn()
            .unwrap();
        let b = h
            .command(Some(PASSPHRASE))
            .args(["log", "phq9", "--answers", "1,1,1,1,1,1,1,1,0", "--date", &days_ago(2 * round + 2)])
            .spawn()
            .unwrap();
        for mut c in [a, b] {
            assert!(c.wait().unwrap().success());
        }
    }
    // the same day from both sides: exactly one wins, the other is told to amend
    let a = h
        .command(Some(PASSPHRASE))
        .args(["log", "mood", "--mood", "1", "--date", &days_ago(30)])
        .output()
        .unwrap();
    let b = h
        .command(Some(PASSPHRASE))
        .args(["log", "mood", "--mood", "2", "--date", &days_ago(30)])
        .output()
        .unwrap();
    assert_eq!([a.status.code(), b.status.code()].iter().filter(|c| **c == Some(0)).count(), 1);
    assert_eq!(h.json(&["list", "--json"]).as_array().unwrap().len(), 11);
}

#[test]
fn events_are_versioned_too() {
    let h = Home::new();
    h.init(10);
    h.ok(&["event", "add", "--kind", "integration", "--date", &days_ago(3)]);
    let events = h.json(&["event", "list", "--json"]);
    assert_eq!(events.as_array().unwrap().len(), 2, "dosing + integration");
    assert_eq!(events[0]["kind"], "dosing");
    assert_eq!(events[0]["day"], 0);
    assert_eq!(events[1]["day"], 7);
    h.ok(&["event", "amend", "2", "--date", &days_ago(2), "--reason", "session moved"]);
    let events = h.json(&["event", "list", "--json"]);
    assert_eq!((events[1]["day"].as_i64(), events[1]["version"].as_i64()), (Some(8), Some(2)));
    h.ok(&["event", "retract", "2", "--reason", "cancelled"]);
    assert_eq!(h.json(&["event", "list", "--json"]).as_array().unwrap().len(), 1);
    assert_eq!(h.run(&["event", "retract", "2", "--reason", "again"]).code, 2);
}

#[test]
fn a_plain_or_foreign_file_is_refused() {
    let h = Home::new();
    std::fs::create_dir_all(h.data()).unwrap();
    std::fs::write(h.db(), b"SQLite format 3\0 and then some plain bytes").unwrap();
    let r = h.run(&["list"]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("not an encrypted followup database"), "{}", r.stderr);
    std::fs::write(h.db(), vec![0x5a; 8192]).unwrap();
    let r = h.run(&["list"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert_eq!(std::fs::read(h.db()).unwrap(), vec![0x5a; 8192]);
    let r = Home::new().run(&["list"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("followup init"), "{}", r.stderr);
}

#[test]
fn status_shows_the_baseline_the_change_to_one_decimal_and_the_course() {
    let h = Home::new();
    h.init(10);
    // days -3 and -1: a baseline of 14.5, the mean of two
    h.ok(&["log", "phq9", "--answers", "2,2,2,2,2,2,2,0,0", "--date", &days_ago(13)]);
    h.ok(&["log", "phq9", "--answers", "2,2,2,2,2,2,1,2,0", "--date", &days_ago(11)]);
    for n in [8, 5, 2] {
        h.ok(&["log", "phq9", "--answers", "1,1,1,1,1,1,0,0,0", "--date", &days_ago(n)]);
    }
    let out = h.run(&["status"]).stdout;
    // the participant's own words; the clinical ones are for review and the brief
    assert!(out.contains("Latest PHQ-9: 6 (mild) on day 8, 8.5 lower than your starting score\n"), "{out}");
    // the words are of the latest week's mean, never of one day
    assert!(out.contains("Your week 2 average, 6.0: much better than before the session"), "{out}");
    assert!(
        out.contains("Your starting score: 14.5, from the average of your 2 PHQ-9s before the session"),
        "{out}"
    );
    assert!(
        out.contains("Weekly: score at least halved since day 2 (week 1) \u{b7} 2 weeks so far"),
        "{out}"
    );
    for clinical in ["baseline", "response", "clinically important", "change -"] {
        assert!(!out.contains(clinical), "{clinical}: {out}");
    }
    let brief = h.ok(&["report", "--db"]);
    assert!(brief.contains("14.5 (mean of 2 PHQ-9s, days -14 to -1)"), "{brief}");
    // set up today: the days before count for nothing, as on the dashboard
    assert!(out.contains(&format!("Check-ins count from {}", today())), "{out}");
    h.ok(&["log", "mood", "--mood", "6"]);
    let out = h.run(&["status"]).stdout;
    assert!(out.contains(&format!("Check-ins since {}: mood 100% (1/1 days)", today())), "{out}");
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let h = Home::new();
    let bash = h.ok(&["completions", "bash"]);
    assert!(bash.contains("_followup()") && bash.contains("checkin") && bash.contains("restore"), "{bash}");
    // the script is valid bash
    let check = std::process::Command::new("bash").args(["-n", "-c", &bash]).status().unwrap();
    assert!(check.success());
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        assert!(h.ok(&["completions", shell]).contains("followup"), "{shell}");
    }
    assert_eq!(h.run(&["completions", "tcsh"]).code, 2);
    let man = h.ok(&["man"]);
    assert!(man.contains(".TH followup 1") && man.contains("backup") && man.contains("remind"), "{man}");
}

#[test]
fn one_days_score_is_shown_as_the_latest_never_labelled() {
    let h = Home::new();
    h.init(21);
    for day in 1..=14 {
        h.ok(&["log", "phq9", "--answers", "3,3,3,3,2,2,2,2,0", "--date", &days_ago(21 + day)]);
    }
    for ago in 1..=6 {
        h.ok(&["log", "phq9", "--answers", "2,2,2,2,1,1,1,1,0", "--date", &days_ago(ago)]);
    }
    // today, day 21: one score of 9 would read "reliable recovery"
    h.ok(&["log", "phq9", "--answers", "2,2,1,1,1,1,1,0,0"]);
    let brief = h.ok(&["report", "--db", "--format", "txt"]);
    assert!(brief.contains("Latest PHQ-9: 9 (mild) on day 21"), "{brief}");
    assert!(
        brief.contains("Outcome, week 3 (mean 11.6 of 7 PHQ-9s; change -8.4): reliable improvement"),
        "{brief}"
    );
    let labelled = |text: &str, marker: &str| {
        text.lines().filter(|l| l.contains(marker)).any(|l| l.contains("recovery"))
    };
    assert!(!labelled(&brief, "Outcome"), "{brief}");
    let sealed = h.dir.path().join("mine.age");
    let (identity, recipient) = followup::share::seal::keygen(followup::clock::system().to_utc());
    let id = h.dir.path().join("id.txt");
    std::fs::write(&id, identity.as_bytes()).unwrap();
    h.ok(&["export", "-r", &recipient, "-o", sealed.to_str().unwrap()]);
    let caseload =
        h.ok(&["report", h.dir.path().to_str().unwrap(), "-i", id.to_str().unwrap(), "--format", "txt"]);
    assert!(caseload.contains("TRD-014"), "{caseload}");
    assert!(!labelled(&caseload, "TRD-014"), "the caseload's outcome is the week's: {caseload}");
}

#[test]
fn an_event_two_years_ahead_is_taken_for_a_typo_in_the_year() {
    let h = Home::new();
    h.init(10);
    let ahead = (followup::clock::system().date_naive() + chrono::Days::new(730)).to_string();
    let before = h.snapshot();
    for args in [
        vec!["event", "add", "--kind", "integration", "--date", ahead.as_str()],
        vec!["event", "amend", "1", "--date", ahead.as_str(), "--reason", "moved"],
    ] {
        let r = h.run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
        assert!(
            r.stderr.contains("a typo in the year?") || r.stderr.contains("dosing session"),
            "{}",
            r.stderr
        );
    }
    assert_eq!(h.snapshot(), before, "nothing changed");
    // a session booked a month ahead is fine
    h.ok(&["event", "add", "--kind", "integration", "--date", &days_ago(-30)]);
    let r = h.run(&["event", "amend", "2", "--date", &ahead, "--reason", "moved"]);
    assert!(r.stderr.contains("a typo in the year?"), "{}", r.stderr);
}
