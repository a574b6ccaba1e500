//! Hover: a rule's documentation on a finding or on a rule named in a
//! suppression comment; on an exercise heading, the item as the bank will
//! hold it and the targets that approximate it.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::position::Lines;
use super::{Doc, Server, covers, id_prefix, rule_doc_page, rule_named};
use exambank::export::{ExportOptions, exporters};
use exambank::lint::{RuleMeta, Severity};
use exambank::model::{self, Item, ItemBody};
use exambank::parse;
use exambank::source::{LineIndex, SourceFile, Span};

impl Server<'_> {
    pub(super) fn hover(&self, params: HoverParams) -> Option<Hover> {
        let at = params.text_document_position_params;
        let doc = self.doc(&at.text_document.uri)?;
        let checked = doc.checked.as_ref()?;
        let index = LineIndex::new(&doc.text);
        let lines = Lines {
            text: &doc.text,
            index: &index,
        };
        let offset = lines.offset(at.position);
        let ast = parse::parse(&doc.text);
        let mut parts = Vec::new();
        let mut range = None;

        let exercises = ast
            .preamble
            .iter()
            .chain(ast.chapters.iter().flat_map(|c| c.exercises.iter()));
        if let Some(exercise) = exercises
            .into_iter()
            .find(|e| e.heading.start <= offset && offset <= e.heading.end)
        {
            parts.push(self.preview(doc, &ast, &index, exercise.heading, exercise.span));
            range = Some(lines.range(exercise.heading));
        }

        if let Some(directive) = ast
            .directives
            .iter()
            .find(|d| d.span.start <= offset && offset < d.span.end)
            && let Some(meta) = word_at(&doc.text, offset).and_then(rule_named)
        {
            parts.push(rule_doc_page(meta));
            range.get_or_insert(lines.range(directive.span));
        }

        let mut shown: Vec<&str> = Vec::new();
        for finding in checked.findings.iter().filter(|f| covers(f.span, offset)) {
            let Some(meta) = rule_named(finding.code) else {
                continue;
            };
            if shown.contains(&finding.code) {
                continue;
            }
            shown.push(finding.code);
            parts.push(finding_doc(meta, &finding.message, finding.help.as_deref()));
            range.get_or_insert(lines.range(finding.span));
        }
        if parts.is_empty() {
            return None;
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n---\n\n"),
            }),
            range,
        })
    }

    /// The item an exercise becomes, as `build` of the workspace makes it.
    fn preview(
        &self,
        doc: &Doc,
        ast: &parse::ast::Document,
        index: &LineIndex,
        heading: Span,
        span: Span,
    ) -> String {
        let settings = &doc.checked.as_ref().expect("checked").settings;
        let file = SourceFile::new(doc.display.clone(), std::sync::Arc::clone(&doc.text));
        let prefix = id_prefix(self, &doc.display);
        let course = model::lower_with(&file, ast, index, &prefix, &settings.items);
        let line = index.line_of(heading.start) + 1;
        let item = course
            .chapters
            .iter()
            .flat_map(|c| c.items.iter())
            .find(|item| item.source.line == line);
        let errors = doc.checked.as_ref().map_or(0, |c| {
            c.findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .filter(|f| {
                    span.start <= f.span.start && f.span.start < span.end.max(span.start + 1)
                })
                .count()
        });
        let Some(item) = item else {
            return "**Not an item**: the bank holds nothing for this exercise (no answer \
                    block, or a coding exercise while `coding-exercises` is off)."
                .to_owned();
        };
        item_preview(item, errors)
    }
}

/// The rule's page under the finding's own message and help.
fn finding_doc(meta: &RuleMeta, message: &str, help: Option<&str>) -> String {
    let mut text = format!("**{message}**");
    if let Some(help) = help {
        let _ = write!(text, "\n\nhelp: {help}");
    }
    text.push_str("\n\n");
    text.push_str(&rule_doc_page(meta));
    text
}

/// The rule code or name under `offset`: letters, digits and `-`.
fn word_at(text: &str, offset: usize) -> Option<&str> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = offset
        + text[offset..]
            .char_indices()
            .find(|(_, c)| !is_word(*c))
            .map_or(text.len() - offset, |(i, _)| i);
    (start < end).then(|| &text[start..end])
}

/// An item as Markdown: kind and id, prompt, what the learner answers with
/// the key marked, feedback, and the targets that approximate its kind.
fn item_preview(item: &Item, errors: usize) -> String {
    let mut out = format!("**{}** `{}`\n\n", item.kind().as_str(), item.id);
    if errors > 0 {
        let _ = writeln!(
            out,
            "**{errors} error{}**: `build` writes no bank until {} fixed \
             (`--skip-invalid` leaves this item out).\n",
            if errors == 1 { "" } else { "s" },
            if errors == 1 { "it is" } else { "they are" }
        );
    }
    for line in item.prompt.lines() {
        let _ = writeln!(out, "> {line}");
    }
    out.push('\n');
    let feedback = |text: &Option<String>| {
        text.as_ref()
            .map_or_else(String::new, |f| format!(" — _{}_", one_line(f)))
    };
    match &item.body {
        ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
            for option in options {
                let mark = if option.correct { "**[x]**" } else { "[ ]" };
                let key = if option.correct { " ← key" } else { "" };
                let _ = writeln!(
                    out,
                    "- {mark} {}{key}{}",
                    one_line(&option.text),
                    feedback(&option.feedback)
                );
            }
        }
        ItemBody::Categorize { groups } => {
            for group in groups {
                let _ = writeln!(out, "- **{}**", one_line(&group.name));
                for entry in &group.items {
                    let _ = writeln!(
                        out,
                        "  - {}{}",
                        one_line(&entry.text),
                        feedback(&entry.feedback)
                    );
                }
            }
        }
        ItemBody::Order { steps } => {
            for (n, step) in steps.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "{}. {}{}",
                    n + 1,
                    one_line(&step.text),
                    feedback(&step.feedback)
                );
            }
        }
        ItemBody::Code { answer } | ItemBody::FreeText { answer } => {
            let fence = "`".repeat(longest_backtick_run(&answer.text).max(2) + 1);
            let _ = writeln!(
                out,
                "Model answer:\n\n{fence}{}\n{}\n{fence}",
                answer.language.as_deref().unwrap_or(""),
                answer.text.trim_end()
            );
        }
    }
    if let Some(general) = &item.feedback {
        let _ = writeln!(out, "\nFeedback: _{}_", one_line(general));
    }
    let options = ExportOptions::default();
    let approximations: Vec<String> = exporters()
        .into_iter()
        .filter_map(|target| {
            let what = target.limitation(item.kind(), &options)?;
            Some(format!(
                "- `{}`: {} items {what}",
                target.name(),
                item.kind().as_str()
            ))
        })
        .collect();
    if approximations.is_empty() {
        out.push_str("\nEvery target writes it as it is.\n");
    } else {
        out.push_str("\nApproximated by:\n");
        for line in approximations {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::word_at;

    #[test]
    fn words_are_codes_and_names() {
        let text = "<!-- exambank-disable-next-line EB102, no-correct-option -->";
        let at = text.find("102").unwrap();
        assert_eq!(word_at(text, at), Some("EB102"));
        let at = text.find("correct").unwrap();
        assert_eq!(word_at(text, at), Some("no-correct-option"));
        assert_eq!(word_at(text, text.find(", ").unwrap() + 1), None);
    }
}
