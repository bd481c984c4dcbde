//! The brief as Markdown and as plain text, from one list of sections.

use super::{Brief, Comparison, Source};
use crate::course::{Course, Sustained};
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
    pub(super) fn quoting(ours: String, theirs: &str) -> Self {
        Line(vec![Piece::Ours(ours), Piece::Theirs(theirs.to_string())])
    }

    /// This line, then more of our words.
    pub(super) fn and(mut self, ours: String) -> Self {
        self.0.push(Piece::Ours(ours));
        self
    }

    /// This line, then outside text.
    pub(super) fn theirs(mut self, theirs: &str) -> Self {
        self.0.push(Piece::Theirs(theirs.to_string()));
        self
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

/// Which section a section is, for the formats that lay them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Safety,
    Course,
    Weeks,
    Items,
    Sessions,
    FollowUp,
    Now,
    Comparison,
    Trend,
    Adherence,
    Events,
    Notes,
    Glossary,
    Gad7,
    /// The caseload brief's.
    Timepoints,
    Durability,
    Participants,
    LeftOut,
}

pub(super) struct Section {
    pub kind: Kind,
    pub title: String,
    pub lines: Vec<Line>,
    /// Preformatted (sparklines), kept in a code block in Markdown.
    pub pre: bool,
}

/// A safety flag in words: `2026-10-02 (day 120): item 9 answered 1`, and
/// that the flag stays when the entry was corrected or retracted since.
pub(super) fn flag(f: &crate::overview::SafetyFlag) -> Line {
    use crate::overview::FlagSource;
    let changed =
        if f.since_changed { " (the entry was later corrected or retracted; the flag stays)" } else { "" };
    let line = Line::from(format!("{} (day {}): item 9 answered {}{changed}", f.date, f.day, f.item9));
    match &f.source {
        FlagSource::Answer => line,
        FlagSource::Carried => line.and(format!(" ({})", FlagSource::CARRIED)),
        FlagSource::OtherFile(name) => line
            .and(format!(" ({}", FlagSource::OTHER_FILE.0))
            .theirs(name)
            .and(format!("{})", FlagSource::OTHER_FILE.1)),
    }
}

/// The safety section, first in every brief.
pub(super) fn safety_section(lines: Vec<Line>) -> Section {
    Section { kind: Kind::Safety, title: "SAFETY: PHQ-9 item 9 above 0".into(), lines, pre: false }
}

