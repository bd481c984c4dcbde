//! The arrows point one way: helpers ← domain ← store/share/report ←
//! tui/cli, the domain's modules in a fixed order among themselves, and no
//! screen names another screen or the app.
//!
//! The source is read as Rust (with `syn`), not as text: every path a file
//! names (in `use` lines, types, expressions and the arguments of macros
//! like `format!`) is resolved to the module it points at, and test modules
//! (`#[cfg(test)]`, inline or `mod tests;`) are left out wherever they stand.
//! The last tests feed the checker crafted files, so a checker that stopped
//! checking would fail them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use syn::visit::Visit;

// ---------------------------------------------------------------------------
// The rules, as data.

/// The domain's modules, lowest first: each may name only the ones before it.
const DOMAIN: &[&str] = &[
    "window",
    "instrument",
    "record",
    "journal",
    "outcome",
    "course",
    "overview",
    "series",
    "cohort",
    "demo",
];
/// Below everything: they name no other module of the crate but each other.
const HELPERS: &[&str] = &["text", "parse", "passphrase", "files", "clock", "paths", "parallel"];
/// The middle floor, lowest first: each may name the domain, the helpers
/// and the floors before it.
const FLOORS: &[&str] = &["store", "share", "review", "report"];
/// The front ends: anything below; neither names the other.
const FRONT_ENDS: &[&str] = &["tui", "cli"];
/// Outside crates that belong to one floor.
const TERMINAL_CRATES: &[&str] = &["ratatui", "crossterm", "clap"];
const STORAGE_CRATES: &[&str] = &["rusqlite"];
const SEALING_CRATES: &[&str] = &["age"];

/// What a module (its first path segment under `src/`) may name: modules of
/// the crate and outside crates it must not.
fn forbidden(top: &str) -> (Vec<&'static str>, Vec<&'static str>) {
    let below = |order: &'static [&'static str], me: &str| -> Vec<&'static str> {
        let at = order.iter().position(|m| *m == me).unwrap_or(order.len());
        order[at + 1..].to_vec()
    };
    let all_outside: Vec<&str> = [TERMINAL_CRATES, STORAGE_CRATES, SEALING_CRATES].concat();
    if HELPERS.contains(&top) {
        let modules = [DOMAIN, FLOORS, FRONT_ENDS].concat();
        (modules, all_outside)
    } else if DOMAIN.contains(&top) {
        let modules = [below(DOMAIN, top), FLOORS.to_vec(), FRONT_ENDS.to_vec()].concat();
        (modules, all_outside)
    } else if FLOORS.contains(&top) {
        let modules = [below(FLOORS, top), FRONT_ENDS.to_vec()].concat();
        let crates = if top == "store" {
            [TERMINAL_CRATES, SEALING_CRATES].concat()
        } else {
            TERMINAL_CRATES.to_vec()
        };
        (modules, crates)
    } else if top == "tui" {
        (vec!["cli"], vec!["clap"])
    } else {
        (vec![], vec![])
    }
}

// ---------------------------------------------------------------------------
// Reading the source.

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
    out.sort();
    out
}

/// Every file under `src/`, by its path relative to it, with its text.
fn crate_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    sources(&root)
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The module a file is: `course/mod.rs` is `course`, `course/tests.rs` is
/// `course::tests`, `lib.rs` and `main.rs` the crate itself.
fn module_of(rel: &str) -> Vec<String> {
    let rel = rel.trim_end_matches(".rs");
    let mut parts: Vec<String> = rel.split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg") && a.parse_args::<syn::Meta>().is_ok_and(|m| m.path().is_ident("test"))
    })
}

/// Whether a file is a test module of its own (the file a `#[cfg(test)]
/// mod tests;` line points at).
fn is_test_file(rel: &str, all: &[(String, String)]) -> bool {
    let module = module_of(rel);
    let Some((name, parent)) = module.split_last() else { return false };
    let parent_files = [format!("{}/mod.rs", parent.join("/")), format!("{}.rs", parent.join("/"))];
    let parent_files: Vec<&str> =
        if parent.is_empty() { vec!["lib.rs"] } else { parent_files.iter().map(String::as_str).collect() };
    all.iter().filter(|(f, _)| parent_files.contains(&f.as_str())).any(|(_, text)| {
        syn::parse_file(text).is_ok_and(|file| {
            file.items.iter().any(|item| {
                matches!(item, syn::Item::Mod(m) if m.ident == name.as_str() && m.content.is_none() && is_test_only(&m.attrs))
            })
        })
    })
}

/// A path a file names, resolved to where it points from the crate root
/// (`crate::a::b`, `super::b` and `self::b` alike), or an outside crate's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Named {
    Crate(Vec<String>),
    Outside(String),
}

struct Paths {
    /// The module being read (inline modules pushed on it).
    module: Vec<String>,
    found: BTreeSet<Named>,
    /// Every path as written (`Local::now`), for names outside the crate.
    written: Vec<Vec<String>>,
}

