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
use std::io::{Cursor, Read, Seek, Write};

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
        for archive in deflate_batches(files) {
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

/// Entries a batch holds at most, so that its archive never needs the
/// zip64 records.
const BATCH_ENTRIES: usize = 4096;

/// Part of a package written as it comes, without the package's writer
/// (which keeps some 300 bytes per entry until the end): each entry's local
/// header and data go to a `body` writer, its central directory record to a
/// `central` writer, behind the record's offset from the body's start as 8
/// bytes. [`write_package`] then puts the package together. What is kept
/// is three numbers.
#[derive(Debug, Default, Clone)]
pub struct ZipBody {
    len: u64,
    entries: u64,
    version: u16,
}

/// The local header offset in a central directory record.
const OFFSET_AT: usize = 42;
/// The fixed part of a central directory record.
const RECORD: usize = 46;

impl ZipBody {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Entries appended so far.
    #[must_use]
    pub fn entries(&self) -> u64 {
        self.entries
    }

    /// Appends `files`, in order, deflated in parallel as
    /// [`ZipStream::append`] does. Paths are not checked for repeats.
    ///
    /// # Errors
    /// When writing fails.
    pub fn append(
        &mut self,
        files: &[OutFile],
        body: &mut impl Write,
        central: &mut impl Write,
    ) -> ZipResult<()> {
        for archive in deflate_batches(files) {
            self.take(&archive?, body, central)?;
        }
        Ok(())
    }

    /// Moves the entries of a small archive into the body.
    fn take(
        &mut self,
        archive: &[u8],
        body: &mut impl Write,
        central: &mut impl Write,
    ) -> ZipResult<()> {
        let (start, records) = split(archive)?;
        body.write_all(&archive[..start])?;
        let mut at = start;
        for _ in 0..records {
            let len = record_len(&archive[at..])?;
            let record = &archive[at..at + len];
            let offset = self.len + u64::from(read_u32(record, OFFSET_AT));
            central.write_all(&offset.to_le_bytes())?;
            central.write_all(record)?;
            self.version = self.version.max(read_u16(record, 6));
            self.entries += 1;
            at += len;
        }
        self.len += start as u64;
        Ok(())
    }
}

fn read_u16(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// The length of the central directory record at the start of `bytes`.
fn record_len(bytes: &[u8]) -> ZipResult<usize> {
    if bytes.len() < RECORD || bytes[..4] != [0x50, 0x4b, 0x01, 0x02] {
        return Err(ZipError::InvalidArchive(
            "bad central directory record".into(),
        ));
    }
    let len = RECORD
        + usize::from(read_u16(bytes, 28))
        + usize::from(read_u16(bytes, 30))
        + usize::from(read_u16(bytes, 32));
    if bytes.len() < len {
        return Err(ZipError::InvalidArchive(
            "short central directory record".into(),
        ));
    }
    Ok(len)
}

/// Where the central directory of a small archive (no comment, no zip64)
/// starts, and how many records it holds.
fn split(archive: &[u8]) -> ZipResult<(usize, usize)> {
    let end = archive
        .len()
        .checked_sub(22)
        .filter(|&end| archive[end..end + 4] == [0x50, 0x4b, 0x05, 0x06])
        .ok_or_else(|| ZipError::InvalidArchive("no end of central directory".into()))?;
    let records = usize::from(read_u16(archive, end + 10));
    let start = read_u32(archive, end + 16) as usize;
    Ok((start, records))
}

/// Writes a package: the entry `first` (its bytes read from `first_bytes`,
/// deflated as it is read), then each body of `parts` copied as it is, and
/// the central directory of them all, with the offsets moved to where the
/// entries now are. The bytes are those of [`zip_bytes`] over the same
/// entries.
///
/// # Errors
/// When reading or writing fails.
pub fn write_package<W: Write, B: Read, C: Read>(
    out: &mut W,
    first: &str,
    first_bytes: &mut impl Read,
    parts: Vec<(B, C, &ZipBody)>,
) -> ZipResult<()> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    writer.start_file(first, entry_options())?;
    std::io::copy(first_bytes, &mut writer)?;
    let archive = writer.finish()?.into_inner();
    let (start, _) = split(&archive)?;
    let first_record = &archive[start..start + record_len(&archive[start..])?];
    out.write_all(&archive[..start])?;
    let mut position = start as u64;
    let mut version = read_u16(first_record, 6).max(10);
    let mut entries = 1;
    let mut centrals = Vec::with_capacity(parts.len());
    for (mut body, central, info) in parts {
        centrals.push((central, position));
        position += std::io::copy(&mut body, out)?;
        version = version.max(info.version);
        entries += info.entries;
    }
    let central_start = position;
    out.write_all(first_record)?;
    let mut central_size = first_record.len() as u64;
    let mut record = Vec::new();
    for (central, shift) in centrals {
        let mut central = std::io::BufReader::with_capacity(1 << 16, central);
        let mut offset = [0; 8];
        loop {
            match central.read_exact(&mut offset) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
                Err(e) => return Err(e.into()),
            }
            record.resize(RECORD, 0);
            central.read_exact(&mut record)?;
            let rest = record_len_of_fixed(&record);
            record.resize(RECORD + rest, 0);
            central.read_exact(&mut record[RECORD..])?;
            // As the zip writer does: an offset past 4 GiB is written as
            // the zip64 mark.
            let moved = (u64::from_le_bytes(offset) + shift).min(u64::from(u32::MAX));
            record[OFFSET_AT..OFFSET_AT + 4].copy_from_slice(&(moved as u32).to_le_bytes());
            out.write_all(&record)?;
            central_size += record.len() as u64;
        }
    }
    let limit = u64::from(u32::MAX);
    if entries > u64::from(u16::MAX) || central_size.max(central_start) > limit {
        let mut end = Vec::with_capacity(76);
        end.extend(0x0606_4b50_u32.to_le_bytes());
        end.extend(44_u64.to_le_bytes());
        end.extend(version.to_le_bytes());
        end.extend(version.to_le_bytes());
        end.extend([0; 8]);
        end.extend(entries.to_le_bytes());
        end.extend(entries.to_le_bytes());
        end.extend(central_size.to_le_bytes());
        end.extend(central_start.to_le_bytes());
        end.extend(0x0706_4b50_u32.to_le_bytes());
        end.extend(0_u32.to_le_bytes());
        end.extend((central_start + central_size).to_le_bytes());
        end.extend(1_u32.to_le_bytes());
        out.write_all(&end)?;
    }
    let count = entries.min(u64::from(u16::MAX)) as u16;
    let mut end = Vec::with_capacity(22);
    end.extend(0x0605_4b50_u32.to_le_bytes());
    end.extend([0; 4]);
    end.extend(count.to_le_bytes());
    end.extend(count.to_le_bytes());
    end.extend((central_size.min(limit) as u32).to_le_bytes());
    end.extend((central_start.min(limit) as u32).to_le_bytes());
    end.extend([0; 2]);
    out.write_all(&end)?;
    Ok(())
}

