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
    /// Whether the word is its own lower-case form: ASCII, no capital.
    pub lower: bool,
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
#[cfg(test)]
pub fn prose_words(text: &str, base: usize) -> Vec<ProseWord<'_>> {
    let mut out = Vec::new();
    prose_words_into(text, base, &mut out);
    out
}

/// The words of [`prose_words`], added to `out`: one buffer serves every
/// piece of prose of a file.
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
    // A skipped span starts with a code span's backtick, `{`, `<` or `[`:
    // any other byte starts none, and is not looked up.
    let skipped = |at: usize| {
        if matches!(bytes[at], b'`' | b'{' | b'<' | b'[') {
            code_at(at).or_else(|| skipped_span(&text[at..]))
        } else {
            None
        }
    };
    let mut i = 0;
    let mut line_start = true;
    let mut sentence_start = true;
    while i < bytes.len() {
        if line_start {
            line_start = false;
            sentence_start = true;
            if let Some(len) = code_line_len(text, i) {
                i += len;
                continue;
            }
        }
        let b = bytes[i];
        let class = CLASSES[usize::from(b)];
        if class & SPACE != 0 {
            line_start = b == b'\n';
            i += 1;
            continue;
        }
        if class & SKIP != 0
            && let Some(skip) = skipped(i)
        {
            i += skip;
            continue;
        }
        // Most chunks are ASCII: one pass over their bytes finds both their
        // end and their words.
        if class & NON_ASCII == 0
            && let Some((end, alnum)) =
                ascii_chunk(text, i, base, sentence_start, |k| skipped(k).is_some(), out)
        {
            if alnum {
                sentence_start = ascii_ends_sentence(&bytes[i..end]);
            }
            i = end;
            continue;
        }
        let c = text[i..].chars().next().expect("i is inside the text");
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        // A chunk runs to the next space or the start of a skipped span.
        let end = i + chunk_len(&text[i..], |k| skipped(i + k).is_some());
        let chunk = &text[i..end];
        if chunk_words(chunk, base + i, sentence_start, out) {
            sentence_start = ends_sentence(chunk);
        }
        i = end.max(i + c.len_utf8());
    }
}

/// Adds the words of the chunk of `text` that starts at `start` (with no
/// space) when it is ASCII, as [`chunk_len`] and [`chunk_words`] find
/// them, in one pass over its bytes: where the chunk ends, and whether it
/// has a letter or digit. `skips_at(k)` tells whether a skipped span
/// starts at byte `k`, and is asked only where one can. `None` at a byte
/// that is not ASCII: such a chunk is read character by character.
fn ascii_chunk<'t>(
    text: &'t str,
    start: usize,
    base: usize,
    sentence_start: bool,
    skips_at: impl Fn(usize) -> bool,
    out: &mut Vec<ProseWord<'t>>,
) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    // Most chunks are a word, perhaps with a mark after it: its letters
    // are read first, with the cases of those after the first.
    let first = CLASSES[usize::from(bytes[start])];
    let mut k = start;
    let mut cases = 0;
    if first & LETTER != 0 {
        k += 1;
        while let Some(&b) = bytes.get(k) {
            let class = CLASSES[usize::from(b)];
            if class & LETTER == 0 {
                break;
            }
            cases |= class;
            k += 1;
        }
    }
    let letters = k - start;
    let mut lead = if letters > 0 { start } else { usize::MAX };
    let mut end = k;
    let mut code = false;
    // A mark of code after the first letter, inside the core if a letter
    // or digit follows it.
    let mut pending = false;
    while let Some(&b) = bytes.get(k) {
        let class = CLASSES[usize::from(b)];
        if class & (SPACE | NON_ASCII | SKIP) != 0 {
            if class & SPACE != 0 {
                break;
            }
            if class & NON_ASCII != 0 {
                return None;
            }
            if k > start && skips_at(k) {
                break;
            }
        }
        if class & ALNUM != 0 {
            if lead == usize::MAX {
                lead = k;
            }
            code |= pending || class & CODE != 0;
            pending = false;
            end = k + 1;
        } else if class & CODE != 0 && lead != usize::MAX {
            pending = true;
        }
        k += 1;
    }
    if lead == usize::MAX {
        return Some((k, false));
    }
    let has_scheme = |part: &[u8]| part.windows(3).any(|w| w == b"://");
    // Past a core with no `:`, a `://` lies before or after the core.
    let code = code
        || bytes[start..k].starts_with(b"www.")
        || has_scheme(&bytes[start..lead])
        || has_scheme(&bytes[end..k]);
    if code {
        return Some((k, true));
    }
    if end == start + letters {
        // The core is the letters read first: one word, plain unless a
        // capital follows its first letter or it has no lower-case one.
        if letters >= 3 && cases & UPPER == 0 && (first | cases) & LOWER != 0 {
            out.push(ProseWord {
                span: Span::new(base + start, base + end),
                text: &text[start..end],
                sentence_start,
                lower: first & UPPER == 0,
            });
        }
    } else {
        core_words(text, lead..end, base, sentence_start, out);
    }
    Some((k, true))
}

