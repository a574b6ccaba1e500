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
    /// Every `<!-- exambank-... -->` comment outside fences, in file order.
    pub directives: Vec<Directive>,
}

impl Document {
    /// Every exercise of the file, in order.
    pub fn exercises(&self) -> impl Iterator<Item = &Exercise> {
        self.preamble
            .iter()
            .chain(self.chapters.iter().flat_map(|c| c.exercises.iter()))
    }
}

/// An HTML comment outside fences whose text starts with `exambank-`: a
/// suppression directive as written. Lint resolves its word and names.
#[derive(Debug, Clone, Serialize)]
pub struct Directive {
    /// The comment, `<!--` to `-->`; to the end of the file when never closed.
    pub span: Span,
    /// The directive's word as written (`exambank-disable-next-line`).
    pub word: String,
    /// The names after the word (rule codes or names), as written.
    pub names: Vec<String>,
    /// Whether commas separate the names.
    pub commas: bool,
    /// Whether the comment is never closed (no `-->` after it).
    pub unclosed: bool,
    /// The line after the comment, with its line ending; the whole fence
    /// when that line opens one (what `disable-next-line` covers).
    pub next_line: Span,
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

/// `# <number>. <title>` (or `# <number> <title>`, `# Chapter <number>.
/// <title>`) and the exercises under it.
#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    /// The heading line, without its line ending.
    pub heading: Span,
    /// The number as written, when the heading has one.
    pub number: Option<u64>,
    pub number_span: Option<Span>,
    /// The title after the number; empty for `# 3.`.
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
    /// What the exercise asks the learner for (see [`AnswerBlock`]).
    pub answer: Option<AnswerBlock>,
    /// What the learner reads as the question: the context prose before the
    /// answer (and before any `###`), then the answer block's stem.
    pub prompt: Vec<TextBlock>,
    /// A run of `#` that starts the title (`## # 2. Title`): a chapter
    /// heading written as an exercise heading.
    pub stray_marker: Option<Span>,
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
    /// The language tag, lower-cased (`python`), when there is one: the
    /// info string's first word, up to a character no language name holds
    /// (`yml:config.yml` is `yml`).
    pub info: Option<String>,
    /// The language of the code the fence holds, read from its tag and its
    /// content; `None` when it holds a quiz, prose, or nothing.
    pub language: Option<CodeLanguage>,
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

/// What an exercise asks for, and what shape it has: the first fence
/// (before any `###`) that holds a quiz, whatever its tag; else the first
/// bare fence; else, in an exercise without `###`, its code fences (a
/// coding exercise); else, in an exercise of prose alone, that prose.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerBlock {
    /// Index into [`Document::fences`] of the (first) fence; `None` when
    /// the answer is prose outside any fence.
    pub fence: Option<usize>,
    pub body: AnswerBody,
}

impl AnswerBlock {
    /// The stem: the lines of the block before its options, groups or steps.
    #[must_use]
    pub const fn stem(&self) -> Option<&TextBlock> {
        match &self.body {
            AnswerBody::Choice(c) => c.stem.as_ref(),
            AnswerBody::Categorize(c) => c.stem.as_ref(),
            AnswerBody::Order(o) => o.stem.as_ref(),
            _ => None,
        }
    }

    /// The general feedback after the options, groups or steps.
    #[must_use]
    pub const fn note(&self) -> Option<&Note> {
        match &self.body {
            AnswerBody::Choice(c) => c.note.as_ref(),
            AnswerBody::Categorize(c) => c.note.as_ref(),
            AnswerBody::Order(o) => o.note.as_ref(),
            _ => None,
        }
    }

    /// Whether `index` is one of the answer's fences.
    #[must_use]
    pub fn uses_fence(&self, index: usize) -> bool {
        match &self.body {
            AnswerBody::Code(code) => code.parts.iter().any(|p| p.fence == index),
            _ => self.fence == Some(index),
        }
    }
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
    /// How many options the author marked correct, malformed boxes included.
    pub correct: usize,
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
    /// Written wrongly, but apparently meant as checked (`[ x]`, `[v]`,
    /// `(x)`, `]x`, `x]`, a box holding another letter).
    MalformedChecked,
    /// Written wrongly, apparently meant as unchecked (`[]`, `( )`, `] text`).
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

/// A `NOTE:` / `Note:` paragraph, or the text after the options, groups or
/// steps: general feedback.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub span: Span,
    /// The keyword as written, without the colon (`NOTE`, `Note`); empty
    /// for text written without one.
    pub keyword: String,
    pub keyword_span: Span,
    /// The text: lines of a paragraph joined with spaces, list lines kept
    /// on lines of their own, paragraphs separated by a blank line.
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
    /// `# Group`
    Hash1,
    /// `## Group`
    Hash2,
    /// `### Group`
    Hash3,
    /// `Group:`
    Colon,
    /// `Group` alone on its line (or ending in `;`), known by the block's shape
    Label,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupItem {
    /// The whole item as written: its continuation lines and its
    /// explanation included.
    pub span: Span,
    pub text: String,
    pub explanation: Option<Explanation>,
    /// Written as `- item`.
    pub bullet: bool,
}

/// Steps in their correct order: numbered, or a plain list when the
/// heading or the stem asks for an order.
#[derive(Debug, Clone, Serialize)]
pub struct OrderBlock {
    pub stem: Option<TextBlock>,
    pub steps: Vec<Step>,
    pub note: Option<Note>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub span: Span,
    /// The number as written; `None` in an unnumbered list.
    pub number: Option<u64>,
    pub number_span: Option<Span>,
    pub text: String,
    pub explanation: Option<Explanation>,
}

/// Code that answers the exercise's task.
#[derive(Debug, Clone, Serialize)]
pub struct CodeBlock {
    /// The fences of the answer in order: one for an answer block, every
    /// code fence of a coding exercise.
    pub parts: Vec<CodePart>,
    /// Whether the exercise is a coding exercise: its answer is its
    /// language-tagged fences (a project may keep these out of its bank).
    pub solution: bool,
}

/// One fence of a code answer.
#[derive(Debug, Clone, Serialize)]
pub struct CodePart {
    /// Index into [`Document::fences`].
    pub fence: usize,
    pub language: CodeLanguage,
    /// The fence's content.
    pub span: Span,
}

/// The language of code in a fence, from its tag or, without one, from
/// what the code reads as. Only SQL and Python are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeLanguage {
    Sql,
    Python,
    /// Shell commands or a terminal transcript (`$ dbt run` and its log).
    Shell,
    R,
    Scala,
    Yaml,
    Json,
    Dockerfile,
    /// Another tag (`java`, `ipython`): [`Fence::info`] names it.
    Other,
}

impl CodeLanguage {
    /// The language's name; `None` for [`CodeLanguage::Other`].
    #[must_use]
    pub const fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::Sql => "sql",
            Self::Python => "python",
            Self::Shell => "shell",
            Self::R => "r",
            Self::Scala => "scala",
            Self::Yaml => "yaml",
            Self::Json => "json",
            Self::Dockerfile => "dockerfile",
            Self::Other => return None,
        })
    }
}
