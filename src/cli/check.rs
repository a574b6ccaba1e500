//! `exambank check`.

use std::io::Write as _;

use rayon::prelude::*;

use super::args::{CheckArgs, Format};
use super::exit;
use super::files::{self, Failure};
use super::render;
use crate::lint::{RuleSettings, Severity};
use crate::model;
use crate::pipeline::{CheckedFile, check_source};

/// Every file checked, sorted by path, and what could not be read.
pub struct Outcome {
    pub files: Vec<CheckedFile>,
    pub failures: Vec<Failure>,
}

impl Outcome {
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.findings)
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Reads and checks every notes file under `paths`, in parallel.
pub fn check_paths(paths: &[std::path::PathBuf], settings: &RuleSettings) -> Outcome {
    let (inputs, mut failures) = files::collect(paths);
    let displays: Vec<&str> = inputs.iter().map(|i| i.display.as_str()).collect();
    let prefixes = model::id_prefixes(&displays);
    let results: Vec<Result<CheckedFile, Failure>> = inputs
        .par_iter()
        .zip(prefixes.par_iter())
        .map(|(input, prefix)| files::read(input).map(|file| check_source(file, prefix, settings)))
        .collect();
    let mut checked = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(file) => checked.push(file),
            Err(failure) => failures.push(failure),
        }
    }
    failures.sort();
    Outcome {
        files: checked,
        failures,
    }
}

pub fn run(args: &CheckArgs) -> u8 {
    let outcome = check_paths(&args.input.paths, &RuleSettings::default());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        Format::Human => render::human(&mut out, &outcome.files, render::use_color()),
        Format::Json => render::json(&mut out, &outcome.files),
    }
    .and_then(|()| {
        if args.format == Format::Human {
            render::summary(&mut out, &outcome)
        } else {
            Ok(())
        }
    });
    let _ = out.flush();
    report_failures(&outcome.failures);
    if written.is_err() {
        return exit::FAILURE;
    }
    exit_code(&outcome)
}

/// Prints each file that could not be read, on standard error.
pub fn report_failures(failures: &[Failure]) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for failure in failures {
        let _ = writeln!(err, "{failure}");
    }
}

fn exit_code(outcome: &Outcome) -> u8 {
    if outcome.failures.iter().any(|f| f.fatal) {
        exit::FAILURE
    } else if outcome.count(Severity::Error) > 0 {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}
