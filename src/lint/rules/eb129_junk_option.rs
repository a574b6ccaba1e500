use super::option_shape::{glued_fence, junk};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags an option that is no words: a stray fence, dots, a pasted score or
    /// counter.
    ///
    /// It reports an option that is no words: text with no letter or digit (a
    /// stray fence, dashes, dots), or a score or counter pasted from the course
    /// page (`100 XP`, `2/3 points`, `Score: 4`). Also flags a fence glued to
    /// the end of an option or of its explanation (`...midpoint```), which the
    /// learner would read as part of the option.
    ///
    /// ## Why is this bad?
    /// Every option must be a plausible answer (Haladyna, Downing &
    /// Rodriguez, 2002: make all distractors plausible; edit and proof
    /// items). An
    /// option that is page debris is no answer at all: the question has one
    /// option fewer than it seems, and the learner is puzzled by it.
    ///
    /// ## Example
    /// ```quiz
    /// Which scale shows values above or below a midpoint?
    ///
    /// [ ]Qualitative
    /// [ ]Sequential
    /// [x]Diverging```
    /// [ ]100 XP
    /// ```
    ///
    /// Use instead:
    /// ```quiz
    /// Which scale shows values above or below a midpoint?
    ///
    /// [ ]Qualitative
    /// [ ]Sequential
    /// [x]Diverging
    /// ```
    ///
    /// ## Fix
    /// A fence glued to the end of an option or explanation is removed
    /// (with the spaces before it); the option's words stay. An option that
    /// is junk as a whole has no fix: remove the line, or write the option
    /// it stands for.
    ///
    /// ## Precision
    /// On the real-notes corpus: 1 finding judged, 1 right (100 %).
    pub(crate) JunkOption = ("EB129", "junk-option", Severity::Warning, fixable)
}

impl Rule for JunkOption {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (_, choice) in cx.choices() {
            for option in &choice.options {
                if let Some(why) = junk(&option.text) {
                    out.push(
                        Finding::new(
                            &Self::META,
                            option.text_span,
                            format!("Option `{}` is no answer: {why}", option.text),
                        )
                        .label("not an answer")
                        .help("Remove the option, or write the answer it stands for"),
                    );
                    continue;
                }
                let parts = std::iter::once(option.text_span)
                    .chain(option.explanation.as_ref().map(|e| e.span));
                for span in parts {
                    let Some((from, to)) = glued_fence(cx.text(span)) else {
                        continue;
                    };
                    let fence = Span::new(span.start + from, span.start + to);
                    let words = cx.text(Span::new(option.text_span.start, fence.start));
                    let marks = cx.text(fence).trim();
                    out.push(
                        Finding::new(
                            &Self::META,
                            fence,
                            format!(
                                "Option `{}` ends with a stray fence of {} {}",
                                words.trim(),
                                marks.len(),
                                if marks.starts_with('`') {
                                    "backticks"
                                } else {
                                    "tildes"
                                }
                            ),
                        )
                        .label("stray fence")
                        .help("Remove it; a fence closes on a line of its own")
                        .fix(fence, "", "Remove the stray fence"),
                    );
                    break;
                }
            }
        }
    }
}
