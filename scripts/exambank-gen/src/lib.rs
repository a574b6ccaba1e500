//! The corpus generator behind `exambank-gen`: a synthetic corpus of course
//! notes for benchmarks and tests. Its own crate, so that installing
//! exambank installs the tool alone.
//!
//! Every exercise shape of the notes format appears (single and multiple
//! choice with explanations and notes, categorization in all three header
//! styles, ordering, SQL and Python code answers, free text, reading
//! material), and `--defect-rate` plants the defects real notes contain;
//! `--item-flaw-rate` plants item-writing flaws (EB123-EB132) in
//! single-answer questions and patterns of keys across a file.
//! The output depends only on the arguments: file `i` is generated from its
//! own random stream seeded with the seed and `i`, so the same arguments give
//! the same bytes on every machine and file `i` is the same whatever `--files`.
//!
//! Beside the notes, `manifest.jsonl` lists each file with its exercises and
//! the planted defects (rule code and the lines of the exercise holding it).

use std::fmt::Write as _;
use std::path::Path;

/// What corpus to write.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Number of files.
    pub files: usize,
    /// Exercises per file.
    pub exercises: usize,
    /// Seed of the random streams (any text).
    pub seed: String,
    /// Probability that an exercise carries one planted defect (0 to 1).
    pub defect_rate: f64,
    /// Probability that a single-answer question carries one planted
    /// item-writing flaw (EB123-EB132), and that a file carries a
    /// pattern of keys (0 to 1). Drawn from a stream of its own: the
    /// notes of a seed are the same as without it, but for the flaws.
    pub item_flaw_rate: f64,
}

/// Writes `course_NNNNN.md` files and `manifest.jsonl` into `out` (created
/// if needed), and returns a one-line JSON summary of what was written.
///
/// # Errors
/// When a file cannot be written.
pub fn write_corpus(out: &Path, corpus: &Corpus) -> std::io::Result<String> {
    std::fs::create_dir_all(out)?;
    let width = corpus.files.to_string().len().max(5);
    let mut manifest = String::new();
    let (mut bytes, mut exercises, mut defects) = (0usize, 0usize, 0usize);
    for i in 1..=corpus.files {
        let name = format!("course_{i:0width$}.md");
        let file = generate_file(
            &corpus.seed,
            i,
            corpus.exercises,
            corpus.defect_rate,
            corpus.item_flaw_rate,
        );
        std::fs::write(out.join(&name), &file.text)?;
        bytes += file.text.len();
        exercises += file.exercises;
        defects += file.defects.len();
        let _ = write!(
            manifest,
            "{{\"file\":\"{name}\",\"bytes\":{},\"exercises\":{},\"defects\":[",
            file.text.len(),
            file.exercises
        );
        for (k, d) in file.defects.iter().enumerate() {
            let _ = write!(
                manifest,
                "{}{{\"code\":\"{}\",\"line\":{},\"end_line\":{}}}",
                if k == 0 { "" } else { "," },
                d.code,
                d.line,
                d.end_line
            );
        }
        manifest.push_str("]}\n");
    }
    std::fs::write(out.join("manifest.jsonl"), manifest)?;
    Ok(format!(
        "{{\"files\":{},\"bytes\":{bytes},\"exercises\":{exercises},\"defects\":{defects}}}",
        corpus.files
    ))
}

// ---------------------------------------------------------------------------
// Randomness: SplitMix64, written out so that the bytes never change with a
// dependency's version.
// ---------------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    /// A stream for file `index` of `seed` (FNV-1a of `"seed:index"`).
    fn for_file(seed: &str, index: usize) -> Self {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in format!("{seed}:{index}").bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        Self(hash)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        // The modulo bias is irrelevant for a corpus generator.
        usize::try_from(self.next_u64() % n as u64).expect("below n, which is a usize")
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        // 53 random bits as a float in [0, 1).
        #[allow(clippy::cast_precision_loss)]
        let x = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        x < p
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }

    /// `k` distinct indices of `0..n`, in random order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        self.shuffle(&mut all);
        all.truncate(k.min(n));
        all
    }
}

// ---------------------------------------------------------------------------
// Word banks.
// ---------------------------------------------------------------------------

struct Domain {
    title: &'static str,
    product: &'static str,
    tags: &'static str,
    features: &'static [&'static str],
    truths: &'static [&'static str],
    myths: &'static [&'static str],
    steps: &'static [&'static [(&'static str, &'static str)]],
    groups: &'static [&'static [(&'static str, &'static [&'static str])]],
    tables: &'static [&'static str],
    columns: &'static [&'static str],
}

