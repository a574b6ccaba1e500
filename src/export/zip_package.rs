//! Deterministic zip archives: fixed timestamps and permissions, entries in
//! the order given.
//!
//! Deflating is the costly part of a package, and each entry deflates on
//! its own: batches of entries are compressed side by side, each into a
//! small archive of its own, and the small archives are appended to the
//! package in order, their compressed bytes copied as they are. The bytes
//! are the same at any number of threads, and the same as writing the
//! entries one by one.

use std::collections::HashSet;
use std::io::{Cursor, Seek, Write};

#[cfg(feature = "parallel")]
use rayon::prelude::*;
use zip::result::{ZipError, ZipResult};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::OutFile;

/// Uncompressed bytes per batch compressed by one thread: large enough that
/// copying a batch into the package costs little beside deflating it.
const BATCH_BYTES: usize = 256 * 1024;

fn entry_options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

/// Zips `files` in order with a fixed date (1980-01-01) and mode 0644.
///
/// # Errors
/// Only if the zip writer fails, which writing to memory does not, or if two
/// entries have the same path.
pub fn zip_bytes(files: &[OutFile]) -> ZipResult<Vec<u8>> {
    let mut package = ZipStream::new(Cursor::new(Vec::new()));
    package.append(files)?;
    Ok(package.finish()?.into_inner())
}

/// A package written entry by entry, in the order the entries are given:
/// each call to [`ZipStream::append`] compresses its entries in parallel
/// and writes them, so that only the entries of one call are held at once.
pub struct ZipStream<W: Write + Seek> {
    writer: ZipWriter<W>,
    names: HashSet<String>,
}

impl<W: Write + Seek> ZipStream<W> {
    pub fn new(out: W) -> Self {
        Self {
            writer: ZipWriter::new(out),
            names: HashSet::new(),
        }
    }

    /// Appends `files`, in order, after the entries appended before.
    ///
    /// # Errors
    /// When writing fails, or when a path is already in the package.
    pub fn append(&mut self, files: &[OutFile]) -> ZipResult<()> {
        for file in files {
            if !self.names.insert(file.path.clone()) {
                return Err(ZipError::InvalidArchive("Duplicate filename".into()));
            }
        }
        let mut batches: Vec<&[OutFile]> = Vec::new();
        let mut start = 0;
        let mut size = 0;
        for (k, file) in files.iter().enumerate() {
            size += file.bytes.len();
            if size >= BATCH_BYTES {
                batches.push(&files[start..=k]);
                start = k + 1;
                size = 0;
            }
        }
        if start < files.len() {
            batches.push(&files[start..]);
        }
        // In order of the batches, whichever thread compressed each.
        #[cfg(feature = "parallel")]
        let compressed: Vec<ZipResult<Vec<u8>>> =
            batches.par_iter().map(|batch| deflate(batch)).collect();
        #[cfg(not(feature = "parallel"))]
        let compressed: Vec<ZipResult<Vec<u8>>> =
            batches.iter().map(|batch| deflate(batch)).collect();
        for archive in compressed {
            self.writer
                .merge_archive(ZipArchive::new(Cursor::new(archive?))?)?;
        }
        Ok(())
    }

    /// Writes the central directory and returns the output.
    ///
    /// # Errors
    /// When writing fails.
    pub fn finish(self) -> ZipResult<W> {
        self.writer.finish()
    }
}

/// One batch as an archive of its own.
fn deflate(files: &[OutFile]) -> ZipResult<Vec<u8>> {
    let capacity = files.iter().map(|f| f.bytes.len() / 4 + 64).sum();
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(capacity)));
    let options = entry_options();
    for file in files {
        writer.start_file(file.path.as_str(), options)?;
        writer.write_all(&file.bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(n: usize, size: usize) -> Vec<OutFile> {
        (0..n)
            .map(|i| OutFile {
                path: format!("items/item-{i:04}.xml"),
                bytes: format!("<item n=\"{i}\">{}</item>\n", "x".repeat(size * (i % 7)))
                    .into_bytes(),
            })
            .collect()
    }

    /// The package as the zip writer makes it entry by entry.
    fn one_by_one(files: &[OutFile]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for file in files {
            writer
                .start_file(file.path.as_str(), entry_options())
                .unwrap();
            writer.write_all(&file.bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn batches_give_the_bytes_of_one_by_one() {
        for (n, size) in [(0, 0), (1, 10), (40, 20_000), (300, 3_000)] {
            let files = files(n, size);
            assert_eq!(zip_bytes(&files).unwrap(), one_by_one(&files), "{n} files");
        }
    }

    #[test]
    fn appending_in_parts_gives_the_same_package() {
        let files = files(120, 9_000);
        let mut stream = ZipStream::new(Cursor::new(Vec::new()));
        for part in files.chunks(17) {
            stream.append(part).unwrap();
        }
        let bytes = stream.finish().unwrap().into_inner();
        assert_eq!(bytes, one_by_one(&files));
        let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 120);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_index(5).unwrap(), &mut text).unwrap();
        assert_eq!(text.as_bytes(), files[5].bytes);
    }

    #[test]
    fn a_repeated_path_is_an_error() {
        let mut files = files(3, 1);
        let first = files[0].path.clone();
        files[2].path = first;
        assert!(zip_bytes(&files).is_err());
    }
}
