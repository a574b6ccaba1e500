use super::code_rules::report;
use crate::lint::{CodeProblemKind, Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an SQL block comment (`/* ...`) that is never closed, in a code
    /// answer or an `sql` fence, at its opening `/*`.
    ///
    /// ## Why is this bad?
    /// The rest of the model answer is commented out: it runs as something
    /// else than what the author wrote, or not at all.
    ///
    /// ## Example
    /// ```quiz
    /// /* keep only recent rows
    /// SELECT * FROM events
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// /* keep only recent rows */
    /// SELECT * FROM events
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) UnterminatedSqlComment = ("EB303", "unterminated-sql-comment", Severity::Error)
}

impl Rule for UnterminatedSqlComment {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        report(
            cx,
            out,
            &Self::META,
            CodeProblemKind::SqlComment,
            "Close the comment with `*/`",
        );
    }
}
