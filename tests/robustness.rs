//! Bad input: every kind of broken file gets a clear message naming it, the
//! other files are still checked, the exit status says whether the tool could
//! do its job, and nothing panics or hangs. Inputs are made at test time.
//! These tests assert outcomes, never durations; the bench script measures
//! how time grows with size.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::exambank;
use serde_json::Value;

const GOOD: &str = "# 1. Basics\n## Pick one\n```\n[x]Right\n[ ]Wrong\n```\n";
/// A file with exactly one error finding (EB102, no correct option).
const FLAWED: &str = "# 1. Basics\n## Pick one\n```\n[ ]Right\n[ ]Wrong\n```\n";

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create parent");
    }
    std::fs::write(&path, bytes).expect("write input");
    path
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The run ended by itself with an exit status, without a panic or abort.
fn assert_no_crash(output: &Output) {
    let err = stderr(output);
    assert!(
        output.status.code().is_some(),
        "killed by a signal; stderr:\n{err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("overflow"),
        "crashed:\n{err}"
    );
}

fn findings(output: &Output) -> Vec<Value> {
    let value: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    value.as_array().expect("a JSON array").clone()
}

fn codes_in(findings: &[Value], path: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f["path"] == path)
        .map(|f| f["code"].as_str().expect("a code").to_owned())
        .collect()
}

/// `check --format json` of `dir`, with `flawed.md` beside the bad input to
/// show that the other files are still checked.
fn check_beside_flawed(dir: &Path) -> (Output, Vec<Value>) {
    write(dir, "flawed.md", FLAWED);
    let output = exambank(dir, &["check", "--format", "json", "."]);
    assert_no_crash(&output);
    let found = findings(&output);
    assert_eq!(
        codes_in(&found, "flawed.md"),
        ["EB102"],
        "the other file is still checked"
    );
    (output, found)
}

