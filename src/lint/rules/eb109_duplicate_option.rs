use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an option that appears twice in one choice question, compared
    /// without case, runs of spaces and sentence punctuation (`.,;:!?` at
    /// the end of a word). Symbols stay: `email = NULL` and `email == NULL`
    /// are different options; so does case in an option of one word, which
    /// reads as code (`model=Sequential()` and `model=sequential()`).
    ///
    /// ## Why is this bad?
    /// Learners see the same answer twice. If one copy is marked `[x]` and
    /// the other `[ ]`, the key contradicts itself; if both carry the same
    /// mark, one was probably meant to be a different option.
    ///
    /// ## Example
    /// ```quiz
    /// [x]Track consumer lag for every partition.
    /// [ ]Check the pipeline once a month.
    /// [ ]Track consumer lag for every partition
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// [x]Track consumer lag for every partition.
    /// [ ]Check the pipeline once a month.
    /// [ ]Restart the consumers every hour.
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) DuplicateOption = ("EB109", "duplicate-option", Severity::Warning)
}

impl Rule for DuplicateOption {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            let mut first_seen = FxHashMap::default();
            for option in &choice.options {
                let key = if option.text.trim().contains(char::is_whitespace) {
                    cx.option_form(option)
                } else {
                    Cow::Borrowed(option.text.trim())
                };
                // An empty option is another problem, not a duplicate.
                if key.is_empty() {
                    continue;
                }
                let Some(first) = first_seen.get(key.as_ref()) else {
                    first_seen.insert(key, option.span);
                    continue;
                };
                let line = cx.index.line_col(&cx.file.text, first.start).line;
                out.push(
                    Finding::new(
                        &Self::META,
                        option.text_span,
                        format!(
                            "Option `{}` appears twice in this question (first at line {line})",
                            option.text
                        ),
                    )
                    .label("duplicate option")
                    .related(cx.file.path.clone(), *first, "first option with this text")
                    .help("Remove the copy, or write the option that was meant here"),
                );
            }
        }
    }
}
