//! The words the spelling rules know: English from SCOWL (size 60 as
//! common words, size 80 as rare ones) and technical vocabulary (cspell's
//! software, data and product dictionaries, and exambank's own list), all
//! compiled by `build.rs` into one finite-state map inside the binary.
//!
//! The map is read where it lies: the first lookup costs nothing to load,
//! and a run that spells nothing never touches it. Words are compared in
//! lower case: capitalisation is not spelling.

use std::sync::OnceLock;

use fst::raw::{CompiledAddr, Fst, Output};

/// In SCOWL's en_US at size 60 (the Hunspell dictionary): words a writer
/// means, the only ones offered as corrections.
pub const COMMON: u64 = 1;
/// In SCOWL at size 80 only: real, rarely meant words (`paca`, `shammy`).
/// Known, never offered as a correction.
#[cfg(test)]
pub const RARE: u64 = 2;
/// In a technical vocabulary (`dataframe`, `kubectl`, `docstring`).
pub const TECHNICAL: u64 = 4;
/// In SCOWL at size 35: the words most writing uses.
pub const FREQUENT: u64 = 8;
/// English writes it only with a capital: a name (`Monique`).
pub const NAME: u64 = 16;
/// A rare word one slip from a word written a thousand times as often
/// (`wold`, `fro`): see [`slips`].
pub const SLIP: u64 = 32;

static WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"));
static BIGRAMS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bigrams.fst"));
static SLIPS: &str = include_str!("../../dict/frequency/slips.txt");

/// The compiled map, or `None` if it is unreadable (then spelling is quiet
/// rather than wrong).
fn words() -> Option<&'static Fst<&'static [u8]>> {
    static MAP: OnceLock<Option<Fst<&'static [u8]>>> = OnceLock::new();
    MAP.get_or_init(|| Fst::new(WORDS).ok()).as_ref()
}

/// How often books write `a b` (both lower case), from Google Books
/// Ngram counts; 0 when the pair is not among the quarter million most
/// frequent.
#[must_use]
pub fn bigram(a: &str, b: &str) -> u64 {
    static MAP: OnceLock<Option<fst::Map<&'static [u8]>>> = OnceLock::new();
    let Some(map) = MAP.get_or_init(|| fst::Map::new(BIGRAMS).ok()).as_ref() else {
        return 0;
    };
    let mut key = String::with_capacity(a.len() + b.len() + 1);
    key.push_str(a);
    key.push(' ');
    key.push_str(b);
    map.get(key).unwrap_or(0)
}

/// For a word flagged [`SLIP`] (lower case): the common words one edit
/// from it, keeping its first letter, that books write at least 1024
/// times as often, most frequent first (`wold`: `would`, `world`).
#[must_use]
pub fn slips(word: &str) -> &'static [&'static str] {
    static MAP: OnceLock<rustc_hash::FxHashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    MAP.get_or_init(|| {
        SLIPS
            .lines()
            .filter_map(|line| {
                let mut words = line.split(' ');
                Some((words.next()?, words.collect()))
            })
            .collect()
    })
    .get(word)
    .map_or(&[], Vec::as_slice)
}

/// The lists `word` is in (a union of the flags above; 0 when none).
/// `word` must be in lower case.
#[must_use]
pub fn lookup(word: &str) -> u64 {
    words()
        .and_then(|map| map.get(word))
        .map_or(0, Output::value)
}

/// Whether some list has `word` (lower case).
#[must_use]
pub fn is_known(word: &str) -> bool {
    lookup(word) != 0
}

/// Whether `word` (lower case) is a common English word.
#[must_use]
pub fn is_common(word: &str) -> bool {
    lookup(word) & COMMON != 0
}

static TYPOS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/typos.fst"));
static TYPO_FIXES: &str = include_str!(concat!(env!("OUT_DIR"), "/typos.txt"));

/// The `typos` project's misspellings, each to the offset of its
/// corrections in [`TYPO_FIXES`] (compiled by `build.rs`).
fn typos() -> Option<&'static Fst<&'static [u8]>> {
    static MAP: OnceLock<Option<Fst<&'static [u8]>>> = OnceLock::new();
    MAP.get_or_init(|| Fst::new(TYPOS).ok()).as_ref()
}

/// Where the corrections of `word` start, when `word` (in any case) is a
/// misspelling the `typos` project lists.
fn typo_entry(word: &str) -> Option<usize> {
    let map = typos()?;
    let found = if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
        map.get(word.to_lowercase())
    } else {
        map.get(word)
    };
    found.and_then(|out| usize::try_from(out.value()).ok())
}

/// Whether `word` (in any case) is a misspelling the `typos` project lists.
#[must_use]
pub fn is_misspelling(word: &str) -> bool {
    typo_entry(word).is_some()
}

/// The corrections the `typos` project gives for `word` (in any case), in
/// its order, when it lists `word` as a misspelling.
#[must_use]
pub fn misspelling_fixes(word: &str) -> Option<Vec<String>> {
    let start = typo_entry(word)?;
    let line = TYPO_FIXES.get(start..)?.split('\n').next().unwrap_or("");
    Some(line.split('\t').map(str::to_owned).collect())
}

/// A word of the lists near a misspelled one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub word: String,
    /// Edits from the misspelled word.
    pub distance: usize,
    /// Its flags (the constants above).
    pub flags: u64,
}

