use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a suppression comment that silences no finding.
    ///
    /// The finding names each rule in the comment
    /// (`<!-- exambank-disable-next-line EB102 -->`, `exambank-disable`,
    /// `exambank-disable-file`) that had nothing to silence; a rule that is
    /// not enabled for the file has nothing to silence either.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the problem it was written for: once the item
    /// is fixed, the comment would silently hide the next, different problem
    /// of the same kind.
    ///
    /// ## Example
    /// ````md
    /// # 1. Streams
    /// ## Late events
    /// <!-- exambank-disable-next-line no-correct-option -->
    /// ```
    /// [x]Drop them
    /// [ ]Reprocess the day
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Streams
    /// ## Late events
    /// ```
    /// [x]Drop them
    /// [ ]Reprocess the day
    /// ```
    /// ````
    ///
    /// ## Fix
    /// Deletes the comment (its whole line when it stands alone), or only the
    /// unused rules when others in it are still needed. A `disable` comment
    /// is left to the author: its `enable` partner would have to go too.
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) UnusedSuppression = ("EB006", "unused-suppression", Severity::Style, fixable)
}

impl Rule for UnusedSuppression {
    fn check(&self, _cx: &LintContext<'_>, _out: &mut Vec<Finding>) {
        // Reported by the suppression pass (`lint::suppress`), which runs
        // after every other rule: only then is it known what was silenced.
    }
}
