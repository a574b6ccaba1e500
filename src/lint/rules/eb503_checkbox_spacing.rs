use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags an option with a space between its checkbox and its text
    /// (`[x] Keep`) in a file that mostly writes none (`[x]Keep`), or the
    /// reverse. The form most options of the file use wins; a tie goes to
    /// no space.
    ///
    /// ## Why is this bad?
    /// The two mean the same, so the difference is noise that makes the
    /// notes harder to search and to edit by pattern, and it hints that the
    /// options came from different sources.
    ///
    /// ## Example
    /// ````md
    /// # 1. Streams
    /// ## Late events
    /// ```
    /// [ ] Drop every late event
    /// [x] Keep the window open for a while
    /// ```
    /// ## Ordering
    /// ```
    /// [x]Per partition
    /// [ ]Across the topic
    /// ```
    /// ## Lag
    /// ```
    /// [x]It grows when consumers fall behind
    /// [ ]It is always zero
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Streams
    /// ## Late events
    /// ```
    /// [ ]Drop every late event
    /// [x]Keep the window open for a while
    /// ```
    /// ## Ordering
    /// ```
    /// [x]Per partition
    /// [ ]Across the topic
    /// ```
    /// ## Lag
    /// ```
    /// [x]It grows when consumers fall behind
    /// [ ]It is always zero
    /// ```
    /// ````
    ///
    /// ## Fix
    /// Removes the gap, or puts one space after the checkbox, as most
    /// options of the file have it. Safe: the option text does not change.
    ///
    /// ## Precision
    /// On the real-notes corpus: 4 findings judged, 4 right (100 %).
    pub(crate) CheckboxSpacing = ("EB503", "checkbox-spacing", Severity::Style, fixable)
}

impl Rule for CheckboxSpacing {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let options: Vec<_> = cx
            .choices()
            .flat_map(|(_, choice)| choice.options.iter())
            // An option with no text has no gap to speak of; a malformed
            // box is malformed-checkbox's concern.
            .filter(|o| !o.text.is_empty() && !o.checkbox.kind.is_malformed())
            .collect();
        let spaced = options.iter().filter(|o| !o.gap.is_empty()).count();
        let want_space = spaced * 2 > options.len();
        for option in options.iter().filter(|o| o.gap.is_empty() == want_space) {
            let (message, label, replacement, title) = if want_space {
                (
                    "No space after the checkbox here, one elsewhere in this file",
                    "most options here have a space",
                    " ",
                    "Put one space after the checkbox",
                )
            } else {
                (
                    "Space after the checkbox here, none elsewhere in this file",
                    "most options here have none",
                    "",
                    "Remove the space after the checkbox",
                )
            };
            let at = option.checkbox.span.end;
            let fix_span = if want_space {
                Span::new(at, at)
            } else {
                option.gap
            };
            out.push(
                Finding::new(&Self::META, option.checkbox.span.cover(option.gap), message)
                    .label(label)
                    .help(title)
                    .fix(fix_span, replacement, title),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::pipeline::check_text;

    #[test]
    fn a_file_that_mostly_spaces_gets_a_space_inserted() {
        let text = "# 1. A\n## B\n```\n[x] One\n[ ] Two\n[ ]Three\n```\n";
        let checked = check_text("t.md", text, &["EB503"]);
        let fixes: Vec<_> = checked
            .findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .collect();
        assert_eq!(fixes.len(), 1);
        let at = text.find("[ ]Three").unwrap() + 3;
        assert_eq!((fixes[0].span.start, fixes[0].span.end), (at, at));
        assert_eq!(fixes[0].replacement, " ");
    }
}
