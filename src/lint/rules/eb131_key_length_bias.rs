use super::key_pattern::{Keyed, MIN_QUESTIONS, keyed, upper_tail};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a file whose keys are the longest option far more often than
    /// chance.
    ///
    /// It reports a file whose single-answer questions (three options or more,
    /// six questions or more) make the key the longest option (in characters,
    /// explanations aside, longer than every distractor) in half of them or
    /// more, where chance alone (one in the number of options) would do so less
    /// than once in a hundred files. One finding per file, on the first of
    /// those keys; the others are listed as related places.
    ///
    /// It judges the habit across a course; `longest-option-cue` (EB112)
    /// judges one question whose key is far longer than the rest. A
    /// question can show in both: the one finding names a pattern, the
    /// other a cue in that question.
    ///
    /// ## Why is this bad?
    /// Keep options about equal in length (Haladyna, Downing & Rodriguez,
    /// 2002: keep the length of choices about equal). Authors qualify the key carefully and write
    /// distractors quickly; across a course, "pick the longest" becomes a
    /// strategy that beats the test.
    ///
    /// ## Example
    /// ````md
    /// # 1. Streams
    /// ## Q1
    /// ```
    /// [ ]A table
    /// [x]An append-only sequence of events
    /// [ ]A cache
    /// ```
    /// ## Q2
    /// ```
    /// [ ]The topic size
    /// [ ]The broker count
    /// [x]The position of a consumer in a partition
    /// ```
    /// ## Q3
    /// ```
    /// [x]Events that arrive after their window closed
    /// [ ]Lost events
    /// [ ]Read events
    /// ```
    /// ## Q4
    /// ```
    /// [ ]Storage time
    /// [x]The time at which the event happened
    /// [ ]Read time
    /// ```
    /// ## Q5
    /// ```
    /// [ ]Speed
    /// [ ]Sharing
    /// [x]To restart from the last committed state
    /// ```
    /// ## Q6
    /// ```
    /// [x]A key that spreads events evenly
    /// [ ]One partition
    /// [ ]A new key
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Streams
    /// ## Q1
    /// ```
    /// [ ]A table that is updated in place
    /// [x]An append-only log of events
    /// [ ]A cache in front of a database
    /// ```
    /// ## Q2
    /// ```
    /// [ ]The size of a topic on disk
    /// [ ]The number of brokers in a cluster
    /// [x]A consumer's place in a partition
    /// ```
    /// ## Q3
    /// ```
    /// [x]Events after their window closed
    /// [ ]Events that were never produced
    /// [ ]Events that two consumers read
    /// ```
    /// ## Q4
    /// ```
    /// [ ]The time at which the broker stored it
    /// [x]The time of the event itself
    /// [ ]The time at which a consumer read it
    /// ```
    /// ## Q5
    /// ```
    /// [ ]To make every event pass faster
    /// [ ]To share state between two jobs
    /// [x]To restart from the last commit
    /// ```
    /// ## Q6
    /// ```
    /// [x]A key that spreads events evenly
    /// [ ]A key that sends all to one partition
    /// [ ]A key that changes on every event
    /// ```
    /// ````
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) KeyLengthBias = ("EB131", "key-length-bias", Severity::Warning)
}

/// How unlikely the pattern must be by chance.
const CHANCE: f64 = 0.01;

/// Whether the key is longer than every distractor.
fn key_is_longest(q: &Keyed<'_>) -> bool {
    let length = |k: usize| q.options[k].text.trim().chars().count();
    let key = length(q.key);
    (0..q.options.len()).all(|k| k == q.key || length(k) < key)
}

impl Rule for KeyLengthBias {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let questions = keyed(cx);
        if questions.len() < MIN_QUESTIONS {
            return;
        }
        let longest: Vec<&Keyed<'_>> = questions.iter().filter(|q| key_is_longest(q)).collect();
        let hits = longest.len();
        let chances: Vec<f64> = questions
            .iter()
            .map(|q| 1.0 / q.options.len() as f64)
            .collect();
        if hits * 2 < questions.len() || upper_tail(&chances, hits) >= CHANCE {
            return;
        }
        let expected: f64 = chances.iter().sum();
        let Some((first, rest)) = longest.split_first() else {
            return;
        };
        let mut finding = Finding::new(
            &Self::META,
            first.key_line().text_span,
            format!(
                "The key is the longest option in {hits} of the {} single-answer questions of this file (about {expected:.0} by chance)",
                questions.len()
            ),
        )
        .label("longest option, and the key")
        .help("Write distractors as long and as careful as the keys, or keys as short as the distractors");
        for q in rest {
            finding = finding.related(
                cx.file.path.clone(),
                q.key_line().text_span,
                "another key that is the longest option",
            );
        }
        out.push(finding);
    }
}
