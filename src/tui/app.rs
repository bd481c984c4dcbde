//! The TUI's state and its update function (The Elm Architecture): keys map
//! to an [`Action`] in one pure function per screen, [`App::update`] changes
//! state and returns [`Effect`]s (unlock, save) that run outside it, and the
//! outcome of an effect comes back through [`App::apply`]. Drawing takes
//! `&App` and never mutates.

use super::screens::{
    caseload, checkin, day, event, history, mood, onboarding, reason, safety, trends, unlock,
};
use crate::journal::{Journal, Profile};
use crate::overview::Overview;
use crate::record::{EntryData, EventData, Instrument, Record};
use crate::review;
use crate::share::Export;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use secrecy::SecretString;

/// The screens, one variant each; the app keeps a stack of them.
#[derive(Debug)]
pub enum Screen {
    Unlock(unlock::State),
    Onboarding(Box<onboarding::State>),
    Dashboard,
    Trends(trends::State),
    Checkin(checkin::State),
    Safety(safety::State),
    Mood(Box<mood::State>),
    History(history::State),
    Day(day::State),
    Reason(reason::State),
    Event(event::State),
    Caseload(Box<caseload::State>),
    Help,
}

impl Screen {
    /// Forms are left behind once what they edit is saved.
    fn is_form(&self) -> bool {
        matches!(self, Screen::Checkin(_) | Screen::Mood(_) | Screen::Reason(_) | Screen::Event(_))
    }

    pub fn name(&self) -> &'static str {
        match self {
            Screen::Unlock(_) => "Unlock",
            Screen::Onboarding(_) => "Set up",
            Screen::Dashboard => "Dashboard",
            Screen::Trends(_) => "Trends",
            Screen::Checkin(_) => "PHQ-9 check-in",
            Screen::Safety(_) => "Safety",
            Screen::Mood(_) => "Mood entry",
            Screen::History(_) => "History",
            Screen::Day(_) => "Day",
            Screen::Reason(_) => "Reason",
            Screen::Event(_) => "Timeline event",
            Screen::Caseload(_) => "Caseload",
            Screen::Help => "Help",
        }
    }
}

/// Where a key asks to go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Go {
    Checkin(NaiveDate),
    Mood(NaiveDate),
    Trends,
    History,
    Day(NaiveDate),
    AmendEntry(i64),
    RetractEntry(i64),
    AddEvent(NaiveDate),
    AmendEvent(i64),
    RetractEvent(i64),
}

/// What a key means.
#[derive(Debug)]
pub enum Action {
    Quit,
    Back,
    Help,
    Zoom,
    Refresh,
    Go(Go),
    Unlock(unlock::Msg),
    Onboarding(onboarding::Msg),
    Trends(trends::Msg),
    Checkin(checkin::Msg),
    Safety(safety::Msg),
    Mood(mood::Msg),
    History(history::Msg),
    Day(day::Msg),
    Reason(reason::Msg),
    Event(event::Msg),
    Caseload(caseload::Msg),
}

/// A change to the store.
#[derive(Debug, Clone)]
pub enum Write {
    AddEntry(EntryData),
    AmendEntry(i64, EntryData, String),
    RetractEntry(i64, String),
    AddEvent(EventData),
    AmendEvent(i64, EventData, String),
    RetractEvent(i64, String),
}

impl Write {
    /// The record this write leaves behind, when it is an entry with item 9 above 0.
    fn raises_safety(&self) -> bool {
        match self {
            Write::AddEntry(d) | Write::AmendEntry(_, d, _) => d.record.safety_signal(),
            _ => false,
        }
    }

    fn done_message(&self) -> String {
        let entry = |d: &EntryData| match &d.record {
            Record::Phq9(p) => match (p.total(), p.severity()) {
                (Some(t), Some(s)) => format!("PHQ-9 for {}: {t} ({s})", d.day),
                _ => format!("PHQ-9 for {}", d.day),
            },
            Record::Mood(m) => format!("mood {} for {}", m.mood(), d.day),
        };
        match self {
            Write::AddEntry(d) => format!("Saved {}.", entry(d)),
            Write::AmendEntry(id, d, _) => format!("Corrected entry {id}: {}.", entry(d)),
            Write::RetractEntry(id, _) => format!("Retracted entry {id}; its history is kept."),
            Write::AddEvent(e) => format!("Added {} on {}.", e.kind, e.date),
            Write::AmendEvent(id, _, _) => format!("Corrected event {id}."),
            Write::RetractEvent(id, _) => format!("Retracted event {id}."),
        }
    }
}

