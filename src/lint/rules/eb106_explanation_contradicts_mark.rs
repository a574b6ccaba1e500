use super::explanation_verdict::{Verdict, verdict};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an option whose explanation contradicts its checkbox: an option
    /// marked `[ ]` whose explanation opens with "Correct", "This is true" or
    /// "Yes", or an option marked `[x]` whose explanation opens with
    /// "Incorrect", "This is not true", "False" or "Not a benefit".
    ///
    /// Only the opening clause of the explanation is read, and only when the
    /// verdict closes it ("No lost events" is not "No."). Hedged explanations
    /// ("This can be true in some cases") are hedged-explanation's concern,
    /// and options that are verdicts themselves (`[x]False: The statement
    /// is false.`) are skipped: their explanation judges the stem.
    ///
    /// ## Why is this bad?
    /// One of the two is wrong, and the learner sees both: the LMS scores
    /// the answer by the checkbox and then shows feedback that says the
    /// opposite.
    ///
    /// ## Example
    /// ```quiz
    /// [x]Checkpoints let a restarted job resume where it stopped. - This is true.
    /// [x]Checkpoints make the job run faster. - This is not true; they add a small cost.
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// [x]Checkpoints let a restarted job resume where it stopped. - This is true.
    /// [ ]Checkpoints make the job run faster. - This is not true; they add a small cost.
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) ExplanationContradictsMark = ("EB106", "explanation-contradicts-mark", Severity::Warning)
}

impl Rule for ExplanationContradictsMark {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            for option in &choice.options {
                let Some(explanation) = &option.explanation else {
                    continue;
                };
                // In a true/false question the explanation of `[x]False`
                // says "The statement is false": it judges the stem.
                if super::explanation_verdict::is_verdict_option(&option.text) {
                    continue;
                }
                let span = explanation.span;
                let marked = option.checkbox.kind.is_checked();
                let (said, says) = match verdict(cx.text(span), span.start) {
                    Some(Verdict::Correct(said)) if !marked => (said, "correct"),
                    Some(Verdict::NotCorrect(said)) if marked => (said, "not correct"),
                    // Agreeing, hedged or silent explanations are fine here.
                    _ => continue,
                };
                out.push(
                    Finding::new(
                        &Self::META,
                        said,
                        format!(
                            "Option marked `{}` has an explanation that says it is {says}: `{}`",
                            option.checkbox.raw,
                            cx.text(said)
                        ),
                    )
                    .label(format!("says {says}"))
                    .help(if marked {
                        "Mark the option `[ ]`, or correct its explanation"
                    } else {
                        "Mark the option `[x]`, or correct its explanation"
                    }),
                );
            }
        }
    }
}
