//! Atomic writes: a temporary file (or directory) beside the target, then a
//! rename. A reader never sees a partly written bank.

use std::io::Write as _;
use std::path::Path;

use crate::export::OutFile;

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory.
/// A file replaced keeps its permissions (a fixed note stays as readable as
/// it was; the temporary file alone would be private to its owner).
///
/// # Errors
/// Any I/O error; the target is then left as it was.
pub fn file_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let parent = parent_of(path);
    std::fs::create_dir_all(parent)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".exambank-")
        .suffix(".tmp")
        .tempfile_in(parent)?;
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.write_all(bytes)?;
    // Temporary files are created private (0600); a bank is meant to be read
    // and uploaded like any other file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `files` into directory `path`, replacing it whole: the files go to
/// a temporary directory that is then renamed into place.
///
/// # Errors
/// Any I/O error; the target is then left as it was.
pub fn dir_atomic(path: &Path, files: &[OutFile]) -> std::io::Result<()> {
    let parent = parent_of(path);
    std::fs::create_dir_all(parent)?;
    let temp = tempfile::Builder::new()
        .prefix(".exambank-")
        .tempdir_in(parent)?;
    for file in files {
        let target = temp.path().join(&file.path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&target, &file.bytes)?;
    }
    if path.exists() {
        if !path.is_dir() {
            return Err(std::io::Error::other(format!(
                "{} exists and is not a directory",
                path.display()
            )));
        }
        let old = tempfile::Builder::new()
            .prefix(".exambank-old-")
            .tempdir_in(parent)?;
        let old_path = old.path().join("previous");
        std::fs::rename(path, &old_path)?;
        if let Err(error) = std::fs::rename(temp.path(), path) {
            let _ = std::fs::rename(&old_path, path);
            return Err(error);
        }
        drop(old);
    } else {
        std::fs::rename(temp.path(), path)?;
    }
    // The temporary directory was renamed away; nothing is left to clean.
    let _ = temp.keep();
    Ok(())
}
