//! Moodle XML: one `<quiz>` file for the whole bank.
//!
//! A category question opens each chapter (`$course$/<course>/<chapter>`).
//! Choice items become `multichoice` with fractions from Moodle's grade
//! list, categorizations `matching` (an item per group answer), orderings
//! `ordering` (core since Moodle 4.4), code and free-text answers `essay`
//! with the model answer as grader information. Every question's
//! `idnumber` is the item's stable id, so a re-import finds it again.

use super::grades::choice_fractions;
use super::lms::{self, category_path};
use super::markup::{blocks, inline};
use super::shuffle::display_order;
use super::xml::XmlWriter;
use super::{Artifact, CourseStream, ExportError, ExportOptions, Exporter};
use crate::model::fnv1a;
use crate::model::{Answer, Bank, ChoiceOption, Course, Entry, Group, Item, ItemBody, ItemKind};

/// Moodle stores at most 100 characters of an idnumber.
const IDNUMBER_MAX: usize = 100;

pub struct MoodleExporter;

impl Exporter for MoodleExporter {
    fn name(&self) -> &'static str {
        "moodle"
    }

    fn default_file_name(&self) -> &'static str {
        "moodle.xml"
    }

    fn export(&self, bank: &Bank, options: &ExportOptions) -> Result<Artifact, ExportError> {
        Ok(Artifact::File {
            bytes: to_xml(bank, options).into_bytes(),
        })
    }

    fn limitation(&self, kind: ItemKind, options: &ExportOptions) -> Option<&'static str> {
        match kind {
            // Moodle's ordering question stores every step's feedback as empty.
            ItemKind::Order => Some(
                "become ordering questions; step explanations move to the general feedback, since Moodle's ordering question keeps no feedback per step",
            ),
            _ => lms::moodle_limitation(kind, options),
        }
    }

    fn stream(&self, options: &ExportOptions) -> Option<Box<dyn CourseStream>> {
        Some(Box::new(MoodleStream {
            options: options.clone(),
        }))
    }
}

/// The Moodle XML document course by course: the `<quiz>` element holds
/// every course's questions.
struct MoodleStream {
    options: ExportOptions,
}

impl CourseStream for MoodleStream {
    fn begin(&self) -> Result<Vec<u8>, ExportError> {
        let mut w = XmlWriter::new();
        w.open("quiz", &[]);
        Ok(w.take().into_bytes())
    }

    fn course(&self, course: &Course, _index: usize) -> Result<Vec<u8>, ExportError> {
        let mut w = XmlWriter::inside(&["quiz"]);
        course_questions(&mut w, course, &self.options);
        Ok(w.take().into_bytes())
    }

    fn finish(&self, _courses: usize) -> Result<Vec<u8>, ExportError> {
        let mut w = XmlWriter::inside(&["quiz"]);
        w.close();
        Ok(w.finish().into_bytes())
    }
}

/// The whole bank as a Moodle XML document.
#[must_use]
pub fn to_xml(bank: &Bank, options: &ExportOptions) -> String {
    let mut w = XmlWriter::new();
    w.open("quiz", &[]);
    for course in &bank.courses {
        course_questions(&mut w, course, options);
    }
    w.close();
    w.finish()
}

/// A category question for each chapter with items, then its questions.
fn course_questions(w: &mut XmlWriter, course: &Course, options: &ExportOptions) {
    for chapter in &course.chapters {
        if chapter.items.is_empty() {
            continue;
        }
        w.open("question", &[("type", "category")])
            .open("category", &[])
            .text("text", &[], &category_path(course, chapter))
            .close()
            .close();
        for item in &chapter.items {
            question(w, course, item, options);
        }
    }
}

/// `<name format>` + `<text>` with HTML (or plain text) inside.
fn html_text(w: &mut XmlWriter, name: &str, html: &str) {
    w.open(name, &[("format", "html")])
        .text("text", &[], html)
        .close();
}

/// The stable id, shortened with a hash of the whole where Moodle's column
/// is too narrow: still stable and distinct.
fn idnumber(id: &str) -> String {
    if id.len() <= IDNUMBER_MAX {
        return id.to_owned();
    }
    let mut cut = IDNUMBER_MAX - 9;
    while !id.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}-{:08x}", &id[..cut], fnv1a(id.as_bytes()) as u32)
}

fn header(w: &mut XmlWriter, item: &Item, general: Option<&str>, penalty: &str) {
    w.open("name", &[])
        .text("text", &[], item.title.trim())
        .close();
    html_text(w, "questiontext", &blocks(&item.prompt));
    html_text(w, "generalfeedback", general.unwrap_or(""));
    w.text("defaultgrade", &[], "1")
        .text("penalty", &[], penalty)
        .text("hidden", &[], "0")
        .text("idnumber", &[], &idnumber(&item.id));
}

fn tags(w: &mut XmlWriter, course: &Course) {
    let tags: Vec<&str> = course
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if tags.is_empty() {
        return;
    }
    w.open("tags", &[]);
    for tag in tags {
        w.open("tag", &[]).text("text", &[], tag).close();
    }
    w.close();
}

fn question(w: &mut XmlWriter, course: &Course, item: &Item, options: &ExportOptions) {
    let qtype = match &item.body {
        ItemBody::SingleChoice { .. } | ItemBody::MultipleChoice { .. } => "multichoice",
        ItemBody::Categorize { .. } => "matching",
        ItemBody::Order { .. } => "ordering",
        ItemBody::Code { .. } | ItemBody::FreeText { .. } => "essay",
    };
    w.open("question", &[("type", qtype)]);
    match &item.body {
        ItemBody::SingleChoice { options: choices }
        | ItemBody::MultipleChoice { options: choices } => multichoice(w, item, choices, options),
        ItemBody::Categorize { groups } => matching(w, item, groups),
        ItemBody::Order { steps } => ordering(w, item, steps),
        ItemBody::Code { answer } | ItemBody::FreeText { answer } => essay(w, item, answer),
    }
    tags(w, course);
    w.close();
}

