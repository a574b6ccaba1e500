use std::collections::BTreeSet;

use crate::lint::bank::{BankState, FileSummary, GiveawayPrints, HashKeyed, WordPrint, word_hash};
use crate::lint::text::tokens;
use crate::lint::{Finding, LintContext, Rule, RuleMeta, Severity, declare_rule};
use crate::parse::ast::AnswerBody;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a quiz item whose stem holds, word for word, the key of another
    /// item (a correct option of five words or more) or a sentence of its
    /// explanation (an option's explanation or its `NOTE:`, six words or
    /// more), in the same file or in any file of the run. Case and
    /// punctuation aside, the words must follow each other as in the key.
    /// A text that also stands in its own item's stem is shared context,
    /// not a giveaway, and is left alone.
    ///
    /// The finding sits on the later of the two in the run: on the stem
    /// when the stem comes later, else on the key or explanation; the other
    /// place is given as related. Stems of quiz items count (choice, group,
    /// order and free-text questions); the task text of coding exercises
    /// does not.
    ///
    /// Each file yields the word hashes of its stems, keys and
    /// explanations while it is checked; the pass over the run looks texts
    /// up through an index of four-word runs, never comparing all pairs.
    ///
    /// ## Why is this bad?
    /// Items must be independent: one item must not answer another
    /// (Haladyna, Downing & Rodriguez, 2002, guideline 8; the NBME guide
    /// on cueing between items). A learner who meets both in one exam
    /// reads the answer to one in the question of the other.
    ///
    /// ## Example
    /// ````md
    /// # 1. Streams
    /// ## Late events
    /// ```
    /// What happens to an event that arrives after its window closed?
    ///
    /// [x]Dropped unless the window allows lateness
    /// [ ]It opens a new window of its own
    /// [ ]It replaces the last result of the window
    /// ```
    /// ## Allowed lateness
    /// ```
    /// A late event is dropped unless the window allows lateness. Which setting controls how late it may be?
    ///
    /// [x]The allowed lateness of the window
    /// [ ]The size of the window
    /// [ ]The watermark interval
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Streams
    /// ## Late events
    /// ```
    /// What happens to an event that arrives after its window closed?
    ///
    /// [x]Dropped unless the window allows lateness
    /// [ ]It opens a new window of its own
    /// [ ]It replaces the last result of the window
    /// ```
    /// ## Allowed lateness
    /// ```
    /// Which setting controls how late an event may arrive and still count?
    ///
    /// [x]The allowed lateness of the window
    /// [ ]The size of the window
    /// [ ]The watermark interval
    /// ```
    /// ````
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) ItemGivesAwayAnother = ("EB132", "item-gives-away-another", Severity::Warning)
}

/// Fewest words of a key that can give it away; shorter ones ("All of the
/// above", "It is dropped") recur in unrelated stems.
const KEY_WORDS: usize = 5;
/// Fewest words of an explanation sentence that can give it away.
const EXPLANATION_WORDS: usize = 6;
/// The length of the runs of words the index is built on.
const GRAM: usize = 4;

impl Rule for ItemGivesAwayAnother {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &LintContext<'_>, _out: &mut Vec<Finding>) {
        // Judged over the whole run by its bank state, files and pairs alike.
    }

    fn checks_bank(&self) -> bool {
        true
    }

    fn bank_state(&self) -> Option<Box<dyn BankState>> {
        Some(Box::new(Giveaways::default()))
    }
}

/// The words of `text` (at file offset `base`), with their spans.
fn words(text: &str, base: usize) -> (Vec<u64>, Vec<Span>) {
    tokens(text, base)
        .into_iter()
        .filter(|t| t.is_word)
        .map(|t| (word_hash(t.text), t.span))
        .unzip()
}

/// The stems, keys and explanations of a file's quiz items, as words.
pub(crate) fn giveaway_prints(cx: &LintContext<'_>) -> GiveawayPrints {
    let mut prints = GiveawayPrints::default();
    for (e, exercise) in cx.exercises().enumerate() {
        let Some(answer) = &exercise.answer else {
            continue;
        };
        if matches!(answer.body, AnswerBody::Code(_) | AnswerBody::Empty) {
            continue;
        }
        let line = cx
            .index
            .line_col(&cx.file.text, exercise.heading.start)
            .line;
        let print = |(words, spans): (Vec<u64>, Vec<Span>), explanation| WordPrint {
            exercise: e,
            title: exercise.title.clone(),
            line,
            words,
            spans,
            explanation,
        };
        let mut stem = (Vec::new(), Vec::new());
        for span in cx.prompt_spans(exercise) {
            let (w, s) = words(cx.text(span), span.start);
            stem.0.extend(w);
            stem.1.extend(s);
        }
        if stem.0.len() >= GRAM {
            prints.stems.push(print(stem, false));
        }
        let mut explanations: Vec<Span> = answer
            .note()
            .map(|n| Span::new(n.keyword_span.end.max(n.span.start), n.span.end))
            .into_iter()
            .collect();
        if let AnswerBody::Choice(choice) = &answer.body {
            for option in &choice.options {
                explanations.extend(option.explanation.as_ref().map(|x| x.span));
                if !option.checkbox.kind.is_checked() {
                    continue;
                }
                let key = words(cx.text(option.text_span), option.text_span.start);
                if key.0.len() >= KEY_WORDS {
                    prints.answers.push(print(key, false));
                }
            }
        }
        for span in explanations {
            for sentence in sentences(cx.text(span), span.start) {
                if sentence.0.len() >= EXPLANATION_WORDS {
                    prints.answers.push(print(sentence, true));
                }
            }
        }
    }
    prints
}

