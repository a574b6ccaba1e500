//! `exambank check`.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::args::CheckArgs;
use super::config_files::{LoadError, Resolver};
use super::exit;
use super::files::{self, Failure, io_message};
use super::format::Report;
use super::tally::Tally;
use super::write;
use exambank::config::Config;
use exambank::lint::Applicability;
use exambank::lint::bank::BankPass;
use exambank::lint::{RuleSettings, Severity};
use exambank::model;
use exambank::pipeline::{CheckedFile, add_to_bank, build_source, check_source, fix_source_up_to};

/// Whether the files are only checked, or fixed (in memory) first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Check,
    /// Check, and lower every file into exam items.
    Build,
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

/// A file to check, with the settings and configuration that apply to it.
pub(super) type Job = (files::Input, Arc<RuleSettings>, Arc<Config>);

/// The files under `paths` that their configuration does not exclude, each
/// with its settings, in path order. Configurations are found before the
/// parallel part: each is read once, and an invalid one stops the run
/// before any output.
pub(super) fn plan(
    paths: &[PathBuf],
    resolver: &mut Resolver,
) -> Result<(Vec<Job>, Vec<Failure>), LoadError> {
    let (inputs, failures) = files::collect(paths);
    let mut jobs = Vec::with_capacity(inputs.len());
    for input in inputs {
        let loaded = resolver.for_path(&input.path)?;
        if loaded.excludes(&input.path) {
            continue;
        }
        let settings = loaded.shared_settings_for(&input.path);
        jobs.push((input, settings, loaded.config));
    }
    Ok((jobs, failures))
}

/// One file's result: checked (or fixed), or why it could not be read.
type Checked = Result<(CheckedFile, Option<FileFixes>), Failure>;

/// Checks (or fixes) `jobs` in parallel, a chunk at a time, and hands each
/// file to `sink` in path order, with its cross-file findings. At most two
/// chunks of texts are alive at a time: a run over any number of files
/// keeps the summaries the cross-file rules need, not the files. The pass
/// over one chunk (cross-file rules, `sink`) runs on this thread while the
/// pool checks the next chunk.
pub(super) fn for_each_checked(
    jobs: &[Job],
    mode: Mode,
    failures: &mut Vec<Failure>,
    mut sink: impl FnMut(CheckedFile, Option<FileFixes>, &Job),
) {
    let displays: Vec<&str> = jobs.iter().map(|(i, _, _)| i.display.as_str()).collect();
    let prefixes = model::id_prefixes(&displays);
    let check_one = |((input, settings, _), prefix): (&Job, &String)| {
        let file = files::read(input)?;
        Ok(run_one(file, prefix, settings, mode))
    };
    // One file is checked on this thread: starting the pool's threads
    // (which asking for their number does) would cost a pre-commit hook
    // more than the file itself.
    let threads = if jobs.len() <= 1 {
        1
    } else {
        rayon::current_num_threads().max(1)
    };
    // Large enough to keep every thread busy, small enough to bound memory.
    let chunk = threads * 32;
    let check = |jobs: &[Job], prefixes: &[String]| -> Vec<Checked> {
        if jobs.len() == 1 {
            jobs.iter().zip(prefixes).map(check_one).collect()
        } else {
            jobs.par_iter()
                .zip(prefixes.par_iter())
                .map(check_one)
                .collect()
        }
    };
    let mut pass = BankPass::new();
    let mut hand_on = |results: Vec<Checked>, jobs: &[Job]| {
        for (result, job) in results.into_iter().zip(jobs) {
            match result {
                Ok((mut file, fixes)) => {
                    add_to_bank(&mut pass, &mut file, &job.1);
                    sink(file, fixes, job);
                }
                Err(failure) => failures.push(failure),
            }
        }
    };
    let mut ready: Option<(Vec<Checked>, &[Job])> = None;
    for (jobs, prefixes) in jobs.chunks(chunk).zip(prefixes.chunks(chunk)) {
        let Some((results, done)) = ready.take() else {
            ready = Some((check(jobs, prefixes), jobs));
            continue;
        };
        if threads == 1 {
            // One thread: no second one to overlap with.
            hand_on(results, done);
            ready = Some((check(jobs, prefixes), jobs));
            continue;
        }
        let mut next = None;
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| next = Some(check(jobs, prefixes)));
            hand_on(results, done);
        });
        ready = next.map(|results| (results, jobs));
    }
    if let Some((results, done)) = ready {
        hand_on(results, done);
    }
    failures.sort();
}

/// Reads and checks (or fixes) every notes file under `paths` that its
/// configuration does not exclude, in parallel, and keeps them all.
///
/// # Errors
/// When a file's configuration cannot be read or is invalid.
pub fn check_paths(
    paths: &[PathBuf],
    resolver: &mut Resolver,
    mode: Mode,
) -> Result<Outcome, LoadError> {
    let (jobs, mut failures) = plan(paths, resolver)?;
    let mut outcome = Outcome {
        files: Vec::with_capacity(jobs.len()),
        configs: Vec::with_capacity(jobs.len()),
        fixes: Vec::new(),
        failures: Vec::new(),
    };
    for_each_checked(&jobs, mode, &mut failures, |file, fixes, (_, _, config)| {
        outcome.files.push(file);
        outcome.configs.push(Arc::clone(config));
        outcome.fixes.extend(fixes);
    });
    outcome.failures = failures;
    Ok(outcome)
}

