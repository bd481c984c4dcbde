//! The participant's side as a new user meets it: sliders that store what
//! was typed, scales with their anchors, calm words, support one key away,
//! footers that fit, adherence from set-up.

mod common;

use common::tui::*;
use crossterm::event::{KeyCode, KeyEvent};
use followup::instrument::Mood;
use followup::journal::{Journal, Profile};
use followup::record::{EntryData, Record};
use followup::store::Store;
use followup::tui::app::{App, Screen};
use followup::tui::runtime::Session;
use followup::tui::screens::mood::{self, typed_value};
use followup::window::Window;
use secrecy::SecretString;

#[test]
fn typed_slider_values_are_what_is_stored() {
    // scales: 1 then 0 is ten; a digit past the top is refused, never a restart
    assert_eq!(typed_value("", '1', false), Ok(("1".into(), 1)));
    assert_eq!(typed_value("1", '0', false), Ok(("10".into(), 10)));
    let past = typed_value("10", '0', false).unwrap_err();
    assert!(past.contains("100 is past the top") && past.contains("(10 kept)"), "{past}");
    assert!(typed_value("7", '8', false).is_err(), "78 is not 8");
    assert_eq!(typed_value("", '0', false), Ok(("0".into(), 0)));
    assert!(typed_value("7", '.', false).is_err(), "no halves on a 0-10 scale");
    // sleep, in half hours: 7.5 h is 15
    assert_eq!(typed_value("", '7', true), Ok(("7".into(), 14)));
    assert_eq!(typed_value("7", '.', true), Ok(("7.".into(), 14)));
    assert_eq!(typed_value("7.", '5', true), Ok(("7.5".into(), 15)));
    assert!(typed_value("7.", '3', true).is_err(), "sleep goes in half hours");
    let not_half = typed_value("7.5", '5', true).unwrap_err();
    assert!(not_half.contains("half hours") && !not_half.contains("more than a day"), "{not_half}");
    assert_eq!(typed_value("1", '0', true), Ok(("10".into(), 20)));
    let past = typed_value("2", '5', true).unwrap_err();
    assert!(past.contains("25 hours is more than a day"), "{past}");
    assert_eq!(typed_value("2", '.', true), Ok(("2.".into(), 4)));
}

/// Type keys on a fresh mood form and save; the entry as stored.
fn save_mood_form(keys: &[KeyEvent]) -> Mood {
    let dir = tempfile::tempdir().unwrap();
    small_store(dir.path());
    let mut s = unlocked(dir.path());
    s.key(ch('m'));
    for k in keys {
        s.key(*k);
    }
    s.key(ctrl('s'));
    assert!(matches!(s.app.screen(), Screen::Dashboard), "{}", screen_text(&s.app, 80, 24));
    let store = open_store(dir.path());
    let entry =
        store.entries().unwrap().into_iter().find(|e| e.day() == today() && e.record().mood().is_some());
    entry.unwrap().record().mood().unwrap().clone()
}

#[test]
fn the_keys_a_person_would_try_on_each_slider() {
    let down = key(KeyCode::Down);
    let back = key(KeyCode::Backspace);
    // mood: 1 0 is 10 (it was 0 before: the worst mood after a good day)
    assert_eq!(save_mood_form(&[ch('1'), ch('0')]).mood(), 10);
    assert_eq!(save_mood_form(&[ch('1'), ch('0'), back]).mood(), 1);
    assert_eq!(save_mood_form(&[ch('0')]).mood(), 0);
    // anxiety and energy the same
    let m = save_mood_form(&[ch('5'), down, ch('1'), ch('0'), down, ch('1'), ch('0'), back]);
    assert_eq!((m.anxiety(), m.energy()), (Some(10), Some(1)));
    // sleep in hours and halves
    let sleep = |keys: &[KeyEvent]| {
        let mut all = vec![ch('5'), down, down, down];
        all.extend_from_slice(keys);
        save_mood_form(&all).sleep().map(|h| h.to_string())
    };
    assert_eq!(sleep(&[ch('7'), ch('.'), ch('5')]).as_deref(), Some("7.5"));
    assert_eq!(sleep(&[ch('1'), ch('0')]).as_deref(), Some("10"));
    assert_eq!(sleep(&[ch('1'), ch('0'), back]).as_deref(), Some("1"));
    assert_eq!(sleep(&[ch('0')]).as_deref(), Some("0"));
    assert_eq!(sleep(&[ch('7'), ch('.'), ch('3')]).as_deref(), Some("7"), "7.3 refused, 7 kept");
    // a key too many, or the unit typed after the number, never changes it
    assert_eq!(save_mood_form(&[ch('1'), ch('0'), ch('0')]).mood(), 10, "100 refused, 10 kept");
    assert_eq!(save_mood_form(&[ch('1'), ch('0'), ch('0'), back]).mood(), 1);
    assert_eq!(save_mood_form(&[ch('7'), ch('8')]).mood(), 7, "78 refused, 7 kept");
    assert_eq!(sleep(&[ch('7'), ch('h')]).as_deref(), Some("7"), "7h is 7 hours");
    assert_eq!(sleep(&[ch('7'), ch('.'), ch('5'), ch('h')]).as_deref(), Some("7.5"));
    assert_eq!(sleep(&[ch('2'), ch('5')]).as_deref(), Some("2"), "25 hours refused, 2 kept");
    assert_eq!(sleep(&[ch('2'), ch('5'), ch('.'), ch('5')]).as_deref(), Some("2.5"));
    // h and l still move a slider when nothing is being typed
    assert_eq!(
        save_mood_form(&[ch('l'), ch('l'), ch('l'), ch('h')]).mood(),
        6,
        "the first press sets 5, then 6, 7, 6"
    );
}

