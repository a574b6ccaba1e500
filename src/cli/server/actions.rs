//! Code actions: each finding's fix as a quick fix, "fix all safe findings
//! in this file", and "disable RULE for this line".

use std::collections::HashMap;
use std::sync::Arc;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::position::Lines;
use super::{Doc, FIX_ALL_KIND, Server};
use exambank::lint::{Applicability, Finding};
use exambank::parse;
use exambank::pipeline::fix_source;
use exambank::source::{LineIndex, SourceFile, Span};

impl Server<'_> {
    pub(super) fn code_actions(
        &self,
        params: CodeActionParams,
    ) -> Option<Vec<CodeActionOrCommand>> {
        let doc = self.doc(&params.text_document.uri)?;
        let checked = doc.checked.as_ref()?;
        let index = LineIndex::new(&doc.text);
        let lines = Lines {
            text: &doc.text,
            index: &index,
        };
        let asked = lines.span(params.range);
        let wanted = |kind: &CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|o| {
                    kind.as_str() == o.as_str()
                        || kind.as_str().starts_with(&format!("{}.", o.as_str()))
                })
            })
        };
        let at: Vec<(&Finding, &lsp_types::Diagnostic)> = checked
            .findings
            .iter()
            .zip(&checked.published)
            .filter(|(f, _)| overlaps(f.span, asked))
            .collect();
        let mut actions = Vec::new();
        if wanted(&CodeActionKind::QUICKFIX) {
            for (finding, diagnostic) in &at {
                let Some(fix) = &finding.fix else { continue };
                let safety = match fix.applicability {
                    Applicability::Safe => "",
                    Applicability::Unsafe => " (unsafe: changes what learners read)",
                };
                let edit = TextEdit::new(lines.range(fix.span), fix.replacement.clone());
                actions.push(CodeAction {
                    title: format!("{}: {}{safety}", finding.code, fix.title),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![(*diagnostic).clone()]),
                    edit: Some(edit_of(&doc.uri, vec![edit])),
                    is_preferred: Some(fix.applicability == Applicability::Safe),
                    ..CodeAction::default()
                });
            }
            let ast = parse::parse(&doc.text);
            let mut disabled: Vec<(&str, usize)> = Vec::new();
            for (finding, diagnostic) in &at {
                let edit = disable_edit(doc, &ast, &lines, finding);
                let key = (finding.code, edit.range.start.line as usize);
                if disabled.contains(&key) {
                    continue;
                }
                disabled.push(key);
                actions.push(CodeAction {
                    title: format!("Disable {} ({}) for this line", finding.code, finding.name),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![(*diagnostic).clone()]),
                    edit: Some(edit_of(&doc.uri, vec![edit])),
                    ..CodeAction::default()
                });
            }
        }
        let fix_all = CodeActionKind::new(FIX_ALL_KIND);
        if wanted(&fix_all) && safe_fixes(&checked.findings) > 0 {
            let file = SourceFile::new(doc.display.clone(), Arc::clone(&doc.text));
            let fixed = fix_source(file, "", &checked.settings);
            if fixed.changed() {
                let edit = minimal_edit(&lines, &fixed.checked.file.text);
                actions.push(CodeAction {
                    title: format!(
                        "Fix all safe findings in this file ({} fix{})",
                        fixed.applied,
                        if fixed.applied == 1 { "" } else { "es" }
                    ),
                    kind: Some(fix_all),
                    edit: Some(edit_of(&doc.uri, vec![edit])),
                    ..CodeAction::default()
                });
            }
        }
        Some(
            actions
                .into_iter()
                .map(CodeActionOrCommand::CodeAction)
                .collect(),
        )
    }
}

fn safe_fixes(findings: &[Finding]) -> usize {
    findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|fix| fix.applicability == Applicability::Safe)
        .count()
}

/// Whether a finding's span touches the range asked about (a cursor is an
/// empty range).
fn overlaps(span: Span, asked: Span) -> bool {
    span.start <= asked.end && asked.start <= span.end
}

fn edit_of(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The edit that silences `finding` with a `disable-next-line` comment on
/// the line before it: before the fence that holds it when it is inside one
/// (a comment inside a fence is code), added to the comment already there
/// when there is one.
fn disable_edit(
    doc: &Doc,
    ast: &parse::ast::Document,
    lines: &Lines<'_>,
    finding: &Finding,
) -> TextEdit {
    let text: &str = &doc.text;
    let mut at = finding.span.start.min(text.len());
    if let Some(fence) = ast.fences.iter().find(|fence| {
        let end = fence.close.map_or(text.len(), |c| c.end);
        fence.open.start <= at && at < end && at >= fence.open.end
    }) {
        at = fence.open.start;
    }
    let line = lines.index.line_of(at);
    let line_start = lines.index.line_start(line);
    let existing = ast.directives.iter().find(|d| {
        d.word == "exambank-disable-next-line" && !d.unclosed && d.next_line.start == line_start
    });
    if let Some(directive) = existing {
        let inner = &text[directive.span.start..directive.span.end - "-->".len()];
        let end = directive.span.start + inner.trim_end().len();
        let separator = if directive.commas { ", " } else { " " };
        let point = lines.position(end);
        return TextEdit::new(
            lsp_types::Range::new(point, point),
            format!("{separator}{}", finding.name),
        );
    }
    let indent: String = text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let point = lines.position(line_start);
    TextEdit::new(
        lsp_types::Range::new(point, point),
        format!(
            "{indent}<!-- exambank-disable-next-line {} -->{newline}",
            finding.name
        ),
    )
}

/// One edit from the old text to `new`: the part between their common
/// start and end (the cursor and the rest of the file stay put).
fn minimal_edit(lines: &Lines<'_>, new: &str) -> TextEdit {
    let old = lines.text;
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let max_suffix = old.len().min(new.len()) - start;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    let range = lines.range(Span::new(start, old.len() - suffix));
    TextEdit::new(range, new[start..new.len() - suffix].to_owned())
}
