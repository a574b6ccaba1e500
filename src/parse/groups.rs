//! Categorizations: items sorted under group headers.
//!
//! A header is `## Group`, `### Group`, `Group:`, or a bare label known by
//! the block's shape: a short line followed by bulleted items, or by items
//! longer than itself, and never repeated as an item. No word list decides.

use super::answer::{note, text_block};
use super::ast::CodeLanguage;
use super::ast::{CategorizeBlock, Group, GroupItem, HeaderStyle};
use super::code::{Tag, code_language, prose_line, python_line, reference};
use super::explain::{Pieces, add_explanation, candidates, majority_splits, split_explanation};
use super::grammar::{
    bullet_item, colon_group_header, hash_group_header, note_start, numbered_step,
};
use super::lines::Line;
use crate::source::Span;

/// A header line of a categorization, as found.
#[derive(Debug, Clone, Copy)]
pub struct HeaderAt<'a> {
    /// Index into the block's lines.
    pub line: usize,
    pub name: &'a str,
    pub style: HeaderStyle,
}

/// `hash_categorize_body`: the headers of a block with two `#`, `##` or
/// `###` headers or more. In code where `#` starts a comment (by its tag or
/// its content) they are its comments, unless what stands under them reads
/// as sentences rather than code.
#[must_use]
pub fn hash_group_headers<'a>(lines: &[Line<'a>], tag: Tag) -> Option<Vec<HeaderAt<'a>>> {
    let mut headers = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        if !line.text.trim_start().starts_with('#') {
            continue;
        }
        if let Ok((_, (level, name))) = hash_group_header(line.text) {
            let style = match level {
                1 => HeaderStyle::Hash1,
                2 => HeaderStyle::Hash2,
                _ => HeaderStyle::Hash3,
            };
            headers.push(HeaderAt {
                line: k,
                name,
                style,
            });
        }
    }
    if headers.len() < 2 {
        return None;
    }
    let commented = |language| {
        matches!(
            language,
            CodeLanguage::Python
                | CodeLanguage::Shell
                | CodeLanguage::R
                | CodeLanguage::Yaml
                | CodeLanguage::Other
        )
    };
    let hash_comments = match tag {
        Tag::Code(language) => commented(language),
        Tag::Bare | Tag::Text => code_language(lines).is_some_and(commented),
    };
    if hash_comments {
        // Headers of `##` or deeper over no statement (`.str.lower()`,
        // `pandas.cut()` sorted into groups), or any headers over sentences.
        let deep = headers.iter().all(|h| h.style != HeaderStyle::Hash1);
        let (mut items, mut prose) = (0usize, 0usize);
        let mut header = headers.iter().peekable();
        for (k, line) in lines.iter().enumerate() {
            if header.peek().is_some_and(|h| h.line == k) {
                header.next();
                continue;
            }
            let t = line.text.trim();
            if t.is_empty() {
                continue;
            }
            if python_line(t) && !reference(t) {
                return None;
            }
            items += 1;
            if !deep {
                prose += usize::from(prose_line(t));
            }
        }
        if !deep && prose * 2 < items {
            return None;
        }
    }
    Some(headers)
}

/// A line short enough to be a bare label: six words or fewer, no sentence
/// end, not a list entry. A label may end in `;`.
fn label_group_header(text: &str) -> Option<&str> {
    let t = text.trim();
    let name = t.strip_suffix(';').unwrap_or(t).trim_end();
    let words = name.split_whitespace().count();
    let ok = (1..=6).contains(&words)
        && name.chars().count() <= 60
        && !name.ends_with(['.', '?', '!', ',', ':'])
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '`')
        && bullet_item(name).is_err()
        && numbered_step(name).is_err()
        && !name.contains(": ");
    ok.then_some(name)
}

