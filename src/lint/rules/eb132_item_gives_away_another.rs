use std::collections::BTreeSet;

use crate::lint::bank::{
    BankState, FileSummary, GiveawayPrints, HashSeen, Postings, WordPrint, saturated, word_hash,
};
use crate::lint::text::{Token, Tokens};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::parse::ast::AnswerBody;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a quiz item whose stem gives away the key or the explanation of
    /// another item.
    ///
    /// It reports a quiz item whose stem holds, word for word, the key of
    /// another item (a correct option of five words or more) or a sentence of
    /// its explanation (an option's explanation or its `NOTE:`, six words or
    /// more), in the same file or in any file of the run. Case and punctuation
    /// aside, the words must follow each other as in the key. A text that also
    /// stands in its own item's stem is shared context, not a giveaway, and is
    /// left alone.
    ///
    /// The finding sits on the later of the two in the run: on the stem
    /// when the stem comes later, else on the key or explanation; the other
    /// place is given as related. Stems of quiz items count (choice, group,
    /// order and free-text questions); the task text of coding exercises
    /// does not.
    ///
    /// Each file yields the word hashes of its stems, keys and
    /// explanations while it is checked; the pass over the run keeps each
    /// distinct text once and looks texts up through an index of four-word
    /// runs, never comparing all pairs. A run shared by more than 64 stems
    /// ("which of the following is") is too common to find a text by.
    ///
    /// ## Why is this bad?
    /// Items must be independent: one item must not answer another
    /// (Haladyna, Downing & Rodriguez, 2002: keep the content of each item
    /// independent from the content of other items on the test; the NBME
    /// guide on cueing between items). A learner who meets both in one exam
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

/// The words of the texts being read, hashed, before each text that is
/// kept is copied out at its size: one buffer for all of a file's texts.
#[derive(Default)]
struct Scratch {
    words: Vec<u32>,
    spans: Vec<Span>,
}

impl Scratch {
    /// Adds the words among `tokens`.
    fn extend<'t>(&mut self, tokens: impl IntoIterator<Item = Token<'t>>) {
        for token in tokens {
            if token.is_word {
                self.words.push(word_hash(token.text));
                self.spans.push(token.span);
            }
        }
    }

    /// The words so far as a print of `exercise` when there are `min` or
    /// more, sized to fit; the scratch is empty after.
    fn take(&mut self, exercise: usize, explanation: bool, min: usize) -> Option<WordPrint> {
        let print = (self.words.len() >= min).then(|| WordPrint {
            exercise,
            words: self.words.clone(),
            spans: self.spans.clone(),
            explanation,
        });
        self.words.clear();
        self.spans.clear();
        print
    }

    /// Adds the sentences of an explanation (at file offset `base`) of
    /// `min` words or more to `out`: split after `.`, `!` or `?` followed
    /// by an ASCII space or the end. Such a mark is a token of its own, so
    /// the words of one pass over the text fall into the same sentences as
    /// the words of each sentence would.
    fn sentences(
        &mut self,
        text: &str,
        base: usize,
        exercise: usize,
        min: usize,
        out: &mut Vec<WordPrint>,
    ) {
        let bytes = text.as_bytes();
        for token in Tokens::new(text, base) {
            if token.is_word {
                self.words.push(word_hash(token.text));
                self.spans.push(token.span);
                continue;
            }
            let end = token.span.end - base;
            if matches!(token.text, "." | "!" | "?")
                && bytes.get(end).is_none_or(u8::is_ascii_whitespace)
            {
                out.extend(self.take(exercise, true, min));
            }
        }
        out.extend(self.take(exercise, true, min));
    }
}

/// The stems, keys and explanations of a file's quiz items, as words.
pub(crate) fn giveaway_prints(cx: &LintContext<'_>) -> GiveawayPrints {
    let mut prints = GiveawayPrints::default();
    let mut scratch = Scratch::default();
    for (e, exercise) in cx.exercises().enumerate() {
        let Some(answer) = &exercise.answer else {
            continue;
        };
        if matches!(answer.body, AnswerBody::Code(_) | AnswerBody::Empty) {
            continue;
        }
        if matches!(answer.body, AnswerBody::Choice(_)) {
            // A choice question's prompt is tokenized once for all rules.
            scratch.extend(cx.prompt_tokens(exercise).iter().copied());
        } else {
            for span in cx.prompt_spans(exercise) {
                scratch.extend(Tokens::new(cx.text(span), span.start));
            }
        }
        prints.stems.extend(scratch.take(e, false, GRAM));
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
                let span = option.text_span;
                scratch.extend(Tokens::new(cx.text(span), span.start));
                prints.answers.extend(scratch.take(e, false, KEY_WORDS));
            }
        }
        for span in explanations {
            scratch.sentences(
                cx.text(span),
                span.start,
                e,
                EXPLANATION_WORDS,
                &mut prints.answers,
            );
        }
    }
    prints
}

