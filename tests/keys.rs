//! The key tables: every key a screen's help lists does what it says, and
//! in a therapist's review a key that is not listed does nothing at all.

mod common;

use common::tui::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use followup::review;
use followup::share::Filters;
use followup::tui::app::{App, Screen};
use followup::tui::keys::Pat;
use followup::tui::screens::{checkin, mood};

/// Every key a person might press.
fn every_key() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = (' '..='~').map(ch).collect();
    keys.extend(('a'..='z').map(ctrl).filter(|k| k.code != KeyCode::Char('c')));
    keys.extend(
        [
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Insert,
        ]
        .map(key),
    );
    keys.extend((1..=12).map(|n| key(KeyCode::F(n))));
    keys.push(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::ALT));
    keys
}

/// The participant's screens and the review's, each in a state worth testing.
fn participant_apps() -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    for (name, keys) in [
        ("dashboard", vec![]),
        ("trends", vec![ch('t')]),
        ("history", vec![ch('h')]),
        ("day", vec![ch('h'), key(KeyCode::Enter)]),
        ("help", vec![ch('?')]),
        ("event", vec![ch('h'), ch('e')]),
        ("reason", vec![ch('h'), key(KeyCode::Enter), ch('x')]),
    ] {
        let mut app = App::with_journal(today(), demo());
        press(&mut app, &keys);
        out.push((name, app));
    }
    for stage in 0..3 {
        let mut app = App::with_journal(today(), demo());
        app.stack.push(Screen::Checkin(checkin::State::new(today(), None)));
        let answers: Vec<KeyEvent> = match stage {
            0 => vec![],
            // eight answers and item 9 at 0: item 10 is asked
            1 => [vec![ch('1'); 8], vec![ch('0')]].concat(),
            // and item 10: the review
            _ => [vec![ch('1'); 8], vec![ch('0'), ch('1')]].concat(),
        };
        press(&mut app, &answers);
        out.push(("checkin", app));
    }
    for tabs in [0, 4, 5, 6] {
        let mut app = App::with_journal(today(), demo());
        app.stack.push(Screen::Mood(Box::new(mood::State::new(today()))));
        press(&mut app, &vec![key(KeyCode::Tab); tabs]);
        out.push(("mood", app));
    }
    // with the GAD-7 in use, its keys join the dashboard's and History's
    for (name, keys) in [("dashboard with the GAD-7", vec![]), ("history with the GAD-7", vec![ch('h')])] {
        let mut journal = demo();
        journal.profile.window = journal.profile.window.with_gad7_every(7).unwrap();
        let mut app = App::with_journal(today(), journal);
        press(&mut app, &keys);
        out.push((name, app));
    }
    let mut safety = App::with_journal(today(), demo());
    safety.stack.push(Screen::Safety(Default::default()));
    out.push(("safety", safety));
    out.push(("unlock", App::new(today(), true)));
    out.push(("onboarding", App::new(today(), false)));
    out
}

fn review_apps() -> Vec<(&'static str, App)> {
    let export = demo_export(Filters::default());
    let mut out = Vec::new();
    for (name, keys) in [
        ("review dashboard", vec![]),
        ("review trends", vec![ch('t')]),
        ("review history", vec![ch('h')]),
        ("review day", vec![ch('h'), key(KeyCode::Enter)]),
        ("review help", vec![ch('?')]),
        ("review course", vec![ch('w')]),
    ] {
        let mut app = App::review(&export);
        press(&mut app, &keys);
        out.push((name, app));
    }
    let loaded = review::Loaded { path: "a.age".into(), export: export.clone() };
    let caseload = review::caseload(vec![loaded], Vec::new());
    out.push(("caseload", App::caseload(caseload.clone(), today())));
    let mut cohort = App::caseload(caseload, today());
    cohort.key(key(KeyCode::Tab));
    out.push(("caseload cohort", cohort));
    out
}

