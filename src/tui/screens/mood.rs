//! The mood entry: sliders for mood (required), anxiety, energy and sleep
//! (optional: left unset, never zero), a multi-line note and tags.

use crate::instrument::mood::{self, Mood, MoodFields, SleepHours};
use crate::record::{EntryData, Record};
use crate::tui::context::Context;
use crate::tui::keys::{self, Binding, Pat, always, bind};
use crate::tui::msg::{Act, Action, Correction, Effect, Go, Step, Write};
use crate::tui::text_field::TextField;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::{TextArea, WrapMode};

fn on_slider(s: &State, _: &Context) -> bool {
    matches!(s.focus, Field::Mood | Field::Anxiety | Field::Energy | Field::Sleep)
}

/// On a slider with no number being typed: `h` after `7` is the unit, not
/// a move.
fn on_slider_not_typing(s: &State, c: &Context) -> bool {
    on_slider(s, c) && s.typed.is_empty()
}

fn on_text(s: &State, _: &Context) -> bool {
    matches!(s.focus, Field::Note | Field::Tags)
}

fn on_save(s: &State, _: &Context) -> bool {
    s.focus == Field::Save
}

fn not_typing(s: &State, c: &Context) -> bool {
    !on_text(s, c)
}

pub const KEYS: &[Binding<State, Msg>] = &[
    keys::support_typing(),
    bind(&[Pat::Ctrl('s')], "Ctrl-S", "save (or Enter on Save)", Some("save"), always, |_, _, _| {
        Act::Screen(Msg::Save)
    }),
    bind(
        &[Pat::Key(KeyCode::Tab)],
        "Tab",
        "next field (in the note and tags, Tab is the way out)",
        Some("next"),
        always,
        |_, _, _| Act::Screen(Msg::Focus(1)),
    ),
    bind(&[Pat::Key(KeyCode::BackTab)], "Shift-Tab", "previous field", None, always, |_, _, _| {
        Act::Screen(Msg::Focus(-1))
    }),
    bind(
        &[Pat::Key(KeyCode::Esc)],
        "Esc",
        "cancel without saving (asks again when something was typed)",
        Some("cancel"),
        always,
        |_, _, _| Act::Screen(Msg::Cancel),
    ),
    bind(
        &[Pat::Key(KeyCode::Left), Pat::Key(KeyCode::Right)],
        "\u{2190}\u{2192}",
        "move a slider (the first press sets it)",
        Some("move"),
        on_slider,
        |_, _, key| Act::Screen(Msg::Adjust(if key.code == KeyCode::Left { -1 } else { 1 })),
    ),
    bind(
        &[Pat::Char('h'), Pat::Char('l')],
        "h/l",
        "move a slider, as \u{2190}\u{2192} (not while a number is being typed: 7h is 7 hours)",
        None,
        on_slider_not_typing,
        |_, _, key| Act::Screen(Msg::Adjust(if key.code == KeyCode::Char('h') { -1 } else { 1 })),
    ),
    bind(
        &[Pat::Digits(0, 9), Pat::Char('.')],
        "0-9",
        "type the value: 1 then 0 is 10; sleep in hours and halves, e.g. 7.5",
        Some("type"),
        on_slider,
        |_, _, key| Act::Screen(Msg::Type(if let KeyCode::Char(c) = key.code { c } else { '0' })),
    ),
    bind(
        &[Pat::Char('x'), Pat::Key(KeyCode::Delete), Pat::Key(KeyCode::Backspace)],
        "x/Delete",
        "unset an optional slider",
        Some("unset"),
        on_slider,
        |_, _, _| Act::Screen(Msg::Unset),
    ),
    bind(
        &[Pat::Key(KeyCode::Up), Pat::Char('k')],
        "\u{2191}/k",
        "previous field",
        None,
        not_typing,
        |_, _, _| Act::Screen(Msg::Focus(-1)),
    ),
    bind(
        &[Pat::Key(KeyCode::Down), Pat::Char('j'), Pat::Key(KeyCode::Enter)],
        "\u{2193}/j/Enter",
        "next field",
        None,
        on_slider,
        |_, _, _| Act::Screen(Msg::Focus(1)),
    ),
    bind(&[Pat::Key(KeyCode::Enter)], "Enter", "save, on the Save button", None, on_save, |_, _, _| {
        Act::Screen(Msg::Save)
    }),
    bind(
        &[Pat::Char('?')],
        "?",
        "every key of this screen (outside the note and tags)",
        Some("help"),
        not_typing,
        |_, _, _| Act::App(Action::Help),
    ),
    bind(
        &[Pat::Any],
        "type",
        "in the note and the tags: the text (Enter in the tags goes to Save)",
        None,
        on_text,
        |_, _, key| Act::Screen(Msg::Edit(key)),
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Mood,
    Anxiety,
    Energy,
    Sleep,
    Note,
    Tags,
    Save,
}

const FIELDS: [Field; 7] =
    [Field::Mood, Field::Anxiety, Field::Energy, Field::Sleep, Field::Note, Field::Tags, Field::Save];

#[derive(Debug, Clone)]
pub struct State {
    pub day: NaiveDate,
    pub mood: Option<u8>,
    pub anxiety: Option<u8>,
    pub energy: Option<u8>,
    /// Half hours.
    pub sleep: Option<u8>,
    pub note: TextArea<'static>,
    pub tags: TextField,
    pub focus: Field,
    pub error: Option<String>,
    pub amend: Option<i64>,
    /// What the form held when it opened, to tell a real change from none.
    pub original: Option<Mood>,
    /// Esc was pressed once on a form with something typed in it.
    pub confirm_cancel: bool,
    /// Digits typed on the focused slider so far (`1`, then `10`).
    pub typed: String,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Focus(i32),
    Adjust(i32),
    /// A digit (or the point, on sleep) typed on a slider.
    Type(char),
    Unset,
    Edit(KeyEvent),
    Save,
    Cancel,
}

impl State {
    pub fn new(day: NaiveDate) -> Self {
        let mut note = TextArea::default();
        note.set_wrap_mode(WrapMode::WordOrGlyph);
        note.set_placeholder_text("A few words about today (optional)");
        note.set_cursor_line_style(ratatui::style::Style::default());
        Self {
            day,
            mood: None,
            anxiety: None,
            energy: None,
            sleep: None,
            note,
            tags: TextField::new(200),
            focus: Field::Mood,
            error: None,
            amend: None,
            original: None,
            confirm_cancel: false,
            typed: String::new(),
        }
    }

    pub fn amending(id: i64, day: NaiveDate, m: &Mood) -> Self {
        let mut s = Self::new(day);
        s.amend = Some(id);
        s.mood = Some(m.mood());
        s.anxiety = m.anxiety();
        s.energy = m.energy();
        s.sleep = m.sleep().map(SleepHours::half_hours);
        if let Some(n) = m.note() {
            s.note.insert_str(n);
        }
        s.tags = TextField::new(200).with_text(&m.tags().join(" "));
        s.original = Some(m.clone());
        s
    }

    /// Whether anything was entered or changed since the form opened.
    fn dirty(&self) -> bool {
        match &self.original {
            Some(m) => self.entry().ok().as_ref() != Some(m),
            None => {
                self.mood.is_some()
                    || self.anxiety.is_some()
                    || self.energy.is_some()
                    || self.sleep.is_some()
                    || !self.note_text().trim().is_empty()
                    || !self.tags.is_empty()
            }
        }
    }

    fn note_text(&self) -> String {
        self.note.lines().join("\n")
    }

    fn entry(&self) -> Result<Mood, String> {
        let mood =
            self.mood.ok_or("Set your mood (0\u{2013}10) before saving: it is the one required field.")?;
        let tags = self.tags.text().split([' ', ',']).filter(|t| !t.is_empty()).map(str::to_string).collect();
        let sleep = self.sleep.map(SleepHours::from_half_hours).transpose().map_err(|e| e.to_string())?;
        let fields = MoodFields {
            mood,
            anxiety: self.anxiety,
            energy: self.energy,
            sleep,
            note: Some(self.note_text()),
            tags,
        };
        Mood::try_from(fields).map_err(|e| e.to_string())
    }

    fn slider(&mut self) -> Option<(&mut Option<u8>, u8, u8)> {
        // (value, max, first value when unset)
        match self.focus {
            Field::Mood => Some((&mut self.mood, 10, 5)),
            Field::Anxiety => Some((&mut self.anxiety, 10, 5)),
            Field::Energy => Some((&mut self.energy, 10, 5)),
            Field::Sleep => Some((&mut self.sleep, SleepHours::MAX_HALF_HOURS, 14)),
            _ => None,
        }
    }
}

/// The value of what was typed on a slider: a whole number 0–10, or for
/// sleep hours in halves (0–24, `7`, `7.`, `7.5`), as half hours. `None`
/// when it is not (yet) a value.
fn parse_typed(typed: &str, sleep: bool) -> Option<u8> {
    if sleep {
        let (whole, half) = match typed.split_once('.') {
            Some((w, "")) => (w, 0),
            Some((w, "5")) => (w, 1),
            Some(_) => return None,
            None => (typed, 0),
        };
        let hours: u8 = whole.parse().ok()?;
        let half_hours = hours.checked_mul(2)? + half;
        (half_hours <= SleepHours::MAX_HALF_HOURS).then_some(half_hours)
    } else {
        let v: u8 = typed.parse().ok()?;
        (v <= mood::SCALE_MAX).then_some(v)
    }
}

/// Type `c` after `typed` on a slider: the new text and its value. What is
/// typed is what is stored: `1` then `0` is 10, `7` `.` `5` on sleep is 7.5
/// hours. A digit that would go past the top of the scale (`10` then `0`,
/// `2` then `5` hours) is refused with a reason, like anything else that
/// does not fit: the value stays what it was.
pub fn typed_value(typed: &str, c: char, sleep: bool) -> Result<(String, u8), String> {
    let refuse = || {
        Err(if sleep {
            "Sleep is in hours and half hours, 0 to 24: e.g. 7 or 7.5.".to_string()
        } else {
            "Type a whole number from 0 to 10.".to_string()
        })
    };
    if c == '.' && (!sleep || typed.is_empty() || typed.contains('.')) {
        return refuse();
    }
    let longer = format!("{typed}{c}");
    if longer.ends_with('.') {
        return Ok((longer, parse_typed(typed, sleep).unwrap_or(0)));
    }
    if let Some(v) = parse_typed(&longer, sleep) {
        return Ok((longer, v));
    }
    if !c.is_ascii_digit() || typed.contains('.') {
        return refuse();
    }
    Err(if sleep {
        format!("{longer} hours is more than a day: sleep is 0 to 24 hours ({typed} kept).")
    } else {
        format!("{longer} is past the top of the scale, 0 to 10 ({typed} kept).")
    })
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    s.error = None;
    let cancelling = std::mem::take(&mut s.confirm_cancel);
    match msg {
        Msg::Cancel if cancelling || !s.dirty() => return Step::Back,
        Msg::Cancel => {
            s.confirm_cancel = true;
            s.error = Some("Press Esc again to leave without saving what you typed.".into());
        }
        Msg::Focus(by) => {
            s.typed.clear();
            let i = FIELDS.iter().position(|f| *f == s.focus).unwrap_or(0);
            s.focus = FIELDS[keys::moved(i, by, FIELDS.len())];
        }
        Msg::Adjust(by) => {
            s.typed.clear();
            if let Some((value, max, start)) = s.slider() {
                *value = Some(match *value {
                    None => start,
                    Some(v) => (i32::from(v) + by).clamp(0, i32::from(max)) as u8,
                });
            }
        }
        Msg::Type(c) => {
            let sleep = s.focus == Field::Sleep;
            match typed_value(&s.typed, c, sleep) {
                Ok((typed, v)) => {
                    s.typed = typed;
                    if let Some((value, _, _)) = s.slider() {
                        *value = Some(v);
                    }
                }
                Err(e) => s.error = Some(e),
            }
        }
        Msg::Unset if !s.typed.is_empty() => {
            // Backspace takes back the last character typed
            s.typed.pop();
            let sleep = s.focus == Field::Sleep;
            let v = (!s.typed.is_empty()).then(|| parse_typed(&s.typed, sleep)).flatten();
            if let Some((value, _, _)) = s.slider() {
                *value = v;
            }
        }
        Msg::Unset => {
            if s.focus == Field::Mood {
                s.error = Some("Mood is required: type 0 to 10, or move it with \u{2190} \u{2192}.".into());
            } else if let Some((value, _, _)) = s.slider() {
                *value = None;
            }
        }
        Msg::Edit(key) => match s.focus {
            Field::Note
                if s.note_text().chars().count() < mood::NOTE_MAX_CHARS
                    || matches!(key.code, KeyCode::Backspace | KeyCode::Delete) =>
            {
                s.note.input(key);
            }
            Field::Tags => match key.code {
                KeyCode::Enter | KeyCode::Down => s.focus = Field::Save,
                KeyCode::Up => s.focus = Field::Note,
                _ => {
                    s.tags.edit(key);
                }
            },
            _ => {}
        },
        Msg::Save => match s.entry() {
            Ok(m) if s.original.as_ref() == Some(&m) => {
                s.error = Some("Nothing has changed: change a value, or Esc to leave.".into());
            }
            Ok(m) => {
                let data = EntryData { day: s.day, record: Record::Mood(m) };
                return match s.amend {
                    Some(id) => Step::Go(Go::Reason(Correction::AmendEntry(id, Box::new(data)))),
                    None => Step::Run(Effect::Write(Write::AddEntry(data))),
                };
            }
            Err(e) => s.error = Some(e),
        },
    }
    Step::Stay
}

/// One slider: its name, a track, the value (or what is being typed) and
/// what the scale's ends mean.
struct Slider<'a> {
    label: &'a str,
    value: Option<u8>,
    max: u8,
    focused: bool,
    /// What was typed so far, shown while typing.
    typed: &'a str,
    anchors: String,
}

