//! Durability across a caseload: a generated caseload of 36 participants
//! (responders who hold, responders who lose it at different times,
//! non-responders, late responders, baselines below 10, partial exports),
//! the caseload's new columns and the cohort tab (snapshots), which export
//! of a participant is used, and "worst first" in every column.

mod common;

use chrono::{Days, FixedOffset, NaiveDate, TimeZone};
use common::tui::{ch, key, rows};
use crossterm::event::KeyCode;
use followup::demo::caseload_mix;
use followup::report::ReportFormat;
use followup::review::{self, Caseload, Loaded, Status};
use followup::share::{Export, Filters};
use followup::tui::app::App;
use followup::tui::screens::caseload::columns::{ALL, Column};
use followup::tui::screens::caseload::{State, Tab};

fn today() -> NaiveDate {
    "2026-11-22".parse().unwrap()
}

fn at(day: NaiveDate) -> chrono::DateTime<FixedOffset> {
    FixedOffset::east_opt(3600).unwrap().from_local_datetime(&day.and_hms_opt(18, 0, 0).unwrap()).unwrap()
}

/// The generated caseload, as exports made today (partial ones from their
/// day 14 on).
fn loaded(count: usize) -> Vec<Loaded> {
    caseload_mix(count, today())
        .into_iter()
        .map(|m| {
            let filters = Filters { from: m.partial_from, ..Filters::default() };
            let export = Export::new(&m.demo.journal(), filters, at(today()));
            Loaded { path: format!("{}.age", m.demo.participant).into(), export }
        })
        .collect()
}

fn mix() -> Caseload {
    review::caseload(loaded(36), Vec::new())
}

fn screen(app: &App, w: u16, h: u16) -> String {
    common::tui::screen_text(app, w, h)
}

#[test]
fn the_generated_caseload_has_the_mix_a_trial_sees() {
    let c = mix();
    assert_eq!(c.rows.len(), 36);
    let statuses: Vec<Status> = c.rows.iter().filter(|r| !r.partial()).map(|r| r.status()).collect();
    let count = |f: fn(&Status) -> bool| statuses.iter().filter(|s| f(s)).count();
    assert!(count(|s| matches!(s, Status::Responding(_))) >= 8, "{statuses:?}");
    assert!(count(|s| matches!(s, Status::Lost(_))) >= 3, "{statuses:?}");
    assert!(count(|s| matches!(s, Status::None)) >= 4, "{statuses:?}");
    assert!(count(|s| matches!(s, Status::NotApplicable)) >= 2, "{statuses:?}");
    // relapses at different weeks
    let lost: std::collections::BTreeSet<u32> =
        statuses.iter().filter_map(|s| if let Status::Lost(k) = s { Some(*k) } else { None }).collect();
    assert!(lost.len() >= 3, "{lost:?}");
    assert_eq!(c.partial().len(), 3, "every eleventh export is partial");
    assert!(c.rows.iter().filter(|r| r.partial()).all(|r| r.course().is_none()));
    // a partial export ends where its range does: it cannot say when the
    // participant last checked in, so it is never marked quiet
    assert!(c.rows.iter().filter(|r| r.partial()).all(|r| r.days_since_last_entry().is_none() && !r.quiet()));
    // the cohort is made of the full exports only
    let cohort = followup::cohort::Cohort::new(c.rows.iter().filter_map(|r| r.course()));
    assert_eq!(cohort, c.cohort);
    let week1 = c.cohort.timepoints[0];
    assert_eq!(week1.scored + week1.missing, 33);
    assert!(c.cohort.durability.lost > 0 && c.cohort.durability.lost < c.cohort.durability.responders);
}

