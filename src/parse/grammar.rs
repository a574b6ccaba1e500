//! Line-level productions of the notes grammar (`grammar/notes.ebnf`).
//!
//! Each function parses one production from the start of a single line's
//! text and is named after it. They are `complete` parsers over `&str`; the
//! callers turn the returned sub-slices into file spans.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while, take_while_m_n, take_while1},
    character::complete::{char, digit1, one_of, space0, space1},
    combinator::{eof, not, opt, recognize, rest, verify},
    sequence::{delimited, preceded, terminated},
};

use super::ast::CheckboxKind;

/// `indent = 0*3 SP` — CommonMark's allowance before headings and fences.
fn indent(i: &str) -> IResult<&str, &str> {
    take_while_m_n(0, 3, |c| c == ' ').parse(i)
}

/// Whether the first byte after [`indent`] is one of `starts`, told
/// without running a parser: most lines of a file are neither headings nor
/// fences, and the scan asks every line for both.
fn opens_with(i: &str, starts: &[u8]) -> bool {
    let spaces = i.bytes().take(3).take_while(|&b| b == b' ').count();
    i.as_bytes().get(spaces).is_some_and(|b| starts.contains(b))
}

/// The error of a line that [`opens_with`] none of a production's marks.
fn no_match(i: &str, kind: nom::error::ErrorKind) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(i, kind))
}

/// `atx_heading = indent 1*6"#" ( 1*(SP / HTAB) text / EOL )`
///
/// Returns the level and the title, trimmed (closing `#`s are kept: authors
/// do not write them, and a title may end in `C#`).
pub fn atx_heading(i: &str) -> IResult<&str, (usize, &str)> {
    if !opens_with(i, b"#") {
        return Err(no_match(i, nom::error::ErrorKind::TakeWhileMN));
    }
    let (i, _) = indent(i)?;
    let (i, hashes) = take_while_m_n(1, 6, |c| c == '#').parse(i)?;
    let (i, title) = alt((preceded(space1, rest), eof)).parse(i)?;
    Ok((i, (hashes.len(), title.trim())))
}

/// `chapter_title = [ "Chapter" 1*WSP ] number ( "." *WSP / 1*WSP ) title / title`
/// — the text of a level-1 heading (`2. Data`, `2 Data`, `Chapter 2. Data`,
/// `3.`).
///
/// Returns the number as written (when there is one) and the title, which
/// is empty for `3.`. A number alone without a dot (`2020`) or one of four
/// digits and more is a title.
pub fn chapter_title(i: &str) -> IResult<&str, (Option<&str>, &str)> {
    let dotted =
        (terminated(digit1, (char('.'), not(digit1))), space0, rest).map(|(n, _, t)| (n, t));
    let spaced = verify(
        (
            terminated(verify(digit1, |n: &str| n.len() <= 3), space1),
            rest,
        ),
        |(_, t): &(&str, &str)| !t.trim().is_empty(),
    );
    let numbered = preceded(opt((tag_no_case("chapter"), space1)), alt((dotted, spaced)));
    let (i, (number, title)) = alt((
        numbered.map(|(n, t): (&str, &str)| (Some(n), t)),
        rest.map(|t| (None, t)),
    ))
    .parse(i)?;
    Ok((i, (number, title.trim())))
}

