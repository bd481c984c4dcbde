//! `followup status`: exit 0 when today's check-ins are done, 1 when one is due.

use super::setup::open;
use super::{CmdResult, exit};
use crate::overview::Overview;
use crate::paths::Paths;
use crate::window::Phase;
use clap::Args;

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// One line, for a shell prompt or cron
    #[arg(long)]
    short: bool,
}

pub fn run(paths: &Paths, args: StatusArgs) -> CmdResult {
    let store = open(paths)?;
    let journal = store.journal()?;
    let today = super::setup::now().date_naive();
    let o = Overview::new(&journal, today);
    let window = journal.window();
    let due: Vec<&str> =
        [(o.due.mood, "mood"), (o.due.phq9, "PHQ-9")].iter().filter(|d| d.0).map(|d| d.1).collect();
    let due_text = if due.is_empty() {
        "Nothing due today".to_string()
    } else {
        format!("Due today: {}", due.join(", "))
    };
    let phase = match o.phase {
        Phase::Baseline { days_to_dosing } => format!("baseline period, dosing in {days_to_dosing} days"),
        Phase::Active { day } => format!("day {day} of {}", window.length_days),
        Phase::Complete { .. } => "follow-up complete".to_string(),
    };
    if args.short {
        println!("followup {}: {phase} \u{b7} {due_text}", journal.profile.participant);
    } else {
        println!("{} \u{b7} {phase} \u{b7} {today}", journal.profile.participant);
        println!("{due_text}");
        if let Some(m) = o.adherence.mood {
            let phq9 = o.adherence.phq9.map_or(String::new(), |p| {
                format!("; PHQ-9 {}/{} scheduled ({}%)", p.done, p.expected, p.percent())
            });
            println!("Adherence: mood {}/{} days ({}%){phq9}", m.done, m.expected, m.percent());
        }
        println!("Streak: {} day{}", o.streak, if o.streak == 1 { "" } else { "s" });
        if let Some(l) = &o.latest_phq9 {
            print!("Latest PHQ-9: {} ({}) on day {}", l.score.total, l.severity, l.day);
            if let Some(out) = &o.outcome {
                print!(
                    "; baseline {}{}",
                    out.baseline.total,
                    if out.baseline.post_dose { " (post-dose baseline)" } else { "" }
                );
                if let Some((_, a)) = &out.latest {
                    print!(", change {:+}", a.change);
                    if !a.labels.is_empty() {
                        let labels: Vec<&str> = a.labels.iter().map(|l| l.label()).collect();
                        print!(": {}", labels.join(", "));
                    }
                }
            }
            println!();
        }
        if !o.safety.is_empty() {
            let days: Vec<String> = o.safety.iter().map(|s| format!("{} (day {})", s.date, s.day)).collect();
            println!("Safety flags (item 9 above 0): {}", days.join(", "));
        }
    }
    Ok(if o.due.any() { exit::DUE } else { exit::OK })
}
