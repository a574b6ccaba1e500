//! SQL and Python in code answers and language-tagged fences, checked with
//! real tools: sqlparser's tokenizer (Databricks dialect) and parser (every
//! plausible dialect, see [`sql`]) and Ruff's Python parser (see [`python`]).
//! Problems come back with file spans.

mod python;
mod sql;

use ruff_python_parser::{LexicalErrorType, Mode, ParseErrorType, ParseOptions};
use sqlparser::dialect::DatabricksDialect;
use sqlparser::tokenizer::{Location, Token, TokenWithSpan, Tokenizer};

use crate::parse::ast::{AnswerBody, CodeLanguage, Document};
use crate::parse::lines::{Line, split_lines};
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblemKind {
    SqlString,
    SqlIdentifier,
    SqlComment,
    SqlParenthesis,
    SqlSyntax,
    Python,
    ConsoleOutput,
}

#[derive(Debug, Clone)]
pub struct CodeProblem {
    pub kind: CodeProblemKind,
    pub span: Span,
    pub message: String,
    pub label: String,
}

/// Every problem in the document's code, in file order.
#[must_use]
pub fn code_problems(text: &str, doc: &Document) -> Vec<CodeProblem> {
    // The fences that answer an exercise (an answer block, or a coding
    // exercise's solution).
    let mut answers = vec![false; doc.fences.len()];
    for exercise in doc.exercises() {
        if let Some(answer) = &exercise.answer
            && let AnswerBody::Code(code) = &answer.body
        {
            for part in &code.parts {
                answers[part.fence] = true;
            }
        }
    }
    let mut problems = Vec::new();
    for (fence, answer) in doc.fences.iter().zip(answers) {
        // The parser read the language from the tag and the content: a
        // quiz under a `python` tag is no Python.
        let language = fence.language;
        if fence.content.is_empty() {
            continue;
        }
        let code = &text[fence.content.start..fence.content.end];
        let base = fence.content.start;
        match language {
            Some(CodeLanguage::Sql) => {
                let lines = rebase(split_lines(code), base);
                // Only a code answer is parsed: a fence in reading material
                // may hold a fragment (`WHERE x > 5`), and parsing costs.
                sql_problems(code, &lines, answer, &mut problems);
            }
            // Its lines are only needed to place a problem.
            Some(CodeLanguage::Python) => python_problems(code, base, &mut problems),
            _ => {}
        }
    }
    problems
}

fn rebase(lines: Vec<Line<'_>>, base: usize) -> Vec<Line<'_>> {
    lines
        .into_iter()
        .map(|l| Line {
            start: l.start + base,
            text: l.text,
        })
        .collect()
}

/// Maps the tokenizer's 1-based lines and character columns to file offsets.
///
/// Tokens come in file order, so a cursor that only moves forward keeps the
/// whole pass linear, even over thousands of tokens on one long line.
struct Locator<'l, 'a> {
    lines: &'l [Line<'a>],
    /// 0-based line, character column and byte in that line of the cursor.
    line: usize,
    column: usize,
    byte: usize,
}

impl<'l, 'a> Locator<'l, 'a> {
    const fn new(lines: &'l [Line<'a>]) -> Self {
        Self {
            lines,
            line: 0,
            column: 0,
            byte: 0,
        }
    }

    /// File offset of `location`; past the end of its line, the line's end.
    fn offset(&mut self, location: Location) -> usize {
        let Some(line) = usize::try_from(location.line)
            .ok()
            .and_then(|l| l.checked_sub(1))
            .filter(|&l| l < self.lines.len())
        else {
            return self.lines.last().map_or(0, Line::end);
        };
        let column = usize::try_from(location.column)
            .unwrap_or(1)
            .saturating_sub(1);
        if line != self.line || column < self.column {
            (self.line, self.column, self.byte) = (line, 0, 0);
        }
        let text = self.lines[line].text;
        for c in text[self.byte..].chars() {
            if self.column >= column {
                break;
            }
            self.byte += c.len_utf8();
            self.column += 1;
        }
        self.lines[line].start + self.byte
    }
}

