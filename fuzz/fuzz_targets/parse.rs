//! The parser never panics; every span is in bounds and on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    exambank_fuzz::invariants::assert_parse(&exambank_fuzz::text(data));
});