/// `group_header = hash_group_header / colon_group_header / label_group_header`
///
/// The headers of a categorization written with `Group:` headers (two or
/// more), a single `## Group` header, or bare labels over bulleted items or
/// over paragraphs of longer items; `None` when the block is none of these.
#[must_use]
pub fn group_headers<'a>(lines: &[Line<'a>]) -> Option<Vec<HeaderAt<'a>>> {
    let next_nonblank = |k: usize| (k + 1..lines.len()).find(|&j| !lines[j].is_blank());
    let bullet = |k: usize| bullet_item(lines[k].text).is_ok();
    let colon = |k: usize| colon_group_header(lines[k].text).ok().map(|(_, n)| n);
    let colon_count = (0..lines.len()).filter(|&k| colon(k).is_some()).count();
    let bullets = (0..lines.len()).filter(|&k| bullet(k)).count();

    let single_hash = (0..lines.len())
        .find(|&k| matches!(hash_group_header(lines[k].text), Ok((_, (level, _))) if level >= 2));
    let headers = if let Some(k) = single_hash {
        // One `## Group`: a categorization with too few groups.
        let (_, (level, name)) = hash_group_header(lines[k].text).ok()?;
        let style = if level == 2 {
            HeaderStyle::Hash2
        } else {
            HeaderStyle::Hash3
        };
        vec![HeaderAt {
            line: k,
            name,
            style,
        }]
    } else if bullets >= 2 {
        bulleted_headers(lines, colon_count >= 2)
    } else if colon_count >= 2 {
        (0..lines.len())
            .filter_map(|k| {
                colon(k).map(|name| HeaderAt {
                    line: k,
                    name,
                    style: HeaderStyle::Colon,
                })
            })
            .collect()
    } else {
        paragraph_headers(lines)?
    };
    let mut headers = headers;
    // A leading header with nothing under it and another header right after
    // (`Statements:` over `True:` / `False:`) introduces the groups.
    // Two groups at least remain: with only one other header, the empty
    // one is a group of its own.
    while headers.len() >= 3 && next_nonblank(headers[0].line) == Some(headers[1].line) {
        headers.remove(0);
    }
    // Further on, a `Label:` line right under a header (no blank line
    // between) is the group's first item (`Invalid reference:` over `The
    // message:` and the message).
    let mut k = 1;
    while k < headers.len() {
        if headers[k].style == HeaderStyle::Colon && headers[k].line == headers[k - 1].line + 1 {
            headers.remove(k);
        } else {
            k += 1;
        }
    }
    let single_hash =
        headers.len() == 1 && matches!(headers[0].style, HeaderStyle::Hash2 | HeaderStyle::Hash3);
    if headers.len() < 2 && !single_hash {
        return None;
    }
    Some(headers)
}

/// Headers over bulleted items: each line that is not a bullet and is
/// followed by one, when it is short (a label or `Group:`); with `Group:`
/// headers in the block, a `Group:` with no bullet under it too (an empty
/// group). A label that is also an item is not a header.
fn bulleted_headers<'a>(lines: &[Line<'a>], colons: bool) -> Vec<HeaderAt<'a>> {
    let next_nonblank = |k: usize| (k + 1..lines.len()).find(|&j| !lines[j].is_blank());
    let items: Vec<&str> = lines
        .iter()
        .filter_map(|l| bullet_item(l.text).ok().map(|(_, item)| item.trim()))
        .collect();
    let mut headers = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        if line.is_blank() || bullet_item(line.text).is_ok() || line.text.starts_with([' ', '\t']) {
            continue;
        }
        let before_bullet = next_nonblank(k).is_some_and(|j| bullet_item(lines[j].text).is_ok());
        let (name, style) = if let Ok((_, name)) = colon_group_header(line.text) {
            (name, HeaderStyle::Colon)
        } else if let Some(name) = label_group_header(line.text) {
            (name, HeaderStyle::Label)
        } else {
            continue;
        };
        let empty_group = colons && style == HeaderStyle::Colon;
        if (before_bullet || empty_group) && !items.contains(&name) {
            headers.push(HeaderAt {
                line: k,
                name,
                style,
            });
        }
    }
    headers
}

