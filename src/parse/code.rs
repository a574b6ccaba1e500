//! What language the code in a fence is: from its tag, or from what the
//! lines read as when there is no tag (or a plain-text one).

use super::ast::CodeLanguage;
use super::grammar::PYTHON_BLOCK_KEYWORDS;
use super::lines::{Line, find_pair};

/// What a fence's tag says about its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// No tag.
    Bare,
    /// `txt`, `text`, `plain`, `md` ...: the content decides, as without a tag.
    Text,
    /// A language.
    Code(CodeLanguage),
}

/// `fence_tag = info` — what a fence's info string (its lower-cased first
/// word) names. `yml:config.yml` is `yml`: a file name may follow the tag.
#[must_use]
pub fn fence_tag(info: Option<&str>) -> Tag {
    let Some(info) = info else {
        return Tag::Bare;
    };
    let language = match tag_word(info) {
        "" | "txt" | "text" | "plain" | "plaintext" | "md" | "markdown" | "quiz" | "none" => {
            return Tag::Text;
        }
        "sql" | "sparksql" | "spark-sql" | "databricks-sql" => CodeLanguage::Sql,
        "python" | "py" | "python3" | "pyspark" => CodeLanguage::Python,
        "sh" | "bash" | "zsh" | "shell" | "console" | "shell-session" | "terminal" => {
            CodeLanguage::Shell
        }
        "r" => CodeLanguage::R,
        "scala" => CodeLanguage::Scala,
        "yaml" | "yml" => CodeLanguage::Yaml,
        "json" => CodeLanguage::Json,
        "dockerfile" | "docker" => CodeLanguage::Dockerfile,
        _ => CodeLanguage::Other,
    };
    Tag::Code(language)
}

/// The language word of an info string: its first word, up to a character
/// no language name holds (`yml:config.yml` is `yml`, `{.python}` is empty).
#[must_use]
pub fn tag_word(info: &str) -> &str {
    let word = info.split_whitespace().next().unwrap_or(info);
    let end = word
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '+' | '#' | '_' | '.')))
        .unwrap_or(word.len());
    &word[..end]
}

/// `code_language = shell_transcript / yaml_body / dockerfile_body / sql_body / python_body`
///
/// The language of an untagged block of code, or `None` when it does not
/// read as code.
#[must_use]
pub fn code_language(lines: &[Line<'_>]) -> Option<CodeLanguage> {
    if shell_transcript(lines) {
        return Some(CodeLanguage::Shell);
    }
    if yaml_body(lines) {
        return Some(CodeLanguage::Yaml);
    }
    if dockerfile_body(lines) {
        return Some(CodeLanguage::Dockerfile);
    }
    let first_sql = lines
        .iter()
        .map(|l| l.text.trim())
        .find(|t| !t.is_empty() && !t.starts_with("--") && !t.starts_with("/*"));
    if first_sql.is_some_and(sql_line) {
        return Some(CodeLanguage::Sql);
    }
    python_body(lines).then_some(CodeLanguage::Python)
}

/// Whether no line of a fence tagged with `language` reads as a statement
/// of it (SQL and Python; a tag naming another language is trusted).
#[must_use]
pub fn no_statement_of(lines: &[Line<'_>], language: CodeLanguage) -> bool {
    match language {
        CodeLanguage::Python => {
            let mut in_string = None;
            !lines.iter().any(|l| {
                let t = l.text.trim();
                let inside = in_string.is_some();
                in_string = triple_quote_state(t, in_string);
                !inside && !t.starts_with('#') && python_line(t)
            })
        }
        CodeLanguage::Sql => !lines.iter().any(|l| {
            let t = l.text.trim();
            sql_line(t) || sql_clause_line(t)
        }),
        _ => false,
    }
}

/// Whether a line of a block (outside `"""` strings and comments) is a
/// Python statement rather than a bare name or an argument-less call
/// (`pandas.cut()`, which a categorization sorts).
#[must_use]
pub fn python_statement_in(lines: &[Line<'_>]) -> bool {
    let mut in_string = None;
    lines.iter().any(|l| {
        let t = l.text.trim();
        let inside = in_string.is_some();
        in_string = triple_quote_state(t, in_string);
        !inside && !t.starts_with('#') && python_line(t) && !reference(t)
    })
}

/// A name or a call without arguments (`pandas.cut()`, `.str.lower()`):
/// what is sorted, not what runs.
#[must_use]
pub fn reference(text: &str) -> bool {
    let name = text.strip_suffix("()").unwrap_or(text);
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
}

/// Whether most lines read as sentences (see [`prose_line`]): an answer
/// written under a code tag, not a command (`zip -r a.zip a`).
#[must_use]
pub fn reads_as_prose(lines: &[Line<'_>]) -> bool {
    let significant: Vec<&str> = lines
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let prose = significant.iter().filter(|t| prose_line(t)).count();
    !significant.is_empty() && prose * 2 >= significant.len()
}

/// `prose_line`: a line that reads as a sentence, or an entry of a list of
/// them — three words or more, starting with a capital letter (after a
/// `-`, `*`, `=>` or a number), mostly words of letters.
pub fn prose_line(line: &str) -> bool {
    let t = line
        .trim_start_matches(['-', '*', '+', '=', '>', ' '])
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['.', ')', ' ']);
    if !t.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let (mut words, mut wordy) = (0usize, 0usize);
    for w in t.split_whitespace() {
        words += 1;
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        wordy += usize::from(
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-'),
        );
    }
    words >= 3 && wordy * 3 >= words * 2
}

/// `shell_transcript = *( line ) prompt_line *( line )` — commands typed at
/// a `$` prompt, with what they printed: the first line is a command, or two
/// lines are.
fn shell_transcript(lines: &[Line<'_>]) -> bool {
    let mut significant = lines
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty());
    let first = significant.next().unwrap_or("");
    if prompt_line(first) {
        return true;
    }
    significant.filter(|t| prompt_line(t)).count() >= 2
}

/// `prompt_line = [ prompt ] "$" 1*WSP command` (`$ dbt run`, `repl:~$ ls`).
fn prompt_line(line: &str) -> bool {
    let Some(at) = find_pair(line, b'$', b' ') else {
        return false;
    };
    let (prompt, command) = (&line[..at], &line[at + 2..]);
    let prompt_ok = prompt.is_empty() || (!prompt.contains(' ') && prompt.contains(':'));
    prompt_ok
        && command
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '~' | '_'))
}

/// `yaml_body = 2*yaml_line` where most lines are `key: value`, `key:` or
/// `- item` lines and some are nested by indentation.
fn yaml_body(lines: &[Line<'_>]) -> bool {
    let (mut significant, mut yaml, mut keys, mut nested) = (0usize, 0usize, 0usize, false);
    for line in lines {
        let t = line.text.trim_end();
        let trimmed = t.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed == "---" {
            continue;
        }
        significant += 1;
        let key = yaml_key_line(trimmed);
        let item = trimmed.starts_with("- ");
        if key || item {
            yaml += 1;
            keys += usize::from(key);
            nested |= t.len() - trimmed.len() >= 2;
        }
    }
    keys >= 2 && nested && yaml * 5 >= significant * 4
}

/// `yaml_key_line = [ "- " ] key ":" [ 1*WSP value ]` with a key that is an
/// identifier (no spaces: `Model only:` is a group header).
fn yaml_key_line(line: &str) -> bool {
    let line = line.strip_prefix("- ").unwrap_or(line);
    let Some((key, rest)) = line.split_once(':') else {
        return false;
    };
    let identifier = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '+'));
    identifier && (rest.is_empty() || rest.starts_with(' '))
}

