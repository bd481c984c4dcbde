//! Bad-input fuzzing with proptest (cargo-fuzz needs a nightly toolchain):
//! the export reader after decryption, the command-line value parsers and
//! the passphrase-file reader must never panic or hang, whatever they get.
//! CI runs the default number of cases; `PROPTEST_CASES=200000 cargo test
//! --release --test fuzz` is the long run recorded in BENCHMARKS.md.

use chrono::NaiveDate;
use followup::cli::passphrase;
use followup::demo::Demo;
use followup::instrument::typed;
use followup::parse as values;
use followup::share::{self, Export, Filters};
use proptest::prelude::*;
use serde_json::Value;

fn config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 1000;
    }
    c.failure_persistence = None;
    c
}

fn valid_export() -> Value {
    let today: NaiveDate = "2026-11-22".parse().unwrap();
    let mut journal = Demo::six_months("FUZZ-1", today, 9).journal();
    journal.entries.truncate(40);
    let export = Export::new(&journal, Filters::default(), chrono::Utc::now().fixed_offset());
    serde_json::from_slice(&export.to_json()).unwrap()
}

/// Everything downstream of the reader works on what it accepts.
fn use_it(export: &Export) {
    let today = export.as_of();
    let _ = followup::overview::Overview::new(&export.journal, today, &export.coverage());
    for format in [share::ExportFormat::Native, share::ExportFormat::Fhir, share::ExportFormat::Csv] {
        let _ = format.render(export);
    }
    if let Ok(b) = followup::report::from_export(export, followup::report::Focus::Whole) {
        let _ = followup::report::markdown(&b);
        let _ = followup::report::html(&b);
    }
    for e in &export.journal.entries {
        if let Some(p) = e.record().phq9() {
            assert!(p.total().is_none_or(|t| t <= 27));
            assert!(p.answers().iter().flatten().all(|&a| a <= 3));
        }
        if let Some(m) = e.record().mood() {
            assert!(m.mood() <= 10);
        }
    }
    let app = followup::tui::app::App::review(export);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| followup::tui::view::draw(f, &app)).unwrap();
}

