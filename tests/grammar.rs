//! The grammar file and the parser name the same productions: every
//! production of `grammar/notes.ebnf` names a parser function in
//! `src/parse/`, every name a production uses is a production, and every
//! parser function that reads a shape of the notes (it returns a node of
//! the AST, a line production's `IResult`, or what a shape is decided by)
//! is a production.

mod common;

use std::collections::BTreeSet;

/// The productions of an ISO 14977 grammar: each defined name with the
/// names its definition uses. Terminals (`"..."`, `'...'`), special
/// sequences (`? ... ?`) and comments (`(* ... *)`) are skipped.
fn productions(grammar: &str) -> Vec<(String, BTreeSet<String>)> {
    let mut out = Vec::new();
    let mut chars = grammar.chars().peekable();
    let mut name: Option<String> = None;
    let mut uses = BTreeSet::new();
    let mut word = String::new();
    let mut defining = false;
    while let Some(c) = chars.next() {
        match c {
            '(' if chars.peek() == Some(&'*') => {
                end_word(&mut word, defining, &mut name, &mut uses);
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == ')' {
                        break;
                    }
                    last = c;
                }
            }
            '"' | '\'' | '?' => {
                end_word(&mut word, defining, &mut name, &mut uses);
                for d in chars.by_ref() {
                    if d == c {
                        break;
                    }
                }
            }
            '=' if !defining => {
                end_word(&mut word, defining, &mut name, &mut uses);
                defining = true;
            }
            ';' => {
                end_word(&mut word, defining, &mut name, &mut uses);
                let defined = name.take().expect("a production has a name");
                out.push((defined, std::mem::take(&mut uses)));
                defining = false;
            }
            c if c.is_ascii_alphanumeric() || c == '_' => word.push(c),
            _ => end_word(&mut word, defining, &mut name, &mut uses),
        }
    }
    assert!(!defining, "the grammar ends inside a production");
    out
}

/// Ends the word being read: the name being defined, or one it uses.
fn end_word(
    word: &mut String,
    defining: bool,
    name: &mut Option<String>,
    uses: &mut BTreeSet<String>,
) {
    if word.is_empty() {
        return;
    }
    if defining {
        uses.insert(std::mem::take(word));
    } else {
        *name = Some(std::mem::take(word));
    }
}

/// The top-level functions of a Rust file (not methods, not tests), each
/// with its return type.
fn functions(source: &str) -> Vec<(String, String)> {
    let source = source.split("\n#[cfg(test)]").next().unwrap_or(source);
    let mut out = Vec::new();
    for (at, _) in source.match_indices("fn ") {
        let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
        let before = &source[line_start..at];
        let top_level = [
            "",
            "pub ",
            "pub(crate) ",
            "pub(super) ",
            "const ",
            "pub const ",
        ]
        .contains(&before);
        if !top_level {
            continue;
        }
        let rest = &source[at + 3..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let signature = &rest[..rest.find('{').unwrap_or(rest.len())];
        let returns = signature
            .rsplit_once("->")
            .map_or(String::new(), |(_, r)| r.trim().to_owned());
        out.push((name, returns));
    }
    out
}

/// Return types of the functions that read a shape of the notes.
const SHAPES: &[&str] = &[
    "IResult",
    "Document",
    "FrontMatter",
    "Directive",
    "Fence",
    "Exercise",
    "AnswerBody",
    "ChoiceBlock",
    "CategorizeBlock",
    "OrderBlock",
    "TextBlock",
    "Note",
    "CodePart",
    "CodeLanguage",
    "Tag",
    "HeaderAt",
    "Numbering",
    "Opened",
];

#[test]
fn the_grammar_and_the_parser_name_the_same_productions() {
    let root = common::root();
    let grammar = std::fs::read_to_string(root.join("grammar/notes.ebnf")).expect("the grammar");
    let productions = productions(&grammar);
    let defined: BTreeSet<&str> = productions.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        defined.len(),
        productions.len(),
        "a production is defined twice"
    );

    let mut functions_found = Vec::new();
    for entry in std::fs::read_dir(root.join("src/parse")).expect("src/parse") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).expect("a source file");
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            for (name, returns) in functions(&source) {
                functions_found.push((file.clone(), name, returns));
            }
        }
    }
    let function_names: BTreeSet<&str> =
        functions_found.iter().map(|(_, n, _)| n.as_str()).collect();

    let mut problems = Vec::new();
    for (name, uses) in &productions {
        if !function_names.contains(name.as_str()) {
            problems.push(format!(
                "production `{name}` names no function in src/parse/"
            ));
        }
        for used in uses {
            if !defined.contains(used.as_str()) {
                problems.push(format!("`{name}` uses `{used}`, which is no production"));
            }
        }
    }
    for (file, name, returns) in &functions_found {
        let shape = SHAPES.iter().any(|s| {
            returns
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|word| word == *s)
        });
        if shape && !defined.contains(name.as_str()) {
            problems.push(format!(
                "{file}: `{name}` reads a shape (-> {returns}) but is no production of the grammar"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_reader_of_the_grammar_reads_what_it_should() {
    let grammar = "(* a comment; with = *)\na = b , \"c;\" , ? d ; e ? , [ f ] ;\nb = 'x' ;\n";
    let found = productions(grammar);
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["a", "b"]);
    let uses: Vec<&str> = found[0].1.iter().map(String::as_str).collect();
    assert_eq!(uses, ["b", "f"]);
    let source = "pub fn shape(i: &str) -> IResult<&str, u8> {\n}\nimpl X {\n    fn method() -> Note {}\n}\nfn plain() {}\n";
    let found = functions(source);
    assert_eq!(
        found,
        [
            ("shape".to_owned(), "IResult<&str, u8>".to_owned()),
            ("plain".to_owned(), String::new())
        ]
    );
}
