//! Runs the app's effects against the store and feeds their outcomes back.
//! Tests drive a `Session` with key events exactly as the terminal loop does.

use super::app::App;
use super::msg::{Effect, ExportRequest, Outcome, Write};
pub use crate::clock::Clock;
use crate::store::{Store, StoreError};
use crossterm::event::KeyEvent;
use std::path::PathBuf;

pub struct Session {
    pub app: App,
    store: Option<Store>,
    data_dir: PathBuf,
    clock: Clock,
    seen_version: Option<i64>,
}

impl Session {
    /// A participant's session on `data_dir`: unlock or onboarding first.
    pub fn new(data_dir: PathBuf, clock: Clock) -> Self {
        let today = clock().date_naive();
        let exists = crate::store::db_path(&data_dir).is_file();
        Self { app: App::new(today, exists), store: None, data_dir, clock, seen_version: None }
    }

    /// A session on a store already unlocked (passphrase from the environment).
    pub fn unlocked(store: Store, data_dir: PathBuf, clock: Clock) -> Result<Self, StoreError> {
        let journal = store.journal()?;
        let mut s = Self::new(data_dir, clock);
        s.app = App::with_journal(clock().date_naive(), journal);
        s.app.apply(Outcome::Settings(store.settings()?));
        s.seen_version = store.data_version().ok();
        s.store = Some(store);
        Ok(s)
    }

    /// The unlock screen shows this line under its field (the demo's passphrase).
    pub fn with_unlock_hint(mut self, hint: String) -> Self {
        self.app = self.app.with_unlock_hint(hint);
        self
    }

    /// A read-only session over a record held in memory (a therapist's review).
    pub fn in_memory(app: App, clock: Clock) -> Self {
        Self { app, store: None, data_dir: PathBuf::new(), clock, seen_version: None }
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    pub fn key(&mut self, key: KeyEvent) {
        let effects = self.app.key(key);
        self.run(effects);
    }

    pub fn run(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            let outcome = self.execute(effect);
            self.app.apply(outcome);
        }
    }

    fn execute(&mut self, effect: Effect) -> Outcome {
        let now = (self.clock)();
        match effect {
            Effect::Unlock(passphrase) => match Store::open(&self.data_dir, &passphrase) {
                Ok(store) => self.opened(store),
                Err(e) => Outcome::UnlockFailed {
                    wrong_passphrase: matches!(e, StoreError::WrongPassphrase(_)),
                    message: e.to_string(),
                },
            },
            Effect::Create(passphrase, profile) => {
                match Store::create(&self.data_dir, &passphrase, &profile, now) {
                    Ok(store) => self.opened(store),
                    Err(e) => Outcome::CreateFailed(e.to_string()),
                }
            }
            Effect::Write(write) => {
                let Some(store) = self.store.as_mut() else {
                    return Outcome::WriteFailed(Some(write), "this is a read-only review".into());
                };
                let result = match &write {
                    Write::AddEntry(d) => store.add_entry(d, now).map(drop),
                    Write::AmendEntry(id, d, reason) => store.amend_entry(*id, d, reason, now).map(drop),
                    Write::RetractEntry(id, reason) => store.retract_entry(*id, reason, now).map(drop),
                    Write::AddEvent(d) => store.add_event(d, now).map(drop),
                    Write::AmendEvent(id, d, reason) => store.amend_event(*id, d, reason, now).map(drop),
                    Write::RetractEvent(id, reason) => store.retract_event(*id, reason, now).map(drop),
                };
                match result.and_then(|()| store.journal()) {
                    Ok(journal) => {
                        self.seen_version = store.data_version().ok();
                        Outcome::Written(write, journal, store.take_backup_warning())
                    }
                    Err(e) => Outcome::WriteFailed(Some(write), e.to_string()),
                }
            }
            Effect::Export(request) => self.export(request, now),
            Effect::Reload => {
                let Some(store) = self.store.as_ref() else {
                    return Outcome::WriteFailed(
                        None,
                        "this is a read-only review: there is nothing to reload".into(),
                    );
                };
                self.app.ctx.today = now.date_naive();
                match store.journal() {
                    Ok(j) => Outcome::Reloaded(j),
                    Err(e) => Outcome::WriteFailed(None, format!("could not reload: {e}")),
                }
            }
        }
    }

    fn opened(&mut self, store: Store) -> Outcome {
        self.seen_version = store.data_version().ok();
        let journal = store.journal();
        let settings = store.settings().unwrap_or_default();
        self.store = Some(store);
        match journal {
            Ok(j) => {
                self.app.apply(Outcome::Settings(settings));
                Outcome::Opened(j)
            }
            Err(e) => Outcome::UnlockFailed { wrong_passphrase: false, message: e.to_string() },
        }
    }

    /// Seal and write an export the participant asked for on the export
    /// screen, as `followup export` does, and remember the key.
    fn export(&mut self, request: ExportRequest, now: chrono::DateTime<chrono::FixedOffset>) -> Outcome {
        let Some(store) = self.store.as_mut() else {
            return Outcome::ExportFailed("this is a read-only review".into());
        };
        let recipient = match crate::share::seal::recipient(&request.recipient) {
            Ok(r) => r,
            Err(e) => return Outcome::ExportFailed(e.to_string()),
        };
        let journal = match store.journal() {
            Ok(j) => j,
            Err(e) => return Outcome::ExportFailed(e.to_string()),
        };
        if let Err(e) = request.filters.check(journal.span(), now.date_naive()) {
            return Outcome::ExportFailed(e.to_string());
        }
        let notes = if request.filters.notes_withheld { "notes left out" } else { "notes included" };
        let export = crate::share::Export::new(&journal, request.filters, now);
        let contents = crate::share::Contents::of(request.format, &export.journal.entries);
        let bytes = request.format.render(&export);
        let seal = crate::share::Seal::Recipients(vec![recipient]);
        if let Err(e) = crate::share::write_file(&request.path, &bytes, Some(&seal), false, false) {
            let exists =
                matches!(e, crate::share::WriteError::File { source: crate::files::FileError::Exists, .. });
            let what_to_do = if exists { " (give the file another name)" } else { "" };
            return Outcome::ExportFailed(format!("{e}{what_to_do}"));
        }
        let _ = store.set_setting(crate::store::Settings::THERAPIST_KEY, &request.recipient);
        let shown = std::path::absolute(&request.path).unwrap_or(request.path);
        Outcome::Exported {
            message: format!(
                "Sealed for your therapist ({notes}), {}: {}",
                contents.describe(),
                shown.display()
            ),
            recipient: request.recipient,
        }
    }

    /// Reload when another process (e.g. `followup log`) has committed, or
    /// when the day has changed. Cheap enough to call on every tick.
    pub fn refresh_if_changed(&mut self) {
        let today = (self.clock)().date_naive();
        let version = self.store.as_ref().and_then(|s| s.data_version().ok());
        if self.store.is_some() && (version != self.seen_version || today != self.app.ctx.today) {
            self.seen_version = version;
            self.run(vec![Effect::Reload]);
        }
    }
}
