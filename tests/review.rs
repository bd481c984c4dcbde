//! The therapist's side: the read-only dashboard and the caseload
//! (snapshots), reports, and the promise that reviewing writes nothing.

mod common;

use chrono::{FixedOffset, NaiveDate, TimeZone};
use common::files_under;
use common::tmux::Tmux;
use followup::demo::Demo;
use followup::review;
use followup::share::{self, Export, Filters, Seal};
use followup::tui::app::App;
use followup::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::process::Command;

fn today() -> NaiveDate {
    "2026-11-22".parse().unwrap()
}

fn at(day: NaiveDate) -> chrono::DateTime<FixedOffset> {
    FixedOffset::east_opt(3600).unwrap().from_local_datetime(&day.and_hms_opt(18, 0, 0).unwrap()).unwrap()
}

/// A therapist's identity and a folder of sealed exports made by the demo generator.
struct Therapist {
    dir: tempfile::TempDir,
    identity: PathBuf,
    recipient: age::x25519::Recipient,
}

impl Therapist {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let (file, recipient) = share::seal::keygen(chrono::Utc::now());
        let identity = dir.path().join("identity.txt");
        std::fs::write(&identity, file.as_bytes()).unwrap();
        Self { dir, identity, recipient: share::seal::recipient(&recipient).unwrap() }
    }

    fn ids(&self) -> Vec<Box<dyn age::Identity + Send + Sync>> {
        review::identities(std::slice::from_ref(&self.identity)).unwrap()
    }

    /// Seal an export of a demo participant made `days_ago` before today.
    fn export(&self, code: &str, seed: u64, made: NaiveDate, filters: Filters) -> PathBuf {
        let journal = Demo::six_months(code, made, seed).journal();
        let export = Export::new(&journal, filters, at(made));
        let path = self.dir.path().join(format!("{code}-{made}-{seed}.native.age"));
        let bytes = share::seal::seal(
            &export.to_json(),
            &Seal::Recipients(vec![self.recipient.clone()]),
            false,
            Vec::new(),
        )
        .unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    t.backend().to_string()
}

#[test]
fn snapshot_read_only_dashboard() {
    let t = Therapist::new();
    let path = t.export("TRD-014", 2026, today(), Filters { notes_withheld: true, ..Filters::default() });
    let export = share::open(&path, &t.ids()).unwrap();
    let mut app = App::review(&export);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("review") && screen.contains("notes withheld"), "{screen}");
    assert!(screen.contains("SAFETY"), "{screen}");
    assert!(!screen.contains("check-in"), "no check-in keys in a review: {screen}");
    insta::assert_snapshot!("review_dashboard", screen);
    // check-ins and corrections are refused
    for key in ['c', 'm'] {
        let effects = app.key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(key)));
        assert!(effects.is_empty());
        assert!(matches!(app.screen(), followup::tui::app::Screen::Dashboard));
    }
    // the same Course screen, read-only: the course line, the weeks, the items
    let effects = app.key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('w')));
    assert!(effects.is_empty());
    assert!(matches!(app.screen(), followup::tui::app::Screen::Course(_)));
    let course = render(&app, 80, 24);
    assert!(course.contains("review") && course.contains("Course: response weeks 1 to 8"), "{course}");
    assert!(course.contains("Which symptoms moved"), "{course}");
}

#[test]
fn snapshot_caseload_with_a_failing_file() {
    let t = Therapist::new();
    let d = |n: u64| today() - chrono::Days::new(n);
    t.export("TRD-001", 1, d(0), Filters::default());
    t.export("TRD-002", 2, d(1), Filters::default());
    t.export("TRD-002", 3, d(9), Filters::default()); // older export of the same participant
    t.export("TRD-003", 4, d(3), Filters::default());
    std::fs::write(t.dir.path().join("broken.age"), b"age-encryption.org/v1\n-> X25519 garbage").unwrap();
    std::fs::write(t.dir.path().join("notes.age"), b"just some text").unwrap();
    let files = review::expand(&[t.dir.path().to_path_buf()]);
    assert_eq!(files.len(), 6, "only .age files from the folder");
    let (loaded, failed) = review::load(&files, &t.ids(), &mut || None);
    assert_eq!((loaded.len(), failed.len()), (4, 2));
    let caseload = review::caseload(loaded, failed);
    assert_eq!(caseload.rows.len(), 3, "one row per participant");
    let two = caseload.rows.iter().find(|r| r.participant == "TRD-002").unwrap();
    assert_eq!(two.export_date(), d(1), "the newer export is used");
    assert_eq!(two.set_aside.len(), 1);
    let mut app = App::caseload(caseload, today());
    let screen = render(&app, 100, 24);
    assert!(screen.contains("broken.age: damaged or truncated"), "{screen}");
    assert!(screen.contains("notes.age: not an age-encrypted file"), "{screen}");
    insta::assert_snapshot!("caseload", screen);
    // Enter opens a participant's read-only dashboard, Esc returns
    app.key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Enter));
    assert!(matches!(app.screen(), followup::tui::app::Screen::Dashboard));
    assert!(render(&app, 100, 24).contains("review"));
    app.key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Esc));
    assert!(matches!(app.screen(), followup::tui::app::Screen::Caseload(_)));
    assert!(!app.quit);
}

