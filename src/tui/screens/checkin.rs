//! A questionnaire check-in (the PHQ-9, the GAD-7), from its description:
//! the stem, one item per screen with the four verbatim answers, the
//! unscored question where there is one (the PHQ-9's item 10), a review
//! with total and band, then save.
//!
//! A safety item (the PHQ-9's item 9) answered above 0 on a new check-in
//! saves the entry at once (the unscored question is left out) so the
//! safety screen follows immediately.

use crate::instrument::{PHQ9, Questionnaire};
use crate::record::{EntryData, Record};
use crate::tui::context::Context;
use crate::tui::format::hanging;
use crate::tui::keys::{self, Binding, Pat, always, bind};
use crate::tui::msg::{Act, Correction, Effect, Go, SafetyAnswer, Step, Write};
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
    bind(&[Pat::Digits(4, 9)], "4-9", "says that answers go from 0 to 3", None, answering, |_, _, _| {
        Act::Screen(Msg::Beyond)
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
        "confirm the chosen answer (none is chosen until you choose one)",
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
        "cancel without saving (asks again once something is answered)",
        Some("cancel"),
        always,
        |_, _, _| Act::Screen(Msg::Cancel),
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
    pub questionnaire: &'static Questionnaire,
    pub day: NaiveDate,
    pub answers: Vec<Option<u8>>,
    /// The unscored question's answer.
    pub difficulty: Option<u8>,
    pub stage: Stage,
    /// The answer the arrows have chosen; none until the person chooses one
    /// (Enter alone never answers).
    pub cursor: Option<u8>,
    /// Set when correcting an existing entry.
    pub amend: Option<i64>,
    /// The record being corrected, to tell a real change from none.
    pub original: Option<Record>,
    pub notice: Option<String>,
    /// Esc was pressed once with answers given: a second one leaves.
    pub confirm_cancel: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Answer(u8),
    Move(i32),
    Confirm,
    Previous,
    /// A digit past 3.
    Beyond,
    Cancel,
}

impl State {
    /// A PHQ-9 check-in.
    pub fn new(day: NaiveDate, amend: Option<i64>) -> Self {
        Self::of(&PHQ9, day, amend)
    }

    /// A check-in of a questionnaire.
    pub fn of(questionnaire: &'static Questionnaire, day: NaiveDate, amend: Option<i64>) -> Self {
        Self {
            questionnaire,
            day,
            answers: vec![None; questionnaire.items.len()],
            difficulty: None,
            stage: Stage::Item(0),
            cursor: None,
            amend,
            original: None,
            notice: None,
            confirm_cancel: false,
        }
    }

    /// Correcting a questionnaire record (`None` for a mood entry).
    pub fn amending(id: i64, day: NaiveDate, old: &Record) -> Option<Self> {
        let mut s = Self::of(old.description()?, day, Some(id));
        s.answers = old.answers()?.to_vec();
        s.difficulty = old.phq9().and_then(|p| p.difficulty());
        s.cursor = s.answers[0];
        s.original = Some(old.clone());
        Some(s)
    }

    fn last(&self) -> usize {
        self.answers.len() - 1
    }

    fn any_problem(&self) -> bool {
        self.answers.iter().flatten().any(|&a| a > 0)
    }

    /// Whether the unscored question is asked: it exists and an item is above 0.
    fn asks_unscored(&self) -> bool {
        self.questionnaire.unscored.is_some() && self.any_problem()
    }

    /// The check-in, once every item is answered.
    fn record(&self) -> Option<Record> {
        if self.answers.iter().any(Option::is_none) {
            return None;
        }
        let difficulty = if self.asks_unscored() { self.difficulty } else { None };
        Record::questionnaire(self.questionnaire, &self.answers, difficulty).ok()
    }

    fn enter(&mut self, stage: Stage) {
        self.stage = stage;
        self.cursor = match stage {
            Stage::Item(i) => self.answers[i],
            Stage::Difficulty => self.difficulty,
            Stage::Review => None,
        };
    }
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    s.notice = None;
    let cancelling = std::mem::take(&mut s.confirm_cancel);
    match (msg, s.stage) {
        (Msg::Cancel, _) if cancelling || s.answers.iter().all(Option::is_none) => Step::Back,
        (Msg::Cancel, _) => {
            s.confirm_cancel = true;
            s.notice = Some("Press Esc again to leave without saving your answers.".into());
            Step::Stay
        }
        (Msg::Beyond, _) => {
            s.notice = Some("Answers go from 0 (not at all) to 3 (nearly every day).".into());
            Step::Stay
        }
        (Msg::Move(by), Stage::Item(_) | Stage::Difficulty) => {
            s.cursor = Some(match s.cursor {
                Some(c) => keys::moved(usize::from(c), by, 4) as u8,
                None if by > 0 => 0,
                None => 3,
            });
            Step::Stay
        }
        (Msg::Confirm, Stage::Item(_) | Stage::Difficulty) => match s.cursor {
            Some(c) => update(s, Msg::Answer(c)),
            None => {
                s.notice = Some(
                    "Choose an answer first: a number from 0 to 3, or \u{2191}\u{2193} then Enter.".into(),
                );
                Step::Stay
            }
        },
        (Msg::Answer(a), Stage::Item(i)) => {
            s.answers[i] = Some(a);
            let safety = s.questionnaire.safety_item == Some(i) && a > 0;
            if safety && s.amend.is_none() && i == s.last() {
                // save now: the safety screen must not wait for the unscored question
                return match s.record() {
                    Some(record) => {
                        Step::Run(Effect::Write(Write::AddEntry(EntryData { day: s.day, record })))
                    }
                    None => Step::Stay,
                };
            }
            let next = if i < s.last() {
                Stage::Item(i + 1)
            } else if s.asks_unscored() {
                Stage::Difficulty
            } else {
                Stage::Review
            };
            s.enter(next);
            if safety {
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
            Some(record) if s.original.as_ref() == Some(&record) => {
                s.notice = Some("Nothing has changed: Backspace to change an answer, Esc to leave.".into());
                Step::Stay
            }
            Some(record) => {
                let data = EntryData { day: s.day, record };
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
            s.enter(Stage::Item(s.last()));
            Step::Stay
        }
        (Msg::Previous, Stage::Review) => {
            s.enter(if s.asks_unscored() { Stage::Difficulty } else { Stage::Item(s.last()) });
            Step::Stay
        }
        _ => Step::Stay,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, ctx: &Context) {
    let q = s.questionnaire;
    let heading = match s.amend {
        Some(id) => format!("Correcting {} entry {id} for {}", q.name, s.day),
        None if s.day < ctx.today => format!("{} for {} \u{b7} added later", q.name, s.day),
        None => format!("{} for {}", q.name, s.day),
    };
    let n = q.items.len();
    let steps = n + usize::from(q.unscored.is_some()) + 1;
    let (done, step_label) = match s.stage {
        Stage::Item(i) => (i, format!("Item {} of {n}", i + 1)),
        Stage::Difficulty => (n, format!("Item {} (not scored)", n + 1)),
        Stage::Review => (steps, "Review".into()),
    };
    // on a small terminal the answers matter most: no heading row, no stem, no spacing
    let compact = area.height < 16;
    let [head, gauge, body] = Layout::vertical([
        Constraint::Length(u16::from(!compact)),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    // the step is said once, on the progress bar (which a small terminal keeps)
    frame.render_widget(Line::styled(heading, Theme::heading()), head);
    frame.render_widget(
        Gauge::default().ratio(done as f64 / steps as f64).label(step_label).gauge_style(Theme::series()),
        gauge,
    );
    let stem = if compact { "" } else { q.stem };
    let mut lines = match (s.stage, q.unscored) {
        (Stage::Item(i), _) => question(
            stem,
            &format!("{}. {}", i + 1, q.items[i].text),
            &q.answers.map(|a| a.label),
            s.cursor,
            s.answers[i],
            compact,
        ),
        (Stage::Difficulty, Some(u)) => {
            question("", u.text, &u.answers.map(|a| a.label), s.cursor, s.difficulty, compact)
        }
        _ => review(s, body.width, body.height),
    };
    if let Some(n) = s.notice.as_ref().filter(|_| s.stage != Stage::Review) {
        lines.push(Line::default());
        lines.push(Line::styled(format!(" {n}"), Theme::error()));
    }
    if let Some(c) = q.copyright.filter(|_| !compact && matches!(s.stage, Stage::Item(0) | Stage::Review)) {
        lines.push(Line::default());
        lines.push(Line::styled(c, Theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}

fn question(
    stem: &str,
    text: &str,
    options: &[&'static str; 4],
    cursor: Option<u8>,
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
        lines.push(if cursor == Some(i) { Line::styled(text, Theme::selected()) } else { Line::from(text) });
    }
    lines
}

/// Every answer, the total and the band. Each item is shown whole, wrapped
/// under its number, with its answer in a column beside it; when the rows
/// run short the spacing and the keys (the footer has them) give way. The
/// PHQ-9's screening flag is for the clinician (list, exports, review, the
/// brief), not shown here.
fn review(s: &State, width: u16, height: u16) -> Vec<Line<'static>> {
    let mut lines = review_lines(s, width);
    if lines.len() > usize::from(height) {
        lines.pop();
        lines.retain(|l| l.width() > 0);
    }
    lines
}

fn review_lines(s: &State, width: u16) -> Vec<Line<'static>> {
    let q = s.questionnaire;
    // " 1. " + item + "  " + "3 More than half the days"
    let answer_width = q.answers.iter().map(|a| a.label.chars().count()).max().unwrap_or(0) + 2;
    let item_width = usize::from(width).saturating_sub(4 + 2 + answer_width).max(20);
    let mut lines = vec![Line::default()];
    for (i, item) in q.items.iter().enumerate() {
        let a = s.answers[i].unwrap_or(0);
        let flagged = q.safety_item == Some(i) && a > 0;
        let style = if flagged { Theme::safety_text() } else { ratatui::style::Style::new() };
        let answer = format!("{a} {}", q.answers[a as usize].label);
        for line in hanging(&format!("{:>2}. ", i + 1), item.text, item_width, &answer) {
            lines.push(Line::styled(line, style));
        }
    }
    if let (Some(u), Some(d)) = (q.unscored, s.difficulty.filter(|_| s.asks_unscored())) {
        let number = format!("{:>2}. ", q.items.len() + 1);
        let text_width = usize::from(width).saturating_sub(4).max(20);
        let mut text = hanging(&number, u.text, text_width, "");
        let answer = format!("{d} {}", u.answers[d as usize].label);
        // the answer after the question's last words when it fits there
        match text.last_mut() {
            Some(last) if last.chars().count() + 2 + answer.chars().count() <= usize::from(width) => {
                last.push_str(&format!("  {answer}"));
            }
            _ => text.push(format!("    {answer}")),
        }
        lines.extend(text.into_iter().map(Line::from));
    }
    lines.push(Line::default());
    if let Some(total) = s.record().and_then(|r| r.total()) {
        let band = q.band(total);
        let style = match s.record() {
            Some(Record::Phq9(p)) => Theme::band(p.severity().unwrap_or(crate::instrument::Severity::None)),
            _ => Theme::heading(),
        };
        lines.push(Line::from(vec![
            Span::raw(" Total "),
            Span::styled(format!("{total} ({})", band.label), style),
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
