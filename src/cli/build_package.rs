//! The output of a package target (qti21, qti30, qti12, html) in a
//! streaming build: a zip or a directory, written as courses come.
//!
//! A zip: each course's entries are deflated into a temporary body (the
//! QTI tests, which follow every item, into a second one), their central
//! directory records into temporary files beside it, and the first entry's
//! parts (the manifest's resources, the index's lines) into temporary
//! files too; at the end the package is the first entry, deflated then,
//! the bodies copied as they are and the central directory. A directory:
//! each file is written into a temporary directory as it comes, the first
//! one at the end. Nothing is held over the run but a few numbers (and,
//! where the target does not check them itself, the entries' paths).

use std::collections::HashSet;
use std::io::{Cursor, Read as _};
use std::path::{Path, PathBuf};

use super::files::io_message;
use super::write::{TempDir, TempOutput, remove_created};
use exambank::export::{CoursePackage, OutFile, PackageEnd, ZipBody, write_package};

/// A temporary file and its part of a zip.
pub(super) struct Part {
    body: TempOutput,
    central: TempOutput,
    zip: ZipBody,
}

pub(super) enum PackageOutput {
    Zip {
        out: TempOutput,
        parts: Box<[Part; 2]>,
        heads: [TempOutput; 2],
        /// The paths written so far, where the target does not make them
        /// distinct itself.
        paths: Option<HashSet<Box<str>>>,
    },
    Dir {
        dir: TempDir,
        heads: [TempOutput; 2],
    },
}