/// A run of words as one hash.
fn gram(words: &[u32]) -> u64 {
    words.iter().fold(0xcbf2_9ce4_8422_2325, |h, &w| {
        (h ^ u64::from(w))
            .wrapping_mul(0x0100_0000_01b3)
            .rotate_left(29)
    })
}

/// One bit for each word of a text, by its hash: a text with a bit that
/// another lacks has a word the other lacks, so it cannot stand in it.
fn word_bits(words: &[u32]) -> u64 {
    words.iter().fold(0, |bits, &w| bits | 1 << (w % 64))
}

/// Whether `needle` stands in `hay` from word `start`.
fn stands_at(hay: &[u32], start: usize, needle: &[u32]) -> bool {
    hay.get(start..start + needle.len()) == Some(needle)
}

/// Where `needle` stands in `hay`, if it does.
fn find(hay: &[u32], needle: &[u32]) -> Option<usize> {
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    let last = hay.len().checked_sub(needle.len())?;
    // The first word rules out most places before a whole comparison.
    (0..=last).find(|&k| hay[k] == first && hay[k + 1..k + needle.len()] == *rest)
}

/// A run of words shared by more texts than this says nothing about one of
/// them ("which of the following is"); it is left out of the index.
const MAX_POSTINGS: usize = 64;

/// A stem, key or explanation of an earlier file, kept once however many
/// items repeat it: only what a later finding needs, its spans as offsets
/// from its first word.
struct Kept {
    file: u32,
    exercise: u32,
    words: Box<[u32]>,
    /// For a stem, the span of each word (a finding points at the words
    /// that give the key away), packed by [`pack_spans`]; empty for a key
    /// or an explanation, which a finding shows whole.
    spans: Box<[u8]>,
    /// The file offset of the first word.
    start: usize,
    /// The end of the last word, from `start`.
    end: u32,
    explanation: bool,
}

impl Kept {
    fn new(file: usize, print: WordPrint, stem: bool) -> Self {
        let whole = match (print.spans.first(), print.spans.last()) {
            (Some(first), Some(last)) => first.cover(*last),
            _ => Span::default(),
        };
        let relative = |at: usize| saturated(at - whole.start);
        let spans = if stem {
            pack_spans(whole.start, &print.spans)
        } else {
            Box::default()
        };
        Self {
            file: saturated(file),
            exercise: saturated(print.exercise),
            words: print.words.into_boxed_slice(),
            spans,
            start: whole.start,
            end: relative(whole.end),
            explanation: print.explanation,
        }
    }

    fn side(&self) -> Side<'_> {
        Side {
            file: self.file as usize,
            exercise: self.exercise as usize,
            words: &self.words,
            explanation: self.explanation,
            spans: if self.spans.is_empty() {
                Spans::Whole(Span::new(self.start, self.start + self.end as usize))
            } else {
                Spans::Kept(self.start, &self.spans)
            },
        }
    }
}

/// What the run so far holds: its distinct stems, indexed by their runs of
/// four words, and its distinct keys and explanations, by their first run.
#[derive(Default)]
struct Giveaways {
    stems: Vec<Kept>,
    /// The hashes of the stems' words.
    stem_ids: HashSeen,
    /// Run of four words -> the stems holding it, with the position.
    grams: Postings<(u32, u32)>,
    answers: Vec<Kept>,
    answer_ids: HashSeen,
    /// First run of four words -> the keys and explanations opening with it.
    starts: Postings<u32>,
}

/// One side of a hit: a text of the file being added, or a kept one.
#[derive(Clone, Copy)]
struct Side<'a> {
    file: usize,
    exercise: usize,
    words: &'a [u32],
    explanation: bool,
    spans: Spans<'a>,
}

