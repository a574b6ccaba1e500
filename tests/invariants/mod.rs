//! Invariants that hold for every input, whatever its bytes: shared by the
//! property tests (`tests/properties.rs`) and the fuzz targets (`fuzz/`,
//! which include this file by path). Each function panics with a message
//! naming the broken invariant, which is what both harnesses report.
//!
//! Depends only on `exambank` and `serde_json`, the fuzz crate's dependencies.
#![allow(dead_code)]

use exambank::export::{self, Artifact, ExportOptions, Exporter};
use exambank::lint::RuleSettings;
use exambank::model::{self, Bank};
use exambank::parse;
use exambank::pipeline::{CheckedFile, build_source};
use exambank::source::{LineIndex, SourceFile, Span};

/// `span` lies within `text` and both ends sit on character boundaries.
pub fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {}..{} outside a text of {} bytes",
        span.start,
        span.end,
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {}..{} splits a character",
        span.start,
        span.end
    );
}

/// Every span of the parsed document. The AST is walked through its JSON
/// form, where a [`Span`] is an object with exactly `start` and `end`: new
/// node types are covered without changing this function.
pub fn assert_parse(text: &str) {
    let doc = parse::parse(text);
    let value = serde_json::to_value(&doc).expect("the AST serializes");
    let mut spans = Vec::new();
    collect_spans(&value, &mut spans);
    for span in spans {
        assert_span(text, span, "AST");
    }
    for fence in &doc.fences {
        assert!(fence.open.end <= fence.content.start || fence.content.is_empty());
    }
}

fn collect_spans(value: &serde_json::Value, out: &mut Vec<Span>) {
    match value {
        serde_json::Value::Object(map) => {
            if map.len() == 2
                && let (Some(start), Some(end)) = (
                    map.get("start").and_then(serde_json::Value::as_u64),
                    map.get("end").and_then(serde_json::Value::as_u64),
                )
            {
                let to_usize = |n: u64| usize::try_from(n).expect("a span fits in usize");
                out.push(Span::new(to_usize(start), to_usize(end)));
                return;
            }
            for v in map.values() {
                collect_spans(v, out);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                collect_spans(v, out);
            }
        }
        _ => {}
    }
}

/// The whole pipeline on `text` as file `path`, with every finding checked.
pub fn assert_check(path: &str, text: &str) -> CheckedFile {
    let prefix = model::id_prefixes(&[path]).remove(0);
    let checked = build_source(
        SourceFile::new(path, text),
        &prefix,
        &RuleSettings::default(),
    );
    let index = LineIndex::new(text);
    for finding in &checked.findings {
        let what = format!("{} `{}`", finding.code, finding.message);
        assert_span(text, finding.span, &what);
        if let Some(fix) = &finding.fix {
            assert_span(text, fix.span, &format!("fix of {what}"));
        }
        for related in &finding.related {
            if related.path == path {
                assert_span(text, related.span, &format!("related place of {what}"));
            }
        }
        for offset in [finding.span.start, finding.span.end] {
            let at = index.line_col(text, offset);
            assert!(at.line >= 1 && at.column >= 1, "{what}: line/column 0");
            assert!(at.line <= index.line_count(), "{what}: line past the end");
        }
        assert!(
            !finding.message.is_empty(),
            "{}: empty message",
            finding.code
        );
    }
    assert!(
        checked
            .findings
            .windows(2)
            .all(|w| w[0].sort_key() <= w[1].sort_key()),
        "findings come back sorted"
    );
    checked
}

/// The bank of one checked file, defective items included: exporters must
/// cope with whatever the model holds.
pub fn bank_of(checked: &CheckedFile) -> Bank {
    Bank {
        courses: checked.course.iter().cloned().collect(),
    }
}

/// Exports `bank` with `exporter` and checks each output file with
/// `validate` (given the file's name and bytes). An export may refuse a
/// bank (`Err`), but whatever it returns must be well-formed.
pub fn assert_export(exporter: &dyn Exporter, bank: &Bank, validate: fn(&str, &[u8])) {
    // `qti12` is tried in both of its shapes.
    let quiz: &dyn Exporter = &exambank::export::qti12::QTI12_QUIZ;
    let shapes: &[&dyn Exporter] = if exporter.name() == "qti12" {
        &[exporter, quiz]
    } else {
        &[exporter]
    };
    for (exporter, partial_scoring) in shapes.iter().flat_map(|e| [(*e, false), (*e, true)]) {
        let options = ExportOptions { partial_scoring };
        let Ok(artifact) = exporter.export(bank, &options) else {
            continue;
        };
        match artifact {
            Artifact::File { bytes } => validate(exporter.default_file_name(), &bytes),
            Artifact::Package { files } => {
                for file in &files {
                    validate(&file.path, &file.bytes);
                }
                export::zip_bytes(&files).expect("a package zips");
            }
        }
    }
}

/// The exporter called `name`; panics when it does not exist.
pub fn exporter(name: &str) -> &'static dyn Exporter {
    export::exporter(name).unwrap_or_else(|| panic!("no exporter called `{name}`"))
}

/// JSON output parses back, and its items carry the bank's ids.
pub fn json_parses(name: &str, bytes: &[u8]) {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{name} is not valid JSON: {e}"));
    assert!(value.is_object(), "{name}: the bank is a JSON object");
}

/// Text output (GIFT, HTML pages) is UTF-8 and not empty.
pub fn text_output(name: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"));
    assert!(!text.trim().is_empty(), "{name} is empty");
}

/// XML output is well-formed: every element closed, one root, no stray text
/// outside it. For the XML exporters (QTI, Moodle).
pub fn xml_well_formed(name: &str, bytes: &[u8]) {
    if !name.ends_with(".xml") {
        return;
    }
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"));
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let (mut depth, mut roots) = (0usize, 0usize);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
            }
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Empty(_)) if depth == 0 => roots += 1,
            Ok(quick_xml::events::Event::Text(t)) if depth == 0 => {
                assert!(
                    t.iter().all(u8::is_ascii_whitespace),
                    "{name}: text outside the root element"
                );
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed XML: {e}"),
        }
    }
    assert_eq!(depth, 0, "{name}: unclosed elements");
    assert_eq!(roots, 1, "{name}: one root element");
}
