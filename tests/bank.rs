//! The JSON bank: the bank of `content/` (snapshot and JSON Schema), ids,
//! and the item kinds of the sampler.

mod common;

use std::collections::BTreeMap;

use common::{exambank, root, sampler};
use serde_json::Value;

fn build_json(args: &[&str]) -> Value {
    let mut full = vec!["build"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["--to", "json", "--out", "-"]);
    let output = exambank(&root(), &full);
    assert!(
        output.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the bank is JSON")
}

fn items(bank: &Value) -> Vec<&Value> {
    bank["courses"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["chapters"].as_array().unwrap())
        .flat_map(|ch| ch["items"].as_array().unwrap())
        .collect()
}

#[test]
fn content_bank_matches_its_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/json-bank.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let bank = build_json(&["content"]);
    let errors: Vec<String> = validator
        .iter_errors(&bank)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema is not vacuous: a broken bank fails it.
    let mut broken = bank.clone();
    broken["courses"][0]["chapters"][0]["items"][0]["kind"] = Value::from("essay");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn content_bank_snapshot() {
    let bank = build_json(&["content"]);
    common::settings().bind(|| insta::assert_json_snapshot!("content_bank", bank));
}

#[test]
fn content_has_every_kind_and_unique_ids() {
    let bank = build_json(&["content"]);
    let items = items(&bank);
    assert!(items.len() >= 30);
    let mut kinds = BTreeMap::new();
    for item in &items {
        *kinds
            .entry(item["kind"].as_str().unwrap().to_owned())
            .or_insert(0) += 1;
    }
    for kind in [
        "single_choice",
        "multiple_choice",
        "categorize",
        "order",
        "code",
        "free_text",
    ] {
        assert!(
            kinds.get(kind).copied().unwrap_or(0) >= 2,
            "{kind}: {kinds:?}"
        );
    }
    let mut ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    let total = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), total, "ids are unique");
}

#[test]
fn ids_do_not_depend_on_the_rest_of_the_bank() {
    let alone = build_json(&["content/python-pipelines.md"]);
    let together = build_json(&["content"]);
    let ids = |bank: &Value, source: &str| -> Vec<String> {
        bank["courses"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["source"].as_str().unwrap().ends_with(source))
            .flat_map(|c| c["chapters"].as_array().unwrap())
            .flat_map(|ch| ch["items"].as_array().unwrap())
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let a = ids(&alone, "python-pipelines.md");
    assert!(!a.is_empty());
    assert_eq!(a, ids(&together, "python-pipelines.md"));
}

#[test]
fn editing_one_exercise_keeps_the_other_ids() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(root().join("content/python-pipelines.md")).unwrap();
    let path = dir.path().join("python-pipelines.md");
    std::fs::write(&path, &original).unwrap();
    let before = items(&build_json(&[path.to_str().unwrap()]))
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    // Rename the first exercise: only its id may change.
    let first_heading = original.lines().find(|l| l.starts_with("## ")).unwrap();
    let edited = original.replacen(first_heading, "## A renamed exercise", 1);
    std::fs::write(&path, edited).unwrap();
    let after = items(&build_json(&[path.to_str().unwrap()]))
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    assert_eq!(before.len(), after.len());
    let changed = before.iter().zip(&after).filter(|(b, a)| b != a).count();
    assert!(changed <= 1, "{before:?}\n{after:?}");
}