impl Paths {
    fn add(&mut self, segments: Vec<String>) {
        let Some(first) = segments.first() else { return };
        let mut at = self.module.clone();
        let rest = match first.as_str() {
            "crate" => {
                at.clear();
                &segments[1..]
            }
            "self" => &segments[1..],
            "super" => {
                let ups = segments.iter().take_while(|s| *s == "super").count();
                for _ in 0..ups {
                    at.pop();
                }
                &segments[ups..]
            }
            _ => {
                if segments.len() > 1 {
                    self.found.insert(Named::Outside(first.clone()));
                }
                return;
            }
        };
        at.extend(rest.iter().cloned());
        self.found.insert(Named::Crate(at));
    }

    fn add_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.add_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.add([prefix.clone(), vec![n.ident.to_string()]].concat()),
            syn::UseTree::Rename(r) => self.add([prefix.clone(), vec![r.ident.to_string()]].concat()),
            syn::UseTree::Glob(_) => self.add(prefix.clone()),
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| self.add_tree(prefix, t)),
        }
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if is_test_only(&m.attrs) {
            return;
        }
        self.module.push(m.ident.to_string());
        syn::visit::visit_item_mod(self, m);
        self.module.pop();
    }
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_test_only(&f.attrs) {
            syn::visit::visit_item_fn(self, f);
        }
    }
    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        if !is_test_only(&i.attrs) {
            syn::visit::visit_item_impl(self, i);
        }
    }
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if !is_test_only(&u.attrs) {
            self.add_tree(&mut Vec::new(), &u.tree);
        }
    }
    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segments: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        self.written.push(segments.clone());
        self.add(segments);
        syn::visit::visit_path(self, p);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        use syn::parse::Parser;
        let args = syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        if let Ok(exprs) = args.parse2(m.tokens.clone()) {
            exprs.iter().for_each(|e| self.visit_expr(e));
        }
        syn::visit::visit_macro(self, m);
    }
}

/// What a file's code (its tests left out) names.
fn named(rel: &str, text: &str) -> Result<BTreeSet<Named>, String> {
    let file = syn::parse_file(text).map_err(|e| format!("{rel}: not Rust: {e}"))?;
    let mut paths = Paths { module: module_of(rel), found: BTreeSet::new(), written: Vec::new() };
    paths.visit_file(&file);
    Ok(paths.found)
}

/// Every arrow that points the wrong way in `files` (path under `src/`,
/// text), one line each.
fn violations(files: &[(String, String)]) -> Vec<String> {
    let mut bad = Vec::new();
    for (rel, text) in files {
        if is_test_file(rel, files) {
            continue;
        }
        let module = module_of(rel);
        let Some(top) = module.first() else { continue };
        let names = match named(rel, text) {
            Ok(n) => n,
            Err(e) => {
                bad.push(e);
                continue;
            }
        };
        let (modules, crates) = forbidden(top);
        for n in &names {
            match n {
                Named::Crate(path) => {
                    if let Some(to) = path.first().filter(|to| modules.contains(&to.as_str())) {
                        bad.push(format!("{rel} ({top}) names crate::{to}"));
                    }
                    if let Some(why) = screen_reaching_sideways(&module, path) {
                        bad.push(format!("{rel} {why}"));
                    }
                }
                Named::Outside(c) if crates.contains(&c.as_str()) => {
                    bad.push(format!("{rel} ({top}) uses the {c} crate"));
                }
                Named::Outside(_) => {}
            }
        }
    }
    bad.sort();
    bad.dedup();
    bad
}

