//! The caseload's columns: for each, its header, width, what it means (the
//! help lists these), its cell, and which of two rows is the more worrying
//! (so "worst first" is the same direction in every column).

use crate::outcome::Label;
use crate::review::{CaseRow, Status};
use crate::tui::theme::Theme;
use crate::window::Phase;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Cell;
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Code,
    Day,
    Latest,
    Baseline,
    Change,
    Best,
    First,
    Response,
    Duration,
    Rising,
    Outcome,
    Gad7,
    Mood,
    Adherence,
    Item9,
    Since,
    Exported,
}

/// The columns in the order they are shown.
pub const ALL: [Column; 17] = [
    Column::Code,
    Column::Day,
    Column::Latest,
    Column::Baseline,
    Column::Change,
    Column::Best,
    Column::First,
    Column::Response,
    Column::Duration,
    Column::Rising,
    Column::Outcome,
    Column::Gad7,
    Column::Mood,
    Column::Adherence,
    Column::Item9,
    Column::Since,
    Column::Exported,
];

/// What a column is.
pub struct Spec {
    pub header: &'static str,
    pub width: u16,
    /// When the table is narrow, columns are kept in this order (0 first).
    pub keep: u8,
    pub meaning: &'static str,
}

impl Column {
    pub fn spec(self) -> Spec {
        let (header, width, keep, meaning) = match self {
            Column::Code => ("Code", 8, 0, "the participant's code"),
            Column::Day => ("Day", 4, 4, "day of the window on the export's date"),
            Column::Latest => ("PHQ-9", 11, 5, "the latest PHQ-9 and its band"),
            Column::Baseline => (
                "Base",
                7,
                12,
                "the baseline: mean of days -14 to -1 with how many (b, d0, p: its fallbacks)",
            ),
            Column::Change => {
                ("Chg", 5, 6, "change of the latest scored week's mean PHQ-9 from the baseline")
            }
            Column::Best => ("Best", 8, 10, "the best week: its mean PHQ-9 and its week"),
            Column::First => ("1st", 3, 11, "the first response week"),
            Column::Response => (
                "Response",
                15,
                1,
                "responding since week N, lost in week N, lost wN, wM\u{2192} (responding again since week M), none, n/a (baseline < 10), ? (no weeks), partial",
            ),
            Column::Duration => {
                ("Dur", 4, 7, "weeks of the first response, to its loss (+: never lost, still going)")
            }
            Column::Rising => (
                "Rise",
                4,
                3,
                "rising from best: the latest week 5 or more above the best, something to talk about",
            ),
            Column::Outcome => {
                ("Outcome", 12, 13, "the most telling outcome label, of the latest scored week's mean")
            }
            Column::Gad7 => (
                "GAD-7",
                11,
                16,
                "the latest GAD-7 and its band, and the change from its baseline (when used)",
            ),
            Column::Mood => ("Mood7", 5, 14, "mood, mean of the last 7 days with an entry"),
            Column::Adherence => ("Adh", 4, 8, "share of days with a mood entry (marked below 70%)"),
            Column::Item9 => ("Item 9", 8, 2, "days PHQ-9 item 9 was answered above 0, and the latest"),
            Column::Since => (
                "Last",
                4,
                9,
                "days since the last entry, as of the export (marked from 3; \u{2013} for a partial export)",
            ),
            Column::Exported => ("Export", 6, 15, "the export's date (* another export set aside)"),
        };
        Spec { header, width, keep, meaning }
    }

    /// The column's width; the export date is written whole when there is room.
    pub fn width(self, wide: bool) -> u16 {
        match self {
            Column::Exported if wide => 11,
            c => c.spec().width,
        }
    }

