use crate::lint::bank::{BankState, EarlierQuestions, ExercisePrint, FileSummary, Overlap, Pair};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a choice question that asks the same question as an earlier
    /// one, in the same file or in any file of the run, with the same
    /// answer choices but other options marked correct. The finding sits on
    /// the later question and names the earlier one.
    ///
    /// The same question means the same stem (the text before the options,
    /// else the prose before the block, compared in normal form), or, for
    /// questions written in their heading with neither, the same heading
    /// without its label (`A-5.` and `B-2.` aside). The same answer choices are judged as by
    /// `duplicate-exercise`: three informative options shared or more,
    /// making up 3/4 of the larger question. Among several earlier copies
    /// the closest is named, and of equally close ones the nearest.
    ///
    /// ## Why is this bad?
    /// One of the two keys is wrong, and learners are graded by it: the same
    /// answer scores in one exam and fails in the other. Notes that hold two
    /// versions of a course, or a question answered again later, drift this
    /// way when a fix reaches one copy only.
    ///
    /// ## Example
    /// ````md
    /// # 1. Storage
    /// ## Choosing a format
    /// ```
    /// Which format stores a table by column?
    ///
    /// [x]Parquet files with row groups
    /// [ ]Comma-separated text files
    /// [ ]Newline-delimited JSON records
    /// ```
    ///
    /// # 2. Storage, again
    /// ## Choosing a format
    /// ```
    /// Which format stores a table by column?
    ///
    /// [ ]Parquet files with row groups
    /// [x]Comma-separated text files
    /// [ ]Newline-delimited JSON records
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Storage
    /// ## Choosing a format
    /// ```
    /// Which format stores a table by column?
    ///
    /// [x]Parquet files with row groups
    /// [ ]Comma-separated text files
    /// [ ]Newline-delimited JSON records
    /// ```
    ///
    /// # 2. Storage, again
    /// ## Choosing a format for logs
    /// ```
    /// Which format can be appended to one line at a time?
    ///
    /// [ ]Parquet files with row groups
    /// [ ]Comma-separated text files
    /// [x]Newline-delimited JSON records
    /// ```
    /// ````
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) ConflictingAnswerKey = ("EB113", "conflicting-answer-key", Severity::Warning)
}

impl Rule for ConflictingAnswerKey {
    fn check(&self, _cx: &LintContext<'_>, _out: &mut Vec<Finding>) {
        // Judged over the whole run by its bank state.
    }

    fn checks_bank(&self) -> bool {
        true
    }

    fn bank_state(&self) -> Option<Box<dyn BankState>> {
        Some(Box::new(Keys {
            index: EarlierQuestions::asking_the_same(),
        }))
    }
}

struct Keys {
    index: EarlierQuestions,
}

impl BankState for Keys {
    fn add(&mut self, files: &[FileSummary], out: &mut Vec<Finding>) {
        self.index
            .judge_last_file(files, out, conflicting, |pair, _| report(pair));
    }
}

/// How close `a` and `b` are (shared options) when they ask the same
/// question with the same choices and mark some shared option differently.
fn conflicting(a: &ExercisePrint, b: &ExercisePrint) -> Option<usize> {
    let overlap = Overlap::of(a, b);
    (a.question == b.question && overlap.same_choices(a, b) && !overlap.marks_agree)
        .then_some(overlap.shared)
}

fn report(pair: &Pair<'_>) -> Finding {
    let message = format!(
        "Exercise `{}` asks the same question as `{}` ({}) but marks other options \
         correct: one of the two keys is wrong",
        pair.title(),
        pair.earlier_title(),
        pair.earlier_place()
    );
    Finding::new(&ConflictingAnswerKey::META, pair.exercise.span, message)
        .label("this key")
        .related(
            pair.earlier_file.path.clone(),
            pair.earlier.span,
            "the same question, with another key",
        )
        .help("Check which options are correct and mark both copies alike (or remove one)")
}
