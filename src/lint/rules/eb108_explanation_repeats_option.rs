use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags an option whose explanation starts with the option's own text,
    /// word for word (case and spacing aside): `[x]A: A: The ...`, usually
    /// a paste that doubled the start of the line.
    ///
    /// ## Why is this bad?
    /// The learner's feedback opens by repeating the answer they just read,
    /// and a doubled line often hides a lost edit. An explanation that goes
    /// on from the option ("Tumbling - Tumbling windows never overlap") is
    /// fine; only the repeat followed by a separator, or by nothing, is
    /// flagged.
    ///
    /// ## Example
    /// ```quiz
    /// [x]RocksDB state store: RocksDB state store: Keeps large state on local disk.
    /// [ ]Plain Python dictionary: Loses all state when the process restarts.
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// [x]RocksDB state store: Keeps large state on local disk.
    /// [ ]Plain Python dictionary: Loses all state when the process restarts.
    /// ```
    ///
    /// ## Fix
    /// Removes the repeated text and the separator after it, so that the
    /// option and its explanation read as the author meant. It changes the
    /// feedback learners read, so `check --fix` applies it only with
    /// `--unsafe-fixes`.
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) ExplanationRepeatsOption = ("EB108", "explanation-repeats-option", Severity::Warning, fixable, unsafe_fix)
}

impl Rule for ExplanationRepeatsOption {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            for option in &choice.options {
                let Some(explanation) = &option.explanation else {
                    continue;
                };
                let said = cx.text(explanation.span);
                let Some(repeat) = repeated_prefix(&option.text, said) else {
                    continue;
                };
                let rest = &said[repeat..];
                let removed = if matches!(rest.trim(), "" | "." | ":") {
                    // The whole explanation is the option again: drop it and
                    // the separator before it.
                    Span::new(option.text_span.end, explanation.span.end)
                } else {
                    // Exactly one separator goes with the repeat: `-5` after
                    // it is text.
                    let after = rest
                        .strip_prefix(": ")
                        .or_else(|| rest.strip_prefix(" - "))
                        .unwrap_or(rest)
                        .trim_start();
                    Span::new(
                        explanation.span.start,
                        explanation.span.start + said.len() - after.len(),
                    )
                };
                let shown = Span::new(explanation.span.start, explanation.span.start + repeat);
                out.push(
                    Finding::new(
                        &Self::META,
                        shown,
                        format!("Explanation repeats its option `{}`", option.text),
                    )
                    .label("the option again")
                    .help("Remove the repeated text, or write what makes the option right or wrong")
                    .unsafe_fix(removed, "", "Remove the repeated option text"),
                );
            }
        }
    }
}

/// The length of `explanation`'s opening that repeats `option`, when the
/// repeat stands alone: followed by nothing, or by a separator.
fn repeated_prefix(option: &str, explanation: &str) -> Option<usize> {
    let option = option.trim();
    if option.is_empty() {
        return None;
    }
    // Walk both texts together, comparing words and ignoring case and runs
    // of whitespace, so a line wrapped differently still counts.
    let mut opt = option.chars().peekable();
    let mut end = 0;
    let mut exp = explanation.char_indices().peekable();
    while let Some(o) = opt.next() {
        let (at, e) = exp.next()?;
        if o.is_whitespace() && e.is_whitespace() {
            while opt.peek().is_some_and(|c| c.is_whitespace()) {
                opt.next();
            }
            while exp.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                exp.next();
            }
        } else if !o.to_lowercase().eq(e.to_lowercase()) {
            return None;
        }
        end = at + e.len_utf8();
    }
    let rest = &explanation[end..];
    let stands_alone = rest.trim().is_empty()
        || rest.starts_with(": ")
        || rest.starts_with(" - ")
        || rest.trim_end() == ":"
        || rest.trim_end() == ".";
    stands_alone.then_some(end)
}

#[cfg(test)]
mod tests {
    use super::repeated_prefix;

    #[test]
    fn repeats_need_a_separator_or_the_end() {
        assert_eq!(repeated_prefix("A", "A: The rest"), Some(1));
        assert_eq!(
            repeated_prefix("RocksDB store", "rocksdb  store - Keeps"),
            Some(14)
        );
        assert_eq!(
            repeated_prefix("Tumbling", "Tumbling windows never overlap"),
            None
        );
        assert_eq!(repeated_prefix("A", "A"), Some(1));
        assert_eq!(repeated_prefix("Lag", "Latency"), None);
    }
}
