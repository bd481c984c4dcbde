//! Crafted and awkward records, second round: what a caseload, a restore
//! and a report make of exports that disagree with each other or with
//! themselves. Every file is built here, sealed with a real age key.

mod common;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeZone};
use common::Home;
use followup::journal::Journal;
use followup::share::{self, Export, Filters, Seal};
use std::path::{Path, PathBuf};

/// A key pair in `dir`: the identity file and the recipient.
fn keys(dir: &Path) -> (PathBuf, String) {
    let (identity, recipient) = share::seal::keygen(followup::clock::system().to_utc());
    let path = dir.join("identity.txt");
    std::fs::write(&path, identity.as_bytes()).unwrap();
    (path, recipient)
}

/// A six-month demo record as of `today`, with its item-9 answers (or with
/// every flagged entry taken out).
fn record(today: NaiveDate, flagged: bool) -> Journal {
    let mut j = followup::demo::Demo::six_months("TRD-031", today, 5).journal();
    if !flagged {
        j.entries.retain(|e| !e.ever_safety_signal());
    }
    assert_eq!(
        followup::overview::safety_flags(&j, &[]).is_empty(),
        !flagged,
        "the demo record has an item-9 answer to take out"
    );
    j
}

fn at(date: NaiveDate) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(0).unwrap().from_local_datetime(&date.and_hms_opt(18, 0, 0).unwrap()).unwrap()
}

/// Seal a document (as JSON) to `recipient` at `path`.
fn seal_json(doc: &serde_json::Value, recipient: &str, path: &Path) {
    let to = Seal::Recipients(vec![share::seal::recipient(recipient).unwrap()]);
    let sealed = share::seal::seal(&serde_json::to_vec(doc).unwrap(), &to, false, Vec::new()).unwrap();
    std::fs::write(path, sealed).unwrap();
}

fn seal_export(export: &Export, recipient: &str, path: &Path) {
    seal_json(&serde_json::from_slice(&export.to_json()).unwrap(), recipient, path);
}

/// The caseload brief's safety list of the one participant, as JSON.
fn json_safety(h: &Home, dir: &Path, id: &Path) -> Vec<serde_json::Value> {
    let v = h.json(&["report", dir.to_str().unwrap(), "-i", id.to_str().unwrap(), "--format", "json"]);
    assert_eq!(v["participants"].as_array().unwrap().len(), 1, "{v}");
    v["participants"][0]["safety"].as_array().unwrap().clone()
}

#[test]
fn an_item_9_answer_in_a_set_aside_export_stays_on_the_caseload() {
    let today = followup::clock::system().date_naive();
    let october = today - Days::new(60);
    let h = Home::new();
    let (id, recipient) = keys(h.dir.path());
    let flags_in_full = followup::overview::safety_flags(&record(today, true), &[]);

    // a full export without item 9, and a later partial one with it: the
    // figures come from the full one, the flag from the partial one
    let case = h.dir.path().join("partial-later");
    std::fs::create_dir(&case).unwrap();
    let full = Export::new(&record(october, false), Filters::default(), at(october));
    seal_export(&full, &recipient, &case.join("october.age"));
    let from = flags_in_full.last().unwrap().date;
    let partial =
        Export::new(&record(today, true), Filters { from: Some(from), ..Filters::default() }, at(today));
    seal_export(&partial, &recipient, &case.join("december.age"));

    // an older full export with the flag, and a newer one without it (made
    // after restoring an earlier backup): the newer is used
    let restored = h.dir.path().join("restored-later");
    std::fs::create_dir(&restored).unwrap();
    seal_export(
        &Export::new(&record(october, true), Filters::default(), at(october)),
        &recipient,
        &restored.join("older.age"),
    );
    seal_export(
        &Export::new(&record(today, false), Filters::default(), at(today)),
        &recipient,
        &restored.join("newer.age"),
    );

    for (dir, aside) in [(&case, "december.age"), (&restored, "older.age")] {
        let safety = json_safety(&h, dir, &id);
        assert!(!safety.is_empty(), "{}: the flag is in the JSON brief", dir.display());
        assert!(
            safety.iter().all(|f| f["source"] == "other_file" && f["file"] == aside),
            "{}: each flag names the file it came from: {safety:?}",
            dir.display()
        );
        let txt = h.ok(&["report", dir.to_str().unwrap(), "-i", id.to_str().unwrap(), "--format", "txt"]);
        assert!(txt.starts_with("!!! SAFETY"), "the flag comes first:\n{txt}");
        assert!(txt.contains(&format!("from {aside}, another export set aside")), "{txt}");
        for format in ["md", "html"] {
            let out =
                h.ok(&["report", dir.to_str().unwrap(), "-i", id.to_str().unwrap(), "--format", format]);
            assert!(out.contains("item 9 answered"), "{format}: {out}");
        }
        // the review's caseload row, whose Item 9 column reads these flags
        let ids = followup::review::identities(std::slice::from_ref(&id)).unwrap();
        let (loaded, failed) =
            followup::review::load(&followup::review::expand(std::slice::from_ref(dir)), &ids, &mut || None);
        assert!(failed.is_empty());
        let c = followup::review::caseload(loaded, failed);
        assert_eq!(c.rows.len(), 1);
        assert_eq!(c.rows[0].set_aside.len(), 1);
        assert_eq!(c.rows[0].overview.safety.len(), flags_in_full.len(), "every flag, once");
    }
}

