//! Rule fixtures: `fixtures/rules/<CODE>/bad.md` must make rule CODE fire
//! (its findings are snapshotted), `good.md` holds near misses and must
//! leave it silent. A new rule needs a fixture directory, not new test code.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use exambank::lint::report::HumanReports;
use exambank::lint::{RULES, find_rule};
use exambank::pipeline::{CheckedFile, check_text};

fn check_fixture(path: &Path) -> (String, CheckedFile) {
    let code = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .expect("fixture directory named after a rule code");
    let meta = find_rule(code).unwrap_or_else(|| panic!("no rule {code}"));
    let text = std::fs::read_to_string(path).expect("fixture readable");
    let name = format!("{code}/{}", path.file_name().unwrap().to_string_lossy());
    (code.to_owned(), check_text(&name, &text, &[meta.code]))
}

/// Each finding: its exact span, code and severity on one line, then as
/// `check` shows it to a reader (the source frame, the label, the help),
/// then its fix, if any: the lines it touches, before and after.
pub fn render(checked: &CheckedFile) -> String {
    let reports = HumanReports::new(&checked.file.path, &checked.file.text, false);
    let mut out = String::new();
    for f in &checked.findings {
        let start = checked.index.line_col(&checked.file.text, f.span.start);
        let end = checked.index.line_col(&checked.file.text, f.span.end);
        let _ = writeln!(
            out,
            "{}:{}-{}:{} {} {}",
            start.line,
            start.column,
            end.line,
            end.column,
            f.code,
            f.severity.as_str(),
        );
        let report = reports.render(f).expect("a finding renders");
        let _ = writeln!(out, "{}", report.trim_end());
        if let Some(fix) = &f.fix {
            // The lines the fix touches, before and after it.
            let text = &checked.file.text;
            let start = text[..fix.span.start].rfind('\n').map_or(0, |i| i + 1);
            let end = text[fix.span.end..]
                .find('\n')
                .map_or(text.len(), |i| fix.span.end + i);
            let after = format!(
                "{}{}{}",
                &text[start..fix.span.start],
                fix.replacement,
                &text[fix.span.end..end]
            );
            let _ = writeln!(
                out,
                "  fix: {}: {:?} -> {after:?}",
                fix.title,
                &text[start..end]
            );
        }
        out.push('\n');
    }
    out
}

#[test]
fn bad_fixtures_fire() {
    common::settings().bind(|| {
        insta::glob!("fixtures/rules/*/bad.md", |path| {
            let (code, checked) = check_fixture(path);
            assert!(
                checked.findings.iter().any(|f| f.code == code),
                "{code} did not fire on {}",
                path.display()
            );
            insta::assert_snapshot!(render(&checked));
        });
    });
}

#[test]
fn good_fixtures_are_silent() {
    insta::glob!("fixtures/rules/*/good.md", |path| {
        let (code, checked) = check_fixture(path);
        assert!(
            checked.findings.is_empty(),
            "{code} fired on its near misses:\n{}",
            render(&checked)
        );
    });
}

#[test]
fn every_rule_has_both_fixtures() {
    let dir = common::root().join("tests/fixtures/rules");
    for rule in RULES {
        let code = rule.meta().code;
        for kind in ["bad.md", "good.md"] {
            assert!(
                dir.join(code).join(kind).is_file(),
                "missing fixtures/rules/{code}/{kind}"
            );
        }
    }
}
