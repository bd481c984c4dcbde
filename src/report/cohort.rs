//! The caseload brief (`followup report DIR | FILE…`): every item-9 day
//! across the caseload first, then responders and remitters at weeks 1, 4,
//! 8, 12 and 26, how long responses last (the Kaplan–Meier survival with the
//! number at risk and the median), one line per participant, and the files
//! left out with why. As Markdown, plain text, self-contained HTML, JSON
//! (one brief document per participant and the cohort figures) or CSV (one
//! row per participant per week, long format).

use super::ReportFormat;
use super::html::{STYLE, block, esc};
use super::json::{CASELOAD_FORMAT, CASELOAD_VERSION, Document};
use super::text::{self, FOOTER, Kind, Line, Section, render_markdown, render_plain};
use crate::cohort::{Cohort, Durability, SURVIVAL_WEEKS};
use crate::course::Week;
use crate::files;
use crate::overview::SafetyFlag;
use crate::review::{AsideReason, CaseRow, Caseload};
use serde::Serialize;
use std::fmt::Write;

/// The caseload brief in a format.
pub fn render(c: &Caseload, format: ReportFormat) -> String {
    match format {
        ReportFormat::Md => render_markdown(&title(c), sections(c)),
        ReportFormat::Txt => render_plain(&title(c), sections(c)),
        ReportFormat::Html => html(c),
        ReportFormat::Json => json(c),
        ReportFormat::Csv => {
            weeks_csv(c.rows.iter().map(|r| (r.participant.as_str(), weeks(r), r.overview.safety.as_slice())))
        }
    }
}

fn title(c: &Caseload) -> String {
    let n = c.rows.len();
    format!("Caseload brief: {}", crate::text::count(n, "participant", "participants"))
}

fn weeks(r: &CaseRow) -> &[Week] {
    r.course().map_or(&[], |c| c.weeks.as_slice())
}

fn sections(c: &Caseload) -> Vec<Section> {
    let mut out = Vec::new();
    let mut flags: Vec<(&CaseRow, &crate::overview::SafetyFlag)> =
        c.rows.iter().flat_map(|r| r.overview.safety.iter().map(move |f| (r, f))).collect();
    flags.sort_by(|a, b| b.1.date.cmp(&a.1.date).then(a.0.participant.cmp(&b.0.participant)));
    if !flags.is_empty() {
        let lines = flags
            .iter()
            .map(|(r, f)| {
                let mut line = Line::quoting(String::new(), &r.participant).and(": ".into());
                line.0.extend(text::flag(f).0);
                line
            })
            .collect();
        out.push(text::safety_section(lines));
    }
    out.push(Section {
        kind: Kind::Timepoints,
        title: "Responders and remitters by week".into(),
        lines: timepoint_lines(&c.cohort),
        pre: true,
    });
    out.push(Section {
        kind: Kind::Durability,
        title: "How long responses last".into(),
        lines: durability_lines(&c.cohort.durability),
        pre: true,
    });
    out.push(Section {
        kind: Kind::Participants,
        title: "Participants".into(),
        lines: participant_lines(c),
        pre: true,
    });
    let left = left_out_lines(c);
    if !left.is_empty() {
        out.push(Section { kind: Kind::LeftOut, title: "Left out".into(), lines: left, pre: false });
    }
    out
}

fn share(n: usize, of: usize) -> String {
    match (n * 100 + of / 2).checked_div(of) {
        Some(p) => format!("{n} / {of} ({p}%)"),
        None => format!("{n} / {of}"),
    }
}

fn timepoint_lines(cohort: &Cohort) -> Vec<Line> {
    let mut lines: Vec<Line> = vec!["week  responders / eligible  remitters / scored  no score".into()];
    for t in &cohort.timepoints {
        lines.push(
            format!(
                "{:>4}  {:<22}  {:<18}  {}",
                t.week,
                share(t.responders, t.eligible),
                share(t.remitters, t.scored),
                t.missing
            )
            .into(),
        );
    }
    lines.push(
        "Eligible: baseline 10 or more and a score that week; a week without a score is counted as neither."
            .into(),
    );
    lines
}

