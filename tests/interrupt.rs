//! An interrupted build (SIGTERM or SIGINT at any point of the run, writing
//! included) leaves either the previous output byte for byte or the new one
//! complete, and never a temporary file beside it.
#![cfg(unix)]

use std::os::unix::process::ExitStatusExt as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn generate(out: &Path, seed: &str, files: usize) {
    let corpus = exambank_gen::Corpus {
        files,
        exercises: 30,
        seed: seed.to_owned(),
        defect_rate: 0.0,
        item_flaw_rate: 0.0,
    };
    exambank_gen::write_corpus(out, &corpus).expect("the corpus is written");
}

fn build(dir: &Path, input: &str, out: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_exambank"));
    command
        .args(["build", input, "--to", "json", "--out", out])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read the output directory")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with(".exambank-"))
        .collect()
}

#[derive(Debug, Clone, Copy)]
enum When {
    /// This fraction of an uninterrupted run's time after the start.
    After(f64),
    /// As soon as the temporary output appears: during the write.
    TemporaryAppears,
}

// Seconds of builds timed against each other: `.ci/run` runs it with the
// other slow tests (`cargo test -- --ignored`).
#[test]
#[ignore = "slow: run by .ci/run"]
fn interrupted_build_keeps_the_previous_output_and_leaves_no_temporaries() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let dir = dir.path();
    generate(&dir.join("old"), "old", 60);
    generate(&dir.join("new"), "new", 600);
    std::fs::create_dir(dir.join("out")).expect("mkdir out");

    let previous = build(dir, "old", "out/bank.json").output().expect("build");
    assert!(previous.status.success());
    let old = std::fs::read(dir.join("out/bank.json")).expect("the previous bank");
    let started = Instant::now();
    let reference = build(dir, "new", "new.json").output().expect("build");
    let full = started.elapsed();
    assert!(reference.status.success());
    let new = std::fs::read(dir.join("new.json")).expect("the new bank");
    assert_ne!(old, new);

    let runs = [
        ("TERM", 143, When::After(0.3)),
        ("TERM", 143, When::After(0.8)),
        ("TERM", 143, When::TemporaryAppears),
        ("INT", 130, When::After(0.5)),
        ("INT", 130, When::TemporaryAppears),
    ];
    for (signal, code, when) in runs {
        std::fs::write(dir.join("out/bank.json"), &old).expect("reset the previous bank");
        let mut child = build(dir, "new", "out/bank.json")
            .spawn()
            .expect("build starts");
        let started = Instant::now();
        match when {
            When::After(fraction) => std::thread::sleep(full.mul_f64(fraction)),
            When::TemporaryAppears => {
                while temporaries(&dir.join("out")).is_empty()
                    && child.try_wait().expect("poll").is_none()
                    && started.elapsed() < full * 4
                {
                    std::thread::sleep(Duration::from_micros(200));
                }
            }
        }
        let _ = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .stderr(Stdio::null())
            .status();
        let output = child.wait_with_output().expect("build ends");
        let now = std::fs::read(dir.join("out/bank.json")).expect("a bank is always there");
        let context = format!(
            "SIG{signal} at {when:?}: status {:?}, stderr {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        match output.status.code() {
            // The signal came after the run ended.
            Some(0) => assert!(now == new, "{context}"),
            Some(c) if c == code => {
                assert!(now == old || now == new, "damaged output: {context}");
                assert!(
                    String::from_utf8_lossy(&output.stderr).contains("exambank: stopped by"),
                    "{context}"
                );
            }
            // Before the handler is installed (the first milliseconds), the
            // signal's default action: nothing was written yet.
            None if output.status.signal() == Some(code - 128) => {
                assert!(now == old, "{context}");
            }
            _ => panic!("unexpected end: {context}"),
        }
        assert_eq!(
            temporaries(&dir.join("out")),
            Vec::<String>::new(),
            "{context}"
        );
    }
}
