//! What the spelling rules share: every word of a file's prose, judged
//! once as known, a known misspelling, a likely typo or merely unknown.
//!
//! A word is known when a word list has it (SCOWL English up to size 80,
//! the technical vocabularies, the project's own words), when the file's
//! own code uses it as a name (`nunique`, `tmpdir`), or when it is a
//! regular variant of a known word: a British spelling (`optimised`), a
//! prefix on a word (`reindexing`, `subtasks`) or an inflection of a
//! technical term (`docstrings`).
//!
//! An unknown word is a likely typo when it looks like a slip on a word a
//! writer means rather than a name or a term: four letters or more, not
//! capitalised inside a sentence (a name), written fewer than three times
//! in the file (a term is repeated), not two words run together, and one
//! edit from a common English word (two for words of eight letters or
//! more, keeping the first letter), or a small word run into the next one
//! (`acoin`). A misspelling that is the point of an option (a question
//! about how a word is spelled, where another option has the word spelled
//! right) is never reported, and neither is a word of an exercise that
//! is mostly unknown words: one written in another language.
//!
//! A known word is a slip when books' pairs of words say another was
//! meant: a rare word beside neighbours that books pair only with a far
//! more common word one edit away (`real wold`), or a common word in the
//! slot of a function word near it, an article's or a form of `be`'s
//! before a past participle (`includes on ETL`, `things one connected`).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use super::LintContext;
use super::prose::{ProseWord, is_code_line, is_prose_fence, prose_spans, prose_words_into};
use super::words;
use crate::parse::ast::AnswerBody;
use crate::source::Span;

/// What a word of prose is taken to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A misspelling the `typos` project lists, with its corrections.
    Misspelling(Vec<String>),
    /// No list knows it and it looks like a slip on these words.
    LikelyTypo(Vec<String>),
    /// No list knows it, but it may be a name or a term.
    Unknown,
    /// A real but rare word one slip from a far more common one that its
    /// neighbours call for (`real wold` for `real world`).
    Slip(Vec<String>),
    /// A common word in the slot of a function word one or two edits from
    /// it that both its neighbours call for (`includes on ETL` for `an`).
    WrongWord(Vec<String>),
}

/// A word of prose that is not known, with its verdict.
#[derive(Debug, Clone)]
pub struct Judged<'t> {
    pub word: ProseWord<'t>,
    pub verdict: Verdict,
}

/// Each distinct word of a file (in lower case): what it is and how often
/// the file writes it. Most words are short: those of seven bytes or fewer
/// are kept as a number, their bytes and length, which is hashed and
/// compared at once.
#[derive(Default)]
struct SeenWords {
    short: FxHashMap<u64, (Seen, usize)>,
    long: FxHashMap<String, (Seen, usize)>,
}

impl SeenWords {
    /// `word` as a number, if it is short.
    fn short_key(word: &str) -> Option<u64> {
        let bytes = word.as_bytes();
        let mut key = [0; 8];
        key.get_mut(..bytes.len())
            .filter(|_| bytes.len() < 8)?
            .copy_from_slice(bytes);
        key[7] = bytes.len() as u8;
        Some(u64::from_le_bytes(key))
    }

