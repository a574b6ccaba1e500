//! Canvas-flavoured QTI 1.2 (Canvas Classic Quizzes and question banks).
//!
//! A zip shaped like Canvas's own QTI export: `imsmanifest.xml` (IMS CP 1.1)
//! and, per course, `<ident>/<ident>.xml` holding one `<questestinterop>`
//! with an `<objectbank>` (a question bank) or an `<assessment>` (a quiz,
//! with Canvas's `assessment_meta.xml` beside it). Items carry the
//! metadata Canvas reads (`question_type`, `points_possible`,
//! `original_answer_ids`, `assessment_question_identifierref`) and the
//! feedback identifiers it maps back to comments: `general_fb` (neutral)
//! and `<answer id>_fb` (per answer). Answer identifiers are numbers, as
//! Canvas keeps only numeric ones.

use super::lms;
use super::manifest::{self, Manifest, Resource};
use super::markup::{blocks, inline};
use super::shuffle::display_order;
use super::xml::{XSI_NAMESPACE, XmlWriter};
use super::{
    Artifact, CoursePackage, ExportError, ExportOptions, Exporter, OutFile, PackageEnd,
    PackageStream, Rendered,
};
use crate::model::{Answer, Bank, ChoiceOption, Course, Entry, Group, Item, ItemBody, ItemKind};

const QTI_NS: &str = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2";
const QTI_LOCATION: &str =
    "http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd";
const CP_NS: &str = "http://www.imsglobal.org/xsd/imscp_v1p1";
const MD_NS: &str = "http://www.imsglobal.org/xsd/imsmd_v1p2";
const CP_LOCATION: &str = "http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd http://www.imsglobal.org/xsd/imsmd_v1p2 http://www.imsglobal.org/xsd/imsmd_v1p2p4.xsd";
const CANVAS_NS: &str = "http://canvas.instructure.com/xsd/cccv1p0";
const CANVAS_LOCATION: &str =
    "http://canvas.instructure.com/xsd/cccv1p0 https://canvas.instructure.com/xsd/cccv1p0.xsd";
/// Canvas's resource type for its quiz settings file.
const LEARNING_APPLICATION: &str = "associatedcontent/imscc_xmlv1p1/learning-application-resource";
/// The one response of choice and essay questions, as Canvas names it.
const RESPONSE: &str = "response1";

/// What each course becomes in Canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// A question bank (`<objectbank>`), to draw quiz questions from.
    #[default]
    Bank,
    /// A quiz (`<assessment>`) with every item of the course.
    Quiz,
}

/// The QTI 1.2 target; its shape is its own setting (`--qti12-as`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Qti12Exporter {
    pub shape: Shape,
}

/// Each course as a question bank: the target `qti12` by default.
pub static QTI12_BANK: Qti12Exporter = Qti12Exporter { shape: Shape::Bank };
/// Each course as a quiz.
pub static QTI12_QUIZ: Qti12Exporter = Qti12Exporter { shape: Shape::Quiz };

impl Qti12Exporter {
    /// The exporter of `shape`.
    #[must_use]
    pub const fn of(shape: Shape) -> &'static Self {
        match shape {
            Shape::Bank => &QTI12_BANK,
            Shape::Quiz => &QTI12_QUIZ,
        }
    }
}

impl Exporter for Qti12Exporter {
    fn name(&self) -> &'static str {
        "qti12"
    }

    fn default_file_name(&self) -> &'static str {
        "qti12.zip"
    }

    fn export(&self, bank: &Bank, _options: &ExportOptions) -> Result<Artifact, ExportError> {
        Ok(Artifact::Package {
            files: package(bank, self.shape),
        })
    }

    fn package_stream(&self, _options: &ExportOptions) -> Option<Box<dyn PackageStream>> {
        Some(Box::new(Qti12Stream {
            shape: self.shape,
            titles: Vec::new(),
            ids: Vec::new(),
        }))
    }

    fn limitation(&self, kind: ItemKind, options: &ExportOptions) -> Option<&'static str> {
        match kind {
            ItemKind::SingleChoice => None,
            ItemKind::MultipleChoice if options.partial_scoring => None,
            ItemKind::MultipleChoice => Some(
                "get partial credit in Canvas (a share per correct option, taken away per wrong one): Canvas has no all-or-nothing multiple-answer question",
            ),
            ItemKind::Categorize if options.partial_scoring => Some(
                "become matching questions: each item is matched to its group from a drop-down list",
            ),
            ItemKind::Categorize => Some(
                "become matching questions: each item is matched to its group from a drop-down list, with credit per item",
            ),
            ItemKind::Order => Some(
                "become matching questions: each step is matched to its position (1 is first), with credit per step",
            ),
            ItemKind::Code | ItemKind::FreeText => Some(
                "become essay questions graded by hand; the model answer is their general feedback, which learners see after submitting",
            ),
        }
    }
}

