use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::parse::ast::UnclosedReason;

declare_rule! {
    /// ## What it does
    /// Flags a fenced block that is never closed: the file ends, or the next
    /// chapter or exercise heading comes, inside the fence.
    ///
    /// ## Why is this bad?
    /// Everything after the opening fence is swallowed into one block: the
    /// next exercises vanish from the bank, or their headings become part of
    /// this answer.
    ///
    /// ## Example
    /// ````md
    /// # 1. Basics
    /// ## Pick one
    /// ```
    /// [x]Yes
    /// [ ]No
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Basics
    /// ## Pick one
    /// ```
    /// [x]Yes
    /// [ ]No
    /// ```
    /// ````
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) UnclosedFence = ("EB001", "unclosed-fence", Severity::Error)
}

impl Rule for UnclosedFence {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for fence in &cx.doc.fences {
            let Some(reason) = fence.unclosed else {
                continue;
            };
            let why = match reason {
                UnclosedReason::EndOfFile => "the file ends inside it",
                UnclosedReason::ChapterHeading => "a chapter heading comes inside it",
                UnclosedReason::ExerciseHeading => "the next exercise heading comes inside it",
            };
            out.push(
                Finding::new(
                    &Self::META,
                    fence.open,
                    format!("Fenced block is never closed: {why}"),
                )
                .label("opened here")
                .help("Close the block with a ``` line before the next heading"),
            );
        }
    }
}