#[test]
fn every_listed_key_is_taken_by_its_own_binding() {
    for (name, app) in participant_apps().iter().chain(review_apps().iter()) {
        let table = app.screen().table(&app.ctx);
        assert!(table.iter().any(|r| r.applies), "{name}: no key applies");
        for (i, row) in table.iter().enumerate().filter(|(_, r)| r.applies) {
            for pat in row.keys {
                let taken = app.screen().binding_for(&app.ctx, pat.example());
                // a catch-all text binding comes last and takes what the others leave
                if *pat == Pat::Any {
                    continue;
                }
                assert_eq!(taken, Some(i), "{name}: {} ({:?}) is shadowed", row.hint.label, pat);
            }
        }
    }
}

#[test]
fn the_footer_and_help_list_exactly_the_keys_that_apply() {
    for (name, mut app) in participant_apps().into_iter().chain(review_apps()) {
        if matches!(app.screen(), Screen::Help(_)) {
            continue;
        }
        let applying: Vec<&str> =
            app.screen().table(&app.ctx).iter().filter(|r| r.applies).map(|r| r.hint.help).collect();
        let hints: Vec<&str> = app.screen().hints(&app.ctx).iter().map(|h| h.help).collect();
        assert_eq!(applying, hints, "{name}");
        let help_key = app.screen().table(&app.ctx).iter().position(|r| r.applies && r.hint.label == "?");
        if help_key.is_some() && app.screen().binding_for(&app.ctx, ch('?')) == help_key {
            app.key(ch('?'));
            let text = screen_text(&app, 120, 40);
            for help in &applying {
                assert!(text.contains(help), "{name}: help does not list {help:?}:\n{text}");
            }
        }
    }
}

/// What a key can change on the app: the screens and their state, the
/// status, the zoom, the day.
fn fingerprint(app: &App) -> String {
    format!(
        "{:?} {:?} {} {:?} {:?} {} {}",
        app.stack.iter().map(Screen::name).collect::<Vec<_>>(),
        app.screen(),
        app.stack.len(),
        app.status,
        app.ctx.zoom,
        app.ctx.today,
        app.quit
    )
}

#[test]
fn in_a_review_an_unlisted_key_does_nothing() {
    for (name, app) in review_apps() {
        for k in every_key() {
            if app.screen().binding_for(&app.ctx, k).is_some() {
                continue;
            }
            let mut app2 = review_apps().into_iter().find(|(n, _)| *n == name).unwrap().1;
            let before = fingerprint(&app2);
            let effects = app2.key(k);
            assert!(effects.is_empty(), "{name}: {k:?} asked for {effects:?}");
            assert_eq!(fingerprint(&app2), before, "{name}: {k:?} changed something");
        }
    }
}

#[test]
fn a_review_cannot_reload_check_in_or_correct() {
    // `r` on the review dashboard used to send a reload to a session with no
    // database ("Not saved: could not reload…") and move the charts to today
    let export = demo_export(Filters::default());
    let mut session = followup::tui::runtime::Session::in_memory(App::review(&export), clock);
    let before = fingerprint(&session.app);
    for k in [ch('r'), ch('c'), ch('m'), ch('e'), ch('a'), ch('x')] {
        session.key(k);
        assert_eq!(fingerprint(&session.app), before, "{k:?}");
    }
    let text = screen_text(&session.app, 80, 24);
    assert!(!text.contains("Not saved"), "{text}");
    assert!(!text.contains(" r "), "r is not offered in a review: {text}");
}

