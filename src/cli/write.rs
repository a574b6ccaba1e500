//! Atomic writes: a temporary file (or directory) beside the target, then a
//! rename. A reader never sees a partly written bank, and an interrupted
//! run leaves no temporary behind (see [`super::interrupt`]).

use std::io::Write as _;
use std::path::{Component, Path};

use super::interrupt::guarded;
use exambank::export::OutFile;

/// Prefix of every temporary name, so that a stray one is easy to recognise.
pub const TEMP_PREFIX: &str = ".exambank-";

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
    let mut temp = guarded(|pending| {
        let temp = output_permissions(&mut tempfile::Builder::new(), path, false)
            .prefix(TEMP_PREFIX)
            .suffix(".tmp")
            .tempfile_in(parent)?;
        pending.track(temp.path());
        Ok::<_, std::io::Error>(temp)
    })?;
    if let Err(error) = guarded(|_| temp.write_all(bytes)) {
        let temp_path = temp.path().to_path_buf();
        drop(temp);
        guarded(|pending| pending.forget(&temp_path));
        return Err(error);
    }
    persist_synced(temp, path)
}

/// Syncs `temp` and renames it into place at `path`. On an error the
/// temporary file is removed (when `temp` is dropped) and no longer
/// tracked for removal at an interrupt.
fn persist_synced(temp: tempfile::NamedTempFile, path: &Path) -> std::io::Result<()> {
    let temp_path = temp.path().to_path_buf();
    let result = temp.as_file().sync_all().and_then(|()| {
        guarded(|pending| {
            temp.persist(path).map_err(|e| e.error)?;
            pending.forget(&temp_path);
            Ok(())
        })
    });
    if result.is_err() {
        guarded(|pending| pending.forget(&temp_path));
    }
    result
}

/// An output written in parts into a temporary file beside it, renamed
/// into place by [`TempOutput::persist`]; dropped or discarded, it leaves
/// nothing behind, not even the directories it created.
pub struct TempOutput {
    temp: tempfile::NamedTempFile,
    /// The directories made for the output, outermost first.
    created: Vec<std::path::PathBuf>,
}

impl TempOutput {
    /// A temporary file beside `path`, making the directories it needs.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn beside(path: &Path) -> std::io::Result<Self> {
        let parent = parent_of(path);
        let mut created = Vec::new();
        let mut missing = Some(parent);
        while let Some(dir) = missing.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            created.push(dir.to_path_buf());
            missing = dir.parent();
        }
        created.reverse();
        std::fs::create_dir_all(parent)?;
        let temp = guarded(|pending| {
            let temp = output_permissions(&mut tempfile::Builder::new(), path, false)
                .prefix(TEMP_PREFIX)
                .suffix(".tmp")
                .tempfile_in(parent)?;
            pending.track(temp.path());
            Ok::<_, std::io::Error>(temp)
        });
        match temp {
            Ok(temp) => Ok(Self { temp, created }),
            Err(error) => {
                remove_created(&created);
                Err(error)
            }
        }
    }

    /// Appends `bytes`.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        guarded(|_| self.temp.write_all(bytes))
    }

    /// The file itself, to write to.
    pub fn file(&mut self) -> &mut std::fs::File {
        self.temp.as_file_mut()
    }

    /// The file written so far, from its start (for standard output).
    ///
    /// # Errors
    /// Any I/O error.
    pub fn reopen(&mut self) -> std::io::Result<std::fs::File> {
        self.temp.reopen()
    }

    /// Renames the file into place at `path`.
    ///
    /// # Errors
    /// Any I/O error; the target is then left as it was.
    pub fn persist(self, path: &Path) -> std::io::Result<()> {
        let Self { temp, created } = self;
        let result = persist_synced(temp, path);
        if result.is_err() {
            remove_created(&created);
        }
        result
    }

    /// Removes the file; returns the directories made for it, for
    /// [`remove_created`] once every output beside it is removed too.
    #[must_use]
    pub fn discard(self) -> Vec<std::path::PathBuf> {
        let temp_path = self.temp.path().to_path_buf();
        let Self { temp, created } = self;
        guarded(|pending| {
            drop(temp);
            pending.forget(&temp_path);
        });
        created
    }
}

