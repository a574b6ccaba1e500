//! Where the prose of a notes file is, and its words: what the spelling
//! rules read. Code never is prose: code answers, language-tagged fences,
//! inline code, URLs, e-mail addresses, identifiers (`snake_case`,
//! `camelCase`, `dotted.names`), `{{parameters}}`, `{% tags %}`,
//! `<placeholders>`, shell and REPL prompt lines and box-drawn output
//! tables are skipped. Fences tagged as text (`txt`, `text`, `markdown`
//! ...) are prose.

use super::LintContext;
use crate::parse::ast::{AnswerBody, Block};
use crate::parse::inline::code_spans;
use crate::source::Span;

/// A word of prose, with its span in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProseWord<'t> {
    pub span: Span,
    pub text: &'t str,
    /// Whether the word opens a sentence: the first word of its line or
    /// the first after `.`, `!` or `?`. A capital elsewhere marks a name.
    pub sentence_start: bool,
}

/// Fence tags under which authors write prose, not code.
const PROSE_FENCES: &[&str] = &["txt", "text", "plain", "plaintext", "md", "markdown"];

/// Whether a fence's language tag says its content is prose.
#[must_use]
pub fn is_prose_fence(info: Option<&str>) -> bool {
    info.is_some_and(|tag| PROSE_FENCES.contains(&tag))
}

/// The spans of a file that hold prose: headings, context prose, stems,
/// options, explanations, notes, group headers and items, steps,
/// free-text answers and fences tagged as text.
#[must_use]
pub fn prose_spans(cx: &LintContext<'_>) -> Vec<Span> {
    let mut spans: Vec<Span> = cx.doc.chapters.iter().map(|c| c.heading).collect();
    spans.extend(
        cx.doc
            .fences
            .iter()
            .filter(|f| is_prose_fence(f.info.as_deref()))
            .map(|f| f.content),
    );
    for exercise in cx.exercises() {
        spans.push(exercise.title_span);
        for block in &exercise.blocks {
            match block {
                Block::Prose { span, .. } | Block::Subheading { span, .. } => spans.push(*span),
                Block::Fence { .. } => {}
            }
        }
        let Some(answer) = &exercise.answer else {
            continue;
        };
        spans.extend(answer.stem().map(|s| s.span));
        spans.extend(answer.note().map(|n| n.span));
        match &answer.body {
            AnswerBody::Choice(choice) => {
                for option in &choice.options {
                    spans.push(option.text_span);
                    spans.extend(option.explanation.as_ref().map(|e| e.span));
                }
            }
            AnswerBody::Categorize(cat) => {
                for group in &cat.groups {
                    spans.push(group.header);
                    spans.extend(group.items.iter().map(|i| i.span));
                }
            }
            AnswerBody::Order(order) => {
                for step in &order.steps {
                    spans.push(step.span);
                    // Lines under a step that explain it lie outside it.
                    let below = step.explanation.as_ref().map(|e| e.span);
                    spans.extend(below.filter(|e| e.start >= step.span.end));
                }
            }
            AnswerBody::FreeText(text) => spans.push(text.span),
            AnswerBody::Code(_) | AnswerBody::Empty => {}
        }
    }
    // A fence tagged as text may also hold an answer block, whose parts
    // lie inside it: read such text once, as the whole fence.
    spans.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        if kept.last().is_some_and(|last| span.end <= last.end) {
            continue;
        }
        kept.push(span);
    }
    kept
}

/// The words of `text` (whose file offset is `base`) worth checking.
///
/// A word is a run of ASCII letters, split at hyphens, with a possessive
/// `'s` dropped; an apostrophe inside (`don't`) is part of the word. A
/// chunk (text between spaces) that looks like code or an address is
/// skipped whole, as are words in capitals (acronyms, SQL keywords), words
/// with other letters, and lines that are a shell or REPL prompt or a
/// box-drawn table.
#[must_use]
pub fn prose_words(text: &str, base: usize) -> Vec<ProseWord<'_>> {
    let mut out = Vec::new();
    prose_words_into(text, base, &mut out);
    out
}

