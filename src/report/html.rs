//! The brief as one self-contained HTML page: inline CSS and SVG charts, no
//! scripts, no external files, sized to print on A4 or Letter. Charts and
//! the week-by-item heat map are in greys and one blue, readable in
//! greyscale and without colour vision; every number is also written out.

use super::text::{FOOTER, Kind, Section, sections, title};
use super::{Brief, Comparison};
use crate::course::{Course, days_of_week, response_line};
use crate::instrument::phq9::ITEMS;
use crate::outcome::REMISSION_BELOW;
use crate::overview::{DayValues, Measure};
use chrono::NaiveDate;
use std::fmt::Write;

/// HTML escaping (text and attribute values).
pub(super) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub(super) const STYLE: &str = "@page{size:A4;margin:10mm}
body{font:9.5px/1.22 system-ui,-apple-system,'Segoe UI',sans-serif;color:#111;max-width:190mm;margin:0 auto}
h1{font-size:15px;margin:0 0 3px}h2{font-size:11px;margin:5px 0 2px;border-bottom:1px solid #ccc}
ul{margin:0;padding-left:14px}.safety{border:2px solid #b00;background:#fee;padding:3px 8px;margin-bottom:5px}
.safety h2{color:#b00;border:0;margin:0}svg{display:block}footer{margin-top:5px;color:#555;font-size:8px}
pre{font:9px/1.25 ui-monospace,monospace;margin:0}.cols{display:flex;flex-wrap:wrap;gap:0 14px}.cols>div{flex:1 1 0;min-width:min-content}
table.heat{border-collapse:collapse;font:8px/1.2 ui-monospace,monospace;margin-top:2px}table.heat td{padding:0 2px;text-align:right;border:1px solid #fff}
table.heat td.name{text-align:left;padding-right:4px;white-space:nowrap}table.heat td.gap{width:4px}
.note{margin:1px 0 0;font-size:8.5px;color:#444}table.cmp{border-collapse:collapse;width:100%}table.cmp th,table.cmp td{text-align:left;vertical-align:top;padding:0 8px 1px 0}table.cmp th{white-space:nowrap}.glossary{color:#444;font-size:8px}.glossary ul{columns:2;column-gap:14px;line-height:1.15}
@media print{body{max-width:none}}";

pub fn html(b: &Brief) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n",
        esc(&title(b))
    );
    let all = sections(b);
    // safety before anything else
    for sec in all.iter().filter(|x| x.kind == Kind::Safety) {
        let _ = write!(s, "<section class=\"safety\"><h2>{}</h2><ul>", esc(&sec.title));
        for l in &sec.lines {
            let _ = write!(s, "<li>{}</li>", esc(&l.plain()));
        }
        s += "</ul></section>\n";
    }
    let _ = writeln!(s, "<h1>{}</h1>", esc(&title(b)));
    let mut rest: Vec<&Section> = all.iter().filter(|x| x.kind != Kind::Safety).collect();
    let mut take = |kind: Kind| rest.iter().position(|x| x.kind == kind).map(|i| rest.remove(i));
    // side by side where two short sections fit, to keep to one page
    s += &row(&[take(Kind::FollowUp).map(block), take(Kind::Adherence).map(block)]);
    s += &row(&[take(Kind::Course).map(block), take(Kind::Now).map(block)]);
    // the weekly table and the item table become a chart and a heat map
    if let (Some(_), Some(_), Some(course)) = (take(Kind::Weeks), take(Kind::Items), &b.overview.course) {
        s += "<h2>Weekly PHQ-9</h2>";
        s += &weekly_chart(course, b);
        s += "<h2>Which symptoms moved, week by week</h2>";
        s += &heat_map(course);
    }
    s += &row(&[take(Kind::Sessions).map(block), take(Kind::Events).map(block)]);
    if let Some(sec) = take(Kind::Trend) {
        let _ = write!(s, "<h2>{}</h2>", esc(&sec.title));
        s += &chart(b, Measure::Phq9, 88.0);
        s += &chart(b, Measure::Mood, 54.0);
    }
    if let (Some(_), Some(c)) = (take(Kind::Comparison), &b.comparison) {
        s += &comparison(c);
    }
    let glossary = take(Kind::Glossary);
    for sec in rest {
        s += &block(sec);
    }
    if let Some(sec) = glossary {
        let _ = write!(s, "<div class=\"glossary\">{}</div>", block(sec));
    }
    let _ = write!(s, "<footer>{}</footer>\n</body></html>\n", esc(FOOTER));
    s
}

/// Pieces side by side (wrapping when they do not fit).
fn row(pieces: &[Option<String>]) -> String {
    let mut s = String::from("<div class=\"cols\">");
    for p in pieces.iter().flatten() {
        let _ = write!(s, "<div>{p}</div>");
    }
    s += "</div>\n";
    s
}

/// A section as a list, or as preformatted text.
pub(super) fn block(sec: &Section) -> String {
    let mut s = format!("<h2>{}</h2>", esc(&sec.title));
    if sec.pre {
        s += "<pre>";
        for l in &sec.lines {
            s += &esc(&l.plain());
            s += "\n";
        }
        s += "</pre>\n";
    } else {
        s += "<ul>";
        for l in &sec.lines {
            let _ = write!(s, "<li>{}</li>", esc(&l.plain()));
        }
        s += "</ul>\n";
    }
    s
}

const WIDTH: f64 = 700.0;
const LEFT: f64 = 78.0;
/// The right margin holds the labels of the baseline and response lines.
const RIGHT: f64 = 62.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 16.0;

fn svg_open(height: f64, label: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\">",
        esc(label)
    )
}

/// Where a line's label goes: above it, or below (when another line's label
/// would otherwise sit on it).
#[derive(Clone, Copy)]
enum Label {
    Above,
    Below,
}

fn hline(s: &mut String, y: f64, stroke: &str, dash: &str, label: &str, at: Label) {
    let ty = match at {
        Label::Above => y + 1.0,
        Label::Below => y + 8.5,
    };
    let _ = write!(
        s,
        "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{stroke}\" stroke-dasharray=\"{dash}\"/><text x=\"{}\" y=\"{ty:.1}\" font-size=\"8\" fill=\"{stroke}\">{}</text>",
        WIDTH - RIGHT,
        WIDTH - RIGHT + 3.0,
        esc(label)
    );
}

/// A line chart of one measure by day: fixed axis, PHQ-9 band thresholds,
/// the baseline, event markers with their ids, safety days, and a line that
/// breaks at every missing day (missing days are ticked on the axis). With
/// a focus the whole record is drawn faded behind it.
fn chart(b: &Brief, m: Measure, height: f64) -> String {
    let context: &[(NaiveDate, DayValues)] = if b.context.is_empty() { &b.days } else { &b.context };
    let first = context.first().map_or(b.from, |(d, _)| *d);
    let n = context.len().max(1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = height - TOP - BOTTOM;
    let top = m.max();
    let x = |d: NaiveDate| {
        let i = (d - first).num_days() as f64;
        LEFT + if n == 1 { plot_w / 2.0 } else { i * plot_w / (n - 1) as f64 }
    };
    let y = |v: f64| TOP + (1.0 - v / top) * plot_h;
    let mut s = svg_open(height, &format!("{} by day", m.label()));
    let _ = write!(
        s,
        "<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{plot_w}\" height=\"{plot_h}\" fill=\"none\" stroke=\"#999\"/>"
    );
    let anchors = match m {
        Measure::Mood => Some(crate::instrument::mood::MOOD),
        _ => None,
    };
    let guides: Vec<(f64, String)> = match (m, anchors) {
        (Measure::Phq9, _) => {
            [(5.0, "5 mild"), (10.0, "10 moderate"), (15.0, "15 mod. severe"), (20.0, "20 severe")]
                .map(|(v, l)| (v, l.to_string()))
                .to_vec()
        }
        (_, Some(a)) => {
            vec![(0.0, format!("0 {}", a.low)), (top / 2.0, "5".into()), (top, format!("10 {}", a.high))]
        }
        _ => vec![(top / 2.0, format!("{}", top / 2.0))],
    };
    let _ = write!(
        s,
        "<text x=\"2\" y=\"{}\" font-size=\"10\" font-weight=\"bold\">{}</text>",
        TOP - 3.0,
        m.label()
    );
    let ends = if anchors.is_some() { vec![] } else { vec![(0.0, "0".to_string()), (top, format!("{top}"))] };
    for (v, label) in guides.iter().chain(ends.iter()) {
        let _ = write!(
            s,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#bbb\" stroke-dasharray=\"3 3\"/><text x=\"{}\" y=\"{:.1}\" font-size=\"8\" text-anchor=\"end\">{}</text>",
            WIDTH - RIGHT,
            LEFT - 3.0,
            y(*v) + 3.0,
            esc(label),
            yy = y(*v)
        );
    }
    if m == Measure::Phq9
        && let Some(o) = &b.overview.outcome
    {
        hline(
            &mut s,
            y(o.baseline.value),
            "#c80",
            "1 2",
            &format!("baseline {}", crate::outcome::score(o.baseline.value)),
            Label::Above,
        );
    }
    for e in b.events.iter().filter(|e| (first..=b.as_of).contains(&e.date)) {
        let xx = x(e.date);
        let _ = write!(
            s,
            "<line x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{TOP}\" y2=\"{:.1}\" stroke=\"#a0a\" stroke-dasharray=\"2 2\"/><text x=\"{xx:.1}\" y=\"{:.1}\" font-size=\"8\" fill=\"#a0a\" text-anchor=\"middle\">{}{}</text>",
            TOP + plot_h,
            TOP - 3.0,
            e.kind.marker(),
            e.id
        );
    }
    // the record before the focus, faded
    if !b.context.is_empty() {
        polylines(&mut s, b.context.iter().filter(|(d, _)| *d < b.from), m, &x, &y, "#ccc", false);
    }
    polylines(&mut s, b.days.iter(), m, &x, &y, "#06c", true);
    for (d, v) in b.days.iter().filter(|(_, v)| v.safety) {
        let cy = m.of(v).map_or(TOP + 4.0, y);
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"3.5\" fill=\"#d00\"><title>item 9 above 0</title></circle>",
            x(*d)
        );
    }
    let last = context.last().map_or(b.from, |(d, _)| *d);
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"{:.1}\" font-size=\"9\">day {}</text><text x=\"{}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"end\">day {}</text></svg>",
        height - 2.0,
        b.day(first),
        WIDTH - RIGHT,
        height - 2.0,
        b.day(last)
    );
    s
}

/// Runs of consecutive days with a value; a missing day breaks the line
/// (and, when `ticks`, is marked under the axis).
fn polylines<'a>(
    s: &mut String,
    days: impl Iterator<Item = &'a (NaiveDate, DayValues)>,
    m: Measure,
    x: &dyn Fn(NaiveDate) -> f64,
    y: &dyn Fn(f64) -> f64,
    stroke: &str,
    ticks: bool,
) {
    let mut run: Vec<(f64, f64)> = Vec::new();
    let flush = |run: &mut Vec<(f64, f64)>, s: &mut String| {
        match run.len() {
            0 => {}
            1 => {
                let _ = write!(
                    s,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\" fill=\"{stroke}\"/>",
                    run[0].0, run[0].1
                );
            }
            _ => {
                let pts: Vec<String> = run.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
                let _ = write!(
                    s,
                    "<polyline fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1.5\" points=\"{}\"/>",
                    pts.join(" ")
                );
            }
        }
        run.clear();
    };
    for (d, v) in days {
        match m.of(v) {
            Some(val) => run.push((x(*d), y(val))),
            None => {
                flush(&mut run, s);
                if ticks {
                    let _ = write!(
                        s,
                        "<rect class=\"gap\" x=\"{:.1}\" y=\"{:.1}\" width=\"1.5\" height=\"4\" fill=\"#bbb\"/>",
                        x(*d) - 0.75,
                        TOP + (y(0.0) - TOP) + 1.0
                    );
                }
            }
        }
    }
    flush(&mut run, s);
}

/// The weekly PHQ-9 as bars, with the baseline, the response line (half of
/// it) and the remission line (5), and the integration sessions marked.
fn weekly_chart(course: &Course, b: &Brief) -> String {
    let height = 96.0;
    let last = course.weeks.last().map_or(1, |w| w.week).max(1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = height - TOP - BOTTOM;
    let bar = plot_w / f64::from(last);
    let x = |k: f64| LEFT + (k - 1.0) * bar;
    let y = |v: f64| TOP + (1.0 - v / 27.0) * plot_h;
    let mut s = svg_open(height, "Weekly PHQ-9 with the response and remission lines");
    let _ = write!(
        s,
        "<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{plot_w}\" height=\"{plot_h}\" fill=\"none\" stroke=\"#999\"/>"
    );
    for (v, l) in [(0.0, "0"), (9.0, "9"), (18.0, "18"), (27.0, "27")] {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{:.1}\" font-size=\"8\" text-anchor=\"end\">{l}</text>",
            LEFT - 3.0,
            y(v) + 3.0
        );
    }
    for w in &course.weeks {
        match w.phq9 {
            Some(v) => {
                let fill = if w.response == Some(true) { "#9bc" } else { "#666" };
                let _ = write!(
                    s,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\"><title>week {}: {v:.1}</title></rect>",
                    x(f64::from(w.week)) + 1.0,
                    y(v),
                    (bar - 2.0).max(1.0),
                    y(0.0) - y(v),
                    w.week
                );
                // the number itself, where the bar is wide enough to carry it
                if bar >= 16.0 {
                    let _ = write!(
                        s,
                        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"7\" text-anchor=\"middle\">{v:.1}</text>",
                        x(f64::from(w.week)) + bar / 2.0,
                        y(v) - 2.0
                    );
                }
            }
            None => {
                let _ = write!(
                    s,
                    "<rect class=\"gap\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"3\" fill=\"#ddd\"/>",
                    x(f64::from(w.week)) + 1.0,
                    y(0.0) + 1.0,
                    (bar - 2.0).max(1.0)
                );
            }
        }
    }
    if let Some(base) = &course.baseline {
        hline(
            &mut s,
            y(base.value),
            "#c80",
            "1 2",
            &format!("baseline {}", crate::outcome::score(base.value)),
            Label::Above,
        );
        if let Some(r) = response_line(base) {
            hline(&mut s, y(r), "#068", "5 2", &format!("response {r:.1}"), Label::Above);
        }
    }
    hline(&mut s, y(REMISSION_BELOW), "#333", "1 3", "remission 5", Label::Below);
    let w = |d: NaiveDate| crate::course::week_of(b.day(d));
    for e in b.events.iter().filter(|e| e.kind == crate::record::EventKind::Integration) {
        if let Some(k) = w(e.date).filter(|k| *k <= last) {
            let (first, _) = days_of_week(k);
            let frac = f64::from(b.day(e.date) as i32 - first as i32) / 7.0;
            let xx = x(f64::from(k) + frac);
            let _ = write!(
                s,
                "<line x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{TOP}\" y2=\"{:.1}\" stroke=\"#a0a\" stroke-dasharray=\"2 2\"/><text x=\"{xx:.1}\" y=\"{:.1}\" font-size=\"8\" fill=\"#a0a\" text-anchor=\"middle\">I{}</text>",
                y(0.0),
                TOP - 3.0,
                e.id
            );
        }
    }
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"{:.1}\" font-size=\"9\">week 1</text><text x=\"{}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"end\">week {last} \u{b7} light bars: response weeks \u{b7} a light tick: no score that week</text></svg>",
        height - 2.0,
        WIDTH - RIGHT,
        height - 2.0
    );
    s
}

