//! Same input, same bytes: `check` and `build` print exactly the same output
//! with one thread or two, and from one run to the next.

mod common;

use std::path::Path;
use std::process::Command;

fn generate(out: &Path, files: usize, defect_rate: f64) {
    let corpus = exambank_gen::Corpus {
        files,
        exercises: 30,
        seed: "determinism".to_owned(),
        defect_rate,
        item_flaw_rate: 0.0,
    };
    exambank_gen::write_corpus(out, &corpus).expect("the corpus is written");
}

/// Status, stdout and stderr of a run with `threads` worker threads.
fn run(dir: &Path, args: &[&str], threads: usize) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let output = Command::new(env!("CARGO_BIN_EXE_exambank"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .expect("the binary runs");
    (output.status.code(), output.stdout, output.stderr)
}

fn assert_same_bytes(dir: &Path, args: &[&str]) {
    let first = run(dir, args, 1);
    assert!(
        matches!(first.0, Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&first.2)
    );
    assert!(!first.1.is_empty(), "{args:?} printed nothing");
    for threads in [2, 1, 2] {
        let again = run(dir, args, threads);
        assert!(
            again == first,
            "{args:?} with {threads} threads differs from the first run"
        );
    }
}

#[test]
#[ignore = "slow (dozens of whole runs): run by .ci/run"]
fn check_and_build_give_the_same_bytes_with_one_or_two_threads() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    generate(&dir.path().join("generated"), 50, 0.05);
    let content = common::root().join("content");
    let content = content.to_str().expect("a UTF-8 path");
    for input in ["generated", content] {
        assert_same_bytes(dir.path(), &["check", "--format", "json", input]);
        assert_same_bytes(dir.path(), &["check", "--format", "human", input]);
        assert_same_bytes(
            dir.path(),
            &[
                "build",
                input,
                "--to",
                "json",
                "--out",
                "-",
                "--skip-invalid",
            ],
        );
    }
}

#[test]
#[ignore = "slow (dozens of whole runs): run by .ci/run"]
fn a_build_written_to_a_file_is_the_same_file_every_time() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    generate(&dir.path().join("generated"), 50, 0.0);
    let mut banks = Vec::new();
    for threads in [1, 2, 1, 2] {
        let (status, _, stderr) = run(
            dir.path(),
            &[
                "build",
                "generated",
                "--to",
                "json",
                "--out",
                "out/bank.json",
            ],
            threads,
        );
        assert_eq!(status, Some(0), "{}", String::from_utf8_lossy(&stderr));
        banks.push(std::fs::read(dir.path().join("out/bank.json")).expect("the bank"));
    }
    assert!(banks.windows(2).all(|w| w[0] == w[1]));
}
