//! The home screen: where the participant is in the window, what is due,
//! adherence, the latest PHQ-9 against baseline with its outcome labels,
//! safety flags, and sparklines for every measure with event markers.

use crate::outcome::BaselineKind;
use crate::overview::{Measure, Overview};
use crate::tui::context::Context;
use crate::tui::format::capitalized;
use crate::tui::format::{course_line, late_word};
use crate::tui::keys::{self, Binding, Pat, always, bind, writable};
use crate::tui::msg::{Act, Action, Go, Page};
use crate::tui::theme::Theme;
use crate::tui::widgets::spark::{self, Buckets};
use crate::window::Phase;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Wrap};
use std::convert::Infallible;

/// The dashboard keeps no state of its own.
pub type State = ();

fn readonly(_: &State, ctx: &Context) -> bool {
    ctx.readonly()
}

pub const KEYS: &[Binding<State, Infallible>] = &[
    keys::support(),
    bind(&[Pat::Char('c')], "c", "PHQ-9 check-in for today", Some("PHQ-9"), writable, |_, ctx, _| {
        Act::App(Action::Go(Go::Checkin(crate::record::Instrument::Phq9, ctx.today)))
    }),
    bind(
        &[Pat::Char('g')],
        "g",
        "GAD-7 check-in for today",
        Some("GAD-7"),
        keys::gad7_writable,
        |_, ctx, _| Act::App(Action::Go(Go::Checkin(crate::record::Instrument::Gad7, ctx.today))),
    ),
    bind(&[Pat::Char('m')], "m", "mood entry for today", Some("mood"), writable, |_, ctx, _| {
        Act::App(Action::Go(Go::Mood(ctx.today)))
    }),
    bind(&[Pat::Char('t')], "t", "trend charts", Some("trends"), always, |_, _, _| {
        Act::App(Action::Go(Go::Trends))
    }),
    bind(
        &[Pat::Char('h')],
        "h",
        "history: every day, its entries and their versions",
        Some("history"),
        always,
        |_, _, _| Act::App(Action::Go(Go::History)),
    ),
    keys::zoom_quiet(),
    bind(&[Pat::Char('w')], "w", "the course of response, week by week", Some("weeks"), always, |_, _, _| {
        Act::App(Action::Go(Go::Course))
    }),
    // the footer shows keys in this order while they fit: quit before share
    bind(
        &[Pat::Char('q'), Pat::Key(crossterm::event::KeyCode::Esc)],
        "q/Esc",
        "quit",
        Some("quit"),
        writable,
        |_, _, _| Act::App(Action::Back),
    ),
    bind(
        &[Pat::Char('q'), Pat::Key(crossterm::event::KeyCode::Esc)],
        "q/Esc",
        "back (or quit, for a single export)",
        Some("back"),
        readonly,
        |_, _, _| Act::App(Action::Back),
    ),
    bind(
        &[Pat::Char('r')],
        "r",
        "read the database again (it is also re-read every two seconds)",
        None,
        writable,
        |_, _, _| Act::App(Action::Refresh),
    ),
    bind(
        &[Pat::Char('s')],
        "s",
        "share with your therapist: an export sealed to their key",
        Some("share"),
        writable,
        |_, _, _| Act::App(Action::Go(Go::Export)),
    ),
    bind(&[Pat::Char('o')], "o", "what the outcome words mean", None, writable, |_, _, _| {
        Act::App(Action::Go(Go::Info(Page::Outcomes)))
    }),
    keys::help(),
];

/// The rows the sparklines need under the summary: the range, PHQ-9, mood,
/// anxiety, events.
const SPARKLINE_ROWS: u16 = 6;

pub fn draw(frame: &mut Frame, area: Rect, ctx: &Context) {
    let Some(data) = &ctx.data else { return };
    let o = &data.overview;
    let journal = &data.journal;
    let summary = summary_lines(ctx, o, area.width);
    // a line too long for the terminal goes on to the next, when that
    // leaves the sparklines their rows; on a very small one, every line
    // keeps one row
    let lines = summary.len() as u16;
    let wrapped = Paragraph::new(summary.clone()).wrap(Wrap { trim: false });
    let rows = wrapped.line_count(area.width) as u16;
    let (summary, rows) = if rows + 1 + SPARKLINE_ROWS <= area.height {
        (wrapped, rows)
    } else {
        (Paragraph::new(summary), lines)
    };
    let [top, charts] = Layout::vertical([Constraint::Length(rows + 1), Constraint::Min(0)]).areas(area);
    let [gauge_area, text_area] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(top);
    frame.render_widget(progress(o, journal.window().length_days), gauge_area);
    frame.render_widget(summary, text_area);
    draw_sparklines(frame, charts, ctx);
}

