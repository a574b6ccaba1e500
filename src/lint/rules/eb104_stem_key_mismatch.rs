use crate::lint::text::{Token, matches_at};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a choice question whose stem asks for one answer ("Which of
    /// the following is true?", "What is the best ...", "Select one") while
    /// several options are marked correct, or asks for several ("Select all
    /// that apply", "Which of the following are ...") while one is, or names
    /// a number ("Select two") that the key does not match.
    ///
    /// The stem is the context prose before the answer block and the lines
    /// before the first option. An instruction (`Select all that apply`,
    /// `Choose two`) decides; otherwise the verb after `which` or `what` in
    /// the question does (`is` asks for one, `are` for several). A negative
    /// stem ("Which of the following is not ...") asks for one like any
    /// other, and "... EXCEPT" asks for one. When the stem gives no clear
    /// signal, or its signals disagree, the rule stays silent.
    ///
    /// ## Why is this bad?
    /// One of the two is wrong: either the key or the stem. An LMS shows a
    /// question with one correct option as radio buttons, so a learner told
    /// to "select all that apply" cannot, and a learner told to pick the
    /// true statement loses marks for not picking a second one.
    ///
    /// ## Example
    /// ```quiz
    /// Which of the following is true about at-least-once delivery?
    ///
    /// [x]A consumer may see the same event more than once.
    /// [ ]A consumer never sees the same event twice.
    /// [x]Consumers should make their writes idempotent.
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// Which of the following are true about at-least-once delivery? Select all that apply.
    ///
    /// [x]A consumer may see the same event more than once.
    /// [ ]A consumer never sees the same event twice.
    /// [x]Consumers should make their writes idempotent.
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) StemKeyMismatch = ("EB104", "stem-key-mismatch", Severity::Warning)
}

/// How many answers a stem asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asks {
    One,
    Several,
    Exactly(usize),
}

impl Asks {
    fn accepts(self, marked: usize) -> bool {
        match self {
            Self::One => marked == 1,
            Self::Several => marked >= 2,
            Self::Exactly(n) => marked == n,
        }
    }
}

impl Rule for StemKeyMismatch {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (exercise, choice) in cx.choices() {
            let marked = choice.correct;
            // No correct option at all is no-correct-option's concern.
            if marked == 0 {
                continue;
            }
            let words = cx.prompt_tokens(exercise);
            let Some((asks, span)) = asks_for(words) else {
                continue;
            };
            if asks.accepts(marked) {
                continue;
            }
            let (message, label, help) = match asks {
                Asks::One => (
                    format!("Stem asks for one answer but {marked} options are marked correct"),
                    "asks for one answer",
                    "Mark only the correct option, or ask for several (`Select all that apply.`)",
                ),
                Asks::Several => (
                    "Stem asks for several answers but only one option is marked correct"
                        .to_owned(),
                    "asks for several answers",
                    "Mark every correct option, or ask for one answer",
                ),
                Asks::Exactly(n) => (
                    format!(
                        "Stem asks for {n} answers but {marked} option{} marked correct",
                        if marked == 1 { " is" } else { "s are" }
                    ),
                    "asks for a number of answers",
                    "Make the number in the stem and the options marked `[x]` agree",
                ),
            };
            out.push(
                Finding::new(&Self::META, span, message)
                    .label(label)
                    .help(help),
            );
        }
    }
}