/// Work for the runtime: it touches the store, then calls [`App::apply`].
#[derive(Debug)]
pub enum Effect {
    Unlock(SecretString),
    Create(SecretString, Profile),
    Write(Write),
    Reload,
}

/// What an effect came to.
#[derive(Debug)]
pub enum Outcome {
    Opened(Journal),
    UnlockFailed {
        wrong_passphrase: bool,
        message: String,
    },
    CreateFailed(String),
    Written(Write, Journal),
    /// The write that failed (if any) and why.
    WriteFailed(Option<Write>, String),
    Reloaded(Journal),
}

/// How a screen's own update ends.
#[derive(Debug)]
pub enum Step {
    Stay,
    Back,
    Push(Screen),
    Go(Go),
    Run(Effect),
    /// Open the caseload's participant at this row.
    OpenCase(usize),
}

/// The day span the charts show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zoom {
    Days14,
    #[default]
    Days30,
    Window,
}

impl Zoom {
    pub fn next(self) -> Self {
        match self {
            Zoom::Days14 => Zoom::Days30,
            Zoom::Days30 => Zoom::Window,
            Zoom::Window => Zoom::Days14,
        }
    }

    /// The first and last day shown.
    pub fn range(self, journal: &Journal, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let w = journal.window();
        let end = today.min(w.end_date()).max(w.dosing_date.min(today));
        let back = |n: u64| end - chrono::Days::new(n - 1);
        match self {
            Zoom::Days14 => (back(14), end),
            Zoom::Days30 => (back(30), end),
            Zoom::Window => {
                let first = journal.entries.iter().map(|e| e.day()).min().unwrap_or(w.dosing_date);
                (first.min(w.dosing_date).min(end), end)
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Zoom::Days14 => "last 14 days",
            Zoom::Days30 => "last 30 days",
            Zoom::Window => "whole window",
        }
    }
}

/// A loaded record and what it says today.
#[derive(Debug)]
pub struct Data {
    pub journal: Journal,
    pub overview: Overview,
    /// Values by day over the whole record, built once per load so a frame
    /// only slices it.
    pub days: Vec<(NaiveDate, crate::overview::DayValues)>,
    pub markers: Vec<(NaiveDate, crate::record::EventKind)>,
}

impl Data {
    fn new(journal: Journal, today: NaiveDate) -> Self {
        let overview = Overview::new(&journal, today);
        let w = journal.window();
        let first = journal.entries.iter().map(|e| e.day()).min().unwrap_or(w.dosing_date).min(w.dosing_date);
        let last = journal.entries.iter().map(|e| e.day()).max().unwrap_or(today).max(today);
        let days = crate::overview::daily(&journal, first, last);
        let markers = crate::overview::markers(&journal, first.min(last), last);
        Self { journal, overview, days, markers }
    }

    /// The days `from..=to` (days outside the record have no values).
    pub fn days(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> std::borrow::Cow<'_, [(NaiveDate, crate::overview::DayValues)]> {
        let covered = self.days.first().is_some_and(|(d, _)| from >= *d)
            && self.days.last().is_some_and(|(d, _)| to <= *d);
        if !covered || from > to {
            return crate::overview::daily(&self.journal, from, to).into();
        }
        let first = self.days[0].0;
        let start = (from - first).num_days() as usize;
        let end = (to - first).num_days() as usize + 1;
        std::borrow::Cow::Borrowed(&self.days[start..end])
    }

    pub fn markers(&self, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, crate::record::EventKind)> {
        self.markers.iter().copied().filter(|(d, _)| (from..=to).contains(d)).collect()
    }
}

/// Whose export a read-only review shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewInfo {
    pub header: String,
    /// The export's date filters: days outside them are not in the export.
    pub filters: crate::share::Filters,
}

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