fn progress(o: &Overview, length: u32) -> Gauge<'static> {
    let ratio = match o.phase {
        Phase::Baseline { .. } => 0.0,
        Phase::Active { day } => day as f64 / f64::from(length),
        Phase::Complete { .. } => 1.0,
    };
    let label = capitalized(&o.phase.describe(length));
    Gauge::default().ratio(ratio.clamp(0.0, 1.0)).label(label).gauge_style(Theme::series())
}

fn summary_lines(ctx: &Context, o: &Overview, width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if ctx.readonly() {
        lines.extend(safety_banner(o));
        let last = o.last_entry.map_or("no entries".into(), |d| format!("last entry {d}"));
        lines.push(Line::from(vec![
            Span::raw("As exported on "),
            Span::styled(o.today.to_string(), Theme::heading()),
            Span::raw(format!(" \u{b7} {last}")),
        ]));
    } else {
        lines.extend(support_reminder(o, width));
        lines.push(today_line(o));
    }
    lines.extend(adherence_lines(ctx, o));
    let every = ctx.data.as_ref().map_or(1, |d| d.journal.window().phq9_every);
    match (&o.latest_phq9, &o.outcome) {
        (Some(l), Some(out)) => {
            let mut spans = vec![
                Span::raw("PHQ-9 "),
                Span::styled(format!("{} {}", l.score.total, l.severity), Theme::band(l.severity)),
                Span::raw(format!(" (day {})", l.day)),
            ];
            // a mean of one is the latest score again
            if let Some((n, mean)) = out.recent_mean.as_ref().filter(|(n, _)| *n > 1) {
                let what = match every {
                    1 => format!("{n}-day mean"),
                    7 => format!("{n}-week mean"),
                    _ => format!("mean of last {n} PHQ-9s"),
                };
                spans.push(Span::raw(format!(" \u{b7} {what} {mean:.1}")));
            }
            // a sign to read is for the reviewer; the participant reads which way
            if let Some((_, change)) = &out.latest {
                spans.push(Span::raw(if ctx.readonly() {
                    format!(" \u{b7} change {}", crate::outcome::signed(*change))
                } else {
                    format!(" \u{b7} {}", crate::outcome::plain_change(*change))
                }));
            }
            lines.push(Line::from(spans));
            // the clinical wording in a review, the participant's own words at home
            let baseline = if ctx.readonly() {
                format!("Baseline {}", out.baseline.describe())
            } else {
                out.baseline.plain()
            };
            lines.push(Line::styled(baseline, Theme::dim()));
            // with both questionnaires the outcome is the pair's, and says so
            // the labels and words are of the latest scored week, never one day
            match (&o.paired, &out.now) {
                (Some(p), _) => lines.push(paired_line(ctx, p, out.baseline.kind)),
                (None, Some(now)) => lines.push(if ctx.readonly() {
                    labels_line(now)
                } else {
                    plain_line(now.assessment.change, out.baseline.kind)
                }),
                _ => {}
            }
            lines.extend(o.course.as_ref().map(|c| course_line(c, width, ctx.readonly())));
        }
        (Some(l), None) => lines.push(Line::from(vec![
            Span::raw("PHQ-9 "),
            Span::styled(format!("{} {}", l.score.total, l.severity), Theme::band(l.severity)),
            Span::styled(
                format!(" (day {}) \u{b7} no baseline in this partial export: outcomes not computed", l.day),
                Theme::dim(),
            ),
        ])),
        _ => {
            lines.push(Line::styled("PHQ-9: no scores yet", Theme::dim()));
            lines.extend(o.course.as_ref().map(|c| course_line(c, width, ctx.readonly())));
        }
    }
    lines.extend(gad7_lines(o, ctx.readonly()));
    lines
}

