//! What the QTI 2.1 and QTI 3.0 packages share: the mapping of items to
//! interactions, scoring and feedback, the tests and the manifest.
//!
//! QTI 3.0 renamed every element and attribute mechanically
//! (`choiceInteraction` -> `qti-choice-interaction`, `maxChoices` ->
//! `max-choices`), so the mapping is written once with the 2.1 names and a
//! [`Dialect`] (in `qti21.rs` / `qti30.rs`) says how to spell them. Nothing
//! here reads the clock or a random source: the same bank gives the same bytes.

use std::collections::BTreeSet;

use super::lms::{self, display_order, fnv1a};
use super::markup::{blocks, blocks_and_last_paragraph, code_block, inline, plain_inline};
use super::xml::{XmlWriter, element};
use super::{Artifact, ExportError, ExportOptions, OutFile};
use crate::model::{self, Bank, ChoiceOption, Course, Entry, Group, Item, ItemBody};

/// The facts that differ between two QTI versions.
pub(super) struct Dialect {
    /// The `--to` name, for error messages.
    pub target: &'static str,
    /// Namespace of items and tests.
    pub namespace: &'static str,
    /// `xsi:schemaLocation` of items and tests.
    pub schema_location: &'static str,
    /// QTI 3.0 spelling: `qti-` + kebab-case elements, kebab-case attributes.
    pub kebab_names: bool,
    /// QTI 3.0 wraps modal feedback and rubric content in `qti-content-body`.
    pub content_body: bool,
    /// QTI 3.0 can mark SCORE as scored by a person (`external-scored`).
    pub external_scored: bool,
    /// Shaped for what the QTI 2.x importers of learning systems read (as
    /// Canvas's converter does): the whole prompt in one `<div>` that opens
    /// `itemBody` (no interaction `prompt`), explanations in modal feedback
    /// instead of inside choices, the model answer in the general feedback
    /// as well as the scorer's rubric, and each item's interaction type in
    /// the manifest. QTI 3.0 has no such importers and keeps the plain forms.
    pub lms_shape: bool,
    /// Response-processing template URI = prefix + name + suffix.
    pub template_prefix: &'static str,
    pub template_suffix: &'static str,
    pub manifest: ManifestDialect,
}

/// The content-packaging profile of a QTI version.
pub(super) struct ManifestDialect {
    pub namespace: &'static str,
    /// Namespace of the `imsmd:` metadata.
    pub metadata_namespace: &'static str,
    pub schema_location: &'static str,
    /// `<schema>` and `<schemaversion>` of the manifest metadata.
    pub schema: &'static str,
    pub schema_version: &'static str,
    /// The element holding a string in the metadata's title.
    pub title_string: &'static str,
    pub item_type: &'static str,
    pub test_type: &'static str,
}

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const RESPONSE: &str = "RESPONSE";
const SCORE: &str = "SCORE";
const MAXSCORE: &str = "MAXSCORE";
const FEEDBACK: &str = "FEEDBACK";
/// Feedback identifiers, in the patterns Canvas's importer reads.
const GENERAL_FB: &str = "general_fb";
const SOLUTION: &str = "solution";

/// The whole package: `imsmanifest.xml`, one item file per item (bank
/// order), one test per course with items.
pub(super) fn package(
    dialect: &Dialect,
    bank: &Bank,
    options: &ExportOptions,
) -> Result<Artifact, ExportError> {
    let fail = |message: String| ExportError::Failed {
        target: dialect.target,
        message,
    };
    let mut used = BTreeSet::new();
    let mut item_files = Vec::new();
    let mut tests = Vec::new();
    let sources: Vec<&str> = bank.courses.iter().map(|c| c.source.as_str()).collect();
    let prefixes = model::id_prefixes(&sources);
    let mut course_items = Vec::new();
    for course in &bank.courses {
        let mut refs = Vec::new();
        for (chapter_index, chapter) in course.chapters.iter().enumerate() {
            for item in &chapter.items {
                let ident = ncname(&item.id);
                if !used.insert(ident.clone()) {
                    return Err(fail(format!("two items have the id `{}`", item.id)));
                }
                let xml = item_xml(dialect, item, &ident, options).map_err(&fail)?;
                refs.push((chapter_index, ident.clone()));
                item_files.push(Resource {
                    ident,
                    bytes: xml.into_bytes(),
                    dependencies: Vec::new(),
                    interaction: Some(interaction_name(&item.body)),
                });
            }
        }
        course_items.push(refs);
    }
    for ((course, prefix), refs) in bank.courses.iter().zip(&prefixes).zip(&course_items) {
        // A course without items has nothing to test.
        if refs.is_empty() {
            continue;
        }
        // The id prefix of the course's items: a test id never clashes with
        // an item id (those always hold a `.`), but a hand-made bank could.
        let mut ident = ncname(prefix);
        let mut n = 1;
        while used.contains(&ident) {
            n += 1;
            ident = ncname(&format!("{prefix}-{n}"));
        }
        used.insert(ident.clone());
        let xml = test_xml(dialect, course, &ident, refs);
        tests.push(Resource {
            ident,
            bytes: xml.into_bytes(),
            dependencies: refs.iter().map(|(_, item)| item.clone()).collect(),
            interaction: None,
        });
    }
    let manifest = manifest_xml(dialect, bank, &prefixes, &item_files, &tests);
    let mut files = vec![OutFile {
        path: "imsmanifest.xml".to_owned(),
        bytes: manifest.into_bytes(),
    }];
    files.extend(item_files.into_iter().chain(tests).map(|r| OutFile {
        path: r.href(),
        bytes: r.bytes,
    }));
    Ok(Artifact::Package { files })
}

