//! Compiles the word lists under `dict/` into one finite-state map (`fst`)
//! that the spelling rules read in place from the binary: nothing is parsed
//! or allocated when a check starts.
//!
//! Each word, in lower case, maps to bit flags (`src/lint/words.rs` reads
//! them): the lists it is in (English of SCOWL size 35, 60 or 80, a
//! technical vocabulary), whether English writes it only with a capital
//! (a name), and whether it is a rare word one slip from a far more common
//! one (`dict/frequency/slips.txt`). A second map holds the counts of pairs
//! of words in books (`dict/frequency/bigrams.txt`), as a hash table. The
//! corrections of the `typos` project's misspellings are a text of lines,
//! and one more hash table holds every word and misspelling, what a check
//! asks of each word of prose: a probe costs a hash and one comparison,
//! where a lookup in the map decodes a node per letter. The map stays for
//! the searches of words near a misspelled one.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

include!("src/lint/word_hash.rs");

const COMMON: u64 = 1;
const RARE: u64 = 2;
const TECHNICAL: u64 = 4;
const FREQUENT: u64 = 8;
const NAME: u64 = 16;
const SLIP: u64 = 32;

fn main() {
    println!("cargo:rerun-if-changed=dict");
    let dict = Path::new("dict");
    let mut lists: Vec<(PathBuf, u64)> = vec![
        (dict.join("en_US/frequent-words.txt"), FREQUENT | COMMON),
        (dict.join("en_US/words.txt"), COMMON),
        (dict.join("en_US/rare-words.txt"), RARE),
        (dict.join("technical-words.txt"), TECHNICAL),
    ];
    let mut technical: Vec<PathBuf> = fs::read_dir(dict.join("technical"))
        .expect("dict/technical is readable")
        .map(|entry| entry.expect("dict/technical is readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    technical.sort();
    lists.extend(technical.into_iter().map(|path| (path, TECHNICAL)));

    let mut words: BTreeMap<String, u64> = BTreeMap::new();
    // English words seen in lower case: the others are names.
    let mut lower_case: BTreeMap<String, bool> = BTreeMap::new();
    for (path, flag) in &lists {
        let text = fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        for line in text.lines() {
            let word = line.split('#').next().unwrap_or("").trim();
            if word.is_empty() {
                continue;
            }
            let key = word.to_lowercase();
            if flag & TECHNICAL == 0 {
                *lower_case.entry(key.clone()).or_default() |=
                    !word.starts_with(char::is_uppercase);
            }
            *words.entry(key).or_default() |= flag;
        }
    }
    for (key, seen) in lower_case {
        if !seen {
            *words.entry(key).or_default() |= NAME;
        }
    }
    // Rare words one slip from a far more common word (`wold`, `fro`).
    let slips = read(&dict.join("frequency/slips.txt"));
    for line in slips.lines() {
        if let Some(flags) = line.split(' ').next().and_then(|w| words.get_mut(w)) {
            *flags |= SLIP;
        }
    }

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut builder = fst::MapBuilder::memory();
    for (word, flags) in &words {
        builder
            .insert(word, *flags)
            .expect("a BTreeMap iterates in order");
    }
    let bytes = builder.into_inner().expect("an in-memory map builds");
    fs::write(out.join("words.fst"), bytes).expect("OUT_DIR is writable");
    // The bytes common words are spelled with: what a slip can insert.
    let mut alphabet = [false; 256];
    for (word, flags) in &words {
        if flags & COMMON != 0 {
            for b in word.bytes() {
                alphabet[usize::from(b)] = true;
            }
        }
    }
    let alphabet: Vec<u8> = (0..=255u8).filter(|&b| alphabet[usize::from(b)]).collect();
    fs::write(out.join("alphabet.bin"), alphabet).expect("OUT_DIR is writable");

    // Pairs of words as written in books, with their counts: `a b` -> count.
    let mut pairs: Vec<(String, u64)> = read(&dict.join("frequency/bigrams.txt"))
        .lines()
        .filter_map(|line| {
            let mut cells = line.split(' ');
            let (a, b, count) = (cells.next()?, cells.next()?, cells.next()?);
            Some((
                format!("{} {}", a.to_lowercase(), b.to_lowercase()),
                count.parse().ok()?,
            ))
        })
        .collect();
    pairs.sort();
    pairs.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 += next.1;
        }
        same
    });
    write_table(
        out.as_path(),
        "bigrams",
        pairs
            .iter()
            .map(|(pair, count)| (pair.as_str(), count.to_le_bytes().to_vec())),
    );

    let typos = typos(&out);
    table(&out, &words, &typos);
    slip_table(&out, &slips);
}

/// Writes each rare word of `slips.txt` (`word fix fix...`) with the
/// common words it may be a slip for: `slips.txt` holds their lines
/// (`fix fix...`), and a hash table maps the word to the offset of its
/// line (a `u32`), so that a run reads the one line it asks for where
/// parsing the list into a map would cost it every line.
fn slip_table(out: &Path, slips: &str) {
    let mut fixes: BTreeMap<&str, &str> = BTreeMap::new();
    for line in slips.lines() {
        // A word listed twice keeps its last line; one without fixes has none.
        if let Some((word, line_fixes)) = line.split_once(' ') {
            fixes.insert(word, line_fixes);
        } else {
            fixes.remove(line);
        }
    }
    let mut text = String::new();
    let mut offsets: Vec<(&str, Vec<u8>)> = Vec::new();
    for (word, line_fixes) in fixes {
        let offset = u32::try_from(text.len()).expect("the slips fit 32 bits");
        offsets.push((word, offset.to_le_bytes().to_vec()));
        text.push_str(line_fixes);
        text.push('\n');
    }
    fs::write(out.join("slips.txt"), text).expect("OUT_DIR is writable");
    write_table(out, "slips", offsets.into_iter());
}

