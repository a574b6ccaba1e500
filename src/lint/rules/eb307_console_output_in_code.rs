use super::code_rules::report;
use crate::lint::{CodeProblemKind, Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags Python code that does not parse because console output was
    /// pasted into it: `>>>` prompts, IPython's `In [1]:` and `Out[1]:`, a
    /// `<script.py> output:` header and what follows it, or a `$ ` shell
    /// command. The finding points at the first such line, instead of a
    /// syntax error somewhere in the output.
    ///
    /// IPython's own syntax (`%timeit`, `!pip install ...`, `files = !ls`)
    /// runs in a notebook and is not console output: it is accepted.
    ///
    /// ## Why is this bad?
    /// The model answer is no longer code: learners who copy it get a syntax
    /// error, and a grader that runs it fails. The output is worth showing,
    /// but in a block of its own.
    ///
    /// ## Example
    /// ````md
    /// # 1. Python
    /// ## Summing a list
    /// ```python
    /// total = sum([1, 2, 3])
    /// print(total)
    ///
    /// <script.py> output:
    ///     6
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Python
    /// ## Summing a list
    /// ```python
    /// total = sum([1, 2, 3])
    /// print(total)
    /// ```
    ///
    /// It prints:
    ///
    /// ```text
    /// 6
    /// ```
    /// ````
    ///
    /// ## Precision
    /// On the real-notes corpus: 16 findings judged, 16 right (100 %).
    pub(crate) ConsoleOutputInCode = ("EB307", "console-output-in-code", Severity::Error)
}

impl Rule for ConsoleOutputInCode {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        report(
            cx,
            out,
            &Self::META,
            CodeProblemKind::ConsoleOutput,
            "Keep only the code in the answer; put the output in a fence of its own, or delete it",
        );
    }
}