/// The sentences of an explanation, as words: split after `.`, `!` or `?`
/// followed by a space or the end.
fn sentences(text: &str, base: usize) -> Vec<(Vec<u64>, Vec<Span>)> {
    let mut out = Vec::new();
    let mut from = 0;
    let bytes = text.as_bytes();
    for (at, c) in text.char_indices() {
        let ends = matches!(c, '.' | '!' | '?')
            && bytes.get(at + 1).is_none_or(|b| b.is_ascii_whitespace());
        if ends {
            out.push(words(&text[from..at], base + from));
            from = at + 1;
        }
    }
    out.push(words(&text[from..], base + from));
    out
}

/// A text by file index and position in that file's list.
type At = (u32, u32);

fn at(file: usize, k: usize) -> At {
    let half = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    (half(file), half(k))
}

/// A run of words as one hash.
fn gram(words: &[u64]) -> u64 {
    words.iter().fold(0xcbf2_9ce4_8422_2325, |h, &w| {
        (h ^ w).wrapping_mul(0x0100_0000_01b3).rotate_left(29)
    })
}

/// Whether `needle` stands in `hay` from word `start`.
fn stands_at(hay: &[u64], start: usize, needle: &[u64]) -> bool {
    hay.get(start..start + needle.len()) == Some(needle)
}

/// Where `needle` stands in `hay`, if it does.
fn find(hay: &[u64], needle: &[u64]) -> Option<usize> {
    (0..=hay.len().checked_sub(needle.len())?).find(|&k| stands_at(hay, k, needle))
}

/// The run so far: every stem's four-word runs, and every key's first.
#[derive(Default)]
struct Giveaways {
    /// Run of words -> the stems holding it, with the position.
    grams: HashKeyed<Vec<(At, u32)>>,
    /// First run of words of a key or explanation -> those texts.
    starts: HashKeyed<Vec<At>>,
}

/// A stem that holds another item's key or explanation.
struct Hit {
    stem: At,
    /// The first word of the key in the stem.
    from: usize,
    answer: At,
}

impl Giveaways {
    fn insert(&mut self, f: usize, prints: &GiveawayPrints) {
        for (k, stem) in prints.stems.iter().enumerate() {
            for (pos, run) in stem.words.windows(GRAM).enumerate() {
                let pos = u32::try_from(pos).unwrap_or(u32::MAX);
                self.grams
                    .entry(gram(run))
                    .or_default()
                    .push((at(f, k), pos));
            }
        }
        for (k, answer) in prints.answers.iter().enumerate() {
            self.starts
                .entry(gram(&answer.words[..GRAM]))
                .or_default()
                .push(at(f, k));
        }
    }

    /// The stems that hold the answer at `a`: found through its rarest run.
    fn stems_holding(&self, files: &[FileSummary], a: At, hits: &mut Vec<Hit>) {
        let answer = answer(files, a);
        let Some((offset, list)) = answer
            .words
            .windows(GRAM)
            .enumerate()
            .filter_map(|(j, run)| Some((j, self.grams.get(&gram(run))?)))
            .min_by_key(|(_, list)| list.len())
        else {
            return;
        };
        for &(s, pos) in list {
            let Some(from) = (pos as usize).checked_sub(offset) else {
                continue;
            };
            if stands_at(&stem(files, s).words, from, &answer.words) {
                hits.push(Hit {
                    stem: s,
                    from,
                    answer: a,
                });
            }
        }
    }
}

fn stem(files: &[FileSummary], s: At) -> &WordPrint {
    &files[s.0 as usize].giveaway.stems[s.1 as usize]
}

fn answer(files: &[FileSummary], a: At) -> &WordPrint {
    &files[a.0 as usize].giveaway.answers[a.1 as usize]
}

