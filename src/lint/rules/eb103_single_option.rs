use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a choice question with only one option.
    ///
    /// ## Why is this bad?
    /// With one option there is nothing to choose: the question gives its
    /// own answer, or its other options were lost.
    ///
    /// ## Example
    /// ```quiz
    /// Which store keeps state across restarts?
    /// [x]A checkpointed state store
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// Which store keeps state across restarts?
    /// [x]A checkpointed state store
    /// [ ]A local variable
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) SingleOption = ("EB103", "single-option", Severity::Error)
}

impl Rule for SingleOption {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (exercise, choice) in cx.choices() {
            let [only] = choice.options.as_slice() else {
                continue;
            };
            out.push(
                Finding::new(
                    &Self::META,
                    only.span,
                    format!("Choice question `{}` has only one option", exercise.title),
                )
                .label("the only option")
                .help("Add at least one more option"),
            );
        }
    }
}
