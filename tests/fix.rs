//! Fixes: applied only inside their spans, stable (a second pass changes
//! nothing), line endings and BOM kept; through the library on generated
//! notes and on the generated corpus, and through `check --fix` / `--diff`
//! on the sampler.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use exambank::config::Config;
use exambank::lint::fix::apply_fixes;
use exambank::lint::{Fix, RuleSettings};
use exambank::pipeline::{check_source, fix_source};
use exambank::source::{LineIndex, SourceFile};
use proptest::prelude::*;

fn default_settings() -> RuleSettings {
    Config::default().settings
}

/// Only trailing-whitespace (hard breaks too) and unused-suppression: the
/// rules whose fixes the oracle below knows.
fn oracle_settings() -> RuleSettings {
    let config = Config::parse(
        Path::new("exambank.toml"),
        "[rules.trailing-whitespace]\nallow-hard-breaks = false\n",
    )
    .expect("a valid configuration");
    RuleSettings {
        only: Some(vec!["EB006", "EB501"]),
        ..config.settings
    }
}

/// Asserts that `after` is `before` with exactly the `applied` edits made:
/// every byte outside the fix spans is where it was.
fn assert_only_fix_spans_changed(before: &str, after: &str, applied: &[&Fix]) {
    let (mut b, mut a) = (0, 0);
    for fix in applied {
        assert!(fix.span.start >= b, "fixes overlap or are out of order");
        let kept = &before[b..fix.span.start];
        assert_eq!(
            &after[a..a + kept.len()],
            kept,
            "text outside a fix changed"
        );
        a += kept.len();
        assert_eq!(&after[a..a + fix.replacement.len()], fix.replacement);
        a += fix.replacement.len();
        b = fix.span.end;
    }
    assert_eq!(&after[a..], &before[b..], "text after the last fix changed");
}

/// Fixes `text` pass by pass as `fix_source` does, checking each pass, and
/// returns the result; then checks that fixing it again changes nothing.
fn fix_checked(text: &str, settings: &RuleSettings) -> String {
    let mut current = text.to_owned();
    for _ in 0..exambank::pipeline::MAX_FIX_PASSES {
        let checked = check_source(SourceFile::new("n.md", current.as_str()), "n", settings);
        let (next, applied) = apply_fixes(&current, &checked.findings);
        assert_only_fix_spans_changed(&current, &next, &applied);
        if applied.is_empty() {
            break;
        }
        current = next;
    }
    let through_pipeline = fix_source(SourceFile::new("n.md", text), "n", settings);
    assert_eq!(
        *through_pipeline.checked.file.text, *current,
        "fix_source differs"
    );
    let again = fix_source(SourceFile::new("n.md", current.as_str()), "n", settings);
    assert_eq!(again.applied, 0, "a second --fix applied fixes:\n{current}");
    assert!(!again.changed());
    current
}

/// One generated line: its content, trailing whitespace and line ending,
/// and whether it is a suppression that can only be unused.
#[derive(Debug, Clone)]
struct Line {
    content: String,
    trailing: &'static str,
    ending: &'static str,
    unused_suppression: bool,
}

fn trailing() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "", "", " ", "  ", "\t", " \t "])
}

fn ending() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["\n", "\r\n"])
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "stream",
        "Kafka",
        "événement",
        "lag",
        "watermark",
        "SQL",
        "{{name}}",
        "a: b",
        "x - y",
    ])
    .prop_map(str::to_owned)
}

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..5).prop_map(|w| w.join(" "))
}

fn plain(content: impl Strategy<Value = String>) -> impl Strategy<Value = Vec<Line>> {
    (content, trailing(), ending()).prop_map(|(content, trailing, ending)| {
        vec![Line {
            content,
            trailing,
            ending,
            unused_suppression: false,
        }]
    })
}

/// Notes-like blocks: headings, prose, comments, answer blocks.
fn block() -> impl Strategy<Value = Vec<Line>> {
    let option = (
        prop::sample::select(vec!["[x]", "[X]", "[ ]", "[x] ", "[ ] ", "[]"]),
        words(),
    )
        .prop_map(|(b, w)| format!("{b}{w}"));
    let note = (prop::sample::select(vec!["NOTE: ", "Note: "]), words())
        .prop_map(|(k, w)| format!("{k}{w}"));
    let body_line = prop_oneof![option, note, words(), Just(String::new())];
    let fence = (
        prop::collection::vec((body_line, trailing(), ending()), 0..6),
        ending(),
        ending(),
    )
        .prop_map(|(body, open, close)| {
            // Fence lines get no trailing whitespace: they must stay fences.
            let mut lines = vec![Line {
                content: "```".to_owned(),
                trailing: "",
                ending: open,
                unused_suppression: false,
            }];
            lines.extend(body.into_iter().map(|(content, trailing, ending)| Line {
                content,
                trailing,
                ending,
                unused_suppression: false,
            }));
            lines.push(Line {
                content: "```".to_owned(),
                trailing: "",
                ending: close,
                unused_suppression: false,
            });
            lines
        });
    let suppression = (
        prop::sample::select(vec![
            "<!-- exambank-disable-next-line EB203 -->",
            "<!-- exambank-disable-file step-out-of-sequence, EB203 -->",
        ]),
        trailing(),
        ending(),
    )
        .prop_map(|(content, trailing, ending)| {
            vec![Line {
                content: content.to_owned(),
                trailing,
                ending,
                unused_suppression: true,
            }]
        });
    prop_oneof![
        plain(words().prop_map(|w| format!("# 1. {w}"))),
        plain(words().prop_map(|w| format!("## {w}"))),
        plain(words()),
        plain(Just(String::new())),
        plain(Just("<!-- a note to co-authors -->".to_owned())),
        suppression,
        fence,
    ]
}

