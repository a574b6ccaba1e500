use crate::lint::text::normalize_option;
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a choice question whose options are only `True` and `False`,
    /// or only `Yes` and `No` (in any case, with or without a period,
    /// whatever their explanations say): a true/false item written as a
    /// choice.
    ///
    /// ## Why is this bad?
    /// The options carry no content, so a guess is right half the time and
    /// the item says little about what the learner knows; a single
    /// statement to judge true or false is also easily ambiguous. The NBME
    /// item-writing guide advises one-best-answer items over true/false
    /// ones. Haladyna, Downing & Rodriguez (2002, guideline 9) accept
    /// true-false as a format of its own, but written as a choice it is
    /// exported as a two-option question whose options say nothing.
    ///
    /// ## Example
    /// ```quiz
    /// A consumer group can read one partition with two consumers at once.
    ///
    /// [ ]True
    /// [x]False
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// How many consumers of one group read a partition at a time?
    ///
    /// [x]One
    /// [ ]Two
    /// [ ]As many as the group has
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) TrueFalseChoice = ("EB117", "true-false-choice", Severity::Warning)
}

impl Rule for TrueFalseChoice {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            // A normal form keeps every character but spaces and sentence
            // marks: more than five others can be none of the four words.
            if choice.options.len() < 2 || choice.options.iter().any(|o| !short_enough(&o.text)) {
                continue;
            }
            let texts: Vec<String> = choice
                .options
                .iter()
                .map(|o| normalize_option(&o.text))
                .collect();
            let only = |pair: [&str; 2]| {
                texts.iter().all(|t| pair.contains(&t.as_str()))
                    && pair.iter().all(|p| texts.iter().any(|t| t == p))
            };
            let Some(pair) = [["true", "false"], ["yes", "no"]]
                .into_iter()
                .find(|pair| only(*pair))
            else {
                continue;
            };
            let first = &choice.options[0];
            let last = &choice.options[choice.options.len() - 1];
            out.push(
                Finding::new(
                    &Self::META,
                    first.text_span.cover(last.text_span),
                    format!(
                        "Options are only `{}` and `{}`: a true/false item written as a choice",
                        capital(pair[0]),
                        capital(pair[1])
                    ),
                )
                .label("no content in the options")
                .help("Ask a question whose options each state an answer, or make it one option among several statements of a multiple-answer question"),
            );
        }
    }
}

fn capital(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether the normal form of `text` may be `true`, `false`, `yes` or `no`:
/// at most five characters other than spaces and `.,;:!?`.
fn short_enough(text: &str) -> bool {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | ',' | ';' | ':' | '!' | '?'))
        .nth(5)
        .is_none()
}