const DOMAINS: &[Domain] = &[
    Domain {
        title: "Introduction to Stream Processing",
        product: "the streaming platform",
        tags: "streaming, kafka, data-engineering",
        features: &[
            "Consumer groups",
            "Partitions",
            "Watermarks",
            "Tumbling windows",
            "Checkpoints",
            "Schema registries",
            "Exactly-once sinks",
            "Compacted topics",
        ],
        truths: &[
            "keeps the events of one key in order",
            "lets a restarted job resume where it stopped",
            "spreads the load over several consumers",
            "tells the engine how long to wait for late events",
            "rejects records that do not match the declared schema",
            "keeps only the latest value of each key",
            "makes a retried write count an event once",
        ],
        myths: &[
            "removes the need for any schema",
            "guarantees that no event ever arrives late",
            "makes every consumer read every partition",
            "lets events be edited in place after they are written",
            "runs each window on its own machine",
        ],
        steps: &[
            &[
                (
                    "Define the source topic",
                    "Name the topic and decide how many partitions it needs.",
                ),
                (
                    "Parse the raw events",
                    "Turn bytes into typed records with a schema.",
                ),
                (
                    "Enrich with reference data",
                    "Join each event with the customer table.",
                ),
                (
                    "Write to the serving table",
                    "Store the result where dashboards can read it.",
                ),
            ],
            &[
                (
                    "Ingest events into a bronze table",
                    "Keep the raw records for replays.",
                ),
                (
                    "Clean and deduplicate into a silver table",
                    "Drop malformed rows early.",
                ),
                (
                    "Aggregate into gold tables",
                    "Summaries are cheaper to query than raw events.",
                ),
                (
                    "Publish the gold tables",
                    "Dashboards read only published tables.",
                ),
            ],
        ],
        groups: &[
            &[
                (
                    "Batch",
                    &[
                        "Nightly revenue report",
                        "Yearly tax export",
                        "Monthly invoice run",
                    ],
                ),
                (
                    "Stream",
                    &[
                        "Fraud alert on a card payment",
                        "Live dashboard of visitors",
                        "Sensor anomaly alarm",
                    ],
                ),
            ],
            &[
                (
                    "Platform team",
                    &[
                        "Run the brokers",
                        "Set retention limits",
                        "Upgrade the cluster",
                    ],
                ),
                (
                    "Product teams",
                    &["Define event schemas", "Write consumers for their services"],
                ),
                (
                    "Data team",
                    &["Build the gold tables", "Own the data quality checks"],
                ),
            ],
        ],
        tables: &["raw_events", "clicks", "purchases", "sessions", "alerts"],
        columns: &["region", "event_type", "country", "page", "status"],
    },
    Domain {
        title: "Relational Databases",
        product: "the database",
        tags: "sql, databases, data-modeling",
        features: &[
            "B-tree indexes",
            "Foreign keys",
            "Materialized views",
            "Window functions",
            "The query planner",
            "Row-level security",
            "Table partitioning",
            "Logical replication",
        ],
        truths: &[
            "rejects rows that violate a declared constraint",
            "answers range queries without a full table scan",
            "restricts which rows a role can see",
            "computes running totals without collapsing the rows",
            "splits a large table into smaller physical pieces",
            "copies changes to a subscriber in near real time",
        ],
        myths: &[
            "makes every query faster regardless of its filters",
            "removes the need for backups",
            "normalizes the schema automatically",
            "encrypts every column by default",
            "only works on tables with fewer than a million rows",
        ],
        steps: &[
            &[
                (
                    "Capture the slow query with EXPLAIN ANALYZE",
                    "The plan shows where the time is spent.",
                ),
                (
                    "Find the sequential scan on the large table",
                    "A full scan is the usual culprit.",
                ),
                (
                    "Create an index that matches the filter",
                    "Column order follows the selectivity.",
                ),
                (
                    "Refresh the planner statistics",
                    "Fresh statistics let the planner use the index.",
                ),
                (
                    "Compare the new plan with the old one",
                    "Measure again instead of assuming.",
                ),
            ],
            &[
                (
                    "Take a base backup",
                    "Every recovery starts from a consistent backup.",
                ),
                (
                    "Archive the write-ahead log",
                    "The log lets you replay changes after the backup.",
                ),
                (
                    "Set the recovery target time",
                    "This tells the server where to stop.",
                ),
                (
                    "Start the server and verify the data",
                    "Check row counts before reopening.",
                ),
            ],
        ],
        groups: &[
            &[
                ("DDL", &["CREATE TABLE", "ALTER TABLE", "DROP INDEX"]),
                ("DML", &["INSERT INTO", "UPDATE", "DELETE FROM"]),
                ("DCL", &["GRANT SELECT", "REVOKE UPDATE"]),
            ],
            &[
                (
                    "Good index candidate",
                    &[
                        "Columns in WHERE filters",
                        "Foreign key columns",
                        "Columns in ORDER BY with LIMIT",
                    ],
                ),
                (
                    "Poor index candidate",
                    &[
                        "Boolean flags",
                        "Columns updated on every write",
                        "Tiny lookup tables",
                    ],
                ),
            ],
        ],
        tables: &["orders", "customers", "invoices", "shipments", "payments"],
        columns: &["status", "country", "currency", "segment", "channel"],
    },
    Domain {
        title: "Data Analysis with DataFrames",
        product: "the DataFrame library",
        tags: "python, data-analysis, data-cleaning",
        features: &[
            "Group-by aggregation",
            "Merges",
            "Pivot tables",
            "Categorical columns",
            "Vectorized string methods",
            "Boolean indexing",
            "Method chaining",
        ],
        truths: &[
            "splits the data into groups and aggregates each one",
            "joins two tables on one or more key columns",
            "reshapes long data into a wide summary table",
            "reduces memory use for columns with few distinct values",
            "cleans text columns without explicit loops",
            "filters rows with a vectorized condition",
        ],
        myths: &[
            "modifies the original table in place every time",
            "only works with numeric columns",
            "requires a database connection",
            "runs each operation on a separate core automatically",
            "cannot handle missing values",
        ],
        steps: &[
            &[
                (
                    "Load the raw CSV file",
                    "Pass the column types so they arrive right.",
                ),
                ("Inspect the columns", "This reveals missing values early."),
                (
                    "Clean the missing and duplicated rows",
                    "Decide per column what to do with gaps.",
                ),
                (
                    "Aggregate the data by group",
                    "Group by the reporting dimension.",
                ),
                (
                    "Export the summary",
                    "Save the table so the results can be reproduced.",
                ),
            ],
            &[
                (
                    "Parse the timestamp column",
                    "Time-based operations need a real datetime type.",
                ),
                (
                    "Set the timestamp as the index",
                    "A time index enables resampling.",
                ),
                (
                    "Resample to daily frequency",
                    "Choose an aggregation that fits the metric.",
                ),
                (
                    "Compute a rolling average",
                    "The rolling window smooths weekday effects.",
                ),
            ],
        ],
        groups: &[
            &[
                (
                    "Returns a new object",
                    &[
                        "Dropping missing rows",
                        "Adding a derived column with assign",
                        "Sorting by price",
                    ],
                ),
                (
                    "Changes the object in place",
                    &[
                        "Dropping a column with inplace set",
                        "Assigning to a column",
                    ],
                ),
            ],
            &[
                ("Aggregation", &["sum", "mean", "count", "median"]),
                ("Transformation", &["cumsum", "rank", "pct_change"]),
                ("Filtering", &["query", "nlargest"]),
            ],
        ],
        tables: &[
            "sales",
            "survey_responses",
            "weather",
            "taxi_trips",
            "listings",
        ],
        columns: &["city", "category", "segment", "vendor", "region"],
    },
];

const CONTEXTS: &[&str] = &[
    "Your team is preparing a design review for a new reporting service.",
    "A colleague asks you to explain the trade-offs before the next sprint.",
    "As part of your presentation to the engineering manager, you list the main points.",
    "You are reviewing a pull request that changes the pipeline configuration.",
    "The operations team reports that last night's job finished late.",
];

const CONSEQUENCES: &[&str] = &[
    "so results stay correct after a restart",
    "which keeps the on-call load low",
    "so the reports agree with each other",
    "which saves a full reprocessing run",
    "so new team members can follow the design",
];

