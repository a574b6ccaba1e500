//! `exambank build`, streaming: files are read, checked and lowered a
//! chunk at a time in path order, each course is written to every target's
//! temporary output (a one-file target's file, or a package's parts, see
//! [`super::build_package`]) and dropped, and the outputs are renamed into
//! place only once the whole run succeeded. What is kept over the run: the item kinds present, the items
//! left out and, without `--skip-invalid`, the files with findings (for
//! the report when an error shows).

use std::io::Write as _;

use rayon::prelude::*;

use super::args::BuildArgs;
use super::build::{fail, report_skipped, target_file_name, warn_kinds};
use super::build_package::PackageOutput;
use super::check::{Mode, for_each_checked, plan, report_failures};
use super::config_files::Resolver;
use super::exit;
use super::files::io_message;
use super::format;
use super::write::{TempOutput, remove_created};
use exambank::export::{
    CoursePackage, CourseStream, ExportError, ExportOptions, Exporter, PackageStream, Rendered,
};
use exambank::model::{Course, ItemKind};
use exambank::pipeline::{CheckedFile, InvalidItems, Skipped, assemble_file};

/// How a target is written course by course.
pub enum Writer {
    File(Box<dyn CourseStream>),
    Package(Box<dyn PackageStream>),
}

/// A target's temporary output.
enum Output {
    File(TempOutput),
    Package(Box<PackageOutput>),
}

impl Output {
    fn discard(self) -> Vec<std::path::PathBuf> {
        match self {
            Self::File(output) => output.discard(),
            Self::Package(output) => (*output).discard(),
        }
    }
}

/// A course rendered for one target.
enum Part {
    File(Result<Vec<u8>, ExportError>),
    Package(Rendered),
}

pub fn run(
    args: &BuildArgs,
    targets: &[&'static dyn Exporter],
    mut streams: Vec<Writer>,
    options: &ExportOptions,
) -> u8 {
    let planned =
        Resolver::new(&args.config).and_then(|mut resolver| plan(&args.input.paths, &mut resolver));
    let (jobs, mut failures) = match planned {
        Ok(planned) => planned,
        Err(error) => {
            error.report();
            fail("error: nothing was written");
            return exit::FAILURE;
        }
    };
    let to_stdout = args.out.as_os_str() == "-";
    let paths: Vec<std::path::PathBuf> = targets
        .iter()
        .map(|target| {
            if targets.len() == 1 {
                args.out.clone()
            } else {
                args.out.join(target_file_name(*target))
            }
        })
        .collect();
    let mut run = Run {
        invalid: if args.skip_invalid {
            InvalidItems::Drop
        } else {
            InvalidItems::Keep
        },
        streams: &mut streams,
        paths: if to_stdout {
            // Written to a temporary file beside nothing: standard output
            // gets it once the run succeeded.
            vec![std::env::temp_dir().join("bank")]
        } else {
            paths.clone()
        },
        outputs: Vec::new(),
        opened: false,
        writing: true,
        errors: 0,
        reported: Vec::new(),
        skipped: Vec::new(),
        present: [false; ItemKind::ALL.len()],
        pending: Vec::new(),
        written: 0,
        planned: jobs.len(),
        export_errors: (0..targets.len()).map(|_| None).collect(),
        to_stdout,
        io_error: None,
    };
    let mut build = || {
        for_each_checked(&jobs, Mode::Build, &mut failures, |file, _, _| {
            run.add(file);
        });
    };
    if jobs.len() > 1 {
        // On one of the pool's threads, what a chunk's courses need in
        // parallel (rendering, deflating) goes to that thread's own queue,
        // which the other threads take from as soon as they are free, and
        // so overlaps the check of the next chunk; from outside the pool it
        // would wait in the pool's queue behind that whole check.
        rayon::scope(|_| build());
    } else {
        build();
    }
    run.flush();

    report_failures(&failures);
    if failures.iter().any(|f| f.fatal) {
        run.discard();
        fail("error: nothing was written");
        return exit::FAILURE;
    }
    if run.errors > 0 && run.invalid == InvalidItems::Keep {
        run.discard();
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        let _ = format::human::human(&mut err, &run.reported, false);
        let errors = run.errors;
        let _ = writeln!(
            err,
            "error: {errors} error{} in the notes; nothing was written (use --skip-invalid to build the other items)",
            if errors == 1 { "" } else { "s" }
        );
        return exit::FINDINGS;
    }
    report_skipped(&run.skipped);
    if let Some(error) = run.export_errors.iter_mut().find_map(Option::take) {
        run.discard();
        fail(&format!("error: {error}; nothing was written"));
        return exit::FAILURE;
    }
    let present: Vec<ItemKind> = ItemKind::ALL
        .into_iter()
        .zip(run.present)
        .filter_map(|(kind, present)| present.then_some(kind))
        .collect();
    warn_kinds(targets, &present, options);
    let result = run.finish(if to_stdout { None } else { Some(&paths) });
    super::build::written(result, &args.out)
}

/// The state of a streaming build.
struct Run<'a> {
    invalid: InvalidItems,
    streams: &'a mut [Writer],
    /// Where each target's output goes (for a temporary file beside it).
    paths: Vec<std::path::PathBuf>,
    outputs: Vec<Output>,
    /// The one output goes to standard output.
    to_stdout: bool,
    opened: bool,
    /// False once nothing more is to be written: an error in the notes
    /// without `--skip-invalid`, or an output that cannot be written.
    writing: bool,
    errors: usize,
    /// The files with findings, for the report of a run that fails on an
    /// error (without `--skip-invalid` only).
    reported: Vec<CheckedFile>,
    skipped: Vec<Skipped>,
    present: [bool; ItemKind::ALL.len()],
    /// Courses not yet written.
    pending: Vec<Course>,
    /// Courses written so far.
    written: usize,
    /// Files to read: courses to write at most.
    planned: usize,
    /// The first error of each target.
    export_errors: Vec<Option<ExportError>>,
    io_error: Option<String>,
}