/// A random JSON value, small.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        (0u8..4).prop_map(Value::from),
        (-400i64..400).prop_map(Value::from),
        "[a-z0-9 -]{0,12}".prop_map(Value::from),
        prop_oneof![
            Just("2026-02-29"),
            Just("+262143-12-31"),
            Just("-262143-01-01"),
            Just("2026-11-22T25:00:00Z"),
            Just("phq9"),
            Just("mood"),
            Just("retraction")
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replace the node at a random path of `doc` with `new`.
fn mutate(doc: &mut Value, mut path: Vec<usize>, new: Value) {
    let Some(step) = path.pop() else {
        *doc = new;
        return;
    };
    match doc {
        Value::Array(a) if !a.is_empty() => {
            let i = step % a.len();
            mutate(&mut a[i], path, new)
        }
        Value::Object(o) if !o.is_empty() => {
            let k = o.keys().nth(step % o.len()).cloned().unwrap();
            mutate(o.get_mut(&k).unwrap(), path, new)
        }
        _ => *doc = new,
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn reader_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(e) = Export::from_json(&bytes) { use_it(&e) }
    }

    #[test]
    fn reader_survives_mutated_exports(path in prop::collection::vec(any::<usize>(), 1..7), new in json_value(), extra in prop::option::of((prop::collection::vec(any::<usize>(), 1..7), json_value()))) {
        thread_local!(static DOC: Value = valid_export());
        let mut doc = DOC.with(Clone::clone);
        mutate(&mut doc, path, new);
        if let Some((p, v)) = extra {
            mutate(&mut doc, p, v);
        }
        let bytes = serde_json::to_vec(&doc).unwrap();
        if let Ok(e) = Export::from_json(&bytes) { use_it(&e) }
    }

    #[test]
    fn reader_survives_adversarial_fields(field in 0usize..14, entry in 0usize..40, new in prop_oneof![
        json_value(),
        Just(Value::from("+262143-12-31")),
        Just(Value::from("-262143-01-01")),
        Just(Value::from("9999-12-31")),
        Just(Value::from("0001-01-01")),
        Just(Value::from(u64::MAX)),
        Just(Value::from(i64::MIN)),
        Just(Value::from(3661)),
        Just(Value::from(0)),
    ]) {
        thread_local!(static DOC: Value = valid_export());
        let mut doc = DOC.with(Clone::clone);
        let n = doc["entries"].as_array().unwrap().len();
        let e = entry % n;
        let target = match field {
            0 => &mut doc["profile"]["dosing_date"],
            1 => &mut doc["profile"]["window_days"],
            2 => &mut doc["profile"]["phq9_every"],
            3 => &mut doc["entries"][e]["versions"][0]["day"],
            4 => &mut doc["entries"][e]["versions"][0]["recorded_at"],
            5 => &mut doc["entries"][e]["versions"][0]["number"],
            6 => &mut doc["entries"][e]["id"],
            7 => &mut doc["entries"][e]["versions"][0]["answers"],
            8 => &mut doc["entries"][e]["versions"][0]["sleep"],
            9 => &mut doc["safety_flags"],
            10 => &mut doc["meta"]["created_at"],
            11 => &mut doc["events"][0]["versions"][0]["date"],
            12 => &mut doc["meta"]["filters"]["from"],
            _ => &mut doc["entries"][e]["versions"][0]["instrument"],
        };
        *target = new;
        let bytes = serde_json::to_vec(&doc).unwrap();
        if let Ok(e) = Export::from_json(&bytes) { use_it(&e) }
    }

    #[test]
    fn reader_survives_truncation(cut in 0usize..100_000) {
        thread_local!(static BYTES: Vec<u8> = serde_json::to_vec(&valid_export()).unwrap());
        BYTES.with(|b| {
            let cut = cut % b.len();
            if let Ok(e) = Export::from_json(&b[..cut]) { use_it(&e) }
        });
    }

    #[test]
    fn unsealing_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512), armored in any::<bool>()) {
        let mut input = if armored { b"-----BEGIN AGE ENCRYPTED FILE-----\n".to_vec() } else { b"age-encryption.org/v1\n".to_vec() };
        input.extend(bytes);
        let id: Vec<Box<dyn age::Identity + Send + Sync>> = vec![Box::new(age::x25519::Identity::generate())];
        let _ = share::seal::unseal(&input, &id);
        let _ = share::seal::is_passphrase_sealed(&input);
    }

    #[test]
    fn value_parsers_never_panic(s in "\\PC{0,40}") {
        let _ = values::date(&s);
        let _ = typed::answers(&s);
        let _ = typed::scale(&s);
        let _ = typed::sleep(&s);
        let _ = typed::difficulty(&s);
        let _ = values::id(&s);
    }

    #[test]
    fn value_parsers_accept_exactly_the_valid(a in prop::collection::vec(0u8..6, 0..12), m in -3i32..14, h in -2.0f64..30.0) {
        let text: Vec<String> = a.iter().map(|x| x.to_string()).collect();
        let parsed = typed::answers(&text.join(","));
        prop_assert_eq!(parsed.is_ok(), a.len() == 9 && a.iter().all(|&x| x <= 3));
        prop_assert_eq!(typed::scale(&m.to_string()).is_ok(), (0..=10).contains(&m));
        let half = (h * 2.0).round() / 2.0;
        prop_assert_eq!(typed::sleep(&half.to_string()).is_ok(), (0.0..=24.0).contains(&half));
    }

    #[test]
    fn passphrase_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..6000)) {
        if let Ok(p) = passphrase::parse(&bytes) {
            use secrecy::ExposeSecret;
            let p = p.expose_secret();
            prop_assert!(!p.trim().is_empty() && !p.contains('\0') && !p.contains('\n'));
        }
    }

    #[test]
    fn the_terminal_sanitiser_lets_no_control_through(s in "\\PC{0,20}|[\\x00-\\x1f\\x7f-\\u{9f}\\u{200b}-\\u{200f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}a=\\[\\]]{0,40}") {
        let acts = |c: char| c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
        let line = followup::text::terminal(&s);
        prop_assert!(!line.chars().any(acts), "{:?}", line);
        let lines = followup::text::terminal_lines(&s);
        prop_assert!(!lines.chars().any(|c| c != '\n' && acts(c)), "{:?}", lines);
        let md = followup::text::markdown(&s);
        prop_assert!(!md.chars().any(acts) && !md.contains('<'), "{:?}", md);
        let quoted = followup::text::quote(&s);
        prop_assert!(quoted.chars().count() <= followup::text::QUOTE_MAX_CHARS);
    }

    #[test]
    fn no_csv_cell_starts_a_formula(s in "[ =+\\-@\\t\\r\\n\\x1b]{0,3}\\PC{0,20}") {
        let cell = followup::text::csv_cell(&s);
        prop_assert!(!cell.chars().any(|c| c.is_control() && c != '\n'), "{:?}", cell);
        let first = cell.trim_start().chars().next();
        prop_assert!(!matches!(first, Some('=' | '+' | '-' | '@')), "{:?}", cell);
    }

    #[test]
    fn age_headers_of_any_shape_are_refused_quickly(
        stanzas in 0usize..3000,
        kind in prop_oneof![Just("X25519"), Just("scrypt"), Just("junk-type"), Just("")],
        body in "[A-Za-z0-9+/]{0,60}",
        armored in any::<bool>(),
    ) {
        let mut header = b"age-encryption.org/v1\n".to_vec();
        for _ in 0..stanzas {
            header.extend(format!("-> {kind} {body}\n{body}\n").as_bytes());
        }
        header.extend(b"--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\npayload");
        let input = if armored {
            use base64::Engine;
            let b64 = base64::engine::general_purpose::STANDARD.encode(&header);
            let lines: Vec<&str> = b64.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
            format!("-----BEGIN AGE ENCRYPTED FILE-----\n{}\n-----END AGE ENCRYPTED FILE-----\n", lines.join("\n")).into_bytes()
        } else {
            header
        };
        let id: Vec<Box<dyn age::Identity + Send + Sync>> = vec![Box::new(age::x25519::Identity::generate())];
        let t = std::time::Instant::now();
        let result = share::seal::unseal(&input, &id);
        prop_assert!(result.is_err());
        prop_assert!(t.elapsed() < std::time::Duration::from_millis(500), "{:?} for {} stanzas", t.elapsed(), stanzas);
    }
}
