//! Every JSON bank parses back. (Copy this file for another exporter, with
//! its name and `xml_well_formed` for the XML formats.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    exambank_fuzz::export_target("json", data, exambank_fuzz::invariants::json_parses);
});
