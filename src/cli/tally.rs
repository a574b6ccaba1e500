//! What a `check` run found, counted as files go by, and the exit code it
//! makes.

use super::args::DenyLevel;
use super::exit;
use super::files::Failure;
use exambank::config::Config;
use exambank::lint::Severity;
use exambank::pipeline::CheckedFile;

/// What the run found, counted as files go by.
#[derive(Debug, Default)]
pub struct Tally {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub style: usize,
    /// Whether a finding fails the run (its file's `deny`, or `--deny`).
    fails: bool,
}

impl Tally {
    pub fn add(&mut self, file: &CheckedFile, config: &Config, deny: &[DenyLevel]) {
        self.files += 1;
        for finding in &file.findings {
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Style => self.style += 1,
            }
            let denied_by_flag = deny.iter().any(|level| match level {
                DenyLevel::Warnings => finding.severity == Severity::Warning,
                DenyLevel::Style => finding.severity == Severity::Style,
            });
            self.fails |= config.fails_on(finding.severity) || denied_by_flag;
        }
    }

    pub fn exit_code(&self, failures: &[Failure], exit_zero: bool) -> u8 {
        if failures.iter().any(|f| f.fatal) {
            exit::FAILURE
        } else if exit_zero || !self.fails {
            exit::CLEAN
        } else {
            exit::FINDINGS
        }
    }
}