fn durability_lines(d: &Durability) -> Vec<Line> {
    let mut lines: Vec<Line> = vec![d.counts_text().into()];
    if d.responders == 0 {
        return lines;
    }
    lines.push("week  still responding  at risk".into());
    for p in &d.survival {
        lines.push(format!("{:>4}  {:>15.1}%  {:>7}", p.week, p.s * 100.0, p.at_risk).into());
    }
    lines.push(format!("Median duration of response: {}", d.median_text()).into());
    lines.push("Kaplan-Meier, from each first response: a loss of response is an event, a response still held is censored.".into());
    lines
}

fn participant_lines(c: &Caseload) -> Vec<Line> {
    let mut lines: Vec<Line> = vec![
        format!(
            "{:<9}  {:>4}  {:<9}  {:>6}  {:<15}  {:>4}  {:<8}  {:>4}  item 9",
            "code", "day", "baseline", "latest", "response", "dur", "best", "rise"
        )
        .into(),
    ];
    for r in &c.rows {
        let o = &r.overview;
        let course = r.course();
        let base = o.outcome.as_ref().map_or("-".into(), |x| x.baseline.short());
        let latest = o.latest_phq9.map_or("-".into(), |l| l.score.total.to_string());
        let status = if r.partial() { "partial export".into() } else { r.status().short() };
        let dur = course
            .and_then(|c| Some((c.response_weeks?, c.response_ongoing?)))
            .map_or("-".into(), |(n, on)| if on { format!("{n}+") } else { n.to_string() });
        let best = course
            .and_then(|c| c.best)
            .map_or("-".into(), |(k, v)| format!("{} w{k}", crate::outcome::score(v)));
        let rise = r.rise().map_or("-".into(), |up| format!("+{up:.0}"));
        let item9 =
            o.safety.first().map_or("-".into(), |f| format!("{} (latest {})", o.safety.len(), f.date));
        let day = match o.phase {
            crate::window::Phase::Baseline { days_to_dosing } => format!("-{days_to_dosing}"),
            crate::window::Phase::Active { day } => day.to_string(),
            crate::window::Phase::Complete { .. } => "done".into(),
        };
        lines.push(Line::quoting(String::new(), &format!("{:<9}", r.participant)).and(format!(
            "  {day:>4}  {base:<9}  {latest:>6}  {status:<15}  {dur:>4}  {best:<8}  {rise:>4}  {item9}"
        )));
    }
    lines.push("baseline 19\u{b7}12: mean of 12 PHQ-9s on days -14 to -1 (b, d0, p: its fallbacks)".into());
    lines.push("response: lost w9, w12\u{2192} is lost in week 9, responding again since week 12; dur: weeks of the first response, to its loss (+: never lost, still going); rise: above the best week".into());
    lines
}

fn left_out_lines(c: &Caseload) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let partial = c.partial();
    if !partial.is_empty() {
        lines.push(Line::quoting(
            format!(
                "{} (no baseline, so no course): ",
                crate::text::count(partial.len(), "partial export", "partial exports")
            ),
            &partial.join(", "),
        ));
    }
    for r in c.rows.iter().filter(|r| !r.set_aside.is_empty()) {
        for a in &r.set_aside {
            let why = match a.reason {
                AsideReason::Copy => "a copy of the export",
                AsideReason::Partial => "a partial export",
                AsideReason::Older => "an older export",
                AsideReason::SameTime => "another export made at the same time",
            };
            let (who, when) = (&r.participant, r.export_date());
            lines.push(Line::quoting(String::new(), &files::file_name(&a.path)).and(match a.reason {
                AsideReason::Copy => format!(": {why} of {who} of {when}, set aside"),
                _ => format!(": {why} of {who}, set aside for the one of {when}"),
            }));
        }
    }
    for f in &c.failed {
        lines.push(
            Line::quoting(String::new(), &files::file_name(&f.path)).and(": ".to_string()).theirs(&f.reason),
        );
    }
    lines
}

#[derive(Serialize)]
struct CaseloadDoc<'a> {
    format: &'static str,
    version: u32,
    participants: Vec<Document<'a>>,
    failed: Vec<FailedDoc>,
    partial: Vec<&'a str>,
    set_aside: Vec<SetAsideDoc<'a>>,
    cohort: &'a Cohort,
}

