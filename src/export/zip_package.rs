//! Deterministic zip archives: fixed timestamps and permissions, entries in
//! the order given.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::OutFile;

/// Zips `files` in order with a fixed date (1980-01-01) and mode 0644.
///
/// # Errors
/// Only if the zip writer fails, which writing to memory does not.
pub fn zip_bytes(files: &[OutFile]) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for file in files {
        writer.start_file(file.path.as_str(), options)?;
        writer.write_all(&file.bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}
