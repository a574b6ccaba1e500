//! Compiles the word lists under `dict/` into one finite-state map (`fst`)
//! that the spelling rules read in place from the binary: nothing is parsed
//! or allocated when a check starts.
//!
//! Each word, in lower case, maps to bit flags (`src/lint/words.rs` reads
//! them): the lists it is in (English of SCOWL size 35, 60 or 80, a
//! technical vocabulary), whether English writes it only with a capital
//! (a name), and whether it is a rare word one slip from a far more common
//! one (`dict/frequency/slips.txt`). A second map holds the counts of pairs
//! of words in books (`dict/frequency/bigrams.txt`), and a third the
//! `typos` project's misspellings with their corrections.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

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
    let slips = dict.join("frequency/slips.txt");
    for line in read(&slips).lines() {
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
    let mut builder = fst::MapBuilder::memory();
    for (pair, count) in &pairs {
        builder.insert(pair, *count).expect("sorted and unique");
    }
    let bytes = builder.into_inner().expect("an in-memory map builds");
    fs::write(out.join("bigrams.fst"), bytes).expect("OUT_DIR is writable");

    typos(&out);
}

/// Compiles the `typos` project's list of misspellings into a map from
/// each misspelling, in lower case, to the offset of its corrections in a
/// text of lines (`fix<TAB>fix...`): read in place like the word lists,
/// where the list as a Rust table would cost the binary hundreds of
/// thousands of relocations at every start.
fn typos(out: &Path) {
    let mut entries: BTreeMap<String, String> = BTreeMap::new();
    for (key, fixes) in typos_dict::WORD.map.entries() {
        let key = key.into_inner().to_lowercase();
        // The list compares case-insensitively: one entry per spelling.
        entries.entry(key).or_insert_with(|| fixes.join("\t"));
    }
    let mut fixes = String::new();
    let mut builder = fst::MapBuilder::memory();
    for (key, joined) in &entries {
        builder
            .insert(key, fixes.len() as u64)
            .expect("a BTreeMap iterates in order");
        fixes.push_str(joined);
        fixes.push('\n');
    }
    let bytes = builder.into_inner().expect("an in-memory map builds");
    fs::write(out.join("typos.fst"), bytes).expect("OUT_DIR is writable");
    fs::write(out.join("typos.txt"), fixes).expect("OUT_DIR is writable");
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}