/// The item change and the week-by-item grid in one table: a row per item,
/// the ones that moved most first; baseline, recent and change, then a
/// column per week, each cell the item's weekly mean (0-3) written out on a
/// grey from white (0) to dark (3); a week without a PHQ-9 is a gap.
fn heat_map(course: &Course) -> String {
    let last = course.weeks.last().map_or(0, |w| w.week);
    let by_week: Vec<Option<&crate::course::Week>> =
        (1..=last).map(|k| course.weeks.iter().find(|w| w.week == k && w.phq9.is_some())).collect();
    let mut s = String::from(
        "<table class=\"heat\" aria-label=\"Which symptoms moved, week by week\"><tr><td class=\"name\">item</td><td>base</td><td>recent</td><td>change</td><td class=\"gap\"></td>",
    );
    for k in 1..=last {
        let _ = write!(s, "<td>{k}</td>");
    }
    s += "</tr>";
    let opt = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.1}"));
    for c in course.items_by_change() {
        let i = usize::from(c.item - 1);
        let _ = write!(
            s,
            "<tr><td class=\"name\">{}. {}</td><td>{}</td><td>{}</td><td><b>{}</b></td><td class=\"gap\"></td>",
            c.item,
            esc(ITEMS[i].short),
            opt(c.baseline),
            opt(c.recent),
            c.change.map_or("-".to_string(), |v| format!("{v:+.1}"))
        );
        for w in &by_week {
            match w.and_then(|w| w.items[i]) {
                Some(v) => {
                    let grey = (255.0 - v.clamp(0.0, 3.0) / 3.0 * 215.0).round() as u8;
                    let ink = if grey < 128 { "#fff" } else { "#000" };
                    let _ = write!(
                        s,
                        "<td style=\"background:rgb({grey},{grey},{grey});color:{ink}\">{v:.1}</td>"
                    );
                }
                None => s += "<td>\u{b7}</td>",
            }
        }
        s += "</tr>";
    }
    s += "</table>\n<p class=\"note\">Means 0-3: base, over the baseline's PHQ-9s; recent, the 14 days to the latest PHQ-9; then each week (darker is more days bothered; \u{b7} no PHQ-9).</p>\n";
    s
}