    fn get(&self, word: &str) -> Option<&(Seen, usize)> {
        match Self::short_key(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    fn get_mut(&mut self, word: &str) -> Option<&mut (Seen, usize)> {
        match Self::short_key(word) {
            Some(key) => self.short.get_mut(&key),
            None => self.long.get_mut(word),
        }
    }

    fn insert(&mut self, word: &str, value: (Seen, usize)) {
        match Self::short_key(word) {
            Some(key) => self.short.insert(key, value),
            None => self.long.insert(word.to_owned(), value),
        };
    }
}

/// What a word of the file was found to be, once per word.
#[derive(Debug, Clone, Copy)]
enum Seen {
    Known,
    /// Known, and rare beside a far more common word one slip away.
    Slip,
    Misspelling,
    Unknown,
}

/// Words a writer runs into the next one (`acoin`, `instock`).
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "be", "by", "do", "for", "from", "if", "in", "is", "it", "no",
    "not", "of", "on", "or", "so", "the", "to", "up", "we", "with",
];

/// Prefixes that make a word from a word (`re` + `indexing`).
const PREFIXES: &[&str] = &[
    "anti", "auto", "bi", "co", "counter", "cross", "de", "dis", "hyper", "inter", "intra", "meta",
    "micro", "mini", "mis", "multi", "non", "out", "over", "post", "pre", "re", "semi", "self",
    "sub", "super", "tri", "un", "under", "uni", "up",
];

/// Endings that inflect a technical term (`docstring` + `s`).
const ENDINGS: &[&str] = &["s", "es", "ed", "d", "ing", "er", "ers"];

/// British spellings and the American ones the word lists have.
const BRITISH: &[(&str, &str)] = &[
    ("isation", "ization"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("our", "or"),
    ("lling", "ling"),
    ("lled", "led"),
    ("ller", "ler"),
    ("tre", "ter"),
    ("ogue", "og"),
    ("ence", "ense"),
    ("wards", "ward"),
    ("ae", "e"),
];

/// The words of a file's prose that are not known, judged. `project` holds
/// the project's own words, in lower case.
#[must_use]
pub fn judge<'t>(cx: &'t LintContext<'_>, project: &HashSet<String>) -> Vec<Judged<'t>> {
    let text: &'t str = &cx.file.text;
    // Each unknown word, in lower case, and whether it reads as a name.
    let mut unknown: Vec<(ProseWord<'t>, String, bool)> = Vec::new();
    // Rare known words whose neighbours call for a common word one slip away.
    let mut slips: Vec<(ProseWord<'t>, String, &'static str)> = Vec::new();
    // Common words in the slot of another word that their neighbours call for.
    let mut wrong: Vec<(ProseWord<'t>, &'static str)> = Vec::new();
    let mut found = Vec::new();
    // One buffer for the lower-case form of a word that has a capital or a
    // typographic apostrophe: most words are their own lower-case form.
    // Words repeat, so each is looked up once per file.
    let mut lowered = String::new();
    // Each distinct word of the file: what it is and how often it is written.
    let mut seen = SeenWords::default();
    let spans = prose_spans(cx);
    // Per exercise, its words and the unknown ones: an exercise written in
    // another language is mostly unknown words, none of them a slip.
    let exercises: Vec<Span> = cx.exercises().map(|e| e.span).collect();
    let mut tally = vec![(0usize, 0usize); exercises.len()];
    // Exercises come in file order and do not overlap.
    let exercise_of = |at: usize| {
        let i = exercises
            .partition_point(|e| e.start <= at)
            .checked_sub(1)?;
        (at < exercises[i].end).then_some(i)
    };
    // The exercise of the word read last: the next word is most often in it.
    let mut last_exercise = 0;
    let mut words = Vec::new();
    for &span in &spans {
        article_slots(text, span, &mut wrong);
        words.clear();
        prose_words_into(&text[span.start..span.end], span.start, &mut words);
        let mut titles: Option<Vec<Span>> = None;
        for (k, &word) in words.iter().enumerate() {
            let lower: &str = if word.lower {
                word.text
            } else {
                lower_into(word.text, &mut lowered);
                &lowered
            };
            if !project.is_empty() && project.contains(lower) {
                continue;
            }
            let kind = match seen.get_mut(lower) {
                Some((kind, count)) => {
                    *count += 1;
                    *kind
                }
                None => {
                    let kind = kind_of(lower);
                    seen.insert(lower, (kind, 1));
                    kind
                }
            };
            let at = word.span.start;
            let exercise = match exercises.get(last_exercise) {
                Some(e) if e.start <= at && at < e.end => Some(last_exercise),
                _ => exercise_of(at),
            };
            if let Some(i) = exercise {
                last_exercise = i;
            }
            if let Some(i) = exercise {
                tally[i].0 += 1;
                tally[i].1 += usize::from(matches!(kind, Seen::Unknown));
            }
            match kind {
                Seen::Known => {
                    if let Some(fix) = be_slot_fix(text, &words, k, lower) {
                        wrong.push((word, fix));
                    }
                }
                Seen::Slip => {
                    if let Some(fix) = slip_fix(text, &words, k, lower) {
                        slips.push((word, lower.to_owned(), fix));
                    }
                }
                Seen::Misspelling => found.push(Judged {
                    word,
                    verdict: Verdict::Misspelling(typos_corrections(word.text).unwrap_or_default()),
                }),
                Seen::Unknown => {
                    // A capital means a name inside a sentence or a run of
                    // names, and nothing in a title.
                    let name = word.text.starts_with(|c: char| c.is_ascii_uppercase()) && {
                        let titles = titles.get_or_insert_with(|| title_lines(text, &words));
                        let title_case = titles
                            .iter()
                            .any(|l| l.start <= word.span.start && word.span.end <= l.end);
                        (!word.sentence_start && !title_case) || is_in_name(text, &words, k)
                    };
                    unknown.push((word, lower.to_owned(), name));
                }
            }
        }
    }
    if !unknown.is_empty() || !slips.is_empty() {
        let code = CodeNames::of(cx);
        unknown.retain(|(_, lower, _)| {
            !code.has(lower) && !is_variant(lower, &|w| project.contains(w) || code.has(w))
        });
        // A word the file writes three times or more, or that its code
        // uses, is meant.
        slips.retain(|(_, lower, _)| {
            !code.has(lower) && seen.get(lower.as_str()).is_some_and(|s| s.1 < 3)
        });
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, lower, _) in &unknown {
        *counts.entry(lower.as_str()).or_default() += 1;
    }
    let foreign =
        |at: usize| exercise_of(at).is_some_and(|i| tally[i].0 >= 3 && tally[i].1 * 2 > tally[i].0);
    // The same word in the same standing gets the same verdict.
    let mut verdicts: HashMap<(&str, bool, bool), Verdict> = HashMap::new();
    for (word, lower, name) in &unknown {
        let capital = word.text.starts_with(|c: char| c.is_ascii_uppercase());
        let count = counts[lower.as_str()];
        let foreign = foreign(word.span.start);
        let verdict = verdicts
            .entry((lower.as_str(), *name || foreign, capital))
            .or_insert_with(
                || match typo_corrections(lower, count, *name || foreign, capital) {
                    Some(fixes) => Verdict::LikelyTypo(fixes),
                    None if foreign || count >= 3 => Verdict::Unknown,
                    None => match twin(&seen, lower) {
                        Some(twin) => Verdict::LikelyTypo(vec![twin]),
                        None => Verdict::Unknown,
                    },
                },
            )
            .clone();
        found.push(Judged {
            word: *word,
            verdict,
        });
    }
    for (word, _, fix) in slips {
        if !foreign(word.span.start) {
            found.push(Judged {
                word,
                verdict: Verdict::Slip(vec![fix.to_owned()]),
            });
        }
    }
    for (word, fix) in wrong {
        if !foreign(word.span.start) {
            found.push(Judged {
                word,
                verdict: Verdict::WrongWord(vec![fix.to_owned()]),
            });
        }
    }
    if found.iter().any(|j| j.verdict != Verdict::Unknown) {
        let questions = option_words(cx);
        found.retain(|j| {
            j.verdict == Verdict::Unknown || !is_point_of_option(cx, &j.word, &questions)
        });
    }
    found.sort_by_key(|j| j.word.span);
    found
}

/// The words beside the `k`th word, as written, when only spaces part
/// them from it and they are all letters: books' pairs speak of those.
fn spaced_neighbours<'t>(text: &str, words: &[ProseWord<'t>], k: usize) -> [Option<&'t str>; 2] {
    let word = &words[k];
    let spaced = |a: &ProseWord<'_>, b: &ProseWord<'_>| {
        let gap = &text[a.span.end..b.span.start];
        !gap.is_empty() && gap.bytes().all(|b| b == b' ')
    };
    let letters = |w: &ProseWord<'t>| w.text.bytes().all(|b| b.is_ascii_alphabetic());
    let before = k
        .checked_sub(1)
        .map(|j| &words[j])
        .filter(|other| spaced(other, word) && letters(other))
        .map(|w| w.text);
    let after = words
        .get(k + 1)
        .filter(|other| spaced(word, other) && letters(other))
        .map(|w| w.text);
    [before, after]
}

/// What the word lists make of `lower`. The files of a catalogue share
/// most of their words: each thread remembers the words it looked up, up
/// to a bound, across files (the answer depends on the word alone).
fn kind_of(lower: &str) -> Seen {
    const REMEMBERED: usize = 1 << 18;
    thread_local! {
        static KINDS: RefCell<FxHashMap<Box<str>, Seen>> = RefCell::new(FxHashMap::default());
    }
    KINDS.with(|kinds| {
        if let Some(&kind) = kinds.borrow().get(lower) {
            return kind;
        }
        let (flags, misspelling) = words::lookup_and_misspelling(lower);
        let kind = if misspelling {
            Seen::Misspelling
        } else if flags & words::SLIP != 0 && flags & words::TECHNICAL == 0 {
            Seen::Slip
        } else if flags != 0 {
            Seen::Known
        } else {
            Seen::Unknown
        };
        let mut kinds = kinds.borrow_mut();
        if kinds.len() < REMEMBERED {
            kinds.insert(lower.into(), kind);
        }
        kind
    })
}

/// The common word that the `k`th word, rare and one slip from it, was
/// meant to be: books pair it with a neighbour of the word (the word
/// before or after, across spaces only), and pair the word as written with
/// neither. A capital inside a sentence is a name's, and left alone.
fn slip_fix(text: &str, words: &[ProseWord<'_>], k: usize, lower: &str) -> Option<&'static str> {
    let word = &words[k];
    let mut letters = word.text.chars();
    let first = letters.next()?;
    if !word.text.bytes().all(|b| b.is_ascii_alphabetic())
        || letters.any(|c| c.is_ascii_uppercase())
        || (first.is_ascii_uppercase() && !word.sentence_start)
    {
        return None;
    }
    let [before, after] = spaced_neighbours(text, words, k).map(|w| w.map(str::to_ascii_lowercase));
    let pairs = |w: &str| {
        before.as_deref().map_or(0, |b| words::bigram(b, w))
            + after.as_deref().map_or(0, |a| words::bigram(w, a))
    };
    if pairs(lower) > 0 {
        return None;
    }
    words::slips(lower)
        .map(|c| (pairs(c), c))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, c)| c)
}

/// Forms of `be` that a past participle follows (`are connected`).
const BE: &[&str] = &["are", "is", "was", "were", "be"];

/// How often books must write a pair for it to count as what they write
/// (the rarest pairs of the list are written about six million times).
const WRITTEN: u64 = 20_000_000;

/// The form of `be` that the `k`th word, a common word slipped into its
/// slot before a past participle, was meant to be: the word is two edits
/// or fewer from the form, books write the form with both neighbours, the
/// word never before the participle and the word before with it a tenth
/// as often as with the form (`things one connected` for `are`).
fn be_slot_fix(text: &str, words: &[ProseWord<'_>], k: usize, lower: &str) -> Option<&'static str> {
    let word = words[k].text;
    // Most words are longer, or followed by no participle: nothing more to
    // read.
    let ends_ed = |w: &str| w.len() >= 2 && w.as_bytes()[w.len() - 2..].eq_ignore_ascii_case(b"ed");
    if lower.len() > 4
        || !words.get(k + 1).is_some_and(|next| ends_ed(next.text))
        || !word.bytes().all(|b| b.is_ascii_lowercase())
        || BE.contains(&lower)
    {
        return None;
    }
    let [Some(before), Some(after)] = spaced_neighbours(text, words, k) else {
        return None;
    };
    let (before_lower, after_lower) = (before.to_ascii_lowercase(), after.to_ascii_lowercase());
    let pair = words::bigram;
    if pair(lower, &after_lower) == 0 {
        let written = pair(&before_lower, lower);
        return BE.iter().copied().find(|be| {
            let with_before = pair(&before_lower, be);
            strsim::levenshtein(lower, be) <= 2
                && with_before >= WRITTEN
                && written < with_before / 10
                && pair(be, &after_lower) >= WRITTEN
        });
    }
    None
}

/// Small words (shorter than the words the rules read) in an article's
/// slot, each with the article meant: the next word takes `an` (a vowel
/// sound) or `a`, the word is one edit from that article, and books write
/// the word before with the article, never with the word, and never the
/// word with the next (`includes on ETL` for `an`). Read from the prose
/// `span` of `text` word by word, as spaces part them; inline code,
/// `{{parameters}}` and `<placeholders>` are no words.
/// Each found slot is added to `out`.
fn article_slots<'t>(text: &'t str, span: Span, out: &mut Vec<(ProseWord<'t>, &'static str)>) {
    let mut at = span.start;
    for line in text[span.start..span.end].split_inclusive('\n') {
        let start = at;
        at += line.len();
        each_slot(line, |word_at, before, word, after| {
            let [first, second] = [word.as_bytes()[0], word.as_bytes()[1]];
            // An acronym is read letter by letter: `an ETL`, `a CSV`.
            let acronym = after.len() > 1 && after.bytes().all(|b| b.is_ascii_uppercase());
            let vowel_sound = if acronym {
                b"AEFHILMNORSX".contains(&after.as_bytes()[0])
            } else {
                matches!(
                    after.as_bytes()[0].to_ascii_lowercase(),
                    b'a' | b'e' | b'i' | b'o'
                )
            };
            let article = if vowel_sound { "an" } else { "a" };
            // One edit from `a` is a letter deleted from the two; one from
            // `an` (which the word is not) is one of the two replaced.
            let one_edit = if vowel_sound {
                first == b'a' || second == b'n'
            } else {
                first == b'a' || second == b'a'
            };
            if !one_edit || !words::is_common(word) {
                return;
            }
            let before = before.to_ascii_lowercase();
            if words::bigram(&before, word) == 0
                && words::bigram(&before, article) >= WRITTEN
                && words::bigram(word, &after.to_ascii_lowercase()) == 0
            {
                let start = start + word_at;
                let word = ProseWord {
                    span: Span::new(start, start + 2),
                    text: &text[start..start + 2],
                    sentence_start: false,
                    lower: true,
                };
                out.push((word, article));
            }
        });
    }
}

/// Calls `f` with each token of a `line` of prose that may be an article's
/// slot, with the token's offset in the line, the token before and the
/// token after (without closing punctuation): a token of two lower-case
/// letters, `a` among them or `n` second, but not `an`, between two
/// spaces, beside two tokens of letters, and outside inline code,
/// `{{parameters}}` and `<placeholders>`. Tokens are what spaces part;
/// a line of program input or output has none.
fn each_slot<'l>(line: &'l str, mut f: impl FnMut(usize, &'l str, &'l str, &'l str)) {
    let trimmed = line.trim_end();
    let bytes = trimmed.as_bytes();
    // Whether the line is program input or output, asked once it has a
    // slot.
    let mut code_line = None;
    // Code is masked from an opening `` ` ``, `{` or `<` to its closing
    // `` ` ``, `}` or `>`: `inside` is what closes the code open before
    // byte `masked_to`, read as far as a slot needs.
    let mut inside: Option<u8> = None;
    let mut masked_to = 0;
    for space in spaces_three_apart(bytes) {
        let (first, second) = (bytes[space + 1], bytes[space + 2]);
        if !first.is_ascii_lowercase()
            || !second.is_ascii_lowercase()
            || !(first == b'a' || second == b'a' || second == b'n')
            || [first, second] == *b"an"
        {
            continue;
        }
        if *code_line.get_or_insert_with(|| is_code_line(line)) {
            return;
        }
        // A token of letters only is ASCII, and so a whole `str`; a token
        // of other bytes is no word.
        let letters = |w: &[u8]| !w.is_empty() && w.iter().all(u8::is_ascii_alphabetic);
        let before_start = bytes[..space]
            .iter()
            .rposition(|&b| b == b' ')
            .map_or(0, |at| at + 1);
        let after_start = space + 4;
        let after_end = bytes[after_start..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |at| after_start + at);
        let mut after = &bytes[after_start..after_end];
        while let [rest @ .., b'.' | b',' | b';' | b':' | b'!' | b'?'] = after {
            after = rest;
        }
        // A single letter is a name in the prose (`table c`, `rows of b`).
        if !letters(&bytes[before_start..space]) || !letters(after) {
            continue;
        }
        // Letters and spaces open and close no code: the three tokens are
        // words unless code is open where the first starts.
        for &b in &bytes[masked_to..before_start] {
            inside = match (inside, b) {
                (None, b'`') => Some(b'`'),
                (None, b'{') => Some(b'}'),
                (None, b'<') => Some(b'>'),
                (Some(close), c) if c == close => None,
                (state, _) => state,
            };
        }
        masked_to = before_start;
        if inside.is_some() {
            continue;
        }
        f(
            space + 1,
            &trimmed[before_start..space],
            &trimmed[space + 1..space + 3],
            &trimmed[after_start..after_start + after.len()],
        );
    }
}

/// The offsets `p` of `bytes` where both `bytes[p]` and `bytes[p + 3]` are
/// spaces, in order. Eight offsets are tried at a time: spaces are found
/// in a `u64` of the bytes as bytes equal to zero once XORed with spaces
/// (which may also flag a byte after such a zero: each is checked).
fn spaces_three_apart(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
    let spaces = |at: usize| {
        let word = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
        let zeros = word ^ SPACES;
        zeros.wrapping_sub(ONES) & !zeros & HIGH
    };
    let offsets = bytes.len().saturating_sub(3);
    (0..offsets).step_by(8).flat_map(move |block| {
        // A block whose bytes (and the three after) lie inside is read as
        // two words, the others a byte at a time.
        let mut found = if block + 11 <= bytes.len() {
            spaces(block) & spaces(block + 3)
        } else {
            (block..offsets.min(block + 8))
                .filter(|&p| bytes[p] == b' ' && bytes[p + 3] == b' ')
                .fold(0, |found, p| found | 0x80 << (8 * (p - block)))
        };
        std::iter::from_fn(move || {
            while found != 0 {
                let p = block + found.trailing_zeros() as usize / 8;
                found &= found - 1;
                if bytes[p] == b' ' && bytes[p + 3] == b' ' {
                    return Some(p);
                }
            }
            None
        })
    })
}

/// `word` in lower case, with a typographic apostrophe as `'`, in `out`.
fn lower_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    out.extend(word.chars().map(|c| {
        if c == '’' {
            '\''
        } else {
            c.to_ascii_lowercase()
        }
    }));
}

/// A word the file writes more often than `lower`, one edit from it and
/// with the same first letter (`kimball` for `kimmball`), unless one is the
/// other inflected: the spelling the file means.
fn twin(seen: &SeenWords, lower: &str) -> Option<String> {
    let count = seen.get(lower).map_or(0, |c| c.1);
    if lower.len() < 5 || !lower.is_ascii() {
        return None;
    }
    let inflected = |a: &str, b: &str| {
        a.strip_prefix(b)
            .is_some_and(|rest| ENDINGS.contains(&rest) || rest == "'s")
    };
    let mut twins: Vec<String> = one_edit_away(lower)
        .filter(|other| {
            seen.get(other.as_str()).is_some_and(|&(kind, n)| {
                n > count
                    && !matches!(kind, Seen::Misspelling)
                    && !inflected(other, lower)
                    && !inflected(lower, other)
            })
        })
        .collect();
    twins.sort_unstable();
    twins.into_iter().next()
}

/// The words one edit from `word` (ASCII, lower case) that keep its first
/// letter: a letter deleted, inserted, replaced, or two swapped.
fn one_edit_away(word: &str) -> impl Iterator<Item = String> + '_ {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz'";
    let bytes = word.as_bytes();
    let edit = move |at: usize| {
        let (head, tail) = (&bytes[..at], &bytes[at..]);
        let deleted = (!tail.is_empty()).then(|| [head, &tail[1..]].concat());
        let swapped = (tail.len() >= 2).then(|| [head, &[tail[1], tail[0]], &tail[2..]].concat());
        let replaced = LETTERS
            .iter()
            .filter(move |&&c| tail.first().is_some_and(|&t| t != c))
            .map(move |&c| [head, &[c], &tail[1..]].concat());
        let inserted = LETTERS.iter().map(move |&c| [head, &[c], tail].concat());
        deleted
            .into_iter()
            .chain(swapped)
            .chain(replaced)
            .chain(inserted)
    };
    (1..=bytes.len())
        .flat_map(edit)
        .filter_map(|b| String::from_utf8(b).ok())
}

