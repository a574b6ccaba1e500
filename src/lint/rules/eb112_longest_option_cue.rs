use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a single-answer question of three or more options whose correct
    /// option is at least half as long again as the longest distractor (in
    /// characters of the option text, explanations aside), and longer by at
    /// least 20 characters.
    ///
    /// Off by default: it is a style check.
    ///
    /// ## Why is this bad?
    /// The key is often the option the author qualified most carefully, and
    /// test-wise learners pick the longest option when unsure (Haladyna,
    /// Downing & Rodriguez, 2002: keep options about equal in length).
    ///
    /// ## Example
    /// ```quiz
    /// [ ]Drop it.
    /// [x]Keep the window open for an allowed lateness, so that late events within the limit still update the result.
    /// [ ]Stop the pipeline.
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// [ ]Drop every late event as soon as it arrives.
    /// [x]Keep the window open for an allowed lateness.
    /// [ ]Stop the pipeline until an operator restarts it.
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: 8 findings judged, 8 right (100 %).
    /// Measured with the rule enabled: it is off by default.
    pub(crate) LongestOptionCue = ("EB112", "longest-option-cue", Severity::Style, off_by_default)
}

impl Rule for LongestOptionCue {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            // With two options length says little; several keys are no cue.
            if choice.options.len() < 3 {
                continue;
            }
            let mut keys = choice
                .options
                .iter()
                .filter(|o| o.checkbox.kind.is_checked());
            let (Some(key), None) = (keys.next(), keys.next()) else {
                continue;
            };
            let length = |text: &str| text.chars().count();
            let key_length = length(&key.text);
            let longest = choice
                .options
                .iter()
                .filter(|o| !o.checkbox.kind.is_checked())
                .map(|o| length(&o.text))
                .max()
                .unwrap_or(0);
            if key_length * 2 < longest * 3 || key_length < longest + 20 {
                continue;
            }
            out.push(
                Finding::new(
                    &Self::META,
                    key.text_span,
                    format!(
                        "Correct option is much longer than every distractor ({key_length} characters, the longest distractor {longest})"
                    ),
                )
                .label("longest option")
                .help("Shorten the correct option, or give the distractors the same care"),
            );
        }
    }
}
