//! `--format json`: an array of findings, written one file at a time.

use std::io::{self, Write};

use serde::Serialize;

use super::positioned;
use exambank::pipeline::CheckedFile;

/// A finding in the JSON format: exactly these keys, in this order. Its
/// texts are borrowed from the checked file: serialized as they are.
#[derive(Debug, Serialize)]
pub struct JsonFinding<'f> {
    path: &'f str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'f str,
    help: Option<&'f str>,
}

/// The JSON findings of one file (positions computed while its text is at
/// hand).
pub fn json_findings(file: &CheckedFile) -> impl Iterator<Item = JsonFinding<'_>> + '_ {
    positioned(std::slice::from_ref(file)).map(|(file, finding, start, end)| JsonFinding {
        path: &file.file.path,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        code: finding.code,
        name: finding.name,
        severity: finding.severity.as_str(),
        message: &finding.message,
        help: finding.help.as_deref(),
    })
}

/// A JSON array written one element at a time, byte for byte as
/// `serde_json::to_writer_pretty` writes the whole array, plus a final
/// newline: the output of a run over many files is never held in memory.
#[derive(Debug, Default)]
pub struct JsonArray {
    started: bool,
    /// One element as `serde_json` writes it alone, kept across elements.
    buffer: Vec<u8>,
}

impl JsonArray {
    /// Writes one element.
    ///
    /// # Errors
    /// When standard output cannot be written.
    pub fn push(&mut self, out: &mut impl Write, element: &impl Serialize) -> io::Result<()> {
        self.buffer.clear();
        serde_json::to_writer_pretty(&mut self.buffer, element).map_err(io::Error::other)?;
        out.write_all(if self.started { b",\n  " } else { b"[\n  " })?;
        self.started = true;
        // One level deeper inside the array: every line indented by two
        // more spaces (a line break is never inside a JSON string).
        for (k, line) in self.buffer.split(|&b| b == b'\n').enumerate() {
            if k > 0 {
                out.write_all(b"\n  ")?;
            }
            out.write_all(line)?;
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
}
