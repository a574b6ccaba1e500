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
pub use zip_package::zip_bytes;

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
