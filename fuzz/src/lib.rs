//! Shared by the fuzz targets: the invariants of `tests/invariants` (the
//! same checks the property tests run) and the way bytes become a notes text.

#[path = "../../tests/invariants/mod.rs"]
pub mod invariants;

/// The fuzz input as notes text. Invalid UTF-8 never reaches the library
/// (the CLI refuses such files), so it is decoded lossily: the fuzzer still
/// explores, with U+FFFD in place of the bad bytes.
#[must_use]
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// One exporter target: check the text, export its bank, validate the files.
pub fn export_target(name: &str, data: &[u8], validate: fn(&str, &[u8])) {
    let text = text(data);
    let checked = invariants::assert_check("fuzz.md", &text);
    let bank = invariants::bank_of(&checked);
    invariants::assert_export(invariants::exporter(name), &bank, validate);
}
