//! `--format sarif`: a SARIF 2.1.0 log, for code scanning and IDEs.
//!
//! One run; `tool.driver.rules` lists every rule (so a result's `ruleIndex`
//! is the rule's place in the registry), with its help text and default
//! level. Regions count columns in Unicode code points, as the rest of the
//! tool does, and say so (`columnKind`). A finding with a fix carries it.

use std::io::{self, Write};

use serde_json::{Value, json};

use exambank::lint::{RULES, RuleMeta, Severity};
use exambank::pipeline::CheckedFile;
use exambank::source::Span;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The SARIF results of one file (regions computed while its text is at
/// hand).
#[must_use]
pub fn results(file: &CheckedFile) -> Vec<Value> {
    let mut results = Vec::new();
    {
        let uri = uri(&file.file.path);
        let region = |span: Span| region(file, span);
        for finding in &file.findings {
            let mut result = json!({
                "ruleId": finding.code,
                "ruleIndex": RULES.iter().position(|r| r.meta().code == finding.code),
                "level": level(finding.severity),
                "message": { "text": finding.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region(finding.span),
                    }
                }],
            });
            let related: Vec<Value> = finding
                .related
                .iter()
                .filter(|r| r.path == file.file.path)
                .enumerate()
                .map(|(k, r)| {
                    json!({
                        "id": k,
                        "message": { "text": r.message },
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri },
                            "region": region(r.span),
                        }
                    })
                })
                .collect();
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            if let Some(fix) = &finding.fix {
                result["fixes"] = json!([{
                    "description": { "text": fix.title },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": [{
                            "deletedRegion": region(fix.span),
                            "insertedContent": { "text": fix.replacement },
                        }],
                    }],
                }]);
            }
            results.push(result);
        }
    }
    results
}

/// Writes the SARIF log of a run's results.
///
/// # Errors
/// When standard output cannot be written.
pub fn write_log(out: &mut impl Write, results: Vec<Value>) -> io::Result<()> {
    let rules: Vec<Value> = RULES.iter().map(|r| rule(r.meta())).collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "exambank",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}

fn rule(meta: &RuleMeta) -> Value {
    let explanation = meta.explanation();
    json!({
        "id": meta.code,
        "name": meta.name,
        "shortDescription": { "text": meta.summary() },
        "fullDescription": { "text": section(&explanation, "## Why is this bad?") },
        "help": { "text": explanation.trim_end(), "markdown": explanation.trim_end() },
        "defaultConfiguration": { "level": level(meta.severity) },
        "properties": { "fixable": meta.fixable, "unsafeFix": meta.unsafe_fix },
    })
}

/// The paragraphs under a `## ` heading of a rule's docs, joined.
fn section(explanation: &str, heading: &str) -> String {
    explanation
        .lines()
        .skip_while(|l| l.trim() != heading)
        .skip(1)
        .take_while(|l| !l.starts_with("## ") && !l.starts_with("Use instead:"))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Style => "note",
    }
}

fn region(file: &CheckedFile, span: Span) -> Value {
    let text = &file.file.text;
    let start = file.index.line_col(text, span.start);
    let end = file.index.line_col(text, span.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

/// A path as a URI reference: relative paths stay relative (to the folder
/// the check ran in), absolute ones become `file://` URIs.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{section, uri};

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(uri("notes/week 1.md"), "notes/week%201.md");
        assert_eq!(uri("/tmp/é.md"), "file:///tmp/%C3%A9.md");
    }

    #[test]
    fn sections_are_read_from_the_docs() {
        let docs = "## What it does\nA.\n\n## Why is this bad?\nB one\nB two.\n\n## Example\nC";
        assert_eq!(section(docs, "## Why is this bad?"), "B one B two.");
    }
}
