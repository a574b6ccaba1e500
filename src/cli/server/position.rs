//! Byte offsets <-> protocol positions: a line and a column counted in
//! UTF-16 code units, as the Language Server Protocol requires by default.

use lsp_types::{Position, Range};

use exambank::source::{LineIndex, Span};

/// A document's text with its line starts, for converting positions.
pub struct Lines<'t> {
    pub text: &'t str,
    pub index: &'t LineIndex,
}

impl Lines<'_> {
    /// The position of byte `offset` (clamped to the text and to a
    /// character boundary).
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line);
        let character = self.text[start..offset].encode_utf16().count();
        Position::new(to_u32(line), to_u32(character))
    }

    #[must_use]
    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of `position`. A column past the end of its line is
    /// the end of the line (before its line break), and one inside a
    /// surrogate pair is the start of that character; a line past the end
    /// of the text is the end of the text.
    #[must_use]
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.index.line_count() {
            return self.text.len();
        }
        let start = self.index.line_start(line);
        let end = if line + 1 < self.index.line_count() {
            self.index.line_start(line + 1)
        } else {
            self.text.len()
        };
        let content = self.text[start..end].trim_end_matches(['\n', '\r']);
        let mut units = 0usize;
        for (at, c) in content.char_indices() {
            if units + c.len_utf16() > position.character as usize {
                return start + at;
            }
            units += c.len_utf16();
        }
        start + content.len()
    }

    /// The byte span of `range`.
    #[must_use]
    pub fn span(&self, range: Range) -> Span {
        let start = self.offset(range.start);
        Span::new(start, self.offset(range.end).max(start))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> (String, LineIndex) {
        (text.to_owned(), LineIndex::new(text))
    }

    #[test]
    fn columns_are_utf16_code_units() {
        // `é` is one unit, `𝔸` (outside the BMP) two, `✓` one: on line 1,
        // `𝔸` takes units 3 and 4, `✓` unit 6 and `x` unit 8.
        let (text, index) = lines("# 1. Ré\n## 𝔸 ✓ x\r\n[ ] y");
        let lines = Lines {
            text: &text,
            index: &index,
        };
        let x = text.find('x').unwrap();
        assert_eq!(lines.position(x), Position::new(1, 8));
        assert_eq!(lines.offset(Position::new(1, 8)), x);
        let check = text.find('✓').unwrap();
        assert_eq!(lines.position(check), Position::new(1, 6));
        assert_eq!(lines.offset(Position::new(1, 6)), check);
        // Inside the surrogate pair of `𝔸`: the character's start.
        let a = text.find('𝔸').unwrap();
        assert_eq!(lines.offset(Position::new(1, 4)), a);
        // Past the end of a line: before its `\r\n`.
        assert_eq!(lines.offset(Position::new(1, 99)), text.find('\r').unwrap());
        // Past the last line: the end of the text.
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
        assert_eq!(lines.position(text.len()), Position::new(2, 5));
        // An offset inside a multi-byte character counts from its start.
        let e = text.find('é').unwrap();
        assert_eq!(lines.position(e + 1), Position::new(0, 6));
    }
}