/// Every participant the durability figures count as a loss shows the loss
/// in the Response column, responding again or not, and their duration has
/// no "+" (the demo participant: lost in week 9, responding again since 12).
#[test]
fn a_loss_the_cohort_counts_is_shown_in_the_caseload_even_when_responding_again() {
    let demo = followup::demo::Demo::six_months("TRD-001", today(), 2026);
    let mut all = loaded(36);
    all.push(Loaded {
        path: "TRD-001.age".into(),
        export: Export::new(&demo.journal(), Filters::default(), at(today())),
    });
    let c = review::caseload(all, Vec::new());
    let shows_loss = |r: &&review::CaseRow| r.status().short().starts_with("lost w");
    let lost: Vec<&review::CaseRow> = c.rows.iter().filter(|r| !r.partial()).filter(shows_loss).collect();
    assert_eq!(lost.len(), c.cohort.durability.lost, "the caseload shows every loss the Kaplan-Meier counts");
    let again = c.rows.iter().find(|r| r.participant == "TRD-001").unwrap();
    assert_eq!(again.status(), Status::Again { lost: 9, since: 12 });
    assert_eq!(again.status().short(), "lost w9, w12\u{2192}");
    let weeks = again.course().unwrap().response_weeks.map(|n| n.to_string());
    assert!(again.status().short().chars().count() <= usize::from(Column::Response.spec().width));
    let mut app = App::caseload(c, today());
    let wide = screen(&app, 160, 48);
    let row = rows(&wide).find(|l| l.contains("TRD-001")).unwrap();
    let dur = row.split("lost w9, w12\u{2192}").nth(1).and_then(|r| r.split_whitespace().next());
    assert_eq!(dur, weeks.as_deref(), "no +: {row}");
    app.key(ch('?'));
    let help = screen(&app, 160, 48);
    assert!(help.contains("lost wN, wM\u{2192}"), "{help}");
}

#[test]
fn snapshot_the_caseload_with_the_course_columns() {
    let mut app = App::caseload(mix(), today());
    let narrow = screen(&app, 80, 24);
    for header in ["Response", "Rise", "Item 9"] {
        assert!(narrow.contains(header), "{header} at 80 columns:\n{narrow}");
    }
    insta::assert_snapshot!("caseload_mix_80x24", narrow);
    let wide = screen(&app, 160, 48);
    for header in ["Best", "1st", "Dur", "Outcome", "Export"] {
        assert!(wide.contains(header), "{header} at 160 columns:\n{wide}");
    }
    insta::assert_snapshot!("caseload_mix_160x48", wide);
    // the people to call first: item-9 days, then rising from best
    let first_rows: Vec<&str> = rows(&wide).skip(3).take(6).collect();
    assert!(first_rows.iter().take(5).all(|r| r.contains('!')), "{first_rows:#?}");
    // help lists every column's meaning
    app.key(ch('?'));
    let help = screen(&app, 160, 48);
    for c in ALL {
        assert!(help.contains(c.spec().meaning), "{:?} in help:\n{help}", c);
    }
}

#[test]
fn snapshot_the_cohort_tab() {
    let mut app = App::caseload(mix(), today());
    app.key(key(KeyCode::Tab));
    let small = screen(&app, 80, 24);
    assert!(small.contains("Responders / eligible") && small.contains("Median duration"), "{small}");
    assert!(small.contains("Left out: 3 partial exports"), "{small}");
    insta::assert_snapshot!("cohort_80x24", small);
    insta::assert_snapshot!("cohort_160x48", screen(&app, 160, 48));
    app.key(key(KeyCode::Tab));
    assert!(screen(&app, 80, 24).contains("Participants"));
}

#[test]
fn worst_first_is_the_same_direction_in_every_column() {
    let mut s = State::new(mix());
    assert_eq!((s.tab, s.sort), (Tab::Participants, Column::Item9));
    let value = |s: &State, i: usize, c: Column| {
        let r = &s.caseload.rows[s.order()[i]];
        match c {
            Column::Latest => r.overview.latest_phq9.map(|l| f64::from(l.score.total)),
            Column::Adherence => r.overview.adherence.mood.map(|m| f64::from(m.percent())),
            Column::Mood => r.overview.mood_mean.map(|m| m.1),
            Column::Since => r.overview.days_since_last_entry().map(|d| d as f64),
            _ => None,
        }
    };
    // worse is higher for the PHQ-9 and days since the last entry, lower for adherence and mood
    for (c, higher_is_worse) in
        [(Column::Latest, true), (Column::Since, true), (Column::Adherence, false), (Column::Mood, false)]
    {
        s.sort = c;
        s.worst_first = true;
        let (first, second) = (value(&s, 0, c).unwrap(), value(&s, 1, c).unwrap());
        let last = (0..s.caseload.rows.len()).rev().find_map(|i| value(&s, i, c)).unwrap();
        if higher_is_worse {
            assert!(first >= second && first >= last, "{c:?}: {first} {second} {last}");
        } else {
            assert!(first <= second && first <= last, "{c:?}: {first} {second} {last}");
        }
        s.worst_first = false;
        let reversed = value(&s, 0, c);
        assert!(reversed.is_none() || reversed != Some(first) || first == last, "{c:?} reversed");
    }
    // a relapse is worse than a response and sorts above it
    s.sort = Column::Response;
    s.worst_first = true;
    let top = &s.caseload.rows[s.order()[0]];
    assert!(matches!(top.status(), Status::Lost(_)), "{:?}", top.status());
}