/// The ident of a course's bank or quiz: also its folder and manifest
/// resource, so it must be an XML name (the prefix may start with a digit).
fn course_ident(prefix: &str, shape: Shape) -> String {
    match shape {
        Shape::Bank => format!("bank-{prefix}"),
        Shape::Quiz => format!("quiz-{prefix}"),
    }
}

fn package(bank: &Bank, shape: Shape) -> Vec<OutFile> {
    let mut resources = Vec::new();
    let mut files = Vec::new();
    for course in &bank.courses {
        if let Some((course_files, resource)) = course_files(course, shape) {
            files.extend(course_files);
            resources.push(resource);
        }
    }
    files.insert(
        0,
        OutFile {
            path: "imsmanifest.xml".to_owned(),
            bytes: manifest(bank, &resources).into_bytes(),
        },
    );
    files
}

/// A course's bank or quiz: its files and its `(ident, href, settings
/// href)`; `None` for a course without items (a bank or quiz must hold at
/// least one).
fn course_files(course: &Course, shape: Shape) -> Option<(Vec<OutFile>, CourseResource)> {
    let prefix = &course.id_prefix;
    let items: Vec<&Item> = course.chapters.iter().flat_map(|c| &c.items).collect();
    if items.is_empty() {
        return None;
    }
    let mut files = Vec::new();
    let ident = course_ident(prefix, shape);
    let href = format!("{ident}/{ident}.xml");
    files.push(OutFile {
        path: href.clone(),
        bytes: questestinterop(course, &items, &ident, shape).into_bytes(),
    });
    let meta = (shape == Shape::Quiz).then(|| {
        let meta_href = format!("{ident}/assessment_meta.xml");
        files.push(OutFile {
            path: meta_href.clone(),
            bytes: assessment_meta(course, items.len(), &ident).into_bytes(),
        });
        meta_href
    });
    Some((files, (ident, href, meta)))
}

/// A bank or quiz of the manifest: its ident, its file and its settings
/// file.
type CourseResource = (String, String, Option<String>);

/// IMS CP 1.1, as Canvas writes it: each bank or quiz a resource, a quiz
/// depending on its settings file.
fn manifest(bank: &Bank, resources: &[CourseResource]) -> String {
    let titles: Vec<&str> = bank.courses.iter().map(|c| c.title.as_str()).collect();
    let ids: Vec<&str> = resources.iter().map(|r| r.0.as_str()).collect();
    let entries = resources.iter().flat_map(manifest_entries).collect();
    with_manifest(&titles, &ids, entries, |m| m.to_xml())
}

/// The manifest resources of a bank or quiz.
fn manifest_entries((ident, href, meta): &CourseResource) -> Vec<Resource<'static>> {
    let mut entries = Vec::new();
    let meta_ident = format!("{ident}-meta");
    entries.push(Resource {
        identifier: ident.clone(),
        kind: "imsqti_xmlv1p2",
        href: None,
        file: href.clone(),
        interaction: None,
        dependencies: meta.iter().map(|_| meta_ident.clone()).collect(),
    });
    if let Some(meta) = meta {
        entries.push(Resource {
            identifier: meta_ident,
            kind: LEARNING_APPLICATION,
            href: Some(meta.clone()),
            file: meta.clone(),
            interaction: None,
            dependencies: Vec::new(),
        });
    }
    entries
}

