use crate::lint::rules::eb121_options_out_of_order::quantities;
use crate::lint::text::normalize_option;
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a choice question whose options are all quantities in one unit
    /// (as `options-out-of-order` reads them), at least one of them a range
    /// (`10-20`, `between 5 and 10`, `less than 5`, `100 GB or more`), in
    /// which two options share a value: `0-10` and `10-20` both hold 10,
    /// `at least 5` and `5-10` both hold 5. `less than 10` and `10-20` do
    /// not overlap.
    ///
    /// ## Why is this bad?
    /// A value that fits two options makes two answers right, or leaves the
    /// learner guessing which boundary the author meant (Haladyna, Downing
    /// & Rodriguez, 2002, guideline 22: keep options independent, not
    /// overlapping; NBME item-writing guide: numeric options as ranges that
    /// do not overlap).
    ///
    /// ## Example
    /// ```quiz
    /// How long may a consumer go without a heartbeat before it is removed?
    ///
    /// [ ]0-10 seconds
    /// [x]10-30 seconds
    /// [ ]30-60 seconds
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// How long may a consumer go without a heartbeat before it is removed?
    ///
    /// [ ]Less than 10 seconds
    /// [x]10-29 seconds
    /// [ ]30-60 seconds
    /// ```
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) OverlappingRanges = ("EB122", "overlapping-ranges", Severity::Warning)
}

impl Rule for OverlappingRanges {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            let Some(values) = quantities(choice) else {
                continue;
            };
            if !values.iter().any(|q| q.is_range()) {
                continue;
            }
            // The first option (in order) that shares a value with one before it.
            let overlap = (1..values.len()).find_map(|b| {
                (0..b).find_map(|a| {
                    let same = normalize_option(&choice.options[a].text)
                        == normalize_option(&choice.options[b].text);
                    // The same option twice is duplicate-option's concern.
                    if same {
                        return None;
                    }
                    values[a].overlap(&values[b]).map(|_| (a, b))
                })
            });
            let Some((a, b)) = overlap else {
                continue;
            };
            let (first, second) = (&choice.options[a], &choice.options[b]);
            out.push(
                Finding::new(
                    &Self::META,
                    second.text_span,
                    format!(
                        "Options `{}` and `{}` overlap: a value fits both",
                        first.text, second.text
                    ),
                )
                .label("overlaps an earlier option")
                .help("Make the ranges meet without sharing a value (`0-9`, `10-19`, or `less than 10`, `10 to 19`)"),
            );
        }
    }
}
