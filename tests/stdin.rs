//! `check --stdin-filename PATH -`: the notes come from standard input and
//! are reported as PATH would be, byte for byte.

mod common;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{exambank, root};

/// Runs exambank in `dir` with `input` on standard input.
fn with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_exambank"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the exambank binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn same(a: &Output, b: &Output) {
    assert_eq!(a.status.code(), b.status.code());
    assert_eq!(
        String::from_utf8_lossy(&a.stdout),
        String::from_utf8_lossy(&b.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&a.stderr),
        String::from_utf8_lossy(&b.stderr)
    );
}

#[test]
fn every_format_is_byte_identical_to_checking_the_file() {
    let mut files = vec![root().join("tests/fixtures/cli/findings.md")];
    files.extend(common::sampler());
    for file in files {
        let text = std::fs::read(&file).unwrap();
        let path = file.to_str().unwrap();
        for format in ["human", "concise", "json", "sarif", "github"] {
            let direct = exambank(&root(), &["check", "--format", format, path]);
            let piped = with_stdin(
                &root(),
                &["check", "--format", format, "--stdin-filename", path, "-"],
                &text,
            );
            assert!(!direct.stdout.is_empty(), "{format}");
            same(&direct, &piped);
        }
    }
}

#[test]
fn configuration_is_the_one_for_the_path_named() {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("course");
    std::fs::create_dir_all(course.join("drafts")).unwrap();
    std::fs::write(
        course.join("exambank.toml"),
        "exclude = [\"drafts/**\"]\ndisable = [\"trailing-whitespace\"]\n",
    )
    .unwrap();
    let text = "# 1. A\n## Q  \n```\n[x]One thing here\n[X]Two things here\n```\n";
    std::fs::write(course.join("q.md"), text).unwrap();
    let direct = exambank(dir.path(), &["check", "course/q.md"]);
    // The file need not exist: its folder's configuration applies.
    let piped = with_stdin(
        dir.path(),
        &["check", "--stdin-filename", "course/q.md", "-"],
        text.as_bytes(),
    );
    same(&direct, &piped);
    let shown = String::from_utf8_lossy(&piped.stdout);
    assert!(shown.contains("EB502"), "{shown}");
    assert!(!shown.contains("EB501"), "{shown}");
    let other = with_stdin(
        dir.path(),
        &["check", "--stdin-filename", "course/new.md", "-"],
        text.as_bytes(),
    );
    assert!(String::from_utf8_lossy(&other.stdout).contains("course/new.md:"));
    // An excluded path is reported as `check` reports it: not at all.
    std::fs::write(course.join("drafts/d.md"), text).unwrap();
    let direct = exambank(dir.path(), &["check", "course/drafts/d.md"]);
    let piped = with_stdin(
        dir.path(),
        &["check", "--stdin-filename", "course/drafts/d.md", "-"],
        text.as_bytes(),
    );
    same(&direct, &piped);
}

#[test]
fn fix_writes_the_fixed_text_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# 1. A\n## Q  \n```\n[x]One thing here\n[X]Two things here\n[ ]Three things\n```\n";
    std::fs::write(dir.path().join("q.md"), text).unwrap();
    let piped = with_stdin(
        dir.path(),
        &["check", "--fix", "--stdin-filename", "q.md", "-"],
        text.as_bytes(),
    );
    // The file on disk is what `check --fix` would make of it, and is left alone.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("q.md")).unwrap(),
        text
    );
    let fixed = exambank(dir.path(), &["check", "--fix", "q.md"]);
    let on_disk = std::fs::read_to_string(dir.path().join("q.md")).unwrap();
    assert_ne!(on_disk, text);
    assert_eq!(String::from_utf8_lossy(&piped.stdout), on_disk);
    assert_eq!(piped.status.code(), fixed.status.code());
    let report = String::from_utf8_lossy(&piped.stderr);
    assert!(report.contains("fixed 1 finding in q.md"), "{report}");
    assert!(
        report.contains("0 errors, 0 warnings, 0 style findings in 1 file"),
        "{report}"
    );
    // Nothing to fix: the input comes back as it was.
    let clean = with_stdin(
        dir.path(),
        &["check", "--fix", "--stdin-filename", "q.md", "-"],
        on_disk.as_bytes(),
    );
    assert_eq!(String::from_utf8_lossy(&clean.stdout), on_disk);
    // --diff shows the change against the path named.
    let diff = with_stdin(
        dir.path(),
        &["check", "--diff", "--stdin-filename", "q.md", "-"],
        text.as_bytes(),
    );
    assert_eq!(diff.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&diff.stdout).starts_with("--- q.md\n+++ q.md\n"));
}

#[test]
fn refusals_name_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let both = with_stdin(
        dir.path(),
        &["check", "--stdin-filename", "q.md", "a.md"],
        b"",
    );
    assert_eq!(both.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&both.stderr).contains("give `-` as the only path"));
    let binary = with_stdin(
        dir.path(),
        &["check", "--stdin-filename", "q.md", "-"],
        b"a\0b",
    );
    assert_eq!(binary.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&binary.stderr),
        "error: q.md: binary file (it contains NUL bytes), not course notes\n"
    );
}
