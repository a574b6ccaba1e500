use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::lint::spelling::{Verdict, judge};
use crate::lint::text::match_case;
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a misspelled word in the prose of a file: headings, context
    /// prose, stems, options, explanations, notes, group items, steps,
    /// free-text answers and fences tagged as text (`txt`, `markdown`).
    ///
    /// Three kinds of word are misspelled:
    /// - a known misspelling (`recieve`, `definately`, `seperate`), from the
    ///   list the `typos` spell checker maintains (`typos-dict`);
    /// - a word that no word list has and that looks like a slip on a
    ///   common word (`abtain`, `averge`, `termininology`): one edit from a
    ///   common English word (two for words of eight letters or more,
    ///   keeping the first letter), or a small word run into the next
    ///   (`acoin`), or a word the file writes more often one edit away
    ///   (`Kimmball` where the file has `Kimball`). The word lists are
    ///   SCOWL's English (size 80), cspell's software, data and product
    ///   vocabularies and exambank's own (`dict/`), and the project's
    ///   `words`;
    /// - a real but rare word one slip from a word that books write at
    ///   least a thousand times as often, where the neighbouring words call
    ///   for the common one: books pair the common word with the word
    ///   before or after it, and pair the rare word with neither (`the real
    ///   wold` for `world`). Word frequencies and pairs are Google Books
    ///   Ngram counts (`dict/frequency/`); technical terms, names, words the
    ///   file writes three times or more and words its code uses are left
    ///   alone.
    ///
    /// Otherwise a word that may be a name or a term is left to
    /// `unknown-word`: one capitalised inside a sentence, one written three
    /// times or more in the file, one the file's code uses as a name
    /// (`nunique`), two words run together (`datacheck`), a British
    /// spelling (`optimised`), a prefixed or inflected known word
    /// (`reindexing`, `docstrings`), and words shorter than four letters. A misspelling in an option is not
    /// reported when another option of the question spells the word right:
    /// the spelling is what the question asks about. Prose is read as
    /// English: in an exercise where most words are unknown (one written in
    /// another language), only known misspellings are reported. Code answers,
    /// language-tagged fences, inline code, URLs, identifiers,
    /// `{{parameters}}`, `<placeholders>`, prompt lines (`$ `, `>>> `) and
    /// words in capitals or with digits are never read.
    ///
    /// On a sample of 854 sentences of the real-notes corpus (155 files of
    /// course notes, in `../shared/real-notes/`) with every misspelling
    /// marked by hand, it finds 11 of the 11 misspellings that are no word
    /// and 12 of all 17, in 12 findings there, 12 right. The 5 it misses
    /// are common words in the wrong place (`on` for `an`, `down` for
    /// `dawn`, `one` for `are`, `what` for `wait`), which word frequencies
    /// and pairs cannot tell, and `fro` for `for` in a file that is not
    /// UTF-8 and so is not checked. The sample is in `tests/real-notes/`.
    ///
    /// ## Why is this bad?
    /// A misspelling in an exam item looks careless, and in an option it can
    /// be a cue: learners learn that the sloppy option is the one the author
    /// added in a hurry.
    ///
    /// ## Example
    /// ```quiz
    /// [x]Checkpoints definately belong on durable storage.
    /// [ ]Checkpoints belong in memery.
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// [x]Checkpoints definitely belong on durable storage.
    /// [ ]Checkpoints belong in memory.
    /// ```
    ///
    /// ## Fix
    /// Replaces the word with its correction, in the same case, when there
    /// is exactly one. The correction changes text that learners read, so
    /// `check --fix` applies it only with `--unsafe-fixes`;
    /// `check --diff --unsafe-fixes` shows it first.
    ///
    /// ## Options
    /// `words`: the project's own words (product names, team jargon),
    /// compared without case; the words of `unknown-word` count too. In
    /// `exambank.toml`: `[rules.misspelled-word]` / `words = ["Lakehouse", "dbt"]`.
    ///
    /// ## Precision
    /// On the real-notes corpus: 53 findings judged, 50 right (94 %).
    pub(crate) MisspelledWord = ("EB401", "misspelled-word", Severity::Warning, fixable, unsafe_fix),
    options = ProjectWords
}

/// `[rules.misspelled-word]` and `[rules.unknown-word]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ProjectWords {
    /// The project's own words (product names, team jargon), accepted in any case.
    pub words: Vec<String>,
}

/// The project's own words, in lower case: those the test hook sets and
/// the `words` of both spelling rules.
pub(crate) fn project_words(cx: &LintContext<'_>) -> HashSet<String> {
    let unknown = super::eb402_unknown_word::UnknownWord::options(cx);
    cx.words
        .iter()
        .chain(&MisspelledWord::options(cx).words)
        .chain(&unknown.words)
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect()
}

