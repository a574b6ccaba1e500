//! Shared by the integration tests: insta settings, paths, the binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Snapshots live in the top-level `snapshots/` directory.
pub fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the checkout, when it exists. Tests that need it
/// print a loud notice and fail in CI (where it always exists) when absent.
pub fn shared() -> Option<PathBuf> {
    let dir = root().join("../shared");
    if dir.is_dir() {
        return Some(dir);
    }
    let message = format!(
        "NOTICE: {} is missing: tests that need ../shared (the sampler, the schemas, the validators) did not run",
        dir.display()
    );
    eprintln!("{message}");
    assert!(std::env::var_os("CI").is_none(), "{message}");
    None
}

pub fn sampler() -> Option<PathBuf> {
    shared().map(|s| s.join("notes-format/sampler.md"))
}

/// Runs the exambank binary with `args` in `dir`, without colour.
pub fn exambank(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_exambank"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("the exambank binary runs")
}

/// Stdout, stderr and status of a run, for a snapshot.
pub fn transcript(output: &Output) -> String {
    format!(
        "status: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("signal".to_owned(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