/// The GAD-7 when it is used: latest and band, baseline and change, and the
/// outcome on the pair (NHS Talking Therapies), said to be on the pair.
fn gad7_lines(o: &Overview, readonly: bool) -> Vec<Line<'static>> {
    use crate::instrument::GAD7;
    if !o.uses_gad7 {
        return Vec::new();
    }
    let Some((_, day, total)) = o.latest_gad7 else {
        return vec![Line::styled("GAD-7: no scores yet", Theme::dim())];
    };
    let mut text = format!("GAD-7 {total} {} (day {day})", GAD7.band(total).label);
    if let Some(b) = &o.gad7_baseline {
        let change = f64::from(total) - b.value;
        if readonly {
            text += &format!(" \u{b7} baseline {}", b.describe_of("GAD-7"));
            text += &format!(" \u{b7} change {}", crate::outcome::signed(change));
        } else {
            let value = crate::outcome::score(b.value);
            text +=
                &format!(" \u{b7} starting score {value} \u{b7} {}", crate::outcome::plain_change(change));
        }
    }
    vec![Line::from(text)]
}

/// The outcome on the pair (PHQ-9 with GAD-7, NHS Talking Therapies): the
/// labels for a reviewer, plain words for the participant; either way it
/// says it is the pair's.
fn paired_line(ctx: &Context, p: &crate::outcome::Paired, since: BaselineKind) -> Line<'static> {
    let labels = p.labels();
    if ctx.readonly() {
        let said = if labels.is_empty() { "no reliable change".to_string() } else { labels.join(" \u{b7} ") };
        return Line::from(format!("Outcome on the pair (PHQ-9 with GAD-7): {said}"));
    }
    let words = p.plain_words(since);
    Line::from(vec![
        Span::raw(format!("Depression and anxiety together: {words}")),
        Span::styled("  (o: what this means)", Theme::dim()),
    ])
}

/// A reviewer sees every flagged day first, in the warning colours.
fn safety_banner(o: &Overview) -> Vec<Line<'static>> {
    const SHOWN: usize = 3;
    let rest = o.safety.len().saturating_sub(SHOWN);
    o.safety
        .iter()
        .take(SHOWN)
        .enumerate()
        .map(|(i, day)| {
            let more = if i + 1 == SHOWN && rest > 0 {
                format!(" (+{rest} more: see History)")
            } else {
                String::new()
            };
            let mut changed =
                if day.since_changed { ", since corrected or retracted: the flag stays" } else { "" }
                    .to_string();
            if let Some(from) = day.provenance() {
                changed.push_str(&format!(" ({from})"));
            }
            Line::from(vec![
                Span::styled(" ! SAFETY ", Theme::safety()),
                Span::styled(
                    format!(
                        " item 9 answered {} on {} (day {}){changed}{more}",
                        day.item9, day.date, day.day
                    ),
                    Theme::safety_text(),
                ),
            ])
        })
        .collect()
}

/// How many days after an item-9 answer the participant's dashboard offers
/// support on a line of its own; the day stays marked in History and on the
/// charts for good.
const SUPPORT_DAYS: i64 = 7;

/// The participant sees a calm line for a week after an item-9 answer, not
/// a permanent red banner on their own dashboard; on a narrow terminal it
/// takes two lines rather than lose the key.
fn support_reminder(o: &Overview, width: u16) -> Vec<Line<'static>> {
    let Some(recent) = o.safety.first().filter(|f| (o.today - f.date).num_days() < SUPPORT_DAYS) else {
        return Vec::new();
    };
    // what they answered, in the item's words: nobody was told of it
    let told = crate::journal::item9_answered(&recent.date.format("%-d %b").to_string());
    let support = "Support is one key away: ";
    let key = Span::styled("!", Theme::key());
    if told.chars().count() + 1 + support.len() < usize::from(width) {
        let text = format!("{told} {support}");
        return vec![Line::from(vec![Span::styled(text, Theme::warning()), key])];
    }
    vec![Line::styled(told, Theme::warning()), Line::from(vec![Span::styled(support, Theme::warning()), key])]
}

