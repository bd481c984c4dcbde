//! Keys as data. Each screen has one table of [`Binding`]s (the keys, when
//! they apply, what they do, and their help text); the key handling, the
//! footer and the help screen all read that one table, so a key that works
//! is a key that is listed, and the other way round.

use super::context::Context;
use super::msg::{Act, Action};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key, or a family of keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pat {
    /// A character typed without Ctrl or Alt (either case for letters
    /// written in upper case: `Pat::Char('A')` takes `a` too).
    Char(char),
    Key(KeyCode),
    Ctrl(char),
    /// A digit in this range.
    Digits(u8, u8),
    /// Any key (text fields); always the table's last binding.
    Any,
}

impl Pat {
    pub fn matches(self, key: KeyEvent) -> bool {
        let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match (self, key.code) {
            (Pat::Char(want), KeyCode::Char(got)) if plain => {
                got == want || (want.is_ascii_uppercase() && got == want.to_ascii_lowercase())
            }
            (Pat::Key(want), got) => got == want && plain,
            (Pat::Ctrl(want), KeyCode::Char(got)) => {
                key.modifiers.contains(KeyModifiers::CONTROL) && got.eq_ignore_ascii_case(&want)
            }
            (Pat::Digits(lo, hi), KeyCode::Char(c @ '0'..='9')) if plain => {
                (lo..=hi).contains(&(c as u8 - b'0'))
            }
            (Pat::Any, _) => true,
            _ => false,
        }
    }

    /// A key event this pattern takes (for tests of the tables).
    pub fn example(self) -> KeyEvent {
        match self {
            Pat::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            Pat::Key(code) => KeyEvent::new(code, KeyModifiers::NONE),
            Pat::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
            Pat::Digits(lo, _) => KeyEvent::new(KeyCode::Char((b'0' + lo) as char), KeyModifiers::NONE),
            Pat::Any => KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE),
        }
    }
}

/// The digit a key event holds, for `Pat::Digits` bindings.
pub fn digit(key: KeyEvent) -> u8 {
    match key.code {
        KeyCode::Char(c @ '0'..='9') => c as u8 - b'0',
        _ => 0,
    }
}

/// One line of a screen's key table.
pub struct Binding<S, M> {
    pub keys: &'static [Pat],
    /// How the keys are written in help, e.g. `c`, `0-3`, `↑↓/jk`.
    pub label: &'static str,
    /// What they do, in the help screen.
    pub help: &'static str,
    /// A few words for the footer; `None` keeps it to the help screen.
    pub footer: Option<&'static str>,
    /// When the binding applies (a stage of a form, not in a review, …).
    pub when: fn(&S, &Context) -> bool,
    pub act: fn(&S, &Context, KeyEvent) -> Act<M>,
}

/// A table line: keys, how help writes them, what they do, the footer's
/// words, when they apply, and what they do.
pub const fn bind<S, M>(
    keys: &'static [Pat],
    label: &'static str,
    help: &'static str,
    footer: Option<&'static str>,
    when: fn(&S, &Context) -> bool,
    act: fn(&S, &Context, KeyEvent) -> Act<M>,
) -> Binding<S, M> {
    Binding { keys, label, help, footer, when, act }
}

/// A binding as the footer and the help screen show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub label: &'static str,
    pub help: &'static str,
    pub footer: Option<&'static str>,
}

/// Applies always.
pub fn always<S>(_: &S, _: &Context) -> bool {
    true
}

/// Applies to the participant's own record, not in a review.
pub fn writable<S>(_: &S, ctx: &Context) -> bool {
    !ctx.readonly()
}

/// Applies to the participant's own record when the GAD-7 is used.
pub fn gad7_writable<S>(_: &S, ctx: &Context) -> bool {
    !ctx.readonly() && ctx.data.as_ref().is_some_and(|d| d.journal.window().uses_gad7())
}

/// The index of the first binding that applies and takes the key.
pub fn position<S, M>(table: &[Binding<S, M>], s: &S, ctx: &Context, key: KeyEvent) -> Option<usize> {
    table.iter().position(|b| (b.when)(s, ctx) && b.keys.iter().any(|p| p.matches(key)))
}