/// The corrections of `word` when the `typos` list has it as a misspelling.
#[must_use]
pub fn typos_corrections(word: &str) -> Option<Vec<String>> {
    words::misspelling_fixes(word)
}

/// The corrections of an unknown word when it looks like a typo, likeliest
/// first. `capital` allows names as corrections.
fn typo_corrections(lower: &str, count: usize, name: bool, capital: bool) -> Option<Vec<String>> {
    let letters = lower.chars().filter(char::is_ascii_alphabetic).count();
    if letters < 4 || count >= 3 || name || is_compound(lower) {
        return None;
    }
    // The word's own stem, bare or inflected, is no correction:
    // `thresholded` is `threshold` used as a verb, not a slip on it.
    let stems: Vec<&str> = ENDINGS
        .iter()
        .filter_map(|e| lower.strip_suffix(e))
        .collect();
    let stem = |w: &str| {
        stems.iter().any(|s| {
            w.strip_prefix(s).is_some_and(|rest| {
                rest.is_empty() || rest == "'s" || rest == "ly" || ENDINGS.contains(&rest)
            })
        })
    };
    let mut near: Vec<words::Candidate> = words::corrections(lower, 1, false, capital)
        .into_iter()
        .chain(run_together(lower))
        .filter(|c| !stem(&c.word))
        .collect();
    if near.is_empty() && letters >= 8 {
        near = words::corrections(lower, 2, true, capital)
            .into_iter()
            .filter(|c| !stem(&c.word))
            .collect();
    }
    if near.is_empty() {
        return None;
    }
    near.sort_by_cached_key(|c| {
        let (w, t) = (c.word.as_bytes(), lower.as_bytes());
        // The first letter is seldom wrong, unless swapped with the second.
        let swapped = w.len() > 1 && t.len() > 1 && w[0] == t[1] && w[1] == t[0];
        let first_changed = w.first() != t.first() && !swapped;
        let rare = c.flags & words::FREQUENT == 0;
        // A missing space is likely, but less than a missing letter.
        let cost = if c.word.contains(' ') {
            4
        } else {
            slip_cost(lower, &c.word)
        };
        (c.distance, first_changed, rare, cost, c.word.clone())
    });
    Some(near.into_iter().take(3).map(|c| c.word).collect())
}

