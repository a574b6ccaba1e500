use crate::lint::text::tokens;
use crate::lint::wording::{in_code, is_negation, negative_stem};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a choice question with a negative stem (as `negative-stem`
    /// reads it: "Which of the following is NOT ...", "Select the false
    /// statement"), emphasised or not, in which an option is negative too:
    /// it holds `not`, a contraction such as `doesn't`, `cannot`, `never`,
    /// `no`, `none`, `nothing`, `neither` or `nor` outside code.
    ///
    /// ## Why is this bad?
    /// The learner has to judge that a negated statement is not true: a
    /// double negative that tests logic and careful reading rather than the
    /// subject (Haladyna, Downing & Rodriguez, 2002, guidelines 17 and 27:
    /// word the stem and the options positively; NBME item-writing guide:
    /// negatively phrased items).
    ///
    /// ## Example
    /// ```quiz
    /// Which of the following is **NOT** true of a compacted topic?
    ///
    /// [ ]It keeps the last value of each key.
    /// [x]It does not keep any value for a key.
    /// [ ]It can be read from the start.
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// Which of the following is true of a compacted topic?
    ///
    /// [x]It keeps the last value of each key.
    /// [ ]It deletes every value of a key after a day.
    /// [ ]It can be read only from the end.
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: 2 findings judged, 2 right (100 %).
    pub(crate) DoubleNegative = ("EB115", "double-negative", Severity::Warning)
}

/// Negative words of an option beyond `not` and its contractions.
const NEGATIVE: &[&str] = &["never", "no", "none", "nothing", "neither", "nor", "nobody"];

impl Rule for DoubleNegative {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (exercise, choice) in cx.choices() {
            let Some(stem) = negative_stem(cx, exercise) else {
                continue;
            };
            let negative: Vec<_> = choice
                .options
                .iter()
                .filter_map(|option| {
                    let words = tokens(cx.text(option.text_span), option.text_span.start);
                    // A bare `No` is an answer, not a negation (true-false-as-choice's concern).
                    if words.iter().filter(|t| t.is_word).count() <= 1 {
                        return None;
                    }
                    words
                        .iter()
                        .enumerate()
                        .find(|(k, t)| {
                            let negates = is_negation(t)
                                && !words.get(k + 1).is_some_and(|n| n.is(&["only", "just"]));
                            (negates || t.is(NEGATIVE)) && !in_code(cx, t.span)
                        })
                        .map(|(_, t)| *t)
                })
                .collect();
            let Some(first) = negative.first() else {
                continue;
            };
            let others = match negative.len() {
                1 => String::new(),
                2 => " (and 1 other option)".to_owned(),
                n => format!(" (and {} other options)", n - 1),
            };
            out.push(
                Finding::new(
                    &Self::META,
                    first.span,
                    format!(
                        "Double negative: option says `{}` under a negative stem (`{}`){others}",
                        first.text, stem.text
                    ),
                )
                .label("negative option")
                .help("Ask the question positively, or state the options positively"),
            );
        }
    }
}
