//! `exambank build`.

use std::io::Write as _;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use super::args::{BuildArgs, Qti12As, Scoring};
use super::build_stream::Writer;
use super::check::{Mode, check_paths, report_failures};
use super::config_files::Resolver;
use super::exit;
use super::files::io_message;
use super::{format, write};
use exambank::export::{self, Artifact, ExportOptions, Exporter};
use exambank::lint::Severity;
use exambank::model::{Bank, ItemKind};
use exambank::pipeline::{Assembly, InvalidItems, Skipped, assemble};

pub fn run(args: &BuildArgs) -> u8 {
    super::interrupt::install();
    let mut targets: Vec<&'static dyn Exporter> = Vec::new();
    for name in &args.to {
        let Some(exporter) = export::exporter(name.trim()) else {
            let known: Vec<_> = export::exporters().iter().map(|e| e.name()).collect();
            fail(&format!(
                "error: unknown target `{name}`; known targets: {}",
                known.join(", ")
            ));
            return exit::FAILURE;
        };
        // The QTI 1.2 shape is that target's own setting.
        let exporter: &'static dyn Exporter = if exporter.name() == "qti12" {
            export::qti12::Qti12Exporter::of(match args.qti12_as {
                Qti12As::Bank => export::qti12::Shape::Bank,
                Qti12As::Quiz => export::qti12::Shape::Quiz,
            })
        } else {
            exporter
        };
        if !targets.iter().any(|t| t.name() == exporter.name()) {
            targets.push(exporter);
        }
    }
    let to_stdout = args.out.as_os_str() == "-";
    if to_stdout && targets.len() > 1 {
        fail("error: `--out -` takes one target; give a directory for several");
        return exit::FAILURE;
    }
    let options = ExportOptions {
        partial_scoring: args.scoring == Scoring::Partial,
    };
    let streams: Vec<Writer> = targets
        .iter()
        .filter_map(|target| match target.stream(&options) {
            Some(stream) => Some(Writer::File(stream)),
            None => target.package_stream(&options).map(Writer::Package),
        })
        .collect();
    if streams.len() == targets.len() {
        return super::build_stream::run(args, &targets, streams, &options);
    }

    let outcome = Resolver::new(&args.config)
        .and_then(|mut resolver| check_paths(&args.input.paths, &mut resolver, Mode::Build));
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(error) => {
            error.report();
            fail("error: nothing was written");
            return exit::FAILURE;
        }
    };
    report_failures(&outcome.failures);
    if outcome.failures.iter().any(|f| f.fatal) {
        fail("error: nothing was written");
        return exit::FAILURE;
    }
    let errors = outcome.count(Severity::Error);
    if errors > 0 && !args.skip_invalid {
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        let _ = format::human::human(&mut err, &outcome.files, false);
        let _ = writeln!(
            err,
            "error: {errors} error{} in the notes; nothing was written (use --skip-invalid to build the other items)",
            if errors == 1 { "" } else { "s" }
        );
        return exit::FINDINGS;
    }
    let invalid = if args.skip_invalid {
        InvalidItems::Drop
    } else {
        InvalidItems::Keep
    };
    let Assembly { bank, skipped, .. } = assemble(&outcome.files, invalid);
    report_skipped(&skipped);

    // Every artifact is made before anything is written: an export that
    // fails leaves no output at all.
    // Targets are independent: they are made side by side.
    let made: Vec<_> = targets
        .par_iter()
        .map(|target| {
            target
                .export(&bank, &options)
                .map(|artifact| (*target, artifact))
        })
        .collect();
    let mut artifacts = Vec::with_capacity(made.len());
    for result in made {
        match result {
            Ok(artifact) => artifacts.push(artifact),
            Err(error) => {
                fail(&format!("error: {error}; nothing was written"));
                return exit::FAILURE;
            }
        }
    }
    warn_limitations(&targets, &bank, &options);
    let result = if to_stdout {
        write_stdout(artifacts.remove(0).1)
    } else if artifacts.len() == 1 {
        let (_, artifact) = artifacts.remove(0);
        write_artifact(&args.out, artifact)
    } else {
        artifacts.into_iter().try_for_each(|(target, artifact)| {
            let path = args.out.join(target_file_name(target));
            write_artifact(&path, artifact)
        })
    };
    written(result, &args.out)
}

/// The exit code of a build once its outputs were written, or the message
/// of the write that failed.
pub(super) fn written(result: Result<(), String>, out: &Path) -> u8 {
    match result {
        Ok(()) => exit::CLEAN,
        Err(message) => {
            fail(&format!("error: cannot write {}: {message}", out.display()));
            exit::FAILURE
        }
    }
}

/// The output of a target under `--out DIR`: its default name, which ends
/// in `.zip` for a zipped package and has no extension for a directory.
pub(super) fn target_file_name(target: &dyn Exporter) -> PathBuf {
    PathBuf::from(target.default_file_name())
}

/// One warning per target and item kind present that the target cannot
/// express faithfully.
fn warn_limitations(targets: &[&'static dyn Exporter], bank: &Bank, options: &ExportOptions) {
    let present: Vec<ItemKind> = ItemKind::ALL
        .into_iter()
        .filter(|kind| bank.items().any(|(_, _, item)| item.kind() == *kind))
        .collect();
    warn_kinds(targets, &present, options);
}

/// [`warn_limitations`] for the kinds of item `present` in the bank.
pub(super) fn warn_kinds(
    targets: &[&'static dyn Exporter],
    present: &[ItemKind],
    options: &ExportOptions,
) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for target in targets {
        for kind in present {
            if let Some(what) = target.limitation(*kind, options) {
                let _ = writeln!(
                    err,
                    "warning: {}: {} items {what}",
                    target.name(),
                    kind.as_str()
                );
            }
        }
    }
}

fn write_stdout(artifact: Artifact) -> Result<(), String> {
    let bytes = match artifact {
        Artifact::File { bytes } => bytes,
        Artifact::Package { files } => export::zip_bytes(&files).map_err(|e| e.to_string())?,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    out.write_all(&bytes)
        .and_then(|()| out.flush())
        .map_err(|e| io_message(&e))
}

fn write_artifact(path: &Path, artifact: Artifact) -> Result<(), String> {
    match artifact {
        Artifact::File { bytes } => write::file_atomic(path, &bytes).map_err(|e| io_message(&e)),
        Artifact::Package { files } => {
            let is_zip = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
            if is_zip {
                let bytes = export::zip_bytes(&files).map_err(|e| e.to_string())?;
                write::file_atomic(path, &bytes).map_err(|e| io_message(&e))
            } else {
                write::dir_atomic(path, &files).map_err(|e| io_message(&e))
            }
        }
    }
}

/// Lists each skipped exercise with its reason on standard error.
pub(super) fn report_skipped(skipped: &[Skipped]) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for skipped in skipped {
        let finding = &skipped.finding;
        let _ = writeln!(
            err,
            "skipped: {}:{}: `{}`: {}({}) {}",
            skipped.path, skipped.line, skipped.title, finding.code, finding.name, finding.message
        );
    }
}

pub(super) fn fail(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}