/// `f` of the manifest of courses titled `titles`, whose banks or quizzes
/// are `ids`.
fn with_manifest<T>(
    titles: &[&str],
    ids: &[&str],
    resources: Vec<Resource<'_>>,
    f: impl FnOnce(&Manifest<'_>) -> T,
) -> T {
    let identifier = manifest::identifier(&ids.join(","));
    let title = format!("QTI export of {}", titles.join(", "));
    f(&Manifest {
        identifier: &identifier,
        identifier_first: true,
        namespace: CP_NS,
        metadata_namespace: MD_NS,
        schema_location: CP_LOCATION,
        qti_namespace: None,
        schema: "IMS Content",
        schema_version: "1.1.3",
        title_element: "imsmd:langstring",
        title: &title,
        resources,
    })
}

/// The package written course by course: what is kept over the bank is
/// each course's title and the idents of its bank or quiz.
struct Qti12Stream {
    shape: Shape,
    titles: Vec<String>,
    ids: Vec<String>,
}

/// A course rendered: its title, and its files and resource if it has items.
struct Qti12Course {
    title: String,
    files: Option<(Vec<OutFile>, CourseResource)>,
}

impl PackageStream for Qti12Stream {
    fn render(&self, course: &Course, _index: usize) -> Rendered {
        Rendered(Box::new(Qti12Course {
            title: course.title.clone(),
            files: course_files(course, self.shape),
        }))
    }

    fn accept(&mut self, rendered: Rendered) -> Result<CoursePackage, ExportError> {
        let course = *rendered
            .0
            .downcast::<Qti12Course>()
            .expect("a course rendered by this target");
        self.titles.push(course.title);
        let mut part = CoursePackage::default();
        if let Some((files, resource)) = course.files {
            for entry in manifest_entries(&resource) {
                part.head.extend(entry.to_xml().into_bytes());
            }
            self.ids.push(resource.0);
            part.files = files;
        }
        Ok(part)
    }

    fn finish(&mut self) -> Result<PackageEnd, ExportError> {
        let titles: Vec<&str> = self.titles.iter().map(String::as_str).collect();
        let ids: Vec<&str> = self.ids.iter().map(String::as_str).collect();
        Ok(PackageEnd {
            path: "imsmanifest.xml".to_owned(),
            head: with_manifest(&titles, &ids, Vec::new(), |m| m.head()).into_bytes(),
            tail: manifest::tail().into_bytes(),
        })
    }
}

/// Canvas's quiz settings: kept to what a fresh graded quiz needs.
fn assessment_meta(course: &Course, items: usize, ident: &str) -> String {
    let mut w = XmlWriter::new();
    w.open(
        "quiz",
        &[
            ("identifier", ident),
            ("xmlns", CANVAS_NS),
            ("xmlns:xsi", XSI_NAMESPACE),
            ("xsi:schemaLocation", CANVAS_LOCATION),
        ],
    );
    w.text("title", &[], &course.title);
    let description = course
        .url
        .as_deref()
        .map(str::trim)
        .filter(|url| !url.is_empty())
        .map(|url| match super::markup::link_target(url) {
            Some(target) => {
                let target = super::xml::esc(target);
                format!("<p><a href=\"{target}\">{target}</a></p>")
            }
            // Any other scheme (`javascript:` ...) is shown, never linked.
            None => format!("<p>{}</p>", super::xml::esc(url)),
        })
        .unwrap_or_default();
    w.text("description", &[], &description)
        .text("shuffle_answers", &[], "false")
        .text("scoring_policy", &[], "keep_highest")
        .text("quiz_type", &[], "assignment")
        .text("points_possible", &[], &format!("{items}.0"))
        .text("allowed_attempts", &[], "1");
    w.close();
    w.finish()
}

fn questestinterop(course: &Course, items: &[&Item], ident: &str, shape: Shape) -> String {
    let mut w = XmlWriter::new();
    w.open(
        "questestinterop",
        &[
            ("xmlns", QTI_NS),
            ("xmlns:xsi", XSI_NAMESPACE),
            ("xsi:schemaLocation", QTI_LOCATION),
        ],
    );
    match shape {
        Shape::Bank => {
            w.open("objectbank", &[("ident", ident)]);
            metadata(&mut w, &[("bank_title", &course.title)]);
            for item in items {
                write_item(&mut w, item);
            }
            w.close();
        }
        Shape::Quiz => {
            w.open("assessment", &[("ident", ident), ("title", &course.title)]);
            metadata(&mut w, &[("cc_maxattempts", "1")]);
            w.open("section", &[("ident", "root_section")]);
            for item in items {
                write_item(&mut w, item);
            }
            w.close().close();
        }
    }
    w.close();
    w.finish()
}

fn metadata(w: &mut XmlWriter, fields: &[(&str, &str)]) {
    w.open("qtimetadata", &[]);
    for (label, entry) in fields {
        w.open("qtimetadatafield", &[])
            .text("fieldlabel", &[], label)
            .text("fieldentry", &[], entry)
            .close();
    }
    w.close();
}

/// `<material>` with one HTML `<mattext>` (escaped once more by the writer,
/// as Canvas writes it).
fn material(w: &mut XmlWriter, html: &str) {
    w.open("material", &[])
        .text("mattext", &[("texttype", "text/html")], html)
        .close();
}

fn plain_material(w: &mut XmlWriter, text: &str) {
    w.open("material", &[])
        .text("mattext", &[("texttype", "text/plain")], text)
        .close();
}

/// An answer of a Canvas question: its numeric id, its HTML and feedback.
struct CanvasAnswer {
    id: usize,
    html: String,
    feedback: Option<String>,
}

fn answer_feedback(text: Option<&str>) -> Option<String> {
    text.map(|t| format!("<p>{}</p>", inline(t)))
}

fn write_item(w: &mut XmlWriter, item: &Item) {
    let general = lms::general_feedback(item);
    match &item.body {
        ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
            choice_item(w, item, options, general)
        }
        ItemBody::Categorize { groups } => categorize_item(w, item, groups, general),
        ItemBody::Order { steps } => order_item(w, item, steps, general),
        ItemBody::Code { answer } | ItemBody::FreeText { answer } => {
            essay_item(w, item, answer, general)
        }
    }
}

