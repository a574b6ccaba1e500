//! Property tests, on a bounded budget, of what the fuzz targets check at
//! length (`fuzz/`): on arbitrary text and on real notes with fences,
//! brackets and headings inserted or deleted, nothing panics, every span lies
//! within the text on character boundaries, lines and columns start at 1,
//! the JSON bank parses, and the same input gives the same output.

mod invariants;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;

/// Pieces of the notes syntax, so that random text reaches deep into the
/// grammar instead of staying prose.
const TOKENS: &[&str] = &[
    "\n",
    "\r\n",
    "\u{feff}",
    "---\n",
    "title: T\n",
    "# 1. ",
    "# 2. ",
    "## ",
    "### ",
    "```",
    "~~~",
    "```python\n",
    "```sql\n",
    "[x]",
    "[X]",
    "[ ]",
    "[]",
    "[ x]",
    "(x)",
    "[",
    "]",
    "(",
    ")",
    "NOTE:",
    "Note: ",
    ": ",
    " - ",
    "1. ",
    "2. ",
    "- ",
    "Group:\n",
    "'",
    "\"",
    "`",
    "/*",
    "--",
    "SELECT * FROM t WHERE a = '",
    "CREATE TABLE t USING delta AS (",
    "import os\n",
    "with open(p) as f:\n",
    "    ",
    "\t",
    "é",
    "✓",
    "𝄞",
    "{{p}}",
    "<t>",
    "&",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(TOKENS).prop_map(str::to_owned),
        2 => "[a-zA-Z0-9 .,?]{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

fn notes_like_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(fragment(), 0..80).prop_map(|parts| parts.concat())
}

/// The real notes: `content/` and every fixture.
fn real_notes() -> &'static [(String, String)] {
    static NOTES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    NOTES.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        for dir in ["content", "tests/fixtures"] {
            collect_md(&root.join(dir), &mut paths);
        }
        paths.sort();
        let notes: Vec<_> = paths
            .iter()
            .map(|p| {
                let name = p.strip_prefix(&root).unwrap_or(p).display().to_string();
                (name, std::fs::read_to_string(p).expect("notes are UTF-8"))
            })
            .collect();
        assert!(notes.len() >= 10, "real notes found: {}", notes.len());
        notes
    })
}

fn collect_md(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a notes directory") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            collect_md(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// An edit of a line of a real notes file.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, &'static str),
    Delete(usize),
    Duplicate(usize),
    /// Cut the file at a byte (moved back to a character boundary).
    Truncate(usize),
}

const INSERTED: &[&str] = &[
    "```",
    "```python",
    "~~~",
    "",
    "# 9. Stray chapter",
    "#",
    "## Stray exercise",
    "## ",
    "### Sub",
    "[x]",
    "[ ]",
    "[]",
    "[",
    "]",
    "(x) A",
    "NOTE:",
    "1. One",
    "Group:",
    "'",
    "/*",
    "if x:",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), proptest::sample::select(INSERTED))
            .prop_map(|(k, s)| Mutation::Insert(k, s)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let mut cut = None;
    for m in mutations {
        let n = lines.len().max(1);
        match *m {
            Mutation::Insert(k, s) => lines.insert(k % (n + 1), s.to_owned()),
            Mutation::Delete(k) if !lines.is_empty() => drop(lines.remove(k % n)),
            Mutation::Duplicate(k) if !lines.is_empty() => {
                let line = lines[k % n].clone();
                lines.insert(k % n, line);
            }
            Mutation::Truncate(k) => cut = Some(k),
            _ => {}
        }
    }
    let mut text = lines.join("\n");
    if let Some(k) = cut {
        let mut at = k % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.truncate(at);
    }
    text
}

/// Every invariant on one text.
fn assert_all(path: &str, text: &str) {
    invariants::assert_parse(text);
    let checked = invariants::assert_check(path, text);
    let bank = invariants::bank_of(&checked);
    invariants::assert_export(invariants::exporter("json"), &bank, invariants::json_parses);
    for xml in ["qti21", "qti30", "qti12", "moodle"] {
        invariants::assert_export(
            invariants::exporter(xml),
            &bank,
            invariants::xml_well_formed,
        );
    }
    for text in ["gift", "html"] {
        invariants::assert_export(invariants::exporter(text), &bank, invariants::text_output);
    }
    // Same input, same output.
    let again = invariants::assert_check(path, text);
    assert_eq!(
        format!("{:?}", checked.findings),
        format!("{:?}", again.findings)
    );
    let json = |b| exambank::export::json::to_json(b).expect("the bank serializes");
    assert_eq!(json(&bank), json(&invariants::bank_of(&again)));
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_text_keeps_every_invariant(text in notes_like_text()) {
        assert_all("arbitrary.md", &text);
    }

    #[test]
    fn mutated_real_notes_keep_every_invariant(
        file in any::<proptest::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..8),
    ) {
        let notes = real_notes();
        let (name, text) = &notes[file.index(notes.len())];
        assert_all(name, &apply(text, &mutations));
    }
}

/// The unmutated real notes too: every file, every invariant.
#[test]
fn real_notes_keep_every_invariant() {
    for (name, text) in real_notes() {
        assert_all(name, text);
    }
}

/// Inputs on which a fuzz target once failed (`fuzz/artifacts/`), named
/// after the target and the bug; read as the fuzz targets read their bytes.
#[test]
fn fuzz_regressions_keep_every_invariant() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("the regressions") {
        let path = entry.expect("an entry").path();
        let bytes = std::fs::read(&path).expect("a regression input");
        assert_all("fuzz.md", &String::from_utf8_lossy(&bytes));
        count += 1;
    }
    assert!(count > 0);
}
