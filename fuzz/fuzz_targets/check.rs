//! The whole pipeline (parse, lower, lint) on arbitrary text: no panic, and
//! every finding points inside the text with a 1-based line and column.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    exambank_fuzz::invariants::assert_check("fuzz.md", &exambank_fuzz::text(data));
});