/// Removes the directories made for outputs that were not written (each
/// only if empty), innermost first.
pub fn remove_created(created: &[std::path::PathBuf]) {
    for dir in created.iter().rev() {
        if std::fs::remove_dir(dir).is_err() {
            break;
        }
    }
}

/// Sets the permissions an output gets: those of the output it replaces,
/// else what a plain create gives (temporaries are private by default).
fn output_permissions<'a, 'b>(
    builder: &'b mut tempfile::Builder<'a, 'a>,
    path: &Path,
    dir: bool,
) -> &'b mut tempfile::Builder<'a, 'a> {
    if let Ok(meta) = std::fs::metadata(path) {
        return builder.permissions(meta.permissions());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // The process umask still applies at creation.
        builder.permissions(std::fs::Permissions::from_mode(if dir {
            0o777
        } else {
            0o666
        }))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        builder
    }
}

/// Writes `files` into directory `path`, replacing it whole: the files go to
/// a temporary directory that is then renamed into place.
///
/// # Errors
/// Any I/O error; the target is then left as it was.
pub fn dir_atomic(path: &Path, files: &[OutFile]) -> std::io::Result<()> {
    let mut temp = TempDir::beside(path)?;
    match temp.write(files) {
        Ok(()) => temp.persist(path),
        Err(error) => {
            temp.discard();
            Err(error)
        }
    }
}

/// A directory output written in parts into a temporary directory beside
/// it, which replaces it whole in [`TempDir::persist`]; discarded, it
/// leaves nothing behind.
pub struct TempDir {
    temp: Option<tempfile::TempDir>,
    path: std::path::PathBuf,
}

impl TempDir {
    /// A temporary directory beside `path`.
    ///
    /// # Errors
    /// Any I/O error, or `path` being a file.
    pub fn beside(path: &Path) -> std::io::Result<Self> {
        let parent = parent_of(path);
        std::fs::create_dir_all(parent)?;
        if path.exists() && !path.is_dir() {
            return Err(std::io::Error::other(format!(
                "{} exists and is not a directory",
                path.display()
            )));
        }
        let temp = guarded(|pending| {
            let temp = output_permissions(&mut tempfile::Builder::new(), path, true)
                .prefix(TEMP_PREFIX)
                .tempdir_in(parent)?;
            pending.track(temp.path());
            Ok::<_, std::io::Error>(temp)
        })?;
        Ok(Self {
            path: temp.path().to_path_buf(),
            temp: Some(temp),
        })
    }

    /// Writes `files` into the directory.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn write(&mut self, files: &[OutFile]) -> std::io::Result<()> {
        fill(&self.path, files)
    }

    /// Writes one file, its bytes read from `bytes`.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn write_from(
        &mut self,
        name: &str,
        bytes: &mut impl std::io::Read,
    ) -> std::io::Result<()> {
        let relative = safe_relative(name)?;
        guarded(|_| {
            if let Some(dir) = relative.parent() {
                create_dirs_under(&self.path, dir)?;
            }
            let mut file =
                std::io::BufWriter::new(std::fs::File::create(self.path.join(relative))?);
            std::io::copy(bytes, &mut file)?;
            file.flush()
        })
    }

    /// Puts the directory in place of `path`.
    ///
    /// # Errors
    /// Any I/O error; the target is then left as it was.
    pub fn persist(mut self, path: &Path) -> std::io::Result<()> {
        let temp = self.temp.take().expect("a directory not yet persisted");
        let result = swap(path, parent_of(path), &self.path);
        match result {
            // Renamed into place: nothing left to remove.
            Ok(()) => drop(temp.keep()),
            Err(_) => guarded(|pending| {
                pending.forget(&self.path);
                drop(temp);
            }),
        }
        result
    }

    /// Removes the directory and what it holds.
    pub fn discard(mut self) {
        if let Some(temp) = self.temp.take() {
            guarded(|pending| {
                pending.forget(&self.path);
                drop(temp);
            });
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            guarded(|pending| {
                pending.forget(&self.path);
                drop(temp);
            });
        }
    }
}

