//! The skeleton pass: front matter, chapter and exercise headings, fences,
//! suppression comments.
//!
//! A heading-like line inside a fence is never a heading. The answer-block
//! grammar ([`super::answer`]) then reads each fence of an exercise, and
//! [`exercise_answer`] decides which of them holds the answer.

use super::answer::{Asks, fence_body, text_block};
use super::ast::{
    AnswerBlock, AnswerBody, Block, Chapter, CodeBlock, Directive, Document, Exercise, Fence,
    FrontMatter, FrontMatterEntry, TextBlock, UnclosedReason,
};
use super::code::{Tag, fence_tag, tag_word};
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
        lines: &lines[body_start..],
        doc,
        exercise: None,
    };
    for item in items {
        builder.push(item);
    }
    let mut doc = builder.finish();
    doc.directives = directives(text, &lines, &doc.fences);
    doc
}

/// Every directive starts with this; a file without it has none.
const DIRECTIVE_PREFIX: &str = "exambank-";

/// `directive = "<!--" *WSP "exambank-" word *( ( WSP / "," ) name ) *WSP "-->"`
///
/// Every such comment outside fences, in file order (a comment in a fence
/// is code: an HTML sample, a quiz about comments). A comment never closed
/// is kept when it starts like a directive.
fn directives(text: &str, lines: &[Line<'_>], fences: &[Fence]) -> Vec<Directive> {
    let mut out = Vec::new();
    if !text.contains(DIRECTIVE_PREFIX) {
        return out;
    }
    let in_fence = |offset: usize| {
        let k = fences.partition_point(|f| f.open.start <= offset);
        k.checked_sub(1)
            .is_some_and(|k| offset < fence_extent(&fences[k]).end)
    };
    let mut from = 0;
    while let Some(found) = text[from..].find("<!--") {
        let start = from + found;
        let body_start = start + 4;
        let (body, end, unclosed) = match text[body_start..].find("-->") {
            Some(len) => (
                &text[body_start..body_start + len],
                body_start + len + 3,
                false,
            ),
            None => (&text[body_start..], text.len(), true),
        };
        from = end;
        let trimmed = body.trim_start();
        if in_fence(start) || !trimmed.starts_with(DIRECTIVE_PREFIX) {
            continue;
        }
        let word_len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let (word, rest) = trimmed.split_at(word_len);
        let names = if unclosed {
            Vec::new()
        } else {
            rest.split(|c: char| c.is_whitespace() || c == ',')
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let span = if unclosed {
            Span::new(start, body_start)
        } else {
            Span::new(start, end)
        };
        out.push(Directive {
            span,
            word: if unclosed {
                String::new()
            } else {
                word.to_owned()
            },
            names,
            commas: rest.contains(','),
            unclosed,
            next_line: next_line(text, lines, fences, end),
        });
        if unclosed {
            break;
        }
    }
    out
}

/// The line after the one where a comment ends (at `end`), with its line
/// ending; when that line opens a fence, the fence through its closing line.
fn next_line(text: &str, lines: &[Line<'_>], fences: &[Fence], end: usize) -> Span {
    let here = lines.partition_point(|l| l.start < end).saturating_sub(1);
    let Some(line) = lines.get(here + 1) else {
        return Span::new(text.len(), text.len());
    };
    let start = line.start;
    if let Some(fence) = fences.iter().find(|f| f.open.start == start) {
        return fence_extent(fence);
    }
    let end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    Span::new(start, end)
}

/// From a fence's opening line to the end of its closing line (or of its
/// content, when it is never closed).
#[must_use]
pub fn fence_extent(fence: &Fence) -> Span {
    let end = fence
        .close
        .map_or(fence.content.end.max(fence.open.end), |c| c.end);
    Span::new(fence.open.start, end)
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
            let (fence, content, next) = fence(lines, k, fence_char, run, info);
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
fn fence(
    lines: &[Line<'_>],
    open: usize,
    fence_char: char,
    run: usize,
    info: &str,
) -> (Fence, std::ops::Range<usize>, usize) {
    let bare = !matches!(
        fence_tag(Some(info).filter(|i| !i.is_empty())),
        Tag::Code(_)
    );
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
        info: (!info.is_empty()).then(|| tag_word(info).to_ascii_lowercase()),
        language: None,
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

struct Builder<'l, 't> {
    lines: &'l [Line<'t>],
    doc: Document,
    exercise: Option<OpenExercise>,
}

struct OpenExercise {
    exercise: Exercise,
    /// Index of the last non-blank line of the section so far.
    last_line: usize,
    /// The paragraph being read.
    prose: Vec<usize>,
    /// The prose lines before the first fence and the first `###`.
    lead_prose: Vec<usize>,
    subsection: bool,
    fenced: bool,
    /// The fences before any `###`, read, with their tags.
    candidates: Vec<Candidate>,
}

struct Candidate {
    fence: usize,
    tag: Tag,
    body: AnswerBody,
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
                let marker_len = title.len() - title.trim_start_matches('#').len();
                let stray_marker = (marker_len > 0 && title[marker_len..].starts_with([' ', '\t']))
                    .then(|| Span::new(title_span.start, title_span.start + marker_len));
                self.exercise = Some(OpenExercise {
                    exercise: Exercise {
                        heading: Span::new(l.start, l.start + l.trimmed_end().len()),
                        title: title.to_owned(),
                        title_span,
                        span: l.span(),
                        blocks: Vec::new(),
                        answer: None,
                        prompt: Vec::new(),
                        stray_marker,
                    },
                    last_line: line,
                    prose: Vec::new(),
                    lead_prose: Vec::new(),
                    subsection: false,
                    fenced: false,
                    candidates: Vec::new(),
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
                let lines = self.lines;
                let fence = &self.doc.fences[index];
                let tag = fence_tag(fence.info.as_deref());
                // A content of blank lines only reads as no lines at all.
                let content_lines = if fence.content.is_empty() {
                    &lines[..0]
                } else {
                    &lines[content]
                };
                let asks = self.exercise.as_ref().map_or(Asks::default(), |open| Asks {
                    title: &open.exercise.title,
                    before: &open.exercise.blocks,
                });
                let body = fence_body(content_lines, tag, index, asks);
                if let AnswerBody::Code(code) = &body {
                    self.doc.fences[index].language = code.parts.first().map(|p| p.language);
                }
                let Some(open) = self.open_at(last_line) else {
                    return;
                };
                open.exercise.blocks.push(Block::Fence { index });
                if !open.subsection {
                    open.fenced = true;
                    open.candidates.push(Candidate {
                        fence: index,
                        tag,
                        body,
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
                    if !open.subsection && !open.fenced {
                        open.lead_prose.push(line);
                    }
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
        let last = &self.lines[open.last_line];
        let mut exercise = exercise_answer(open, self.lines);
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

/// `exercise_answer`: which of an exercise's fences holds its answer, and
/// what the learner reads as the question (see [`AnswerBlock`]).
fn exercise_answer(open: OpenExercise, lines: &[Line<'_>]) -> Exercise {
    let OpenExercise {
        mut exercise,
        lead_prose,
        subsection,
        candidates,
        ..
    } = open;
    let quiz = candidates.iter().position(|c| {
        matches!(
            c.body,
            AnswerBody::Choice(_) | AnswerBody::Categorize(_) | AnswerBody::Order(_)
        )
    });
    // A bare or plain-text fence is an answer block whatever it holds; a
    // fence tagged as code is one when it holds prose.
    let block = quiz.or_else(|| {
        candidates.iter().position(|c| {
            matches!(c.tag, Tag::Bare | Tag::Text) || matches!(c.body, AnswerBody::FreeText(_))
        })
    });
    let mut all_prose = false;
    let answer = if let Some(k) = block {
        let candidate = candidates.into_iter().nth(k).expect("found above");
        Some(AnswerBlock {
            fence: Some(candidate.fence),
            body: candidate.body,
        })
    } else if !subsection && !candidates.is_empty() {
        let empty_fences = candidates
            .iter()
            .all(|c| matches!(c.body, AnswerBody::Empty));
        let first_fence = candidates.first().map(|c| c.fence);
        // A coding exercise: its model answer is every code fence, in order.
        let parts: Vec<_> = candidates
            .into_iter()
            .filter_map(|c| match c.body {
                AnswerBody::Code(code) => code.parts.into_iter().next(),
                _ => None,
            })
            .collect();
        all_prose = true;
        match parts.first().map(|first| first.fence) {
            Some(fence) => Some(AnswerBlock {
                fence: Some(fence),
                body: AnswerBody::Code(CodeBlock {
                    parts,
                    solution: true,
                }),
            }),
            // Only empty fences: an empty section.
            None if empty_fences => first_fence.map(|fence| AnswerBlock {
                fence: Some(fence),
                body: AnswerBody::Empty,
            }),
            None => None,
        }
    } else if !subsection && candidates.is_empty() && !lead_prose.is_empty() {
        let (question, answer) = prose_answer(&lead_prose, lines);
        exercise.prompt.extend(question);
        exercise.answer = Some(AnswerBlock {
            fence: None,
            body: answer.map_or(AnswerBody::Empty, AnswerBody::FreeText),
        });
        return exercise;
    } else {
        None
    };
    let answer_fence = answer.as_ref().and_then(|a| a.fence);
    exercise.prompt = exercise
        .blocks
        .iter()
        .take_while(|b| match b {
            Block::Subheading { .. } => false,
            Block::Fence { index } => all_prose || Some(*index) != answer_fence,
            Block::Prose { .. } => true,
        })
        .filter_map(|b| match b {
            Block::Prose { span, text } => Some(TextBlock {
                span: *span,
                text: text.clone(),
            }),
            _ => None,
        })
        .collect();
    exercise
        .prompt
        .extend(answer.as_ref().and_then(|a| a.stem()).cloned());
    exercise.answer = answer;
    exercise
}

/// An exercise written as prose alone: the question, up to its first
/// paragraph's last line that ends in `?`, and the answer after it (the
/// whole prose when nothing asks: the heading is the question).
fn prose_answer(prose: &[usize], lines: &[Line<'_>]) -> (Option<TextBlock>, Option<TextBlock>) {
    let paragraph_end = prose
        .windows(2)
        .position(|w| w[1] != w[0] + 1)
        .map_or(prose.len(), |k| k + 1);
    let asked = prose[..paragraph_end]
        .iter()
        .rposition(|&k| lines[k].text.trim_end().ends_with('?'));
    let (first, last) = (prose[0], prose[prose.len() - 1]);
    match asked {
        Some(q) => (
            text_block(&lines[first..=prose[q]]),
            prose
                .get(q + 1)
                .and_then(|&from| text_block(&lines[from..=last])),
        ),
        None => (None, text_block(&lines[first..=last])),
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