#[test]
fn the_mood_form_says_what_the_scales_mean() {
    let mut app = App::with_journal(today(), demo());
    app.stack.push(Screen::Mood(Box::new(mood::State::new(today()))));
    press(&mut app, &[ch('1'), ch('0')]);
    let text = screen_text(&app, 80, 24);
    for anchor in ["0 very low … 10 very good", "0 calm … 10 extremely anxious", "0 none … 10 full of energy"]
    {
        assert!(text.contains(anchor), "{anchor}:\n{text}");
    }
    assert!(text.contains("10/10"), "{text}");
    insta::assert_snapshot!("mood_typed_ten", text);
}

fn item_nine_today() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    small_store(dir.path());
    let mut s = unlocked(dir.path());
    s.key(ch('c'));
    for a in ['1', '1', '1', '1', '1', '1', '1', '1', '1'] {
        s.key(ch(a));
    }
    s.key(ch('a'));
    (dir, s)
}

#[test]
fn after_an_item_nine_day_the_dashboard_is_calm_and_support_is_one_key_away() {
    let (_dir, mut s) = item_nine_today();
    let text = screen_text(&s.app, 80, 24);
    assert!(!text.contains("SAFETY"), "no red banner on the participant's own dashboard");
    assert!(text.contains("Today: mood due") && !text.contains("streak 0"), "no streak of none: {text}");
    insta::assert_snapshot!("dashboard_after_item_9", text);
    // on a narrow terminal the reminder takes two lines and keeps its key
    let narrow = screen_text(&s.app, 60, 16);
    assert!(narrow.contains("Support is one key away: !"), "{narrow}");
    // the crisis lines from three screens, at once
    for (how, keys, screen) in [
        ("dashboard !", vec![], ch('!')),
        ("history !", vec![ch('h')], ch('!')),
        (
            "mood form F1",
            vec![ch('m'), key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Tab)],
            key(KeyCode::F(1)),
        ),
    ] {
        for k in &keys {
            s.key(*k);
        }
        s.key(screen);
        let text = screen_text(&s.app, 80, 24);
        assert!(matches!(s.app.screen(), Screen::Safety(_)), "{how}: {text}");
        for needed in ["call your local emergency number", "Dr. Rivera, 555-0100", "Test line: 000"] {
            assert!(text.contains(needed), "{how}: {needed}:\n{text}");
        }
        insta::assert_snapshot!(format!("support_from_{}", how.replace([' ', '!'], "_")), text);
        s.key(key(KeyCode::Esc));
        assert!(!matches!(s.app.screen(), Screen::Safety(_)), "{how}: Esc goes back from support asked for");
        for _ in 0..keys.len() {
            s.key(key(KeyCode::Esc));
            s.key(key(KeyCode::Esc));
        }
        while !matches!(s.app.screen(), Screen::Dashboard) {
            s.key(key(KeyCode::Esc));
        }
    }
}

