//! Share with the therapist from inside the app: their public key
//! (remembered after the first time), the format, the days, whether notes go
//! with it, and the file. Before anything is sealed the screen says plainly
//! what leaves: with notes or without.

use crate::share::{Contents, ExportFormat, Filters};
use crate::tui::context::Context;
use crate::tui::format::capitalized;
use crate::tui::keys::{self, Binding, Pat, bind};
use crate::tui::msg::{Act, Effect, ExportRequest, Step};
use crate::tui::text_field::TextField;
use crate::tui::theme::Theme;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Key,
    Format,
    From,
    To,
    Notes,
    File,
}

const FIELDS: [Field; 6] = [Field::Key, Field::Format, Field::From, Field::To, Field::Notes, Field::File];

#[derive(Debug, Clone)]
pub struct State {
    pub key: TextField,
    pub format: ExportFormat,
    pub from: TextField,
    pub to: TextField,
    pub notes: bool,
    pub file: TextField,
    /// The file name follows the format until it is edited.
    pub file_edited: bool,
    pub focus: Field,
    pub error: Option<String>,
    participant: String,
    today: chrono::NaiveDate,
    /// The record's first and last day, to refuse a range with nothing in it.
    span: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Focus(i32),
    Change(i32),
    Edit(KeyEvent),
    Submit,
}

fn on_choice(s: &State, _: &Context) -> bool {
    matches!(s.focus, Field::Format | Field::Notes)
}

fn on_text(s: &State, c: &Context) -> bool {
    !on_choice(s, c)
}

pub const KEYS: &[Binding<State, Msg>] = &[
    keys::support_typing(),
    keys::next_field(|_, _, _| Act::Screen(Msg::Focus(1))),
    keys::previous_field(|_, _, _| Act::Screen(Msg::Focus(-1))),
    keys::submit("next field; on the file, seal and write", "next/export", |_, _, _| {
        Act::Screen(Msg::Submit)
    }),
    keys::choice("change the format, or whether notes go with it", "change", on_choice, |_, _, key| {
        Act::Screen(Msg::Change(keys::sideways(key)))
    }),
    keys::escape("cancel"),
    bind(
        &[Pat::Any],
        "type",
        "the key, the days (YYYY-MM-DD, empty for all) or the file",
        None,
        on_text,
        |_, _, key| Act::Screen(Msg::Edit(key)),
    ),
];

impl State {
    pub fn new(ctx: &Context) -> Self {
        let participant =
            ctx.data.as_ref().map_or_else(String::new, |d| d.journal.profile.participant.clone());
        let key = ctx.settings.therapist_key.clone().unwrap_or_default();
        let mut s = Self {
            key: TextField::new(100).with_text(&key),
            format: ExportFormat::Native,
            from: TextField::new(10),
            to: TextField::new(10),
            notes: true,
            file: TextField::new(200),
            file_edited: false,
            focus: if key.is_empty() { Field::Key } else { Field::Format },
            error: None,
            participant,
            today: ctx.today,
            span: ctx.data.as_ref().map(|d| d.journal.span()),
        };
        s.name_file();
        s
    }

    fn name_file(&mut self) {
        if !self.file_edited {
            self.file =
                TextField::new(200).with_text(&self.format.file_name(&self.participant, self.today, true));
        }
    }

    /// The days and notes asked for, as typed.
    fn parsed(&self) -> Result<Filters, String> {
        let day = |f: &TextField, what: &str| -> Result<Option<chrono::NaiveDate>, String> {
            let t = f.text().trim();
            if t.is_empty() {
                Ok(None)
            } else {
                crate::parse::date(t).map(Some).map_err(|e| format!("{what}: {e}"))
            }
        };
        let (from, to) = (day(&self.from, "From")?, day(&self.to, "To")?);
        Ok(Filters { from, to, notes_withheld: !self.notes })
    }

    /// A range with nothing of the record in it, in one line.
    fn range_error(&self, filters: &Filters) -> Option<String> {
        let e = filters.check(self.span?, self.today).err()?;
        Some(format!("{}.", capitalized(&e.to_string())))
    }

    /// The days and notes asked for, checked against the record.
    fn filters(&self) -> Result<Filters, String> {
        let filters = self.parsed()?;
        match self.range_error(&filters) {
            Some(e) => Err(e),
            None => Ok(filters),
        }
    }