/// The variable part's length of a central directory record, from its
/// fixed part.
fn record_len_of_fixed(fixed: &[u8]) -> usize {
    usize::from(read_u16(fixed, 28))
        + usize::from(read_u16(fixed, 30))
        + usize::from(read_u16(fixed, 32))
}

/// One batch as an archive of its own.
/// `files` deflated in batches of about [`BATCH_BYTES`] and at most
/// [`BATCH_ENTRIES`] entries, side by side, each batch into an archive of
/// its own; the archives come back in the order of their entries,
/// whichever thread compressed each.
fn deflate_batches(files: &[OutFile]) -> Vec<ZipResult<Vec<u8>>> {
    let mut batches: Vec<&[OutFile]> = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (k, file) in files.iter().enumerate() {
        size += file.bytes.len();
        if size >= BATCH_BYTES || k + 1 - start >= BATCH_ENTRIES {
            batches.push(&files[start..=k]);
            start = k + 1;
            size = 0;
        }
    }
    if start < files.len() {
        batches.push(&files[start..]);
    }
    #[cfg(feature = "parallel")]
    return batches.par_iter().map(|batch| deflate(batch)).collect();
    #[cfg(not(feature = "parallel"))]
    return batches.iter().map(|batch| deflate(batch)).collect();
}

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

    /// The package written in parts: a first entry, then bodies.
    fn in_parts(first: &OutFile, parts: &[&[OutFile]], chunk: usize) -> Vec<u8> {
        let mut written = Vec::new();
        for files in parts {
            let mut body = ZipBody::new();
            let (mut b, mut c) = (Vec::new(), Vec::new());
            for part in files.chunks(chunk) {
                body.append(part, &mut b, &mut c).unwrap();
            }
            written.push((b, c, body));
        }
        let mut out = Vec::new();
        write_package(
            &mut out,
            &first.path,
            &mut first.bytes.as_slice(),
            written
                .iter()
                .map(|(b, c, body)| (b.as_slice(), c.as_slice(), body))
                .collect(),
        )
        .unwrap();
        out
    }

    #[test]
    fn a_package_in_parts_gives_the_bytes_of_one_by_one() {
        let first = OutFile {
            path: "imsmanifest.xml".to_owned(),
            bytes: (0..40_000)
                .map(|i| format!("<resource identifier=\"r{i}\" href=\"r{i}.xml\"/>\n"))
                .collect::<String>()
                .into_bytes(),
        };
        let files = files(300, 3_000);
        let (a, b) = files.split_at(170);
        let mut all = vec![first.clone()];
        all.extend(files.iter().cloned());
        assert_eq!(in_parts(&first, &[a, b], 23), one_by_one(&all));
        assert_eq!(in_parts(&first, &[&files[..0]], 1), one_by_one(&all[..1]));
    }

    #[test]
    fn a_package_of_more_than_65535_entries_has_the_zip64_end() {
        let files: Vec<OutFile> = (0..70_000)
            .map(|i| OutFile {
                path: format!("{i}"),
                bytes: Vec::new(),
            })
            .collect();
        let first = OutFile {
            path: "index".to_owned(),
            bytes: b"x".to_vec(),
        };
        let mut all = vec![first.clone()];
        all.extend(files.iter().cloned());
        let bytes = in_parts(&first, &[&files], 10_000);
        assert_eq!(bytes, zip_bytes(&all).unwrap());
        assert_eq!(ZipArchive::new(Cursor::new(bytes)).unwrap().len(), 70_001);
    }

    #[test]
    fn a_repeated_path_is_an_error() {
        let mut files = files(3, 1);
        let first = files[0].path.clone();
        files[2].path = first;
        assert!(zip_bytes(&files).is_err());
    }
}