/// Headers of paragraphs: a block of two paragraphs or more (a stem
/// paragraph before them and a closing one after may stand apart) whose
/// first line is a short label and whose other lines are longer items.
fn paragraph_headers<'a>(lines: &[Line<'a>]) -> Option<Vec<HeaderAt<'a>>> {
    let mut paragraphs: Vec<Vec<usize>> = Vec::new();
    let mut current = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        if line.is_blank() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(k);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    let grouped: Vec<Option<HeaderAt<'a>>> = paragraphs
        .iter()
        .map(|p| {
            let name = label_group_header(lines[p[0]].text)?;
            let ok = p.len() >= 2
                && name.split_whitespace().count() <= 5
                && p[1..].iter().all(|&k| {
                    let t = lines[k].text.trim();
                    t.chars().count() > name.chars().count() && numbered_step(t).is_err()
                });
            ok.then_some(HeaderAt {
                line: p[0],
                name,
                style: HeaderStyle::Label,
            })
        })
        .collect();
    let first = grouped.iter().position(Option::is_some)?;
    let last = grouped.iter().rposition(Option::is_some)?;
    // A stem may stand before the groups only as the first paragraph, a
    // closing remark after them only as the last.
    let fits = first <= 1
        && last + 2 >= grouped.len()
        && grouped[first..=last].iter().all(Option::is_some);
    let headers: Vec<HeaderAt<'a>> = grouped.into_iter().flatten().collect();
    let items: Vec<&str> = paragraphs
        .iter()
        .flat_map(|p| p[1..].iter().map(|&k| lines[k].text.trim()))
        .collect();
    (fits && headers.len() >= 2 && headers.iter().all(|h| !items.contains(&h.name)))
        .then_some(headers)
}

/// `categorize_body = [stem] 1*( group_header *group_item ) [note]`
///
/// `group_item = ( bullet_item / text_line ) *continuation_line [explanation]`:
/// an item runs over the lines after it that are indented, or, among
/// bulleted items, that are not bullets; a `=>` line explains the item above.
#[must_use]
pub fn categorize_body(lines: &[Line<'_>], headers: &[HeaderAt<'_>]) -> CategorizeBlock {
    // Bulleted when most lines that could start an item (after the first
    // header: not indented, not a header, not a `=>` line) are bullets.
    let (mut bullets, mut starts) = (0usize, 0usize);
    for (k, line) in lines.iter().enumerate().skip(headers[0].line) {
        let t = line.text.trim();
        let header = headers.iter().any(|h| h.line == k);
        if t.is_empty() || header || line.text.starts_with([' ', '\t']) || t.starts_with("=>") {
            continue;
        }
        starts += 1;
        bullets += usize::from(bullet_item(line.text).is_ok());
    }
    let bulleted = bullets * 2 >= starts;
    let mut groups: Vec<Group> = Vec::new();
    let mut pieces: Vec<Vec<Pieces>> = Vec::new();
    let mut note_at = None;
    let mut previous_blank = false;
    let mut header_at = headers.iter().peekable();
    for (k, line) in lines.iter().enumerate().skip(headers[0].line) {
        if line.is_blank() {
            previous_blank = true;
            continue;
        }
        if header_at.peek().is_some_and(|h| h.line == k) {
            let header = header_at.next().expect("peeked");
            groups.push(Group {
                header: Span::new(line.start, line.start + line.trimmed_end().len()),
                name: header.name.to_owned(),
                style: header.style,
                items: Vec::new(),
            });
            pieces.push(Vec::new());
            previous_blank = false;
            continue;
        }
        let trimmed = line.text.trim();
        if note_start(trimmed).is_ok() {
            note_at = Some(k);
            break;
        }
        let group = groups.last_mut().expect("the first line is a header");
        let group_pieces = pieces.last_mut().expect("one per group");
        let last_group = header_at.peek().is_none();
        let indented = line.text.starts_with([' ', '\t']);
        let bullet = bullet_item(line.text).ok().map(|(_, item)| item.trim_end());
        if bullet.is_none() && !group.items.is_empty() {
            if let Some(reason) = trimmed
                .strip_prefix("=>")
                .or_else(|| trimmed.strip_prefix('→'))
            {
                let item = group.items.last_mut().expect("checked non-empty");
                explain_item(item, line, reason.trim());
                previous_blank = false;
                continue;
            }
            let continues = indented || (bulleted && !previous_blank);
            if bulleted && previous_blank && last_group && !indented {
                // A paragraph after the last group's bullets closes the block.
                note_at = Some(k);
                break;
            }
            if continues {
                let item = group.items.last_mut().expect("checked non-empty");
                let item_pieces = group_pieces.last_mut().expect("one per item");
                item.text.push(' ');
                item_pieces.push((item.text.len(), line.sub_span(trimmed).start));
                item.text.push_str(trimmed);
                item.span.end = line.start + line.trimmed_end().len();
                previous_blank = false;
                continue;
            }
        }
        let text = bullet.unwrap_or(trimmed);
        let span = line.sub_span(text);
        group_pieces.push(vec![(0, span.start)]);
        group.items.push(GroupItem {
            span,
            text: text.to_owned(),
            explanation: None,
            bullet: bullet.is_some(),
        });
        previous_blank = false;
    }
    let found: Vec<_> = groups
        .iter()
        .flat_map(|g| g.items.iter().map(|i| candidates(&i.text)))
        .collect();
    let allow_colon = majority_splits(&found);
    let items = groups
        .iter_mut()
        .zip(&pieces)
        .flat_map(|(g, p)| g.items.iter_mut().zip(p));
    for ((item, pieces), found) in items.zip(found) {
        if item.explanation.is_some() {
            continue;
        }
        if let Some((text, explanation)) =
            split_explanation(&item.text, pieces, item.span.end, found, allow_colon)
        {
            item.text = text;
            item.explanation = Some(explanation);
        }
    }
    CategorizeBlock {
        stem: text_block(&lines[..headers[0].line]),
        groups,
        note: note_at.and_then(|k| note(&lines[k..])),
    }
}

