//! The app driven by key events on a real encrypted database in a temp
//! folder, exactly as the terminal loop drives it.

mod common;

use common::tui::*;
use crossterm::event::{KeyCode, KeyEvent};
use followup::instrument::Mood;
use followup::record::{EntryData, Record};
use followup::store::Store;
use followup::tui::app::{App, Screen};
use followup::tui::runtime::Session;
use secrecy::SecretString;

#[test]
fn a_wrong_passphrase_then_the_right_one() {
    let dir = tempfile::tempdir().unwrap();
    small_store(dir.path());
    let mut s = Session::new(dir.path().to_path_buf(), clock);
    assert!(matches!(s.app.screen(), Screen::Unlock(_)));
    type_text(&mut s, "not it");
    s.key(key(KeyCode::Enter));
    assert!(matches!(s.app.screen(), Screen::Unlock(_)), "still locked");
    assert!(screen_text(&s.app, 80, 24).contains("Wrong passphrase (attempt 1)"));
    type_text(&mut s, PASS);
    s.key(key(KeyCode::Enter));
    assert!(matches!(s.app.screen(), Screen::Dashboard));
    assert!(screen_text(&s.app, 80, 24).contains("TRD-014"));
}

#[test]
fn onboarding_creates_the_encrypted_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut s = Session::new(data.clone(), clock);
    assert!(matches!(s.app.screen(), Screen::Onboarding(_)));
    type_text(&mut s, "olive tractor morning");
    s.key(key(KeyCode::Enter));
    type_text(&mut s, "olive tractor morning");
    s.key(key(KeyCode::Enter));
    type_text(&mut s, "TRD-777");
    s.key(key(KeyCode::Enter));
    for _ in 0..10 {
        s.key(key(KeyCode::Backspace));
    }
    type_text(&mut s, "2026-11-01");
    for _ in 0..5 {
        s.key(key(KeyCode::Enter));
    }
    // set up after the session: the baseline PHQ-9 is offered, and later is one key
    let offer = screen_text(&s.app, 80, 24);
    assert!(offer.contains("Before your session on 2026-11-01, how were the two weeks?"), "{offer}");
    s.key(key(KeyCode::Esc));
    assert!(matches!(s.app.screen(), Screen::Dashboard), "{}", screen_text(&s.app, 80, 24));
    let store = Store::open(&data, &SecretString::from("olive tractor morning".to_string())).unwrap();
    let p = store.profile().unwrap();
    assert_eq!(
        (p.participant.as_str(), p.window.dosing_date.to_string().as_str(), p.window.length_days),
        ("TRD-777", "2026-11-01", 182)
    );
    assert!(store.entries().unwrap().is_empty());
    assert!(screen_text(&s.app, 80, 24).contains("Day 21 of 182"));
}

/// Set up with the dosing session `dosing`, every other field its default.
fn set_up(data: &std::path::Path, dosing: &str) -> Session {
    let mut s = Session::new(data.to_path_buf(), clock);
    for text in ["olive tractor morning", "olive tractor morning", "TRD-778"] {
        type_text(&mut s, text);
        s.key(key(KeyCode::Enter));
    }
    for _ in 0..10 {
        s.key(key(KeyCode::Backspace));
    }
    type_text(&mut s, dosing);
    for _ in 0..5 {
        s.key(key(KeyCode::Enter));
    }
    s
}

#[test]
fn set_up_after_the_session_offers_the_baseline_phq9_as_an_entry_added_later() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut s = set_up(&data, "2026-11-01");
    assert!(matches!(s.app.screen(), Screen::Baseline(_)), "{}", screen_text(&s.app, 80, 24));
    s.key(key(KeyCode::Enter));
    let screen = screen_text(&s.app, 80, 24);
    assert!(screen.contains("2026-10-31") && screen.contains("added later"), "{screen}");
    for a in "222222220".chars() {
        s.key(ch(a));
    }
    s.key(ch('1'));
    s.key(key(KeyCode::Enter));
    assert!(matches!(s.app.screen(), Screen::Dashboard), "{}", screen_text(&s.app, 80, 24));
    let store = Store::open(&data, &SecretString::from("olive tractor morning".to_string())).unwrap();
    let entries = store.entries().unwrap();
    let [e] = entries.as_slice() else { panic!("{entries:?}") };
    assert_eq!(e.day().to_string(), "2026-10-31");
    assert!(e.is_late());
    assert_eq!(e.record().phq9().unwrap().total(), Some(16));
    // the starting score is the baseline period's, not a first check-in after the session
    let dashboard = screen_text(&s.app, 100, 30);
    assert!(dashboard.contains("before the session") && !dashboard.contains("first check-in"), "{dashboard}");
}