/// The words of [`prose_words`], added to `out`: one buffer can serve
/// every piece of prose of a file.
pub fn prose_words_into<'t>(text: &'t str, base: usize, out: &mut Vec<ProseWord<'t>>) {
    let bytes = text.as_bytes();
    // About one word in seven bytes of prose.
    out.reserve(bytes.len() / 6 + 1);
    // Inline code, as the exporters read it.
    let code = code_spans(text);
    let code_at = |at: usize| {
        code.binary_search_by_key(&at, |c| c.span.start)
            .ok()
            .map(|k| code[k].span.end - at)
    };
    // A skipped span starts with a code span's backtick, `{`, `<` or `[`
    // (the bytes classed `OPEN`): any other byte starts none, and is not
    // looked up.
    let skipped = |at: usize| code_at(at).or_else(|| skipped_span(&text[at..]));
    // A text with no box-drawing character has no line of a drawn table.
    let boxes = has_box_drawing(bytes);
    let mut i = 0;
    let mut line_start = true;
    let mut sentence_start = true;
    while i < bytes.len() {
        if line_start {
            line_start = false;
            sentence_start = true;
            if let Some(len) = code_line_len(&text[i..], boxes) {
                i += len;
                continue;
            }
        }
        let b = bytes[i];
        let class = CLASSES[usize::from(b)];
        if class & OPEN != 0
            && let Some(skip) = skipped(i)
        {
            i += skip;
            continue;
        }
        if class & SPACE != 0 {
            line_start = b == b'\n';
            i += 1;
            continue;
        }
        if class & NON_ASCII != 0 {
            let c = text[i..].chars().next().expect("i is inside the text");
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
        }
        // A chunk runs to the next space or the start of a skipped span.
        let (end, ascii) = chunk_end(text, i, |k| skipped(k).is_some());
        let chunk = &text[i..end];
        if chunk_words(chunk, ascii, base + i, sentence_start, out) {
            sentence_start = ends_sentence(chunk, ascii);
        }
        i = end;
    }
}

/// Whether `bytes` hold a box-drawing character (U+2500 to U+257F, which
/// UTF-8 writes `E2 94 xx` and `E2 95 xx`).
fn has_box_drawing(bytes: &[u8]) -> bool {
    // Most texts have no `E2` byte at all: one quick search says so.
    bytes.contains(&0xe2)
        && bytes
            .windows(2)
            .any(|w| w[0] == 0xe2 && matches!(w[1], 0x94 | 0x95))
}

/// The length of the line at the start of `rest` when it is a code line
/// ([`is_code_line`]). `boxes` says whether the text holds a box-drawing
/// character: without one, only the line's first bytes are read.
fn code_line_len(rest: &str, boxes: bool) -> Option<usize> {
    let bytes = rest.as_bytes();
    // Leading spaces, as `trim_start` reads them up to the line's end.
    let indent = bytes
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | 0x0b | 0x0c | b'\r'))
        .unwrap_or(bytes.len());
    let line_len = || rest.find('\n').unwrap_or(rest.len());
    if bytes.get(indent).is_some_and(|b| !b.is_ascii()) {
        // Perhaps a space that is not ASCII: read the whole line.
        let len = line_len();
        return is_code_line(&rest[..len]).then_some(len);
    }
    // No prompt holds a line break: a prompt at the start of `rest` is one
    // at the start of the line.
    let start = &bytes[indent..];
    let prompt = start.starts_with(b"$ ")
        || start.starts_with(b">>> ")
        || start.starts_with(b"In [")
        || start.starts_with(b"Out[");
    if prompt {
        return Some(line_len());
    }
    if !boxes {
        return None;
    }
    let len = line_len();
    is_code_line(&rest[..len]).then_some(len)
}