#[test]
fn every_footer_fits_at_80_columns() {
    let mut apps: Vec<(String, App)> = Vec::new();
    for keys in [
        vec![],
        vec![ch('t')],
        vec![ch('h')],
        vec![ch('h'), key(KeyCode::Enter)],
        vec![ch('h'), key(KeyCode::Enter), ch('a')],
        vec![ch('h'), key(KeyCode::Enter), ch('x')],
        vec![ch('h'), ch('e')],
        vec![ch('?')],
        vec![ch('o')],
        vec![ch('s')],
        vec![ch('!')],
        vec![ch('t'), key(KeyCode::Tab)],
        vec![ch('t'), key(KeyCode::Tab), key(KeyCode::Tab)],
        vec![ch('w')],
        vec![ch('?'), ch('p')],
        // today's PHQ-9 is done: c corrects it, and says so
        vec![ch('c')],
        vec![ch('c'), ch('1'), ch('1')],
    ] {
        let mut app = App::with_journal(today(), demo());
        press(&mut app, &keys);
        apps.push((format!("{keys:?}"), app));
    }
    use followup::tui::msg::SafetyAnswer;
    use followup::tui::screens::{checkin, safety};
    // item 9 answered 0: an answer above it saves at once (the safety screen is below)
    let phq9_keys: Vec<KeyEvent> = "1111111101".chars().map(ch).collect();
    for (name, questionnaire, answers) in [
        ("PHQ-9 check-in", &followup::instrument::PHQ9, &phq9_keys[..0]),
        ("PHQ-9 item 10", &followup::instrument::PHQ9, &phq9_keys[..9]),
        ("PHQ-9 review", &followup::instrument::PHQ9, &phq9_keys[..]),
        ("GAD-7 check-in", &followup::instrument::GAD7, &phq9_keys[..0]),
        ("GAD-7 review", &followup::instrument::GAD7, &phq9_keys[..7]),
    ] {
        let mut app = App::with_journal(today(), demo());
        app.stack.push(Screen::Checkin(checkin::State::of(questionnaire, today(), None)));
        press(&mut app, answers);
        apps.push((name.into(), app));
    }
    for answer in [SafetyAnswer::Saved, SafetyAnswer::Pending, SafetyAnswer::NotSaved] {
        let mut app = App::with_journal(today(), demo());
        app.stack.push(Screen::Safety(safety::State { answer, ..Default::default() }));
        apps.push((format!("safety after item 9 ({answer:?})"), app));
    }
    for tabs in 0..6 {
        let mut m = App::with_journal(today(), demo());
        m.stack.push(Screen::Mood(Box::new(mood::State::new(today()))));
        press(&mut m, &vec![key(KeyCode::Tab); tabs]);
        apps.push((format!("mood tab {tabs}"), m));
        // correcting today's entry: a message above the keys, on every field
        let mut m = App::with_journal(today(), demo());
        press(&mut m, &[ch('m')]);
        press(&mut m, &vec![key(KeyCode::Tab); tabs]);
        assert!(m.status.is_some(), "the correction is said");
        apps.push((format!("correcting mood, tab {tabs}"), m));
    }
    apps.push(("unlock".into(), App::new(today(), true)));
    apps.push(("onboarding".into(), App::new(today(), false)));
    let export = demo_export(Default::default());
    apps.push(("review".into(), App::review(&export)));
    for (name, app) in &apps {
        let text = screen_text(app, 80, 24);
        let footer = rows(&text).last().unwrap().trim_end().to_string();
        if let Some(status) = &app.status {
            let words: String = status.text.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            assert!(text.contains(&words), "{name}: the message shows with the keys:\n{text}");
        }
        let hints = app.screen().hints(&app.ctx);
        let shown: Vec<String> =
            hints.iter().filter_map(|h| Some(format!("{} {}", h.label, h.footer?))).collect();
        // whole hints, two spaces apart, and nothing else
        let mut rest = footer.trim_start();
        while !rest.is_empty() {
            let whole = shown.iter().find(|h| rest.starts_with(h.as_str()));
            let whole = whole.unwrap_or_else(|| panic!("{name}: a cut footer: {footer:?}"));
            rest = rest[whole.len()..].trim_start();
        }
        if hints.iter().any(|h| h.label == "?") {
            assert!(footer.ends_with("? help"), "{name}: {footer:?}");
        }
    }
}

