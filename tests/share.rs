//! Exports through the real binary, read back with the library's reader.

mod common;

use common::{Home, contains, days_ago};
use followup::share::{self, OpenError, ReadError};
use followup::store::Store;
use secrecy::SecretString;

fn identity(h: &Home) -> (Vec<Box<dyn age::Identity + Send + Sync>>, String) {
    let path = h.dir.path().join("therapist.txt");
    let recipient = h.ok(&["keygen", "-o", path.to_str().unwrap()]).trim().to_string();
    let ids = share::seal::identities_from(&std::fs::read_to_string(&path).unwrap()).unwrap();
    (ids, recipient)
}

/// A week with notes, a correction, a retraction, a late entry, an item-9 day and an event.
fn filled() -> Home {
    let h = Home::new();
    h.init(6);
    for n in (1..=5).rev() {
        h.run_stdin(
            &["log", "mood", "--mood", "5", "--date", &days_ago(n), "--note-file", "-"],
            &format!("NOTE-MARKER day {n}"),
        );
        let answers = if n == 3 { "1,1,1,1,1,1,1,1,1" } else { "2,1,1,1,1,1,1,0,0" };
        h.ok(&["log", "phq9", "--answers", answers, "--date", &days_ago(n)]);
    }
    h.ok(&["amend", "1", "--mood", "6", "--reason", "slipped"]);
    h.ok(&["retract", "3", "--reason", "wrong day"]);
    h.run_stdin(
        &["event", "add", "--kind", "integration", "--date", &days_ago(2), "--note-file", "-"],
        "EVENT-NOTE-MARKER",
    );
    h
}

fn journal(h: &Home) -> followup::journal::Journal {
    Store::open(&h.data(), &SecretString::from(common::PASSPHRASE.to_string())).unwrap().journal().unwrap()
}

#[test]
fn native_round_trip_keeps_every_version_and_event() {
    let h = filled();
    let (ids, recipient) = identity(&h);
    let out = h.ok(&["export", "-r", &recipient]);
    let file = h.dir.path().join(format!("TRD-014-{}.native.age", days_ago(0)));
    assert!(out.contains(file.file_name().unwrap().to_str().unwrap()), "{out}");
    let export = share::open(&file, &ids).unwrap();
    let db = journal(&h);
    assert_eq!(export.journal.entries, db.entries, "all entries with all versions");
    assert_eq!(export.journal.events, db.events);
    assert_eq!(export.journal.profile.window, db.profile.window);
    assert_eq!(export.journal.profile.participant, "TRD-014");
    assert_eq!(export.journal.profile.care_contact, None);
    assert!(!export.meta.filters.notes_withheld);
    assert_eq!(export.safety_flags.len(), 1);
    assert_eq!(export.safety_flags[0].item9, 1);
    assert!(export.journal.entries.iter().any(|e| e.is_retracted()), "the retraction travels");
    assert!(export.journal.entries.iter().any(|e| e.is_corrected()), "the correction travels");
}

#[test]
fn no_notes_leaves_no_note_text_anywhere() {
    let h = filled();
    let (ids, recipient) = identity(&h);
    for format in ["native", "fhir", "csv"] {
        let out = h.dir.path().join(format!("x.{format}.age"));
        h.ok(&["export", "-r", &recipient, "--no-notes", "--format", format, "-o", out.to_str().unwrap()]);
        let plain = share::seal::unseal(&std::fs::read(&out).unwrap(), &ids).unwrap();
        assert!(!contains(&plain, b"NOTE-MARKER"), "{format} still holds a note");
        assert!(contains(&plain, b"TRD-014"));
    }
    let out = h.dir.path().join("x.native.age");
    let export = share::open(&out, &ids).unwrap();
    assert!(export.meta.filters.notes_withheld);
    assert_eq!(export.journal.entries.len(), journal(&h).entries.len());
    assert!(export.safety_flags.len() == 1, "safety flags are always included");
}