fn open_item(w: &mut XmlWriter, item: &Item, question_type: &str, answer_ids: &[usize]) {
    let ids: Vec<String> = answer_ids.iter().map(ToString::to_string).collect();
    w.open("item", &[("ident", &item.id), ("title", item.title.trim())]);
    w.open("itemmetadata", &[]);
    metadata(
        w,
        &[
            ("question_type", question_type),
            ("points_possible", "1"),
            ("original_answer_ids", &ids.join(",")),
            ("assessment_question_identifierref", &item.id),
        ],
    );
    w.close();
}

fn question_text(item: &Item, extra: &str) -> String {
    format!("<div>{}{extra}</div>", blocks(&item.prompt))
}

fn outcomes(w: &mut XmlWriter) {
    w.open("outcomes", &[])
        .empty(
            "decvar",
            &[
                ("maxvalue", "100"),
                ("minvalue", "0"),
                ("varname", "SCORE"),
                ("vartype", "Decimal"),
            ],
        )
        .close();
}

/// Shows `general_fb` whatever the response (Canvas's neutral comments).
fn general_condition(w: &mut XmlWriter, general: Option<&String>) {
    if general.is_some() {
        w.open("respcondition", &[("continue", "Yes")])
            .open("conditionvar", &[])
            .empty("other", &[])
            .close()
            .empty(
                "displayfeedback",
                &[("feedbacktype", "Response"), ("linkrefid", "general_fb")],
            )
            .close();
    }
}

fn item_feedback(w: &mut XmlWriter, ident: &str, html: &str) {
    w.open("itemfeedback", &[("ident", ident)])
        .open("flow_mat", &[]);
    material(w, html);
    w.close().close();
}

fn feedbacks(w: &mut XmlWriter, general: Option<&String>, answers: &[CanvasAnswer]) {
    if let Some(general) = general {
        item_feedback(w, "general_fb", general);
    }
    for answer in answers {
        if let Some(feedback) = &answer.feedback {
            item_feedback(w, &format!("{}_fb", answer.id), feedback);
        }
    }
}

