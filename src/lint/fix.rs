//! Applying fixes: byte-range edits that do not overlap, applied in one
//! pass over the text. Bytes outside the applied ranges are copied as they
//! were, so line endings, a BOM and every other character stay untouched.

use super::{Applicability, Finding, Fix};
use crate::source::Span;

/// Applies every safe fix of `findings` that can be applied together.
#[must_use]
pub fn apply_fixes<'f>(text: &str, findings: &'f [Finding]) -> (String, Vec<&'f Fix>) {
    apply_fixes_up_to(text, findings, Applicability::Safe)
}

/// Applies every fix of `findings` up to `level` (`Unsafe` takes all) that
/// can be applied together.
///
/// A fix is skipped when its range is out of bounds or not on character
/// boundaries, when it overlaps a fix chosen before it (in text order), and
/// when it inserts at the same point as the previous insertion (their order
/// would be a guess). The next pass, on the new text, picks it up if it still
/// applies. Returns the new text and the fixes applied, in text order.
#[must_use]
pub fn apply_fixes_up_to<'f>(
    text: &str,
    findings: &'f [Finding],
    level: Applicability,
) -> (String, Vec<&'f Fix>) {
    let mut fixes: Vec<&Fix> = findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|fix| fix.applicability <= level)
        .filter(|fix| is_valid(text, fix.span))
        .collect();
    fixes.sort_by(|a, b| (a.span, &a.replacement).cmp(&(b.span, &b.replacement)));
    // Two findings may offer the very same edit (one problem, two views).
    fixes.dedup_by(|a, b| a.span == b.span && a.replacement == b.replacement);

    let mut chosen: Vec<&Fix> = Vec::with_capacity(fixes.len());
    for fix in fixes {
        if let Some(prev) = chosen.last() {
            let overlaps = fix.span.start < prev.span.end;
            let same_insertion_point = fix.span.is_empty() && prev.span == fix.span;
            if overlaps || same_insertion_point {
                continue;
            }
        }
        chosen.push(fix);
    }

    let mut out = String::with_capacity(text.len());
    let mut copied_to = 0;
    for fix in &chosen {
        out.push_str(&text[copied_to..fix.span.start]);
        out.push_str(&fix.replacement);
        copied_to = fix.span.end;
    }
    out.push_str(&text[copied_to..]);
    (out, chosen)
}

fn is_valid(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::eb501_trailing_whitespace::TrailingWhitespace;

    fn finding(start: usize, end: usize, replacement: &str) -> Finding {
        Finding::new(&TrailingWhitespace::META, Span::new(start, end), "m").fix(
            Span::new(start, end),
            replacement,
            "t",
        )
    }

    #[test]
    fn applies_non_overlapping_fixes_in_text_order() {
        let text = "abcdef";
        let findings = [finding(4, 5, "E"), finding(0, 1, "A"), finding(2, 2, "+")];
        let (out, applied) = apply_fixes(text, &findings);
        assert_eq!(out, "Ab+cdEf");
        assert_eq!(applied.len(), 3);
    }

    #[test]
    fn skips_overlaps_duplicates_bad_ranges_and_second_insertions() {
        let text = "héllo";
        let findings = [
            finding(0, 3, "X"),
            finding(1, 4, "Y"), // overlaps the first
            finding(0, 3, "X"), // the same edit twice
            finding(2, 3, "Z"), // inside `é`: not a character boundary
            finding(4, 9, "W"), // past the end
            finding(5, 5, "1"), // insertion
            finding(5, 5, "2"), // a second insertion at the same point
        ];
        let (out, applied) = apply_fixes(text, &findings);
        assert_eq!(out, "Xll1o");
        assert_eq!(applied.len(), 2);
    }
}