struct Resource {
    ident: String,
    bytes: Vec<u8>,
    /// The identifiers of the items a test uses.
    dependencies: Vec<String>,
    /// An item's interaction, in QTI 2.1 spelling.
    interaction: Option<&'static str>,
}

/// The one interaction an item of this body holds.
fn interaction_name(body: &ItemBody) -> &'static str {
    match body {
        ItemBody::Choice { .. } => "choiceInteraction",
        ItemBody::Categorize { .. } => "matchInteraction",
        ItemBody::Order { .. } => "orderInteraction",
        ItemBody::Answer { .. } => "extendedTextInteraction",
    }
}

impl Resource {
    fn href(&self) -> String {
        format!("{}.xml", self.ident)
    }
}

/// A valid NCName for an id, the same on every run and distinct for
/// distinct ids: an id that already is an ASCII NCName without `_` (every
/// id lowering makes, unless it starts with a digit) is kept as is; any
/// other gets a leading `_` and each character outside `[A-Za-z0-9.-]`
/// written as `_<hex>_`. The two forms cannot meet (only the second starts
/// with `_`), and the second decodes unambiguously.
#[must_use]
pub fn ncname(id: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    if id.starts_with(|c: char| c.is_ascii_alphabetic()) && id.chars().all(plain) {
        return id.to_owned();
    }
    let mut out = String::with_capacity(id.len() + 8);
    out.push('_');
    for c in id.chars() {
        if plain(c) {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", u32::from(c)));
        }
    }
    out
}

/// An [`XmlWriter`] that spells QTI names for its dialect.
struct QtiWriter<'d> {
    xml: XmlWriter,
    dialect: &'d Dialect,
}

impl<'d> QtiWriter<'d> {
    fn new(dialect: &'d Dialect) -> Self {
        Self {
            xml: XmlWriter::new(),
            dialect,
        }
    }

    fn element_name(&self, name: &str) -> String {
        if self.dialect.kebab_names {
            format!("qti-{}", kebab(name))
        } else {
            name.to_owned()
        }
    }

    fn attrs(&self, attrs: &[(&str, &str)]) -> Vec<(String, String)> {
        attrs
            .iter()
            .map(|(k, v)| {
                // `xml:lang`, `xmlns:xsi` ... are not QTI names.
                let key = if self.dialect.kebab_names && !k.contains(':') {
                    kebab(k)
                } else {
                    (*k).to_owned()
                };
                (key, (*v).to_owned())
            })
            .collect()
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        let (name, attrs) = (self.element_name(name), self.attrs(attrs));
        self.xml.open(&name, &as_refs(&attrs));
        self
    }

    fn close(&mut self) -> &mut Self {
        self.xml.close();
        self
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        let (name, attrs) = (self.element_name(name), self.attrs(attrs));
        self.xml.empty(&name, &as_refs(&attrs));
        self
    }

    fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        let (name, attrs) = (self.element_name(name), self.attrs(attrs));
        self.xml.text(&name, &as_refs(&attrs), text);
        self
    }

    fn fragment(&mut self, name: &str, attrs: &[(&str, &str)], xhtml: &str) -> &mut Self {
        let (name, attrs) = (self.element_name(name), self.attrs(attrs));
        self.xml.fragment(&name, &as_refs(&attrs), xhtml);
        self
    }

    /// A QTI element as a string, for mixed content.
    fn inline_element(&self, name: &str, attrs: &[(&str, &str)], inner: &str) -> String {
        let (name, attrs) = (self.element_name(name), self.attrs(attrs));
        element(&name, &as_refs(&attrs), inner)
    }

    /// Block content that QTI 3.0 wraps in `qti-content-body`.
    fn body(&mut self, name: &str, attrs: &[(&str, &str)], xhtml: &str) -> &mut Self {
        if self.dialect.content_body {
            self.open(name, attrs)
                .fragment("contentBody", &[], xhtml)
                .close()
        } else {
            self.fragment(name, attrs, xhtml)
        }
    }

    /// The root element with its namespace declarations.
    fn open_root(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        let mut all: Vec<(&str, &str)> = vec![
            ("xmlns", self.dialect.namespace),
            ("xmlns:xsi", XSI),
            ("xsi:schemaLocation", self.dialect.schema_location),
        ];
        all.extend_from_slice(attrs);
        self.open(name, &all)
    }

    fn finish(self) -> String {
        self.xml.finish()
    }
}

