//! One file through the whole flow: parse, lower, lint; then the
//! cross-file pass over every file of a run.

use crate::lint::bank::{self, FileSummary};
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
    /// What the cross-file rules need of the file; `None` when none runs.
    pub summary: Option<FileSummary>,
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
    let (findings, summary) = {
        let cx = LintContext::new(&file, &doc, &course, &index).with_words(&settings.words);
        let summary = bank::needs_summaries(settings).then(|| bank::summarize(&cx));
        (lint::check_file(&cx, settings), summary)
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
        summary,
    }
}

/// Runs the cross-file rules over every checked file of the run, after the
/// files themselves were checked; their findings join the files they
/// belong to, which stay sorted.
pub fn check_bank(files: &mut [CheckedFile], settings: &RuleSettings) {
    let summaries: Vec<&FileSummary> = files.iter().filter_map(|f| f.summary.as_ref()).collect();
    // Every file has a summary when any has: `needs_summaries` is per run.
    if summaries.len() != files.len() {
        return;
    }
    let found = bank::check_bank(&summaries, settings);
    let mut touched = Vec::new();
    for bank::BankFinding { file, finding } in found {
        files[file].findings.push(finding);
        touched.push(file);
    }
    touched.sort_unstable();
    touched.dedup();
    for file in touched {
        files[file]
            .findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
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
    let mut files = [check_source(
        SourceFile::new(path, text),
        &prefix,
        &settings,
    )];
    check_bank(&mut files, &settings);
    let [file] = files;
    file
}