fn today_line(o: &Overview) -> Line<'static> {
    let due = |is_due: bool, what: &str| {
        if is_due {
            Span::styled(format!("{what} due  "), Theme::due())
        } else {
            Span::styled(format!("{what} \u{2713}  "), Theme::ok())
        }
    };
    let mut spans = vec![Span::raw("Today: ")];
    if matches!(o.phase, Phase::Complete { .. }) {
        spans.push(Span::raw("follow-up complete, nothing due  "));
    } else {
        spans.push(due(o.due.mood, "mood"));
        spans.push(due(o.due.phq9, "PHQ-9"));
        if o.uses_gad7 {
            spans.push(due(o.due.gad7, "GAD-7"));
        }
    }
    // a streak of none says nothing worth reading, least of all on a hard day
    if o.streak > 0 {
        spans.push(Span::raw(format!("streak {} d", o.streak)));
    }
    Line::from(spans)
}

/// The participant's own adherence counts from set-up (or the start of the
/// baseline period); a reviewer sees the window's from day 0 and, when set-up
/// came later, the participant's own too.
fn adherence_lines(ctx: &Context, o: &Overview) -> Vec<Line<'static>> {
    let late = match o.late_entries {
        0 => String::new(),
        n => format!(" \u{b7} {n} {}", late_word(ctx.readonly())),
    };
    if ctx.partial() {
        return vec![Line::from(format!("Adherence: not computed from a partial export{late}"))];
    }
    let since = o.own_adherence_from;
    let day = ctx.data.as_ref().map_or(0, |d| d.journal.window().day_of(since));
    if !ctx.readonly() {
        // how many were added later is the clinician's data-quality measure
        let text = match o.own_adherence.describe() {
            Some(r) => format!("Check-ins since {since}: {r}"),
            None => format!("Check-ins count from {since}"),
        };
        return vec![Line::from(text)];
    }
    let mut lines = vec![Line::from(match o.adherence.describe() {
        Some(r) => format!("Adherence from day 0: {r}{late}"),
        None => format!("Adherence: counted from day 0{late}"),
    })];
    if day > 0
        && let Some(r) = o.own_adherence.describe()
    {
        lines.push(Line::styled(format!("  since set-up on day {day}: {r}"), Theme::dim()));
    }
    lines
}

/// The outcome in plain words for the participant; `o` shows what they mean.
fn plain_line(change: f64, since: BaselineKind) -> Line<'static> {
    Line::from(vec![
        Span::styled(capitalized(&crate::outcome::plain_words(change, since)), Theme::heading()),
        Span::styled("  (o: what this means)", Theme::dim()),
    ])
}

fn labels_line(now: &crate::outcome::Now) -> Line<'static> {
    let labels = crate::outcome::headline(&now.assessment.labels);
    let of = format!("Outcome, week {} (mean {:.1})", now.week, now.assessment.value);
    if labels.is_empty() {
        return Line::styled(format!("{of}: no change beyond 5 points from baseline"), Theme::dim());
    }
    let mut spans = vec![Span::raw(format!("{of}: "))];
    for (i, l) in labels.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" \u{b7} "));
        }
        let style = if l.is_worsening() { Theme::worsening() } else { Theme::improving() };
        spans.push(Span::styled(l.label().to_string(), style));
    }
    Line::from(spans)
}

const LABEL_WIDTH: u16 = 8;
const VALUE_WIDTH: u16 = 6;

