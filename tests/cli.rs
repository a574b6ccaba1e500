//! The command line as users see it: renderings, exit codes, refusals.

mod common;

use common::{exambank, root, transcript};

#[test]
fn human_report_of_a_small_file() {
    let output = exambank(&root(), &["check", "tests/fixtures/cli/findings.md"]);
    assert_eq!(output.status.code(), Some(1));
    common::settings().bind(|| insta::assert_snapshot!("cli_check_human", transcript(&output)));
}

#[test]
fn json_report_of_a_small_file() {
    let output = exambank(
        &root(),
        &[
            "check",
            "--format",
            "json",
            "tests/fixtures/cli/findings.md",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for finding in findings.as_array().unwrap() {
        let keys: Vec<&str> = finding
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "path",
                "line",
                "column",
                "end_line",
                "end_column",
                "code",
                "name",
                "severity",
                "message",
                "help"
            ]
        );
    }
    common::settings().bind(|| insta::assert_snapshot!("cli_check_json", transcript(&output)));
}

#[test]
fn clean_notes_exit_zero() {
    let output = exambank(&root(), &["check", "content"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains("0 errors, 0 warnings, 0 style findings in 2 files")
    );
}

#[test]
fn warnings_alone_do_not_fail() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("w.md"),
        "# 1. A\n## Same\n```\nText.\n```\n## Same\n```\nMore text.\n```\n",
    )
    .unwrap();
    let output = exambank(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("0 errors, 1 warning"));
}

#[test]
fn unreadable_inputs_exit_two_and_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("latin1.md"), b"# 1. Caf\xe9\n").unwrap();
    std::fs::write(
        dir.path().join("good.md"),
        "# 1. A\n## B\n```\n[x]Y\n[ ]N\n```\n",
    )
    .unwrap();
    let output = exambank(dir.path(), &["check", ".", "missing.md"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("latin1.md: not valid UTF-8 (first invalid byte at line 1)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("missing.md: No such file or directory"),
        "{stderr}"
    );
    // The readable file was still checked.
    assert!(String::from_utf8_lossy(&output.stdout).contains("in 1 file"));
}

#[test]
fn build_refuses_to_write_while_errors_remain() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bank.json");
    std::fs::write(&out, "previous").unwrap();
    let input = root().join("tests/fixtures/cli/findings.md");
    let output = exambank(
        dir.path(),
        &[
            "build",
            input.to_str().unwrap(),
            "--to",
            "json",
            "--out",
            "bank.json",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nothing was written"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous");
    // With --skip-invalid the clean items are built and the others listed.
    let output = exambank(
        dir.path(),
        &[
            "build",
            input.to_str().unwrap(),
            "--to",
            "json",
            "--out",
            "bank.json",
            "--skip-invalid",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "skipped:",
        "`Alerting on failures`",
        "`Filter the purchases`",
        "EB301",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    let bank: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let titles: Vec<&str> = bank["courses"][0]["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["items"].as_array().unwrap())
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Filter the purchases", "Fine"]);
    // No temporary file is left beside the output.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "bank.json")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn build_to_stdout_and_unknown_target() {
    let output = exambank(&root(), &["build", "content", "--to", "json", "--out", "-"]);
    assert_eq!(output.status.code(), Some(0));
    let bank: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(bank["schema_version"], 1);
    let output = exambank(&root(), &["build", "content", "--to", "nope", "--out", "-"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown target `nope`"));
}

#[test]
fn rules_and_explain() {
    let output = exambank(&root(), &["rules"]);
    assert_eq!(output.status.code(), Some(0));
    let listing = String::from_utf8_lossy(&output.stdout);
    assert!(listing.contains("EB102") && listing.contains("no-correct-option"));
    // Each rule's precision on the real notes, as its docs state it.
    for rule in exambank::lint::RULES {
        let meta = rule.meta();
        let figures = exambank::lint::precision::stated(meta)
            .unwrap_or_else(|| panic!("docs of {} state a precision", meta.code));
        let line = listing
            .lines()
            .find(|l| l.starts_with(meta.code))
            .expect("every rule is listed");
        assert!(
            line.ends_with(&format!("[real notes: {}]", figures.brief())),
            "{line}"
        );
    }
    let output = exambank(&root(), &["rules", "--json"]);
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let trailing = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "EB501")
        .unwrap();
    assert_eq!(trailing["real_notes"]["judged"].as_u64(), Some(40));
    let output = exambank(&root(), &["explain", "EB501"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("## Precision\nOn the real-notes corpus: "),
        "{text}"
    );
    for query in ["EB102", "eb102", "no-correct-option"] {
        let output = exambank(&root(), &["explain", query]);
        assert_eq!(output.status.code(), Some(0));
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.starts_with("# no-correct-option (EB102)"), "{text}");
        assert!(text.contains("## Why is this bad?"));
    }
    let output = exambank(&root(), &["explain", "EB999"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let run = |threads: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_exambank"))
            .args(["check", "--format", "json", "content", "tests/fixtures"])
            .current_dir(root())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn readme_lists_every_rule() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for rule in exambank::lint::RULES {
        let meta = rule.meta();
        let row = format!("| {} | {} |", meta.code, meta.name);
        assert!(
            readme.contains(&row),
            "README.md lacks the row of {}",
            meta.code
        );
    }
}
