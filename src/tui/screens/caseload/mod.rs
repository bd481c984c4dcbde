//! The therapist's caseload, in two tabs. Participants: one row per
//! participant with the course of response, sortable by any column, worst
//! first; Enter opens that participant's read-only dashboard. Cohort: the
//! timepoint table and the durability of response across everyone. Files
//! that did not open, exports set aside and partial exports are listed with
//! why.

pub mod cohort;

use crate::review::Caseload;
pub use crate::review::columns;
use crate::tui::context::Context;
use crate::tui::keys::{self, Binding, Pat, always, bind};
use crate::tui::msg::{Act, Action, Go, Step};
use crate::tui::theme::Theme;
use columns::{Column, Text, Tone};
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

fn on_participants(s: &State, _: &Context) -> bool {
    s.tab == Tab::Participants
}

pub const KEYS: &[Binding<State, Msg>] = &[
    bind(
        &[Pat::Key(KeyCode::Tab), Pat::Key(KeyCode::BackTab)],
        "Tab",
        "participants / cohort (responders by week, how long responses last)",
        Some("other tab"),
        always,
        |_, _, _| Act::Screen(Msg::Tab),
    ),
    bind(
        keys::MOVE_KEYS,
        "\u{2191}\u{2193}/jk",
        "choose a participant",
        Some("choose"),
        on_participants,
        |_, _, key| Act::Screen(Msg::Move(keys::vertical(key))),
    ),
    bind(
        &[Pat::Key(KeyCode::Enter)],
        "Enter",
        "open the participant's read-only dashboard",
        Some("open"),
        on_participants,
        |_, _, _| Act::Screen(Msg::Open),
    ),
    bind(
        &[Pat::Key(KeyCode::Left), Pat::Char('h'), Pat::Key(KeyCode::Right), Pat::Char('l')],
        "\u{2190}\u{2192}/hl",
        "sort by another column (worst first)",
        Some("sort"),
        on_participants,
        |_, _, key| {
            Act::Screen(Msg::Sort(if matches!(key.code, KeyCode::Left | KeyCode::Char('h')) {
                -1
            } else {
                1
            }))
        },
    ),
    bind(
        &[Pat::Char('r')],
        "r",
        "reverse the order (best first)",
        Some("reverse"),
        on_participants,
        |_, _, _| Act::Screen(Msg::Reverse),
    ),
    keys::help(),
    bind(&[Pat::Char('q'), Pat::Key(KeyCode::Esc)], "q/Esc", "quit", Some("quit"), always, |_, _, _| {
        Act::App(Action::Back)
    }),
];

/// The caseload's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Participants,
    Cohort,
}

#[derive(Debug, Clone)]
pub struct State {
    pub caseload: Caseload,
    pub tab: Tab,
    pub sort: Column,
    /// Worst first (the default), or reversed.
    pub worst_first: bool,
    pub selected: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Tab,
    Move(i32),
    Sort(i32),
    Reverse,
    Open,
}

impl State {
    pub fn new(caseload: Caseload) -> Self {
        // the people to call first: item-9 days, then rising from best
        Self { caseload, tab: Tab::Participants, sort: columns::DEFAULT_SORT, worst_first: true, selected: 0 }
    }

    /// Row indexes in display order.
    pub fn order(&self) -> Vec<usize> {
        columns::order(&self.caseload.rows, self.sort, self.worst_first)
    }
}

/// A cell as drawn: the text in its tone's style.
fn cell(Text { text, tone }: Text) -> Cell<'static> {
    let style = match tone {
        Tone::Plain => Style::new(),
        Tone::Dim => Theme::dim(),
        Tone::Warning => Theme::warning(),
        Tone::Worsening => Theme::worsening(),
        Tone::Improving => Theme::improving(),
        Tone::Safety => Theme::safety(),
        Tone::Band(severity) => Theme::band(severity),
    };
    Cell::from(Span::styled(text, style))
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    match msg {
        Msg::Tab => {
            s.tab = match s.tab {
                Tab::Participants => Tab::Cohort,
                Tab::Cohort => Tab::Participants,
            }
        }
        Msg::Move(by) => s.selected = keys::moved(s.selected, by, s.caseload.rows.len()),
        Msg::Sort(by) => {
            let i = columns::ALL.iter().position(|c| *c == s.sort).unwrap_or(0) as i32;
            s.sort = columns::ALL[(i + by).rem_euclid(columns::ALL.len() as i32) as usize];
        }
        Msg::Reverse => s.worst_first = !s.worst_first,
        Msg::Open => {
            if let Some(&row) = s.order().get(s.selected) {
                return Step::Go(Go::Case(row));
            }
        }
    }
    Step::Stay
}

