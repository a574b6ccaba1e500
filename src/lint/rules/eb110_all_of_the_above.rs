use crate::lint::text::normalize_option;
use crate::lint::{Finding, LintContext, Rule, RuleMeta, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an option that refers to the other options: "All of the
    /// above", "None of the above", "All of these", "Both of the above",
    /// "Neither of the above" and the like.
    ///
    /// ## Why is this bad?
    /// An LMS usually shuffles options, and then "above" points at nothing
    /// in particular. Where it still reads, it is a cue: a learner who spots
    /// two right options picks "all of the above" without knowing the third
    /// (Haladyna, Downing & Rodriguez, 2002). With several
    /// options marked `[x]` it also makes the key ambiguous.
    ///
    /// ## Example
    /// ```quiz
    /// [ ]Consumers can replay history.
    /// [ ]Producers and consumers are decoupled in time.
    /// [x]All of the above
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// [x]Consumers can replay history.
    /// [x]Producers and consumers are decoupled in time.
    /// [ ]Events can be edited in place.
    /// ```
    pub(crate) AllOfTheAbove = ("EB110", "all-of-the-above", Severity::Warning)
}

/// Openings of options that refer to the others, in normal form.
const REFERRING: &[&str] = &[
    "all of the above",
    "all the above",
    "none of the above",
    "both of the above",
    "neither of the above",
    "all of these",
    "none of these",
    "all of the options",
    "none of the options",
    "all of the answers",
    "none of the answers",
    "all of the previous",
    "none of the previous",
];

impl Rule for AllOfTheAbove {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            for option in &choice.options {
                // Every phrase starts with `a`, `b` or `n`: most options need no
                // normal form.
                let first = option.text.trim_start().chars().next();
                if !first.is_some_and(|c| "aAbBnN.,;:!?".contains(c)) {
                    continue;
                }
                let text = normalize_option(&option.text);
                // "All of the above are ..." refers to the others just as well.
                let Some(phrase) = REFERRING.iter().find(|p| {
                    text == **p || text.strip_prefix(**p).is_some_and(|r| r.starts_with(' '))
                }) else {
                    continue;
                };
                out.push(
                    Finding::new(
                        &Self::META,
                        option.text_span,
                        format!("Option `{}` refers to the other options", option.text),
                    )
                    .label(format!("`{phrase}`"))
                    .help("Replace it with an option that stands on its own, and mark each correct option `[x]`"),
                );
            }
        }
    }
}
