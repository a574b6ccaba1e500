//! The parser: AST snapshots of `fixtures/parse/valid/*.md`, line endings,
//! and the rule that a heading-like line inside a fence is never a heading.

mod common;

use exambank::model::{ItemBody, id_prefixes, lower};
use exambank::parse::ast::{AnswerBody, Document};
use exambank::parse::parse;
use exambank::source::{LineIndex, SourceFile};

fn exercises(doc: &Document) -> Vec<&exambank::parse::ast::Exercise> {
    doc.preamble
        .iter()
        .chain(doc.chapters.iter().flat_map(|c| c.exercises.iter()))
        .collect()
}

#[test]
fn valid_fixtures_ast() {
    common::settings().bind(|| {
        insta::glob!("fixtures/parse/valid/*.md", |path| {
            let text = std::fs::read_to_string(path).unwrap();
            let doc = parse(&text);
            // Every span of the AST lies in the text, on character boundaries.
            let json = serde_json::to_value(&doc).unwrap();
            check_spans(&json, &text);
            insta::assert_json_snapshot!(doc);
        });
    });
}

fn check_spans(value: &serde_json::Value, text: &str) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(start), Some(end)) = (map.get("start"), map.get("end")) {
                let (start, end) = (
                    start.as_u64().unwrap() as usize,
                    end.as_u64().unwrap() as usize,
                );
                assert!(start <= end && end <= text.len(), "span {start}..{end}");
                assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            }
            map.values().for_each(|v| check_spans(v, text));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| check_spans(v, text)),
        _ => {}
    }
}

#[test]
fn crlf_bom_tabs_and_no_final_newline_read_like_lf() {
    let crlf =
        std::fs::read_to_string(common::root().join("tests/fixtures/parse/valid/crlf-bom-tabs.md"))
            .unwrap();
    assert!(crlf.starts_with('\u{feff}') && crlf.contains("\r\n") && !crlf.ends_with('\n'));
    let lf = crlf.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let lower_text = |text: &str| {
        let file = SourceFile::new("x.md", text);
        let index = LineIndex::new(text);
        let doc = parse(text);
        serde_json::to_value(lower(&file, &doc, &index, &id_prefixes(&["x.md"])[0])).unwrap()
    };
    assert_eq!(lower_text(&crlf), lower_text(&lf));
    let doc = parse(&crlf);
    let titles: Vec<_> = exercises(&doc).iter().map(|e| e.title.clone()).collect();
    assert_eq!(titles, ["Tabbed heading", "No final newline"]);
    // A column counts characters after the BOM: the heading starts at 1:1.
    let index = LineIndex::new(&crlf);
    let chapter = &doc.chapters[0];
    let at = index.line_col(&crlf, chapter.heading.start);
    assert_eq!((at.line, at.column), (1, 1));
}

#[test]
fn headings_inside_fences_are_not_headings() {
    let text = "# 1. A\n## Groups\n```\n## Batch\nx\n\n## Stream\ny\n```\n## Code\n```python\n# 2. a comment\n## another\nprint(1)\n```\n";
    let doc = parse(text);
    assert_eq!(doc.chapters.len(), 1);
    let titles: Vec<_> = exercises(&doc).iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Groups", "Code"]);
    assert!(matches!(
        exercises(&doc)[0].answer.as_ref().unwrap().body,
        AnswerBody::Categorize(_)
    ));
}

#[test]
fn unclosed_fence_recovers_at_the_next_exercise() {
    let text = "# 1. A\n## First\n```\n[x]Yes\n[ ]No\n\n## Second\n```\n[x]One\n[ ]Two\n```\n";
    let doc = parse(text);
    let titles: Vec<_> = exercises(&doc).iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["First", "Second"]);
    assert!(doc.fences[0].unclosed.is_some());
    assert!(doc.fences[1].unclosed.is_none());
    let file = SourceFile::new("x.md", text);
    let course = lower(&file, &doc, &LineIndex::new(text), "x");
    let options: Vec<usize> = course.chapters[0]
        .items
        .iter()
        .map(|i| match &i.body {
            ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
                options.len()
            }
            _ => 0,
        })
        .collect();
    assert_eq!(options, [2, 2]);
}