fn draw_sparklines(frame: &mut Frame, area: Rect, ctx: &Context) {
    let Some(data) = &ctx.data else { return };
    if area.height < 3 {
        return;
    }
    let (from, to) = ctx.chart_range(&data.journal);
    let days = data.days(from, to);
    let markers = data.markers(from, to);
    let width = area.width.saturating_sub(LABEL_WIDTH + VALUE_WIDTH) as usize;
    let b = Buckets::fit(from, days.len(), width);
    let safety = spark::safety_columns(&days, &b);

    // rows: title, one block per measure, markers, and what the scales
    // mean when there is a row for it
    let used = Measure::used(data.journal.window());
    let measures = used.len() as u16;
    let legend = area.height >= measures + 4;
    let spare = area.height.saturating_sub(2 + u16::from(legend));
    let shown = measures.min(spare);
    // the rows share the height: taller sparklines on a tall terminal
    let each = (spare / shown.max(1)).clamp(1, 8);
    let mut constraints = vec![Constraint::Length(1)];
    constraints.extend((0..shown).map(|_| Constraint::Length(each)));
    constraints.push(Constraint::Length(1));
    if legend {
        constraints.push(Constraint::Length(1));
    }
    let rows = Layout::vertical(constraints).split(area);
    if legend {
        use crate::instrument::mood::{ANXIETY, ENERGY, MOOD};
        let mut text = format!(
            "10 is: mood {} \u{b7} anxiety {} \u{b7} energy {}",
            MOOD.high, ANXIETY.high, ENERGY.high
        );
        let phq9 = " \u{b7} PHQ-9 runs 0\u{2013}27, higher is harder";
        if text.chars().count() + phq9.chars().count() <= usize::from(area.width) {
            text += phq9;
        }
        frame.render_widget(Line::styled(text, Theme::dim()), rows[rows.len() - 1]);
    }

    let w = data.journal.window();
    // whole parts only, the gap mark's meaning first to go
    let mut title = format!("{} (day {} to {})", ctx.zoom.label(), w.day_of(from), w.day_of(to));
    let mut parts = vec![b.label(), format!("{} marks a day with no entry", spark::GAP)];
    if w.phq9_every > 1 {
        parts.push(format!("PHQ-9 every {} days: on the day taken", w.phq9_every));
    }
    for part in parts {
        if title.chars().count() + 3 + part.chars().count() <= usize::from(area.width) {
            title += &format!(" \u{b7} {part}");
        }
    }
    frame.render_widget(Line::styled(capitalized(&title), Theme::dim()), rows[0]);
    for (i, m) in used.iter().take(shown as usize).enumerate() {
        let row = rows[i + 1];
        let [label, chart, value] = Layout::horizontal([
            Constraint::Length(LABEL_WIDTH),
            Constraint::Length(b.columns() as u16),
            Constraint::Min(VALUE_WIDTH),
        ])
        .areas(row);
        let values = spark::column_values(&days, &b, *m);
        frame.render_widget(Line::from(m.label()), label);
        frame.render_widget(spark::sparkline(&values, m.max(), each, &safety), chart);
        // a questionnaire taken less often than daily: each score on its own
        // day, the other days of its period blank rather than missed
        let (lead, tail) = spark::periods_around(w, *m, from, to);
        let whole = data.days(lead, tail);
        let covered = spark::covered_by_period(&whole, w, *m);
        let skip = usize::try_from((from - lead).num_days()).unwrap_or(0);
        let covered = spark::covered_columns(&days, &covered[skip.min(covered.len())..], &b);
        spark::blank(frame.buffer_mut(), chart, &values, &covered);
        let last = days.iter().rev().find_map(|(_, v)| m.of(v));
        let text = last.map_or("  -".to_string(), |v| {
            if *m == Measure::Sleep { format!(" {v:.1}h") } else { format!(" {v:.0}") }
        });
        frame.render_widget(Line::styled(text, Theme::heading()), value);
    }
    let marker_row = rows[shown as usize + 1];
    let [label, chart] =
        Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Min(0)]).areas(marker_row);
    frame.render_widget(Line::from("Events"), label);
    // an item-9 day is marked with `!` as well as coloured, so it shows
    // without colour (NO_COLOR), as on the trend charts
    let row = spark::with_safety_marks(&spark::marker_row(&markers, &b), &safety, &b);
    let flag = if ctx.readonly() { Theme::safety_text() } else { Theme::warning() };
    let mut spans: Vec<Span> = Vec::new();
    for c in row.chars() {
        let style = if c == spark::ITEM9_MARK { flag } else { Theme::marker() };
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    // the legend whole, or the item-9 mark's meaning alone, or none
    let events = "  D dosing \u{b7} I integration \u{b7} M medication";
    let item9 = format!("  {} item 9", spark::ITEM9_MARK);
    let candidates = if row.contains(spark::ITEM9_MARK) {
        vec![format!("{item9} \u{b7}{}", &events[1..]), item9]
    } else {
        vec![events.to_string()]
    };
    let room = (chart.width as usize).saturating_sub(row.chars().count());
    let legend = candidates.into_iter().find(|l| l.chars().count() <= room).unwrap_or_default();
    spans.push(Span::styled(legend, Theme::dim()));
    frame.render_widget(Line::from(spans), chart);
}