/// The end of the chunk of `text` that starts at `start` (with no
/// space), and whether it is all ASCII: it runs up to the next space or
/// the start of a skipped span, which `skips_at(at)` tells for the text's
/// byte `at`. A character is decoded only where it is not ASCII, and
/// `skips_at` is asked only at the bytes a skipped span can start with.
fn chunk_end(text: &str, start: usize, skips_at: impl Fn(usize) -> bool) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut ascii = true;
    let mut k = start;
    while let Some(&b) = bytes.get(k) {
        let class = CLASSES[usize::from(b)];
        if class & (SPACE | OPEN | NON_ASCII) == 0 {
            k += 1;
            continue;
        }
        if class & SPACE != 0 {
            break;
        }
        if class & NON_ASCII != 0 {
            let ch = text[k..].chars().next().expect("k is on a char boundary");
            if ch.is_whitespace() {
                break;
            }
            ascii = false;
            k += ch.len_utf8();
            continue;
        }
        if k > start && skips_at(k) {
            break;
        }
        k += 1;
    }
    (k, ascii)
}

/// Whether a chunk closes a sentence: `.`, `!` or `?` at its end, before
/// closing quotes or brackets. `ascii` says whether the chunk is all ASCII.
fn ends_sentence(chunk: &str, ascii: bool) -> bool {
    if ascii {
        let mut bytes = chunk.as_bytes();
        while let [rest @ .., b'"' | b'\'' | b')' | b']' | b'*' | b'_'] = bytes {
            bytes = rest;
        }
        return matches!(bytes.last(), Some(b'.' | b'!' | b'?'));
    }
    chunk
        .trim_end_matches(['"', '\'', '’', '”', ')', ']', '*', '_'])
        .ends_with(['.', '!', '?'])
}

/// A line that is a shell or REPL prompt (`$ docker ps`, `>>> x = 1`,
/// `In [3]:`) or part of a table drawn with box characters: program
/// input or output, not prose.
pub(crate) fn is_code_line(line: &str) -> bool {
    let trimmed = line.trim_start();
    let prompt = trimmed.starts_with("$ ")
        || trimmed.starts_with(">>> ")
        || trimmed.starts_with("In [")
        || trimmed.starts_with("Out[");
    prompt || (!line.is_ascii() && line.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)))
}

/// The length of a span at the start of `rest` that is never prose,
/// inline code aside.
fn skipped_span(rest: &str) -> Option<usize> {
    // Called at every character of the prose: most start nothing.
    if !matches!(rest.as_bytes().first(), Some(b'{' | b'<' | b'[')) {
        return None;
    }
    let closing = |open: &str, close: &str| {
        rest.strip_prefix(open).map(|inner| {
            inner
                .find(close)
                .map_or(rest.len(), |at| open.len() + at + close.len())
        })
    };
    if rest.starts_with("{{") {
        return closing("{{", "}}");
    }
    if rest.starts_with("{%") {
        return closing("{%", "%}");
    }
    if rest.starts_with("<!--") {
        return closing("<!--", "-->");
    }
    // A checkbox that opens an option written inside a text fence.
    if ["[x]", "[X]", "[ ]"].iter().any(|b| rest.starts_with(b)) {
        return Some(3);
    }
    if let Some(after) = rest.strip_prefix('<') {
        // `<table-name>`, `<https://...>`: no spaces inside.
        let inner = after.find(|c: char| c == '>' || c.is_whitespace() || c == '<')?;
        return (after[inner..].starts_with('>') && inner > 0).then_some(inner + 2);
    }
    None
}

/// A letter or digit (ASCII).
const ALNUM: u8 = 1;
/// A mark of code inside a word: a digit, `_`, `.`, `/`, `=`, brackets ...
const CODE: u8 = 2;
/// A byte of a character that is not ASCII.
const NON_ASCII: u8 = 4;
/// A space (ASCII), as `char::is_whitespace` reads it: vertical tab too.
const SPACE: u8 = 8;
/// A byte a skipped span can start with: a code span's backtick, `{`,
/// `<`, `[`.
const OPEN: u8 = 16;
/// A lower-case letter (ASCII).
const LOWER: u8 = 32;