/// Writes the hash tables of every word of the lists and every
/// misspelling of the `typos` project, so that a word is judged with one
/// probe. Each entry's payload is the word's flags (a byte), then the
/// offset of its corrections in `typos.txt` (`u32::MAX` when it is no
/// misspelling). The frequent words, most words of any prose, have a
/// small table of their own (`frequent`, probed first): a run reads a few
/// pages of it rather than a page of the whole table per word.
fn table(out: &Path, words: &BTreeMap<String, u64>, typos: &BTreeMap<String, u32>) {
    let mut keys: BTreeMap<&str, (u8, u32)> = BTreeMap::new();
    for (word, flags) in words {
        let flags = u8::try_from(*flags).expect("flags fit a byte");
        keys.insert(word, (flags, u32::MAX));
    }
    for (word, offset) in typos {
        keys.entry(word).or_insert((0, u32::MAX)).1 = *offset;
    }
    fn payload<'k>((word, (flags, offset)): (&&'k str, &(u8, u32))) -> (&'k str, Vec<u8>) {
        let mut payload = vec![*flags];
        payload.extend_from_slice(&offset.to_le_bytes());
        (*word, payload)
    }
    let frequent = |flags: u8| u64::from(flags) & FREQUENT != 0;
    write_table(
        out,
        "frequent",
        keys.iter().filter(|(_, (f, _))| frequent(*f)).map(payload),
    );
    write_table(
        out,
        "words",
        keys.iter().filter(|(_, (f, _))| !frequent(*f)).map(payload),
    );
}

/// Writes an open-addressing hash table of `items` (unique keys, each
/// with a payload of the same length). Slots are twice the keys (at least
/// a [`BLOCK`]), probed one after another; a slot is a `u32`, 0 when
/// empty, else its entry's offset in `NAME.table` plus one, shifted left
/// by 8 bits over the top 8 bits of the key's hash ([`word_hash`]); an
/// entry is the key's length (a byte), the payload, then the key.
/// `NAME.table` holds the slots in blocks of [`BLOCK`], each followed by
/// the entries of its slots, and `NAME.index` the offset of each block
/// (a `u32`): a probe reads the index, small and soon at hand, then one
/// place of the table, where slots and entries apart cost two pages.
fn write_table<'k>(out: &Path, name: &str, items: impl Iterator<Item = (&'k str, Vec<u8>)>) {
    let items: Vec<(&str, Vec<u8>)> = items.collect();
    let slots = (items.len() * 2).next_power_of_two().max(BLOCK);
    let mask = slots - 1;
    // The item in each slot, and the top bits of its key's hash.
    let mut placed: Vec<Option<(usize, u32)>> = vec![None; slots];
    for (i, (key, _)) in items.iter().enumerate() {
        let hash = word_hash(key.as_bytes());
        let mut slot = (hash as usize) & mask;
        while placed[slot].is_some() {
            slot = (slot + 1) & mask;
        }
        placed[slot] = Some((i, (hash >> 56) as u32));
    }
    let mut table: Vec<u8> = Vec::new();
    let mut index: Vec<u8> = Vec::new();
    for block in placed.chunks(BLOCK) {
        let start = table.len();
        index.extend_from_slice(
            &u32::try_from(start)
                .expect("the table fits 32 bits")
                .to_le_bytes(),
        );
        table.resize(start + 4 * block.len(), 0);
        for (k, slot) in block.iter().enumerate() {
            let Some((i, tag)) = *slot else { continue };
            let (key, payload) = &items[i];
            let at = u32::try_from(table.len() + 1).expect("the table fits 24 bits");
            assert!(at < 1 << 24, "the table fits 24 bits");
            table[start + 4 * k..start + 4 * k + 4]
                .copy_from_slice(&((at << 8) | tag).to_le_bytes());
            table.push(u8::try_from(key.len()).expect("a key is under 256 bytes"));
            table.extend_from_slice(payload);
            table.extend_from_slice(key.as_bytes());
        }
    }
    fs::write(out.join(format!("{name}.table")), table).expect("OUT_DIR is writable");
    fs::write(out.join(format!("{name}.index")), index).expect("OUT_DIR is writable");
}

/// Writes the `typos` project's corrections as a text of lines
/// (`fix<TAB>fix...`), and returns each misspelling, in lower case, with
/// the offset of its line: read in place like the word lists, where the
/// list as a Rust table would cost the binary hundreds of thousands of
/// relocations at every start.
fn typos(out: &Path) -> BTreeMap<String, u32> {
    let mut entries: BTreeMap<String, String> = BTreeMap::new();
    for (key, fixes) in typos_dict::WORD.map.entries() {
        let key = key.into_inner().to_lowercase();
        // The list compares case-insensitively: one entry per spelling.
        entries.entry(key).or_insert_with(|| fixes.join("\t"));
    }
    let mut fixes = String::new();
    let mut offsets = BTreeMap::new();
    for (key, joined) in entries {
        let offset = u32::try_from(fixes.len()).expect("the corrections fit 32 bits");
        fixes.push_str(&joined);
        fixes.push('\n');
        offsets.insert(key, offset);
    }
    fs::write(out.join("typos.txt"), fixes).expect("OUT_DIR is writable");
    offsets
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}
