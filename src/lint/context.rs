//! What every rule reads: one file, parsed once and lowered once.

use std::sync::OnceLock;

use super::code::{CodeProblem, code_problems};
use crate::model::Course;
use crate::parse::ast::{AnswerBody, Block, ChoiceBlock, Document, Exercise};
use crate::source::{LineIndex, SourceFile, Span};

pub struct LintContext<'a> {
    pub file: &'a SourceFile,
    pub doc: &'a Document,
    pub course: &'a Course,
    pub index: &'a LineIndex,
    /// The project's own words, which spelling rules accept.
    pub words: &'a [String],
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
            words: &[],
            code: OnceLock::new(),
        }
    }

    /// The same context with the project's own words (from configuration).
    #[must_use]
    pub fn with_words(mut self, words: &'a [String]) -> Self {
        self.words = words;
        self
    }

    /// Every exercise of the file, in order.
    pub fn exercises(&self) -> impl Iterator<Item = &'a Exercise> {
        self.doc
            .preamble
            .iter()
            .chain(self.doc.chapters.iter().flat_map(|c| c.exercises.iter()))
    }

    /// Every choice question of the file with its exercise, in order.
    pub fn choices(&self) -> impl Iterator<Item = (&'a Exercise, &'a ChoiceBlock)> {
        self.exercises()
            .filter_map(|e| match e.answer.as_ref().map(|a| &a.body) {
                Some(AnswerBody::Choice(choice)) => Some((e, choice)),
                _ => None,
            })
    }

    /// What the learner reads as the question, as source spans: the context
    /// prose before the answer block (and before any `###`), then the stem.
    #[must_use]
    pub fn prompt_spans(&self, exercise: &Exercise) -> Vec<Span> {
        let answer_fence = exercise.answer.as_ref().map(|a| a.fence);
        let mut spans: Vec<Span> = exercise
            .blocks
            .iter()
            .take_while(|b| match b {
                Block::Subheading { .. } => false,
                Block::Fence { index } => Some(*index) != answer_fence,
                Block::Prose { .. } => true,
            })
            .filter_map(|b| match b {
                Block::Prose { span, .. } => Some(*span),
                _ => None,
            })
            .collect();
        let stem = match exercise.answer.as_ref().map(|a| &a.body) {
            Some(AnswerBody::Choice(c)) => c.stem.as_ref(),
            Some(AnswerBody::Categorize(c)) => c.stem.as_ref(),
            Some(AnswerBody::Order(o)) => o.stem.as_ref(),
            _ => None,
        };
        spans.extend(stem.map(|s| s.span));
        spans
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
