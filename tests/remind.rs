//! `followup remind` with stand-in `notify-send` and `systemctl` on PATH:
//! called when a check-in is due and not when it is done, called without a
//! passphrase too, no file written, no health data in the notification;
//! `remind install --at 20:30` writing the two units under a temporary
//! XDG_CONFIG_HOME (or printing the crontab line) and `uninstall` removing them.

mod common;

use common::{Home, files_under};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

/// A folder of stand-in programs that log their arguments to `calls`.
struct Bin {
    dir: tempfile::TempDir,
}

impl Bin {
    fn new(programs: &[(&str, i32)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        for (name, code) in programs {
            let log = dir.path().join("calls");
            let script = format!("#!/bin/sh\necho \"{name} $*\" >> '{}'\nexit {code}\n", log.display());
            let path = dir.path().join(name);
            std::fs::write(&path, script).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        Self { dir }
    }

    fn calls(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("calls")).unwrap_or_default()
    }

    fn path(&self) -> String {
        format!("{}:/usr/bin:/bin", self.dir.path().display())
    }
}

fn remind(h: &Home, bin: &Bin, passphrase: Option<&str>, args: &[&str]) -> Output {
    let config = h.dir.path().join("config");
    h.command(passphrase).env("PATH", bin.path()).env("XDG_CONFIG_HOME", &config).args(args).output().unwrap()
}

fn everything(h: &Home) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    files_under(h.dir.path())
}

