//! Choice questions: a stem, checkbox options, and feedback after them.

use super::answer::{note, rule_line, text_block};
use super::ast::{Checkbox, CheckboxKind, ChoiceBlock, OptionLine};
use super::explain::{Pieces, candidates, majority_splits, source_end, split_explanation};
use super::grammar::{MARKS, broken_option_line, note_start, option_line};
use super::lines::Line;
use crate::source::Span;

/// A line that opens an option, read once.
#[derive(Debug, Clone, Copy)]
struct Opened<'a> {
    kind: CheckboxKind,
    /// The checkbox as written.
    raw: &'a str,
    gap: &'a str,
    rest: &'a str,
    /// A box that could be something else on its own (`]x`, `x]`, a box
    /// holding another letter): an option only beside other options. Any
    /// other (`[x]`, `[ ]`, `[]`, `[ x]`, `(x)`) is written as no other text
    /// is.
    weak: bool,
}

/// `choice_line = option_line / broken_option_line` — whether and how a
/// line opens an option.
fn choice_line(text: &str) -> Option<Opened<'_>> {
    // Most lines open no option: tell them by their first character (a
    // mark that is not ASCII starts with the byte 0xE2).
    let start = text.bytes().position(|b| b != b' ' && b != b'\t')?;
    let bytes = &text.as_bytes()[start..];
    let maybe = matches!(bytes[0], b'[' | b'(' | b']')
        || (matches!(bytes[0], b'x' | b'X' | b'v' | b'V' | b'*') && bytes.get(1) == Some(&b']'))
        || bytes[0] == 0xE2;
    if !maybe {
        return None;
    }
    let trimmed = &text[start..];
    if let Ok((_, ((kind, raw), gap, rest))) = option_line(trimmed) {
        let mark = raw[1..raw.len() - 1].trim();
        let weak = !mark.is_empty() && !mark.chars().all(|c| MARKS.contains(c));
        return Some(Opened {
            kind,
            raw,
            gap,
            rest,
            weak,
        });
    }
    let (_, ((kind, raw), gap, rest)) = broken_option_line(trimmed).ok()?;
    Some(Opened {
        kind,
        raw,
        gap,
        rest,
        weak: true,
    })
}

