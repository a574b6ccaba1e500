//! The JSON bank (documented in `docs/json-bank.md`, schema in
//! `docs/json-bank.schema.json`).

use serde::Serialize;

use super::{Artifact, ExportError, ExportOptions, Exporter};
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
}

/// The bank as pretty-printed JSON with a final newline.
///
/// # Errors
/// Only if serialization fails, which it does not for the model's types.
pub fn to_json(bank: &Bank) -> Result<Vec<u8>, serde_json::Error> {
    let envelope = Envelope {
        schema_version: SCHEMA_VERSION,
        generator: format!("exambank {}", env!("CARGO_PKG_VERSION")),
        courses: &bank.courses,
    };
    let mut bytes = serde_json::to_vec_pretty(&envelope)?;
    bytes.push(b'\n');
    Ok(bytes)
}
