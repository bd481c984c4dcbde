//! `NO_COLOR` (no-color.org): no colour in any cell, and what colour said
//! (safety, late, rising from best) still said by text and symbols. A test
//! binary of its own: the switch is process-wide.

mod common;

use common::tui::{demo, demo_export, render, today};
use followup::share::Filters;
use followup::tui::app::App;
use followup::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

fn coloured_cells(t: &ratatui::Terminal<TestBackend>) -> usize {
    t.backend().buffer().content().iter().filter(|c| c.fg != Color::Reset || c.bg != Color::Reset).count()
}

#[test]
fn no_color_means_no_colour_and_the_same_information() {
    let participant = App::with_journal(today(), demo());
    let export = demo_export(Filters::default());
    let review = App::review(&export);
    // with colour, to be sure the check below can fail
    assert!(coloured_cells(&render(&participant, 80, 24)) > 50);
    assert!(coloured_cells(&render(&review, 80, 24)) > 50);

    Theme::set_no_color(true);
    let dashboard = render(&participant, 80, 24);
    assert_eq!(coloured_cells(&dashboard), 0, "{}", dashboard.backend());
    insta::assert_snapshot!("dashboard_no_color", dashboard.backend());

    // an item-9 day on the participant's sparklines: a ! under it, named
    let dir = tempfile::tempdir().unwrap();
    let mut journal = common::tui::small_store(dir.path());
    let answers = [1, 1, 1, 1, 1, 1, 1, 1, 1];
    let phq9 =
        followup::record::Record::Phq9(followup::instrument::Phq9::answered(answers, Some(1)).unwrap());
    journal.entries.push(common::tui::original(7, today(), phq9));
    let flagged = render(&App::with_journal(today(), journal), 80, 24);
    assert_eq!(coloured_cells(&flagged), 0);
    let text = flagged.backend().to_string();
    let events = common::tui::rows(&text).find(|l| l.starts_with("Events")).unwrap_or_default();
    assert!(events.contains("!! ") && events.contains("! item 9"), "{text}");
    insta::assert_snapshot!("dashboard_item_9_no_color", text);

    // a therapist's view: the safety day is named in words and marked with !
    let seen = render(&review, 80, 24);
    assert_eq!(coloured_cells(&seen), 0);
    let text = seen.backend().to_string();
    assert!(text.contains("! SAFETY  item 9 answered 1"), "{text}");
    // the course screen's grid: shading characters instead of grey backgrounds
    let mut course = App::with_journal(today(), demo());
    course.key(common::tui::ch('w'));
    let wide = render(&course, 160, 48);
    assert_eq!(coloured_cells(&wide), 0);
    let narrow = render(&course, 80, 40).backend().to_string();
    assert!(
        narrow.contains('\u{2591}') || narrow.contains('\u{2592}') || narrow.contains('\u{2593}'),
        "{narrow}"
    );
    // the charts tell their lines apart by glyph, each named where it is drawn
    let wide = wide.backend().to_string();
    for named in
        ["\u{2550} baseline", "\u{254c} response", "\u{2508} remission", "\u{2502} integration session"]
    {
        assert!(wide.contains(named), "{named}: {wide}");
    }
    assert!(!wide.contains("yellow") && !wide.contains("green"), "no colour named: {wide}");
    let mut trends = App::with_journal(today(), demo());
    trends.key(common::tui::ch('t'));
    for _ in 0..3 {
        if render(&trends, 120, 40).backend().to_string().contains("whole window") {
            break;
        }
        trends.key(common::tui::ch('z'));
    }
    let drawn = render(&trends, 120, 40).backend().to_string();
    assert!(drawn.contains("\u{2550} baseline") && drawn.matches('\u{2550}').count() > 20, "{drawn}");
    // the demo's item-9 day, over the whole window: a ! on the chart and in the legend
    assert!(drawn.contains("! item 9"), "{drawn}");
    Theme::set_no_color(false);
}