/// A screen may name its own module and what is below the TUI, never
/// another screen, the screen list or the app.
fn screen_reaching_sideways(module: &[String], path: &[String]) -> Option<String> {
    fn s(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let (module, path) = (s(module), s(path));
    let ["tui", "screens", screen, ..] = module.as_slice() else { return None };
    match path.as_slice() {
        ["tui", "app", ..] => Some("names the app (tui::app)".into()),
        ["tui", "screen", ..] => Some("names the screen list (tui::screen)".into()),
        ["tui", "screens"] => Some("names the screens (tui::screens)".into()),
        ["tui", "screens", other, ..] if other != screen => Some(format!("names another screen ({other})")),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// The crate itself.

#[test]
fn dependencies_point_one_way() {
    let files = crate_files();
    assert!(files.len() > 50, "the source was not found: {} files", files.len());
    let bad = violations(&files);
    assert!(bad.is_empty(), "arrows pointing the wrong way:\n{}", bad.join("\n"));
}

#[test]
fn every_module_has_a_floor() {
    let tops: BTreeSet<String> =
        crate_files().iter().filter_map(|(rel, _)| module_of(rel).first().cloned()).collect();
    let known: Vec<&str> = [DOMAIN, HELPERS, FLOORS, FRONT_ENDS].concat();
    let unplaced: Vec<&String> = tops.iter().filter(|t| !known.contains(&t.as_str())).collect();
    assert!(unplaced.is_empty(), "modules with no floor in tests/architecture.rs: {unplaced:?}");
}

/// Whether the checked code (tests left out) names a path ending in
/// `tail`, as written (`Local::now` is not under `crate`).
fn names_path_ending(text: &str, tail: &[&str]) -> bool {
    let Ok(file) = syn::parse_file(text) else { return false };
    let mut paths = Paths { module: Vec::new(), found: BTreeSet::new(), written: Vec::new() };
    paths.visit_file(&file);
    paths
        .written
        .iter()
        .any(|p| p.len() >= tail.len() && p[p.len() - tail.len()..].iter().zip(tail).all(|(a, b)| a == b))
}

#[test]
fn clap_derives_live_in_the_cli_only() {
    let bad: Vec<String> = crate_files()
        .into_iter()
        .filter(|(rel, _)| !rel.starts_with("cli/"))
        .filter(|(rel, text)| {
            named(rel, text).unwrap_or_default().contains(&Named::Outside("clap".into()))
                || names_path_ending(text, &["ValueEnum"])
        })
        .map(|(rel, _)| rel)
        .collect();
    assert!(bad.is_empty(), "clap outside cli/: {bad:?}");
}

#[test]
fn only_the_front_ends_read_the_wall_clock() {
    let bad: Vec<String> = crate_files()
        .into_iter()
        .filter(|(rel, _)| rel != "clock.rs")
        .filter(|(_, text)| {
            names_path_ending(text, &["Local", "now"]) || names_path_ending(text, &["Utc", "now"])
        })
        .map(|(rel, _)| rel)
        .collect();
    assert!(bad.is_empty(), "the wall clock read outside clock.rs: {bad:?}");
}

// ---------------------------------------------------------------------------
// The checker itself: crafted files it must refuse, and ones it must pass.

fn crafted(files: &[(&str, &str)]) -> Vec<String> {
    let files: Vec<(String, String)> = files.iter().map(|(f, t)| (f.to_string(), t.to_string())).collect();
    violations(&files)
}

#[test]
fn the_checker_refuses_a_domain_circle() {
    // `outcome` is below `course`: naming it is an arrow pointing up
    let bad = crafted(&[("outcome/mod.rs", "use crate::course::week_of;\npub fn f() {}\n")]);
    assert_eq!(bad, ["outcome/mod.rs (outcome) names crate::course"]);
    let ok = crafted(&[("course/mod.rs", "use crate::outcome::Point;\n")]);
    assert!(ok.is_empty(), "{ok:?}");
}

#[test]
fn the_checker_reads_past_a_test_module_line() {
    // the old checker stopped at the first `#[cfg(test)]`
    let text = "#[cfg(test)]\nmod tests;\n\npub fn f() -> u8 { crate::store::open() }\n";
    assert_eq!(crafted(&[("window/mod.rs", text)]), ["window/mod.rs (window) names crate::store"]);
    // while the tests themselves may name anything
    let tests = "#[cfg(test)]\nmod tests {\n    use crate::store::Store;\n}\n";
    assert!(crafted(&[("window/mod.rs", tests)]).is_empty());
    let files =
        [("window/mod.rs", "#[cfg(test)]\nmod tests;\n"), ("window/tests.rs", "use crate::store::Store;\n")];
    assert!(crafted(&files).is_empty());
}

#[test]
fn the_checker_refuses_helpers_naming_the_domain_and_outside_crates() {
    let bad = crafted(&[
        ("parse.rs", "use crate::instrument::phq9;\n"),
        ("text.rs", "fn f() { let _ = format!(\"{}\", super::record::Entry::ID); }\n"),
        ("record.rs", "use rusqlite::Connection;\n"),
        ("store/mod.rs", "fn f() -> age::x25519::Identity { todo!() }\n"),
        ("share/mod.rs", "use crate::report::Brief;\n"),
        ("report/mod.rs", "use crate::tui::app::App;\n"),
    ]);
    assert_eq!(
        bad,
        [
            "parse.rs (parse) names crate::instrument",
            "record.rs (record) uses the rusqlite crate",
            "report/mod.rs (report) names crate::tui",
            "share/mod.rs (share) names crate::report",
            "store/mod.rs (store) uses the age crate",
            "text.rs (text) names crate::record",
        ]
    );
}

#[test]
fn the_checker_refuses_a_screen_naming_another() {
    let bad = crafted(&[
        ("tui/screens/history.rs", "use crate::tui::screens::day;\n"),
        ("tui/screens/mood.rs", "use super::checkin::State;\n"),
        ("tui/screens/help.rs", "fn f(a: &crate::tui::app::App) {}\n"),
        ("tui/screens/caseload/columns.rs", "use super::Sort;\n"),
    ]);
    assert_eq!(
        bad,
        [
            "tui/screens/help.rs names the app (tui::app)",
            "tui/screens/history.rs names another screen (day)",
            "tui/screens/mood.rs names another screen (checkin)",
        ]
    );
}

#[test]
fn the_checker_sees_the_clock_inside_a_macro() {
    let text = "fn f() -> String { format!(\"{}\", chrono::Local::now()) }\n";
    assert!(names_path_ending(text, &["Local", "now"]));
    assert!(!names_path_ending("#[cfg(test)]\nfn f() { chrono::Local::now(); }\n", &["Local", "now"]));
}
