//! `build` writes course by course, the one-file targets (json, moodle,
//! gift) and the packages (qti21, qti30, qti12, html) alike: the bytes are
//! those of the whole-bank export, and a run that fails leaves nothing
//! behind.

mod common;

use std::path::Path;

use exambank::export::{self, ExportOptions};
use exambank::lint::RuleSettings;
use exambank::pipeline::{InvalidItems, build_bank};
use exambank::source::SourceFile;

fn generate(out: &Path, files: usize, defect_rate: f64) {
    let corpus = exambank_gen::Corpus {
        files,
        exercises: 12,
        seed: "streaming".to_owned(),
        defect_rate,
        item_flaw_rate: 0.0,
    };
    exambank_gen::write_corpus(out, &corpus).expect("the corpus is written");
}

fn content_sources() -> Vec<SourceFile> {
    let dir = common::root().join("content");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = format!("content/{}", p.file_name().unwrap().to_string_lossy());
            SourceFile::new(name, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

#[test]
fn course_by_course_gives_the_bytes_of_the_whole_export() {
    let (_, assembly) = build_bank(
        content_sources(),
        &RuleSettings::default(),
        InvalidItems::Keep,
    );
    let bank = assembly.bank;
    assert!(bank.courses.len() > 1);
    for partial_scoring in [false, true] {
        let options = ExportOptions { partial_scoring };
        for name in ["json", "moodle", "gift"] {
            let exporter = export::exporter(name).unwrap();
            let stream = exporter
                .stream(&options)
                .expect("a one-file target streams");
            let whole = match exporter.export(&bank, &options).unwrap() {
                export::Artifact::File { bytes } => bytes,
                export::Artifact::Package { .. } => panic!("{name} is one file"),
            };
            assert_eq!(export::streamed(&*stream, &bank).unwrap(), whole, "{name}");
        }
    }
    for name in ["qti21", "qti30", "qti12", "html"] {
        let exporter = export::exporter(name).unwrap();
        assert!(
            exporter.stream(&ExportOptions::default()).is_none(),
            "{name}"
        );
    }
}

/// A run of the binary on `threads` threads.
fn exambank_threads(dir: &Path, threads: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_exambank"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("the exambank binary runs")
}

/// Every package target, the QTI 1.2 quizzes too.
fn packages() -> Vec<&'static dyn export::Exporter> {
    let mut all: Vec<&'static dyn export::Exporter> = ["qti21", "qti30", "qti12", "html"]
        .into_iter()
        .map(|name| export::exporter(name).unwrap())
        .collect();
    all.push(&export::qti12::QTI12_QUIZ);
    all
}

fn package_files(
    exporter: &dyn export::Exporter,
    bank: &exambank::model::Bank,
    options: &ExportOptions,
) -> Vec<export::OutFile> {
    match exporter.export(bank, options).unwrap() {
        export::Artifact::Package { files } => files,
        export::Artifact::File { .. } => panic!("{} is a package", exporter.name()),
    }
}

#[test]
fn packages_course_by_course_give_the_files_of_the_whole_export() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 40, 0.0);
    let mut generated: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    generated.sort();
    let generated: Vec<SourceFile> = generated
        .iter()
        .map(|p| {
            SourceFile::new(
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect();
    for sources in [content_sources(), generated] {
        let (_, assembly) = build_bank(sources, &RuleSettings::default(), InvalidItems::Drop);
        let bank = assembly.bank;
        assert!(bank.courses.len() > 1);
        for partial_scoring in [false, true] {
            let options = ExportOptions { partial_scoring };
            for exporter in packages() {
                let stream = exporter
                    .package_stream(&options)
                    .expect("a package streams");
                let whole = package_files(exporter, &bank, &options);
                let streamed = export::package_streamed(stream, &bank).unwrap();
                assert_eq!(streamed, whole, "{}", exporter.name());
            }
        }
    }
}

#[test]
fn a_package_built_in_parts_is_the_zip_of_the_whole_export() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes");
    generate(&notes, 120, 0.02);
    let sources: Vec<SourceFile> = {
        let mut paths: Vec<_> = std::fs::read_dir(&notes)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| {
                let name = format!("notes/{}", p.file_name().unwrap().to_string_lossy());
                SourceFile::new(name, std::fs::read_to_string(p).unwrap())
            })
            .collect()
    };
    let (_, assembly) = build_bank(sources, &RuleSettings::default(), InvalidItems::Drop);
    let options = ExportOptions::default();
    for (name, file) in [
        ("qti21", "qti21.zip"),
        ("qti30", "qti30.zip"),
        ("qti12", "qti12.zip"),
        ("html", "html.zip"),
    ] {
        let exporter = export::exporter(name).unwrap();
        let whole = export::zip_bytes(&package_files(exporter, &assembly.bank, &options)).unwrap();
        for threads in ["1", "2"] {
            let output = exambank_threads(
                dir.path(),
                threads,
                &[
                    "build",
                    "--isolated",
                    "notes",
                    "--to",
                    name,
                    "--out",
                    file,
                    "--skip-invalid",
                ],
            );
            assert_eq!(
                output.status.code(),
                Some(0),
                "{}",
                common::transcript(&output)
            );
            assert!(
                std::fs::read(dir.path().join(file)).unwrap() == whole,
                "{name} at {threads} threads"
            );
        }
        // Standard output gets the same bytes.
        let output = common::exambank(
            dir.path(),
            &[
                "build",
                "--isolated",
                "notes",
                "--to",
                name,
                "--out",
                "-",
                "--skip-invalid",
            ],
        );
        assert!(output.stdout == whole, "{name} to standard output");
        // A directory holds the same files.
        let output = common::exambank(
            dir.path(),
            &[
                "build",
                "--isolated",
                "notes",
                "--to",
                name,
                "--out",
                "dir",
                "--skip-invalid",
            ],
        );
        assert_eq!(output.status.code(), Some(0));
        for file in package_files(exporter, &assembly.bank, &options) {
            assert!(
                std::fs::read(dir.path().join("dir").join(&file.path)).unwrap() == file.bytes,
                "{name}: {}",
                file.path
            );
        }
    }
    let mut left = names(dir.path());
    left.retain(|n| n.starts_with(".exambank"));
    assert!(left.is_empty(), "{left:?}");
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_build_that_fails_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes");
    generate(&notes, 300, 0.0);
    // An error in the last file only: every earlier course was written to
    // the temporary outputs before the error showed. Choice questions
    // without a correct option are errors.
    let text = std::fs::read_to_string(common::root().join("content/relational-data.md")).unwrap();
    assert!(text.contains("[x]"));
    std::fs::write(notes.join("zz-broken.md"), text.replace("[x]", "[ ]")).unwrap();
    let output = common::exambank(
        dir.path(),
        &[
            "build",
            "--isolated",
            "notes",
            "--to",
            "json,moodle,gift,qti21,qti12,html",
            "--out",
            "out/deep",
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        common::transcript(&output)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("nothing was written"));
    assert!(!dir.path().join("out").exists(), "{:?}", names(dir.path()));
    assert_eq!(names(dir.path()), ["notes"]);
    for out in ["pkg.zip", "pkg", "-"] {
        let output = common::exambank(
            dir.path(),
            &[
                "build",
                "--isolated",
                "notes",
                "--to",
                "qti21",
                "--out",
                out,
            ],
        );
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}",
            common::transcript(&output)
        );
        assert!(output.stdout.is_empty());
        assert_eq!(names(dir.path()), ["notes"], "{out}");
    }

    // With --skip-invalid the same run writes every target, and only them.
    let output = common::exambank(
        dir.path(),
        &[
            "build",
            "--isolated",
            "notes",
            "--to",
            "json,moodle,gift",
            "--out",
            "out",
            "--skip-invalid",
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        common::transcript(&output)
    );
    assert_eq!(
        names(&dir.path().join("out")),
        ["bank.json", "gift.txt", "moodle.xml"]
    );
    // A package beside them: a zip whatever else is built.
    let output = common::exambank(
        dir.path(),
        &[
            "build",
            "--isolated",
            "notes",
            "--to",
            "json,qti21,html",
            "--out",
            "all",
            "--skip-invalid",
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        common::transcript(&output)
    );
    assert_eq!(
        names(&dir.path().join("all")),
        ["bank.json", "html", "qti21.zip"]
    );
    assert_eq!(
        std::fs::read(dir.path().join("all/bank.json")).unwrap(),
        std::fs::read(dir.path().join("out/bank.json")).unwrap()
    );
    let stdout = common::exambank(
        dir.path(),
        &[
            "build",
            "notes",
            "--to",
            "json",
            "--out",
            "-",
            "--skip-invalid",
        ],
    );
    assert_eq!(
        stdout.stdout,
        std::fs::read(dir.path().join("out/bank.json")).unwrap()
    );
}