/// Adds the words of the core `text[core]` (ASCII, no mark of code in
/// it) of a chunk, as [`chunk_words`] does: split at hyphens, a
/// possessive `'s` dropped.
fn core_words<'t>(
    text: &'t str,
    core: std::ops::Range<usize>,
    base: usize,
    mut sentence_start: bool,
    out: &mut Vec<ProseWord<'t>>,
) {
    let bytes = text.as_bytes();
    let mut start = core.start;
    while start <= core.end {
        let part_end = bytes[start..core.end]
            .iter()
            .position(|&b| b == b'-')
            .map_or(core.end, |at| start + at);
        let part = &bytes[start..part_end];
        let word = part.strip_suffix(b"'s").unwrap_or(part);
        if word.len() >= 3 && is_plain_ascii_word(word) {
            out.push(ProseWord {
                span: Span::new(base + start, base + start + word.len()),
                text: &text[start..start + word.len()],
                sentence_start,
                // A plain word has a capital first or nowhere.
                lower: !word[0].is_ascii_uppercase(),
            });
        }
        sentence_start = false;
        start = part_end + 1;
    }
}

/// [`is_plain_word`] on ASCII: letters and `'`, no `'` at either end, no
/// capital but the first, and a lower-case letter.
fn is_plain_ascii_word(word: &[u8]) -> bool {
    let mut lower = false;
    for (i, &b) in word.iter().enumerate() {
        if b.is_ascii_lowercase() {
            lower = true;
        } else if b.is_ascii_uppercase() {
            if i > 0 {
                return false;
            }
        } else if b != b'\'' || i == 0 || i + 1 == word.len() {
            return false;
        }
    }
    lower
}

/// [`ends_sentence`] on an ASCII chunk.
fn ascii_ends_sentence(mut bytes: &[u8]) -> bool {
    while let [rest @ .., b'"' | b'\'' | b')' | b']' | b'*' | b'_'] = bytes {
        bytes = rest;
    }
    matches!(bytes.last(), Some(b'.' | b'!' | b'?'))
}

/// The length of the chunk at the start of `rest` (which starts with no
/// space): up to the next space or the start of a skipped span, which
/// `skips_at(k)` tells for byte `k`. Bytes are read one by one; a character
/// is decoded only where it is not ASCII, and `skips_at` is asked only at
/// the bytes a skipped span can start with (a code span's backtick, `{`,
/// `<`, `[`).
fn chunk_len(rest: &str, skips_at: impl Fn(usize) -> bool) -> usize {
    let bytes = rest.as_bytes();
    let mut k = 0;
    while let Some(&b) = bytes.get(k) {
        if b.is_ascii() {
            // `char::is_whitespace` on ASCII, vertical tab included.
            if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
                break;
            }
            if k > 0 && matches!(b, b'`' | b'{' | b'<' | b'[') && skips_at(k) {
                break;
            }
            k += 1;
        } else {
            let ch = rest[k..].chars().next().expect("k is on a char boundary");
            if ch.is_whitespace() {
                break;
            }
            k += ch.len_utf8();
        }
    }
    k
}

