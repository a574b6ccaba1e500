//! `--format human`: the report of each finding with its source frame
//! (the library's [`HumanReports`]), then a summary line.

use std::io::{self, Write};

use super::super::tally::Tally;
use exambank::lint::report::HumanReports;
use exambank::pipeline::CheckedFile;

/// The miette report of every finding, file by file.
///
/// # Errors
/// When standard output cannot be written.
pub fn human(out: &mut impl Write, files: &[CheckedFile], color: bool) -> io::Result<()> {
    for file in files {
        let reports = HumanReports::new(&file.file.path, &file.file.text, color);
        for finding in &file.findings {
            let text = reports.render(finding).map_err(io::Error::other)?;
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
