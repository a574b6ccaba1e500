//! The answer-block grammar: what shape the lines inside a fence take
//! (choice, categorization, ordering, code, free text, empty), decided by
//! the content, whatever the fence's tag says.
//!
//! The shape is decided first ([`fence_body`]), then the lines are read as
//! that shape. Every span is a file offset: the lines carry their own.

use super::ast::{AnswerBody, Block, CodeBlock, CodeLanguage, CodePart, Note, TextBlock};
use super::choice::choice;
use super::code::{
    Tag, code_language, no_statement_of, preformatted_text, python_statement_in, reads_as_prose,
};
use super::grammar::note_start;
use super::groups::{categorize_body, group_headers, hash_group_headers};
use super::lines::Line;
use super::steps::{list_steps, numbered_steps, order_body};
use crate::source::Span;

/// What the exercise around a fence says about it: its heading and the
/// prose before the fence, read only when a shape needs them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Asks<'a> {
    pub title: &'a str,
    /// The exercise's blocks so far (its prose before the fence).
    pub before: &'a [Block],
}

impl Asks<'_> {
    /// The heading or the prose before the fence asks for an order.
    fn order(&self) -> bool {
        asks_for_order(self.title)
            || self
                .before
                .iter()
                .any(|b| matches!(b, Block::Prose { text, .. } if asks_for_order(text)))
    }

    /// The heading starts by asking for an order (`Ordering the layers`,
    /// `Order of execution`): a list of code lines is then steps to order.
    fn order_first(&self) -> bool {
        heading_asks_for_order(self.title)
    }
}

