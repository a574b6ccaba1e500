//! What the rules on item wording share: the sentences of a stem, the
//! negation that makes a stem negative, whether a word is emphasised, the
//! key and the distractors of a question, and a light stem of a word for
//! comparing the words of a stem and its options.

use super::LintContext;
use super::text::{Token, tokens};
use crate::parse::ast::{ChoiceBlock, Exercise, OptionLine};
use crate::source::Span;

/// The words of an exercise's prompt (context prose and stem), split into
/// sentences: at `.`, `?` and `!` followed by a space or the end, and at
/// the end of each paragraph.
pub(crate) fn prompt_sentences<'a>(
    cx: &LintContext<'a>,
    exercise: &Exercise,
) -> Vec<Vec<Token<'a>>> {
    let mut out = Vec::new();
    // A choice question's prompt is tokenized once for all rules: its
    // tokens are cut back into paragraphs at the ends of their spans.
    let shared = cx.prompt_tokens(exercise);
    let ordered = exercise
        .prompt
        .windows(2)
        .all(|w| w[0].span.end <= w[1].span.start);
    let mut rest = shared;
    for span in cx.prompt_spans(exercise) {
        let owned;
        let words: &[Token<'a>] = if ordered && !shared.is_empty() {
            let n = rest.partition_point(|t| t.span.start < span.end);
            let (here, after) = rest.split_at(n);
            rest = after;
            here
        } else {
            owned = tokens(cx.text(span), span.start);
            &owned
        };
        let mut current = Vec::new();
        for (k, token) in words.iter().enumerate() {
            current.push(*token);
            let ends = matches!(token.text, "." | "?" | "!")
                && words
                    .get(k + 1)
                    .is_none_or(|next| next.span.start > token.span.end);
            if ends {
                out.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

/// Words that ask the learner to pick: a negation after one of them
/// applies to what is picked.
const SELECTING: &[&str] = &[
    "which",
    "what",
    "select",
    "choose",
    "pick",
    "identify",
    "determine",
    "decide",
    "find",
    "mark",
    "tick",
    "indicate",
];

/// Words that open a condition: a negation after one of them is part of
/// the situation the question describes, not of what is picked.
const CONDITIONS: &[&str] = &[
    "if", "when", "whenever", "unless", "whether", "because", "since", "while", "until",
    "although", "though", "after", "before",
];

/// Nouns that name what a choice question offers (`the false statement`).
const OFFERED: &[&str] = &[
    "statement",
    "statements",
    "answer",
    "answers",
    "option",
    "options",
    "one",
    "choice",
    "choices",
    "claim",
    "claims",
    "sentence",
    "sentences",
    "description",
    "descriptions",
    "assertion",
    "assertions",
];

/// Words after `is false` that keep it a predicate (`is false about ...`).
const ABOUT: &[&str] = &[
    "about",
    "regarding",
    "concerning",
    "for",
    "of",
    "in",
    "with",
    "when",
    "given",
    "here",
];

/// The word that makes a stem negative.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Negation<'a> {
    pub span: Span,
    pub text: &'a str,
    /// Written in capitals, or inside `*`/`_`/`**` emphasis or `<b>`-like tags.
    pub emphasised: bool,
    /// A whole word that can be written `**NOT**` as it is (not a
    /// contraction such as `isn't`).
    pub whole_word: bool,
}

/// Whether `token` is a negation (`not`, `cannot`, `isn't`).
pub(crate) fn is_negation(token: &Token<'_>) -> bool {
    // `n't` and `n’t` in any case: only `N`/`n` and `T`/`t` lower-case to
    // `n` and `t`, so the bytes tell without a lower-case copy.
    let ends = |apostrophe: &str| {
        let bytes = token.text.as_bytes();
        let tail = 2 + apostrophe.len();
        bytes.len() >= tail && {
            let end = &bytes[bytes.len() - tail..];
            end[0].eq_ignore_ascii_case(&b'n')
                && &end[1..=apostrophe.len()] == apostrophe.as_bytes()
                && end[tail - 1].eq_ignore_ascii_case(&b't')
        }
    };
    token.is_word && (token.is(&["not", "cannot"]) || ends("'") || ends("’"))
}

/// The negation that makes the prompt of `exercise` a negative stem ("Which
/// of the following is not ...", "Select the false statement", "All of the
/// following ... EXCEPT"), if it is one.
pub(crate) fn negative_stem<'a>(cx: &LintContext<'a>, exercise: &Exercise) -> Option<Negation<'a>> {
    cx.negative_stem(exercise)
}

/// [`negative_stem`] without the context's memory of it.
pub(crate) fn find_negative_stem<'a>(
    cx: &LintContext<'a>,
    exercise: &Exercise,
) -> Option<Negation<'a>> {
    prompt_sentences(cx, exercise)
        .iter()
        .find_map(|sentence| negation_in(cx, sentence))
}

/// Words that can make a sentence negative besides negations (see
/// [`negation_in`]).
const NEGATIVE: &[&str] = &["except", "false", "incorrect", "untrue", "wrong"];

