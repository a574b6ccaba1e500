//! `build` of the one-file targets (json, moodle, gift) writes course by
//! course: the bytes are those of the whole-bank export, and a run that
//! fails leaves nothing behind.

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
            "json,moodle,gift",
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
