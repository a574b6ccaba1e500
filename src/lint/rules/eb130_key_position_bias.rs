use super::key_pattern::{Keyed, MIN_QUESTIONS, keyed, upper_tail};
use crate::lint::{Finding, LintContext, Rule, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a file whose keys stand in the same position far more often than
    /// chance.
    ///
    /// It reports a file whose single-answer questions (three options or more,
    /// six questions or more) put the key in the same place far more often than
    /// chance: the same position from the top (or the last option) in at least
    /// three quarters of them, where chance alone would do so less than once in
    /// two hundred files. One finding per file, on the first of those keys; the
    /// others are listed as related places.
    ///
    /// A file is a course: the questions a learner meets together. The
    /// pattern matters where options are shown as written, as in the GIFT
    /// and HTML exports and a Moodle question that keeps the written order
    /// (one with an "All of the above" option).
    ///
    /// ## Why is this bad?
    /// The key should be placed evenly across positions (Haladyna, Downing
    /// & Rodriguez, 2002: vary the location of the right answer according
    /// to the number of choices). Authors tend to write the key first, or to hide it
    /// last; a learner who notices answers without knowing.
    ///
    /// ## Example
    /// ````md
    /// # 1. Streams
    /// ## Q1
    /// ```
    /// [x]An append-only sequence of events
    /// [ ]A table that is updated in place
    /// [ ]A cache in front of a database
    /// ```
    /// ## Q2
    /// ```
    /// [x]The position of a consumer in a partition
    /// [ ]The size of a topic on disk
    /// [ ]The number of brokers in a cluster
    /// ```
    /// ## Q3
    /// ```
    /// [x]Events that arrive after their window closed
    /// [ ]Events that were never produced
    /// [ ]Events that two consumers read
    /// ```
    /// ## Q4
    /// ```
    /// [x]The time at which the event happened
    /// [ ]The time at which the broker stored it
    /// [ ]The time at which a consumer read it
    /// ```
    /// ## Q5
    /// ```
    /// [x]To restart from the last committed state
    /// [ ]To speed every event up
    /// [ ]To share state between two jobs
    /// ```
    /// ## Q6
    /// ```
    /// [x]A key that spreads events evenly
    /// [ ]A key that sends every event to one partition
    /// [ ]A key that changes on every event
    /// ```
    /// ````
    ///
    /// Use instead:
    /// ````md
    /// # 1. Streams
    /// ## Q1
    /// ```
    /// [x]An append-only sequence of events
    /// [ ]A table that is updated in place
    /// [ ]A cache in front of a database
    /// ```
    /// ## Q2
    /// ```
    /// [ ]The size of a topic on disk
    /// [x]The position of a consumer in a partition
    /// [ ]The number of brokers in a cluster
    /// ```
    /// ## Q3
    /// ```
    /// [ ]Events that were never produced
    /// [ ]Events that two consumers read
    /// [x]Events that arrive after their window closed
    /// ```
    /// ## Q4
    /// ```
    /// [ ]The time at which the broker stored it
    /// [x]The time at which the event happened
    /// [ ]The time at which a consumer read it
    /// ```
    /// ## Q5
    /// ```
    /// [x]To restart from the last committed state
    /// [ ]To speed every event up
    /// [ ]To share state between two jobs
    /// ```
    /// ## Q6
    /// ```
    /// [ ]A key that sends every event to one partition
    /// [ ]A key that changes on every event
    /// [x]A key that spreads events evenly
    /// ```
    /// ````
    ///
    /// ## Precision
    /// On the real-notes corpus: no findings.
    pub(crate) KeyPositionBias = ("EB130", "key-position-bias", Severity::Warning)
}

/// How unlikely the pattern must be by chance.
const CHANCE: f64 = 0.005;

/// A place an option can hold: counted from the top, or the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    FromTop(usize),
    Last,
}

impl Place {
    fn holds(self, q: &Keyed<'_>) -> bool {
        match self {
            Self::FromTop(k) => q.key == k,
            Self::Last => q.key + 1 == q.options.len(),
        }
    }

    /// The chance that a key placed at random holds this place.
    fn chance(self, q: &Keyed<'_>) -> f64 {
        let n = q.options.len();
        match self {
            Self::FromTop(k) if k >= n => 0.0,
            _ => 1.0 / n as f64,
        }
    }

    fn name(self) -> String {
        match self {
            Self::FromTop(0) => "first".to_owned(),
            Self::FromTop(1) => "second".to_owned(),
            Self::FromTop(2) => "third".to_owned(),
            Self::FromTop(k) => format!("option {}", k + 1),
            Self::Last => "last".to_owned(),
        }
    }
}

impl Rule for KeyPositionBias {
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let questions = keyed(cx);
        if questions.len() < MIN_QUESTIONS {
            return;
        }
        let widest = questions.iter().map(|q| q.options.len()).max().unwrap_or(0);
        let places = (0..widest).map(Place::FromTop).chain([Place::Last]);
        let judged = places.filter_map(|place| {
            let hits = questions.iter().filter(|q| place.holds(q)).count();
            if hits * 4 < questions.len() * 3 {
                return None;
            }
            let chances: Vec<f64> = questions.iter().map(|q| place.chance(q)).collect();
            let p = upper_tail(&chances, hits);
            (p < CHANCE).then_some((hits, place, p))
        });
        // The strongest pattern: most keys there, then the least likely.
        let Some((hits, place, _)) = judged.max_by(|a, b| a.0.cmp(&b.0).then(b.2.total_cmp(&a.2)))
        else {
            return;
        };
        let mut held = questions.iter().filter(|q| place.holds(q));
        let Some(first) = held.next() else {
            return;
        };
        let name = place.name();
        let the = if matches!(place, Place::FromTop(k) if k > 2) {
            name.clone()
        } else {
            format!("the {name} option")
        };
        let mut finding = Finding::new(
            &Self::META,
            first.key_line().text_span,
            format!(
                "The key is {the} in {hits} of the {} single-answer questions of this file",
                questions.len()
            ),
        )
        .label(format!("key in the {name} place"))
        .help("Place the keys evenly across positions: GIFT, HTML and some Moodle questions show options in the order written");
        for q in held {
            finding = finding.related(
                cx.file.path.clone(),
                q.key_line().text_span,
                format!("another key in the {name} place"),
            );
        }
        out.push(finding);
    }
}
