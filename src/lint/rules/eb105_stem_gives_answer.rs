use crate::lint::text::{Token, matches_at};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a choice question whose stem announces its answers: "the
    /// correct answers are", "the right answer is", or "the answer is:"
    /// followed by a colon, in the context prose or the lines before the
    /// options.
    ///
    /// ## Why is this bad?
    /// Notes often keep the explanation that led to the answers in the
    /// stem. In an exam the sentence tells the learner that what follows is
    /// the key, or reads as nonsense once the LMS shuffles the options.
    ///
    /// ## Example
    /// ```quiz
    /// Exactly-once processing guarantees no lost and no duplicated events.
    ///
    /// So, the correct answers are:
    ///
    /// [x]No lost events
    /// [x]No duplicated effects
    /// [ ]Unlimited throughput
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// Which of the following does exactly-once processing guarantee? Select all that apply.
    ///
    /// [x]No lost events
    /// [x]No duplicated effects
    /// [ ]Unlimited throughput
    ///
    /// NOTE: Exactly-once processing guarantees no lost and no duplicated events.
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) StemGivesAnswer = ("EB105", "stem-gives-answer", Severity::Warning)
}

impl Rule for StemGivesAnswer {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (exercise, _) in cx.choices() {
            let words = cx.prompt_tokens(exercise);
            let Some(span) = (0..words.len()).find_map(|at| {
                let len = giveaway_len(words, at)?;
                Some(words[at].span.cover(words[at + len - 1].span))
            }) else {
                continue;
            };
            out.push(
                Finding::new(
                    &Self::META,
                    span,
                    format!("Stem gives the answer away: `{}`", cx.text(span)),
                )
                .label("announces the key")
                .help("Remove the sentence; move its explanation to a `NOTE:` after the options"),
            );
        }
    }
}

/// The number of tokens of an announcement starting at `at`, if one does.
fn giveaway_len(words: &[Token<'_>], at: usize) -> Option<usize> {
    // Every announcement below opens with one of these words: one test
    // settles most tokens.
    if !words[at].is(&["so", "the", "correct", "right"]) {
        return None;
    }
    let noun = "answer|answers|option|options|choice|choices";
    // "the correct answers are" says it outright, with or without a colon.
    let qualified = [
        &["so", ",", "the", "correct|right", noun, "is|are"][..],
        &["so", "the", "correct|right", noun, "is|are"],
        &["the", "correct|right", noun, "is|are"],
        &["correct|right", noun, "is|are"],
    ];
    if let Some(p) = qualified.iter().find(|p| matches_at(words, at, p)) {
        return Some(p.len());
    }
    // "the answer is" alone can open an ordinary sentence: only with a colon.
    let bare = [
        &["so", ",", "the", "answer|answers", "is|are", ":"][..],
        &["the", "answer|answers", "is|are", ":"],
    ];
    bare.iter()
        .find(|p| matches_at(words, at, p))
        .map(|p| p.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::text::tokens;

    fn gives(text: &str) -> bool {
        let words = tokens(text, 0);
        (0..words.len()).any(|at| giveaway_len(&words, at).is_some())
    }

    #[test]
    fn announcements_are_found() {
        assert!(gives("So, the correct answers are:"));
        assert!(gives("The right answer is B."));
        assert!(gives("The answers are: A and C"));
    }

    #[test]
    fn questions_about_answers_are_not() {
        assert!(!gives("Which of the following is the correct answer?"));
        assert!(!gives("What are the correct answers?"));
        assert!(!gives("Explain why the answer is different on Sundays."));
    }
}
