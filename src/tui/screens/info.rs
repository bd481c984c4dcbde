//! A page of text one key away: what the outcome words on the dashboard
//! mean, with the clinical definitions behind them.

use crate::tui::context::Context;
use crate::tui::format;
use crate::tui::keys::{self, Binding};
use crate::tui::msg::Step;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub title: &'static str,
    pub lines: Vec<String>,
    pub scroll: u16,
}

/// The one thing this page does: scroll.
pub type Msg = keys::Scroll;

pub const KEYS: &[Binding<State, Msg>] =
    &[keys::support(), keys::scroll("scroll"), keys::help(), keys::back("back")];

pub fn update(s: &mut State, msg: Msg) -> Step {
    s.scroll = msg.apply(s.scroll, s.lines.len().try_into().unwrap_or(u16::MAX));
    Step::Stay
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, _: &Context) {
    let lines: Vec<Line> = s.lines.iter().map(|l| Line::from(l.clone())).collect();
    let block = Block::bordered().title(Line::styled(format!(" {} ", s.title), Theme::heading()));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((s.scroll, 0)).block(block),
        area,
    );
}

/// The profile: what it is now and every version, with the command that
/// corrects it (a new version with a reason; nothing changed in place), and
/// whether the daily backup is on, when that is known.
pub fn profile(p: &crate::journal::Profile, daily_backup: Option<bool>) -> State {
    let mut lines = vec![
        format!("{}: {}", p.participant, p.window.describe()),
        match &p.care_contact {
            Some(c) => format!("Care contact: {}", crate::text::terminal(c)),
            None => "Care contact: none (the safety screen shows the crisis lines)".into(),
        },
    ];
    match daily_backup {
        Some(true) => lines.push(
            "Daily backup: on, with the first save of each day (`followup backup --daily off` switches it off)"
                .into(),
        ),
        Some(false) => {
            lines.push("Daily backup: off (`followup backup --daily on` switches it on again)".into())
        }
        None => {}
    }
    lines.push(String::new());
    lines
        .push("History (nothing is changed in place: a correction is a new version with its reason):".into());
    for v in &p.versions {
        let what = if v.number == 1 { "set up" } else { "corrected" };
        lines.push(format!(
            "  v{} {} {what}: {}",
            v.number,
            v.recorded_at.format("%Y-%m-%d %H:%M"),
            v.window.describe()
        ));
        if let Some(r) = &v.reason {
            lines.push(format!("      reason: {}", crate::text::terminal(r)));
        }
    }
    lines.push(String::new());
    lines.push("To correct it (day numbers, weeks and outcomes follow a corrected dosing date):".into());
    lines.push("  followup profile --dosing-date YYYY-MM-DD --reason \"...\"".into());
    lines.push("  followup profile --gad7-every 7 --reason \"...\"   (0 switches the GAD-7 off)".into());
    lines.push("  also --window-days N, --phq9-every N, --care-contact-file PATH".into());
    State { title: "Profile", lines: page(&lines), scroll: 0 }
}

/// What the outcome words mean: the participant's plain words, then the
/// labels a clinician uses, with their definitions and sources.
pub fn outcomes() -> State {
    let mut lines = vec![
        "The dashboard compares your latest PHQ-9 with your starting score: your scores in the two weeks before the session (or, without those, the nearest you have).".to_string(),
        "  much better: 6 or more points lower".to_string(),
        "  better: 5 points lower".to_string(),
        "  about the same: less than 5 points lower or higher".to_string(),
        "  harder: 5 points higher".to_string(),
        "  much harder: 6 or more points higher".to_string(),
        "A change of 5 points is the smallest that matters clinically.".to_string(),
        String::new(),
        "What your care team calls these:".to_string(),
    ];
    for l in crate::outcome::Label::ALL {
        lines.push(format!("  {}: {}", l.label(), l.definition()));
    }
    lines.extend([
        String::new(),
        "With the GAD-7 as well, the words are for depression and anxiety together (NHS Talking Therapies, on the pair):".to_string(),
        "  better: below 10 on the PHQ-9 and below 8 on the GAD-7 now, having been at or above either at the start; or 6 points lower on the PHQ-9 or 4 on the GAD-7, with neither that much higher".to_string(),
        "  harder: 6 points higher on the PHQ-9, or 4 on the GAD-7".to_string(),
        "  \"now\" is each one's latest week (the average of its scores that week)".to_string(),
    ]);
    State { title: "What the outcome words mean", lines: page(&lines), scroll: 0 }
}

/// The width a page's lines are wrapped to: inside the border of an
/// 80-column terminal, so that scrolling counts the lines as drawn there.
const PAGE_WIDTH: usize = 76;

/// Lines wrapped between words, each continuation under its line's text
/// (two further in for an indented line), so nothing runs back to column 0.
fn page(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        let text = line.trim_start();
        let lead = line.len() - text.len();
        let more = if lead == 0 { 0 } else { lead + 2 };
        for (i, part) in format::wrapped(text, PAGE_WIDTH - more).into_iter().enumerate() {
            let pad = if i == 0 { lead } else { more };
            out.push(format!("{}{part}", " ".repeat(pad)));
        }
    }
    out
}
