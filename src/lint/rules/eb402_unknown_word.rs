use std::collections::HashSet;
use std::sync::OnceLock;

use spellbook::Dictionary;

use crate::lint::options::{OptionDefault, RuleOption};
use crate::lint::prose::{prose_spans, prose_words};
use crate::lint::{Finding, LintContext, Rule, RuleMeta, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a word of prose that is neither in an English dictionary
    /// (Hunspell en_US from SCOWL, read with `spellbook`), nor in the
    /// built-in technical vocabulary (`kafka`, `idempotent`, `parquet` ...),
    /// nor in the project's own word list. Known misspellings are
    /// misspelled-word's concern and are not flagged twice.
    ///
    /// It reads what misspelled-word reads and skips what it skips: code,
    /// inline code, URLs, identifiers, `{{parameters}}`, `<placeholders>`,
    /// words in capitals or with digits, and words shorter than three
    /// letters. The dictionary is built into the binary: no network.
    ///
    /// Off by default: course notes are full of product names and jargon
    /// that no dictionary has, so it is a review aid rather than a gate.
    ///
    /// ## Why is this bad?
    /// A typo that no misspelling list knows (`consumre`, `watremark`) still
    /// reads as careless, and in an option it can be a cue.
    ///
    /// ## Example
    /// ```quiz
    /// [x]Each consumre reads the events of one partition in order.
    /// [ ]Events are ordered across the topic.
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// [x]Each consumer reads the events of one partition in order.
    /// [ ]Events are ordered across the topic.
    /// ```
    ///
    /// ## Options
    /// `words`: the project's own words (product names, team jargon),
    /// compared without case. In `exambank.toml`:
    /// `[rules.unknown-word]` / `enabled = true` / `words = ["Lakehouse", "dbt"]`.
    pub(crate) UnknownWord = ("EB402", "unknown-word", Severity::Style, off_by_default)
}

const EN_US_AFF: &str = include_str!("../../../dict/en_US/en_US.aff");
const EN_US_DIC: &str = include_str!("../../../dict/en_US/en_US.dic");
const OPTIONS: &[RuleOption] = &[RuleOption {
    name: "words",
    doc: "The project's own words (product names, team jargon), accepted in any case",
    default: OptionDefault::List,
}];

const TECHNICAL: &str = include_str!("../../../dict/technical-words.txt");

/// The dictionary, built on first use: `None` if it does not parse, and
/// then the rule stays silent rather than fail the run.
fn dictionary() -> Option<&'static Dictionary> {
    static DICTIONARY: OnceLock<Option<Dictionary>> = OnceLock::new();
    DICTIONARY
        .get_or_init(|| Dictionary::new(EN_US_AFF, EN_US_DIC).ok())
        .as_ref()
}

/// The technical vocabulary, lower-cased.
fn technical() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        TECHNICAL
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

impl Rule for UnknownWord {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn options(&self) -> &'static [RuleOption] {
        OPTIONS
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let Some(dictionary) = dictionary() else {
            return;
        };
        let configured = cx.option_list(&Self::META, "words");
        let known = |word: &str| {
            let lower = word.to_lowercase();
            technical().contains(&lower)
                || cx.words.iter().any(|w| w.eq_ignore_ascii_case(word))
                || configured.iter().any(|w| w.eq_ignore_ascii_case(word))
                || dictionary.check(word)
                // A capital opens a sentence: `Partitions` is `partitions`.
                || dictionary.check(&lower)
        };
        for span in prose_spans(cx) {
            for word in prose_words(cx.text(span), span.start) {
                // A known misspelling is misspelled-word's finding.
                if known(word.text)
                    || super::eb401_misspelled_word::corrections(word.text).is_some()
                {
                    continue;
                }
                out.push(
                    Finding::new(
                        &Self::META,
                        word.span,
                        format!("Unknown word `{}`", word.text),
                    )
                    .label("not in the dictionary")
                    .help("Check the spelling, or add the word to the project's word list"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleSettings;
    use crate::pipeline::check_source;
    use crate::source::SourceFile;

    fn unknown(text: &str, words: &[&str]) -> Vec<String> {
        let settings = RuleSettings {
            only: Some(vec!["EB402"]),
            words: words.iter().map(|w| (*w).to_owned()).collect(),
            ..RuleSettings::default()
        };
        let checked = check_source(SourceFile::new("t.md", text), "t", &settings);
        checked
            .findings
            .iter()
            .map(|f| text[f.span.start..f.span.end].to_owned())
            .collect()
    }

    #[test]
    fn project_words_and_the_vocabulary_are_known() {
        let text = "# 1. Intro\n## Bluefin streams\n```\n[x]Kafka consumres are idempotent.\n[ ]Recieve nothing.\n```\n";
        // `Recieve` is a known misspelling: misspelled-word reports it.
        assert_eq!(unknown(text, &[]), ["Bluefin", "consumres"]);
        assert_eq!(unknown(text, &["bluefin"]), ["consumres"]);
    }
}