/// Attaches a `=>` line to an item as (more of) its explanation.
fn explain_item(item: &mut GroupItem, line: &Line<'_>, reason: &str) {
    let span = if reason.is_empty() {
        Span::new(line.end(), line.end())
    } else {
        line.sub_span(reason)
    };
    add_explanation(&mut item.explanation, reason, span, "=>", ' ');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split_lines;

    fn names(text: &str) -> Option<Vec<String>> {
        let lines = split_lines(text);
        group_headers(&lines).map(|h| h.iter().map(|h| h.name.to_owned()).collect())
    }

    #[test]
    fn headers_come_from_the_shape() {
        assert_eq!(
            names("Which holds?\n\ncontinuous\n- Salary\n- Mass\n\ncategorical\n- Species\n"),
            Some(vec!["continuous".to_owned(), "categorical".to_owned()])
        );
        assert_eq!(
            names(
                "Descriptive\nThe average spent per customer\n\nInferential\nThe average of all students\n"
            ),
            Some(vec!["Descriptive".to_owned(), "Inferential".to_owned()])
        );
        // An introducing header with nothing under it is part of the stem.
        assert_eq!(
            names("Options:\n\nFor streams:\n- Repeats\n\nFor batches:\n- Late data\n"),
            Some(vec!["For streams".to_owned(), "For batches".to_owned()])
        );
        // A label that is also an item is an item.
        assert_eq!(names("Kafka\n- Kafka\n- Spark\n\nSpark\n- Flink\n"), None);
        assert_eq!(names("Start the process\nRead the first files\n"), None);
    }

    #[test]
    fn items_run_over_lines_and_keep_explanations() {
        let lines = split_lines(
            "True\n- The mean\n  grows with n.\n- It is flat\n=> a uniform shape.\n\nFalse\n- It peaks twice.\n\nThe key is the shape.\n",
        );
        let headers = group_headers(&lines).unwrap();
        let cat = categorize_body(&lines, &headers);
        assert_eq!(cat.groups[0].items[0].text, "The mean grows with n.");
        assert_eq!(
            cat.groups[0].items[1].explanation.as_ref().unwrap().text,
            "a uniform shape."
        );
        assert_eq!(cat.groups[1].items.len(), 1);
        assert_eq!(cat.note.unwrap().text, "The key is the shape.");
    }
}