#[test]
fn sharing_is_in_the_dashboard_footer_when_there_is_room() {
    let app = App::with_journal(today(), demo());
    let footer = |width| rows(&screen_text(&app, width, 24)).last().unwrap().trim_end().to_string();
    let wide = footer(120);
    assert!(wide.contains(" s share "), "{wide}");
    // at 80 columns quitting keeps its place; share is on ?
    let narrow = footer(80);
    assert!(narrow.contains("q/Esc quit") && narrow.ends_with("? help"), "{narrow}");
}

/// A record set up today, ten days after the dosing session.
fn set_up_late(dir: &std::path::Path) {
    let w = Window::new(today() - chrono::Days::new(10), 182, 1).unwrap();
    let profile = Profile::new("TRD-020".into(), w, None);
    let mut store = Store::create(dir, &SecretString::from(PASS.to_string()), &profile, clock()).unwrap();
    let m = Mood::new(6).unwrap();
    store.add_entry(&EntryData { day: today(), record: Record::Mood(m) }, clock()).unwrap();
}

#[test]
fn a_participant_set_up_after_dosing_is_not_counted_missing_before_it() {
    let dir = tempfile::tempdir().unwrap();
    set_up_late(dir.path());
    let s = unlocked(dir.path());
    let text = screen_text(&s.app, 80, 24);
    assert!(text.contains(&format!("Check-ins since {}: mood 100% (1/1", today())), "{text}");
    // History has every day from the baseline period's start (day -14) to today,
    // the days before set-up not called missed, and any of them can be filled in
    let mut history = unlocked(dir.path());
    history.key(ch('h'));
    let shown = screen_text(&history.app, 80, 24);
    assert!(shown.contains("History \u{b7} 25 days ") && !shown.contains("no entry"), "{shown}");
    assert!(shown.contains("before set-up"), "{shown}");
    for _ in 0..11 {
        history.key(key(KeyCode::Down)); // day -1
    }
    history.key(ch('m'));
    let form = screen_text(&history.app, 80, 24);
    assert!(form.contains("added later"), "{form}");
    history.key(ch('4'));
    history.key(ctrl('s'));
    let day = Window::new(today() - chrono::Days::new(10), 182, 1).unwrap().date_of(-1);
    let saved = open_store(dir.path()).entries().unwrap();
    assert!(saved.iter().any(|e| e.day() == day && e.is_late()), "{saved:?}");
    // the therapist sees the window from day 0 and since set-up
    let journal = open_store(dir.path()).journal().unwrap();
    let export = followup::share::Export::new(&journal, Default::default(), clock());
    let text = screen_text(&App::review(&export), 100, 30);
    assert!(text.contains("Adherence from day 0: mood 9% (1/11"), "{text}");
    assert!(text.contains("since set-up on day 10: mood 100% (1/1"), "{text}");
    // the therapist's History runs from day 0, or the first entry before it
    let mut review = App::review(&export);
    review.key(ch('h'));
    let shown = screen_text(&review, 100, 30);
    assert!(shown.contains("History \u{b7} 12 days") && shown.contains("no entry"), "{shown}");
    assert!(shown.contains("-1  mood 4 late") && !shown.contains("before set-up"), "{shown}");
}

#[test]
fn a_weekly_phq9_is_not_drawn_as_missed_days() {
    let mut journal: Journal = demo();
    journal.profile.window = Window::new(journal.profile.window.dosing_date, 182, 7).unwrap();
    // one PHQ-9 a week: keep those on period starts
    let w = journal.profile.window;
    journal.entries.retain(|e| e.record().mood().is_some() || w.phq9_scheduled(e.day()));
    let app = App::with_journal(today(), journal);
    let text = screen_text(&app, 80, 24);
    let line = rows(&text).find(|l| l.starts_with("PHQ-9  ")).unwrap_or_default();
    let next = rows(&text).skip_while(|l| !l.starts_with("PHQ-9  ")).nth(1).unwrap_or_default();
    assert!(text.contains("-week mean"), "{text}");
    for l in [line, next] {
        assert!(!l.contains('\u{b7}'), "no missed day drawn in a week that had its PHQ-9: {l:?}");
    }
    insta::assert_snapshot!("dashboard_weekly_phq9", text);
}

