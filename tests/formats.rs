//! Every `--format` renders the same findings (tests/fixtures/cli/report:
//! an error, a warning, style findings with fixes, a silenced finding,
//! non-ASCII columns, `%`, `:` and `,` in messages). The SARIF log is also
//! checked against the official schema.

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

fn report(format: &str) -> std::process::Output {
    let dir = common::root().join("tests/fixtures/cli/report");
    common::exambank(&dir, &["check", "--format", format, "notes.md"])
}

#[test]
fn every_format_renders_the_same_findings() {
    let mut codes_by_format = Vec::new();
    for format in ["human", "concise", "json", "sarif", "github"] {
        let output = report(format);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{format}: errors fail the run"
        );
        let stdout = String::from_utf8(output.stdout.clone()).expect("UTF-8 output");
        let mut codes: Vec<&str> = ["EB101", "EB102", "EB003", "EB501", "EB006"]
            .into_iter()
            .filter(|code| stdout.contains(code))
            .collect();
        codes.sort_unstable();
        codes_by_format.push((format, codes));
        let shown = if format == "sarif" {
            only_reported_rules(&output)
        } else {
            output
        };
        common::settings().bind(|| {
            insta::assert_snapshot!(format!("format_{format}"), common::transcript(&shown));
        });
    }
    for (format, codes) in &codes_by_format {
        assert_eq!(
            codes, &codes_by_format[0].1,
            "{format} shows other findings than human"
        );
    }
}

/// The SARIF log with `tool.driver.rules` cut to the rules of the results:
/// every rule's docs would bury the findings (the whole log is checked
/// against the schema below).
fn only_reported_rules(output: &std::process::Output) -> std::process::Output {
    let mut log: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let run = &mut log["runs"][0];
    let reported: Vec<serde_json::Value> = run["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["ruleId"].clone())
        .collect();
    let rules = run["tool"]["driver"]["rules"]
        .as_array_mut()
        .expect("rules");
    rules.retain(|rule| reported.contains(&rule["id"]));
    let mut stdout = serde_json::to_vec_pretty(&log).expect("JSON");
    stdout.push(b'\n');
    std::process::Output {
        stdout,
        ..output.clone()
    }
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let Some(shared) = common::shared() else {
        return;
    };
    let output = report("sarif");
    let validator = shared.join("tools/validate-sarif");
    let mut child = Command::new(&validator)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", validator.display()));
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(&output.stdout)
        .expect("the validator reads the log");
    let result = child.wait_with_output().expect("the validator runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
    if result.status.code() == Some(2) {
        // python3 or its jsonschema package is missing: loud here, fatal in CI.
        let message = format!("NOTICE: the SARIF schema check did not run:\n{said}");
        eprintln!("{message}");
        assert!(std::env::var_os("CI").is_none(), "{message}");
        return;
    }
    assert!(result.status.success(), "invalid SARIF:\n{said}");
    assert!(said.contains("<stdin>: OK"), "{said}");
}

#[test]
fn sarif_results_point_at_rules_and_carry_fixes() {
    let output = report("sarif");
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), exambank::lint::RULES.len());
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 5);
    for result in results {
        let index = usize::try_from(result["ruleIndex"].as_u64().expect("index")).expect("small");
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let fixable = rules[index]["properties"]["fixable"]
            .as_bool()
            .expect("flag");
        assert_eq!(result.get("fixes").is_some(), fixable, "{result}");
    }
    let levels: Vec<&str> = results
        .iter()
        .map(|r| r["level"].as_str().expect("level"))
        .collect();
    assert!(levels.contains(&"note") && levels.contains(&"warning") && levels.contains(&"error"));
}