/// The focus against the period of the same length before it, side by side.
fn comparison(c: &Comparison) -> String {
    let mut s = String::from("<h2>Focus against the period before it</h2><table class=\"cmp\"><tr><td></td>");
    for (name, p) in [("Focus", &c.focus), ("The same length before", &c.before)] {
        let _ = write!(s, "<th>{name}: {} to {}</th>", p.from, p.to);
    }
    s += "</tr>";
    for (label, pick) in [("PHQ-9", 0), ("Mood", 1)] {
        let _ = write!(s, "<tr><th>{label}</th>");
        for p in [&c.focus, &c.before] {
            let stats = if pick == 0 { &p.phq9 } else { &p.mood };
            let _ = write!(s, "<td>{}</td>", esc(&stats.describe()));
        }
        s += "</tr>";
    }
    s += "<tr><th>Worst week within the period</th>";
    for p in [&c.focus, &c.before] {
        s += "<td>";
        if let Some(w) = &p.worst_week {
            s += &esc(&w.describe());
            for (d, note) in &w.notes {
                let _ = write!(s, "<br>{d}: {}", esc(&crate::text::terminal(note)));
            }
        } else {
            s += "-";
        }
        if let Some(k) = p.week_in_focus {
            let _ = write!(s, "<br>(week {k}, cut by the focus's first day, is counted in the focus only)");
        }
        s += "</td>";
    }
    s += "</tr></table>\n";
    s
}