/// Where the words of a text are.
#[derive(Clone, Copy)]
enum Spans<'a> {
    /// A text of the file being added: each word's span.
    Here(&'a [Span]),
    /// A kept stem: the file offset of its first word, and its words'
    /// spans packed by [`pack_spans`].
    Kept(usize, &'a [u8]),
    /// A kept key or explanation, which is only shown whole.
    Whole(Span),
}

impl<'a> Side<'a> {
    fn here(file: usize, print: &'a WordPrint) -> Self {
        Self {
            file,
            exercise: print.exercise,
            words: &print.words,
            explanation: print.explanation,
            spans: Spans::Here(&print.spans),
        }
    }

    /// The span of words `from` to `last`, both included.
    fn cover(&self, from: usize, last: usize) -> Span {
        match self.spans {
            Spans::Here(spans) => spans[from].cover(spans[last]),
            Spans::Kept(start, packed) => {
                let mut words = unpack_spans(start, packed);
                let first = words.nth(from).unwrap_or_default();
                let last = match last.checked_sub(from + 1) {
                    Some(n) => words.nth(n).unwrap_or(first),
                    None => first,
                };
                first.cover(last)
            }
            Spans::Whole(whole) => whole,
        }
    }

    /// The span of the whole text.
    fn whole(&self) -> Span {
        self.cover(0, self.words.len() - 1)
    }

    /// Where the first word starts.
    fn start(&self) -> Option<usize> {
        match self.spans {
            Spans::Here(spans) => spans.first().map(|s| s.start),
            Spans::Kept(start, _) => Some(start),
            Spans::Whole(whole) => Some(whole.start),
        }
    }
}

/// The spans of a text's words as bytes: for each word, the gap from the
/// end of the one before (from `start` for the first) and its length, each
/// a LEB128 number, the gap zigzag-coded. Most take two bytes, against 16
/// for a [`Span`].
fn pack_spans(start: usize, spans: &[Span]) -> Box<[u8]> {
    let mut out = Vec::with_capacity(spans.len() * 2);
    let mut end = start as u64;
    for span in spans {
        let (from, to) = (span.start as u64, span.end as u64);
        let gap = if from >= end {
            (from - end) << 1
        } else {
            ((end - from) << 1) - 1
        };
        push_leb128(&mut out, gap);
        push_leb128(&mut out, to.wrapping_sub(from));
        end = to;
    }
    out.into_boxed_slice()
}

fn push_leb128(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The spans that [`pack_spans`] packed, in order.
fn unpack_spans(start: usize, packed: &[u8]) -> UnpackedSpans<'_> {
    UnpackedSpans {
        packed,
        end: start as u64,
    }
}

struct UnpackedSpans<'a> {
    packed: &'a [u8],
    /// The end of the last span read.
    end: u64,
}

impl UnpackedSpans<'_> {
    fn number(&mut self) -> Option<u64> {
        let (mut n, mut shift) = (0u64, 0);
        loop {
            let (&byte, rest) = self.packed.split_first()?;
            self.packed = rest;
            n |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(n);
            }
            shift += 7;
        }
    }
}

impl Iterator for UnpackedSpans<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let gap = self.number()?;
        let len = self.number()?;
        let from = if gap & 1 == 0 {
            self.end + (gap >> 1)
        } else {
            self.end - ((gap + 1) >> 1)
        };
        self.end = from.wrapping_add(len);
        Some(Span::new(from as usize, self.end as usize))
    }
}

/// A stem that holds another item's key or explanation.
struct Hit<'a> {
    stem: Side<'a>,
    /// The first word of the key in the stem.
    from: usize,
    answer: Side<'a>,
}

impl Giveaways {
    /// Keeps the file's texts that the run has not seen yet.
    fn keep(&mut self, f: usize, prints: GiveawayPrints) {
        for stem in prints.stems {
            let id = saturated(self.stems.len());
            if !self.stem_ids.insert(gram(&stem.words)) {
                continue;
            }
            for (pos, run) in stem.words.windows(GRAM).enumerate() {
                self.grams
                    .push(gram(run), (id, saturated(pos)), MAX_POSTINGS);
            }
            self.stems.push(Kept::new(f, stem, true));
        }
        for answer in prints.answers {
            let id = saturated(self.answers.len());
            if !self.answer_ids.insert(gram(&answer.words)) {
                continue;
            }
            self.starts
                .push(gram(&answer.words[..GRAM]), id, MAX_POSTINGS);
            self.answers.push(Kept::new(f, answer, false));
        }
    }