fn as_refs(attrs: &[(String, String)]) -> Vec<(&str, &str)> {
    attrs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// `maxChoices` -> `max-choices`.
fn kebab(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// How an item is scored.
enum Scoring {
    /// Full marks for exactly the correct response.
    MatchCorrect,
    /// The sum of the mapped values of the response, never below 0.
    Map { entries: Vec<(String, i64)> },
    /// Scored by a person.
    Human,
}

/// One answer the learner sees: a choice, a group item, a step, a group.
struct Choice {
    ident: String,
    xhtml: String,
    feedback: Option<String>,
    /// Kept in place when the interaction shuffles.
    fixed: bool,
}

/// When a choice's feedback is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FeedbackWhen {
    /// When the learner chose it.
    Selected,
    /// After every submission.
    Always,
}

fn feedback_of(text: Option<&String>) -> Option<&str> {
    text.map(|t| t.trim()).filter(|t| !t.is_empty())
}

/// The whole prompt as one `<div>` of blocks (lists and code included):
/// the element importers take for the question text.
fn stem(prompt: &str) -> String {
    let blocks = blocks(prompt);
    if blocks.is_empty() {
        blocks
    } else {
        format!("<div>{blocks}</div>")
    }
}

fn item_xml(
    dialect: &Dialect,
    item: &Item,
    ident: &str,
    options: &ExportOptions,
) -> Result<String, String> {
    let mut w = QtiWriter::new(dialect);
    let version = env!("CARGO_PKG_VERSION");
    w.open_root(
        "assessmentItem",
        &[
            ("identifier", ident),
            ("title", &item.title),
            ("adaptive", "false"),
            ("timeDependent", "false"),
            ("toolName", "exambank"),
            ("toolVersion", version),
        ],
    );
    let (lead, prompt) = if dialect.lms_shape {
        (stem(&item.prompt), None)
    } else {
        blocks_and_last_paragraph(&item.prompt)
    };
    // The general feedback, as XHTML. Where explanations of group items and
    // steps cannot sit inside their choices, they join it as a list.
    let general = match &item.body {
        ItemBody::Categorize { .. } | ItemBody::Order { .. } if dialect.lms_shape => {
            lms::feedback_with_entries(item)
        }
        _ => lms::general_feedback(item),
    };
    let general = general.as_deref();
    match &item.body {
        ItemBody::Choice { options: opts } => {
            choice_item(
                &mut w,
                item,
                opts,
                &lead,
                prompt.as_deref(),
                general,
                options,
            )?;
        }
        ItemBody::Categorize { groups } => {
            categorize_item(
                &mut w,
                item,
                groups,
                &lead,
                prompt.as_deref(),
                general,
                options,
            )?;
        }
        ItemBody::Order { steps } => {
            order_item(&mut w, item, steps, &lead, prompt.as_deref(), general)?;
        }
        ItemBody::Answer { answer } => {
            let solution = if answer.language.is_some() {
                code_block(&answer.text)
            } else {
                blocks(&answer.text)
            };
            text_item(&mut w, &lead, prompt.as_deref(), general, &solution);
        }
    }
    w.close();
    Ok(w.finish())
}

fn choice_item(
    w: &mut QtiWriter<'_>,
    item: &Item,
    opts: &[ChoiceOption],
    lead: &str,
    prompt: Option<&str>,
    general: Option<&str>,
    options: &ExportOptions,
) -> Result<(), String> {
    if opts.is_empty() {
        return Err(format!("item `{}` has no options", item.id));
    }
    let correct: Vec<String> = (1..=opts.len())
        .filter(|k| opts[k - 1].correct)
        .map(|k| format!("choice_{k}"))
        .collect();
    let single = item.kind == model::ItemKind::SingleChoice;
    let choices: Vec<Choice> = opts
        .iter()
        .enumerate()
        .map(|(k, o)| Choice {
            ident: format!("choice_{}", k + 1),
            xhtml: inline(o.text.trim()),
            feedback: feedback_of(o.feedback.as_ref()).map(inline),
            fixed: refers_to_other_options(&o.text),
        })
        .collect();
    let scoring = if !single && options.partial_scoring {
        // Credit per correct choice, taken away per wrong one (never below 0).
        Scoring::Map {
            entries: opts
                .iter()
                .enumerate()
                .map(|(k, o)| (format!("choice_{}", k + 1), if o.correct { 1 } else { -1 }))
                .collect(),
        }
    } else {
        Scoring::MatchCorrect
    };
    let max = match &scoring {
        Scoring::Map { .. } => correct.len().max(1),
        _ => 1,
    };
    let cardinality = if single { "single" } else { "multiple" };
    let has_feedback = general.is_some() || choices.iter().any(|c| c.feedback.is_some());
    response_declaration(w, cardinality, "identifier", &correct, &scoring, max);
    outcome_declarations(w, &scoring, max, has_feedback);
    w.open("itemBody", &[]);
    lead_blocks(w, lead);
    let max_choices = if single { "1" } else { "0" };
    w.open(
        "choiceInteraction",
        &[
            ("responseIdentifier", RESPONSE),
            ("shuffle", "true"),
            ("maxChoices", max_choices),
        ],
    );
    prompt_element(w, prompt);
    choice_elements(w, "simpleChoice", &choices, None);
    w.close().close();
    let when = FeedbackWhen::Selected;
    response_processing(w, &scoring, cardinality, &choices, when, general, false);
    if w.dialect.lms_shape {
        choice_feedback(w, opts, &choices);
    }
    modal_feedback(w, general, None);
    Ok(())
}

/// "All of the above" and its kind name other options by position: they
/// keep their place when the choices are shuffled.
fn refers_to_other_options(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("of the above") || lower.contains("of the below")
}

fn categorize_item(
    w: &mut QtiWriter<'_>,
    item: &Item,
    groups: &[Group],
    lead: &str,
    prompt: Option<&str>,
    general: Option<&str>,
    options: &ExportOptions,
) -> Result<(), String> {
    let entries: Vec<(usize, &Entry)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.items.iter().map(move |e| (g, e)))
        .collect();
    if entries.is_empty() || groups.is_empty() {
        return Err(format!("item `{}` has no items to sort", item.id));
    }
    // Shown in a fixed order that is not the notes' (grouped) order, in case
    // a system does not shuffle; named by that position, so the identifiers
    // say nothing about the groups either.
    let order = display_order(&item.id, entries.len());
    let mut pairs = Vec::with_capacity(entries.len());
    let mut choices = Vec::with_capacity(entries.len());
    for (pos, &k) in order.iter().enumerate() {
        let (g, entry) = entries[k];
        let ident = format!("item_{}", pos + 1);
        pairs.push(format!("{ident} group_{}", g + 1));
        choices.push(Choice {
            ident,
            xhtml: inline(entry.text.trim()),
            feedback: entry_feedback(w.dialect, entry),
            fixed: false,
        });
    }
    let targets: Vec<Choice> = groups
        .iter()
        .enumerate()
        .map(|(g, group)| Choice {
            ident: format!("group_{}", g + 1),
            xhtml: inline(group.name.trim()),
            feedback: None,
            fixed: true,
        })
        .collect();
    let (scoring, max) = if options.partial_scoring {
        let entries = pairs.iter().map(|p| (p.clone(), 1)).collect();
        (Scoring::Map { entries }, pairs.len())
    } else {
        (Scoring::MatchCorrect, 1)
    };
    let has_feedback = general.is_some() || choices.iter().any(|c| c.feedback.is_some());
    response_declaration(w, "multiple", "directedPair", &pairs, &scoring, max);
    outcome_declarations(w, &scoring, max, has_feedback);
    w.open("itemBody", &[]);
    lead_blocks(w, lead);
    let count = entries.len().to_string();
    w.open(
        "matchInteraction",
        &[
            ("responseIdentifier", RESPONSE),
            ("shuffle", "true"),
            ("maxAssociations", &count),
            ("minAssociations", "0"),
        ],
    );
    prompt_element(w, prompt);
    // Each item goes to one group; a group takes any number of items.
    w.open("simpleMatchSet", &[]);
    choice_elements(w, "simpleAssociableChoice", &choices, Some("1"));
    w.close().open("simpleMatchSet", &[]);
    choice_elements(w, "simpleAssociableChoice", &targets, Some("0"));
    w.close().close().close();
    let when = FeedbackWhen::Always;
    response_processing(w, &scoring, "multiple", &choices, when, general, false);
    modal_feedback(w, general, None);
    Ok(())
}