    /// A row's cell; `outcome_room` is how wide the Outcome column is drawn
    /// (it takes the room the others leave), so a label is whole or short,
    /// never cut.
    pub fn cell(self, r: &CaseRow, wide: bool, outcome_room: u16) -> Cell<'static> {
        let o = &r.overview;
        let dash = || Cell::from(Span::styled("-", Theme::dim()));
        let marked = |text: String, on: bool| {
            Cell::from(Span::styled(text, if on { Theme::warning() } else { Style::new() }))
        };
        match self {
            Column::Code => Cell::from(r.participant.clone()),
            Column::Day => Cell::from(match o.phase {
                Phase::Baseline { days_to_dosing } => format!("-{days_to_dosing}"),
                Phase::Active { day } => day.to_string(),
                Phase::Complete { .. } => "done".into(),
            }),
            Column::Latest => o.latest_phq9.map_or_else(dash, |l| {
                Cell::from(Span::styled(
                    format!("{:>2} {}", l.score.total, band_short(l.severity)),
                    Theme::band(l.severity),
                ))
            }),
            Column::Baseline => o.outcome.as_ref().map_or_else(dash, |x| Cell::from(x.baseline.short())),
            Column::Change => r.change().map_or_else(dash, |c| Cell::from(crate::outcome::signed(c))),
            Column::Best => r
                .course()
                .and_then(|c| c.best)
                .map_or_else(dash, |(k, v)| Cell::from(format!("{} w{k}", crate::outcome::score(v)))),
            Column::First => r
                .course()
                .and_then(|c| c.first_response_week)
                .map_or_else(dash, |k| Cell::from(format!("w{k}"))),
            Column::Response => {
                if r.partial() {
                    return Cell::from(Span::styled("partial", Theme::dim()));
                }
                let status = r.status();
                let style = match status {
                    Status::Lost(_) => Theme::worsening(),
                    Status::Responding(_) => Theme::improving(),
                    _ => Style::new(),
                };
                Cell::from(Span::styled(status.short(), style))
            }
            Column::Duration => r
                .course()
                .and_then(|c| Some((c.response_weeks?, c.response_ongoing?)))
                .map_or_else(dash, |(n, ongoing)| {
                    Cell::from(if ongoing { format!("{n}+") } else { n.to_string() })
                }),
            Column::Rising => r.rise().map_or_else(dash, |up| {
                Cell::from(Span::styled(format!("\u{2191}{up:.0}"), Theme::warning()))
            }),
            Column::Outcome => r.label.map_or_else(dash, |l| {
                let mcid =
                    matches!(l, Label::ClinicallyImportantImprovement | Label::ClinicallyImportantWorsening);
                let whole = !mcid && l.label().len() <= usize::from(outcome_room);
                let text = if whole { l.label() } else { l.short() };
                Cell::from(Span::styled(
                    text,
                    if l.is_worsening() { Theme::worsening() } else { Theme::improving() },
                ))
            }),
            Column::Gad7 => o.latest_gad7.map_or_else(dash, |(_, _, total)| {
                let band = crate::instrument::GAD7.band(total).label;
                let change = o.gad7_baseline.as_ref().map_or(String::new(), |b| {
                    format!(" {}", crate::outcome::signed(f64::from(total) - b.value))
                });
                Cell::from(format!("{total:>2} {band}{change}"))
            }),
            Column::Mood => o.mood_mean.map_or_else(dash, |(_, m)| Cell::from(format!("{m:.1}"))),
            Column::Adherence => {
                o.adherence.mood.map_or_else(dash, |m| marked(format!("{}%", m.percent()), r.low_adherence()))
            }
            Column::Item9 => match o.safety.first() {
                None => dash(),
                Some(latest) => Cell::from(Span::styled(
                    format!("!{} {}", o.safety.len(), latest.date.format("%m-%d")),
                    Theme::safety(),
                )),
            },
            Column::Since => {
                r.days_since_last_entry().map_or_else(dash, |d| marked(format!("{d}d"), r.quiet()))
            }
            Column::Exported => {
                let date = if wide {
                    r.export_date().to_string()
                } else {
                    r.export_date().format("%m-%d").to_string()
                };
                Cell::from(if r.set_aside.is_empty() { date } else { format!("{date}*") })
            }
        }
    }

    /// `Greater` when `a` is the more worrying of the two in this column; a
    /// missing value is the least.
    pub fn worse(self, a: &CaseRow, b: &CaseRow) -> Ordering {
        let (x, y) = (&a.overview, &b.overview);
        match self {
            Column::Code => b.participant.cmp(&a.participant),
            Column::Day => day(a).cmp(&day(b)),
            Column::Latest => some_first(latest(a), latest(b)),
            Column::Baseline => some_first(
                x.outcome.as_ref().map(|o| o.baseline.value),
                y.outcome.as_ref().map(|o| o.baseline.value),
            ),
            Column::Change => some_first(a.change(), b.change()),
            Column::Best => some_first(best(a), best(b)),
            Column::First => some_first(first(a), first(b)),
            Column::Response => rank(a).cmp(&rank(b)),
            Column::Duration => some_first(duration(b), duration(a)).reverse().then(rank(a).cmp(&rank(b))),
            Column::Rising => some_first(a.rise(), b.rise()).then_with(|| some_first(latest(a), latest(b))),
            Column::Outcome => label_rank(a).cmp(&label_rank(b)),
            Column::Gad7 => some_first(x.latest_gad7.map(|g| g.2), y.latest_gad7.map(|g| g.2)),
            Column::Mood => some_first(x.mood_mean.map(|m| -m.1), y.mood_mean.map(|m| -m.1)),
            Column::Adherence => some_first(
                x.adherence.mood.map(|m| -f64::from(m.done) / f64::from(m.expected.max(1))),
                y.adherence.mood.map(|m| -f64::from(m.done) / f64::from(m.expected.max(1))),
            ),
            // flagged first, the latest flag first; then rising from best, so
            // the people to call first are at the top
            Column::Item9 => some_first(x.safety.first().map(|f| f.date), y.safety.first().map(|f| f.date))
                .then(x.safety.len().cmp(&y.safety.len()))
                .then_with(|| Column::Rising.worse(a, b)),
            Column::Since => some_first(a.days_since_last_entry(), b.days_since_last_entry()),
            Column::Exported => b.export_date().cmp(&a.export_date()),
        }
    }
}

