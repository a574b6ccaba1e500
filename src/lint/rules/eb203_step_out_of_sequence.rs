use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::parse::ast::AnswerBody;

declare_rule! {
    /// ## What it does
    /// Flags ordering steps that are not numbered 1, 2, 3 ... n.
    ///
    /// ## Why is this bad?
    /// The steps are exported in the order written; a gap, a repeat or a
    /// swap in the numbers means the author's order and the written order
    /// disagree, or a step was lost.
    ///
    /// ## Example
    /// ```quiz
    /// 1. Ingest the events
    /// 3. Aggregate them
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// 1. Ingest the events
    /// 2. Aggregate them
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) StepOutOfSequence = ("EB203", "step-out-of-sequence", Severity::Warning)
}

impl Rule for StepOutOfSequence {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for exercise in cx.exercises() {
            let Some(AnswerBody::Order(order)) = exercise.answer.as_ref().map(|a| &a.body) else {
                continue;
            };
            // Each number is judged against the one before it: one gap, one finding.
            let mut previous = 0u64;
            for step in &order.steps {
                // An unnumbered list has no numbers to judge.
                let (Some(number), Some(number_span)) = (step.number, step.number_span) else {
                    continue;
                };
                let expected = previous.saturating_add(1);
                previous = number;
                if number == expected {
                    continue;
                }
                out.push(
                    Finding::new(
                        &Self::META,
                        number_span,
                        format!("Step numbered {number} where {expected} was expected"),
                    )
                    .label(format!("expected {expected}"))
                    .help("Number the steps 1, 2, 3 ... in their correct order"),
                );
            }
        }
    }
}
