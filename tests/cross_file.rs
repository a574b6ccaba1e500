//! Cross-file rules: `check` on a directory compares exercises across all
//! its files, after the files were checked in parallel.

mod common;

use serde_json::Value;

#[test]
fn duplicate_exercises_are_found_across_files_on_the_later_file() {
    let dir = common::root().join("tests/fixtures/bank");
    let output = common::exambank(&dir, &["check", "--format", "json", "."]);
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    let found: Vec<(String, u64, String)> = findings
        .iter()
        .filter(|f| f["code"] == "EB005")
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default().to_owned(),
                f["line"].as_u64().unwrap_or(0),
                f["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "b-second.md".to_owned(),
                5,
                "Exercise `Watching the pipeline` has the same options as `Monitoring the pipeline` (a-first.md:2)".to_owned()
            ),
            (
                "b-second.md".to_owned(),
                12,
                "Exercise `Picking a key` has nearly the same options as `Choosing a partition key` (a-first.md:9): 3 of 4 shared".to_owned()
            ),
        ]
    );
}

#[test]
fn one_file_alone_has_no_cross_file_duplicate() {
    let dir = common::root().join("tests/fixtures/bank");
    let output = common::exambank(&dir, &["check", "--format", "json", "b-second.md"]);
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(
        findings.iter().all(|f| f["code"] != "EB005"),
        "{findings:#?}"
    );
}
