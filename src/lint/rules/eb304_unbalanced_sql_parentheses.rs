use super::code_rules::report;
use crate::lint::{CodeProblemKind, Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags SQL whose parentheses do not balance, in a code answer or an
    /// `sql` fence: each unclosed `(` and each unmatched `)`.
    ///
    /// ## Why is this bad?
    /// The model answer does not run, and where the missing parenthesis
    /// belongs changes what the query means.
    ///
    /// ## Example
    /// ```quiz
    /// CREATE TABLE clicks USING delta AS (
    ///   SELECT user_id FROM raw_events
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// CREATE TABLE clicks USING delta AS (
    ///   SELECT user_id FROM raw_events
    /// )
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) UnbalancedSqlParentheses = ("EB304", "unbalanced-sql-parentheses", Severity::Error)
}

impl Rule for UnbalancedSqlParentheses {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        report(
            cx,
            out,
            &Self::META,
            CodeProblemKind::SqlParenthesis,
            "Balance the parentheses",
        );
    }
}