/// The feedback for right, partly right and wrong responses (the notes
/// have none), as Moodle's export writes it for every question that has it.
fn combined_feedback(w: &mut XmlWriter) {
    for name in [
        "correctfeedback",
        "partiallycorrectfeedback",
        "incorrectfeedback",
    ] {
        html_text(w, name, "");
    }
}

/// `<shownumcorrect/>`, which Moodle's editing form ticks for every new
/// question: after a partly right response the learner is told how many
/// parts were right. Without it the import stores 0.
fn show_number_correct(w: &mut XmlWriter) {
    w.empty("shownumcorrect", &[]);
}

fn multichoice(w: &mut XmlWriter, item: &Item, choices: &[ChoiceOption], options: &ExportOptions) {
    let single = item.kind() == ItemKind::SingleChoice;
    header(w, item, lms::general_feedback(item).as_deref(), "0.3333333");
    // "All of the above" only means something in the written order.
    let shuffle = !choices.iter().any(|c| c.refers_to_others);
    w.text("single", &[], if single { "true" } else { "false" })
        .text(
            "shuffleanswers",
            &[],
            if shuffle { "true" } else { "false" },
        )
        .text("answernumbering", &[], "abc")
        .text("showstandardinstruction", &[], "0");
    combined_feedback(w);
    show_number_correct(w);
    let fractions = choice_fractions(choices, single, options.partial_scoring);
    for (choice, fraction) in choices.iter().zip(fractions) {
        w.open(
            "answer",
            &[("fraction", &fraction.text()), ("format", "html")],
        );
        w.text("text", &[], &inline(choice.text.trim()));
        html_text(
            w,
            "feedback",
            &choice.feedback.as_deref().map(inline).unwrap_or_default(),
        );
        w.close();
    }
}

fn matching(w: &mut XmlWriter, item: &Item, groups: &[Group]) {
    header(
        w,
        item,
        lms::feedback_with_entries(item).as_deref(),
        "0.3333333",
    );
    w.text("shuffleanswers", &[], "true");
    combined_feedback(w);
    show_number_correct(w);
    let entries: Vec<(&Group, &Entry)> = groups
        .iter()
        .flat_map(|g| g.items.iter().map(move |e| (g, e)))
        .collect();
    // Several items share a group: the group's name is repeated as their answer.
    for k in display_order(&item.id, entries.len()) {
        let (group, entry) = entries[k];
        w.open("subquestion", &[("format", "html")])
            .text("text", &[], &inline(entry.text.trim()))
            .open("answer", &[])
            .text("text", &[], group.name.trim())
            .close()
            .close();
    }
}

fn ordering(w: &mut XmlWriter, item: &Item, steps: &[Entry]) {
    // The ordering question saves no per-step feedback: step explanations
    // join the general feedback, as in `gift` and `qti12`.
    header(
        w,
        item,
        lms::feedback_with_entries(item).as_deref(),
        "0.3333333",
    );
    w.text("layouttype", &[], "VERTICAL")
        .text("selecttype", &[], "ALL")
        .text("selectcount", &[], &steps.len().to_string())
        .text("gradingtype", &[], "ALL_OR_NOTHING")
        .text("showgrading", &[], "SHOW")
        .text("numberingstyle", &[], "none");
    combined_feedback(w);
    // The ordering importer reads this element's text (`<shownumcorrect/>`
    // would read as 0); without it, it adds two hints with no format,
    // which Moodle cannot save, and the import stops there.
    w.text("shownumcorrect", &[], "1");
    // The correct order; Moodle shuffles the steps for each attempt.
    for (k, step) in steps.iter().enumerate() {
        w.open(
            "answer",
            &[("fraction", &(k + 1).to_string()), ("format", "html")],
        );
        w.text("text", &[], &inline(step.text.trim()));
        w.close();
    }
    // The two hints Moodle's importer would add for an ordering question
    // (show the number of correct steps, highlight the response), written
    // out with their format. Used only by the interactive behaviour.
    for _ in 0..2 {
        w.open("hint", &[("format", "html")])
            .text("text", &[], "")
            .empty("shownumcorrect", &[])
            .text("options", &[], "1")
            .close();
    }
}

fn essay(w: &mut XmlWriter, item: &Item, answer: &Answer) {
    header(w, item, lms::general_feedback(item).as_deref(), "0");
    let code = answer.language.is_some();
    w.text(
        "responseformat",
        &[],
        if code { "monospaced" } else { "editor" },
    )
    .text("responserequired", &[], "1")
    .text("responsefieldlines", &[], if code { "15" } else { "10" })
    .text("attachments", &[], "0")
    .text("attachmentsrequired", &[], "0");
    // Grader information is shown to graders only, never to learners.
    html_text(w, "graderinfo", &lms::model_answer(answer));
    html_text(w, "responsetemplate", "");
}

#[cfg(test)]
mod tests {
    use super::idnumber;

    #[test]
    fn long_ids_are_shortened_stably() {
        assert_eq!(idnumber("a.b"), "a.b");
        let long = format!("course.{}", "x".repeat(200));
        let short = idnumber(&long);
        assert_eq!(short.len(), 100);
        assert_eq!(short, idnumber(&long));
        assert_ne!(short, idnumber(&format!("{long}y")));
    }
}