/// How likely a slip of the fingers turns `word` into `typo`, one edit
/// apart (lower is likelier): a letter left out, a letter doubled or left
/// single, two letters swapped, a neighbouring key, another key.
fn slip_cost(typo: &str, word: &str) -> u8 {
    let (t, w) = (typo.as_bytes(), word.as_bytes());
    let differ = t
        .iter()
        .zip(w)
        .position(|(a, b)| a != b)
        .unwrap_or(t.len().min(w.len()));
    let doubles = |s: &[u8], i: usize| {
        (i > 0 && s.get(i - 1) == s.get(i)) || (s.get(i + 1).is_some() && s.get(i + 1) == s.get(i))
    };
    match w.len().cmp(&t.len()) {
        // A letter left out (`averge`), worst when it is no double.
        std::cmp::Ordering::Greater => {
            if doubles(w, differ) {
                2
            } else {
                3
            }
        }
        // A letter too many (`reeset`).
        std::cmp::Ordering::Less => {
            if doubles(t, differ) {
                4
            } else {
                6
            }
        }
        std::cmp::Ordering::Equal => {
            let swapped = t.get(differ + 1) == w.get(differ) && w.get(differ + 1) == t.get(differ);
            if swapped {
                5
            } else if w
                .get(differ)
                .zip(t.get(differ))
                .is_some_and(|(a, b)| neighbours(*a, *b))
            {
                7
            } else {
                10
            }
        }
    }
}

