//! The skeleton pass: front matter, chapter and exercise headings, fences.
//!
//! A heading-like line inside a fence is never a heading. The answer-block
//! grammar ([`super::answer`]) then runs inside each exercise's bare fence.

use super::answer::answer_body;
use super::ast::{
    AnswerBlock, Block, Chapter, Document, Exercise, Fence, FrontMatter, FrontMatterEntry,
    UnclosedReason,
};
use super::grammar::{atx_heading, chapter_title, fence_delimiter, front_matter_entry};
use super::lines::{Line, split_lines};
use crate::source::Span;

/// `document = [front_matter] *( chapter / exercise / line )`
///
/// Never fails: every text is a document, perhaps a badly written one.
#[must_use]
pub fn document(text: &str) -> Document {
    let lines = split_lines(text);
    let mut doc = Document::default();
    let (front_matter, body_start) = front_matter(&lines);
    doc.front_matter = front_matter;
    doc.trailing_whitespace = lines
        .iter()
        .filter_map(|l| {
            let trimmed = l.text.trim_end_matches([' ', '\t']);
            (trimmed.len() < l.text.len()).then(|| Span::new(l.start + trimmed.len(), l.end()))
        })
        .collect();

    let items = scan(&lines[body_start..], &mut doc.fences);
    let mut builder = Builder {
        text,
        lines: &lines[body_start..],
        doc,
        exercise: None,
    };
    for item in items {
        builder.push(item);
    }
    builder.finish()
}

/// `front_matter = "---" EOL *front_matter_entry "---" EOL`
fn front_matter(lines: &[Line<'_>]) -> (Option<FrontMatter>, usize) {
    if lines.first().is_none_or(|l| l.trimmed_end() != "---") {
        return (None, 0);
    }
    let Some(close) = lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trimmed_end(), "---" | "..."))
        .map(|k| k + 1)
    else {
        return (None, 0);
    };
    let entries = lines[1..close]
        .iter()
        .filter_map(|l| {
            let (_, (key, value)) = front_matter_entry(l.text).ok()?;
            Some(FrontMatterEntry {
                key: key.to_owned(),
                value: value.to_owned(),
                span: l.span(),
            })
        })
        .collect();
    let span = Span::new(lines[0].start, lines[close].end());
    (Some(FrontMatter { span, entries }), close + 1)
}

/// What the skeleton pass finds on the lines outside fences.
enum Item {
    Heading {
        line: usize,
        level: usize,
    },
    Fence {
        index: usize,
        /// Line indices of the fence's content.
        content: std::ops::Range<usize>,
        last_line: usize,
    },
    Text {
        line: usize,
    },
}

/// Finds headings and fences, deciding where each fence really ends.
fn scan(lines: &[Line<'_>], fences: &mut Vec<Fence>) -> Vec<Item> {
    let mut items = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let line = &lines[k];
        if let Ok((_, (fence_char, run, info))) = fence_delimiter(line.text) {
            let (fence, content, next) = fence_from(lines, k, fence_char, run, info);
            items.push(Item::Fence {
                index: fences.len(),
                content,
                last_line: next - 1,
            });
            fences.push(fence);
            k = next;
            continue;
        }
        if let Ok((_, (level, _))) = atx_heading(line.text) {
            items.push(Item::Heading { line: k, level });
        } else {
            items.push(Item::Text { line: k });
        }
        k += 1;
    }
    items
}

