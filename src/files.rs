//! Files read from and written for people: only regular files are read
//! (a FIFO would block forever, `/dev/zero` never ends), never more than a
//! limit; and what followup writes goes through a temporary file with
//! owner-only permissions renamed into place, never through a symbolic link.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// Why a file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{}", crate::text::io_reason(.0))]
    Io(#[from] std::io::Error),
    #[error("it is {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("it is larger than {0}")]
    TooLarge(String),
    /// How to replace it is the front end's to say (`--force`, another name).
    #[error("it exists: nothing was written")]
    Exists,
    #[error("it is a symbolic link: followup does not write through links (give the real path)")]
    Symlink,
}

impl FileError {
    /// The reason in a few words, for a message that names the file itself.
    pub fn reason(&self) -> String {
        self.to_string()
    }
}

fn kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a named pipe"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

fn size(limit: u64) -> String {
    if limit >= 1024 * 1024 { format!("{} MiB", limit / (1024 * 1024)) } else { format!("{limit} bytes") }
}

/// Open a regular file for reading (following links to one); anything else
/// is refused before it is opened, so a FIFO cannot block.
pub fn open_regular(path: &Path) -> Result<File, FileError> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(FileError::NotRegular(kind(&meta)));
    }
    let file = File::open(path)?;
    // the name could have been swapped between the two looks
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(FileError::NotRegular(kind(&meta)));
    }
    Ok(file)
}

/// Read at most `limit` bytes of a regular file; a larger file is refused.
pub fn read_limited(path: &Path, limit: u64) -> Result<Zeroizing<Vec<u8>>, FileError> {
    let file = open_regular(path)?;
    read_all_limited(file, limit)
}

/// Read a stream to its end, refusing it when it holds more than `limit` bytes.
pub fn read_all_limited(r: impl Read, limit: u64) -> Result<Zeroizing<Vec<u8>>, FileError> {
    let mut out = Zeroizing::new(Vec::new());
    r.take(limit + 1).read_to_end(&mut out)?;
    if out.len() as u64 > limit {
        return Err(FileError::TooLarge(size(limit)));
    }
    Ok(out)
}

/// The folder a new file goes in.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Refuse to write through a symbolic link, and (without `force`) over an
/// existing file.
pub fn check_target(path: &Path, force: bool) -> Result<(), FileError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(FileError::Symlink),
        Ok(_) if !force => Err(FileError::Exists),
        Ok(m) if !m.is_file() => Err(FileError::NotRegular(kind(&m))),
        _ => Ok(()),
    }
}

/// Write a file owner-only (0600) through a temporary file in the same
/// folder that is synced and renamed into place: an interrupted write leaves
/// nothing under the final name, and a replaced file does not keep its old
/// mode. `fill` writes the content.
pub fn write_private(
    path: &Path,
    force: bool,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<(), FileError> {
    check_target(path, force)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".followup-")
        .suffix(".part")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .tempfile_in(folder_of(path))?;
    fill(tmp.as_file_mut())?;
    tmp.as_file_mut().flush()?;
    tmp.as_file().sync_all()?;
    // checked again at the last moment: a link planted meanwhile is refused
    check_target(path, force)?;
    if force {
        tmp.persist(path).map_err(|e| FileError::Io(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => FileError::Exists,
            _ => FileError::Io(e.error),
        })?;
    }
    if let Ok(dir) = File::open(folder_of(path)) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// A path shown in a message: made safe for a terminal and cut short.
pub fn shown(path: &Path) -> String {
    crate::text::quote(&path.display().to_string())
}

/// The name of a file for people: its name, not the folders it sits in
/// (as written; quote it before it reaches a terminal).
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Every entry of a folder, sorted; unreadable entries are left out.
pub fn list_folder(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)?.flatten().map(|e| e.path()).collect();
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn only_regular_files_are_read_and_never_past_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        fs::write(&f, b"hello").unwrap();
        assert_eq!(&read_limited(&f, 5).unwrap()[..], b"hello");
        assert!(matches!(read_limited(&f, 4), Err(FileError::TooLarge(_))));
        assert!(matches!(read_limited(dir.path(), 10), Err(FileError::NotRegular("a folder"))));
        assert!(matches!(read_limited(Path::new("/dev/zero"), 10), Err(FileError::NotRegular("a device"))));
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(matches!(read_limited(&link, 10), Err(FileError::NotRegular(_))));
    }

    #[test]
    fn writes_are_private_atomic_and_never_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("out.txt");
        fs::write(&f, b"old").unwrap();
        fs::set_permissions(&f, fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(write_private(&f, false, |w| w.write_all(b"new")), Err(FileError::Exists)));
        write_private(&f, true, |w| w.write_all(b"new")).unwrap();
        assert_eq!(fs::read(&f).unwrap(), b"new");
        assert_eq!(fs::metadata(&f).unwrap().permissions().mode() & 0o777, 0o600);
        let target = dir.path().join("target.txt");
        fs::write(&target, b"keep").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(write_private(&link, true, |w| w.write_all(b"x")), Err(FileError::Symlink)));
        assert_eq!(fs::read(&target).unwrap(), b"keep");
        let leftovers = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".part"));
        assert_eq!(leftovers.count(), 0);
    }
}
