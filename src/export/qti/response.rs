//! Declarations and response processing: how an item is scored and which
//! feedback it shows. A standard template where no feedback is needed;
//! written out otherwise, since a template sets SCORE only.

use super::items::Choice;
use super::writer::QtiWriter;

pub(super) const RESPONSE: &str = "RESPONSE";
pub(super) const SCORE: &str = "SCORE";
const MAXSCORE: &str = "MAXSCORE";
pub(super) const FEEDBACK: &str = "FEEDBACK";
/// Feedback identifiers, in the patterns Canvas's importer reads.
const GENERAL_FB: &str = "general_fb";
const SOLUTION: &str = "solution";

/// How many values a response holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cardinality {
    Single,
    Multiple,
    Ordered,
}

impl Cardinality {
    const fn as_str(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Multiple => "multiple",
            Self::Ordered => "ordered",
        }
    }
}

/// The type of a response's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BaseType {
    Identifier,
    DirectedPair,
}

impl BaseType {
    const fn as_str(self) -> &'static str {
        match self {
            Self::Identifier => "identifier",
            Self::DirectedPair => "directedPair",
        }
    }
}

/// How an item is scored.
pub(super) enum Scoring {
    /// Full marks for exactly the correct response.
    MatchCorrect,
    /// The sum of the mapped values of the response, never below 0.
    Map { entries: Vec<(String, i64)> },
    /// Scored by a person.
    Human,
}

/// When a choice's feedback is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum FeedbackWhen {
    /// When the learner chose it.
    Selected,
    /// After every submission.
    Always,
}

/// The declaration of an item's one response.
pub(super) struct Declaration<'a> {
    pub cardinality: Cardinality,
    pub base_type: BaseType,
    /// The correct response's values; none for a question without one.
    pub correct: &'a [String],
    pub scoring: &'a Scoring,
    /// The most a response scores.
    pub max: usize,
}

pub(super) fn response_declaration(w: &mut QtiWriter<'_>, declaration: &Declaration<'_>) {
    let Declaration {
        cardinality,
        base_type,
        correct,
        scoring,
        max,
    } = *declaration;
    w.open(
        "responseDeclaration",
        &[
            ("identifier", RESPONSE),
            ("cardinality", cardinality.as_str()),
            ("baseType", base_type.as_str()),
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

pub(super) fn outcome_declarations(
    w: &mut QtiWriter<'_>,
    scoring: &Scoring,
    max: usize,
    feedback: bool,
) {
    let max = max.to_string();
    let mut score = vec![
        ("identifier", SCORE),
        ("cardinality", "single"),
        ("baseType", "float"),
    ];
    if matches!(scoring, Scoring::Human) && w.version.external_scored {
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

pub(super) fn float_outcome(w: &mut QtiWriter<'_>, attrs: &[(&str, &str)], default: &str) {
    w.open("outcomeDeclaration", attrs)
        .open("defaultValue", &[])
        .text("value", &[], default)
        .close()
        .close();
}

/// Scoring and feedback. A template reference where no feedback is needed;
/// written out otherwise, since a template sets SCORE only.
/// What a response processing reacts to.
pub(super) struct Processing<'a> {
    pub scoring: &'a Scoring,
    pub cardinality: Cardinality,
    /// The choices, whose feedback is shown as `when` says.
    pub choices: &'a [Choice],
    pub when: FeedbackWhen,
    /// The general feedback, shown after every submission.
    pub general: Option<&'a str>,
    /// Whether a model answer (`solution`) is shown after every submission.
    pub solution: bool,
}

pub(super) fn response_processing(w: &mut QtiWriter<'_>, processing: &Processing<'_>) {
    let Processing {
        scoring,
        cardinality,
        choices,
        when,
        general,
        solution,
    } = *processing;
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
            w.version.template_prefix, w.version.template_suffix
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
                if cardinality == Cardinality::Single {
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

pub(super) fn modal_feedback(w: &mut QtiWriter<'_>, general: Option<&str>, solution: Option<&str>) {
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