#[test]
fn set_up_before_the_session_offers_no_baseline_entry() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let ahead = (today() + chrono::Days::new(3)).to_string();
    let s = set_up(&data, &ahead);
    assert!(matches!(s.app.screen(), Screen::Dashboard), "{}", screen_text(&s.app, 80, 24));
}

#[test]
fn a_complete_phq9_check_in_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    small_store(dir.path());
    let mut s = unlocked(dir.path());
    s.key(ch('c'));
    // keys 0–3, arrows + Enter, and Backspace to go back
    for a in ['1', '1', '2'] {
        s.key(ch(a));
    }
    s.key(key(KeyCode::Backspace)); // back to item 3, its answer (2) selected
    for k in [KeyCode::Up, KeyCode::Up, KeyCode::Down, KeyCode::Down, KeyCode::Enter] {
        s.key(key(k)); // 2 → 0 → 2, confirmed
    }
    for a in ['1', '0', '0', '1', '0', '0'] {
        s.key(ch(a));
    }
    let screen = screen_text(&s.app, 80, 24);
    assert!(screen.contains("Item 10"), "{screen}");
    s.key(ch('2'));
    let screen = screen_text(&s.app, 80, 24);
    assert!(screen.contains("Total 6 (mild)"), "{screen}");
    s.key(key(KeyCode::Enter));
    assert!(matches!(s.app.screen(), Screen::Dashboard));
    let store = open_store(dir.path());
    let e = store
        .entries()
        .unwrap()
        .into_iter()
        .find(|e| e.day() == today() && e.record().phq9().is_some())
        .unwrap();
    let p = e.record().phq9().unwrap();
    assert_eq!(p.answers().map(|a| a.unwrap()), [1, 1, 2, 1, 0, 0, 1, 0, 0]);
    assert_eq!(p.difficulty(), Some(2));
    assert!(!e.is_late());
}

#[test]
fn item_nine_reaches_the_safety_screen_after_saving() {
    let dir = tempfile::tempdir().unwrap();
    small_store(dir.path());
    let mut s = unlocked(dir.path());
    s.key(ch('c'));
    for a in ['1', '1', '1', '1', '1', '1', '1', '1', '2'] {
        s.key(ch(a));
    }
    assert!(matches!(s.app.screen(), Screen::Safety(_)), "the safety screen comes at once");
    // already saved, before anything is acknowledged
    let store = open_store(dir.path());
    let saved = store
        .entries()
        .unwrap()
        .into_iter()
        .find(|e| e.day() == today() && e.record().phq9().is_some())
        .unwrap();
    assert_eq!(saved.record().phq9().unwrap().answer(8), Some(2));
    drop(store);
    let screen = screen_text(&s.app, 80, 24);
    for needed in ["call your local emergency number", "Dr. Rivera, 555-0100", "Test line: 000", "Press A"] {
        assert!(screen.contains(needed), "{needed} missing:\n{screen}");
    }
    // it does not go away by accident
    for k in [key(KeyCode::Esc), ch('q'), key(KeyCode::Enter), ctrl('c'), ch('x')] {
        s.key(k);
        assert!(matches!(s.app.screen(), Screen::Safety(_)), "{k:?} dismissed the safety screen");
        assert!(!s.app.quit);
    }
    s.key(ch('a'));
    assert!(matches!(s.app.screen(), Screen::Dashboard));
    // the participant's own dashboard offers support calmly, no red banner
    let screen = screen_text(&s.app, 80, 24);
    // what they answered, never that someone was told: followup alerts nobody
    assert!(
        screen.contains("On 22 Nov you answered that you had thoughts of being better off dead"),
        "{screen}"
    );
    assert!(!screen.contains("told us"), "{screen}");
    assert!(screen.contains("Support is one key away: !"), "{screen}");
    assert!(!screen.contains("SAFETY"), "{screen}");
    // the day stays marked in History
    s.key(ch('h'));
    let screen = screen_text(&s.app, 80, 24);
    assert!(screen.contains("\u{2691} flagged"), "{screen}");
}

