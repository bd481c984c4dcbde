//! A realistic, reproducible follow-up for the demo, the snapshot tests and
//! the benchmarks: a baseline fortnight, the dosing session, integration
//! sessions, a PHQ-9 that improves with noise and a wobble, daily mood, a few
//! missed and late days, one item-9 day and one corrected entry.

use crate::instrument::{Mood, MoodFields, MoodPatch, Phq9, SleepHours};
use crate::journal::{Journal, Profile};
use crate::record::{Change, Entry, EntryData, Event, EventData, EventKind, Record, Version, Versioned};
use crate::window::Window;
use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeZone};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Demo {
    pub participant: String,
    pub dosing_date: NaiveDate,
    pub window_days: u32,
    /// The last day with data (usually today).
    pub today: NaiveDate,
    /// Days of baseline period with entries before the dosing session.
    pub baseline_days: u32,
    pub seed: u64,
    /// Leave out a share of days, in percent.
    pub missed_percent: u32,
    /// Where the PHQ-9 goes.
    pub path: Path,
    /// The day (if any) item 9 is answered 1.
    pub item9_day: Option<i64>,
}

/// The PHQ-9 total a participant heads for, day by day (with noise of ±2
/// around it).
#[derive(Debug, Clone, PartialEq)]
pub enum Path {
    /// The demo's: around 19 at baseline, a response in the first week that
    /// holds for two months, after the medication taper (day 58) a wobble
    /// that loses it for three weeks, then settling near 6 again.
    Demo,
    /// Straight lines between (day, level) points; level before the first
    /// point is the first level, after the last the last.
    Points(Vec<(i64, f64)>),
}

impl Path {
    fn level(&self, n: i64) -> f64 {
        match self {
            Path::Demo => match n {
                ..0 => 19.0,
                0 => 15.0,
                1..=60 => 6.5 + 3.5 * (-(n as f64) / 4.0).exp(),
                61..=80 => 13.0,
                _ => 6.0,
            },
            Path::Points(points) => {
                let Some(first) = points.first() else { return 0.0 };
                if n <= first.0 {
                    return first.1;
                }
                for pair in points.windows(2) {
                    let ((d0, v0), (d1, v1)) = (pair[0], pair[1]);
                    if n <= d1 {
                        return v0 + (v1 - v0) * (n - d0) as f64 / (d1 - d0).max(1) as f64;
                    }
                }
                points.last().map_or(0.0, |p| p.1)
            }
        }
    }
}

/// One participant of a generated caseload: their record, and for a
/// partial export the first day it covers.
#[derive(Debug, Clone)]
pub struct Member {
    pub demo: Demo,
    pub partial_from: Option<NaiveDate>,
}

/// A caseload of `count` participants as a trial sees them, the same for
/// the same arguments: responders who hold, responders who lose it at
/// different times (some regain it), non-responders, late responders,
/// participants below caseness at baseline, some at the start of their
/// window, some item-9 days, and every eleventh export partial.
pub fn caseload_mix(count: usize, today: NaiveDate) -> Vec<Member> {
    (0..count)
        .map(|i| {
            let seed = 1000 + i as u64;
            let mut rng = fastrand::Rng::with_seed(seed);
            // where each is in the window: a quarter at its end
            let day = if i % 4 == 1 { 182 } else { 20 + (i as i64 * 37) % 163 };
            let base = 17.0 + f64::from(rng.u8(0..7));
            let points = match i % 10 {
                // responds in the first weeks and holds
                0..=2 => {
                    let by = [3, 5, 12][i % 10];
                    vec![(-14, base), (0, base - 3.0), (by, 6.0), (182, 5.0 + f64::from(rng.u8(0..3)))]
                }
                // responds, then loses it at a week of its own
                3 | 4 => {
                    let at = 20 + (i as i64 * 13) % 90;
                    vec![
                        (-14, base),
                        (0, base - 2.0),
                        (7, 7.0),
                        (at, 7.0),
                        (at + 10, base - 3.0),
                        (182, base - 4.0),
                    ]
                }
                // the demo's course: responds, loses it, regains it
                5 => {
                    vec![(-14, base), (0, base - 4.0), (6, 6.5), (58, 6.5), (62, 13.0), (80, 13.0), (84, 6.0)]
                }
                // improves, never by half
                6 | 7 => vec![(-14, base), (30, base - 5.0), (182, base - 6.0)],
                // below caseness at baseline
                8 => vec![(-14, 8.0), (30, 5.0), (182, 4.0)],
                // a late responder
                _ => vec![(-14, base), (35, base - 2.0), (56, 6.0), (182, 5.0)],
            };
            let name = format!("C{:03}", i + 1);
            let demo = Demo {
                path: Path::Points(points),
                item9_day: (i % 7 == 3).then_some(9 + (i as i64 % 20)),
                ..Demo::six_months(&name, today, seed)
            };
            // some drift away: fewer entries, or none for the last days
            let missed_percent = if i % 6 == 2 { 40 } else { demo.missed_percent };
            let last = if i % 9 == 4 { today - Days::new(3 + i as u64 % 4) } else { today };
            let demo =
                Demo { dosing_date: today - Days::new(day as u64), missed_percent, today: last, ..demo };
            let partial_from = (i % 11 == 7).then(|| demo.dosing_date + Days::new(14));
            Member { demo, partial_from }
        })
        .collect()
}