const WRONG: &[&str] = &[
    "This is not true",
    "Not quite",
    "This is a common misconception",
    "No",
];

const WRAP_UPS: &[&str] = &["Wrap Up", "Summary", "Further Reading", "Next Steps"];

const HEADINGS: &[&str] = &[
    "Why use {F}?",
    "Benefits of {F}",
    "{F} in practice",
    "Choosing between {F} and {G}",
    "When {F} helps",
    "Common mistakes with {F}",
    "{F} and {G} together",
    "Reviewing {F}",
];

// ---------------------------------------------------------------------------
// One file.
// ---------------------------------------------------------------------------

/// A planted defect: the rule that must report it and the lines (1-based)
/// of the exercise or chapter heading that holds it.
struct Defect {
    code: &'static str,
    line: usize,
    end_line: usize,
}

struct GeneratedFile {
    text: String,
    exercises: usize,
    defects: Vec<Defect>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    SingleChoice,
    MultipleChoice,
    Categorize,
    Ordering,
    Sql,
    Python,
    FreeText,
    Reading,
}

/// Relative frequencies, close to those of real notes.
const SHAPES: &[(Shape, usize)] = &[
    (Shape::SingleChoice, 30),
    (Shape::MultipleChoice, 22),
    (Shape::Categorize, 10),
    (Shape::Ordering, 8),
    (Shape::Sql, 8),
    (Shape::Python, 7),
    (Shape::FreeText, 6),
    (Shape::Reading, 5),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DefectKind {
    UnclosedFence,
    EmptySection,
    DuplicateHeading,
    MalformedCheckbox,
    NoCorrectOption,
    SingleOption,
    TooFewGroups,
    EmptyGroup,
    StepOutOfSequence,
    SqlString,
    SqlIdentifier,
    SqlComment,
    SqlParenthesis,
    PythonSyntax,
    // Item-writing flaws of a single-choice question (`item_flaw`).
    NegativeStem,
    DoubleNegative,
    CombinationOption,
    TrueFalseChoice,
    ClangAssociation,
    GrammaticalCue,
    VagueFrequency,
    OptionsOutOfOrder,
    OverlappingRanges,
}

const DEFECTS: &[DefectKind] = &[
    DefectKind::UnclosedFence,
    DefectKind::EmptySection,
    DefectKind::DuplicateHeading,
    DefectKind::MalformedCheckbox,
    DefectKind::NoCorrectOption,
    DefectKind::SingleOption,
    DefectKind::TooFewGroups,
    DefectKind::EmptyGroup,
    DefectKind::StepOutOfSequence,
    DefectKind::SqlString,
    DefectKind::SqlIdentifier,
    DefectKind::SqlComment,
    DefectKind::SqlParenthesis,
    DefectKind::PythonSyntax,
    DefectKind::NegativeStem,
    DefectKind::DoubleNegative,
    DefectKind::CombinationOption,
    DefectKind::TrueFalseChoice,
    DefectKind::ClangAssociation,
    DefectKind::GrammaticalCue,
    DefectKind::VagueFrequency,
    DefectKind::OptionsOutOfOrder,
    DefectKind::OverlappingRanges,
];

impl DefectKind {
    const fn code(self) -> &'static str {
        match self {
            Self::UnclosedFence => "EB001",
            Self::EmptySection => "EB002",
            Self::DuplicateHeading => "EB003",
            Self::MalformedCheckbox => "EB101",
            Self::NoCorrectOption => "EB102",
            Self::SingleOption => "EB103",
            Self::TooFewGroups => "EB201",
            Self::EmptyGroup => "EB202",
            Self::StepOutOfSequence => "EB203",
            Self::SqlString => "EB301",
            Self::SqlIdentifier => "EB302",
            Self::SqlComment => "EB303",
            Self::SqlParenthesis => "EB304",
            Self::PythonSyntax => "EB305",
            Self::NegativeStem => "EB114",
            Self::DoubleNegative => "EB115",
            Self::CombinationOption => "EB116",
            Self::TrueFalseChoice => "EB117",
            Self::ClangAssociation => "EB118",
            Self::GrammaticalCue => "EB119",
            Self::VagueFrequency => "EB120",
            Self::OptionsOutOfOrder => "EB121",
            Self::OverlappingRanges => "EB122",
        }
    }

    /// Whether it is an item-writing flaw, planted by [`FileGen::item_flaw`].
    const fn is_item_flaw(self) -> bool {
        matches!(
            self,
            Self::NegativeStem
                | Self::DoubleNegative
                | Self::CombinationOption
                | Self::TrueFalseChoice
                | Self::ClangAssociation
                | Self::GrammaticalCue
                | Self::VagueFrequency
                | Self::OptionsOutOfOrder
                | Self::OverlappingRanges
        )
    }

    /// The shape an exercise must have to carry this defect.
    const fn shape(self) -> Option<Shape> {
        match self {
            Self::MalformedCheckbox | Self::NoCorrectOption | Self::SingleOption => {
                Some(Shape::SingleChoice)
            }
            Self::NegativeStem
            | Self::DoubleNegative
            | Self::CombinationOption
            | Self::TrueFalseChoice
            | Self::ClangAssociation
            | Self::GrammaticalCue
            | Self::VagueFrequency
            | Self::OptionsOutOfOrder
            | Self::OverlappingRanges => Some(Shape::SingleChoice),
            Self::TooFewGroups | Self::EmptyGroup => Some(Shape::Categorize),
            Self::StepOutOfSequence => Some(Shape::Ordering),
            Self::SqlString | Self::SqlIdentifier | Self::SqlComment | Self::SqlParenthesis => {
                Some(Shape::Sql)
            }
            Self::PythonSyntax => Some(Shape::Python),
            // An unclosed answer block needs an answer block.
            Self::UnclosedFence => Some(Shape::Ordering),
            Self::EmptySection | Self::DuplicateHeading => None,
        }
    }
}

struct FileGen<'r> {
    rng: &'r mut Rng,
    domain: &'static Domain,
    lines: Vec<String>,
    headings: Vec<String>,
    defects: Vec<Defect>,
    /// One way of marking correct options and notes per file: mixing them
    /// in a file is a style finding, not what a clean corpus should hold.
    checked: &'static str,
    note_keyword: &'static str,
    flaws: ItemFlaws,
}