pub(super) fn sections(b: &Brief) -> Vec<Section> {
    let mut out = Vec::new();
    let o = &b.overview;
    if !b.safety.is_empty() {
        out.push(safety_section(b.safety.iter().map(flag).collect()));
    }
    if let Some(course) = &o.course {
        out.extend(course_sections(course));
    }

    let phase = o.phase.describe(b.window_days);
    // the participant is named in the title
    let mut about: Vec<Line> =
        vec![format!("As of {}: {phase} (dosing session {})", b.as_of, b.dosing_date).into()];
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
    out.push(Section { kind: Kind::FollowUp, title: "Follow-up".into(), lines: about, pre: false });

    let mut phq: Vec<Line> = Vec::new();
    match (&o.latest_phq9, &o.outcome) {
        (Some(l), Some(out)) => {
            // the course section, above, has said it already
            if o.course.is_none() {
                phq.push(format!("Baseline: {}", out.baseline.describe()).into());
            }
            let recent = out
                .recent_mean
                .as_ref()
                // a mean of one is the latest score again
                .filter(|(n, _)| *n > 1)
                .map(|(n, mean)| format!(" \u{b7} mean of the last {n}: {mean:.1}"))
                .unwrap_or_default();
            phq.push(
                format!("Latest PHQ-9: {} ({}) on day {}{recent}", l.score.total, l.severity, l.day).into(),
            );
            if let Some((_, change)) = &out.latest {
                phq.push(
                    format!("Latest score's change from baseline: {}", crate::outcome::signed(*change))
                        .into(),
                );
            }
            // the labels are of the latest scored week's mean, never of one day
            if let Some(now) = &out.now {
                let a = &now.assessment;
                let labels: Vec<&str> = a.labels.iter().map(|l| l.label()).collect();
                let what = if labels.is_empty() {
                    "no change of 5 points or more".into()
                } else {
                    labels.join(" \u{b7} ")
                };
                phq.push(
                    format!(
                        "Outcome, week {} (mean {:.1} of {}; change {}): {what}",
                        now.week,
                        a.value,
                        crate::text::count(now.n as usize, "PHQ-9", "PHQ-9s"),
                        crate::outcome::signed(a.change)
                    )
                    .into(),
                );
            }
        }
        (Some(l), None) => {
            phq.push(format!("Latest PHQ-9: {} ({}) on day {}", l.score.total, l.severity, l.day).into());
            phq.push("No baseline in this partial export: change and outcomes are not computed.".into());
        }
        _ => phq.push("No PHQ-9 scores yet.".into()),
    }
    if let Some((n, mean)) = o.mood_mean {
        phq.push(match n {
            1 => format!("Mood: {mean:.1} (one day with an entry so far)").into(),
            n => format!("Mood: {mean:.1}, the mean of the last {n} days with an entry").into(),
        });
    }
    out.push(Section { kind: Kind::Now, title: "Now".into(), lines: phq, pre: false });
    if o.uses_gad7 {
        out.push(gad7_section(o));
    }
    if let Some(c) = &b.comparison {
        out.push(comparison_section(c));
    }

    // one character per day, so every missing day shows; long spans wrap. A
    // PHQ-9 asked every N days leaves the other days of its period blank:
    // not due, not missed
    let covered = series::covered_by_period(&b.days, &b.window, Measure::Phq9);
    let mut trend: Vec<Line> = Vec::new();
    for (chunk, covered) in b.days.chunks(SPARK_WIDTH).zip(covered.chunks(SPARK_WIDTH)) {
        let (first, last) = (chunk[0].0, chunk[chunk.len() - 1].0);
        let buckets = Buckets::fit(first, chunk.len(), chunk.len());
        let spark = |m: Measure| series::text_sparkline(&series::column_values(chunk, &buckets, m), m.max());
        let markers: Vec<_> = b.markers.iter().copied().filter(|(d, _)| (first..=last).contains(d)).collect();
        let blank = series::covered_columns(chunk, covered, &buckets);
        let phq9: String = spark(Measure::Phq9)
            .chars()
            .zip(blank.iter().chain(std::iter::repeat(&false)))
            .map(|(c, &not_due)| if not_due && c == '\u{b7}' { ' ' } else { c })
            .collect();
        trend.push(format!("Days    {} to {}", b.day(first), b.day(last)).into());
        trend.push(format!("PHQ-9   {}", phq9.trim_end()).into());
        trend.push(format!("Mood    {}", spark(Measure::Mood)).into());
        trend.push(format!("Events  {}", series::marker_row(&markers, &buckets).trim_end()).into());
        let flags: String =
            series::safety_columns(chunk, &buckets).iter().map(|f| if *f { '!' } else { ' ' }).collect();
        if flags.contains('!') {
            trend.push(format!("Safety  {}", flags.trim_end()).into());
        }
    }
    let not_due = if b.window.phq9_every > 1 {
        format!(" PHQ-9 every {} days: the other days of a period with one are blank.", b.window.phq9_every)
    } else {
        String::new()
    };
    trend.push(format!("One character per day; \u{b7} = no entry. PHQ-9 0-27 (higher is worse); mood 0-10 (higher is better).{not_due}").into());
    trend.push("Safety: ! marks a day with PHQ-9 item 9 above 0.".into());
    trend.push("Events: D dosing, I integration, M medication, * other.".into());
    out.push(Section { kind: Kind::Trend, title: "Trend".into(), lines: trend, pre: true });

    let mut adherence: Vec<Line> = Vec::new();
    let (ratios, counted) = match &b.comparison {
        Some(c) => (c.adherence, format!("Counted over the focus period, from {}.", c.focus.from)),
        None => (o.adherence, "Counted from day 0.".to_string()),
    };
    match (ratios.mood, ratios.phq9) {
        (Some(m), p) => {
            adherence.push(counted.clone().into());
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
        (None, _) => adherence.push(counted.into()),
    }
    let streak = crate::text::count(o.streak as usize, "day", "days");
    adherence.push(format!("Late entries: {}; current streak: {streak}", o.late_entries).into());
    out.push(Section { kind: Kind::Adherence, title: "Adherence".into(), lines: adherence, pre: false });

    let events = b
        .events
        .iter()
        .map(|e| {
            let what = format!("{} (day {}): {} (event {})", e.date, e.day, e.kind.label(), e.id);
            match e.note.as_deref() {
                // a note stays on its line: its newlines become spaces
                Some(n) => Line::quoting(format!("{what}: "), n),
                None => what.into(),
            }
        })
        .collect::<Vec<Line>>();
    out.push(Section {
        kind: Kind::Events,
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
        out.push(Section { kind: Kind::Notes, title: "Recent notes".into(), lines, pre: false });
    }
    out.push(glossary());
    out
}

/// A change with its sign, to one decimal when it is not whole.
fn opt(v: Option<f64>) -> String {
    v.map_or("-".to_string(), |v| format!("{v:.1}"))
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "-",
    }
}

/// The course of response: the sentence, the weeks, which symptoms moved,
/// and the weeks around each integration session.
pub(super) fn course_sections(course: &Course) -> Vec<Section> {
    let mut lines: Vec<Line> = vec![format!("Course: {}", course.sentence()).into()];
    if let Some(b) = &course.baseline {
        let line = crate::course::response_line(b)
            .map(|r| format!(" \u{b7} response line {r:.1}"))
            .unwrap_or_default();
        lines.push(format!("Baseline: {}{line}", b.describe()).into());
    }
    let sustained = match course.sustained_w12 {
        Sustained::Yes => "yes",
        Sustained::No => "no",
        Sustained::Unknown => "not known yet (weeks 3 or 12 without a score)",
        Sustained::NotApplicable => "does not apply (baseline below 10)",
    };
    lines.push(format!("Sustained response through week 12: {sustained}").into());
    lines.push(
        format!("Remission weeks (below 5): {} of {} scored", course.remission_weeks, course.scored_weeks)
            .into(),
    );
    let mut out = vec![Section { kind: Kind::Course, title: "Course of response".into(), lines, pre: false }];

    let mut weeks: Vec<Line> = vec!["week   PHQ-9 (n)   response  remission  mood".into()];
    for w in &course.weeks {
        let phq = w.phq9.map_or("-".into(), |v| format!("{v:.1} ({})", w.phq9_n));
        weeks.push(
            format!(
                "{:>4}   {phq:<10}  {:<8}  {:<9}  {}",
                w.week,
                yes_no(w.response),
                yes_no(w.remission),
                opt(w.mood)
            )
            .into(),
        );
    }
    weeks.push("A week without a PHQ-9 has no score: a gap, never a zero.".into());
    out.push(Section { kind: Kind::Weeks, title: "Weeks".into(), lines: weeks, pre: true });

    let mut lines: Vec<Line> = vec!["item                          baseline  recent  change".into()];
    for c in course.items_by_change() {
        let name = crate::instrument::phq9::ITEMS[usize::from(c.item - 1)].short;
        let change = c.change.map_or("-".into(), |v| format!("{v:+.1}"));
        lines.push(
            format!("{:>2}. {name:<25} {:>8}  {:>6}  {change:>6}", c.item, opt(c.baseline), opt(c.recent))
                .into(),
        );
    }
    lines.push("0-3: the mean over the baseline's PHQ-9s, and over the".into());
    lines.push("14 days ending on the latest PHQ-9.".into());
    out.push(Section { kind: Kind::Items, title: "Which symptoms moved".into(), lines, pre: true });

    if !course.sessions.is_empty() {
        let mut lines: Vec<Line> = vec!["event   day   PHQ-9 before -> after    mood before -> after".into()];
        for s in &course.sessions {
            let [pb, pa, mb, ma] = s.cells();
            let row = format!("{:>5} {:>5}   {pb:>10} -> {pa:<10}  {mb:>9} -> {ma:<9}", s.event_id, s.day);
            lines.push(row.trim_end().into());
        }
        lines.push("14 days before each session, 14 from it; (n) days with a value.".into());
        out.push(Section {
            kind: Kind::Sessions,
            title: "Around the integration sessions".into(),
            lines,
            pre: true,
        });
    }
    out
}

/// The GAD-7 when it is used: baseline → latest and band, week by week, and
/// the outcome on the pair (NHS Talking Therapies).
fn gad7_section(o: &crate::overview::Overview) -> Section {
    use crate::instrument::GAD7;
    let mut lines: Vec<Line> = Vec::new();
    match (&o.gad7_baseline, o.latest_gad7) {
        (_, None) => lines.push("No GAD-7 scores yet.".into()),
        (Some(b), Some((_, day, total))) => {
            lines.push(format!("Baseline: {}", b.describe_of("GAD-7")).into());
            lines.push(
                format!(
                    "Latest GAD-7: {total} ({}) on day {day} \u{b7} change {}",
                    GAD7.band(total).label,
                    crate::outcome::signed(f64::from(total) - b.value)
                )
                .into(),
            );
        }
        (None, Some((_, day, total))) => {
            lines.push(format!("Latest GAD-7: {total} ({}) on day {day}", GAD7.band(total).label).into())
        }
    }
    if !o.gad7_weeks.is_empty() {
        let weeks: Vec<String> = o.gad7_weeks.iter().map(|w| format!("w{} {:.1}", w.week, w.mean)).collect();
        lines.push(format!("By week: {}", weeks.join(" \u{b7} ")).into());
    }
    let bands: Vec<String> =
        GAD7.bands.iter().map(|b| format!("{} {}", GAD7.band_range(b), b.label)).collect();
    lines.push(format!("Bands: {}", bands.join(", ")).into());
    match &o.paired {
        Some(p) => {
            let labels = p.labels();
            let said = if labels.is_empty() {
                "no reliable change, no recovery".to_string()
            } else {
                labels.join(" \u{b7} ")
            };
            lines.push(
                format!(
                    "On the pair (NHS Talking Therapies: caseness PHQ-9 10+ or GAD-7 8+; reliable change 6 and 4): {said} (PHQ-9 {} to {}, GAD-7 {} to {})",
                    crate::outcome::score(p.phq9_baseline),
                    crate::outcome::score(p.phq9_now),
                    crate::outcome::score(p.gad7_baseline),
                    crate::outcome::score(p.gad7_now)
                )
                .into(),
            );
        }
        None => lines.push("On the pair: not yet (a baseline and a scored week of each are needed).".into()),
    }
    if let Some(c) = GAD7.copyright {
        lines.push(format!("GAD-7: {c}").into());
    }
    Section { kind: Kind::Gad7, title: "GAD-7".into(), lines, pre: false }
}

/// The focus against the period of the same length before it.
fn comparison_section(c: &Comparison) -> Section {
    let mut lines: Vec<Line> = Vec::new();
    for (name, p) in [("Focus", &c.focus), ("The same length before", &c.before)] {
        lines.push(format!("{name}: {} to {}", p.from, p.to).into());
        lines.push(format!("  PHQ-9: {}", p.phq9.describe()).into());
        lines.push(format!("  Mood: {}", p.mood.describe()).into());
        if let Some(w) = &p.worst_week {
            lines.push(format!("  Worst week within the period: {}", w.describe()).into());
            for (d, note) in &w.notes {
                lines.push(Line::quoting(format!("    {d}: "), note));
            }
        }
        if let Some(k) = p.week_in_focus {
            lines.push(
                format!("  Week {k}, cut by the focus's first day, is counted in the focus only.").into(),
            );
        }
    }
    Section { kind: Kind::Comparison, title: "Focus against the period before it".into(), lines, pre: false }
}

/// What the outcome labels mean, with their sources.
fn glossary() -> Section {
    let mut lines: Vec<Line> = crate::outcome::Label::ALL
        .iter()
        .map(|l| format!("{}: {}", l.label(), l.definition()).into())
        .collect();
    lines.push("Baseline: the mean PHQ-9 of days -14 to -1; else the last before day 0; else day 0; else the first after it (post-dose).".into());
    lines.push("Response week: baseline 10 or more and the week's mean at most half of it; loss of response: two scored weeks in a row without one.".into());
    Section {
        kind: Kind::Glossary,
        title: "Glossary: the outcome labels and the course".into(),
        lines,
        pre: false,
    }
}

pub(super) fn title(b: &Brief) -> String {
    format!("Integration session brief: {}", b.participant)
}

pub(super) const FOOTER: &str =
    "followup is not a crisis service. PHQ-9 screening flags are not a diagnosis.";

/// Markdown, with the safety section before anything else.
pub fn markdown(b: &Brief) -> String {
    render_markdown(&title(b), sections(b))
}

/// Plain text, with the safety section before anything else.
pub fn plain(b: &Brief) -> String {
    render_plain(&title(b), sections(b))
}

/// Sections as Markdown under a title; safety sections first, as a quote.
pub(super) fn render_markdown(title: &str, sections: Vec<Section>) -> String {
    let mut s = String::new();
    let (safety, rest): (Vec<_>, Vec<_>) = sections.into_iter().partition(|x| x.kind == Kind::Safety);
    for sec in &safety {
        s += &format!("> **{}**\n", sec.title);
        for l in &sec.lines {
            s += &format!("> - {}\n", l.markdown());
        }
        s += "\n";
    }
    s += &format!("# {title}\n\n");
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

/// Sections as plain text under a title; safety sections first.
pub(super) fn render_plain(title: &str, sections: Vec<Section>) -> String {
    let (safety, rest): (Vec<_>, Vec<_>) = sections.into_iter().partition(|x| x.kind == Kind::Safety);
    let mut s = String::new();
    for sec in &safety {
        s += &format!("!!! {} !!!\n", sec.title);
        for l in &sec.lines {
            s += &format!("  {}\n", l.plain());
        }
        s += "\n";
    }
    s += &format!("{title}\n{}\n\n", "=".repeat(title.chars().count()));
    for sec in rest {
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