/// Reads the fence opened at line `open`; returns it, the line indices of
/// its content and the next line index.
fn fence_from(
    lines: &[Line<'_>],
    open: usize,
    fence_char: char,
    run: usize,
    info: &str,
) -> (Fence, std::ops::Range<usize>, usize) {
    let bare = info.is_empty();
    let mut k = open + 1;
    let mut end = lines.len();
    let mut close = None;
    let mut unclosed = Some(UnclosedReason::EndOfFile);
    while k < lines.len() {
        let text = lines[k].text;
        if let Ok((_, (c, n, rest))) = fence_delimiter(text)
            && c == fence_char
            && n >= run
            && rest.is_empty()
        {
            if bare && exercise_heading_before_fence(lines, k) {
                // `## Next` then a fence line then answer content: the fence
                // line opens the next exercise's block; ours was never closed.
                end = k - 1;
                unclosed = Some(UnclosedReason::ExerciseHeading);
                break;
            }
            end = k;
            close = Some(lines[k].span());
            unclosed = None;
            break;
        }
        if bare && chapter_heading_before_exercise(lines, k) {
            end = k;
            unclosed = Some(UnclosedReason::ChapterHeading);
            break;
        }
        k += 1;
    }
    let content_range = (open + 1).min(end)..end;
    let content_lines = &lines[content_range.clone()];
    let content = match (content_lines.first(), content_lines.last()) {
        (Some(first), Some(last)) => Span::new(first.start, last.end()),
        _ => {
            let at = lines[open].end();
            Span::new(at, at)
        }
    };
    let next = if close.is_some() { end + 1 } else { end };
    let fence = Fence {
        open: lines[open].span(),
        info: (!info.is_empty()).then(|| {
            info.split_whitespace()
                .next()
                .unwrap_or(info)
                .to_ascii_lowercase()
        }),
        content,
        close,
        unclosed,
    };
    (fence, content_range, next)
}

/// Whether line `k` is a numbered chapter heading whose next non-blank line
/// is an exercise heading: the start of a new chapter, not a `# 1.` comment.
fn chapter_heading_before_exercise(lines: &[Line<'_>], k: usize) -> bool {
    let is_chapter = matches!(atx_heading(lines[k].text), Ok((_, (1, title)))
        if matches!(chapter_title(title), Ok((_, (Some(_), _)))));
    is_chapter
        && lines[k + 1..]
            .iter()
            .find(|l| !l.is_blank())
            .is_some_and(|l| matches!(atx_heading(l.text), Ok((_, (2, _)))))
}

/// Whether the fence line at `k` follows a `## heading` line directly and is
/// itself followed by a non-blank, non-heading line: the shape of an exercise
/// whose previous answer block was never closed.
fn exercise_heading_before_fence(lines: &[Line<'_>], k: usize) -> bool {
    let heading_before = k
        .checked_sub(1)
        .is_some_and(|h| matches!(atx_heading(lines[h].text), Ok((_, (2, t)))  if !t.is_empty()));
    let content_after = lines.get(k + 1).is_some_and(|l| {
        !l.is_blank() && atx_heading(l.text).is_err() && fence_delimiter(l.text).is_err()
    });
    heading_before && content_after
}

struct Builder<'t, 'l> {
    text: &'t str,
    lines: &'l [Line<'t>],
    doc: Document,
    exercise: Option<OpenExercise>,
}

struct OpenExercise {
    exercise: Exercise,
    /// Index of the last non-blank line of the section so far.
    last_line: usize,
    prose: Vec<usize>,
    subsection: bool,
}

impl Builder<'_, '_> {
    fn push(&mut self, item: Item) {
        if !matches!(item, Item::Text { .. }) {
            self.flush_prose();
        }
        match item {
            Item::Heading { line, level: 1 } => {
                self.close_exercise();
                let l = &self.lines[line];
                let (_, (_, heading_text)) = atx_heading(l.text).expect("scan found a heading");
                let (_, (number, title)) =
                    chapter_title(heading_text).expect("rest always matches");
                self.doc.chapters.push(Chapter {
                    heading: Span::new(l.start, l.start + l.trimmed_end().len()),
                    number: number.map(|n| n.parse().unwrap_or(u64::MAX)),
                    number_span: number.map(|n| l.sub_span(n)),
                    title: title.to_owned(),
                    exercises: Vec::new(),
                });
            }
            Item::Heading { line, level: 2 } => {
                self.close_exercise();
                let l = &self.lines[line];
                let (_, (_, title)) = atx_heading(l.text).expect("scan found a heading");
                let title_span = if title.is_empty() {
                    Span::new(l.end(), l.end())
                } else {
                    l.sub_span(title)
                };
                self.exercise = Some(OpenExercise {
                    exercise: Exercise {
                        heading: Span::new(l.start, l.start + l.trimmed_end().len()),
                        title: title.to_owned(),
                        title_span,
                        span: l.span(),
                        blocks: Vec::new(),
                        answer: None,
                    },
                    last_line: line,
                    prose: Vec::new(),
                    subsection: false,
                });
            }
            Item::Heading { line, .. } => {
                let l = &self.lines[line];
                let (_, (_, title)) = atx_heading(l.text).expect("scan found a heading");
                if let Some(open) = self.open_at(line) {
                    open.subsection = true;
                    open.exercise.blocks.push(Block::Subheading {
                        span: Span::new(l.start, l.start + l.trimmed_end().len()),
                        title: title.to_owned(),
                    });
                }
            }
            Item::Fence {
                index,
                content,
                last_line,
            } => {
                let text = self.text;
                let lines = self.lines;
                let fence = &self.doc.fences[index];
                let is_answer = fence.info.is_none();
                // A content of blank lines only reads as no lines at all.
                let content_lines = if fence.content.is_empty() {
                    &lines[..0]
                } else {
                    &lines[content]
                };
                let Some(open) = self.open_at(last_line) else {
                    return;
                };
                open.exercise.blocks.push(Block::Fence { index });
                if is_answer && !open.subsection && open.exercise.answer.is_none() {
                    open.exercise.answer = Some(AnswerBlock {
                        fence: index,
                        body: answer_body(text, content_lines),
                    });
                }
            }
            Item::Text { line } => {
                // An HTML comment line (a suppression, a note to co-authors)
                // is hidden by renderers: it ends a paragraph but is neither
                // prose of the exercise nor part of its extent.
                if self.lines[line].is_blank() || is_comment_line(self.lines[line].text) {
                    self.flush_prose();
                } else if let Some(open) = self.open_at(line) {
                    open.prose.push(line);
                }
            }
        }
    }

    /// The open exercise, with `line` recorded as its last non-blank line.
    fn open_at(&mut self, line: usize) -> Option<&mut OpenExercise> {
        let open = self.exercise.as_mut()?;
        open.last_line = line;
        Some(open)
    }

    fn flush_prose(&mut self) {
        let lines = self.lines;
        let Some(open) = self.exercise.as_mut() else {
            return;
        };
        if open.prose.is_empty() {
            return;
        }
        let first = &lines[open.prose[0]];
        let last = &lines[*open.prose.last().expect("non-empty")];
        let text = open
            .prose
            .iter()
            .map(|&k| lines[k].text.trim())
            .collect::<Vec<_>>()
            .join("\n");
        let span = Span::new(first.start, last.start + last.trimmed_end().len());
        open.exercise.blocks.push(Block::Prose { span, text });
        open.prose.clear();
    }

    fn close_exercise(&mut self) {
        self.flush_prose();
        let Some(open) = self.exercise.take() else {
            return;
        };
        let mut exercise = open.exercise;
        let last = &self.lines[open.last_line];
        let end = (last.start + last.trimmed_end().len()).max(exercise.heading.end);
        exercise.span = Span::new(exercise.heading.start, end);
        match self.doc.chapters.last_mut() {
            Some(chapter) => chapter.exercises.push(exercise),
            None => self.doc.preamble.push(exercise),
        }
    }

    fn finish(mut self) -> Document {
        self.close_exercise();
        self.doc
    }
}

/// A line holding one HTML comment and nothing else (`<!-- ... -->`).
fn is_comment_line(text: &str) -> bool {
    let text = text.trim();
    text.len() >= 7
        && text.starts_with("<!--")
        && text.ends_with("-->")
        && !text[4..text.len() - 3].contains("-->")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::ast::Block;

    #[test]
    fn comment_lines_are_not_prose_nor_extent() {
        let text = "# 1. A\n## Q\n<!-- exambank-disable-next-line EB102 -->\nAsk.\n```\n[x]a\n[ ]b\n```\n<!-- trailing -->\n## R\n";
        let doc = document(text);
        let exercise = &doc.chapters[0].exercises[0];
        let prose: Vec<_> = exercise
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Prose { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(prose, ["Ask."]);
        assert!(text[exercise.span.start..exercise.span.end].ends_with("```"));
        assert!(!is_comment_line("<!-- a --> b -->"));
        assert!(!is_comment_line("text <!-- a -->"));
    }
}