/// A PHQ-9 every 7 days, and two in one period (day 140 and day 143): the
/// trends chart and the dashboard draw every PHQ-9 on its own day and on no
/// other, the later one never hiding the earlier.
#[test]
fn a_phq9_taken_less_often_than_daily_is_drawn_only_on_the_days_taken() {
    use followup::instrument::Phq9;
    let mut journal: Journal = demo();
    journal.profile.window = Window::new(journal.profile.window.dosing_date, 182, 7).unwrap();
    let w = journal.profile.window;
    journal.entries.retain(|e| e.record().mood().is_some() || w.phq9_scheduled(e.day()));
    let (first, second) = (w.date_of(140), w.date_of(143));
    assert_eq!(w.phq9_period_start(first), w.phq9_period_start(second), "one period");
    journal.entries.retain(|e| e.record().phq9().is_none() || e.day() != first);
    let next = journal.entries.iter().map(|e| e.id).max().unwrap() + 1;
    for (id, day, item) in [(next, first, 0u8), (next + 1, second, 3)] {
        let record =
            Record::Phq9(Phq9::answered([item, item, item, item, item, item, 0, 0, 0], Some(0)).unwrap());
        journal.entries.push(original(id, day, record));
    }
    let taken: std::collections::BTreeMap<i64, f64> = journal
        .current_entries()
        .filter_map(|e| Some((w.day_of(e.day()), f64::from(e.record().phq9()?.total()?))))
        .filter(|(d, _)| *d >= 0)
        .collect();
    assert_eq!((taken[&140], taken[&143]), (0.0, 18.0));

    // the trends chart: a point on each day taken and on no other
    let data =
        followup::tui::context::Data::new(journal.clone(), today(), &followup::overview::Coverage::all());
    let trend = followup::tui::screens::trends::phq9_trend(&data, w.date_of(0), today(), 400);
    let drawn: std::collections::BTreeMap<i64, f64> =
        trend.runs.iter().flatten().chain(&trend.singles).map(|(x, y)| (*x as i64, *y)).collect();
    assert_eq!(drawn, taken);

    // the dashboard's last 30 days, two columns a day: a bar only on those days
    let app = App::with_journal(today(), journal);
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Last 30 days (day 121 to 150) \u{b7} 2 columns per day"), "{text}");
    let bars = rows(&text).skip_while(|l| !l.starts_with("PHQ-9  ")).nth(1).unwrap();
    let cells: Vec<char> = bars.chars().skip(8).take(60).collect();
    let days_with_bars: Vec<i64> =
        (0..30).filter(|i| cells[2 * *i as usize] != ' ').map(|i| 121 + i).collect();
    let want: Vec<i64> = taken.keys().copied().filter(|d| (121..=150).contains(d)).collect();
    assert_eq!(days_with_bars, want, "{text}");
    assert!(!cells.contains(&'\u{b7}'), "no day of a period with a PHQ-9 is a missed day: {bars:?}");
}

#[test]
fn the_export_screen_says_what_leaves() {
    let mut app = App::with_journal(today(), demo());
    press(&mut app, &[ch('s')]);
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Your notes go with it"), "{text}");
    insta::assert_snapshot!("export_screen", text);
    // notes left out: said before anything is sealed
    press(
        &mut app,
        &[key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Right)],
    );
    assert!(screen_text(&app, 80, 24).contains("Your notes stay here"));
}

#[test]
fn the_export_screen_refuses_days_with_nothing_in_them_and_says_how_much_goes() {
    let demo_app = || {
        let mut app = App::with_journal(today(), demo());
        press(&mut app, &[ch('s'), key(KeyCode::Tab), key(KeyCode::Tab)]);
        app
    };
    let type_in = |app: &mut App, text: &str| {
        for c in text.chars() {
            press(app, &[ch(c)]);
        }
    };
    // the whole record: how much, before anything is sealed
    let app = demo_app();
    let text = screen_text(&app, 80, 24);
    assert!(rows(&text).any(|l| l.contains("It holds ") && l.contains(" entries on ")), "{text}");
    // From in the future: one clear line, and Enter on the file seals nothing
    let tomorrow = (today() + chrono::Days::new(1)).to_string();
    for (from, to, refusal) in [
        (tomorrow.as_str(), "", "is after today"),
        ("", "2020-01-01", "before the record begins"),
        ("2026-11-20", "2026-11-01", "no day is in between"),
    ] {
        let mut app = demo_app();
        type_in(&mut app, from);
        press(&mut app, &[key(KeyCode::Tab)]);
        type_in(&mut app, to);
        let text = screen_text(&app, 80, 24);
        assert!(text.contains(refusal) && !text.contains("It holds"), "{refusal}:\n{text}");
        let effects = [key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Enter)]
            .into_iter()
            .flat_map(|k| app.key(k))
            .collect::<Vec<_>>();
        assert!(effects.is_empty(), "{refusal}: nothing sealed: {effects:?}");
        let text = screen_text(&app, 80, 24);
        assert_eq!(text.matches(refusal).count(), 1, "said once:\n{text}");
    }
    // the last three days, and the demo's safety-flagged day with them
    let mut app = demo_app();
    type_in(&mut app, &(today() - chrono::Days::new(2)).to_string());
    let text = screen_text(&app, 80, 24);
    let holds = rows(&text).find(|l| l.contains("It holds")).unwrap_or_default();
    assert!(holds.contains("It holds 7 entries on 4 days."), "{text}");
}

