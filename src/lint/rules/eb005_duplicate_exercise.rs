use crate::lint::bank::{BankState, EarlierQuestions, ExercisePrint, FileSummary, Overlap, Pair};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a choice question whose options are the same as, or almost the
    /// same as, those of an earlier question, in the same file or in any
    /// file of the run. The finding sits on the later question and points
    /// at the earlier one.
    ///
    /// Options are compared in normal form (case, spacing and sentence
    /// punctuation aside); only informative options count (two words or
    /// more, or eight characters or more: "True" or "A" recur in unrelated
    /// questions), and a question needs three of them. Two questions are
    /// duplicates when they share at least three options and the shared
    /// options make up at least 3/4 of the options of the larger question
    /// (overlap = shared / max(n1, n2) >= 0.75; 1.0 is the same option set),
    /// the shared options carry the same marks, and the two stems (when
    /// both have one: the text before the options, else the prose before
    /// the block) are the same. Questions that ask different things
    /// about one list of answer choices ("Which chart shows a trend?",
    /// "Which chart shows a distribution?") are not copies, whatever their
    /// keys. The same question with other options marked correct is a
    /// wrong key, reported by `conflicting-answer-key` instead.
    ///
    /// The finding names the closest earlier question: the one sharing the
    /// most options (the same stem breaking ties), and of equally close
    /// ones the nearest, so a chain of copies points at the one before.
    ///
    /// Each file yields a fingerprint per question while it is checked (a
    /// hash per option and one of the prompt); one pass over the run then
    /// looks up equal option sets and, through an inverted index over the
    /// option hashes, the questions sharing options. An option shared by
    /// more than 64 earlier questions ("None of the above") is too common
    /// to point at a copy and is left out of that search.
    ///
    /// ## Why is this bad?
    /// A pasted question tests the same thing twice, gives away its own
    /// answer when both land in one exam, and drifts: a fix made to one
    /// copy is missing from the other.
    ///
    /// ## Example
    /// ````md
    /// # 1. Operations
    /// ## Monitoring the pipeline
    /// ```
    /// [x]Track consumer lag for every partition.
    /// [ ]Check the pipeline once a month.
    /// [x]Alert when the error rate rises.
    /// ```
    /// ## Watching the pipeline
    /// ```
    /// [x]Track consumer lag for every partition.
    /// [ ]Check the pipeline once a month.
    /// [x]Alert when the error rate rises.
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Operations
    /// ## Monitoring the pipeline
    /// ```
    /// [x]Track consumer lag for every partition.
    /// [ ]Check the pipeline once a month.
    /// [x]Alert when the error rate rises.
    /// ```
    /// ## Reading the lag chart
    /// ```
    /// [ ]Lag that grows steadily means consumers keep up.
    /// [x]Lag that grows steadily means consumers fall behind.
    /// [ ]Lag that stays flat means the brokers are down.
    /// ```
    /// ````
    ///
    /// ## Precision
    /// On the real-notes corpus: 2 findings judged, 2 right (100 %).
    pub(crate) DuplicateExercise = ("EB005", "duplicate-exercise", Severity::Warning)
}

impl Rule for DuplicateExercise {
    fn check(&self, _cx: &LintContext<'_>, _out: &mut Vec<Finding>) {
        // Judged over the whole run by its bank state, files and pairs alike.
    }

    fn checks_bank(&self) -> bool {
        true
    }

    fn bank_state(&self) -> Option<Box<dyn BankState>> {
        Some(Box::new(Duplicates {
            index: EarlierQuestions::sharing_options(),
        }))
    }
}

/// Each new file is compared with everything before it (and its own
/// earlier questions), then added.
struct Duplicates {
    index: EarlierQuestions,
}

impl BankState for Duplicates {
    fn add(&mut self, files: &[FileSummary], out: &mut Vec<Finding>) {
        self.index
            .judge_last_file(files, out, duplicates, |pair, (shared, _)| {
                report(pair, shared)
            });
    }
}

/// How close `a` and `b` are (shared options, then whether the stems are
/// the same) when they are duplicates: the same choices with the same
/// marks, and not two stems that ask different things.
fn duplicates(a: &ExercisePrint, b: &ExercisePrint) -> Option<(usize, bool)> {
    let overlap = Overlap::of(a, b);
    let different_stems = a.stem.is_some() && b.stem.is_some() && a.stem != b.stem;
    (overlap.same_choices(a, b) && overlap.marks_agree && !different_stems)
        .then_some((overlap.shared, a.stem.is_some() && a.stem == b.stem))
}

fn report(pair: &Pair<'_>, shared: usize) -> Finding {
    let (first, exercise) = (pair.earlier, pair.exercise);
    let place = pair.earlier_place();
    let same = shared == first.options.len() && shared == exercise.options.len();
    let message = if same {
        format!(
            "Exercise `{}` has the same options as `{}` ({place})",
            pair.title(),
            pair.earlier_title()
        )
    } else {
        format!(
            "Exercise `{}` has nearly the same options as `{}` ({place}): {shared} of {} shared",
            pair.title(),
            pair.earlier_title(),
            first.options.len().max(exercise.options.len())
        )
    };
    Finding::new(&DuplicateExercise::META, exercise.span, message)
        .label("options of an earlier exercise")
        .related(
            pair.earlier_file.path.clone(),
            first.span,
            "the earlier exercise with these options",
        )
        .help("Remove the copy, or rewrite it to test something else")
}
