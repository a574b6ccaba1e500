use unicase::UniCase;

use crate::lint::prose::{prose_spans, prose_words};
use crate::lint::text::match_case;
use crate::lint::{Finding, LintContext, Rule, RuleMeta, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a known misspelling (`recieve`, `definately`, `seperate`) in
    /// the prose of a file: headings, context prose, stems, options,
    /// explanations, notes, group items, steps and free-text answers.
    ///
    /// The list is the one the `typos` spell checker maintains
    /// (`typos-dict`): only words that are almost never right, so a hit is
    /// almost never a false alarm. It is built into the binary and needs no
    /// network. Code answers, language-tagged fences, inline code, URLs,
    /// identifiers (`snake_case`, `camelCase`, `dotted.names`),
    /// `{{parameters}}` and `<placeholders>` are not read, nor are words in
    /// capitals, words with digits and words shorter than three letters.
    ///
    /// ## Why is this bad?
    /// A misspelling in an exam item looks careless, and in an option it can
    /// be a cue: learners learn that the sloppy option is the one the author
    /// added in a hurry.
    ///
    /// ## Example
    /// ```quiz
    /// [x]Checkpoints definately belong on durable storage.
    /// [ ]Checkpoints belong in memory.
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// [x]Checkpoints definitely belong on durable storage.
    /// [ ]Checkpoints belong in memory.
    /// ```
    ///
    /// ## Fix
    /// Replaces the word with its correction, in the same case, when the
    /// list knows exactly one. The correction changes text that learners
    /// read, so `check --fix` applies it only with `--unsafe-fixes`;
    /// `check --diff --unsafe-fixes` shows it first.
    pub(crate) MisspelledWord = ("EB401", "misspelled-word", Severity::Warning, fixable, unsafe_fix)
}

/// The corrections of `word` when it is a known misspelling (possibly none).
pub(crate) fn corrections(word: &str) -> Option<&'static [&'static str]> {
    typos_dict::WORD.find(&UniCase::new(word)).copied()
}

impl Rule for MisspelledWord {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for span in prose_spans(cx) {
            for word in prose_words(cx.text(span), span.start) {
                let Some(fixes) = corrections(word.text) else {
                    continue;
                };
                let fixes: Vec<String> = fixes.iter().map(|f| match_case(f, word.text)).collect();
                let mut finding = Finding::new(
                    &Self::META,
                    word.span,
                    format!("Misspelled word `{}`", word.text),
                )
                .label("misspelled");
                finding = match fixes.as_slice() {
                    [] => finding.help("Check the spelling of this word"),
                    [only] => finding.help(format!("Write `{only}`")).unsafe_fix(
                        word.span,
                        only.clone(),
                        format!("Write `{only}`"),
                    ),
                    many => finding.help(format!(
                        "Write one of {}",
                        many.iter()
                            .map(|f| format!("`{f}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                };
                out.push(finding);
            }
        }
    }
}