impl Demo {
    /// A participant at day 150 of a six-month window on `today`.
    pub fn six_months(participant: &str, today: NaiveDate, seed: u64) -> Self {
        Self {
            participant: participant.to_string(),
            dosing_date: today - Days::new(150),
            window_days: crate::window::DEFAULT_LENGTH_DAYS,
            today,
            baseline_days: 14,
            seed,
            missed_percent: 6,
            path: Path::Demo,
            item9_day: Some(9),
        }
    }

    /// `years` of daily data up to `today` (for the growth benchmarks).
    pub fn years(participant: &str, today: NaiveDate, years: u32, seed: u64) -> Self {
        let days = 365 * years;
        Self {
            participant: participant.to_string(),
            dosing_date: today - Days::new(u64::from(days)),
            window_days: days.min(crate::window::MAX_LENGTH_DAYS),
            today,
            baseline_days: 14,
            seed,
            missed_percent: 3,
            path: Path::Demo,
            item9_day: Some(9),
        }
    }

    pub fn journal(&self) -> Journal {
        let mut rng = fastrand::Rng::with_seed(self.seed);
        let window = Window::new(self.dosing_date, self.window_days, 1).expect("demo window is valid");
        let mut profile = Profile::new(
            self.participant.clone(),
            window,
            Some("Dr. Amara Rivera, study clinic: 555-0100".into()),
        );
        profile.care_contact = Some("Dr. Amara Rivera, study clinic: 555-0100".into());
        let offset = FixedOffset::east_opt(3600).expect("valid offset");
        let at = |date: NaiveDate, h: u32, m: u32| -> DateTime<FixedOffset> {
            offset
                .from_local_datetime(&date.and_hms_opt(h, m, 0).expect("valid time"))
                .single()
                .expect("fixed offsets are unambiguous")
        };

        let mut entries: Vec<Entry> = Vec::new();
        let first = self.dosing_date - Days::new(u64::from(self.baseline_days));
        let safety_day = self.item9_day.map(|d| window.date_of(d));
        let mut day = first;
        while day <= self.today {
            let n = window.day_of(day);
            let skip = n != 0
                && day != self.today
                && Some(day) != safety_day
                && rng.u32(0..100) < self.missed_percent;
            if !skip {
                let late = n > 0 && day != self.today && rng.u32(0..100) < 4;
                let recorded = if late {
                    at(day + Days::new(1), 9, rng.u32(0..60))
                } else {
                    at(day, 19 + rng.u32(0..3), rng.u32(0..60))
                };
                let target = phq9_target(&self.path, n, &mut rng);
                let mut answers = spread(target, &mut rng);
                if Some(day) == safety_day {
                    answers[8] = 1;
                }
                let difficulty = Some(match target {
                    0..=4 => 0,
                    5..=11 => 1,
                    12..=18 => 2,
                    _ => 3,
                });
                let phq9 = Phq9::answered(answers, difficulty).expect("demo answers are in range");
                entries.push(original(entries.len() as i64 + 1, day, Record::Phq9(phq9), recorded));

                let mood_level =
                    (10.0 - f64::from(target) / 2.7 + rng.f64() * 2.0 - 1.0).clamp(0.0, 10.0).round() as u8;
                let anxiety = (rng.u32(0..100) < 85)
                    .then(|| ((f64::from(target) / 3.0) + rng.f64() * 2.0).min(10.0) as u8);
                let energy = (rng.u32(0..100) < 85).then(|| mood_level.saturating_sub(rng.u8(0..3)));
                let sleep = (rng.u32(0..100) < 90)
                    .then(|| SleepHours::from_half_hours(11 + rng.u8(0..7)).expect("in range"));
                let note = note_for(n, &mut rng);
                let tags: &[&str] = match n.rem_euclid(7) {
                    0 => &["integration-practice"],
                    3 => &["meditation", "walk"],
                    5 => &["meditation"],
                    _ => &[],
                };
                let mood = Mood::try_from(MoodFields {
                    mood: mood_level,
                    anxiety,
                    energy,
                    sleep,
                    note,
                    tags: tags.iter().map(|t| t.to_string()).collect(),
                })
                .expect("demo mood is valid");
                entries.push(original(
                    entries.len() as i64 + 1,
                    day,
                    Record::Mood(mood),
                    recorded + chrono::Duration::minutes(4),
                ));
            }
            day = day + Days::new(1);
        }
        correct_one(&mut entries, window.date_of(20), at);

        let mut events = Vec::new();
        let mut add_event = |kind, n: i64, note: Option<&str>| {
            let date = window.date_of(n);
            if date <= self.today {
                events.push(Event {
                    id: events.len() as i64 + 1,
                    versions: vec![Version {
                        number: 1,
                        change: Change::Original,
                        recorded_at: at(date.min(self.dosing_date), 8, 0),
                        reason: None,
                        data: EventData { kind, date, note: note.map(str::to_string) },
                    }],
                });
            }
        };
        add_event(EventKind::Dosing, 0, None);
        add_event(EventKind::Integration, 2, Some("First integration session: went over the dosing day."));
        add_event(EventKind::Medication, 58, Some("Sertraline tapered to 25 mg."));
        add_event(EventKind::Integration, 72, Some("Talked about the hard weeks since the taper."));
        Journal { profile, entries, events }
    }
}

