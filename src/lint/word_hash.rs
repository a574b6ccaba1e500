// The hash of the word table: `build.rs` includes this file to build the
// table, and `words.rs` to probe it. Eight bytes at a time, no allocation.

/// The slots of a table's block: a block is followed by the entries of
/// its slots, so that a probe reads a slot and its entry from one page.
pub const BLOCK: usize = 256;

/// A 64-bit hash of `bytes`.
#[must_use]
pub fn word_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x2d35_8dcc_aa6c_78a5;
    let mut h = 0x9e37_79b9_7f4a_7c15 ^ (bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(K);
        h ^= h >> 32;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(K);
        h ^= h >> 32;
    }
    h = h.wrapping_mul(K);
    h ^ (h >> 29)
}