/// What the columns mean, for the help screen.
pub fn about() -> Vec<(&'static str, &'static str)> {
    columns::ALL.iter().map(|c| (c.spec().header, c.spec().meaning)).collect()
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, _: &Context) {
    match s.tab {
        Tab::Participants => participants(frame, area, s),
        Tab::Cohort => cohort::draw(frame, area, &s.caseload),
    }
}

fn participants(frame: &mut Frame, area: Rect, s: &State) {
    let notes = Paragraph::new(notes(&s.caseload)).wrap(Wrap { trim: false });
    let rows = (notes.line_count(area.width) as u16).min(area.height.saturating_sub(6));
    let [table_area, notes_area] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(rows)]).areas(area);
    let wide = table_area.width >= 120;
    // the sorted column stays in view, in place of the last one that may
    // go: the participant's code and the safety column never do
    let mut shown = columns::fitting(table_area.width.saturating_sub(2), wide);
    if !shown.contains(&s.sort) {
        if let Some(i) = shown.iter().rposition(|c| !columns::ALWAYS.contains(c)) {
            shown.remove(i);
        }
        shown.push(s.sort);
        shown.sort_by_key(|c| columns::ALL.iter().position(|x| x == c));
    }
    let arrow = if s.worst_first { "\u{25bc}" } else { "\u{25b2}" };
    let header = Row::new(shown.iter().map(|c| {
        let name = c.spec().header;
        Cell::from(if *c == s.sort { format!("{name}{arrow}") } else { name.to_string() })
    }))
    .style(Theme::heading());
    let order = s.order();
    // the Outcome column takes what the others leave (one space between columns)
    let others: u16 = shown.iter().filter(|c| **c != Column::Outcome).map(|c| c.width(wide) + 1).sum();
    let outcome_room = table_area.width.saturating_sub(2 + others);
    let rows: Vec<Row> = order
        .iter()
        .map(|&i| Row::new(shown.iter().map(|c| cell(c.text(&s.caseload.rows[i], wide, outcome_room)))))
        .collect();
    let widths: Vec<Constraint> = shown
        .iter()
        .map(|c| {
            if *c == Column::Outcome {
                Constraint::Min(c.width(wide))
            } else {
                Constraint::Length(c.width(wide))
            }
        })
        .collect();
    let files =
        s.caseload.rows.iter().map(|r| 1 + r.set_aside.len()).sum::<usize>() + s.caseload.failed.len();
    let direction = if s.worst_first { "worst first" } else { "best first" };
    let title = format!(
        " Participants \u{b7} {} from {} \u{b7} by {} {direction} \u{b7} Tab: cohort ",
        s.caseload.rows.len(),
        crate::text::count(files, "file", "files"),
        s.sort.spec().header,
    );
    let table = Table::new(rows, widths)
        .header(header)
        .block(Block::bordered().title(title))
        .row_highlight_style(Theme::selected());
    let mut state = TableState::default().with_selected(Some(s.selected.min(order.len().saturating_sub(1))));
    frame.render_stateful_widget(table, table_area, &mut state);
    frame.render_widget(notes, notes_area);
}

/// Under the table: files that did not open (first: they are the ones to
/// act on), what the marks mean, exports set aside.
fn notes(c: &Caseload) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if !c.failed.is_empty() {
        let files = crate::text::count(c.failed.len(), "file", "files");
        lines.push(Line::styled(format!("{files} could not be opened:"), Theme::error()));
        for f in &c.failed {
            let name = f
                .path
                .file_name()
                .map_or_else(|| f.path.display().to_string(), |n| n.to_string_lossy().into_owned());
            lines.push(Line::from(format!(
                "  {}: {}",
                crate::text::quote(&name),
                crate::text::terminal(&f.reason)
            )));
        }
    }
    lines.extend([
        Line::styled(crate::outcome::BASELINE_LEGEND, Theme::dim()),
        Line::styled(
            format!(
                "Marked: adherence under {}%, {}+ days without an entry \u{b7} ? lists every column",
                crate::review::LOW_ADHERENCE_PERCENT,
                crate::review::QUIET_DAYS
            ),
            Theme::dim(),
        ),
    ]);
    for r in c.rows.iter().filter(|r| !r.set_aside.is_empty()) {
        let which = if r.partial() { "partial" } else { "full" };
        let aside: Vec<String> = r
            .set_aside
            .iter()
            .map(|a| {
                let what = match a.reason {
                    crate::review::AsideReason::Copy => " (a copy)",
                    _ if a.partial => " (partial)",
                    _ => "",
                };
                format!("{}{what}", a.exported)
            })
            .collect();
        lines.push(Line::styled(
            format!(
                "* {}: the {which} export of {} is used; set aside: {}",
                r.participant,
                r.export_date(),
                aside.join(", ")
            ),
            Theme::dim(),
        ));
    }
    lines
}
