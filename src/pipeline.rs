//! One file through the whole flow: parse, lower, lint.

use crate::lint::{self, Finding, LintContext, RuleSettings, Severity};
use crate::model::{self, Course};
use crate::parse;
use crate::source::{LineIndex, SourceFile, Span};

/// A checked file: what the renderers and exporters need of it.
#[derive(Debug)]
pub struct CheckedFile {
    pub file: SourceFile,
    pub index: LineIndex,
    pub course: Course,
    /// Every exercise, item or not, for reporting skipped ones.
    pub sections: Vec<Section>,
    pub findings: Vec<Finding>,
}

/// An exercise heading and the span of its section.
#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
    pub span: Span,
    /// 1-based line of the heading.
    pub line: usize,
}

impl CheckedFile {
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Parses, lowers and lints one file.
#[must_use]
pub fn check_source(file: SourceFile, id_prefix: &str, settings: &RuleSettings) -> CheckedFile {
    let index = LineIndex::new(&file.text);
    let doc = parse::parse(&file.text);
    let course = model::lower(&file, &doc, &index, id_prefix);
    let findings = {
        let cx = LintContext::new(&file, &doc, &course, &index);
        lint::check_file(&cx, settings)
    };
    let sections = doc
        .preamble
        .iter()
        .chain(doc.chapters.iter().flat_map(|c| c.exercises.iter()))
        .map(|e| Section {
            title: e.title.clone(),
            span: e.span,
            line: index.line_col(&file.text, e.heading.start).line,
        })
        .collect();
    CheckedFile {
        file,
        index,
        course,
        sections,
        findings,
    }
}

/// Lints a text as a single file with only the given rules (docs, tests).
#[must_use]
pub fn check_text(path: &str, text: &str, only: &[&'static str]) -> CheckedFile {
    let settings = RuleSettings {
        only: Some(only.to_vec()),
        ..RuleSettings::default()
    };
    let prefix = model::id_prefixes(&[path]).remove(0);
    check_source(SourceFile::new(path, text), &prefix, &settings)
}
