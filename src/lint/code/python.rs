//! Python as authors paste it into notes, judged like CPython judges it.
//!
//! Tabs in indentation are judged here as CPython's tokenizer judges them
//! ([`tab_error`]): a tab after spaces on a comment line, or in code whose
//! indentation is consistent under both tab sizes CPython compares, is
//! accepted; indentation whose meaning depends on the tab size is not.
//! Notebook code holds IPython syntax (`%timeit`, `!pip install`, `files =
//! !ls`), which runs where it was written. A block is judged as read with
//! those accepted ([`relax`], same offsets); and a block that fails because
//! console output was pasted into it (`>>>` prompts, `In [1]:`, `<script.py> output:`, `$ `
//! commands, a `== Physical Plan ==` header) is reported as such.

/// `code` with what CPython or IPython accepts made plain Python, byte for
/// byte the same length so that offsets still point into `code`.
#[derive(Debug)]
pub struct Relaxed {
    pub text: String,
    /// Whether a tab in an indentation became a space.
    pub tabs: bool,
    /// Byte ranges of the IPython lines that were replaced.
    pub ipython: Vec<std::ops::Range<usize>>,
}

/// Cell magics whose body is Python; after any other (`%%bash`,
/// `%%html`, ...) the rest of the block is another language.
const PYTHON_CELL_MAGICS: &[&str] = &[
    "time",
    "timeit",
    "capture",
    "prun",
    "debug",
    "memit",
    "mprun",
    "px",
    "cython_inline",
];

/// `code` with tabs in indentation turned into single spaces and IPython
/// lines into a placeholder statement; `None` when there is nothing of the
/// kind (the error stands as it is).
#[must_use]
pub fn relax(code: &str) -> Option<Relaxed> {
    let mut bytes = code.as_bytes().to_vec();
    let mut tabs = false;
    let mut ipython = Vec::new();
    let mut start = 0;
    let mut rest_is_other_language = false;
    while start < code.len() {
        let end = code[start..].find('\n').map_or(code.len(), |k| start + k);
        let line = &code[start..end];
        if rest_is_other_language {
            blank(&mut bytes[start..end]);
            start = end + 1;
            continue;
        }
        let indent = line.len() - line.trim_start_matches([' ', '\t', '\x0c']).len();
        for b in &mut bytes[start..start + indent] {
            if *b == b'\t' {
                *b = b' ';
                tabs = true;
            }
        }
        let body = line[indent..].trim_end();
        // `files = !ls`, `t = %timeit -o f()`: an assignment from IPython.
        let magic_at = match body.split_once(" = ") {
            Some((target, value))
                if is_identifier_list(target) && value.starts_with(['!', '%']) =>
            {
                Some(indent + target.len() + 3)
            }
            _ => (body.starts_with(['!', '%']) && !body.starts_with("%=")).then_some(indent),
        };
        if let Some(at) = magic_at {
            let magic = &line[at..];
            if let Some(cell) = magic.strip_prefix("%%") {
                let name = cell.split_whitespace().next().unwrap_or_default();
                rest_is_other_language = !PYTHON_CELL_MAGICS.contains(&name);
            }
            // A one-character expression keeps the line a statement, so a
            // magic that is a block's body still gives it one.
            let range = start + at..start + line.trim_end().len();
            blank(&mut bytes[range.clone()]);
            bytes[range.start] = b'0';
            ipython.push(range);
        }
        start = end + 1;
    }
    if !tabs && ipython.is_empty() {
        return None;
    }
    // Only ASCII bytes were replaced, each by an ASCII byte.
    let text = String::from_utf8(bytes).ok()?;
    Some(Relaxed {
        text,
        tabs,
        ipython,
    })
}

