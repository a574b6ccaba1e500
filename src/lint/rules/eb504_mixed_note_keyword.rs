use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::parse::ast::Note;

declare_rule! {
    /// ## What it does
    /// Flags a note keyword written differently from most notes of the file:
    /// `Note:` beside `NOTE:`, or `note:`. The form most notes use wins; a
    /// tie goes to `NOTE:`.
    ///
    /// ## Why is this bad?
    /// The keywords mean the same, so the difference is noise that makes the
    /// general feedback harder to find and to search for.
    ///
    /// ## Example
    /// ````md
    /// # 1. Streams
    /// ## Late events
    /// ```
    /// [x]Keep the window open for a while
    /// [ ]Stop the pipeline
    ///
    /// Note: Watermarks tell the engine how long to wait.
    /// ```
    /// ## Lag
    /// ```
    /// [x]It grows when consumers fall behind
    /// [ ]It stays at zero
    ///
    /// NOTE: A little lag is normal.
    /// ```
    /// ## Replay
    /// ```
    /// [x]From any retained offset
    /// [ ]Only from the start
    ///
    /// NOTE: Retention decides how far back.
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Streams
    /// ## Late events
    /// ```
    /// [x]Keep the window open for a while
    /// [ ]Stop the pipeline
    ///
    /// NOTE: Watermarks tell the engine how long to wait.
    /// ```
    /// ## Lag
    /// ```
    /// [x]It grows when consumers fall behind
    /// [ ]It stays at zero
    ///
    /// NOTE: A little lag is normal.
    /// ```
    /// ## Replay
    /// ```
    /// [x]From any retained offset
    /// [ ]Only from the start
    ///
    /// NOTE: Retention decides how far back.
    /// ```
    /// ````
    ///
    /// ## Fix
    /// Rewrites the keyword in the file's majority form. Safe: the parser
    /// reads the keyword without regard to case.
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) MixedNoteKeyword = ("EB504", "mixed-note-keyword", Severity::Style, fixable)
}

impl Rule for MixedNoteKeyword {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let notes: Vec<&Note> = cx
            .exercises()
            .filter_map(|e| e.answer.as_ref().and_then(|a| a.note()))
            // A note paragraph without its keyword has nothing to compare.
            .filter(|n| !n.keyword.is_empty())
            .collect();
        // Count each form; ties go to `NOTE`, then to the form seen first.
        let mut forms: Vec<(&str, usize)> = vec![("NOTE", 0)];
        for note in &notes {
            match forms.iter_mut().find(|(form, _)| *form == note.keyword) {
                Some((_, count)) => *count += 1,
                None => forms.push((&note.keyword, 1)),
            }
        }
        let want = forms
            .iter()
            .fold(
                forms[0],
                |best, &form| if form.1 > best.1 { form } else { best },
            )
            .0;
        for note in notes.iter().filter(|n| n.keyword != want) {
            out.push(
                Finding::new(
                    &Self::META,
                    note.keyword_span,
                    format!("`{}:` here, `{want}:` elsewhere in this file", note.keyword),
                )
                .label(format!("most notes here use `{want}:`"))
                .help(format!("Write `{want}:`, as the rest of the file does"))
                .fix(note.keyword_span, want, format!("Write `{want}:`")),
            );
        }
    }
}