/// `fence_body = empty_body / choice_body / hash_categorize_body / code_body / text_body`
///
/// `lines` are the fence's content lines; `fence` its index.
#[must_use]
pub fn fence_body(lines: &[Line<'_>], tag: Tag, fence: usize, asks: Asks<'_>) -> AnswerBody {
    if lines.iter().all(Line::is_blank) {
        return AnswerBody::Empty;
    }
    let code_tag = match tag {
        Tag::Code(language) => Some(language),
        Tag::Bare | Tag::Text => None,
    };
    if let Some(choice) = choice(lines, code_tag.is_some()) {
        return AnswerBody::Choice(choice);
    }
    let code = |language| {
        AnswerBody::Code(CodeBlock {
            parts: vec![code_part(lines, fence, language)],
            solution: false,
        })
    };
    // Python with a statement (not a bare name to sort) is code: its `#`
    // lines are comments, not group headers.
    if code_tag == Some(CodeLanguage::Python) && python_statement_in(lines) {
        return code(CodeLanguage::Python);
    }
    // Two `## Group` lines make a categorization even when its items read
    // like code (`df.dropna(): Valid. ...`), unless the items are code and
    // the headers its comments.
    if let Some(headers) = hash_group_headers(lines, tag) {
        return AnswerBody::Categorize(categorize_body(lines, &headers));
    }
    match code_tag {
        Some(language) => {
            // Under a code tag, content with no statement of the language is
            // read for a quiz shape, or as prose when it reads as sentences.
            if !no_statement_of(lines, language) {
                return code(language);
            }
            match text_body(lines, asks) {
                body @ (AnswerBody::Categorize(_) | AnswerBody::Order(_)) => body,
                body @ AnswerBody::FreeText(_) if reads_as_prose(lines) => body,
                _ => code(language),
            }
        }
        None => {
            if asks.order_first() {
                if let Some(numbering) = numbered_steps(lines) {
                    return AnswerBody::Order(order_body(lines, numbering));
                }
                if let Some(order) = list_steps(lines, true) {
                    return AnswerBody::Order(order);
                }
            }
            if let Some(language) = code_language(lines) {
                return code(language);
            }
            if preformatted_text(lines) {
                return free_text(lines);
            }
            text_body(lines, asks)
        }
    }
}

/// `text_body = categorize_body / order_body / free_text_body` — lines that
/// are neither a choice question nor code.
fn text_body(lines: &[Line<'_>], asks: Asks<'_>) -> AnswerBody {
    if let Some(headers) = group_headers(lines) {
        return AnswerBody::Categorize(categorize_body(lines, &headers));
    }
    if let Some(numbering) = numbered_steps(lines) {
        return AnswerBody::Order(order_body(lines, numbering));
    }
    if let Some(order) = list_steps(lines, asks.order()) {
        return AnswerBody::Order(order);
    }
    free_text(lines)
}

/// `free_text_body = text_line *( text_line / blank_line )`
fn free_text(lines: &[Line<'_>]) -> AnswerBody {
    AnswerBody::FreeText(text_block(lines).expect("a non-blank line exists"))
}

/// One fence's content as a part of a code answer.
#[must_use]
pub fn code_part(lines: &[Line<'_>], fence: usize, language: CodeLanguage) -> CodePart {
    let start = lines.first().map_or(0, |l| l.start);
    let end = lines.last().map_or(start, Line::end);
    CodePart {
        fence,
        language,
        span: Span::new(start, end),
    }
}

/// Words and phrases with which a heading or a stem asks for an order.
const ORDER_REQUESTS: &[&str] = &[
    "ordering",
    "order the",
    "order of",
    "in order",
    "right order",
    "correct order",
    "proper order",
    "logical order",
    "reorder",
    "sequence",
    "sequencing",
    "arrange",
];

/// `order_request`: whether `text` asks for things to be put in order
/// (`Order the steps`, `Ordering ...`, `in the right sequence`, `arrange`).
/// `ORDER BY` and `in ascending order` do not.
#[must_use]
pub fn asks_for_order(text: &str) -> bool {
    let lower = text.to_lowercase();
    ORDER_REQUESTS.iter().any(|phrase| {
        lower.match_indices(phrase).any(|(at, _)| {
            let before_ok = lower[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = &lower[at + phrase.len()..];
            let after_ok =
                phrase.ends_with(' ') || after.chars().next().is_none_or(|c| !c.is_alphanumeric());
            before_ok && after_ok
        })
    })
}

/// Whether a heading starts by asking for an order.
#[must_use]
pub fn heading_asks_for_order(title: &str) -> bool {
    let lower = title.trim_start().to_lowercase();
    ["order", "ordering", "sequence", "arrange", "put "]
        .iter()
        .any(|w| lower.starts_with(w))
        && asks_for_order(&lower)
}

/// The smallest span and the joined text of the non-blank lines, or `None`.
#[must_use]
pub fn text_block(lines: &[Line<'_>]) -> Option<TextBlock> {
    let first = lines.iter().position(|l| !l.is_blank())?;
    let last = lines.iter().rposition(|l| !l.is_blank())?;
    let kept = &lines[first..=last];
    let text = kept
        .iter()
        .map(|l| l.text.trim_end())
        .collect::<Vec<_>>()
        .join("\n");
    Some(TextBlock {
        span: Span::new(
            kept[0].start,
            kept[kept.len() - 1].start + kept[kept.len() - 1].trimmed_end().len(),
        ),
        text,
    })
}

/// A line that only separates (`---`, `***`, `___`): no text of its own.
#[must_use]
pub fn rule_line(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 3
        && (t.chars().all(|c| c == '-')
            || t.chars().all(|c| c == '*')
            || t.chars().all(|c| c == '_'))
}

/// A line that starts an entry of a list in a note (`- a`, `* b`, `=> c`,
/// `1. d`): kept on a line of its own.
fn list_line(text: &str) -> bool {
    text.starts_with(['-', '*', '+', '•', '→'])
        || text.starts_with("=>")
        || text.split_once(['.', ')']).is_some_and(|(n, rest)| {
            !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with(' ')
        })
}

/// `note = ( note_start / text_line ) *( text_line / blank_line )` — the
/// general feedback after the options, groups or steps: a `NOTE:` paragraph,
/// or whatever text the author wrote there. It runs to the end of the block.
/// Lines of a paragraph are joined with spaces; a list entry, or a line
/// after one ending in `:`, starts a line of its own; `---` separates.
#[must_use]
pub fn note(lines: &[Line<'_>]) -> Option<Note> {
    let start = lines
        .iter()
        .position(|l| !l.is_blank() && !rule_line(l.text))?;
    let lines = &lines[start..];
    let first = &lines[0];
    let trimmed = first.text.trim_start();
    let (keyword, same_line) = match note_start(trimmed) {
        Ok((_, (keyword, rest))) => (keyword, rest),
        Err(_) => ("", trimmed),
    };
    let keyword_span = if keyword.is_empty() {
        Span::new(first.start, first.start)
    } else {
        first.sub_span(keyword)
    };
    let mut text = String::new();
    let mut blank_before = false;
    let parts = std::iter::once(same_line).chain(lines[1..].iter().map(|l| l.text));
    for part in parts {
        let part = part.trim();
        if part.is_empty() || rule_line(part) {
            blank_before = !text.is_empty();
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank_before {
                "\n\n"
            } else if list_line(part) || text.ends_with(':') {
                "\n"
            } else {
                " "
            });
        }
        blank_before = false;
        text.push_str(part);
    }
    let last = lines.iter().rposition(|l| !l.is_blank()).unwrap_or(0);
    Some(Note {
        span: Span::new(
            first.start,
            lines[last].start + lines[last].trimmed_end().len(),
        ),
        keyword: keyword.to_owned(),
        keyword_span,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::ast::{CheckboxKind, HeaderStyle};
    use crate::parse::lines::split_lines;

    fn body(text: &str) -> AnswerBody {
        fence_body(&split_lines(text), Tag::Bare, 0, Asks::default())
    }

    fn tagged(text: &str, tag: &str) -> AnswerBody {
        fence_body(
            &split_lines(text),
            super::super::code::fence_tag(Some(tag)),
            0,
            Asks::default(),
        )
    }

    fn language(body: &AnswerBody) -> Option<CodeLanguage> {
        match body {
            AnswerBody::Code(code) => Some(code.parts[0].language),
            _ => None,
        }
    }

    #[test]
    fn shapes_are_recognized() {
        assert!(matches!(body("\n  \n"), AnswerBody::Empty));
        assert!(matches!(body("Stem?\n[x]A\n[ ]B\n"), AnswerBody::Choice(_)));
        assert!(matches!(
            body("## A\nx\n## B\ny\n"),
            AnswerBody::Categorize(_)
        ));
        assert!(matches!(
            body("Team A:\nx\n\nTeam B:\ny\n"),
            AnswerBody::Categorize(_)
        ));
        assert!(matches!(body("1. a\n2. b\n"), AnswerBody::Order(_)));
        assert!(matches!(
            body("Use a consumer group.\n"),
            AnswerBody::FreeText(_)
        ));
        assert!(matches!(
            body("Use spark.read() to load it.\n"),
            AnswerBody::FreeText(_)
        ));
        assert!(matches!(
            body("Select the rows from the table.\n"),
            AnswerBody::FreeText(_)
        ));
        for sql in [
            "SELECT 1",
            "create table t as select 1",
            "select a from t",
            "WITH x AS (SELECT 1) SELECT * FROM x",
        ] {
            assert_eq!(language(&body(sql)), Some(CodeLanguage::Sql), "{sql}");
        }
        assert!(matches!(
            body(
                "## Returns a new object\ndf.dropna(): Valid. It drops rows.\n\n## In place\ndf.sort_values(inplace=True): Valid.\n"
            ),
            AnswerBody::Categorize(_)
        ));
        assert!(matches!(
            body("df.dropna(): Valid. It drops rows.\n"),
            AnswerBody::FreeText(_)
        ));
        for py in [
            "import os\nprint(os.sep)",
            "spark.read.csv(path).filter(\n  col > 1\n)",
            "df.groupby(\"a\").sum()  # total",
            "x = 1\n",
            "df.show()",
            "with open(p) as f:\n# nothing",
            "from a import b",
            "for x in y:\n    print(x)",
            "## Load\ndf = load()\n## Plot\ndf.plot()\n",
        ] {
            assert_eq!(language(&body(py)), Some(CodeLanguage::Python), "{py}");
        }
    }

    #[test]
    fn the_content_decides_not_the_tag() {
        assert!(matches!(
            tagged("Which?\n[x]A\n[ ]B\n", "txt"),
            AnswerBody::Choice(_)
        ));
        assert!(matches!(
            tagged(
                "[x] model = Sequential()\n[ ] model = sequential\n",
                "python"
            ),
            AnswerBody::Choice(_)
        ));
        assert!(matches!(
            tagged(
                "## Batch\nNightly report\n\n## Stream\nLive alert\n",
                "python"
            ),
            AnswerBody::Categorize(_)
        ));
        assert!(matches!(
            tagged("True:\n- It scales.\n\nFalse:\n- It is free.\n", "python"),
            AnswerBody::Categorize(_)
        ));
        assert!(matches!(
            tagged("Would you use it here? Yes, for images.\n", "python"),
            AnswerBody::FreeText(_)
        ));
        assert_eq!(
            language(&tagged("x = [1]\n[x] * 3\n", "python")),
            Some(CodeLanguage::Python)
        );
        assert_eq!(
            language(&tagged("$ dbt run\n", "sh")),
            Some(CodeLanguage::Shell)
        );
        // A transcript and YAML in a bare fence are code, not groups.
        assert_eq!(
            language(&body("$ cat profiles.yml\ntaxi:\n  outputs:\n    dev:\n")),
            Some(CodeLanguage::Shell)
        );
        assert!(matches!(
            body("Name\tWeight\nEggs\t121\nSugar\t125\n"),
            AnswerBody::FreeText(_)
        ));
    }

    #[test]
    fn broken_boxes_stay_options() {
        let AnswerBody::Choice(choice) =
            body("Pick the false one.\n\n] Keep it.\n]xDrop it.\n] Move it.\n")
        else {
            panic!()
        };
        let kinds: Vec<_> = choice.options.iter().map(|o| o.checkbox.kind).collect();
        assert_eq!(
            kinds,
            [
                CheckboxKind::MalformedUnchecked,
                CheckboxKind::MalformedChecked,
                CheckboxKind::MalformedUnchecked
            ]
        );
        assert_eq!(choice.options[1].text, "Drop it.");
        assert_eq!(choice.correct, 1);
        let AnswerBody::Choice(choice) = body("[x]A\n[o]B\nx]C\n[ ]D\n") else {
            panic!()
        };
        assert_eq!(choice.options.len(), 4);
        assert_eq!(choice.options[1].checkbox.raw, "[o]");
        assert_eq!(choice.options[2].checkbox.raw, "x]");
    }

    #[test]
    fn bare_labels_head_groups() {
        let AnswerBody::Categorize(cat) =
            body("True\n- It is unimodal.\n- It is skewed.\n\nFalse\n- It is flat.\n")
        else {
            panic!()
        };
        let names: Vec<_> = cat.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["True", "False"]);
        assert!(cat.groups.iter().all(|g| g.style == HeaderStyle::Label));
        assert_eq!(cat.groups[0].items.len(), 2);
        // One label over a list is a paragraph with bullets, not groups.
        assert!(matches!(
            body("Complexity and bias\n- As it grows, bias falls.\n"),
            AnswerBody::FreeText(_)
        ));
    }

    #[test]
    fn explanations_split_carefully() {
        let AnswerBody::Choice(choice) =
            body("[x]Keep it open: This keeps late data.\n[ ]Stop it: That loses data.\n")
        else {
            panic!()
        };
        assert_eq!(choice.options[0].text, "Keep it open");
        assert_eq!(
            choice.options[0].explanation.as_ref().unwrap().text,
            "This keeps late data."
        );
        // A lone colon is text, not an explanation.
        let AnswerBody::Choice(choice) = body("[x]Language: SQL\n[ ]Language Python\n") else {
            panic!()
        };
        assert_eq!(choice.options[0].text, "Language: SQL");
        assert!(choice.options[0].explanation.is_none());
        // ` - ` splits even alone; lower-case after it does not.
        let AnswerBody::Choice(choice) = body("[x]Tumbling - Each event once\n[ ]a - b\n") else {
            panic!()
        };
        assert_eq!(choice.options[0].text, "Tumbling");
        assert_eq!(choice.options[1].text, "a - b");
    }

    #[test]
    fn explanations_of_wrapped_options_point_into_the_file() {
        // Found by fuzzing: the joined text of a wrapped option is not the
        // file's bytes, so its explanation's span must be mapped back.
        let text = "[x]Café très\n    long - Ça dépend de tout\n[ ]Non - Pas du tout\n";
        let AnswerBody::Choice(choice) = body(text) else {
            panic!()
        };
        let first = &choice.options[0];
        assert_eq!(first.text, "Café très long");
        let explanation = first.explanation.as_ref().unwrap();
        assert_eq!(
            &text[explanation.span.start..explanation.span.end],
            "Ça dépend de tout"
        );
        assert_eq!(
            &text[first.text_span.start..first.text_span.end],
            "Café très\n    long"
        );
        let steps = "1. Lire le fichier\n   entier - Déjà fait avant\n2. Écrire - Ensuite vient\n";
        let AnswerBody::Order(order) = body(steps) else {
            panic!()
        };
        let explanation = order.steps[0].explanation.as_ref().unwrap();
        assert_eq!(
            &steps[explanation.span.start..explanation.span.end],
            "Déjà fait avant"
        );
    }

    #[test]
    fn note_after_options_and_wrapped_option() {
        let AnswerBody::Choice(choice) = body("[x]A\nwraps\n[ ]B\n\nNOTE:\nline one\nline two\n")
        else {
            panic!()
        };
        assert_eq!(choice.options[0].text, "A wraps");
        let note = choice.note.unwrap();
        assert_eq!(note.keyword, "NOTE");
        assert_eq!(note.text, "line one line two");
        // Text after the last option is feedback, never part of the option.
        let AnswerBody::Choice(choice) =
            body("[ ]A\n[x]B\nWhy: B is the only one.\n- A is not.\n\n---\n\nSo B.\n")
        else {
            panic!()
        };
        assert_eq!(choice.options[1].text, "B");
        let note = choice.note.unwrap();
        assert_eq!(note.keyword, "");
        assert_eq!(note.text, "Why: B is the only one.\n- A is not.\n\nSo B.");
    }

    #[test]
    fn order_is_asked_for() {
        assert!(asks_for_order("Order the steps"));
        assert!(asks_for_order("Batch ordering"));
        assert!(asks_for_order("Put them in the right sequence"));
        assert!(!asks_for_order("Sorting with ORDER BY"));
        assert!(!asks_for_order("Numbering games in ascending order"));
        assert!(!asks_for_order("Orderly YAML"));
        let asks = Asks {
            title: "Batch ordering",
            before: &[],
        };
        let lines = split_lines("Start\nRead the files\nStore the result\n");
        let AnswerBody::Order(order) = fence_body(&lines, Tag::Bare, 0, asks) else {
            panic!()
        };
        assert_eq!(order.steps.len(), 3);
        assert!(order.steps[0].number.is_none());
        assert!(matches!(
            body("Start\nRead the files\n"),
            AnswerBody::FreeText(_)
        ));
        let AnswerBody::Order(order) = body("1 Wait for events.\n2 Parse them.\n") else {
            panic!()
        };
        assert_eq!(order.steps[1].number, Some(2));
    }
}
