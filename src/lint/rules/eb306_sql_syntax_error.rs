use super::code_rules::report;
use crate::lint::{CodeProblemKind, Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an SQL code answer that does not parse, at the token where it
    /// goes wrong: a misspelled keyword (`SELEC`, `FORM`), a missing comma
    /// between two column definitions, or text after the end of a statement
    /// (after its `;`, or on a line of its own). A fence in reading material
    /// is not parsed: it may hold a fragment of a query.
    ///
    /// The code is parsed in every dialect that course notes commonly use
    /// (Spark and Databricks, Hive, PostgreSQL, T-SQL, MySQL, Snowflake,
    /// BigQuery, SQLite, DuckDB), and reported only when every one of them
    /// rejects it for one of the mistakes above. A construct the parser does
    /// not know (a vendor's type or clause, a template) is not reported.
    /// Queries written one after another without `;` are read as separate
    /// statements, as T-SQL reads them; a line of `#` between them is a
    /// comment.
    ///
    /// ## Why is this bad?
    /// The model answer does not run. Learners who copy it get a syntax
    /// error, and a grader that runs it rejects every answer.
    ///
    /// ## Example
    /// ```quiz
    /// SELECT region, SUM(amount) AS total
    /// FORM purchases
    /// GROUP BY region
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// SELECT region, SUM(amount) AS total
    /// FROM purchases
    /// GROUP BY region
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) SqlSyntaxError = ("EB306", "sql-syntax-error", Severity::Error)
}

impl Rule for SqlSyntaxError {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        report(
            cx,
            out,
            &Self::META,
            CodeProblemKind::SqlSyntax,
            "Fix the SQL so that it parses",
        );
    }
}
