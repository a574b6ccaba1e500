//! What the learning-system exporters (`qti12`, `moodle`, `gift`, `html`,
//! and QTI 2.x where it is shaped for them) share: chapter labels, Moodle
//! category paths, and feedback that a target can only hold as a whole.
//! Moodle's grades are in [`super::grades`], the display order in
//! [`super::shuffle`].
//!
//! Everything here depends only on the model, so the same bank always gives
//! the same bytes.

use std::fmt::Write as _;

use super::{ExportOptions, markup};
use crate::model::{self, Chapter, Course, Entry, Item, ItemBody, ItemKind};

/// What Moodle makes of multiple-answer and categorize items, whichever
/// file brings them (Moodle XML or GIFT): Moodle grades them its own way.
#[must_use]
pub fn moodle_limitation(kind: ItemKind, options: &ExportOptions) -> Option<&'static str> {
    match kind {
        ItemKind::MultipleChoice if options.partial_scoring => None,
        ItemKind::MultipleChoice => Some(
            "get credit per correct option in Moodle, and none when a wrong option is chosen: Moodle's multiple-answer question has no all-or-nothing grading",
        ),
        ItemKind::Categorize if options.partial_scoring => Some(
            "become matching questions (each item matched to its group); explanations of single items move to the general feedback",
        ),
        ItemKind::Categorize => Some(
            "become matching questions (each item matched to its group) with credit per item; explanations of single items move to the general feedback",
        ),
        _ => None,
    }
}

/// A chapter as a heading: `2. Groups and steps`, or the title alone.
#[must_use]
pub fn chapter_label(chapter: &Chapter) -> String {
    match chapter.number {
        Some(n) => format!("{n}. {}", chapter.title.trim()),
        None => chapter.title.trim().to_owned(),
    }
}

/// The Moodle category of a chapter: `$course$/<course>/<chapter>`, with
/// `/` inside a name doubled as Moodle reads it.
#[must_use]
pub fn category_path(course: &Course, chapter: &Chapter) -> String {
    let part = |name: &str| {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        name.replace('/', "//")
    };
    format!(
        "$course$/{}/{}",
        part(&course.title),
        part(&chapter_label(chapter))
    )
}

/// The item's general feedback (`NOTE:`) as XHTML, when it has one.
#[must_use]
pub fn general_feedback(item: &Item) -> Option<String> {
    item.feedback.as_deref().map(markup::blocks)
}

/// The general feedback with the explanations of group items or steps
/// appended as a list, for targets that have no place for feedback on a
/// single pair: nothing the author wrote is lost.
#[must_use]
pub fn feedback_with_entries(item: &Item) -> Option<String> {
    let entries: Vec<&Entry> = match &item.body {
        ItemBody::Categorize { groups } => groups.iter().flat_map(|g| &g.items).collect(),
        ItemBody::Order { steps } => steps.iter().collect(),
        _ => Vec::new(),
    };
    let mut list = String::new();
    for entry in entries {
        let Some(feedback) = entry.feedback.as_deref() else {
            continue;
        };
        let _ = write!(
            list,
            "<li><strong>{}</strong>: {}</li>",
            markup::inline(entry.text.trim()),
            markup::inline(feedback)
        );
    }
    let general = general_feedback(item);
    if list.is_empty() {
        return general;
    }
    Some(format!("{}<ul>{list}</ul>", general.unwrap_or_default()))
}

/// The HTML of a code or free-text item's model answer.
#[must_use]
pub fn model_answer(answer: &model::Answer) -> String {
    if answer.language.is_some() {
        markup::code_block(&answer.text)
    } else {
        markup::blocks(&answer.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_paths_escape_slashes() {
        let course = Course {
            title: "Data / AI".into(),
            tags: vec![],
            url: None,
            source: "a.md".into(),
            id_prefix: "a".into(),
            chapters: vec![],
        };
        let chapter = Chapter {
            number: Some(2),
            title: "Read/write".into(),
            items: vec![],
        };
        assert_eq!(
            category_path(&course, &chapter),
            "$course$/Data // AI/2. Read//write"
        );
    }
}