fn followup(t: &Therapist, home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_followup"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("FOLLOWUP_HOME", home.join("data"))
        .env("TMPDIR", home.join("tmp"))
        .current_dir(t.dir.path())
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn reports_list_safety_first_and_show_gaps() {
    let t = Therapist::new();
    let path = t.export("TRD-014", 2026, today(), Filters::default());
    let home = tempfile::tempdir().unwrap();
    let id = t.identity.to_str().unwrap();
    let out = followup(&t, home.path(), &["report", path.to_str().unwrap(), "-i", id]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("NOT encrypted"));
    assert!(md.starts_with("> **SAFETY"), "the item-9 day comes before anything else:\n{md}");
    let first_line_after = md.lines().nth(1).unwrap();
    assert!(first_line_after.contains("item 9 answered 1"), "{md}");
    // the demo has missed days: the whole-window sparkline shows gaps
    let mut sparks = md.lines().filter(|l| l.starts_with("Mood    "));
    assert!(sparks.any(|l| l.contains('\u{b7}')), "{md}");
    assert!(md.contains("reliable improvement: a drop of 6 points or more"), "labels with their definitions");

    let out = followup(
        &t,
        home.path(),
        &["report", path.to_str().unwrap(), "-i", id, "--format", "txt", "--since", "2026-10-01"],
    );
    let txt = String::from_utf8(out.stdout).unwrap();
    assert!(txt.starts_with("!!! SAFETY"), "{txt}");
    assert!(txt.contains("Focus: since 2026-10-01"));

    let out = followup(
        &t,
        home.path(),
        &["report", path.to_str().unwrap(), "-i", id, "--format", "html", "--since-event", "4"],
    );
    let html = String::from_utf8(out.stdout).unwrap();
    let body = html.find("<body>").unwrap();
    assert!(html[body..].starts_with("<body>\n<section class=\"safety\">"), "safety first in html");
    assert!(html.contains("<svg") && html.contains("class=\"gap\""), "inline chart with gaps");
    assert!(
        !html.contains("http://")
            || html.matches("http://").all(|_| html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
    );
    assert!(!html.contains("<script") && !html.contains("src="), "self-contained");
    assert!(html.contains("Focus: since the integration session"), "{html}");

    let target = t.dir.path().join("brief.md");
    let out = followup(
        &t,
        home.path(),
        &["report", path.to_str().unwrap(), "-i", id, "-o", target.to_str().unwrap()],
    );
    assert!(out.status.success());
    let out = followup(
        &t,
        home.path(),
        &["report", path.to_str().unwrap(), "-i", id, "-o", target.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "never overwrites without --force");
}

#[test]
fn bad_exports_give_one_line_and_change_nothing() {
    let t = Therapist::new();
    let good = t.export("TRD-014", 2026, today(), Filters::default());
    let bytes = std::fs::read(&good).unwrap();
    let other = Therapist::new();
    let plain = share::seal::unseal(&bytes, &t.ids()).unwrap();
    let mut v999: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    v999["version"] = 999.into();
    let v999 = share::seal::seal(
        v999.to_string().as_bytes(),
        &Seal::Recipients(vec![t.recipient.clone()]),
        false,
        Vec::new(),
    )
    .unwrap();
    let mut flipped = bytes.clone();
    let n = flipped.len();
    flipped[n - 30] ^= 0x04;
    let random: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.age", bytes[..bytes.len() - 100].to_vec(), "damaged or truncated"),
        ("flipped.age", flipped, "damaged or truncated"),
        ("random.age", random, "not an age-encrypted file"),
        ("empty.age", Vec::new(), "empty"),
        ("plain.json.age", plain.to_vec(), "not an age-encrypted file"),
        ("v999.age", v999, "newer followup"),
    ];
    let home = tempfile::tempdir().unwrap();
    let id = t.identity.to_str().unwrap();
    let wrong = other.identity.to_str().unwrap();
    let mut all: Vec<(String, &str, String)> = cases
        .iter()
        .map(|(name, data, why)| {
            let p = t.dir.path().join(name);
            std::fs::write(&p, data).unwrap();
            (p.to_str().unwrap().to_string(), *why, id.to_string())
        })
        .collect();
    all.push((good.to_str().unwrap().to_string(), "none of your identities", wrong.to_string()));
    let before = files_under(t.dir.path());
    for (file, why, identity) in &all {
        for cmd in ["report", "review"] {
            let out = followup(&t, home.path(), &[cmd, file, "-i", identity]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{cmd} {file}");
            assert_eq!(err.trim_end().lines().count(), 1, "{cmd} {file}: {err}");
            assert!(err.contains(why), "{cmd} {file}: {err}");
            assert!(!err.contains("panicked"));
        }
    }
    assert_eq!(files_under(t.dir.path()), before, "nothing on disk changed");
    assert!(files_under(home.path()).is_empty(), "no data or temp files were made");
}

/// Runs `followup review` in tmux as a therapist would, then checks that it
/// left no file anywhere it could have written.
#[test]
fn review_writes_no_files() {
    let t = Therapist::new();
    let d = |n: u64| today() - chrono::Days::new(n);
    let one = t.export("TRD-001", 1, d(0), Filters::default());
    t.export("TRD-002", 2, d(1), Filters::default());
    let home = tempfile::tempdir().unwrap();
    for sub in ["data", "tmp", "config"] {
        std::fs::create_dir_all(home.path().join(sub)).unwrap();
    }
    let bin = env!("CARGO_BIN_EXE_followup");
    let cmd = |target: &Path| {
        format!(
            "env FOLLOWUP_HOME={h}/data TMPDIR={h}/tmp HOME={h} XDG_CONFIG_HOME={h}/config {bin} review {} -i {}",
            target.display(),
            t.identity.display(),
            h = home.path().display(),
        )
    };
    let name = format!("followup-review-{}", std::process::id());
    {
        let tmux = Tmux::start(&name, &cmd(&one));
        tmux.wait("Dashboard");
        tmux.keys(&["t", "Escape", "h", "Enter", "Escape", "Escape", "c", "m", "z"]);
        assert!(tmux.screen().contains("review"));
        tmux.keys(&["q"]);
    }
    {
        let tmux = Tmux::start(&name, &cmd(t.dir.path()));
        tmux.wait("Caseload");
        tmux.keys(&["Enter", "t", "Escape", "Escape", "Right", "r"]);
        tmux.wait("Caseload");
        tmux.keys(&["q"]);
    }
    assert!(
        files_under(home.path()).is_empty(),
        "review created files: {:?}",
        files_under(home.path()).keys()
    );
    let leftovers: Vec<_> = files_under(t.dir.path())
        .into_keys()
        .filter(|p| !p.to_string_lossy().ends_with(".age") && !p.ends_with("identity.txt"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_partial_export_does_not_pretend_to_be_whole() {
    let t = Therapist::new();
    let from = today() - chrono::Days::new(10);
    let path =
        t.export("TRD-014", 2026, today(), Filters { from: Some(from), to: None, notes_withheld: false });
    let export = share::open(&path, &t.ids()).unwrap();
    let o = review::overview_of(&export);
    assert_eq!(o.outcome, None, "no baseline in the export: no outcome");
    assert_eq!(o.adherence.mood, None, "adherence needs every day");
    assert_eq!(o.safety.len(), 1, "the item-9 day outside the range is still flagged");
    let app = App::review(&export);
    let screen = render(&app, 100, 30);
    assert!(screen.contains("not computed from a partial export"), "{screen}");
    assert!(!screen.contains("remission"), "{screen}");
    let brief = followup::report::from_export(&export, followup::report::Focus::Whole).unwrap();
    assert!(brief.days.iter().all(|(d, _)| *d >= from), "the trend covers only the exported days");
    let md = followup::report::markdown(&brief);
    assert!(md.contains("Partial export"), "{md}");
    assert!(md.starts_with("> **SAFETY"));
}