/// Every byte but line ends becomes a space: the length stays, and a
/// multi-byte character becomes several spaces, still valid UTF-8.
fn blank(bytes: &mut [u8]) {
    for b in bytes {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

fn is_identifier_list(text: &str) -> bool {
    text.split(',').all(|name| {
        let name = name.trim();
        name.chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_alphanumeric() || c == '_')
    })
}

/// CPython's check of indentation with tabs (its tokenizer's `TabError`):
/// each logical line's indentation is measured with tabs of 8 columns and
/// of 1, and the two must order the lines the same way. The answer is the
/// byte offset of the first line that fails the check.
#[must_use]
pub fn tab_error(code: &str) -> Option<usize> {
    let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
    for (line_start, indent) in logical_lines(code) {
        let (col, alt) = columns(indent);
        let &(top, alt_top) = stack.last()?;
        if col == top {
            if alt != alt_top {
                return Some(line_start);
            }
        } else if col > top {
            if alt <= alt_top {
                return Some(line_start);
            }
            stack.push((col, alt));
        } else {
            while stack.len() > 1 && stack.last().is_some_and(|&(c, _)| col < c) {
                stack.pop();
            }
            // A dedent to no enclosing level is the parser's to report.
            if stack.last().is_some_and(|&(c, a)| c == col && a != alt) {
                return Some(line_start);
            }
        }
    }
    None
}

/// The start and the indentation of every line that begins a logical line
/// of code: not blank, not only a comment, not inside brackets, a string,
/// or after a backslash.
fn logical_lines(code: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    // The open string's quote and whether it is triple.
    let mut string: Option<(u8, bool)> = None;
    let mut continued = false;
    let mut start = 0;
    for line in code.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        let bytes = line.as_bytes();
        let body = line.trim_start_matches([' ', '\t', '\x0c']);
        let indent = &line[..line.len() - body.len()];
        let trimmed = body.trim_end();
        if depth == 0
            && string.is_none()
            && !continued
            && !trimmed.is_empty()
            && !trimmed.starts_with('#')
        {
            found.push((line_start, indent));
        }
        continued = false;
        let mut k = 0;
        while k < bytes.len() {
            let b = bytes[k];
            if let Some((quote, triple)) = string {
                if b == b'\\' {
                    k += 2;
                    continue;
                }
                if b == quote && (!triple || bytes[k..].starts_with(&[quote; 3])) {
                    string = None;
                    k += if triple { 3 } else { 1 };
                    continue;
                }
                k += 1;
                continue;
            }
            match b {
                b'#' => break,
                b'\'' | b'"' => {
                    let triple = bytes[k..].starts_with(&[b; 3]);
                    string = Some((b, triple));
                    k += if triple { 3 } else { 1 };
                    continue;
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                b'\\' if line[k + 1..].trim_end_matches(['\r', '\n']).is_empty() => {
                    continued = true;
                }
                _ => {}
            }
            k += 1;
        }
        // A one-line string left open ends with its line (unless escaped).
        if let Some((_, false)) = string
            && !line.trim_end_matches(['\r', '\n']).ends_with('\\')
        {
            string = None;
        }
    }
    found
}

/// Columns of an indentation with tabs of 8 and of 1, as CPython counts.
fn columns(indent: &str) -> (usize, usize) {
    let (mut col, mut alt) = (0, 0);
    for c in indent.chars() {
        match c {
            '\t' => {
                col = (col / 8 + 1) * 8;
                alt += 1;
            }
            '\x0c' => (col, alt) = (0, 0),
            _ => {
                col += 1;
                alt += 1;
            }
        }
    }
    (col, alt)
}

/// A line of console output pasted into code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleLine {
    /// Byte offset of the line's first non-blank character in the code.
    pub start: usize,
    /// Byte length of the marker (`>>>`, `In [1]:`, `$`, ...).
    pub len: usize,
    /// What the marker is, for the message.
    pub what: &'static str,
}

/// The first logical line of `code` that starts like console output: a
/// Python or IPython prompt, the header of a run's output, a shell prompt.
/// Lines inside strings (a doctest in a docstring) do not count.
#[must_use]
pub fn console_line(code: &str) -> Option<ConsoleLine> {
    logical_lines(code).into_iter().find_map(|(start, indent)| {
        let body = code[start + indent.len()..].lines().next().unwrap_or("");
        let (len, what) = console_marker(body.trim_end())?;
        Some(ConsoleLine {
            start: start + indent.len(),
            len,
            what,
        })
    })
}

/// The first IPython prompt (`In [1]:`, `Out[1]:`) that starts a logical
/// line. Such a line parses as Python (an annotated subscript), but no
/// code is written that way: it is a pasted session.
#[must_use]
pub fn ipython_prompt(code: &str) -> Option<ConsoleLine> {
    // Every prompt has `]:`; one scan rules out almost all code.
    if !code.contains("]:") {
        return None;
    }
    console_line(code).filter(|c| c.what == IPYTHON_PROMPT)
}

const IPYTHON_PROMPT: &str = "an IPython prompt";