/// An export not used: another of the same participant is.
#[derive(Serialize)]
struct SetAsideDoc<'a> {
    file: String,
    participant: &'a str,
    /// `copy`, `partial`, `older` or `same_time`.
    reason: &'static str,
}

#[derive(Serialize)]
struct FailedDoc {
    file: String,
    reason: String,
}

fn json(c: &Caseload) -> String {
    let doc = CaseloadDoc {
        format: CASELOAD_FORMAT,
        version: CASELOAD_VERSION,
        participants: c
            .rows
            .iter()
            .map(|r| {
                Document::of(
                    &r.participant,
                    r.export.as_of(),
                    r.export.journal.window().dosing_date,
                    &r.overview,
                )
            })
            .collect(),
        failed: c
            .failed
            .iter()
            .map(|f| FailedDoc { file: files::file_name(&f.path), reason: f.reason.clone() })
            .collect(),
        partial: c.partial(),
        set_aside: c
            .rows
            .iter()
            .flat_map(|r| {
                r.set_aside.iter().map(|a| SetAsideDoc {
                    file: files::file_name(&a.path),
                    participant: &r.participant,
                    reason: a.reason.key(),
                })
            })
            .collect(),
        cohort: &c.cohort,
    };
    let text = serde_json::to_string_pretty(&doc).expect("a caseload brief always serializes");
    format!("{}\n", crate::text::json(&text))
}

/// One row of the long format.
#[derive(Serialize)]
struct WeekRow<'a> {
    participant: std::borrow::Cow<'a, str>,
    week: u32,
    phq9: Option<f64>,
    phq9_n: u32,
    response: Option<bool>,
    remission: Option<bool>,
    mood: Option<f64>,
    /// The highest item-9 answer above 0 on a day of the week, in any
    /// version of any entry (retracted too): a safety flag travels.
    item9: Option<u8>,
}

/// One row per participant per week (every week with a PHQ-9 or a mood
/// entry), in long format; empty cells for values that do not exist.
pub(super) fn weeks_csv<'a>(
    participants: impl Iterator<Item = (&'a str, &'a [Week], &'a [SafetyFlag])>,
) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // the header, even with no rows
    w.write_record(["participant", "week", "phq9", "phq9_n", "response", "remission", "mood", "item9"])
        .expect("writing to memory");
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .has_headers(false)
        .from_writer(w.into_inner().expect("writing to memory"));
    for (participant, weeks, safety) in participants {
        for k in weeks {
            let item9 = safety
                .iter()
                .filter(|f| crate::course::week_of(f.day) == Some(k.week))
                .map(|f| f.item9)
                .max();
            let row = WeekRow {
                participant: crate::text::csv_cell(participant),
                week: k.week,
                phq9: k.phq9,
                phq9_n: k.phq9_n,
                response: k.response,
                remission: k.remission,
                mood: k.mood,
                item9,
            };
            w.serialize(row).expect("writing to memory");
        }
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text")
}

fn html(c: &Caseload) -> String {
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}{COHORT_STYLE}</style></head><body>\n",
        esc(&title(c))
    );
    let all = sections(c);
    for sec in all.iter().filter(|x| x.kind == Kind::Safety) {
        let _ = write!(s, "<section class=\"safety\"><h2>{}</h2><ul>", esc(&sec.title));
        for l in &sec.lines {
            let _ = write!(s, "<li>{}</li>", esc(&l.plain()));
        }
        s += "</ul></section>\n";
    }
    let _ = writeln!(s, "<h1>{}</h1>", esc(&title(c)));
    s += "<h2>Responders and remitters by week</h2><table class=\"grid\"><tr><th>week</th><th>responders / eligible</th><th>remitters / scored</th><th>no score</th></tr>";
    for t in &c.cohort.timepoints {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            t.week,
            share(t.responders, t.eligible),
            share(t.remitters, t.scored),
            t.missing
        );
    }
    s += "</table><p class=\"note\">Eligible: baseline 10 or more and a score that week; a week without a score is counted as neither.</p>\n";
    let d = &c.cohort.durability;
    s += "<h2>How long responses last</h2>";
    if d.responders == 0 {
        let _ = write!(s, "<p>{}</p>", esc(&d.counts_text()));
    } else {
        s += &survival_chart(d);
        let _ = write!(
            s,
            "<p>{} Censored responses are ticks on the curve. Median duration of response: <b>{}</b>.</p>",
            esc(&d.counts_text()),
            esc(&d.median_text())
        );
    }
    let p = c.cohort.paired_outcome;
    if p.participants > 0 {
        let _ = write!(
            s,
            "<h2>With the GAD-7: the paired outcome (NHS Talking Therapies)</h2><p>Of {} with both questionnaires: recovery {}, reliable improvement {}, reliable recovery {}, reliable deterioration {}.</p>",
            p.participants, p.recovery, p.reliable_improvement, p.reliable_recovery, p.reliable_deterioration
        );
    }
    for sec in all.iter().filter(|x| matches!(x.kind, Kind::Participants | Kind::LeftOut)) {
        s += &block(sec);
    }
    let _ = write!(s, "<footer>{}</footer>\n</body></html>\n", esc(FOOTER));
    s
}

