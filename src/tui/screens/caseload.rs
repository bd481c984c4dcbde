//! The therapist's caseload: one row per participant, sortable by column;
//! Enter opens that participant's read-only dashboard. Files that did not
//! open are listed with their reason.

use crate::outcome::Label;
use crate::review::{CaseRow, Caseload};
use crate::tui::context::Context;
use crate::tui::keys::{self, Binding, Pat, always, bind};
use crate::tui::msg::{Act, Action, Go, Step};
use crate::tui::theme::Theme;
use crate::window::Phase;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};
use std::cmp::Ordering;

pub const KEYS: &[Binding<State, Msg>] = &[
    bind(
        keys::MOVE_KEYS,
        "\u{2191}\u{2193}/jk",
        "choose a participant",
        Some("choose"),
        always,
        |_, _, key| Act::Screen(Msg::Move(keys::vertical(key))),
    ),
    bind(
        &[Pat::Key(KeyCode::Enter)],
        "Enter",
        "open the participant's read-only dashboard",
        Some("open"),
        always,
        |_, _, _| Act::Screen(Msg::Open),
    ),
    bind(
        &[Pat::Key(KeyCode::Left), Pat::Char('h'), Pat::Key(KeyCode::Right), Pat::Char('l')],
        "\u{2190}\u{2192}/hl",
        "sort by another column",
        Some("sort"),
        always,
        |_, _, key| {
            Act::Screen(Msg::Sort(if matches!(key.code, KeyCode::Left | KeyCode::Char('h')) {
                -1
            } else {
                1
            }))
        },
    ),
    bind(&[Pat::Char('r')], "r", "reverse the order", Some("reverse"), always, |_, _, _| {
        Act::Screen(Msg::Reverse)
    }),
    keys::help(),
    bind(&[Pat::Char('q'), Pat::Key(KeyCode::Esc)], "q/Esc", "quit", Some("quit"), always, |_, _, _| {
        Act::App(Action::Back)
    }),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Code,
    Day,
    Latest,
    Baseline,
    Change,
    Outcome,
    Mood,
    Adherence,
    Safety,
    Since,
    Exported,
}

/// Columns with their narrowest width; the outcome takes what is left.
pub const COLUMNS: [(Column, &str, u16); 11] = [
    (Column::Code, "Code", 9),
    (Column::Day, "Day", 4),
    (Column::Latest, "PHQ-9", 10),
    (Column::Baseline, "Base", 7),
    (Column::Change, "Chg", 5),
    (Column::Outcome, "Outcome", 14),
    (Column::Mood, "Mood7", 5),
    (Column::Adherence, "Adh", 4),
    (Column::Safety, "Safe", 4),
    (Column::Since, "Last", 4),
    (Column::Exported, "Export", 6),
];

#[derive(Debug, Clone)]
pub struct State {
    pub caseload: Caseload,
    pub sort: Column,
    pub descending: bool,
    pub selected: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Move(i32),
    Sort(i32),
    Reverse,
    Open,
}

impl State {
    pub fn new(caseload: Caseload) -> Self {
        // the most worrying first: safety flags, then the highest latest PHQ-9
        Self { caseload, sort: Column::Safety, descending: true, selected: 0 }
    }

    /// Row indexes in display order.
    pub fn order(&self) -> Vec<usize> {
        let rows = &self.caseload.rows;
        let mut idx: Vec<usize> = (0..rows.len()).collect();
        idx.sort_by(|&a, &b| {
            let o = compare(&rows[a], &rows[b], self.sort);
            let o = if self.descending { o.reverse() } else { o };
            o.then_with(|| rows[a].participant.cmp(&rows[b].participant))
        });
        idx
    }
}

fn opt_cmp<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Greater,
        (None, Some(_)) => Ordering::Less,
        (None, None) => Ordering::Equal,
    }
}

fn day(r: &CaseRow) -> i64 {
    match r.overview.phase {
        Phase::Baseline { days_to_dosing } => -days_to_dosing,
        Phase::Active { day } => day,
        Phase::Complete { days_after_end } => i64::from(r.window_days()) + days_after_end,
    }
}

fn latest(r: &CaseRow) -> Option<u8> {
    r.overview.latest_phq9.map(|l| l.score.total)
}

fn compare(a: &CaseRow, b: &CaseRow, by: Column) -> Ordering {
    let (x, y) = (&a.overview, &b.overview);
    match by {
        Column::Code => a.participant.cmp(&b.participant),
        Column::Day => day(a).cmp(&day(b)),
        Column::Latest => opt_cmp(latest(a), latest(b)),
        Column::Baseline => opt_cmp(
            x.outcome.as_ref().map(|o| o.baseline.value),
            y.outcome.as_ref().map(|o| o.baseline.value),
        ),
        Column::Change => opt_cmp(a.change(), b.change()),
        Column::Outcome => opt_cmp(a.label, b.label),
        Column::Mood => opt_cmp(x.mood_mean.map(|m| m.1), y.mood_mean.map(|m| m.1)),
        Column::Adherence => {
            opt_cmp(x.adherence.mood.map(|m| m.percent()), y.adherence.mood.map(|m| m.percent()))
        }
        Column::Safety => x.safety.len().cmp(&y.safety.len()).then_with(|| opt_cmp(latest(a), latest(b))),
        Column::Since => opt_cmp(x.days_since_last_entry(), y.days_since_last_entry()),
        Column::Exported => a.export_date().cmp(&b.export_date()),
    }
}

