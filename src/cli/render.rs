//! Renderers of findings: one function per `--format`.

use std::fmt;
use std::io::{self, IsTerminal as _, Write};
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;

use super::check::Tally;
use crate::lint::{Finding, Severity};
use crate::pipeline::CheckedFile;
use crate::source::LineCol;

/// Colour only on a terminal, and never when `NO_COLOR` is set.
#[must_use]
pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
}

/// [`use_color`] for what goes to standard error.
#[must_use]
pub fn use_color_on_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stderr().is_terminal()
}

/// Each finding with its file and 1-based start and end positions.
fn positioned(
    files: &[CheckedFile],
) -> impl Iterator<Item = (&CheckedFile, &Finding, LineCol, LineCol)> {
    files.iter().flat_map(|file| {
        let text = &file.file.text;
        file.findings.iter().map(move |finding| {
            let start = file.index.line_col(text, finding.span.start);
            let end = file.index.line_col(text, finding.span.end);
            (file, finding, start, end)
        })
    })
}

/// One line per finding: `path:line:col: severity[CODE] message`.
///
/// # Errors
/// When standard output cannot be written.
pub fn concise(out: &mut impl Write, files: &[CheckedFile]) -> io::Result<()> {
    for (file, finding, start, _) in positioned(files) {
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            file.file.path,
            start.line,
            start.column,
            finding.severity.as_str(),
            finding.code,
            one_line(&finding.message)
        )?;
    }
    Ok(())
}

/// A message on one line: a line break would start a new finding.
fn one_line(message: &str) -> std::borrow::Cow<'_, str> {
    if message.contains(['\n', '\r']) {
        message
            .replace("\r\n", " ")
            .replace(['\n', '\r'], " ")
            .into()
    } else {
        message.into()
    }
}

/// GitHub Actions workflow commands: `::error file=...,line=...::message`,
/// one per finding, which GitHub shows as annotations on the changed lines.
/// Warnings are `::warning`, style findings `::notice`.
///
/// # Errors
/// When standard output cannot be written.
pub fn github(out: &mut impl Write, files: &[CheckedFile]) -> io::Result<()> {
    for (file, finding, start, end) in positioned(files) {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Style => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            github_property(&file.file.path),
            start.line,
            start.column,
            end.line,
            end.column,
            github_property(finding.code),
            github_data(&finding.message)
        )?;
    }
    Ok(())
}

/// Escapes a command's message (GitHub's `escapeData`).
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property (GitHub's `escapeProperty`): also `:` and `,`,
/// which separate properties.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
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
    path: &'a str,
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
        let _ = self.path;
        let primary =
            LabeledSpan::new_primary_with_span(self.finding.label.clone(), self.finding.span);
        Some(Box::new(std::iter::once(primary)))
    }
}

/// The miette report of every finding, file by file.
///
/// # Errors
/// When standard output cannot be written.
pub fn human(out: &mut impl Write, files: &[CheckedFile], color: bool) -> io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    for file in files {
        let source = CharColumns {
            name: file.file.path.clone(),
            text: Arc::clone(&file.file.text),
        };
        for finding in &file.findings {
            let report = Report {
                finding,
                source: source.clone(),
                path: &file.file.path,
            };
            let mut text = String::new();
            handler
                .render_report(&mut text, &report)
                .map_err(io::Error::other)?;
            writeln!(out, "{text}")?;
        }
    }
    Ok(())
}

/// The closing line of a human report.
///
/// # Errors
/// When standard output cannot be written.
pub fn summary(out: &mut impl Write, tally: &Tally) -> io::Result<()> {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "{}, {}, {} in {}",
        plural(tally.errors, "error"),
        plural(tally.warnings, "warning"),
        plural(tally.style, "style finding"),
        plural(tally.files, "file"),
    )
}

/// A finding in the JSON format: exactly these keys, in this order.
#[derive(Debug, Serialize)]
pub struct JsonFinding {
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: String,
    help: Option<String>,
}

/// The JSON findings of one file (positions computed while its text is at
/// hand).
pub fn json_findings(file: &CheckedFile) -> impl Iterator<Item = JsonFinding> + '_ {
    positioned(std::slice::from_ref(file)).map(|(file, finding, start, end)| JsonFinding {
        path: file.file.path.clone(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        code: finding.code,
        name: finding.name,
        severity: finding.severity.as_str(),
        message: finding.message.clone(),
        help: finding.help.clone(),
    })
}

/// A JSON array written one element at a time, byte for byte as
/// `serde_json::to_writer_pretty` writes the whole array, plus a final
/// newline: the output of a run over many files is never held in memory.
#[derive(Debug, Default)]
pub struct JsonArray {
    started: bool,
}

impl JsonArray {
    /// Writes one element.
    ///
    /// # Errors
    /// When standard output cannot be written.
    pub fn push(&mut self, out: &mut impl Write, element: &impl Serialize) -> io::Result<()> {
        let text = serde_json::to_string_pretty(element).map_err(io::Error::other)?;
        out.write_all(if self.started { b",\n" } else { b"[\n" })?;
        self.started = true;
        for (k, line) in text.lines().enumerate() {
            if k > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"  ")?;
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// Closes the array.
    ///
    /// # Errors
    /// When standard output cannot be written.
    pub fn finish(self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(if self.started { b"\n]\n" } else { b"[]\n" })
    }
}

#[cfg(test)]
mod tests {
    use super::{github_data, github_property, one_line};

    #[test]
    fn github_escapes_data_and_properties() {
        assert_eq!(
            github_data("50% of a\r\nb: c, d"),
            "50%25 of a%0D%0Ab: c, d"
        );
        assert_eq!(github_property("dir: a,b%/x.md"), "dir%3A a%2Cb%25/x.md");
    }

    #[test]
    fn a_streamed_json_array_is_what_serde_json_writes() {
        let values = [
            serde_json::json!({"a": 1, "b": ["x\ny", {"c": null}], "d": {}}),
            serde_json::json!({"e": "line\nbreak", "f": []}),
        ];
        for n in 0..=values.len() {
            let mut streamed = Vec::new();
            let mut array = super::JsonArray::default();
            for value in &values[..n] {
                array.push(&mut streamed, value).unwrap();
            }
            array.finish(&mut streamed).unwrap();
            let mut whole = serde_json::to_vec_pretty(&values[..n]).unwrap();
            whole.push(b'\n');
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }

    #[test]
    fn concise_messages_stay_on_one_line() {
        assert_eq!(one_line("a\r\nb\nc"), "a b c");
        assert_eq!(one_line("plain"), "plain");
    }
}
