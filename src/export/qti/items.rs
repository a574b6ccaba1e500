//! Items: each body of the model as one QTI interaction, with its
//! choices, declarations and feedback.

use super::response::{
    BaseType, Cardinality, Declaration, FEEDBACK, FeedbackWhen, Processing, RESPONSE, Scoring,
    modal_feedback, outcome_declarations, response_declaration, response_processing,
};
use super::version::Version;
use super::writer::QtiWriter;
use crate::export::ExportOptions;
use crate::export::lms;
use crate::export::markup::{blocks, blocks_and_last_paragraph, inline, plain_inline};
use crate::export::shuffle::display_order;
use crate::model::{self, ChoiceOption, Entry, Group, Item, ItemBody};

/// One answer the learner sees: a choice, a group item, a step, a group.
pub(super) struct Choice {
    pub ident: String,
    pub xhtml: String,
    pub feedback: Option<String>,
    /// Kept in place when the interaction shuffles.
    pub fixed: bool,
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

/// The text around an item's interaction, as XHTML.
struct ItemText<'a> {
    /// Blocks that open `itemBody`, before the interaction.
    lead: &'a str,
    /// The interaction's `prompt`, where the version keeps one.
    prompt: Option<&'a str>,
    /// The general feedback.
    general: Option<&'a str>,
}

/// One item file.
pub(super) fn item_xml(
    version: &Version,
    item: &Item,
    ident: &str,
    options: &ExportOptions,
) -> Result<String, String> {
    let mut w = QtiWriter::new(version);
    let tool_version = env!("CARGO_PKG_VERSION");
    w.open_root(
        "assessmentItem",
        &[
            ("identifier", ident),
            ("title", &item.title),
            ("adaptive", "false"),
            ("timeDependent", "false"),
            ("toolName", "exambank"),
            ("toolVersion", tool_version),
        ],
    );
    let (lead, prompt) = if version.lms_shape {
        (stem(&item.prompt), None)
    } else {
        blocks_and_last_paragraph(&item.prompt)
    };
    // The general feedback, as XHTML. Where explanations of group items and
    // steps cannot sit inside their choices, they join it as a list.
    let general = match &item.body {
        ItemBody::Categorize { .. } | ItemBody::Order { .. } if version.lms_shape => {
            lms::feedback_with_entries(item)
        }
        _ => lms::general_feedback(item),
    };
    let text = ItemText {
        lead: &lead,
        prompt: prompt.as_deref(),
        general: general.as_deref(),
    };
    let partial = options.partial_scoring;
    match &item.body {
        ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
            choice_item(&mut w, item, options, &text, partial)?
        }
        ItemBody::Categorize { groups } => categorize_item(&mut w, item, groups, &text, partial)?,
        ItemBody::Order { steps } => order_item(&mut w, item, steps, &text)?,
        ItemBody::Code { answer } | ItemBody::FreeText { answer } => {
            text_item(&mut w, &text, &lms::model_answer(answer))
        }
    }
    w.close();
    Ok(w.finish())
}

fn choice_item(
    w: &mut QtiWriter<'_>,
    item: &Item,
    opts: &[ChoiceOption],
    text: &ItemText<'_>,
    partial: bool,
) -> Result<(), String> {
    if opts.is_empty() {
        return Err(format!("item `{}` has no options", item.id));
    }
    let correct: Vec<String> = (1..=opts.len())
        .filter(|k| opts[k - 1].correct)
        .map(|k| format!("choice_{k}"))
        .collect();
    let single = item.kind() == model::ItemKind::SingleChoice;
    let choices: Vec<Choice> = opts
        .iter()
        .enumerate()
        .map(|(k, o)| Choice {
            ident: format!("choice_{}", k + 1),
            xhtml: inline(o.text.trim()),
            feedback: o.feedback.as_deref().map(inline),
            fixed: o.refers_to_others,
        })
        .collect();
    let scoring = if !single && partial {
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
    let cardinality = if single {
        Cardinality::Single
    } else {
        Cardinality::Multiple
    };
    open_scored_item(
        w,
        &Declaration {
            cardinality,
            base_type: BaseType::Identifier,
            correct: &correct,
            scoring: &scoring,
            max,
        },
        text,
        &choices,
    );
    let max_choices = if single { "1" } else { "0" };
    w.open(
        "choiceInteraction",
        &[
            ("responseIdentifier", RESPONSE),
            ("shuffle", "true"),
            ("maxChoices", max_choices),
        ],
    );
    prompt_element(w, text.prompt);
    choice_elements(w, "simpleChoice", &choices, None);
    w.close().close();
    response_processing(
        w,
        &Processing {
            scoring: &scoring,
            cardinality,
            choices: &choices,
            when: FeedbackWhen::Selected,
            general: text.general,
            solution: false,
        },
    );
    if w.version.lms_shape {
        choice_feedback(w, opts, &choices);
    }
    modal_feedback(w, text.general, None);
    Ok(())
}

fn categorize_item(
    w: &mut QtiWriter<'_>,
    item: &Item,
    groups: &[Group],
    text: &ItemText<'_>,
    partial: bool,
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
            feedback: entry_feedback(w.version, entry),
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
    let (scoring, max) = if partial {
        let entries = pairs.iter().map(|p| (p.clone(), 1)).collect();
        (Scoring::Map { entries }, pairs.len())
    } else {
        (Scoring::MatchCorrect, 1)
    };
    open_scored_item(
        w,
        &Declaration {
            cardinality: Cardinality::Multiple,
            base_type: BaseType::DirectedPair,
            correct: &pairs,
            scoring: &scoring,
            max,
        },
        text,
        &choices,
    );
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
    prompt_element(w, text.prompt);
    // Each item goes to one group; a group takes any number of items.
    w.open("simpleMatchSet", &[]);
    choice_elements(w, "simpleAssociableChoice", &choices, Some("1"));
    w.close().open("simpleMatchSet", &[]);
    choice_elements(w, "simpleAssociableChoice", &targets, Some("0"));
    w.close().close().close();
    response_processing(
        w,
        &Processing {
            scoring: &scoring,
            cardinality: Cardinality::Multiple,
            choices: &choices,
            when: FeedbackWhen::Always,
            general: text.general,
            solution: false,
        },
    );
    modal_feedback(w, text.general, None);
    Ok(())
}

fn order_item(
    w: &mut QtiWriter<'_>,
    item: &Item,
    steps: &[Entry],
    text: &ItemText<'_>,
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
            feedback: entry_feedback(w.version, &steps[k]),
            fixed: false,
        });
    }
    let scoring = Scoring::MatchCorrect;
    open_scored_item(
        w,
        &Declaration {
            cardinality: Cardinality::Ordered,
            base_type: BaseType::Identifier,
            correct: &correct,
            scoring: &scoring,
            max: 1,
        },
        text,
        &choices,
    );
    // Always shuffled: an ordering question in its own order shows its answer.
    w.open(
        "orderInteraction",
        &[("responseIdentifier", RESPONSE), ("shuffle", "true")],
    );
    prompt_element(w, text.prompt);
    choice_elements(w, "simpleChoice", &choices, None);
    w.close().close();
    response_processing(
        w,
        &Processing {
            scoring: &scoring,
            cardinality: Cardinality::Ordered,
            choices: &choices,
            when: FeedbackWhen::Always,
            general: text.general,
            solution: false,
        },
    );
    modal_feedback(w, text.general, None);
    Ok(())
}