/// Whether a chunk closes a sentence: `.`, `!` or `?` at its end, before
/// closing quotes or brackets.
fn ends_sentence(chunk: &str) -> bool {
    if chunk.is_ascii() {
        return ascii_ends_sentence(chunk.as_bytes());
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
/// An ASCII space, as `char::is_whitespace` has it (vertical tab too).
const SPACE: u8 = 8;
/// A byte a skipped span can start with: a code span's backtick, `{`,
/// `<`, `[`.
const SKIP: u8 = 16;
/// A lower-case letter (ASCII).
const LOWER: u8 = 32;
/// A capital (ASCII).
const UPPER: u8 = 64;
/// A letter (ASCII).
const LETTER: u8 = LOWER | UPPER;

/// What each byte is, as [`prose_words`] reads it.
static CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        let space = if matches!(byte, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            SPACE
        } else {
            0
        };
        let skip = if matches!(byte, b'`' | b'{' | b'<' | b'[') {
            SKIP
        } else {
            0
        };
        classes[b] = space
            | skip
            | if !byte.is_ascii() {
                NON_ASCII
            } else if byte.is_ascii_digit() {
                ALNUM | CODE
            } else if byte.is_ascii_lowercase() {
                ALNUM | LOWER
            } else if byte.is_ascii_uppercase() {
                ALNUM | UPPER
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

/// Adds the words of one space-free chunk, unless it looks like code.
/// Whether the chunk has a letter or digit at all.
fn chunk_words<'t>(
    chunk: &'t str,
    base: usize,
    mut sentence_start: bool,
    out: &mut Vec<ProseWord<'t>>,
) -> bool {
    let bytes = chunk.as_bytes();
    // On ASCII a letter or digit is an ASCII one: one pass over the bytes
    // finds the core and whether a mark of code lies inside it.
    let mut lead = None;
    let mut end = 0;
    let mut code = false;
    // A mark of code after the first letter, inside the core if a letter
    // or digit follows it.
    let mut pending = false;
    let mut ascii = true;
    for (i, &b) in bytes.iter().enumerate() {
        let class = CLASSES[usize::from(b)];
        if class & NON_ASCII != 0 {
            ascii = false;
            break;
        }
        if class & ALNUM != 0 {
            if lead.is_none() {
                lead = Some(i);
            }
            code |= pending || class & CODE != 0;
            pending = false;
            end = i + 1;
        } else if class & CODE != 0 && lead.is_some() {
            pending = true;
        }
    }
    let (lead, core) = if ascii {
        let Some(lead) = lead else {
            return false;
        };
        (lead, &chunk[lead..end])
    } else {
        let lead = chunk.len()
            - chunk
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let core = chunk[lead..].trim_end_matches(|c: char| !c.is_alphanumeric());
        // Every mark of code is ASCII, and no byte of another character is:
        // bytes are compared, not characters.
        code = core.bytes().any(|b| CLASSES[usize::from(b)] & CODE != 0);
        (lead, core)
    };
    if core.is_empty() {
        return false;
    }
    let looks_like_code = code
        || chunk.starts_with("www.")
        // Past a core with no `:`, a `://` lies before or after the core.
        || [&bytes[..lead], &bytes[lead + core.len()..]]
            .iter()
            .any(|part| part.windows(3).any(|w| w == b"://"));
    if looks_like_code {
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
                lower: !word
                    .bytes()
                    .any(|b| b.is_ascii_uppercase() || !b.is_ascii()),
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

/// The length of the line starting at `at` when it is a line of code
/// (which prose words skip whole), or `None`.
fn code_line_len(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let line = rest.find('\n').map_or(rest, |end| &rest[..end]);
    is_code_line(line).then_some(line.len())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The words of `text` as read before ASCII chunks were read in one
    /// pass: every chunk by [`chunk_len`] and [`chunk_words`].
    fn words_chunk_by_chunk(text: &str) -> Vec<ProseWord<'_>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let code = code_spans(text);
        let skipped = |at: usize| {
            if !matches!(bytes[at], b'`' | b'{' | b'<' | b'[') {
                return None;
            }
            code.binary_search_by_key(&at, |c| c.span.start)
                .ok()
                .map(|k| code[k].span.end - at)
                .or_else(|| skipped_span(&text[at..]))
        };
        let (mut i, mut line_start, mut sentence_start) = (0, true, true);
        while i < bytes.len() {
            if line_start {
                line_start = false;
                sentence_start = true;
                if let Some(len) = code_line_len(text, i) {
                    i += len;
                    continue;
                }
            }
            if let Some(skip) = skipped(i) {
                i += skip;
                continue;
            }
            let c = text[i..].chars().next().unwrap();
            if c.is_whitespace() {
                line_start = c == '\n';
                i += c.len_utf8();
                continue;
            }
            let end = i + chunk_len(&text[i..], |k| skipped(i + k).is_some());
            let chunk = &text[i..end];
            if chunk_words(chunk, i, sentence_start, &mut out) {
                sentence_start = ends_sentence(chunk);
            }
            i = end.max(i + c.len_utf8());
        }
        out
    }

    /// Texts put together from pieces of prose, code and marks.
    pub(crate) fn mixed_texts(pieces: &[&str], count: usize) -> Vec<String> {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let len = 1 + next() % 40;
                (0..len)
                    .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn ascii_chunks_read_in_one_pass_give_the_same_words() {
        let pieces = [
            "word", "Word", "WORD", "wOrd", "ab", "a", "s", "'", "’", "'s", "-", "--", ".", ",",
            "!", "?", ":", ";", "/", "_", "=", "`", "``", "{", "}", "{{", "}}", "{%", "%}", "<",
            ">", "<!--", "-->", "[", "]", "[x]", "[ ]", "(", ")", "\"", "*", "www.", "://", "1",
            "42", " ", " ", " ", "  ", "\n", "\t", "\r", "\u{b}", "$ ", ">>> ", "In [", "\u{2500}",
            "é", "\u{a0}", "\u{2003}", "don't", "at-least", "e.g.", "x@y",
        ];
        let mut texts = mixed_texts(&pieces, 4000);
        texts.extend(
            [
                "Checkpoints definately belong on durable storage.",
                "The customer's at-least-once (ACID) SELECT",
                "Use `recieve_all()` or {{teh_param}} and <teh-name> now",
                "an unclosed ` backtick teh\n$ ls -la\nNext line. Then",
                "caf\u{e9} na\u{ef}ve don’t isn’t Tom’s work’s",
            ]
            .map(str::to_owned),
        );
        for text in &texts {
            assert_eq!(prose_words(text, 0), words_chunk_by_chunk(text), "{text:?}");
        }
    }

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
