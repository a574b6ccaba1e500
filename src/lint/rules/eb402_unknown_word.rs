use super::eb401_misspelled_word::ProjectWords;
use crate::lint::spelling::{Verdict, judge};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a word of prose that no word list has and that
    /// `misspelled-word` does not report as a misspelling: a name, a term
    /// or a slip that does not look like one. The lists are SCOWL's
    /// English (size 80), cspell's software, data and product vocabularies
    /// and exambank's own (`dict/`), and the project's `words`. A word the
    /// file's code uses as a name, a British spelling, and a prefixed or
    /// inflected known word are known too.
    ///
    /// It reads what misspelled-word reads and skips what it skips: code,
    /// inline code, URLs, identifiers, `{{parameters}}`, `<placeholders>`,
    /// prompt lines, words in capitals or with digits, and words shorter
    /// than three letters. The word lists are built into the binary: no
    /// network.
    ///
    /// Off by default: course notes are full of product names and jargon
    /// that no dictionary has, so it is a review aid (what to add to the
    /// word list) rather than a gate. On the real-notes corpus (155 files
    /// of course notes), enabled: 45 findings, all judged, 1 right: the
    /// others are names, terms and file extensions that belong in a word
    /// list. The judgements are in `tests/real-notes/`.
    ///
    /// ## Why is this bad?
    /// A misspelled name or term (`Kafak`, `kubetcl`) reads as careless as
    /// any typo, and in an option it can be a cue; a correct one belongs in
    /// the project's word list, where it stops being reported.
    ///
    /// ## Example
    /// ```quiz
    /// [x]Each Kafak consumer reads the events of one partition in order.
    /// [ ]Events are ordered across the topic.
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// [x]Each Kafka consumer reads the events of one partition in order.
    /// [ ]Events are ordered across the topic.
    /// ```
    ///
    /// ## Options
    /// `words`: the project's own words (product names, team jargon),
    /// compared without case; the words of `misspelled-word` count too. In
    /// `exambank.toml`:
    /// `[rules.unknown-word]` / `enabled = true` / `words = ["Lakehouse", "dbt"]`.
    ///
    /// ## Precision
    /// On the real-notes corpus: 45 findings judged, 1 right (2 %).
    /// Measured with the rule enabled: it is off by default.
    pub(crate) UnknownWord = ("EB402", "unknown-word", Severity::Style, off_by_default),
    options = ProjectWords
}

impl Rule for UnknownWord {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let project = super::eb401_misspelled_word::project_words(cx);
        for judged in judge(cx, &project) {
            if judged.verdict != Verdict::Unknown {
                continue;
            }
            out.push(
                Finding::new(
                    &Self::META,
                    judged.word.span,
                    format!("Unknown word `{}`", judged.word.text),
                )
                .label("not in the dictionary")
                .help("Check the spelling, or add the word to the project's word list"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    fn unknown(text: &str, words: &[&str]) -> Vec<String> {
        crate::lint::spelling::flagged("EB402", text, words)
    }

    #[test]
    fn project_words_and_the_vocabulary_are_known() {
        let text = "# 1. Intro\n## Zorblax streams\n```\n[x]Kafka consmuers are idempotent, says Quorvath.\n[ ]Recieve nothing.\n```\n";
        // `Recieve` and `consmuers` look like slips: misspelled-word's.
        assert_eq!(unknown(text, &[]), ["Zorblax", "Quorvath"]);
        assert_eq!(unknown(text, &["zorblax"]), ["Quorvath"]);
    }
}
