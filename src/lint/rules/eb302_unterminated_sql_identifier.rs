use super::code_rules::report;
use crate::lint::{CodeProblemKind, Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a quoted SQL identifier (`` `name` ``) that is never closed, in a
    /// code answer or an `sql` fence, at its opening quote.
    ///
    /// ## Why is this bad?
    /// The model answer does not run: everything after the quote is read as
    /// one identifier.
    ///
    /// ## Example
    /// ```quiz
    /// SELECT `order id FROM orders
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// SELECT `order id` FROM orders
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) UnterminatedSqlIdentifier = ("EB302", "unterminated-sql-identifier", Severity::Error)
}

impl Rule for UnterminatedSqlIdentifier {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        report(
            cx,
            out,
            &Self::META,
            CodeProblemKind::SqlIdentifier,
            "Close the identifier with a matching backtick",
        );
    }
}