fn is_zip(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

impl PackageOutput {
    /// The output of a package at `path`: a zip if it ends in `.zip`, else
    /// a directory (`None` for standard output: a zip).
    pub(super) fn beside(path: &Path, zip: bool, distinct_paths: bool) -> std::io::Result<Self> {
        let zip = zip || is_zip(path);
        let mut made = Vec::new();
        let result = (|| {
            let mut temp = || -> std::io::Result<usize> {
                made.push(TempOutput::beside(path)?);
                Ok(made.len() - 1)
            };
            if zip {
                for _ in 0..7 {
                    temp()?;
                }
            } else {
                for _ in 0..2 {
                    temp()?;
                }
            }
            Ok::<(), std::io::Error>(())
        })();
        if let Err(error) = result {
            let created: Vec<PathBuf> = made.into_iter().flat_map(TempOutput::discard).collect();
            remove_created(&created);
            return Err(error);
        }
        let mut made = made.into_iter();
        let mut next = || made.next().expect("made above");
        if zip {
            let out = next();
            let mut part = || Part {
                body: next(),
                central: next(),
                zip: ZipBody::new(),
            };
            let parts = Box::new([part(), part()]);
            let heads = [next(), next()];
            Ok(Self::Zip {
                out,
                parts,
                heads,
                paths: (!distinct_paths).then(HashSet::new),
            })
        } else {
            let heads = [next(), next()];
            match TempDir::beside(path) {
                Ok(dir) => Ok(Self::Dir { dir, heads }),
                Err(error) => {
                    let created: Vec<PathBuf> =
                        heads.into_iter().flat_map(TempOutput::discard).collect();
                    remove_created(&created);
                    Err(error)
                }
            }
        }
    }

    /// Writes the courses' shares, in order.
    ///
    /// # Errors
    /// The message of the first failure.
    pub(super) fn write(&mut self, courses: Vec<CoursePackage>) -> Result<(), String> {
        let mut files = Vec::new();
        let mut later = Vec::new();
        let mut head = Vec::new();
        let mut later_head = Vec::new();
        for course in courses {
            files.extend(course.files);
            later.extend(course.later);
            head.extend(course.head);
            later_head.extend(course.later_head);
        }
        let heads = match self {
            Self::Zip { heads, .. } | Self::Dir { heads, .. } => heads,
        };
        heads[0].write(&head).map_err(|e| io_message(&e))?;
        heads[1].write(&later_head).map_err(|e| io_message(&e))?;
        match self {
            Self::Zip { parts, paths, .. } => {
                if let Some(paths) = paths {
                    for file in files.iter().chain(&later) {
                        if !paths.insert(file.path.as_str().into()) {
                            // What the zip writer says of it.
                            return Err(zip::result::ZipError::InvalidArchive(
                                "Duplicate filename".into(),
                            )
                            .to_string());
                        }
                    }
                }
                for (part, files) in parts.iter_mut().zip([files, later]) {
                    let (mut body, mut central) = (Vec::new(), Vec::new());
                    part.zip
                        .append(&files, &mut body, &mut central)
                        .map_err(|e| e.to_string())?;
                    part.body.write(&body).map_err(|e| io_message(&e))?;
                    part.central.write(&central).map_err(|e| io_message(&e))?;
                }
                Ok(())
            }
            Self::Dir { dir, .. } => {
                let files: Vec<OutFile> = files.into_iter().chain(later).collect();
                dir.write(&files).map_err(|e| io_message(&e))
            }
        }
    }

    /// Writes the first entry and the rest, and puts the output in place of
    /// `path` (`None`: copies it to standard output).
    ///
    /// # Errors
    /// The message of the failure; nothing is then left behind.
    pub(super) fn finish(self, end: PackageEnd, path: Option<&Path>) -> Result<(), String> {
        match self {
            Self::Zip {
                mut out,
                mut parts,
                mut heads,
                ..
            } => {
                let result = (|| {
                    let mut first = first_entry(&end, &mut heads)?;
                    let mut readers = Vec::new();
                    for part in parts.iter_mut() {
                        readers.push((
                            std::io::BufReader::with_capacity(1 << 16, part.body.reopen()?),
                            part.central.reopen()?,
                        ));
                    }
                    let mut writer = std::io::BufWriter::with_capacity(1 << 16, out.file());
                    write_package(
                        &mut writer,
                        &end.path,
                        &mut first,
                        readers
                            .into_iter()
                            .zip(parts.iter())
                            .map(|((b, c), part)| (b, c, &part.zip))
                            .collect(),
                    )
                    .map_err(std::io::Error::other)?;
                    std::io::Write::flush(&mut writer)
                })();
                // Made beside the output: the directories made for them
                // are the output's.
                let parts_made: Vec<PathBuf> = (*parts)
                    .into_iter()
                    .flat_map(|p| [p.body, p.central])
                    .chain(heads)
                    .flat_map(TempOutput::discard)
                    .collect();
                if let Err(error) = result {
                    let mut created = out.discard();
                    created.extend(parts_made);
                    remove_created(&created);
                    return Err(io_message(&error));
                }
                match path {
                    Some(path) => out.persist(path).map_err(|e| io_message(&e)),
                    None => {
                        let copied = out.reopen().and_then(|mut file| {
                            let stdout = std::io::stdout();
                            let mut lock = stdout.lock();
                            std::io::copy(&mut file, &mut lock)?;
                            std::io::Write::flush(&mut lock)
                        });
                        remove_created(&out.discard());
                        copied.map_err(|e| io_message(&e))
                    }
                }
            }
            Self::Dir { mut dir, mut heads } => {
                let result = (|| {
                    let mut first = first_entry(&end, &mut heads)?;
                    dir.write_from(&end.path, &mut first)
                })();
                let created: Vec<PathBuf> =
                    heads.into_iter().flat_map(TempOutput::discard).collect();
                let result = result.and_then(|()| {
                    dir.persist(path.expect("a directory is never standard output"))
                });
                remove_created(&created);
                result.map_err(|e| io_message(&e))
            }
        }
    }

    /// Removes every temporary file; returns the directories made for them.
    pub(super) fn discard(self) -> Vec<PathBuf> {
        match self {
            Self::Zip {
                out, parts, heads, ..
            } => std::iter::once(out)
                .chain((*parts).into_iter().flat_map(|p| [p.body, p.central]))
                .chain(heads)
                .flat_map(TempOutput::discard)
                .collect(),
            Self::Dir { dir, heads } => {
                dir.discard();
                heads.into_iter().flat_map(TempOutput::discard).collect()
            }
        }
    }
}

/// The package's first entry (the manifest, the HTML index): its head, the
/// two temporary parts that hold what each course added to it, its tail.
fn first_entry<'a>(
    end: &'a PackageEnd,
    heads: &mut [TempOutput; 2],
) -> std::io::Result<impl std::io::Read + 'a> {
    let [h0, h1] = [heads[0].reopen()?, heads[1].reopen()?];
    Ok(Cursor::new(&end.head)
        .chain(h0)
        .chain(h1)
        .chain(Cursor::new(&end.tail)))
}