#[test]
fn a_flag_found_in_both_exports_is_listed_once_as_an_answer() {
    let today = followup::clock::system().date_naive();
    let h = Home::new();
    let (id, recipient) = keys(h.dir.path());
    let dir = h.dir.path().join("both");
    std::fs::create_dir(&dir).unwrap();
    let j = record(today, true);
    for (name, hours) in [("a.age", 2), ("b.age", 0)] {
        let made = at(today) - chrono::Duration::hours(hours);
        seal_export(&Export::new(&j, Filters::default(), made), &recipient, &dir.join(name));
    }
    let safety = json_safety(&h, &dir, &id);
    let expected = followup::overview::safety_flags(&record(today, true), &[]).len();
    assert_eq!(safety.len(), expected, "{safety:?}");
    assert!(safety.iter().all(|f| f["source"] == "answer"), "{safety:?}");
}

/// A whole export of a real record (made with the binary) as JSON, ready to
/// be changed and sealed.
fn real_export(h: &Home, recipient: &str) -> serde_json::Value {
    h.init(30);
    for (ago, answers) in [(12, "2,2,2,2,2,2,2,2,0"), (5, "1,1,1,1,1,1,1,1,0")] {
        h.ok(&["log", "phq9", "--answers", answers, "--date", &common::days_ago(ago)]);
    }
    h.ok(&["log", "mood", "--mood", "5", "--date", &common::days_ago(5)]);
    let sealed = h.dir.path().join("real.age");
    h.ok(&["export", "-r", recipient, "-o", sealed.to_str().unwrap()]);
    let ids = followup::review::identities(&[h.dir.path().join("identity.txt")]).unwrap();
    let export = share::open(&sealed, &ids).unwrap();
    serde_json::from_slice(&export.to_json()).unwrap()
}

/// Restore `doc` into a fresh data folder: the run, and whether a database
/// was made.
fn restore(h: &Home, doc: &serde_json::Value, recipient: &str, name: &str) -> (common::Run, bool) {
    let file = h.dir.path().join(format!("{name}.age"));
    seal_json(doc, recipient, &file);
    let data = h.dir.path().join(format!("restored-{name}"));
    let id = h.dir.path().join("identity.txt");
    let r = h.run(&[
        "--data-dir",
        data.to_str().unwrap(),
        "restore",
        file.to_str().unwrap(),
        "-i",
        id.to_str().unwrap(),
        "--care-contact",
        "Dr. Rivera",
    ]);
    (r, data.join("followup.db").exists())
}

fn phq9_entry(doc: &serde_json::Value) -> usize {
    doc["entries"].as_array().unwrap().iter().position(|e| e["versions"][0]["instrument"] == "phq9").unwrap()
}

