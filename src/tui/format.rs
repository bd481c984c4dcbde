//! Formatting shared by several screens.

/// `text` cut to `width` characters (with an ellipsis) and padded to it.
pub fn clip(text: &str, width: usize) -> String {
    if text.chars().count() > width {
        format!("{}\u{2026}", text.chars().take(width.saturating_sub(1)).collect::<String>())
    } else {
        format!("{text:<width$}")
    }
}

/// The text with its first letter in upper case.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What an entry recorded after its day is called: "added later" on the
/// participant's own screens, "late" (the data-quality term) in a review.
pub fn late_word(readonly: bool) -> &'static str {
    if readonly { "late" } else { "added later" }
}

/// The mark on a day with an item-9 answer above 0: the warning colours for
/// a reviewer, a calm marker on the participant's own screens.
pub fn safety_mark(readonly: bool) -> ratatui::text::Span<'static> {
    use super::theme::Theme;
    if readonly {
        ratatui::text::Span::styled("! SAFETY ", Theme::safety())
    } else {
        ratatui::text::Span::styled("\u{2691} flagged ", Theme::warning())
    }
}

/// The course of response in one line of `width` columns; rising from best
/// in the warning colour, as something to talk about, never as an alarm.
/// The first part always shows, then what to talk about; a part that does
/// not fit is left out whole rather than cut.
/// A reviewer reads the clinical words; the participant, on their own
/// screens, the plain ones ([`crate::course::Words`]).
pub fn course_line(
    course: &crate::course::Course,
    width: u16,
    readonly: bool,
) -> ratatui::text::Line<'static> {
    use super::theme::Theme;
    use crate::course::Words;
    use ratatui::text::{Line, Span};
    const SEP: &str = " \u{b7} ";
    let (words, label) = if readonly { (Words::Clinical, "Course: ") } else { (Words::Plain, "Weekly: ") };
    let cols = |s: &str| Span::raw(s.to_string()).width();
    // each part with its aside; the head, always shown, without it when too long
    let sentence = course.sentence_parts(words);
    let mut parts: Vec<(String, bool)> = sentence.iter().map(|p| (p.full(), p.warn)).collect();
    // (or when its aside would leave out what to talk about)
    let warn_room = parts.iter().skip(1).filter(|p| p.1).map(|p| cols(SEP) + cols(&p.0)).sum::<usize>();
    if let (Some(head), Some(first)) = (sentence.first(), parts.first_mut()) {
        let width = usize::from(width);
        let whole = cols(label) + cols(&first.0);
        let bare = cols(label) + cols(&head.text);
        if whole > width || (whole + warn_room > width && bare + warn_room <= width) {
            first.0.clone_from(&head.text);
        }
    }
    // choose in order of importance, show in the sentence's order
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| (i > 0, !parts[i].1, i));
    let mut used = cols(label);
    let mut shown = vec![false; parts.len()];
    for i in order {
        let need = cols(&parts[i].0) + if i > 0 { cols(SEP) } else { 0 };
        if i == 0 || used + need <= usize::from(width) {
            used += need;
            shown[i] = true;
        }
    }
    let mut spans = vec![Span::raw(label)];
    for (i, (text, warn)) in parts.into_iter().enumerate().filter(|(i, _)| shown[*i]) {
        if i > 0 {
            spans.push(Span::raw(SEP));
        }
        spans.push(if warn { Span::styled(text, Theme::warning()) } else { Span::raw(text) });
    }
    Line::from(spans)
}

/// Outside text (a note, a reason, a participant's words) for one line of
/// the TUI: no control or invisible characters reach the terminal.
pub fn outside(text: &str) -> String {
    crate::text::terminal(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_and_capitals() {
        assert_eq!(clip("abcdef", 4), "abc\u{2026}");
        assert_eq!(clip("ab", 4), "ab  ");
        assert_eq!(capitalized("day 3 of 182"), "Day 3 of 182");
        assert_eq!(outside("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
    }
}
