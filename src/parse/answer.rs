//! The answer-block grammar: what shape the lines inside an exercise's bare
//! fence take (choice, categorization, ordering, code, free text, empty).
//!
//! The shape is decided first (`answer_body`), then the lines are read as
//! that shape. Every span is a file offset: the lines carry their own.

use super::ast::{
    AnswerBody, CategorizeBlock, Checkbox, ChoiceBlock, CodeBlock, CodeLanguage, Explanation,
    Group, GroupItem, HeaderStyle, Note, OptionLine, OrderBlock, Step, TextBlock,
};
use super::grammar::{
    PYTHON_BLOCK_KEYWORDS, bullet_item, colon_group_header, hash_group_header, note_start,
    numbered_step, option_line,
};
use super::lines::Line;
use crate::source::Span;

/// `answer_body = empty_body / choice_body / code_body / categorize_body / order_body / free_text_body`
///
/// `text` is the whole file; `lines` are the fence's content lines.
#[must_use]
pub fn answer_body(text: &str, lines: &[Line<'_>]) -> AnswerBody {
    if lines.iter().all(Line::is_blank) {
        return AnswerBody::Empty;
    }
    if lines.iter().any(|l| is_option_line(l.text)) {
        return AnswerBody::Choice(choice_body(lines));
    }
    let hash_headers = lines
        .iter()
        .filter(|l| hash_group_header(l.text).is_ok())
        .count();
    // Two `## Group` lines make a categorization even when its items read
    // like code (`df.dropna(): Valid. ...`); Python comments are `# ...`.
    if hash_headers < 2
        && let Some(language) = code_language(lines)
    {
        return AnswerBody::Code(code_body(text, lines, language));
    }
    let colon_headers = lines
        .iter()
        .filter(|l| colon_group_header(l.text).is_ok())
        .count();
    if hash_headers >= 1 || colon_headers >= 2 {
        return AnswerBody::Categorize(categorize_body(lines, hash_headers >= 1));
    }
    let steps = lines
        .iter()
        .filter(|l| numbered_step(l.text).is_ok())
        .count();
    if steps >= 2 {
        return AnswerBody::Order(order_body(lines));
    }
    AnswerBody::FreeText(text_block(lines).expect("a non-blank line exists"))
}

fn is_option_line(line: &str) -> bool {
    option_line(line.trim_start()).is_ok()
}

/// The smallest span and the joined text of the non-blank lines, or `None`.
fn text_block(lines: &[Line<'_>]) -> Option<TextBlock> {
    let first = lines.iter().position(|l| !l.is_blank())?;
    let last = lines.iter().rposition(|l| !l.is_blank())?;
    let kept = &lines[first..=last];
    let text = kept
        .iter()
        .map(|l| l.text.trim_end())
        .collect::<Vec<_>>()
        .join("\n");
    Some(TextBlock {
        span: Span::new(
            kept[0].start,
            kept[kept.len() - 1].start + kept[kept.len() - 1].trimmed_end().len(),
        ),
        text,
    })
}

/// `note = note_start *line` — a note runs to the end of the block.
fn note(lines: &[Line<'_>]) -> Option<Note> {
    let first = lines.first()?;
    let trimmed = first.text.trim_start();
    let (keyword, same_line) = match note_start(trimmed) {
        Ok((_, (keyword, rest))) => (keyword, rest),
        Err(_) => ("", trimmed),
    };
    let keyword_span = if keyword.is_empty() {
        Span::new(first.start, first.start)
    } else {
        first.sub_span(keyword)
    };
    let mut parts: Vec<&str> = Vec::new();
    if !same_line.trim().is_empty() {
        parts.push(same_line.trim());
    }
    parts.extend(
        lines[1..]
            .iter()
            .map(|l| l.text.trim())
            .filter(|t| !t.is_empty()),
    );
    let last = lines.iter().rposition(|l| !l.is_blank()).unwrap_or(0);
    Some(Note {
        span: Span::new(
            first.start,
            lines[last].start + lines[last].trimmed_end().len(),
        ),
        keyword: keyword.to_owned(),
        keyword_span,
        text: join_paragraph(&parts),
    })
}

/// Joins wrapped lines with spaces, keeping blank-line-free text as one paragraph.
fn join_paragraph(parts: &[&str]) -> String {
    parts.join(" ")
}

/// `choice_body = [stem] 1*option_line [note]`
fn choice_body(lines: &[Line<'_>]) -> ChoiceBlock {
    let first_option = lines
        .iter()
        .position(|l| is_option_line(l.text))
        .expect("caller checked an option exists");
    let stem = text_block(&lines[..first_option]);
    let mut options: Vec<OptionLine> = Vec::new();
    // Where each piece of an option's joined text comes from in the file.
    let mut pieces: Vec<Pieces> = Vec::new();
    let mut note_at = None;
    let mut previous_blank = false;
    for (k, line) in lines.iter().enumerate().skip(first_option) {
        let trimmed = line.text.trim_start();
        if let Ok((_, ((kind, raw), gap, rest))) = option_line(trimmed) {
            let text = rest.trim_end();
            pieces.push(vec![(0, line.sub_span(text).start)]);
            options.push(OptionLine {
                span: Span::new(line.start, line.start + line.trimmed_end().len()),
                checkbox: Checkbox {
                    span: line.sub_span(raw),
                    raw: raw.to_owned(),
                    kind,
                },
                gap: line.sub_span(gap),
                text: text.to_owned(),
                text_span: line.sub_span(text),
                explanation: None,
            });
            previous_blank = false;
            continue;
        }
        if line.is_blank() {
            previous_blank = true;
            continue;
        }
        if note_start(trimmed).is_ok() || previous_blank {
            note_at = Some(k);
            break;
        }
        // A wrapped option: the line continues the option above it.
        if let (Some(option), Some(pieces)) = (options.last_mut(), pieces.last_mut()) {
            option.text.push(' ');
            let piece = line.text.trim();
            pieces.push((option.text.len(), line.sub_span(piece).start));
            option.text.push_str(piece);
            let end = line.start + line.trimmed_end().len();
            option.span.end = end;
            option.text_span.end = end;
        }
    }
    let allow_colon = majority_splits(options.iter().map(|o| o.text.as_str()));
    for (option, pieces) in options.iter_mut().zip(&pieces) {
        if let Some((text, explanation)) =
            split_explanation(&option.text, pieces, option.text_span.end, allow_colon)
        {
            option.text_span = Span::new(option.text_span.start, source_end(pieces, text.len()));
            option.text = text;
            option.explanation = Some(explanation);
        }
    }
    ChoiceBlock {
        stem,
        options,
        note: note_at.and_then(|k| note(&lines[k..])),
    }
}

/// `categorize_body = [stem] 1*( group_header *group_item ) [note]`
fn categorize_body(lines: &[Line<'_>], hash_style: bool) -> CategorizeBlock {
    let mut stem_end = lines.len();
    let mut groups: Vec<Group> = Vec::new();
    let mut note_at = None;
    for (k, line) in lines.iter().enumerate() {
        let trimmed = line.text.trim_start();
        if line.is_blank() {
            continue;
        }
        let header = if let Ok((_, (level, name))) = hash_group_header(line.text) {
            Some((
                name,
                if level == 2 {
                    HeaderStyle::Hash2
                } else {
                    HeaderStyle::Hash3
                },
            ))
        } else if let Ok((_, name)) = colon_group_header(line.text) {
            // In a block that uses `##` headers, a line ending in `:` is an item.
            (!hash_style || groups.is_empty()).then_some((name, HeaderStyle::Colon))
        } else {
            None
        };
        if let Some((name, style)) = header {
            if groups.is_empty() {
                stem_end = k;
            }
            groups.push(Group {
                header: Span::new(line.start, line.start + line.trimmed_end().len()),
                name: name.to_owned(),
                style,
                items: Vec::new(),
            });
            continue;
        }
        if groups.is_empty() {
            continue; // part of the stem
        }
        if note_start(trimmed).is_ok() {
            note_at = Some(k);
            break;
        }
        let (bullet, item_text) = match bullet_item(line.text) {
            Ok((_, item)) => (true, item.trim_end()),
            Err(_) => (false, line.text.trim()),
        };
        let group = groups.last_mut().expect("checked non-empty");
        group.items.push(GroupItem {
            span: line.sub_span(item_text),
            text: item_text.to_owned(),
            explanation: None,
            bullet,
        });
    }
    let allow_colon = majority_splits(
        groups
            .iter()
            .flat_map(|g| g.items.iter().map(|i| i.text.as_str())),
    );
    for item in groups.iter_mut().flat_map(|g| g.items.iter_mut()) {
        let pieces = [(0, item.span.start)];
        if let Some((text, explanation)) =
            split_explanation(&item.text, &pieces, item.span.end, allow_colon)
        {
            item.text = text;
            item.explanation = Some(explanation);
        }
    }
    CategorizeBlock {
        stem: text_block(&lines[..stem_end.min(lines.len())]),
        groups,
        note: note_at.and_then(|k| note(&lines[k..])),
    }
}

/// `order_body = [stem] 1*numbered_step [note]`
fn order_body(lines: &[Line<'_>]) -> OrderBlock {
    let first_step = lines
        .iter()
        .position(|l| numbered_step(l.text).is_ok())
        .expect("caller checked steps exist");
    let mut steps: Vec<Step> = Vec::new();
    let mut pieces: Vec<Pieces> = Vec::new();
    let mut note_at = None;
    let mut previous_blank = false;
    for (k, line) in lines.iter().enumerate().skip(first_step) {
        if let Ok((_, (number, rest))) = numbered_step(line.text) {
            let text = rest.trim_end();
            pieces.push(vec![(0, line.sub_span(text).start)]);
            steps.push(Step {
                span: line.sub_span(text),
                number: number.parse().unwrap_or(u64::MAX),
                number_span: line.sub_span(number),
                text: text.to_owned(),
                explanation: None,
            });
            previous_blank = false;
            continue;
        }
        if line.is_blank() {
            previous_blank = true;
            continue;
        }
        if note_start(line.text.trim_start()).is_ok() || previous_blank {
            note_at = Some(k);
            break;
        }
        if let (Some(step), Some(pieces)) = (steps.last_mut(), pieces.last_mut()) {
            step.text.push(' ');
            let piece = line.text.trim();
            pieces.push((step.text.len(), line.sub_span(piece).start));
            step.text.push_str(piece);
            step.span.end = line.start + line.trimmed_end().len();
        }
    }
    let allow_colon = majority_splits(steps.iter().map(|s| s.text.as_str()));
    for (step, pieces) in steps.iter_mut().zip(&pieces) {
        if let Some((text, explanation)) =
            split_explanation(&step.text, pieces, step.span.end, allow_colon)
        {
            step.text = text;
            step.explanation = Some(explanation);
        }
    }
    OrderBlock {
        stem: text_block(&lines[..first_step]),
        steps,
        note: note_at.and_then(|k| note(&lines[k..])),
    }
}

fn code_body(text: &str, lines: &[Line<'_>], language: CodeLanguage) -> CodeBlock {
    let start = lines.first().map_or(0, |l| l.start);
    let end = lines.last().map_or(start, Line::end);
    CodeBlock {
        language,
        span: Span::new(start, end),
        text: text[start..end].to_owned(),
    }
}

/// Whether `: ` splits may be trusted in a list: a colon split is only taken
/// when most entries of the list have one (a lone `Language: SQL` is text).
///
/// Entries split by ` - ` count too: in a list where most entries carry an
/// explanation, the one written with `: ` carries one as well.
fn majority_splits<'a>(texts: impl Iterator<Item = &'a str>) -> bool {
    let (mut total, mut explained, mut with_colon) = (0usize, 0usize, 0usize);
    for text in texts {
        total += 1;
        let colon = colon_split_point(text).is_some();
        with_colon += usize::from(colon);
        if colon || dash_split_point(text).is_some() {
            explained += 1;
        }
    }
    with_colon >= 1 && explained >= 2 && explained * 2 >= total
}

/// Where `: ` could separate text from an explanation.
fn colon_split_point(text: &str) -> Option<usize> {
    let at = text.find(": ")?;
    let (before, after) = (&text[..at], &text[at + 2..]);
    (plausible_text(before) && plausible_explanation(after)).then_some(at)
}

/// Where ` - ` could separate text from an explanation.
fn dash_split_point(text: &str) -> Option<usize> {
    let at = text.find(" - ")?;
    let (before, after) = (&text[..at], &text[at + 3..]);
    (plausible_text(before) && plausible_explanation(after)).then_some(at)
}

/// Text before a separator: not empty, and not inside a quote or code span.
fn plausible_text(before: &str) -> bool {
    let before = before.trim();
    !before.is_empty()
        && before.matches('`').count().is_multiple_of(2)
        && quotes(before, '\'').is_multiple_of(2)
        && before.matches('"').count().is_multiple_of(2)
        && before.matches('(').count() == before.matches(')').count()
        && !before.contains("{{")
}

/// Quote characters that open or close a quotation: an apostrophe between
/// two letters (`pipeline's`, `don't`) is neither.
fn quotes(text: &str, quote: char) -> usize {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter(|&i| chars[i] == quote)
        .filter(|&i| {
            let letter_before = i > 0 && chars[i - 1].is_alphanumeric();
            let letter_after = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
            !(letter_before && letter_after)
        })
        .count()
}

/// An explanation reads as a sentence: it starts with a capital letter, a
/// digit or a code span.
fn plausible_explanation(after: &str) -> bool {
    after
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '`')
}

/// Splits `text` (whose span is `span`) into text and explanation.
///
/// ` - ` is preferred (it rarely occurs inside text); `: ` only when
/// `allow_colon` (see [`majority_splits`]).
/// Where the pieces of a joined text (an option and its wrapped lines, joined
/// with spaces) start: `(offset in the joined text, file offset)`, sorted.
type Pieces = Vec<(usize, usize)>;

/// The file offset of byte `at` of a joined text.
fn source_offset(pieces: &[(usize, usize)], at: usize) -> usize {
    let k = pieces
        .partition_point(|&(joined, _)| joined <= at)
        .saturating_sub(1);
    let (joined, source) = pieces.get(k).copied().unwrap_or((0, 0));
    source + (at - joined.min(at))
}

/// The file offset just past the first `len` bytes of a joined text (whose
/// last byte is never a joining space: texts are trimmed).
fn source_end(pieces: &[(usize, usize)], len: usize) -> usize {
    match len.checked_sub(1) {
        Some(last) => source_offset(pieces, last) + 1,
        None => source_offset(pieces, 0),
    }
}

/// Splits `text` (joined from `pieces`, ending at file offset `end`) into
/// text and explanation.
fn split_explanation(
    text: &str,
    pieces: &[(usize, usize)],
    end: usize,
    allow_colon: bool,
) -> Option<(String, Explanation)> {
    let (at, separator) = match (dash_split_point(text), colon_split_point(text)) {
        (Some(dash), _) => (dash, " - "),
        (None, Some(colon)) if allow_colon => (colon, ": "),
        _ => return None,
    };
    let explanation_start = at + separator.len();
    let explanation = text[explanation_start..].trim();
    let lead = text[explanation_start..].len() - text[explanation_start..].trim_start().len();
    Some((
        text[..at].trim_end().to_owned(),
        Explanation {
            text: explanation.to_owned(),
            span: Span::new(source_offset(pieces, explanation_start + lead), end),
            separator,
        },
    ))
}

/// `code_body`: the block is SQL or Python when its first significant line
/// reads as such (see [`sql_line`], [`python_line`]).
#[must_use]
pub fn code_language(lines: &[Line<'_>]) -> Option<CodeLanguage> {
    let first_sql = lines
        .iter()
        .map(|l| l.text.trim())
        .find(|t| !t.is_empty() && !t.starts_with("--") && !t.starts_with("/*"));
    if first_sql.is_some_and(sql_line) {
        return Some(CodeLanguage::Sql);
    }
    let significant: Vec<&str> = lines
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty() && !t.starts_with('#'))
        .collect();
    let first = significant.first()?;
    if !python_line(first) {
        return None;
    }
    let pythonic = significant.iter().filter(|t| python_line(t)).count();
    (pythonic * 2 >= significant.len()).then_some(CodeLanguage::Python)
}

const SQL_START: &[&str] = &[
    "ALTER", "ANALYZE", "BEGIN", "CACHE", "CALL", "COMMENT", "COMMIT", "CONVERT", "COPY", "CREATE",
    "DECLARE", "DELETE", "DESC", "DESCRIBE", "DROP", "EXPLAIN", "FROM", "GRANT", "INSERT", "LIST",
    "LOAD", "MERGE", "MSCK", "OPTIMIZE", "REFRESH", "REPLACE", "RESET", "RESTORE", "REVOKE",
    "ROLLBACK", "SELECT", "SET", "SHOW", "TRUNCATE", "UNCACHE", "UPDATE", "USE", "VACUUM",
    "VALUES", "WITH",
];

const SQL_SECOND: &[&str] = &[
    "*",
    "catalog",
    "database",
    "databases",
    "distinct",
    "external",
    "from",
    "function",
    "if",
    "into",
    "or",
    "schema",
    "schemas",
    "table",
    "tables",
    "temp",
    "temporary",
    "view",
    "views",
    "catalogs",
    "columns",
    "history",
    "detail",
    "extended",
    "grants",
    "volume",
];

/// A line that starts an SQL statement: a statement keyword in capitals, or
/// in lower case followed by a word that only SQL puts there. Title case
/// (`Select the rows ...`) is prose.
fn sql_line(line: &str) -> bool {
    let mut words = line.split(|c: char| c.is_whitespace() || c == '(' || c == ';');
    let first = words.next().unwrap_or("");
    if !SQL_START.contains(&first.to_ascii_uppercase().as_str()) {
        return false;
    }
    if first.chars().all(|c| c.is_ascii_uppercase()) {
        return true;
    }
    if first.chars().all(|c| c.is_ascii_lowercase()) {
        let second = words.find(|w| !w.is_empty()).unwrap_or("");
        return SQL_SECOND.contains(&second.to_ascii_lowercase().as_str())
            || (first == "select" && line.contains(" from "));
    }
    false
}

/// A line that reads as a Python statement.
fn python_line(line: &str) -> bool {
    let first_word = line
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    let code = line.split(" #").next().unwrap_or(line).trim_end();
    if PYTHON_BLOCK_KEYWORDS.contains(&first_word) && first_word != "case" && first_word != "match"
    {
        return code.ends_with(':') || first_word == "lambda";
    }
    match first_word {
        "import" => return is_import(line),
        "from" => return line.contains(" import "),
        "return" | "yield" | "raise" | "assert" | "del" | "global" | "nonlocal" | "await" => {
            return true;
        }
        "pass" | "break" | "continue" => return code == first_word,
        _ => {}
    }
    if let Some(decorated) = line.strip_prefix('@') {
        return decorated
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_');
    }
    let target_end = line
        .find(|c: char| {
            !(c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '"' | '\'' | ',' | ' '))
        })
        .unwrap_or(line.len());
    let target = line[..target_end].trim();
    let rest = &line[target_end..];
    let identifier_start = target
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_');
    if !identifier_start {
        return line.starts_with(')') || line.starts_with(']') || line.starts_with('}');
    }
    // `name = ...`, `name += ...`, `name: int = ...`
    let assignment = ["=", "+=", "-=", "*=", "/=", "|=", "&="]
        .iter()
        .any(|op| rest.starts_with(op) && !rest.starts_with("=="))
        || (rest.starts_with(':') && rest.contains('='));
    // `name(...)` / `obj.method(...)`: a call with no space before `(`,
    // followed by nothing a statement cannot hold (`f(): Valid.` is prose).
    let call = rest.starts_with('(') && !target.contains(' ') && after_call_is_code(rest);
    // a continuation line of a call or literal: `.filter(...)`
    assignment && !target.contains("  ") || call
}

/// Whether what follows the call that opens `rest` can continue a Python
/// statement: nothing, a comment, a method chain, an index, an operator, or
/// an unclosed call that goes on on the next line.
fn after_call_is_code(rest: &str) -> bool {
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let after = rest[i + 1..].trim_start();
                    return after.is_empty()
                        || after.starts_with([
                            '#', '.', '[', '(', ')', ',', '+', '-', '*', '/', '%', '=', '<', '>',
                            '&', '|', '\\',
                        ])
                        || after.starts_with("if ")
                        || after.starts_with("for ")
                        || after.starts_with("and ")
                        || after.starts_with("or ");
                }
            }
            _ => {}
        }
    }
    // The call goes on on the next line.
    true
}