/// What the first binding that applies and takes the key does.
pub fn lookup<S, M>(table: &[Binding<S, M>], s: &S, ctx: &Context, key: KeyEvent) -> Option<Act<M>> {
    position(table, s, ctx, key).map(|i| (table[i].act)(s, ctx, key))
}

/// A binding as data: its keys, its hint, and whether it applies now.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub keys: &'static [Pat],
    pub hint: Hint,
    pub applies: bool,
}

/// The whole table as data, for tests and tools.
pub fn rows<S, M>(table: &[Binding<S, M>], s: &S, ctx: &Context) -> Vec<Row> {
    table
        .iter()
        .map(|b| Row {
            keys: b.keys,
            hint: Hint { label: b.label, help: b.help, footer: b.footer },
            applies: (b.when)(s, ctx),
        })
        .collect()
}

fn act_help<S, M>(_: &S, _: &Context, _: KeyEvent) -> Act<M> {
    Act::App(Action::Help)
}

fn act_back<S, M>(_: &S, _: &Context, _: KeyEvent) -> Act<M> {
    Act::App(Action::Back)
}

/// `?`: this screen's keys.
pub const fn help<S, M>() -> Binding<S, M> {
    bind(&[Pat::Char('?')], "?", "every key of this screen", Some("help"), always::<S>, act_help::<S, M>)
}

fn act_zoom<S, M>(_: &S, _: &Context, _: KeyEvent) -> Act<M> {
    Act::App(Action::Zoom)
}

/// `z`: the charts' span.
pub const fn zoom<S, M>() -> Binding<S, M> {
    let help = "zoom: last 14 days / last 30 days / whole window";
    bind(&[Pat::Char('z')], "z", help, Some("zoom"), always::<S>, act_zoom::<S, M>)
}

fn act_support<S, M>(_: &S, _: &Context, _: KeyEvent) -> Act<M> {
    Act::App(Action::Go(super::msg::Go::Safety(super::msg::SafetyAnswer::Asked)))
}

/// `!` (or F1, Ctrl-G): the crisis lines and the care contact, at once,
/// from any of the participant's screens.
pub const fn support<S, M>() -> Binding<S, M> {
    let keys = &[Pat::Char('!'), Pat::Key(KeyCode::F(1)), Pat::Ctrl('g')];
    bind(
        keys,
        "!",
        "support: crisis lines and your care contact, now (also F1, Ctrl-G)",
        Some("support"),
        writable::<S>,
        act_support::<S, M>,
    )
}

/// The same on a screen where `!` is typed text: F1 or Ctrl-G.
pub const fn support_typing<S, M>() -> Binding<S, M> {
    let keys = &[Pat::Key(KeyCode::F(1)), Pat::Ctrl('g')];
    bind(
        keys,
        "F1",
        "support: crisis lines and your care contact, now (also Ctrl-G)",
        Some("support"),
        writable::<S>,
        act_support::<S, M>,
    )
}

/// The same, listed on `?` only (a footer with more urgent keys).
pub const fn zoom_quiet<S, M>() -> Binding<S, M> {
    let help = "zoom: last 14 days / last 30 days / whole window";
    bind(&[Pat::Char('z')], "z", help, None, always::<S>, act_zoom::<S, M>)
}

/// `Tab`/`↓` on a form: the next field.
pub const fn next_field<S, M>(act: fn(&S, &Context, KeyEvent) -> Act<M>) -> Binding<S, M> {
    let keys = &[Pat::Key(KeyCode::Tab), Pat::Key(KeyCode::Down)];
    bind(keys, "Tab/\u{2193}", "next field", Some("next"), always::<S>, act)
}

/// `Shift-Tab`/`↑` on a form: the previous field.
pub const fn previous_field<S, M>(act: fn(&S, &Context, KeyEvent) -> Act<M>) -> Binding<S, M> {
    let keys = &[Pat::Key(KeyCode::BackTab), Pat::Key(KeyCode::Up)];
    bind(keys, "Shift-Tab/\u{2191}", "previous field", None, always::<S>, act)
}