impl Run<'_> {
    fn add(&mut self, mut file: CheckedFile) {
        let part = assemble_file(&mut file, self.invalid);
        self.errors += part.errors;
        self.skipped.extend(part.skipped);
        if self.invalid == InvalidItems::Keep {
            if self.errors > 0 {
                // The run fails: nothing more is written.
                self.writing = false;
                self.pending.clear();
            }
            if !file.findings.is_empty() {
                file.summary = None;
                self.reported.push(file);
            }
        }
        let Some(course) = part.course else {
            return;
        };
        for item in course.chapters.iter().flat_map(|c| &c.items) {
            let kind = item.kind();
            if let Some(k) = ItemKind::ALL.iter().position(|&x| x == kind) {
                self.present[k] = true;
            }
        }
        if !self.writing {
            return;
        }
        self.pending.push(course);
        // Enough courses to keep every thread busy, few enough to stay small.
        if self.pending.len() >= rayon::current_num_threads().max(1) * 16 {
            self.flush();
        }
    }

    fn open(&mut self) {
        if self.opened {
            return;
        }
        self.opened = true;
        for (k, path) in self.paths.clone().into_iter().enumerate() {
            let output = match &self.streams[k] {
                Writer::File(_) => TempOutput::beside(&path).map(Output::File),
                Writer::Package(stream) => {
                    PackageOutput::beside(&path, self.to_stdout, stream.distinct_paths())
                        .map(|output| Output::Package(Box::new(output)))
                }
            };
            let output = match output {
                Ok(output) => output,
                Err(error) => {
                    self.fail_io(&io_message(&error));
                    return;
                }
            };
            self.outputs.push(output);
            if let Writer::File(stream) = &self.streams[k] {
                match stream.begin() {
                    Ok(bytes) => self.write(k, &bytes),
                    Err(error) => self.export_errors[k] = Some(error),
                }
            }
        }
    }

    fn write(&mut self, target: usize, bytes: &[u8]) {
        let Output::File(output) = &mut self.outputs[target] else {
            unreachable!("bytes go to a one-file target");
        };
        if let Err(error) = output.write(bytes) {
            self.fail_io(&io_message(&error));
        }
    }

    fn write_package(&mut self, target: usize, courses: Vec<CoursePackage>) {
        let left = self.planned.saturating_sub(self.written);
        let Output::Package(output) = &mut self.outputs[target] else {
            unreachable!("courses go to a package target");
        };
        if let Err(message) = output.write(courses, left) {
            self.fail_io(&message);
        }
    }

    fn fail_io(&mut self, message: &str) {
        if self.io_error.is_none() {
            self.io_error = Some(message.to_owned());
        }
        self.writing = false;
        self.pending.clear();
    }

    /// Writes the pending courses, rendered side by side, in their order.
    fn flush(&mut self) {
        if !self.writing {
            return;
        }
        self.open();
        if !self.writing {
            return;
        }
        let base = self.written;
        let streams: &[Writer] = self.streams;
        let rendered: Vec<Vec<Part>> = self
            .pending
            .par_iter()
            .enumerate()
            .map(|(k, course)| {
                streams
                    .iter()
                    .map(|s| match s {
                        Writer::File(s) => Part::File(s.course(course, base + k)),
                        Writer::Package(s) => Part::Package(s.render(course, base + k)),
                    })
                    .collect()
            })
            .collect();
        self.written += self.pending.len();
        self.pending.clear();
        let mut packages: Vec<Vec<CoursePackage>> =
            (0..self.streams.len()).map(|_| Vec::new()).collect();
        for parts in rendered {
            for (target, part) in parts.into_iter().enumerate() {
                if !self.writing {
                    return;
                }
                if self.export_errors[target].is_some() {
                    continue;
                }
                match part {
                    Part::File(Ok(bytes)) => self.write(target, &bytes),
                    Part::File(Err(error)) => self.export_errors[target] = Some(error),
                    Part::Package(rendered) => {
                        let Writer::Package(stream) = &mut self.streams[target] else {
                            unreachable!("rendered by a package target");
                        };
                        match stream.accept(rendered) {
                            Ok(course) => packages[target].push(course),
                            Err(error) => self.export_errors[target] = Some(error),
                        }
                    }
                }
            }
        }
        for (target, courses) in packages.into_iter().enumerate() {
            if !self.writing {
                return;
            }
            if self.export_errors[target].is_none() && !courses.is_empty() {
                self.write_package(target, courses);
            }
        }
    }

    fn discard(&mut self) {
        let created: Vec<_> = self.outputs.drain(..).flat_map(Output::discard).collect();
        remove_created(&created);
    }

    /// Closes every output and renames each into place (`None`: the one
    /// output goes to standard output).
    fn finish(mut self, paths: Option<&[std::path::PathBuf]>) -> Result<(), String> {
        self.open();
        let mut ends = Vec::new();
        if self.writing {
            for target in 0..self.outputs.len() {
                match &mut self.streams[target] {
                    Writer::File(stream) => match stream.finish(self.written) {
                        Ok(bytes) => self.write(target, &bytes),
                        Err(error) => {
                            self.discard();
                            return Err(error.to_string());
                        }
                    },
                    Writer::Package(stream) => match stream.finish() {
                        Ok(end) => ends.push(Some(end)),
                        Err(error) => {
                            self.discard();
                            return Err(error.to_string());
                        }
                    },
                }
                if matches!(self.streams[target], Writer::File(_)) {
                    ends.push(None);
                }
            }
        }
        if let Some(message) = self.io_error.take() {
            self.discard();
            return Err(message);
        }
        let mut outputs = std::mem::take(&mut self.outputs).into_iter();
        let mut ends = ends.into_iter();
        let mut k = 0;
        while let Some(output) = outputs.next() {
            let end = ends.next().flatten();
            let path = paths.map(|paths| paths[k].as_path());
            k += 1;
            let result = match (output, end) {
                (Output::Package(output), Some(end)) => (*output).finish(end, path),
                (Output::File(output), _) => match path {
                    Some(path) => output.persist(path).map_err(|e| io_message(&e)),
                    None => copy_to_stdout(output),
                },
                (Output::Package(output), None) => {
                    remove_created(&(*output).discard());
                    Ok(())
                }
            };
            if let Err(message) = result {
                let created: Vec<_> = outputs.flat_map(Output::discard).collect();
                remove_created(&created);
                return Err(message);
            }
        }
        Ok(())
    }
}

/// Copies a finished output to standard output and removes it.
fn copy_to_stdout(mut output: TempOutput) -> Result<(), String> {
    let copied = output.reopen().and_then(|mut file| {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        std::io::copy(&mut file, &mut out)?;
        out.flush()
    });
    remove_created(&output.discard());
    copied.map_err(|e| io_message(&e))
}