/// `fence_delimiter = indent ( 3*"`" / 3*"~" ) *SP info`
///
/// Returns the fence character, its run length and the info string (trimmed,
/// possibly empty).
pub fn fence_delimiter(i: &str) -> IResult<&str, (char, usize, &str)> {
    if !opens_with(i, b"`~") {
        return Err(no_match(i, nom::error::ErrorKind::TakeWhile1));
    }
    let (i, _) = indent(i)?;
    let (i, run) = alt((take_while1(|c| c == '`'), take_while1(|c| c == '~'))).parse(i)?;
    let run = verify(nom::combinator::success(run), |r: &str| r.len() >= 3)
        .parse(i)?
        .1;
    let (i, info) = rest(i)?;
    let info = info.trim();
    // A backtick fence's info string may not contain backticks (CommonMark):
    // "```a``` b" is inline code, not a fence.
    if run.starts_with('`') && info.contains('`') {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let first = run.chars().next().unwrap_or('`');
    Ok((i, (first, run.len(), info)))
}

/// `checkbox = valid_checkbox / malformed_checkbox`
///
/// `valid_checkbox = "[x]" / "[X]" / "[ ]"`;
/// `malformed_checkbox = "[" *WSP [mark / ALPHA] *WSP "]" / "(" *WSP [mark] *WSP ")"`
/// where a mark is one of `x X v V * ✓ ✔ ✗` and the result is not a valid
/// checkbox: `[]`, `[ x]`, `[x ]`, `[v]`, `(x)`, `( )`, a box holding
/// another letter (`[o]`).
///
/// Returns the kind and the checkbox as written.
pub fn checkbox(i: &str) -> IResult<&str, (CheckboxKind, &str)> {
    alt((valid_checkbox, malformed_checkbox)).parse(i)
}

/// `valid_checkbox = "[x]" / "[X]" / "[ ]"`
fn valid_checkbox(i: &str) -> IResult<&str, (CheckboxKind, &str)> {
    alt((
        tag("[x]").map(|raw| (CheckboxKind::Checked, raw)),
        tag("[X]").map(|raw| (CheckboxKind::CheckedUpper, raw)),
        tag("[ ]").map(|raw| (CheckboxKind::Unchecked, raw)),
    ))
    .parse(i)
}

/// The marks that say "correct" in a box written wrongly.
pub const MARKS: &str = "xXvV*✓✔✗";

/// `malformed_checkbox` (see [`checkbox`]).
fn malformed_checkbox(i: &str) -> IResult<&str, (CheckboxKind, &str)> {
    let is_gap = |c: char| c == ' ' || c == '\t';
    let square_mark = |c: char| MARKS.contains(c) || c.is_alphabetic();
    let (rest_i, raw) = alt((
        recognize(delimited(
            char('['),
            (
                take_while(is_gap),
                opt(verify(nom::character::complete::anychar, move |&c| {
                    square_mark(c)
                })),
                take_while(is_gap),
            ),
            char(']'),
        )),
        recognize(delimited(
            char('('),
            (take_while(is_gap), opt(one_of(MARKS)), take_while(is_gap)),
            char(')'),
        )),
    ))
    .parse(i)?;
    let mark = raw[1..raw.len() - 1].trim();
    let kind = if mark.is_empty() {
        CheckboxKind::MalformedUnchecked
    } else {
        CheckboxKind::MalformedChecked
    };
    Ok((rest_i, (kind, raw)))
}

/// `broken_checkbox = "]" [mark] / mark "]"` followed by option text that
/// starts with a letter, a digit, a quote or a backtick: a box that lost a
/// bracket (`]x`, `] text`, `x]`). Only a block that is otherwise a choice
/// question reads these as options (a lone `]` closes a list in code).
pub fn broken_checkbox(i: &str) -> IResult<&str, (CheckboxKind, &str)> {
    let (rest_i, (kind, raw)) = alt((
        recognize((char(']'), one_of(MARKS))).map(|raw| (CheckboxKind::MalformedChecked, raw)),
        tag("]").map(|raw| (CheckboxKind::MalformedUnchecked, raw)),
        recognize((one_of(MARKS), char(']'))).map(|raw| (CheckboxKind::MalformedChecked, raw)),
    ))
    .parse(i)?;
    let text = rest_i.trim_start_matches([' ', '\t']);
    let starts_text = text
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '"' | '\'' | '`'));
    if !starts_text {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest_i, (kind, raw)))
}

/// `option_line = checkbox *WSP option_text`
///
/// Returns the checkbox, the gap after it and the rest of the line.
pub fn option_line(i: &str) -> IResult<&str, ((CheckboxKind, &str), &str, &str)> {
    (checkbox, space0, rest).parse(i)
}

