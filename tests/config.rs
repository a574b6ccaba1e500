//! `exambank.toml` through the binary: discovery (nearest wins), `--config`,
//! `--isolated`, exclusion, per-file ignores, severities, options, `deny`,
//! `--exit-zero`, errors with file and line, and `config --show`.

mod common;

use std::path::Path;

use common::{exambank, transcript};

/// A choice question with no correct option (EB102, error), a duplicate
/// heading (EB003, warning) and a hard line break in prose.
const NOTES: &str = "# 1. Streams\n## Late events\nA line that breaks  \nhere.\n```\n[ ]Drop them\n[ ]Keep them\n```\n## Late events\n```\n[x]Retry\n[ ]Drop\n```\n";

/// A question without problems but a duplicated heading (a warning only).
const WARNING_ONLY: &str =
    "# 1. Streams\n## Q\n```\n[x]Retry\n[ ]Drop\n```\n## Q\n```\n[x]Retry\n[ ]Drop\n```\n";

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// `path:line:col: severity[CODE]` of each finding, from `--format concise`.
fn findings(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<String>) {
    let mut all = vec!["check", "--format", "concise"];
    all.extend_from_slice(args);
    let output = exambank(dir, &all);
    let lines = String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| {
            l.split(' ').next().expect("a line").to_owned()
                + &l[l.find(' ').expect("a space")..l.find(']').expect("a code") + 1]
        })
        .collect();
    (output.status.code(), lines)
}

#[test]
fn the_nearest_config_wins_and_flags_override_discovery() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    write(dir, "exambank.toml", "disable = [\"no-correct-option\"]\n");
    write(dir, "top.md", NOTES);
    write(
        dir,
        "unit/exambank.toml",
        "[rules.EB003]\nseverity = \"error\"\n",
    );
    write(dir, "unit/deep/notes.md", NOTES);

    let (status, found) = findings(dir, &["."]);
    assert_eq!(
        found,
        [
            "top.md:9:4: warning[EB003]",
            "unit/deep/notes.md:6:1: error[EB102]",
            "unit/deep/notes.md:9:4: error[EB003]",
        ]
    );
    assert_eq!(status, Some(1));

    // From inside the folder, the same configuration applies.
    let (_, found) = findings(&dir.join("unit"), &["deep/notes.md"]);
    assert_eq!(
        found,
        [
            "deep/notes.md:6:1: error[EB102]",
            "deep/notes.md:9:4: error[EB003]"
        ]
    );

    let (_, isolated) = findings(dir, &["--isolated", "top.md", "unit/deep/notes.md"]);
    assert_eq!(
        isolated,
        [
            "top.md:6:1: error[EB102]",
            "top.md:9:4: warning[EB003]",
            "unit/deep/notes.md:6:1: error[EB102]",
            "unit/deep/notes.md:9:4: warning[EB003]",
        ]
    );

    let (_, forced) = findings(dir, &["--config", "exambank.toml", "unit"]);
    assert_eq!(forced, ["unit/deep/notes.md:9:4: warning[EB003]"]);
}

#[test]
fn exclude_and_per_file_ignores_use_globs_relative_to_the_config() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    write(
        dir,
        "exambank.toml",
        "exclude = [\"drafts\"]\n[per-file-ignores]\n\"legacy/*.md\" = [\"EB1\"]\n",
    );
    write(dir, "drafts/a.md", NOTES);
    write(dir, "legacy/b.md", NOTES);
    write(dir, "c.md", NOTES);
    let (_, found) = findings(dir, &["."]);
    assert_eq!(
        found,
        [
            "c.md:6:1: error[EB102]",
            "c.md:9:4: warning[EB003]",
            "legacy/b.md:9:4: warning[EB003]",
        ]
    );
    // Named on the command line (as pre-commit does), excluded all the same.
    let (status, found) = findings(dir, &["drafts/a.md"]);
    assert_eq!((status, found), (Some(0), Vec::<String>::new()));
}

#[test]
fn deny_and_exit_zero_decide_the_exit_status() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    write(dir, "w.md", WARNING_ONLY);
    assert_eq!(findings(dir, &["w.md"]).0, Some(0), "warnings alone pass");
    assert_eq!(findings(dir, &["--deny", "warnings", "w.md"]).0, Some(1));
    assert_eq!(findings(dir, &["--deny", "style", "w.md"]).0, Some(0));
    assert_eq!(
        findings(dir, &["--deny", "warnings", "--exit-zero", "w.md"]).0,
        Some(0)
    );
    write(dir, "exambank.toml", "deny = [\"warnings\"]\n");
    assert_eq!(findings(dir, &["w.md"]).0, Some(1), "deny in the config");
    assert_eq!(findings(dir, &["--exit-zero", "w.md"]).0, Some(0));
    assert_eq!(findings(dir, &["--isolated", "w.md"]).0, Some(0));
    // A file that cannot be read is a failure, whatever --exit-zero says.
    assert_eq!(findings(dir, &["--exit-zero", "missing.md"]).0, Some(2));
}

#[test]
fn rule_options_reach_the_rule() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    write(dir, "n.md", NOTES);
    let hard_break = "n.md:3:19: style[EB501]";
    assert!(!findings(dir, &["n.md"]).1.contains(&hard_break.to_owned()));
    write(
        dir,
        "exambank.toml",
        "[rules.trailing-whitespace]\nallow-hard-breaks = false\n",
    );
    assert!(findings(dir, &["n.md"]).1.contains(&hard_break.to_owned()));
}

#[test]
fn a_bad_config_names_file_line_and_a_close_word() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    write(dir, "n.md", NOTES);
    write(
        dir,
        "exambank.toml",
        "deny = [\"warnings\"]\n\n[rules.no-corect-option]\nseverity = \"warning\"\n",
    );
    let output = exambank(dir, &["check", "n.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        output.stdout.is_empty(),
        "no findings when the config is bad"
    );
    common::settings().bind(|| {
        insta::assert_snapshot!("config_unknown_rule", transcript(&output));
    });

    write(
        dir,
        "exambank.toml",
        "exclude = []\nexlude = [\"drafts\"]\n",
    );
    let output = exambank(dir, &["check", "n.md"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("exambank.toml:2:1"), "{stderr}");
    assert!(stderr.contains("did you mean `exclude`?"), "{stderr}");

    write(dir, "exambank.toml", "[rules]\nEB501 = 3\n");
    let output = exambank(dir, &["build", "--to", "json", "--out", "-", "n.md"]);
    assert_eq!(output.status.code(), Some(2), "build reads the config too");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("exambank.toml:2:"), "{stderr}");
}

#[test]
fn config_show_prints_the_effective_config() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    write(
        dir,
        "exambank.toml",
        "deny = [\"warnings\"]\ndisable = [\"EB3\"]\n[per-file-ignores]\n\"old/*.md\" = [\"EB102\"]\n[rules.trailing-whitespace]\nseverity = \"warning\"\nallow-hard-breaks = false\n",
    );
    let output = exambank(dir, &["config", "--show"]);
    assert_eq!(output.status.code(), Some(0));
    common::settings().bind(|| {
        insta::assert_snapshot!("config_show", transcript(&output));
    });
    // What it prints is itself a configuration, read back the same.
    write(
        dir,
        "shown/exambank.toml",
        &String::from_utf8(output.stdout.clone()).expect("UTF-8"),
    );
    let again = exambank(&dir.join("shown"), &["config", "--show"]);
    let body = |o: &std::process::Output| {
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        text.lines().skip(2).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(body(&again), body(&output));
}