/// A choice question, when the lines of a fence are one: one option line
/// (two when the fence is tagged as code, and a third of its lines), or
/// two boxes written so wrongly that they need other options to be read
/// as such (`]x`, `] text`).
#[must_use]
pub fn choice(lines: &[Line<'_>], code_tag: bool) -> Option<ChoiceBlock> {
    let first = lines.iter().position(|l| choice_line(l.text).is_some())?;
    let opened: Vec<Option<Opened<'_>>> = lines
        .iter()
        .enumerate()
        .map(|(k, l)| if k < first { None } else { choice_line(l.text) })
        .collect();
    let (mut boxes, mut weak) = (0usize, 0usize);
    for o in opened.iter().flatten() {
        if o.weak {
            weak += 1;
        } else {
            boxes += 1;
        }
    }
    let is_choice = if code_tag {
        let significant = lines.iter().filter(|l| !l.is_blank()).count();
        let options = boxes + weak;
        options >= 2 && options * 3 >= significant && (boxes >= 1 || weak >= 2)
    } else {
        boxes >= 1 || weak >= 2
    };
    is_choice.then(|| choice_body(lines, &opened))
}

/// Whether a line after the last option continues it: indented, or a
/// lower-case word going on from an option that does not end a sentence.
fn continuation_line(line: &Line<'_>, option: &str) -> bool {
    line.text.starts_with([' ', '\t'])
        || (line.text.chars().next().is_some_and(char::is_lowercase)
            && !option.trim_end().ends_with(['.', '?', '!', ':']))
}

/// `choice_body = [stem] 1*( option_line / continuation_line / blank_line ) [note]`
fn choice_body(lines: &[Line<'_>], opened: &[Option<Opened<'_>>]) -> ChoiceBlock {
    let first_option = opened
        .iter()
        .position(Option::is_some)
        .expect("caller checked an option exists");
    let last_option = opened
        .iter()
        .rposition(Option::is_some)
        .expect("caller checked an option exists");
    let stem = text_block(&lines[..first_option]);
    let mut options: Vec<OptionLine> = Vec::new();
    // Where each piece of an option's joined text comes from in the file.
    let mut pieces: Vec<Pieces> = Vec::new();
    let mut note_at = None;
    let mut previous_blank = false;
    for (k, line) in lines.iter().enumerate().skip(first_option) {
        let trimmed = line.text.trim_start();
        if let Some(Opened {
            kind,
            raw,
            gap,
            rest,
            ..
        }) = opened[k]
        {
            let text = rest.trim_end();
            let text_span = if text.is_empty() {
                let at = line.sub_span(rest).start;
                Span::new(at, at)
            } else {
                line.sub_span(text)
            };
            pieces.push(vec![(0, text_span.start)]);
            options.push(OptionLine {
                span: Span::new(line.start, line.start + line.trimmed_end().len()),
                checkbox: Checkbox {
                    span: line.sub_span(raw),
                    raw: raw.to_owned(),
                    kind,
                },
                gap: line.sub_span(gap),
                text: text.to_owned(),
                text_span,
                explanation: None,
            });
            previous_blank = false;
            continue;
        }
        if line.is_blank() {
            previous_blank = true;
            continue;
        }
        if note_start(trimmed).is_ok() {
            note_at = Some(k);
            break;
        }
        if k > last_option {
            // After the last option: what the author wrote there is
            // feedback, unless it plainly goes on with the option.
            let option = options.last().map_or("", |o| o.text.as_str());
            if previous_blank || rule_line(line.text) || !continuation_line(line, option) {
                note_at = Some(k);
                break;
            }
        } else if rule_line(line.text) {
            continue;
        }
        // A wrapped option: the line continues the option above it.
        if let (Some(option), Some(pieces)) = (options.last_mut(), pieces.last_mut()) {
            let piece = line.text.trim();
            if !option.text.is_empty() {
                option.text.push(' ');
            }
            pieces.push((option.text.len(), line.sub_span(piece).start));
            option.text.push_str(piece);
            let end = line.start + line.trimmed_end().len();
            if option.text_span.is_empty() {
                option.text_span.start = line.sub_span(piece).start;
            }
            option.span.end = end;
            option.text_span.end = end;
        }
    }
    let found: Vec<_> = options.iter().map(|o| candidates(&o.text)).collect();
    let allow_colon = majority_splits(&found);
    for ((option, pieces), found) in options.iter_mut().zip(&pieces).zip(found) {
        if let Some((text, explanation)) = split_explanation(
            &option.text,
            pieces,
            option.text_span.end,
            found,
            allow_colon,
        ) {
            option.text_span = Span::new(option.text_span.start, source_end(pieces, text.len()));
            option.text = text;
            option.explanation = Some(explanation);
        }
    }
    let correct = options
        .iter()
        .filter(|o| o.checkbox.kind.is_checked())
        .count();
    ChoiceBlock {
        stem,
        options,
        note: note_at.and_then(|k| note(&lines[k..])),
        correct,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split_lines;

    fn is_choice(text: &str, code_tag: bool) -> bool {
        choice(&split_lines(text), code_tag).is_some()
    }

    #[test]
    fn weak_boxes_need_company() {
        assert!(!is_choice("x]\n", false));
        assert!(!is_choice("items = [\n  1,\n]\n", true));
        assert!(is_choice("] One.\n]xTwo.\n", false));
        assert!(is_choice("[x]One\n", false));
        assert!(!is_choice("[x]One\na = 1\nb = 2\nc = 3\n", true));
        let block = choice(&split_lines("[x]A\n[v]B\n"), false).unwrap();
        let malformed = block
            .options
            .iter()
            .filter(|o| o.checkbox.kind == CheckboxKind::MalformedChecked)
            .count();
        assert_eq!(malformed, 1);
    }
}