/// `broken_option_line = broken_checkbox *WSP option_text`
pub fn broken_option_line(i: &str) -> IResult<&str, ((CheckboxKind, &str), &str, &str)> {
    (broken_checkbox, space0, rest).parse(i)
}

/// `numbered_step = 1*DIGIT ( "." / ")" ) 1*WSP text`
///
/// Returns the number as written and the text.
pub fn numbered_step(i: &str) -> IResult<&str, (&str, &str)> {
    let (i, _) = space0(i)?;
    (terminated(digit1, (one_of(".)"), space1)), rest).parse(i)
}

/// `bare_numbered_step = 1*3DIGIT 1*WSP ALPHA text` — a step numbered
/// without a dot (`1 Listener waits`); only a list numbered 1, 2, 3 ...
/// this way reads as steps.
pub fn bare_numbered_step(i: &str) -> IResult<&str, (&str, &str)> {
    let (i, _) = space0(i)?;
    let (i, number) = terminated(verify(digit1, |n: &str| n.len() <= 3), space1).parse(i)?;
    if !i.chars().next().is_some_and(char::is_alphabetic) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok(("", (number, i)))
}

/// `bullet_item = ( "-" / "*" / "+" ) 1*WSP text`
pub fn bullet_item(i: &str) -> IResult<&str, &str> {
    let (i, _) = space0(i)?;
    preceded((one_of("-*+"), space1), rest).parse(i)
}

/// `note_start = "note"i ":" *WSP text` — the keyword and the text after it.
pub fn note_start(i: &str) -> IResult<&str, (&str, &str)> {
    let (i, keyword) = terminated(tag_no_case("note"), char(':')).parse(i)?;
    let (i, _) = space0(i)?;
    let (i, text) = rest(i)?;
    Ok((i, (keyword, text)))
}

/// `hash_group_header = ( "#" / "##" / "###" ) 1*WSP name` inside an
/// answer block.
pub fn hash_group_header(i: &str) -> IResult<&str, (usize, &str)> {
    let (i, _) = space0(i)?;
    let (i, hashes) = alt((tag("###"), tag("##"), tag("#"))).parse(i)?;
    let (i, name) = preceded(space1, rest).parse(i)?;
    let name = name.trim();
    if name.is_empty() || name.starts_with('#') {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((i, (hashes.len(), name)))
}

/// `colon_group_header = name ":" *WSP EOL` — a short line ending in a colon.
///
/// Lines opening a Python block (`for x in y:`) and `NOTE:` are not headers.
pub fn colon_group_header(i: &str) -> IResult<&str, &str> {
    let line = i.trim_end();
    let Some(name) = line.strip_suffix(':') else {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Char,
        )));
    };
    let name = name.trim();
    let first_word = name.split_whitespace().next().unwrap_or("");
    let rejected = name.is_empty()
        || name.chars().count() > 100
        || name.ends_with(':')
        || note_start(line).is_ok()
        || PYTHON_BLOCK_KEYWORDS.contains(&first_word)
        || name.starts_with(['-', '*', '[', '(', '#', '`'])
        || numbered_step(name).is_ok();
    if rejected {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok(("", name))
}

/// Keywords that open an indented Python block and so end their line in `:`.
pub const PYTHON_BLOCK_KEYWORDS: &[&str] = &[
    "async", "class", "def", "elif", "else", "except", "finally", "for", "if", "match", "case",
    "try", "while", "with", "lambda",
];