fn order_item(
    w: &mut QtiWriter<'_>,
    item: &Item,
    steps: &[Entry],
    lead: &str,
    prompt: Option<&str>,
    general: Option<&str>,
) -> Result<(), String> {
    if steps.is_empty() {
        return Err(format!("item `{}` has no steps", item.id));
    }
    // Never written in the answer's order (a system that ignores `shuffle`
    // would show the answer), and named by displayed position.
    let order = display_order(&item.id, steps.len());
    let mut correct = vec![String::new(); steps.len()];
    let mut choices = Vec::with_capacity(steps.len());
    for (pos, &k) in order.iter().enumerate() {
        let ident = format!("step_{}", pos + 1);
        correct[k] = ident.clone();
        choices.push(Choice {
            ident,
            xhtml: inline(steps[k].text.trim()),
            feedback: entry_feedback(w.dialect, &steps[k]),
            fixed: false,
        });
    }
    let scoring = Scoring::MatchCorrect;
    let has_feedback = general.is_some() || choices.iter().any(|c| c.feedback.is_some());
    response_declaration(w, "ordered", "identifier", &correct, &scoring, 1);
    outcome_declarations(w, &scoring, 1, has_feedback);
    w.open("itemBody", &[]);
    lead_blocks(w, lead);
    // Always shuffled: an ordering question in its own order shows its answer.
    w.open(
        "orderInteraction",
        &[("responseIdentifier", RESPONSE), ("shuffle", "true")],
    );
    prompt_element(w, prompt);
    choice_elements(w, "simpleChoice", &choices, None);
    w.close().close();
    let when = FeedbackWhen::Always;
    response_processing(w, &scoring, "ordered", &choices, when, general, false);
    modal_feedback(w, general, None);
    Ok(())
}