/// The line holding `offset` (its end included), found by bisection.
fn line_at<'l, 'a>(lines: &'l [Line<'a>], offset: usize) -> Option<&'l Line<'a>> {
    let k = lines.partition_point(|l| l.end() < offset);
    lines.get(k).filter(|l| l.start <= offset)
}

/// A span of `len` bytes at `offset` (at least one character), within its
/// line and widened to whole characters: the tools count in bytes, and the
/// byte after a token's start may be inside a multi-byte character.
fn char_span(lines: &[Line<'_>], offset: usize, len: usize) -> Span {
    let Some(line) = line_at(lines, offset) else {
        return Span::new(offset, offset);
    };
    let text = line.text;
    let mut start = offset - line.start;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (offset - line.start + len.max(1)).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(line.start + start, line.start + end.max(start))
}

fn sql_problems(code: &str, lines: &[Line<'_>], parse: bool, out: &mut Vec<CodeProblem>) {
    let before = out.len();
    let tokens = sql_token_problems(code, lines, out);
    // The parser is only asked about code whose tokens are sound: a string
    // or parenthesis left open is already the whole story.
    let Some(tokens) = tokens.filter(|_| parse && out.len() == before) else {
        return;
    };
    if let Some(problem) = sql::sql_syntax(code, tokens) {
        let offset = Locator::new(lines).offset(problem.at);
        let len = code_at(lines, offset, problem.len).len();
        out.push(CodeProblem {
            kind: CodeProblemKind::SqlSyntax,
            span: char_span(lines, offset, len),
            message: problem.message,
            label: problem.label,
        });
    }
}

/// The problems the tokens show; the tokens (Databricks dialect), when the
/// code could be tokenized.
fn sql_token_problems(
    code: &str,
    lines: &[Line<'_>],
    out: &mut Vec<CodeProblem>,
) -> Option<Vec<TokenWithSpan>> {
    let dialect = DatabricksDialect {};
    let mut tokens: Vec<TokenWithSpan> = Vec::new();
    let result = Tokenizer::new(&dialect, code).tokenize_with_location_into_buf(&mut tokens);
    if let Err(error) = result {
        // The failing token starts where the last good one ended.
        let start = tokens
            .last()
            .map_or(Location { line: 1, column: 1 }, |t| t.span.end);
        let offset = Locator::new(lines).offset(start);
        let message = error.message.to_ascii_lowercase();
        let (kind, what, label, len) = if message.contains("comment") {
            (
                CodeProblemKind::SqlComment,
                "SQL block comment is never closed",
                "comment opened here",
                2,
            )
        } else if message.contains("delimiter") {
            (
                CodeProblemKind::SqlIdentifier,
                "SQL quoted identifier is never closed",
                "identifier opened here",
                1,
            )
        } else {
            (
                CodeProblemKind::SqlString,
                "SQL string literal is never closed",
                "string opened here",
                1,
            )
        };
        let opener = code_at(lines, offset, len);
        let snippet = code_at(lines, offset, 40).trim_end();
        out.push(CodeProblem {
            kind,
            span: char_span(lines, offset, opener.len().max(1)),
            message: if snippet.is_empty() {
                what.to_owned()
            } else {
                format!("{what}: {}", code_span(snippet))
            },
            label: label.to_owned(),
        });
        // Parentheses cannot be judged past a token that swallowed the rest.
        return None;
    }
    let mut open: Vec<usize> = Vec::new();
    let mut locator = Locator::new(lines);
    for token in &tokens {
        match token.token {
            Token::LParen => open.push(locator.offset(token.span.start)),
            Token::RParen if open.pop().is_none() => {
                let at = locator.offset(token.span.start);
                out.push(CodeProblem {
                    kind: CodeProblemKind::SqlParenthesis,
                    span: char_span(lines, at, 1),
                    message: "SQL has a `)` with no matching `(`".to_owned(),
                    label: "unmatched `)`".to_owned(),
                });
            }
            _ => {}
        }
    }
    for at in open {
        out.push(CodeProblem {
            kind: CodeProblemKind::SqlParenthesis,
            span: char_span(lines, at, 1),
            message: "SQL has a `(` that is never closed".to_owned(),
            label: "unclosed `(`".to_owned(),
        });
    }
    Some(tokens)
}

/// Up to `len` characters of code at `offset`.
fn code_at<'a>(lines: &[Line<'a>], offset: usize, len: usize) -> &'a str {
    line_at(lines, offset)
        .filter(|l| offset < l.end())
        .map_or("", |l| {
            let rel = &l.text[offset - l.start..];
            let end = rel.char_indices().nth(len).map_or(rel.len(), |(b, _)| b);
            &rel[..end]
        })
}

