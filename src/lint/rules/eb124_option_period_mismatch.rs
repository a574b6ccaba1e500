use super::option_shape::{Form, ends_with_period, form};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags the one option of a choice question whose final period differs
    /// from every other option.
    ///
    /// It reports the one option of a choice question that ends with a period
    /// when the others (two or more) do not, or the one that does not when the
    /// others do. Only options that are words count (not code, not numbers; a
    /// number that opens an option, `1. `, is read past); an option ending in
    /// `?`, `!`, `:` or an ellipsis says nothing either way, and neither does
    /// one whose last word is an abbreviation (`etc.`, `e.g.`).
    ///
    /// ## Why is this bad?
    /// Options should be alike in form (Haladyna, Downing & Rodriguez,
    /// 2002: keep choices homogeneous in content and grammatical structure;
    /// use correct punctuation). The odd one out is often the one written
    /// apart from the rest (the key pasted from the notes, a distractor
    /// added later), and a careful reader notices it.
    ///
    /// ## Example
    /// ```quiz
    /// What does a consumer group share?
    ///
    /// [ ]One copy of every event for each consumer
    /// [x]The partitions of a topic, one consumer per partition.
    /// [ ]A single offset for all the topics it reads
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// What does a consumer group share?
    ///
    /// [ ]One copy of every event for each consumer
    /// [x]The partitions of a topic, one consumer per partition
    /// [ ]A single offset for all the topics it reads
    /// ```
    ///
    /// ## Fix
    /// Adds or removes the final period of the odd option, as the other
    /// options have it; the words stay as they are.
    ///
    /// ## Precision
    /// On the real-notes corpus: 5 findings judged, 5 right (100 %).
    pub(crate) OptionPeriodMismatch = ("EB124", "option-period-mismatch", Severity::Style, fixable)
}

impl Rule for OptionPeriodMismatch {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            if choice.options.len() < 3 {
                continue;
            }
            let ends: Option<Vec<bool>> = choice
                .options
                .iter()
                .map(|o| {
                    let text = without_number(&o.text);
                    // The end first: it is cheap and often says nothing.
                    let end = ends_with_period(text)?;
                    let shape = form(text);
                    (shape == Form::Prose || is_words(text, shape)).then_some(end)
                })
                .collect();
            let Some(ends) = ends else {
                continue;
            };
            let with = ends.iter().filter(|&&p| p).count();
            let odd_has_period = match (with, ends.len() - with) {
                (1, _) => true,
                (_, 1) => false,
                _ => continue,
            };
            let Some(odd) = ends.iter().position(|&p| p == odd_has_period) else {
                continue;
            };
            let option = &choice.options[odd];
            let written = cx.text(option.text_span).trim_end();
            let end = option.text_span.start + written.len();
            let others = ends.len() - 1;
            let finding = if odd_has_period {
                Finding::new(
                    &Self::META,
                    Span::new(end - 1, end),
                    format!(
                        "Option `{}` ends with a period; the other {others} options do not",
                        option.text
                    ),
                )
                .label("the only final period")
                .fix(Span::new(end - 1, end), "", "Remove the final period")
            } else {
                Finding::new(
                    &Self::META,
                    option.text_span,
                    format!(
                        "Option `{}` has no final period; the other {others} options end with one",
                        option.text
                    ),
                )
                .label("no final period")
                .fix(Span::new(end, end), ".", "Add a final period")
            };
            out.push(finding.help("End every option the same way"));
        }
    }
}

/// An option without the number it may open with (`1. `, `2) `).
fn without_number(text: &str) -> &str {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &text[digits..];
    match rest.strip_prefix(['.', ')']) {
        Some(after) if digits > 0 && after.starts_with(' ') => after.trim_start(),
        _ => text,
    }
}

/// Whether a short option is words (`Plot A`, `Westminster`), not a number
/// or a symbol: such options end sentences as prose does. `shape` is the
/// text's [`form`].
fn is_words(text: &str, shape: Form) -> bool {
    text.starts_with(char::is_alphabetic)
        && shape != Form::Code
        && text
            .chars()
            .filter(|c| !c.is_whitespace())
            .all(|c| c.is_alphabetic() || matches!(c, '.' | ',' | '\'' | '’' | '-'))
}
