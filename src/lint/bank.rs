//! Rules that judge the whole run rather than one file.
//!
//! Files are checked in parallel and keep no texts, so each file yields a
//! small [`FileSummary`] while it is checked (a few hashes per exercise),
//! and one cheap pass over the summaries runs after the parallel stage
//! ([`BankPass`]). No rule here may compare all pairs of exercises: they
//! use hash maps and inverted indexes.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::{Finding, LintContext, RULES, RuleMeta, RuleSettings};
use crate::model::Fnv1a;
use crate::model::text::each_normalized_char;
use crate::parse::ast::AnswerBody;
use crate::source::Span;

/// What the cross-file rules need to know of one file.
#[derive(Debug, Clone, Default)]
pub struct FileSummary {
    pub path: String,
    /// The title and line of every exercise of the file, which findings
    /// name: prints refer to their exercise by its index.
    pub headings: Headings,
    pub exercises: Vec<ExercisePrint>,
    /// Byte ranges over which inline suppressions silence a cross-file rule
    /// (by code): those findings only exist after the bank pass.
    pub suppressed: Vec<(&'static str, Span)>,
    /// The words of each quiz item's stem, and of each key and explanation
    /// (`item-gives-away-another`), which takes them when the file is added.
    pub giveaway: Handoff<GiveawayPrints>,
}

/// What a file's summary hands to one cross-file rule: the rule takes it
/// when the file is added and keeps what it needs in its own form, so that
/// the run does not keep the summary's copy too.
#[derive(Default)]
pub struct Handoff<T>(std::sync::Mutex<Option<T>>);

impl<T> Handoff<T> {
    #[must_use]
    pub fn new(value: T) -> Self {
        Self(std::sync::Mutex::new(Some(value)))
    }

    /// The value, the first time; `None` after.
    pub fn take(&self) -> Option<T> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

impl<T: Clone> Clone for Handoff<T> {
    fn clone(&self) -> Self {
        let value = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        Self(std::sync::Mutex::new(value))
    }
}

impl<T> std::fmt::Debug for Handoff<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Handoff")
    }
}

/// The heading of each exercise of a file, by its index among the file's
/// exercises: every title in one string, so that a run keeps no string per
/// exercise.
#[derive(Debug, Clone, Default)]
pub struct Headings {
    titles: String,
    /// Where each title ends in `titles`, and the 1-based line of its
    /// heading.
    ends: Vec<(u32, u32)>,
}

impl Headings {
    /// The headings of every exercise of the file of `cx`, in order.
    #[must_use]
    pub fn of(cx: &LintContext<'_>) -> Self {
        let mut headings = Self {
            titles: String::with_capacity(cx.exercises().map(|e| e.title.len()).sum()),
            ends: Vec::with_capacity(cx.exercises().count()),
        };
        for exercise in cx.exercises() {
            headings.titles.push_str(&exercise.title);
            let line = cx
                .index
                .line_col(&cx.file.text, exercise.heading.start)
                .line;
            headings
                .ends
                .push((saturated(headings.titles.len()), saturated(line)));
        }
        headings
    }

    /// The title of the exercise with index `exercise`.
    #[must_use]
    pub fn title(&self, exercise: usize) -> &str {
        let start = exercise
            .checked_sub(1)
            .and_then(|e| self.ends.get(e))
            .map_or(0, |&(end, _)| end as usize);
        let end = self
            .ends
            .get(exercise)
            .map_or(start, |&(end, _)| end as usize);
        self.titles.get(start..end).unwrap_or_default()
    }

    /// The 1-based line of the heading of the exercise with index `exercise`.
    #[must_use]
    pub fn line(&self, exercise: usize) -> usize {
        self.ends
            .get(exercise)
            .map_or(0, |&(_, line)| line as usize)
    }
}

