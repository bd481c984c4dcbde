//! The brief as one self-contained HTML page: inline CSS and SVG charts, no
//! scripts, no external files, sized to print on one A4 or Letter page.

use super::Brief;
use super::text::{FOOTER, sections, title};
use crate::overview::Measure;
use std::fmt::Write;

/// HTML escaping (text and attribute values).
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const STYLE: &str = "@page{size:A4;margin:12mm}
body{font:11px/1.35 system-ui,-apple-system,'Segoe UI',sans-serif;color:#111;max-width:190mm;margin:0 auto}
h1{font-size:16px;margin:0 0 4px}h2{font-size:12px;margin:8px 0 2px;border-bottom:1px solid #ccc}
ul{margin:0;padding-left:16px}.safety{border:2px solid #b00;background:#fee;padding:4px 8px;margin-bottom:6px}
.safety h2{color:#b00;border:0;margin:0}svg{display:block}footer{margin-top:6px;color:#555;font-size:9px}
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
    for sec in all.iter().filter(|x| x.title.starts_with("SAFETY")) {
        let _ = write!(s, "<section class=\"safety\"><h2>{}</h2><ul>", esc(&sec.title));
        for l in &sec.lines {
            let _ = write!(s, "<li>{}</li>", esc(&l.plain()));
        }
        s += "</ul></section>\n";
    }
    let _ = writeln!(s, "<h1>{}</h1>", esc(&title(b)));
    for sec in all.iter().filter(|x| !x.title.starts_with("SAFETY")) {
        let _ = write!(s, "<h2>{}</h2>", esc(&sec.title));
        if sec.pre {
            s += &chart(b, Measure::Phq9, 150.0);
            s += &chart(b, Measure::Mood, 90.0);
        } else {
            s += "<ul>";
            for l in &sec.lines {
                let _ = write!(s, "<li>{}</li>", esc(&l.plain()));
            }
            s += "</ul>\n";
        }
    }
    let _ = write!(s, "<footer>{}</footer>\n</body></html>\n", esc(FOOTER));
    s
}

const WIDTH: f64 = 680.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 16.0;

/// A line chart of one measure by day: fixed axis, PHQ-9 band thresholds,
/// the baseline, event markers, safety days, and a line that breaks at every
/// missing day (missing days are ticked on the axis).
fn chart(b: &Brief, m: Measure, height: f64) -> String {
    let n = b.days.len().max(1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = height - TOP - BOTTOM;
    let top = if m == Measure::Phq9 { 27.0 } else { m.max() };
    let x = |i: usize| LEFT + if n == 1 { plot_w / 2.0 } else { i as f64 * plot_w / (n - 1) as f64 };
    let y = |v: f64| TOP + (1.0 - v / top) * plot_h;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{} by day\">",
        m.label()
    );
    let _ = write!(
        s,
        "<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{plot_w}\" height=\"{plot_h}\" fill=\"none\" stroke=\"#999\"/>"
    );
    let guides: Vec<(f64, String)> = if m == Measure::Phq9 {
        [(5.0, "5 mild"), (10.0, "10 moderate"), (15.0, "15 mod. severe"), (20.0, "20 severe")]
            .map(|(v, l)| (v, l.to_string()))
            .to_vec()
    } else {
        vec![(top / 2.0, format!("{}", top / 2.0))]
    };
    let _ = write!(
        s,
        "<text x=\"2\" y=\"{}\" font-size=\"10\" font-weight=\"bold\">{}</text>",
        TOP - 3.0,
        m.label()
    );
    for (v, label) in guides.iter().chain([(0.0, "0".to_string()), (top, format!("{top}"))].iter()) {
        let _ = write!(
            s,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#bbb\" stroke-dasharray=\"3 3\"/><text x=\"{}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"end\">{}</text>",
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
        let by = y(o.baseline.value);
        let _ = write!(
            s,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{by:.1}\" y2=\"{by:.1}\" stroke=\"#c80\" stroke-dasharray=\"1 2\"/><text x=\"{}\" y=\"{:.1}\" font-size=\"8\" fill=\"#c80\" text-anchor=\"end\">baseline {}</text>",
            WIDTH - RIGHT,
            WIDTH - RIGHT - 2.0,
            by - 2.0,
            crate::outcome::score(o.baseline.value)
        );
    }
    for (date, kind) in &b.markers {
        if let Ok(i) = usize::try_from((*date - b.from).num_days()) {
            let _ = write!(
                s,
                "<line x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{TOP}\" y2=\"{:.1}\" stroke=\"#a0a\" stroke-dasharray=\"2 2\"/><text x=\"{xx:.1}\" y=\"{:.1}\" font-size=\"9\" fill=\"#a0a\" text-anchor=\"middle\">{}</text>",
                TOP + plot_h,
                TOP - 3.0,
                kind.marker(),
                xx = x(i)
            );
        }
    }
    // runs of consecutive days with a value; a missing day breaks the line
    let mut run: Vec<(f64, f64)> = Vec::new();
    let flush = |run: &mut Vec<(f64, f64)>, s: &mut String| {
        match run.len() {
            0 => {}
            1 => {
                let _ = write!(
                    s,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\" fill=\"#06c\"/>",
                    run[0].0, run[0].1
                );
            }
            _ => {
                let pts: Vec<String> = run.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
                let _ = write!(
                    s,
                    "<polyline fill=\"none\" stroke=\"#06c\" stroke-width=\"1.5\" points=\"{}\"/>",
                    pts.join(" ")
                );
            }
        }
        run.clear();
    };
    for (i, (_, v)) in b.days.iter().enumerate() {
        match m.of(v) {
            Some(val) => run.push((x(i), y(val))),
            None => {
                flush(&mut run, &mut s);
                let _ = write!(
                    s,
                    "<rect class=\"gap\" x=\"{:.1}\" y=\"{:.1}\" width=\"1.5\" height=\"4\" fill=\"#bbb\"/>",
                    x(i) - 0.75,
                    TOP + plot_h + 1.0
                );
            }
        }
    }
    flush(&mut run, &mut s);
    for (i, (_, v)) in b.days.iter().enumerate().filter(|(_, (_, v))| v.safety) {
        let cy = m.of(v).map_or(TOP + 4.0, y);
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"3.5\" fill=\"#d00\"><title>item 9 above 0</title></circle>",
            x(i)
        );
    }
    let last = b.days.last().map_or(b.from, |(d, _)| *d);
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"{:.1}\" font-size=\"9\">day {}</text><text x=\"{}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"end\">day {}</text></svg>",
        height - 2.0,
        b.day(b.from),
        WIDTH - RIGHT,
        height - 2.0,
        b.day(last)
    );
    s
}