/// What the stem asks for and the words that say so.
fn asks_for(words: &[Token<'_>]) -> Option<(Asks, Span)> {
    let mut found: Option<(Asks, Span)> = None;
    // Records a signal; `false` when it disagrees with an earlier one.
    let note = |found: &mut Option<(Asks, Span)>, asks: Asks, span: Span| -> bool {
        match *found {
            Some((seen, _)) => seen == asks,
            None => {
                *found = Some((asks, span));
                true
            }
        }
    };
    // Instructions decide first: they are the author's explicit word. Each
    // needs its object ("answers", "that apply") or an end, so that "select
    // one row per customer" in a scenario is not read as one.
    let verb = "select|choose|check|mark|pick|tick";
    let object = "answer|answers|option|options|statement|statements|.|)|:";
    for at in 0..words.len() {
        // Every instruction below starts with one of these words.
        if !words[at].is(&[
            "all", "which", "select", "choose", "check", "mark", "pick", "tick",
        ]) {
            continue;
        }
        let cover = |n: usize| words[at].span.cover(words[at + n - 1].span);
        let several = [
            &["all", "that", "apply"][..],
            &[verb, "all", "correct|true|valid|applicable"],
            &[verb, "all", "the", "correct|true|valid|applicable"],
            &[verb, "one", "or", "more"],
        ];
        let one = [
            &[verb, "one", object][..],
            &[verb, "the", "best|correct|right", object],
            &["which", "one"],
        ];
        if let Some(p) = several.iter().find(|p| matches_at(words, at, p)) {
            if !note(&mut found, Asks::Several, cover(p.len())) {
                return None;
            }
        } else if let Some(p) = one.iter().find(|p| matches_at(words, at, p)) {
            if !note(&mut found, Asks::One, cover(p.len())) {
                return None;
            }
        } else if let Some(n) = words.get(at + 1).and_then(|w| number(w.text))
            && (matches_at(words, at, &[verb, "two|three|four|five|2|3|4|5", object])
                // "Which two tables are joined?" may have one option that
                // names both: only a count of answers counts.
                || matches_at(words, at, &["which", "two|three|four|five|2|3|4|5", "of|options|answers|statements|choices"]))
            && !note(&mut found, Asks::Exactly(n), cover(2))
        {
            return None;
        }
    }
    if found.is_some() {
        return found;
    }
    // Then the grammar of each question: every one must agree.
    for sentence in words.split_inclusive(|t| t.is_mark("?") || t.is_mark(".") || t.is_mark(":")) {
        let asks_question = sentence.last().is_some_and(|t| t.is_mark("?"));
        let ends_in_colon = sentence.last().is_some_and(|t| t.is_mark(":"));
        let span = sentence[0].span.cover(sentence[sentence.len() - 1].span);
        // "All of the following are true EXCEPT:" asks for the one exception.
        if (asks_question || ends_in_colon) && sentence.iter().any(|t| t.is(&["except"])) {
            if !note(&mut found, Asks::One, span) {
                return None;
            }
            continue;
        }
        if !asks_question {
            continue;
        }
        if let Some(asks) = question_grammar(sentence)
            && !note(&mut found, asks, span)
        {
            return None;
        }
    }
    found
}

/// `is` or `are` after `which` / `what` in one question.
fn question_grammar(sentence: &[Token<'_>]) -> Option<Asks> {
    let head = sentence.iter().position(|t| t.is(&["which", "what"]))?;
    let mut at = head + 1;
    // "which of the following" / "which of these" names no noun of its own.
    if matches_at(sentence, at, &["of", "the", "following"]) {
        at += 3;
        if sentence.get(at).is_some_and(|t| t.is(&["best", "most"])) {
            return Some(Asks::One);
        }
    } else if matches_at(sentence, at, &["of", "these|those"]) {
        at += 2;
    }
    for token in sentence.iter().skip(at).take(6) {
        // A relative clause has a verb of its own: "... whose email is ...".
        if token.is(&[
            "that", "whose", "who", "whom", "where", "when", "if", "because", "while", "so",
            "which",
        ]) || !token.is_word
        {
            return None;
        }
        if token.is(&["is", "was", "isn't", "wasn't"]) {
            return Some(Asks::One);
        }
        if token.is(&["are", "were", "aren't", "weren't"]) {
            return Some(Asks::Several);
        }
    }
    None
}

/// `two`, `3` ... as a count of answers (one is not a count: it asks for one).
fn number(word: &str) -> Option<usize> {
    let n = match word.to_ascii_lowercase().as_str() {
        "two" | "2" => 2,
        "three" | "3" => 3,
        "four" | "4" => 4,
        "five" | "5" => 5,
        _ => return None,
    };
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::text::tokens;

    fn asks(text: &str) -> Option<Asks> {
        asks_for(&tokens(text, 0)).map(|(a, _)| a)
    }

    #[test]
    fn stems_ask_for_what_they_say() {
        assert_eq!(asks("Which of the following is true?"), Some(Asks::One));
        assert_eq!(asks("What is the best fix?"), Some(Asks::One));
        assert_eq!(
            asks("Which of the following is not a reason to adopt it?"),
            Some(Asks::One)
        );
        assert_eq!(
            asks("Which of the following are benefits? Select all that apply."),
            Some(Asks::Several)
        );
        assert_eq!(
            asks("Which of the following statements about NULL are accurate?"),
            Some(Asks::Several)
        );
        assert_eq!(asks("Select two."), Some(Asks::Exactly(2)));
        assert_eq!(asks("Pick the best answer:"), Some(Asks::One));
        assert_eq!(asks("Select one or more."), Some(Asks::Several));
        assert_eq!(
            asks("Which two statements are true?"),
            Some(Asks::Exactly(2))
        );
        assert_eq!(
            asks("All of the following are true EXCEPT:"),
            Some(Asks::One)
        );
        assert_eq!(
            asks("Which of the following best describes it?"),
            Some(Asks::One)
        );
    }

    #[test]
    fn unclear_stems_ask_for_nothing() {
        assert_eq!(asks("So, the correct answers are:"), None);
        assert_eq!(
            asks("Which query returns the fraction of customers whose email is missing?"),
            None
        );
        assert_eq!(asks("Which of the following tasks need a join?"), None);
        assert_eq!(asks("How many rows does the join return?"), None);
        assert_eq!(asks("Which two tables does the query join?"), None);
        // Two questions that disagree: no finding rather than a guess.
        assert_eq!(asks("What is a log? Which of them are durable?"), None);
        assert_eq!(asks("Select one. Select all that apply."), None);
        // A scenario that selects rows gives no instruction.
        assert_eq!(
            asks("The job must select all rows and choose one key."),
            None
        );
    }
}
