//! Inline Markdown, read once for every reader: the spelling rules skip
//! what this calls code, and the exporters render what this calls code,
//! emphasis and strong emphasis. Both ask [`pulldown_cmark`], so they
//! agree by construction, and both agree with what a Markdown viewer
//! shows. Everything else (links, HTML, entities, escapes) stays the
//! text it is written as: notes hold `<table-name>`, `&` and `{{param}}`
//! as text.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// A piece of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline<'t> {
    /// Text as written.
    Text(&'t str),
    /// A code span's code, as CommonMark reads it (one space of padding
    /// on each side dropped, line ends as spaces).
    Code(String),
    Emphasis(Vec<Inline<'t>>),
    Strong(Vec<Inline<'t>>),
}

/// A code span of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSpan {
    /// From the opening backticks to the closing ones.
    pub span: Range<usize>,
    /// Between the backticks, as written.
    pub content: Range<usize>,
}

/// What a construct is.
enum Kind {
    Code(String),
    Emphasis,
    Strong,
}

/// The code spans, emphasis and strong emphasis of `text`, outermost
/// first, with their ranges in `text`.
fn constructs(text: &str) -> Vec<(Range<usize>, Kind)> {
    // Most prose has no delimiter at all: nothing to parse.
    if !text.contains(['`', '*', '_']) {
        return Vec::new();
    }
    // Inline constructs only: indentation would make a line a code block
    // (an author's indented continuation line is still prose), so it is
    // read without it, and ranges are mapped back.
    let (flat, origin) = without_indentation(text);
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(&flat, Options::empty()).into_offset_iter() {
        let kind = match event {
            Event::Code(code) => Kind::Code(code.into_string()),
            Event::Start(Tag::Emphasis) => Kind::Emphasis,
            Event::Start(Tag::Strong) => Kind::Strong,
            _ => continue,
        };
        out.push((origin[range.start]..origin[range.end - 1] + 1, kind));
    }
    out
}

/// `text` without the white space that opens each line, and the offset in
/// `text` of each byte kept.
fn without_indentation(text: &str) -> (String, Vec<usize>) {
    let mut flat = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut line_start = true;
    for (at, c) in text.char_indices() {
        if line_start && (c == ' ' || c == '\t') {
            continue;
        }
        line_start = c == '\n';
        flat.push(c);
        origin.extend(at..at + c.len_utf8());
    }
    (flat, origin)
}

/// `text` as inline Markdown.
#[must_use]
pub fn inline(text: &str) -> Vec<Inline<'_>> {
    let constructs = constructs(text);
    let mut next = constructs.into_iter().peekable();
    let mut out = Vec::new();
    fill(text, 0..text.len(), &mut next, &mut out);
    out
}

/// The pieces of `text[range]`, taking the constructs that lie in it.
fn fill<'t>(
    text: &'t str,
    range: Range<usize>,
    next: &mut std::iter::Peekable<std::vec::IntoIter<(Range<usize>, Kind)>>,
    out: &mut Vec<Inline<'t>>,
) {
    let mut at = range.start;
    while let Some((span, _)) = next.peek() {
        if span.start >= range.end {
            break;
        }
        let Some((span, kind)) = next.next() else {
            break;
        };
        if span.start > at {
            out.push(Inline::Text(&text[at..span.start]));
        }
        // Emphasis is delimited by one `*` or `_` on each side, strong
        // emphasis by two.
        let mut children = Vec::new();
        match kind {
            Kind::Code(code) => out.push(Inline::Code(code)),
            Kind::Emphasis => {
                fill(text, span.start + 1..span.end - 1, next, &mut children);
                out.push(Inline::Emphasis(children));
            }
            Kind::Strong => {
                fill(text, span.start + 2..span.end - 2, next, &mut children);
                out.push(Inline::Strong(children));
            }
        }
        at = span.end;
    }
    if at < range.end {
        out.push(Inline::Text(&text[at..range.end]));
    }
}

/// The code spans of `text`, in order.
#[must_use]
pub fn code_spans(text: &str) -> Vec<CodeSpan> {
    if !text.contains('`') {
        return Vec::new();
    }
    constructs(text)
        .into_iter()
        .filter(|(_, kind)| matches!(kind, Kind::Code(_)))
        .map(|(span, _)| {
            let ticks = text[span.clone()]
                .bytes()
                .take_while(|&b| b == b'`')
                .count();
            CodeSpan {
                content: span.start + ticks..span.end - ticks,
                span,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Inline::{Code, Emphasis, Strong, Text};
    use super::{code_spans, inline};

    #[test]
    fn code_emphasis_and_text() {
        assert_eq!(
            inline("Use `a<b>` & *this* or **that**"),
            [
                Text("Use "),
                Code("a<b>".into()),
                Text(" & "),
                Emphasis(vec![Text("this")]),
                Text(" or "),
                Strong(vec![Text("that")]),
            ]
        );
        assert_eq!(
            inline("snake_case_name and 2 * 3 * 4"),
            [Text("snake_case_name and 2 * 3 * 4")]
        );
        assert_eq!(inline("unclosed `tick"), [Text("unclosed `tick")]);
        // Entities, escapes and HTML are text as written.
        assert_eq!(
            inline("&amp; \\*x\\* <table-name>"),
            [Text("&amp; \\*x\\* <table-name>")]
        );
        assert_eq!(
            inline("***both***"),
            [Emphasis(vec![Strong(vec![Text("both")])])]
        );
    }

    #[test]
    fn a_code_span_closes_at_a_run_of_its_own_length() {
        assert_eq!(inline("``a`b``"), [Code("a`b".into())]);
        let spans = code_spans("x ``a`b`` y");
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].span, 2..9);
        assert_eq!(spans[0].content, 4..7);
    }

    #[test]
    fn indentation_and_line_starts_are_still_inline_text() {
        assert_eq!(
            code_spans("Intro\n    indented `code` here"),
            [super::CodeSpan {
                span: 19..25,
                content: 20..24
            }]
        );
        assert_eq!(
            inline("- `a` item"),
            [Text("- "), Code("a".into()), Text(" item")]
        );
    }
}