    /// The first kept stem that holds `answer`, found through its rarest
    /// run of four words. Every such hit sits on the answer, one place and
    /// so one finding, which the first hit makes.
    fn first_kept_stem_holding<'a>(&'a self, answer: Side<'a>) -> Option<Hit<'a>> {
        let words = answer.words;
        // The rarest run, the first of equally rare ones.
        let mut rarest = None;
        for (j, run) in words.windows(GRAM).enumerate() {
            // A run that no stem holds: no stem holds the whole text.
            let list = self.grams.get(gram(run))?;
            if rarest.is_none_or(|(_, r): (usize, crate::lint::bank::List<'_, _>)| {
                list.len() < r.len()
            }) {
                rarest = Some((j, list));
            }
        }
        let (offset, list) = rarest?;
        // A list cut at the limit may miss the stem: a text whose every
        // run is that common is left alone.
        if list.len() >= MAX_POSTINGS {
            return None;
        }
        list.iter().find_map(|&(id, pos)| {
            let from = (pos as usize).checked_sub(offset)?;
            let kept = &self.stems[id as usize];
            stands_at(&kept.words, from, words).then(|| Hit {
                stem: kept.side(),
                from,
                answer,
            })
        })
    }
}

impl BankState for Giveaways {
    fn add(&mut self, files: &[FileSummary], out: &mut Vec<Finding>) {
        let Some(f) = files.len().checked_sub(1) else {
            return;
        };
        let Some(mut prints) = files[f].giveaway.take() else {
            return;
        };
        // A text that its own item's stem holds too is shared context.
        let stems = &prints.stems;
        let stem_words: Vec<u64> = stems.iter().map(|s| word_bits(&s.words)).collect();
        prints.answers.retain(|a| {
            let bits = word_bits(&a.words);
            !stems.iter().zip(&stem_words).any(|(s, &has)| {
                s.exercise == a.exercise && has & bits == bits && find(&s.words, &a.words).is_some()
            })
        });
        let here = |print| Side::here(f, print);
        let mut hits = Vec::new();
        for answer in &prints.answers {
            // In an earlier file's stem.
            hits.extend(self.first_kept_stem_holding(here(answer)));
            // In another stem of this file.
            let bits = word_bits(&answer.words);
            for (stem, _) in prints
                .stems
                .iter()
                .zip(&stem_words)
                .filter(|(s, has)| s.exercise != answer.exercise && *has & bits == bits)
            {
                if let Some(from) = find(&stem.words, &answer.words) {
                    hits.push(Hit {
                        stem: here(stem),
                        from,
                        answer: here(answer),
                    });
                }
            }
        }
        // An earlier file's key or explanation in this file's stems.
        for stem in &prints.stems {
            for (from, run) in stem.words.windows(GRAM).enumerate() {
                let Some(list) = self.starts.get(gram(run)) else {
                    continue;
                };
                // Every hit here sits on the stem at `from`: the first
                // makes the one finding.
                let first = list.iter().find_map(|&id| {
                    let kept = &self.answers[id as usize];
                    stands_at(&stem.words, from, &kept.words).then(|| Hit {
                        stem: here(stem),
                        from,
                        answer: kept.side(),
                    })
                });
                hits.extend(first);
            }
        }
        // One finding per place: a stem that gives away a key repeated in
        // many items is one problem, as is a key that many stems state.
        let mut seen = BTreeSet::new();
        for hit in &hits {
            let on_stem = on_stem(f, hit);
            let (side, from) = if on_stem {
                (hit.stem, hit.from)
            } else {
                (hit.answer, 0)
            };
            let place = (on_stem, side.start(), from);
            if seen.insert(place) {
                out.push(report(files, f, hit, on_stem));
            }
        }
        drop(hits);
        self.keep(f, prints);
    }
}

/// Whether the finding sits on the stem: the later of the two places in
/// the run, and only the last file (`f`) gets findings.
fn on_stem(f: usize, hit: &Hit<'_>) -> bool {
    if hit.stem.file == hit.answer.file {
        hit.stem.exercise > hit.answer.exercise
    } else {
        hit.stem.file == f
    }
}

/// The words a finding uses for the text given away, each spelled out
/// whole so that a finding formats nothing but its message.
struct What {
    what: &'static str,
    capitalized: &'static str,
    of_another: &'static str,
    given_away: &'static str,
    given_away_elsewhere: &'static str,
}

