//! The caseload's columns, one model for the caseload screen and the
//! caseload brief: for each, its header, width, what it means (the help
//! and the brief's legend list these), its cell as text with a tone, and
//! which of two rows is the more worrying (so "worst first" is the same
//! direction in every column, and the default order is the same in both).

use super::{CaseRow, Status};
use crate::instrument::Severity;
use crate::outcome::Label;
use crate::window::Phase;
use std::cmp::Ordering;

/// How a cell is meant to stand out; a front end gives each its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    /// No value, or one that does not count.
    Dim,
    /// Something to look at: low adherence, a silence, rising from best.
    Warning,
    Worsening,
    Improving,
    /// An item-9 answer above 0.
    Safety,
    /// A score, in its band's colour.
    Band(Severity),
}

/// A cell: its text and its tone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub tone: Tone,
}

impl Text {
    fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), tone: Tone::Plain }
    }

    fn toned(text: impl Into<String>, tone: Tone) -> Self {
        Self { text: text.into(), tone }
    }
}

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
    /// never cut. `wide` writes dates whole.
    pub fn text(self, r: &CaseRow, wide: bool, outcome_room: u16) -> Text {
        let o = &r.overview;
        let dash = || Text::toned("-", Tone::Dim);
        let marked = |text: String, on: bool| Text::toned(text, if on { Tone::Warning } else { Tone::Plain });
        match self {
            Column::Code => Text::plain(r.participant.clone()),
            Column::Day => Text::plain(match o.phase {
                Phase::Baseline { days_to_dosing } => format!("-{days_to_dosing}"),
                Phase::Active { day } => day.to_string(),
                Phase::Complete { .. } => "done".into(),
            }),
            Column::Latest => o.latest_phq9.map_or_else(dash, |l| {
                Text::toned(
                    format!("{:>2} {}", l.score.total, band_short(l.severity)),
                    Tone::Band(l.severity),
                )
            }),
            Column::Baseline => o.outcome.as_ref().map_or_else(dash, |x| Text::plain(x.baseline.short())),
            Column::Change => r.change().map_or_else(dash, |c| Text::plain(crate::outcome::signed(c))),
            Column::Best => r
                .course()
                .and_then(|c| c.best)
                .map_or_else(dash, |(k, v)| Text::plain(format!("{} w{k}", crate::outcome::score(v)))),
            Column::First => r
                .course()
                .and_then(|c| c.first_response_week)
                .map_or_else(dash, |k| Text::plain(format!("w{k}"))),
            Column::Response => {
                if r.partial() {
                    return Text::toned("partial", Tone::Dim);
                }
                let status = r.status();
                let style = match status {
                    Status::Lost(_) => Tone::Worsening,
                    Status::Responding(_) => Tone::Improving,
                    _ => Tone::Plain,
                };
                Text::toned(status.short(), style)
            }
            Column::Duration => r
                .course()
                .and_then(|c| Some((c.response_weeks?, c.response_ongoing?)))
                .map_or_else(dash, |(n, ongoing)| {
                    Text::plain(if ongoing { format!("{n}+") } else { n.to_string() })
                }),
            Column::Rising => {
                r.rise().map_or_else(dash, |up| Text::toned(format!("\u{2191}{up:.0}"), Tone::Warning))
            }
            Column::Outcome => r.label.map_or_else(dash, |l| {
                let mcid =
                    matches!(l, Label::ClinicallyImportantImprovement | Label::ClinicallyImportantWorsening);
                let whole = !mcid && l.label().len() <= usize::from(outcome_room);
                let text = if whole { l.label() } else { l.short() };
                Text::toned(text, if l.is_worsening() { Tone::Worsening } else { Tone::Improving })
            }),
            Column::Gad7 => o.latest_gad7.map_or_else(dash, |(_, _, total)| {
                let band = crate::instrument::GAD7.band(total).label;
                let change = o.gad7_baseline.as_ref().map_or(String::new(), |b| {
                    format!(" {}", crate::outcome::signed(f64::from(total) - b.value))
                });
                Text::plain(format!("{total:>2} {band}{change}"))
            }),
            Column::Mood => o.mood_mean.map_or_else(dash, |(_, m)| Text::plain(format!("{m:.1}"))),
            Column::Adherence => {
                o.adherence.mood.map_or_else(dash, |m| marked(format!("{}%", m.percent()), r.low_adherence()))
            }
            Column::Item9 => match o.safety.first() {
                None => dash(),
                Some(latest) => Text::toned(
                    if wide {
                        format!("!{} {}", o.safety.len(), latest.date)
                    } else {
                        format!("!{} {}", o.safety.len(), latest.date.format("%m-%d"))
                    },
                    Tone::Safety,
                ),
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
                Text::plain(if r.set_aside.is_empty() { date } else { format!("{date}*") })
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
            // the people to call first at the top: flagged (the latest flag
            // first), then rising from best, a response lost, the longest silence,
            // the highest latest score
            Column::Item9 => some_first(x.safety.first().map(|f| f.date), y.safety.first().map(|f| f.date))
                .then(x.safety.len().cmp(&y.safety.len()))
                .then_with(|| some_first(a.rise(), b.rise()))
                .then_with(|| lost(a).cmp(&lost(b)))
                .then_with(|| some_first(a.days_since_last_entry(), b.days_since_last_entry()))
                .then_with(|| some_first(latest(a), latest(b))),
            Column::Since => some_first(a.days_since_last_entry(), b.days_since_last_entry()),
            Column::Exported => b.export_date().cmp(&a.export_date()),
        }
    }
}

/// The caseload's default order: the people to call first at the top.
pub const DEFAULT_SORT: Column = Column::Item9;

/// Row indexes in the order of `sort`, worst first or best first; ties by code.
pub fn order(rows: &[CaseRow], sort: Column, worst_first: bool) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..rows.len()).collect();
    idx.sort_by(|&a, &b| {
        let o = sort.worse(&rows[b], &rows[a]);
        let o = if worst_first { o } else { o.reverse() };
        o.then_with(|| rows[a].participant.cmp(&rows[b].participant))
    });
    idx
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

fn lost(r: &CaseRow) -> bool {
    !r.partial() && matches!(r.status(), Status::Lost(_))
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