/// Whether two letters are neighbouring keys of a QWERTY keyboard.
fn neighbours(a: u8, b: u8) -> bool {
    const ROWS: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    // Each row is half a key further right than the one above.
    let place = |c: u8| {
        ROWS.iter().enumerate().find_map(|(row, keys)| {
            keys.iter()
                .position(|&k| k == c)
                .map(|col| (row as i32, 2 * col as i32 + row as i32))
        })
    };
    match (place(a), place(b)) {
        (Some((ra, xa)), Some((rb, xb))) => match (ra - rb).abs() {
            0 => (xa - xb).abs() == 2,
            1 => (xa - xb).abs() <= 1,
            _ => false,
        },
        _ => false,
    }
}

/// Whether the `k`th word stands in a run of capitalised words of which
/// another is no common word (`Virat Kohli`): a name.
fn is_in_name(text: &str, words: &[ProseWord<'_>], k: usize) -> bool {
    let capital = |w: &ProseWord<'_>| w.text.starts_with(|c: char| c.is_ascii_uppercase());
    if !capital(&words[k]) {
        return false;
    }
    let joined = |a: &ProseWord<'_>, b: &ProseWord<'_>| text[a.span.end..b.span.start] == *" ";
    let name_like = |w: &ProseWord<'_>| capital(w) && !words::is_common(&w.text.to_lowercase());
    let before = k
        .checked_sub(1)
        .is_some_and(|j| joined(&words[j], &words[k]) && name_like(&words[j]));
    let after = words
        .get(k + 1)
        .is_some_and(|next| joined(&words[k], next) && name_like(next));
    before || after
}

/// The lines that read as titles: most of their words of four letters or
/// more capitalised, and no full stop at the end. There a capital says
/// nothing about names.
fn title_lines(text: &str, words: &[ProseWord<'_>]) -> Vec<Span> {
    let mut titles = Vec::new();
    let mut rest = words;
    while let Some(first) = rest.first() {
        let start = text[..first.span.start].rfind('\n').map_or(0, |at| at + 1);
        let end = text[first.span.start..]
            .find('\n')
            .map_or(text.len(), |at| first.span.start + at);
        let on_line = rest.iter().take_while(|w| w.span.end <= end).count();
        let long: Vec<&ProseWord<'_>> = rest[..on_line]
            .iter()
            .filter(|w| w.text.len() >= 4)
            .collect();
        let capitals = long
            .iter()
            .filter(|w| w.text.starts_with(|c: char| c.is_ascii_uppercase()))
            .count();
        let stops = text[start..end].trim_end().ends_with('.');
        if long.len() >= 2 && capitals * 2 > long.len() && !stops {
            titles.push(Span::new(start, end));
        }
        rest = &rest[on_line.max(1)..];
    }
    titles
}

/// Two words of four letters or more run together (`datacheck`,
/// `trendline`): a term, not a slip.
fn is_compound(lower: &str) -> bool {
    (4..lower.len().saturating_sub(3)).any(|at| {
        lower.is_char_boundary(at)
            && words::is_common(&lower[..at])
            && words::is_known(&lower[at..])
    })
}

/// A small word run into a frequent one (`acoin` is `a coin`), as the
/// two words.
fn run_together(lower: &str) -> Option<words::Candidate> {
    let split = |rest: &str, joined: String| {
        (rest.len() >= 3 && words::lookup(rest) & words::FREQUENT != 0).then_some(joined)
    };
    SMALL_WORDS
        .iter()
        .find_map(|small| {
            lower
                .strip_prefix(small)
                .and_then(|rest| split(rest, format!("{small} {rest}")))
                .or_else(|| {
                    lower
                        .strip_suffix(small)
                        .and_then(|rest| split(rest, format!("{rest} {small}")))
                })
        })
        .map(|word| words::Candidate {
            word,
            distance: 1,
            flags: words::FREQUENT | words::COMMON,
        })
}

/// Whether `lower` is a regular variant of a known word: a British
/// spelling, a prefix on a known word, or an inflection of a technical
/// term or of a word `also_known` accepts.
fn is_variant(lower: &str, also_known: &dyn Fn(&str) -> bool) -> bool {
    let british = BRITISH.iter().any(|(gb, us)| {
        lower.match_indices(gb).any(|(at, _)| {
            let rest = &lower[at + gb.len()..];
            // `centre`, `licences`: these endings change only at the end.
            let at_end = rest.is_empty() || rest == "s" || rest == "d";
            let anywhere = !matches!(*gb, "tre" | "ence");
            let american = format!("{}{us}{rest}", &lower[..at]);
            (anywhere || at_end) && words::is_common(&american)
        })
    });
    let prefixed = PREFIXES.iter().any(|p| {
        lower
            .strip_prefix(p)
            .is_some_and(|rest| rest.len() >= 4 && words::is_known(rest))
    });
    // English words inflect in the word lists already: `roled` is not `role`.
    let technical = |base: &str| {
        let flags = words::lookup(base);
        let english = flags & words::COMMON != 0 && flags & words::NAME == 0;
        base.len() >= 3 && !english && (flags & words::TECHNICAL != 0 || also_known(base))
    };
    let inflected = ENDINGS.iter().any(|ending| {
        lower.strip_suffix(ending).is_some_and(|base| {
            let doubled = base.len() > 3
                && base.as_bytes()[base.len() - 1] == base.as_bytes()[base.len() - 2];
            technical(base)
                || technical(&format!("{base}e"))
                || (doubled && technical(&base[..base.len() - 1]))
        })
    });
    british || prefixed || inflected
}

/// The names the file's code uses: code answers, fences in a programming
/// language and inline code, comments left out (they are prose). A word is
/// one of them when it stands in the code as a whole name or as a part of
/// one split at `_`, `.` or a camel-case hump (`getOrCreate` has `get`,
/// `or` and `create`).
struct CodeNames {
    /// The code, with one line break between pieces.
    code: String,
    /// The same in lower case (ASCII), for searching.
    lower: String,
}

impl CodeNames {
    fn of(cx: &LintContext<'_>) -> Self {
        let text: &str = &cx.file.text;
        let mut pieces: Vec<(&str, &str)> = Vec::new();
        for fence in &cx.doc.fences {
            if let Some(info) = fence.info.as_deref()
                && !is_prose_fence(Some(info))
            {
                pieces.push((&text[fence.content.start..fence.content.end], info));
            }
        }
        for exercise in cx.exercises() {
            if let Some(AnswerBody::Code(block)) = exercise.answer.as_ref().map(|a| &a.body) {
                for part in &block.parts {
                    // A tagged fence is already among the pieces above.
                    if cx.doc.fences.get(part.fence).is_some_and(|f| {
                        f.info
                            .as_deref()
                            .is_some_and(|info| !is_prose_fence(Some(info)))
                    }) {
                        continue;
                    }
                    let language = part.language.name().unwrap_or("");
                    pieces.push((&text[part.span.start..part.span.end], language));
                }
            }
        }
        let mut code = String::new();
        for (source, language) in pieces {
            for line in source.lines() {
                code.push_str(strip_comment(line, language));
                code.push('\n');
            }
        }
        for span in prose_spans(cx) {
            for inline in inline_code(&text[span.start..span.end]) {
                code.push_str(inline);
                code.push('\n');
            }
        }
        let lower = code.to_ascii_lowercase();
        Self { code, lower }
    }

    /// Whether `word` (lower case) is a name or a part of one in the code.
    fn has(&self, word: &str) -> bool {
        let bytes = self.code.as_bytes();
        // A name starts or ends at a non-letter, a lower-to-upper step, or
        // before the last capital of a run that a lower-case letter follows.
        let boundary = |i: usize| {
            if i == 0 || i >= bytes.len() {
                return true;
            }
            let (before, at) = (bytes[i - 1], bytes[i]);
            !before.is_ascii_alphabetic()
                || !at.is_ascii_alphabetic()
                || (before.is_ascii_lowercase() && at.is_ascii_uppercase())
                || (before.is_ascii_uppercase()
                    && at.is_ascii_uppercase()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase))
        };
        self.lower
            .match_indices(word)
            .any(|(at, _)| boundary(at) && boundary(at + word.len()))
    }
}

/// A line of code without its trailing comment (`#`, `--` or `//`, by
/// language; a marker inside a string literal cuts too early, which only
/// loses names).
fn strip_comment<'s>(line: &'s str, language: &str) -> &'s str {
    let marker = match language {
        "sql" => "--",
        "scala" | "java" | "javascript" | "js" | "c" | "cpp" | "go" | "rust" => "//",
        _ => "#",
    };
    line.find(marker).map_or(line, |at| &line[..at])
}

