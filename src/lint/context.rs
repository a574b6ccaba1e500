//! What every rule reads: one file, parsed once. Rules judge the AST,
//! the one record of what the author wrote.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::bank::saturated;
use super::code::{CodeProblem, code_problems};
use super::options::RuleOptions;
use super::text::{Token, tokens};
use super::wording::{Negation, find_negative_stem};
use crate::model::text::{each_normalized_char, normalize_option};
use crate::parse::ast::{AnswerBody, ChoiceBlock, Document, Exercise, Fence, OptionLine};
use crate::source::{LineIndex, SourceFile, Span};

pub struct LintContext<'a> {
    pub file: &'a SourceFile,
    pub doc: &'a Document,
    pub index: &'a LineIndex,
    options: Option<&'a RuleOptions>,
    /// The project's own words, which spelling rules accept.
    pub words: &'a [String],
    code: OnceLock<Vec<CodeProblem>>,
    /// The tokens of each choice question's prompt, by the offset of its
    /// exercise: tokenized once for every rule that reads stems.
    prompts: OnceLock<FxHashMap<usize, Vec<Token<'a>>>>,
    /// The negation of each choice question's negative stem, by the offset
    /// of its exercise: several rules ask.
    negations: OnceLock<FxHashMap<usize, Option<Negation<'a>>>>,
    // What several rules and the file's summary read of the same options,
    // found once on first use.
    /// The normal form of each choice option's text.
    option_forms: OnceLock<OptionForms>,
}

/// The normal forms ([`normalize_option`]) of the texts of a file's choice
/// options, in one string.
#[derive(Debug, Default)]
struct OptionForms {
    forms: String,
    /// The start of each option's line, with where its form starts and ends
    /// in `forms`, in file order.
    ranges: Vec<(usize, u32, u32)>,
}

impl OptionForms {
    fn of<'o>(options: impl Iterator<Item = &'o OptionLine>) -> Self {
        let mut forms = Self::default();
        for option in options {
            let from = forms.forms.len();
            each_normalized_char(&option.text, |c| forms.forms.push(c));
            let to = forms.forms.len();
            forms
                .ranges
                .push((option.span.start, saturated(from), saturated(to)));
        }
        // Options come in file order, so this sort finds nothing to move;
        // it keeps `get`'s binary search right whatever the order.
        forms.ranges.sort_by_key(|r| r.0);
        forms
    }

    fn get(&self, option: &OptionLine) -> Option<&str> {
        let k = self
            .ranges
            .binary_search_by_key(&option.span.start, |r| r.0)
            .ok()?;
        let (_, from, to) = self.ranges[k];
        self.forms.get(from as usize..to as usize)
    }
}

impl<'a> LintContext<'a> {
    #[must_use]
    pub fn new(file: &'a SourceFile, doc: &'a Document, index: &'a LineIndex) -> Self {
        Self {
            file,
            doc,
            index,
            options: None,
            words: &[],
            code: OnceLock::new(),
            prompts: OnceLock::new(),
            negations: OnceLock::new(),
            option_forms: OnceLock::new(),
        }
    }

    /// The same context with configured rule options.
    #[must_use]
    pub fn with_options(mut self, options: &'a RuleOptions) -> Self {
        self.options = Some(options);
        self
    }

    /// The options of the rule with `code` as configured, else their
    /// defaults (what a rule's `Self::options(cx)` returns).
    #[must_use]
    pub fn options<T: Clone + Default + 'static>(&self, code: &str) -> Cow<'a, T> {
        match self.options.and_then(|o| o.get::<T>(code)) {
            Some(options) => Cow::Borrowed(options),
            None => Cow::Owned(T::default()),
        }
    }

    /// The same context with the project's own words (from configuration).
    #[must_use]
    pub fn with_words(mut self, words: &'a [String]) -> Self {
        self.words = words;
        self
    }

    /// Every exercise of the file, in order.
    pub fn exercises(&self) -> impl Iterator<Item = &'a Exercise> {
        self.doc.exercises()
    }

    /// Every choice question of the file with its exercise, in order.
    pub fn choices(&self) -> impl Iterator<Item = (&'a Exercise, &'a ChoiceBlock)> {
        self.exercises()
            .filter_map(|e| match e.answer.as_ref().map(|a| &a.body) {
                Some(AnswerBody::Choice(choice)) => Some((e, choice)),
                _ => None,
            })
    }

    /// What the learner reads as the question, as source spans (the
    /// parser's [`Exercise::prompt`]).
    #[must_use]
    pub fn prompt_spans(&self, exercise: &Exercise) -> Vec<Span> {
        exercise.prompt.iter().map(|p| p.span).collect()
    }

    /// The tokens of what the learner reads as the question of a choice
    /// exercise ([`LintContext::prompt_spans`]), in order; empty for an
    /// exercise that is no choice question.
    pub fn prompt_tokens(&self, exercise: &Exercise) -> &[Token<'a>] {
        let prompts = self.prompts.get_or_init(|| {
            let text: &'a str = &self.file.text;
            self.choices()
                .map(|(e, _)| {
                    let tokens = e
                        .prompt
                        .iter()
                        .flat_map(|p| tokens(&text[p.span.start..p.span.end], p.span.start))
                        .collect();
                    (e.span.start, tokens)
                })
                .collect()
        });
        prompts.get(&exercise.span.start).map_or(&[], Vec::as_slice)
    }

    /// The negation that makes the prompt of `exercise` a negative stem
    /// (see [`super::wording::negative_stem`]), found once per question.
    pub(crate) fn negative_stem(&self, exercise: &Exercise) -> Option<Negation<'a>> {
        let negations = self.negations.get_or_init(|| {
            self.choices()
                .map(|(e, _)| (e.span.start, find_negative_stem(self, e)))
                .collect()
        });
        match negations.get(&exercise.span.start) {
            Some(negation) => *negation,
            None => find_negative_stem(self, exercise),
        }
    }

    /// The normal form of the text of `option`, a choice option of this file
    /// ([`normalize_option`]): computed once for every option.
    pub fn option_form(&self, option: &OptionLine) -> Cow<'_, str> {
        let forms = self
            .option_forms
            .get_or_init(|| OptionForms::of(self.choices().flat_map(|(_, c)| &c.options)));
        // An option outside this file's choice questions is normalized on
        // the spot.
        match forms.get(option) {
            Some(form) => Cow::Borrowed(form),
            None => Cow::Owned(normalize_option(&option.text)),
        }
    }

    /// Problems in the file's SQL and Python, found once for all code rules.
    pub fn code_problems(&self) -> &[CodeProblem] {
        self.code
            .get_or_init(|| code_problems(&self.file.text, self.doc))
    }

    /// The fence whose extent holds byte `offset`, if any.
    #[must_use]
    pub fn fence_at(&self, offset: usize) -> Option<&'a Fence> {
        // Fences are in file order and never overlap.
        let fences = &self.doc.fences;
        let k = fences.partition_point(|f| f.open.start <= offset);
        let fence = fences.get(k.checked_sub(1)?)?;
        (offset < fence_extent(fence).end).then_some(fence)
    }

    /// The source text of a span.
    #[must_use]
    pub fn text(&self, span: Span) -> &'a str {
        &self.file.text[span.start..span.end]
    }
}

pub use crate::parse::fence_extent;