/// A code or free-text item: not scored automatically; the model answer
/// goes to scorers in a rubric and to learners after submission.
fn text_item(
    w: &mut QtiWriter<'_>,
    lead: &str,
    prompt: Option<&str>,
    general: Option<&str>,
    solution: &str,
) {
    let scoring = Scoring::Human;
    w.empty(
        "responseDeclaration",
        &[
            ("identifier", RESPONSE),
            ("cardinality", "single"),
            ("baseType", "string"),
        ],
    );
    outcome_declarations(w, &scoring, 1, true);
    w.open("itemBody", &[]);
    lead_blocks(w, lead);
    w.open(
        "extendedTextInteraction",
        &[("responseIdentifier", RESPONSE)],
    );
    prompt_element(w, prompt);
    w.close();
    let view = [("use", "scoring"), ("view", "scorer")];
    // `use` is QTI 3.0's; QTI 2.1 knows only `view`.
    let attrs = if w.dialect.content_body {
        &view[..]
    } else {
        &view[1..]
    };
    w.body("rubricBlock", attrs, solution);
    w.close();
    if w.dialect.lms_shape {
        // Canvas shows the general feedback after submission but keeps a
        // `solution` feedback only as a hidden example solution, with its
        // text flattened: the model answer goes with the note.
        let general = format!(
            "{}<p><strong>Model answer</strong></p>{solution}",
            general.unwrap_or_default()
        );
        let general = Some(general.as_str());
        let always = FeedbackWhen::Always;
        response_processing(w, &scoring, "single", &[], always, general, false);
        modal_feedback(w, general, None);
        return;
    }
    response_processing(
        w,
        &scoring,
        "single",
        &[],
        FeedbackWhen::Always,
        general,
        true,
    );
    modal_feedback(w, general, Some(solution));
}

fn response_declaration(
    w: &mut QtiWriter<'_>,
    cardinality: &str,
    base_type: &str,
    correct: &[String],
    scoring: &Scoring,
    max: usize,
) {
    w.open(
        "responseDeclaration",
        &[
            ("identifier", RESPONSE),
            ("cardinality", cardinality),
            ("baseType", base_type),
        ],
    );
    // A choice question without a correct option is an error in the notes;
    // the exporter still writes valid QTI for it.
    if !correct.is_empty() {
        w.open("correctResponse", &[]);
        for value in correct {
            w.text("value", &[], value);
        }
        w.close();
    }
    if let Scoring::Map { entries } = scoring {
        let upper = max.to_string();
        w.open(
            "mapping",
            &[
                ("lowerBound", "0"),
                ("upperBound", &upper),
                ("defaultValue", "0"),
            ],
        );
        for (key, value) in entries {
            let value = value.to_string();
            w.empty("mapEntry", &[("mapKey", key), ("mappedValue", &value)]);
        }
        w.close();
    }
    w.close();
}

