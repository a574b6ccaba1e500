//! The JSON bank (documented in `docs/json-bank.md`, schema in
//! `docs/json-bank.schema.json`).

use std::io::Write;

#[cfg(feature = "parallel")]
use rayon::prelude::*;
use serde::Serialize;

use super::{Artifact, CourseStream, ExportError, ExportOptions, Exporter};
use crate::model::{Bank, Course};

/// Version of the JSON bank's shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Envelope<'a> {
    schema_version: u32,
    generator: String,
    courses: &'a [Course],
}

pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn name(&self) -> &'static str {
        "json"
    }

    fn default_file_name(&self) -> &'static str {
        "bank.json"
    }

    fn export(&self, bank: &Bank, _options: &ExportOptions) -> Result<Artifact, ExportError> {
        Ok(Artifact::File {
            bytes: to_json(bank).map_err(|e| ExportError::Failed {
                target: "json",
                message: e.to_string(),
            })?,
        })
    }

    fn stream(&self, _options: &ExportOptions) -> Option<Box<dyn CourseStream>> {
        Some(Box::new(JsonStream))
    }
}

fn failed(error: &serde_json::Error) -> ExportError {
    ExportError::Failed {
        target: "json",
        message: error.to_string(),
    }
}

/// The JSON bank course by course, as [`BankWriter`] writes it.
struct JsonStream;

impl CourseStream for JsonStream {
    fn begin(&self) -> Result<Vec<u8>, ExportError> {
        Ok(envelope_head().map_err(|e| failed(&e))?.into_bytes())
    }

    fn course(&self, course: &Course, index: usize) -> Result<Vec<u8>, ExportError> {
        let text = indented_course(course).map_err(|e| failed(&e))?;
        let mut bytes = Vec::with_capacity(text.len() + 2);
        bytes.extend_from_slice(if index > 0 { b",\n" } else { b"[\n" });
        bytes.extend(text);
        Ok(bytes)
    }

    fn finish(&self, courses: usize) -> Result<Vec<u8>, ExportError> {
        Ok(envelope_tail(courses > 0).to_vec())
    }
}

/// The envelope up to the list of courses, as the pretty printer writes it.
fn envelope_head() -> Result<String, serde_json::Error> {
    let head = serde_json::to_string_pretty(&Envelope {
        schema_version: SCHEMA_VERSION,
        generator: format!("exambank {}", env!("CARGO_PKG_VERSION")),
        courses: &[],
    })?;
    let head = head
        .strip_suffix("[]\n}")
        .expect("the courses come last in the envelope");
    Ok(head.to_owned())
}

/// What closes the list of courses and the envelope.
fn envelope_tail(started: bool) -> &'static [u8] {
    if started { b"\n  ]\n}\n" } else { b"[]\n}\n" }
}

/// The bank as pretty-printed JSON with a final newline.
///
/// # Errors
/// Only if serialization fails, which it does not for the model's types.
pub fn to_json(bank: &Bank) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = Vec::new();
    let mut writer = BankWriter::new(&mut bytes).map_err(serde_json::Error::io)?;
    writer.courses(&bank.courses)?;
    writer.finish()?;
    Ok(bytes)
}

/// The JSON bank written course by course, byte for byte as
/// `serde_json::to_writer_pretty` writes the whole envelope (plus a final
/// newline): a bank of any size is never held in memory as one document.
/// The courses of one call are serialized side by side, and written in
/// their order.
pub struct BankWriter<W: Write> {
    out: W,
    started: bool,
}

impl<W: Write> BankWriter<W> {
    /// Writes the envelope up to the list of courses.
    ///
    /// # Errors
    /// When `out` cannot be written.
    pub fn new(mut out: W) -> std::io::Result<Self> {
        let head = envelope_head().map_err(std::io::Error::other)?;
        out.write_all(head.as_bytes())?;
        Ok(Self {
            out,
            started: false,
        })
    }

    /// Appends `courses`, in order.
    ///
    /// # Errors
    /// When serialization fails or `out` cannot be written.
    pub fn courses(&mut self, courses: &[Course]) -> Result<(), serde_json::Error> {
        #[cfg(feature = "parallel")]
        let texts: Vec<Result<Vec<u8>, serde_json::Error>> =
            courses.par_iter().map(indented_course).collect();
        #[cfg(not(feature = "parallel"))]
        let texts: Vec<Result<Vec<u8>, serde_json::Error>> =
            courses.iter().map(indented_course).collect();
        for text in texts {
            let text = text?;
            let sep: &[u8] = if self.started { b",\n" } else { b"[\n" };
            self.started = true;
            self.out.write_all(sep).map_err(serde_json::Error::io)?;
            self.out.write_all(&text).map_err(serde_json::Error::io)?;
        }
        Ok(())
    }

    /// Closes the list and the envelope, and returns the output.
    ///
    /// # Errors
    /// When `out` cannot be written.
    pub fn finish(mut self) -> Result<W, serde_json::Error> {
        self.out
            .write_all(envelope_tail(self.started))
            .map_err(serde_json::Error::io)?;
        Ok(self.out)
    }
}

/// One course pretty-printed at the depth of an element of `courses` (two
/// levels in): JSON text holds no raw newline, so each line gets the indent.
fn indented_course(course: &Course) -> Result<Vec<u8>, serde_json::Error> {
    const INDENT: &[u8] = b"    ";
    let text = serde_json::to_vec_pretty(course)?;
    let lines = text.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut out = Vec::with_capacity(text.len() + lines * INDENT.len());
    for (k, line) in text.split(|&b| b == b'\n').enumerate() {
        if k > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(INDENT);
        out.extend_from_slice(line);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Course;

    fn course(title: &str) -> Course {
        Course {
            title: title.to_owned(),
            tags: vec!["a\nb".to_owned()],
            url: None,
            source: format!("{title}.md"),
            id_prefix: title.to_owned(),
            chapters: Vec::new(),
        }
    }

    /// The bank as one document, as the pretty printer writes it.
    fn whole(courses: &[Course]) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(&Envelope {
            schema_version: SCHEMA_VERSION,
            generator: format!("exambank {}", env!("CARGO_PKG_VERSION")),
            courses,
        })
        .unwrap();
        bytes.push(b'\n');
        bytes
    }

    #[test]
    fn course_by_course_gives_the_bytes_of_the_whole_document() {
        let courses: Vec<Course> = (0..5).map(|i| course(&format!("c{i}"))).collect();
        for n in [0, 1, 5] {
            let bank = Bank {
                courses: courses[..n].to_vec(),
            };
            assert_eq!(to_json(&bank).unwrap(), whole(&bank.courses), "{n} courses");
        }
        let mut parts = Vec::new();
        let mut writer = BankWriter::new(&mut parts).unwrap();
        writer.courses(&courses[..2]).unwrap();
        writer.courses(&[]).unwrap();
        writer.courses(&courses[2..]).unwrap();
        writer.finish().unwrap();
        assert_eq!(parts, whole(&courses));
    }
}
