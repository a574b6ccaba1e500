use crate::lint::text::{Token, tokens};
use crate::lint::wording::key_and_distractors;
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a single-answer question whose stem is a sentence to complete
    /// and whose grammar only the correct option fits:
    ///
    /// - the stem ends with `a` and only the key starts with a consonant
    ///   sound, or with `an` and only the key starts with a vowel sound;
    /// - the stem ends with `is` or `was` and every distractor is plainly
    ///   plural (it starts with `two`, `both`, `several`, `many` ...), or
    ///   with `are` or `were` and every distractor is plainly singular (it
    ///   starts with `a`, `an` or `one`), while the key is not.
    ///
    /// A first word whose sound the rule cannot tell (a number, a word in
    /// capitals such as `SQL`, code) makes the question undecided: silent.
    ///
    /// ## Why is this bad?
    /// A test-wise learner picks the one option that reads as correct
    /// English after the stem, without knowing the subject (Haladyna,
    /// Downing & Rodriguez, 2002, guideline 28c: avoid grammatical
    /// inconsistencies that cue the correct choice;
    /// NBME item-writing guide: "grammatical cues").
    ///
    /// ## Example
    /// ```quiz
    /// A consumer that reads every partition of a topic is an
    ///
    /// [ ]group coordinator
    /// [x]only member of its group
    /// [ ]broker
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// A consumer that reads every partition of a topic is
    ///
    /// [ ]a group coordinator
    /// [x]the only member of its group
    /// [ ]a broker
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) GrammaticalCue = ("EB119", "grammatical-cue", Severity::Warning)
}

/// What the end of a stem asks the next word to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wants {
    /// `a`: a consonant sound.
    Consonant,
    /// `an`: a vowel sound.
    Vowel,
    Singular,
    Plural,
}

/// Whether `word` starts with a vowel sound; `None` when unsure.
fn vowel_sound(word: &str) -> Option<bool> {
    let letters: Vec<char> = word.chars().collect();
    let first = *letters.first()?;
    if !first.is_alphabetic() {
        return None;
    }
    // `SQL`, `HTTP`: read as letters or as a word, depending on the reader.
    if letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase()) {
        return None;
    }
    let lower = word.to_lowercase();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    if ["hour", "honest", "honor", "honour", "heir"]
        .iter()
        .any(|w| lower.starts_with(w))
    {
        return Some(true);
    }
    if ["uni", "eu", "one", "once", "ewe"]
        .iter()
        .any(|w| lower.starts_with(w))
    {
        return Some(false);
    }
    let chars: Vec<char> = lower.chars().collect();
    // `user`, `utility`, `usual`: a `you` sound; `under`, `unable`, `update` are vowels.
    if chars[0] == 'u' && chars.len() > 2 && !vowel(chars[1]) && chars[1] != 'n' && vowel(chars[2])
    {
        return Some(false);
    }
    Some(vowel(chars[0]))
}

fn stem_wants(last: &Token<'_>) -> Option<Wants> {
    if last.is(&["a"]) {
        Some(Wants::Consonant)
    } else if last.is(&["an"]) {
        Some(Wants::Vowel)
    } else if last.is(&["is", "was"]) {
        Some(Wants::Singular)
    } else if last.is(&["are", "were"]) {
        Some(Wants::Plural)
    } else {
        None
    }
}

/// Whether the option fits what the stem wants: `Some(true)` when it
/// plainly does, `Some(false)` when it plainly does not, `None` when the
/// rule cannot tell.
fn fits(wants: Wants, words: &[Token<'_>]) -> Option<bool> {
    let first = words.first().filter(|t| t.is_word)?;
    let plural = first.is(&[
        "two", "three", "four", "five", "six", "several", "many", "multiple", "both", "all", "few",
        "various",
    ]);
    let singular = first.is(&["a", "an", "one"]);
    match wants {
        Wants::Vowel => vowel_sound(first.text),
        Wants::Consonant => vowel_sound(first.text).map(|v| !v),
        Wants::Singular => (plural || singular).then_some(!plural),
        Wants::Plural => (plural || singular).then_some(!singular),
    }
}

impl Rule for GrammaticalCue {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (exercise, choice) in cx.choices() {
            let (keys, distractors) = key_and_distractors(choice);
            let ([key], false) = (keys.as_slice(), distractors.is_empty()) else {
                continue;
            };
            let Some(span) = cx.prompt_spans(exercise).last().copied() else {
                continue;
            };
            let stem = tokens(cx.text(span), span.start);
            // The stem must end in the word itself: `is a` completes, `is a:` too.
            let Some(last) = stem
                .iter()
                .rev()
                .find(|t| !(t.is_mark(":") || t.is_mark("…") || t.is_mark("_")))
            else {
                continue;
            };
            let Some(wants) = stem_wants(last) else {
                continue;
            };
            let words =
                |o: &crate::parse::ast::OptionLine| tokens(cx.text(o.text_span), o.text_span.start);
            let key_fits = fits(wants, &words(key));
            let distractors_fit: Vec<Option<bool>> =
                distractors.iter().map(|d| fits(wants, &words(d))).collect();
            let cue = match wants {
                // The key must plainly agree; every distractor plainly not.
                Wants::Vowel | Wants::Consonant => {
                    key_fits == Some(true) && distractors_fit.iter().all(|f| *f == Some(false))
                }
                // Number: every distractor plainly disagrees, the key does not.
                Wants::Singular | Wants::Plural => {
                    key_fits != Some(false) && distractors_fit.iter().all(|f| *f == Some(false))
                }
            };
            if !cue {
                continue;
            }
            let what = match wants {
                Wants::Vowel | Wants::Consonant => "the article",
                Wants::Singular | Wants::Plural => "the verb",
            };
            out.push(
                Finding::new(
                    &Self::META,
                    last.span,
                    format!(
                        "Only the correct option agrees with {what} `{}` that ends the stem",
                        last.text
                    ),
                )
                .label("grammatical cue")
                .help("End the stem before the article or verb and let each option carry its own, or make every option agree"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::vowel_sound;

    #[test]
    fn vowel_sounds() {
        for (word, vowel) in [
            ("apple", Some(true)),
            ("hour", Some(true)),
            ("user", Some(false)),
            ("unit", Some(false)),
            ("under", Some(true)),
            ("unordered", Some(true)),
            ("update", Some(true)),
            ("one", Some(false)),
            ("broker", Some(false)),
            ("SQL", None),
            ("3", None),
        ] {
            assert_eq!(vowel_sound(word), vowel, "{word}");
        }
    }
}