fn is_import(line: &str) -> bool {
    line.strip_prefix("import ").is_some_and(|names| {
        names.split(',').all(|n| {
            n.split_whitespace().all(|w| {
                w == "as"
                    || w.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split_lines;

    fn body(text: &str) -> AnswerBody {
        answer_body(text, &split_lines(text))
    }

    #[test]
    fn shapes_are_recognized() {
        assert!(matches!(body("\n  \n"), AnswerBody::Empty));
        assert!(matches!(body("Stem?\n[x]A\n[ ]B\n"), AnswerBody::Choice(_)));
        assert!(matches!(
            body("## A\nx\n## B\ny\n"),
            AnswerBody::Categorize(_)
        ));
        assert!(matches!(
            body("Team A:\nx\n\nTeam B:\ny\n"),
            AnswerBody::Categorize(_)
        ));
        assert!(matches!(body("1. a\n2. b\n"), AnswerBody::Order(_)));
        assert!(matches!(
            body("Use a consumer group.\n"),
            AnswerBody::FreeText(_)
        ));
        assert!(matches!(
            body("Use spark.read() to load it.\n"),
            AnswerBody::FreeText(_)
        ));
        assert!(matches!(
            body("Select the rows from the table.\n"),
            AnswerBody::FreeText(_)
        ));
        for sql in [
            "SELECT 1",
            "create table t as select 1",
            "select a from t",
            "WITH x AS (SELECT 1) SELECT * FROM x",
        ] {
            assert!(
                matches!(
                    body(sql),
                    AnswerBody::Code(CodeBlock {
                        language: CodeLanguage::Sql,
                        ..
                    })
                ),
                "{sql}"
            );
        }
        assert!(matches!(
            body(
                "## Returns a new object\ndf.dropna(): Valid. It drops rows.\n\n## In place\ndf.sort_values(inplace=True): Valid.\n"
            ),
            AnswerBody::Categorize(_)
        ));
        assert!(matches!(
            body("df.dropna(): Valid. It drops rows.\n"),
            AnswerBody::FreeText(_)
        ));
        for py in [
            "import os\nprint(os.sep)",
            "spark.read.csv(path).filter(\n  col > 1\n)",
            "df.groupby(\"a\").sum()  # total",
            "x = 1\n",
            "df.show()",
            "with open(p) as f:\n# nothing",
            "from a import b",
            "for x in y:\n    print(x)",
        ] {
            assert!(
                matches!(
                    body(py),
                    AnswerBody::Code(CodeBlock {
                        language: CodeLanguage::Python,
                        ..
                    })
                ),
                "{py}"
            );
        }
    }

    #[test]
    fn explanations_split_carefully() {
        let AnswerBody::Choice(choice) = body("[x]A: Because\n[ ]B: Not so\n") else {
            panic!()
        };
        assert_eq!(choice.options[0].text, "A");
        assert_eq!(
            choice.options[0].explanation.as_ref().unwrap().text,
            "Because"
        );
        // A lone colon is text, not an explanation.
        let AnswerBody::Choice(choice) = body("[x]Language: SQL\n[ ]Language Python\n") else {
            panic!()
        };
        assert_eq!(choice.options[0].text, "Language: SQL");
        assert!(choice.options[0].explanation.is_none());
        // ` - ` splits even alone; lower-case after it does not.
        let AnswerBody::Choice(choice) = body("[x]Tumbling - Each event once\n[ ]a - b\n") else {
            panic!()
        };
        assert_eq!(choice.options[0].text, "Tumbling");
        assert_eq!(choice.options[1].text, "a - b");
    }

    #[test]
    fn explanations_of_wrapped_options_point_into_the_file() {
        // Found by fuzzing: the joined text of a wrapped option is not the
        // file's bytes, so its explanation's span must be mapped back.
        let text = "[x]Café très\n    long - Ça dépend\n[ ]Non - Pas du tout\n";
        let AnswerBody::Choice(choice) = body(text) else {
            panic!()
        };
        let first = &choice.options[0];
        assert_eq!(first.text, "Café très long");
        let explanation = first.explanation.as_ref().unwrap();
        assert_eq!(
            &text[explanation.span.start..explanation.span.end],
            "Ça dépend"
        );
        assert_eq!(
            &text[first.text_span.start..first.text_span.end],
            "Café très\n    long"
        );
        let steps = "1. Lire le fichier\n   entier - Déjà fait\n2. Écrire - Ensuite\n";
        let AnswerBody::Order(order) = body(steps) else {
            panic!()
        };
        let explanation = order.steps[0].explanation.as_ref().unwrap();
        assert_eq!(
            &steps[explanation.span.start..explanation.span.end],
            "Déjà fait"
        );
    }

    #[test]
    fn note_after_options_and_wrapped_option() {
        let AnswerBody::Choice(choice) = body("[x]A\nwraps\n[ ]B\n\nNOTE:\nline one\nline two\n")
        else {
            panic!()
        };
        assert_eq!(choice.options[0].text, "A wraps");
        let note = choice.note.unwrap();
        assert_eq!(note.keyword, "NOTE");
        assert_eq!(note.text, "line one line two");
    }
}
