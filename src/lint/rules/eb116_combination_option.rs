use crate::lint::text::{Token, Tokens, tokens};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an option that is nothing but a combination of other options'
    /// labels: "A and B", "Both A and C", "A, B and D", "I and III only",
    /// "All except B", "Only C", "Options 1 and 3 are correct". Labels are
    /// capital letters `A` to `H`, Roman numerals `I` to `VIII`, and, after
    /// a word such as `options`, `statements`, `both` or `all except`,
    /// digits. "All of the above" and the like are `all-of-the-above`'s.
    ///
    /// ## Why is this bad?
    /// Combination options ("complex multiple choice", type K) let a
    /// learner who knows one statement rule out every combination without
    /// it, so they test less than they seem to; they are also harder to
    /// read, and meaningless once an LMS shuffles or relabels the options
    /// (Haladyna, Downing & Rodriguez, 2002, guideline 9: avoid the complex
    /// MC format; NBME item-writing guide).
    ///
    /// ## Example
    /// ```quiz
    /// Which of these guarantee ordering? A: a single partition. B: a key-partitioned topic. C: a round-robin producer.
    ///
    /// [ ]A only
    /// [x]A and B
    /// [ ]All except A
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// Which of these guarantee ordering of the events of one key? Select all that apply.
    ///
    /// [x]A single partition
    /// [x]A key-partitioned topic
    /// [ ]A round-robin producer
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) CombinationOption = ("EB116", "combination-option", Severity::Warning)
}

const ROMAN: &[&str] = &["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];

/// Words before the labels that make digits labels too (`options 1 and 3`).
const NOUNS: &[&str] = &[
    "option",
    "options",
    "answer",
    "answers",
    "statement",
    "statements",
    "choice",
    "choices",
];

fn is_letter_label(t: &Token<'_>) -> bool {
    t.is_word
        && ((t.text.len() == 1 && matches!(t.text.as_bytes()[0], b'A'..=b'H'))
            || ROMAN.contains(&t.text))
}

fn is_digit_label(t: &Token<'_>) -> bool {
    t.is_word && t.text.len() == 1 && t.text.as_bytes()[0].is_ascii_digit() && t.text != "0"
}

/// Whether an option's text (at file offset `base`) is a combination of
/// labels.
fn combination(text: &str, base: usize) -> bool {
    // A combination opens with a letter label, an opening word or a noun
    // (see [`is_combination`]): most options are settled by their first
    // token, and never tokenized whole.
    let opens = Tokens::new(text, base).next().is_some_and(|t| {
        is_letter_label(&t)
            || t.is(&["all", "none", "only", "both", "either", "neither"])
            || t.is(NOUNS)
    });
    opens && is_combination(&tokens(text, base))
}

/// Whether the option's words are a combination of labels.
fn is_combination(words: &[Token<'_>]) -> bool {
    let mut at = 0;
    let lead = |at: usize, phrase: &[&str]| crate::lint::text::matches_at(words, at, phrase);
    // An opening that makes one label enough, or digits labels.
    let mut one_is_enough = false;
    let mut digits = false;
    for (phrase, enough) in [
        (&["all", "except|but"][..], true),
        (&["none", "except|but"], true),
        (&["only"], true),
        (&["both"], false),
        (&["either"], false),
        (&["neither"], false),
    ] {
        if lead(at, phrase) {
            at += phrase.len();
            one_is_enough = enough;
            digits = true;
            break;
        }
    }
    if words.get(at).is_some_and(|t| t.is(NOUNS)) {
        at += 1;
        digits = true;
    }
    let mut labels = 0;
    let mut expect_label = true;
    while let Some(t) = words.get(at) {
        if expect_label {
            if is_letter_label(t) || (digits && is_digit_label(t)) {
                labels += 1;
                expect_label = false;
                at += 1;
                continue;
            }
            return false;
        }
        if t.is_mark(",") || t.is_mark("&") || t.is(&["and", "or", "nor"]) {
            at += 1;
            // `A, B, and C`: a comma then `and`.
            if words.get(at).is_some_and(|n| n.is(&["and", "or"])) {
                at += 1;
            }
            expect_label = true;
            continue;
        }
        break;
    }
    if expect_label || labels == 0 {
        return false;
    }
    // What may follow the labels: `only`, `are correct`, a period.
    let rest: Vec<&Token<'_>> = words[at..].iter().filter(|t| !t.is_mark(".")).collect();
    let tail_ok = match rest.as_slice() {
        [] => true,
        [only] => only.is(&["only"]),
        [verb, adjective] => {
            verb.is(&["is", "are"]) && adjective.is(&["correct", "true", "right", "valid"])
        }
        _ => false,
    };
    tail_ok && (labels >= 2 || one_is_enough)
}

impl Rule for CombinationOption {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            for option in &choice.options {
                if !combination(cx.text(option.text_span), option.text_span.start) {
                    continue;
                }
                out.push(
                    Finding::new(
                        &Self::META,
                        option.text_span,
                        format!(
                            "Option `{}` combines other options",
                            cx.text(option.text_span)
                        ),
                    )
                    .label("combination of options")
                    .help("Make each statement an option of its own and mark every true one `[x]` (a multiple-answer question)"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn combines(text: &str) -> bool {
        combination(text, 0)
    }

    #[test]
    fn combinations_are_found() {
        for text in [
            "A and B",
            "Both A and C",
            "A, B, and D",
            "I and III only",
            "All except B",
            "Only C",
            "Options 1 and 3 are correct",
            "Neither A nor B.",
        ] {
            assert!(combines(text), "{text}");
        }
    }

    #[test]
    fn content_is_not() {
        for text in [
            "A",
            "B.",
            "1 and 3",
            "A table and B tree",
            "Only the driver",
            "A and B are joined on id",
            "a and b",
        ] {
            assert!(!combines(text), "{text}");
        }
    }
}
