//! GIFT, Moodle's plain-text question format: one file for the whole bank.
//!
//! `$CATEGORY:` lines give each chapter its category
//! (`$course$/<course>/<chapter>`), a `// [id:...]` comment gives each
//! question its idnumber (the item's stable id). Text is written as
//! `[html]` (the notes' Markdown made HTML) and escaped the way Moodle
//! reads it back: `\` before each of `\ ~ = # { } :`, `\n` for a line
//! break, so `{{param}}` survives as `\{\{param\}\}`.
//!
//! Orderings become matching questions (each step to its position): the
//! ordering extension (`{>N ...}`) takes its lines unescaped and fails on a
//! `{` in the question text, so it cannot carry every item safely.

use std::fmt::Write as _;

use super::grades::choice_fractions;
use super::lms::{self, category_path};
use super::markup::{blocks, inline};
use super::shuffle::display_order;
use super::{Artifact, CourseStream, ExportError, ExportOptions, Exporter};
use crate::model::{Answer, Bank, ChoiceOption, Course, Entry, Group, Item, ItemBody, ItemKind};

pub struct GiftExporter;

impl Exporter for GiftExporter {
    fn name(&self) -> &'static str {
        "gift"
    }

    fn default_file_name(&self) -> &'static str {
        "gift.txt"
    }

    fn export(&self, bank: &Bank, options: &ExportOptions) -> Result<Artifact, ExportError> {
        Ok(Artifact::File {
            bytes: to_gift(bank, options).into_bytes(),
        })
    }

    fn limitation(&self, kind: ItemKind, options: &ExportOptions) -> Option<&'static str> {
        match kind {
            ItemKind::SingleChoice => None,
            ItemKind::MultipleChoice | ItemKind::Categorize => {
                lms::moodle_limitation(kind, options)
            }
            ItemKind::Order => Some(
                "become matching questions (each step matched to its position, 1 first) with credit per step; step explanations move to the general feedback",
            ),
            ItemKind::Code | ItemKind::FreeText => Some(
                "become essay questions; the model answer is their general feedback, which learners see after answering: GIFT has no grader information",
            ),
        }
    }

    fn stream(&self, options: &ExportOptions) -> Option<Box<dyn CourseStream>> {
        Some(Box::new(GiftStream {
            options: options.clone(),
        }))
    }
}

/// The GIFT file course by course: nothing comes before or after them.
struct GiftStream {
    options: ExportOptions,
}

impl CourseStream for GiftStream {
    fn begin(&self) -> Result<Vec<u8>, ExportError> {
        Ok(Vec::new())
    }

    fn course(&self, course: &Course, _index: usize) -> Result<Vec<u8>, ExportError> {
        let mut out = String::new();
        course_questions(&mut out, course, &self.options);
        Ok(out.into_bytes())
    }

    fn finish(&self, _courses: usize) -> Result<Vec<u8>, ExportError> {
        Ok(Vec::new())
    }
}

/// Escapes text for GIFT: a backslash before `\ ~ = # { } :`, `\n` for a
/// line break (a blank line would end the question), no carriage return.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// HTML for an answer, feedback or subquestion: escaped, and kept from
/// reading as something else at its start (`[plain]...` as a format,
/// `%50%...` as a weight).
fn html(fragment: &str) -> String {
    let fragment = match fragment.strip_prefix('%') {
        Some(rest) => format!("&#37;{rest}"),
        None => fragment.to_owned(),
    };
    let escaped = escape(&fragment);
    if escaped.starts_with('[') {
        format!("[html]{escaped}")
    } else {
        escaped
    }
}

/// The whole bank as a GIFT file.
#[must_use]
pub fn to_gift(bank: &Bank, options: &ExportOptions) -> String {
    let mut out = String::new();
    for course in &bank.courses {
        course_questions(&mut out, course, options);
    }
    out
}

