//! `--format concise`: one line per finding.

use std::io::{self, Write};

use super::positioned;
use exambank::pipeline::CheckedFile;

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

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn concise_messages_stay_on_one_line() {
        assert_eq!(one_line("a\r\nb\nc"), "a b c");
        assert_eq!(one_line("plain"), "plain");
    }
}
