//! The brief as Markdown and as plain text, from one list of sections.

use super::{Brief, Source};
use crate::overview::Measure;
use crate::series::{self, Buckets};

/// The widest sparkline in a text report, in characters.
pub const SPARK_WIDTH: usize = 60;

/// A piece of a line: the brief's own words, or outside text (a note) that
/// each format makes safe in its own way before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    Ours(String),
    Theirs(String),
}

/// One line of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line(pub Vec<Piece>);

impl From<String> for Line {
    fn from(s: String) -> Self {
        Line(vec![Piece::Ours(s)])
    }
}

impl From<&str> for Line {
    fn from(s: &str) -> Self {
        Line(vec![Piece::Ours(s.to_string())])
    }
}

impl Line {
    /// Our words, then outside text.
    fn quoting(ours: String, theirs: &str) -> Self {
        Line(vec![Piece::Ours(ours), Piece::Theirs(theirs.to_string())])
    }

    /// The line for a destination: `theirs` makes outside text safe there.
    pub fn render(&self, theirs: impl Fn(&str) -> String) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Ours(s) => s.clone(),
                Piece::Theirs(s) => theirs(s),
            })
            .collect()
    }

    /// For plain text and terminals.
    pub fn plain(&self) -> String {
        self.render(|s| crate::text::terminal(s).into_owned())
    }

    /// For Markdown.
    pub fn markdown(&self) -> String {
        self.render(crate::text::markdown)
    }
}

pub(super) struct Section {
    pub title: String,
    pub lines: Vec<Line>,
    /// Preformatted (sparklines), kept in a code block in Markdown.
    pub pre: bool,
}

pub(super) fn sections(b: &Brief) -> Vec<Section> {
    let mut out = Vec::new();
    let o = &b.overview;
    if !b.safety.is_empty() {
        let lines = b
            .safety
            .iter()
            .map(|s| -> Line {
                let changed = if s.since_changed {
                    " (the entry was later corrected or retracted; the flag stays)"
                } else {
                    ""
                };
                format!("{} (day {}): item 9 answered {}{changed}", s.date, s.day, s.item9).into()
            })
            .collect();
        out.push(Section { title: "SAFETY: PHQ-9 item 9 above 0".into(), lines, pre: false });
    }

    let phase = o.phase.describe(b.window_days);
    let mut about: Vec<Line> = vec![
        format!("Participant: {}", b.participant).into(),
        format!("As of {}: {phase} (dosing session {})", b.as_of, b.dosing_date).into(),
    ];
    match &b.source {
        Source::Database => about.push("Source: the participant's own database".into()),
        Source::Export { created_at, notes_withheld, from, to } => {
            let range = match (from, to) {
                (None, None) => String::new(),
                (f, t) => format!(
                    ", days {} to {}",
                    f.map_or("start".into(), |d| d.to_string()),
                    t.map_or("end".into(), |d| d.to_string())
                ),
            };
            let notes = if *notes_withheld { ", notes withheld by the participant" } else { "" };
            about.push(
                format!("Source: export made {}{range}{notes}", created_at.format("%Y-%m-%d %H:%M %:z"))
                    .into(),
            );
        }
    }
    if let Some(f) = &b.focus {
        about.push(format!("Focus: {f}").into());
    }
    if let Source::Export { from, to, .. } = &b.source
        && (from.is_some() || to.is_some())
    {
        about.push(
            "Partial export: only the days in its range are shown; adherence (and, without the days up to day 0, the baseline and outcomes) cannot be computed from it".into(),
        );
    }
    out.push(Section { title: "Follow-up".into(), lines: about, pre: false });

    let mut phq: Vec<Line> = Vec::new();
    match (&o.latest_phq9, &o.outcome) {
        (Some(l), Some(out)) => {
            phq.push(format!("Baseline: {}", out.baseline.describe()).into());
            phq.push(format!("Latest: {} ({}) on day {}", l.score.total, l.severity, l.day).into());
            if let Some((n, mean)) = &out.recent_mean {
                phq.push(format!("Mean of the last {n} PHQ-9 scores: {:.1}", mean.value).into());
            }
            if let Some((_, a)) = &out.latest {
                phq.push(format!("Change from baseline: {:+}", a.change).into());
                if a.labels.is_empty() {
                    phq.push("Outcome: no change of 5 points or more".into());
                }
                for label in &a.labels {
                    phq.push(format!("Outcome: {}: {}", label.label(), label.definition()).into());
                }
            }
            if let Some((start, end)) = b.focus_change {
                let change = i32::from(end) - i32::from(start);
                phq.push(format!("Over the focus period: {start} to {end} ({change:+})").into());
            }
        }
        (Some(l), None) => {
            phq.push(format!("Latest: {} ({}) on day {}", l.score.total, l.severity, l.day).into());
            phq.push("No baseline in this partial export: change and outcomes are not computed.".into());
        }
        _ => phq.push("No PHQ-9 scores yet.".into()),
    }
    out.push(Section { title: "PHQ-9".into(), lines: phq, pre: false });

    // one character per day, so every missing day shows; long spans wrap
    let mut trend: Vec<Line> = Vec::new();
    for chunk in b.days.chunks(SPARK_WIDTH) {
        let (first, last) = (chunk[0].0, chunk[chunk.len() - 1].0);
        let buckets = Buckets::fit(first, chunk.len(), chunk.len());
        let spark = |m: Measure| series::text_sparkline(&series::column_values(chunk, &buckets, m), m.max());
        let markers: Vec<_> = b.markers.iter().copied().filter(|(d, _)| (first..=last).contains(d)).collect();
        trend.push(format!("Days    {} to {}", b.day(first), b.day(last)).into());
        trend.push(format!("PHQ-9   {}", spark(Measure::Phq9)).into());
        trend.push(format!("Mood    {}", spark(Measure::Mood)).into());
        trend.push(format!("Events  {}", series::marker_row(&markers, &buckets).trim_end()).into());
        let flags: String =
            series::safety_columns(chunk, &buckets).iter().map(|f| if *f { '!' } else { ' ' }).collect();
        if flags.contains('!') {
            trend.push(format!("Safety  {}", flags.trim_end()).into());
        }
    }
    trend.push("One character per day; \u{b7} = no entry. PHQ-9 0-27 (higher is worse); mood 0-10 (higher is better).".into());
    trend.push("Safety: ! marks a day with PHQ-9 item 9 above 0.".into());
    trend.push("Events: D dosing, I integration, M medication, * other.".into());
    out.push(Section { title: "Trend".into(), lines: trend, pre: true });

    let mut adherence: Vec<Line> = Vec::new();
    match (o.adherence.mood, o.adherence.phq9) {
        (Some(m), p) => {
            adherence
                .push(format!("Mood entries: {}% ({} of {} days)", m.percent(), m.done, m.expected).into());
            if let Some(p) = p {
                adherence
                    .push(format!("PHQ-9: {}% ({} of {} scheduled)", p.percent(), p.done, p.expected).into());
            }
        }
        (None, _) if matches!(&b.source, Source::Export { from, to, .. } if from.is_some() || to.is_some()) => {
            adherence.push("Not computed from a partial export.".into())
        }
        (None, _) => adherence.push("Counted from day 0.".into()),
    }
    adherence.push(format!("Late entries: {}; current streak: {} days", o.late_entries, o.streak).into());
    if let Some((n, mean)) = o.mood_mean {
        adherence.push(format!("Mood, mean of the last {n} days with an entry: {mean:.1}").into());
    }
    out.push(Section { title: "Adherence".into(), lines: adherence, pre: false });

    let events = b
        .events
        .iter()
        .map(|e| {
            let what = format!("{} (day {}): {}", e.date, e.day, e.kind.label());
            match e.note.as_deref() {
                // a note stays on its line: its newlines become spaces
                Some(n) => Line::quoting(format!("{what}: "), n),
                None => what.into(),
            }
        })
        .collect::<Vec<Line>>();
    out.push(Section {
        title: "Events".into(),
        lines: if events.is_empty() { vec!["None.".into()] } else { events },
        pre: false,
    });

    let notes_withheld = matches!(b.source, Source::Export { notes_withheld: true, .. });
    if !b.notes.is_empty() || notes_withheld {
        let lines = if notes_withheld {
            vec!["The participant withheld notes from this export.".into()]
        } else {
            b.notes.iter().map(|(d, day, n)| Line::quoting(format!("{d} (day {day}): "), n)).collect()
        };
        out.push(Section { title: "Recent notes".into(), lines, pre: false });
    }
    out
}