/// sampler-findings.md lists the kind of every exercise of the sampler.
#[test]
fn sampler_items_have_the_listed_kinds() {
    let Some(sampler) = sampler() else { return };
    let output = exambank(
        &root(),
        &[
            "build",
            sampler.to_str().unwrap(),
            "--to",
            "json",
            "--out",
            "-",
            "--skip-invalid",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let bank: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut by_title: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for item in items(&bank) {
        by_title
            .entry(item["title"].as_str().unwrap().to_owned())
            .or_default()
            .push(item["kind"].as_str().unwrap().to_owned());
    }
    let expected: &[(&str, &[&str])] = &[
        ("Why process data as a stream?", &["single_choice"]),
        ("Choosing a partition key", &["single_choice"]),
        ("Late events", &["single_choice"]),
        ("Choosing a state store", &["single_choice"]),
        ("Reading the lag chart", &["single_choice"]),
        ("Benefits of an event log", &["multiple_choice"]),
        ("Why exactly-once?", &["multiple_choice"]),
        ("Delivery guarantees", &["multiple_choice"]),
        ("Windowing", &["multiple_choice"]),
        ("Monitoring the pipeline", &["multiple_choice"]),
        ("Watching the pipeline", &["multiple_choice"]),
        ("Checkpoints and the registry", &["multiple_choice"]),
        ("Batch or stream?", &["categorize"]),
        ("Who owns what", &["categorize"]),
        ("Which engine fits", &["categorize"]),
        ("Pipeline steps", &["order", "order"]),
        ("Create the clicks table", &["code"]),
        ("Register the source", &["code"]),
        ("Counting events in Python", &["code"]),
        ("Connecting to a broker", &["free_text"]),
    ];
    let expected: BTreeMap<String, Vec<String>> = expected
        .iter()
        .map(|(t, k)| ((*t).to_owned(), k.iter().map(|s| (*s).to_owned()).collect()))
        .collect();
    assert_eq!(by_title, expected);
    let stderr = String::from_utf8_lossy(&output.stderr);
    for skipped in ["Filter the purchases", "Alerting on failures"] {
        assert!(
            stderr.contains(skipped),
            "{skipped} is listed as skipped:\n{stderr}"
        );
    }
    // The code answers carry their recognized language.
    let languages: BTreeMap<String, String> = items(&bank)
        .iter()
        .filter(|i| i["kind"] == "code")
        .map(|i| {
            (
                i["title"].as_str().unwrap().to_owned(),
                i["answer"]["language"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(languages["Create the clicks table"], "sql");
    assert_eq!(languages["Register the source"], "sql");
    assert_eq!(languages["Counting events in Python"], "python");
}

#[test]
fn every_shape_as_authors_write_it_matches_the_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/json-bank.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let bank = build_json(&["--skip-invalid", "tests/fixtures/parse/shapes"]);
    let errors: Vec<String> = validator
        .iter_errors(&bank)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // A solution in two fences keeps both, each with its language.
    let parts: Vec<Vec<&str>> = items(&bank)
        .iter()
        .filter_map(|i| i["answer"]["parts"].as_array())
        .map(|parts| {
            parts
                .iter()
                .map(|p| p["language"].as_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(parts, [["python", "shell"]]);
}

#[test]
fn coding_exercises_can_be_kept_out_of_the_bank() {
    let dir = tempfile::tempdir().unwrap();
    let notes = "# 1. Streams\n## Count the events\nPrint how many there are.\n```python\nprint(len(events))\n```\n\n## Create the table\n```\nCREATE TABLE clicks (id INT)\n```\n";
    std::fs::write(dir.path().join("notes.md"), notes).unwrap();
    let kinds = |dir: &std::path::Path| -> Vec<String> {
        let output = exambank(dir, &["build", "--to", "json", "--out", "-", "notes.md"]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let bank: Value = serde_json::from_slice(&output.stdout).unwrap();
        items(&bank)
            .iter()
            .map(|i| i["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(kinds(dir.path()), ["Count the events", "Create the table"]);
    std::fs::write(
        dir.path().join("exambank.toml"),
        "coding-exercises = false\n",
    )
    .unwrap();
    // The answer block stays an item; the solution-only exercise does not.
    assert_eq!(kinds(dir.path()), ["Create the table"]);
}

/// A heading repeated twice takes `-2`; a later heading that itself reads
/// "... 2" must not take the same id, or a package would hold two items
/// under one identifier and the build would fail.
#[test]
fn a_heading_that_ends_in_a_number_does_not_take_a_repeated_headings_id() {
    let dir = tempfile::tempdir().unwrap();
    let question = |stem: &str| {
        format!(
            "```\n{stem}\n\n[x]Yes: it does.\n[ ]No: it does not.\n[ ]Maybe: it cannot be told.\n```\n"
        )
    };
    let notes = format!(
        "---\ntitle: Ids\n---\n\n# 1. Steps\n\n## Step\n{}\n## Step\n{}\n## Step 2\n{}",
        question("Does the first step run before the second one?"),
        question("Does the second step read what the first one wrote?"),
        question("Does the last step write the report file?"),
    );
    std::fs::write(dir.path().join("ids.md"), notes).unwrap();
    let path = dir.path().to_str().unwrap();
    let bank = build_json(&["--isolated", path]);
    let ids: Vec<&str> = items(&bank)
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ids.step", "ids.step-2", "ids.step-2-2"]);
    let out = dir.path().join("bank.zip");
    let output = exambank(
        &root(),
        &[
            "build",
            "--isolated",
            path,
            "--to",
            "qti21",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
