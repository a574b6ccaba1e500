use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::parse::ast::{AnswerBody, Group, HeaderStyle};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a group header of a categorization question written in another
    /// style than most group headers of the file: `## Group`, `### Group`
    /// `Group:`, `# Group` or a bare label. The style most headers use wins;
    /// a tie goes to `## Group`.
    ///
    /// Off by default: the notes format accepts all three, and a short
    /// `Team:` list often reads better than headings.
    ///
    /// ## Why is this bad?
    /// A file that sorts items under headers of three kinds is harder to
    /// scan and to edit by pattern, and a reader wonders whether the kinds
    /// mean different things.
    ///
    /// ## Example
    /// ````md
    /// # 1. Streams
    /// ## Batch or stream?
    /// ```
    /// ## Batch
    /// Nightly revenue report
    ///
    /// ## Stream
    /// Fraud alert on a card payment
    /// ```
    /// ## Which engine fits
    /// ```
    /// ### Micro-batch
    /// Simple recovery
    ///
    /// ### Continuous
    /// Low latency
    /// ```
    /// ## Who owns what
    /// ```
    /// ## Platform team
    /// Run the brokers
    ///
    /// ## Product teams
    /// Define event schemas
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Streams
    /// ## Batch or stream?
    /// ```
    /// ## Batch
    /// Nightly revenue report
    ///
    /// ## Stream
    /// Fraud alert on a card payment
    /// ```
    /// ## Which engine fits
    /// ```
    /// ## Micro-batch
    /// Simple recovery
    ///
    /// ## Continuous
    /// Low latency
    /// ```
    /// ## Who owns what
    /// ```
    /// ## Platform team
    /// Run the brokers
    ///
    /// ## Product teams
    /// Define event schemas
    /// ```
    /// ````
    ///
    /// ## Fix
    /// Rewrites `##` as `###` or the reverse (and `#` likewise). A `Group:`
    /// header or a bare label is not rewritten, nor rewritten into: in a
    /// block with `##` headers a line ending in `:` is an item, so the
    /// change could move items.
    ///
    /// ## Precision
    /// On the real-notes corpus: 9 findings judged, 9 right (100 %).
    /// Measured with the rule enabled: it is off by default.
    pub(crate) MixedGroupHeader = ("EB505", "mixed-group-header", Severity::Style, fixable, off_by_default)
}

const fn written(style: HeaderStyle) -> &'static str {
    match style {
        HeaderStyle::Hash1 => "# Group",
        HeaderStyle::Hash2 => "## Group",
        HeaderStyle::Hash3 => "### Group",
        HeaderStyle::Colon => "Group:",
        HeaderStyle::Label => "Group",
    }
}

impl Rule for MixedGroupHeader {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let groups: Vec<&Group> = cx
            .exercises()
            .filter_map(|e| match e.answer.as_ref().map(|a| &a.body) {
                Some(AnswerBody::Categorize(c)) => Some(c.groups.iter()),
                _ => None,
            })
            .flatten()
            .collect();
        let count = |style| groups.iter().filter(|g| g.style == style).count();
        let want = [
            HeaderStyle::Hash2,
            HeaderStyle::Hash3,
            HeaderStyle::Colon,
            HeaderStyle::Hash1,
            HeaderStyle::Label,
        ]
        .into_iter()
        .fold((HeaderStyle::Hash2, 0), |best, style| {
            let n = count(style);
            if n > best.1 { (style, n) } else { best }
        })
        .0;
        for group in groups.iter().filter(|g| g.style != want) {
            let mut finding = Finding::new(
                &Self::META,
                group.header,
                format!(
                    "Group header written `{}` here, `{}` in most of this file",
                    written(group.style),
                    written(want)
                ),
            )
            .label(format!("most group headers here are `{}`", written(want)))
            .help(format!("Write the header as `{}`", written(want)));
            if let Some(fix) = hash_fix(cx.text(group.header), group.header, want) {
                finding = finding.fix(fix.0, fix.1, format!("Write `{}`", written(want)));
            }
            out.push(finding);
        }
    }
}

/// The edit between `#`, `##` and `###` headers; `None` when either is
/// `Group:` or a bare label.
fn hash_fix(line: &str, header: Span, want: HeaderStyle) -> Option<(Span, &'static str)> {
    let hashes = match want {
        HeaderStyle::Hash1 => "#",
        HeaderStyle::Hash2 => "##",
        HeaderStyle::Hash3 => "###",
        HeaderStyle::Colon | HeaderStyle::Label => return None,
    };
    let indent = line.len() - line.trim_start().len();
    let run = line[indent..].bytes().take_while(|&b| b == b'#').count();
    if !(1..=3).contains(&run) {
        return None;
    }
    let start = header.start + indent;
    Some((Span::new(start, start + run), hashes))
}