pub(super) fn title(b: &Brief) -> String {
    format!("Integration session brief: {}", b.participant)
}

pub(super) const FOOTER: &str =
    "followup is not a crisis service. PHQ-9 screening flags are not a diagnosis.";

/// Markdown, with the safety section before anything else.
pub fn markdown(b: &Brief) -> String {
    let mut s = String::new();
    let sections = sections(b);
    let (safety, rest): (Vec<_>, Vec<_>) = sections.into_iter().partition(|x| x.title.starts_with("SAFETY"));
    for sec in &safety {
        s += &format!("> **{}**\n", sec.title);
        for l in &sec.lines {
            s += &format!("> - {}\n", l.markdown());
        }
        s += "\n";
    }
    s += &format!("# {}\n\n", title(b));
    for sec in rest {
        s += &format!("## {}\n\n", sec.title);
        if sec.pre {
            s += "```text\n";
            for l in &sec.lines {
                s += &format!("{}\n", l.plain());
            }
            s += "```\n\n";
        } else {
            for l in &sec.lines {
                s += &format!("- {}\n", l.markdown());
            }
            s += "\n";
        }
    }
    s += &format!("---\n{FOOTER}\n");
    s
}

/// Plain text, with the safety section before anything else.
pub fn plain(b: &Brief) -> String {
    let mut s = String::new();
    for sec in sections(b) {
        if sec.title.starts_with("SAFETY") {
            s += &format!("!!! {} !!!\n", sec.title);
            for l in &sec.lines {
                s += &format!("  {}\n", l.plain());
            }
            s += "\n";
            s += &format!("{}\n{}\n\n", title(b), "=".repeat(title(b).chars().count()));
            continue;
        }
        if !s.contains("Integration session brief") {
            s += &format!("{}\n{}\n\n", title(b), "=".repeat(title(b).chars().count()));
        }
        s += &format!("{}\n{}\n", sec.title, "-".repeat(sec.title.chars().count()));
        for l in &sec.lines {
            s += &format!("{}{}\n", if sec.pre { "" } else { "  " }, l.plain());
        }
        s += "\n";
    }
    s += FOOTER;
    s += "\n";
    s
}