/// What each byte is, as [`prose_words_into`], [`chunk_end`] and
/// [`chunk_words`] read it.
static CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        let open = if matches!(byte, b'`' | b'{' | b'<' | b'[') {
            OPEN
        } else {
            0
        };
        let space = if matches!(byte, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            SPACE
        } else {
            0
        };
        let lower = if byte.is_ascii_lowercase() { LOWER } else { 0 };
        classes[b] = open
            | lower
            | space
            | if !byte.is_ascii() {
                NON_ASCII
            } else if byte.is_ascii_digit() {
                ALNUM | CODE
            } else if byte.is_ascii_alphabetic() {
                ALNUM
            } else if matches!(
                byte,
                b'_' | b'.'
                    | b'/'
                    | b'\\'
                    | b'='
                    | b'('
                    | b')'
                    | b'['
                    | b']'
                    | b'{'
                    | b'}'
                    | b'<'
                    | b'>'
                    | b'@'
                    | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'+'
                    | b'*'
                    | b'|'
                    | b'~'
                    | b'^'
                    | b':'
                    | b'"'
            ) {
                CODE
            } else {
                0
            };
        b += 1;
    }
    classes
};

/// Adds the words of one space-free chunk (`ascii` when all its bytes
/// are), unless it looks like code. Whether the chunk has a letter or
/// digit at all.
fn chunk_words<'t>(
    chunk: &'t str,
    ascii: bool,
    base: usize,
    mut sentence_start: bool,
    out: &mut Vec<ProseWord<'t>>,
) -> bool {
    let bytes = chunk.as_bytes();
    let alnum = |b: &u8| CLASSES[usize::from(*b)] & ALNUM != 0;
    // Whether the core is one word of letters, none but the first a capital.
    let mut single = false;
    // On ASCII a letter or digit is an ASCII one.
    let (lead, core, code) = if ascii {
        let Some(lead) = bytes.iter().position(alnum) else {
            return false;
        };
        let end = bytes.iter().rposition(alnum).map_or(lead, |at| at + 1);
        let core = &chunk[lead..end];
        // What every byte after the first is, and what any byte is.
        let (mut every, mut any) = (u8::MAX, CLASSES[usize::from(bytes[lead])]);
        for &b in &core.as_bytes()[1..] {
            let class = CLASSES[usize::from(b)];
            every &= class;
            any |= class;
        }
        single = core.len() > 1 && every & LOWER != 0;
        (lead, core, any & CODE != 0)
    } else {
        let lead = chunk.len()
            - chunk
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let core = chunk[lead..].trim_end_matches(|c: char| !c.is_alphanumeric());
        // Every mark of code is ASCII, and no byte of another character is:
        // bytes are compared, not characters.
        let code = core.bytes().any(|b| CLASSES[usize::from(b)] & CODE != 0);
        (lead, core, code)
    };
    if core.is_empty() {
        return false;
    }
    let looks_like_code = code
        || chunk.starts_with("www.")
        // Past a core with no `:`, a `://` lies before or after the core.
        || [&bytes[..lead], &bytes[lead + core.len()..]]
            .iter()
            .any(|part| part.len() >= 3 && part.windows(3).any(|w| w == b"://"));
    if looks_like_code {
        return true;
    }
    // Most chunks are a word of letters: no hyphen, no `'s`, plain (a
    // letter first, as no digit is: no mark of code).
    if single {
        if core.len() >= 3 {
            out.push(ProseWord {
                span: Span::new(base + lead, base + lead + core.len()),
                text: core,
                sentence_start,
            });
        }
        return true;
    }
    let mut offset = lead;
    let mut rest = core;
    loop {
        let (part, next) = match rest.as_bytes().iter().position(|&b| b == b'-') {
            Some(at) => (&rest[..at], Some(&rest[at + 1..])),
            None => (rest, None),
        };
        let start = offset;
        offset += part.len() + 1;
        let word = part
            .strip_suffix("'s")
            .or_else(|| part.strip_suffix("’s"))
            .unwrap_or(part);
        let checked = word.len() >= 3 && is_plain_word(word.as_bytes());
        if checked {
            out.push(ProseWord {
                span: Span::new(base + start, base + start + word.len()),
                text: word,
                sentence_start,
            });
        }
        sentence_start = false;
        match next {
            Some(next) => rest = next,
            None => break,
        }
    }
    true
}

