//! The surface syntax of a notes file: what the author wrote, with a byte
//! [`Span`] on every node. Nothing here is judged; lint does that.

use crate::source::Span;
use serde::Serialize;

/// A whole notes file.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Document {
    pub front_matter: Option<FrontMatter>,
    /// Exercises before the first chapter heading (files without chapters).
    pub preamble: Vec<Exercise>,
    pub chapters: Vec<Chapter>,
    /// Every fence in the file, in order, wherever it stands.
    pub fences: Vec<Fence>,
    /// Lines with trailing spaces or tabs (outside nothing: whitespace is whitespace).
    pub trailing_whitespace: Vec<Span>,
}

/// `---` / `key: value` lines / `---` at the top of the file.
#[derive(Debug, Clone, Serialize)]
pub struct FrontMatter {
    pub span: Span,
    pub entries: Vec<FrontMatterEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FrontMatterEntry {
    pub key: String,
    pub value: String,
    pub span: Span,
}

/// `# <number>. <title>` and the exercises under it.
#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    /// The heading line, without its line ending.
    pub heading: Span,
    /// The number as written, when the heading has one.
    pub number: Option<u64>,
    pub number_span: Option<Span>,
    pub title: String,
    pub exercises: Vec<Exercise>,
}

/// `## <title>` and everything up to the next `#` or `##` heading outside a fence.
#[derive(Debug, Clone, Serialize)]
pub struct Exercise {
    pub heading: Span,
    pub title: String,
    pub title_span: Span,
    /// From the heading to the end of the section's last non-blank line.
    pub span: Span,
    pub blocks: Vec<Block>,
    /// The exercise's answer block: its first bare fence before any `###`.
    pub answer: Option<AnswerBlock>,
}

/// One piece of an exercise body.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of prose (consecutive non-blank lines).
    Prose { span: Span, text: String },
    /// A fenced block; the index points into [`Document::fences`].
    Fence { index: usize },
    /// `### <title>`.
    Subheading { span: Span, title: String },
}

/// A fenced block (```` ``` ```` or `~~~`).
#[derive(Debug, Clone, Serialize)]
pub struct Fence {
    /// The opening line.
    pub open: Span,
    /// The language tag, lower-cased (`python`), when there is one.
    pub info: Option<String>,
    /// From the start of the first content line to the end of the last one.
    pub content: Span,
    /// The closing line; `None` when the fence is never closed.
    pub close: Option<Span>,
    /// Why the fence was judged unclosed, when it was.
    pub unclosed: Option<UnclosedReason>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnclosedReason {
    /// The file ends inside the fence.
    EndOfFile,
    /// A chapter heading (`# 2. ...`) stands inside the fence.
    ChapterHeading,
    /// An exercise heading directly followed by a fence line stands inside the
    /// fence: that fence line was meant to open the next answer block.
    ExerciseHeading,
}

/// The answer block of an exercise and what shape its content has.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerBlock {
    /// Index into [`Document::fences`].
    pub fence: usize,
    pub body: AnswerBody,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum AnswerBody {
    /// Nothing but blank lines.
    Empty,
    Choice(ChoiceBlock),
    Categorize(CategorizeBlock),
    Order(OrderBlock),
    Code(CodeBlock),
    FreeText(TextBlock),
}

/// A run of text lines (a stem, a paragraph).
#[derive(Debug, Clone, Serialize)]
pub struct TextBlock {
    pub span: Span,
    pub text: String,
}

/// `[x]`-style options, with an optional stem before and a note after.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceBlock {
    pub stem: Option<TextBlock>,
    pub options: Vec<OptionLine>,
    pub note: Option<Note>,
}

/// One option line: checkbox, optional space, text, optional explanation.
#[derive(Debug, Clone, Serialize)]
pub struct OptionLine {
    /// The whole line (and its continuation lines), without line ending.
    pub span: Span,
    pub checkbox: Checkbox,
    /// The whitespace between the checkbox and the text (empty span when none).
    pub gap: Span,
    pub text: String,
    pub text_span: Span,
    pub explanation: Option<Explanation>,
}

/// A checkbox as written.
#[derive(Debug, Clone, Serialize)]
pub struct Checkbox {
    pub span: Span,
    /// The checkbox exactly as written (`[x]`, `[X]`, `[ ]`, `[]`, `(x)` ...).
    pub raw: String,
    pub kind: CheckboxKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckboxKind {
    /// `[x]`
    Checked,
    /// `[X]`
    CheckedUpper,
    /// `[ ]`
    Unchecked,
    /// Written wrongly, but apparently meant as checked (`[ x]`, `[v]`, `(x)`).
    MalformedChecked,
    /// Written wrongly, apparently meant as unchecked (`[]`, `( )`).
    MalformedUnchecked,
}

impl CheckboxKind {
    /// Whether the author meant the option to be correct.
    #[must_use]
    pub const fn is_checked(self) -> bool {
        matches!(
            self,
            Self::Checked | Self::CheckedUpper | Self::MalformedChecked
        )
    }

    #[must_use]
    pub const fn is_malformed(self) -> bool {
        matches!(self, Self::MalformedChecked | Self::MalformedUnchecked)
    }
}

/// Per-option (or per-item, per-step) feedback after `: ` or ` - `.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub text: String,
    pub span: Span,
    /// `": "` or `" - "`.
    pub separator: &'static str,
}

/// A `NOTE:` / `Note:` paragraph: general feedback.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub span: Span,
    /// The keyword as written, without the colon (`NOTE`, `Note`).
    pub keyword: String,
    pub keyword_span: Span,
    pub text: String,
}

/// Items sorted into groups.
#[derive(Debug, Clone, Serialize)]
pub struct CategorizeBlock {
    pub stem: Option<TextBlock>,
    pub groups: Vec<Group>,
    pub note: Option<Note>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The header line.
    pub header: Span,
    pub name: String,
    pub style: HeaderStyle,
    pub items: Vec<GroupItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HeaderStyle {
    /// `## Group`
    Hash2,
    /// `### Group`
    Hash3,
    /// `Group:`
    Colon,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupItem {
    pub span: Span,
    pub text: String,
    pub explanation: Option<Explanation>,
    /// Written as `- item`.
    pub bullet: bool,
}

/// Numbered steps in their correct order.
#[derive(Debug, Clone, Serialize)]
pub struct OrderBlock {
    pub stem: Option<TextBlock>,
    pub steps: Vec<Step>,
    pub note: Option<Note>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub span: Span,
    pub number: u64,
    pub number_span: Span,
    pub text: String,
    pub explanation: Option<Explanation>,
}

/// Code that answers the exercise's task.
#[derive(Debug, Clone, Serialize)]
pub struct CodeBlock {
    pub language: CodeLanguage,
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeLanguage {
    Sql,
    Python,
}

impl CodeLanguage {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Sql => "sql",
            Self::Python => "python",
        }
    }
}
