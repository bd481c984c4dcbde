//! Runs the real `followup` binary against a real encrypted database in a
//! temporary folder.
#![allow(dead_code)]

pub mod tmux;
pub mod tui;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const PASSPHRASE: &str = "olive tractor 'morning' quietly";

pub struct Home {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from(out: Output) -> Self {
        Self {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// A day `n` days back (ahead, when `n` is negative), by the clock the
/// binary under test uses: it runs with `TZ=UTC`, so today is UTC's today
/// here too.
pub fn days_ago(n: i64) -> String {
    (chrono::Utc::now().date_naive() - chrono::TimeDelta::days(n)).to_string()
}

pub fn today() -> String {
    days_ago(0)
}

impl Home {
    pub fn new() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }

    /// The data folder (made by `init`).
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn db(&self) -> PathBuf {
        self.data().join("followup.db")
    }

    pub fn command(&self, passphrase: Option<&str>) -> Command {
        self.command_of(env!("CARGO_BIN_EXE_followup"), passphrase)
    }

    /// `program` (the binary, or a shell that runs it) in this home's clean
    /// environment.
    pub fn command_of(&self, program: &str, passphrase: Option<&str>) -> Command {
        let mut c = Command::new(program);
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("TZ", "UTC")
            .env("FOLLOWUP_HOME", self.data())
            .current_dir(self.dir.path())
            .stdin(Stdio::null());
        if let Some(p) = passphrase {
            c.env("FOLLOWUP_PASSPHRASE", p);
        }
        c
    }

    pub fn run_with(&self, passphrase: Option<&str>, args: &[&str]) -> Run {
        Run::from(self.command(passphrase).args(args).output().unwrap())
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(Some(PASSPHRASE), args)
    }

    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let mut c = self.command(Some(PASSPHRASE));
        c.args(args);
        fed(c, stdin)
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
        r.stdout
    }

    /// `init` with a dosing date `dosing_days_ago` days back.
    pub fn init(&self, dosing_days_ago: i64) {
        self.ok(&[
            "init",
            "--participant",
            "TRD-014",
            "--dosing-date",
            &days_ago(dosing_days_ago),
            "--care-contact",
            "Dr. Rivera, 555-0100",
        ]);
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Every file in the data folder and its bytes.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        files_under(&self.data())
    }
}

/// Run `c` with `stdin` as its standard input.
pub fn fed(mut c: Command, stdin: &str) -> Run {
    let mut child = c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    Run::from(child.wait_with_output().unwrap())
}

pub fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