fn fill(temp: &Path, files: &[OutFile]) -> std::io::Result<()> {
    for file in files {
        let relative = safe_relative(&file.path)?;
        guarded(|_| {
            if let Some(dir) = relative.parent() {
                create_dirs_under(temp, dir)?;
            }
            std::fs::write(temp.join(relative), &file.bytes)
        })?;
    }
    Ok(())
}

fn swap(path: &Path, parent: &Path, temp: &Path) -> std::io::Result<()> {
    if !path.exists() {
        return guarded(|pending| {
            std::fs::rename(temp, path)?;
            pending.forget(temp);
            Ok(())
        });
    }
    // The previous output goes aside, the new one takes its place, and the
    // previous one is removed: under the lock, so that a signal cannot come
    // between the two renames.
    let old = guarded(|pending| {
        let old = tempfile::Builder::new()
            .prefix(".exambank-old-")
            .tempdir_in(parent)?
            .keep();
        pending.track(&old);
        let previous = old.join("previous");
        std::fs::rename(path, &previous)?;
        if let Err(error) = std::fs::rename(temp, path) {
            let _ = std::fs::rename(&previous, path);
            let _ = std::fs::remove_dir(&old);
            pending.forget(&old);
            return Err(error);
        }
        pending.forget(temp);
        Ok(old)
    })?;
    let removed = std::fs::remove_dir_all(&old);
    guarded(|pending| pending.forget(&old));
    removed
}

/// `path` of an exported file as a relative path that stays inside the
/// output (exporters build these paths; a `..` would be a bug).
fn safe_relative(path: &str) -> std::io::Result<&Path> {
    let relative = Path::new(path);
    if relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        Ok(relative)
    } else {
        Err(std::io::Error::other(format!(
            "exported file `{path}` would be written outside the output"
        )))
    }
}

/// Creates `dir` (relative) under `root`, one level at a time, without ever
/// creating `root` itself: once a signal removed the temporary directory,
/// nothing may bring it back.
fn create_dirs_under(root: &Path, dir: &Path) -> std::io::Result<()> {
    let mut current = root.to_path_buf();
    for component in dir.components() {
        current.push(component);
        match std::fs::create_dir(&current) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(path: &str, bytes: &str) -> OutFile {
        OutFile {
            path: path.to_owned(),
            bytes: bytes.as_bytes().to_vec(),
        }
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(TEMP_PREFIX))
            .collect()
    }

    #[test]
    fn a_directory_is_replaced_whole_and_no_temporary_remains() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("pkg");
        dir_atomic(&target, &[out("a.xml", "1"), out("items/b.xml", "2")]).unwrap();
        dir_atomic(&target, &[out("items/c/d.xml", "3")]).unwrap();
        assert!(!target.join("a.xml").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("items/c/d.xml")).unwrap(),
            "3"
        );
        assert!(leftovers(root.path()).is_empty());
    }

    #[test]
    fn a_path_leaving_the_output_is_refused_and_the_old_output_kept() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("pkg");
        dir_atomic(&target, &[out("a.xml", "1")]).unwrap();
        assert!(dir_atomic(&target, &[out("../escape.xml", "x")]).is_err());
        assert!(dir_atomic(&target, &[out("/abs.xml", "x")]).is_err());
        assert_eq!(std::fs::read_to_string(target.join("a.xml")).unwrap(), "1");
        assert!(!root.path().join("escape.xml").exists());
        assert!(leftovers(root.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn outputs_keep_the_permissions_of_what_they_replace() {
        use std::os::unix::fs::PermissionsExt as _;
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("bank.json");
        file_atomic(&file, b"1").unwrap();
        // Not the private mode of a temporary file.
        assert_ne!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o044,
            0
        );
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        file_atomic(&file, b"2").unwrap();
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(std::fs::read(&file).unwrap(), b"2");
        assert!(leftovers(root.path()).is_empty());
    }
}
