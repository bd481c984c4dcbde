//! The screens, one variant each, and the one place that routes a key,
//! a message or a frame to the screen on top.

use super::context::Context;
use super::keys::{self, Binding, Hint};
use super::msg::{Act, Action, Step};
use super::screens::{
    baseline, caseload, checkin, course, dashboard, day, event, export, help, history, info, mood,
    onboarding, reason, safety, trends, unlock,
};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

/// The screens; the app keeps a stack of them.
#[derive(Debug)]
pub enum Screen {
    Unlock(unlock::State),
    Onboarding(Box<onboarding::State>),
    /// The baseline PHQ-9 offered at the end of set-up.
    Baseline(baseline::State),
    Dashboard,
    Trends(trends::State),
    Course(course::State),
    Checkin(checkin::State),
    Safety(safety::State),
    Mood(Box<mood::State>),
    History(history::State),
    Day(day::State),
    Reason(reason::State),
    Event(event::State),
    Export(Box<export::State>),
    Caseload(Box<caseload::State>),
    Help(help::State),
    Info(info::State),
}

/// What a key came to on the screen on top.
#[derive(Debug)]
pub enum Handled {
    /// Something for the app.
    App(Action),
    /// The screen's own update ran.
    Step(Step),
}

fn route<M>(act: Option<Act<M>>, update: impl FnOnce(M) -> Step) -> Option<Handled> {
    act.map(|a| match a {
        Act::App(action) => Handled::App(action),
        Act::Screen(m) => Handled::Step(update(m)),
    })
}

fn none<M>(_: M) -> Step {
    Step::Stay
}

impl Screen {
    /// Forms are left behind once what they edit is saved.
    pub fn is_form(&self) -> bool {
        matches!(
            self,
            Screen::Baseline(_)
                | Screen::Checkin(_)
                | Screen::Mood(_)
                | Screen::Reason(_)
                | Screen::Event(_)
                | Screen::Export(_)
        )
    }

