//! A finding: what a rule reports, as data.

use serde::Serialize;

use super::RuleMeta;
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The item cannot be compiled correctly as written.
    Error,
    /// It compiles but is probably wrong.
    Warning,
    /// It is inconsistent.
    Style,
}

impl Severity {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Style => "style",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "error" => Some(Self::Error),
            "warning" => Some(Self::Warning),
            "style" => Some(Self::Style),
            _ => None,
        }
    }
}

/// Whether `check --fix` applies a fix on its own (ruff's fix safety).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Cannot change meaning (checkbox case, spacing, trailing whitespace):
    /// applied by `--fix`.
    Safe,
    /// Changes words that learners read (a spelling correction, a repeated
    /// phrase removed): shown, and applied only with `--unsafe-fixes`.
    Unsafe,
}

/// A byte-range edit that fixes a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
    /// Imperative description (`Lower-case the checkbox`).
    pub title: String,
    pub applicability: Applicability,
}

/// A second place a finding points at (the first of two duplicates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub path: String,
    pub span: Span,
    pub message: String,
}

/// One problem found by one rule in one file.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// The narrowest span that shows the problem.
    pub span: Span,
    /// What is wrong (sentence case, no final period).
    pub message: String,
    /// What to do (imperative).
    pub help: Option<String>,
    /// Text for the label under the span.
    pub label: Option<String>,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
}

impl Finding {
    #[must_use]
    pub fn new(meta: &'static RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Self {
            code: meta.code,
            name: meta.name,
            severity: meta.severity,
            span,
            message: message.into(),
            help: None,
            label: None,
            fix: None,
            related: Vec::new(),
        }
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    #[must_use]
    pub fn fix(
        mut self,
        span: Span,
        replacement: impl Into<String>,
        title: impl Into<String>,
    ) -> Self {
        self.fix = Some(Fix {
            span,
            replacement: replacement.into(),
            title: title.into(),
            applicability: Applicability::Safe,
        });
        self
    }

    /// A fix that `--fix` applies only with `--unsafe-fixes`.
    #[must_use]
    pub fn unsafe_fix(
        mut self,
        span: Span,
        replacement: impl Into<String>,
        title: impl Into<String>,
    ) -> Self {
        self = self.fix(span, replacement, title);
        if let Some(fix) = &mut self.fix {
            fix.applicability = Applicability::Unsafe;
        }
        self
    }

    #[must_use]
    pub fn related(
        mut self,
        path: impl Into<String>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            path: path.into(),
            span,
            message: message.into(),
        });
        self
    }

    /// Order within a file: position, then code, then message.
    #[must_use]
    pub fn sort_key(&self) -> (usize, usize, &'static str, &str) {
        (self.span.start, self.span.end, self.code, &self.message)
    }
}
