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
use crate::review::columns::{self, Column};
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

/// The participants' table: the caseload screen's columns (the GAD-7's when
/// anyone uses it), its rows in the screen's default order (the people to
/// call first at the top).
fn participant_table(c: &Caseload) -> (Vec<Column>, Vec<Vec<columns::Text>>) {
    let gad7 = c.rows.iter().any(|r| r.overview.latest_gad7.is_some());
    let shown: Vec<Column> = columns::ALL.into_iter().filter(|col| gad7 || *col != Column::Gad7).collect();
    let rows = columns::order(&c.rows, columns::DEFAULT_SORT, true)
        .into_iter()
        .map(|i| shown.iter().map(|col| col.text(&c.rows[i], true, u16::MAX)).collect())
        .collect();
    (shown, rows)
}

const ORDER_NOTE: &str = "In the caseload's order: item 9 first (the latest first), then rising from best, a response lost, the longest silence. A value marked ! is one to look at.";

/// One line per participant, then what each column means.
fn participant_lines(c: &Caseload) -> Vec<Line> {
    let (shown, rows) = participant_table(c);
    let cells: Vec<Vec<String>> = rows.into_iter().map(|row| row.into_iter().map(marked).collect()).collect();
    let width = |k: usize| {
        let header = shown[k].spec().header.chars().count();
        cells.iter().map(|row| row[k].chars().count()).max().unwrap_or(0).max(header)
    };
    let widths: Vec<usize> = (0..shown.len()).map(width).collect();
    let padded = |k: usize, text: &str| format!("{text}{}", " ".repeat(widths[k] - text.chars().count()));
    let joined =
        |row: &mut dyn Iterator<Item = String>| row.collect::<Vec<_>>().join("  ").trim_end().to_string();
    let header = joined(&mut shown.iter().enumerate().map(|(k, col)| padded(k, col.spec().header)));
    let mut lines: Vec<Line> = vec![header.into()];
    for row in &cells {
        // the code is the participant's own text: quoted, never markup
        let rest = joined(&mut row.iter().enumerate().skip(1).map(|(k, t)| padded(k, t)));
        lines.push(Line::quoting(String::new(), &padded(0, &row[0])).and(format!("  {rest}")));
    }
    lines.push(ORDER_NOTE.into());
    for col in &shown {
        let spec = col.spec();
        lines.push(format!("{}: {}", spec.header, spec.meaning).into());
    }
    lines
}

/// The participants' table in HTML, its legend in lines that wrap.
fn participant_html(c: &Caseload) -> String {
    let (shown, rows) = participant_table(c);
    let mut s = String::from("<h2>Participants</h2><table class=\"grid people\"><tr>");
    for col in &shown {
        let _ = write!(s, "<th>{}</th>", esc(col.spec().header));
    }
    s += "</tr>";
    for row in rows {
        s += "<tr>";
        for t in row {
            let class = match t.tone {
                columns::Tone::Safety => " class=\"flag\"",
                columns::Tone::Warning | columns::Tone::Worsening => " class=\"warn\"",
                _ => "",
            };
            let _ = write!(s, "<td{class}>{}</td>", esc(&marked(t)));
        }
        s += "</tr>";
    }
    let _ = write!(s, "</table><p class=\"note\">{}</p><ul class=\"note legend\">", esc(ORDER_NOTE));
    for col in &shown {
        let spec = col.spec();
        let _ = write!(s, "<li><b>{}</b>: {}</li>", esc(spec.header), esc(spec.meaning));
    }
    s + "</ul>\n"
}

/// A cell as plain text: what the screen marks in the warning colour gets a `!`.
fn marked(t: columns::Text) -> String {
    match t.tone {
        columns::Tone::Warning => format!("{}!", t.text),
        _ => t.text,
    }
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
    s += &participant_html(c);
    for sec in all.iter().filter(|x| x.kind == Kind::LeftOut) {
        s += &block(sec);
    }
    let _ = write!(s, "<footer>{}</footer>\n</body></html>\n", esc(FOOTER));
    s
}

const COHORT_STYLE: &str = "table.grid{border-collapse:collapse}table.grid td,table.grid th{border:1px solid #ccc;padding:1px 6px;text-align:right}.note{color:#444;font-size:8.5px;margin:1px 0}table.people{font-size:8px}table.people td,table.people th{padding:1px 3px;white-space:nowrap}table.people td:first-child,table.people th:first-child{text-align:left}td.flag{color:#b00;font-weight:bold}td.warn{color:#a60}ul.legend{columns:2;column-gap:14px}";

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
