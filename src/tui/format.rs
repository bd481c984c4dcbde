//! Formatting shared by several screens.

/// `text` in lines of at most `width` characters, broken between words (a
/// word longer than a line is split): nothing of it is left out.
pub fn wrapped(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        let used = line.chars().count();
        if used > 0 && used + 1 + word.len() <= width {
            line.push(' ');
            line.extend(&word);
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
        }
        while word.len() > width {
            lines.push(word.drain(..width).collect());
        }
        line.extend(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A numbered item, whole, wrapped under its number (a hanging indent):
/// `number` starts the first line and its width in spaces the others; the
/// text takes `text_width` columns and `aside` (the answer) follows the
/// first line.
pub fn hanging(number: &str, text: &str, text_width: usize, aside: &str) -> Vec<String> {
    let indent = " ".repeat(number.chars().count());
    wrapped(text, text_width)
        .into_iter()
        .enumerate()
        .map(|(i, line)| match i {
            0 if aside.is_empty() => format!("{number}{line}"),
            0 => format!("{number}{line:<text_width$}  {aside}"),
            _ => format!("{indent}{line}"),
        })
        .collect()
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
    // (or when its aside would leave out what to talk about, or else the
    // part right after it: where the course stands now, e.g. responding again)
    let room = |keep: &dyn Fn(usize, bool) -> bool| {
        parts
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(i, p)| keep(*i, p.1))
            .map(|(_, p)| cols(SEP) + cols(&p.0))
            .sum::<usize>()
    };
    let (warn_room, next_room) = (room(&|_, warn| warn), room(&|i, _| i == 1));
    if let (Some(head), Some(first)) = (sentence.first(), parts.first_mut()) {
        let width = usize::from(width);
        let whole = cols(label) + cols(&first.0);
        let bare = cols(label) + cols(&head.text);
        let makes_room = |need: usize| whole + need > width && bare + need <= width;
        if whole > width || makes_room(warn_room) || (warn_room == 0 && makes_room(next_room)) {
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
    fn capitals() {
        assert_eq!(capitalized("day 3 of 182"), "Day 3 of 182");
        assert_eq!(outside("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
    }

    #[test]
    fn items_wrap_whole_under_their_number() {
        assert_eq!(wrapped("one two three", 7), ["one two", "three"]);
        assert_eq!(wrapped("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrapped("", 4), [""]);
        let item = "Feeling bad about yourself \u{2014} or that you are a failure or have let yourself or your family down";
        let lines = hanging(" 6. ", item, 30, "3 Nearly every day");
        assert_eq!(lines[0], " 6. Feeling bad about yourself \u{2014}    3 Nearly every day");
        assert!(lines[1..].iter().all(|l| l.starts_with("    ") && !l.starts_with("     ")), "{lines:?}");
        let text = lines.join(" ").replacen("3 Nearly every day", "", 1);
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words.join(" "), format!("6. {item}"));
    }
}