/// Python blocks up to this size are parsed on the calling thread: a syntax
/// tree is never deeper than its code is long, and any thread's stack holds
/// a few thousand levels.
const INLINE_PYTHON_BYTES: usize = 4 * 1024;
/// Stack reserved per byte of a larger block. The parser grows its own
/// stack while it descends, but the drop of its tree recurses once per
/// nesting level (`[[[...]]]`, `- - - x`), and a level takes well under
/// this, even in a debug build.
const STACK_PER_PYTHON_BYTE: usize = 1024;
/// Larger blocks are not parsed: their stack would not fit in memory.
const MAX_PYTHON_BYTES: usize = 1024 * 1024;

/// The first syntax error of a Python block, in file order.
#[derive(Debug)]
struct PythonError {
    /// Byte offset in the block where the error starts.
    offset: usize,
    message: String,
    /// Whether the code ended where more was expected.
    eof: bool,
}

/// The first syntax error of `code` read as a Python module. Syntax that
/// only some Python versions accept (`match`, `except*`, `type X = ...`,
/// nested f-string quotes) is no error: the parser reports it apart, and
/// notes may be written for any recent Python.
fn first_python_error(code: &str) -> Option<PythonError> {
    let parsed = ruff_python_parser::parse_unchecked(code, ParseOptions::from(Mode::Module));
    // The parser recovers and goes on: its errors need not come in order.
    parsed
        .errors()
        .iter()
        .min_by_key(|e| e.location.start())
        .map(|e| PythonError {
            offset: usize::from(e.location.start()),
            message: e.error.to_string(),
            eof: matches!(e.error, ParseErrorType::Lexical(LexicalErrorType::Eof)),
        })
}

