use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a choice question in which no option is marked correct.
    ///
    /// ## Why is this bad?
    /// The question cannot be scored: an LMS import rejects it or marks every
    /// answer wrong.
    ///
    /// ## Example
    /// ```quiz
    /// [ ]Drop late events
    /// [ ]Reprocess the whole day
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// [x]Drop late events
    /// [ ]Reprocess the whole day
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) NoCorrectOption = ("EB102", "no-correct-option", Severity::Error)
}

impl Rule for NoCorrectOption {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (exercise, choice) in cx.choices() {
            // Any correct option will do, malformed ones included: their
            // checkbox is malformed-checkbox's concern.
            if choice.correct > 0 {
                continue;
            }
            let (Some(first), Some(last)) = (choice.options.first(), choice.options.last()) else {
                continue;
            };
            out.push(
                Finding::new(
                    &Self::META,
                    first.span.cover(last.span),
                    format!("Choice question `{}` has no correct option", exercise.title),
                )
                .label("no option is marked `[x]`")
                .help("Mark the correct option(s) with `[x]`"),
            );
        }
    }
}