fn generate_file(
    seed: &str,
    index: usize,
    exercises: usize,
    defect_rate: f64,
    item_flaw_rate: f64,
) -> GeneratedFile {
    let flaws = ItemFlaws::for_file(seed, index, item_flaw_rate);
    let mut rng = Rng::for_file(seed, index);
    let domain = &DOMAINS[rng.below(DOMAINS.len())];
    // Line endings and BOMs as authors' editors leave them.
    let crlf = rng.chance(0.05);
    let bom = rng.chance(0.03);
    let checked = if rng.chance(0.1) { "[X]" } else { "[x]" };
    let note_keyword = if rng.chance(0.3) { "Note:" } else { "NOTE:" };
    let mut g = FileGen {
        checked,
        note_keyword,
        rng: &mut rng,
        domain,
        lines: Vec::new(),
        headings: Vec::new(),
        defects: Vec::new(),
        flaws,
    };
    g.emit(&["---".to_owned(), format!("title: {}", domain.title)]);
    g.emit(&[
        format!("tags: {}", domain.tags),
        format!(
            "url: https://learn.example.org/courses/{}-{index}",
            domain.title.to_ascii_lowercase().replace(' ', "-")
        ),
        "---".to_owned(),
        String::new(),
    ]);
    let chapters = exercises.div_ceil(12).max(1);
    let chapter_titles = g.rng.sample(domain.features.len(), chapters);
    let mut forced_fence_first = false;
    let mut chapter_skew = 0;
    for e in 0..exercises {
        let (chapter, position) = (
            (e * chapters) / exercises.max(1),
            (e * chapters) % exercises.max(1),
        );
        if position < chapters {
            if chapter > 0 {
                let blanks = g.rng.range(1, 3);
                g.blank(blanks);
            }
            // A chapter out of sequence is a file-level defect.
            if chapter > 0 && g.rng.chance(defect_rate / 4.0) {
                chapter_skew += 1;
                let line = g.lines.len() + 1;
                g.defects.push(Defect {
                    code: "EB004",
                    line,
                    end_line: line,
                });
            }
            let title = chapter_titles
                .get(chapter)
                .map_or("More topics", |&k| domain.features[k]);
            g.emit(&[format!("# {}. {title}", chapter + 1 + chapter_skew)]);
        }
        let mut defect = g
            .rng
            .chance(defect_rate)
            .then(|| DEFECTS[g.rng.below(DEFECTS.len())]);
        if defect == Some(DefectKind::DuplicateHeading) && g.headings.is_empty() {
            defect = None;
        }
        if forced_fence_first {
            defect = defect.filter(|d| *d == DefectKind::DuplicateHeading);
        }
        // After an unclosed answer block, the next exercise must open its
        // block right under its heading (the shape that tells where the
        // unclosed one ended); an unclosed block stays away from the
        // chapter's last exercise for the same reason.
        let next_starts_chapter = e + 1 < exercises && ((e + 1) * chapters) % exercises < chapters;
        if defect == Some(DefectKind::UnclosedFence) && (forced_fence_first || next_starts_chapter)
        {
            defect = None;
        }
        let shape = defect.and_then(DefectKind::shape).unwrap_or_else(|| {
            if forced_fence_first {
                Shape::Ordering
            } else {
                g.pick_shape()
            }
        });
        forced_fence_first = defect == Some(DefectKind::UnclosedFence);
        g.exercise(shape, defect);
    }
    while g.lines.last().is_some_and(String::is_empty) {
        g.lines.pop();
    }
    if let Some(code) = g.flaws.pattern.filter(|_| g.flaws.patterned >= 6) {
        g.defects.push(Defect {
            code: code.code(),
            line: 1,
            end_line: g.lines.len(),
        });
    }
    let newline = if crlf { "\r\n" } else { "\n" };
    let mut text = String::with_capacity(g.lines.iter().map(|l| l.len() + 2).sum::<usize>() + 3);
    if bom {
        text.push('\u{feff}');
    }
    for line in &g.lines {
        text.push_str(line);
        text.push_str(newline);
    }
    GeneratedFile {
        text,
        exercises,
        defects: std::mem::take(&mut g.defects),
    }
}