fn notes() -> impl Strategy<Value = (bool, Vec<Line>, bool)> {
    (
        any::<bool>(),
        prop::collection::vec(block(), 0..14).prop_map(|b| b.concat()),
        any::<bool>(),
    )
}

fn render(
    bom: bool,
    lines: &[Line],
    final_newline: bool,
    keep: impl Fn(&Line) -> Option<String>,
) -> String {
    let mut text = if bom {
        "\u{feff}".to_owned()
    } else {
        String::new()
    };
    for (k, line) in lines.iter().enumerate() {
        let Some(content) = keep(line) else { continue };
        text.push_str(&content);
        if final_newline || k + 1 < lines.len() {
            text.push_str(line.ending);
        }
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// With the rules whose fixes are known, the fixed text is exactly the
    /// text with trailing whitespace and unused suppressions removed.
    #[test]
    fn fixes_do_what_they_say_and_nothing_else((bom, lines, final_newline) in notes()) {
        let text = render(bom, &lines, final_newline, |l| Some(format!("{}{}", l.content, l.trailing)));
        let expected = render(bom, &lines, final_newline, |l| {
            (!l.unused_suppression).then(|| l.content.trim_end_matches([' ', '\t']).to_owned())
        });
        let fixed = fix_checked(&text, &oracle_settings());
        prop_assert_eq!(fixed, expected);
    }

    /// With every default rule, whatever their fixes: local, stable, and
    /// line endings untouched outside fixes.
    #[test]
    fn every_default_fix_is_local_and_stable((bom, lines, final_newline) in notes()) {
        let text = render(bom, &lines, final_newline, |l| Some(format!("{}{}", l.content, l.trailing)));
        let fixed = fix_checked(&text, &default_settings());
        prop_assert_eq!(fixed.starts_with('\u{feff}'), bom);
    }
}

#[test]
fn the_generated_corpus_fixes_locally_and_stably() {
    let Some(shared) = common::shared() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let status = std::process::Command::new("python3")
        .arg(shared.join("tools/gen-corpus"))
        .arg(dir.path())
        .args([
            "--files",
            "12",
            "--exercises-per-file",
            "12",
            "--seed",
            "4",
            "--defect-rate",
            "0.4",
        ])
        .output()
        .expect("python3 runs gen-corpus");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let mut files = 0;
    for entry in std::fs::read_dir(dir.path().join("md")).expect("md/") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("UTF-8 notes");
        // Trailing whitespace on every seventh line, CRLF in every other file.
        let crlf = files % 2 == 1;
        let mut varied = String::new();
        for (k, line) in text.lines().enumerate() {
            varied.push_str(line);
            if k % 7 == 3 && !line.starts_with("```") {
                varied.push_str(" \t");
            }
            varied.push_str(if crlf { "\r\n" } else { "\n" });
        }
        let fixed = fix_checked(&varied, &default_settings());
        let fixed_again = fix_checked(&text, &default_settings());
        assert_eq!(
            fixed.replace("\r\n", "\n"),
            fixed_again.replace("\r\n", "\n"),
            "{}",
            path.display()
        );
        files += 1;
    }
    assert_eq!(files, 12);
}

/// 0-based lines that a span touches.
fn lines_of(index: &LineIndex, start: usize, end: usize) -> impl Iterator<Item = usize> {
    let first = index.line_of(start);
    let last = index.line_of(end.saturating_sub(1).max(start));
    first..=last
}

/// The sampler copied to a temporary folder, with a configuration there.
fn sampler_copy(config: &str) -> Option<(tempfile::TempDir, String)> {
    let sampler = common::sampler()?;
    let text = std::fs::read_to_string(sampler).expect("the sampler");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("exambank.toml"), config).expect("config");
    Some((dir, text))
}

