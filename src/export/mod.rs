//! Exporters: the model to the formats learning systems import.
//!
//! Exporters return files in memory; the CLI writes them (atomically). No
//! exporter reads the source text, the lint results or the clock: they read
//! the model alone, so the same bank always gives the same bytes.
//!
//! One module a target ([`json`], [`qti`] for 2.1 and 3.0, [`qti12`],
//! [`moodle`], [`gift`], [`html`]), and what they share, each fact once:
//! [`markup`] (notes Markdown to XHTML, inline text read by
//! [`crate::parse::inline`] as lint reads it), [`xml`] (the writer), the
//! IMS manifest of every package target (`manifest`), Moodle's grade list
//! (`grades`), the one display order (`shuffle`), Moodle categories and
//! feedback a target holds only as a whole (`lms`), and deterministic zips.

pub mod gift;
mod grades;
pub mod html;
pub mod json;
mod lms;
mod manifest;
pub mod markup;
pub mod moodle;
pub mod qti;
pub mod qti12;
mod shuffle;
pub mod xml;
mod zip_package;

pub use qti::ncname;
pub use zip_package::{FirstEntry, ZipBody, write_package, write_package_after, zip_bytes};

use crate::model::{Bank, Course, ItemKind};

/// One file of an export, with its path inside the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// Relative, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What an exporter produces.
#[derive(Debug, Clone)]
pub enum Artifact {
    /// One file (a JSON bank, a Moodle XML file): written to `--out FILE`.
    File { bytes: Vec<u8> },
    /// A package of files: written as a `.zip` or into a directory.
    Package { files: Vec<OutFile> },
}

/// Settings that change what an exporter writes.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Partial credit for multiple-answer questions instead of all-or-nothing.
    pub partial_scoring: bool,
}

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ExportError {
    #[error("cannot write the {target} export: {message}")]
    #[diagnostic(code(exambank::export::failed))]
    Failed {
        target: &'static str,
        message: String,
    },
}

/// An export target, shaped like mdBook's `Renderer`.
pub trait Exporter: Sync {
    /// The `--to` name (`json`, `qti21` ...).
    fn name(&self) -> &'static str;
    /// The file name used under a directory when several targets are built.
    fn default_file_name(&self) -> &'static str;
    fn export(&self, bank: &Bank, options: &ExportOptions) -> Result<Artifact, ExportError>;
    /// What `kind` items become where this target cannot express them
    /// faithfully, as a phrase after "<kind> items" (`build` warns once per
    /// kind present in the bank). `None`: they are written as they are.
    fn limitation(&self, _kind: ItemKind, _options: &ExportOptions) -> Option<&'static str> {
        None
    }
    /// The same output course by course, for a target written as one file
    /// (`None` for a package): a bank of any size is then never held whole.
    fn stream(&self, _options: &ExportOptions) -> Option<Box<dyn CourseStream>> {
        None
    }
    /// The same package course by course, for a package target (`None`
    /// for a one-file target).
    fn package_stream(&self, _options: &ExportOptions) -> Option<Box<dyn PackageStream>> {
        None
    }
}

/// A package target written in parts. Its entries are, in order: the
/// first entry (the manifest, the HTML index), then every course's
/// [`CoursePackage::files`], then every course's [`CoursePackage::later`]
/// (the QTI tests, which follow every item). The first entry is
/// [`PackageEnd::head`], every course's [`CoursePackage::head`], every
/// course's [`CoursePackage::later_head`] and [`PackageEnd::tail`], one
/// after the other: it depends on every course, so it is written last,
/// from these parts, while the rest is written as courses come. Together
/// they are the files of [`Exporter::export`], byte for byte.
pub trait PackageStream: Send + Sync {
    /// The course at position `index` (0 for the first) rendered: it
    /// depends on the course and its position alone, so that courses can
    /// be rendered side by side.
    fn render(&self, course: &Course, index: usize) -> Rendered;
    /// Takes the next course rendered, in bank order.
    ///
    /// # Errors
    /// When the target cannot write the course, or the bank so far.
    fn accept(&mut self, rendered: Rendered) -> Result<CoursePackage, ExportError>;
    /// After the last course.
    ///
    /// # Errors
    /// When the target cannot write the package.
    fn finish(&mut self) -> Result<PackageEnd, ExportError>;
    /// Whether the paths of the entries are distinct by construction (the
    /// QTI packages check their identifiers); otherwise a zip writer
    /// checks them.
    fn distinct_paths(&self) -> bool {
        false
    }
}

