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

/// One exam item.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Stable and unique in the bank: see [`lower`].
    pub id: String,
    pub kind: ItemKind,
    /// The exercise heading.
    pub title: String,
    /// Context prose and stem; the heading when both are missing.
    pub prompt: String,
    pub source: SourceRef,
    /// General feedback (`NOTE:`), trimmed; `None` when there is none.
    pub feedback: Option<String>,
    #[serde(flatten)]
    pub body: ItemBody,
    /// The exercise's span in the source file (heading to last line).
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    pub path: String,
    /// 1-based line of the exercise heading.
    pub line: usize,
}

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

/// What the learner answers, by kind.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum ItemBody {
    Choice { options: Vec<ChoiceOption> },
    Categorize { groups: Vec<Group> },
    Order { steps: Vec<Entry> },
    Answer { answer: Answer },
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