/// The notes of `fixtures/parse/shapes/*.md` (one construct each, as
/// authors write it) as the items `build` makes of them and the findings
/// `check` reports, one line each: what a reviewer compares with the notes.
#[test]
fn shapes_read_as_written() {
    common::settings().bind(|| {
        insta::glob!("fixtures/parse/shapes/*.md", |path| {
            let text = std::fs::read_to_string(path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            insta::assert_snapshot!(render_shapes(&name, &text));
        });
    });
}

fn render_shapes(name: &str, text: &str) -> String {
    use std::fmt::Write as _;
    let settings = exambank::config::Config::default().settings;
    let prefix = id_prefixes(&[name]).remove(0);
    let mut files = [exambank::pipeline::build_source(
        SourceFile::new(name, text),
        &prefix,
        &settings,
    )];
    exambank::pipeline::check_bank(&mut files, std::slice::from_ref(&settings));
    let [checked] = files;
    let course = checked.course.as_ref().expect("built");
    let mut out = String::new();
    let quoted = |s: &str| format!("{s:?}");
    for chapter in &course.chapters {
        let _ = writeln!(
            out,
            "chapter {} {}",
            chapter.number.map_or("-".to_owned(), |n| n.to_string()),
            quoted(&chapter.title)
        );
        for item in &chapter.items {
            let _ = writeln!(
                out,
                "  {} {} {}",
                item.source.line,
                item.kind().as_str(),
                quoted(&item.title)
            );
            if item.prompt != item.title {
                let _ = writeln!(out, "    prompt {}", quoted(&item.prompt));
            }
            let feedback = |f: &Option<String>| {
                f.as_ref()
                    .map_or(String::new(), |f| format!(" // {}", quoted(f)))
            };
            match &item.body {
                ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
                    for o in options {
                        let mark = if o.correct { "[x]" } else { "[ ]" };
                        let _ = writeln!(
                            out,
                            "    {mark} {}{}",
                            quoted(&o.text),
                            feedback(&o.feedback)
                        );
                    }
                }
                ItemBody::Categorize { groups } => {
                    for g in groups {
                        let _ = writeln!(out, "    group {}", quoted(&g.name));
                        for i in &g.items {
                            let _ = writeln!(
                                out,
                                "      - {}{}",
                                quoted(&i.text),
                                feedback(&i.feedback)
                            );
                        }
                    }
                }
                ItemBody::Order { steps } => {
                    for (k, s) in steps.iter().enumerate() {
                        let _ = writeln!(
                            out,
                            "    {}. {}{}",
                            k + 1,
                            quoted(&s.text),
                            feedback(&s.feedback)
                        );
                    }
                }
                ItemBody::Code { answer } | ItemBody::FreeText { answer } => {
                    if answer.parts.is_empty() {
                        let _ = writeln!(
                            out,
                            "    answer {} {}",
                            answer.language.as_deref().unwrap_or("text"),
                            quoted(&answer.text)
                        );
                    }
                    for part in &answer.parts {
                        let _ = writeln!(
                            out,
                            "    part {} {}",
                            part.language.as_deref().unwrap_or("-"),
                            quoted(&part.text)
                        );
                    }
                }
            }
            if let Some(f) = &item.feedback {
                let _ = writeln!(out, "    feedback {}", quoted(f));
            }
        }
    }
    let _ = writeln!(out, "findings");
    for f in &checked.findings {
        if f.code == "EB501" {
            continue;
        }
        let at = checked.index.line_col(text, f.span.start);
        let _ = writeln!(
            out,
            "  {}:{} {} {} {}",
            at.line,
            at.column,
            f.code,
            f.severity.as_str(),
            f.message
        );
    }
    out
}
