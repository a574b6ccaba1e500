//! `exambank check`.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::args::{CheckArgs, DenyLevel, Format};
use super::config_files::{LoadError, Resolver};
use super::exit;
use super::files::{self, Failure, io_message};
use super::{render, sarif, write};
use crate::config::Config;
use crate::lint::Applicability;
use crate::lint::{RuleSettings, Severity};
use crate::model;
use crate::pipeline::{CheckedFile, check_bank, check_source, fix_source_up_to};

/// Whether the files are only checked, or fixed (in memory) first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Check,
    /// Fix up to this applicability.
    Fix(Applicability),
}

/// What fixing did to one file.
#[derive(Debug)]
pub struct FileFixes {
    /// The text before any fix.
    pub original: Arc<str>,
    pub applied: usize,
}

/// Every file checked, sorted by path, and what could not be read.
pub struct Outcome {
    pub files: Vec<CheckedFile>,
    /// The configuration of each file, in the order of `files`.
    pub configs: Vec<Arc<Config>>,
    /// In [`Mode::Fix`], what fixing did to each file, in the order of `files`.
    pub fixes: Vec<FileFixes>,
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

/// Reads and checks (or fixes) every notes file under `paths` that its
/// configuration does not exclude, in parallel.
///
/// # Errors
/// When a file's configuration cannot be read or is invalid.
pub fn check_paths(
    paths: &[PathBuf],
    resolver: &mut Resolver,
    mode: Mode,
) -> Result<Outcome, LoadError> {
    let (inputs, mut failures) = files::collect(paths);
    // Configurations are found before the parallel part: each is read once,
    // and an invalid one stops the run before any output.
    let mut jobs = Vec::with_capacity(inputs.len());
    for input in inputs {
        let loaded = resolver.for_path(&input.path)?;
        if loaded.excludes(&input.path) {
            continue;
        }
        let settings = loaded.settings_for(&input.path);
        jobs.push((input, settings, loaded.config));
    }
    let displays: Vec<&str> = jobs.iter().map(|(i, _, _)| i.display.as_str()).collect();
    let prefixes = model::id_prefixes(&displays);
    let results: Vec<Result<(CheckedFile, Option<FileFixes>), Failure>> = jobs
        .par_iter()
        .zip(prefixes.par_iter())
        .map(|((input, settings, _), prefix)| {
            let file = files::read(input)?;
            Ok(run_one(file, prefix, settings, mode))
        })
        .collect();
    let mut outcome = Outcome {
        files: Vec::with_capacity(results.len()),
        configs: Vec::with_capacity(results.len()),
        fixes: Vec::new(),
        failures: Vec::new(),
    };
    let mut settings = Vec::with_capacity(results.len());
    for (result, (_, file_settings, config)) in results.into_iter().zip(jobs) {
        match result {
            Ok((file, fixes)) => {
                outcome.files.push(file);
                outcome.configs.push(config);
                outcome.fixes.extend(fixes);
                settings.push(file_settings);
            }
            Err(failure) => failures.push(failure),
        }
    }
    failures.sort();
    // Cross-file rules: one cheap pass over the files' summaries.
    check_bank(&mut outcome.files, &settings);
    outcome.failures = failures;
    Ok(outcome)
}

fn run_one(
    file: crate::source::SourceFile,
    prefix: &str,
    settings: &RuleSettings,
    mode: Mode,
) -> (CheckedFile, Option<FileFixes>) {
    match mode {
        Mode::Check => (check_source(file, prefix, settings), None),
        Mode::Fix(level) => {
            let fixed = fix_source_up_to(file, prefix, settings, level);
            let fixes = FileFixes {
                original: fixed.original,
                applied: fixed.applied,
            };
            (fixed.checked, Some(fixes))
        }
    }
}

pub fn run(args: &CheckArgs) -> u8 {
    let outcome = Resolver::new(&args.config).and_then(|mut resolver| {
        let mode = if args.fix || args.diff {
            Mode::Fix(if args.unsafe_fixes {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            })
        } else {
            Mode::Check
        };
        check_paths(&args.input.paths, &mut resolver, mode)
    });
    let mut outcome = match outcome {
        Ok(outcome) => outcome,
        Err(error) => {
            error.report();
            return exit::FAILURE;
        }
    };
    if args.diff {
        return diff(&outcome);
    }
    if args.fix {
        write_fixes(&mut outcome);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        Format::Human => render::human(&mut out, &outcome.files, render::use_color())
            .and_then(|()| render::summary(&mut out, &outcome)),
        Format::Concise => render::concise(&mut out, &outcome.files),
        Format::Json => render::json(&mut out, &outcome.files),
        Format::Sarif => sarif::write(&mut out, &outcome.files),
        Format::Github => render::github(&mut out, &outcome.files),
    };
    let _ = out.flush();
    report_failures(&outcome.failures);
    if written.is_err() {
        return exit::FAILURE;
    }
    exit_code(&outcome, &args.deny, args.exit_zero)
}

/// `--diff`: a unified diff of what `--fix` would write; exit 1 when there
/// is one, so that CI can ask "is everything fixed?".
fn diff(outcome: &Outcome) -> u8 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut changed = 0;
    let mut written = Ok(());
    for (file, fixes) in outcome.files.iter().zip(&outcome.fixes) {
        let after = &file.file.text;
        if *fixes.original == **after {
            continue;
        }
        changed += 1;
        let path = &file.file.path;
        let text = similar::TextDiff::from_lines(&*fixes.original, &**after)
            .unified_diff()
            .context_radius(3)
            .header(path, path)
            .to_string();
        written = written.and_then(|()| out.write_all(text.as_bytes()));
    }
    let _ = out.flush();
    report_failures(&outcome.failures);
    if written.is_err() || !outcome.failures.is_empty() {
        exit::FAILURE
    } else if changed > 0 {
        let _ = writeln!(
            std::io::stderr().lock(),
            "{changed} file{} would be changed by --fix",
            if changed == 1 { "" } else { "s" }
        );
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// `--fix`: writes each changed file atomically; a file that cannot be
/// written is left as it was and reported as a failure (exit 2).
fn write_fixes(outcome: &mut Outcome) {
    let mut fixed_files = 0;
    let mut fixed = 0;
    for (file, fixes) in outcome.files.iter().zip(&outcome.fixes) {
        if *fixes.original == *file.file.text {
            continue;
        }
        // The display path is how the file was found: it opens the file.
        let path = std::path::Path::new(&file.file.path);
        match write::file_atomic(path, file.file.text.as_bytes()) {
            Ok(()) => {
                fixed_files += 1;
                fixed += fixes.applied;
            }
            Err(error) => outcome.failures.push(Failure {
                path: file.file.path.clone(),
                message: format!("cannot write the fixes: {}", io_message(&error)),
            }),
        }
    }
    if fixed > 0 {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let _ = writeln!(
            std::io::stderr().lock(),
            "fixed {fixed} finding{} in {fixed_files} file{}",
            plural(fixed),
            plural(fixed_files)
        );
    }
}

/// Prints each file that could not be read, on standard error.
pub fn report_failures(failures: &[Failure]) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for failure in failures {
        let _ = writeln!(err, "{failure}");
    }
}

fn exit_code(outcome: &Outcome, deny: &[DenyLevel], exit_zero: bool) -> u8 {
    if !outcome.failures.is_empty() {
        return exit::FAILURE;
    }
    if exit_zero {
        return exit::CLEAN;
    }
    let denied_by_flag = |severity: Severity| {
        deny.iter().any(|level| match level {
            DenyLevel::Warnings => severity == Severity::Warning,
            DenyLevel::Style => severity == Severity::Style,
        })
    };
    let fails = outcome
        .files
        .iter()
        .zip(&outcome.configs)
        .any(|(file, config)| {
            file.findings
                .iter()
                .any(|f| config.fails_on(f.severity) || denied_by_flag(f.severity))
        });
    if fails { exit::FINDINGS } else { exit::CLEAN }
}
