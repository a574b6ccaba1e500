//! What every rule reads: one file, parsed once and lowered once.

use std::sync::OnceLock;

use super::code::{CodeProblem, code_problems};
use crate::model::Course;
use crate::parse::ast::{Document, Exercise};
use crate::source::{LineIndex, SourceFile, Span};

pub struct LintContext<'a> {
    pub file: &'a SourceFile,
    pub doc: &'a Document,
    pub course: &'a Course,
    pub index: &'a LineIndex,
    code: OnceLock<Vec<CodeProblem>>,
}

impl<'a> LintContext<'a> {
    #[must_use]
    pub fn new(
        file: &'a SourceFile,
        doc: &'a Document,
        course: &'a Course,
        index: &'a LineIndex,
    ) -> Self {
        Self {
            file,
            doc,
            course,
            index,
            code: OnceLock::new(),
        }
    }

    /// Every exercise of the file, in order.
    pub fn exercises(&self) -> impl Iterator<Item = &'a Exercise> {
        self.doc
            .preamble
            .iter()
            .chain(self.doc.chapters.iter().flat_map(|c| c.exercises.iter()))
    }

    /// Problems in the file's SQL and Python, found once for all code rules.
    pub fn code_problems(&self) -> &[CodeProblem] {
        self.code
            .get_or_init(|| code_problems(&self.file.text, self.doc))
    }

    /// The source text of a span.
    #[must_use]
    pub fn text(&self, span: Span) -> &'a str {
        &self.file.text[span.start..span.end]
    }
}