impl FileGen<'_> {
    fn emit(&mut self, lines: &[String]) {
        self.lines.extend(lines.iter().cloned());
    }

    fn line(&mut self, line: impl Into<String>) {
        self.lines.push(line.into());
    }

    fn blank(&mut self, n: usize) {
        for _ in 0..n {
            self.lines.push(String::new());
        }
    }

    fn pick_shape(&mut self) -> Shape {
        let total: usize = SHAPES.iter().map(|(_, w)| w).sum();
        let mut roll = self.rng.below(total);
        for &(shape, weight) in SHAPES {
            if roll < weight {
                return shape;
            }
            roll -= weight;
        }
        Shape::SingleChoice
    }

    fn feature(&mut self) -> &'static str {
        self.rng.pick(self.domain.features)
    }

    fn truth(&mut self) -> String {
        format!("{} {}", self.feature(), self.rng.pick(self.domain.truths))
    }

    fn myth(&mut self) -> String {
        format!("{} {}", self.feature(), self.rng.pick(self.domain.myths))
    }

    fn note_text(&mut self) -> String {
        format!("{}, {}.", self.truth(), self.rng.pick(CONSEQUENCES))
    }

    fn heading(&mut self) -> String {
        let template = self.rng.pick(HEADINGS);
        let f = self.feature();
        let mut g = self.feature();
        if g == f {
            g = self.domain.features[0];
        }
        let mut heading = template
            .replace("{F}", f)
            .replace("{G}", &g.to_ascii_lowercase());
        if self.headings.contains(&heading) {
            heading = format!("{heading} ({})", self.headings.len() + 1);
        }
        heading
    }

    /// One exercise: heading, then the body of its shape, perhaps with a defect.
    fn exercise(&mut self, shape: Shape, defect: Option<DefectKind>) {
        let heading = match defect {
            Some(DefectKind::DuplicateHeading) => {
                let k = self.rng.below(self.headings.len());
                self.headings[k].clone()
            }
            Some(DefectKind::EmptySection) => {
                let wrap_up = self.rng.pick(WRAP_UPS);
                if self.headings.iter().any(|h| h == wrap_up) {
                    format!("{wrap_up} ({})", self.headings.len() + 1)
                } else {
                    wrap_up.to_owned()
                }
            }
            _ => self.heading(),
        };
        self.headings.push(heading.clone());
        let start = self.lines.len() + 1;
        self.line(format!("## {heading}"));
        if defect == Some(DefectKind::EmptySection) {
            self.emit(&[
                "```".to_owned(),
                String::new(),
                "```".to_owned(),
                String::new(),
            ]);
        } else {
            match shape {
                Shape::SingleChoice => self.single_choice(defect),
                Shape::MultipleChoice => self.multiple_choice(),
                Shape::Categorize => self.categorize(defect),
                Shape::Ordering => self.ordering(defect),
                Shape::Sql => self.sql(defect),
                Shape::Python => self.python(defect),
                Shape::FreeText => self.free_text(),
                Shape::Reading => self.reading(),
            }
        }
        if defect == Some(DefectKind::UnclosedFence) {
            let last_fence = self.lines.iter().rposition(|l| l == "```");
            if let Some(k) = last_fence.filter(|&k| k >= start) {
                self.lines.remove(k);
            }
        }
        let end = self
            .lines
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(start, |k| k + 1);
        if let Some(defect) = defect {
            self.defects.push(Defect {
                code: defect.code(),
                line: start,
                end_line: end,
            });
        }
        if let Some(flaw) = self.flaws.planted.take() {
            self.defects.push(Defect {
                code: flaw.code(),
                line: start,
                end_line: end,
            });
        }
        let gap = self.rng.range(0, 2);
        self.blank(gap);
    }

    /// `(correct, text, explanation)` options, shuffled.
    fn options(
        &mut self,
        correct: usize,
        wrong: usize,
        explained: bool,
    ) -> Vec<(bool, String, Option<String>)> {
        let mut options = Vec::new();
        for _ in 0..correct {
            let text = capitalize(&self.truth());
            let explanation =
                explained.then(|| format!("{}.", capitalize(self.rng.pick(CONSEQUENCES))));
            options.push((true, text, explanation));
        }
        for _ in 0..wrong {
            let text = capitalize(&self.myth());
            let explanation = explained.then(|| {
                format!(
                    "{}. {} {}.",
                    self.rng.pick(WRONG),
                    self.feature(),
                    self.rng.pick(self.domain.truths)
                )
            });
            options.push((false, text, explanation));
        }
        // Texts must differ: a repeated option would be a defect of its own.
        options.sort_by(|a, b| a.1.cmp(&b.1));
        options.dedup_by(|a, b| a.1 == b.1);
        if !options.iter().any(|o| o.0) {
            options[0].0 = true;
        }
        if options.len() < 2 {
            options.push((false, "None of the above".to_owned(), None));
        }
        self.rng.shuffle(&mut options);
        options
    }

    fn option_lines(
        &mut self,
        options: &[(bool, String, Option<String>)],
        checked: &str,
    ) -> Vec<String> {
        let separator = if self.rng.chance(0.5) { ": " } else { " - " };
        let gap = if self.rng.chance(0.3) { " " } else { "" };
        let numbered = self.rng.chance(0.05);
        options
            .iter()
            .enumerate()
            .map(|(i, (correct, text, explanation))| {
                let mark = if *correct { checked } else { "[ ]" };
                let body = if numbered {
                    format!("{}. {text}", i + 1)
                } else {
                    text.clone()
                };
                match explanation {
                    Some(e) => format!("{mark}{gap}{body}{separator}{e}"),
                    None => format!("{mark}{gap}{body}."),
                }
            })
            .collect()
    }

    fn note(&mut self) {
        let keyword = self.note_keyword;
        let text = self.note_text();
        self.line("");
        if self.rng.chance(0.2) {
            self.line(keyword);
            self.line(text);
        } else {
            self.line(format!("{keyword} {text}"));
        }
    }

    fn single_choice(&mut self, defect: Option<DefectKind>) {
        if let Some(flaw) = defect.filter(|d| d.is_item_flaw()) {
            self.item_flaw(flaw);
            return;
        }
        // Positive stems that name no word only the key repeats: a clean
        // question has no item-writing flaw (those are planted on purpose).
        let product = self.domain.product;
        let stem = if self.rng.chance(0.5) {
            format!("Which of the following statements is true with regard to {product}?")
        } else {
            format!("Which of the following is a benefit of {product}?")
        };
        let explained = self.rng.chance(0.4);
        let wrong = self.rng.range(2, 3);
        let flaw = defect.is_none().then(|| self.flaws.pick()).flatten();
        let explained = match flaw {
            Some(ItemFlaw::MissingRationale) => true,
            Some(ItemFlaw::PeriodMismatch) => false,
            _ => explained,
        };
        let mut options = self.options(1, wrong, explained);
        if defect.is_none() {
            self.flaws.shape_keys(&mut options);
        }
        if defect == Some(DefectKind::NoCorrectOption) {
            for option in &mut options {
                option.0 = false;
            }
        }
        if defect == Some(DefectKind::SingleOption) {
            options.retain(|o| o.0);
        }
        let mut lines = self.option_lines(&options, self.checked);
        if defect == Some(DefectKind::MalformedCheckbox) {
            let k = self.rng.below(lines.len());
            // Keep the author's meaning, so that the one defect is the checkbox.
            let bad = if options[k].0 {
                self.rng.pick(&["[ x]", "(x)", "[v]"])
            } else {
                self.rng.pick(&["[]", "( )", "[  ]"])
            };
            let rest = lines[k][3..].to_owned();
            lines[k] = format!("{bad}{rest}");
        }
        self.line("```");
        let context = self.rng.chance(0.5).then(|| self.rng.pick(CONTEXTS));
        let stem = match flaw {
            Some(flaw) => self.flaws.plant(flaw, stem, &options, &mut lines),
            None => Some(stem),
        };
        if let Some(stem) = stem {
            if let Some(context) = context {
                self.line(context);
            }
            self.line(stem);
            self.line("");
        } else {
            self.topic_heading();
        }
        self.emit(&lines);
        if self.rng.chance(0.3) {
            self.note();
        }
        self.line("```");
        if let Some(key) = options.iter().find(|o| o.0) {
            self.flaws.keys.push(key.1.clone());
        }
    }

    /// Makes the exercise's heading a topic that asks nothing, for a
    /// question whose heading is its only prompt.
    fn topic_heading(&mut self) {
        let features = self.domain.features;
        let feature = features[self.flaws.rng.below(features.len())];
        let topic = format!("{feature} facts, part {}", self.headings.len() + 1);
        if let Some(k) = self.lines.iter().rposition(|l| l.starts_with("## ")) {
            self.lines[k] = format!("## {topic}");
        }
        if let Some(last) = self.headings.last_mut() {
            *last = topic;
        }
    }

    /// A single-choice question with one item-writing flaw, and nothing
    /// else wrong with it.
    fn item_flaw(&mut self, flaw: DefectKind) {
        let product = self.domain.product;
        let truth = capitalize(&self.truth());
        let myth = capitalize(&self.myth());
        let other_myth = {
            let mut m = capitalize(&self.myth());
            if m == myth {
                m = format!("{m} at once");
            }
            m
        };
        let feature = self.feature();
        // `(correct, text)` in the order written.
        let (stem, options): (String, Vec<(bool, String)>) = match flaw {
            DefectKind::NegativeStem => (
                format!("Which of the following is not true of {product}?"),
                vec![
                    (false, truth),
                    (true, myth),
                    (false, capitalize(&self.truth())),
                ],
            ),
            DefectKind::DoubleNegative => (
                format!("Which of the following is **NOT** true of {product}?"),
                vec![
                    (false, truth),
                    (true, myth),
                    (
                        false,
                        format!("{feature} never {}", self.rng.pick(self.domain.myths)),
                    ),
                ],
            ),
            DefectKind::CombinationOption => (
                format!("Which of the following is true of {product}?"),
                vec![
                    (true, truth),
                    (false, myth),
                    (false, other_myth),
                    (
                        false,
                        (*self.rng.pick(&["Both A and C", "A and B", "All except B"])).to_owned(),
                    ),
                ],
            ),
            DefectKind::TrueFalseChoice => {
                let (a, b) = if self.rng.chance(0.5) {
                    ("True", "False")
                } else {
                    ("Yes", "No")
                };
                (
                    format!("Is this so? {truth}."),
                    vec![(true, a.to_owned()), (false, b.to_owned())],
                )
            }
            DefectKind::ClangAssociation => {
                let term = self
                    .rng
                    .pick(&["idempotent", "checkpointing", "upserts", "serializer"]);
                (
                    format!("Which of the following is true of {term} in {product}?"),
                    vec![
                        (false, myth),
                        (true, format!("{truth}, thanks to {term}")),
                        (false, other_myth),
                    ],
                )
            }
            DefectKind::GrammaticalCue => (
                format!("What {product} keeps for each write is an"),
                vec![
                    (false, "copy of the whole table".to_owned()),
                    (true, "ordered record of the change".to_owned()),
                    (false, "summary of the day".to_owned()),
                ],
            ),
            DefectKind::VagueFrequency => (
                format!("Which of the following is true of {product}?"),
                vec![
                    (false, myth),
                    (
                        true,
                        format!("{feature} usually {}", self.rng.pick(self.domain.truths)),
                    ),
                    (false, other_myth),
                ],
            ),
            DefectKind::OptionsOutOfOrder => {
                let order = self
                    .rng
                    .pick(&[&[3, 1, 5, 2][..], &[2, 5, 1, 3], &[1, 3, 2, 5]]);
                (
                    format!("How many copies of each event does {product} keep by default?"),
                    order.iter().map(|&n| (n == 3, n.to_string())).collect(),
                )
            }
            DefectKind::OverlappingRanges => (
                format!("How long does {product} wait for late events by default?"),
                vec![
                    (false, "0-10 seconds".to_owned()),
                    (true, "10-30 seconds".to_owned()),
                    (false, "30-60 seconds".to_owned()),
                ],
            ),
            _ => unreachable!("not an item-writing flaw: {flaw:?}"),
        };
        self.line("```");
        self.line(stem);
        self.line("");
        for (correct, text) in options {
            let mark = if correct { self.checked } else { "[ ]" };
            self.line(format!("{mark}{text}"));
        }
        self.line("```");
    }

    fn multiple_choice(&mut self) {
        let prose_first = self.rng.chance(0.5);
        if prose_first {
            let context = self.rng.pick(CONTEXTS);
            let product = self.domain.product;
            self.line(format!(
                "{context} Which of the following are key benefits of {product}? Select all that apply."
            ));
        }
        let correct = self.rng.range(2, 3);
        let wrong = self.rng.range(1, 3);
        let explained = self.rng.chance(0.5);
        let options = self.options(correct, wrong, explained);
        let lines = self.option_lines(&options, self.checked);
        self.line("```");
        self.emit(&lines);
        if self.rng.chance(0.3) {
            self.note();
        }
        self.line("```");
    }

    fn categorize(&mut self, defect: Option<DefectKind>) {
        let groups = self.rng.pick(self.domain.groups);
        let mut style = self.rng.pick(&["##", "##", "###", "colon", "dash"]);
        // A single `Name:` line does not make a categorization: keep `##`.
        if defect == Some(DefectKind::TooFewGroups) && style == "colon" {
            style = "##";
        }
        let mut groups: Vec<_> = groups.iter().collect();
        if defect == Some(DefectKind::TooFewGroups) {
            groups.truncate(1);
        }
        // A `Name:` line with nothing under it before the first group reads
        // as the line that introduces the groups: plant the empty one later.
        let empty_group = (defect == Some(DefectKind::EmptyGroup)).then(|| {
            let k = self.rng.below(groups.len());
            if style == "colon" && k == 0 && groups.len() > 1 {
                groups.len() - 1
            } else {
                k
            }
        });
        self.line("```");
        for (k, (name, items)) in groups.iter().enumerate() {
            match style {
                "colon" => self.line(format!("{name}:")),
                "###" => self.line(format!("### {name}")),
                _ => self.line(format!("## {name}")),
            }
            if empty_group == Some(k) {
                self.line("");
                continue;
            }
            for item in *items {
                let explained = style == "dash" && self.rng.chance(0.7);
                let line = match (style, explained) {
                    ("dash", true) => {
                        let consequence = capitalize(self.rng.pick(CONSEQUENCES));
                        format!("- {item}: {consequence}.")
                    }
                    ("dash" | "###", _) => format!("- {item}"),
                    _ => (*item).to_owned(),
                };
                self.line(line);
            }
            self.line("");
        }
        if style == "colon" || self.rng.chance(0.2) {
            let text = self.note_text();
            self.line(format!("NOTE: {text}"));
        } else {
            self.lines.pop();
        }
        self.line("```");
    }

    fn ordering(&mut self, defect: Option<DefectKind>) {
        let steps = self.rng.pick(self.domain.steps);
        let style = self.rng.pick(&["colon", "dash", "plain"]);
        let skip = (defect == Some(DefectKind::StepOutOfSequence))
            .then(|| self.rng.range(1, steps.len() - 1));
        self.line("```");
        for (k, (step, explanation)) in steps.iter().enumerate() {
            let number = k + 1 + usize::from(skip.is_some_and(|s| k >= s));
            let line = match style {
                "colon" => format!("{number}. {step}: {explanation}"),
                "dash" => format!("{number}. {step} - {explanation}"),
                _ => format!("{number}. {step}."),
            };
            self.line(line);
        }
        self.line("```");
    }

    fn sql(&mut self, defect: Option<DefectKind>) {
        let (t1, t2) = {
            let k = self.rng.sample(self.domain.tables.len(), 2);
            (self.domain.tables[k[0]], self.domain.tables[k[1]])
        };
        let column = self.rng.pick(self.domain.columns);
        let value = self
            .rng
            .pick(&["Europe", "United States", "active", "closed", "web"]);
        let quote = if defect == Some(DefectKind::SqlString) {
            ""
        } else {
            "'"
        };
        let mut lines: Vec<String> = match self.rng.below(3) {
            0 => vec![
                format!("CREATE TABLE {t1}_{column}"),
                "USING delta AS (".to_owned(),
                "    SELECT *".to_owned(),
                format!("    FROM {t2}"),
                format!("    WHERE {column} = '{value}{quote}"),
                ")".to_owned(),
            ],
            1 => vec![
                format!("SELECT {column}, count(*) AS total"),
                format!("FROM {t1}"),
                format!("WHERE {column} <> '{value}{quote}"),
                format!("GROUP BY {column}"),
                "ORDER BY total DESC".to_owned(),
                "LIMIT 10;".to_owned(),
            ],
            _ => vec![
                format!("CREATE TABLE {t1}_source"),
                "USING csv".to_owned(),
                "OPTIONS (".to_owned(),
                "  header 'true',".to_owned(),
                format!("  path '<{t2}-path>{quote}"),
                ")".to_owned(),
                format!("LOCATION '<{t1}-location>'"),
            ],
        };
        match defect {
            Some(DefectKind::SqlIdentifier) => {
                lines.push(format!("-- then\nSELECT `{column} FROM {t1}"))
            }
            Some(DefectKind::SqlComment) => {
                lines.push("/* keep the raw rows for replays".to_owned())
            }
            Some(DefectKind::SqlParenthesis) => {
                lines.push(format!("SELECT max({column} FROM {t1};"))
            }
            _ => {}
        }
        let lines: Vec<String> = lines
            .iter()
            .flat_map(|l| l.split('\n').map(str::to_owned))
            .collect();
        self.line("```");
        self.emit(&lines);
        self.line("```");
    }

    fn python(&mut self, defect: Option<DefectKind>) {
        let table = self.rng.pick(self.domain.tables);
        let column = self.rng.pick(self.domain.columns);
        let mut lines: Vec<String> = match self.rng.below(3) {
            0 => vec![
                format!("df = spark.read.table('{table}')"),
                "summary = (".to_owned(),
                format!("    df.groupBy('{column}')"),
                "      .count()".to_owned(),
                ")".to_owned(),
                "summary.show()".to_owned(),
            ],
            1 => vec![
                "import pandas as pd".to_owned(),
                String::new(),
                format!("df = pd.read_csv(\"{table}.csv\")"),
                format!("counts = df[\"{column}\"].value_counts()"),
                "print(counts.head())".to_owned(),
            ],
            _ => vec![
                "from collections import Counter".to_owned(),
                String::new(),
                "counts = Counter()".to_owned(),
                format!("for row in rows_of('{table}'):"),
                format!("    counts[row[\"{column}\"]] += 1"),
            ],
        };
        if defect == Some(DefectKind::PythonSyntax) {
            lines.push(format!("with open('{table}.csv') as f:"));
            lines.push("# read the file here".to_owned());
        }
        self.line("```");
        self.emit(&lines);
        self.line("```");
    }

    fn free_text(&mut self) {
        let feature = self.feature().to_ascii_lowercase();
        let consequence = self.rng.pick(CONSEQUENCES);
        self.emit(&[
            "```".to_owned(),
            format!("Rely on {feature} here, {consequence}."),
            "```".to_owned(),
        ]);
    }

    fn reading(&mut self) {
        let steps = self.rng.pick(self.domain.steps);
        for (k, (step, explanation)) in steps.iter().enumerate() {
            let truth = self.truth();
            self.emit(&[
                format!("### {}. {step}", k + 1),
                format!("{explanation} {truth}."),
                String::new(),
            ]);
            if self.rng.chance(0.4) {
                let table = self.rng.pick(self.domain.tables);
                self.emit(&[
                    "```python".to_owned(),
                    format!("result = run_step(\"{table}\", step={})", k + 1),
                    "print(result)".to_owned(),
                    "```".to_owned(),
                    String::new(),
                ]);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Item-writing flaws (`--item-flaw-rate`).
// ---------------------------------------------------------------------------

/// A flaw planted in one single-answer question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemFlaw {
    CodeOption,
    PeriodMismatch,
    ShortOption,
    UnfocusedStem,
    BlankMidStem,
    MissingRationale,
    JunkOption,
    GivesAwayAnother,
}

const ITEM_FLAWS: &[ItemFlaw] = &[
    ItemFlaw::CodeOption,
    ItemFlaw::PeriodMismatch,
    ItemFlaw::ShortOption,
    ItemFlaw::UnfocusedStem,
    ItemFlaw::BlankMidStem,
    ItemFlaw::MissingRationale,
    ItemFlaw::JunkOption,
    ItemFlaw::GivesAwayAnother,
];

/// A pattern of keys across a file's single-answer questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyPattern {
    /// Every key is the first option.
    Position,
    /// Every key is the longest option.
    Length,
}

trait Coded {
    fn code(self) -> &'static str;
}

impl Coded for ItemFlaw {
    fn code(self) -> &'static str {
        match self {
            Self::CodeOption => "EB123",
            Self::PeriodMismatch => "EB124",
            Self::ShortOption => "EB125",
            Self::UnfocusedStem => "EB126",
            Self::BlankMidStem => "EB127",
            Self::MissingRationale => "EB128",
            Self::JunkOption => "EB129",
            Self::GivesAwayAnother => "EB132",
        }
    }
}

