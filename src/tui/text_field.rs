//! A one-line text field: passphrases (masked, zeroized on drop), reasons,
//! dates, codes and tags. The multi-line note uses `ratatui-textarea`.

use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::{Line, Span};
use zeroize::Zeroizing;

#[derive(Debug, Clone, Default)]
pub struct TextField {
    text: Zeroizing<String>,
    /// Cursor position in characters.
    cursor: usize,
    masked: bool,
    max_chars: usize,
    /// Showing a default that the first character typed replaces.
    fresh: bool,
}

impl TextField {
    pub fn new(max_chars: usize) -> Self {
        Self { max_chars, ..Self::default() }
    }

    pub fn masked(max_chars: usize) -> Self {
        Self { masked: true, ..Self::new(max_chars) }
    }

    pub fn with_text(mut self, text: &str) -> Self {
        self.text = Zeroizing::new(text.chars().take(self.max_chars).collect());
        self.cursor = self.text.chars().count();
        self
    }

    /// A default value: typing replaces it (typing 7 over 1 gives 7, not 17).
    pub fn with_default(self, text: &str) -> Self {
        Self { fresh: true, ..self.with_text(text) }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        self.text = Zeroizing::new(String::new());
        self.cursor = 0;
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text.char_indices().nth(char_index).map_or(self.text.len(), |(i, _)| i)
    }

    /// Apply an editing key; returns whether the key was used.
    pub fn edit(&mut self, key: KeyEvent) -> bool {
        if std::mem::take(&mut self.fresh)
            && matches!(key.code, KeyCode::Char(_))
            && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            self.clear();
        }
        let len = self.text.chars().count();
        match key.code {
            KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                if len < self.max_chars {
                    let at = self.byte_at(self.cursor);
                    self.text.insert(at, c);
                    self.cursor += 1;
                }
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => self.clear(),
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }

    /// The field as a line, with a block cursor when focused.
    pub fn line(&self, focused: bool) -> Line<'static> {
        let shown: String =
            if self.masked { "\u{2022}".repeat(self.text.chars().count()) } else { self.text.to_string() };
        if !focused {
            return Line::from(shown);
        }
        let chars: Vec<char> = shown.chars().collect();
        let before: String = chars[..self.cursor.min(chars.len())].iter().collect();
        let at: String = chars.get(self.cursor).map_or(" ".to_string(), |c| c.to_string());
        let after: String = chars.get(self.cursor + 1..).map_or(String::new(), |s| s.iter().collect());
        Line::from(vec![Span::raw(before), Span::styled(at, Theme::selected()), Span::raw(after)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_in_the_middle_and_masks() {
        let mut f = TextField::masked(10);
        for c in "héllo".chars() {
            f.edit(key(KeyCode::Char(c)));
        }
        f.edit(key(KeyCode::Left));
        f.edit(key(KeyCode::Backspace));
        assert_eq!(f.text(), "hélo");
        f.edit(key(KeyCode::Home));
        f.edit(key(KeyCode::Delete));
        assert_eq!(f.text(), "élo");
        assert_eq!(f.line(false).to_string(), "\u{2022}\u{2022}\u{2022}");
        let mut d = TextField::new(4).with_default("182");
        d.edit(key(KeyCode::Char('9')));
        d.edit(key(KeyCode::Char('0')));
        assert_eq!(d.text(), "90", "typing replaces a default");
        let mut d = TextField::new(4).with_default("182");
        d.edit(key(KeyCode::Backspace));
        d.edit(key(KeyCode::Char('0')));
        assert_eq!(d.text(), "180", "editing keeps it");
        let mut short = TextField::new(2).with_text("abc");
        assert_eq!(short.text(), "ab");
        short.edit(key(KeyCode::Char('x')));
        assert_eq!(short.text(), "ab");
    }
}