#[test]
fn a_mood_entry_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    small_store(dir.path());
    let mut s = unlocked(dir.path());
    s.key(ch('m'));
    s.key(ctrl('s'));
    assert!(screen_text(&s.app, 80, 24).contains("Set your mood"), "mood is required");
    s.key(key(KeyCode::Right)); // 5
    s.key(key(KeyCode::Right)); // 6
    s.key(key(KeyCode::Down));
    s.key(key(KeyCode::Down)); // energy, left unset
    s.key(key(KeyCode::Down));
    s.key(ch('7')); // sleep 7 h
    s.key(key(KeyCode::Right)); // 7.5 h
    s.key(key(KeyCode::Tab));
    type_text(&mut s, "Walked by the river.");
    s.key(key(KeyCode::Enter));
    type_text(&mut s, "Felt lighter.");
    s.key(key(KeyCode::Tab));
    type_text(&mut s, "walk meditation");
    s.key(key(KeyCode::Enter)); // to Save
    s.key(key(KeyCode::Enter));
    assert!(matches!(s.app.screen(), Screen::Dashboard), "{}", screen_text(&s.app, 80, 24));
    let store = open_store(dir.path());
    let e = store
        .entries()
        .unwrap()
        .into_iter()
        .find(|e| e.day() == today() && e.record().mood().is_some())
        .unwrap();
    let m = e.record().mood().unwrap();
    assert_eq!(m.mood(), 6);
    assert_eq!(m.anxiety(), None, "left unset, not zero");
    assert_eq!(m.energy(), None);
    assert_eq!(m.sleep().unwrap().half_hours(), 15);
    assert_eq!(m.note(), Some("Walked by the river.\nFelt lighter."));
    assert_eq!(m.tags(), ["walk", "meditation"]);
}

#[test]
fn an_amendment_needs_a_reason_and_keeps_the_old_version() {
    let dir = tempfile::tempdir().unwrap();
    let journal = small_store(dir.path());
    let mut s = unlocked(dir.path());
    s.key(ch('h'));
    // newest first: today (day 6), day 5, day 4 (mood 7 + PHQ-9)
    s.key(key(KeyCode::Down));
    s.key(key(KeyCode::Down));
    s.key(key(KeyCode::Enter));
    assert!(matches!(s.app.screen(), Screen::Day(_)));
    s.key(ch('a')); // the first item: the mood entry of day 4
    assert!(matches!(s.app.screen(), Screen::Mood(_)));
    s.key(key(KeyCode::Left)); // 7 → 6
    s.key(ctrl('s'));
    assert!(matches!(s.app.screen(), Screen::Reason(_)));
    // the correction form has no day field: no reason may say it was for another day
    let reasons = screen_text(&s.app, 80, 24);
    assert!(reasons.contains("I chose the wrong value"), "{reasons}");
    assert!(!reasons.contains("another day"), "{reasons}");
    s.key(key(KeyCode::Enter));
    assert!(screen_text(&s.app, 80, 24).contains("A reason is required"));
    type_text(&mut s, "meant 6, slider slipped");
    s.key(key(KeyCode::Enter));
    assert!(matches!(s.app.screen(), Screen::Day(_)), "back to the day after saving");
    let screen = screen_text(&s.app, 80, 24);
    assert!(screen.contains("v2 correction") && screen.contains("meant 6, slider slipped"), "{screen}");
    let store = open_store(dir.path());
    let day4 = journal.profile.window.date_of(4);
    let e = store
        .entries()
        .unwrap()
        .into_iter()
        .find(|e| e.day() == day4 && e.record().mood().is_some())
        .unwrap();
    assert_eq!(e.versions.len(), 2);
    assert_eq!(e.first().data.record.mood().unwrap().mood(), 7);
    assert_eq!(e.record().mood().unwrap().mood(), 6);
    assert_eq!(e.current().reason.as_deref(), Some("meant 6, slider slipped"));
}

#[test]
fn a_missed_day_is_filled_in_from_history_and_marked_late() {
    let dir = tempfile::tempdir().unwrap();
    let journal = small_store(dir.path());
    let mut s = unlocked(dir.path());
    s.key(ch('h'));
    for _ in 0..4 {
        s.key(key(KeyCode::Down)); // day 2, the missing one
    }
    s.key(ch('m'));
    let screen = screen_text(&s.app, 80, 24);
    assert!(screen.contains("added later"), "{screen}");
    s.key(ch('4'));
    s.key(ctrl('s'));
    let store = open_store(dir.path());
    let day2 = journal.profile.window.date_of(2);
    let e = store.entries().unwrap().into_iter().find(|e| e.day() == day2).unwrap();
    assert!(e.is_late());
}