/// Parses `code` as a Python module on a stack deep enough for any nesting
/// it can hold: `Ok(None)` when it parses, `Err` with the reason when it
/// could not be parsed at all.
fn parse_python(code: &str) -> Result<Option<PythonError>, String> {
    let parse = || first_python_error(code);
    if code.len() <= INLINE_PYTHON_BYTES {
        return Ok(parse());
    }
    if code.len() > MAX_PYTHON_BYTES {
        return Err(format!(
            "the block holds {} bytes, more than the {} MiB that can be parsed",
            code.len(),
            MAX_PYTHON_BYTES >> 20
        ));
    }
    let stack = code.len() * STACK_PER_PYTHON_BYTE + (1 << 20);
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("python-parse".to_owned())
            .stack_size(stack)
            .spawn_scoped(scope, parse)
            .map_err(|e| format!("no thread with a deep enough stack ({e})"))?;
        Ok(handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

fn python_problems(code: &str, base: usize, out: &mut Vec<CodeProblem>) {
    // What CPython and IPython accept is not an error: the code is read with
    // it made plain Python (same offsets). With tabs in the indentation, or
    // a line that starts with `%` or `!` (IPython's magics and commands),
    // that is the first reading, so such code is parsed once; other IPython
    // lines are looked for only when the code does not parse as it is.
    let early = if code.contains('\t')
        || code.starts_with(['%', '!'])
        || code.contains("\n%")
        || code.contains("\n!")
    {
        python::relax(code)
    } else {
        None
    };
    let (relaxed, verdict, original) = match early {
        Some(relaxed) => {
            let verdict = parse_python(&relaxed.text);
            // A `%` that continues an expression is no IPython line: code that
            // parses as written stands.
            if matches!(verdict, Ok(Some(_))) && !relaxed.ipython.is_empty() {
                let original = parse_python(code);
                if let Ok(None) = original {
                    (None, original, None)
                } else {
                    (Some(relaxed), verdict, Some(original))
                }
            } else {
                (Some(relaxed), verdict, None)
            }
        }
        None => {
            let original = parse_python(code);
            let relaxed = match original {
                Ok(Some(_)) => python::relax(code),
                _ => None,
            };
            match relaxed {
                Some(relaxed) => {
                    let verdict = parse_python(&relaxed.text);
                    (Some(relaxed), verdict, Some(original))
                }
                None => (None, original, None),
            }
        }
    };
    let tabs = relaxed.as_ref().is_some_and(|r| r.tabs);
    if let Ok(None) = verdict
        && !tabs
        && python::ipython_prompt(code).is_none()
    {
        return;
    }
    let lines = &rebase(split_lines(code), base);
    let tab_error = tabs.then(|| python::tab_error(code)).flatten();
    if let Some(at) = tab_error
        && match &verdict {
            Ok(Some(e)) => e.offset >= at,
            _ => true,
        }
    {
        let span = line_at(lines, base + at).map_or(Span::new(base + at, base + at), |l| {
            Span::new(l.start, l.start + l.trimmed_end().len())
        });
        out.push(CodeProblem {
            kind: CodeProblemKind::Python,
            span,
            message: "Python does not parse: inconsistent use of tabs and spaces in indentation"
                .to_owned(),
            label: "this line's indentation depends on the tab size".to_owned(),
        });
        return;
    }
    let error = match verdict {
        Ok(Some(error)) => error,
        Ok(None) => {
            if let Some(prompt) = python::ipython_prompt(code) {
                out.push(console_problem(lines, base, &prompt));
            }
            return;
        }
        Err(reason) => {
            let first = lines.first().map_or(base, |l| l.start);
            out.push(CodeProblem {
                kind: CodeProblemKind::Python,
                span: Span::new(first, line_at(lines, first).map_or(first, Line::end)),
                message: format!("Python is not checked: {reason}"),
                label: "block starts here".to_owned(),
            });
            return;
        }
    };
    // An error that stands on a replaced IPython line is the one the code
    // has as written.
    let on_replaced_line = relaxed
        .as_ref()
        .is_some_and(|r| r.ipython.iter().any(|range| range.contains(&error.offset)));
    let error = match original {
        _ if !on_replaced_line => error,
        Some(Ok(Some(original))) => original,
        Some(_) => error,
        None => match parse_python(code) {
            Ok(Some(original)) => original,
            _ => error,
        },
    };
    if let Some(console) = python::console_line(code)
        && console.start <= error.offset
    {
        out.push(console_problem(lines, base, &console));
        return;
    }
    let mut relative = error.offset.min(code.len());
    while !code.is_char_boundary(relative) {
        relative -= 1;
    }
    let offset = base + relative;
    let last_significant = lines
        .iter()
        .rposition(|l| !l.is_blank() && !l.text.trim_start().starts_with('#'));
    let at_end = last_significant.is_none_or(|k| offset >= lines[k].end()) || error.eof;
    // A block header followed by nothing indented: point at the header and
    // the lines that should have been its body.
    if at_end
        && let Some(k) = last_significant
        && code_without_comment(lines[k].text).ends_with(':')
    {
        let header = lines[k].text.trim();
        let keyword = header
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .next()
            .unwrap_or(header);
        let last = lines.iter().rposition(|l| !l.is_blank()).unwrap_or(k);
        out.push(CodeProblem {
            kind: CodeProblemKind::Python,
            span: Span::new(
                lines[k].start + (lines[k].text.len() - lines[k].text.trim_start().len()),
                lines[last].start + lines[last].trimmed_end().len(),
            ),
            message: format!(
                "Python does not parse: `{keyword} ...:` is followed by no indented block"
            ),
            label: "expected an indented block after this line".to_owned(),
        });
        return;
    }
    // An error at the end of a blank line (the end of the code) is shown on
    // the last line that holds code.
    let line = line_at(lines, offset)
        .filter(|l| !l.is_blank())
        .or_else(|| last_significant.map(|k| &lines[k]));
    let span = match line {
        Some(l) if offset < l.end() => char_span(lines, offset, 1),
        Some(l) => Span::new(
            l.start + (l.text.len() - l.text.trim_start().len()),
            l.start + l.trimmed_end().len(),
        ),
        None => Span::new(offset, offset),
    };
    out.push(CodeProblem {
        kind: CodeProblemKind::Python,
        span,
        message: format!(
            "Python does not parse: {}",
            sentence_part(first_line(&error.message))
        ),
        label: "here".to_owned(),
    });
}

fn console_problem(lines: &[Line<'_>], base: usize, console: &python::ConsoleLine) -> CodeProblem {
    let start = base + console.start;
    CodeProblem {
        kind: CodeProblemKind::ConsoleOutput,
        span: char_span(lines, start, console.len),
        message: format!(
            "Code mixed with pasted console output: `{}` is {}, not Python",
            code_at(lines, start, console.len),
            console.what
        ),
        label: "console output starts here".to_owned(),
    }
}

/// `text` as a Markdown code span, with double backticks when it holds one.
fn code_span(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

fn code_without_comment(line: &str) -> &str {
    line.split('#').next().unwrap_or(line).trim_end()
}

/// The parser's message as the rest of a sentence: `Expected an
/// expression` becomes `expected an expression`; a name such as `IPython`
/// keeps its capitals.
fn sentence_part(message: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = message.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_ascii_uppercase() && !second.is_uppercase() => {
            format!("{}{}", first.to_ascii_lowercase(), &message[1..]).into()
        }
        _ => message.into(),
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(code: &str) -> Vec<CodeProblem> {
        let mut out = Vec::new();
        python_problems(code, 0, &mut out);
        out
    }

    /// On a thread with the default stack of 2 MiB, as a test's or a worker's.
    fn problems_on_a_small_stack(code: String) -> Vec<CodeProblem> {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || problems(&code))
            .expect("thread")
            .join()
            .expect("no overflow")
    }

    #[test]
    fn a_hundred_thousand_nesting_levels_parse_without_overflow() {
        let n = 100_000;
        let brackets = format!("x = {}{}\n", "[".repeat(n), "]".repeat(n));
        assert!(problems_on_a_small_stack(brackets).is_empty());
        let unary = format!("x = {}1\n", "- ".repeat(n));
        assert!(problems_on_a_small_stack(unary).is_empty());
        // An error deep inside is still found and placed.
        let open = format!("x = {}{}\n", "[".repeat(n), "]".repeat(n - 1));
        let found = problems_on_a_small_stack(open);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.starts_with("Python does not parse: "));
    }

    #[test]
    fn the_largest_block_parsed_inline_fits_a_small_stack() {
        let n = (INLINE_PYTHON_BYTES - 6) / 2;
        let code = format!("x = {}{}\n", "[".repeat(n), "]".repeat(n));
        assert!(code.len() <= INLINE_PYTHON_BYTES);
        assert!(problems_on_a_small_stack(code).is_empty());
        let code = format!("x = {}1\n", "-".repeat(INLINE_PYTHON_BYTES - 6));
        assert!(problems_on_a_small_stack(code).is_empty());
    }

    #[test]
    fn the_first_error_in_file_order_is_reported() {
        let found = problems("x = = 1\ny = = 2\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.start, 4, "{found:?}");
    }

    #[test]
    fn syntax_of_any_recent_python_is_accepted() {
        for code in [
            "match x:\n    case [a, *rest]:\n        pass\n",
            "try:\n    f()\nexcept* ValueError:\n    pass\n",
            "type Point = tuple[float, float]\n",
            "def first[T](xs: list[T]) -> T:\n    return xs[0]\n",
            "print(f\"{', '.join(names)}\")\n",
            "with (open(a) as f, open(b) as g):\n    pass\n",
        ] {
            assert!(problems(code).is_empty(), "{code}");
        }
    }

    #[test]
    fn messages_read_as_one_sentence() {
        let found = problems("x = f(1, y=2, 3)\n");
        assert_eq!(
            found[0].message,
            "Python does not parse: positional argument cannot follow keyword argument"
        );
        assert_eq!(sentence_part("IPython escape"), "IPython escape");
        assert_eq!(sentence_part("f-string: x"), "f-string: x");
    }
}