/// The common words at most `max` edits from `word` (lower case ASCII):
/// a letter inserted, deleted or replaced, or two neighbours swapped,
/// counted as in the optimal string alignment distance. With
/// `same_first`, only words that start with the same letter; with
/// `names`, names too. In the order of the map.
#[must_use]
pub fn corrections(word: &str, max: usize, same_first: bool, names: bool) -> Vec<Candidate> {
    let Some(map) = words() else {
        return Vec::new();
    };
    let target = word.as_bytes();
    let mut walk = Walk {
        fst: map,
        target,
        max,
        names,
        found: Vec::new(),
        prefix: Vec::new(),
        rows: (0..=target.len()).collect(),
    };
    let root = map.root();
    if same_first {
        let Some(i) = target.first().and_then(|&first| root.find_input(first)) else {
            return Vec::new();
        };
        let t = root.transition(i);
        walk.step(t.inp, t.out, t.addr);
    } else {
        for t in root.transitions() {
            walk.step(t.inp, t.out, t.addr);
        }
    }
    walk.found
}

/// A depth-first walk of the map that keeps one row of the edit-distance
/// table per letter of the path (row `d` in `rows[d * width..]`) and
/// abandons a branch once every cell of its row exceeds the bound.
struct Walk<'a> {
    fst: &'a Fst<&'static [u8]>,
    target: &'a [u8],
    max: usize,
    names: bool,
    found: Vec<Candidate>,
    prefix: Vec<u8>,
    rows: Vec<usize>,
}

impl Walk<'_> {
    /// Extends the path by `letter`, whose node is at `addr`.
    fn step(&mut self, letter: u8, out: Output, addr: CompiledAddr) {
        let target = self.target;
        let width = target.len() + 1;
        let depth = self.prefix.len() + 1;
        if self.rows.len() < (depth + 1) * width {
            self.rows.resize((depth + 1) * width, 0);
        }
        let previous = self.prefix.last().copied();
        let (done, rest) = self.rows.split_at_mut(depth * width);
        let row = &done[(depth - 1) * width..];
        let above = depth
            .checked_sub(2)
            .map(|d| &done[d * width..(d + 1) * width]);
        let next = &mut rest[..width];
        next[0] = row[0] + 1;
        let mut least = next[0];
        for j in 1..width {
            let cost = usize::from(target[j - 1] != letter);
            let mut cell = (row[j] + 1).min(next[j - 1] + 1).min(row[j - 1] + cost);
            if let (Some(above), Some(previous)) = (above, previous)
                && j > 1
                && target[j - 1] == previous
                && target[j - 2] == letter
            {
                cell = cell.min(above[j - 2] + 1);
            }
            next[j] = cell;
            least = least.min(cell);
        }
        if least > self.max {
            return;
        }
        let distance = next[width - 1];
        let node = self.fst.node(addr);
        self.prefix.push(letter);
        if node.is_final() && distance <= self.max {
            let flags = out.cat(node.final_output()).value();
            let wanted = flags & COMMON != 0 && (self.names || flags & NAME == 0);
            if let (true, Ok(word)) = (wanted, std::str::from_utf8(&self.prefix)) {
                self.found.push(Candidate {
                    word: word.to_owned(),
                    distance,
                    flags,
                });
            }
        }
        for t in node.transitions() {
            self.step(t.inp, out.cat(t.out), t.addr);
        }
        self.prefix.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_compiled_in() {
        assert_ne!(lookup("receive") & COMMON, 0);
        assert_eq!(lookup("paca") & COMMON, 0);
        assert_ne!(lookup("paca") & RARE, 0);
        assert_ne!(lookup("dataframe") & TECHNICAL, 0);
        assert_ne!(lookup("idempotent") & TECHNICAL, 0);
        assert_eq!(lookup("recieve"), 0);
    }

    #[test]
    fn misspellings_are_compiled_in_with_their_fixes() {
        assert!(is_misspelling("recieve"));
        assert!(is_misspelling("Recieve"));
        assert!(!is_misspelling("receive"));
        assert_eq!(
            misspelling_fixes("RECIEVE"),
            Some(vec!["receive".to_owned()])
        );
        assert_eq!(misspelling_fixes("receive"), None);
    }

    #[test]
    fn rare_words_near_common_ones_and_pairs_are_compiled_in() {
        assert_ne!(lookup("wold") & SLIP, 0);
        assert!(slips("wold").contains(&"world"));
        assert_eq!(lookup("world") & SLIP, 0);
        assert!(slips("world").is_empty());
        assert!(bigram("real", "world") > bigram("real", "wold"));
        assert_eq!(bigram("real", "wold"), 0);
    }

    #[test]
    fn corrections_are_common_words_near_the_word() {
        let near = |w: &str, max, first| -> Vec<String> {
            corrections(w, max, first, false)
                .into_iter()
                .map(|c| c.word)
                .collect()
        };
        assert!(near("yuear", 1, false).contains(&"year".to_owned()));
        // A swap is one edit.
        assert!(near("emasure", 1, false).contains(&"measure".to_owned()));
        assert!(near("termininology", 2, true).contains(&"terminology".to_owned()));
        assert_eq!(near("terminology", 0, false), ["terminology"]);
        // Rare words and names are never offered, unless names are asked for.
        assert!(!near("pacca", 1, false).contains(&"paca".to_owned()));
        assert!(!near("moniqe", 1, false).contains(&"monique".to_owned()));
        assert!(
            corrections("moniqe", 1, false, true)
                .iter()
                .any(|c| c.word == "monique")
        );
        assert!(near("obstract", 1, true).iter().all(|w| w.starts_with('o')));
        assert_ne!(lookup("the") & FREQUENT, 0);
        assert_ne!(lookup("monique") & NAME, 0);
    }
}