/// Dockerfile instructions, in capitals.
const DOCKERFILE_INSTRUCTIONS: &[&str] = &[
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// `dockerfile_body = ( "FROM" / "ARG" ) image *line` with another
/// instruction besides: `FROM ubuntu:22.04` / `RUN apt-get update`.
fn dockerfile_body(lines: &[Line<'_>]) -> bool {
    let mut significant = lines
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty() && !t.starts_with('#'));
    let Some(first) = significant.next() else {
        return false;
    };
    let mut words = first.split_whitespace();
    let opens = matches!(words.next(), Some("FROM" | "ARG"))
        && words.next().is_some_and(|w| !w.contains(','))
        && words.next().is_none_or(|w| w.eq_ignore_ascii_case("as"));
    opens
        && significant.any(|t| {
            t.split_whitespace()
                .next()
                .is_some_and(|w| DOCKERFILE_INSTRUCTIONS.contains(&w) && w != "FROM")
        })
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

/// `sql_line`: a line that starts an SQL statement — a statement keyword in
/// capitals, or in lower case followed by a word that only SQL puts there.
/// Title case (`Select the rows ...`) is prose.
#[must_use]
pub fn sql_line(line: &str) -> bool {
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

/// A clause that continues an SQL statement (`WHERE a = 1`, `GROUP BY a`).
fn sql_clause_line(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "WHERE" | "GROUP" | "ORDER" | "HAVING" | "LIMIT" | "JOIN" | "LEFT" | "INNER" | "ON" | "AND"
    )
}

/// `python_body = python_statement *line` where at least half the
/// significant lines (outside `"""` strings and comments) read as Python.
fn python_body(lines: &[Line<'_>]) -> bool {
    let mut in_string = None;
    let mut significant = Vec::new();
    for line in lines {
        let t = line.text.trim();
        let inside = in_string.is_some();
        in_string = triple_quote_state(t, in_string);
        // A line inside a `"""` string (SQL held by Python) is the string's.
        if inside || t.is_empty() || t.starts_with('#') {
            continue;
        }
        significant.push(t);
    }
    let Some(first) = significant.first() else {
        return false;
    };
    if !python_line(first) {
        return false;
    }
    let pythonic = significant.iter().filter(|t| python_line(t)).count();
    pythonic * 2 >= significant.len()
}

/// Whether a `"""` (or `'''`) string is open after `line`, given whether
/// one was open before it.
fn triple_quote_state(line: &str, open: Option<&'static str>) -> Option<&'static str> {
    let mut open = open;
    let mut rest = line;
    loop {
        match open {
            Some(quote) => match find_triple(rest, quote.as_bytes()[0]) {
                Some(at) => {
                    rest = &rest[at + 3..];
                    open = None;
                }
                None => return open,
            },
            None => {
                let double = find_triple(rest, b'"');
                let single = find_triple(rest, b'\'');
                let (at, quote) = match (double, single) {
                    (Some(d), Some(s)) if s < d => (s, "'''"),
                    (Some(d), _) => (d, "\"\"\""),
                    (None, Some(s)) => (s, "'''"),
                    (None, None) => return None,
                };
                // A `#` before the quote makes it a comment.
                if rest[..at].contains('#') {
                    return None;
                }
                rest = &rest[at + 3..];
                open = Some(quote);
            }
        }
    }
}

/// Where `text` first holds `quote` three times in a row: most lines hold
/// no quote at all, which one `memchr` tells (a substring searcher is built
/// for every call of `str::find`).
fn find_triple(text: &str, quote: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(quote, bytes)
        .find(|&at| bytes.get(at + 1) == Some(&quote) && bytes.get(at + 2) == Some(&quote))
}

/// `python_statement`: a line that reads as a Python statement.
#[must_use]
pub fn python_line(line: &str) -> bool {
    let first_word = line
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    let code = find_pair(line, b' ', b'#')
        .map_or(line, |at| &line[..at])
        .trim_end();
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
    assignment && find_pair(target, b' ', b' ').is_none() || call
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

/// `preformatted_text = table / listing`: a tab- or comma-separated table,
/// a box-drawn table or a directory tree — text whose layout is its
/// meaning, not a list of groups or steps.
#[must_use]
pub fn preformatted_text(lines: &[Line<'_>]) -> bool {
    let significant: Vec<&str> = lines
        .iter()
        .map(|l| l.text.trim_end())
        .filter(|t| !t.trim().is_empty())
        .collect();
    if significant.len() < 2 {
        return false;
    }
    let drawn = significant
        .iter()
        .filter(|t| t.contains(['├', '└', '│', '┌', '─', '┬', '┼']) || t.contains("|--"))
        .count();
    if drawn * 2 >= significant.len() {
        return true;
    }
    let tabbed = significant
        .iter()
        .filter(|t| t.trim().matches('\t').count() >= 1)
        .count();
    if tabbed * 2 > significant.len() && tabbed >= 2 {
        return true;
    }
    // CSV: the same number of commas, two or more, on every line, and no
    // line that reads as a sentence.
    let commas = significant[0].matches(',').count();
    commas >= 2
        && significant.iter().all(|t| {
            t.matches(',').count() == commas && !t.starts_with(['-', '*']) && !t.contains(". ")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split_lines;

    fn language(text: &str) -> Option<CodeLanguage> {
        code_language(&split_lines(text))
    }

    #[test]
    fn languages_are_read_from_content() {
        assert_eq!(language("$ dbt run\nDone."), Some(CodeLanguage::Shell));
        assert_eq!(
            language("Run this:\n$ cd project\n$ ls\n"),
            Some(CodeLanguage::Shell)
        );
        assert_eq!(
            language("models:\n  - name: rides\n    columns:\n      - name: id\n"),
            Some(CodeLanguage::Yaml)
        );
        assert_eq!(
            language("Project:\n- a.yml\n\nModel only:\n- b.yml\n"),
            None
        );
        assert_eq!(
            language("FROM ubuntu:22.04\nRUN apt-get update\n"),
            Some(CodeLanguage::Dockerfile)
        );
        assert_eq!(language("FROM t\nSELECT a\n"), Some(CodeLanguage::Sql));
        assert_eq!(
            language("query = \"\"\"\nSELECT a\nFROM t\nWHERE b = 1\n\"\"\"\nspark.sql(query)\n"),
            Some(CodeLanguage::Python)
        );
        assert_eq!(language("Use a consumer group."), None);
    }

    #[test]
    fn tags_name_languages_or_plain_text() {
        assert_eq!(fence_tag(None), Tag::Bare);
        assert_eq!(fence_tag(Some("txt")), Tag::Text);
        assert_eq!(
            fence_tag(Some("yml:config.yml")),
            Tag::Code(CodeLanguage::Yaml)
        );
        assert_eq!(fence_tag(Some("bash")), Tag::Code(CodeLanguage::Shell));
        assert_eq!(fence_tag(Some("java")), Tag::Code(CodeLanguage::Other));
    }

    #[test]
    fn prose_under_a_code_tag() {
        let prose = split_lines("False - it works on its own.\n=> A backend is needed here.\n");
        assert!(no_statement_of(&prose, CodeLanguage::Python) && reads_as_prose(&prose));
        let code = split_lines("# Fit\nmodel.fit(x, y)\n");
        assert!(!no_statement_of(&code, CodeLanguage::Python));
        let command = split_lines("zip --recurse-paths app.zip app\n");
        assert!(!reads_as_prose(&command));
        let tables = split_lines("Name\tWeight\nEggs\t121\n");
        assert!(preformatted_text(&tables));
        assert!(!preformatted_text(&split_lines("- a, b, c\n- d, e, f\n")));
    }
}
