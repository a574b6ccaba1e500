//! `--format github`: GitHub Actions workflow commands.

use std::io::{self, Write};

use super::positioned;
use exambank::lint::Severity;
use exambank::pipeline::CheckedFile;

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

#[cfg(test)]
mod tests {
    use super::{github_data, github_property};

    #[test]
    fn github_escapes_data_and_properties() {
        assert_eq!(
            github_data("50% of a\r\nb: c, d"),
            "50%25 of a%0D%0Ab: c, d"
        );
        assert_eq!(github_property("dir: a,b%/x.md"), "dir%3A a%2Cb%25/x.md");
    }
}
