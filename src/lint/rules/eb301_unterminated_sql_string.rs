use super::code_rules::report;
use crate::lint::{CodeProblemKind, Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an SQL string literal that is never closed, in a code answer or
    /// an `sql` fence, at its opening quote.
    ///
    /// ## Why is this bad?
    /// The model answer does not run: the rest of the statement is read as
    /// part of the string. Learners who copy it get a syntax error.
    ///
    /// ## Example
    /// ```quiz
    /// SELECT *
    /// FROM purchases
    /// WHERE region = 'Europe
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// SELECT *
    /// FROM purchases
    /// WHERE region = 'Europe'
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) UnterminatedSqlString = ("EB301", "unterminated-sql-string", Severity::Error)
}

impl Rule for UnterminatedSqlString {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        report(
            cx,
            out,
            &Self::META,
            CodeProblemKind::SqlString,
            "Close the string with a matching quote",
        );
    }
}
