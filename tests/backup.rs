//! Nothing lost: backups made while another process has the database open,
//! restores from a backup and from a passphrase-sealed export that give back
//! exactly what the database printed, the daily backup, and restores that
//! refuse (an existing database; a truncated, random, wrongly keyed file)
//! and create nothing. Through the real binary, on real encrypted files.

mod common;

use common::{Home, PASSPHRASE, days_ago};
use std::path::PathBuf;

/// A record with the things a restore must keep: late entries, a note, a
/// correction, a retraction, item 9, events amended and retracted.
fn record(h: &Home) {
    h.init(30);
    h.ok(&[
        "log",
        "mood",
        "--mood",
        "4",
        "--anxiety",
        "6",
        "--sleep",
        "6.5",
        "--tag",
        "walk",
        "--date",
        &days_ago(20),
    ]);
    h.ok(&["log", "phq9", "--answers", "2,2,1,1,1,1,1,1,1", "--date", &days_ago(20)]);
    h.run_stdin(
        &["log", "mood", "--mood", "6", "--note-file", "-", "--date", &days_ago(12)],
        "Walked 'by' the river;\nfelt lighter.",
    );
    h.ok(&["log", "phq9", "--answers", "1,1,1,1,1,1,0,0,0", "--date", &days_ago(12)]);
    h.ok(&["log", "mood", "--mood", "7"]);
    h.ok(&["amend", "1", "--mood", "5", "--reason", "slider slipped"]);
    h.ok(&["retract", "4", "--reason", "logged twice"]);
    h.ok(&["event", "add", "--kind", "integration", "--date", &days_ago(10)]);
    h.ok(&["event", "add", "--kind", "medication", "--date", &days_ago(5)]);
    h.ok(&["event", "amend", "2", "--date", &days_ago(9), "--reason", "it was the next day"]);
    h.ok(&["event", "retract", "3", "--reason", "entered by mistake"]);
}

/// What the database prints: list, event list, and every entry's history
/// (the record has entries 1 to 5).
fn printed(h: &Home) -> Vec<String> {
    let mut out = vec![h.ok(&["list", "--json"]), h.ok(&["event", "list", "--json"])];
    for id in 1..=5 {
        out.push(h.ok(&["history", &id.to_string()]));
    }
    out
}

fn backups(h: &Home) -> Vec<PathBuf> {
    followup::store::backups_in(&h.data().join("backups"))
}

