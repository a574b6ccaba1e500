//! A finding as a reader sees it: miette's report, with the source frame
//! around the finding and its label under the text it points at. The
//! `human` format of `check` prints these, and the rule snapshots show
//! them. Rendering is to text: the caller decides where it goes, and
//! whether it is coloured.

use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{Finding, Severity};

/// Renders findings of one file; made once for many findings.
pub struct HumanReports {
    handler: GraphicalReportHandler,
    source: CharColumns,
}

impl HumanReports {
    /// For the findings of the file `path` whose text is `text`, coloured
    /// or not.
    #[must_use]
    pub fn new(path: &str, text: &Arc<str>, color: bool) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Self {
            handler: GraphicalReportHandler::new_themed(theme).with_width(100),
            source: CharColumns {
                name: path.to_owned(),
                text: Arc::clone(text),
            },
        }
    }

    /// The report of one finding of the file: a header line with the
    /// severity, code and message, the source frame with the finding's
    /// label, then its help.
    ///
    /// # Errors
    /// When miette cannot render the report (a span outside the text).
    pub fn render(&self, finding: &Finding) -> Result<String, fmt::Error> {
        let report = Report {
            finding,
            source: self.source.clone(),
        };
        let mut text = String::new();
        self.handler.render_report(&mut text, &report)?;
        Ok(text)
    }
}

/// A named source whose columns count characters, as every other format
/// does (miette counts bytes), and skip a leading BOM.
#[derive(Clone)]
struct CharColumns {
    name: String,
    text: Arc<str>,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        let start = inner.span().offset().min(self.text.len());
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let prefix = &self.text[line_start..start];
        let prefix = prefix.strip_prefix('\u{feff}').unwrap_or(prefix);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            prefix.chars().count(),
            inner.line_count(),
        )))
    }
}

/// One finding with its file, as miette sees it.
struct Report<'a> {
    finding: &'a Finding,
    source: CharColumns,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report")
            .field("finding", self.finding)
            .finish()
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}({})",
            self.finding.code, self.finding.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Style => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.finding.help.as_deref()?;
        Some(Box::new(help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        // Related places are named in the message: a label far away would
        // pull every line in between into the excerpt.
        let primary =
            LabeledSpan::new_primary_with_span(self.finding.label.clone(), self.finding.span);
        Some(Box::new(std::iter::once(primary)))
    }
}
