//! Orderings: steps in their correct order, numbered or not.

use super::answer::{asks_for_order, note, text_block};
use super::ast::{OrderBlock, Step};
use super::explain::{Pieces, add_explanation, candidates, majority_splits, split_explanation};
use super::grammar::{
    bare_numbered_step, bullet_item, colon_group_header, hash_group_header, note_start,
    numbered_step,
};
use super::lines::Line;

/// How the steps of a block are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// `1. step` or `1) step`.
    Dotted,
    /// `1 step`: only a list numbered 1, 2, 3 ... this way.
    Bare,
}

/// Whether the block holds numbered steps: two `1.` lines or more, or a
/// list numbered `1 `, `2 `, `3 ` ... from 1 without gaps.
#[must_use]
pub fn numbered_steps(lines: &[Line<'_>]) -> Option<Numbering> {
    let dotted = lines
        .iter()
        .filter(|l| numbered_step(l.text).is_ok())
        .count();
    if dotted >= 2 {
        return Some(Numbering::Dotted);
    }
    let bare: Vec<u64> = lines
        .iter()
        .filter_map(|l| bare_numbered_step(l.text).ok())
        .map(|(_, (n, _))| n.parse().unwrap_or(u64::MAX))
        .collect();
    let consecutive = bare.iter().zip(1u64..).all(|(n, want)| *n == want);
    (bare.len() >= 2 && consecutive).then_some(Numbering::Bare)
}

fn step_start(text: &str, numbering: Numbering) -> Option<(&str, &str)> {
    match numbering {
        Numbering::Dotted => numbered_step(text).ok().map(|(_, s)| s),
        Numbering::Bare => bare_numbered_step(text).ok().map(|(_, s)| s),
    }
}

/// `order_body = [stem] 2*numbered_step *( numbered_step / continuation_line / blank_line ) [note]`
///
/// Indented or bulleted lines under a step explain it (`1. Source layer`
/// over `- Role: ...`); a line right after a step continues it.
#[must_use]
pub fn order_body(lines: &[Line<'_>], numbering: Numbering) -> OrderBlock {
    let first_step = lines
        .iter()
        .position(|l| step_start(l.text, numbering).is_some())
        .expect("caller checked steps exist");
    let mut steps: Vec<Step> = Vec::new();
    let mut pieces: Vec<Pieces> = Vec::new();
    let mut note_at = None;
    let mut previous_blank = false;
    for (k, line) in lines.iter().enumerate().skip(first_step) {
        if let Some((number, rest)) = step_start(line.text, numbering) {
            let text = rest.trim_end();
            pieces.push(vec![(0, line.sub_span(text).start)]);
            steps.push(Step {
                span: line.sub_span(text),
                number: Some(number.parse().unwrap_or(u64::MAX)),
                number_span: Some(line.sub_span(number)),
                text: text.to_owned(),
                explanation: None,
            });
            previous_blank = false;
            continue;
        }
        if line.is_blank() {
            previous_blank = true;
            continue;
        }
        let sub_line = line.text.starts_with([' ', '\t']) || bullet_item(line.text).is_ok();
        if note_start(line.text.trim_start()).is_ok() || (previous_blank && !sub_line) {
            note_at = Some(k);
            break;
        }
        let Some(step) = steps.last_mut() else {
            continue;
        };
        if sub_line && (previous_blank || bullet_item(line.text).is_ok()) {
            explain_step(step, line);
            continue;
        }
        if let Some(explanation) = &mut step.explanation {
            // The explanation wraps.
            let piece = line.text.trim();
            explanation.text.push(' ');
            explanation.text.push_str(piece);
            explanation.span.end = line.start + line.trimmed_end().len();
            continue;
        }
        let pieces = pieces.last_mut().expect("one per step");
        step.text.push(' ');
        let piece = line.text.trim();
        pieces.push((step.text.len(), line.sub_span(piece).start));
        step.text.push_str(piece);
        step.span.end = line.start + line.trimmed_end().len();
    }
    split_steps(&mut steps, &pieces);
    OrderBlock {
        stem: text_block(&lines[..first_step]),
        steps,
        note: note_at.and_then(|k| note(&lines[k..])),
    }
}

/// A bulleted or indented line under a step, as (more of) its explanation.
fn explain_step(step: &mut Step, line: &Line<'_>) {
    let text = bullet_item(line.text).map_or(line.text.trim(), |(_, t)| t.trim());
    add_explanation(&mut step.explanation, text, line.sub_span(text), "\n", '\n');
}

fn split_steps(steps: &mut [Step], pieces: &[Pieces]) {
    let found: Vec<_> = steps.iter().map(|s| candidates(&s.text)).collect();
    let allow_colon = majority_splits(&found);
    for ((step, pieces), found) in steps.iter_mut().zip(pieces).zip(found) {
        if step.explanation.is_some() {
            continue;
        }
        if let Some((text, explanation)) =
            split_explanation(&step.text, pieces, step.span.end, found, allow_colon)
        {
            step.text = text;
            step.explanation = Some(explanation);
        }
    }
}

/// `list_steps = [stem] 2*list_line` — an unnumbered list read as steps to
/// order, when the exercise (`asked`) or the block's first paragraph asks
/// for an order. Every line of the list is one step (bullets dropped);
/// indented lines continue the step above. `None` for anything that is not
/// a plain list: group headers, checkboxes, a `NOTE:` in the middle.
#[must_use]
pub fn list_steps(lines: &[Line<'_>], asked: bool) -> Option<OrderBlock> {
    let first = lines.iter().position(|l| !l.is_blank())?;
    // A stem: the first paragraph, when another follows, or else the first
    // line, when it asks for the order or ends in `?` or `:`.
    let paragraph_end = (first..lines.len())
        .find(|&k| lines[k].is_blank())
        .unwrap_or(lines.len());
    let next = (paragraph_end..lines.len()).find(|&k| !lines[k].is_blank());
    let stem_end = match next {
        Some(_) => paragraph_end,
        None => first + 1,
    };
    let stem = &lines[first..stem_end];
    let stem_is_stem = stem.iter().any(|l| asks_for_order(l.text))
        || stem
            .last()
            .is_some_and(|l| l.text.trim_end().ends_with(['?', ':']));
    let stem_asks = stem_is_stem && stem.iter().any(|l| asks_for_order(l.text));
    if !(asked || stem_asks) {
        return None;
    }
    let steps_from = if stem_is_stem {
        next.unwrap_or(stem_end)
    } else {
        first
    };
    let mut steps: Vec<Step> = Vec::new();
    let mut note_at = None;
    for (k, line) in lines.iter().enumerate().skip(steps_from) {
        if line.is_blank() {
            continue;
        }
        let trimmed = line.text.trim();
        if note_start(trimmed).is_ok() {
            note_at = Some(k);
            break;
        }
        let structured = hash_group_header(line.text).is_ok()
            || colon_group_header(line.text).is_ok()
            || trimmed.starts_with(['[', '(']);
        if structured || trimmed.chars().count() > 300 {
            return None;
        }
        if line.text.starts_with([' ', '\t']) && !steps.is_empty() {
            let step = steps.last_mut().expect("checked non-empty");
            step.text.push(' ');
            step.text.push_str(trimmed);
            step.span.end = line.start + line.trimmed_end().len();
            continue;
        }
        let text = bullet_item(line.text).map_or(trimmed, |(_, t)| t.trim());
        steps.push(Step {
            span: line.sub_span(text),
            number: None,
            number_span: None,
            text: text.to_owned(),
            explanation: None,
        });
    }
    if steps.len() < 2 {
        return None;
    }
    Some(OrderBlock {
        stem: text_block(&lines[..steps_from]),
        steps,
        note: note_at.and_then(|k| note(&lines[k..])),
    })
}
