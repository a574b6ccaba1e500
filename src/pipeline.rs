//! One file through the flow: parse, then lint (`check`), or parse, lower
//! and lint (`build`); then the cross-file pass over every file of a run,
//! and the assembly of the bank from the items lint found no error in.
//! Lint reads the AST alone, so checking lowers nothing.

use std::sync::Arc;

use crate::lint::bank::{self, FileSummary};
use crate::lint::{self, Finding, LintContext, RuleSettings, Severity};
use crate::model::{self, Bank, Course, Item};
use crate::parse;
use crate::source::{LineIndex, SourceFile};

/// A checked file: what the renderers and exporters need of it.
#[derive(Debug)]
pub struct CheckedFile {
    pub file: SourceFile,
    pub index: LineIndex,
    /// The file's exam items; `None` when the run only checks.
    pub course: Option<Course>,
    /// Sorted (by [`Finding::sort_key`]): every function here keeps them so.
    pub findings: Vec<Finding>,
    /// What the cross-file rules need of the file; `None` when none runs.
    pub summary: Option<FileSummary>,
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
    CheckedFile {
        file,
        index,
        course,
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

/// An exercise left out of the bank, with the first error found in it.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// The path of its file, as given or walked.
    pub path: String,
    /// 1-based line of the exercise heading.
    pub line: usize,
    /// The exercise heading.
    pub title: String,
    /// The first error inside the exercise (in source order).
    pub finding: Finding,
}

/// The bank of a run, and what was left out of it.
#[derive(Debug, Default)]
pub struct Assembly {
    pub bank: Bank,
    /// The items left out, in bank order (empty unless invalid items are
    /// dropped).
    pub skipped: Vec<Skipped>,
    /// Error findings over every file, inside items or not.
    pub errors: usize,
}

/// Whether [`assemble`] keeps the items that hold an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidItems {
    /// Every item goes into the bank (the caller refuses to export while an
    /// error remains, as `build` does without `--skip-invalid`).
    Keep,
    /// An item with an error finding inside its exercise is left out and
    /// listed in [`Assembly::skipped`].
    Drop,
}

/// The bank of checked files (in run order; files checked without lowering
/// add nothing). With [`InvalidItems::Drop`], an item is left out when an
/// error finding starts inside its exercise, from its heading to the end of
/// its last line, both included.
#[must_use]
pub fn assemble<'a>(
    files: impl IntoIterator<Item = &'a CheckedFile>,
    invalid: InvalidItems,
) -> Assembly {
    let mut assembly = Assembly::default();
    for file in files {
        let part = file_part(file, file.course.clone(), invalid);
        assembly.errors += part.errors;
        assembly.skipped.extend(part.skipped);
        assembly.bank.courses.extend(part.course);
    }
    assembly
}

/// One file's share of the bank, for a bank assembled file by file.
#[derive(Debug, Default)]
pub struct FilePart {
    /// The file's course, without the items left out.
    pub course: Option<Course>,
    /// The items left out, in file order.
    pub skipped: Vec<Skipped>,
    /// Error findings in the file, inside items or not.
    pub errors: usize,
}

/// What [`assemble`] takes of one file, its course moved out of `file`:
/// the files' parts in run order make the same bank.
#[must_use]
pub fn assemble_file(file: &mut CheckedFile, invalid: InvalidItems) -> FilePart {
    let course = file.course.take();
    file_part(file, course, invalid)
}

fn file_part(file: &CheckedFile, course: Option<Course>, invalid: InvalidItems) -> FilePart {
    let mut part = FilePart {
        errors: file
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count(),
        ..FilePart::default()
    };
    let Some(mut course) = course else {
        return part;
    };
    if invalid == InvalidItems::Drop {
        for chapter in &mut course.chapters {
            chapter
                .items
                .retain(|item| match first_error_in(file, item) {
                    None => true,
                    Some(finding) => {
                        part.skipped.push(Skipped {
                            path: file.file.path.clone(),
                            line: item.source.line,
                            title: item.title.clone(),
                            finding: finding.clone(),
                        });
                        false
                    }
                });
        }
    }
    part.course = Some(course);
    part
}

/// The first error finding that starts inside the exercise of `item`.
fn first_error_in<'f>(file: &'f CheckedFile, item: &Item) -> Option<&'f Finding> {
    let findings = &file.findings;
    debug_assert!(findings.is_sorted_by_key(Finding::sort_key));
    let first = findings.partition_point(|f| f.span.start < item.span.start);
    findings[first..]
        .iter()
        .take_while(|f| f.span.start <= item.span.end)
        .find(|f| f.severity == Severity::Error)
}

/// The whole flow over a set of texts, each file with the same settings:
/// parse, lower and lint each, run the cross-file rules, and assemble the
/// bank (what `build` does, without the file system).
#[must_use]
pub fn build_bank(
    sources: Vec<SourceFile>,
    settings: &RuleSettings,
    invalid: InvalidItems,
) -> (Vec<CheckedFile>, Assembly) {
    let paths: Vec<&str> = sources.iter().map(|s| s.path.as_str()).collect();
    let prefixes = model::id_prefixes(&paths);
    let mut files: Vec<CheckedFile> = sources
        .into_iter()
        .zip(&prefixes)
        .map(|(source, prefix)| build_source(source, prefix, settings))
        .collect();
    let mut pass = bank::BankPass::new();
    for file in &mut files {
        add_to_bank(&mut pass, file, settings);
    }
    let assembly = assemble(&files, invalid);
    (files, assembly)
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
