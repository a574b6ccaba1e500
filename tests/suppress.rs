//! Inline suppressions: each silences exactly the findings it names, over
//! its range; an unused one is reported (and fixed away), an unreadable one
//! is reported.

mod common;

use exambank::config::Config;
use exambank::lint::fix::apply_fixes;
use exambank::pipeline::check_source;
use exambank::source::SourceFile;
use proptest::prelude::*;

proptest! {
    /// Comments cut anywhere, in fences or not, with any names: findings,
    /// never a panic, and every finding inside the text.
    #[test]
    fn any_comment_soup_is_checked(parts in prop::collection::vec(
        prop::sample::select(vec![
            "<!--", "-->", " exambank-", "disable", "-next-line", "-file", "enable", "disabel",
            " EB102", ",EB101", " no-correct-option", " EB9", "\n", "\r\n", "```\n", "## Q\n",
            "[ ]a\n", "é", " ", "\u{feff}",
        ]),
        0..40,
    )) {
        let text = format!("# 1. A\n{}", parts.concat());
        let checked = check_source(SourceFile::new("n.md", text.as_str()), "n", &Config::default().settings);
        for finding in &checked.findings {
            prop_assert!(finding.span.start <= finding.span.end && finding.span.end <= text.len());
        }
    }
}

/// `line code` of every finding, with the default rules.
fn findings(text: &str) -> Vec<String> {
    let checked = check_source(
        SourceFile::new("n.md", text),
        "n",
        &Config::default().settings,
    );
    checked
        .findings
        .iter()
        .map(|f| {
            let line = checked.index.line_col(text, f.span.start).line;
            format!("{line} {}", f.code)
        })
        .collect()
}

/// Two exercises with no correct option (EB102) and a malformed checkbox (EB101).
fn exercise(title: &str) -> String {
    format!("## {title}\n```\n[ ]One\n[]Two\n```\n")
}

#[test]
fn next_line_silences_the_named_rule_in_the_block_it_precedes() {
    let bare = format!("# 1. A\n{}{}", exercise("P"), exercise("Q"));
    assert_eq!(
        findings(&bare),
        ["4 EB102", "5 EB101", "9 EB102", "10 EB101"]
    );
    let text = format!(
        "# 1. A\n{}## Q\n<!-- exambank-disable-next-line no-correct-option -->\n```\n[ ]One\n[]Two\n```\n",
        exercise("P")
    );
    // Only EB102 of the second block goes; its EB101 stays.
    assert_eq!(findings(&text), ["4 EB102", "5 EB101", "11 EB101"]);
}

#[test]
fn disable_enable_and_disable_file_cover_their_ranges() {
    let text = format!(
        "# 1. A\n<!-- exambank-disable EB101, EB102 -->\n{}<!-- exambank-enable EB101 EB102 -->\n{}",
        exercise("P"),
        exercise("Q")
    );
    assert_eq!(findings(&text), ["11 EB102", "12 EB101"]);
    let text = format!(
        "# 1. A\n{}{}<!-- exambank-disable-file malformed-checkbox -->\n",
        exercise("P"),
        exercise("Q")
    );
    assert_eq!(findings(&text), ["4 EB102", "9 EB102"]);
    // A `disable` without `enable` runs to the end of the file.
    let text = format!(
        "# 1. A\n{}<!-- exambank-disable EB102 -->\n{}",
        exercise("P"),
        exercise("Q")
    );
    assert_eq!(findings(&text), ["4 EB102", "5 EB101", "11 EB101"]);
}

#[test]
fn comments_in_fences_are_code_and_unused_ones_are_reported() {
    let text = "# 1. A\n## P\n```html\n<!-- exambank-disable-file EB102 -->\n```\n```\n[ ]One\n[ ]Two\n```\n";
    assert_eq!(findings(text), ["7 EB102"]);
    let text =
        "# 1. A\n## P\n<!-- exambank-disable-next-line EB102 EB101 -->\n```\n[ ]One\n[ ]Two\n```\n";
    assert_eq!(findings(text), ["3 EB006"]);
}

