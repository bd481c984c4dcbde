//! The arrows point one way: domain ← store/share/report ← tui/cli, and no
//! screen names another screen or the app. This reads the source, so an
//! arrow that comes back fails the build's tests.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(sources(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

/// The code of a file without its comments and its tests.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every file under `src/` whose path (relative) starts with one of `prefixes`.
fn files(prefixes: &[&str]) -> Vec<(String, String)> {
    let root = src();
    sources(&root)
        .into_iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
            prefixes.iter().any(|pre| rel == *pre || rel.starts_with(pre)).then(|| (rel, code(&p)))
        })
        .collect()
}

/// Whether `code` names `name` as a path of its own (`age::` is not the
/// end of `EnumMessage::`).
fn names(code: &str, name: &str) -> bool {
    code.match_indices(name)
        .any(|(i, _)| !code[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_'))
}

fn forbid(layer: &str, prefixes: &[&str], forbidden: &[&str]) -> Vec<String> {
    let mut bad = Vec::new();
    for (file, code) in files(prefixes) {
        for name in forbidden {
            if names(&code, name) {
                bad.push(format!("{layer}: {file} names {name}"));
            }
        }
    }
    bad
}

const DOMAIN: &[&str] = &[
    "instrument/",
    "window/",
    "outcome/",
    "course/",
    "cohort.rs",
    "record.rs",
    "journal.rs",
    "overview.rs",
    "series.rs",
    "demo.rs",
];
const HELPERS: &[&str] =
    &["text.rs", "parse.rs", "passphrase.rs", "files.rs", "clock.rs", "paths.rs", "parallel.rs"];
const FLOORS: &[&str] = &["store/", "share/", "report/", "review.rs"];
const FRONT_ENDS: &[&str] = &["crate::tui", "crate::cli", "ratatui", "crossterm", "clap"];

#[test]
fn dependencies_point_one_way() {
    let mut bad = Vec::new();
    let upper = ["crate::store", "crate::share", "crate::report", "crate::review", "rusqlite", "age::"];
    let domain_forbidden: Vec<&str> = FRONT_ENDS.iter().chain(upper.iter()).copied().collect();
    bad.extend(forbid("domain", DOMAIN, &domain_forbidden));
    bad.extend(forbid("helpers", HELPERS, &domain_forbidden));
    bad.extend(forbid("store/share/report", FLOORS, FRONT_ENDS));
    bad.extend(forbid("store", &["store/"], &["crate::share", "crate::report", "crate::review", "age::"]));
    bad.extend(forbid("tui", &["tui/"], &["crate::cli", "clap"]));
    assert!(bad.is_empty(), "arrows pointing the wrong way:\n{}", bad.join("\n"));
}

#[test]
fn no_screen_names_another_screen_or_the_app() {
    let mut bad = Vec::new();
    for (file, code) in files(&["tui/screens/"]) {
        // the list of screens; a screen in a folder (`caseload/mod.rs`) is checked
        if file == "tui/screens/mod.rs" {
            continue;
        }
        for name in ["crate::tui::app", "crate::tui::screen::", "crate::tui::screens", "super::"] {
            if code.contains(name) {
                bad.push(format!("{file} names {name}"));
            }
        }
    }
    assert!(bad.is_empty(), "screens reaching sideways:\n{}", bad.join("\n"));
}

#[test]
fn clap_derives_live_in_the_cli_only() {
    let bad: Vec<String> = files(&[""])
        .into_iter()
        .filter(|(f, code)| !f.starts_with("cli/") && (code.contains("ValueEnum") || code.contains("clap::")))
        .map(|(f, _)| f)
        .collect();
    assert!(bad.is_empty(), "clap outside cli/: {bad:?}");
}

#[test]
fn only_the_front_ends_read_the_wall_clock() {
    let bad: Vec<String> = files(&[""])
        .into_iter()
        .filter(|(f, code)| f != "clock.rs" && (code.contains("Local::now") || code.contains("Utc::now")))
        .map(|(f, _)| f)
        .collect();
    assert!(bad.is_empty(), "the wall clock read outside clock.rs: {bad:?}");
}
