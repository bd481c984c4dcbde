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
    let footer = screen_text(&app, 80, 24).lines().last().unwrap_or_default().to_string();
    for key in ["s share", "w weeks", "! support", "? help", "q/Esc quit"] {
        assert!(footer.contains(key), "{key} in the footer at 80 columns: {footer}");
    }
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

/// A record with a PHQ-9 total on day -1 (the baseline) and on the first
/// day of each week given; dosing 60 days before today.
fn course_record(baseline: Option<u8>, weeks: &[(u32, u8)]) -> followup::journal::Journal {
    use followup::instrument::{Mood, Phq9};
    use followup::record::Record;
    let w = followup::window::Window::new(today() - chrono::Days::new(60), 182, 1).unwrap();
    let phq9 = |total: u8| {
        let mut a = [0u8; 9];
        let mut left = total;
        for slot in a.iter_mut().take(8) {
            *slot = left.min(3);
            left -= *slot;
        }
        Record::Phq9(Phq9::answered(a, None).unwrap())
    };
    let mut entries = vec![original(1, w.date_of(60), Record::Mood(Mood::new(6).unwrap()))];
    if let Some(b) = baseline {
        entries.push(original(2, w.date_of(-1), phq9(b)));
    }
    for (i, (k, total)) in weeks.iter().enumerate() {
        entries.push(original(i as i64 + 3, w.date_of(7 * i64::from(*k) - 6), phq9(*total)));
    }
    let profile = followup::journal::Profile::new("TRD-020".into(), w, None);
    followup::journal::Journal { profile, entries, events: vec![] }
}

/// Scores in weeks 1, 2, 3, 6, 7 and 8 (and a mood in week 9): the grid has
/// a column for every week, weeks 4, 5 and 9 a `·`, never a shade of zero,
/// and the every-fifth-week tick stands over week 5.
#[test]
fn the_week_by_item_grid_keeps_a_column_for_a_week_without_a_score() {
    let journal = course_record(Some(20), &[(1, 8), (2, 8), (3, 8), (6, 14), (7, 15), (8, 16)]);
    let mut app = App::with_journal(today(), journal);
    press(&mut app, &[ch('w')]);
    let cells = |row: &str, width: usize| -> Vec<String> {
        let chars: Vec<char> = row.chars().skip(28).collect();
        chars.chunks(width).map(|c| c.iter().collect::<String>().trim().to_string()).collect()
    };
    // with numbers: four columns a week
    let text = screen_text(&app, 120, 60);
    let mut lines = rows(&text).skip_while(|l| !l.starts_with("Week by item"));
    assert!(lines.next().unwrap().contains("darker is more days bothered; \u{b7} no PHQ-9"), "{text}");
    let header = lines.next().unwrap();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["week", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
    );
    let item1 = lines.next().unwrap();
    assert!(item1.starts_with("  1. "), "{text}");
    let shown: Vec<String> = cells(item1, 4).into_iter().take(9).collect();
    assert_eq!(shown, ["3.0", "3.0", "3.0", "\u{b7}", "\u{b7}", "3.0", "3.0", "3.0", "\u{b7}"]);
    // narrow: one column a week, the tick over week 5
    let text = screen_text(&app, 40, 60);
    let mut lines = rows(&text).skip_while(|l| !l.starts_with("Week by item")).skip(1);
    let header: Vec<char> = lines.next().unwrap().chars().skip(28).collect();
    assert_eq!(header.iter().position(|c| *c == '|'), Some(4), "{text}");
    let item1: Vec<char> = lines.next().unwrap().chars().skip(28).take(9).collect();
    let gaps: Vec<usize> =
        item1.iter().enumerate().filter(|(_, c)| **c == '\u{b7}').map(|(i, _)| i).collect();
    assert_eq!(gaps, [3, 4, 8], "{text}");
}

