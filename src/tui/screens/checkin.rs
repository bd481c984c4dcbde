//! The PHQ-9 check-in: the stem, one item per screen with the four verbatim
//! answers, item 10, a review with total and band, then save.
//!
//! An item-9 answer above 0 on a new check-in saves the entry at once
//! (item 10 is left out) so the safety screen follows immediately.

use crate::instrument::phq9::{self, Answers, DIFFICULTY_ANSWERS, ITEMS, Phq9};
use crate::record::{EntryData, Record};
use crate::tui::context::Context;
use crate::tui::format::clip;
use crate::tui::keys::{self, Binding, Pat, always, bind};
use crate::tui::msg::{Act, Action, Correction, Effect, Go, SafetyAnswer, Step, Write};
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Wrap};

fn answering(s: &State, _: &Context) -> bool {
    s.stage != Stage::Review
}

fn reviewing(s: &State, _: &Context) -> bool {
    s.stage == Stage::Review
}

pub const KEYS: &[Binding<State, Msg>] = &[
    keys::support(),
    bind(&[Pat::Digits(0, 3)], "0-3", "answer and go on", Some("answer"), answering, |_, _, key| {
        Act::Screen(Msg::Answer(keys::digit(key)))
    }),
    bind(
        keys::MOVE_KEYS,
        "\u{2191}\u{2193}/jk",
        "choose an answer",
        Some("choose"),
        answering,
        |_, _, key| Act::Screen(Msg::Move(keys::vertical(key))),
    ),
    bind(
        &[Pat::Key(KeyCode::Enter)],
        "Enter",
        "confirm the chosen answer",
        Some("confirm"),
        answering,
        |_, _, _| Act::Screen(Msg::Confirm),
    ),
    bind(
        &[Pat::Key(KeyCode::Enter), Pat::Char('y')],
        "Enter/y",
        "save the check-in",
        Some("save"),
        reviewing,
        |_, _, _| Act::Screen(Msg::Confirm),
    ),
    bind(
        &[Pat::Key(KeyCode::Backspace), Pat::Key(KeyCode::Left), Pat::Char('h')],
        "Backspace",
        "back to the previous item, to change an answer",
        Some("previous"),
        always,
        |_, _, _| Act::Screen(Msg::Previous),
    ),
    keys::help(),
    bind(
        &[Pat::Key(KeyCode::Esc), Pat::Char('q')],
        "Esc",
        "cancel without saving",
        Some("cancel"),
        always,
        |_, _, _| Act::App(Action::Back),
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Item(usize),
    Difficulty,
    Review,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub day: NaiveDate,
    pub answers: Answers,
    pub difficulty: Option<u8>,
    pub stage: Stage,
    pub cursor: u8,
    /// Set when correcting an existing entry.
    pub amend: Option<i64>,
    /// The answers being corrected, to tell a real change from none.
    pub original: Option<Phq9>,
    pub notice: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Answer(u8),
    Move(i32),
    Confirm,
    Previous,
}

impl State {
    pub fn new(day: NaiveDate, amend: Option<i64>) -> Self {
        Self {
            day,
            answers: [None; 9],
            difficulty: None,
            stage: Stage::Item(0),
            cursor: 0,
            amend,
            original: None,
            notice: None,
        }
    }

    pub fn amending(id: i64, day: NaiveDate, old: &Phq9) -> Self {
        let mut s = Self::new(day, Some(id));
        s.answers = *old.answers();
        s.difficulty = old.difficulty();
        s.cursor = s.answers[0].unwrap_or(0);
        s.original = Some(old.clone());
        s
    }

    fn any_problem(&self) -> bool {
        self.answers.iter().flatten().any(|&a| a > 0)
    }

    /// The check-in, once all nine items are answered.
    fn record(&self) -> Option<Phq9> {
        let difficulty = if self.any_problem() { self.difficulty } else { None };
        Phq9::new(self.answers, difficulty).ok().filter(Phq9::is_complete)
    }

    fn enter(&mut self, stage: Stage) {
        self.stage = stage;
        self.cursor = match stage {
            Stage::Item(i) => self.answers[i].unwrap_or(0),
            Stage::Difficulty => self.difficulty.unwrap_or(0),
            Stage::Review => 0,
        };
    }
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    match (msg, s.stage) {
        (Msg::Move(by), Stage::Item(_) | Stage::Difficulty) => {
            s.cursor = keys::moved(s.cursor as usize, by, 4) as u8;
            Step::Stay
        }
        (Msg::Confirm, Stage::Item(_) | Stage::Difficulty) => update(s, Msg::Answer(s.cursor)),
        (Msg::Answer(a), Stage::Item(i)) => {
            s.answers[i] = Some(a);
            if i == 8 && a > 0 && s.amend.is_none() {
                // save now: the safety screen must not wait for item 10
                return match s.record() {
                    Some(p) => Step::Run(Effect::Write(Write::AddEntry(EntryData {
                        day: s.day,
                        record: Record::Phq9(p),
                    }))),
                    None => Step::Stay,
                };
            }
            let next = if i < 8 {
                Stage::Item(i + 1)
            } else if s.any_problem() {
                Stage::Difficulty
            } else {
                Stage::Review
            };
            s.enter(next);
            if i == 8 && a > 0 {
                // a correction is saved only after its reason, but the safety
                // information comes now
                return Step::Go(Go::Safety(SafetyAnswer::Pending));
            }
            Step::Stay
        }
        (Msg::Answer(a), Stage::Difficulty) => {
            s.difficulty = Some(a);
            s.enter(Stage::Review);
            Step::Stay
        }
        (Msg::Confirm, Stage::Review) => match s.record() {
            Some(p) if s.original.as_ref() == Some(&p) => {
                s.notice = Some("Nothing has changed: Backspace to change an answer, Esc to leave.".into());
                Step::Stay
            }
            Some(p) => {
                let data = EntryData { day: s.day, record: Record::Phq9(p) };
                match s.amend {
                    Some(id) => Step::Go(Go::Reason(Correction::AmendEntry(id, Box::new(data)))),
                    None => Step::Run(Effect::Write(Write::AddEntry(data))),
                }
            }
            None => Step::Stay,
        },
        (Msg::Previous, Stage::Item(0)) => Step::Stay,
        (Msg::Previous, Stage::Item(i)) => {
            s.enter(Stage::Item(i - 1));
            Step::Stay
        }
        (Msg::Previous, Stage::Difficulty) => {
            s.enter(Stage::Item(8));
            Step::Stay
        }
        (Msg::Previous, Stage::Review) => {
            s.enter(if s.any_problem() { Stage::Difficulty } else { Stage::Item(8) });
            Step::Stay
        }
        _ => Step::Stay,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, ctx: &Context) {
    let heading = match s.amend {
        Some(id) => format!("Correcting PHQ-9 entry {id} for {}", s.day),
        None if s.day < ctx.today => format!("PHQ-9 for {} \u{b7} added later", s.day),
        None => format!("PHQ-9 for {}", s.day),
    };
    let (done, step_label) = match s.stage {
        Stage::Item(i) => (i, format!("Item {} of 9", i + 1)),
        Stage::Difficulty => (9, "Item 10 (not scored)".into()),
        Stage::Review => (10, "Review".into()),
    };
    // on a small terminal the answers matter most: no heading row, no stem, no spacing
    let compact = area.height < 16;
    let [head, gauge, body] = Layout::vertical([
        Constraint::Length(u16::from(!compact)),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(
        Line::from(vec![
            Span::styled(heading, Theme::heading()),
            Span::raw(format!("  \u{b7} {step_label}")),
        ]),
        head,
    );
    frame.render_widget(
        Gauge::default().ratio(done as f64 / 10.0).label(step_label).gauge_style(Theme::series()),
        gauge,
    );
    let stem = if compact { "" } else { phq9::STEM };
    let lines = match s.stage {
        Stage::Item(i) => question(
            stem,
            &format!("{}. {}", i + 1, ITEMS[i].text),
            &phq9::ANSWERS.map(|a| a.label),
            s.cursor,
            s.answers[i],
            compact,
        ),
        Stage::Difficulty => question(
            "",
            phq9::DIFFICULTY_TEXT,
            &DIFFICULTY_ANSWERS.map(|a| a.label),
            s.cursor,
            s.difficulty,
            compact,
        ),
        Stage::Review => review(s, body.width),
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}

fn question(
    stem: &str,
    text: &str,
    options: &[&'static str; 4],
    cursor: u8,
    chosen: Option<u8>,
    compact: bool,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if !compact {
        lines.push(Line::default());
    }
    if !stem.is_empty() {
        lines.push(Line::styled(stem.to_string(), Theme::dim()));
        lines.push(Line::default());
    }
    lines.push(Line::styled(text.to_string(), Theme::heading()));
    if !compact {
        lines.push(Line::default());
    }
    for (i, label) in options.iter().enumerate() {
        let i = i as u8;
        let mark = if chosen == Some(i) { "\u{25cf}" } else { " " };
        let text = format!(" {mark} {i}  {label} ");
        lines.push(if i == cursor { Line::styled(text, Theme::selected()) } else { Line::from(text) });
    }
    lines
}

/// The nine answers, the total and the band. Each item is shown whole when
/// the width allows. The screening flag is for the clinician (list, exports,
/// review, the brief), not shown here.
fn review(s: &State, width: u16) -> Vec<Line<'static>> {
    // " 1. " + item + "  3 More than half the days"
    let item_width = usize::from(width).saturating_sub(4 + 2 + 26).max(30);
    let mut lines = vec![Line::default()];
    for (i, item) in ITEMS.iter().enumerate() {
        let a = s.answers[i].unwrap_or(0);
        let style = if i == 8 && a > 0 { Theme::safety_text() } else { ratatui::style::Style::new() };
        lines.push(Line::styled(
            format!(" {}. {}  {a} {}", i + 1, clip(item.text, item_width), phq9::ANSWERS[a as usize].label),
            style,
        ));
    }
    if let Some(d) = s.difficulty.filter(|_| s.any_problem()) {
        lines.push(Line::from(format!("10. {}", phq9::DIFFICULTY_TEXT)));
        lines.push(Line::from(format!("    {d} {}", DIFFICULTY_ANSWERS[d as usize].label)));
    }
    lines.push(Line::default());
    if let Some(p) = s.record() {
        let (total, band) =
            (p.total().unwrap_or(0), p.severity().unwrap_or(crate::instrument::Severity::None));
        lines.push(Line::from(vec![
            Span::raw(" Total "),
            Span::styled(format!("{total} ({band})"), Theme::band(band)),
        ]));
    }
    lines.push(Line::default());
    if let Some(n) = &s.notice {
        lines.push(Line::styled(format!(" {n}"), Theme::error()));
    }
    lines.push(Line::from(vec![
        Span::styled(" Enter", Theme::key()),
        Span::raw(" save   "),
        Span::styled("Backspace", Theme::key()),
        Span::raw(" change   "),
        Span::styled("Esc", Theme::key()),
        Span::raw(" cancel"),
    ]));
    lines
}
