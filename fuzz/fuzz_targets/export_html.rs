//! Every html export of arbitrary notes is well-formed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    exambank_fuzz::export_target("html", data, exambank_fuzz::invariants::text_output);
});
