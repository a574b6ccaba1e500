//! The words the spelling rules know: English from SCOWL (size 60 as
//! common words, size 80 as rare ones) and technical vocabulary (cspell's
//! software, data and product dictionaries, and exambank's own list), all
//! compiled by `build.rs` into a hash table inside the binary, for looking
//! words up, and a finite-state map, for searching the words near one.
//!
//! Both are read where they lie: the first lookup costs nothing to load,
//! and a run that spells nothing never touches them. Words are compared in
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

/// The hash of the word table, shared with `build.rs`.
#[path = "word_hash.rs"]
mod word_hash;

static WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"));
/// The words of the lists flagged [`FREQUENT`], in a hash table built by
/// `build.rs` (see [`Table`]); an entry's payload is the word's flags,
/// then the offset of its corrections in [`TYPO_FIXES`] (`u32::MAX` when
/// none). Most words of prose are among them: probed first, a small table
/// whose pages a run soon has at hand.
static FREQUENT_TABLE: Table = Table {
    index: include_bytes!(concat!(env!("OUT_DIR"), "/frequent.index")),
    table: include_bytes!(concat!(env!("OUT_DIR"), "/frequent.table")),
    payload: 5,
};
/// The other words of the lists and the misspellings of the `typos`
/// project, as in [`FREQUENT_TABLE`].
static WORD_TABLE: Table = Table {
    index: include_bytes!(concat!(env!("OUT_DIR"), "/words.index")),
    table: include_bytes!(concat!(env!("OUT_DIR"), "/words.table")),
    payload: 5,
};
/// The pairs of words as written in books (`a b`), each with its count as
/// eight bytes.
static BIGRAM_TABLE: Table = Table {
    index: include_bytes!(concat!(env!("OUT_DIR"), "/bigrams.index")),
    table: include_bytes!(concat!(env!("OUT_DIR"), "/bigrams.table")),
    payload: 8,
};
/// The bytes common words are spelled with, in order.
static ALPHABET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/alphabet.bin"));

/// An open-addressing hash table compiled by `build.rs`, read in place: a
/// slot is a `u32`, 0 when empty, else an entry's offset in `table` plus
/// one, shifted left by 8 bits over the top 8 bits of the key's hash; an
/// entry is the key's length (a byte), `payload` bytes, then the key.
/// `table` holds the slots in blocks of [`word_hash::BLOCK`], each
/// followed by the entries of its slots (a slot and its entry share a
/// page), and `index` the offset of each block in `table`, as a `u32`.
struct Table {
    index: &'static [u8],
    table: &'static [u8],
    payload: usize,
}

/// The `u32` at `at` in `bytes`.
fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