/// `check --fix` on the sampler changes exactly the lines that have a
/// fixable finding (whatever fixable rules exist), and a second `--fix`
/// changes nothing.
#[test]
fn fix_on_the_sampler_changes_only_lines_with_fixable_findings() {
    let Some((dir, text)) = sampler_copy("") else {
        return;
    };
    let path = dir.path().join("sampler.md");
    std::fs::write(&path, &text).expect("copy");
    let checked = check_source(
        SourceFile::new("sampler.md", text.as_str()),
        "s",
        &default_settings(),
    );
    let fixable: BTreeSet<usize> = checked
        .findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|fix| fix.applicability == exambank::lint::Applicability::Safe)
        .flat_map(|fix| lines_of(&checked.index, fix.span.start, fix.span.end))
        .collect();
    // sampler-findings.md: `[X]` at 87-88, the checkbox spacing at 94-96 and
    // `Note:` at 98 (1-based) are the fixes that cannot change meaning.
    let expected: BTreeSet<usize> = [87, 88, 94, 95, 96, 98].iter().map(|l| l - 1).collect();
    assert_eq!(fixable, expected);

    let first = common::exambank(dir.path(), &["check", "--fix", "sampler.md"]);
    assert_eq!(
        first.status.code(),
        Some(1),
        "the sampler keeps its error findings"
    );
    let after = std::fs::read_to_string(&path).expect("fixed sampler");
    let changed: BTreeSet<usize> = similar::TextDiff::from_lines(&text, &after)
        .ops()
        .iter()
        .flat_map(|op| {
            let old = op.old_range();
            let touched = if old.is_empty() {
                old.start..old.start + 1
            } else {
                old
            };
            touched.filter(|_| op.tag() != similar::DiffTag::Equal)
        })
        .collect();
    assert_eq!(
        changed, fixable,
        "lines changed by --fix vs lines with fixable findings"
    );
    assert_eq!(after.is_empty(), text.is_empty());

    let second = common::exambank(dir.path(), &["check", "--fix", "sampler.md"]);
    assert_eq!(
        std::fs::read_to_string(&path).expect("sampler"),
        after,
        "a second --fix changed the file"
    );
    assert!(!String::from_utf8_lossy(&second.stderr).contains("fixed"));

    // The spelling correction (191) and the repeated option text (182)
    // change what learners read: only `--unsafe-fixes` applies them.
    let third = common::exambank(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "sampler.md"],
    );
    assert_eq!(third.status.code(), Some(1));
    let unsafe_fixed = std::fs::read_to_string(&path).expect("sampler");
    let changed: Vec<usize> = after
        .lines()
        .zip(unsafe_fixed.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(k, _)| k + 1)
        .collect();
    assert_eq!(changed, [182, 191]);
    assert!(unsafe_fixed.contains("[x]3. Checkpoints definitely belong"));
    assert!(unsafe_fixed.contains("[x]RocksDB state store: Keeps large state"));
}

/// The sampler with CRLF endings, a BOM and trailing whitespace on many
/// lines: `--fix` (trailing-whitespace only) gives back exactly the clean
/// CRLF + BOM text; `--diff` first shows it and writes nothing.
#[test]
fn fix_keeps_crlf_and_bom_and_diff_writes_nothing() {
    let Some((dir, text)) = sampler_copy("select = [\"trailing-whitespace\"]\n") else {
        return;
    };
    let clean = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let mut dirty = String::from("\u{feff}");
    for (k, line) in text.lines().enumerate() {
        dirty.push_str(line);
        // A tab: two spaces in prose would be a kept hard line break.
        if k % 3 == 0 && !line.starts_with("```") {
            dirty.push_str(" \t");
        }
        dirty.push_str("\r\n");
    }
    assert_ne!(dirty, clean);
    let path = dir.path().join("sampler.md");
    std::fs::write(&path, &dirty).expect("copy");
    set_mode(&path, 0o644);

    let diff = common::exambank(dir.path(), &["check", "--diff", "sampler.md"]);
    assert_eq!(
        diff.status.code(),
        Some(1),
        "--diff exits 1 when there is something to fix"
    );
    let shown = String::from_utf8(diff.stdout).expect("UTF-8 diff");
    assert!(
        shown.starts_with("--- sampler.md\n+++ sampler.md\n@@ "),
        "{shown}"
    );
    assert!(
        shown
            .split('\n')
            .any(|l| l.starts_with('-') && l.ends_with(" \t\r"))
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("sampler"),
        dirty,
        "--diff wrote"
    );

    let fix = common::exambank(
        dir.path(),
        &["check", "--fix", "--format", "concise", "sampler.md"],
    );
    assert_eq!(std::fs::read_to_string(&path).expect("sampler"), clean);
    assert!(
        String::from_utf8_lossy(&fix.stdout).is_empty(),
        "nothing remains"
    );
    assert_eq!(fix.status.code(), Some(0));
    assert_eq!(mode(&path), 0o644, "the fixed file keeps its permissions");

    let diff = common::exambank(dir.path(), &["check", "--diff", "sampler.md"]);
    assert_eq!(diff.status.code(), Some(0));
    assert!(diff.stdout.is_empty());
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).expect("stat").permissions().mode() & 0o777
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

#[cfg(not(unix))]
fn mode(_: &Path) -> u32 {
    0o644
}