#[test]
fn missing_days_are_gaps_not_the_lowest_bar() {
    let dir = tempfile::tempdir().unwrap();
    small_store(dir.path());
    let mut s = unlocked(dir.path());
    s.key(ch('z')); // whole window: day 0 .. day 6, one column each
    let terminal = render(&s.app, 80, 24);
    let buffer = terminal.backend().buffer();
    let text = terminal.backend().to_string();
    // the bottom row of the mood sparkline, just above the anxiety label
    let row = rows(&text).position(|l| l.starts_with("Anxiety")).expect("an anxiety row") - 1;
    let line: Vec<String> = (0..80).map(|x| buffer[(x, row as u16)].symbol().to_string()).collect();
    // columns 8.. are day 0, 1, 2, … three columns each: day 1 is mood 0, day 2 is missing
    let chart: Vec<&str> = line[8..].iter().step_by(3).take(7).map(String::as_str).collect();
    assert_eq!(chart[2], "\u{b7}", "day 2 is a gap: {chart:?}");
    assert_ne!(chart[1], "\u{b7}", "mood 0 is a value, not a gap: {chart:?}");
    assert_ne!(chart[1], " ", "mood 0 draws a bar: {chart:?}");
    assert_eq!(chart[5], "\u{b7}", "day 5 is a gap");
}

#[test]
fn a_safety_day_is_drawn_in_the_warning_colour() {
    let app = App::with_journal(today(), demo());
    let mut app = app;
    press(&mut app, &[ch('z')]);
    let terminal = render(&app, 160, 48);
    let buffer = terminal.backend().buffer();
    let text = terminal.backend().to_string();
    let row = rows(&text).position(|l| l.starts_with("Mood")).unwrap() as u16 - 1;
    let warned = (0..160).filter(|&x| buffer[(x, row)].fg == ratatui::style::Color::LightRed).count();
    assert!(warned >= 1, "the item-9 day is in the warning colour");
}

#[test]
fn entries_logged_elsewhere_show_up_after_a_refresh() {
    let dir = tempfile::tempdir().unwrap();
    small_store(dir.path());
    let mut s = unlocked(dir.path());
    assert!(screen_text(&s.app, 80, 24).contains("mood due"));
    let mut other = open_store(dir.path());
    other
        .add_entry(&EntryData { day: today(), record: Record::Mood(Mood::new(8).unwrap()) }, clock())
        .unwrap();
    s.refresh_if_changed();
    assert!(screen_text(&s.app, 80, 24).contains("mood \u{2713}"));
}

#[test]
fn every_screen_draws_at_any_size_without_panicking() {
    let journal = demo();
    let mut apps: Vec<App> = vec![App::new(today(), true), App::new(today(), false)];
    let flows: Vec<Vec<KeyEvent>> = vec![
        vec![],
        vec![ch('z')],
        vec![ch('t')],
        vec![ch('h')],
        vec![ch('h'), key(KeyCode::Enter)],
        vec![ch('h'), key(KeyCode::Enter), ch('x')],
        vec![ch('h'), key(KeyCode::Enter), ch('e')],
        vec![ch('h'), key(KeyCode::Enter), ch('a')],
        vec![ch('?')],
    ];
    for flow in flows {
        let mut app = App::with_journal(today(), journal.clone());
        press(&mut app, &flow);
        apps.push(app);
    }
    let mut checkin = App::with_journal(today(), journal.clone());
    checkin.stack.push(Screen::Checkin(followup::tui::screens::checkin::State::new(today(), None)));
    apps.push(checkin);
    let mut mood = App::with_journal(today(), journal.clone());
    mood.stack.push(Screen::Mood(Box::new(followup::tui::screens::mood::State::new(today()))));
    apps.push(mood);
    let mut safety = App::with_journal(today(), journal);
    safety.stack.push(Screen::Safety(Default::default()));
    apps.push(safety);
    for app in &apps {
        for (w, h) in
            [(1, 1), (10, 5), (39, 11), (40, 12), (41, 13), (60, 20), (80, 24), (120, 30), (200, 60)]
        {
            let text = screen_text(app, w, h);
            if w < 40 || h < 12 {
                assert!(text.contains("small") || w < 16, "{w}x{h}: {text}");
            }
        }
    }
}
