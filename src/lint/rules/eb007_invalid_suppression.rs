use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an `exambank-` comment that is not a suppression the checker
    /// understands.
    ///
    /// That is an unknown directive (`exambank-disabel`), a rule code or name
    /// that does not exist, a suppression that names no rule, an
    /// `exambank-enable` that follows no `exambank-disable` of the same rule,
    /// or a comment that is never closed.
    ///
    /// ## Why is this bad?
    /// The author meant to silence a finding and nothing was silenced, or
    /// the wrong range was: the comment does not do what it says.
    ///
    /// ## Example
    /// ````md
    /// # 1. Streams
    /// ## Late events
    /// <!-- exambank-disable-next-line no-corect-option -->
    /// ```
    /// [ ]Drop them
    /// [ ]Reprocess the day
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Streams
    /// ## Late events
    /// <!-- exambank-disable-next-line no-correct-option -->
    /// ```
    /// [ ]Drop them
    /// [ ]Reprocess the day
    /// ```
    /// ````
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) InvalidSuppression = ("EB007", "invalid-suppression", Severity::Warning)
}

impl Rule for InvalidSuppression {
    fn check(&self, _cx: &LintContext<'_>, _out: &mut Vec<Finding>) {
        // Reported by the suppression pass (`lint::suppress`), which reads
        // the comments once for every rule.
    }
}