fn outcome_declarations(w: &mut QtiWriter<'_>, scoring: &Scoring, max: usize, feedback: bool) {
    let max = max.to_string();
    let mut score = vec![
        ("identifier", SCORE),
        ("cardinality", "single"),
        ("baseType", "float"),
    ];
    if matches!(scoring, Scoring::Human) && w.dialect.external_scored {
        score.push(("externalScored", "human"));
    }
    score.extend([("normalMinimum", "0"), ("normalMaximum", max.as_str())]);
    float_outcome(w, &score, "0");
    float_outcome(
        w,
        &[
            ("identifier", MAXSCORE),
            ("cardinality", "single"),
            ("baseType", "float"),
        ],
        &max,
    );
    if feedback {
        // Multiple: several feedbacks can show at once (a NOTE and the
        // explanations of the chosen options).
        w.empty(
            "outcomeDeclaration",
            &[
                ("identifier", FEEDBACK),
                ("cardinality", "multiple"),
                ("baseType", "identifier"),
            ],
        );
    }
}

fn float_outcome(w: &mut QtiWriter<'_>, attrs: &[(&str, &str)], default: &str) {
    w.open("outcomeDeclaration", attrs)
        .open("defaultValue", &[])
        .text("value", &[], default)
        .close()
        .close();
}

fn lead_blocks(w: &mut QtiWriter<'_>, lead: &str) {
    if !lead.is_empty() {
        w.xml.raw(lead);
    }
}

fn prompt_element(w: &mut QtiWriter<'_>, prompt: Option<&str>) {
    if let Some(prompt) = prompt {
        w.fragment("prompt", &[], prompt);
    }
}

/// A group item's or step's explanation as inline feedback, where the
/// dialect keeps explanations inside choices.
fn entry_feedback(dialect: &Dialect, entry: &Entry) -> Option<String> {
    if dialect.lms_shape {
        return None;
    }
    feedback_of(entry.feedback.as_ref()).map(inline)
}

/// Each option's explanation as modal feedback (`choice_N_fb`), shown when
/// the option was chosen and titled with the option, since it no longer
/// stands beside it. Importers that read option text up to the first
/// child element (Canvas) then keep the whole option, and attach the
/// explanation to it.
fn choice_feedback(w: &mut QtiWriter<'_>, opts: &[ChoiceOption], choices: &[Choice]) {
    for (option, choice) in opts.iter().zip(choices) {
        let Some(feedback) = &choice.feedback else {
            continue;
        };
        let id = format!("{}_fb", choice.ident);
        let title = plain_inline(option.text.trim());
        w.body(
            "modalFeedback",
            &[
                ("outcomeIdentifier", FEEDBACK),
                ("identifier", &id),
                ("showHide", "show"),
                ("title", &title),
            ],
            &format!("<p>{feedback}</p>"),
        );
    }
}

/// Choices with their inline feedback; `match_max` for associable choices.
fn choice_elements(w: &mut QtiWriter<'_>, name: &str, choices: &[Choice], match_max: Option<&str>) {
    for choice in choices {
        let mut attrs = vec![("identifier", choice.ident.as_str())];
        if let Some(max) = match_max {
            attrs.push(("matchMax", max));
        }
        if choice.fixed {
            attrs.push(("fixed", "true"));
        }
        let mut content = choice.xhtml.clone();
        // In the learning-system shape an explanation is modal feedback.
        if let Some(feedback) = choice.feedback.as_ref().filter(|_| !w.dialect.lms_shape) {
            let id = format!("{}_fb", choice.ident);
            content.push(' ');
            content.push_str(&w.inline_element(
                "feedbackInline",
                &[
                    ("outcomeIdentifier", FEEDBACK),
                    ("identifier", &id),
                    ("showHide", "show"),
                ],
                feedback,
            ));
        }
        w.fragment(name, &attrs, &content);
    }
}