    pub fn name(&self) -> &'static str {
        match self {
            Screen::Unlock(_) => "Unlock",
            Screen::Onboarding(_) => "Set up",
            Screen::Baseline(_) => "Before your session",
            Screen::Dashboard => "Dashboard",
            Screen::Trends(_) => "Trends",
            Screen::Course(_) => "Course",
            Screen::Checkin(s) => s.questionnaire.check_in,
            Screen::Safety(_) => "Safety",
            Screen::Mood(_) => "Mood entry",
            Screen::History(_) => "History",
            Screen::Day(_) => "Day",
            Screen::Reason(_) => "Reason",
            Screen::Event(_) => "Timeline event",
            Screen::Export(_) => "Share",
            Screen::Caseload(_) => "Caseload",
            Screen::Help(_) => "Help",
            Screen::Info(_) => "About",
        }
    }

    /// Handle a key with the screen's key table: the one way a key acts.
    pub fn key(&mut self, ctx: &Context, key: KeyEvent) -> Option<Handled> {
        use keys::lookup;
        match self {
            Screen::Unlock(s) => route(lookup(unlock::KEYS, s, ctx, key), |m| unlock::update(s, m)),
            Screen::Onboarding(s) => {
                route(lookup(onboarding::KEYS, s, ctx, key), |m| onboarding::update(s, m))
            }
            Screen::Baseline(s) => route(lookup(baseline::KEYS, s, ctx, key), none),
            Screen::Dashboard => route(lookup(dashboard::KEYS, &(), ctx, key), none),
            Screen::Trends(s) => route(lookup(trends::KEYS, s, ctx, key), |m| trends::update(s, m, ctx)),
            Screen::Course(s) => route(lookup(course::KEYS, s, ctx, key), |m| course::update(s, m)),
            Screen::Checkin(s) => route(lookup(checkin::KEYS, s, ctx, key), |m| checkin::update(s, m)),
            Screen::Safety(s) => route(lookup(safety::KEYS, s, ctx, key), |m| safety::update(s, m)),
            Screen::Mood(s) => route(lookup(mood::KEYS, s, ctx, key), |m| mood::update(s, m)),
            Screen::History(s) => route(lookup(history::KEYS, s, ctx, key), |m| history::update(s, m, ctx)),
            Screen::Day(s) => route(lookup(day::KEYS, s, ctx, key), |m| day::update(s, m, ctx)),
            Screen::Reason(s) => route(lookup(reason::KEYS, s, ctx, key), |m| reason::update(s, m)),
            Screen::Event(s) => route(lookup(event::KEYS, s, ctx, key), |m| event::update(s, m)),
            Screen::Export(s) => route(lookup(export::KEYS, s, ctx, key), |m| export::update(s, m)),
            Screen::Caseload(s) => route(lookup(caseload::KEYS, s, ctx, key), |m| caseload::update(s, m)),
            Screen::Help(s) => route(lookup(help::KEYS, s, ctx, key), |m| help::update(s, m)),
            Screen::Info(s) => route(lookup(info::KEYS, s, ctx, key), |m| info::update(s, m)),
        }
    }

    /// The keys that apply now, from the same table (footer and help).
    /// What the screen's columns mean, for help.
    pub fn about(&self) -> Vec<(&'static str, &'static str)> {
        match self {
            Screen::Caseload(_) => caseload::about(),
            _ => Vec::new(),
        }
    }

    pub fn hints(&self, ctx: &Context) -> Vec<Hint> {
        self.table(ctx).into_iter().filter(|r| r.applies).map(|r| r.hint).collect()
    }

    /// The index of the binding that takes this key now, if any.
    pub fn binding_for(&self, ctx: &Context, key: KeyEvent) -> Option<usize> {
        fn of<S, M>(table: &[Binding<S, M>], s: &S, ctx: &Context, key: KeyEvent) -> Option<usize> {
            keys::position(table, s, ctx, key)
        }
        match self {
            Screen::Unlock(s) => of(unlock::KEYS, s, ctx, key),
            Screen::Onboarding(s) => of(onboarding::KEYS, s, ctx, key),
            Screen::Baseline(s) => of(baseline::KEYS, s, ctx, key),
            Screen::Dashboard => of(dashboard::KEYS, &(), ctx, key),
            Screen::Trends(s) => of(trends::KEYS, s, ctx, key),
            Screen::Course(s) => of(course::KEYS, s, ctx, key),
            Screen::Checkin(s) => of(checkin::KEYS, s, ctx, key),
            Screen::Safety(s) => of(safety::KEYS, s, ctx, key),
            Screen::Mood(s) => of(mood::KEYS, s, ctx, key),
            Screen::History(s) => of(history::KEYS, s, ctx, key),
            Screen::Day(s) => of(day::KEYS, s, ctx, key),
            Screen::Reason(s) => of(reason::KEYS, s, ctx, key),
            Screen::Event(s) => of(event::KEYS, s, ctx, key),
            Screen::Export(s) => of(export::KEYS, s, ctx, key),
            Screen::Caseload(s) => of(caseload::KEYS, s, ctx, key),
            Screen::Help(s) => of(help::KEYS, s, ctx, key),
            Screen::Info(s) => of(info::KEYS, s, ctx, key),
        }
    }

    /// The screen's key table as data.
    pub fn table(&self, ctx: &Context) -> Vec<keys::Row> {
        fn of<S, M>(table: &[Binding<S, M>], s: &S, ctx: &Context) -> Vec<keys::Row> {
            keys::rows(table, s, ctx)
        }
        match self {
            Screen::Unlock(s) => of(unlock::KEYS, s, ctx),
            Screen::Onboarding(s) => of(onboarding::KEYS, s, ctx),
            Screen::Baseline(s) => of(baseline::KEYS, s, ctx),
            Screen::Dashboard => of(dashboard::KEYS, &(), ctx),
            Screen::Trends(s) => of(trends::KEYS, s, ctx),
            Screen::Course(s) => of(course::KEYS, s, ctx),
            Screen::Checkin(s) => of(checkin::KEYS, s, ctx),
            Screen::Safety(s) => of(safety::KEYS, s, ctx),
            Screen::Mood(s) => of(mood::KEYS, s, ctx),
            Screen::History(s) => of(history::KEYS, s, ctx),
            Screen::Day(s) => of(day::KEYS, s, ctx),
            Screen::Reason(s) => of(reason::KEYS, s, ctx),
            Screen::Event(s) => of(event::KEYS, s, ctx),
            Screen::Export(s) => of(export::KEYS, s, ctx),
            Screen::Caseload(s) => of(caseload::KEYS, s, ctx),
            Screen::Help(s) => of(help::KEYS, s, ctx),
            Screen::Info(s) => of(info::KEYS, s, ctx),
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Context) {
        match self {
            Screen::Unlock(s) => unlock::draw(frame, area, s, ctx),
            Screen::Onboarding(s) => onboarding::draw(frame, area, s, ctx),
            Screen::Baseline(s) => baseline::draw(frame, area, s, ctx),
            Screen::Dashboard => dashboard::draw(frame, area, ctx),
            Screen::Trends(s) => trends::draw(frame, area, s, ctx),
            Screen::Course(s) => course::draw(frame, area, s, ctx),
            Screen::Checkin(s) => checkin::draw(frame, area, s, ctx),
            Screen::Safety(s) => safety::draw(frame, area, s, ctx),
            Screen::Mood(s) => mood::draw(frame, area, s, ctx),
            Screen::History(s) => history::draw(frame, area, s, ctx),
            Screen::Day(s) => day::draw(frame, area, s, ctx),
            Screen::Reason(s) => reason::draw(frame, area, s, ctx),
            Screen::Event(s) => event::draw(frame, area, s, ctx),
            Screen::Export(s) => export::draw(frame, area, s, ctx),
            Screen::Caseload(s) => caseload::draw(frame, area, s, ctx),
            Screen::Help(s) => help::draw(frame, area, s, ctx),
            Screen::Info(s) => info::draw(frame, area, s, ctx),
        }
    }
}
