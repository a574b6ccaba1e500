use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a heading written so that its level or its title is unclear:
    /// a chapter heading with a number and no title (`# 3.`), and an
    /// exercise heading that holds a second heading marker (`## # 2.
    /// Title`).
    ///
    /// ## Why is this bad?
    /// A chapter without a title becomes a section without a name in the
    /// exam bank. `## # 2. Title` is read as an exercise titled `# 2.
    /// Title`, though it was most likely meant as the chapter heading
    /// `# 2. Title`, and the exercises after it land in the wrong chapter.
    ///
    /// ## Example
    /// ````md
    /// # 1.
    /// ## # 2. Pipelines
    /// ```
    /// Use a schedule.
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Basics
    /// # 2. Pipelines
    /// ## Scheduling
    /// ```
    /// Use a schedule.
    /// ```
    /// ````
    ///
    /// ## Precision
    /// On the real-notes corpus: 2 findings judged, 2 right (100 %).
    pub(crate) MalformedHeading = ("EB008", "malformed-heading", Severity::Warning)
}

impl Rule for MalformedHeading {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for chapter in &cx.doc.chapters {
            if chapter.number.is_some() && chapter.title.is_empty() {
                out.push(
                    Finding::new(
                        &Self::META,
                        chapter.heading,
                        format!(
                            "Chapter heading `{}` has no title",
                            cx.text(chapter.heading)
                        ),
                    )
                    .label("a number and no title")
                    .help("Write the chapter's title after its number"),
                );
            }
        }
        for exercise in cx.exercises() {
            let Some(marker) = exercise.stray_marker else {
                continue;
            };
            let heading = cx.text(exercise.heading);
            out.push(
                Finding::new(
                    &Self::META,
                    marker,
                    format!("Heading `{heading}` holds a second heading marker"),
                )
                .label("a heading marker inside the title")
                .help(format!(
                    "Write `{}` for a chapter heading, or drop the `{}` for an exercise heading",
                    exercise.title,
                    cx.text(marker)
                )),
            );
        }
    }
}
