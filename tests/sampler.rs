//! The sampler course (`../shared/notes-format/sampler.md`) against the
//! findings its authors expect (`sampler-findings.md`): every row is
//! reported at its lines with its severity, and nothing else is reported.

mod common;

use serde_json::Value;

/// The rule that reports each row of `sampler-findings.md`, by first line.
const RULE_OF_ROW: &[(usize, &str)] = &[
    (46, "EB105"),
    (55, "EB104"),
    (87, "EB502"),
    (94, "EB503"),
    (98, "EB504"),
    (117, "EB301"),
    (156, "EB003"),
    (170, "EB005"),
    (182, "EB108"),
    (191, "EB401"),
    (211, "EB305"),
    (234, "EB101"),
    (234, "EB102"),
    (239, "EB002"),
];

#[derive(Debug)]
struct Row {
    first: usize,
    last: usize,
    severity: String,
    finding: String,
}

/// The table rows of `sampler-findings.md`: `| 55-59 | warning | ... |`.
fn rows(text: &str) -> Vec<Row> {
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let [lines, severity, finding] = cells.as_slice() else {
                return None;
            };
            let (first, last) = lines.split_once('-').unwrap_or((lines, lines));
            Some(Row {
                first: first.parse().ok()?,
                last: last.parse().ok()?,
                severity: (*severity).to_owned(),
                finding: (*finding).to_owned(),
            })
        })
        .collect()
}

#[test]
fn sampler_findings_are_reported_and_nothing_else() {
    let Some(sampler) = common::sampler() else {
        return;
    };
    let expected = std::fs::read_to_string(sampler.with_file_name("sampler-findings.md"))
        .expect("sampler-findings.md is readable");
    let rows = rows(&expected);
    assert_eq!(rows.len(), RULE_OF_ROW.len(), "one rule per row: {rows:#?}");

    let output = common::exambank(
        &common::root(),
        &[
            "check",
            "--format",
            "json",
            sampler.to_str().expect("UTF-8 path"),
        ],
    );
    let findings: Vec<Value> =
        serde_json::from_slice(&output.stdout).expect("check --format json prints JSON");
    let field = |f: &Value, key: &str| f[key].as_str().unwrap_or_default().to_owned();
    let line = |f: &Value| usize::try_from(f["line"].as_u64().unwrap_or(0)).unwrap_or(0);

    let mut problems = Vec::new();
    for (row, (first, code)) in rows.iter().zip(RULE_OF_ROW) {
        assert_eq!(row.first, *first, "rows are in the order of RULE_OF_ROW");
        let found = findings.iter().any(|f| {
            field(f, "code") == *code
                && field(f, "severity") == row.severity
                && (row.first..=row.last).contains(&line(f))
        });
        if !found {
            problems.push(format!(
                "missing: {}-{} {} {code}: {}",
                row.first, row.last, row.severity, row.finding
            ));
        }
    }
    for f in &findings {
        let code = field(f, "code");
        let expected = rows
            .iter()
            .zip(RULE_OF_ROW)
            .any(|(row, (_, c))| *c == code && (row.first..=row.last).contains(&line(f)));
        if !expected {
            problems.push(format!(
                "unexpected: line {} {code} {}",
                line(f),
                field(f, "message")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn table_rows_are_read() {
    let rows = rows(
        "| line | severity | finding |\n| --- | --- | --- |\n| 55-59 | warning | two marked |\n",
    );
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].first, rows[0].last), (55, 59));
    assert_eq!(rows[0].severity, "warning");
}
