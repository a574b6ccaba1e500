use crate::lint::text::tokens;
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a choice question whose stem asks nothing and is shorter than its
    /// options.
    ///
    /// It reports a choice question whose stem asks nothing: it has no question
    /// mark and no word that asks or directs (`which`, `what`, `how`, `select`,
    /// `choose`, `identify` ...), and it is shorter than its options on
    /// average. The stem is what the learner reads as the question: the context
    /// prose and the lines before the options, or the heading when there are
    /// none.
    ///
    /// Off by default: the notes format lets the heading be the only
    /// prompt, and notes written from a course page often keep only its
    /// title. Turn it on for a bank that learners take as an exam.
    ///
    /// ## Why is this bad?
    /// The stem should hold the central idea and ask a clear question
    /// (Haladyna, Downing & Rodriguez, 2002: include the central idea in
    /// the stem, not in the choices, and make its directions clear; the
    /// NBME guide's "cover the options" test: a focused stem can be
    /// answered without seeing them). A topic ("Understanding ETL") over a
    /// list of statements leaves the learner to guess the task: pick the
    /// true one, the false one, or the best one.
    ///
    /// ## Example
    /// ````md
    /// # 1. Pipelines
    /// ## Understanding checkpoints
    /// ```
    /// [x]A checkpoint lets the job restart from its last committed state.
    /// [ ]A checkpoint copies every event to a second cluster.
    /// [ ]A checkpoint is written only when the job stops.
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Pipelines
    /// ## Understanding checkpoints
    /// ```
    /// Which statement about checkpoints is true?
    ///
    /// [x]A checkpoint lets the job restart from its last committed state.
    /// [ ]A checkpoint copies every event to a second cluster.
    /// [ ]A checkpoint is written only when the job stops.
    /// ```
    /// ````
    ///
    /// ## Precision
    /// On the real-notes corpus: 33 findings judged, 33 right (100 %).
    pub(crate) UnfocusedStem = ("EB126", "unfocused-stem", Severity::Style, off_by_default)
}

/// Words that ask or direct: a stem with one of them has a task.
const ASKING: &[&str] = &[
    "which",
    "what",
    "who",
    "whom",
    "whose",
    "when",
    "where",
    "why",
    "how",
    "select",
    "choose",
    "identify",
    "determine",
    "pick",
    "mark",
    "decide",
    "find",
    "match",
    "indicate",
    "name",
    "classify",
    "calculate",
    "compute",
    "estimate",
    "predict",
    "complete",
    "fill",
    "order",
    "rank",
    "sort",
    "drag",
    "answer",
    "true",
    "false",
    "correct",
    "incorrect",
    "best",
];

impl Rule for UnfocusedStem {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (exercise, choice) in cx.choices() {
            if choice.options.len() < 2 {
                continue;
            }
            let (spans, from_heading): (Vec<Span>, bool) = if exercise.prompt.is_empty() {
                (vec![exercise.title_span], true)
            } else {
                (cx.prompt_spans(exercise), false)
            };
            let stem: Vec<&str> = spans.iter().map(|s| cx.text(*s)).collect();
            if stem.iter().any(|s| s.contains('?')) {
                continue;
            }
            let asks = stem
                .iter()
                .any(|s| tokens(s, 0).iter().any(|t| t.is_word && t.is(ASKING)));
            if asks {
                continue;
            }
            let stem_length: usize = stem.iter().map(|s| s.trim().chars().count()).sum();
            let option_lengths: usize = choice
                .options
                .iter()
                .map(|o| o.text.trim().chars().count())
                .sum();
            if stem_length * choice.options.len() >= option_lengths {
                continue;
            }
            let span = spans[0].cover(spans[spans.len() - 1]);
            let what = if from_heading { "heading" } else { "stem" };
            out.push(
                Finding::new(
                    &Self::META,
                    span,
                    format!(
                        "The {what} `{}` asks no question and is shorter than its options",
                        first_line(cx.text(span))
                    ),
                )
                .label("no question here")
                .help("Ask the question in the stem (\"Which statement about ... is true?\"), so that it can be answered without the options"),
            );
        }
    }
}

/// The first line of a text, shortened for a message.
fn first_line(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or("").trim();
    if line.chars().count() > 60 {
        let cut: String = line.chars().take(57).collect();
        format!("{}...", cut.trim_end())
    } else {
        line.to_owned()
    }
}