#[test]
fn date_filters_limit_the_days_but_keep_safety_flags() {
    let h = filled();
    let (ids, recipient) = identity(&h);
    let out = h.dir.path().join("range.age");
    h.ok(&[
        "export",
        "-r",
        &recipient,
        "--from",
        &days_ago(2),
        "--to",
        &days_ago(1),
        "-o",
        out.to_str().unwrap(),
    ]);
    let export = share::open(&out, &ids).unwrap();
    let in_range = |e: &&followup::record::Entry| [days_ago(2), days_ago(1)].contains(&e.day().to_string());
    let outside: Vec<_> = export.journal.entries.iter().filter(|e| !in_range(e)).collect();
    assert!(export.journal.entries.iter().filter(in_range).count() >= 3);
    assert_eq!(outside.len(), 1, "only the safety-flagged entry travels from outside the range");
    assert!(outside[0].ever_safety_signal());
    assert_eq!(export.meta.filters.from.unwrap().to_string(), days_ago(2));
    assert_eq!(
        export.safety_flags.len(),
        1,
        "the item-9 day (3 days ago) is outside the range but still flagged"
    );
    assert!(export.journal.events.iter().all(|e| e.current().data.date.to_string() == days_ago(2)));
}

#[test]
fn a_range_with_nothing_of_the_record_is_refused_and_the_message_says_how_much_went() {
    let h = filled();
    let (_, recipient) = identity(&h);
    let out = h.dir.path().join("empty.age");
    for (flag, day, refusal) in [
        ("--from", days_ago(-1), "is after today"),
        ("--to", "2001-01-01".into(), "before the record begins"),
    ] {
        let r = h.run(&["export", "-r", &recipient, flag, &day, "-o", out.to_str().unwrap()]);
        assert_eq!(r.code, 2, "{flag} {day}: {}", r.stderr);
        assert!(r.stderr.contains(refusal) && r.stderr.contains(&format!("{flag} {day}")), "{}", r.stderr);
        assert_eq!(r.stderr.trim().lines().count(), 1, "one line: {}", r.stderr);
        assert!(!out.exists(), "nothing sealed for {flag} {day}");
    }
    // two days: the entries on them and the safety-flagged day from outside
    let out = h.ok(&[
        "export",
        "-r",
        &recipient,
        "--from",
        &days_ago(2),
        "--to",
        &days_ago(1),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(out.contains("Exported 5 entries on 3 days and 1 event"), "{out}");
}

/// The range is held against what the record holds, not only its window:
/// entries from before a dosing date corrected later still go.
#[test]
fn a_range_that_holds_entries_outside_the_window_is_exported() {
    let h = Home::new();
    h.init(5);
    h.ok(&["log", "mood", "--mood", "4", "--date", &days_ago(4)]);
    h.ok(&["profile", "--dosing-date", &days_ago(-88), "--reason", "the session was rescheduled"]);
    let (_, recipient) = identity(&h);
    let out = h.dir.path().join("early.age");
    let to = days_ago(3);
    let r = h.run(&["export", "-r", &recipient, "--to", &to, "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Exported 1 entry"), "{}", r.stdout);
}

#[test]
fn an_export_never_holds_the_passphrase_or_the_care_contact() {
    let h = filled();
    let (ids, recipient) = identity(&h);
    for format in ["native", "fhir", "csv"] {
        let out = h.dir.path().join(format!("all.{format}.age"));
        h.ok(&["export", "-r", &recipient, "--format", format, "-o", out.to_str().unwrap()]);
        let plain = share::seal::unseal(&std::fs::read(&out).unwrap(), &ids).unwrap();
        assert!(!contains(&plain, common::PASSPHRASE.as_bytes()), "{format} holds the passphrase");
        assert!(!contains(&plain, b"Rivera"), "{format} holds the care contact");
        assert!(!contains(&plain, b"555-0100"), "{format} holds the care contact");
        let sealed = std::fs::read(&out).unwrap();
        assert!(
            !contains(&sealed, b"TRD-014") && !contains(&sealed, b"NOTE-MARKER"),
            "{format} is not sealed"
        );
    }
}

#[test]
fn plaintext_only_on_request_and_with_a_warning() {
    let h = filled();
    let r = h.run(&["export"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--recipient"), "{}", r.stderr);
    let r = h.run(&["export", "--plaintext", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("NOT encrypted"), "{}", r.stderr);
    let csv = std::fs::read_to_string(h.dir.path().join(format!("TRD-014-{}.csv", days_ago(0)))).unwrap();
    assert!(csv.starts_with("participant,entry_id,instrument,date,day"));
    h.ok(&["export", "--plaintext", "--format", "fhir"]);
    let names: std::collections::BTreeSet<String> = std::fs::read_dir(h.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("TRD-014-"))
        .collect();
    let today = days_ago(0);
    assert_eq!(names, [format!("TRD-014-{today}.csv"), format!("TRD-014-{today}.fhir.json")].into());
    let r = h.run(&["export", "--plaintext", "--passphrase"]);
    assert_eq!(r.code, 2, "modes do not mix");
}

#[test]
fn never_overwrites_without_force_and_leaves_no_temp_files() {
    let h = filled();
    let (ids, recipient) = identity(&h);
    let out = h.dir.path().join("same.age");
    std::fs::write(&out, b"precious").unwrap();
    let r = h.run(&["export", "-r", &recipient, "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(std::fs::read(&out).unwrap(), b"precious");
    h.ok(&["export", "-r", &recipient, "-o", out.to_str().unwrap(), "--force"]);
    assert!(share::open(&out, &ids).is_ok());
    let leftovers: Vec<_> = std::fs::read_dir(h.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".part"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn armored_and_passphrase_sealed_exports_open() {
    let h = filled();
    let (ids, recipient) = identity(&h);
    let out = h.dir.path().join("armored.age");
    h.ok(&["export", "-r", &recipient, "--armor", "-o", out.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    assert!(share::open(&out, &ids).is_ok());

    let out = h.dir.path().join("pass.age");
    let r = {
        let o = h
            .command(Some(common::PASSPHRASE))
            .env("FOLLOWUP_EXPORT_PASSPHRASE", "for the therapist")
            .args(["export", "--passphrase", "-o", out.to_str().unwrap()])
            .output()
            .unwrap();
        o.status.code()
    };
    assert_eq!(r, Some(0));
    let bytes = std::fs::read(&out).unwrap();
    assert!(share::seal::is_passphrase_sealed(&bytes).unwrap());
    let err = share::open_bytes(&bytes, &ids).unwrap_err();
    assert!(matches!(err, ReadError::Open(OpenError::NeedsPassphrase)), "{err}");
    let pass = vec![share::seal::passphrase_identity(SecretString::from("for the therapist".to_string()))];
    assert_eq!(share::open_bytes(&bytes, &pass).unwrap().journal.entries, journal(&h).entries);
}

#[test]
fn bad_files_give_a_clear_error() {
    let h = filled();
    let (ids, recipient) = identity(&h);
    let good = h.dir.path().join("good.age");
    h.ok(&["export", "-r", &recipient, "-o", good.to_str().unwrap()]);
    let bytes = std::fs::read(&good).unwrap();
    let (other, _) = {
        let h2 = Home::new();
        identity(&h2)
    };
    let err = |b: &[u8], ids: &[Box<dyn age::Identity + Send + Sync>]| {
        share::open_bytes(b, ids).unwrap_err().to_string()
    };
    assert!(err(&bytes, &other).contains("none of your identities"));
    assert!(err(&bytes[..bytes.len() / 2], &ids).contains("damaged or truncated"));
    let mut flipped = bytes.clone();
    let at = flipped.len() - 40;
    flipped[at] ^= 0x01;
    assert!(err(&flipped, &ids).contains("damaged or truncated"));
    assert!(err(b"", &ids).contains("empty"));
    assert!(err(&[0x17; 4096], &ids).contains("not an age-encrypted file"));
    assert!(err(br#"{"format":"followup-export","version":1}"#, &ids).contains("not an age-encrypted file"));

    // a well-sealed document that is not what it should be
    let seal_json = |json: &str| {
        share::seal::seal(
            json.as_bytes(),
            &share::Seal::Recipients(vec![share::seal::recipient(&recipient).unwrap()]),
            false,
            Vec::new(),
        )
        .unwrap()
    };
    let plain = share::seal::unseal(&bytes, &ids).unwrap();
    let mut doc: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    doc["version"] = 999.into();
    assert!(err(&seal_json(&doc.to_string()), &ids).contains("newer followup"));
    doc["version"] = 1.into();
    doc["format"] = "something-else".into();
    assert!(err(&seal_json(&doc.to_string()), &ids).contains("not a followup export"));
    doc["format"] = "followup-export".into();
    doc["entries"][0]["versions"][0]["answers"] = serde_json::json!([9, 9, 9, 9, 9, 9, 9, 9, 9]);
    doc["entries"][0]["versions"][0]["instrument"] = "phq9".into();
    assert!(err(&seal_json(&doc.to_string()), &ids).contains("inconsistent"));
    assert!(err(&seal_json("[1,2,3]"), &ids).contains("not a followup export"));
}

#[test]
fn a_sealed_document_that_is_not_json_is_named_without_the_parsers_position() {
    let err = followup::share::Export::from_json(b"PK\x03\x04 a zip file, perhaps").unwrap_err().to_string();
    assert_eq!(
        err,
        "not a followup export: what is sealed inside is not a followup document (it is not JSON)"
    );
    // JSON of the wrong shape keeps the parser's words, cleaned: they say what is wrong
    let err = followup::share::Export::from_json(br#"{"format": 3}"#).unwrap_err().to_string();
    assert!(err.starts_with("not a followup export: invalid type"), "{err}");
}

#[test]
fn a_failing_export_passphrase_source_is_the_refusal() {
    let h = filled();
    let sealed = h.dir.path().join("pass.age");
    let out = h
        .command(Some(common::PASSPHRASE))
        .env("FOLLOWUP_EXPORT_PASSPHRASE", "for the therapist")
        .args(["export", "--passphrase", "-o", sealed.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let missing = h.dir.path().join("nonexistent");
    let other = Home::new();
    for (source, says) in [(missing.to_str().unwrap(), "nonexistent"), ("/dev/zero", "/dev/zero")] {
        for args in [vec!["report", sealed.to_str().unwrap()], vec!["restore", sealed.to_str().unwrap()]] {
            let out = other
                .command(Some("a new passphrase for the new laptop"))
                .env("FOLLOWUP_EXPORT_PASSPHRASE_FILE", source)
                .args(&args)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(3), "{args:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(
                err.contains("the export passphrase: cannot read the passphrase file") && err.contains(says),
                "{args:?}: {err}"
            );
            assert!(!err.contains("set FOLLOWUP_EXPORT_PASSPHRASE"), "{err}");
            assert!(out.stdout.is_empty());
            assert!(!other.data().exists(), "nothing created");
        }
    }
    // a working source opens it
    let out = other
        .command(None)
        .env("FOLLOWUP_EXPORT_PASSPHRASE_COMMAND", "echo 'for the therapist'")
        .args(["report", sealed.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("TRD-014"));
}

/// A retracted entry that had an item-9 answer above 0 keeps its flag in
/// the CSV too (marked retracted), as in the native and FHIR exports; a
/// retracted entry without one stays out.
#[test]
fn a_retracted_item_nine_entry_keeps_its_flag_in_the_csv() {
    let h = filled();
    let flagged =
        journal(&h).entries.iter().find(|e| e.ever_safety_signal()).map(|e| e.id).expect("the item-9 day");
    h.ok(&["retract", &flagged.to_string(), "--reason", "entered for the wrong person"]);
    h.ok(&["export", "--plaintext", "--format", "csv", "-o", "all.csv"]);
    let csv = std::fs::read_to_string(h.dir.path().join("all.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let headers = rows.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let row =
        rows.iter().find(|r| r[col("entry_id")] == flagged.to_string()).expect("the flagged entry travels");
    assert_eq!((&row[col("safety")], &row[col("retracted")]), ("true", "true"));
    assert!(!rows.iter().any(|r| &r[col("entry_id")] == "3"), "a retracted entry without a flag stays out");
    assert!(rows.iter().filter(|r| &r[col("retracted")] == "true").all(|r| &r[col("safety")] == "true"));
}