/// The columns shown at any width: who, and whether item 9 was answered.
pub const ALWAYS: [Column; 2] = [Column::Code, Column::Item9];

/// The columns that fit `width`, kept in the order of `keep`, shown in the
/// order of [`ALL`]; [`ALWAYS`] whatever the width.
pub fn fitting(width: u16, wide: bool) -> Vec<Column> {
    let mut by_keep = ALL;
    by_keep.sort_by_key(|c| c.spec().keep);
    let mut used = 0u16;
    let mut chosen = Vec::new();
    for c in by_keep {
        let need = c.width(wide) + 1;
        if used + need <= width || ALWAYS.contains(&c) {
            used += need;
            chosen.push(c);
        }
    }
    ALL.into_iter().filter(|c| chosen.contains(c)).collect()
}

/// Any value above none; values compared as they are.
fn some_first<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Ordering {
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

fn best(r: &CaseRow) -> Option<f64> {
    r.course()?.best.map(|b| b.1)
}

fn first(r: &CaseRow) -> Option<u32> {
    r.course()?.first_response_week
}

fn duration(r: &CaseRow) -> Option<u32> {
    r.course()?.response_weeks
}

/// Lost is the most worrying, then no response, then a response regained
/// after a loss, then a response never lost (the more recent its start, the
/// more fragile), then what cannot be judged.
fn rank(r: &CaseRow) -> (u8, u32) {
    if r.partial() {
        return (0, 0);
    }
    match r.status() {
        Status::Lost(k) => (6, k),
        Status::None => (5, 0),
        Status::Again { since, .. } => (4, since),
        Status::Responding(k) => (3, k),
        Status::Unknown => (2, 0),
        Status::NotApplicable => (1, 0),
    }
}

fn label_rank(r: &CaseRow) -> u8 {
    match r.label {
        Some(l) if l.is_worsening() => 2,
        None => 1,
        Some(_) => 0,
    }
}

/// A band in at most 8 characters (with the score, 11).
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