#[test]
fn non_utf8_file_is_named_with_its_line_and_fails_the_run() {
    let dir = temp_dir();
    write(
        dir.path(),
        "latin1.md",
        b"# 1. Caf\xc3\xa9\n\nCaf\xe9 au lait\n",
    );
    let (output, _) = check_beside_flawed(dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(
            "error: latin1.md: not valid UTF-8 (first invalid byte at line 3); save the file as UTF-8"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn binary_file_is_refused_by_name() {
    let dir = temp_dir();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..=255u8).cycle().take(4096));
    write(dir.path(), "diagram.md", png);
    let (output, _) = check_beside_flawed(dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("error: diagram.md: binary file"));
}

#[test]
fn empty_file_is_a_clean_file_and_an_empty_course() {
    let dir = temp_dir();
    write(dir.path(), "empty.md", "");
    let output = exambank(dir.path(), &["check", "--format", "json", "empty.md"]);
    assert_no_crash(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(findings(&output).is_empty());

    let output = exambank(
        dir.path(),
        &["build", "empty.md", "--to", "json", "--out", "-"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let bank: Value = serde_json::from_slice(&output.stdout).expect("a JSON bank");
    assert_eq!(bank["courses"][0]["chapters"], Value::Array(Vec::new()));
}

/// `n` choice exercises in chapters of 50, every heading distinct.
fn many_exercises(n: usize) -> String {
    let mut text = String::with_capacity(n * 120);
    for k in 0..n {
        if k % 50 == 0 {
            text.push_str(&format!("# {}. Part {}\n", k / 50 + 1, k / 50 + 1));
        }
        text.push_str(&format!(
            "## Question {k}\n```\nWhich one is right?\n[x]Option A{k}\n[ ]Option B{k}\n```\n\n"
        ));
    }
    text
}

fn item_count(bank: &Value) -> usize {
    bank["courses"]
        .as_array()
        .expect("courses")
        .iter()
        .flat_map(|c| c["chapters"].as_array().expect("chapters"))
        .map(|ch| ch["items"].as_array().expect("items").len())
        .sum()
}

fn build_json(dir: &Path, input: &str) -> Value {
    let output = exambank(dir, &["build", input, "--to", "json", "--out", "-"]);
    assert_no_crash(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).expect("a JSON bank")
}

/// 20 MB in one file (the bench script runs 100 MB) is checked whole; and
/// four times the exercises give exactly four times the items: the work per
/// exercise does not depend on where in the file it stands. (The builds run
/// on 5 MB and 1.25 MB: a debug build of 20 MB costs the suite seconds.)
#[test]
#[ignore = "slow: run by .ci/run"]
fn twenty_megabyte_file_is_checked_and_built_whole() {
    let dir = temp_dir();
    let n = 20 * 1024 * 1024 / 80;
    let big = many_exercises(n);
    assert!(big.len() >= 20 * 1024 * 1024, "{} bytes", big.len());
    write(dir.path(), "big.md", &big);
    write(dir.path(), "quarter.md", many_exercises(n / 4));
    write(dir.path(), "sixteenth.md", many_exercises(n / 16));

    let output = exambank(dir.path(), &["check", "--format", "json", "big.md"]);
    assert_no_crash(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(findings(&output).is_empty());

    assert_eq!(item_count(&build_json(dir.path(), "quarter.md")), n / 4);
    assert_eq!(item_count(&build_json(dir.path(), "sixteenth.md")), n / 16);
}

#[test]
fn megabyte_lines_are_read_whole_and_located_by_character() {
    let dir = temp_dir();
    // No trailing space: that would be a (correct) trailing-whitespace finding.
    let words = "lorem ipsum é "
        .repeat(1024 * 1024 / 15)
        .trim_end()
        .to_owned();
    // One 1 MB line of prose as a free-text answer.
    write(
        dir.path(),
        "prose.md",
        format!("# 1. A\n## Long answer\n```\n{words}\n```\n"),
    );
    // A 1 MB SQL line whose string is never closed: found at its quote.
    write(
        dir.path(),
        "sql.md",
        format!("# 1. A\n## Query\n```\nSELECT '{words}\n```\n"),
    );
    // A 1 MB SQL line with a stray `)` at its very end: the column counts
    // characters (`é` is two bytes, one column).
    write(
        dir.path(),
        "paren.md",
        format!("# 1. A\n## Query\n```\nSELECT a FROM t WHERE b = '{words}')\n```\n"),
    );
    let output = exambank(dir.path(), &["check", "--format", "json", "."]);
    assert_no_crash(&output);
    let found = findings(&output);
    assert!(codes_in(&found, "prose.md").is_empty());
    let sql: Vec<_> = found.iter().filter(|f| f["path"] == "sql.md").collect();
    assert_eq!(sql.len(), 1, "{sql:?}");
    assert_eq!(
        (
            sql[0]["code"].as_str(),
            sql[0]["line"].as_u64(),
            sql[0]["column"].as_u64()
        ),
        (Some("EB301"), Some(4), Some(8))
    );
    let paren: Vec<_> = found.iter().filter(|f| f["path"] == "paren.md").collect();
    assert_eq!(paren.len(), 1, "{paren:?}");
    let column = "SELECT a FROM t WHERE b = '".len() + words.chars().count() + 2;
    assert_eq!(
        (paren[0]["code"].as_str(), paren[0]["column"].as_u64()),
        (Some("EB304"), Some(column as u64))
    );

    let bank = build_json(dir.path(), "prose.md");
    let answer = bank["courses"][0]["chapters"][0]["items"][0]["answer"]["text"]
        .as_str()
        .expect("a free-text answer");
    assert_eq!(answer, words.trim_end());
}

/// Deep nesting of every kind the notes can hold: list markers, quotes,
/// brackets and operators in Python and SQL.
#[test]
fn ten_thousand_nesting_levels_do_not_overflow_the_stack() {
    let dir = temp_dir();
    let n = 10_000;
    let cases = [
        (
            "indented_list.md",
            format!(
                "# 1. A\n## Nested\n```\n{}```\n",
                (0..n)
                    .map(|i| format!("{}- item {i}\n", "  ".repeat(i % 500)))
                    .collect::<String>()
            ),
        ),
        (
            "markers_on_a_line.md",
            format!("# 1. A\n## Nested\n```\n{}item\n```\n", "- ".repeat(n)),
        ),
        (
            "markers_outside.md",
            format!("# 1. A\n## Nested\n{}item\n", "* ".repeat(n)),
        ),
        (
            "quotes.md",
            format!("# 1. A\n## Nested\n{}item\n", "> ".repeat(n)),
        ),
        (
            "categorize.md",
            format!(
                "# 1. A\n## Sort\n```\n## One\n{}\n## Two\n- b\n```\n",
                "- - ".repeat(n)
            ),
        ),
        (
            "python_brackets.md",
            format!(
                "# 1. A\n## Code\n```python\nx = {}{}\n```\n",
                "[".repeat(n),
                "]".repeat(n)
            ),
        ),
        (
            "python_unary.md",
            format!(
                "# 1. A\n## Code\n```python\nx = {}1\n```\n",
                "-".repeat(n * 10)
            ),
        ),
        (
            "python_calls.md",
            format!(
                "# 1. A\n## Code\n```python\nx = f{}\n```\n",
                "()".repeat(n * 5)
            ),
        ),
        (
            "python_answer.md",
            format!(
                "# 1. A\n## Code\n```\nx = {}1{}\n```\n",
                "(".repeat(n),
                ")".repeat(n)
            ),
        ),
        (
            "sql_parens.md",
            format!(
                "# 1. A\n## Code\n```sql\nSELECT {}1{}\n```\n",
                "(".repeat(n),
                ")".repeat(n)
            ),
        ),
    ];
    for (name, text) in &cases {
        write(dir.path(), name, text);
    }
    let (output, found) = check_beside_flawed(dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    for (name, _) in &cases {
        let codes = codes_in(&found, name);
        assert!(
            codes.iter().all(|c| c != "EB304"),
            "{name}: balanced parentheses reported: {codes:?}"
        );
    }
}

#[test]
fn a_vanished_file_is_named_and_the_others_are_checked() {
    let dir = temp_dir();
    // Listed by the walk, gone when read: a symbolic link to nothing.
    write(dir.path(), "notes/flawed.md", FLAWED);
    #[cfg(unix)]
    std::os::unix::fs::symlink("deleted.md", dir.path().join("notes/gone.md")).expect("symlink");
    let output = exambank(
        dir.path(),
        &["check", "--format", "json", "notes", "missing.md"],
    );
    assert_no_crash(&output);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("error: missing.md: No such file or directory"),
        "{err}"
    );
    #[cfg(unix)]
    assert!(
        err.contains("error: notes/gone.md: broken symbolic link"),
        "{err}"
    );
    assert_eq!(codes_in(&findings(&output), "notes/flawed.md"), ["EB102"]);

    // build refuses to write a bank that would miss a file.
    let output = exambank(
        dir.path(),
        &[
            "build",
            "notes",
            "missing.md",
            "--to",
            "json",
            "--out",
            "bank.json",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nothing was written"));
    assert!(!dir.path().join("bank.json").exists());
}

/// Files deleted while a run reads them: whatever the timing, each one is
/// either checked or named as missing, and nothing crashes.
#[test]
fn files_deleted_during_a_run_are_reported_not_fatal_to_the_others() {
    let dir = temp_dir();
    let names: Vec<String> = (0..600).map(|k| format!("n{k:04}.md")).collect();
    for name in &names {
        write(dir.path(), name, many_exercises(20));
    }
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_exambank"))
        .args(["check", "--format", "json", "."])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    for name in names.iter().rev().step_by(3) {
        let _ = std::fs::remove_file(dir.path().join(name));
    }
    let output = child.wait_with_output().expect("the run ends");
    assert_no_crash(&output);
    assert!(matches!(output.status.code(), Some(0 | 2)));
    for line in stderr(&output).lines() {
        let named = names
            .iter()
            .any(|n| line == format!("error: {n}: No such file or directory"));
        assert!(named, "unexpected message: {line}");
    }
    assert_eq!(output.status.code() == Some(2), !stderr(&output).is_empty());
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_or_a_pipe_is_named() {
    use std::os::unix::fs::PermissionsExt as _;

    let dir = temp_dir();
    let locked = write(dir.path(), "locked.md", GOOD);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.md"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());

    let output = exambank(dir.path(), &["check", "locked.md", "pipe.md"]);
    assert_no_crash(&output);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("error: pipe.md: not a regular file or a directory"),
        "{err}"
    );
    // A privileged user reads any file; otherwise the refusal is named.
    if std::fs::read(&locked).is_err() {
        assert!(err.contains("error: locked.md: Permission denied"), "{err}");
    }
}

#[cfg(unix)]
#[test]
fn a_directory_symlink_loop_is_a_warning_and_files_are_checked_once() {
    let dir = temp_dir();
    write(dir.path(), "course/part/flawed.md", FLAWED);
    std::os::unix::fs::symlink("..", dir.path().join("course/part/back")).expect("symlink");
    let output = exambank(dir.path(), &["check", "--format", "json", "course"]);
    assert_no_crash(&output);
    // The loop cost nothing: the status is that of the findings.
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("warning: course/part/back: directory loop"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        codes_in(&findings(&output), "course/part/flawed.md"),
        ["EB102"]
    );
    assert_eq!(findings(&output).len(), 1, "checked once");
}