fn choice_item(w: &mut XmlWriter, item: &Item, options: &[ChoiceOption], general: Option<String>) {
    let single = item.kind() == ItemKind::SingleChoice;
    let answers: Vec<CanvasAnswer> = options
        .iter()
        .enumerate()
        .map(|(k, o)| CanvasAnswer {
            id: k + 1,
            html: inline(o.text.trim()),
            feedback: answer_feedback(o.feedback.as_deref()),
        })
        .collect();
    let ids: Vec<usize> = answers.iter().map(|a| a.id).collect();
    let question_type = if single {
        "multiple_choice_question"
    } else {
        "multiple_answers_question"
    };
    open_item(w, item, question_type, &ids);
    w.open("presentation", &[]);
    material(w, &question_text(item, ""));
    w.open(
        "response_lid",
        &[
            ("ident", RESPONSE),
            ("rcardinality", if single { "Single" } else { "Multiple" }),
        ],
    );
    w.open("render_choice", &[]);
    for answer in &answers {
        w.open("response_label", &[("ident", &answer.id.to_string())]);
        material(w, &answer.html);
        w.close();
    }
    w.close().close().close();

    w.open("resprocessing", &[]);
    outcomes(w);
    general_condition(w, general.as_ref());
    for answer in answers.iter().filter(|a| a.feedback.is_some()) {
        let id = answer.id.to_string();
        w.open("respcondition", &[("continue", "Yes")])
            .open("conditionvar", &[])
            .text("varequal", &[("respident", RESPONSE)], &id)
            .close()
            .empty(
                "displayfeedback",
                &[
                    ("feedbacktype", "Response"),
                    ("linkrefid", &format!("{id}_fb")),
                ],
            )
            .close();
    }
    let correct: Vec<&ChoiceOption> = options.iter().filter(|o| o.correct).collect();
    // A question without a correct option cannot be scored: no condition.
    if !correct.is_empty() {
        w.open("respcondition", &[("continue", "No")]);
        w.open("conditionvar", &[]);
        if single {
            let id = options.iter().position(|o| o.correct).map_or(0, |k| k + 1);
            w.text("varequal", &[("respident", RESPONSE)], &id.to_string());
        } else {
            // Exactly the correct set, as Canvas writes it.
            w.open("and", &[]);
            for (answer, option) in answers.iter().zip(options) {
                let id = answer.id.to_string();
                if option.correct {
                    w.text("varequal", &[("respident", RESPONSE)], &id);
                } else {
                    w.open("not", &[])
                        .text("varequal", &[("respident", RESPONSE)], &id)
                        .close();
                }
            }
            w.close();
        }
        w.close();
        w.text("setvar", &[("action", "Set"), ("varname", "SCORE")], "100");
        w.close();
    }
    w.close();
    feedbacks(w, general.as_ref(), &answers);
    w.close();
}

/// A matching question: each left-hand answer (shown in `answers` order)
/// picks one of `matches`; `key[k]` is the match of answer `k`.
fn matching_item(
    w: &mut XmlWriter,
    item: &Item,
    extra: &str,
    answers: &[CanvasAnswer],
    matches: &[(usize, String)],
    key: &[usize],
    general: Option<String>,
) {
    let ids: Vec<usize> = answers.iter().map(|a| a.id).collect();
    open_item(w, item, "matching_question", &ids);
    w.open("presentation", &[]);
    material(w, &question_text(item, extra));
    for answer in answers {
        w.open(
            "response_lid",
            &[("ident", &format!("response_{}", answer.id))],
        );
        material(w, &answer.html);
        w.open("render_choice", &[]);
        for (match_id, text) in matches {
            w.open("response_label", &[("ident", &match_id.to_string())]);
            plain_material(w, text);
            w.close();
        }
        w.close().close();
    }
    w.close();

    w.open("resprocessing", &[]);
    outcomes(w);
    general_condition(w, general.as_ref());
    let count = f64::from(u32::try_from(answers.len().max(1)).unwrap_or(u32::MAX));
    let points = format!("{:.2}", 100.0 / count);
    for (answer, &match_id) in answers.iter().zip(key) {
        let respident = format!("response_{}", answer.id);
        let match_id = match_id.to_string();
        w.open("respcondition", &[("continue", "Yes")])
            .open("conditionvar", &[])
            .text("varequal", &[("respident", &respident)], &match_id)
            .close()
            .text(
                "setvar",
                &[("action", "Add"), ("varname", "SCORE")],
                &points,
            )
            .close();
        if answer.feedback.is_some() {
            // An item's explanation shows when it is matched wrongly.
            w.open("respcondition", &[("continue", "Yes")])
                .open("conditionvar", &[])
                .open("not", &[])
                .text("varequal", &[("respident", &respident)], &match_id)
                .close()
                .close()
                .empty(
                    "displayfeedback",
                    &[
                        ("feedbacktype", "Response"),
                        ("linkrefid", &format!("{}_fb", answer.id)),
                    ],
                )
                .close();
        }
    }
    w.close();
    feedbacks(w, general.as_ref(), answers);
    w.close();
}