    fn request(&self) -> Result<ExportRequest, String> {
        crate::share::seal::recipient(self.key.text()).map_err(|e| e.to_string())?;
        let filters = self.filters()?;
        let path = PathBuf::from(self.file.text().trim());
        if path.as_os_str().is_empty() {
            return Err("Give the file a name.".into());
        }
        Ok(ExportRequest {
            recipient: self.key.text().trim().to_string(),
            format: self.format,
            filters,
            path,
        })
    }
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    s.error = None;
    match msg {
        Msg::Focus(by) => {
            let i = FIELDS.iter().position(|f| *f == s.focus).unwrap_or(0);
            s.focus = FIELDS[keys::moved(i, by, FIELDS.len())];
        }
        Msg::Change(by) => match s.focus {
            Field::Format => {
                let all = <ExportFormat as strum::VariantArray>::VARIANTS;
                let i = all.iter().position(|f| *f == s.format).unwrap_or(0) as i32;
                s.format = all[(i + by).rem_euclid(all.len() as i32) as usize];
                s.name_file();
            }
            Field::Notes => s.notes = !s.notes,
            _ => {}
        },
        Msg::Edit(key) => match s.focus {
            Field::Key => {
                s.key.edit(key);
            }
            Field::From => {
                s.from.edit(key);
            }
            Field::To => {
                s.to.edit(key);
            }
            Field::File => {
                s.file_edited |= s.file.edit(key);
            }
            Field::Format | Field::Notes => {}
        },
        Msg::Submit if s.focus != Field::File => return update(s, Msg::Focus(1)),
        Msg::Submit => match s.request() {
            Ok(request) => return Step::Run(Effect::Export(request)),
            Err(e) => s.error = Some(e),
        },
    }
    Step::Stay
}

/// What leaves, said plainly before anything is sealed: how much, and
/// whether notes go with it.
fn what_leaves(s: &State, ctx: &Context) -> Vec<Line<'static>> {
    // a date still being typed says nothing yet
    let how_much = match (s.parsed(), &ctx.data) {
        (Ok(filters), Some(data)) => match s.range_error(&filters) {
            Some(e) => Line::styled(e, Theme::error()),
            None => {
                let contents =
                    Contents::of(s.format, data.journal.entries.iter().filter(|e| filters.takes(e)));
                Line::styled(format!("It holds {}.", contents.describe()), Theme::heading())
            }
        },
        _ => Line::default(),
    };
    let notes = if s.notes {
        "Your notes go with it: your therapist will read them."
    } else {
        "Your notes stay here: notes and the reasons for corrections are left out."
    };
    vec![
        how_much,
        Line::styled(notes, Theme::heading()),
        Line::styled(
            "Only the holder of that key can open the file. Days with a safety flag always go with it.",
            Theme::dim(),
        ),
    ]
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, ctx: &Context) {
    let row = |f: Field, label: &str, value: Vec<Span<'static>>| {
        let focused = s.focus == f;
        let style = if focused { Theme::focused() } else { ratatui::style::Style::new() };
        let mut spans =
            vec![Span::styled(format!("{}{label:<16}", if focused { "> " } else { "  " }), style)];
        spans.extend(value);
        Line::from(spans)
    };
    let choice = |on: bool, text: &str| {
        if on {
            Span::styled(format!("[{text}] "), Theme::selected())
        } else {
            Span::raw(format!(" {text}  "))
        }
    };
    let formats: Vec<Span> = <ExportFormat as strum::VariantArray>::VARIANTS
        .iter()
        .map(|f| choice(*f == s.format, f.key()))
        .collect();
    let mut lines = vec![
        Line::styled("Share your record with your therapist, sealed to their key.", Theme::heading()),
        Line::default(),
        row(Field::Key, "Therapist's key", s.key.line(s.focus == Field::Key).spans),
        row(Field::Format, "Format", formats),
        row(Field::From, "From (optional)", s.from.line(s.focus == Field::From).spans),
        row(Field::To, "To (optional)", s.to.line(s.focus == Field::To).spans),
        row(Field::Notes, "Notes", vec![choice(s.notes, "include"), choice(!s.notes, "leave out")]),
        row(Field::File, "File", s.file.line(s.focus == Field::File).spans),
        Line::default(),
    ];
    lines.extend(what_leaves(s, ctx));
    lines.push(Line::default());
    // a range refused is said once, above
    let said = s.parsed().ok().and_then(|f| s.range_error(&f));
    if let Some(e) = s.error.as_ref().filter(|e| said.as_ref() != Some(*e)) {
        lines.push(Line::styled(e.clone(), Theme::error()));
    }
    lines.push(Line::styled("Enter on the file seals and writes it \u{b7} Esc cancels", Theme::dim()));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Share with your therapist ")),
        area,
    );
}
