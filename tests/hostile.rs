//! Hostile text and files: escape sequences, formulas, invisible characters
//! and files made to hang or exhaust the reader, through every writer and
//! the real binary.

mod common;

use common::{Home, PASSPHRASE, days_ago};
use followup::share::{self, Export, Filters, Seal};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Title, clipboard write (OSC 52), clear screen and scrollback, a C1 CSI,
/// NUL, CR, a right-to-left override, a zero-width space, and a forged line.
const HOSTILE: &str = "=HYPERLINK(\"http://x\")\u{1b}]0;owned\u{7}\u{1b}]52;c;Y3VybCB4IHwgc2g=\u{7}\u{1b}[3J\u{1b}[H\u{1b}[2J\u{9b}31m\u{0}\r\u{202e}txt.exe\u{200b}\nNo safety flags. Outcome: remission <script>alert(1)</script> <img src=x onerror=alert(1)>";

/// What must never reach a terminal: C0 (but newline and tab), DEL, C1,
/// bidirectional controls and zero-width characters.
fn acts_on_a_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{feff}')
}

fn assert_terminal_safe(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|c| acts_on_a_terminal(*c)) {
        panic!("{what}: {c:?} reaches the terminal in:\n{}", text.escape_debug());
    }
}

fn hostile_home() -> Home {
    let h = Home::new();
    h.init(20);
    let note = h.dir.path().join("note.txt");
    std::fs::write(&note, HOSTILE).unwrap();
    let note = note.to_str().unwrap();
    h.ok(&["log", "mood", "--mood", "5", "--date", &days_ago(2), "--note-file", note]);
    h.ok(&["log", "phq9", "--answers", "1,1,1,1,1,1,1,1,2", "--date", &days_ago(2)]);
    // an argument cannot hold NUL; the rest goes in
    h.ok(&["amend", "1", "--mood", "6", "--reason", &HOSTILE.replace('\0', "")]);
    h.ok(&["event", "add", "--kind", "integration", "--date", &days_ago(1), "--note-file", note]);
    h
}

#[test]
fn outside_text_never_acts_on_the_terminal_from_any_command() {
    let h = hostile_home();
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["history", "1"],
        &["event", "list"],
        &["event", "list", "--json"],
        &["status"],
        &["report", "--db", "--format", "txt"],
        &["report", "--db", "--format", "md"],
        &["report", "--db", "--format", "html"],
    ] {
        let r = h.run(args);
        assert!(r.code == 0 || args[0] == "status", "{args:?}: {}", r.stderr);
        assert_terminal_safe(&format!("{args:?}"), &r.stdout);
        assert_terminal_safe(&format!("{args:?} (stderr)"), &r.stderr);
    }
    // JSON keeps the text exact, as escapes
    let list = h.json(&["list", "--json"]);
    let note = list.as_array().unwrap().iter().find_map(|i| i["note"].as_str()).unwrap();
    assert_eq!(note, HOSTILE);
    // the forged line stays part of the note's line in the brief
    let txt = h.ok(&["report", "--db", "--format", "txt"]);
    let forged = txt.lines().find(|l| l.contains("No safety flags")).unwrap();
    assert!(forged.contains("(day "), "a note cannot start a line of its own: {forged}");
    assert!(txt.contains("SAFETY"), "the real flag is there");
    // no live markup in Markdown or HTML
    for format in ["md", "html"] {
        let out = h.ok(&["report", "--db", "--format", format]);
        assert!(!out.contains("<script") && !out.contains("<img"), "{format}: live markup");
    }
}

#[test]
fn exports_keep_the_text_but_no_cell_is_a_formula() {
    let h = hostile_home();
    for format in ["native", "fhir", "csv"] {
        let out = h.dir.path().join(format!("x.{format}"));
        h.ok(&["export", "--plaintext", "--format", format, "-o", out.to_str().unwrap()]);
        let text = std::fs::read_to_string(&out).unwrap();
        if format != "csv" {
            assert_terminal_safe(format, &text);
        }
        if format == "csv" {
            let mut r = csv::Reader::from_reader(text.as_bytes());
            for row in r.records() {
                for cell in row.unwrap().iter() {
                    assert_terminal_safe("csv cell", cell);
                    let starts = cell.trim_start().chars().next();
                    let number = cell.parse::<f64>().is_ok();
                    let formula = matches!(starts, Some('=' | '+' | '@' | '\t' | '\r'))
                        || (starts == Some('-') && !number);
                    assert!(!formula, "a formula at the start of a CSV cell: {cell:?}");
                }
            }
        } else {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(v.to_string().contains("txt.exe"), "the text itself is kept");
        }
    }
}

