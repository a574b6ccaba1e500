use crate::lint::text::{matches_at, tokens};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a choice question in which absolute words ("always", "never",
    /// "completely", "impossible", "in all cases" ...) appear in options
    /// marked `[ ]` and in no option marked `[x]`. Explanations are not read.
    ///
    /// Off by default: it is a style check, and an absolute word is
    /// sometimes exactly what makes a distractor wrong.
    ///
    /// ## Why is this bad?
    /// Test-wise learners know that sweeping statements are rarely true and
    /// rule those options out without knowing the subject (Haladyna,
    /// Downing & Rodriguez, 2002: avoid specific determiners).
    ///
    /// ## Example
    /// ```quiz
    /// [ ]Lag is always zero in a healthy pipeline.
    /// [x]Lag that grows steadily means consumers fall behind.
    /// [ ]Consumers never fall behind.
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// [ ]Lag that grows steadily means consumers keep up.
    /// [x]Lag that grows steadily means consumers fall behind.
    /// [ ]Lag that shrinks means a broker is down.
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: 1 finding judged, 1 right (100 %).
    /// Measured with the rule enabled: it is off by default.
    pub(crate) AbsoluteWordCue = ("EB111", "absolute-word-cue", Severity::Style, off_by_default)
}

/// Absolute words and phrases (`vague-frequency` reads them too).
pub(crate) const ABSOLUTES: &[&[&str]] = &[
    &["always"],
    &["never"],
    &["completely"],
    &["absolutely"],
    &["entirely"],
    &["totally"],
    &["impossible"],
    &["guaranteed"],
    &["invariably"],
    &["in", "all|every", "case|cases"],
    &["at", "all", "times"],
    &["under", "no", "circumstances"],
];

/// The first absolute phrase in `text`, as a file span.
fn absolute(text: &str, base: usize) -> Option<Span> {
    let words = tokens(text, base);
    (0..words.len()).find_map(|at| {
        ABSOLUTES
            .iter()
            .find(|p| matches_at(&words, at, p))
            .map(|p| words[at].span.cover(words[at + p.len() - 1].span))
    })
}

impl Rule for AbsoluteWordCue {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            let mut in_distractors = Vec::new();
            let mut in_key = false;
            for option in &choice.options {
                let Some(span) = absolute(cx.text(option.text_span), option.text_span.start) else {
                    continue;
                };
                if option.checkbox.kind.is_checked() {
                    in_key = true;
                } else {
                    in_distractors.push(span);
                }
            }
            // Absolutes in the key too are no cue: the learner cannot use them.
            if in_key {
                continue;
            }
            let Some(&first) = in_distractors.first() else {
                continue;
            };
            let count = in_distractors.len();
            out.push(
                Finding::new(
                    &Self::META,
                    first,
                    format!(
                        "Absolute word `{}` appears in {} marked `[ ]` and in no correct option",
                        cx.text(first),
                        if count == 1 {
                            "an option".to_owned()
                        } else {
                            format!("{count} options")
                        }
                    ),
                )
                .label("only in distractors")
                .help("Make the distractor wrong for a reason other than its sweeping word, or use such words in the key too"),
            );
        }
    }
}
