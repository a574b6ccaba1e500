//! Finding the notes files and reading them.

use std::path::{Path, PathBuf};

use exambank::source::SourceFile;

/// A file to check, with the path shown to the user.
#[derive(Debug, Clone)]
pub struct Input {
    pub display: String,
    pub path: PathBuf,
}

/// A file or directory that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Failure {
    pub path: String,
    pub message: String,
    /// Whether a file went unchecked (exit status 2). A directory loop is
    /// not fatal: the files it leads back to are checked once all the same.
    pub fatal: bool,
}

impl Failure {
    fn error(path: String, message: String) -> Self {
        Self {
            path,
            message,
            fatal: true,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = if self.fatal { "error" } else { "warning" };
        write!(f, "{level}: {}: {}", self.path, self.message)
    }
}

pub fn display(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map_or(text.clone(), str::to_owned)
}

fn is_notes_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Files named on the command line are taken whatever their extension;
/// directories are walked for `*.md`, skipping hidden entries and what
/// `.gitignore` files ignore. The result is sorted and without repeats.
#[must_use]
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<Failure>) {
    let mut inputs = Vec::new();
    let mut failures = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Ok(meta) if meta.is_file() => inputs.push(Input {
                display: display(root),
                path: root.clone(),
            }),
            // A named pipe or a device would block or never end: refuse it.
            Ok(meta) if !meta.is_dir() => failures.push(Failure::error(
                display(root),
                "not a regular file or a directory".to_owned(),
            )),
            Ok(_) => {
                let walker = ignore::WalkBuilder::new(root)
                    .hidden(true)
                    .git_ignore(true)
                    .require_git(false)
                    .follow_links(true)
                    .sort_by_file_name(std::cmp::Ord::cmp)
                    .build();
                for entry in walker {
                    match entry {
                        Ok(entry)
                            if entry.file_type().is_some_and(|t| t.is_file())
                                && is_notes_file(entry.path()) =>
                        {
                            inputs.push(Input {
                                display: display(entry.path()),
                                path: entry.into_path(),
                            });
                        }
                        Ok(_) => {}
                        Err(error) => failures.push(walk_failure(root, &error)),
                    }
                }
            }
            Err(error) => failures.push(Failure::error(display(root), io_message(&error))),
        }
    }
    inputs.sort_by(|a, b| a.display.cmp(&b.display));
    inputs.dedup_by(|a, b| a.display == b.display);
    failures.sort();
    (inputs, failures)
}

/// A walk error as a failure naming the entry it concerns (the root when
/// the walker does not say).
fn walk_failure(root: &Path, error: &ignore::Error) -> Failure {
    match error {
        ignore::Error::WithPath { path, err } => Failure {
            path: display(path),
            ..walk_failure(path, err)
        },
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_failure(root, err)
        }
        ignore::Error::Loop { ancestor, child } => Failure {
            path: display(child),
            message: format!(
                "directory loop: a symbolic link points back to {}; its files are checked once",
                display(ancestor)
            ),
            fatal: false,
        },
        ignore::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound && root.is_symlink() => {
            Failure::error(
                display(root),
                "broken symbolic link (its target does not exist)".to_owned(),
            )
        }
        ignore::Error::Io(io) => Failure::error(display(root), io_message(io)),
        other => Failure::error(display(root), other.to_string()),
    }
}

/// An I/O error as a short sentence, without the OS error number.
pub fn io_message(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// Reads a notes file as UTF-8.
///
/// # Errors
/// A message naming what went wrong (unreadable, not UTF-8, binary).
pub fn read(input: &Input) -> Result<SourceFile, Failure> {
    let bytes = std::fs::read(&input.path)
        .map_err(|e| Failure::error(input.display.clone(), io_message(&e)))?;
    from_bytes(input, bytes)
}

/// Reads the bytes of a notes file (from disk or standard input) as UTF-8.
///
/// # Errors
/// A message naming what went wrong (not UTF-8, binary).
pub fn from_bytes(input: &Input, bytes: Vec<u8>) -> Result<SourceFile, Failure> {
    let fail = |message: String| Failure::error(input.display.clone(), message);
    if bytes.contains(&0) {
        return Err(fail(
            "binary file (it contains NUL bytes), not course notes".to_owned(),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        fail(format!(
            "not valid UTF-8 (first invalid byte at line {line}); save the file as UTF-8"
        ))
    })?;
    Ok(SourceFile::new(input.display.clone(), text))
}
