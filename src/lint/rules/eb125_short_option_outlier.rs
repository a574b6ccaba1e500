use crate::model::referring_phrase;
use super::option_shape::junk;
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags the one option of a choice question that is much shorter than
    /// every other option.
    ///
    /// It reports the one option of a choice question of three or more options
    /// that is at most a quarter as long as every other option, when those are
    /// 24 characters or more (option text, explanations aside). An option that
    /// refers to the others ("All of the above") is left to `all-of-the-above`.
    ///
    /// ## Why is this bad?
    /// Options should be about equal in length and alike in form (Haladyna,
    /// Downing & Rodriguez, 2002: keep the length of choices about equal,
    /// and keep them homogeneous). A word among
    /// sentences stands out: learners rule it out, or pick it, for its
    /// length. Often it is a placeholder the author never finished.
    ///
    /// ## Example
    /// ```quiz
    /// Why does the job keep a checkpoint?
    ///
    /// [x]To restart from the last committed state after a failure
    /// [ ]Speed
    /// [ ]To let two jobs write to the same sink at once
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// Why does the job keep a checkpoint?
    ///
    /// [x]To restart from the last committed state after a failure
    /// [ ]To make every event pass through faster
    /// [ ]To let two jobs write to the same sink at once
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) ShortOptionOutlier = ("EB125", "short-option-outlier", Severity::Style)
}

/// The shortest length the other options must all have.
const LONG: usize = 24;

impl Rule for ShortOptionOutlier {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            if choice.options.len() < 3 {
                continue;
            }
            let lengths: Vec<usize> = choice
                .options
                .iter()
                .map(|o| o.text.trim().chars().count())
                .collect();
            let Some((odd, &short)) = lengths.iter().enumerate().min_by_key(|(_, l)| **l) else {
                continue;
            };
            let next = lengths
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != odd)
                .map(|(_, l)| *l)
                .min()
                .unwrap_or(0);
            let option = &choice.options[odd];
            if short == 0
                || next < LONG
                || short * 4 > next
                || referring_phrase(&option.text).is_some()
                || junk(&option.text).is_some()
            {
                continue;
            }
            out.push(
                Finding::new(
                    &Self::META,
                    option.text_span,
                    format!(
                        "Option `{}` is much shorter than the others ({short} characters, the next shortest {next})",
                        option.text
                    ),
                )
                .label("much shorter")
                .help("Write it with the same care as the other options, about as long"),
            );
        }
    }
}