#[test]
fn the_participants_keys_do_what_their_help_says() {
    let dashboard = || App::with_journal(today(), demo());
    let cases: Vec<(Vec<KeyEvent>, &str)> = vec![
        (vec![ch('c')], "PHQ-9 check-in"),
        (vec![ch('m')], "Mood entry"),
        (vec![ch('t')], "Trends"),
        (vec![ch('h')], "History"),
        (vec![ch('?')], "Help"),
        (vec![ch('h'), key(KeyCode::Enter)], "Day"),
        (vec![ch('h'), ch('e')], "Timeline event"),
        (vec![ch('h'), key(KeyCode::Down), ch('m')], "Mood entry"),
        (vec![ch('h'), key(KeyCode::Enter), ch('a')], "PHQ-9 check-in"),
        (vec![ch('h'), key(KeyCode::Enter), ch('x')], "Reason"),
        (vec![ch('t'), key(KeyCode::Esc)], "Dashboard"),
        (vec![ch('?'), key(KeyCode::Esc)], "Dashboard"),
        (vec![ch('w')], "Course"),
        (vec![ch('w'), key(KeyCode::Esc)], "Dashboard"),
        (vec![ch('s')], "Share"),
        (vec![ch('o')], "About"),
        (vec![ch('o'), key(KeyCode::Esc)], "Dashboard"),
        (vec![key(KeyCode::F(1))], "Safety"),
    ];
    for (keys, expected) in cases {
        let mut app = dashboard();
        for k in &keys {
            app.key(*k);
        }
        assert_eq!(app.screen().name(), expected, "{keys:?}");
    }
    let mut app = dashboard();
    let zoom = app.ctx.zoom;
    app.key(ch('z'));
    assert_ne!(app.ctx.zoom, zoom, "z zooms");
    let effects = dashboard().key(ch('r'));
    assert_eq!(effects.len(), 1, "r reloads the participant's own database");
    let mut app = dashboard();
    app.key(ch('q'));
    assert!(app.quit, "q quits from the dashboard");
}

#[test]
fn the_reviews_keys_do_what_their_help_says() {
    let export = demo_export(Filters::default());
    let mut app = App::review(&export);
    app.key(ch('w'));
    assert_eq!(app.screen().name(), "Course", "w: the course of response");
    let before = fingerprint(&app);
    app.key(key(KeyCode::Down));
    assert_ne!(fingerprint(&app), before, "the course's tables scroll");
    app.key(key(KeyCode::Esc));
    assert_eq!(app.screen().name(), "Dashboard");

    let loaded = review::Loaded { path: "a.age".into(), export: export.clone() };
    let caseload = || App::caseload(review::caseload(vec![loaded.clone()], Vec::new()), today());
    let state = |app: &App| match app.screen() {
        Screen::Caseload(s) => format!("{:?} {:?} {}", s.tab, s.sort, s.worst_first),
        other => other.name().to_string(),
    };
    let mut app = caseload();
    let first = state(&app);
    app.key(key(KeyCode::Tab));
    assert_ne!(state(&app), first, "Tab: the cohort");
    app.key(key(KeyCode::Tab));
    assert_eq!(state(&app), first, "and back to the participants");
    app.key(ch('l'));
    assert_ne!(state(&app), first, "l: sort by another column");
    app.key(ch('h'));
    assert_eq!(state(&app), first, "h: back to the first column");
    app.key(ch('r'));
    assert_ne!(state(&app), first, "r: reverse the order");
    let mut app = caseload();
    app.key(key(KeyCode::Enter));
    assert_eq!(app.screen().name(), "Dashboard", "Enter opens the participant");
    app.key(key(KeyCode::Esc));
    assert_eq!(app.screen().name(), "Caseload", "and Esc goes back to the caseload");
    let mut app = caseload();
    app.key(ch('q'));
    assert!(app.quit, "q quits the caseload");
}

/// Help scrolls: the caseload's column meanings are below the first screen
/// at 80×24.
#[test]
fn help_scrolls_to_what_the_columns_mean() {
    let export = demo_export(Filters::default());
    let loaded = review::Loaded { path: "a.age".into(), export };
    let mut app = App::caseload(review::caseload(vec![loaded], Vec::new()), today());
    app.key(ch('?'));
    let first = screen_text(&app, 80, 24);
    for _ in 0..20 {
        app.key(key(KeyCode::Down));
    }
    let scrolled = screen_text(&app, 80, 24);
    assert_ne!(first, scrolled, "help scrolled");
    assert!(scrolled.contains("Item 9"), "{scrolled}");
}
