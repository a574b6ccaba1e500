//! Splitting a text into lines with their byte offsets.

use crate::source::Span;

/// One line of the file: its text without the line ending (`\n` or `\r\n`).
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// Byte offset of the first character (after a BOM on line 1).
    pub start: usize,
    pub text: &'a str,
}

impl<'a> Line<'a> {
    #[must_use]
    pub const fn end(&self) -> usize {
        self.start + self.text.len()
    }

    #[must_use]
    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end())
    }

    #[must_use]
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The line without trailing whitespace.
    #[must_use]
    pub fn trimmed_end(&self) -> &'a str {
        self.text.trim_end()
    }

    /// Span of a sub-slice of this line's text.
    #[must_use]
    pub fn sub_span(&self, part: &str) -> Span {
        let offset = part.as_ptr() as usize - self.text.as_ptr() as usize;
        Span::new(self.start + offset, self.start + offset + part.len())
    }
}

/// Splits `text` into lines; a final line without newline is kept, an empty
/// final segment after a trailing newline is not.
#[must_use]
pub fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::with_capacity(text.len() / 32 + 1);
    let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let bytes = text.as_bytes();
    while start < text.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i);
        let mut content_end = end;
        if content_end > start && bytes[content_end - 1] == b'\r' {
            content_end -= 1;
        }
        lines.push(Line {
            start,
            text: &text[start..content_end],
        });
        start = end + 1;
    }
    lines
}

/// Where `text` first holds the two ASCII bytes `first` and `second` in a
/// row: `str::find` of a two-byte string, without the substring searcher
/// it builds on every call (most texts hold no `first` at all).
#[must_use]
pub fn find_pair(text: &str, first: u8, second: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(first, bytes).find(|&at| bytes.get(at + 1) == Some(&second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_bom_and_missing_final_newline() {
        let text = "\u{feff}a\r\nb\n\nc";
        let lines = split_lines(text);
        let texts: Vec<_> = lines.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["a", "b", "", "c"]);
        assert_eq!(lines[0].start, 3);
        assert_eq!(&text[lines[3].span().start..lines[3].span().end], "c");
    }

    #[test]
    fn find_pair_is_find_of_two_bytes() {
        for (text, pair) in [
            ("a: b: c", ": "),
            ("::x", ": "),
            ("$$ ls", "$ "),
            ("", ": "),
            ("a:", ": "),
        ] {
            let [first, second] = pair.as_bytes() else {
                unreachable!()
            };
            assert_eq!(
                find_pair(text, *first, *second),
                text.find(pair),
                "{text:?}"
            );
        }
    }
}