fn categorize_item(w: &mut XmlWriter, item: &Item, groups: &[Group], general: Option<String>) {
    let entries: Vec<(usize, &Entry)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.items.iter().map(move |e| (g, e)))
        .collect();
    let order = display_order(&item.id, entries.len());
    let answers: Vec<CanvasAnswer> = order
        .iter()
        .enumerate()
        .map(|(pos, &k)| CanvasAnswer {
            id: pos + 1,
            html: inline(entries[k].1.text.trim()),
            feedback: answer_feedback(entries[k].1.feedback.as_deref()),
        })
        .collect();
    // Match ids follow the answer ids, so that no two identifiers clash.
    let first_match = entries.len() + 1;
    let matches: Vec<(usize, String)> = groups
        .iter()
        .enumerate()
        .map(|(g, group)| (first_match + g, group.name.trim().to_owned()))
        .collect();
    let key: Vec<usize> = order.iter().map(|&k| first_match + entries[k].0).collect();
    matching_item(w, item, "", &answers, &matches, &key, general);
}

fn order_item(w: &mut XmlWriter, item: &Item, steps: &[Entry], general: Option<String>) {
    let order = display_order(&item.id, steps.len());
    let answers: Vec<CanvasAnswer> = order
        .iter()
        .enumerate()
        .map(|(pos, &k)| CanvasAnswer {
            id: pos + 1,
            html: inline(steps[k].text.trim()),
            feedback: answer_feedback(steps[k].feedback.as_deref()),
        })
        .collect();
    let first_match = steps.len() + 1;
    let matches: Vec<(usize, String)> = (0..steps.len())
        .map(|k| (first_match + k, (k + 1).to_string()))
        .collect();
    let key: Vec<usize> = order.iter().map(|&k| first_match + k).collect();
    let extra = "<p>Give each step its position in the order: 1 is first.</p>";
    matching_item(w, item, extra, &answers, &matches, &key, general);
}

fn essay_item(w: &mut XmlWriter, item: &Item, answer: &Answer, general: Option<String>) {
    open_item(w, item, "essay_question", &[]);
    w.open("presentation", &[]);
    material(w, &question_text(item, ""));
    w.open(
        "response_str",
        &[("ident", RESPONSE), ("rcardinality", "Single")],
    )
    .open("render_fib", &[])
    .empty(
        "response_label",
        &[("ident", "answer1"), ("rshuffle", "No")],
    )
    .close()
    .close();
    w.close();
    // Classic Quizzes have no grader-only text: the model answer goes to
    // the neutral feedback.
    let feedback = format!(
        "{}<p><strong>Model answer</strong></p>{}",
        general.unwrap_or_default(),
        lms::model_answer(answer)
    );
    let feedback = Some(feedback);
    w.open("resprocessing", &[]);
    outcomes(w);
    general_condition(w, feedback.as_ref());
    w.open("respcondition", &[("continue", "No")])
        .open("conditionvar", &[])
        .empty("other", &[])
        .close()
        .close();
    w.close();
    feedbacks(w, feedback.as_ref(), &[]);
    w.close();
}