/// The contents of the inline code spans of a piece of prose.
fn inline_code(text: &str) -> Vec<&str> {
    crate::parse::inline::code_spans(text)
        .into_iter()
        .map(|c| &text[c.content])
        .collect()
}

/// The options of the file's choice questions, in file order: the span of
/// each option's text, its question, and the words of every option of the
/// question in lower case.
struct Options {
    spans: Vec<(Span, usize, usize)>,
    words: Vec<Vec<Vec<String>>>,
}

fn option_words(cx: &LintContext<'_>) -> Options {
    let mut spans = Vec::new();
    let mut words = Vec::new();
    for (q, (_, choice)) in cx.choices().enumerate() {
        spans.extend(
            choice
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| (o.text_span, q, i)),
        );
        words.push(
            choice
                .options
                .iter()
                .map(|o| lower_words(cx.text(o.text_span)))
                .collect(),
        );
    }
    spans.sort_unstable_by_key(|s| s.0);
    Options { spans, words }
}

fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether a misspelled word is what its option differs by: another option
/// of the question reads the same but for this word, spelled a couple of
/// edits away (`[x]kubectl get pods` beside `[ ]kubeclt get pods`). Then
/// the spelling is what the question asks about.
fn is_point_of_option(cx: &LintContext<'_>, word: &ProseWord<'_>, options: &Options) -> bool {
    let i = options
        .spans
        .partition_point(|s| s.0.start <= word.span.start);
    let Some(&(span, question, option)) = i.checked_sub(1).map(|i| &options.spans[i]) else {
        return false;
    };
    if word.span.end > span.end {
        return false;
    }
    let question = &options.words[question];
    let words = &question[option];
    let at = lower_words(&cx.text(span)[..word.span.start - span.start]).len();
    let lower = word.text.to_lowercase();
    question.iter().enumerate().any(|(i, other)| {
        i != option
            && other.len() == words.len()
            && other
                .get(at)
                .is_some_and(|twin| *twin != lower && strsim::osa_distance(twin, &lower) <= 2)
            && other
                .iter()
                .zip(words)
                .enumerate()
                .all(|(k, (a, b))| k == at || a == b)
    })
}