#[test]
fn a_full_export_is_used_over_a_newer_partial_one_and_says_so() {
    let mut files = loaded(4);
    let code = files[0].export.journal.profile.participant.clone();
    let journal = files[0].export.journal.clone();
    let dosing = journal.window().dosing_date;
    // the same participant: an older full export, and a newer partial one
    let older = Export::new(&journal, Filters::default(), at(today() - Days::new(3)));
    let partial = Filters { from: Some(dosing + Days::new(20)), ..Filters::default() };
    let newer = Export::new(&journal, partial, at(today() + Days::new(1)));
    // made three days ago, it holds entries to today: its date covers them
    let older_date = older.as_of();
    assert_eq!(
        older_date,
        journal.entries.iter().map(|e| e.day()).max().unwrap().max(today() - Days::new(3))
    );
    files.push(Loaded { path: "newer-partial.age".into(), export: newer });
    files.push(Loaded { path: "older-full.age".into(), export: older });
    let c = review::caseload(files, Vec::new());
    let row = c.rows.iter().find(|r| r.participant == code).unwrap();
    assert!(!row.partial());
    assert_eq!(row.export_date(), today(), "the newest full export");
    let aside: Vec<(NaiveDate, bool)> = row.set_aside.iter().map(|a| (a.exported, a.partial)).collect();
    assert!(aside.contains(&(today() + Days::new(1), true)) && aside.contains(&(older_date, false)));
    let app = App::caseload(c, today());
    let text = screen(&app, 120, 24);
    assert!(text.contains(&format!("* {code}: the full export of {} is used", today())), "{text}");
}

/// Every export set aside is in the caseload JSON with its reason, and an
/// identical copy of the one used is called a copy, not an older export.
#[test]
fn exports_set_aside_are_listed_in_the_json_and_a_copy_is_called_a_copy() {
    let mut files = loaded(4);
    let code = files[0].export.journal.profile.participant.clone();
    let journal = files[0].export.journal.clone();
    let dosing = journal.window().dosing_date;
    let copy = Loaded { path: "copy.age".into(), export: files[0].export.clone() };
    let older = Export::new(&journal, Filters::default(), at(today() - Days::new(3)));
    let partial = Filters { from: Some(dosing + Days::new(20)), ..Filters::default() };
    let newer = Export::new(&journal, partial, at(today() + Days::new(1)));
    files.insert(0, Loaded { path: "older-full.age".into(), export: older });
    files.push(copy);
    files.push(Loaded { path: "newer-partial.age".into(), export: newer });
    let c = review::caseload(files, Vec::new());
    let doc: serde_json::Value =
        serde_json::from_str(&followup::report::cohort::render(&c, followup::report::ReportFormat::Json))
            .unwrap();
    let mut aside: Vec<(String, String, String)> = doc["set_aside"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let s = |k: &str| a[k].as_str().unwrap().to_string();
            (s("file"), s("participant"), s("reason"))
        })
        .collect();
    aside.sort();
    let want = |f: &str, r: &str| (f.to_string(), code.clone(), r.to_string());
    assert_eq!(
        aside,
        [want("copy.age", "copy"), want("newer-partial.age", "partial"), want("older-full.age", "older")]
    );
    assert_eq!(doc["participants"].as_array().unwrap().len(), 4, "each participant once");

    let md = followup::report::cohort::render(&c, followup::report::ReportFormat::Md);
    let line = md.lines().find(|l| l.contains("copy.age")).unwrap();
    assert!(
        line.ends_with(&format!("copy.age: a copy of the export of {code} of {}, set aside", today())),
        "{line}"
    );
    assert!(md.lines().any(|l| l.contains("older-full.age") && l.contains("an older export")), "{md}");
}

