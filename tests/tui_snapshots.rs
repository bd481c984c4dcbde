//! Snapshots of every screen (TestBackend + insta), with the fixed clock
//! and the demo record of `common::tui`.

mod common;

use common::tui::*;
use crossterm::event::KeyCode;
use followup::demo::Demo;
use followup::tui::app::{App, Screen};

#[test]
fn snapshot_dashboard_at_three_sizes() {
    let app = App::with_journal(today(), demo());
    insta::assert_snapshot!("dashboard_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("dashboard_40x12", render(&app, 40, 12).backend());
    insta::assert_snapshot!("dashboard_160x48", render(&app, 160, 48).backend());
}

#[test]
fn snapshot_dashboard_whole_window_and_too_small() {
    let mut app = App::with_journal(today(), demo());
    press(&mut app, &[ch('z')]);
    insta::assert_snapshot!("dashboard_whole_window_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("too_small_30x10", render(&app, 30, 10).backend());
}

#[test]
fn snapshot_unlock_and_onboarding() {
    let app = App::new(today(), true);
    insta::assert_snapshot!("unlock", render(&app, 80, 24).backend());
    let mut app = App::new(today(), false);
    for c in "tangerine-lamp".chars() {
        press(&mut app, &[ch(c)]);
    }
    insta::assert_snapshot!("onboarding", render(&app, 80, 24).backend());
}

#[test]
fn snapshot_trends() {
    let mut app = App::with_journal(today(), demo());
    press(&mut app, &[ch('t')]);
    insta::assert_snapshot!("trends", render(&app, 80, 24).backend());
}

#[test]
fn snapshot_checkin_item_review_and_item_10() {
    let mut app = App::with_journal(today(), demo());
    // today already has a PHQ-9 in the demo; check in for a fresh day instead
    app.stack.push(Screen::Checkin(followup::tui::screens::checkin::State::new(today(), None)));
    press(&mut app, &[ch('1'), ch('2'), key(KeyCode::Down)]);
    insta::assert_snapshot!("checkin_item_3", render(&app, 80, 24).backend());
    press(&mut app, &[key(KeyCode::Enter), ch('1'), ch('0'), ch('0'), ch('1'), ch('0'), ch('0')]);
    insta::assert_snapshot!("checkin_item_10", render(&app, 80, 24).backend());
    press(&mut app, &[ch('1')]);
    insta::assert_snapshot!("checkin_review", render(&app, 80, 24).backend());
}

#[test]
fn snapshot_safety_mood_history_day_reason_event_help() {
    let mut app = App::with_journal(today(), demo());
    app.stack.push(Screen::Safety(Default::default()));
    insta::assert_snapshot!("safety", render(&app, 80, 24).backend());

    let mut app = App::with_journal(today(), demo());
    app.stack.push(Screen::Mood(Box::new(followup::tui::screens::mood::State::new(today()))));
    press(
        &mut app,
        &[
            key(KeyCode::Right),
            key(KeyCode::Right),
            key(KeyCode::Down),
            ch('3'),
            key(KeyCode::Down),
            key(KeyCode::Down),
            ch('7'),
            key(KeyCode::Tab),
        ],
    );
    for c in "Walked by the river.".chars() {
        press(&mut app, &[ch(c)]);
    }
    insta::assert_snapshot!("mood", render(&app, 80, 24).backend());

    let mut app = App::with_journal(today(), demo());
    press(&mut app, &[ch('h')]);
    insta::assert_snapshot!("history", render(&app, 80, 24).backend());
    // day 20 holds the corrected mood entry
    let back = (today() - Demo::six_months("DEMO-01", today(), 2026).dosing_date).num_days() - 20;
    for _ in 0..back {
        press(&mut app, &[key(KeyCode::Down)]);
    }
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Down)]);
    insta::assert_snapshot!("day_with_versions", render(&app, 80, 24).backend());
    press(&mut app, &[ch('x')]);
    insta::assert_snapshot!("reason", render(&app, 80, 24).backend());
    press(&mut app, &[key(KeyCode::Esc), ch('e')]);
    insta::assert_snapshot!("event", render(&app, 80, 24).backend());
    press(&mut app, &[key(KeyCode::Esc), ch('?')]);
    insta::assert_snapshot!("help_day", render(&app, 80, 24).backend());
}

#[test]
fn snapshot_course_at_two_sizes() {
    let mut app = App::with_journal(today(), demo());
    press(&mut app, &[ch('w')]);
    assert_eq!(app.screen().name(), "Course");
    insta::assert_snapshot!("course_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("course_160x48", render(&app, 160, 48).backend());
    press(&mut app, &[key(KeyCode::PageDown)]);
    insta::assert_snapshot!("course_80x24_scrolled", render(&app, 80, 24).backend());
}