#[test]
fn sharing_from_the_app_seals_to_the_key_and_remembers_it() {
    let dir = tempfile::tempdir().unwrap();
    small_store(dir.path());
    let (identity, recipient) = followup::share::seal::keygen(clock().to_utc());
    let out = dir.path().join("for-therapist.age");
    let mut s = unlocked(dir.path());
    s.key(ch('s'));
    type_text(&mut s, &recipient);
    for _ in 0..5 {
        s.key(key(KeyCode::Enter));
    }
    for _ in 0..200 {
        s.key(key(KeyCode::Backspace));
    }
    type_text(&mut s, out.to_str().unwrap());
    s.key(key(KeyCode::Enter));
    let text = screen_text(&s.app, 120, 30);
    assert!(text.contains("Sealed for your therapist (notes included), 6 entries on 4 days"), "{text}");
    // at 80 columns the message wraps: the whole file name is there to read
    let small = screen_text(&s.app, 80, 24);
    let joined: String = small.lines().map(|l| l.trim_matches('"').trim()).collect();
    assert!(joined.contains(out.to_str().unwrap()), "{small}");
    let ids = followup::share::seal::identities_from(&identity).unwrap();
    let export = followup::share::open(&out, &ids).unwrap();
    assert_eq!(export.journal.profile.participant, "TRD-014");
    // the same name again: nothing is replaced, and the app says what to do here
    let before = std::fs::read(&out).unwrap();
    s.key(ch('s'));
    for _ in 0..10 {
        if screen_text(&s.app, 200, 30).contains("\u{2502}> File") {
            break;
        }
        s.key(key(KeyCode::Tab));
    }
    for _ in 0..200 {
        s.key(key(KeyCode::Backspace));
    }
    type_text(&mut s, out.to_str().unwrap());
    s.key(key(KeyCode::Enter));
    let text = screen_text(&s.app, 200, 30);
    assert!(text.contains("it exists: nothing was written (give the file another name)"), "{text}");
    assert!(!text.contains("--force"), "{text}");
    assert_eq!(std::fs::read(&out).unwrap(), before);
    // the key is offered the next time, even after unlocking again
    let s = unlocked(dir.path());
    let mut app = s.app;
    press(&mut app, &[ch('s')]);
    assert!(screen_text(&app, 120, 30).contains(&recipient[..20]));
}

#[test]
fn a_day_filled_in_later_reads_added_later_to_the_participant_and_late_to_the_therapist() {
    let dir = tempfile::tempdir().unwrap();
    small_store(dir.path());
    let yesterday = today() - chrono::Days::new(1);
    let mut store = open_store(dir.path());
    store
        .add_entry(&EntryData { day: yesterday, record: Record::Mood(Mood::new(4).unwrap()) }, clock())
        .unwrap();
    let journal = store.journal().unwrap();
    drop(store);
    let mut app = unlocked(dir.path()).app;
    press(&mut app, &[ch('h')]);
    let text = screen_text(&app, 100, 24);
    let row = rows(&text).find(|l| l.contains(&yesterday.to_string())).unwrap();
    let word = |w: &str| row.split_whitespace().any(|x| x == w);
    assert!(row.contains("added later") && !word("late"), "{row}");
    // the data-quality term stays in what the therapist gets
    let export = followup::share::Export::new(&journal, Default::default(), clock());
    let mut review = App::review(&export);
    press(&mut review, &[ch('h')]);
    let text = screen_text(&review, 100, 24);
    let row = rows(&text).find(|l| l.contains(&yesterday.to_string())).unwrap();
    assert!(row.split_whitespace().any(|x| x == "late") && !row.contains("added later"), "{row}");
    let csv = String::from_utf8(followup::share::ExportFormat::Csv.render(&export).to_vec()).unwrap();
    let line = csv.lines().find(|l| l.contains(&yesterday.to_string()) && l.contains(",mood,")).unwrap();
    let late = line.split(',').nth(6).unwrap();
    assert_eq!(late, "true", "{line}");
}