impl BankState for Giveaways {
    fn add(&mut self, files: &[FileSummary], out: &mut Vec<Finding>) {
        let Some(f) = files.len().checked_sub(1) else {
            return;
        };
        let prints = &files[f].giveaway;
        self.insert(f, prints);
        let mut hits = Vec::new();
        // This file's keys in any stem so far, this file's included.
        for k in 0..prints.answers.len() {
            self.stems_holding(files, at(f, k), &mut hits);
        }
        // Earlier files' keys in this file's stems.
        for (k, s) in prints.stems.iter().enumerate() {
            for (from, run) in s.words.windows(GRAM).enumerate() {
                for &a in self.starts.get(&gram(run)).into_iter().flatten() {
                    if (a.0 as usize) < f && stands_at(&s.words, from, &answer(files, a).words) {
                        hits.push(Hit {
                            stem: at(f, k),
                            from,
                            answer: a,
                        });
                    }
                }
            }
        }
        // One finding per place: a stem that gives away a key repeated in
        // many items is one problem, as is a key that many stems state.
        let mut seen = BTreeSet::new();
        for hit in hits {
            let (s, a) = (stem(files, hit.stem), answer(files, hit.answer));
            let same_item = hit.stem.0 == hit.answer.0 && s.exercise == a.exercise;
            if same_item || own_stem_holds(files, hit.answer) {
                continue;
            }
            let on_stem = on_stem(f, &hit, s, a);
            let place = if on_stem {
                (hit.stem, hit.from, s.exercise)
            } else {
                (hit.answer, 0, a.exercise)
            };
            if seen.insert((on_stem, place.2, place.0, place.1)) {
                out.push(report(files, f, &hit, on_stem));
            }
        }
    }
}

/// Whether the answer's own item has it in its stem too: shared context.
fn own_stem_holds(files: &[FileSummary], a: At) -> bool {
    let answer = answer(files, a);
    files[a.0 as usize]
        .giveaway
        .stems
        .iter()
        .filter(|s| s.exercise == answer.exercise)
        .any(|s| find(&s.words, &answer.words).is_some())
}

/// Whether the finding sits on the stem: the later of the two places in
/// the run, and only the last file (`f`) gets findings.
fn on_stem(f: usize, hit: &Hit, s: &WordPrint, a: &WordPrint) -> bool {
    hit.stem.0 as usize == f && (hit.answer.0 as usize) < f
        || hit.stem.0 == hit.answer.0 && s.exercise > a.exercise
}

fn report(files: &[FileSummary], f: usize, hit: &Hit, on_stem: bool) -> Finding {
    let (s, a) = (stem(files, hit.stem), answer(files, hit.answer));
    let place = |file: u32, line: usize| {
        if file as usize == f {
            format!("line {line}")
        } else {
            format!("{}:{line}", files[file as usize].path)
        }
    };
    let what = if a.explanation {
        "an explanation"
    } else {
        "the key"
    };
    let in_stem = s.spans[hit.from].cover(s.spans[hit.from + a.words.len() - 1]);
    let answer_span = a.spans[0].cover(a.spans[a.spans.len() - 1]);
    let help = "Rewrite the stem so that it does not state the other item's answer, or keep the two items out of one exam";
    if on_stem {
        Finding::new(
            &ItemGivesAwayAnother::META,
            in_stem,
            format!(
                "The stem of `{}` gives away {what} of `{}` ({})",
                s.title,
                a.title,
                place(hit.answer.0, a.line)
            ),
        )
        .label(format!("{what} of another item"))
        .related(
            files[hit.answer.0 as usize].path.clone(),
            answer_span,
            format!("{what} given away"),
        )
        .help(help)
    } else {
        Finding::new(
            &ItemGivesAwayAnother::META,
            answer_span,
            format!(
                "{} of `{}` stands in the stem of `{}` ({}), which gives it away",
                capitalized(what),
                a.title,
                s.title,
                place(hit.stem.0, s.line)
            ),
        )
        .label(format!("{what}, given away elsewhere"))
        .related(
            files[hit.stem.0 as usize].path.clone(),
            in_stem,
            "the stem that gives it away",
        )
        .help(help)
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explanations_split_into_sentences() {
        let s = sentences("One two three. Four five six! Call df.count() now", 0);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].0.len(), 3);
        assert_eq!(s[2].0.len(), 4);
    }

    #[test]
    fn words_are_found_in_order() {
        let (hay, _) = words("So, the job drops late events; then what?", 0);
        let (needle, _) = words("The job DROPS late events.", 0);
        assert_eq!(find(&hay, &needle), Some(1));
        let (other, _) = words("The job drops events late", 0);
        assert_eq!(find(&hay, &other), None);
    }
}