/// A course rendered by [`PackageStream::render`], for
/// [`PackageStream::accept`] of the same target.
pub struct Rendered(pub(crate) Box<dyn std::any::Any + Send>);

/// A course's share of a package.
#[derive(Debug, Default)]
pub struct CoursePackage {
    pub files: Vec<OutFile>,
    pub later: Vec<OutFile>,
    pub head: Vec<u8>,
    pub later_head: Vec<u8>,
}

/// What a package needs once every course is taken.
#[derive(Debug)]
pub struct PackageEnd {
    /// The first entry's path.
    pub path: String,
    pub head: Vec<u8>,
    pub tail: Vec<u8>,
}

/// The files of `stream` over `bank`, in package order.
///
/// # Errors
/// The first error of the stream.
pub fn package_streamed(
    mut stream: Box<dyn PackageStream>,
    bank: &Bank,
) -> Result<Vec<OutFile>, ExportError> {
    let mut files = Vec::new();
    let mut later = Vec::new();
    let (mut head, mut later_head) = (Vec::new(), Vec::new());
    for (index, course) in bank.courses.iter().enumerate() {
        let part = stream.accept(stream.render(course, index))?;
        files.extend(part.files);
        later.extend(part.later);
        head.extend(part.head);
        later_head.extend(part.later_head);
    }
    let end = stream.finish()?;
    let mut bytes = end.head;
    bytes.extend(head);
    bytes.extend(later_head);
    bytes.extend(end.tail);
    let mut all = vec![OutFile {
        path: end.path,
        bytes,
    }];
    all.extend(files);
    all.extend(later);
    Ok(all)
}

/// A one-file target written in parts: the bytes of [`CourseStream::begin`],
/// of [`CourseStream::course`] for each course in bank order and of
/// [`CourseStream::finish`], one after the other, are the bytes of
/// [`Exporter::export`]. A course's bytes depend on the course and its
/// position alone, so that courses can be written side by side.
pub trait CourseStream: Send + Sync {
    /// What comes before the first course.
    ///
    /// # Errors
    /// When the target cannot write it.
    fn begin(&self) -> Result<Vec<u8>, ExportError>;
    /// The course at position `index` (0 for the first) of the bank.
    ///
    /// # Errors
    /// When the target cannot write the course.
    fn course(&self, course: &Course, index: usize) -> Result<Vec<u8>, ExportError>;
    /// What comes after the last of `courses` courses.
    ///
    /// # Errors
    /// When the target cannot write it.
    fn finish(&self, courses: usize) -> Result<Vec<u8>, ExportError>;
}

/// The whole output of `stream` over `bank`, in one buffer.
///
/// # Errors
/// The first error of the stream.
pub fn streamed(stream: &dyn CourseStream, bank: &Bank) -> Result<Vec<u8>, ExportError> {
    let mut bytes = stream.begin()?;
    for (index, course) in bank.courses.iter().enumerate() {
        bytes.extend(stream.course(course, index)?);
    }
    bytes.extend(stream.finish(bank.courses.len())?);
    Ok(bytes)
}

/// Every exporter, in `--to` order.
#[must_use]
pub fn exporters() -> Vec<&'static dyn Exporter> {
    vec![
        &json::JsonExporter,
        &qti::QTI21,
        &qti::QTI30,
        &qti12::QTI12_BANK,
        &moodle::MoodleExporter,
        &gift::GiftExporter,
        &html::HtmlExporter,
    ]
}

/// The exporter called `name`.
#[must_use]
pub fn exporter(name: &str) -> Option<&'static dyn Exporter> {
    exporters().into_iter().find(|e| e.name() == name)
}