#[test]
fn set_up_asks_for_a_real_passphrase_and_starts_over_when_the_two_differ() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::new(dir.path().join("data"), clock);
    type_text(&mut s, "sunny");
    s.key(key(KeyCode::Enter));
    type_text(&mut s, "sunny");
    for _ in 0..7 {
        s.key(key(KeyCode::Enter));
    }
    let text = screen_text(&s.app, 100, 24);
    assert!(text.contains("too easy to guess") && text.contains("four words"), "{text}");
    assert!(!text.contains("correct horse"), "no phrase every cracking wordlist holds: {text}");
    // the cursor is back on the passphrase, not on the last field
    let Screen::Onboarding(o) = s.app.screen() else { panic!("still setting up") };
    assert_eq!(o.focus, 0, "{text}");
    assert!(text.contains("> Passphrase "), "{text}");
    // four words, but seven characters: refused too
    for _ in 0..10 {
        s.key(key(KeyCode::Backspace));
    }
    type_text(&mut s, "a b c d");
    s.key(key(KeyCode::Enter));
    type_text(&mut s, "a b c d");
    for _ in 0..7 {
        s.key(key(KeyCode::Enter));
    }
    let text = screen_text(&s.app, 100, 24);
    assert!(text.contains("too easy to guess"), "{text}");
    let Screen::Onboarding(o) = s.app.screen() else { panic!("still setting up") };
    assert_eq!(o.focus, 0, "{text}");
    // two that differ: both fields cleared, back to the first
    for _ in 0..8 {
        s.key(key(KeyCode::Up));
    }
    for _ in 0..10 {
        s.key(key(KeyCode::Backspace));
    }
    type_text(&mut s, "correct horse battery staple");
    s.key(key(KeyCode::Enter));
    for _ in 0..10 {
        s.key(key(KeyCode::Backspace));
    }
    type_text(&mut s, "correct horse battery stable");
    for _ in 0..7 {
        s.key(key(KeyCode::Enter));
    }
    let text = screen_text(&s.app, 100, 24);
    assert!(text.contains("differ"), "{text}");
    let Screen::Onboarding(o) = s.app.screen() else { panic!("still setting up") };
    assert_eq!((o.focus, o.fields[0].text(), o.fields[1].text()), (0, "", ""));
}

#[test]
fn history_puts_a_days_scores_before_its_mood_details() {
    let dir = tempfile::tempdir().unwrap();
    let journal = small_store(dir.path());
    let day4 = journal.window().date_of(4).to_string();
    let mut app = App::with_journal(today(), journal);
    press(&mut app, &[ch('h')]);
    let text = screen_text(&app, 80, 24);
    let row = text.lines().find(|l| l.contains(&day4)).unwrap();
    let (phq9, mood) = (row.find("PHQ-9").unwrap(), row.find("mood").unwrap());
    assert!(phq9 < mood, "{row}");
}

#[test]
fn the_day_view_shows_an_entrys_flag_before_its_summary() {
    let (_dir, mut s) = item_nine_today();
    s.key(ch('h'));
    s.key(key(KeyCode::Enter));
    let text = screen_text(&s.app, 60, 20);
    let row = text.lines().find(|l| l.contains("entry") && l.contains("PHQ-9")).expect("the PHQ-9 entry");
    let (flag, phq9) = (row.find('\u{2691}').expect("flagged"), row.find("PHQ-9").unwrap());
    assert!(flag < phq9, "{row}");
}

/// The whole window at 80 columns: the event kinds named in words, on the
/// chart's lower border when they do not fit beside its title.
#[test]
fn the_whole_window_trend_chart_names_its_markers_at_80_columns() {
    let mut app = App::with_journal(today(), demo());
    press(&mut app, &[ch('t')]);
    for _ in 0..3 {
        if screen_text(&app, 80, 24).contains("whole window") {
            break;
        }
        press(&mut app, &[ch('z')]);
    }
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("whole window"), "{text}");
    for kind in followup::record::EventKind::ALL {
        if text.contains(&format!("\u{2502} {}", kind.marker())) {
            panic!("{} shown by its letter only:\n{text}", kind.label());
        }
    }
    assert!(text.contains("integration"), "{text}");
}