#[test]
fn the_unused_suppression_fix_removes_only_what_is_unused() {
    let text = "# 1. A\n## P\n<!-- exambank-disable-next-line EB102, EB101 -->\n```\n[ ]One\n[ ]Two\n```\n<!-- exambank-disable-next-line EB003 -->  \n";
    let checked = check_source(
        SourceFile::new("n.md", text),
        "n",
        &Config::default().settings,
    );
    let (fixed, applied) = apply_fixes(text, &checked.findings);
    assert_eq!(applied.len(), 2, "{:?}", checked.findings);
    assert_eq!(
        fixed,
        "# 1. A\n## P\n<!-- exambank-disable-next-line EB102 -->\n```\n[ ]One\n[ ]Two\n```\n"
    );
    assert!(findings(&fixed).is_empty());
}

/// The sampler with two suppressions added: one before the unterminated
/// SQL string's block (EB301), one before a block with nothing to silence.
#[test]
fn on_the_sampler_a_suppression_silences_exactly_its_finding() {
    let Some(sampler) = common::sampler() else {
        return;
    };
    let text = std::fs::read_to_string(sampler).expect("the sampler");
    let before = findings(&text);
    let sql_line: usize = before
        .iter()
        .find(|f| f.ends_with(" EB301"))
        .and_then(|f| f.split(' ').next()?.parse().ok())
        .expect("the sampler has an unterminated SQL string");
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // The opening fence of the SQL block, and the first block of the file.
    let sql_fence = (0..sql_line)
        .rev()
        .find(|&k| lines[k].trim_end() == "```")
        .expect("a fence");
    let first_fence = lines
        .iter()
        .position(|l| l.trim_end() == "```")
        .expect("a fence");
    assert!(first_fence < sql_fence);
    let mut edited = String::new();
    for (k, line) in lines.iter().enumerate() {
        if k == first_fence {
            edited.push_str("<!-- exambank-disable-next-line EB305 -->\n");
        }
        if k == sql_fence {
            edited.push_str("<!-- exambank-disable-next-line unterminated-sql-string -->\n");
        }
        edited.push_str(line);
    }
    let after = findings(&edited);

    // Every finding but EB301 is still there, two lines down after the
    // second comment, one line down between the comments; plus EB006.
    let shift = |finding: &String| {
        let (line, code) = finding.split_once(' ').expect("line code");
        let line: usize = line.parse().expect("a line");
        let moved = line + usize::from(line > first_fence) + usize::from(line > sql_fence);
        format!("{moved} {code}")
    };
    let mut expected: Vec<String> = before
        .iter()
        .filter(|f| !f.ends_with(" EB301"))
        .map(shift)
        .collect();
    expected.push(format!("{} EB006", first_fence + 1));
    expected.sort_by_key(|f| f.split(' ').next().and_then(|l| l.parse::<usize>().ok()));
    let mut actual = after.clone();
    actual.sort_by_key(|f| f.split(' ').next().and_then(|l| l.parse::<usize>().ok()));
    assert_eq!(actual, expected);
    assert_eq!(after.len(), before.len());
}

#[test]
fn the_binary_reports_unused_and_invalid_suppressions() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("n.md"),
        "# 1. A\n## P\n<!-- exambank-disable-next-line EB102 -->\n```\n[x]One\n[ ]Two\n```\n<!-- exambank-disabel EB102 -->\n",
    )
    .expect("write");
    let output = common::exambank(
        dir.path(),
        &["check", "--isolated", "--format", "concise", "n.md"],
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "n.md:3:1: style[EB006] Suppression of `EB102` silences nothing\nn.md:8:1: warning[EB007] Unknown suppression directive `exambank-disabel`\n"
    );
    assert_eq!(output.status.code(), Some(0));
}