#[derive(Debug)]
pub struct App {
    pub today: NaiveDate,
    /// Never empty; the last is the screen on top.
    pub stack: Vec<Screen>,
    pub data: Option<Data>,
    pub zoom: Zoom,
    pub status: Option<Status>,
    /// Set for a therapist's review: no check-ins, no amendments.
    pub review: Option<ReviewInfo>,
    pub quit: bool,
}

impl App {
    /// The app for a participant: `Unlock` when a database exists, else onboarding.
    pub fn new(today: NaiveDate, database_exists: bool) -> Self {
        let first = if database_exists {
            Screen::Unlock(unlock::State::default())
        } else {
            Screen::Onboarding(Box::new(onboarding::State::new(today)))
        };
        Self {
            today,
            stack: vec![first],
            data: None,
            zoom: Zoom::default(),
            status: None,
            review: None,
            quit: false,
        }
    }

    /// The app on a loaded record, starting at the dashboard.
    pub fn with_journal(today: NaiveDate, journal: Journal) -> Self {
        let mut app = Self::new(today, true);
        app.stack = vec![Screen::Dashboard];
        app.load(journal);
        app
    }

    /// A read-only review of one export, as of the day it was made.
    pub fn review(export: &Export) -> Self {
        let mut app = Self::with_journal(review::as_of(export), export.journal.clone());
        app.show_export(export);
        app
    }

    /// The therapist's caseload.
    pub fn caseload(caseload: review::Caseload, today: NaiveDate) -> Self {
        let mut app = Self::new(today, true);
        app.stack = vec![Screen::Caseload(Box::new(caseload::State::new(caseload)))];
        app.review = Some(ReviewInfo { header: "caseload".into(), filters: Default::default() });
        app
    }

    fn show_export(&mut self, export: &Export) {
        self.today = review::as_of(export);
        self.load(export.journal.clone());
        if let Some(data) = &mut self.data {
            data.overview = review::overview_of(export);
        }
        self.review =
            Some(ReviewInfo { header: review::describe(export), filters: export.meta.filters.clone() });
    }

    pub fn screen(&self) -> &Screen {
        self.stack.last().expect("the screen stack is never empty")
    }

    pub fn readonly(&self) -> bool {
        self.review.is_some()
    }

