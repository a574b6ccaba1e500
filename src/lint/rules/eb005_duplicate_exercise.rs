use std::collections::HashMap;

use crate::lint::bank::{BankState, ExercisePrint, FileSummary};
use crate::lint::{Finding, LintContext, Rule, RuleMeta, Severity, declare_rule};

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
    /// and either the shared options carry the same marks or the two
    /// stems are the same. A series that asks different questions about
    /// one list of options ("Which anomaly is this?") has different stems
    /// and keys, and is not flagged.
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
    pub(crate) DuplicateExercise = ("EB005", "duplicate-exercise", Severity::Warning)
}

/// An option text so common that it says nothing about a pair ("None of
/// the above" in every file) is left out of the index past this many
/// questions; it keeps the pass linear.
const MAX_POSTINGS: usize = 64;

/// A question by file index and position in that file's summary.
type At = (u32, u32);

impl Rule for DuplicateExercise {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &LintContext<'_>, _out: &mut Vec<Finding>) {
        // Judged over the whole run by its bank state, files and pairs alike.
    }

    fn checks_bank(&self) -> bool {
        true
    }

    fn bank_state(&self) -> Option<Box<dyn BankState>> {
        Some(Box::new(DuplicateIndex::default()))
    }
}

/// The questions seen so far, by option set and by option: each new file
/// is compared with everything before it (and its own earlier questions),
/// then added. Lookups are hash probes; no pass compares all pairs.
#[derive(Default)]
struct DuplicateIndex {
    /// Option set (texts, marks aside) -> questions, in run order.
    by_set: HashMap<u64, Vec<At>>,
    /// Option -> questions that have it, in run order.
    postings: HashMap<u64, Vec<At>>,
    /// Scratch list of the earlier questions sharing an option.
    shared: Vec<At>,
}

impl BankState for DuplicateIndex {
    fn add(&mut self, files: &[FileSummary], out: &mut Vec<Finding>) {
        let Some(f) = files.len().checked_sub(1) else {
            return;
        };
        let file = &files[f];
        let print = |at: At| &files[at.0 as usize].exercises[at.1 as usize];
        for (e, exercise) in file.exercises.iter().enumerate() {
            let here: At = (index(f), index(e));
            let set = exercise.option_set();
            // The same option set first: one lookup, whatever the inverted
            // index leaves out.
            let exact = self
                .by_set
                .get(&set)
                .into_iter()
                .flatten()
                .copied()
                .find(|&p| duplicates(print(p), exercise).is_some());
            let first = exact.or_else(|| {
                // Then near-duplicates: the earlier questions that share an
                // option, through the inverted index.
                self.shared.clear();
                for (hash, _) in &exercise.options {
                    if let Some(list) = self.postings.get(hash)
                        && list.len() <= MAX_POSTINGS
                    {
                        self.shared.extend_from_slice(list);
                    }
                }
                // Sorted, each earlier question's shared options form a run;
                // the first run of three or more that qualifies wins.
                self.shared.sort_unstable();
                self.shared
                    .chunk_by(|a, b| a == b)
                    .filter(|run| run.len() >= 3)
                    .map(|run| run[0])
                    .find(|&p| duplicates(print(p), exercise).is_some())
            });
            if let Some(p) = first {
                let earlier = print(p);
                let shared = duplicates(earlier, exercise).unwrap_or(0);
                out.push(report(
                    &files[p.0 as usize],
                    earlier,
                    file,
                    exercise,
                    shared,
                ));
            }
            self.by_set.entry(set).or_default().push(here);
            for (hash, _) in &exercise.options {
                self.postings.entry(*hash).or_default().push(here);
            }
        }
    }
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The number of shared options when `a` and `b` are duplicates.
fn duplicates(a: &ExercisePrint, b: &ExercisePrint) -> Option<usize> {
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
    let larger = a.options.len().max(b.options.len());
    let same_stem = a.stem.is_some() && a.stem == b.stem;
    (shared >= 3 && shared * 4 >= larger * 3 && (marks_agree || same_stem)).then_some(shared)
}

fn report(
    first_file: &FileSummary,
    first: &ExercisePrint,
    file: &FileSummary,
    exercise: &ExercisePrint,
    shared: usize,
) -> Finding {
    let place = if first_file.path == file.path {
        format!("line {}", first.line)
    } else {
        format!("{}:{}", first_file.path, first.line)
    };
    let same = shared == first.options.len() && shared == exercise.options.len();
    let message = if same {
        format!(
            "Exercise `{}` has the same options as `{}` ({place})",
            exercise.title, first.title
        )
    } else {
        format!(
            "Exercise `{}` has nearly the same options as `{}` ({place}): {shared} of {} shared",
            exercise.title,
            first.title,
            first.options.len().max(exercise.options.len())
        )
    };
    Finding::new(&DuplicateExercise::META, exercise.span, message)
        .label("options of an earlier exercise")
        .related(
            first_file.path.clone(),
            first.span,
            "the earlier exercise with these options",
        )
        .help("Remove the copy, or rewrite it to test something else")
}
