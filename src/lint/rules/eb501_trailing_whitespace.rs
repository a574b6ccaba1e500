use serde::{Deserialize, Serialize};

use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags spaces and tabs at the end of a line.
    ///
    /// ## Why is this bad?
    /// Trailing whitespace cannot be seen, yet it makes diffs noisy, and in
    /// an answer block it ends up in the exported option or note text.
    ///
    /// ## Example
    /// The first option ends in two spaces:
    /// ```quiz
    // A string, not `///`: formatters strip trailing spaces from comments.
    #[doc = " [x]Replay the topic  "]
    /// [ ]Delete the topic
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// [x]Replay the topic
    /// [ ]Delete the topic
    /// ```
    ///
    /// ## Fix
    /// Deletes the spaces and tabs; the line ending stays as it was.
    ///
    /// ## Options
    /// - `allow-hard-breaks` (default `true`): leave two or more spaces at
    ///   the end of a prose line that another prose line follows: Markdown
    ///   reads them as a line break, so removing them would change the text.
    ///
    /// ## Precision
    /// On the real-notes corpus: 40 of 1077 findings judged, 40 right (100 %).
    /// A random sample: `tests/real-notes/judgements/EB501.tsv` says how it was drawn.
    pub(crate) TrailingWhitespace = ("EB501", "trailing-whitespace", Severity::Style, fixable),
    options = TrailingWhitespaceOptions
}

/// `[rules.trailing-whitespace]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TrailingWhitespaceOptions {
    /// Leave two or more trailing spaces that make a Markdown line break in prose.
    pub allow_hard_breaks: bool,
}

impl Default for TrailingWhitespaceOptions {
    fn default() -> Self {
        Self {
            allow_hard_breaks: true,
        }
    }
}

impl Rule for TrailingWhitespace {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let allow_hard_breaks = Self::options(cx).allow_hard_breaks;
        let text: &str = &cx.file.text;
        for &span in &cx.doc.trailing_whitespace {
            // A deliberate line break is content, not noise.
            if allow_hard_breaks && is_hard_break(cx, text, span) {
                continue;
            }
            out.push(
                Finding::new(&Self::META, span, "Trailing whitespace")
                    .label("spaces or tabs before the end of the line")
                    .help("Delete the whitespace at the end of the line")
                    .fix(span, "", "Delete the trailing whitespace"),
            );
        }
    }
}

/// Two or more spaces ending a prose line outside fences, with another
/// non-blank line after it: a CommonMark hard line break.
fn is_hard_break(cx: &LintContext<'_>, text: &str, span: Span) -> bool {
    let trailing = &text[span.start..span.end];
    if trailing.len() < 2 || trailing.bytes().any(|b| b != b' ') {
        return false;
    }
    let line = cx.index.line_of(span.start);
    let line_start = cx.index.line_start(line);
    // A line of nothing but spaces breaks nothing.
    if text[line_start..span.start].trim().is_empty() || cx.fence_at(span.start).is_some() {
        return false;
    }
    if line + 1 >= cx.index.line_count() {
        return false;
    }
    let next_start = cx.index.line_start(line + 1);
    let next_end = text[next_start..]
        .find('\n')
        .map_or(text.len(), |i| next_start + i);
    !text[next_start..next_end].trim().is_empty()
}
