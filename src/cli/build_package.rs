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
use exambank::export::{
    CoursePackage, FirstEntry, OutFile, PackageEnd, ZipBody, write_package_after,
};

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
        deferred: Box<Deferred>,
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
                for _ in 0..8 {
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
                deferred: Box::new(Deferred {
                    raw: next(),
                    active: false,
                    courses: 0,
                    item_bytes: 0,
                    head_bytes: 0,
                }),
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

    /// Writes the courses' shares, in order; `left` courses at most are
    /// still to come.
    ///
    /// # Errors
    /// The message of the first failure.
    pub(super) fn write(&mut self, courses: Vec<CoursePackage>, left: usize) -> Result<(), String> {
        let taken = courses.len();
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
            Self::Zip {
                parts,
                paths,
                deferred,
                ..
            } => {
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
                let item_bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
                deferred.count(taken, item_bytes, head.len() + later_head.len());
                if deferred.starts(item_bytes, left) {
                    deferred.write(&files).map_err(|e| io_message(&e))?;
                    files.clear();
                }
                for (part, files) in parts.iter_mut().zip([files, later]) {
                    if files.is_empty() {
                        continue;
                    }
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
                mut deferred,
                ..
            } => {
                let result = (|| {
                    // The first entry is one deflate stream: the entries
                    // held back are deflated beside it.
                    let (first, rest) = rayon::join(
                        || -> std::io::Result<FirstEntry> {
                            let mut first = first_entry(&end, &mut heads)?;
                            FirstEntry::deflate(&end.path, &mut first)
                                .map_err(std::io::Error::other)
                        },
                        || deferred.drain(&mut parts[0]),
                    );
                    let first = first?;
                    rest?;
                    let mut readers = Vec::new();
                    for part in parts.iter_mut() {
                        readers.push((
                            std::io::BufReader::with_capacity(1 << 16, part.body.reopen()?),
                            part.central.reopen()?,
                        ));
                    }
                    let mut writer = std::io::BufWriter::with_capacity(1 << 16, out.file());
                    write_package_after(
                        &mut writer,
                        &first,
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
                    .chain([deferred.raw])
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
                out,
                parts,
                heads,
                deferred,
                ..
            } => std::iter::once(out)
                .chain((*parts).into_iter().flat_map(|p| [p.body, p.central]))
                .chain(heads)
                .chain([deferred.raw])
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

/// The last courses' entries, held back undeflated in a temporary file so
/// that they are deflated beside the first entry, which can only be
/// deflated once every course is taken; otherwise the other threads would
/// wait for that one stream.
pub(super) struct Deferred {
    raw: TempOutput,
    /// Whether the entries are held back now: from some course on, every
    /// one is, so that they stay in order.
    active: bool,
    /// Courses, bytes of their entries and of their parts of the first
    /// entry, so far.
    courses: usize,
    item_bytes: u64,
    head_bytes: u64,
}

/// Uncompressed bytes of held-back entries deflated together at the end.
const DRAIN_BYTES: usize = 2 << 20;

impl Deferred {
    fn count(&mut self, courses: usize, item_bytes: usize, head_bytes: usize) {
        self.courses += courses;
        self.item_bytes += item_bytes as u64;
        self.head_bytes += head_bytes as u64;
    }

    /// Whether the courses just counted, whose entries hold `item_bytes`,
    /// are held back, with the `left` ones after them: from when the
    /// entries still to come would take the other threads about as long to
    /// deflate as the first entry takes one.
    fn starts(&mut self, item_bytes: usize, left: usize) -> bool {
        let others = rayon::current_num_threads().saturating_sub(1) as u64;
        if !self.active && others > 0 && self.courses > 0 {
            let per_course = |bytes: u64| bytes / self.courses as u64;
            let first = per_course(self.head_bytes) * (self.courses + left) as u64;
            let to_come = item_bytes as u64 + per_course(self.item_bytes) * left as u64;
            // The first entry, markup alike throughout, deflates about
            // twice as fast as the entries.
            self.active = 2 * to_come <= first * others;
        }
        self.active
    }

    /// Appends `files` as they are: path and bytes, each behind its length.
    fn write(&mut self, files: &[OutFile]) -> std::io::Result<()> {
        let mut raw = Vec::with_capacity(
            files
                .iter()
                .map(|f| 16 + f.path.len() + f.bytes.len())
                .sum(),
        );
        for file in files {
            raw.extend((file.path.len() as u64).to_le_bytes());
            raw.extend(file.path.as_bytes());
            raw.extend((file.bytes.len() as u64).to_le_bytes());
            raw.extend(&file.bytes);
        }
        self.raw.write(&raw)
    }

    /// Deflates the entries held back into `part`, in order.
    fn drain(&mut self, part: &mut Part) -> std::io::Result<()> {
        if !self.active {
            return Ok(());
        }
        let mut raw = std::io::BufReader::with_capacity(1 << 16, self.raw.reopen()?);
        let mut files = Vec::new();
        let mut size = 0;
        loop {
            let mut len = [0; 8];
            let more = match raw.read_exact(&mut len) {
                Ok(()) => true,
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => false,
                Err(e) => return Err(e),
            };
            if more {
                let mut path = vec![0; u64::from_le_bytes(len) as usize];
                raw.read_exact(&mut path)?;
                raw.read_exact(&mut len)?;
                let mut bytes = vec![0; u64::from_le_bytes(len) as usize];
                raw.read_exact(&mut bytes)?;
                size += bytes.len();
                files.push(OutFile {
                    path: String::from_utf8(path).map_err(std::io::Error::other)?,
                    bytes,
                });
            }
            if size >= DRAIN_BYTES || (!more && !files.is_empty()) {
                let (mut body, mut central) = (Vec::new(), Vec::new());
                part.zip
                    .append(&files, &mut body, &mut central)
                    .map_err(std::io::Error::other)?;
                part.body.write(&body)?;
                part.central.write(&central)?;
                files.clear();
                size = 0;
            }
            if !more {
                return Ok(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course(n: usize) -> CoursePackage {
        let file = |kind: &str, size: usize| OutFile {
            path: format!("c{n}/{kind}.xml"),
            bytes: format!("<{kind} n=\"{n}\">{}</{kind}>", "ab".repeat(size)).into_bytes(),
        };
        CoursePackage {
            files: vec![file("one", 40 * n), file("two", 3_000)],
            later: vec![file("test", 500)],
            head: format!("<resource n=\"{n}\"/>\n").into_bytes(),
            later_head: format!("<test n=\"{n}\"/>\n").into_bytes(),
        }
    }

    /// The package with its last courses' entries held back from `from`
    /// on (`None`: none held back).
    fn package(dir: &Path, from: Option<usize>) -> Vec<u8> {
        let path = dir.join(format!("{from:?}.zip"));
        let mut output = PackageOutput::beside(&path, false, false).unwrap();
        for n in 0..6 {
            if Some(n) == from
                && let PackageOutput::Zip { deferred, .. } = &mut output
            {
                deferred.active = true;
            }
            output.write(vec![course(n)], 6).unwrap();
        }
        let end = PackageEnd {
            path: "imsmanifest.xml".to_owned(),
            head: b"<manifest>\n".to_vec(),
            tail: b"</manifest>\n".to_vec(),
        };
        output.finish(end, Some(&path)).unwrap();
        std::fs::read(&path).unwrap()
    }

    #[test]
    fn entries_held_back_give_the_same_package() {
        let dir = tempfile::tempdir().unwrap();
        let whole = package(dir.path(), None);
        let courses: Vec<CoursePackage> = (0..6).map(course).collect();
        let mut first = b"<manifest>\n".to_vec();
        courses.iter().for_each(|c| first.extend(&c.head));
        courses.iter().for_each(|c| first.extend(&c.later_head));
        first.extend(b"</manifest>\n");
        let mut files = vec![OutFile {
            path: "imsmanifest.xml".to_owned(),
            bytes: first,
        }];
        files.extend(courses.iter().flat_map(|c| c.files.iter().cloned()));
        files.extend(courses.iter().flat_map(|c| c.later.iter().cloned()));
        assert_eq!(whole, exambank::export::zip_bytes(&files).unwrap());
        for from in 0..6 {
            assert_eq!(package(dir.path(), Some(from)), whole, "from course {from}");
        }
    }
}
