use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::parse::ast::AnswerBody;

declare_rule! {
    /// ## What it does
    /// Flags a categorization with fewer than two groups.
    ///
    /// ## Why is this bad?
    /// Sorting items into one group is no question at all: every item goes
    /// to the same place.
    ///
    /// ## Example
    /// ```quiz
    /// ## Batch
    /// Nightly report
    /// Yearly export
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// ## Batch
    /// Nightly report
    ///
    /// ## Stream
    /// Fraud alert
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) TooFewGroups = ("EB201", "too-few-groups", Severity::Error)
}

impl Rule for TooFewGroups {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for exercise in cx.exercises() {
            let Some(AnswerBody::Categorize(cat)) = exercise.answer.as_ref().map(|a| &a.body)
            else {
                continue;
            };
            let [only] = cat.groups.as_slice() else {
                continue;
            };
            out.push(
                Finding::new(
                    &Self::META,
                    only.header,
                    format!("Categorization `{}` has only one group", exercise.title),
                )
                .label("the only group")
                .help("Add a second group with its items"),
            );
        }
    }
}
