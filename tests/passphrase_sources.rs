//! One rule for every passphrase source: the first line of a variable, a
//! file, a command or the prompt; a new passphrase on one line; a time
//! limit in range. (A new passphrase with a line break is refused: the
//! rule's own test is in `src/passphrase.rs`.)

mod common;

use common::Home;

const LINES: &str = "amber kettle drifts north\nlogin: participant\nurl: https://example.org";

#[test]
fn a_multi_line_passphrase_means_its_first_line_from_every_source() {
    let h = Home::new();
    let mut init = h.command(Some(LINES));
    init.args(["init", "--participant", "TRD-014", "--dosing-date", &common::days_ago(3)]);
    let r = common::Run::from(init.output().unwrap());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = h.dir.path().join("pass.txt");
    std::fs::write(&file, LINES).unwrap();
    let script = h.dir.path().join("pass.sh");
    std::fs::write(&script, format!("printf '%s\\n' '{}'", LINES.replace('\n', "' '"))).unwrap();
    let sources = [
        ("FOLLOWUP_PASSPHRASE", LINES.to_string()),
        ("FOLLOWUP_PASSPHRASE_FILE", file.display().to_string()),
        ("FOLLOWUP_PASSPHRASE_COMMAND", format!("sh {}", script.display())),
        ("FOLLOWUP_PASSPHRASE", "amber kettle drifts north".to_string()),
    ];
    for (var, value) in sources {
        let mut c = h.command(None);
        c.env(var, &value).arg("list");
        let r = common::Run::from(c.output().unwrap());
        assert_eq!(r.code, 0, "{var}: the same passphrase: {}", r.stderr);
    }
}

#[test]
fn a_time_limit_out_of_range_is_one_line_not_a_panic() {
    let h = Home::new();
    h.init(3);
    for limit in ["18446744073709551615", "0", "soon", "-1"] {
        for args in [&["status"][..], &["remind"][..]] {
            let mut c = h.command(None);
            c.env("FOLLOWUP_PASSPHRASE_COMMAND", format!("printf '%s\\n' \"{}\"", common::PASSPHRASE))
                .env("FOLLOWUP_PASSPHRASE_TIMEOUT", limit)
                .args(args);
            let r = common::Run::from(c.output().unwrap());
            assert!(r.code != 0 && r.code != 101, "{limit} {args:?}: refused, no panic ({})", r.code);
            assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
            assert!(r.stderr.contains("FOLLOWUP_PASSPHRASE_TIMEOUT"), "{}", r.stderr);
            assert!(r.stderr.contains("from 1 to 3600"), "{}", r.stderr);
        }
    }
    let mut c = h.command(None);
    c.env("FOLLOWUP_PASSPHRASE_COMMAND", format!("printf '%s\\n' \"{}\"", common::PASSPHRASE))
        .env("FOLLOWUP_PASSPHRASE_TIMEOUT", "5")
        .arg("list");
    assert_eq!(common::Run::from(c.output().unwrap()).code, 0);
}

#[test]
fn a_source_set_empty_is_not_set() {
    let h = Home::new();
    h.init(3);
    for var in ["FOLLOWUP_PASSPHRASE_FILE", "FOLLOWUP_PASSPHRASE_COMMAND"] {
        let mut c = h.command(Some(common::PASSPHRASE));
        c.env(var, "").arg("list");
        let r = common::Run::from(c.output().unwrap());
        assert_eq!(r.code, 0, "{var}= leaves FOLLOWUP_PASSPHRASE to be used: {}", r.stderr);
    }
}

#[test]
fn a_database_keyed_with_every_line_of_the_variable_still_opens_and_says_what_to_do() {
    let h = Home::new();
    let today = followup::clock::system();
    let window = followup::window::Window::new(today.date_naive() - chrono::Days::new(3), 182, 1).unwrap();
    let profile = followup::journal::Profile::new("TRD-014".into(), window, None);
    let whole = secrecy::SecretString::from(LINES.to_string());
    drop(followup::store::Store::create(&h.data(), &whole, &profile, today).unwrap());
    let mut c = h.command(Some(LINES));
    c.arg("list");
    let r = common::Run::from(c.output().unwrap());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("run `followup passphrase`"), "{}", r.stderr);
    // from a file it is the first line, as ever: refused, one line
    let file = h.dir.path().join("pass.txt");
    std::fs::write(&file, LINES).unwrap();
    let mut c = h.command(None);
    c.env("FOLLOWUP_PASSPHRASE_FILE", &file).arg("list");
    let r = common::Run::from(c.output().unwrap());
    assert_eq!(r.code, 3, "{}", r.stderr);
}