const KEY: What = What {
    what: "the key",
    capitalized: "The key",
    of_another: "the key of another item",
    given_away: "the key given away",
    given_away_elsewhere: "the key, given away elsewhere",
};

const EXPLANATION: What = What {
    what: "an explanation",
    capitalized: "An explanation",
    of_another: "an explanation of another item",
    given_away: "an explanation given away",
    given_away_elsewhere: "an explanation, given away elsewhere",
};

fn report(files: &[FileSummary], f: usize, hit: &Hit<'_>, on_stem: bool) -> Finding {
    use std::fmt::Write as _;
    let (s, a) = (hit.stem, hit.answer);
    let title = |side: Side<'_>| files[side.file].headings.title(side.exercise);
    // `line 12` in the same file, `notes/a.md:12` in another.
    let push_place = |message: &mut String, side: Side<'_>| {
        let file = &files[side.file];
        let line = file.headings.line(side.exercise);
        if side.file == f {
            message.push_str("line ");
        } else {
            message.push_str(&file.path);
            message.push(':');
        }
        let _ = write!(message, "{line}");
    };
    let what = if a.explanation { &EXPLANATION } else { &KEY };
    let in_stem = s.cover(hit.from, hit.from + a.words.len() - 1);
    let answer_span = a.whole();
    let help = "Rewrite the stem so that it does not state the other item's answer, or keep the two items out of one exam";
    let (ts, ta) = (title(s), title(a));
    let mut message = String::with_capacity(96 + ts.len() + ta.len());
    if on_stem {
        for part in ["The stem of `", ts, "` gives away ", what.what, " of `", ta, "` ("] {
            message.push_str(part);
        }
        push_place(&mut message, a);
        message.push(')');
        Finding::new(&ItemGivesAwayAnother::META, in_stem, message)
            .label(what.of_another)
            .related(
                files[a.file].path.as_str(),
                answer_span,
                what.given_away,
            )
            .help(help)
    } else {
        for part in [what.capitalized, " of `", ta, "` stands in the stem of `", ts, "` ("] {
            message.push_str(part);
        }
        push_place(&mut message, s);
        message.push_str("), which gives it away");
        Finding::new(&ItemGivesAwayAnother::META, answer_span, message)
            .label(what.given_away_elsewhere)
            .related(
                files[s.file].path.as_str(),
                in_stem,
                "the stem that gives it away",
            )
            .help(help)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word counts of the sentences of `text` (of any length).
    fn sentence_lengths(text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        Scratch::default().sentences(text, 0, 0, 0, &mut out);
        out.iter().map(|p| p.words.len()).collect()
    }

    /// The words of `text` as hashes.
    fn words(text: &str) -> Vec<u32> {
        let mut scratch = Scratch::default();
        scratch.extend(Tokens::new(text, 0));
        scratch.take(0, false, 0).map(|p| p.words).unwrap_or_default()
    }

    #[test]
    fn explanations_split_into_sentences() {
        assert_eq!(
            sentence_lengths("One two three. Four five six! Call df.count() now"),
            [3, 3, 4]
        );
        // Only a mark before a space or the end ends a sentence.
        assert_eq!(sentence_lengths("v1.2 is out.\tSee?No"), [4, 2]);
        assert_eq!(sentence_lengths("Stop.\u{a0}Go"), [2]);
    }

    #[test]
    fn packed_spans_come_back_the_same() {
        let spans = [
            Span::new(100, 104),
            Span::new(105, 400),
            Span::new(400, 401),
            Span::new(399, 70_000),
            Span::new(70_001, 70_003),
        ];
        let packed = pack_spans(100, &spans);
        assert_eq!(unpack_spans(100, &packed).collect::<Vec<_>>(), spans);
        let side = Side {
            file: 0,
            exercise: 0,
            words: &[1, 2, 3, 4, 5],
            explanation: false,
            spans: Spans::Kept(100, &packed),
        };
        assert_eq!(side.cover(1, 3), Span::new(105, 70_000));
        assert_eq!(side.cover(2, 2), Span::new(400, 401));
        assert_eq!(side.whole(), Span::new(100, 70_003));
    }

    #[test]
    fn words_are_found_in_order() {
        let hay = words("So, the job drops late events; then what?");
        let needle = words("The job DROPS late events.");
        assert_eq!(find(&hay, &needle), Some(1));
        let other = words("The job drops events late");
        assert_eq!(find(&hay, &other), None);
    }
}
