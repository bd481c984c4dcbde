//! The encrypted store through the library, on real files in a temp folder.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use followup::instrument::{Mood, Phq9};
use followup::journal::Profile;
use followup::record::{Change, EntryData, Record};
use followup::store::{Store, StoreError};
use followup::window::Window;
use secrecy::SecretString;

fn pass(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn now() -> chrono::DateTime<FixedOffset> {
    FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 3, 20, 21, 15, 0).unwrap()
}

fn profile() -> Profile {
    Profile::new("TRD-001".into(), Window::new(d("2026-03-01"), 182, 1).unwrap(), Some("care team".into()))
}

#[test]
fn the_wal_is_encrypted_while_the_database_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(dir.path(), &pass("pw"), &profile(), now()).unwrap();
    let marker = "WAL-MARKER-5521";
    let m = Mood::new(5).unwrap().with_note(Some(marker)).unwrap();
    store.add_entry(&EntryData { day: d("2026-03-20"), record: Record::Mood(m) }, now()).unwrap();
    let wal = dir.path().join("followup.db-wal");
    assert!(wal.exists(), "WAL mode keeps a -wal file while open");
    for name in ["followup.db", "followup.db-wal"] {
        let bytes = std::fs::read(dir.path().join(name)).unwrap();
        assert!(!bytes.windows(marker.len()).any(|w| w == marker.as_bytes()), "{name} holds the note");
    }
    drop(store);
    let store = Store::open(dir.path(), &pass("pw")).unwrap();
    assert_eq!(store.entries().unwrap()[0].record().mood().unwrap().note(), Some(marker));
    assert_eq!(store.integrity_check().unwrap(), None, "sound");
}

#[test]
fn versions_keep_their_times_offsets_and_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(dir.path(), &pass("pw"), &profile(), now()).unwrap();
    let p = Phq9::answered([1, 1, 1, 1, 1, 1, 1, 1, 0], Some(2)).unwrap();
    let id = store.add_entry(&EntryData { day: d("2026-03-19"), record: Record::Phq9(p) }, now()).unwrap();
    let later = now() + chrono::Duration::minutes(5);
    let fixed = Phq9::answered([1, 1, 1, 1, 1, 1, 1, 0, 0], Some(2)).unwrap();
    store
        .amend_entry(id, &EntryData { day: d("2026-03-19"), record: Record::Phq9(fixed) }, "typo", later)
        .unwrap();
    let e = store.entry(id).unwrap();
    assert_eq!(e.versions.len(), 2);
    assert_eq!(e.first().recorded_at, now());
    assert_eq!(e.first().recorded_at.offset().local_minus_utc(), 3600);
    assert_eq!(e.current().change, Change::Correction);
    assert_eq!(e.current().reason.as_deref(), Some("typo"));
    assert_eq!(e.record().phq9().unwrap().total(), Some(7));
    assert!(e.is_late(), "recorded on the 20th for the 19th");
    assert!(matches!(
        store.amend_entry(id, &e.current().data, " ", later),
        Err(StoreError::Reason(followup::record::ReasonError::Missing))
    ));
}

#[test]
fn the_database_refuses_in_place_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(dir.path(), &pass("pw"), &profile(), now()).unwrap();
    store
        .add_entry(&EntryData { day: d("2026-03-20"), record: Record::Mood(Mood::new(4).unwrap()) }, now())
        .unwrap();
    drop(store);
    // even a client that bypasses followup cannot rewrite history
    let conn = rusqlite::Connection::open(dir.path().join("followup.db")).unwrap();
    conn.pragma_update(None, "key", "pw").unwrap();
    let err = conn.execute("UPDATE entry_versions SET mood = 9", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = conn.execute("DELETE FROM entry_versions", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn a_standard_sqlcipher_client_opens_it_with_the_passphrase() {
    // plain rusqlite with only `PRAGMA key`: SQLCipher 4 defaults, no custom KDF
    let dir = tempfile::tempdir().unwrap();
    drop(Store::create(dir.path(), &pass("it's \"quoted\""), &profile(), now()).unwrap());
    let conn = rusqlite::Connection::open(dir.path().join("followup.db")).unwrap();
    conn.pragma_update(None, "key", "it's \"quoted\"").unwrap();
    let code: String = conn.query_row("SELECT participant FROM profile", [], |r| r.get(0)).unwrap();
    assert_eq!(code, "TRD-001");
}

#[test]
fn rekey_retires_the_old_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(dir.path(), &pass("old"), &profile(), now()).unwrap();
    store
        .add_entry(&EntryData { day: d("2026-03-20"), record: Record::Mood(Mood::new(4).unwrap()) }, now())
        .unwrap();
    store.change_passphrase(&pass("new one")).unwrap();
    drop(store);
    assert!(matches!(Store::open(dir.path(), &pass("old")), Err(StoreError::WrongPassphrase(_))));
    let store = Store::open(dir.path(), &pass("new one")).unwrap();
    assert_eq!(store.entries().unwrap().len(), 1);
}

#[test]
fn create_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::create(dir.path(), &pass("pw"), &profile(), now()).unwrap());
    let before = std::fs::read(dir.path().join("followup.db")).unwrap();
    assert!(matches!(
        Store::create(dir.path(), &pass("other"), &profile(), now()),
        Err(StoreError::AlreadyExists(_))
    ));
    assert_eq!(std::fs::read(dir.path().join("followup.db")).unwrap(), before);
}