#[test]
fn a_backup_made_while_another_process_writes_restores_to_the_same_record() {
    let h = Home::new();
    record(&h);
    let before = printed(&h);
    // another process holds the database open, in the middle of a write
    let other = rusqlite::Connection::open(h.db()).unwrap();
    other.pragma_update(None, "key", PASSPHRASE).unwrap();
    other.execute_batch("BEGIN IMMEDIATE; INSERT INTO entries (instrument) VALUES ('mood');").unwrap();
    let usb = h.dir.path().join("usb");
    let out = h.ok(&["backup", "--create", "--to", usb.to_str().unwrap()]);
    assert!(out.contains("entry versions") && out.contains("checked"), "{out}");
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    let copy = followup::store::backups_in(&usb).pop().unwrap();
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&copy).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600, "owner-only");
    assert!(!common::contains(&std::fs::read(&copy).unwrap(), b"Walked"), "encrypted");

    let restored = Home::new();
    let r = restored.run(&["restore", copy.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(printed(&restored), before, "list, event list and history as they were");
}

#[test]
fn a_passphrase_sealed_export_restores_every_version_with_its_times_and_ids() {
    let h = Home::new();
    record(&h);
    let before = printed(&h);
    let sealed = h.dir.path().join("mine.age");
    let export = h
        .command(Some(PASSPHRASE))
        .env("FOLLOWUP_EXPORT_PASSPHRASE", "export passphrase for myself")
        .args(["export", "--passphrase", "-o", sealed.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));

    let restored = Home::new();
    let out = restored
        .command(Some("a new passphrase for the new laptop"))
        .env("FOLLOWUP_EXPORT_PASSPHRASE", "export passphrase for myself")
        .args(["restore", sealed.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("do not carry the care contact"), "says so: {stdout}");
    let now = |args: &[&str]| restored.run_with(Some("a new passphrase for the new laptop"), args).stdout;
    let mut after = vec![now(&["list", "--json"]), now(&["event", "list", "--json"])];
    for id in 1..=5 {
        after.push(now(&["history", &id.to_string()]));
    }
    assert_eq!(after, before, "list, event list and history as they were");

    // with --care-contact it is set
    let third = Home::new();
    let out = third
        .command(Some("a new passphrase for the new laptop"))
        .env("FOLLOWUP_EXPORT_PASSPHRASE", "export passphrase for myself")
        .args(["restore", sealed.to_str().unwrap(), "--care-contact", "Dr. Rivera, 555-0100"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("care contact you gave"));
}

#[test]
fn restore_never_overwrites_and_a_bad_file_creates_nothing() {
    let h = Home::new();
    record(&h);
    let backup = h.dir.path().join("b");
    h.ok(&["backup", "--create", "--to", backup.to_str().unwrap()]);
    let good = followup::store::backups_in(&backup).pop().unwrap();

    // over an existing database: exit 2, nothing changed
    let before = h.snapshot();
    let r = h.run(&["restore", good.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(h.snapshot(), before);

    let bytes = std::fs::read(&good).unwrap();
    let bad = |name: &str, content: &[u8]| -> PathBuf {
        let p = h.dir.path().join(name);
        std::fs::write(&p, content).unwrap();
        p
    };
    let random: Vec<u8> = (0..9000u32).map(|i| (i.wrapping_mul(2654435761) >> 11) as u8).collect();
    let mut flipped = bytes.clone();
    flipped[5000] ^= 0x20;
    let cases: Vec<(PathBuf, Option<&str>)> = vec![
        (bad("truncated.db", &bytes[..bytes.len() / 3]), None),
        (bad("random.db", &random), None),
        (bad("flipped.db", &flipped), None),
        (bad("empty.db", b""), None),
        (bad("plain.db", b"SQLite format 3\0 and then nothing"), None),
        (bad("export.age", b"age-encryption.org/v1\n-> X25519 nonsense\n"), None),
        (good.clone(), Some("a wrong passphrase here")),
    ];
    for (file, passphrase) in cases {
        let fresh = Home::new();
        let r = fresh.run_with(Some(passphrase.unwrap_or(PASSPHRASE)), &["restore", file.to_str().unwrap()]);
        assert_ne!(r.code, 0, "{}: {}", file.display(), r.stdout);
        assert_eq!(r.stderr.lines().count(), 1, "one line: {}", r.stderr);
        assert!(r.stderr.contains("nothing was created"), "{}: {}", file.display(), r.stderr);
        assert!(!fresh.data().exists(), "{}: the data folder was left behind", file.display());
    }
    // another program's database under the same passphrase: named, not read
    let foreign = h.dir.path().join("foreign.db");
    let conn = rusqlite::Connection::open(&foreign).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');").unwrap();
    drop(conn);
    let foreign_bytes = std::fs::read(&foreign).unwrap();
    let fresh = Home::new();
    let r = fresh.run(&["restore", foreign.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("is not a followup") && r.stderr.contains("nothing was created"),
        "{}",
        r.stderr
    );
    assert!(!fresh.data().exists());
    assert_eq!(std::fs::read(&foreign).unwrap(), foreign_bytes, "the foreign file is left as it was");

    // a file that cannot be a backup is named as such, not as a wrong passphrase
    let text = bad("notes.txt", "a text file, whole pages long\n".repeat(512).as_bytes());
    let r = Home::new().run(&["restore", text.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("is not a followup backup") && !r.stderr.contains("passphrase"),
        "{}",
        r.stderr
    );
}

/// A damaged database moved away without its write-ahead log: SQLite would
/// replay the log into a new database at that name, which then would not
/// open. Restore and set-up refuse, and leave the log as it is.
#[test]
fn a_log_left_by_an_earlier_database_is_never_read_into_a_new_one() {
    let h = Home::new();
    record(&h);
    let backup = h.dir.path().join("b");
    h.ok(&["backup", "--create", "--to", backup.to_str().unwrap()]);
    let good = followup::store::backups_in(&backup).pop().unwrap();

    let fresh = Home::new();
    std::fs::create_dir_all(fresh.data()).unwrap();
    let wal = fresh.data().join("followup.db-wal");
    std::fs::write(&wal, b"a write-ahead log from another database").unwrap();
    let before = fresh.snapshot();
    let r = fresh.run(&["restore", good.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("followup.db-wal was left by an earlier database"), "{}", r.stderr);
    assert_eq!(fresh.snapshot(), before, "nothing made, the log left as it was");

    let r = fresh.run(&["init", "--participant", "TRD-015", "--dosing-date", &days_ago(3)]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("move it away together with that database"), "{}", r.stderr);
    assert_eq!(fresh.snapshot(), before);

    // moved away with its database, the restore goes ahead and opens
    std::fs::remove_file(&wal).unwrap();
    fresh.ok(&["restore", good.to_str().unwrap()]);
    assert_eq!(printed(&fresh), printed(&h));
}

#[test]
fn the_first_save_of_a_day_makes_the_days_backup_unless_switched_off() {
    let h = Home::new();
    h.init(10);
    assert!(backups(&h).is_empty(), "init is not a save of a record");
    h.ok(&["log", "mood", "--mood", "5"]);
    let first = backups(&h);
    assert_eq!(first.len(), 1);
    let name = first[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with(&format!("followup-{}-", common::today())), "{name}");
    h.ok(&["log", "phq9", "--answers", "0,0,0,0,0,0,0,0,0"]);
    assert_eq!(backups(&h), first, "one a day");

    // with eight older ones there, a backup keeps the newest seven
    for day in 1..=8 {
        let old = h.data().join(format!("backups/followup-2026-01-{day:02}-120000.db"));
        std::fs::write(&old, b"old").unwrap();
        let written = chrono::NaiveDate::from_ymd_opt(2026, 1, day).unwrap().and_hms_opt(12, 0, 0).unwrap();
        let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(written.and_utc().timestamp() as u64);
        std::fs::File::options().write(true).open(&old).unwrap().set_modified(at).unwrap();
    }
    h.ok(&["backup"]);
    let kept = backups(&h);
    assert_eq!(kept.len(), followup::store::KEEP);
    assert!(kept.iter().any(|p| p.ends_with(first[0].file_name().unwrap())), "the newest stay");
    assert!(!kept.iter().any(|p| p.ends_with("followup-2026-01-02-120000.db")), "the oldest go");

    let off = Home::new();
    off.init(10);
    let shown = off.ok(&["profile"]);
    assert!(
        shown.contains("Daily backup: on, the first save of each day copies the database to "),
        "{shown}"
    );
    assert!(shown.contains("`followup backup --daily off` switches it off"), "{shown}");
    assert!(off.ok(&["backup", "--daily", "off"]).contains("off"));
    off.ok(&["log", "mood", "--mood", "5"]);
    assert!(backups(&off).is_empty(), "switched off");
    let shown = off.ok(&["profile"]);
    assert!(
        shown.contains("Daily backup: off (`followup backup --daily on` switches it on again)"),
        "{shown}"
    );
    assert!(!shown.contains("Daily backup: on"), "{shown}");
    off.ok(&["backup", "--daily", "on"]);
    assert!(off.ok(&["profile"]).contains("Daily backup: on"));
}

#[test]
fn a_failed_daily_backup_is_said_and_the_save_stands() {
    let h = Home::new();
    h.init(10);
    // something in the way of the backups folder
    std::fs::write(h.data().join("backups"), b"not a folder").unwrap();
    let r = h.run(&["log", "mood", "--mood", "6"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("today's automatic backup failed"), "{}", r.stderr);
    let list: serde_json::Value = serde_json::from_str(&h.ok(&["list", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "saved");
}

#[test]
fn a_backup_named_in_the_past_by_a_clock_set_back_is_kept() {
    let h = Home::new();
    h.init(30);
    for _ in 0..followup::store::KEEP {
        h.ok(&["backup"]);
    }
    // the clock goes back ten days (or the laptop moves west): the new
    // backup's name is the oldest, and it is the one the message names
    let mut c = h.command_of("faketime", Some(PASSPHRASE));
    c.arg("-f").arg("-10d").arg(env!("CARGO_BIN_EXE_followup")).arg("backup");
    let r = common::Run::from(c.output().expect("faketime is installed (see .ci/run)"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let named = r.stdout.lines().next().unwrap().rsplit(" to ").next().unwrap();
    let named = named.split(" (checked").next().unwrap();
    assert!(std::path::Path::new(named).exists(), "the backup just made stays: {}", r.stdout);
    assert_eq!(backups(&h).len(), followup::store::KEEP);
    assert_eq!(backups(&h).last().map(|p| p.display().to_string()).as_deref(), Some(named));
}

#[test]
fn a_backup_to_a_folder_that_does_not_exist_is_refused_unless_asked_to_create_it() {
    let h = Home::new();
    h.init(10);
    let unmounted = h.dir.path().join("media/usb");
    let r = h.run(&["backup", "--to", unmounted.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("--create"), "{}", r.stderr);
    assert!(!h.dir.path().join("media").exists(), "nothing made");
    h.ok(&["backup", "--create", "--to", unmounted.to_str().unwrap()]);
    assert_eq!(followup::store::backups_in(&unmounted).len(), 1);
}

#[test]
fn a_passphrase_change_makes_a_backup_under_the_new_one_at_once() {
    let h = Home::new();
    record(&h);
    let older = backups(&h);
    assert_eq!(older.len(), 1, "the day's backup, under the old passphrase");
    let new = "amber kettle drifts north";
    let mut c = h.command(Some(PASSPHRASE));
    c.env("FOLLOWUP_NEW_PASSPHRASE", new).arg("passphrase");
    let r = common::Run::from(c.output().unwrap());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("A fresh backup under the new passphrase"), "{}", r.stdout);
    assert!(r.stdout.contains("The backup made before"), "{}", r.stdout);
    assert!(r.stdout.contains("still opens with the old passphrase only"), "{}", r.stdout);
    let fresh = backups(&h).into_iter().find(|p| !older.contains(p)).expect("a new backup");
    let restored = Home::new();
    let r = restored.run_with(Some(new), &["restore", fresh.to_str().unwrap()]);
    assert_eq!(r.code, 0, "the new passphrase opens the fresh backup: {}", r.stderr);
    let again = Home::new();
    let r = again.run_with(Some(new), &["restore", older[0].to_str().unwrap()]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("opens with the passphrase of its day"), "{}", r.stderr);
}
