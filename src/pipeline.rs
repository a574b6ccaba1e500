//! One file through the flow: parse, then lint (`check`), or parse, lower
//! and lint (`build`); then the cross-file pass over every file of a run.
//! Lint reads the AST alone, so checking lowers nothing.

use std::sync::Arc;

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
    /// The file's exam items; `None` when the run only checks.
    pub course: Option<Course>,
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

/// Parses and lints one file (lint reads the AST alone: nothing is lowered).
#[must_use]
pub fn check_source(file: SourceFile, id_prefix: &str, settings: &RuleSettings) -> CheckedFile {
    checked_source(file, id_prefix, settings, false)
}

/// Parses, lowers and lints one file: what `build` needs.
#[must_use]
pub fn build_source(file: SourceFile, id_prefix: &str, settings: &RuleSettings) -> CheckedFile {
    checked_source(file, id_prefix, settings, true)
}

fn checked_source(
    file: SourceFile,
    id_prefix: &str,
    settings: &RuleSettings,
    lower: bool,
) -> CheckedFile {
    let index = LineIndex::new(&file.text);
    let doc = parse::parse(&file.text);
    let course = lower.then(|| model::lower_with(&file, &doc, &index, id_prefix, &settings.items));
    let (findings, summary) = {
        let cx = LintContext::new(&file, &doc, &index)
            .with_options(&settings.options)
            .with_words(&settings.words);
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
pub fn check_bank(files: &mut [CheckedFile], settings: &[RuleSettings]) {
    let mut pass = bank::BankPass::new();
    for (file, settings) in files.iter_mut().zip(settings) {
        add_to_bank(&mut pass, file, settings);
    }
}

/// Runs the cross-file pass on the next file of a run (in path order) and
/// adds its findings; only files with a summary take part.
pub fn add_to_bank(pass: &mut bank::BankPass, file: &mut CheckedFile, settings: &RuleSettings) {
    let Some(summary) = file.summary.take() else {
        return;
    };
    let found = pass.add(summary, settings);
    if found.is_empty() {
        return;
    }
    file.findings.extend(found);
    file.findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Lints (and lowers) a text as a single file with only the given rules
/// (docs, tests).
#[must_use]
pub fn check_text(path: &str, text: &str, only: &[&'static str]) -> CheckedFile {
    let settings = RuleSettings {
        only: Some(only.to_vec()),
        ..RuleSettings::default()
    };
    let prefix = model::id_prefixes(&[path]).remove(0);
    let mut files = [build_source(
        SourceFile::new(path, text),
        &prefix,
        &settings,
    )];
    check_bank(&mut files, std::slice::from_ref(&settings));
    let [file] = files;
    file
}

/// How many fix passes run at most: a fix can expose another (or make room
/// for one that overlapped it), but a loop must end.
pub const MAX_FIX_PASSES: usize = 10;

/// A file after its fixes: the fixed text, checked again.
#[derive(Debug)]
pub struct FixedFile {
    /// The findings that remain, on the fixed text.
    pub checked: CheckedFile,
    /// The text before any fix.
    pub original: Arc<str>,
    /// How many fixes were applied, over every pass.
    pub applied: usize,
}

impl FixedFile {
    #[must_use]
    pub fn changed(&self) -> bool {
        *self.original != *self.checked.file.text
    }
}

/// Applies the fixes of the enabled rules until none is left to apply (or
/// [`MAX_FIX_PASSES`] passes ran), then checks the result once more.
#[must_use]
pub fn fix_source(file: SourceFile, id_prefix: &str, settings: &RuleSettings) -> FixedFile {
    fix_source_up_to(file, id_prefix, settings, lint::Applicability::Safe)
}

/// [`fix_source`] with the unsafe fixes too when `level` is `Unsafe`.
#[must_use]
pub fn fix_source_up_to(
    file: SourceFile,
    id_prefix: &str,
    settings: &RuleSettings,
    level: lint::Applicability,
) -> FixedFile {
    let original = Arc::clone(&file.text);
    let mut applied = 0;
    let mut checked = check_source(file, id_prefix, settings);
    for _ in 0..MAX_FIX_PASSES {
        let (text, fixes) =
            lint::fix::apply_fixes_up_to(&checked.file.text, &checked.findings, level);
        if fixes.is_empty() || *text == *checked.file.text {
            break;
        }
        applied += fixes.len();
        let file = SourceFile::new(checked.file.path.clone(), text);
        checked = check_source(file, id_prefix, settings);
    }
    FixedFile {
        checked,
        original,
        applied,
    }
}