/// A comment naming the course, then each chapter's category and questions.
fn course_questions(out: &mut String, course: &Course, options: &ExportOptions) {
    // A comment: read by people, skipped by Moodle.
    let _ = writeln!(
        out,
        "// {} ({})\n",
        one_line(&course.title),
        one_line(&course.source)
    );
    for chapter in &course.chapters {
        if chapter.items.is_empty() {
            continue;
        }
        // Read raw up to the line end: no escaping, slashes doubled.
        let _ = writeln!(
            out,
            "$CATEGORY: {}\n",
            one_line(&category_path(course, chapter))
        );
        for item in &chapter.items {
            question(out, item, options);
            out.push('\n');
        }
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn question(out: &mut String, item: &Item, options: &ExportOptions) {
    let _ = writeln!(out, "// [id:{}]", one_line(&item.id));
    let _ = write!(out, "::{}::", escape(&one_line(&item.title)));
    match &item.body {
        ItemBody::SingleChoice { options: choices }
        | ItemBody::MultipleChoice { options: choices } => multichoice(out, item, choices, options),
        ItemBody::Categorize { groups } => categorize(out, item, groups),
        ItemBody::Order { steps } => order(out, item, steps),
        ItemBody::Code { answer } | ItemBody::FreeText { answer } => essay(out, item, answer),
    }
}

fn question_text(out: &mut String, item: &Item, extra: &str) {
    let _ = write!(
        out,
        "[html]{}",
        escape(&format!("{}{extra}", blocks(&item.prompt)))
    );
}

fn general_feedback(out: &mut String, feedback: Option<&str>) {
    if let Some(feedback) = feedback {
        let _ = writeln!(out, "\t####{}", html(feedback));
    }
}

fn multichoice(out: &mut String, item: &Item, choices: &[ChoiceOption], options: &ExportOptions) {
    let single = item.kind() == ItemKind::SingleChoice;
    question_text(out, item, "");
    out.push_str("{\n");
    let fractions = choice_fractions(choices, single, options.partial_scoring);
    for (choice, fraction) in choices.iter().zip(fractions) {
        let mark = if single {
            if choice.correct { "=" } else { "~" }.to_owned()
        } else {
            format!("~%{}%", fraction.text())
        };
        let _ = write!(out, "\t{mark}{}", html(&inline(choice.text.trim())));
        if let Some(feedback) = choice.feedback.as_deref() {
            let _ = write!(out, "#{}", html(&inline(feedback)));
        }
        out.push('\n');
    }
    general_feedback(out, lms::general_feedback(item).as_deref());
    out.push_str("}\n");
}

/// `=left -> right` pairs; the left side is HTML (where `->` cannot occur,
/// `>` being `&gt;`), the right side plain text.
fn matching(out: &mut String, item: &Item, extra: &str, pairs: &[(String, String)]) {
    question_text(out, item, extra);
    out.push_str("{\n");
    for (left, right) in pairs {
        let _ = writeln!(out, "\t={} -> {}", html(left), escape(&one_line(right)));
    }
    general_feedback(out, lms::feedback_with_entries(item).as_deref());
    out.push_str("}\n");
}

fn categorize(out: &mut String, item: &Item, groups: &[Group]) {
    let entries: Vec<(&Group, &Entry)> = groups
        .iter()
        .flat_map(|g| g.items.iter().map(move |e| (g, e)))
        .collect();
    let pairs: Vec<(String, String)> = display_order(&item.id, entries.len())
        .into_iter()
        .map(|k| (inline(entries[k].1.text.trim()), entries[k].0.name.clone()))
        .collect();
    matching(out, item, "", &pairs);
}

fn order(out: &mut String, item: &Item, steps: &[Entry]) {
    let pairs: Vec<(String, String)> = display_order(&item.id, steps.len())
        .into_iter()
        .map(|k| (inline(steps[k].text.trim()), (k + 1).to_string()))
        .collect();
    let extra = "<p>Give each step its position in the order: 1 is first.</p>";
    matching(out, item, extra, &pairs);
}

fn essay(out: &mut String, item: &Item, answer: &Answer) {
    question_text(out, item, "");
    out.push_str("{\n");
    let feedback = format!(
        "{}<p><strong>Model answer</strong></p>{}",
        lms::general_feedback(item).unwrap_or_default(),
        lms::model_answer(answer)
    );
    general_feedback(out, Some(&feedback));
    out.push_str("}\n");
}

#[cfg(test)]
mod tests {
    use super::{escape, html};

    #[test]
    fn escapes_every_control_character() {
        assert_eq!(escape("a~b=c#d{e}f:g\\h"), "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h");
        assert_eq!(escape("{{customer_id}}"), "\\{\\{customer_id\\}\\}");
        assert_eq!(escape("one\r\ntwo"), "one\\ntwo");
    }

    #[test]
    fn answers_do_not_read_as_formats_or_weights() {
        assert_eq!(html("[plain] x"), "[html][plain] x");
        assert_eq!(html("%50% of rows"), "&\\#37;50% of rows");
        assert_eq!(html("plain"), "plain");
    }
}