/// The generated caseload sealed to a fresh key in a folder, plus a damaged
/// and a foreign file; returns (folder, identity file).
fn sealed(home: &common::Home, count: usize) -> (std::path::PathBuf, std::path::PathBuf) {
    use followup::share::{Seal, seal};
    let dir = home.dir.path().join("exports");
    std::fs::create_dir_all(&dir).unwrap();
    let (identity, recipient) = seal::keygen(chrono::Utc::now());
    let id = home.dir.path().join("identity.txt");
    std::fs::write(&id, identity.as_bytes()).unwrap();
    let to = Seal::Recipients(vec![seal::recipient(&recipient).unwrap()]);
    for l in loaded(count) {
        let bytes = seal::seal(&l.export.to_json(), &to, false, Vec::new()).unwrap();
        std::fs::write(dir.join(&l.path), bytes).unwrap();
    }
    (dir, id)
}

#[test]
fn the_caseload_brief_lists_what_did_not_open_and_reports_the_rest() {
    let home = common::Home::new();
    let (dir, id) = sealed(&home, 12);
    std::fs::write(dir.join("damaged.age"), b"age-encryption.org/v1\n-> X25519 garbage").unwrap();
    std::fs::write(dir.join("notes.age"), b"not an export").unwrap();
    let (dir_s, id_s) = (dir.to_str().unwrap(), id.to_str().unwrap());
    let r = home.run(&["report", dir_s, "-i", id_s, "--format", "md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("NOT encrypted"), "{}", r.stderr);
    assert!(r.stdout.starts_with("> **SAFETY"), "every item-9 day first:\n{}", r.stdout);
    assert!(r.stdout.contains("# Caseload brief: 12 participants"), "{}", r.stdout);
    assert!(
        r.stdout.contains("damaged.age") && r.stdout.contains("notes.age: not an age-encrypted file"),
        "{}",
        r.stdout
    );

    // JSON: each participant's document is the one their own brief has
    let doc: serde_json::Value =
        serde_json::from_str(&home.ok(&["report", dir_s, "-i", id_s, "--format", "json"])).unwrap();
    assert_eq!(doc["failed"].as_array().unwrap().len(), 2);
    assert_eq!(doc["partial"], serde_json::json!(["C008"]));
    let one = dir.join("C002.age");
    let own: serde_json::Value =
        serde_json::from_str(&home.ok(&["report", one.to_str().unwrap(), "-i", id_s, "--format", "json"]))
            .unwrap();
    assert_eq!(doc["participants"][1], own);
    assert_eq!(doc["cohort"]["durability"]["survival"].as_array().unwrap().len(), 4);

    // several files named one by one are a caseload too; -o never replaces
    let (a, b) = (dir.join("C001.age"), dir.join("C003.age"));
    let out = home.dir.path().join("weeks.csv");
    let args = [
        "report",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-i",
        id_s,
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
    ];
    home.ok(&args);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("participant,week,phq9,phq9_n,response,remission,mood,item9\r\n"), "{csv}");
    assert!(csv.contains("\r\nC001,1,") && csv.contains("\r\nC003,1,"), "{csv}");
    assert_eq!(home.run(&args).code, 2, "never over a file without --force");

    // a focus is for one participant
    let r = home.run(&["report", dir_s, "-i", id_s, "--since-event", "2"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("one participant"), "{}", r.stderr);
}

#[test]
fn a_caseload_brief_with_nothing_that_opens_fails_with_one_line() {
    let home = common::Home::new();
    let dir = home.dir.path().join("broken");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.age"), b"not an export").unwrap();
    std::fs::write(dir.join("b.age"), b"age-encryption.org/v1\n-> X25519 garbage").unwrap();
    let (_, id) = sealed(&home, 1);
    let r = home.run(&["report", dir.to_str().unwrap(), "-i", id.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("none of the 2 files opened"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn a_caseload_where_nobody_responded_says_so_instead_of_a_curve() {
    // only the members whose course never reached a response
    let none: Vec<Loaded> = loaded(36)
        .into_iter()
        .filter(|l| {
            let o = followup::overview::Overview::new(&l.export.journal, today(), &l.export.coverage());
            o.course.is_some_and(|c| c.first_response_day.is_none())
        })
        .collect();
    assert!(!none.is_empty(), "the mix has non-responders");
    let c = review::caseload(none, Vec::new());
    assert_eq!(c.cohort.durability.responders, 0);
    for format in [followup::report::ReportFormat::Md, followup::report::ReportFormat::Html] {
        let text = followup::report::cohort::render(&c, format);
        assert!(text.contains("No participant has responded yet"), "{text}");
        assert!(!text.contains("100.0%") && !text.contains("<svg"), "{text}");
    }
    let mut app = App::caseload(c, today());
    app.key(key(KeyCode::Tab));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("No participant has responded yet"), "{shown}");
}

#[test]
fn an_outcome_label_is_whole_or_short_never_cut() {
    let app = App::caseload(mix(), today());
    let allowed: Vec<&str> =
        followup::outcome::Label::ALL.iter().flat_map(|l| [l.label(), l.short()]).chain(["-"]).collect();
    let mut seen = 0;
    for width in [100, 120, 140, 160] {
        let text = screen(&app, width, 48);
        let lines: Vec<Vec<char>> = rows(&text).map(|l| l.chars().collect()).collect();
        let header: String =
            lines.iter().find(|l| l.starts_with(&['\u{2502}', 'C'])).unwrap().iter().collect();
        let Some(start) = header.find("Outcome").map(|b| header[..b].chars().count()) else { continue };
        // the Outcome column ends where the next header begins
        let hc: Vec<char> = header.chars().collect();
        let end = (start + "Outcome".len()..hc.len()).find(|&i| hc[i] != ' ' && hc[i - 1] == ' ').unwrap();
        for line in lines.iter().filter(|l| l.len() > end && l[0] == '\u{2502}' && l[1] == 'C' && l[2] != 'o')
        {
            let cell: String = line[start..end].iter().collect();
            assert!(allowed.contains(&cell.trim()), "{width}: {cell:?} is cut:\n{text}");
            seen += 1;
        }
    }
    assert!(seen > 50, "the Outcome column was read");
}

#[test]
fn at_any_width_and_any_sort_the_code_and_the_safety_column_stay() {
    let mut app = App::caseload(mix(), today());
    for (w, h) in [(40, 16), (60, 20), (80, 24)] {
        for i in 0..ALL.len() {
            let shown = screen(&app, w, h);
            assert!(shown.contains("Item 9"), "{w}x{h}:\n{shown}");
            assert!(shown.contains("Code"), "{w}x{h}:\n{shown}");
            if i == 0 {
                assert!(shown.contains("!1"), "flagged participants first at {w}x{h}:\n{shown}");
            }
            app.key(key(KeyCode::Right));
        }
    }
}

#[test]
fn the_caseload_brief_has_the_caseload_screens_columns_and_order() {
    let c = mix();
    let screen_order: Vec<String> = followup::tui::screens::caseload::State::new(mix())
        .order()
        .into_iter()
        .map(|i| c.rows[i].participant.clone())
        .collect();
    for format in [ReportFormat::Txt, ReportFormat::Md] {
        let brief = followup::report::cohort::render(&c, format);
        let table = &brief[brief.find("Code  Day").unwrap_or_else(|| panic!("{brief}"))..];
        let header = table.lines().next().unwrap();
        for column in ALL.iter().filter(|col| **col != Column::Gad7) {
            assert!(header.contains(column.spec().header), "{column:?} in {header}");
        }
        let rows: Vec<&str> = table.lines().skip(1).take(c.rows.len()).collect();
        let order: Vec<String> =
            rows.iter().map(|l| l.split_whitespace().next().unwrap().to_string()).collect();
        assert_eq!(order, screen_order, "{format:?}");
        // silence and low adherence are marked, as on the screen
        let c015 = rows.iter().find(|l| l.starts_with("C015")).unwrap();
        assert!(c015.contains(" 64%! "), "{c015}");
        let c014 = rows.iter().find(|l| l.starts_with("C014")).unwrap();
        assert!(c014.contains(" 4d! "), "{c014}");
    }
    // the HTML brief: a table of the same columns and order
    let html = followup::report::cohort::render(&c, ReportFormat::Html);
    let table = &html[html.find("<table class=\"grid people\">").expect("the participants' table")..];
    let table = &table[..table.find("</table>").unwrap()];
    assert!(table.contains("<th>Adh</th>") && table.contains("<th>Last</th>"), "{table}");
    let order: Vec<&str> =
        table.split("<tr><td>").skip(1).map(|row| &row[..row.find("</td>").unwrap()]).collect();
    assert_eq!(order, screen_order);
    assert!(table.contains("<td class=\"warn\">64%!</td>"), "{table}");
    // item 9 first, then rising from best, then the longest silence
    assert_eq!(&screen_order[..7], ["C032", "C011", "C025", "C004", "C018", "C005", "C014"]);
}
