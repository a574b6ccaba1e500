//! Lowering: AST -> model. Never fails on parsed input.

use std::collections::{HashMap, HashSet};

use super::{
    Answer, Chapter, ChoiceOption, CodeAnswerPart, Course, Entry, Group, Item, ItemBody, SourceRef,
    referring_phrase, slugify,
};
use crate::parse::ast::{self, AnswerBody, Document};

/// What lowering keeps: configuration that decides which exercises become
/// items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LowerOptions {
    /// Whether a coding exercise (prose and language-tagged fences, no
    /// answer block) becomes a `code` item (`coding-exercises` in
    /// `exambank.toml`).
    pub coding_exercises: bool,
}

impl Default for LowerOptions {
    fn default() -> Self {
        Self {
            coding_exercises: true,
        }
    }
}
use crate::source::{LineIndex, SourceFile};

/// Lowers one parsed file into a course.
///
/// Item ids are `<prefix>.<heading-slug>`, with `-2`, `-3` ... appended to
/// the second and later exercises of the same slug in the file: the same file
/// gives the same ids on every run, and editing one exercise leaves the ids of
/// the others alone. `id_prefix` comes from [`id_prefixes`].
#[must_use]
pub fn lower(file: &SourceFile, doc: &Document, index: &LineIndex, id_prefix: &str) -> Course {
    lower_with(file, doc, index, id_prefix, &LowerOptions::default())
}