/// Whether a word is ASCII letters and apostrophes (`'`, `’`), with no
/// apostrophe at either end, no capital inside (`camelCase` marks an
/// identifier) and not in capitals only (an acronym or a keyword).
fn is_plain_word(word: &[u8]) -> bool {
    const CURLY: &[u8] = "’".as_bytes();
    // Most words are letters with no capital past the first: plain, and
    // with a lower-case letter when longer than one.
    if let [first, rest @ ..] = word
        && !rest.is_empty()
        && first.is_ascii_alphabetic()
        && rest.iter().all(u8::is_ascii_lowercase)
    {
        return true;
    }
    let apostrophe_at = |i: usize| match word[i] {
        b'\'' => 1,
        0xe2 if word[i..].starts_with(CURLY) => CURLY.len(),
        _ => 0,
    };
    let mut i = 0;
    let mut lower = false;
    while i < word.len() {
        let b = word[i];
        if b.is_ascii_alphabetic() {
            if b.is_ascii_uppercase() && i > 0 {
                return false;
            }
            lower |= b.is_ascii_lowercase();
            i += 1;
        } else {
            let width = apostrophe_at(i);
            if width == 0 || i == 0 || i + width == word.len() {
                return false;
            }
            i += width;
        }
    }
    lower
}

#[cfg(test)]
mod tests {
    use super::prose_words;

    fn words(text: &str) -> Vec<&str> {
        prose_words(text, 0).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn prose_words_skip_code_and_addresses() {
        assert_eq!(
            words("Checkpoints definately belong on durable storage."),
            ["Checkpoints", "definately", "belong", "durable", "storage"]
        );
        assert_eq!(
            words("Use `recieve_all()` or recieve_all, spark.read, getOrCreate and {{teh_param}}."),
            ["Use", "and"]
        );
        assert_eq!(
            words("See https://exmaple.org/teh and <teh-name> now"),
            ["See", "and", "now"]
        );
        assert_eq!(
            words("The customer's at-least-once (ACID) SELECT"),
            ["The", "customer", "least", "once"]
        );
        assert_eq!(
            words("an unclosed ` backtick teh"),
            ["unclosed", "backtick", "teh"]
        );
    }

    #[test]
    fn prompt_and_table_lines_are_skipped() {
        assert_eq!(
            words("  $ docker ps teh\nIn [3]: recieve\nThe quick fox"),
            ["The", "quick", "fox"]
        );
        // A box-drawn line, in a text that also has other characters
        // that are not ASCII.
        assert_eq!(
            words("│ col │ teh │\nabout the ’curly’ words’s end"),
            ["about", "the", "curly", "words", "end"]
        );
        assert_eq!(
            words("Out[1]: teh\n\u{a0}$ whoami teh\nnot a prompt: $ teh"),
            ["not", "prompt", "teh"]
        );
    }

    #[test]
    fn spans_point_at_the_word() {
        let text = "x (Definately).";
        let word = prose_words(text, 100)[0];
        assert_eq!(word.text, "Definately");
        assert_eq!(
            &text[word.span.start - 100..word.span.end - 100],
            "Definately"
        );
    }
}
