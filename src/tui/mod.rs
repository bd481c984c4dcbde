//! The terminal app: `followup` with no subcommand, `followup demo`, and the
//! read-only review of exports.

pub mod app;
pub mod context;
pub mod format;
pub mod keys;
pub mod msg;
pub mod runtime;
pub mod screen;
pub mod screens;
mod text_field;
pub mod theme;
pub mod view;
pub mod widgets;

use crossterm::event::{self, DisableFocusChange, EnableFocusChange, Event};
use runtime::Session;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// A read-only session over one export.
pub fn review_session(loaded: crate::review::Loaded) -> Session {
    Session::in_memory(app::App::review(&loaded.export), crate::clock::system)
}

/// A read-only session over a caseload.
pub fn caseload_session(caseload: crate::review::Caseload, today: chrono::NaiveDate) -> Session {
    Session::in_memory(app::App::caseload(caseload, today), crate::clock::system)
}

/// How often the open database is checked for entries made elsewhere.
const REFRESH_EVERY: Duration = Duration::from_secs(2);

/// Focus reporting is on while the app runs; this turns it off however the
/// app ends, a panic included (ratatui's hook restores the rest).
struct FocusReporting;

impl FocusReporting {
    fn on() -> Self {
        let _ = crossterm::execute!(std::io::stdout(), EnableFocusChange);
        Self
    }
}

impl Drop for FocusReporting {
    fn drop(&mut self) {
        let _ = crossterm::execute!(std::io::stdout(), DisableFocusChange);
    }
}

/// How the app ended: by the user, or by a signal (its number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Quit,
    Signal(i32),
}

/// Run a session in the terminal until the user quits or a signal arrives.
/// The terminal is restored on quit, Ctrl-C, SIGTERM, SIGHUP and on a panic
/// (`ratatui::init` installs the hook).
pub fn run(mut session: Session) -> std::io::Result<Ended> {
    let signal = Arc::new(AtomicUsize::new(0));
    for s in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        signal_hook::flag::register_usize(s, Arc::clone(&signal), s as usize)?;
    }
    let mut terminal = ratatui::init();
    let focus = FocusReporting::on();
    let events = event_thread();
    let result = (|| -> std::io::Result<Ended> {
        let mut last_refresh = Instant::now();
        loop {
            terminal.draw(|frame| view::draw(frame, &session.app))?;
            if session.app.quit {
                return Ok(Ended::Quit);
            }
            match signal.load(Ordering::Relaxed) {
                0 => {}
                s => return Ok(Ended::Signal(s as i32)),
            }
            match events.recv_timeout(Duration::from_millis(250)) {
                Ok(Event::Key(key)) if key.is_press() => {
                    panic_hook_for_tests(&key);
                    session.key(key);
                }
                Ok(Event::FocusGained) => {
                    session.refresh_if_changed();
                    last_refresh = Instant::now();
                }
                Ok(_) | Err(RecvTimeoutError::Timeout) => {}
                // the terminal is gone
                Err(RecvTimeoutError::Disconnected) => return Ok(Ended::Signal(signal_hook::consts::SIGHUP)),
            }
            if last_refresh.elapsed() >= REFRESH_EVERY {
                session.refresh_if_changed();
                last_refresh = Instant::now();
            }
        }
    })();
    drop(focus);
    // `restore()` and the terminal's own drop report failure with eprintln!,
    // which panics when the terminal is gone (after a hang-up) and aborts
    // before the demo can delete its folder. When restoring fails there is
    // no terminal left to restore: skip the drop's second attempt too.
    if ratatui::try_restore().is_err() {
        std::mem::forget(terminal);
    }
    result
}

/// Terminal events arrive on a channel from their own thread, so the main
/// loop keeps its own pace: it notices a signal within a quarter second even
/// if reading the terminal blocks or (after a hang-up) never returns.
fn event_thread() -> Receiver<Event> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        while let Ok(event) = event::read() {
            if tx.send(event).is_err() {
                break;
            }
        }
    });
    rx
}

/// With `FOLLOWUP_TEST_PANIC_KEY=F12` set, that key panics: the
/// terminal-restore test uses it. Unset, nothing happens.
fn panic_hook_for_tests(key: &crossterm::event::KeyEvent) {
    if let Ok(wanted) = std::env::var("FOLLOWUP_TEST_PANIC_KEY")
        && wanted == "F12"
        && key.code == crossterm::event::KeyCode::F(12)
    {
        panic!("test panic requested with FOLLOWUP_TEST_PANIC_KEY");
    }
}