/// The widest the value column gets: `10/10`, `23.5 h`.
const VALUE_WIDTH: usize = 8;

fn slider_line(sl: Slider, show: impl Fn(u8) -> String, track: usize) -> Line<'static> {
    let style = if sl.focused { Theme::focused() } else { ratatui::style::Style::new() };
    let mut spans =
        vec![Span::styled(format!("{}{:<9}", if sl.focused { "> " } else { "  " }, sl.label), style)];
    match sl.value {
        Some(v) => {
            let filled = (usize::from(v) * track).div_ceil(usize::from(sl.max).max(1));
            spans.push(Span::styled("\u{2588}".repeat(filled), Theme::series()));
            spans.push(Span::styled("\u{2591}".repeat(track - filled.min(track)), Theme::dim()));
            let shown = if sl.focused && !sl.typed.is_empty() && sl.typed.ends_with('.') {
                format!("{} h", sl.typed)
            } else {
                show(v)
            };
            spans.push(Span::styled(format!(" {shown:<w$}", w = VALUE_WIDTH - 1), Theme::heading()));
        }
        None => {
            spans.push(Span::styled("\u{b7}".repeat(track), Theme::dim()));
            spans.push(Span::styled(format!(" {:<w$}", "not set", w = VALUE_WIDTH - 1), Theme::dim()));
        }
    }
    spans.push(Span::styled(format!(" {}", sl.anchors), Theme::dim()));
    Line::from(spans)
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, ctx: &Context) {
    let heading = match s.amend {
        Some(id) => format!("Correcting mood entry {id} for {}", s.day),
        None if s.day < ctx.today => format!("Mood entry for {} \u{b7} added later", s.day),
        None => format!("Mood entry for {}", s.day),
    };
    let compact = area.height < 14;
    let [head, sliders, note, tags, save] = Layout::vertical([
        Constraint::Length(u16::from(!compact)),
        Constraint::Length(4),
        Constraint::Min(if compact { 2 } else { 3 }),
        Constraint::Length(1),
        Constraint::Length(if compact { 1 } else { 2 }),
    ])
    .areas(area);
    frame.render_widget(Line::styled(heading, Theme::heading()), head);
    let anchors = [mood::MOOD.anchors(), mood::ANXIETY.anchors(), mood::ENERGY.anchors()];
    let widest = anchors.iter().map(|a| a.chars().count()).max().unwrap_or(0);
    // the track takes what the label, value and anchors leave, 10 to 40 cells
    let track = usize::from(area.width).saturating_sub(11 + VALUE_WIDTH + 1 + widest).clamp(10, 40);
    let ten = |v: u8| format!("{v}/10");
    let hours =
        |v: u8| format!("{} h", SleepHours::from_half_hours(v).map(|h| h.to_string()).unwrap_or_default());
    let typed = |f: Field| if s.focus == f { s.typed.as_str() } else { "" };
    let slider = |label, value, max, field, anchors: &str| Slider {
        label,
        value,
        max,
        focused: s.focus == field,
        typed: typed(field),
        anchors: anchors.to_string(),
    };
    let [a_mood, a_anxiety, a_energy] = &anchors;
    frame.render_widget(
        Paragraph::new(vec![
            slider_line(slider("Mood *", s.mood, 10, Field::Mood, a_mood), ten, track),
            slider_line(slider("Anxiety", s.anxiety, 10, Field::Anxiety, a_anxiety), ten, track),
            slider_line(slider("Energy", s.energy, 10, Field::Energy, a_energy), ten, track),
            slider_line(
                slider("Sleep", s.sleep, SleepHours::MAX_HALF_HOURS, Field::Sleep, mood::SLEEP_UNIT),
                hours,
                track,
            ),
        ]),
        sliders,
    );
    let mut textarea = s.note.clone();
    let count = s.note_text().chars().count();
    let style = if s.focus == Field::Note { Theme::focused() } else { Theme::dim() };
    textarea.set_block(
        Block::bordered().border_style(style).title(format!(" Note ({count}/{}) ", mood::NOTE_MAX_CHARS)),
    );
    if s.focus != Field::Note {
        textarea.set_cursor_style(ratatui::style::Style::default());
    }
    frame.render_widget(&textarea, note);
    let tag_style = if s.focus == Field::Tags { Theme::focused() } else { ratatui::style::Style::new() };
    let mut tag_line = vec![Span::styled(
        format!("{}Tags     ", if s.focus == Field::Tags { "> " } else { "  " }),
        tag_style,
    )];
    tag_line.extend(s.tags.line(s.focus == Field::Tags).spans);
    frame.render_widget(Line::from(tag_line), tags);
    let save_style = if s.focus == Field::Save { Theme::selected() } else { Theme::key() };
    let after = match &s.error {
        Some(e) => Span::styled(format!("  {e}"), Theme::error()),
        None => Span::styled("  Ctrl-S saves from anywhere \u{b7} Esc cancels", Theme::dim()),
    };
    let line = Line::from(vec![Span::styled("  [ Save ]", save_style), after]);
    frame.render_widget(Paragraph::new(line).wrap(ratatui::widgets::Wrap { trim: false }), save);
}