/// `Enter` on a form: the next field, or on the last, what the form is for.
pub const fn submit<S, M>(
    words: &'static str,
    footer: &'static str,
    act: fn(&S, &Context, KeyEvent) -> Act<M>,
) -> Binding<S, M> {
    bind(&[Pat::Key(KeyCode::Enter)], "Enter", words, Some(footer), always::<S>, act)
}

/// `←`/`→`/`Space` on a choice: the previous or next option (`sideways`).
pub const fn choice<S, M>(
    words: &'static str,
    footer: &'static str,
    when: fn(&S, &Context) -> bool,
    act: fn(&S, &Context, KeyEvent) -> Act<M>,
) -> Binding<S, M> {
    let keys = &[Pat::Key(KeyCode::Left), Pat::Key(KeyCode::Right), Pat::Char(' ')];
    bind(keys, "\u{2190}\u{2192}", words, Some(footer), when, act)
}

/// Back or on, for a choice: `←` goes back, `→` and `Space` on.
pub fn sideways(key: KeyEvent) -> i32 {
    if key.code == KeyCode::Left { -1 } else { 1 }
}

/// `q`/`Esc`: back (or quit, on the first screen).
pub const fn back<S, M>(words: &'static str) -> Binding<S, M> {
    bind(
        &[Pat::Char('q'), Pat::Key(KeyCode::Esc)],
        "q/Esc",
        words,
        Some(words),
        always::<S>,
        act_back::<S, M>,
    )
}

/// `Esc` alone (screens where `q` is typed text).
pub const fn escape<S, M>(words: &'static str) -> Binding<S, M> {
    bind(&[Pat::Key(KeyCode::Esc)], "Esc", words, Some(words), always::<S>, act_back::<S, M>)
}

/// The arrow and vi keys that move a selection, and by how much.
pub const MOVE_KEYS: &[Pat] = &[
    Pat::Key(KeyCode::Up),
    Pat::Key(KeyCode::Down),
    Pat::Char('k'),
    Pat::Char('j'),
    Pat::Key(KeyCode::PageUp),
    Pat::Key(KeyCode::PageDown),
];

/// A page to read moved by this many rows (`↑↓`/`jk`/PageUp/PageDown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll(pub i32);

impl Scroll {
    /// A scroll position moved, kept within `0..=max`.
    pub fn apply(self, at: u16, max: u16) -> u16 {
        (i32::from(at) + self.0).clamp(0, i32::from(max)) as u16
    }
}

fn act_scroll<S, M: From<Scroll>>(_: &S, _: &Context, key: KeyEvent) -> Act<M> {
    Act::Screen(M::from(Scroll(vertical(key))))
}

/// The arrow and vi keys on a page to read: scroll it.
pub const fn scroll<S, M: From<Scroll>>(words: &'static str) -> Binding<S, M> {
    bind(MOVE_KEYS, "\u{2191}\u{2193}/jk", words, Some("scroll"), always::<S>, act_scroll::<S, M>)
}

/// Up or down, by arrows, vi keys or a page.
pub fn vertical(key: KeyEvent) -> i32 {
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => -1,
        KeyCode::Down | KeyCode::Char('j') => 1,
        KeyCode::PageUp => -10,
        KeyCode::PageDown => 10,
        _ => 0,
    }
}

/// Move a selection within `0..len`.
pub fn moved(selected: usize, by: i32, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (selected as i64 + i64::from(by)).clamp(0, len as i64 - 1) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        let k = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert!(Pat::Char('A').matches(k('a')) && Pat::Char('A').matches(k('A')));
        assert!(!Pat::Char('c').matches(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)));
        assert!(Pat::Ctrl('s').matches(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(Pat::Digits(0, 3).matches(k('3')) && !Pat::Digits(0, 3).matches(k('4')));
        assert_eq!(digit(k('7')), 7);
        assert_eq!(moved(0, -1, 5), 0);
        assert_eq!(moved(3, 10, 5), 4);
    }
}
