use super::option_shape::{Form, form, is_code};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags the one option of a choice question that is code (an inline
    /// code span, `df.count()`, `SELECT ...`) when every other option, two
    /// or more, is a prose phrase of three words or more.
    ///
    /// ## Why is this bad?
    /// Options should be homogeneous in content and form (Haladyna,
    /// Downing & Rodriguez, 2002: keep choices homogeneous in content and
    /// grammatical structure, and avoid a conspicuous correct choice; the
    /// NBME item-writing guide on options that stand out). The one option written differently
    /// draws the eye: test-wise learners pick it, or rule it out, for its
    /// form alone. Usually the author pasted the key, or an example, from
    /// the code under discussion.
    ///
    /// ## Example
    /// ```quiz
    /// How do you count the rows of a DataFrame?
    ///
    /// [ ]Ask the driver for its memory usage
    /// [x]`df.count()`
    /// [ ]Read the number of partitions in the UI
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// How do you count the rows of a DataFrame?
    ///
    /// [ ]Read the memory usage of the driver
    /// [x]Call the `count()` action on it
    /// [ ]Read the number of partitions in the UI
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) CodeOptionAmongProse = ("EB123", "code-option-among-prose", Severity::Warning)
}

impl Rule for CodeOptionAmongProse {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            if choice.options.len() < 3 {
                continue;
            }
            // One code option first (cheap to tell), then prose for the rest.
            let mut code = choice.options.iter().enumerate().filter(|(_, o)| is_code(&o.text));
            let (Some((odd, _)), None) = (code.next(), code.next()) else {
                continue;
            };
            let prose = choice
                .options
                .iter()
                .enumerate()
                .all(|(k, o)| k == odd || form(&o.text) == Form::Prose);
            if !prose {
                continue;
            }
            let forms = choice.options.len();
            let option = &choice.options[odd];
            out.push(
                Finding::new(
                    &Self::META,
                    option.text_span,
                    format!(
                        "Option `{}` is code while the other {} options are prose",
                        option.text,
                        forms - 1
                    ),
                )
                .label("the only code option")
                .help("Write every option in the same form: all prose, or all code"),
            );
        }
    }
}
