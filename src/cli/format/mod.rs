//! The output formats of `check`, one file each; [`Report`] feeds the one
//! chosen a file at a time.

mod concise;
mod github;
pub mod human;
mod json;
mod sarif;

use super::args::Format;
use super::tally::Tally;
use super::terminal;
use exambank::lint::Finding;
use exambank::pipeline::CheckedFile;
use exambank::source::LineCol;

/// One output format, fed a file at a time. Line formats and JSON print at
/// once; SARIF keeps the results (not the files) for its one document.
pub struct Report {
    format: Format,
    color: bool,
    json: json::JsonArray,
    sarif: Vec<serde_json::Value>,
}

impl Report {
    pub fn new(format: Format) -> Self {
        Self {
            format,
            color: terminal::use_color(),
            json: json::JsonArray::default(),
            sarif: Vec::new(),
        }
    }

    /// The same report, for standard error: colour follows that stream.
    #[must_use]
    pub fn on_stderr(mut self) -> Self {
        self.color = terminal::use_color_on_stderr();
        self
    }

    pub fn file(
        &mut self,
        out: &mut impl std::io::Write,
        file: &CheckedFile,
    ) -> std::io::Result<()> {
        let one = std::slice::from_ref(file);
        match self.format {
            Format::Human => human::human(out, one, self.color),
            Format::Concise => concise::concise(out, one),
            Format::Github => github::github(out, one),
            Format::Json => json::json_findings(file).try_for_each(|f| self.json.push(out, &f)),
            Format::Sarif => {
                self.sarif.extend(sarif::results(file));
                Ok(())
            }
        }
    }

    pub fn finish(self, out: &mut impl std::io::Write, tally: &Tally) -> std::io::Result<()> {
        match self.format {
            Format::Human => human::summary(out, tally),
            Format::Json => self.json.finish(out),
            Format::Sarif => sarif::write_log(out, self.sarif),
            Format::Concise | Format::Github => Ok(()),
        }
    }
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