fn run_one(
    file: exambank::source::SourceFile,
    prefix: &str,
    settings: &RuleSettings,
    mode: Mode,
) -> (CheckedFile, Option<FileFixes>) {
    match mode {
        Mode::Check => (check_source(file, prefix, settings), None),
        Mode::Build => (build_source(file, prefix, settings), None),
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
    if let Some(name) = &args.stdin_filename {
        return run_stdin(args, name);
    }
    if !(args.fix || args.diff) {
        return run_streaming(args);
    }
    let outcome = Resolver::new(&args.config).and_then(|mut resolver| {
        let level = if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        check_paths(&args.input.paths, &mut resolver, Mode::Fix(level))
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
    write_fixes(&mut outcome);
    // Block-buffered: standard output flushes at every newline otherwise.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    print_outcome(args, &outcome, &mut out, Report::new(args.format))
}

/// Prints the report of every file of `outcome`, then its failures;
/// returns the exit code.
fn print_outcome(
    args: &CheckArgs,
    outcome: &Outcome,
    out: &mut impl std::io::Write,
    mut report: Report,
) -> u8 {
    let mut tally = Tally::default();
    let mut written = Ok(());
    for (file, config) in outcome.files.iter().zip(&outcome.configs) {
        tally.add(file, config, &args.deny);
        written = written.and_then(|()| report.file(out, file));
    }
    let written = written.and_then(|()| report.finish(out, &tally));
    let _ = out.flush();
    report_failures(&outcome.failures);
    if written.is_err() {
        return exit::FAILURE;
    }
    tally.exit_code(&outcome.failures, args.exit_zero)
}

/// `check` without fixes: files are checked and printed as a stream.
fn run_streaming(args: &CheckArgs) -> u8 {
    let planned =
        Resolver::new(&args.config).and_then(|mut resolver| plan(&args.input.paths, &mut resolver));
    let (jobs, mut failures) = match planned {
        Ok(planned) => planned,
        Err(error) => {
            error.report();
            return exit::FAILURE;
        }
    };
    // Block-buffered: standard output flushes at every newline otherwise.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut tally = Tally::default();
    let mut report = Report::new(args.format);
    let mut written = Ok(());
    for_each_checked(
        &jobs,
        Mode::Check,
        &mut failures,
        |file, _, (_, _, config)| {
            tally.add(&file, config, &args.deny);
            if written.is_ok() {
                written = report.file(&mut out, &file);
            }
        },
    );
    let written = written.and_then(|()| report.finish(&mut out, &tally));
    let _ = out.flush();
    report_failures(&failures);
    if written.is_err() {
        return exit::FAILURE;
    }
    tally.exit_code(&failures, args.exit_zero)
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
    if written.is_err() || outcome.failures.iter().any(|f| f.fatal) {
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
                fatal: true,
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

/// `check --stdin-filename PATH -`: the notes come from standard input and
/// are reported as PATH, with the configuration that applies to PATH, in
/// the same bytes as `check PATH`. With `--fix` the fixed text goes to
/// standard output (the input as it was when nothing is fixed, or the file
/// is excluded) and the report to standard error.
fn run_stdin(args: &CheckArgs, name: &std::path::Path) -> u8 {
    let paths = &args.input.paths;
    if !(paths.len() == 1 && (paths[0].as_os_str() == "-" || paths[0].as_os_str() == ".")) {
        let _ = writeln!(
            std::io::stderr().lock(),
            "error: --stdin-filename reads the notes from standard input: give `-` as the only path"
        );
        return exit::FAILURE;
    }
    let mut bytes = Vec::new();
    if let Err(error) = std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes) {
        let _ = writeln!(
            std::io::stderr().lock(),
            "error: cannot read standard input: {}",
            io_message(&error)
        );
        return exit::FAILURE;
    }
    let loaded = match Resolver::new(&args.config).and_then(|mut r| r.for_path(name)) {
        Ok(loaded) => loaded,
        Err(error) => {
            error.report();
            return exit::FAILURE;
        }
    };
    let mode = match (args.fix || args.diff, args.unsafe_fixes) {
        (false, _) => Mode::Check,
        (true, false) => Mode::Fix(Applicability::Safe),
        (true, true) => Mode::Fix(Applicability::Unsafe),
    };
    let input = files::Input {
        display: files::display(name),
        path: name.to_path_buf(),
    };
    let mut outcome = Outcome {
        files: Vec::new(),
        configs: Vec::new(),
        fixes: Vec::new(),
        failures: Vec::new(),
    };
    let excluded = loaded.excludes(name);
    if !excluded {
        let settings = loaded.settings_for(name);
        match files::from_bytes(&input, bytes.clone()) {
            Ok(source) => {
                let prefix = model::id_prefixes(&[input.display.as_str()]).remove(0);
                let (mut file, fixes) = run_one(source, &prefix, &settings, mode);
                add_to_bank(&mut BankPass::new(), &mut file, &settings);
                outcome.files.push(file);
                outcome.configs.push(loaded.config);
                outcome.fixes.extend(fixes);
            }
            Err(failure) => outcome.failures.push(failure),
        }
    }
    if args.diff {
        return diff(&outcome);
    }
    if !args.fix {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        return print_outcome(args, &outcome, &mut out, Report::new(args.format));
    }
    let fixed = outcome
        .files
        .first()
        .map_or(&bytes[..], |f| f.file.text.as_bytes());
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(fixed)
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return exit::FAILURE;
    }
    if let (Some(file), Some(fixes)) = (outcome.files.first(), outcome.fixes.first())
        && fixes.applied > 0
    {
        let _ = writeln!(
            std::io::stderr().lock(),
            "fixed {} finding{} in {}",
            fixes.applied,
            if fixes.applied == 1 { "" } else { "s" },
            file.file.path
        );
    }
    let report = Report::new(args.format).on_stderr();
    print_outcome(args, &outcome, &mut std::io::stderr().lock(), report)
}