/// `n` as a `u32`, the largest one when it does not fit.
#[must_use]
pub fn saturated(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The words of one text, as hashes of their lower-case forms, with their
/// spans: enough to find one text inside another without keeping either.
#[derive(Debug, Clone, Default)]
pub struct WordPrint {
    /// The exercise, by its index among the file's exercises.
    pub exercise: usize,
    /// Hashes of the words (see [`word_hash`]).
    pub words: Vec<u32>,
    pub spans: Vec<Span>,
    /// Whether the text is an explanation (else a key or a stem).
    pub explanation: bool,
}

/// The stems, keys and explanations of one file's quiz items.
#[derive(Debug, Clone, Default)]
pub struct GiveawayPrints {
    pub stems: Vec<WordPrint>,
    pub answers: Vec<WordPrint>,
}

/// The hash of a word's lower-case form: 32 bits are enough, since texts
/// are matched on five words or more.
#[must_use]
pub fn word_hash(word: &str) -> u32 {
    let fold = |h: u64| (h ^ (h >> 32)) as u32;
    let mut hash = Fnv1a::new();
    // Most words are ASCII: one pass with no case-mapping iterator, begun
    // again the general way at the first other byte.
    for &b in word.as_bytes() {
        if !b.is_ascii() {
            let mut hash = Fnv1a::new();
            for c in word.chars().flat_map(char::to_lowercase) {
                hash.write_char(c);
            }
            return fold(hash.finish());
        }
        hash.write_char(char::from(b.to_ascii_lowercase()));
    }
    fold(hash.finish())
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
    /// The exercise, by its index among the file's exercises (see
    /// [`Headings`]).
    pub exercise: u32,
    /// The options, from the first to the last: where a finding points.
    pub span: Span,
    /// Hashes of the normalized informative options with their marks,
    /// sorted by hash and without repeats.
    pub options: Box<[(u64, bool)]>,
    /// Hash of the normalized stem: the text before the options in the
    /// answer block, else the context prose before the block; `None` when
    /// there is neither, which matches nothing.
    pub stem: Option<u64>,
    /// Hash of what the question asks: the stem, or when there is none
    /// the heading without its label (`A-5.`, `3)`), where such notes put
    /// the question.
    pub question: u64,
}

impl ExercisePrint {
    /// Hash of the option texts alone, marks aside.
    #[must_use]
    pub fn option_set(&self) -> u64 {
        let mut hash = Fnv1a::new();
        for (option, _) in &*self.options {
            hash.write_u64(*option);
        }
        hash.finish()
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

/// A set of hashes.
pub type HashSeen = HashSet<u64, BuildHasherDefault<Prehashed>>;

/// Lists of values by hash, for lists that mostly hold one value (most
/// texts and option sets occur once in a run): the first value of a list
/// sits in the table itself, and only a second one starts a vector.
#[derive(Debug)]
pub struct Postings<V> {
    first: HashKeyed<V>,
    more: HashKeyed<Vec<V>>,
}

impl<V> Default for Postings<V> {
    fn default() -> Self {
        Self {
            first: HashKeyed::default(),
            more: HashKeyed::default(),
        }
    }
}

impl<V: Copy> Postings<V> {
    /// Appends `value` to the list of `key`, unless the list holds `limit`
    /// values already.
    pub fn push(&mut self, key: u64, value: V, limit: usize) {
        match self.first.entry(key) {
            Entry::Vacant(entry) => {
                entry.insert(value);
            }
            Entry::Occupied(_) => {
                let more = self.more.entry(key).or_default();
                if more.len() + 1 < limit {
                    more.push(value);
                }
            }
        }
    }

    /// The list of `key`, if it has one.
    #[must_use]
    pub fn get(&self, key: u64) -> Option<List<'_, V>> {
        let first = self.first.get(&key)?;
        let more = self.more.get(&key).map_or(&[][..], Vec::as_slice);
        Some(List { first, more })
    }
}

/// The values of one key of [`Postings`], in the order pushed.
#[derive(Debug, Clone, Copy)]
pub struct List<'a, V> {
    first: &'a V,
    more: &'a [V],
}

impl<'a, V> List<'a, V> {
    #[must_use]
    pub fn len(&self) -> usize {
        1 + self.more.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        false
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &'a V> + use<'a, V> {
        std::iter::once(self.first).chain(self.more)
    }
}

/// The hash of an option's normal form (see [`each_normalized_char`]), and
/// whether it is worth comparing: two words or more, or eight characters or
/// more. "A", "True" or "12" recur in unrelated questions.
fn fingerprint(form: &str) -> (u64, bool) {
    let mut hasher = Fnv1a::new();
    let (mut count, mut spaced) = (0usize, false);
    for c in form.chars() {
        hasher.write_char(c);
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
    let choices = cx.exercises().enumerate().filter_map(|(e, exercise)| {
        match exercise.answer.as_ref().map(|a| &a.body) {
            Some(AnswerBody::Choice(choice)) => Some((e, exercise, choice)),
            _ => None,
        }
    });
    for (e, exercise, choice) in choices {
        let mut options: Vec<(u64, bool)> = choice
            .options
            .iter()
            .filter_map(|o| {
                let (hash, informative) = fingerprint(&cx.option_form(o));
                informative.then_some((hash, o.checkbox.kind.is_checked()))
            })
            .collect();
        // Sorted by hash, a repeated option is counted once.
        options.sort_unstable();
        options.dedup_by_key(|o| o.0);
        if options.len() < 3 {
            continue;
        }
        // The question asked: the stem in the answer block, else the
        // context prose before it (where some notes ask it).
        let spans = cx.prompt_spans(exercise);
        let spans = match &choice.stem {
            Some(stem) => std::slice::from_ref(&stem.span),
            None => spans.as_slice(),
        };
        let mut prompt = Fnv1a::new();
        let mut empty = true;
        for span in spans {
            each_normalized_char(cx.text(*span), |c| {
                prompt.write_char(c);
                empty = false;
            });
            prompt.write_char(' ');
        }
        let (Some(first), Some(last)) = (choice.options.first(), choice.options.last()) else {
            continue;
        };
        let question = if empty {
            let mut heading = Fnv1a::new();
            each_normalized_char(without_label(&exercise.title), |c| heading.write_char(c));
            heading.finish()
        } else {
            prompt.finish()
        };
        exercises.push(ExercisePrint {
            exercise: saturated(e),
            span: first.span.cover(last.span),
            options: options.into_boxed_slice(),
            stem: (!empty).then(|| prompt.finish()),
            question,
        });
    }
    exercises.shrink_to_fit();
    FileSummary {
        path: cx.file.path.clone(),
        headings: Headings::of(cx),
        exercises,
        suppressed: super::suppress::bank_rule_ranges(cx),
        giveaway: Handoff::new(super::rules::giveaway_prints(cx)),
    }
}

/// A heading without the label that numbers it: `A-5. Which ...` and
/// `B-2. Which ...` ask the same question.
fn without_label(title: &str) -> &str {
    let mut rest = title.trim_start();
    while let Some((word, after)) = rest.split_once(char::is_whitespace) {
        let label = word.len() <= 6
            && word.chars().any(|c| c.is_ascii_digit())
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-.:()#".contains(c));
        if !label {
            break;
        }
        rest = after.trim_start();
    }
    rest
}

/// A question by file index (high half) and position in that file's
/// summary (low half): one integer sorts faster than a pair.
type At = u64;

fn at(file: usize, exercise: usize) -> At {
    let half = |i: usize| u64::from(u32::try_from(i).unwrap_or(u32::MAX));
    (half(file) << 32) | half(exercise)
}

/// The file index and the position of `at`.
fn unpack(at: At) -> (usize, usize) {
    ((at >> 32) as usize, (at & u64::from(u32::MAX)) as usize)
}

/// An option text so common that it says nothing about a pair ("None of
/// the above" in every file) is left out of the index past this many
/// questions; it keeps the pass linear.
const MAX_POSTINGS: usize = 64;

/// The choice questions seen so far, indexed to find the earlier ones a
/// new question may match: by option set and by option (questions sharing
/// options), or by what they ask (the same question). Lookups are hash
/// probes; no pass compares all pairs.
pub struct EarlierQuestions {
    /// Whether candidates are the questions that ask the same; else those
    /// that share options.
    same_question: bool,
    /// Option set (texts, marks aside), or question -> questions, in run order.
    by_set: Postings<At>,
    /// Option -> questions that have it, in run order.
    postings: Postings<At>,
    /// Scratch list of the candidates.
    shared: Vec<At>,
}

impl EarlierQuestions {
    /// Candidates are the questions with the same option set and, through
    /// the inverted index over options, those sharing three or more.
    #[must_use]
    pub fn sharing_options() -> Self {
        Self::new(false)
    }

    /// Candidates are the questions that ask the same question.
    #[must_use]
    pub fn asking_the_same() -> Self {
        Self::new(true)
    }

    fn new(same_question: bool) -> Self {
        Self {
            same_question,
            by_set: Postings::default(),
            postings: Postings::default(),
            shared: Vec::new(),
        }
    }

    fn key(&self, exercise: &ExercisePrint) -> u64 {
        if self.same_question {
            exercise.question
        } else {
            exercise.option_set()
        }
    }

    /// The earlier question closest to `exercise` among the candidates that
    /// `judge` accepts (it returns how close they are, higher is closer):
    /// the closest, and of equally close ones the nearest, not the first.
    fn closest<K: Ord>(
        &mut self,
        files: &[FileSummary],
        exercise: &ExercisePrint,
        judge: impl Fn(&ExercisePrint, &ExercisePrint) -> Option<K>,
    ) -> Option<(At, K)> {
        let print = |at: At| {
            let (f, e) = unpack(at);
            &files[f].exercises[e]
        };
        let same_key = self.by_set.get(self.key(exercise));
        if self.same_question {
            // Each candidate once, in run order: no runs to count.
            return same_key
                .into_iter()
                .flat_map(|list| list.iter().rev().take(MAX_POSTINGS))
                .filter_map(|&at| Some((judge(print(at), exercise)?, at)))
                .max()
                .map(|(k, at)| (at, k));
        }
        self.shared.clear();
        if let Some(same_set) = same_key {
            // Three entries each: the run below counts them as sharing. Of
            // many copies, the nearest are enough to find the closest.
            for &at in same_set.iter().rev().take(MAX_POSTINGS) {
                self.shared.extend([at, at, at]);
            }
        }
        for (hash, _) in &*exercise.options {
            if let Some(list) = self.postings.get(*hash)
                && list.len() <= MAX_POSTINGS
            {
                self.shared.extend(list.iter());
            }
        }
        // Sorted, each earlier question's entries form a run.
        self.shared.sort_unstable();
        self.shared
            .chunk_by(|a, b| a == b)
            .filter(|run| run.len() >= 3)
            .map(|run| run[0])
            .filter_map(|at| Some((judge(print(at), exercise)?, at)))
            .max()
            .map(|(k, at)| (at, k))
    }

    /// Judges each question of the last file of `files` against every
    /// question before it (its own file's earlier ones too), then adds the
    /// file: `report` makes the finding for a question and the closest
    /// earlier one that `judge` accepts.
    pub fn judge_last_file<K: Ord>(
        &mut self,
        files: &[FileSummary],
        out: &mut Vec<Finding>,
        judge: impl Fn(&ExercisePrint, &ExercisePrint) -> Option<K>,
        report: impl Fn(&Pair<'_>, K) -> Finding,
    ) {
        let Some(f) = files.len().checked_sub(1) else {
            return;
        };
        let file = &files[f];
        for (e, exercise) in file.exercises.iter().enumerate() {
            if let Some((p, closeness)) = self.closest(files, exercise, &judge) {
                let (pf, pe) = unpack(p);
                let earlier_file = &files[pf];
                let pair = Pair {
                    earlier_file,
                    earlier: &earlier_file.exercises[pe],
                    file,
                    exercise,
                };
                out.push(report(&pair, closeness));
            }
            self.insert(at(f, e), exercise);
        }
    }

    /// Adds the question at `at` for the questions after it.
    fn insert(&mut self, at: At, exercise: &ExercisePrint) {
        let key = self.key(exercise);
        // Every copy: candidates are the latest ones.
        self.by_set.push(key, at, usize::MAX);
        if !self.same_question {
            for (hash, _) in &*exercise.options {
                // A list past the limit is never read: one more entry says so.
                self.postings.push(*hash, at, MAX_POSTINGS + 1);
            }
        }
    }
}

/// A question and the earlier one it is judged against.
pub struct Pair<'a> {
    pub earlier_file: &'a FileSummary,
    pub earlier: &'a ExercisePrint,
    pub file: &'a FileSummary,
    pub exercise: &'a ExercisePrint,
}

impl Pair<'_> {
    /// Where the earlier question is, as a message names it: `line 12` in
    /// the same file, `notes/a.md:12` in another.
    #[must_use]
    pub fn earlier_place(&self) -> String {
        let line = self
            .earlier_file
            .headings
            .line(self.earlier.exercise as usize);
        if self.earlier_file.path == self.file.path {
            format!("line {line}")
        } else {
            format!("{}:{line}", self.earlier_file.path)
        }
    }

    /// The title of the question judged.
    #[must_use]
    pub fn title(&self) -> &str {
        self.file.headings.title(self.exercise.exercise as usize)
    }

    /// The title of the earlier question.
    #[must_use]
    pub fn earlier_title(&self) -> &str {
        self.earlier_file
            .headings
            .title(self.earlier.exercise as usize)
    }
}

/// How two choice questions compare on their informative options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlap {
    pub shared: usize,
    /// Whether every shared option carries the same mark in both.
    pub marks_agree: bool,
}

impl Overlap {
    #[must_use]
    pub fn of(a: &ExercisePrint, b: &ExercisePrint) -> Self {
        // Both lists are sorted by hash: walk them together.
        let (mut i, mut j) = (0, 0);
        let (mut shared, mut marks_agree) = (0, true);
        while i < a.options.len() && j < b.options.len() {
            let (x, y) = (a.options[i], b.options[j]);
            match x.0.cmp(&y.0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    marks_agree &= x.1 == y.1;
                    i += 1;
                    j += 1;
                }
            }
        }
        Self {
            shared,
            marks_agree,
        }
    }

    /// At least three options shared, making up 3/4 of the options of the
    /// larger question: the same answer choices, give or take one.
    #[must_use]
    pub fn same_choices(self, a: &ExercisePrint, b: &ExercisePrint) -> bool {
        let larger = a.options.len().max(b.options.len());
        self.shared >= 3 && self.shared * 4 >= larger * 3
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
    use crate::model::text::normalize_option;

    fn fingerprint(text: &str) -> (u64, bool) {
        super::fingerprint(&normalize_option(text))
    }

    #[test]
    fn labels_are_not_part_of_a_heading() {
        use super::without_label;
        assert_eq!(without_label("A-5. Which flow?"), "Which flow?");
        assert_eq!(without_label("3) Which flow?"), "Which flow?");
        assert_eq!(without_label("Which flow in 2024?"), "Which flow in 2024?");
        assert_eq!(without_label("Q2"), "Q2");
    }

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