#[test]
fn a_reminder_when_a_check_in_is_due_and_none_when_it_is_done() {
    let h = Home::new();
    h.init(10);
    let bin = Bin::new(&[("notify-send", 0)]);
    let before = everything(&h);
    let out = remind(&h, &bin, Some(common::PASSPHRASE), &["remind"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let calls = bin.calls();
    assert!(
        calls
            .contains("notify-send --app-name=followup followup Time for today's check-in (mood and PHQ-9)."),
        "{calls}"
    );
    assert_eq!(everything(&h), before, "no file written");

    // without a passphrase: a reminder anyway, and nothing written either
    let out = remind(&h, &bin, None, &["remind"]);
    assert!(out.status.success());
    assert_eq!(bin.calls().lines().count(), 2);
    assert!(bin.calls().lines().last().unwrap().ends_with("Time for today's check-in."), "{}", bin.calls());
    assert_eq!(everything(&h), before, "no file written");

    // all done today: nothing
    h.ok(&["log", "mood", "--mood", "6"]);
    h.run_stdin(&["log", "phq9", "--answers", "0,1,0,0,1,0,0,0,0"], "");
    let out = remind(&h, &bin, Some(common::PASSPHRASE), &["remind"]);
    assert!(out.status.success());
    assert_eq!(bin.calls().lines().count(), 2, "not called when done: {}", bin.calls());
    assert!(out.stdout.is_empty());

    // a passphrase that no longer opens it (a stale keyring entry): the
    // reminder goes out, and the passphrase is named, exit 3
    let out = remind(&h, &bin, Some("an old passphrase from before"), &["remind"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("the reminder went out") && stderr.contains("wrong passphrase"), "{stderr}");
    assert_eq!(bin.calls().lines().count(), 3, "{}", bin.calls());
    assert_eq!(everything(&h).len(), before.len() + 1, "only the day's backup, nothing else written");
}

#[test]
fn a_due_gad7_is_reminded_of_too() {
    let h = Home::new();
    h.ok(&["init", "--participant", "TRD-077", "--dosing-date", &common::days_ago(20), "--gad7-every", "7"]);
    let bin = Bin::new(&[]);
    let said = |h: &Home| {
        let out = remind(h, &bin, Some(common::PASSPHRASE), &["remind"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(said(&h), "followup: Time for today's check-in (mood, PHQ-9 and GAD-7).");
    // mood and PHQ-9 done: the weekly GAD-7 alone is still due
    h.ok(&["log", "mood", "--mood", "6"]);
    h.run_stdin(&["log", "phq9", "--answers", "0,1,0,0,1,0,0,0,0"], "");
    assert_eq!(said(&h), "followup: Time for today's check-in (GAD-7).");
    // done: nothing
    h.ok(&["log", "gad7", "--answers", "1,0,0,1,0,0,0"]);
    assert_eq!(said(&h), "");
}

#[test]
fn without_notify_send_the_reminder_is_a_line_and_never_health_data() {
    let h = Home::new();
    h.init(10);
    let marker = "RIVER-NOTE-MARKER";
    h.run_stdin(&["log", "mood", "--mood", "2", "--note-file", "-", "--date", &common::days_ago(1)], marker);
    let bin = Bin::new(&[]);
    let out = remind(&h, &bin, Some(common::PASSPHRASE), &["remind"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.trim(), "followup: Time for today's check-in (mood and PHQ-9).");
    assert!(!text.contains(marker) && !text.contains("2"), "{text}");
}

fn unit(config: &Path, name: &str) -> Option<String> {
    std::fs::read_to_string(config.join("systemd/user").join(name)).ok()
}

#[test]
fn install_writes_a_timer_and_a_service_and_uninstall_removes_them() {
    let h = Home::new();
    h.init(10);
    let config = h.dir.path().join("config");
    // no working systemd: the units are written and the crontab line printed
    let bin = Bin::new(&[("systemctl", 1)]);
    let out = remind(&h, &bin, Some(common::PASSPHRASE), &["remind", "install", "--at", "20:30"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    let timer = unit(&config, "followup-remind.timer").unwrap();
    let service = unit(&config, "followup-remind.service").unwrap();
    assert!(
        timer.contains("OnCalendar=*-*-* 20:30:00") && timer.contains("WantedBy=timers.target"),
        "{timer}"
    );
    assert!(service.contains("ExecStart=\"") && service.contains("\" remind"), "{service}");
    assert!(service.contains(&h.data().display().to_string()), "{service}");
    assert!(
        !service.contains(common::PASSPHRASE) && !timer.contains(common::PASSPHRASE),
        "never the passphrase"
    );
    assert!(said.contains("crontab") && said.contains("30 20 * * * '"), "{said}");

    // with systemd: enabled
    let systemd = Bin::new(&[("systemctl", 0)]);
    let out = remind(&h, &systemd, None, &["remind", "install", "--at", "07:05"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Enabled"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        systemd.calls().contains("systemctl --user enable --now followup-remind.timer"),
        "{}",
        systemd.calls()
    );
    assert!(unit(&config, "followup-remind.timer").unwrap().contains("OnCalendar=*-*-* 07:05:00"));

    let out = remind(&h, &systemd, None, &["remind", "uninstall"]);
    assert!(out.status.success());
    assert!(
        unit(&config, "followup-remind.timer").is_none()
            && unit(&config, "followup-remind.service").is_none()
    );
    assert!(systemd.calls().contains("systemctl --user disable --now followup-remind.timer"));

    // a unit that is not ours is left alone
    std::fs::write(config.join("systemd/user/followup-remind.timer"), "[Timer]\n").unwrap();
    let out = remind(&h, &systemd, None, &["remind", "install"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(unit(&config, "followup-remind.timer").unwrap(), "[Timer]\n");
    let bad = remind(&h, &systemd, None, &["remind", "install", "--at", "25:00"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_relative_folder_and_passphrase_file_are_installed_as_absolute_paths() {
    let h = Home::new();
    h.init(10);
    let config = h.dir.path().join("config");
    let relative = h.data().strip_prefix(h.dir.path()).unwrap().to_path_buf();
    let bin = Bin::new(&[("systemctl", 1)]);
    let out = h
        .command(None)
        .env("PATH", bin.path())
        .env("XDG_CONFIG_HOME", &config)
        .env("FOLLOWUP_PASSPHRASE_FILE", "pass.txt")
        .arg("--data-dir")
        .arg(&relative)
        .args(["remind", "install", "--at", "20:30"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // systemd and cron do not start in the folder the command ran in
    let service = unit(&config, "followup-remind.service").unwrap();
    let data = h.dir.path().canonicalize().unwrap().join(&relative);
    assert!(service.contains(&format!("--data-dir \"{}\"", data.display())), "{service}");
    let file = h.dir.path().canonicalize().unwrap().join("pass.txt");
    assert!(service.contains(&format!("FOLLOWUP_PASSPHRASE_FILE={}", file.display())), "{service}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&format!("--data-dir '{}'", data.display())), "{said}");
    // the crontab line carries where the passphrase comes from, as the unit does
    assert!(said.contains(&format!("* * * FOLLOWUP_PASSPHRASE_FILE='{}' '", file.display())), "{said}");
    assert!(!said.contains("reminds every day"), "{said}");
}

#[test]
fn a_line_break_in_a_value_never_reaches_a_unit_or_a_crontab_line() {
    let h = Home::new();
    h.init(10);
    let config = h.dir.path().join("config");
    let bin = Bin::new(&[("systemctl", 1)]);
    let odd = h.dir.path().join("data\n0 * * * * injected");
    std::fs::create_dir(&odd).unwrap();
    let cases: [(&str, &str, Option<&Path>); 3] = [
        ("FOLLOWUP_PASSPHRASE_COMMAND", "pass show followup\nExecStartPre=/nonexistent/injected", None),
        ("FOLLOWUP_PASSPHRASE_FILE", "pass\n.txt", None),
        ("FOLLOWUP_PASSPHRASE_COMMAND", "pass show followup", Some(&odd)),
    ];
    for (var, value, data) in cases {
        let before = files_under(h.dir.path());
        let mut c = h.command(None);
        c.env("PATH", bin.path()).env("XDG_CONFIG_HOME", &config).env(var, value);
        if let Some(d) = data {
            c.arg("--data-dir").arg(d);
        }
        let out = c.args(["remind", "install", "--at", "20:30"]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{var}={value:?}: refused: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains("nothing was installed"), "{err}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("injected"));
        assert!(unit(&config, "followup-remind.service").is_none(), "no unit written");
        assert_eq!(files_under(h.dir.path()), before, "nothing changed");
    }
}
