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
fn a_question_asked_again_with_another_key_names_both_places() {
    let dir = common::root().join("tests/fixtures/bank");
    let output = common::exambank(&dir, &["check", "--format", "json", "."]);
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    let found: Vec<(&str, u64, &str)> = findings
        .iter()
        .filter(|f| f["code"] == "EB113")
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default(),
                f["line"].as_u64().unwrap_or(0),
                f["message"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "b-second.md",
            29,
            "Exercise `Starting from the oldest event` asks the same question as `Replaying a topic` \
             (a-first.md:17) but marks other options correct: one of the two keys is wrong"
        )]
    );
    // A wrong key is not also reported as a copy.
    assert!(
        findings
            .iter()
            .all(|f| f["code"] != "EB005" || f["line"].as_u64() != Some(29)),
        "{findings:#?}"
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

#[test]
fn an_item_giving_away_another_is_found_across_files_on_the_later_one() {
    let dir = common::root().join("tests/fixtures/giveaway");
    let output = common::exambank(&dir, &["check", "--format", "json", "."]);
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    let found: Vec<(&str, u64, &str)> = findings
        .iter()
        .filter(|f| f["code"] == "EB132")
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default(),
                f["line"].as_u64().unwrap_or(0),
                f["message"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "b-second.md",
                4,
                "The stem of `Allowed lateness` gives away the key of `Late events` (a-first.md:2)"
            ),
            (
                "b-second.md",
                15,
                "The key of `Event-time progress` stands in the stem of `Watermarks` \
                 (a-first.md:11), which gives it away"
            ),
        ],
        "{findings:#?}"
    );
    // Each file alone gives nothing away.
    for file in ["a-first.md", "b-second.md"] {
        let output = common::exambank(&dir, &["check", "--format", "json", file]);
        let alone: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON");
        assert!(alone.iter().all(|f| f["code"] != "EB132"), "{alone:#?}");
    }
}