    /// Whether a day is in the record shown (a partial export leaves days out).
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.review.as_ref().is_none_or(|r| r.filters.covers(day))
    }

    /// The days the charts show: the zoom's span, within what the record covers.
    pub fn chart_range(&self, journal: &Journal) -> (NaiveDate, NaiveDate) {
        let (mut from, mut to) = self.zoom.range(journal, self.today);
        if let Some(f) = self.review.as_ref().map(|r| &r.filters) {
            from = f.from.map_or(from, |d| from.max(d));
            to = f.to.map_or(to, |d| to.min(d));
        }
        (from.min(to), to)
    }

    pub fn load(&mut self, journal: Journal) {
        self.data = Some(Data::new(journal, self.today));
    }

    /// Map a key to an action for the screen on top (pure).
    pub fn keymap(&self, key: KeyEvent) -> Option<Action> {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return Some(Action::Quit);
        }
        let readonly = self.readonly();
        match self.screen() {
            Screen::Unlock(s) => unlock::keymap(s, key),
            Screen::Onboarding(s) => onboarding::keymap(s, key),
            Screen::Dashboard => super::screens::dashboard::keymap(key, self.today, readonly),
            Screen::Trends(s) => trends::keymap(s, key),
            Screen::Checkin(s) => checkin::keymap(s, key),
            Screen::Safety(s) => safety::keymap(s, key),
            Screen::Mood(s) => mood::keymap(s, key),
            Screen::History(s) => history::keymap(s, key, readonly),
            Screen::Day(s) => day::keymap(s, key, readonly),
            Screen::Reason(s) => reason::keymap(s, key),
            Screen::Event(s) => event::keymap(s, key),
            Screen::Caseload(s) => caseload::keymap(s, key),
            Screen::Help => super::screens::help::keymap(key),
        }
    }

    /// Handle a key: map it, then update.
    pub fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match self.keymap(key) {
            Some(action) => self.update(action),
            None => Vec::new(),
        }
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let step = match action {
            Action::Quit => {
                // the safety screen is never dismissed by accident
                if !matches!(self.screen(), Screen::Safety(_)) {
                    self.quit = true;
                }
                Step::Stay
            }
            Action::Back => Step::Back,
            Action::Help => Step::Push(Screen::Help),
            Action::Zoom => {
                self.zoom = self.zoom.next();
                Step::Stay
            }
            Action::Refresh => Step::Run(Effect::Reload),
            Action::Go(go) => self.go(go),
            action => self.screen_update(action),
        };
        let step = match step {
            Step::Go(go) => self.go(go),
            Step::OpenCase(row) => self.open_case(row),
            step => step,
        };
        match step {
            Step::Stay => Vec::new(),
            Step::Back => {
                self.back();
                Vec::new()
            }
            Step::Push(screen) => {
                self.status = None;
                self.stack.push(screen);
                Vec::new()
            }
            Step::Run(effect) => vec![effect],
            Step::Go(_) | Step::OpenCase(_) => Vec::new(),
        }
    }

    fn open_case(&mut self, row: usize) -> Step {
        let export = match self.stack.first() {
            Some(Screen::Caseload(c)) => c.caseload.exports.get(row).cloned(),
            _ => None,
        };
        match export {
            Some(export) => {
                self.show_export(&export);
                Step::Push(Screen::Dashboard)
            }
            None => Step::Stay,
        }
    }

    fn back(&mut self) {
        self.status = None;
        if self.stack.len() > 1 {
            self.stack.pop();
            if matches!(self.screen(), Screen::Caseload(_)) {
                self.review = Some(ReviewInfo { header: "caseload".into(), filters: Default::default() });
            }
        } else if matches!(
            self.screen(),
            Screen::Dashboard | Screen::Unlock(_) | Screen::Onboarding(_) | Screen::Caseload(_)
        ) {
            self.quit = true;
        }
    }

    fn screen_update(&mut self, action: Action) -> Step {
        let today = self.today;
        let data = self.data.as_ref();
        let Some(top) = self.stack.last_mut() else { return Step::Stay };
        match (top, action) {
            (Screen::Unlock(s), Action::Unlock(m)) => unlock::update(s, m),
            (Screen::Onboarding(s), Action::Onboarding(m)) => onboarding::update(s, m),
            (Screen::Trends(s), Action::Trends(m)) => trends::update(s, m),
            (Screen::Checkin(s), Action::Checkin(m)) => checkin::update(s, m),
            (Screen::Safety(s), Action::Safety(m)) => safety::update(s, m),
            (Screen::Mood(s), Action::Mood(m)) => mood::update(s, m),
            (Screen::History(s), Action::History(m)) => history::update(s, m, data, today),
            (Screen::Day(s), Action::Day(m)) => day::update(s, m, data),
            (Screen::Reason(s), Action::Reason(m)) => reason::update(s, m),
            (Screen::Event(s), Action::Event(m)) => event::update(s, m, today),
            (Screen::Caseload(s), Action::Caseload(m)) => caseload::update(s, m),
            _ => Step::Stay,
        }
    }

    fn go(&mut self, go: Go) -> Step {
        let writes = !matches!(go, Go::Trends | Go::History | Go::Day(_));
        if writes && self.readonly() {
            self.status = Some(Status { text: "This is a read-only review.".into(), error: true });
            return Step::Stay;
        }
        let Some(data) = &self.data else { return Step::Stay };
        let journal = &data.journal;
        let missing = |what: &str, id: i64| Status { text: format!("No {what} {id}."), error: true };
        if let Go::Checkin(day) | Go::Mood(day) = &go
            && let Err(e) = journal.window().check_entry_day(*day, self.today)
        {
            self.status = Some(Status { text: e.to_string(), error: true });
            return Step::Stay;
        }
        // a day holds one entry per instrument: a second check-in corrects the first
        let existing = match &go {
            Go::Checkin(day) => journal.entry_on(Instrument::Phq9, *day).map(|e| (e.id, "PHQ-9", *day)),
            Go::Mood(day) => journal.entry_on(Instrument::Mood, *day).map(|e| (e.id, "mood entry", *day)),
            _ => None,
        };
        if let Some((id, what, day)) = existing {
            let step = self.go(Go::AmendEntry(id));
            self.status = Some(Status {
                text: format!(
                    "The {what} for {day} is saved (entry {id}): you are correcting it; a reason is asked."
                ),
                error: false,
            });
            return step;
        }
        let screen = match go {
            Go::Checkin(day) => Screen::Checkin(checkin::State::new(day, None)),
            Go::Mood(day) => Screen::Mood(Box::new(mood::State::new(day))),
            Go::Trends => Screen::Trends(trends::State::default()),
            Go::History => Screen::History(history::State::default()),
            Go::Day(date) => Screen::Day(day::State::new(date)),
            Go::AmendEntry(id) | Go::RetractEntry(id)
                if journal.entry(id).is_some_and(|e| e.is_retracted()) =>
            {
                self.status = Some(Status {
                    text: format!("Entry {id} was retracted: it can no longer be changed."),
                    error: true,
                });
                return Step::Stay;
            }
            Go::AmendEvent(id) | Go::RetractEvent(id)
                if journal.event(id).is_some_and(|e| e.is_retracted()) =>
            {
                self.status = Some(Status {
                    text: format!("Event {id} was retracted: it can no longer be changed."),
                    error: true,
                });
                return Step::Stay;
            }
            Go::AmendEntry(id) => match journal.entry(id) {
                Some(e) => match e.record() {
                    Record::Phq9(p) => Screen::Checkin(checkin::State::amending(id, e.day(), p)),
                    Record::Mood(m) => Screen::Mood(Box::new(mood::State::amending(id, e.day(), m))),
                },
                None => {
                    self.status = Some(missing("entry", id));
                    return Step::Stay;
                }
            },
            Go::RetractEntry(id) => Screen::Reason(reason::State::new(reason::Purpose::RetractEntry(id))),
            Go::AddEvent(date) => Screen::Event(event::State::new(date, None)),
            Go::AmendEvent(id) => match journal.event(id) {
                Some(e) => {
                    Screen::Event(event::State::new(e.current().data.date, Some((id, &e.current().data))))
                }
                None => {
                    self.status = Some(missing("event", id));
                    return Step::Stay;
                }
            },
            Go::RetractEvent(id) => Screen::Reason(reason::State::new(reason::Purpose::RetractEvent(id))),
        };
        Step::Push(screen)
    }

    /// Take in what an effect came to.
    pub fn apply(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Opened(journal) => {
                self.load(journal);
                self.stack = vec![Screen::Dashboard];
                self.status = None;
            }
            Outcome::UnlockFailed { wrong_passphrase, message } => {
                if let Some(Screen::Unlock(s)) = self.stack.last_mut() {
                    unlock::failed(s, wrong_passphrase, message);
                }
            }
            Outcome::CreateFailed(message) => {
                if let Some(Screen::Onboarding(s)) = self.stack.last_mut() {
                    s.error = Some(message);
                }
            }
            Outcome::Written(write, journal) => {
                self.load(journal);
                while self.stack.len() > 1 && self.screen().is_form() {
                    self.stack.pop();
                }
                self.status = Some(Status { text: write.done_message(), error: false });
                if write.raises_safety() {
                    self.stack.push(Screen::Safety(safety::State::default()));
                }
            }
            Outcome::WriteFailed(write, message) => {
                self.status = Some(Status { text: format!("Not saved: {message}"), error: true });
                // the safety information never depends on the save succeeding
                if write.is_some_and(|w| w.raises_safety()) {
                    self.stack.push(Screen::Safety(safety::State {
                        answer: safety::Answer::NotSaved,
                        ..Default::default()
                    }));
                }
            }
            Outcome::Reloaded(journal) => self.load(journal),
        }
    }
}