fn original(id: i64, day: NaiveDate, record: Record, recorded_at: DateTime<FixedOffset>) -> Entry {
    Versioned {
        id,
        versions: vec![Version {
            number: 1,
            change: Change::Original,
            recorded_at,
            reason: None,
            data: EntryData { day, record },
        }],
    }
}

/// The PHQ-9 total on day `n`: the path's level, with noise.
fn phq9_target(path: &Path, n: i64, rng: &mut fastrand::Rng) -> u8 {
    (path.level(n) + rng.f64() * 4.0 - 2.0).round().clamp(0.0, 24.0) as u8
}

/// Spread a total over items 1–8 (item 9 stays 0), each 0–3.
fn spread(total: u8, rng: &mut fastrand::Rng) -> [u8; 9] {
    let mut a = [0u8; 9];
    let mut left = total.min(24);
    while left > 0 {
        let i = rng.usize(0..8);
        if a[i] < 3 {
            a[i] += 1;
            left -= 1;
        }
    }
    a
}

fn note_for(n: i64, rng: &mut fastrand::Rng) -> Option<String> {
    const NOTES: [&str; 8] = [
        "Slept badly, heavy morning.",
        "Walked by the river after work; felt lighter.",
        "Hard conversation with my sister, but I stayed present.",
        "Journaled about the session imagery again.",
        "Tired, but not the old flat tiredness.",
        "Meditated 20 minutes. Noticed the urge to ruminate and let it pass.",
        "Good day. Cooked for friends.",
        "Anxious before the integration session.",
    ];
    (n % 3 == 0 || rng.u32(0..100) < 20).then(|| NOTES[rng.usize(0..NOTES.len())].to_string())
}

/// The mood entry on `day` gets a correction, as a participant fixing a slip would.
fn correct_one(
    entries: &mut [Entry],
    day: NaiveDate,
    at: impl Fn(NaiveDate, u32, u32) -> DateTime<FixedOffset>,
) {
    // the first mood entry from that day on (the day itself may be a missed one)
    if let Some(e) = entries.iter_mut().find(|e| e.day() >= day && e.record().mood().is_some()) {
        let day = e.day();
        let old = e.record().mood().expect("a mood entry");
        let fixed = MoodPatch { mood: Some((old.mood() + 3).min(10)), ..MoodPatch::default() }
            .apply(old)
            .expect("valid");
        e.versions.push(Version {
            number: 2,
            change: Change::Correction,
            recorded_at: at(day + Days::new(1), 8, 30),
            reason: Some("Slider slipped: meant a better day than that.".into()),
            data: EntryData { day, record: Record::Mood(fixed) },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::overview::{Coverage, Overview};

    #[test]
    fn the_demo_has_what_a_newcomer_should_see() {
        let today: NaiveDate = "2026-11-22".parse().unwrap();
        let j = Demo::six_months("DEMO-01", today, 7).journal();
        assert_eq!(j, Demo::six_months("DEMO-01", today, 7).journal(), "reproducible");
        let o = Overview::new(&j, today, &Coverage::all());
        assert_eq!(o.safety.len(), 1, "one item-9 day");
        assert!(j.entries.iter().any(|e| e.is_corrected()));
        assert!(j.entries.iter().any(|e| e.is_late()));
        let days = (today - j.profile.window.dosing_date).num_days() + 15;
        let moods = j.entries.iter().filter(|e| e.record().mood().is_some()).count() as i64;
        assert!(moods < days && moods > days * 8 / 10, "a few missed days: {moods} of {days}");
        let out = o.outcome.unwrap();
        assert!(out.baseline.value >= 15.0);
        assert_eq!(out.baseline.kind, crate::outcome::BaselineKind::BaselinePeriod);
        assert!(out.baseline.n >= 12, "a baseline fortnight, a day or two missed");
        assert!(out.now.unwrap().assessment.change < -6.0, "improves");
        assert_eq!(j.events.iter().filter(|e| e.current().data.kind == EventKind::Integration).count(), 2);
        let course = o.course.unwrap();
        assert_eq!(course.first_response_week, Some(1), "{}", course.sentence());
        assert!(course.response_lost_week.is_some_and(|l| (9..=11).contains(&l)), "{}", course.sentence());
    }
}