fn negation_in<'a>(cx: &LintContext<'a>, sentence: &[Token<'a>]) -> Option<Negation<'a>> {
    // Only these words make a sentence negative: most sentences have none.
    if !sentence.iter().any(|t| t.is(NEGATIVE) || is_negation(t)) {
        return None;
    }
    let has = |words: &[&str]| sentence.iter().any(|t| t.is(words));
    let listing = has(&["following", "these", "below", "listed"]) && has(&["all", "each", "every"]);
    let mut selecting = false;
    for (k, token) in sentence.iter().enumerate() {
        if !token.is_word {
            continue;
        }
        if token.is(SELECTING) {
            selecting = true;
            continue;
        }
        if selecting && token.is(CONDITIONS) {
            // What follows describes a situation, up to the end of the sentence.
            return None;
        }
        let next = sentence.get(k + 1);
        let previous = k.checked_sub(1).map(|p| sentence[p]);
        let negative = if token.is(&["except"]) {
            listing || next.is_none_or(|n| !n.is_word)
        } else if token.is(&["false", "incorrect", "untrue", "wrong"]) {
            // `is false`, `is false about ...`, `the false statement`; not
            // `are false positives`.
            let predicate = previous.is_some_and(|p| p.is(&["is", "are"]))
                && next.is_none_or(|n| !n.is_word || n.is(ABOUT));
            selecting && (predicate || next.is_some_and(|n| n.is(OFFERED)))
        } else if is_negation(token) {
            selecting && !next.is_some_and(|n| n.is(&["only", "just"]))
        } else {
            false
        };
        if !negative || in_code(cx, token.span) {
            continue;
        }
        return Some(Negation {
            span: token.span,
            text: token.text,
            emphasised: is_emphasised(cx, token),
            whole_word: !token.text.contains(['\'', '’']),
        });
    }
    None
}

/// The text of the line that holds `span`, up to the span.
fn line_before<'a>(cx: &LintContext<'a>, span: Span) -> &'a str {
    let text = &cx.file.text[..span.start];
    let start = text.rfind('\n').map_or(0, |i| i + 1);
    &text[start..]
}

/// Whether `span` is inside a code span (an odd number of backticks before
/// it on its line).
pub(crate) fn in_code(cx: &LintContext<'_>, span: Span) -> bool {
    line_before(cx, span).matches('`').count() % 2 == 1
}

/// Whether a word is emphasised: in capitals (`NOT`), or in Markdown or
/// HTML emphasis (`**not**`, `*not*`, `_not_`, `<b>not</b>`, `**is not**`).
pub(crate) fn is_emphasised(cx: &LintContext<'_>, token: &Token<'_>) -> bool {
    let letters: Vec<char> = token.text.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return true;
    }
    let before = line_before(cx, token.span);
    let after = &cx.file.text[token.span.end..];
    let marks = |c: char| matches!(c, '*' | '_');
    if before.ends_with(marks) && after.starts_with(marks) {
        return true;
    }
    let strong = before.matches("**").count() + before.matches("__").count();
    let single = before.matches('*').count() - 2 * before.matches("**").count();
    if strong % 2 == 1 || single % 2 == 1 {
        return true;
    }
    let lower = before.to_ascii_lowercase();
    ["b", "strong", "em", "i", "u"].iter().any(|tag| {
        let open = lower.rfind(&format!("<{tag}>"));
        let close = lower.rfind(&format!("</{tag}>"));
        open.is_some_and(|o| close.is_none_or(|c| c < o))
    })
}

/// The options marked correct and the others.
pub(crate) fn key_and_distractors(choice: &ChoiceBlock) -> (Vec<&OptionLine>, Vec<&OptionLine>) {
    choice
        .options
        .iter()
        .partition(|o| o.checkbox.kind.is_checked())
}

/// A light stem of a lower-case word, so that `partitions`, `partitioned`
/// and `partitioning` compare equal to `partition`.
pub(crate) fn light_stem(word: &str) -> String {
    // One lower-case copy, cut in place.
    let mut word = trim_all_suffixes(trim_all_suffixes(word, "'s"), "’s").to_lowercase();
    let keeps = |w: &str, suffix: &str, min: usize| {
        w.strip_suffix(suffix)
            .is_some_and(|rest| rest.chars().count() >= min)
    };
    if keeps(&word, "ies", 3) {
        word.truncate(word.len() - 3);
        word.push('y');
        return word;
    }
    for suffix in ["ing", "ed", "es", "s"] {
        if suffix == "s" && (word.ends_with("ss") || word.ends_with("us") || word.ends_with("is")) {
            continue;
        }
        if keeps(&word, suffix, 4) {
            // `partitioned` -> `partition`, `stored` -> `stor` like `store` -> `stor`.
            word.truncate(word.len() - suffix.len());
            break;
        }
    }
    let kept = word.trim_end_matches('e').len();
    word.truncate(kept);
    word
}

/// `text` without every trailing copy of `suffix`: what `trim_end_matches`
/// does with a string pattern, without building a substring searcher for
/// each call.
pub(crate) fn trim_all_suffixes<'t>(mut text: &'t str, suffix: &str) -> &'t str {
    while let Some(rest) = text.strip_suffix(suffix) {
        text = rest;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_join_inflections() {
        for (a, b) in [
            ("partitions", "partition"),
            ("partitioned", "partitioning"),
            ("stored", "store"),
            ("queries", "query"),
            ("weights", "weight"),
        ] {
            assert_eq!(light_stem(a), light_stem(b), "{a} {b}");
        }
        assert_ne!(light_stem("class"), light_stem("clas"));
        assert_eq!(light_stem("status"), "status");
        assert_eq!(light_stem("Spark's"), light_stem("spark"));
        assert_eq!(light_stem("x’s's's"), "x");
    }

    #[test]
    fn every_trailing_suffix_is_trimmed() {
        assert_eq!(trim_all_suffixes("10 pointspoints", "points"), "10 ");
        assert_eq!(trim_all_suffixes("points", "points"), "");
        assert_eq!(trim_all_suffixes("a's", "’s"), "a's");
    }
}
