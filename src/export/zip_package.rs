//! Deterministic zip archives: fixed timestamps and permissions, entries in
//! the order given.
//!
//! Deflating is the costly part of a package, and each entry deflates on
//! its own: batches of entries are compressed side by side, each batch
//! with one compressor reset between its entries, and the batches are
//! appended to the package in order, their compressed bytes copied as they
//! are. The headers are those the zip writer (zip 2) writes, so the bytes
//! are the same at any number of threads, and the same as writing the
//! entries one by one with the zip writer.

use std::collections::HashSet;
use std::io::{Read, Write};

use flate2::{Compress, Compression, FlushCompress, Status};
#[cfg(feature = "parallel")]
use rayon::prelude::*;
use zip::result::{ZipError, ZipResult};

use super::OutFile;

/// Uncompressed bytes per batch compressed by one thread: large enough that
/// copying a batch into the package costs little beside deflating it.
const BATCH_BYTES: usize = 256 * 1024;

/// Zips `files` in order with a fixed date (1980-01-01) and mode 0644.
///
/// # Errors
/// Only if the zip writer fails, which writing to memory does not, or if two
/// entries have the same path.
pub fn zip_bytes(files: &[OutFile]) -> ZipResult<Vec<u8>> {
    let mut names = HashSet::with_capacity(files.len());
    for file in files {
        if !names.insert(file.path.as_str()) {
            return Err(ZipError::InvalidArchive("Duplicate filename".into()));
        }
    }
    let Some((first, rest)) = files.split_first() else {
        // The zip writer's empty archive: the end record alone.
        let mut end = vec![0; 22];
        end[..4].copy_from_slice(&0x0605_4b50_u32.to_le_bytes());
        return Ok(end);
    };
    let mut zip = ZipBody::new();
    let (mut body, mut central) = (Vec::new(), Vec::new());
    zip.append(rest, &mut body, &mut central)?;
    let mut out = Vec::with_capacity(body.len() + central.len() + first.bytes.len() / 4 + 128);
    write_package(
        &mut out,
        &first.path,
        &mut first.bytes.as_slice(),
        vec![(body.as_slice(), central.as_slice(), &zip)],
    )?;
    Ok(out)
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

    /// Appends `files`, in order, deflated in parallel. Paths are not
    /// checked for repeats.
    ///
    /// # Errors
    /// When writing fails.
    pub fn append(
        &mut self,
        files: &[OutFile],
        body: &mut impl Write,
        central: &mut impl Write,
    ) -> ZipResult<()> {
        for batch in deflate_batches(files) {
            self.take(batch?, body, central)?;
        }
        Ok(())
    }

    /// Moves a batch's entries into the body, their offsets moved to where
    /// the batch now starts.
    fn take(
        &mut self,
        mut batch: Batch,
        body: &mut impl Write,
        central: &mut impl Write,
    ) -> ZipResult<()> {
        body.write_all(&batch.body)?;
        let mut at = 0;
        while at < batch.central.len() {
            let offset = u64::from_le_bytes(batch.central[at..at + 8].try_into().expect("8 bytes"));
            batch.central[at..at + 8].copy_from_slice(&(self.len + offset).to_le_bytes());
            let record = &batch.central[at + 8..];
            let len = record_len(record)?;
            self.version = self.version.max(read_u16(record, 6));
            self.entries += 1;
            at += 8 + len;
        }
        central.write_all(&batch.central)?;
        self.len += batch.body.len() as u64;
        Ok(())
    }
}