/// [`lower`] with configured [`LowerOptions`].
#[must_use]
pub fn lower_with(
    file: &SourceFile,
    doc: &Document,
    index: &LineIndex,
    id_prefix: &str,
    options: &LowerOptions,
) -> Course {
    let front = |key: &str| {
        doc.front_matter
            .as_ref()
            .and_then(|fm| fm.entries.iter().find(|e| e.key == key))
            .map(|e| e.value.clone())
            .filter(|v| !v.is_empty())
    };
    let title = front("title").unwrap_or_else(|| file_stem(&file.path).to_owned());
    let tags = front("tags")
        .map(|t| {
            t.split(',')
                .map(|s| {
                    s.trim()
                        .trim_matches(['[', ']', '"', '\''])
                        .trim()
                        .to_owned()
                })
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();

    // A repeated heading takes the next free `-N`: a heading can itself
    // end in a number ("Step 2" after two "Step"), so every id is checked
    // against all the ids given so far, not only against its own slug.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut given: HashSet<String> = HashSet::new();
    let mut make_id = |heading: &str| {
        let slug = slugify(heading);
        let count = seen.entry(slug.clone()).or_insert(0);
        loop {
            *count += 1;
            let id = if *count == 1 {
                format!("{id_prefix}.{slug}")
            } else {
                format!("{id_prefix}.{slug}-{count}")
            };
            if given.insert(id.clone()) {
                return id;
            }
        }
    };

    let mut chapters = Vec::new();
    if !doc.preamble.is_empty() {
        chapters.push(Chapter {
            number: None,
            title: title.clone(),
            items: doc
                .preamble
                .iter()
                .filter_map(|e| lower_exercise(file, doc, index, e, options, &mut make_id))
                .collect(),
        });
    }
    for chapter in &doc.chapters {
        chapters.push(Chapter {
            number: chapter.number,
            title: chapter.title.clone(),
            items: chapter
                .exercises
                .iter()
                .filter_map(|e| lower_exercise(file, doc, index, e, options, &mut make_id))
                .collect(),
        });
    }
    Course {
        title,
        tags,
        url: front("url"),
        source: file.path.clone(),
        id_prefix: id_prefix.to_owned(),
        chapters,
    }
}

fn lower_exercise(
    file: &SourceFile,
    doc: &Document,
    index: &LineIndex,
    exercise: &ast::Exercise,
    options: &LowerOptions,
    make_id: &mut impl FnMut(&str) -> String,
) -> Option<Item> {
    let answer = exercise.answer.as_ref()?;
    let feedback = answer.note().and_then(|n| trimmed(&n.text));
    let explanation = |e: &Option<ast::Explanation>| e.as_ref().and_then(|e| trimmed(&e.text));

    let body = match &answer.body {
        AnswerBody::Empty => return None,
        AnswerBody::Choice(choice) => {
            let options = choice
                .options
                .iter()
                .map(|o| ChoiceOption {
                    text: o.text.clone(),
                    correct: o.checkbox.kind.is_checked(),
                    feedback: explanation(&o.explanation),
                    refers_to_others: referring_phrase(&o.text).is_some(),
                })
                .collect();
            if choice.correct >= 2 {
                ItemBody::MultipleChoice { options }
            } else {
                ItemBody::SingleChoice { options }
            }
        }
        AnswerBody::Categorize(cat) => {
            let groups = cat
                .groups
                .iter()
                .map(|g| Group {
                    name: g.name.clone(),
                    items: g
                        .items
                        .iter()
                        .map(|i| Entry {
                            text: i.text.clone(),
                            feedback: explanation(&i.explanation),
                        })
                        .collect(),
                })
                .collect();
            ItemBody::Categorize { groups }
        }
        AnswerBody::Order(order) => {
            let steps = order
                .steps
                .iter()
                .map(|s| Entry {
                    text: s.text.clone(),
                    feedback: explanation(&s.explanation),
                })
                .collect();
            ItemBody::Order { steps }
        }
        AnswerBody::Code(code) => {
            if code.solution && !options.coding_exercises {
                return None;
            }
            ItemBody::Code {
                answer: code_answer(file, doc, code),
            }
        }
        AnswerBody::FreeText(text) => ItemBody::FreeText {
            answer: Answer {
                language: None,
                text: text.text.clone(),
                parts: Vec::new(),
            },
        },
    };
    let prompt = if exercise.prompt.is_empty() {
        exercise.title.clone()
    } else {
        exercise
            .prompt
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    Some(Item {
        id: make_id(&exercise.title),
        title: exercise.title.clone(),
        prompt,
        source: SourceRef {
            path: file.path.clone(),
            line: index.line_col(&file.text, exercise.heading.start).line,
        },
        feedback,
        body,
        span: exercise.span,
    })
}

/// Feedback as exporters show it: trimmed, and `None` when nothing is left.
fn trimmed(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The model answer of a code item: its fences in order, each with its
/// language (the tag as written for a language the tool does not name).
fn code_answer(file: &SourceFile, doc: &Document, code: &ast::CodeBlock) -> Answer {
    let parts: Vec<CodeAnswerPart> = code
        .parts
        .iter()
        .map(|part| CodeAnswerPart {
            language: part.language.name().map(str::to_owned).or_else(|| {
                doc.fences
                    .get(part.fence)
                    .and_then(|f| tag_name(f.info.as_deref()))
            }),
            text: tidy_code(&file.text[part.span.start..part.span.end]),
        })
        .collect();
    let text = parts
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let language = parts.first().and_then(|p| p.language.clone());
    Answer {
        language,
        text,
        parts: if parts.len() > 1 { parts } else { Vec::new() },
    }
}

/// A fence's tag as a language name, when it reads as one (`java`,
/// `ipython`); the JSON bank's schema admits ASCII names only.
fn tag_name(info: Option<&str>) -> Option<String> {
    let info = info?;
    let name = info.starts_with(|c: char| c.is_ascii_alphanumeric())
        && info.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '+' | '#' | '.' | '_' | '-')
        });
    name.then(|| info.to_owned())
}

/// Normalizes line endings and strips trailing blank lines of a code answer.
fn tidy_code(code: &str) -> String {
    let lines: Vec<&str> = code.lines().map(str::trim_end).collect();
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |k| k + 1);
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
    lines[first.min(last)..last].join("\n")
}

fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.strip_suffix(".md")
        .or_else(|| name.strip_suffix(".markdown"))
        .unwrap_or(name)
}

/// The id prefix of each path: the slug of its file stem, or of its whole
/// path where two paths of the run share a stem (ids stay unique in a bank).
#[must_use]
pub fn id_prefixes(paths: &[&str]) -> Vec<String> {
    let stems: Vec<String> = paths.iter().map(|p| slugify(file_stem(p))).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for stem in &stems {
        *counts.entry(stem.as_str()).or_default() += 1;
    }
    paths
        .iter()
        .zip(&stems)
        .map(|(path, stem)| {
            if counts[stem.as_str()] > 1 {
                let without_ext = path.strip_suffix(".md").unwrap_or(path);
                slugify(without_ext)
            } else {
                stem.clone()
            }
        })
        .collect()
}
