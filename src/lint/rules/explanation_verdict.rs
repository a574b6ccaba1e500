//! What an option's explanation says about the option: shared by
//! explanation-contradicts-mark and hedged-explanation.

use crate::lint::text::{Token, Tokens, matches_at};
use crate::source::Span;

/// The judgement an explanation opens with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    /// "Correct", "This is true", "Yes, ..."
    Correct(Span),
    /// "Incorrect", "This is not true", "Not a benefit"
    NotCorrect(Span),
    /// "This can be true in some cases", "Partially correct"
    Hedged(Span),
}

const POSITIVE: &[&str] = &["correct", "true", "right", "valid", "accurate", "yes"];
const NEGATIVE: &[&str] = &[
    "incorrect",
    "false",
    "wrong",
    "invalid",
    "untrue",
    "inaccurate",
    "no",
];
const MERIT: &[&str] = &["benefit", "advantage", "reason", "feature", "requirement"];
const SUBJECT: &[&str] = &[
    "this",
    "that",
    "it",
    "it's",
    "that's",
    "this's",
    "the",
    "option",
    "answer",
    "statement",
    "choice",
];
/// Words that may follow a verdict inside its clause: "True because ...".
const AFTER: &[&str] = &[
    "because",
    "since",
    "as",
    "answer",
    "option",
    "statement",
    "choice",
    "here",
];
/// Words before a truth word that make it the predicate: "is true", "partly true".
const PREDICATE: &[&str] = &[
    "is",
    "be",
    "are",
    "was",
    "were",
    "it's",
    "that's",
    "partially",
    "partly",
    "technically",
    "sometimes",
    "mostly",
    "often",
    "usually",
    "half",
    "also",
];
const HEDGES: &[&[&str]] = &[
    &["sometimes"],
    &["partially"],
    &["partly"],
    &["technically"],
    &["mostly"],
    &["often"],
    &["usually"],
    &["occasionally"],
    &["somewhat"],
    &["arguably"],
    &["depends"],
    &["in", "some|certain|many|most|specific"],
    &["under", "some|certain|specific"],
    &["can|could|may|might", "be"],
    &["not", "always"],
];

/// The first words of [`HEDGES`]: a place where none stands opens no hedge.
const HEDGE_OPENERS: &[&str] = &[
    "sometimes",
    "partially",
    "partly",
    "technically",
    "mostly",
    "often",
    "usually",
    "occasionally",
    "somewhat",
    "arguably",
    "depends",
    "in",
    "under",
    "can",
    "could",
    "may",
    "might",
    "not",
];

