use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::parse::ast::CheckboxKind;

declare_rule! {
    /// ## What it does
    /// Flags a correct-option checkbox written `[X]` in a file that mostly
    /// writes `[x]`, or `[x]` in a file that mostly writes `[X]`. The form
    /// most checkboxes of the file use wins; a tie goes to `[x]`.
    ///
    /// ## Why is this bad?
    /// Both mean the same, so the difference is noise: it makes diffs and
    /// searches (`grep '\[x\]'`) miss options, and it suggests to a reviewer
    /// that the two marks mean different things.
    ///
    /// ## Example
    /// ````md
    /// # 1. Streams
    /// ## Windowing
    /// ```
    /// [X]Tumbling windows do not overlap
    /// [ ]Session windows have a fixed length
    /// ```
    /// ## Lateness
    /// ```
    /// [x]Keep the window open for a while
    /// [ ]Stop the pipeline
    /// ```
    /// ## Ordering
    /// ```
    /// [x]Per partition
    /// [ ]Across the topic
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Streams
    /// ## Windowing
    /// ```
    /// [x]Tumbling windows do not overlap
    /// [ ]Session windows have a fixed length
    /// ```
    /// ## Lateness
    /// ```
    /// [x]Keep the window open for a while
    /// [ ]Stop the pipeline
    /// ```
    /// ## Ordering
    /// ```
    /// [x]Per partition
    /// [ ]Across the topic
    /// ```
    /// ````
    ///
    /// ## Fix
    /// Rewrites the checkbox in the file's majority form. Safe: both forms
    /// mean "correct".
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) MixedCheckboxCase = ("EB502", "mixed-checkbox-case", Severity::Style, fixable)
}

impl Rule for MixedCheckboxCase {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let checkboxes: Vec<_> = cx
            .choices()
            .flat_map(|(_, choice)| choice.options.iter().map(|o| &o.checkbox))
            .filter(|c| matches!(c.kind, CheckboxKind::Checked | CheckboxKind::CheckedUpper))
            .collect();
        let upper = checkboxes
            .iter()
            .filter(|c| c.kind == CheckboxKind::CheckedUpper)
            .count();
        let lower = checkboxes.len() - upper;
        let (want, odd) = if upper > lower {
            ("[X]", CheckboxKind::Checked)
        } else {
            ("[x]", CheckboxKind::CheckedUpper)
        };
        let other = if want == "[x]" { "[X]" } else { "[x]" };
        for checkbox in checkboxes.iter().filter(|c| c.kind == odd) {
            out.push(
                Finding::new(
                    &Self::META,
                    checkbox.span,
                    format!("Checkbox `{other}` beside `{want}` elsewhere in this file"),
                )
                .label(format!("most checkboxes here are `{want}`"))
                .help(format!("Write `{want}`, as the rest of the file does"))
                .fix(checkbox.span, want, format!("Write `{want}`")),
            );
        }
    }
}
