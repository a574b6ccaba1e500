use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::parse::ast::CheckboxKind;

declare_rule! {
    /// ## What it does
    /// Flags a checkbox written wrongly: `[]`, `[ x]`, `[x ]`, `[v]`, `(x)`,
    /// `( )` and the like.
    ///
    /// ## Why is this bad?
    /// Only `[x]` (correct) and `[ ]` (not correct) say clearly what the
    /// author meant; anything else is a guess, and a wrong guess scores
    /// learners against the wrong key.
    ///
    /// ## Example
    /// ```quiz
    /// [ x]Replay the topic
    /// []Delete the topic
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// [x]Replay the topic
    /// [ ]Delete the topic
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: 3 findings judged, 3 right (100 %).
    pub(crate) MalformedCheckbox = ("EB101", "malformed-checkbox", Severity::Error)
}

impl Rule for MalformedCheckbox {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            for option in &choice.options {
                let checkbox = &option.checkbox;
                let meant = match checkbox.kind {
                    CheckboxKind::MalformedChecked => "[x]",
                    CheckboxKind::MalformedUnchecked => "[ ]",
                    _ => continue,
                };
                out.push(
                    Finding::new(
                        &Self::META,
                        checkbox.span,
                        format!("Malformed checkbox `{}`", checkbox.raw),
                    )
                    .label("not `[x]` or `[ ]`")
                    .help(format!(
                        "Write `{meant}` if the option is {}, otherwise `{}`",
                        if meant == "[x]" {
                            "correct"
                        } else {
                            "not correct"
                        },
                        if meant == "[x]" { "[ ]" } else { "[x]" }
                    )),
                );
            }
        }
    }
}
