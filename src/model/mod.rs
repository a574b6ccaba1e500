//! The exam-item model: bank -> course -> chapter -> item.
//!
//! The model can hold bad content (a choice question with no correct option
//! is a valid [`Item`]): lowering never fails, lint judges, and `build`
//! refuses to export while an error remains. No I/O and no judging here.

pub mod hash;
mod lower;
mod slug;
pub mod text;

pub use hash::{Fnv1a, fnv1a};
pub use lower::{LowerOptions, id_prefixes, lower, lower_with};
pub use slug::slugify;
pub use text::referring_phrase;

use crate::source::Span;
use serde::Serialize;

/// Every course of one run.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Bank {
    pub courses: Vec<Course>,
}

/// One notes file.
#[derive(Debug, Clone, Serialize)]
pub struct Course {
    /// Front-matter `title`, else the file stem.
    pub title: String,
    pub tags: Vec<String>,
    pub url: Option<String>,
    /// The path as given or walked.
    pub source: String,
    /// The part of the course's item ids before the first `.`, from
    /// [`id_prefixes`]: stable and unique in the bank, usable in file names
    /// (a package's page or folder per course).
    #[serde(skip)]
    pub id_prefix: String,
    pub chapters: Vec<Chapter>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    /// The number as written; `None` for exercises before any chapter heading
    /// or a heading without a number.
    pub number: Option<u64>,
    pub title: String,
    pub items: Vec<Item>,
}

/// One exam item. In the JSON bank its kind ([`Item::kind`]) follows its
/// id, and its body's fields follow its feedback.
#[derive(Debug, Clone)]
pub struct Item {
    /// Stable and unique in the bank: see [`lower`].
    pub id: String,
    /// The exercise heading.
    pub title: String,
    /// Context prose and stem; the heading when both are missing.
    pub prompt: String,
    pub source: SourceRef,
    /// General feedback (`NOTE:`), trimmed; `None` when there is none.
    pub feedback: Option<String>,
    /// The question: its kind and what the learner answers.
    pub body: ItemBody,
    /// The exercise's span in the source file (heading to last line).
    pub span: Span,
}

impl Item {
    #[must_use]
    pub const fn kind(&self) -> ItemKind {
        self.body.kind()
    }
}

impl Serialize for Item {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("kind", &self.kind())?;
        map.serialize_entry("title", &self.title)?;
        map.serialize_entry("prompt", &self.prompt)?;
        map.serialize_entry("source", &self.source)?;
        map.serialize_entry("feedback", &self.feedback)?;
        match &self.body {
            ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
                map.serialize_entry("options", options)?;
            }
            ItemBody::Categorize { groups } => map.serialize_entry("groups", groups)?,
            ItemBody::Order { steps } => map.serialize_entry("steps", steps)?,
            ItemBody::Code { answer } | ItemBody::FreeText { answer } => {
                map.serialize_entry("answer", answer)?;
            }
        }
        map.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    pub path: String,
    /// 1-based line of the exercise heading.
    pub line: usize,
}

/// The kind of a question, as a tag ([`ItemBody::kind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    SingleChoice,
    MultipleChoice,
    Categorize,
    Order,
    Code,
    FreeText,
}

impl ItemKind {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::SingleChoice => "single_choice",
            Self::MultipleChoice => "multiple_choice",
            Self::Categorize => "categorize",
            Self::Order => "order",
            Self::Code => "code",
            Self::FreeText => "free_text",
        }
    }

    pub const ALL: [ItemKind; 6] = [
        Self::SingleChoice,
        Self::MultipleChoice,
        Self::Categorize,
        Self::Order,
        Self::Code,
        Self::FreeText,
    ];
}

/// The question: one variant per kind, with what the learner answers.
#[derive(Debug, Clone)]
pub enum ItemBody {
    /// One option is correct (or none, which lint reports).
    SingleChoice {
        options: Vec<ChoiceOption>,
    },
    /// Two options or more are correct.
    MultipleChoice {
        options: Vec<ChoiceOption>,
    },
    Categorize {
        groups: Vec<Group>,
    },
    Order {
        steps: Vec<Entry>,
    },
    /// A code answer, graded by a person.
    Code {
        answer: Answer,
    },
    /// A written answer, graded by a person.
    FreeText {
        answer: Answer,
    },
}

impl ItemBody {
    #[must_use]
    pub const fn kind(&self) -> ItemKind {
        match self {
            Self::SingleChoice { .. } => ItemKind::SingleChoice,
            Self::MultipleChoice { .. } => ItemKind::MultipleChoice,
            Self::Categorize { .. } => ItemKind::Categorize,
            Self::Order { .. } => ItemKind::Order,
            Self::Code { .. } => ItemKind::Code,
            Self::FreeText { .. } => ItemKind::FreeText,
        }
    }

    /// The options of a choice question.
    #[must_use]
    pub fn options(&self) -> Option<&[ChoiceOption]> {
        match self {
            Self::SingleChoice { options } | Self::MultipleChoice { options } => Some(options),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ChoiceOption {
    pub text: String,
    pub correct: bool,
    /// The option's own explanation, trimmed; `None` when there is none.
    pub feedback: Option<String>,
    /// Whether the option refers to the others ("All of the above"):
    /// exporters keep it in its place ([`referring_phrase`]).
    #[serde(skip)]
    pub refers_to_others: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub name: String,
    pub items: Vec<Entry>,
}

/// A group item or an ordering step.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub text: String,
    /// The entry's own explanation, trimmed; `None` when there is none.
    pub feedback: Option<String>,
}

/// The model answer of a code or free-text item.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// The code's language (`sql`, `python`, `shell` ...; the fence's tag
    /// for one the tool does not name); `None` for free text.
    pub language: Option<String>,
    /// The whole answer; the fences of a code answer written as several,
    /// separated by a blank line.
    pub text: String,
    /// The fences of a code answer written as several, each with its
    /// language; empty when the answer is one block.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<CodeAnswerPart>,
}

/// One fence of a code answer written as several.
#[derive(Debug, Clone, Serialize)]
pub struct CodeAnswerPart {
    pub language: Option<String>,
    pub text: String,
}

impl Bank {
    /// All items with their course and chapter, in bank order.
    pub fn items(&self) -> impl Iterator<Item = (&Course, &Chapter, &Item)> {
        self.courses.iter().flat_map(|course| {
            course.chapters.iter().flat_map(move |chapter| {
                chapter
                    .items
                    .iter()
                    .map(move |item| (course, chapter, item))
            })
        })
    }
}