impl Coded for KeyPattern {
    fn code(self) -> &'static str {
        match self {
            Self::Position => "EB130",
            Self::Length => "EB131",
        }
    }
}

/// What a file plants of the item-writing flaws, from a random stream of
/// its own, so that the rest of the file is the same with or without them.
struct ItemFlaws {
    rng: Rng,
    rate: f64,
    /// The pattern of keys of the whole file, if any.
    pattern: Option<KeyPattern>,
    /// The questions that follow the pattern so far.
    patterned: usize,
    /// The flaw of the question being written, until its exercise records it.
    planted: Option<ItemFlaw>,
    /// The keys of the file's earlier single-answer questions.
    keys: Vec<String>,
}

impl ItemFlaws {
    fn for_file(seed: &str, index: usize, rate: f64) -> Self {
        let mut rng = Rng::for_file(&format!("{seed}/item-flaws"), index);
        let pattern = (rate > 0.0 && rng.chance(rate)).then(|| {
            if rng.chance(0.5) {
                KeyPattern::Position
            } else {
                KeyPattern::Length
            }
        });
        Self {
            rng,
            rate,
            pattern,
            patterned: 0,
            planted: None,
            keys: Vec::new(),
        }
    }

    /// The flaw of the next single-answer question, if it gets one.
    fn pick(&mut self) -> Option<ItemFlaw> {
        if self.rate <= 0.0 || !self.rng.chance(self.rate) {
            return None;
        }
        let flaw = ITEM_FLAWS[self.rng.below(ITEM_FLAWS.len())];
        // A giveaway needs an earlier key long enough to recognize.
        let usable = flaw != ItemFlaw::GivesAwayAnother
            || self.keys.iter().any(|k| k.split_whitespace().count() >= 5);
        usable.then_some(flaw)
    }

