use super::explanation_verdict::{Verdict, verdict};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an option marked `[ ]` whose explanation says it is true or
    /// correct with a hedge: "This can be true in some cases", "Partially
    /// correct", "True, but only ...", "Not always true".
    ///
    /// ## Why is this bad?
    /// A distractor that is sometimes right makes the key arguable: a
    /// learner who knows the case in which it holds is marked wrong, and
    /// the feedback admits it. A distractor should be plainly wrong for
    /// the situation the stem describes.
    ///
    /// ## Example
    /// ```quiz
    /// Which store keeps large state for a streaming job?
    ///
    /// [x]RocksDB: Keeps large state on local disk with an in-memory cache.
    /// [ ]A Python dictionary: This can be true in some cases, for tiny state.
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// Which store keeps large state for a streaming job?
    ///
    /// [x]RocksDB: Keeps large state on local disk with an in-memory cache.
    /// [ ]A Python dictionary: Loses all state when the process restarts.
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) HedgedExplanation = ("EB107", "hedged-explanation", Severity::Warning)
}

impl Rule for HedgedExplanation {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            for option in &choice.options {
                // A hedge on a correct option weakens it but does not make
                // the key arguable the same way.
                if option.checkbox.kind.is_checked() {
                    continue;
                }
                let Some(explanation) = &option.explanation else {
                    continue;
                };
                // `[ ]True: ...` in a true/false question judges the stem.
                if super::explanation_verdict::is_verdict_option(&option.text) {
                    continue;
                }
                let span = explanation.span;
                let Some(Verdict::Hedged(said)) = verdict(cx.text(span), span.start) else {
                    continue;
                };
                out.push(
                    Finding::new(
                        &Self::META,
                        said,
                        format!(
                            "Explanation of an option marked `[ ]` says it is sometimes right: `{}`",
                            cx.text(said)
                        ),
                    )
                    .label("hedged")
                    .help("Make the option plainly wrong for the stem's situation, or mark it `[x]` and say when it holds"),
                );
            }
        }
    }
}