/// A code or free-text item: not scored automatically; the model answer
/// goes to scorers in a rubric and to learners after submission.
fn text_item(w: &mut QtiWriter<'_>, text: &ItemText<'_>, solution: &str) {
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
    lead_blocks(w, text.lead);
    w.open(
        "extendedTextInteraction",
        &[("responseIdentifier", RESPONSE)],
    );
    prompt_element(w, text.prompt);
    w.close();
    let view = [("use", "scoring"), ("view", "scorer")];
    // `use` is QTI 3.0's; QTI 2.1 knows only `view`.
    let attrs = if w.version.content_body {
        &view[..]
    } else {
        &view[1..]
    };
    w.body("rubricBlock", attrs, solution);
    w.close();
    if w.version.lms_shape {
        // Canvas shows the general feedback after submission but keeps a
        // `solution` feedback only as a hidden example solution, with its
        // text flattened: the model answer goes with the note.
        let general = format!(
            "{}<p><strong>Model answer</strong></p>{solution}",
            text.general.unwrap_or_default()
        );
        response_processing(
            w,
            &Processing {
                scoring: &scoring,
                cardinality: Cardinality::Single,
                choices: &[],
                when: FeedbackWhen::Always,
                general: Some(&general),
                solution: false,
            },
        );
        modal_feedback(w, Some(&general), None);
        return;
    }
    response_processing(
        w,
        &Processing {
            scoring: &scoring,
            cardinality: Cardinality::Single,
            choices: &[],
            when: FeedbackWhen::Always,
            general: text.general,
            solution: true,
        },
    );
    modal_feedback(w, text.general, Some(solution));
}

/// The declarations, then `itemBody` opened with the lead blocks: how
/// every automatically scored item starts.
fn open_scored_item(
    w: &mut QtiWriter<'_>,
    declaration: &Declaration<'_>,
    text: &ItemText<'_>,
    choices: &[Choice],
) {
    let has_feedback = text.general.is_some() || choices.iter().any(|c| c.feedback.is_some());
    response_declaration(w, declaration);
    outcome_declarations(w, declaration.scoring, declaration.max, has_feedback);
    w.open("itemBody", &[]);
    lead_blocks(w, text.lead);
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
/// version keeps explanations inside choices.
fn entry_feedback(version: &Version, entry: &Entry) -> Option<String> {
    if version.lms_shape {
        return None;
    }
    entry.feedback.as_deref().map(inline)
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
        if let Some(feedback) = choice.feedback.as_ref().filter(|_| !w.version.lms_shape) {
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

/// The one interaction an item of this body holds.
pub(super) fn interaction_name(body: &ItemBody) -> &'static str {
    match body {
        ItemBody::SingleChoice { .. } | ItemBody::MultipleChoice { .. } => "choiceInteraction",
        ItemBody::Categorize { .. } => "matchInteraction",
        ItemBody::Order { .. } => "orderInteraction",
        ItemBody::Code { .. } | ItemBody::FreeText { .. } => "extendedTextInteraction",
    }
}
