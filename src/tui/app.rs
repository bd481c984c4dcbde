//! The TUI's state and its update (The Elm Architecture): a key is looked
//! up in the top screen's key table, the screen's update or the app's
//! [`App::update`] changes state and returns [`Effect`]s (unlock, save) that
//! run outside it, and their outcome comes back through [`App::apply`].
//! Drawing reads the [`Context`] and never mutates.

pub use super::context::Zoom;
use super::context::{Context, Data, ReviewInfo};
pub use super::msg::{Action, Go};
use super::msg::{Correction, Effect, Outcome, Page, SafetyAnswer, Step};
use super::screen::Handled;
pub use super::screen::Screen;
use super::screens::{
    baseline, caseload, checkin, course, day, event, export, help, history, info, mood, onboarding, reason,
    safety, trends, unlock,
};
use crate::journal::Journal;
use crate::overview::Coverage;
use crate::record::{Instrument, Record};
use crate::review;
use crate::share::Export;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

impl Status {
    fn error(text: impl Into<String>) -> Option<Self> {
        Some(Self { text: text.into(), error: true })
    }
}

#[derive(Debug)]
pub struct App {
    /// Never empty; the last is the screen on top.
    pub stack: Vec<Screen>,
    pub ctx: Context,
    pub status: Option<Status>,
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
            stack: vec![first],
            ctx: Context {
                today,
                data: None,
                zoom: Zoom::default(),
                review: None,
                settings: Default::default(),
            },
            status: None,
            quit: false,
        }
    }

    /// A line shown under the unlock screen's field (the demo's passphrase).
    pub fn with_unlock_hint(mut self, hint: String) -> Self {
        if let Some(Screen::Unlock(s)) = self.stack.last_mut() {
            s.hint = Some(hint);
        }
        self
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
        let mut app = Self::new(export.as_of(), true);
        app.stack = vec![Screen::Dashboard];
        let data = Data::new(export.journal.clone(), export.as_of(), &export.coverage());
        app.show_export(data, export);
        app
    }

    /// The therapist's caseload.
    pub fn caseload(caseload: review::Caseload, today: NaiveDate) -> Self {
        let mut app = Self::new(today, true);
        app.stack = vec![Screen::Caseload(Box::new(caseload::State::new(caseload)))];
        app.ctx.review = Some(ReviewInfo::caseload());
        app
    }

    fn show_export(&mut self, data: Data, export: &Export) {
        self.ctx.today = export.as_of();
        self.ctx.data = Some(data);
        self.ctx.review =
            Some(ReviewInfo { header: review::describe(export), filters: export.meta.filters.clone() });
    }

    fn caseload_row(&self, row: usize) -> Option<&review::CaseRow> {
        match self.stack.first() {
            Some(Screen::Caseload(c)) => c.caseload.rows.get(row),
            _ => None,
        }
    }

    pub fn screen(&self) -> &Screen {
        self.stack.last().expect("the screen stack is never empty")
    }

    pub fn readonly(&self) -> bool {
        self.ctx.readonly()
    }

    pub fn load(&mut self, journal: Journal) {
        self.ctx.data = Some(Data::new(journal, self.ctx.today, &Coverage::all()));
    }

    /// Handle a key: the top screen's key table says what it means.
    pub fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return self.update(Action::Quit);
        }
        let Some(top) = self.stack.last_mut() else { return Vec::new() };
        match top.key(&self.ctx, key) {
            Some(Handled::App(action)) => self.update(action),
            Some(Handled::Step(step)) => self.step(step),
            None => Vec::new(),
        }
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => {
                // the safety screen is never dismissed by accident
                if !matches!(self.screen(), Screen::Safety(_)) {
                    self.quit = true;
                }
            }
            Action::Back => self.back(),
            Action::Help => {
                let top = self.screen();
                let help = help::State {
                    screen: top.name(),
                    hints: top.hints(&self.ctx),
                    about: top.about(),
                    scroll: 0,
                };
                self.push(Screen::Help(help));
            }
            Action::Zoom => self.ctx.zoom = self.ctx.zoom.next(),
            // a review holds no database to read again
            Action::Refresh if self.readonly() => {}
            Action::Refresh => return vec![Effect::Reload],
            Action::Go(go) => self.go(go),
        }
        Vec::new()
    }

    fn step(&mut self, step: Step) -> Vec<Effect> {
        match step {
            Step::Stay => {}
            Step::Back => self.back(),
            Step::Go(go) => self.go(go),
            Step::Run(effect) => return vec![effect],
        }
        Vec::new()
    }

    fn push(&mut self, screen: Screen) {
        self.status = None;
        self.stack.push(screen);
    }

    fn back(&mut self) {
        self.status = None;
        if self.stack.len() > 1 {
            self.stack.pop();
            if matches!(self.screen(), Screen::Caseload(_)) {
                self.ctx.review = Some(ReviewInfo::caseload());
            }
        } else if matches!(
            self.screen(),
            Screen::Dashboard | Screen::Unlock(_) | Screen::Onboarding(_) | Screen::Caseload(_)
        ) {
            self.quit = true;
        }
    }

    /// Open the screen a key or a screen asks for.
    fn go(&mut self, go: Go) {
        let writes = !matches!(
            go,
            Go::Trends | Go::Course | Go::History | Go::Day(_) | Go::Case(_) | Go::Safety(_) | Go::Info(_)
        );
        if writes && self.readonly() {
            self.status = Status::error("This is a read-only review.");
            return;
        }
        if let Go::Case(row) = go {
            return self.open_case(row);
        }
        if let Go::Safety(answer) = go {
            return self.push(Screen::Safety(safety::State { answer, ..Default::default() }));
        }
        if let Go::Info(page) = go {
            let state = match (page, &self.ctx.data) {
                (Page::Outcomes, _) => info::outcomes(),
                (Page::Profile, Some(data)) => {
                    info::profile(&data.journal.profile, self.ctx.settings.daily_backup)
                }
                (Page::Profile, None) => return,
            };
            return self.push(Screen::Info(state));
        }
        if go == Go::Export {
            let state = export::State::new(&self.ctx);
            return self.push(Screen::Export(Box::new(state)));
        }
        if let Go::Reason(correction) = go {
            return self.push(Screen::Reason(reason::State::new(correction)));
        }
        let Some(data) = &self.ctx.data else { return };
        let journal = &data.journal;
        if let Go::Checkin(_, day) | Go::Mood(day) = &go
            && let Err(e) = journal.window().check_entry_day(*day, self.ctx.today)
        {
            self.status = Status::error(e.to_string());
            return;
        }
        // a day holds one entry per instrument: a second check-in corrects the first
        let existing = match &go {
            Go::Checkin(instrument, day) => {
                journal.entry_on(*instrument, *day).map(|e| (e.id, instrument.noun(), *day))
            }
            Go::Mood(day) => journal.entry_on(Instrument::Mood, *day).map(|e| (e.id, "mood entry", *day)),
            _ => None,
        };
        if let Some((id, what, day)) = existing {
            self.go(Go::AmendEntry(id));
            self.status = Some(Status {
                text: format!(
                    "The {what} for {day} is saved (entry {id}): you are correcting it; a reason is asked."
                ),
                error: false,
            });
            return;
        }
        let retracted = match &go {
            Go::AmendEntry(id) | Go::RetractEntry(id) => {
                journal.entry(*id).is_some_and(|e| e.is_retracted()).then(|| format!("Entry {id}"))
            }
            Go::AmendEvent(id) | Go::RetractEvent(id) => {
                journal.event(*id).is_some_and(|e| e.is_retracted()).then(|| format!("Event {id}"))
            }
            _ => None,
        };
        if let Some(what) = retracted {
            self.status = Status::error(format!("{what} was retracted: it can no longer be changed."));
            return;
        }
        let screen = match go {
            Go::Checkin(instrument, day) => match instrument.description() {
                Some(q) => Screen::Checkin(checkin::State::of(q, day, None)),
                None => Screen::Mood(Box::new(mood::State::new(day))),
            },
            Go::Mood(day) => Screen::Mood(Box::new(mood::State::new(day))),
            Go::Trends => Screen::Trends(trends::State::default()),
            Go::Course => Screen::Course(course::State::default()),
            Go::History => Screen::History(history::State::default()),
            Go::Day(date) => Screen::Day(day::State::new(date)),
            Go::AmendEntry(id) => match journal.entry(id).map(|e| (e.day(), e.record())) {
                Some((day, Record::Mood(m))) => Screen::Mood(Box::new(mood::State::amending(id, day, m))),
                Some((day, record)) => match checkin::State::amending(id, day, record) {
                    Some(state) => Screen::Checkin(state),
                    None => return,
                },
                None => {
                    self.status = Status::error(format!("No entry {id}."));
                    return;
                }
            },
            Go::RetractEntry(id) => Screen::Reason(reason::State::new(Correction::RetractEntry(id))),
            Go::AddEvent(date) => Screen::Event(event::State::new(date, None)),
            Go::AmendEvent(id) => match journal.event(id) {
                Some(e) => {
                    Screen::Event(event::State::new(e.current().data.date, Some((id, &e.current().data))))
                }
                None => {
                    self.status = Status::error(format!("No event {id}."));
                    return;
                }
            },
            Go::RetractEvent(id) => Screen::Reason(reason::State::new(Correction::RetractEvent(id))),
            Go::Reason(_) | Go::Safety(_) | Go::Case(_) | Go::Info(_) | Go::Export => return,
        };
        self.push(screen);
    }

    /// The caseload's participant at `row`: its overview is already computed,
    /// its journal is cloned once for the dashboard.
    fn open_case(&mut self, row: usize) {
        let Some(r) = self.caseload_row(row) else { return };
        let data = Data::with_overview(r.export.journal.clone(), r.overview.clone(), r.export.as_of());
        let review =
            ReviewInfo { header: review::describe(&r.export), filters: r.export.meta.filters.clone() };
        let today = r.export.as_of();
        self.ctx.today = today;
        self.ctx.data = Some(data);
        self.ctx.review = Some(review);
        self.push(Screen::Dashboard);
    }

    /// Take in what an effect came to.
    pub fn apply(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Opened(journal) => {
                let set_up = matches!(self.stack.last(), Some(Screen::Onboarding(_)));
                let offer = baseline::offer(journal.window(), self.ctx.today).filter(|_| set_up);
                self.load(journal);
                self.stack = vec![Screen::Dashboard];
                self.stack.extend(offer.map(Screen::Baseline));
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
            Outcome::Written(write, journal, backup_failed) => {
                self.load(journal);
                while self.stack.len() > 1 && self.screen().is_form() {
                    self.stack.pop();
                }
                self.status = Some(match backup_failed {
                    None => Status { text: write.done_message(), error: false },
                    Some(why) => Status {
                        text: format!("{} Today's automatic backup failed: {why}", write.done_message()),
                        error: true,
                    },
                });
                if write.raises_safety() {
                    self.stack.push(Screen::Safety(safety::State::default()));
                }
            }
            Outcome::WriteFailed(write, message) => {
                self.status = Status::error(format!("Not saved: {message}"));
                // the safety information never depends on the save succeeding
                if write.is_some_and(|w| w.raises_safety()) {
                    self.stack.push(Screen::Safety(safety::State {
                        answer: SafetyAnswer::NotSaved,
                        ..Default::default()
                    }));
                }
            }
            Outcome::Reloaded(journal) => self.load(journal),
            Outcome::Exported { message, recipient } => {
                self.ctx.settings.therapist_key = Some(recipient);
                if matches!(self.screen(), Screen::Export(_)) {
                    self.stack.pop();
                }
                self.status = Some(Status { text: message, error: false });
            }
            Outcome::ExportFailed(message) => {
                if let Some(Screen::Export(s)) = self.stack.last_mut() {
                    s.error = Some(message);
                }
            }
            Outcome::Settings(settings) => self.ctx.settings = settings,
        }
    }
}