impl Table {
    /// The payload of `key`. One probe: a hash, then a comparison per
    /// slot whose tag matches.
    fn probe(&self, key: &[u8]) -> Option<&'static [u8]> {
        use word_hash::BLOCK;
        let count = self.index.len() / 4 * BLOCK;
        if count == 0 {
            return None;
        }
        let mask = count - 1;
        let hash = word_hash::word_hash(key);
        let tag = (hash >> 56) as u32;
        let mut slot = (hash as usize) & mask;
        loop {
            let block = u32_at(self.index, slot / BLOCK * 4)? as usize;
            let value = u32_at(self.table, block + slot % BLOCK * 4)?;
            if value == 0 {
                return None;
            }
            if value & 0xff == tag {
                let start = (value >> 8) as usize - 1;
                let len = usize::from(*self.table.get(start)?);
                let key_at = start + 1 + self.payload;
                if len == key.len() && self.table.get(key_at..key_at + len)? == key {
                    return self.table.get(start + 1..key_at);
                }
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// The flags of `word` (lower case) and where its corrections start when
/// the `typos` project lists it as a misspelling; `None` when the table
/// has neither.
fn entry(word: &[u8]) -> Option<(u64, Option<usize>)> {
    let payload = FREQUENT_TABLE
        .probe(word)
        .or_else(|| WORD_TABLE.probe(word))?;
    let fixes = u32::from_le_bytes(payload.get(1..5)?.try_into().ok()?);
    let fixes = (fixes != u32::MAX).then_some(fixes as usize);
    Some((u64::from(payload[0]), fixes))
}

/// The rare words of `dict/frequency/slips.txt`, each with the offset of
/// its line in [`SLIP_FIXES`] (a `u32`), in a hash table built by
/// `build.rs`.
static SLIP_TABLE: Table = Table {
    index: include_bytes!(concat!(env!("OUT_DIR"), "/slips.index")),
    table: include_bytes!(concat!(env!("OUT_DIR"), "/slips.table")),
    payload: 4,
};
/// The common words each rare word may be a slip for, a line per word
/// (`fix fix...`), compiled by `build.rs`.
static SLIP_FIXES: &str = include_str!(concat!(env!("OUT_DIR"), "/slips.txt"));

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
    // Pairs are short: the key is put together on the stack.
    let mut key = [0u8; 64];
    let len = a.len() + b.len() + 1;
    let Some(key) = key.get_mut(..len) else {
        let mut long = Vec::with_capacity(len);
        long.extend_from_slice(a.as_bytes());
        long.push(b' ');
        long.extend_from_slice(b.as_bytes());
        return count(BIGRAM_TABLE.probe(&long));
    };
    key[..a.len()].copy_from_slice(a.as_bytes());
    key[a.len()] = b' ';
    key[a.len() + 1..].copy_from_slice(b.as_bytes());
    count(BIGRAM_TABLE.probe(key))
}

/// A pair's count, from its payload.
fn count(payload: Option<&[u8]>) -> u64 {
    payload
        .and_then(|p| p.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

/// For a word flagged [`SLIP`] (lower case): the common words one edit
/// from it, keeping its first letter, that books write at least 1024
/// times as often, most frequent first (`wold`: `would`, `world`).
pub fn slips(word: &str) -> impl Iterator<Item = &'static str> {
    let line = SLIP_TABLE
        .probe(word.as_bytes())
        .and_then(|payload| payload.try_into().ok())
        .map(|offset| u32::from_le_bytes(offset) as usize)
        .and_then(|start| SLIP_FIXES.get(start..)?.split('\n').next());
    line.into_iter().flat_map(|line| line.split(' '))
}

/// The lists `word` is in (a union of the flags above; 0 when none).
/// `word` must be in lower case.
#[must_use]
pub fn lookup(word: &str) -> u64 {
    entry(word.as_bytes()).map_or(0, |(flags, _)| flags)
}

/// The lists `word` (lower case) is in, as [`lookup`] tells, and whether
/// the `typos` project lists it as a misspelling: one probe for both.
#[must_use]
pub fn lookup_and_misspelling(word: &str) -> (u64, bool) {
    entry(word.as_bytes()).map_or((0, false), |(flags, fixes)| (flags, fixes.is_some()))
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

/// The `typos` project's corrections, a line per misspelling
/// (`fix<TAB>fix...`), compiled by `build.rs`.
static TYPO_FIXES: &str = include_str!(concat!(env!("OUT_DIR"), "/typos.txt"));

/// Where the corrections of `word` start, when `word` (in any case) is a
/// misspelling the `typos` project lists.
fn typo_entry(word: &str) -> Option<usize> {
    let found = if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
        entry(word.to_lowercase().as_bytes())
    } else {
        entry(word.as_bytes())
    };
    found.and_then(|(_, fixes)| fixes)
}

/// Whether `word` (in any case) is a misspelling the `typos` project lists.
#[cfg(test)]
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
    if max <= 1 {
        return near_by_one(word, max, same_first, names);
    }
    walk(word, max, same_first, names)
}

/// [`corrections`] by a walk of the map, at any bound.
fn walk(word: &str, max: usize, same_first: bool, names: bool) -> Vec<Candidate> {
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

/// [`corrections`] at most one edit away: every word one deletion,
/// swap of neighbours, replacement or insertion from `word` is looked up
/// in the table (a few hundred probes), where a walk of the map decodes
/// every node within one edit of a prefix. The same words, in the order of
/// the map (byte order).
fn near_by_one(word: &str, max: usize, same_first: bool, names: bool) -> Vec<Candidate> {
    let target = word.as_bytes();
    let mut found: Vec<Candidate> = Vec::new();
    let mut consider = |candidate: &[u8], distance: usize| {
        if same_first && candidate.first() != target.first() {
            return;
        }
        let Some((flags, _)) = entry(candidate) else {
            return;
        };
        let wanted = flags & COMMON != 0 && (names || flags & NAME == 0);
        if let (true, Ok(word)) = (wanted, std::str::from_utf8(candidate)) {
            found.push(Candidate {
                word: word.to_owned(),
                distance,
                flags,
            });
        }
    };
    consider(target, 0);
    if max == 1 {
        // One byte edited in ASCII is ASCII or no text: other bytes are
        // tried only on a word that has some.
        let alphabet = if word.is_ascii() {
            &ALPHABET[..ALPHABET.partition_point(u8::is_ascii)]
        } else {
            ALPHABET
        };
        let n = target.len();
        let mut buf: Vec<u8> = Vec::with_capacity(n + 1);
        for i in 0..n {
            buf.clear();
            buf.extend_from_slice(&target[..i]);
            buf.extend_from_slice(&target[i + 1..]);
            consider(&buf, 1);
        }
        for i in 1..n {
            if target[i - 1] != target[i] {
                buf.clear();
                buf.extend_from_slice(target);
                buf.swap(i - 1, i);
                consider(&buf, 1);
            }
        }
        buf.clear();
        buf.extend_from_slice(target);
        for i in 0..n {
            for &c in alphabet {
                if c != target[i] {
                    buf[i] = c;
                    consider(&buf, 1);
                }
            }
            buf[i] = target[i];
        }
        for i in 0..=n {
            buf.clear();
            buf.extend_from_slice(&target[..i]);
            buf.push(0);
            buf.extend_from_slice(&target[i..]);
            for &c in alphabet {
                buf[i] = c;
                consider(&buf, 1);
            }
        }
    }
    // A doubled letter deleted at either place is one word.
    found.sort_unstable_by(|a, b| a.word.cmp(&b.word));
    found.dedup_by(|a, b| a.word == b.word);
    found
}

/// A depth-first walk of the map that keeps one row of the edit-distance
/// table per letter of the path (row `d` in `rows[d * width..]`), computes
/// only its band around the diagonal, and abandons a branch once every
/// cell of its row exceeds the bound.
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
        // Only the cells within `max` of the diagonal can be within `max`:
        // the others are read as `max + 1`, which the cells just outside
        // the band hold (those beyond are never read).
        let beyond = self.max + 1;
        let low = depth.saturating_sub(self.max).max(1);
        let high = (depth + self.max).min(width - 1);
        if low > high {
            // The path is longer than the word by more than `max`.
            return;
        }
        if low >= 2 {
            next[low - 1] = beyond;
        }
        if high + 1 < width {
            next[high + 1] = beyond;
        }
        for j in low..=high {
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
        let distance = if high == width - 1 {
            next[width - 1]
        } else {
            beyond
        };
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
        assert!(slips("wold").any(|w| w == "world"));
        assert_eq!(lookup("world") & SLIP, 0);
        assert_eq!(slips("world").count(), 0);
        assert!(bigram("real", "world") > bigram("real", "wold"));
        assert_eq!(bigram("real", "wold"), 0);
    }

    #[test]
    fn probing_each_edit_finds_what_the_walk_finds() {
        let words = [
            "yuear",
            "emasure",
            "recieve",
            "teh",
            "averge",
            "roled",
            "acoin",
            "moniqe",
            "obstract",
            "thresholded",
            "kimmball",
            "aaple",
            "committe",
            "a",
            "ab",
            "terminology",
            "dont",
            "caf\u{e9}s",
            "na\u{ef}ve",
            "x",
        ];
        for word in words {
            for (max, same_first, names) in [(1, false, false), (1, true, true), (0, false, true)] {
                assert_eq!(
                    near_by_one(word, max, same_first, names),
                    walk(word, max, same_first, names),
                    "{word} {max} {same_first} {names}"
                );
            }
        }
    }

    #[test]
    fn the_banded_walk_finds_every_word_two_edits_away() {
        use fst::{IntoStreamer, Streamer};
        let map = fst::Map::new(WORDS).unwrap();
        for word in ["termininology", "recieving", "obstractions", "kimmballs"] {
            let mut expected = Vec::new();
            let mut stream = map.stream().into_stream();
            while let Some((key, flags)) = stream.next() {
                let key = std::str::from_utf8(key).unwrap();
                if key.is_ascii()
                    && key.as_bytes()[0] == word.as_bytes()[0]
                    && flags & COMMON != 0
                    && flags & NAME == 0
                    && strsim::osa_distance(key, word) <= 2
                {
                    expected.push((key.to_owned(), strsim::osa_distance(key, word)));
                }
            }
            let found: Vec<(String, usize)> = walk(word, 2, true, false)
                .into_iter()
                .filter(|c| c.word.is_ascii())
                .map(|c| (c.word, c.distance))
                .collect();
            assert_eq!(found, expected, "{word}");
        }
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
