//! Rules that judge the whole run rather than one file.
//!
//! Files are checked in parallel and keep no texts, so each file yields a
//! small [`FileSummary`] while it is checked (a few hashes per exercise),
//! and one cheap pass over the summaries runs after the parallel stage
//! ([`BankPass`]). No rule here may compare all pairs of exercises: they
//! use hash maps and inverted indexes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::text::normalized_chars;
use super::{Finding, LintContext, RULES, RuleMeta, RuleSettings};
use crate::source::Span;

/// What the cross-file rules need to know of one file.
#[derive(Debug, Clone, Default)]
pub struct FileSummary {
    pub path: String,
    pub exercises: Vec<ExercisePrint>,
    /// Byte ranges over which inline suppressions silence a cross-file rule
    /// (by code): those findings only exist after the bank pass.
    pub suppressed: Vec<(&'static str, Span)>,
}

impl FileSummary {
    /// Whether an inline suppression of this file silences `finding`.
    #[must_use]
    pub fn silences(&self, finding: &Finding) -> bool {
        self.suppressed.iter().any(|(code, range)| {
            *code == finding.code
                && range.start <= finding.span.start
                && finding.span.start < range.end.max(range.start + 1)
        })
    }
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
        let mut hash = Fnv::new();
        for (option, _) in &self.options {
            hash.add_u64(*option);
        }
        hash.finish()
    }
}

/// FNV-1a: fast on short texts, and the same on every run and machine, so
/// the output never depends on the run. 64 bits keep collisions between the
/// options of a run negligible.
struct Fnv(u64);

impl Fnv {
    const PRIME: u64 = 0x0100_0000_01b3;

    const fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }

    fn add(&mut self, c: char) {
        self.0 = (self.0 ^ u64::from(u32::from(c))).wrapping_mul(Self::PRIME);
    }

    fn add_u64(&mut self, n: u64) {
        for byte in n.to_le_bytes() {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(Self::PRIME);
        }
    }

    const fn finish(&self) -> u64 {
        self.0
    }
}

/// A hasher for keys that are hashes already: it passes them through.
#[derive(Debug, Default, Clone, Copy)]
pub struct Prehashed(u64);

impl Hasher for Prehashed {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 << 8) | u64::from(byte);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by hashes from [`ExercisePrint`].
pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<Prehashed>>;

/// The hash of a text's normal form (see [`normalized_chars`]), and
/// whether it is worth comparing: two words or more, or eight characters or
/// more. "A", "True" or "12" recur in unrelated questions.
fn fingerprint(text: &str) -> (u64, bool) {
    let mut hasher = Fnv::new();
    let (mut count, mut spaced) = (0usize, false);
    for c in normalized_chars(text) {
        hasher.add(c);
        count += 1;
        spaced |= c == ' ';
    }
    (hasher.finish(), spaced || count >= 8)
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
        let mut options: Vec<(u64, bool)> = choice
            .options
            .iter()
            .filter_map(|o| {
                let (hash, informative) = fingerprint(&o.text);
                informative.then_some((hash, o.checkbox.kind.is_checked()))
            })
            .collect();
        // Sorted by hash, a repeated option is counted once.
        options.sort_unstable();
        options.dedup_by_key(|o| o.0);
        if options.len() < 3 {
            continue;
        }
        let mut prompt = Fnv::new();
        let mut empty = true;
        for span in cx.prompt_spans(exercise) {
            for c in normalized_chars(cx.text(span)) {
                prompt.add(c);
                empty = false;
            }
            prompt.add(' ');
        }
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
            stem: (!empty).then(|| prompt.finish()),
        });
    }
    FileSummary {
        path: cx.file.path.clone(),
        exercises,
        suppressed: super::suppress::bank_rule_ranges(cx),
    }
}

/// A cross-file rule's memory of the run so far.
pub trait BankState: Send {
    /// Judges the last file of `files` against every file before it (and
    /// itself); pushes that file's findings.
    fn add(&mut self, files: &[FileSummary], out: &mut Vec<Finding>);
}

/// The cross-file pass of a run: files are added in path order, and each
/// addition returns that file's findings at once. A file's findings depend
/// only on the files before it, so a run can be checked and printed as a
/// stream; what is kept is the summaries (fingerprints, not texts).
pub struct BankPass {
    summaries: Vec<FileSummary>,
    states: Vec<(&'static RuleMeta, Box<dyn BankState>)>,
}

impl Default for BankPass {
    fn default() -> Self {
        Self::new()
    }
}

impl BankPass {
    #[must_use]
    pub fn new() -> Self {
        let states = RULES
            .iter()
            .filter(|r| r.checks_bank())
            .filter_map(|r| Some((r.meta(), r.bank_state()?)))
            .collect();
        Self {
            summaries: Vec::new(),
            states,
        }
    }

    /// Adds the next file's summary; returns its cross-file findings,
    /// following its settings (a rule off there reports nothing there, at
    /// the file's severity) and its inline suppressions.
    pub fn add(&mut self, summary: FileSummary, settings: &RuleSettings) -> Vec<Finding> {
        self.summaries.push(summary);
        let mut out = Vec::new();
        for (meta, state) in &mut self.states {
            let start = out.len();
            state.add(&self.summaries, &mut out);
            let file = self.summaries.last().expect("just pushed");
            let enabled = settings.is_enabled(meta);
            let severity = settings.severity_of(meta);
            let mut kept = start;
            for k in start..out.len() {
                if !enabled || file.silences(&out[k]) {
                    continue;
                }
                out[k].severity = severity;
                out.swap(kept, k);
                kept += 1;
            }
            out.truncate(kept);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn short_options_are_not_informative() {
        assert!(!fingerprint("True").1);
        assert!(!fingerprint("12").1);
        assert!(fingerprint("No lost events").1);
        assert!(fingerprint("df.count()").1);
        assert!(fingerprint("idempotent").1);
    }

    #[test]
    fn options_hash_in_normal_form() {
        assert_eq!(fingerprint("Track lag.").0, fingerprint("track  LAG").0);
        assert_ne!(fingerprint("a == b").0, fingerprint("a = b").0);
    }
}
