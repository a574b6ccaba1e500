use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a blank (`___`) in the middle of the stem of a choice question.
    ///
    /// It reports a blank (a run of three or more underscores, `___`) in the
    /// stem of a choice question that has words after it: a sentence to
    /// complete whose gap is not at its end. Underscores in inline code
    /// (`__init__`, a code template) are not blanks.
    ///
    /// ## Why is this bad?
    /// A completion stem with the blank in the middle makes the learner
    /// hold the sentence in mind while reading each option into the gap,
    /// which tests reading more than knowledge. Haladyna, Downing &
    /// Rodriguez (2002) admit the completion format beside the question
    /// and ask to minimize the reading an item takes; the NBME guide
    /// prefers a stem that is a question. A question, or a blank at the
    /// very end, reads once.
    ///
    /// ## Example
    /// ```quiz
    /// The ___ guarantee means that no event is processed twice.
    ///
    /// [x]exactly-once
    /// [ ]at-most-once
    /// [ ]at-least-once
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// Which guarantee means that no event is processed twice?
    ///
    /// [x]Exactly-once
    /// [ ]At-most-once
    /// [ ]At-least-once
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) BlankMidStem = ("EB127", "blank-mid-stem", Severity::Warning)
}

impl Rule for BlankMidStem {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (exercise, _) in cx.choices() {
            let spans = cx.prompt_spans(exercise);
            let blanks: Vec<Span> = spans
                .iter()
                .flat_map(|s| blanks(cx.text(*s), s.start))
                .collect();
            let Some(&last) = blanks.last() else {
                continue;
            };
            // Words after the last blank, in its block or a later one.
            let after = spans.iter().filter(|s| s.end > last.end).any(|s| {
                let from = s.start.max(last.end);
                cx.text(Span::new(from, s.end))
                    .chars()
                    .any(char::is_alphanumeric)
            });
            if !after {
                continue;
            }
            out.push(
                Finding::new(
                    &Self::META,
                    blanks[0],
                    "Stem has a blank in the middle of the sentence",
                )
                .label("blank")
                .help("Ask a question instead, or move the blank to the end of the stem"),
            );
        }
    }
}

/// The runs of three or more underscores of `text` outside inline code,
/// as file spans (`base` is the offset of `text`).
fn blanks(text: &str, base: usize) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                let fence = &text[i..i + run];
                i += run + text[i + run..].find(fence).map_or(0, |at| at + run);
            }
            b'_' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'_').count();
                // `__init__` and `snake___case` join letters: not a blank.
                let joined = i > 0 && bytes[i - 1].is_ascii_alphanumeric()
                    || bytes.get(i + run).is_some_and(u8::is_ascii_alphanumeric);
                if run >= 3 && !joined {
                    out.push(Span::new(base + i, base + i + run));
                }
                i += run;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::blanks;

    #[test]
    fn blanks_are_underscore_runs_outside_code() {
        assert_eq!(blanks("The ___ joins", 10).len(), 1);
        assert_eq!(blanks("Call `df.___()` now", 0).len(), 0);
        assert_eq!(blanks("Use __init__ here", 0).len(), 0);
        assert_eq!(blanks("A ____, then B ___.", 0).len(), 2);
    }
}