/// Scoring and feedback. A template reference where no feedback is needed;
/// written out otherwise, since a template sets SCORE only.
fn response_processing(
    w: &mut QtiWriter<'_>,
    scoring: &Scoring,
    cardinality: &str,
    choices: &[Choice],
    when: FeedbackWhen,
    general: Option<&str>,
    solution: bool,
) {
    let with_feedback: Vec<&Choice> = choices.iter().filter(|c| c.feedback.is_some()).collect();
    let needs_feedback = general.is_some() || solution || !with_feedback.is_empty();
    if !needs_feedback {
        let name = match scoring {
            Scoring::MatchCorrect => "match_correct",
            Scoring::Map { .. } => "map_response",
            // A text item always has its solution feedback.
            Scoring::Human => return,
        };
        let uri = format!(
            "{}{name}{}",
            w.dialect.template_prefix, w.dialect.template_suffix
        );
        w.empty("responseProcessing", &[("template", &uri)]);
        return;
    }
    w.open("responseProcessing", &[]);
    match scoring {
        Scoring::MatchCorrect => {
            w.open("responseCondition", &[])
                .open("responseIf", &[])
                .open("match", &[])
                .empty("variable", &[("identifier", RESPONSE)])
                .empty("correct", &[("identifier", RESPONSE)])
                .close()
                .open("setOutcomeValue", &[("identifier", SCORE)])
                .empty("variable", &[("identifier", MAXSCORE)])
                .close()
                .close()
                .close();
        }
        Scoring::Map { .. } => {
            w.open("responseCondition", &[])
                .open("responseIf", &[])
                .open("isNull", &[])
                .empty("variable", &[("identifier", RESPONSE)])
                .close()
                .open("setOutcomeValue", &[("identifier", SCORE)])
                .text("baseValue", &[("baseType", "float")], "0")
                .close()
                .close()
                .open("responseElse", &[])
                .open("setOutcomeValue", &[("identifier", SCORE)])
                .empty("mapResponse", &[("identifier", RESPONSE)])
                .close()
                .close()
                .close();
        }
        Scoring::Human => {}
    }
    for choice in with_feedback {
        let id = format!("{}_fb", choice.ident);
        match when {
            FeedbackWhen::Always => add_feedback(w, &id),
            FeedbackWhen::Selected => {
                w.open("responseCondition", &[]).open("responseIf", &[]);
                if cardinality == "single" {
                    w.open("match", &[])
                        .empty("variable", &[("identifier", RESPONSE)])
                        .text("baseValue", &[("baseType", "identifier")], &choice.ident)
                        .close();
                } else {
                    w.open("member", &[])
                        .text("baseValue", &[("baseType", "identifier")], &choice.ident)
                        .empty("variable", &[("identifier", RESPONSE)])
                        .close();
                }
                add_feedback(w, &id);
                w.close().close();
            }
        }
    }
    if general.is_some() {
        add_feedback(w, GENERAL_FB);
    }
    if solution {
        add_feedback(w, SOLUTION);
    }
    w.close();
}

/// FEEDBACK := FEEDBACK + {id} (a NULL FEEDBACK counts as empty).
fn add_feedback(w: &mut QtiWriter<'_>, id: &str) {
    w.open("setOutcomeValue", &[("identifier", FEEDBACK)])
        .open("multiple", &[])
        .empty("variable", &[("identifier", FEEDBACK)])
        .text("baseValue", &[("baseType", "identifier")], id)
        .close()
        .close();
}

fn modal_feedback(w: &mut QtiWriter<'_>, general: Option<&str>, solution: Option<&str>) {
    if let Some(note) = general {
        w.body(
            "modalFeedback",
            &[
                ("outcomeIdentifier", FEEDBACK),
                ("identifier", GENERAL_FB),
                ("showHide", "show"),
            ],
            note,
        );
    }
    if let Some(solution) = solution {
        w.body(
            "modalFeedback",
            &[
                ("outcomeIdentifier", FEEDBACK),
                ("identifier", SOLUTION),
                ("showHide", "show"),
                ("title", "Model answer"),
            ],
            solution,
        );
    }
}

/// One test per course: a section per chapter that has items.
fn test_xml(dialect: &Dialect, course: &Course, ident: &str, refs: &[(usize, String)]) -> String {
    let mut w = QtiWriter::new(dialect);
    let version = env!("CARGO_PKG_VERSION");
    w.open_root(
        "assessmentTest",
        &[
            ("identifier", ident),
            ("title", &course.title),
            ("toolName", "exambank"),
            ("toolVersion", version),
        ],
    );
    float_outcome(
        &mut w,
        &[
            ("identifier", SCORE),
            ("cardinality", "single"),
            ("baseType", "float"),
        ],
        "0",
    );
    w.open(
        "testPart",
        &[
            ("identifier", "part-1"),
            ("navigationMode", "nonlinear"),
            ("submissionMode", "simultaneous"),
        ],
    );
    for (index, chapter) in course.chapters.iter().enumerate() {
        let items: Vec<&str> = refs
            .iter()
            .filter(|(c, _)| *c == index)
            .map(|(_, i)| i.as_str())
            .collect();
        if items.is_empty() {
            continue;
        }
        // By position, which stays put when items are added or removed.
        let section = format!("chapter-{}", index + 1);
        let title = match chapter.number {
            Some(n) => format!("{n}. {}", chapter.title),
            None => chapter.title.clone(),
        };
        w.open(
            "assessmentSection",
            &[
                ("identifier", &section),
                ("title", &title),
                ("visible", "true"),
            ],
        );
        for item in items {
            let href = format!("{item}.xml");
            w.empty(
                "assessmentItemRef",
                &[("identifier", item), ("href", &href)],
            );
        }
        w.close();
    }
    w.close();
    w.open("outcomeProcessing", &[])
        .open("setOutcomeValue", &[("identifier", SCORE)])
        .open("sum", &[])
        .empty("testVariables", &[("variableIdentifier", SCORE)])
        .close()
        .close()
        .close();
    w.close();
    w.finish()
}

