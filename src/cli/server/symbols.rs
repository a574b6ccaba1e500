//! Document symbols: the chapters and exercises, each exercise with the
//! kind of item it makes, for the editor's outline.

use lsp_types::{DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind};

use super::Server;
use super::position::Lines;
use exambank::lint::Severity;
use exambank::model::{self, ItemKind};
use exambank::parse::{self, ast};
use exambank::source::{LineIndex, SourceFile, Span};

impl Server<'_> {
    pub(super) fn symbols(&self, params: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
        let doc = self.doc(&params.text_document.uri)?;
        let settings = &doc.checked.as_ref()?.settings;
        let index = LineIndex::new(&doc.text);
        let lines = Lines {
            text: &doc.text,
            index: &index,
        };
        let tree = parse::parse(&doc.text);
        let file = SourceFile::new(doc.display.clone(), std::sync::Arc::clone(&doc.text));
        let course = model::lower_with(&file, &tree, &index, "", &settings.items);
        let kinds: Vec<(usize, ItemKind)> = course
            .chapters
            .iter()
            .flat_map(|c| c.items.iter())
            .map(|item| (item.source.line, item.kind()))
            .collect();
        let findings = &doc.checked.as_ref()?.findings;
        let exercise = |e: &ast::Exercise| {
            let line = index.line_of(e.heading.start) + 1;
            let kind = kinds.iter().find(|(l, _)| *l == line).map(|(_, k)| *k);
            // An item with errors stops `build`: the outline says so.
            let errors = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .filter(|f| e.span.start <= f.span.start && f.span.start < e.span.end)
                .count();
            let mut detail = kind.map_or("not an item", ItemKind::as_str).to_owned();
            if errors > 0 {
                let plural = if errors == 1 { "" } else { "s" };
                detail.push_str(&format!(" · {errors} error{plural}"));
            }
            symbol(
                &lines,
                e.title.clone(),
                &detail,
                kind.map_or(SymbolKind::NULL, symbol_kind),
                e.span,
                e.heading,
                None,
            )
        };
        let mut symbols: Vec<DocumentSymbol> = tree.preamble.iter().map(exercise).collect();
        for chapter in &tree.chapters {
            let end = chapter
                .exercises
                .last()
                .map_or(chapter.heading.end, |e| e.span.end);
            let name = doc.text[chapter.heading.start..chapter.heading.end]
                .trim_start_matches('#')
                .trim()
                .to_owned();
            let children: Vec<DocumentSymbol> = chapter.exercises.iter().map(exercise).collect();
            let detail = format!(
                "{} exercise{}",
                children.len(),
                if children.len() == 1 { "" } else { "s" }
            );
            symbols.push(symbol(
                &lines,
                name,
                &detail,
                SymbolKind::NAMESPACE,
                Span::new(chapter.heading.start, end),
                chapter.heading,
                Some(children),
            ));
        }
        Some(DocumentSymbolResponse::Nested(symbols))
    }
}

/// How an outline draws an item kind (the detail names the kind).
fn symbol_kind(kind: ItemKind) -> SymbolKind {
    match kind {
        ItemKind::SingleChoice | ItemKind::MultipleChoice => SymbolKind::ENUM,
        ItemKind::Categorize => SymbolKind::STRUCT,
        ItemKind::Order => SymbolKind::ARRAY,
        ItemKind::Code => SymbolKind::FUNCTION,
        ItemKind::FreeText => SymbolKind::STRING,
    }
}

fn symbol(
    lines: &Lines<'_>,
    name: String,
    detail: &str,
    kind: SymbolKind,
    span: Span,
    heading: Span,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    // An empty name is refused by some clients (VS Code).
    let name = if name.trim().is_empty() {
        "(untitled)".to_owned()
    } else {
        name
    };
    #[allow(deprecated)]
    DocumentSymbol {
        name,
        detail: Some(detail.to_owned()),
        kind,
        tags: None,
        deprecated: None,
        range: lines.range(span.cover(heading)),
        selection_range: lines.range(heading),
        children,
    }
}