#[test]
fn restore_refuses_records_the_commands_themselves_refuse() {
    let h = Home::new();
    let (_, recipient) = keys(h.dir.path());
    let doc = real_export(&h, &recipient);
    let (r, made) = restore(&h, &doc, &recipient, "control");
    assert_eq!(r.code, 0, "the record as exported restores: {}", r.stderr);
    assert!(made);

    let today = followup::clock::system().date_naive();
    let ahead = (today + Days::new(5)).to_string();
    let years_ahead =
        format!("{}-01-01T09:00:00+00:00", today.format("%Y").to_string().parse::<i32>().unwrap() + 3);
    type Change = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, &str, Change)> = vec![
        ("id-zero", "an id must be", Box::new(|d| d["entries"][0]["id"] = 0.into())),
        ("id-negative", "an id must be", Box::new(|d| d["entries"][0]["id"] = (-5).into())),
        ("id-max", "an id must be", Box::new(|d| d["entries"][0]["id"] = i64::MAX.into())),
        ("day-ahead", "in the future", {
            let ahead = ahead.clone();
            Box::new(move |d| {
                let i = phq9_entry(d);
                d["entries"][i]["versions"][0]["day"] = ahead.clone().into();
            })
        }),
        ("recorded-ahead", "after today", {
            Box::new(move |d| d["entries"][0]["versions"][0]["recorded_at"] = years_ahead.clone().into())
        }),
        (
            "duplicate-day",
            "a second PHQ-9",
            Box::new(|d| {
                let i = phq9_entry(d);
                let mut copy = d["entries"][i].clone();
                copy["id"] = 500.into();
                d["entries"].as_array_mut().unwrap().push(copy);
            }),
        ),
        ("version-zero", "version 0", Box::new(|d| d["version"] = 0.into())),
        (
            "version-one-gad7",
            "cannot hold the GAD-7",
            Box::new(|d| {
                d["version"] = 1.into();
                let i = phq9_entry(d);
                let mut gad7 = d["entries"][i].clone();
                gad7["id"] = 700.into();
                gad7["versions"][0]["instrument"] = "gad7".into();
                gad7["versions"][0]["answers"] = serde_json::json!([1, 1, 1, 1, 1, 1, 1]);
                gad7["versions"][0].as_object_mut().unwrap().remove("difficulty");
                d["entries"].as_array_mut().unwrap().push(gad7);
            }),
        ),
        (
            "two-dosing",
            "2 dosing-session events",
            Box::new(|d| {
                let mut copy = d["events"][0].clone();
                copy["id"] = 600.into();
                d["events"].as_array_mut().unwrap().push(copy);
            }),
        ),
        ("no-dosing", "0 dosing-session events", Box::new(|d| d["events"] = serde_json::json!([]))),
    ];
    for (name, says, change) in cases {
        let mut bad = doc.clone();
        change(&mut bad);
        let (r, made) = restore(&h, &bad, &recipient, name);
        assert_ne!(r.code, 0, "{name}: refused\n{}", r.stdout);
        assert!(!made, "{name}: nothing was created");
        let line = r.stderr.trim();
        assert_eq!(line.lines().count(), 1, "{name}: one line: {line}");
        assert!(line.contains(says), "{name}: says why: {line}");
    }
}

#[test]
fn a_flag_listed_without_its_answer_is_shown_and_never_restored_away() {
    let h = Home::new();
    let (id, recipient) = keys(h.dir.path());
    let mut doc = real_export(&h, &recipient);
    let date = common::days_ago(9);
    doc["safety_flags"] = serde_json::json!([{ "date": date, "day": 21, "entry_id": 777, "item9": 2 }]);
    let file = h.dir.path().join("listed.age");
    seal_json(&doc, &recipient, &file);
    let txt = h.ok(&["report", file.to_str().unwrap(), "-i", id.to_str().unwrap(), "--format", "txt"]);
    assert!(txt.starts_with("!!! SAFETY"), "{txt}");
    assert!(
        txt.contains("item 9 answered 2 (listed by the export; the answer itself is not in the file)"),
        "{txt}"
    );
    let (r, made) = restore(&h, &doc, &recipient, "listed");
    assert_ne!(r.code, 0);
    assert!(!made, "nothing was created");
    assert!(r.stderr.contains("without its item-9 answer"), "{}", r.stderr);
}

