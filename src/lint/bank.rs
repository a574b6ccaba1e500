//! Rules that judge the whole run rather than one file.
//!
//! Files are checked in parallel and keep no texts, so each file yields a
//! small [`FileSummary`] while it is checked (a few hashes per exercise),
//! and one cheap pass over the summaries runs after the parallel stage
//! ([`check_bank`]). No rule here may compare all pairs of exercises: they
//! use hash maps and inverted indexes.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::text::normalize_option;
use super::{Finding, LintContext, RULES, RuleSettings};
use crate::source::Span;

/// What the cross-file rules need to know of one file.
#[derive(Debug, Clone, Default)]
pub struct FileSummary {
    pub path: String,
    pub exercises: Vec<ExercisePrint>,
}

/// The fingerprint of one choice question.
#[derive(Debug, Clone)]
pub struct ExercisePrint {
    pub title: String,
    /// 1-based line of the exercise heading.
    pub line: usize,
    /// The options, from the first to the last: where a finding points.
    pub span: Span,
    /// Hashes of the normalized informative options with their marks,
    /// sorted by hash and without repeats.
    pub options: Vec<(u64, bool)>,
    /// Hash of the normalized prompt (context prose and stem); `None`
    /// when there is no prompt, which matches nothing.
    pub stem: Option<u64>,
}

impl ExercisePrint {
    /// Hash of the option texts alone, marks aside.
    #[must_use]
    pub fn option_set(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        for (hash, _) in &self.options {
            hash.hash(&mut hasher);
        }
        hasher.finish()
    }
}

/// A finding of a bank rule and the index of the file it belongs to.
#[derive(Debug, Clone)]
pub struct BankFinding {
    pub file: usize,
    pub finding: Finding,
}

/// An option worth comparing: two words or more, or eight characters or
/// more. "A", "True" or "12" recur in unrelated questions.
fn informative(normalized: &str) -> bool {
    normalized.contains(' ') || normalized.chars().count() >= 8
}

fn hash_str(text: &str) -> u64 {
    // `DefaultHasher::new` has fixed keys: the same text gives the same
    // hash on every run, so output never depends on the run.
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// Whether any enabled rule reads the summaries.
#[must_use]
pub fn needs_summaries(settings: &RuleSettings) -> bool {
    RULES
        .iter()
        .any(|r| r.checks_bank() && settings.is_enabled(r.meta()))
}

/// The summary of one file: a print of each choice question with three
/// informative options or more.
#[must_use]
pub fn summarize(cx: &LintContext<'_>) -> FileSummary {
    let mut exercises = Vec::new();
    for (exercise, choice) in cx.choices() {
        let mut seen = HashSet::new();
        let mut options: Vec<(u64, bool)> = choice
            .options
            .iter()
            .filter_map(|o| {
                let text = normalize_option(&o.text);
                (informative(&text) && seen.insert(text.clone()))
                    .then(|| (hash_str(&text), o.checkbox.kind.is_checked()))
            })
            .collect();
        if options.len() < 3 {
            continue;
        }
        options.sort_unstable();
        let prompt: Vec<String> = cx
            .prompt_spans(exercise)
            .into_iter()
            .map(|s| normalize_option(cx.text(s)))
            .collect();
        let prompt = prompt.join(" ");
        let (Some(first), Some(last)) = (choice.options.first(), choice.options.last()) else {
            continue;
        };
        exercises.push(ExercisePrint {
            title: exercise.title.clone(),
            line: cx
                .index
                .line_col(&cx.file.text, exercise.heading.start)
                .line,
            span: first.span.cover(last.span),
            options,
            stem: (!prompt.is_empty()).then(|| hash_str(&prompt)),
        });
    }
    FileSummary {
        path: cx.file.path.clone(),
        exercises,
    }
}

/// Runs every enabled bank rule over the summaries of the run, in file
/// order; severities follow `settings`.
#[must_use]
pub fn check_bank(files: &[&FileSummary], settings: &RuleSettings) -> Vec<BankFinding> {
    let mut out = Vec::new();
    for rule in RULES {
        let meta = rule.meta();
        if !rule.checks_bank() || !settings.is_enabled(meta) {
            continue;
        }
        let start = out.len();
        rule.check_bank(files, &mut out);
        let severity = settings.severity_of(meta);
        for found in &mut out[start..] {
            found.finding.severity = severity;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::informative;

    #[test]
    fn short_options_are_not_informative() {
        assert!(!informative("true"));
        assert!(!informative("12"));
        assert!(informative("no lost events"));
        assert!(informative("df . count ( )"));
        assert!(informative("idempotent"));
    }
}