/// A sealed native export with `HOSTILE` in every free-text field and a
/// real item-9 day.
fn crafted_export(dir: &Path) -> (PathBuf, PathBuf) {
    let (identity, recipient) = share::seal::keygen(followup::clock::system().to_utc());
    let id_path = dir.join("identity.txt");
    std::fs::write(&id_path, identity.as_bytes()).unwrap();
    let today = followup::clock::system().date_naive();
    let journal = followup::demo::Demo::six_months("TRD-666", today, 3).journal();
    let export = Export::new(&journal, Filters::default(), followup::clock::system());
    let mut doc: serde_json::Value = serde_json::from_slice(&export.to_json()).unwrap();
    for e in doc["entries"].as_array_mut().unwrap() {
        for v in e["versions"].as_array_mut().unwrap() {
            if v["instrument"] == "mood" {
                v["note"] = HOSTILE.into();
            }
            if !v["reason"].is_null() {
                v["reason"] = HOSTILE.chars().take(400).collect::<String>().into();
            }
        }
    }
    for e in doc["events"].as_array_mut().unwrap() {
        for v in e["versions"].as_array_mut().unwrap() {
            v["note"] = HOSTILE.into();
        }
    }
    doc["meta"]["tool"] = HOSTILE.into();
    let plaintext = serde_json::to_vec(&doc).unwrap();
    let to = Seal::Recipients(vec![share::seal::recipient(&recipient).unwrap()]);
    let sealed = share::seal::seal(&plaintext, &to, false, Vec::new()).unwrap();
    let path = dir.join("crafted.native.age");
    std::fs::write(&path, sealed).unwrap();
    (path, id_path)
}