/// The page behind `o`: one line per word, and every line of it whole at 80
/// columns, continued under its own text.
#[test]
fn the_outcome_words_page_reads_at_80_columns() {
    let mut app = App::with_journal(today(), demo());
    press(&mut app, &[ch('o')]);
    let text = screen_text(&app, 80, 24);
    for line in ["much better: 6 or more points lower", "about the same: less than 5 points lower or higher"]
    {
        assert!(text.contains(line), "{line}:\n{text}");
    }
    for row in text.lines().skip(1) {
        let inside = row.trim_start_matches('│');
        assert!(
            !inside.starts_with(|c: char| c.is_lowercase()),
            "a line continued at column 0: {row}\n{text}"
        );
    }
}

#[test]
fn the_check_in_says_which_item_once() {
    let mut app = App::with_journal(today(), demo());
    app.stack.push(Screen::Checkin(followup::tui::screens::checkin::State::new(today(), None)));
    for (w, h) in [(80, 24), (120, 40), (80, 12)] {
        let text = screen_text(&app, w, h);
        assert_eq!(text.matches("Item 1 of 9").count(), 1, "{w}x{h}: {text}");
    }
}

/// Enter alone never answers an item: nothing is chosen until the person
/// chooses; a digit past 3 says the range; Esc after answers asks again.
#[test]
fn a_check_in_answer_is_only_ever_one_the_person_chose() {
    use followup::tui::screens::checkin::State;
    let mut app = App::with_journal(today(), demo());
    app.stack.push(Screen::Checkin(State::new(today(), None)));
    let answers = |app: &App| match app.screen() {
        Screen::Checkin(s) => s.answers.clone(),
        other => panic!("left the check-in for {}", other.name()),
    };
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(answers(&app), vec![None; 9], "Enter with nothing chosen answers nothing");
    assert!(screen_text(&app, 80, 24).contains("Choose an answer first"), "{}", screen_text(&app, 80, 24));
    press(&mut app, &[ch('4')]);
    assert_eq!(answers(&app), vec![None; 9]);
    assert!(screen_text(&app, 80, 24).contains("Answers go from 0"), "{}", screen_text(&app, 80, 24));
    // the arrows choose, and Enter confirms the choice
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Enter)]);
    assert_eq!(answers(&app)[0], Some(1));
    // the next item starts with nothing chosen again
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(answers(&app)[1], None);
    // Esc with an answer given asks first; the second Esc leaves
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.screen().name(), "PHQ-9 check-in");
    assert!(screen_text(&app, 80, 24).contains("Press Esc again"), "{}", screen_text(&app, 80, 24));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.screen().name(), "Dashboard");
    // with nothing answered, one Esc leaves
    app.stack.push(Screen::Checkin(State::new(today(), None)));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.screen().name(), "Dashboard");
}

/// The participant's day view names an item-9 answer by what was answered,
/// not by the item's number.
#[test]
fn the_day_view_names_an_item_nine_answer_in_words() {
    let (_dir, mut s) = item_nine_today();
    s.key(key(KeyCode::Char('A')));
    s.key(ch('h'));
    s.key(key(KeyCode::Enter));
    let text = screen_text(&s.app, 120, 40);
    assert!(text.contains("thoughts of being better off dead or of hurting"), "{text}");
    assert!(text.contains("(several days)"), "{text}");
    assert!(!text.contains("item 9 with"), "{text}");
}

/// The PHQ-9's screening flag is for the clinician: in review's day view,
/// never on the participant's.
#[test]
fn the_screening_flag_shows_in_review_only() {
    let export = common::tui::demo_export(Default::default());
    let mut review = App::review(&export);
    press(&mut review, &[ch('h'), key(KeyCode::Enter)]);
    let text = screen_text(&review, 120, 40);
    assert!(text.contains("Screening: "), "{text}");
    let mut own = App::with_journal(today(), demo());
    press(&mut own, &[ch('h'), key(KeyCode::Enter)]);
    let text = screen_text(&own, 120, 40);
    assert!(text.contains("Total ") && !text.contains("creening"), "{text}");
}
