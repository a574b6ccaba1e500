use super::option_shape::junk;
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a choice question in which some options carry their own
    /// explanation (after `: ` or ` - `) and others do not.
    ///
    /// The finding sits on the first option without one and names the others.
    /// An option that is no words (`100 XP`) is left to `junk-option`.
    ///
    /// ## Why is this bad?
    /// Feedback on each option is what a learner who chose it reads: why
    /// the key is right and why each distractor is wrong: the distractor
    /// rationale that item-writing guides ask writers to record (the NBME
    /// guide's item review; Haladyna, Downing & Rodriguez, 2002, ask for
    /// distractors drawn from typical errors, which the rationale names). When the author explained some options,
    /// the missing ones are usually an oversight, and the learner who
    /// picked one of them is left without an answer.
    ///
    /// ## Example
    /// ```quiz
    /// Which guarantee does an idempotent sink give?
    ///
    /// [x]Effectively once: A replayed write leaves the same result.
    /// [ ]At most once
    /// [ ]Nothing at all: It still needs a transaction log.
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// Which guarantee does an idempotent sink give?
    ///
    /// [x]Effectively once: A replayed write leaves the same result.
    /// [ ]At most once: Nothing is dropped; a replay writes again.
    /// [ ]Nothing at all: Replays are harmless because writes repeat.
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: 1 finding judged, 1 right (100 %).
    pub(crate) MissingDistractorRationale = ("EB128", "missing-distractor-rationale", Severity::Warning)
}

impl Rule for MissingDistractorRationale {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            let explained = choice
                .options
                .iter()
                .filter(|o| {
                    o.explanation
                        .as_ref()
                        .is_some_and(|e| !e.text.trim().is_empty())
                })
                .count();
            // Every option explained, or none: nothing is missing.
            if explained == 0 || explained == choice.options.len() {
                continue;
            }
            let missing: Vec<_> = choice
                .options
                .iter()
                .filter(|o| {
                    o.explanation
                        .as_ref()
                        .is_none_or(|e| e.text.trim().is_empty())
                })
                // Page debris needs removing, not explaining (`junk-option`).
                .filter(|o| junk(&o.text).is_none())
                .collect();
            let Some(first) = missing.first() else {
                continue;
            };
            let names: Vec<String> = missing.iter().map(|o| format!("`{}`", o.text)).collect();
            let (list, verb) = match names.as_slice() {
                [one] => (one.clone(), "has"),
                [init @ .., last] => (format!("{} and {last}", init.join(", ")), "have"),
                [] => continue,
            };
            out.push(
                Finding::new(
                    &Self::META,
                    first.text_span,
                    format!(
                        "{explained} of {} options {} explained, but {list} {verb} no explanation",
                        choice.options.len(),
                        if explained == 1 { "is" } else { "are" }
                    ),
                )
                .label("no explanation")
                .help("Explain every option after `: `, or none of them and put the explanation in a `NOTE:`"),
            );
        }
    }
}