fn manifest_xml(
    dialect: &Dialect,
    bank: &Bank,
    prefixes: &[String],
    items: &[Resource],
    tests: &[Resource],
) -> String {
    let m = &dialect.manifest;
    let mut w = XmlWriter::new();
    // Named after the courses, so that it is the same on every run.
    let manifest_id = format!("MANIFEST-{:016x}", fnv1a(prefixes.join("\n").as_bytes()));
    let mut root = vec![
        ("xmlns", m.namespace),
        ("xmlns:imsmd", m.metadata_namespace),
    ];
    if dialect.lms_shape {
        // The QTI metadata of each item resource.
        root.push(("xmlns:imsqti", dialect.namespace));
    }
    root.extend([
        ("xmlns:xsi", XSI),
        ("xsi:schemaLocation", m.schema_location),
        ("identifier", &manifest_id),
    ]);
    w.open("manifest", &root);
    let titles: Vec<&str> = bank.courses.iter().map(|c| c.title.as_str()).collect();
    let title = if titles.is_empty() {
        "Exam bank".to_owned()
    } else {
        titles.join("; ")
    };
    w.open("metadata", &[])
        .text("schema", &[], m.schema)
        .text("schemaversion", &[], m.schema_version)
        .open("imsmd:lom", &[])
        .open("imsmd:general", &[])
        .open("imsmd:title", &[])
        .text(m.title_string, &[], &title)
        .close()
        .close()
        .close()
        .close();
    w.empty("organizations", &[]);
    w.open("resources", &[]);
    for item in items {
        let href = item.href();
        w.open(
            "resource",
            &[
                ("identifier", &item.ident),
                ("type", m.item_type),
                ("href", &href),
            ],
        );
        if let Some(interaction) = item.interaction.filter(|_| dialect.lms_shape) {
            // Canvas picks its converter by this name alone: an item whose
            // resource does not name it is guessed at, and orderings are
            // then not imported at all.
            w.open("metadata", &[])
                .open("imsqti:qtiMetadata", &[])
                .text("imsqti:timeDependent", &[], "false")
                .text("imsqti:interactionType", &[], interaction)
                .text("imsqti:toolName", &[], "exambank")
                .close()
                .close();
        }
        w.empty("file", &[("href", &href)]).close();
    }
    for test in tests {
        let href = test.href();
        w.open(
            "resource",
            &[
                ("identifier", &test.ident),
                ("type", m.test_type),
                ("href", &href),
            ],
        )
        .empty("file", &[("href", &href)]);
        for dep in &test.dependencies {
            w.empty("dependency", &[("identifierref", dep)]);
        }
        w.close();
    }
    w.close().close();
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::{display_order, kebab, ncname};

    #[test]
    fn ncnames_are_valid_and_distinct() {
        assert_eq!(ncname("small.pick-the-join"), "small.pick-the-join");
        assert_eq!(ncname("2024-notes.intro"), "_2024-notes.intro");
        assert_eq!(ncname("_2024-notes.intro"), "__5f_2024-notes.intro");
        assert_eq!(ncname("a b:c"), "_a_20_b_3a_c");
        assert_eq!(ncname(""), "_");
        assert_ne!(ncname("a_b"), ncname("a_5f_b"));
        for id in ["1", "-x", ".x", "数据", "a_b", "x:y"] {
            let n = ncname(id);
            assert!(n.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'));
            assert!(
                n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
            );
        }
    }

    #[test]
    fn kebab_names() {
        assert_eq!(kebab("maxChoices"), "max-choices");
        assert_eq!(kebab("assessmentItemRef"), "assessment-item-ref");
        assert_eq!(kebab("value"), "value");
    }

    #[test]
    fn display_order_is_fixed_and_never_the_answer() {
        for n in 0..12 {
            let order = display_order("course.item", n);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..n).collect::<Vec<_>>());
            assert_eq!(order, display_order("course.item", n));
            if n > 1 {
                assert!(order.iter().enumerate().any(|(i, &k)| i != k));
            }
        }
        assert_eq!(display_order("x", 1), vec![0]);
    }
}
