use crate::lint::text::{Token, Tokens, tokens};
use crate::lint::wording::{in_code, key_and_distractors, light_stem};
use crate::lint::words::{FREQUENT, lookup};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a single-answer question of three or more options in which a
    /// distinctive word of the stem comes back in the correct option and in
    /// no distractor. A word is distinctive when it has four letters or
    /// more and is not among the most frequent English words (SCOWL size
    /// 35): a term, a name, a rarer word. Inflections count as the same
    /// word (`partitioned`, `partitions`); code spans are not read.
    ///
    /// ## Why is this bad?
    /// A learner who does not know the answer picks the option that sounds
    /// like the question (a clang association), and is right (Haladyna,
    /// Downing & Rodriguez, 2002, guideline 28b: avoid clang associations,
    /// options identical to or resembling words in the stem; NBME
    /// item-writing guide: "word repeats").
    ///
    /// ## Example
    /// ```quiz
    /// Which mechanism keeps a sink idempotent when events are replayed?
    ///
    /// [x]Idempotent upserts keyed by event id
    /// [ ]A larger batch size
    /// [ ]A second consumer group
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// Which mechanism keeps a sink idempotent when events are replayed?
    ///
    /// [x]Upserts keyed by event id
    /// [ ]A larger batch size
    /// [ ]A second consumer group
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) ClangAssociation = ("EB118", "clang-association", Severity::Warning)
}

/// Whether a word of the stem is distinctive enough to be a cue.
fn distinctive(word: &Token<'_>) -> bool {
    letters(word) >= 4 && lookup(&word.text.to_lowercase()) & FREQUENT == 0
}

/// The letters of a word, digits and marks aside.
fn letters(word: &Token<'_>) -> usize {
    word.text.chars().filter(|c| c.is_alphabetic()).count()
}

impl Rule for ClangAssociation {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (exercise, choice) in cx.choices() {
            let (keys, distractors) = key_and_distractors(choice);
            let ([key], true) = (keys.as_slice(), distractors.len() >= 2) else {
                continue;
            };
            // The key's words first: a key is short, and most questions
            // are settled by it before the stem and distractors are read.
            let key_words = tokens(cx.text(key.text_span), key.text_span.start);
            let mut echoes: Vec<(&Token<'_>, String)> = key_words
                .iter()
                .filter(|t| t.is_word && !in_code(cx, t.span))
                .map(|t| (t, light_stem(t.text)))
                .collect();
            if echoes.is_empty() {
                continue;
            }
            // The stem's distinctive words that a key word shares; the
            // dictionary is asked only about those.
            let mut in_stem = vec![false; echoes.len()];
            for t in cx.prompt_tokens(exercise) {
                if !(t.is_word && letters(t) >= 4) {
                    continue;
                }
                let s = light_stem(t.text);
                if echoes.iter().any(|(_, e)| *e == s) && distinctive(t) && !in_code(cx, t.span) {
                    for (kept, (_, e)) in in_stem.iter_mut().zip(&echoes) {
                        *kept |= *e == s;
                    }
                }
            }
            let mut kept = in_stem.into_iter();
            echoes.retain(|_| kept.next().unwrap_or(false));
            // Then the words that a distractor shares too.
            for d in &distractors {
                if echoes.is_empty() {
                    break;
                }
                for t in Tokens::new(cx.text(d.text_span), d.text_span.start) {
                    if t.is_word && !in_code(cx, t.span) {
                        let s = light_stem(t.text);
                        echoes.retain(|(_, e)| *e != s);
                    }
                }
            }
            let Some((first, _)) = echoes.first() else {
                continue;
            };
            out.push(
                Finding::new(
                    &Self::META,
                    first.span,
                    format!(
                        "Only the correct option repeats `{}` from the stem",
                        first.text
                    ),
                )
                .label("echoes the stem")
                .help("Reword the correct option, or use the stem's word in the distractors too"),
            );
        }
    }
}
