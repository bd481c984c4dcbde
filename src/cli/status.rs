//! `followup status`: exit 0 when today's check-ins are done, 1 when one is due.

use super::setup::{now, open_read};
use super::{CmdResult, exit, stdout};
use crate::overview::{Coverage, Overview};
use crate::paths::Paths;
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// One line, for a shell prompt or cron
    #[arg(long)]
    short: bool,
}

pub fn run(paths: &Paths, args: StatusArgs) -> CmdResult {
    let store = open_read(paths)?;
    let journal = store.journal()?;
    drop(store);
    let today = now().date_naive();
    let o = Overview::new(&journal, today, &Coverage::all());
    let window = journal.window();
    let due: Vec<&str> = [(o.due.mood, "mood"), (o.due.phq9, "PHQ-9"), (o.due.gad7, "GAD-7")]
        .iter()
        .filter(|d| d.0)
        .map(|d| d.1)
        .collect();
    let due_text = if due.is_empty() {
        "Nothing due today".to_string()
    } else {
        format!("Due today: {}", due.join(", "))
    };
    let phase = o.phase.describe(window.length_days);
    let mut out = stdout();
    if args.short {
        writeln!(out, "followup {}: {phase} \u{b7} {due_text}", journal.profile.participant)?;
    } else {
        writeln!(out, "{} \u{b7} {phase} \u{b7} {today}", journal.profile.participant)?;
        writeln!(out, "{due_text}")?;
        // the participant's own: from set-up (or the start of the baseline
        // period), so the days before followup was there never count as missed
        match o.own_adherence.describe() {
            Some(r) => writeln!(out, "Check-ins since {}: {r}", o.own_adherence_from)?,
            None => writeln!(out, "Check-ins count from {}", o.own_adherence_from)?,
        }
        writeln!(out, "Streak: {}", crate::text::count(o.streak as usize, "day", "days"))?;
        if let Some(l) = &o.latest_phq9 {
            // the participant's own words: the clinical labels and the
            // baseline's rule are in review, reports and exports
            let mut line = format!("Latest PHQ-9: {} ({}) on day {}", l.score.total, l.severity, l.day);
            if let Some(outcome) = &o.outcome
                && let Some((_, change)) = &outcome.latest
            {
                line += &format!(", {}", crate::outcome::plain_change(*change));
            }
            writeln!(out, "{line}")?;
            // the words are of the latest week's mean, never of one day
            if let Some(outcome) = &o.outcome
                && let Some(now) = &outcome.now
            {
                writeln!(
                    out,
                    "Your week {} average, {:.1}: {}",
                    now.week,
                    now.assessment.value,
                    crate::outcome::plain_words(now.assessment.change, outcome.baseline.kind)
                )?;
            }
            if let Some(outcome) = &o.outcome {
                writeln!(out, "{}", outcome.baseline.plain())?;
            }
        }
        if o.uses_gad7 {
            match (o.latest_gad7, &o.gad7_baseline) {
                (Some((_, day, total)), Some(b)) => writeln!(
                    out,
                    "Latest GAD-7: {total} ({}) on day {day}, {}. {}",
                    crate::instrument::GAD7.band(total).label,
                    crate::outcome::plain_change(f64::from(total) - b.value),
                    b.plain_of("GAD-7")
                )?,
                _ => writeln!(out, "GAD-7: no scores yet")?,
            }
            if let (Some(p), Some(outcome)) = (&o.paired, &o.outcome) {
                writeln!(out, "Depression and anxiety together: {}", p.plain_words(outcome.baseline.kind))?;
            }
        }
        if let Some(course) = &o.course {
            writeln!(out, "Weekly: {}", course.sentence_in(crate::course::Words::Plain))?;
        }
        if !o.safety.is_empty() {
            // the participant's own words for the flag: what they answered,
            // and that nobody was told of it
            let days: Vec<String> = o.safety.iter().map(|s| format!("{} (day {})", s.date, s.day)).collect();
            writeln!(out, "{}", crate::journal::item9_answered(&days.join(", ")))?;
            writeln!(out, "{} {}", crate::journal::ALERTS_NOBODY, crate::journal::EMERGENCY_LINE)?;
        }
    }
    Ok(if o.due.any() { exit::DUE } else { exit::OK })
}