const COHORT_STYLE: &str = "table.grid{border-collapse:collapse}table.grid td,table.grid th{border:1px solid #ccc;padding:1px 6px;text-align:right}.note{color:#444;font-size:8.5px;margin:1px 0}";

/// The survival of response as a step chart: 0–100 % against weeks since
/// the first response, a tick for each censored response, the median line,
/// and the number at risk under weeks 4, 8, 12 and 26.
fn survival_chart(d: &Durability) -> String {
    const W: f64 = 700.0;
    const H: f64 = 190.0;
    const LEFT: f64 = 40.0;
    const RIGHT: f64 = 20.0;
    const TOP: f64 = 10.0;
    const BOTTOM: f64 = 42.0;
    let longest = d.steps.iter().map(|s| s.0).chain(d.censored.iter().copied()).max().unwrap_or(0).max(26);
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let x = |t: f64| LEFT + t / f64::from(longest) * pw;
    let y = |p: f64| TOP + (1.0 - p) * ph;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"Share still responding by weeks since the first response\"><rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{pw}\" height=\"{ph}\" fill=\"none\" stroke=\"#999\"/>"
    );
    for (p, label) in [(0.0, "0%"), (0.5, "50%"), (1.0, "100%")] {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"end\">{label}</text>",
            LEFT - 4.0,
            y(p) + 3.0
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#bbb\" stroke-dasharray=\"3 3\"/>",
        W - RIGHT,
        y(0.5),
        y(0.5)
    );
    // the steps
    let mut points = vec![(x(0.0), y(1.0))];
    let mut level = 1.0;
    for (t, after) in &d.steps {
        points.push((x(f64::from(*t)), y(level)));
        level = *after;
        points.push((x(f64::from(*t)), y(level)));
    }
    points.push((x(f64::from(longest)), y(level)));
    let pts: Vec<String> = points.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
    let _ = write!(
        s,
        "<polyline fill=\"none\" stroke=\"#06c\" stroke-width=\"2\" points=\"{}\"/>",
        pts.join(" ")
    );
    for t in &d.censored {
        let (cx, cy) = (x(f64::from(*t)), y(d.at(*t)));
        let _ = write!(
            s,
            "<line class=\"censored\" x1=\"{cx:.1}\" x2=\"{cx:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#333\"/>",
            cy - 4.0,
            cy + 4.0
        );
    }
    // the axis: weeks, and the number at risk under the survival weeks
    let axis = TOP + ph;
    for week in SURVIVAL_WEEKS {
        let wx = x(f64::from(week));
        let at = d.survival.iter().find(|p| p.week == week).map_or(0, |p| p.at_risk);
        let _ = write!(
            s,
            "<line x1=\"{wx:.1}\" x2=\"{wx:.1}\" y1=\"{axis:.1}\" y2=\"{:.1}\" stroke=\"#999\"/><text x=\"{wx:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\">w{week}</text><text class=\"at-risk\" x=\"{wx:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\">{at}</text>",
            axis + 3.0,
            axis + 13.0,
            axis + 26.0
        );
    }
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"end\">at risk</text><text x=\"{}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"end\">weeks since the first response</text></svg>",
        LEFT - 4.0,
        axis + 26.0,
        W - RIGHT,
        H - 2.0
    );
    s
}