#[test]
fn an_export_with_more_entries_than_ten_years_hold_is_refused() {
    let h = Home::new();
    let (id, recipient) = keys(h.dir.path());
    let mut doc = real_export(&h, &recipient);
    let one = doc["entries"][0].clone();
    let many: Vec<serde_json::Value> = (0..=followup::share::native::MAX_ENTRIES as i64)
        .map(|i| {
            let mut e = one.clone();
            e["id"] = (1000 + i).into();
            e
        })
        .collect();
    doc["entries"] = many.into();
    let file = h.dir.path().join("many.age");
    seal_json(&doc, &recipient, &file);
    let r = h.run(&["report", file.to_str().unwrap(), "-i", id.to_str().unwrap(), "--format", "txt"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("a record of ten years holds at most"), "{}", r.stderr);
}

#[test]
fn an_export_made_west_of_its_newest_entry_still_shows_it_as_the_latest() {
    let h = Home::new();
    let (id, recipient) = keys(h.dir.path());
    real_export(&h, &recipient);
    // logged today at UTC+14, exported an hour later at UTC−11: the day before
    let today = followup::clock::system().date_naive();
    h.ok(&["log", "phq9", "--answers", "3,3,3,3,3,3,3,3,0"]);
    let sealed = h.dir.path().join("today.age");
    h.ok(&["export", "-r", &recipient, "-o", sealed.to_str().unwrap()]);
    let ids = followup::review::identities(std::slice::from_ref(&id)).unwrap();
    let mut doc: serde_json::Value =
        serde_json::from_slice(&share::open(&sealed, &ids).unwrap().to_json()).unwrap();
    let yesterday = today - Days::new(1);
    doc["meta"]["created_at"] = format!("{yesterday}T13:00:00-11:00").into();
    let file = h.dir.path().join("west.age");
    seal_json(&doc, &recipient, &file);
    let day = h.ok(&["report", file.to_str().unwrap(), "-i", id.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&day).unwrap();
    assert_eq!(v["as_of"], today.to_string(), "the export's date covers its entries");
    let txt = h.ok(&["report", file.to_str().unwrap(), "-i", id.to_str().unwrap(), "--format", "txt"]);
    assert!(txt.contains("Latest PHQ-9: 24 (severe) on day 30"), "{txt}");
}

#[test]
fn another_participants_database_put_in_place_is_refused() {
    let (mine, theirs) = (Home::new(), Home::new());
    mine.init(10);
    mine.ok(&["log", "mood", "--mood", "6"]);
    theirs.ok(&["init", "--participant", "TRD-099", "--dosing-date", &common::days_ago(20)]);
    theirs.ok(&["log", "mood", "--mood", "2"]);
    assert!(mine.data().join("database-id").exists(), "the folder records its database");
    // the same passphrase, another participant's file under the same name
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(mine.data().join(format!("followup.db{side}")));
    }
    std::fs::copy(theirs.db(), mine.db()).unwrap();
    let before = mine.snapshot();
    for args in [&["list"][..], &["log", "mood", "--mood", "5", "--date", &common::days_ago(1)][..]] {
        let r = mine.run(args);
        assert_eq!(r.code, 2, "{args:?}: refused: {}", r.stdout);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
        assert!(r.stderr.contains("is not the database this data folder was set up with"), "{}", r.stderr);
        assert!(!r.stdout.contains("TRD-099"), "nothing read from it");
    }
    assert_eq!(mine.snapshot(), before, "nothing changed");
    // moved here on purpose: the record goes, and the folder takes the new one
    std::fs::remove_file(mine.data().join("database-id")).unwrap();
    assert!(mine.run(&["status"]).stdout.contains("TRD-099"), "it opens now");
    mine.ok(&["log", "mood", "--mood", "5", "--date", &common::days_ago(1)]);
    assert!(mine.data().join("database-id").exists(), "recorded again at the first write");
    assert!(mine.run(&["status"]).stdout.contains("TRD-099"));
}
