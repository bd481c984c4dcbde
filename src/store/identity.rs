//! Which database a data folder was set up with: a random id kept in the
//! database's settings and beside it in the folder (`database-id`, no
//! health data in it). A `followup.db` put in place of another — another
//! participant's under the same passphrase — is refused when opened, with
//! one line, before anything is read from it or written to it.

use super::{Result, Store, StoreError};
use rusqlite::{OptionalExtension, params};
use std::path::{Path, PathBuf};

/// The setting that holds the database's id.
const SETTING: &str = "database_id";
/// The data folder's record of it.
pub const ID_FILE: &str = "database-id";

fn id_file(data_dir: &Path) -> PathBuf {
    data_dir.join(ID_FILE)
}

impl Store {
    /// The database's id; a database that has none (made before ids) is
    /// given one when it is opened to write. Two processes giving it one at
    /// once agree: the first id written stays.
    fn database_id(&self, can_write: bool) -> Result<Option<String>> {
        if self.schema < 2 {
            return Ok(None);
        }
        if can_write {
            let new = uuid::Uuid::new_v4().simple().to_string();
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
                params![SETTING, new],
            )?;
        }
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [SETTING], |r| r.get(0))
            .optional()?)
    }

    /// Whether this is the database the folder was set up with. A folder
    /// without a record of it gets one (when opened to write); writing it is
    /// best effort (a full disk), as the check is only ever a refusal.
    pub(super) fn check_identity(&self, data_dir: &Path, can_write: bool) -> Result<()> {
        let Some(id) = self.database_id(can_write)? else { return Ok(()) };
        match std::fs::read_to_string(id_file(data_dir)) {
            Ok(text) if text.trim() == id => Ok(()),
            Ok(_) => Err(StoreError::Swapped { database: self.path.clone(), record: id_file(data_dir) }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && can_write => {
                let _ = record(data_dir, &id);
                Ok(())
            }
            Err(_) => Ok(()),
        }
    }

    /// Make this the database the folder records (a new or restored one):
    /// its id, or no record when it has none (a backup made before ids).
    pub(super) fn claim(&self, data_dir: &Path, can_write: bool) -> Result<()> {
        match self.database_id(can_write)? {
            Some(id) => {
                let _ = record(data_dir, &id);
            }
            None => {
                let _ = std::fs::remove_file(id_file(data_dir));
            }
        }
        Ok(())
    }
}

fn record(data_dir: &Path, id: &str) -> std::result::Result<(), crate::files::FileError> {
    crate::files::write_private(&id_file(data_dir), true, |f| {
        use std::io::Write;
        writeln!(f, "{id}")
    })
}