    /// Puts every key first, or makes it the longest option, when the file
    /// has that pattern.
    fn shape_keys(&mut self, options: &mut [(bool, String, Option<String>)]) {
        let Some(pattern) = self.pattern else {
            return;
        };
        let Some(key) = options.iter().position(|o| o.0) else {
            return;
        };
        match pattern {
            KeyPattern::Position => options[..=key].rotate_right(1),
            KeyPattern::Length => {
                let longest = options.iter().map(|o| o.1.len()).max().unwrap_or(0);
                let text = &mut options[key].1;
                text.push_str(", as the course showed in its longest worked example");
                while text.len() <= longest {
                    text.push_str(" again");
                }
            }
        }
        if options.len() >= 3 {
            self.patterned += 1;
        }
    }

    /// Plants `flaw` in a question: rewrites its option lines and returns
    /// its stem (`None`: no stem, the heading is the only prompt).
    fn plant(
        &mut self,
        flaw: ItemFlaw,
        stem: String,
        options: &[(bool, String, Option<String>)],
        lines: &mut Vec<String>,
    ) -> Option<String> {
        // With two options, one explanation of two reads as part of its
        // option (the parser keeps a lone `: ` in the text), and neither
        // option is an outlier among the others.
        if matches!(flaw, ItemFlaw::MissingRationale | ItemFlaw::ShortOption) && options.len() < 3 {
            return Some(stem);
        }
        self.planted = Some(flaw);
        let wrong: Vec<usize> = (0..options.len()).filter(|&k| !options[k].0).collect();
        let distractor = wrong.get(self.rng.below(wrong.len().max(1))).copied();
        // The checkbox and the gap after it, as written.
        let mark = |line: &str| {
            let gap = usize::from(line[3..].starts_with(' '));
            line[..3 + gap].to_owned()
        };
        // A line with its option text replaced, its explanation kept.
        let replaced = |line: &str, text: &str, by: &str| {
            let mark = mark(line);
            let rest = line[mark.len()..].strip_prefix(text).unwrap_or(".");
            format!("{mark}{by}{rest}")
        };
        match flaw {
            ItemFlaw::CodeOption => {
                if let Some(k) = distractor {
                    lines[k] = replaced(&lines[k], &options[k].1, "`job.restart(force=True)`");
                }
            }
            ItemFlaw::PeriodMismatch => {
                let k = self.rng.below(lines.len());
                if let Some(line) = lines[k].strip_suffix('.') {
                    lines[k] = line.to_owned();
                }
            }
            ItemFlaw::ShortOption => {
                if let Some(k) = distractor {
                    lines[k] = replaced(&lines[k], &options[k].1, "Speed");
                }
            }
            ItemFlaw::UnfocusedStem => return None,
            ItemFlaw::BlankMidStem => {
                return Some(
                    "The ___ decides which of the statements below holds. Pick one.".to_owned(),
                );
            }
            ItemFlaw::MissingRationale => {
                if let Some(k) = distractor {
                    // No final period either: the explained options end
                    // with their explanations' words.
                    lines[k] = format!("{}{}", mark(&lines[k]), options[k].1);
                }
            }
            ItemFlaw::JunkOption => {
                let junk = self.rng.pick(&["[ ]100 XP", "[ ]...", "[ ]2/3 points"]);
                lines.push(junk.to_owned());
            }
            ItemFlaw::GivesAwayAnother => {
                let keys: Vec<&String> = self
                    .keys
                    .iter()
                    .filter(|k| k.split_whitespace().count() >= 5)
                    .collect();
                let key = keys[self.rng.below(keys.len())];
                return Some(format!("Recall that {}. {stem}", key.to_lowercase()));
            }
        }
        Some(stem)
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().collect::<String>() + chars.as_str()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_arguments_same_bytes_and_file_i_independent_of_count() {
        let a = generate_file("7", 3, 20, 0.1, 0.0);
        let b = generate_file("7", 3, 20, 0.1, 0.0);
        assert_eq!(a.text, b.text);
        assert_ne!(a.text, generate_file("8", 3, 20, 0.1, 0.0).text);
    }

    #[test]
    fn every_shape_appears_in_a_modest_corpus() {
        let text: String = (1..=20)
            .map(|i| generate_file("0", i, 30, 0.0, 0.0).text)
            .collect();
        for needle in [
            "[x]",
            "NOTE:",
            "### ",
            "```python",
            "CREATE TABLE",
            "import ",
            "Rely on",
            "1. ",
            "- ",
        ] {
            assert!(text.contains(needle), "{needle}");
        }
    }
}
