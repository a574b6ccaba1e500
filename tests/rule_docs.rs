//! Rule docs cannot rot: every rule's docs have the sections in order, and
//! their examples run. The rule must fire on `## Example` and stay silent on
//! `Use instead:`. A ```` ```quiz ```` block is answer-block content, wrapped
//! into an exercise here; a ```` ````md ```` block is a whole file.

use exambank::lint::{RULES, RuleMeta};
use exambank::pipeline::check_text;

/// The first example block after the line starting with `after`, as a file.
fn example(docs: &str, after: &str) -> Option<String> {
    let mut lines = docs.lines().skip_while(|l| !l.starts_with(after)).skip(1);
    let open = lines.find(|l| l.starts_with("```"))?;
    let fence = open.trim_end_matches(|c: char| c != '`');
    let body: Vec<&str> = lines.take_while(|l| l.trim_end() != fence).collect();
    let body = body.join("\n");
    match open.trim_start_matches('`') {
        "quiz" => Some(format!("# 1. Chapter\n## Exercise\n```\n{body}\n```\n")),
        "md" => Some(format!("{body}\n")),
        other => panic!("example block tagged `{other}`: use `quiz` or a four-backtick `md`"),
    }
}

fn sections_in_order(meta: &RuleMeta) -> Result<(), String> {
    let docs = meta.explanation();
    let mut required = vec![
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "Use instead:",
    ];
    if meta.fixable {
        required.push("## Fix");
    }
    let mut from = 0;
    for section in required {
        let Some(at) = docs[from..]
            .lines()
            .position(|l| l.trim_end() == section)
            .map(|k| {
                from + docs[from..]
                    .lines()
                    .take(k)
                    .map(|l| l.len() + 1)
                    .sum::<usize>()
            })
        else {
            return Err(format!(
                "{} lacks `{section}` (or has it out of order)",
                meta.code
            ));
        };
        from = at + section.len();
    }
    Ok(())
}

#[test]
fn every_rule_documents_its_sections_in_order() {
    let problems: Vec<String> = RULES
        .iter()
        .filter_map(|r| sections_in_order(r.meta()).err())
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_fires_on_its_example_and_not_on_the_fix() {
    let mut problems = Vec::new();
    for rule in RULES {
        let meta = rule.meta();
        let docs = meta.explanation();
        let (Some(bad), Some(good)) =
            (example(&docs, "## Example"), example(&docs, "Use instead:"))
        else {
            problems.push(format!("{}: no example block", meta.code));
            continue;
        };
        let fired = check_text("example.md", &bad, &[meta.code]);
        if !fired.findings.iter().any(|f| f.code == meta.code) {
            problems.push(format!("{}: silent on its Example:\n{bad}", meta.code));
        }
        let silent = check_text("example.md", &good, &[meta.code]);
        if let Some(f) = silent.findings.first() {
            problems.push(format!(
                "{}: fires on Use instead ({}):\n{good}",
                meta.code, f.message
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn example_blocks_are_read_as_written() {
    let docs =
        "## Example\n```quiz\n[ ]A\n```\n\nUse instead:\n````md\n# 1. A\n```\nx\n```\n````\n";
    assert_eq!(
        example(docs, "## Example").as_deref(),
        Some("# 1. Chapter\n## Exercise\n```\n[ ]A\n```\n")
    );
    assert_eq!(
        example(docs, "Use instead:").as_deref(),
        Some("# 1. A\n```\nx\n```\n")
    );
}
