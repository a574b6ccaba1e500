//! Source files, byte spans and the byte-offset -> line/column mapping.
//!
//! Everything upstream of the output edge works with byte offsets; line and
//! column (1-based, columns counted in characters) are computed here only.

use std::sync::Arc;

/// A half-open byte range `[start, end)` into a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    #[must_use]
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span shifted right by `offset` bytes (rebasing a block-relative span).
    #[must_use]
    pub const fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new(span.start.into(), span.len())
    }
}

/// One notes file as read: its display path and its whole text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given on the command line or found by the walker.
    pub path: String,
    pub text: Arc<str>,
}

impl SourceFile {
    #[must_use]
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
        }
    }
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Bytes per block of [`LineIndex::block_chars`].
const CHAR_BLOCK: usize = 4096;

/// Maps byte offsets to 1-based lines and character columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    /// Characters before each multiple of [`CHAR_BLOCK`] bytes: a column on a
    /// very long line is then counted from the nearest block, not from the
    /// line start, and many findings on one line stay linear. Made on the
    /// first column asked on such a line: most files have none.
    block_chars: std::sync::OnceLock<Vec<usize>>,
}

impl LineIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self {
            line_starts,
            block_chars: std::sync::OnceLock::new(),
        }
    }

    /// Characters in `text[..offset]` (`offset` on a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let blocks = self.block_chars.get_or_init(|| {
            let mut chars = 0;
            text.as_bytes()
                .chunks(CHAR_BLOCK)
                .map(|block| {
                    let before = chars;
                    chars += count_chars(block);
                    before
                })
                .collect()
        });
        let block = offset / CHAR_BLOCK;
        let base = blocks.get(block).copied().unwrap_or(0);
        base + count_chars(&text.as_bytes()[block * CHAR_BLOCK..offset])
    }

    /// The 0-based line holding byte `offset`.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset at which 0-based `line` starts.
    #[must_use]
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.min(self.line_starts.len() - 1)]
    }

    #[must_use]
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 1-based line and character column of byte `offset` in `text`.
    ///
    /// An offset inside a multi-byte character is clamped to that character.
    /// A leading BOM is not counted as a column.
    #[must_use]
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let mut prefix_end = offset;
        while !text.is_char_boundary(prefix_end) {
            prefix_end -= 1;
        }
        let mut start = start;
        if line == 0 && text.starts_with('\u{feff}') {
            start = prefix_end.min('\u{feff}'.len_utf8());
        }
        let column = if prefix_end - start < CHAR_BLOCK {
            text[start..prefix_end].chars().count()
        } else {
            self.chars_before(text, prefix_end) - self.chars_before(text, start)
        };
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }
}

/// Characters in a run of UTF-8 bytes: every byte but continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "ab\nçé x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), LineCol { line: 2, column: 4 });
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn long_lines_count_the_same_from_blocks() {
        let line = "aé✓".repeat(5000);
        let text = format!("x\n{line}\n");
        let index = LineIndex::new(&text);
        for (k, (offset, _)) in line.char_indices().enumerate().step_by(997) {
            let at = index.line_col(&text, offset + 2);
            assert_eq!(
                at,
                LineCol {
                    line: 2,
                    column: k + 1
                }
            );
        }
        let end = index.line_col(&text, 2 + line.len());
        assert_eq!(end.column, line.chars().count() + 1);
    }

    #[test]
    fn bom_is_not_a_column_and_end_of_text_is_valid() {
        let text = "\u{feff}# 1. A";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 3), LineCol { line: 1, column: 1 });
        assert_eq!(
            index.line_col(text, text.len()),
            LineCol { line: 1, column: 7 }
        );
    }
}