#[test]
fn snapshot_the_course_line_in_each_state() {
    let states = [
        ("no baseline yet", course_record(None, &[])),
        ("not eligible", course_record(Some(8), &[(1, 6), (2, 4), (3, 5)])),
        ("responding", course_record(Some(20), &[(1, 12), (2, 9), (3, 8), (4, 6), (5, 7)])),
        ("lost", course_record(Some(20), &[(1, 8), (2, 7), (3, 9), (4, 12), (5, 11)])),
        ("rising from best", course_record(Some(22), &[(1, 9), (2, 4), (3, 6), (4, 10)])),
    ];
    let mut shown = String::new();
    for (state, journal) in states {
        // the participant's plain words at home; the clinical ones in review
        let export = followup::share::Export::new(&journal, Default::default(), clock());
        let review = render(&App::review(&export), 80, 24).backend().to_string();
        let app = App::with_journal(today(), journal);
        let terminal = render(&app, 80, 24);
        let text = terminal.backend().to_string();
        let summary = |text: &str| -> String {
            rows(text)
                .skip_while(|l| !l.starts_with("PHQ-9"))
                .take_while(|l| !l.starts_with("Last "))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let own = summary(&text);
        for clinical in ["response", "baseline", "Baseline", "Course:", "change "] {
            assert!(!own.contains(clinical), "{state}: {clinical} on the participant's screen:\n{own}");
        }
        assert!(summary(&review).contains("Course: "), "{state}: {review}");
        shown += &format!("{state}:\n{own}\nin review:\n{}\n\n", summary(&review));
        // rising from best is in the warning colour: something to talk about
        let buffer = terminal.backend().buffer();
        let row = (0..24)
            .find(|y| rows(&text).nth(usize::from(*y)).is_some_and(|l| l.starts_with("Weekly: ")))
            .unwrap();
        let warned =
            (0..80).any(|x| buffer[(x, row)].fg == followup::tui::theme::Theme::warning().fg.unwrap());
        assert_eq!(warned, state == "rising from best", "{state}: {text}");
    }
    insta::assert_snapshot!("course_line_states", shown);
}

#[test]
fn a_narrow_course_line_drops_the_explanation_not_the_words_cut_midway() {
    // in review, where the course line has its clinical aside
    let export = followup::share::Export::new(
        &course_record(Some(20), &[(1, 15), (2, 14)]),
        Default::default(),
        clock(),
    );
    let app = App::review(&export);
    let wide = render(&app, 100, 30).backend().to_string();
    assert!(wide.contains("Course: no response yet (no week's mean at half the baseline or less)"), "{wide}");
    let narrow = render(&app, 50, 20).backend().to_string();
    let line = rows(&narrow).find(|l| l.starts_with("Course")).unwrap().trim_end().to_string();
    assert!(line.starts_with("Course: no response yet ·") && !line.contains("no week's"), "{narrow}");
    // with rows to spare, the summary wraps rather than cut its lines
    let tall = render(&app, 50, 30).backend().to_string();
    let joined = rows(&tall).map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(joined.contains("(mean of 1 PHQ-9, days -14 to -1)"), "{tall}");
    let own = App::with_journal(today(), course_record(Some(20), &[(1, 15), (2, 14)]));
    let tall = render(&own, 50, 30).backend().to_string();
    let joined = rows(&tall).map(str::trim).collect::<Vec<_>>().join(" ");
    for whole in ["from your PHQ-9 in the two weeks before the session", "(o: what this means)"] {
        assert!(joined.contains(whole), "{whole}: {tall}");
    }
}

/// The demo participant with the GAD-7 every week from the baseline period
/// on, switched on by a profile correction.
fn demo_with_gad7() -> followup::journal::Journal {
    use followup::instrument::Gad7;
    use followup::journal::ProfileVersion;
    use followup::record::Record;
    let mut j = demo();
    let w = j.profile.window;
    let next = j.entries.iter().map(|e| e.id).max().unwrap() + 1;
    for (i, day) in (-7..=150).step_by(7).enumerate() {
        let level: u8 = if day < 0 {
            3
        } else if day < 60 {
            1
        } else {
            2
        };
        let answers = [level, level, 1, level, 0, 1, level.saturating_sub(1)];
        j.entries.push(original(
            next + i as i64,
            w.date_of(day),
            Record::Gad7(Gad7::answered(answers).unwrap()),
        ));
    }
    let set_up = ProfileVersion {
        number: 1,
        recorded_at: clock() - chrono::Days::new(165),
        reason: None,
        window: w,
        care_contact: None,
    };
    let with_gad7 = w.with_gad7_every(7).unwrap();
    let corrected = ProfileVersion {
        number: 2,
        recorded_at: clock() - chrono::Days::new(160),
        reason: Some("the study added the GAD-7".into()),
        window: with_gad7,
        care_contact: None,
    };
    j.profile.window = with_gad7;
    j.profile.versions = vec![set_up, corrected];
    j
}

#[test]
fn snapshot_the_gad7_check_in_the_dashboard_with_a_gad7_row_and_the_profile() {
    let mut app = App::with_journal(today(), demo_with_gad7());
    let dashboard = screen_text(&app, 100, 40);
    assert!(dashboard.contains("GAD-7 ✓"), "today's due line: {dashboard}");
    assert!(rows(&dashboard).any(|l| l.starts_with("GAD-7  ") || l.starts_with("GAD-7 ")), "{dashboard}");
    insta::assert_snapshot!("dashboard_with_gad7_100x40", dashboard);

    // g: today's GAD-7 is done, so g corrects it; on a new day it asks afresh
    app.stack.push(Screen::Checkin(followup::tui::screens::checkin::State::of(
        &followup::instrument::GAD7,
        today(),
        None,
    )));
    press(&mut app, &[ch('1'), ch('2')]);
    let checkin = screen_text(&app, 80, 24);
    assert!(checkin.contains("GAD-7 for 2026-11-22") && checkin.contains("Item 3 of 7"), "{checkin}");
    assert!(checkin.contains("Worrying too much about different things"), "{checkin}");
    insta::assert_snapshot!("gad7_checkin_item_3", checkin);
    press(&mut app, &[ch('1'), ch('0'), ch('1'), ch('0'), ch('2')]);
    let review = screen_text(&app, 80, 24);
    assert!(review.contains("Total 7 (mild)") && review.contains("Copyright"), "{review}");
    insta::assert_snapshot!("gad7_checkin_review", review);

    // the profile, from help, with the daily backup as the database says
    let with_daily_backup = |on: Option<bool>| {
        let mut app = App::with_journal(today(), demo_with_gad7());
        let settings = followup::store::Settings { daily_backup: on, ..Default::default() };
        app.apply(followup::tui::msg::Outcome::Settings(settings));
        press(&mut app, &[ch('?'), ch('p')]);
        screen_text(&app, 80, 24)
    };
    let profile = with_daily_backup(Some(true));
    assert!(profile.contains("reason: the study added the GAD-7") && profile.contains("v1"), "{profile}");
    assert!(profile.contains("Daily backup: on"), "{profile}");
    insta::assert_snapshot!("profile", profile);
    let off = with_daily_backup(Some(false));
    assert!(off.contains("Daily backup: off (`followup backup --daily on` switches it on again)"), "{off}");
    // a review of an export does not know: nothing is said
    assert!(!with_daily_backup(None).contains("Daily backup"));
}

/// Whether every word of `text` is on the screen, in order (the screen's
/// lines may wrap it and put an answer beside it).
fn words_in_order(screen: &str, text: &str) -> bool {
    let mut on_screen = rows(screen).flat_map(|l| l.split(|c: char| c.is_whitespace() || c == '\u{2502}'));
    text.split_whitespace().all(|w| on_screen.any(|s| s == w))
}

#[test]
fn phq9_items_are_shown_whole_in_the_review_and_the_day_view() {
    use followup::instrument::phq9::ITEMS;
    let mut app = App::with_journal(today(), demo());
    app.stack.push(Screen::Checkin(followup::tui::screens::checkin::State::new(today(), None)));
    press(
        &mut app,
        &[ch('1'), ch('2'), ch('1'), ch('0'), ch('1'), ch('3'), ch('2'), ch('1'), ch('0'), ch('1')],
    );
    let wide = screen_text(&app, 120, 40);
    for item in ITEMS {
        assert!(words_in_order(&wide, item.text), "{}:\n{wide}", item.text);
    }
    assert!(!wide.contains('\u{2026}'), "nothing cut: {wide}");
    insta::assert_snapshot!("checkin_review_120x40", wide);
    // at 80x24 too, with the total
    let small = screen_text(&app, 80, 24);
    assert!(words_in_order(&small, ITEMS[7].text), "item 8 whole:\n{small}");
    assert!(words_in_order(&small, ITEMS[5].text), "item 6 whole:\n{small}");
    assert!(small.contains("Total 11 (moderate)"), "{small}");

    // the day view of today's PHQ-9
    let mut app = App::with_journal(today(), demo());
    press(&mut app, &[ch('h'), key(KeyCode::Enter)]);
    for _ in 0..6 {
        if screen_text(&app, 120, 40).contains("1. Little interest") {
            break;
        }
        press(&mut app, &[key(KeyCode::Down)]);
    }
    let day = screen_text(&app, 120, 40);
    for item in ITEMS {
        assert!(words_in_order(&day, item.text), "{}:\n{day}", item.text);
    }
    insta::assert_snapshot!("day_phq9_120x40", day);
    press(&mut app, &[key(KeyCode::PageDown)]);
    let small = screen_text(&app, 80, 24);
    assert!(words_in_order(&small, ITEMS[7].text), "item 8 whole:\n{small}");
}

/// At 80 columns a course lost and regained keeps where it stands now
/// ("responding again"), dropping the head's explanation for it.
#[test]
fn a_course_line_keeps_a_regained_response_before_an_explanation() {
    let journal = course_record(Some(20), &[(1, 8), (2, 7), (4, 14), (5, 15), (6, 8), (7, 6), (8, 8)]);
    let export = followup::share::Export::new(&journal, Default::default(), clock());
    for text in [
        render(&App::review(&export), 80, 24).backend().to_string(),
        render(&App::with_journal(today(), journal.clone()), 80, 24).backend().to_string(),
    ] {
        let line = rows(&text).find(|l| l.starts_with("Course: ") || l.starts_with("Weekly: ")).unwrap();
        assert!(line.contains("again"), "{line}\n{text}");
    }
}