fn read_u16(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

/// The length of the central directory record at the start of `bytes`.
fn record_len(bytes: &[u8]) -> ZipResult<usize> {
    if bytes.len() < RECORD || bytes[..4] != [0x50, 0x4b, 0x01, 0x02] {
        return Err(ZipError::InvalidArchive(
            "bad central directory record".into(),
        ));
    }
    let len = RECORD + record_len_of_fixed(bytes);
    if bytes.len() < len {
        return Err(ZipError::InvalidArchive(
            "short central directory record".into(),
        ));
    }
    Ok(len)
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
    write_package_after(out, &FirstEntry::deflate(first, first_bytes)?, parts)
}

/// A package's first entry deflated, its local header and data and its
/// central directory record, apart from the rest so that it can be
/// deflated while other entries are.
pub struct FirstEntry(Batch);

impl FirstEntry {
    /// The entry `path`, its bytes read from `bytes`, deflated as they are
    /// read.
    ///
    /// # Errors
    /// When reading fails.
    pub fn deflate(path: &str, bytes: &mut impl Read) -> ZipResult<Self> {
        let mut entry = Batch {
            body: Vec::new(),
            central: Vec::new(),
        };
        entry.add(&mut Deflater::new(), path, |deflater, body| {
            deflater.stream(bytes, body)
        })?;
        Ok(Self(entry))
    }
}

/// [`write_package`] with its first entry already deflated.
///
/// # Errors
/// When reading or writing fails.
pub fn write_package_after<W: Write, B: Read, C: Read>(
    out: &mut W,
    first_entry: &FirstEntry,
    parts: Vec<(B, C, &ZipBody)>,
) -> ZipResult<()> {
    let first_entry = &first_entry.0;
    let start = first_entry.body.len();
    let first_record = &first_entry.central[8..];
    out.write_all(&first_entry.body)?;
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

/// `files` deflated in batches of about [`BATCH_BYTES`] and at most
/// [`BATCH_ENTRIES`] entries, side by side; the batches come back in the
/// order of their entries, whichever thread compressed each.
fn deflate_batches(files: &[OutFile]) -> Vec<ZipResult<Batch>> {
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

/// A batch of entries as the zip writer writes them: their local headers
/// and data, and their central directory records, each behind its local
/// header's offset from the batch's start as 8 bytes.
struct Batch {
    body: Vec<u8>,
    central: Vec<u8>,
}

/// The zip writer's deflate level (its default, flate2's default).
const LEVEL: u32 = 6;
/// Version needed to extract a deflated entry, and the version made by.
const VERSION: u16 = 20;
/// Made by Unix, so that the mode below is read.
const MADE_BY: u16 = (3 << 8) | VERSION;
/// A regular file of mode 0644.
const EXTERNAL_ATTRIBUTES: u32 = 0o100_644 << 16;
const DEFLATED: u16 = 8;
/// 1980-01-01 00:00:00 in the DOS date the zip writer writes.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// Deflates each entry with one compressor, reset between entries, and
/// writes the headers the zip writer (zip 2) writes for a deflated entry
/// dated 1980-01-01 of mode 0644. The zip writer makes a compressor per
/// entry, and allocating its tables of some 300 KB cost more than
/// deflating a small entry. The compressor and its level are the zip
/// writer's, so the deflated bytes are its bytes.
fn deflate(files: &[OutFile]) -> ZipResult<Batch> {
    let mut batch = Batch {
        body: Vec::with_capacity(
            files
                .iter()
                .map(|f| f.bytes.len() / 4 + 64 + 2 * f.path.len())
                .sum(),
        ),
        central: Vec::with_capacity(files.iter().map(|f| 54 + f.path.len()).sum()),
    };
    let mut deflater = Deflater::new();
    for file in files {
        batch.add(&mut deflater, &file.path, |deflater, body| {
            deflater.entry(&file.bytes, body)?;
            Ok((crc32fast::hash(&file.bytes), file.bytes.len() as u64))
        })?;
    }
    Ok(batch)
}

impl Batch {
    /// Appends the entry `name`, whose data `deflate` appends to the body
    /// with `deflater` and returns its CRC and length.
    fn add(
        &mut self,
        deflater: &mut Deflater,
        name: &str,
        deflate: impl FnOnce(&mut Deflater, &mut Vec<u8>) -> ZipResult<(u32, u64)>,
    ) -> ZipResult<()> {
        let body = &mut self.body;
        let header_start = body.len();
        let name = name.as_bytes();
        let name_len = u16::try_from(name.len())
            .map_err(|_| ZipError::InvalidArchive("file name too long".into()))?;
        // The zip writer marks a name as UTF-8 only when it is not ASCII.
        let flags: u16 = if name.is_ascii() { 0 } else { 1 << 11 };
        let mut header = [0_u8; 30];
        header[..4].copy_from_slice(&0x0403_4b50_u32.to_le_bytes());
        header[4..6].copy_from_slice(&VERSION.to_le_bytes());
        header[6..8].copy_from_slice(&flags.to_le_bytes());
        header[8..10].copy_from_slice(&DEFLATED.to_le_bytes());
        header[10..12].copy_from_slice(&DOS_TIME.to_le_bytes());
        header[12..14].copy_from_slice(&DOS_DATE.to_le_bytes());
        header[26..28].copy_from_slice(&name_len.to_le_bytes());
        body.extend_from_slice(&header);
        body.extend_from_slice(name);
        let data_start = body.len();
        deflater.compress.reset();
        let (crc, len) = deflate(deflater, body)?;
        let compressed = u32::try_from(body.len() - data_start).ok();
        let uncompressed = u32::try_from(len).ok();
        let (Some(compressed), Some(uncompressed)) = (compressed, uncompressed) else {
            // What the zip writer says of an entry of 4 GiB or more.
            return Err(std::io::Error::other("Large file option has not been set").into());
        };
        header[14..18].copy_from_slice(&crc.to_le_bytes());
        header[18..22].copy_from_slice(&compressed.to_le_bytes());
        header[22..26].copy_from_slice(&uncompressed.to_le_bytes());
        body[header_start..header_start + 30].copy_from_slice(&header);

        let central = &mut self.central;
        central.extend_from_slice(&(header_start as u64).to_le_bytes());
        let mut record = [0_u8; RECORD];
        record[..4].copy_from_slice(&0x0201_4b50_u32.to_le_bytes());
        record[4..6].copy_from_slice(&MADE_BY.to_le_bytes());
        // From the version needed to the extra field's length, the local
        // header's fields.
        record[6..32].copy_from_slice(&header[4..30]);
        record[38..42].copy_from_slice(&EXTERNAL_ATTRIBUTES.to_le_bytes());
        record[OFFSET_AT..OFFSET_AT + 4]
            .copy_from_slice(&(header_start.min(u32::MAX as usize) as u32).to_le_bytes());
        central.extend_from_slice(&record);
        central.extend_from_slice(name);
        Ok(())
    }
}

/// A compressor and the buffer it deflates into: given the spare room of
/// a vector, flate2 zeroes it first, which for a batch's body costs more
/// than deflating a small entry.
struct Deflater {
    compress: Compress,
    scratch: Vec<u8>,
}

impl Deflater {
    fn new() -> Self {
        Self {
            compress: Compress::new(Compression::new(LEVEL), false),
            scratch: vec![0; 1 << 16],
        }
    }

    /// Deflates `input` into `out`, the stream continued (`FlushCompress::None`)
    /// or ended (`Finish`); all of `input` is consumed.
    fn run(&mut self, mut input: &[u8], out: &mut Vec<u8>, flush: FlushCompress) -> ZipResult<()> {
        loop {
            let (read, written) = (self.compress.total_in(), self.compress.total_out());
            let status = self
                .compress
                .compress(input, &mut self.scratch, flush)
                .map_err(std::io::Error::other)?;
            let written = (self.compress.total_out() - written) as usize;
            out.extend_from_slice(&self.scratch[..written]);
            input = &input[(self.compress.total_in() - read) as usize..];
            let done = match flush {
                FlushCompress::Finish => status == Status::StreamEnd,
                // The output was not full: what was read is all deflated or
                // buffered.
                _ => input.is_empty() && written < self.scratch.len(),
            };
            if done {
                return Ok(());
            }
        }
    }

    /// Appends `input` deflated, to the end of the stream, to `out`.
    fn entry(&mut self, input: &[u8], out: &mut Vec<u8>) -> ZipResult<()> {
        self.run(input, out, FlushCompress::Finish)
    }

    /// Appends what `input` reads deflated, to the end of the stream, to
    /// `out`; returns its CRC and length.
    fn stream(&mut self, input: &mut impl Read, out: &mut Vec<u8>) -> ZipResult<(u32, u64)> {
        let mut hasher = crc32fast::Hasher::new();
        let mut chunk = vec![0; 1 << 16];
        loop {
            let n = match input.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            };
            hasher.update(&chunk[..n]);
            self.run(&chunk[..n], out, FlushCompress::None)?;
        }
        let len = self.compress.total_in();
        self.entry(&[], out)?;
        Ok((hasher.finalize(), len))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

    use super::*;

    fn entry_options() -> SimpleFileOptions {
        SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644)
    }

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

    /// Entries of every size class: empty, small, larger than the
    /// compressor's 64 KB buffers, incompressible; names that are not ASCII.
    fn odd_files() -> Vec<OutFile> {
        let mut noise = Vec::with_capacity(300_000);
        let mut x: u32 = 1;
        for _ in 0..300_000 {
            // A linear congruential generator: bytes deflate cannot shrink.
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            noise.push((x >> 16) as u8);
        }
        vec![
            OutFile {
                path: "empty.xml".to_owned(),
                bytes: Vec::new(),
            },
            OutFile {
                path: "cours/dérivées-1.xml".to_owned(),
                bytes: "<p>Dérivée de x² : 2x</p>".as_bytes().to_vec(),
            },
            OutFile {
                path: "large.xml".to_owned(),
                bytes: (0..20_000)
                    .map(|i| format!("<choice id=\"c{i}\">{}</choice>\n", i % 97))
                    .collect::<String>()
                    .into_bytes(),
            },
            OutFile {
                path: "noise.bin".to_owned(),
                bytes: noise,
            },
            OutFile {
                path: "also-empty".to_owned(),
                bytes: Vec::new(),
            },
            OutFile {
                path: "日本語/問題.xml".to_owned(),
                bytes: "<q>問題</q>".repeat(5_000).into_bytes(),
            },
        ]
    }

    #[test]
    fn odd_entries_give_the_bytes_of_one_by_one() {
        let files = odd_files();
        let bytes = zip_bytes(&files).unwrap();
        assert_eq!(bytes, one_by_one(&files));
        // Each alone too, and each first (deflated as it is read).
        for k in 0..files.len() {
            assert_eq!(zip_bytes(&files[k..=k]).unwrap(), one_by_one(&files[k..=k]));
            let mut rotated = files.clone();
            rotated.rotate_left(k);
            assert_eq!(
                zip_bytes(&rotated).unwrap(),
                one_by_one(&rotated),
                "{k} first"
            );
        }
        let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
        for (k, file) in files.iter().enumerate() {
            let mut entry = archive.by_index(k).unwrap();
            assert_eq!(entry.name(), file.path);
            let mut read = Vec::new();
            entry.read_to_end(&mut read).unwrap();
            assert_eq!(read, file.bytes, "{}", file.path);
        }
    }

    #[test]
    fn an_empty_package_is_the_zip_writers() {
        assert_eq!(zip_bytes(&[]).unwrap(), one_by_one(&[]));
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
        assert_eq!(bytes, one_by_one(&all));
        assert_eq!(zip_bytes(&all).unwrap(), bytes);
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
