//! The one hash of the project: FNV-1a (64 bits). Item-id slugs of
//! headings without letters, manifest identifiers, shortened Moodle
//! idnumbers, display orders and the cross-file lint pass all hash with
//! it, so its values are part of every output: the golden tests below pin
//! them. std's hasher is randomly seeded and may change between releases.

const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a of `bytes`.
#[must_use]
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash = Fnv1a::new();
    hash.write(bytes);
    hash.finish()
}

/// FNV-1a fed piece by piece, for texts that are never built as a string.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Self::new()
    }
}

impl Fnv1a {
    #[must_use]
    pub const fn new() -> Self {
        Self(OFFSET_BASIS)
    }

    /// Adds each byte.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.step(u64::from(b));
        }
    }

    /// Adds a character in one step, by its code point (not its UTF-8
    /// bytes): what the lint pass hashes normalized text with.
    pub fn write_char(&mut self, c: char) {
        self.step(u64::from(u32::from(c)));
    }

    /// Adds the eight little-endian bytes of `n`.
    pub fn write_u64(&mut self, n: u64) {
        self.write(&n.to_le_bytes());
    }

    fn step(&mut self, value: u64) {
        self.0 = (self.0 ^ value).wrapping_mul(PRIME);
    }

    #[must_use]
    pub const fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::{Fnv1a, fnv1a};

    /// The published FNV-1a 64-bit test vectors (the FNV reference
    /// implementation's test suite): a change here changes every output.
    #[test]
    fn golden_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn pieces_hash_as_the_whole() {
        let mut hash = Fnv1a::new();
        hash.write(b"foo");
        hash.write(b"bar");
        assert_eq!(hash.finish(), fnv1a(b"foobar"));
        // An ASCII character in one step is its byte.
        let mut chars = Fnv1a::new();
        "foobar".chars().for_each(|c| chars.write_char(c));
        assert_eq!(chars.finish(), fnv1a(b"foobar"));
        let mut n = Fnv1a::new();
        n.write_u64(0x0102);
        assert_eq!(n.finish(), fnv1a(&[2, 1, 0, 0, 0, 0, 0, 0]));
    }
}