/// What `explanation` (with its file span) opens with, if it says.
pub(super) fn verdict(explanation: &str, base: usize) -> Option<Verdict> {
    // Only the first sentence is read: the tokens after it are never made.
    let sentence: Vec<Token<'_>> = Tokens::new(explanation, base)
        .take_while(|t| ![".", ";", "!", "?"].iter().any(|m| t.is_mark(m)))
        .collect();
    let sentence = sentence.as_slice();
    let first = sentence.first()?;
    let cover = |words: &[Token<'_>]| first.span.cover(words[words.len() - 1].span);
    if hedged(sentence) {
        return Some(Verdict::Hedged(cover(sentence)));
    }
    let clause_end = sentence
        .iter()
        .position(|t| !t.is_word)
        .unwrap_or(sentence.len());
    let clause = &sentence[..clause_end];
    let mut at = 0;
    while clause.get(at).is_some_and(|t| t.is(SUBJECT)) {
        at += 1;
    }
    if clause.get(at).is_some_and(|t| t.is(&["is", "was", "'s"])) {
        at += 1;
    }
    let mut negated = false;
    if clause
        .get(at)
        .is_some_and(|t| t.is(&["not", "isn't", "wasn't"]))
    {
        negated = true;
        at += 1;
    }
    let positive = if clause.get(at).is_some_and(|t| t.is(POSITIVE)) {
        true
    } else if clause.get(at).is_some_and(|t| t.is(NEGATIVE)) {
        false
    } else if matches_at(clause, at, &["a|an"]) && clause.get(at + 1).is_some_and(|t| t.is(MERIT)) {
        at += 1;
        true
    } else {
        return None;
    };
    // The verdict must close its clause: "No lost events" is no "No.".
    if clause.get(at + 1).is_some_and(|t| !t.is(AFTER)) {
        return None;
    }
    let span = cover(&clause[..=at]);
    Some(if positive == negated {
        Verdict::NotCorrect(span)
    } else {
        Verdict::Correct(span)
    })
}

/// Whether an option is itself a verdict (`True`, `False`, `Yes` ...), as
/// in a true/false question, whose explanation then judges the stem.
pub(super) fn is_verdict_option(text: &str) -> bool {
    // Three words are enough to tell: a verdict has one or two.
    let mut words = Tokens::new(text, 0).filter(|t| t.is_word);
    let verdict = match (words.next(), words.next(), words.next()) {
        (Some(not), Some(word), None) if not.is(&["not"]) => word,
        (Some(word), None, None) => word,
        _ => return false,
    };
    verdict.is(POSITIVE) || verdict.is(NEGATIVE)
}

/// A truth word as the predicate, with a hedge in the same sentence.
fn hedged(sentence: &[Token<'_>]) -> bool {
    let truth = sentence.iter().enumerate().any(|(k, t)| {
        t.is(&["true", "correct", "valid", "accurate", "right"])
            && (k == 0
                || sentence[k - 1].is(PREDICATE)
                || (sentence[k - 1].is(&["always"]) && k >= 2 && sentence[k - 2].is(&["not"])))
    });
    truth
        && (0..sentence.len()).any(|at| {
            sentence[at].is(HEDGE_OPENERS) && HEDGES.iter().any(|h| matches_at(sentence, at, h))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> &'static str {
        match verdict(text, 0) {
            Some(Verdict::Correct(_)) => "correct",
            Some(Verdict::NotCorrect(_)) => "not correct",
            Some(Verdict::Hedged(_)) => "hedged",
            None => "none",
        }
    }

    #[test]
    fn verdicts_are_read_from_the_opening_clause() {
        assert_eq!(kind("This is true."), "correct");
        assert_eq!(kind("Correct, because the log is durable."), "correct");
        assert_eq!(kind("Yes, it is."), "correct");
        assert_eq!(
            kind("This is not true; they add a small cost."),
            "not correct"
        );
        assert_eq!(kind("Incorrect. The log is durable."), "not correct");
        assert_eq!(kind("Not a benefit: it costs more."), "not correct");
        assert_eq!(kind("It's wrong"), "not correct");
        assert_eq!(kind("This is a benefit."), "correct");
    }

    #[test]
    fn verdict_options_are_recognized() {
        assert!(is_verdict_option("False"));
        assert!(is_verdict_option("True."));
        assert!(is_verdict_option("Not true"));
        assert!(!is_verdict_option("True streaming needs a log"));
        assert!(!is_verdict_option("Replay"));
    }

    #[test]
    fn hedge_openers_are_the_first_words_of_the_hedges() {
        let mut firsts: Vec<&str> = HEDGES.iter().flat_map(|h| h[0].split('|')).collect();
        let mut openers = HEDGE_OPENERS.to_vec();
        firsts.sort_unstable();
        firsts.dedup();
        openers.sort_unstable();
        assert_eq!(firsts, openers);
    }

    #[test]
    fn hedges_are_told_apart() {
        assert_eq!(kind("This can be true in some cases."), "hedged");
        assert_eq!(kind("Partially correct: only for small tables."), "hedged");
        assert_eq!(kind("True, but only in some cases."), "hedged");
        assert_eq!(kind("Not always true."), "hedged");
    }

    #[test]
    fn ordinary_explanations_say_nothing() {
        assert_eq!(kind("No lost events are allowed."), "none");
        assert_eq!(kind("Truly durable logs replicate."), "none");
        assert_eq!(kind("Often used on the right side of a join."), "none");
        assert_eq!(kind("Only valid rows are loaded."), "none");
        assert_eq!(kind("Not true: only the leader writes."), "not correct");
        assert_eq!(kind("Valid SQL, but it reads every row."), "none");
    }
}