/// The words a spelling rule (`code`) flags in `text`, with `words` as
/// the project's own: for the rules' tests.
#[cfg(test)]
pub(crate) fn flagged(code: &'static str, text: &str, words: &[&str]) -> Vec<String> {
    let settings = crate::lint::RuleSettings {
        only: Some(vec![code]),
        words: words.iter().map(|w| (*w).to_owned()).collect(),
        ..crate::lint::RuleSettings::default()
    };
    let file = crate::source::SourceFile::new("t.md", text);
    crate::pipeline::check_source(file, "t", &settings)
        .findings
        .iter()
        .map(|f| text[f.span.start..f.span.end].to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_known_words_are_known() {
        let none = |_: &str| false;
        assert!(is_variant("optimised", &none));
        assert!(is_variant("centres", &none));
        assert!(!is_variant("watremark", &none));
        assert!(is_variant("regularisation", &none));
        assert!(is_variant("reindexing", &none));
        assert!(is_variant("subtasks", &none));
        assert!(is_variant("docstrings", &none));
        assert!(!is_variant("abtain", &none));
        assert!(!is_variant("roled", &none));
        assert!(is_variant("kafkas", &|w| w == "kafka"));
    }

    #[test]
    fn run_together_words_split_at_a_small_word() {
        let split = |w: &str| run_together(w).map(|c| c.word);
        assert_eq!(split("acoin").as_deref(), Some("a coin"));
        assert_eq!(split("instock").as_deref(), Some("in stock"));
        assert_eq!(split("monunique"), None);
        assert!(is_compound("datacheck"));
        assert!(!is_compound("monunique"));
    }

    #[test]
    fn likelier_slips_come_first() {
        let fixes = |w: &str| typo_corrections(w, 1, false, false).unwrap_or_default();
        assert_eq!(fixes("roled")[0], "rolled");
        assert_eq!(fixes("averge")[0], "average");
        assert_eq!(fixes("emasure")[0], "measure");
        assert_eq!(fixes("acoin")[0], "a coin");
        assert_eq!(fixes("instock")[0], "in stock");
        assert!(neighbours(b'r', b't') && neighbours(b'a', b'z') && !neighbours(b'a', b'p'));
        // Its own stem is no correction of a word.
        assert_eq!(typo_corrections("thresholded", 1, false, false), None);
    }

    /// The slots of `line` as read before: the line masked (code turned to
    /// backticks, spaces inside it too), split at spaces, and every three
    /// tokens in a row looked at.
    fn slots_of_masked_tokens(line: &str) -> Vec<(usize, String, String, String)> {
        let trimmed = line.trim_end().as_bytes();
        let slot_at = |w: &[u8]| {
            let [b' ', first, second, b' '] = *w else {
                return false;
            };
            first.is_ascii_lowercase()
                && second.is_ascii_lowercase()
                && (first == b'a' || second == b'a' || second == b'n')
        };
        if !trimmed.windows(4).any(slot_at) || is_code_line(line) {
            return Vec::new();
        }
        let mut masked = trimmed.to_vec();
        let mut inside: Option<u8> = None;
        for b in &mut masked {
            match (inside, *b) {
                (None, b'`') => inside = Some(b'`'),
                (None, b'{') => inside = Some(b'}'),
                (None, b'<') => inside = Some(b'>'),
                (Some(close), c) if c == close => inside = None,
                _ => {}
            }
            if inside.is_some() || matches!(*b, b'`' | b'}' | b'>') {
                *b = b'`';
            }
        }
        let mut tokens = Vec::new();
        let mut offset = 0;
        for token in masked.split(|&b| b == b' ') {
            tokens.push((offset, token));
            offset += token.len() + 1;
        }
        let letters = |w: &[u8]| !w.is_empty() && w.iter().all(u8::is_ascii_alphabetic);
        let text = |w: &[u8]| String::from_utf8(w.to_vec()).unwrap();
        let mut slots = Vec::new();
        for window in tokens.windows(3) {
            let [(_, before), (at, word), (_, mut after)] = *window else {
                continue;
            };
            while let [rest @ .., b'.' | b',' | b';' | b':' | b'!' | b'?'] = after {
                after = rest;
            }
            if word.len() == 2
                && word.iter().all(u8::is_ascii_lowercase)
                && word != b"an"
                && letters(before)
                && letters(after)
                && slot_at(&[b' ', word[0], word[1], b' '])
            {
                slots.push((at, text(before), text(word), text(after)));
            }
        }
        slots
    }

    #[test]
    fn slots_read_from_the_raw_line_are_those_of_the_masked_one() {
        let pieces = [
            "on", "in", "as", "at", "an", "is", "a", "On", "ETL", "integer", "x", " ", " ", " ",
            "  ", ".", ",", "!", "`", "{", "}", "<", ">", "{{", "}}", "é", "\t", "$ ", "\u{2500}",
            "` x", "{ x", "< x", "x `", "x }", "x >", " on x", " in ETL", " at x.", " as x ",
        ];
        let mut lines = crate::lint::prose::tests::mixed_texts(&pieces, 6000);
        lines.push("Each row contains on integer.".to_owned());
        lines.push("See `x on y` and <a on b> or {on in} then on it.\n".to_owned());
        lines.push("See ` x on y ` and { a in b } or < c at d > then x on it.".to_owned());
        for line in &lines {
            let mut slots = Vec::new();
            each_slot(line, |at, before, word, after| {
                slots.push((at, before.to_owned(), word.to_owned(), after.to_owned()));
            });
            assert_eq!(slots, slots_of_masked_tokens(line), "{line:?}");
        }
    }

    #[test]
    fn spaces_three_apart_are_all_found() {
        let lines = crate::lint::prose::tests::mixed_texts(&[" ", "a", "bc", "  ", "\u{a0}"], 3000);
        for line in &lines {
            let bytes = line.as_bytes();
            let expected: Vec<usize> = (0..bytes.len().saturating_sub(3))
                .filter(|&p| bytes[p] == b' ' && bytes[p + 3] == b' ')
                .collect();
            assert_eq!(
                spaces_three_apart(bytes).collect::<Vec<_>>(),
                expected,
                "{line:?}"
            );
        }
    }

    #[test]
    fn seen_words_short_and_long_are_told_apart() {
        let mut seen = SeenWords::default();
        let words = ["a", "ab", "abc", "ab'c", "abcdefg", "abcdefgh", "abcdefghi"];
        for (n, word) in words.iter().enumerate() {
            seen.insert(word, (Seen::Known, n));
        }
        for (n, word) in words.iter().enumerate() {
            assert_eq!(seen.get(word).map(|s| s.1), Some(n), "{word}");
        }
        seen.get_mut("abcdefg").unwrap().1 += 10;
        assert_eq!(seen.get("abcdefg").map(|s| s.1), Some(14));
        assert!(seen.get("abcd").is_none() && seen.get("abcdefgj").is_none());
    }

    #[test]
    fn code_names_split_at_humps_and_underscores() {
        let code = "spark.read.getOrCreate(df_tmp, HTTPServer)\n".to_owned();
        let names = CodeNames {
            lower: code.to_ascii_lowercase(),
            code,
        };
        for name in [
            "getorcreate",
            "get",
            "create",
            "spark",
            "read",
            "tmp",
            "httpserver",
            "server",
        ] {
            assert!(names.has(name), "{name}");
        }
        assert!(!names.has("eador") && !names.has("reat"));
        assert_eq!(strip_comment("x = 1  # calcualte", "python"), "x = 1  ");
        assert_eq!(inline_code("use `a` and ``b`c``"), ["a", "b`c"]);
    }
}