pub fn update(s: &mut State, msg: Msg) -> Step {
    match msg {
        Msg::Move(by) => s.selected = keys::moved(s.selected, by, s.caseload.rows.len()),
        Msg::Sort(by) => {
            let i = COLUMNS.iter().position(|c| c.0 == s.sort).unwrap_or(0) as i32;
            s.sort = COLUMNS[(i + by).rem_euclid(COLUMNS.len() as i32) as usize].0;
        }
        Msg::Reverse => s.descending = !s.descending,
        Msg::Open => {
            if let Some(&row) = s.order().get(s.selected) {
                return Step::Go(Go::Case(row));
            }
        }
    }
    Step::Stay
}

/// A band in at most 8 characters.
fn band_short(s: crate::instrument::Severity) -> &'static str {
    use crate::instrument::Severity::*;
    match s {
        None => "none",
        Mild => "mild",
        Moderate => "moderate",
        ModeratelySevere => "mod-sev",
        Severe => "severe",
    }
}

fn cells(r: &CaseRow, wide: bool) -> Vec<Cell<'static>> {
    let o = &r.overview;
    let day = match o.phase {
        Phase::Baseline { days_to_dosing } => format!("-{days_to_dosing}"),
        Phase::Active { day } => day.to_string(),
        Phase::Complete { .. } => "done".into(),
    };
    let latest = o.latest_phq9.map_or(Cell::from("-"), |l| {
        Cell::from(Span::styled(
            format!("{:>2} {}", l.score.total, band_short(l.severity)),
            Theme::band(l.severity),
        ))
    });
    let out = o.outcome.as_ref();
    let baseline = out.map_or("-".into(), |x| x.baseline.short());
    let change = r.change().map_or("-".into(), crate::outcome::signed);
    let label = r.label.map_or(Cell::from("-"), |l| {
        let mcid = matches!(l, Label::ClinicallyImportantImprovement | Label::ClinicallyImportantWorsening);
        let text = if wide && !mcid { l.label() } else { l.short() };
        Cell::from(Span::styled(text, if l.is_worsening() { Theme::worsening() } else { Theme::improving() }))
    });
    let mood = o.mood_mean.map_or("-".into(), |(_, m)| format!("{m:.1}"));
    let adherence = o.adherence.mood.map_or("-".into(), |m| format!("{}%", m.percent()));
    let safety = if o.safety.is_empty() {
        Cell::from("0")
    } else {
        Cell::from(Span::styled(format!("!{}", o.safety.len()), Theme::safety()))
    };
    let since = o.days_since_last_entry().map_or("-".into(), |d| format!("{d}d"));
    let date = if wide { r.export_date().to_string() } else { r.export_date().format("%m-%d").to_string() };
    let exported = if r.superseded > 0 { format!("{date}*") } else { date };
    vec![
        Cell::from(r.participant.clone()),
        Cell::from(day),
        latest,
        Cell::from(baseline),
        Cell::from(change),
        label,
        Cell::from(mood),
        Cell::from(adherence),
        safety,
        Cell::from(since),
        Cell::from(exported),
    ]
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, _: &Context) {
    let failed = &s.caseload.failed;
    let superseded = s.caseload.rows.iter().any(|r| r.superseded > 0);
    let notes = 1 + failed.len() as u16 + u16::from(superseded) + u16::from(!failed.is_empty());
    let [table_area, notes_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length((notes + 2).min(area.height / 2))])
            .areas(area);
    let header = Row::new(COLUMNS.iter().map(|(c, name, _)| {
        let arrow = if *c == s.sort { if s.descending { "\u{25bc}" } else { "\u{25b2}" } } else { "" };
        Cell::from(format!("{name}{arrow}"))
    }))
    .style(Theme::heading());
    let order = s.order();
    let wide = table_area.width >= 96;
    let rows: Vec<Row> = order.iter().map(|&i| Row::new(cells(&s.caseload.rows[i], wide))).collect();
    let widths: Vec<Constraint> = COLUMNS
        .iter()
        .map(|c| match c.0 {
            Column::Outcome => Constraint::Min(c.2),
            Column::Exported if wide => Constraint::Length(11),
            _ => Constraint::Length(c.2),
        })
        .collect();
    let title = format!(
        " Caseload \u{b7} {} participants \u{b7} {} files ",
        s.caseload.rows.len(),
        s.caseload.rows.iter().map(|r| 1 + r.superseded).sum::<usize>() + failed.len()
    );
    let table = Table::new(rows, widths)
        .header(header)
        .block(Block::bordered().title(title))
        .row_highlight_style(Theme::selected());
    let mut state = TableState::default().with_selected(Some(s.selected.min(order.len().saturating_sub(1))));
    frame.render_stateful_widget(table, table_area, &mut state);

    let mut lines: Vec<Line> = vec![Line::styled(crate::outcome::BASELINE_LEGEND, Theme::dim())];
    if superseded {
        lines.push(Line::styled(
            "* an older export of the same participant was set aside; the newest is shown",
            Theme::dim(),
        ));
    }
    if !failed.is_empty() {
        lines.push(Line::styled(format!("{} file(s) could not be opened:", failed.len()), Theme::error()));
        for f in failed {
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
    if lines.is_empty() {
        lines.push(Line::styled(
            "Last = days since the last entry, as of the export. Safety = item-9 days.",
            Theme::dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), notes_area);
}