/// The length and the name of the console marker that starts `line`.
fn console_marker(line: &str) -> Option<(usize, &'static str)> {
    if line == ">>>" || line.starts_with(">>> ") {
        return Some((3, "a Python prompt"));
    }
    for prompt in ["In", "Out"] {
        if let Some(rest) = line.strip_prefix(prompt) {
            let rest = rest.trim_start_matches(' ');
            if let Some(number) = rest.strip_prefix('[')
                && let Some((digits, _)) = number.split_once("]:")
                && digits.chars().all(|c| c.is_ascii_digit())
            {
                return Some((
                    line.len() - number.len() + digits.len() + 2,
                    "an IPython prompt",
                ));
            }
        }
    }
    if line.starts_with('<')
        && let Some((script, _)) = line[1..].split_once("> output:")
        && !script.is_empty()
        && !script.contains([' ', '<', '>'])
    {
        return Some((script.len() + 10, "the header of a run's output"));
    }
    // `== Physical Plan ==`: the header of what Spark's `explain()` prints.
    if let Some(title) = line.strip_prefix("== ").and_then(|l| l.strip_suffix(" =="))
        && !title.is_empty()
        && title.chars().all(|c| c.is_alphabetic() || c == ' ')
    {
        return Some((line.len(), "the header of printed output"));
    }
    if let Some(command) = line.strip_prefix("$ ")
        && command.starts_with(|c: char| c.is_ascii_alphabetic() || c == '.' || c == '/')
    {
        return Some((1, "a shell prompt"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::{Mode, ParseOptions};

    fn parses(code: &str) -> bool {
        ruff_python_parser::parse_unchecked(code, ParseOptions::from(Mode::Module))
            .errors()
            .is_empty()
    }

    #[test]
    fn a_tab_after_spaces_in_a_comment_line_is_python() {
        let code = "for x in y:\n  \t# note\n    print(x)\n";
        assert!(parses(code), "CPython runs it");
        let relaxed = relax(code).unwrap();
        assert!(parses(&relaxed.text));
        assert_eq!(relaxed.text.len(), code.len());
        assert_eq!(tab_error(code), None);
    }

    #[test]
    fn indentation_that_depends_on_the_tab_size_is_a_tab_error() {
        // Eight spaces, then a tab: the same level only if a tab is 8 wide.
        let code = "if x:\n        a = 1\n\tb = 2\n";
        assert_eq!(tab_error(code), Some(code.find("\tb").unwrap()));
        // Tabs alone are consistent.
        let code = "if x:\n\ta = 1\n\tif a:\n\t\tb = 2\n";
        assert_eq!(tab_error(code), None);
        // Lines inside brackets and strings are not indentation.
        let code = "x = [\n        1,\n\t2]\ns = \"\"\"\n        a\n\tb\"\"\"\nif x:\n\ty = 1\n";
        assert_eq!(tab_error(code), None);
    }

    #[test]
    fn ipython_lines_become_statements() {
        let code =
            "%matplotlib inline\nimport pandas\nfiles = !ls -l\nfor f in files:\n    !echo $f\n";
        let relaxed = relax(code).unwrap();
        assert!(parses(&relaxed.text), "{}", relaxed.text);
        assert_eq!(relaxed.ipython.len(), 3);
        // After a cell magic of another language, nothing is Python.
        let code = "x = 1\n%%bash\nls -l | wc\n";
        assert!(parses(&relax(code).unwrap().text));
        // `%%timeit` keeps a Python body, which is still checked.
        let code = "%%timeit\nx = (\n";
        assert!(!parses(&relax(code).unwrap().text));
    }

    #[test]
    fn console_markers_are_found_where_they_start() {
        let found = |code: &str| console_line(code).map(|c| (c.start, c.len, c.what));
        assert_eq!(found("x = 1\n>>> x\n1\n"), Some((6, 3, "a Python prompt")));
        assert_eq!(
            found("In [12]: df.head()\n"),
            Some((0, 8, "an IPython prompt"))
        );
        assert_eq!(
            found("Out[1]:\n{'a': 1}\n"),
            Some((0, 7, "an IPython prompt"))
        );
        assert_eq!(
            found("print(1)\n\n<script.py> output:\n    1\n"),
            Some((10, 19, "the header of a run's output"))
        );
        assert_eq!(
            found("$ airflow list_dags\n"),
            Some((0, 1, "a shell prompt"))
        );
        for code in [
            "x = a >> b\n",
            "price = '$ 5'\n",
            "In = [1]\n",
            "x = In[1]\n",
        ] {
            assert_eq!(found(code), None, "{code}");
        }
    }
}