#[test]
fn a_damaged_page_is_named_and_no_write_follows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(dir.path(), &pass("pw"), &profile(), now()).unwrap();
    // notes long enough to spill over onto overflow pages
    for n in 1..=20 {
        let note = format!("{n:02} ").repeat(1300);
        let m = Mood::new(5).unwrap().with_note(Some(&note)).unwrap();
        let day = d("2026-03-01") + chrono::Days::new(n);
        store.add_entry(&EntryData { day, record: Record::Mood(m) }, now()).unwrap();
    }
    drop(store);
    let path = dir.path().join("followup.db");
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    let middle = bytes.len() / page / 2 * page;
    for b in &mut bytes[middle + 100..middle + 200] {
        *b ^= 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let mut store = Store::open(dir.path(), &pass("pw")).unwrap();
    let err = store.journal().unwrap_err();
    let message = err.to_string();
    assert!(message.contains("damaged") && message.contains("restore"), "{message}");
    let m = Mood::new(5).unwrap();
    let write = store.add_entry(&EntryData { day: d("2026-03-25"), record: Record::Mood(m.clone()) }, now());
    assert!(matches!(write, Err(StoreError::Damaged(_))), "{write:?}");
    drop(store);

    // the next process knows nothing of that read: its first write checks
    let mut store = Store::open(dir.path(), &pass("pw")).unwrap();
    let write = store.add_entry(&EntryData { day: d("2026-03-25"), record: Record::Mood(m) }, now());
    assert!(matches!(write, Err(StoreError::Damaged(_))), "{write:?}");
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "nothing was written into the damaged file");
}

#[test]
fn a_passphrase_changed_elsewhere_is_named() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::create(dir.path(), &pass("old one"), &profile(), now()).unwrap());
    let open = Store::open(dir.path(), &pass("old one")).unwrap();
    let mut other = Store::open(dir.path(), &pass("old one")).unwrap();
    other.change_passphrase(&pass("new one")).unwrap();
    drop(other);
    let err = open.journal().unwrap_err();
    assert!(err.to_string().contains("passphrase was changed"), "{err}");
}

#[test]
fn many_threads_create_and_open_databases_at_once() {
    // connections keyed at the same moment, as the test harness and a
    // caseload's parallel reads do
    let dirs: Vec<tempfile::TempDir> = (0..8).map(|_| tempfile::tempdir().unwrap()).collect();
    std::thread::scope(|scope| {
        for dir in &dirs {
            scope.spawn(move || {
                drop(Store::create(dir.path(), &pass("pw one"), &profile(), now()).unwrap());
                let a = Store::open(dir.path(), &pass("pw one")).unwrap();
                let b = Store::open_read(dir.path(), &pass("pw one")).unwrap();
                assert_eq!(a.journal().unwrap(), b.journal().unwrap());
                assert!(matches!(
                    Store::open(dir.path(), &pass("pw two")),
                    Err(StoreError::WrongPassphrase(_))
                ));
            });
        }
    });
}

#[test]
fn a_files_shape_is_told_before_any_passphrase() {
    use followup::store::{FileShape, file_shape};
    let random: Vec<u8> = (0..64u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    assert_eq!(file_shape(8192, b"SQLite format 3\0rest"), FileShape::PlainSqlite);
    assert_eq!(file_shape(8192, b"[package]\nname = \"x\"\n"), FileShape::Text);
    assert_eq!(file_shape(8192 / 3, &random), FileShape::NotWholePages);
    assert_eq!(file_shape(512, &random), FileShape::NotWholePages);
    assert_eq!(file_shape(8192, &random), FileShape::Encrypted);
}