/// `front_matter_entry = key ":" *WSP value` with `key = 1*(ALPHA / DIGIT / "_" / "-")`.
pub fn front_matter_entry(i: &str) -> IResult<&str, (&str, &str)> {
    let key = take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let (i, (key, _, _, value)) = (key, char(':'), space0, rest).parse(i)?;
    Ok((i, (key, value.trim())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(atx_heading("# 1. Intro").unwrap().1, (1, "1. Intro"));
        assert_eq!(atx_heading("##\tTabbed  ").unwrap().1, (2, "Tabbed"));
        assert_eq!(atx_heading("##").unwrap().1, (2, ""));
        assert!(atx_heading("#hashtag").is_err());
        assert!(atx_heading("    # code").is_err());
        // Up to three spaces of indent, as the parser allows them.
        assert_eq!(atx_heading("   ## Indented").unwrap().1, (2, "Indented"));
        assert!(atx_heading("").is_err());
        assert!(atx_heading("   ").is_err());
    }

    #[test]
    fn chapter_titles() {
        assert_eq!(chapter_title("2. Data").unwrap().1, (Some("2"), "Data"));
        assert_eq!(chapter_title("Data").unwrap().1, (None, "Data"));
    }

    #[test]
    fn fences() {
        assert_eq!(fence_delimiter("```").unwrap().1, ('`', 3, ""));
        assert_eq!(
            fence_delimiter("````python ").unwrap().1,
            ('`', 4, "python")
        );
        assert_eq!(fence_delimiter("~~~").unwrap().1, ('~', 3, ""));
        assert!(fence_delimiter("``").is_err());
        assert!(fence_delimiter("```a``` b").is_err());
        assert_eq!(fence_delimiter("   ~~~ yml").unwrap().1, ('~', 3, "yml"));
        assert!(fence_delimiter("    ```").is_err());
        assert!(fence_delimiter("").is_err());
    }

    #[test]
    fn checkboxes() {
        let kind = |s| checkbox(s).map(|(_, (k, raw))| (k, raw));
        assert_eq!(kind("[x]a").unwrap(), (CheckboxKind::Checked, "[x]"));
        assert_eq!(kind("[X] a").unwrap(), (CheckboxKind::CheckedUpper, "[X]"));
        assert_eq!(kind("[ ]a").unwrap(), (CheckboxKind::Unchecked, "[ ]"));
        assert_eq!(
            kind("[]a").unwrap(),
            (CheckboxKind::MalformedUnchecked, "[]")
        );
        assert_eq!(
            kind("[ x]a").unwrap(),
            (CheckboxKind::MalformedChecked, "[ x]")
        );
        assert_eq!(
            kind("[x ]a").unwrap(),
            (CheckboxKind::MalformedChecked, "[x ]")
        );
        assert_eq!(
            kind("[v]a").unwrap(),
            (CheckboxKind::MalformedChecked, "[v]")
        );
        assert_eq!(
            kind("(x)a").unwrap(),
            (CheckboxKind::MalformedChecked, "(x)")
        );
        assert_eq!(
            kind("[  ]a").unwrap(),
            (CheckboxKind::MalformedUnchecked, "[  ]")
        );
        assert!(kind("[Optional] read").is_err());
        assert!(kind("(see below)").is_err());
    }

    #[test]
    fn group_headers() {
        assert_eq!(
            colon_group_header("Cloud Service Provider (CSP):")
                .unwrap()
                .1,
            "Cloud Service Provider (CSP)"
        );
        assert!(colon_group_header("for x in y:").is_err());
        assert!(colon_group_header("NOTE:").is_err());
        assert!(colon_group_header("Item: explained").is_err());
        assert_eq!(hash_group_header("## Batch").unwrap().1, (2, "Batch"));
        assert_eq!(hash_group_header("### Stream").unwrap().1, (3, "Stream"));
        assert!(hash_group_header("#### Deep").is_err());
    }

    #[test]
    fn steps_bullets_notes_entries() {
        assert_eq!(numbered_step("12. Do it").unwrap().1, ("12", "Do it"));
        assert!(numbered_step("1.5 litres").is_err());
        assert_eq!(bullet_item("- thing").unwrap().1, "thing");
        assert_eq!(note_start("Note: x").unwrap().1, ("Note", "x"));
        assert_eq!(note_start("NOTE:").unwrap().1, ("NOTE", ""));
        assert_eq!(
            front_matter_entry("tags: a, b").unwrap().1,
            ("tags", "a, b")
        );
    }
}
