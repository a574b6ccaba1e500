use crate::lint::rules::eb111_absolute_word_cue::ABSOLUTES;
use crate::lint::text::{Token, matches_at, tokens};
use crate::lint::wording::{in_code, key_and_distractors};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::parse::ast::OptionLine;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags two kinds of vague wording in the options of a choice question:
    ///
    /// - a hedge only the correct option has: in a single-answer question
    ///   of three or more options, the key qualifies its statement
    ///   (`usually`, `often`, `generally`, `typically`, `sometimes`,
    ///   `may`, `might`, `in most cases` ...) in its main clause (its first
///   sentence, before any `which`, `where`, `because` ...) and no
///   distractor holds a hedge anywhere;
    /// - otherwise, a vague frequency word in an option (`usually`,
    ///   `often`, `sometimes`, `rarely`, `seldom`, `frequently`,
    ///   `occasionally`), reported once per question, at its first option
    ///   holding one.
    ///
    /// A hedged key in a question whose distractors hold absolute words that
    /// its key lacks ("always", "never") is `absolute-word-cue`'s: the other
    /// side of the same cue, not reported twice.
    ///
    /// Off by default: a style check; a frequency word is sometimes the
    /// fact being taught.
    ///
    /// ## Why is this bad?
    /// Frequency words mean different things to different readers (one
    /// reader's "often" is another's "sometimes"), so whether an option is
    /// right depends on how it is read (NBME item-writing guide: vague
    /// terms). A key that alone is carefully qualified is a cue: test-wise
    /// learners know that the hedged statement is the defensible one
    /// (Haladyna, Downing & Rodriguez, 2002, guideline 28a: avoid specific
    /// determiners, clues to the right answer).
    ///
    /// ## Example
    /// ```quiz
    /// What happens to a consumer that stops sending heartbeats?
    ///
    /// [x]It is usually removed from its group after the session timeout.
    /// [ ]It keeps its partitions until it restarts.
    /// [ ]Its group stops reading.
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// What happens to a consumer that stops sending heartbeats?
    ///
    /// [x]It is removed from its group after the session timeout.
    /// [ ]It keeps its partitions until it restarts.
    /// [ ]Its group stops reading.
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: 4 findings judged, 4 right (100 %).
    pub(crate) VagueFrequency = ("EB120", "vague-frequency", Severity::Style, off_by_default)
}

const FREQUENCY: &[&[&str]] = &[
    &["usually"],
    &["often"],
    &["sometimes"],
    &["rarely"],
    &["seldom"],
    &["frequently"],
    &["occasionally"],
];

/// Hedges: frequency words and other qualifiers.
const HEDGES: &[&[&str]] = &[
    &["usually"],
    &["often"],
    &["sometimes"],
    &["frequently"],
    &["occasionally"],
    &["generally"],
    &["typically"],
    &["mostly"],
    &["commonly"],
    &["may"],
    &["might"],
    &["in", "most|some|many", "cases"],
    &["in", "general"],
    &["tends|tend", "to"],
];

/// Words that open a clause of its own: a hedge after one of them
/// qualifies something else than the option's claim (`..., where the
/// blocks may include ...`).
const CLAUSES: &[&str] = &[
    "where", "which", "that", "because", "since", "if", "when", "while", "whereas", "so",
    "although", "though", "who", "unless",
];

/// The first phrase of `phrases` in an option's text (code spans aside);
/// with `main_clause`, only in the option's first sentence, before any
/// subordinate clause.
fn first_of(
    cx: &LintContext<'_>,
    option: &OptionLine,
    phrases: &[&[&str]],
    main_clause: bool,
) -> Option<Span> {
    let mut words: Vec<Token<'_>> = tokens(cx.text(option.text_span), option.text_span.start);
    if main_clause
        && let Some(end) = words
            .iter()
            .position(|t| t.is(CLAUSES) || t.is_mark(".") || t.is_mark("…") || t.is_mark(";"))
    {
        words.truncate(end);
    }
    (0..words.len()).find_map(|at| {
        phrases
            .iter()
            .find(|p| matches_at(&words, at, p) && !in_code(cx, words[at].span))
            .map(|p| words[at].span.cover(words[at + p.len() - 1].span))
    })
}

impl Rule for VagueFrequency {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            let (keys, distractors) = key_and_distractors(choice);
            let has = |o: &&OptionLine, phrases| first_of(cx, o, phrases, false).is_some();
            let absolute_cue = distractors.iter().any(|d| has(d, ABSOLUTES))
                && !keys.iter().any(|k| has(k, ABSOLUTES));
            if let ([key], false, true) = (keys.as_slice(), absolute_cue, distractors.len() >= 2)
                && let Some(span) = first_of(cx, key, HEDGES, true)
                && !distractors.iter().any(|d| has(d, HEDGES))
            {
                out.push(
                    Finding::new(
                        &Self::META,
                        span,
                        format!(
                            "Only the correct option is qualified (`{}`)",
                            cx.text(span)
                        ),
                    )
                    .label("hedge only in the key")
                    .help("State the key as plainly as the distractors, or qualify the distractors as carefully"),
                );
                continue;
            }
            let Some(span) = choice
                .options
                .iter()
                .find_map(|o| first_of(cx, o, FREQUENCY, false))
            else {
                continue;
            };
            out.push(
                Finding::new(
                    &Self::META,
                    span,
                    format!(
                        "Vague frequency word `{}` in an option: readers take it differently",
                        cx.text(span)
                    ),
                )
                .label("vague")
                .help("Say how often or in which case, or state the option without it"),
            );
        }
    }
}