impl Rule for MisspelledWord {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for judged in judge(cx, &project_words(cx)) {
            let word = judged.word;
            let (fixes, known, label) = match judged.verdict {
                Verdict::Misspelling(fixes) => (fixes, true, "misspelled"),
                Verdict::LikelyTypo(fixes) => (fixes, false, "not in the dictionary"),
                Verdict::Slip(fixes) => (fixes, true, "a rare word where a common one fits"),
                Verdict::Unknown => continue,
            };
            let fixes: Vec<String> = fixes.iter().map(|f| match_case(f, word.text)).collect();
            let mut finding = Finding::new(
                &Self::META,
                word.span,
                format!("Misspelled word `{}`", word.text),
            )
            .label(label);
            let advice = match fixes.as_slice() {
                [] => "Check the spelling of this word".to_owned(),
                [only] => format!("Write `{only}`"),
                many => format!(
                    "Write one of {}",
                    many.iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let advice = if known {
                advice
            } else {
                format!("{advice}, or add the word to the project's word list")
            };
            if let [only] = fixes.as_slice() {
                finding = finding.unsafe_fix(word.span, only.clone(), format!("Write `{only}`"));
            }
            out.push(finding.help(advice));
        }
    }
}

#[cfg(test)]
mod tests {
    fn misspelled(text: &str) -> Vec<String> {
        crate::lint::spelling::flagged("EB401", text, &[])
    }

    #[test]
    fn slips_are_found_and_names_and_terms_are_not() {
        let text = "# 1. Intro\n## Streams\n```\nEach consumre reads in order; Bluefin agrees.\n[x]Workers abtain a lease from the brokre.\n[ ]Nothing happens.\n```\n";
        assert_eq!(misspelled(text), ["consumre", "abtain", "brokre"]);
        // Three times in a file: a term of the file, not a slip.
        let text = "# 1. Intro\n## Streams\n```\nThe brokre and the brokre.\n[x]A brokre.\n[ ]None.\n```\n";
        assert_eq!(misspelled(text), Vec::<String>::new());
    }

    #[test]
    fn a_rare_word_where_its_neighbours_call_for_a_common_one_is_a_slip() {
        let text = "# 1. Intro\n## Streams\nJobs run in the real wold.\n```\n[x]The real wold of streams.\n[ ]None.\n```\n";
        assert_eq!(misspelled(text), ["wold", "wold"]);
        // Alone, or beside words books pair it with, the rare word is meant;
        // so is a word of the file's code, a name, or a word in capitals.
        for prose in [
            "Wold.",
            "A wold is open country.",
            "The Real Wold Tour.",
            "Met Wold there.",
            "The real WOLD.",
        ] {
            let text = format!("# 1. Intro\n## Streams\n{prose}\n");
            assert_eq!(misspelled(&text), Vec::<String>::new(), "{prose}");
        }
        let text = "# 1. Intro\n## Streams\nThe real wold.\n```python\nwold = 1\n```\n";
        assert_eq!(misspelled(text), Vec::<String>::new());
    }

    #[test]
    fn a_name_spelled_otherwise_elsewhere_in_the_file_is_a_slip() {
        let text = "# 1. Intro\n## Models\nDesigned by Ralph Zorvald, the Zorvald method.\n```\n[x]The Zorrvald method.\n[ ]The Quorvath method.\n```\n";
        assert_eq!(misspelled(text), ["Zorrvald"]);
    }

    #[test]
    fn an_exercise_in_another_language_has_no_slips() {
        let text = "# 1. Intro\n## Fenster\n```\nWelche Fenster sind gleitend?\n[x]Gleitende\n[ ]Feste\n```\n";
        assert_eq!(misspelled(text), Vec::<String>::new());
    }

    #[test]
    fn the_misspelling_a_question_asks_about_is_not_reported() {
        let text = "# 1. Intro\n## Spelling\n```\nWhich is spelled right?\n[x]receive\n[ ]recieve\n[ ]receeve\n```\n";
        assert_eq!(misspelled(text), Vec::<String>::new());
    }

    #[test]
    fn words_the_files_code_names_are_not_reported() {
        let text =
            "# 1. Intro\n## Counting\nCall stremer on the frame.\n```python\ndf.stremer()\n```\n";
        assert_eq!(misspelled(text), Vec::<String>::new());
        let text =
            "# 1. Intro\n## Counting\nCall stremer on the frame.\n```python\ndf.count()\n```\n";
        assert_eq!(misspelled(text), ["stremer"]);
    }
}