#[test]
fn a_crafted_export_cannot_hide_its_safety_flag() {
    let h = Home::new();
    let (export, id) = crafted_export(h.dir.path());
    let (export, id) = (export.to_str().unwrap(), id.to_str().unwrap());
    let r = h.run(&["report", export, "-i", id, "--format", "txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_terminal_safe("report txt", &r.stdout);
    assert!(r.stdout.starts_with("!!! SAFETY"), "the flag comes first:\n{}", r.stdout);
    assert!(r.stdout.contains("item 9 answered 1"), "{}", r.stdout);
    // and in the TUI's review, cell by cell
    let ids = followup::review::identities(&[PathBuf::from(id)]).unwrap();
    let export = share::open(Path::new(export), &ids).unwrap();
    let mut app = followup::tui::app::App::review(&export);
    for keys in [&[][..], &['h'][..], &['\n'][..], &['t'][..]] {
        for k in keys {
            let code = if *k == '\n' {
                crossterm::event::KeyCode::Enter
            } else {
                crossterm::event::KeyCode::Char(*k)
            };
            app.key(crossterm::event::KeyEvent::from(code));
        }
        for (w, hgt) in [(80, 24), (160, 48)] {
            let terminal = common::tui::render(&app, w, hgt);
            for cell in terminal.backend().buffer().content() {
                assert_terminal_safe("TUI cell", cell.symbol());
            }
        }
    }
}

#[test]
fn crafted_codes_and_keys_are_refused_with_a_safe_line() {
    let h = Home::new();
    let (identity, recipient) = share::seal::keygen(followup::clock::system().to_utc());
    let id_path = h.dir.path().join("identity.txt");
    std::fs::write(&id_path, identity.as_bytes()).unwrap();
    let today = followup::clock::system().date_naive();
    let journal = followup::demo::Demo::six_months("TRD-1", today, 3).journal();
    let export = Export::new(&journal, Filters::default(), followup::clock::system());
    let good: serde_json::Value = serde_json::from_slice(&export.to_json()).unwrap();
    let mut bad_code = good.clone();
    bad_code["profile"]["participant"] = HOSTILE.into();
    let mut bad_key = good.clone();
    bad_key["meta"][HOSTILE] = 1.into();
    let mut bad_tag = good;
    let mood = bad_tag["entries"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["versions"][0]["instrument"] == "mood");
    mood.unwrap()["versions"][0]["tags"] = serde_json::json!([HOSTILE]);
    let to = Seal::Recipients(vec![share::seal::recipient(&recipient).unwrap()]);
    for (name, doc) in [("code", bad_code), ("key", bad_key), ("tag", bad_tag)] {
        let sealed = share::seal::seal(&serde_json::to_vec(&doc).unwrap(), &to, false, Vec::new()).unwrap();
        let path = h.dir.path().join(format!("{name}.age"));
        std::fs::write(&path, sealed).unwrap();
        let r = h.run(&["report", path.to_str().unwrap(), "-i", id_path.to_str().unwrap()]);
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert_terminal_safe(name, &r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "{name}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{name}: nothing is reported from a refused file");
    }
}

#[test]
fn hostile_names_and_values_in_messages_are_made_safe_and_short() {
    let h = Home::new();
    h.init(3);
    let evil = h.dir.path().join("\u{1b}]0;title\u{7} evil.age");
    std::fs::write(&evil, b"not age at all").unwrap();
    let key = h.dir.path().join("k.txt");
    h.ok(&["keygen", "-o", key.to_str().unwrap()]);
    let r = h.run(&["report", evil.to_str().unwrap(), "-i", key.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert_terminal_safe("error", &r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    let long = "9".repeat(10_000);
    for args in [
        vec!["log", "mood", "--mood", long.as_str()],
        vec!["log", "mood", "--mood", "5", "--sleep", "1e308"],
        vec!["log", "mood", "--mood", "5", "--tag", "\u{1b}[2J"],
    ] {
        let r = h.run(&args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.len() < 400, "{args:?}: {} bytes of error", r.stderr.len());
        assert_terminal_safe("error", &r.stderr);
    }
}

fn timed(h: &Home, env: &[(&str, &str)], args: &[&str]) -> (i32, String, Duration) {
    let t = Instant::now();
    let mut c = h.command(Some(PASSPHRASE));
    for (k, v) in env {
        c.env(k, v);
    }
    let mut child = c.args(args).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    // a hang would fail here rather than stall the suite
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("{args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned(), t.elapsed())
}

#[test]
fn files_made_to_hang_or_exhaust_the_reader_are_refused_quickly() {
    let h = Home::new();
    let key = h.dir.path().join("k.txt");
    h.ok(&["keygen", "-o", key.to_str().unwrap()]);
    let key = key.to_str().unwrap();
    // 100,000 junk X25519 stanzas (about 10 MB)
    let junk = h.dir.path().join("junk.age");
    let mut f = std::fs::File::create(&junk).unwrap();
    f.write_all(b"age-encryption.org/v1\n").unwrap();
    for _ in 0..100_000 {
        f.write_all(b"-> X25519 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n")
            .unwrap();
    }
    f.write_all(b"--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n").unwrap();
    drop(f);
    let (code, err, took) = timed(&h, &[], &["report", junk.to_str().unwrap(), "-i", key]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("header is too large"), "{err}");
    assert!(took < Duration::from_secs(1), "{took:?}");

    // a passphrase-sealed file with an scrypt work factor of 2^22
    let scrypt = h.dir.path().join("scrypt.age");
    std::fs::write(
        &scrypt,
        b"age-encryption.org/v1\n-> scrypt AAAAAAAAAAAAAAAAAAAAAA 22\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    )
    .unwrap();
    let env = [("FOLLOWUP_EXPORT_PASSPHRASE", "whatever it is")];
    let (code, err, took) = timed(&h, &env, &["report", scrypt.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("work factor of 2^22"), "{err}");
    assert!(took < Duration::from_secs(3), "{took:?}");

    // devices, pipes and links to them, wherever a file is read
    let zero = h.dir.path().join("zero.age");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let fifo = h.dir.path().join("fifo.age");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for args in [
        vec!["report", "/dev/zero", "-i", key],
        vec!["report", zero.to_str().unwrap(), "-i", key],
        vec!["report", fifo.to_str().unwrap(), "-i", key],
        vec!["report", junk.to_str().unwrap(), "-i", "/dev/zero"],
        vec!["export", "-R", "/dev/zero"],
    ] {
        let (code, err, took) = timed(&h, &[], &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains("not a regular file") || err.contains("a device") || err.contains("named pipe"),
            "{args:?}: {err}"
        );
        assert!(took < Duration::from_secs(2), "{args:?}: {took:?}");
    }
    h.init(2);
    let (code, err, _) = timed(&h, &[], &["log", "mood", "--mood", "5", "--note-file", "/dev/zero"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("a device"), "{err}");
}

#[test]
fn a_caseload_folder_with_a_fifo_and_a_device_link_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (good, id) = crafted_export(dir.path());
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.age")).unwrap();
    assert!(
        std::process::Command::new("mkfifo").arg(dir.path().join("fifo.age")).status().unwrap().success()
    );
    let files = followup::review::expand(&[dir.path().to_path_buf()]);
    assert_eq!(files.len(), 3);
    let ids = followup::review::identities(&[id]).unwrap();
    let t = Instant::now();
    let (loaded, failed) = followup::review::load(&files, &ids, &mut || None);
    assert!(t.elapsed() < Duration::from_secs(2));
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded[0].path, good);
    assert_eq!(failed.len(), 2);
    assert!(failed.iter().all(|f| f.reason.contains("not a regular file")), "{failed:?}");
}

/// Large files in a caseload folder that are not exports are let go as
/// soon as their first bytes show it: they never sit in memory together.
#[test]
fn a_caseload_folder_of_large_files_that_are_not_exports_stays_small_in_memory() {
    let h = Home::new();
    let dir = h.dir.path().join("caseload");
    std::fs::create_dir(&dir).unwrap();
    let (_good, id) = crafted_export(&dir);
    const MIB: usize = 1 << 20;
    let junk = vec![0x5a_u8; 32 * MIB];
    for n in 0..6 {
        std::fs::write(dir.join(format!("junk-{n}.age")), &junk).unwrap();
    }
    // the largest resident size of the child, as the kernel counted it
    let peak = std::process::Command::new("python3")
        .args([
            "-c",
            "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True); \
             print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
            env!("CARGO_BIN_EXE_followup"),
            "report",
            dir.to_str().unwrap(),
            "-i",
            id.to_str().unwrap(),
            "-o",
            h.dir.path().join("brief.md").to_str().unwrap(),
        ])
        .env("TZ", "UTC")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&peak.stdout);
    let (code, kib) = out.trim().split_once(' ').unwrap();
    let kib: usize = kib.parse().unwrap();
    assert_eq!(code, "0", "the one export still makes a brief");
    assert!(
        kib * 1024 < 3 * 64 * MIB,
        "{} MiB resident for six 64 MiB files that are not exports",
        kib / 1024
    );
}

#[test]
fn passphrase_commands_that_hang_or_never_end_are_refused() {
    let h = Home::new();
    h.init(2);
    let run = |command: &str| {
        let t = Instant::now();
        let out = h
            .command(None)
            .env("FOLLOWUP_PASSPHRASE_COMMAND", command)
            .env("FOLLOWUP_PASSPHRASE_TIMEOUT", "1")
            .args(["list"])
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned(), t.elapsed())
    };
    let (code, err, took) = run("sleep 600");
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("no passphrase within 1 s"), "{err}");
    assert!(took < Duration::from_secs(4), "{took:?}");
    let (code, err, took) = run("yes");
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("more than a passphrase can be"), "{err}");
    assert!(took < Duration::from_secs(4), "{took:?}");
    // a passphrase printed, its output closed, and the command still running
    let pid_file = h.dir.path().join("sleep.pid");
    let command = format!("printf 'x\\n'; exec >&-; sleep 600 & echo $! > '{}'; wait", pid_file.display());
    let (code, err, took) = run(&command);
    assert_eq!(code, Some(3), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("did not exit within 1 s"), "{err}");
    assert!(took < Duration::from_secs(4), "{took:?}");
    // and all of it was ended, the process it left running too
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let stat = format!("/proc/{}/stat", pid.trim());
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::fs::read_to_string(&stat).is_ok_and(|s| !s.contains(") Z ")) {
        assert!(Instant::now() < deadline, "the command's sleep {pid} is still running");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn reports_are_written_owner_only_and_never_through_a_link() {
    let h = Home::new();
    h.init(3);
    h.ok(&["log", "mood", "--mood", "5"]);
    let out = h.dir.path().join("brief.md");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
    h.ok(&["report", "--db", "-o", out.to_str().unwrap(), "--force"]);
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    let target = h.dir.path().join("target.md");
    std::fs::write(&target, "keep").unwrap();
    let link = h.dir.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let r = h.run(&["report", "--db", "-o", link.to_str().unwrap(), "--force"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
}

#[test]
fn reading_commands_change_no_byte() {
    // a 0-byte database file
    let h = Home::new();
    std::fs::create_dir_all(h.data()).unwrap();
    std::fs::write(h.db(), b"").unwrap();
    let before = h.snapshot();
    for args in [&["list"][..], &["status"], &["history", "1"], &["event", "list"]] {
        let r = h.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("empty file"), "{}", r.stderr);
    }
    assert_eq!(h.snapshot(), before, "nothing changed");
    let r = h.run(&["init", "--participant", "X", "--dosing-date", &days_ago(1)]);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);

    // a read-only data folder; permissions do not bind root (as in many
    // containers), so there the reads run as `nobody`, who owns the folder
    // and its files but may not write in it
    let h = Home::new();
    h.init(5);
    h.ok(&["log", "mood", "--mood", "5"]);
    let root = rustix::process::geteuid().is_root();
    const NOBODY: u32 = 65534;
    if root {
        std::os::unix::fs::chown(h.dir.path(), Some(NOBODY), Some(NOBODY)).unwrap();
        for p in std::iter::once(h.data()).chain(h.snapshot().into_keys()) {
            std::os::unix::fs::chown(p, Some(NOBODY), Some(NOBODY)).unwrap();
        }
    }
    std::fs::set_permissions(h.data(), std::fs::Permissions::from_mode(0o500)).unwrap();
    let read = |args: &[&str]| {
        let mut c = h.command(Some(PASSPHRASE));
        if root {
            std::os::unix::process::CommandExt::uid(&mut c, NOBODY);
            std::os::unix::process::CommandExt::gid(&mut c, NOBODY);
        }
        common::Run::from(c.args(args).output().unwrap())
    };
    let before = h.snapshot();
    let denied = read(&["log", "mood", "--mood", "6"]);
    assert_ne!(denied.code, 0, "the folder really is read-only to the reader: {}", denied.stdout);
    let list = read(&["list", "--json"]);
    let status = read(&["status"]);
    std::fs::set_permissions(h.data(), std::fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(list.stdout.contains("\"mood\": 5"), "{}", list.stdout);
    assert_eq!(status.code, 1, "{}", status.stderr);
    assert_eq!(h.snapshot(), before, "nothing changed");
}

/// Commands that read the file as it is (no other followup had it open)
/// while other processes open, write and close it: a closing writer folds
/// its log into the file only when no reader holds it, so no read sees half
/// a write (before the shared lock, about one read in ten said the database
/// was damaged).
#[test]
fn reads_while_other_processes_write_never_see_half_a_write() {
    let h = Home::new();
    h.init(40);
    let note = h.dir.path().join("note.txt");
    std::fs::write(&note, "a long note that fills pages ".repeat(130)).unwrap();
    for n in 1..=20 {
        h.ok(&["log", "mood", "--mood", "5", "--note-file", note.to_str().unwrap(), "--date", &days_ago(n)]);
    }
    let writing = std::sync::atomic::AtomicBool::new(true);
    std::thread::scope(|s| {
        let writer = s.spawn(|| {
            let runs: Vec<_> = (0..30)
                .map(|n| h.run(&["amend", "1", "--mood", &(n % 10).to_string(), "--reason", "r"]))
                .collect();
            writing.store(false, std::sync::atomic::Ordering::Relaxed);
            runs
        });
        let mut reads = 0;
        while writing.load(std::sync::atomic::Ordering::Relaxed) {
            let r = h.run(&["list", "--json"]);
            assert_eq!((r.code, r.stderr.as_str()), (0, ""), "read {reads}");
            reads += 1;
        }
        for (n, w) in writer.join().unwrap().iter().enumerate() {
            assert_eq!(w.code, 0, "write {n}: {}", w.stderr);
        }
        assert!(reads > 5, "the reads ran alongside the writes ({reads})");
    });
}

#[test]
fn a_crash_leaves_no_core_file() {
    let h = Home::new();
    h.init(1);
    let limits = h.dir.path().join("limits.txt");
    let pass = h.dir.path().join("pass.txt");
    std::fs::write(&pass, PASSPHRASE).unwrap();
    let command = format!("cat /proc/self/limits > '{}'; cat '{}'", limits.display(), pass.display());
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -c unlimited 2>/dev/null; exec '{}' list", env!("CARGO_BIN_EXE_followup")))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("FOLLOWUP_HOME", h.data())
        .env("TZ", "UTC")
        .env("FOLLOWUP_PASSPHRASE_COMMAND", command)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let limits = std::fs::read_to_string(&limits).unwrap();
    let core = limits.lines().find(|l| l.starts_with("Max core file size")).unwrap();
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(&fields[4..6], ["0", "0"], "{core}");
}
