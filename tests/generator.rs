//! The corpus generator (`exambank-gen`, scripts/exambank-gen) behind the benchmarks: same
//! arguments, same bytes; clean corpora are clean; every planted defect is
//! reported by its rule, inside the exercise that holds it (the per-rule
//! recall is printed: `cargo test --test generator -- --nocapture`).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Writes a corpus as `exambank-gen OUT ARGS` does (`--files`,
/// `--exercises`, `--seed`, `--defect-rate`, `--item-flaw-rate`, each with its default).
fn generate(out: &Path, args: &[&str]) {
    let mut corpus = exambank_gen::Corpus {
        files: 10,
        exercises: 30,
        seed: "0".to_owned(),
        defect_rate: 0.0,
        item_flaw_rate: 0.0,
    };
    for pair in args.chunks(2) {
        let [flag, value] = pair else {
            panic!("a flag without a value: {args:?}")
        };
        match *flag {
            "--files" => corpus.files = value.parse().expect("a count"),
            "--exercises" => corpus.exercises = value.parse().expect("a count"),
            "--seed" => (*value).clone_into(&mut corpus.seed),
            "--defect-rate" => corpus.defect_rate = value.parse().expect("a rate"),
            "--item-flaw-rate" => corpus.item_flaw_rate = value.parse().expect("a rate"),
            other => panic!("unknown flag {other}"),
        }
    }
    exambank_gen::write_corpus(out, &corpus).expect("the corpus is written");
}

fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("the corpus")
        .map(|e| {
            let e = e.expect("an entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("a file"),
            )
        })
        .collect()
}

fn check_json(dir: &Path, input: &str) -> (Option<i32>, Vec<Value>) {
    let output = Command::new(env!("CARGO_BIN_EXE_exambank"))
        .args(["check", "--format", "json", input])
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    let findings: Value = serde_json::from_slice(&output.stdout).expect("JSON findings");
    (
        output.status.code(),
        findings.as_array().expect("an array").clone(),
    )
}

#[test]
fn same_arguments_give_the_same_bytes_and_file_i_does_not_depend_on_the_count() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let args = [
        "--files",
        "12",
        "--exercises",
        "20",
        "--seed",
        "s",
        "--defect-rate",
        "0.2",
    ];
    generate(&dir.path().join("a"), &args);
    generate(&dir.path().join("b"), &args);
    let a = files_of(&dir.path().join("a"));
    assert_eq!(a.len(), 13, "12 notes files and the manifest");
    assert_eq!(a, files_of(&dir.path().join("b")));

    generate(
        &dir.path().join("c"),
        &[
            "--files",
            "3",
            "--exercises",
            "20",
            "--seed",
            "s",
            "--defect-rate",
            "0.2",
        ],
    );
    let c = files_of(&dir.path().join("c"));
    assert_eq!(c["course_00002.md"], a["course_00002.md"]);
}

#[test]
fn a_clean_corpus_has_no_error_and_builds() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    generate(
        &dir.path().join("notes"),
        &["--files", "40", "--seed", "clean"],
    );
    std::fs::write(dir.path().join("exambank.toml"), ENABLE_PLANTED).expect("a config");
    let (status, findings) = check_json(dir.path(), "notes");
    let errors: Vec<_> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(status, Some(0));
    // The generator plants item-writing flaws only on purpose.
    let flaws: Vec<_> = findings
        .iter()
        .filter(|f| ITEM_WRITING.contains(&f["code"].as_str().unwrap_or_default()))
        .collect();
    assert!(flaws.is_empty(), "{flaws:#?}");
    let output = Command::new(env!("CARGO_BIN_EXE_exambank"))
        .args(["build", "notes", "--to", "json", "--out", "bank.json"])
        .current_dir(dir.path())
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let bank: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("bank.json")).expect("the bank"))
            .expect("JSON");
    let items: usize = bank["courses"]
        .as_array()
        .expect("courses")
        .iter()
        .flat_map(|c| c["chapters"].as_array().expect("chapters"))
        .map(|ch| ch["items"].as_array().expect("items").len())
        .sum();
    // 40 files of 30 exercises; reading material is not an item.
    assert!((1000..1200).contains(&items), "{items} items");
}

/// The item-writing rules whose flaws the generator plants.
const ITEM_WRITING: &[&str] = &[
    "EB114", "EB115", "EB116", "EB117", "EB118", "EB119", "EB120", "EB121", "EB122",
];

/// Turns on the rules off by default whose defects the generator plants.
const ENABLE_PLANTED: &str = "enable = [\"EB114\", \"EB120\"]\n";

#[test]
fn every_planted_defect_is_reported_in_its_exercise() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    generate(
        &dir.path().join("notes"),
        &[
            "--files",
            "60",
            "--seed",
            "defects",
            "--defect-rate",
            "0.15",
        ],
    );
    std::fs::write(dir.path().join("exambank.toml"), ENABLE_PLANTED).expect("a config");
    let (status, findings) = check_json(dir.path(), "notes");
    assert_eq!(status, Some(1));
    let manifest =
        std::fs::read_to_string(dir.path().join("notes/manifest.jsonl")).expect("the manifest");
    let mut planted = 0;
    let mut kinds = std::collections::BTreeSet::new();
    // Per rule: defects planted and defects reported.
    let mut recall: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for line in manifest.lines() {
        let entry: Value = serde_json::from_str(line).expect("a manifest line");
        let path = format!("notes/{}", entry["file"].as_str().expect("file"));
        for defect in entry["defects"].as_array().expect("defects") {
            planted += 1;
            let code = defect["code"].as_str().expect("code");
            kinds.insert(code.to_owned());
            let (first, last) = (defect["line"].as_u64(), defect["end_line"].as_u64());
            let found = findings.iter().any(|f| {
                f["path"] == path.as_str()
                    && f["code"] == code
                    && f["line"].as_u64() >= first
                    && f["line"].as_u64() <= last
            });
            let entry = recall.entry(code.to_owned()).or_default();
            entry.0 += 1;
            entry.1 += usize::from(found);
        }
    }
    // Per-rule recall on the planted defects, printed for the record
    // (`cargo test --test generator -- --nocapture`).
    let table: Vec<String> = recall
        .iter()
        .map(|(code, (planted, found))| format!("{code} {found}/{planted}"))
        .collect();
    println!("planted-defect recall: {}", table.join(", "));
    let missed: Vec<&String> = recall
        .iter()
        .filter(|(_, (planted, found))| found < planted)
        .map(|(code, _)| code)
        .collect();
    assert!(missed.is_empty(), "planted defects not reported: {table:?}");
    assert!(planted > 100, "{planted} defects planted");
    // Every kind the generator plants occurs in a corpus of this size.
    assert!(kinds.len() >= 23, "{kinds:?}");
}

/// The codes of the item-writing flaws `--item-flaw-rate` plants.
const ITEM_FLAWS: &[&str] = &[
    "EB123", "EB124", "EB125", "EB126", "EB127", "EB128", "EB129", "EB130", "EB131", "EB132",
];

#[test]
fn planted_item_flaws_are_reported_by_their_rules() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    generate(
        &dir.path().join("notes"),
        &[
            "--files",
            "60",
            "--seed",
            "item-flaws",
            "--item-flaw-rate",
            "0.3",
        ],
    );
    // Off-by-default rules among them are turned on for the measure.
    let quoted: Vec<String> = ITEM_FLAWS.iter().map(|c| format!("\"{c}\"")).collect();
    std::fs::write(
        dir.path().join("exambank.toml"),
        format!("enable = [{}]\n", quoted.join(", ")),
    )
    .expect("the configuration");
    let (_, findings) = check_json(dir.path(), "notes");
    let manifest =
        std::fs::read_to_string(dir.path().join("notes/manifest.jsonl")).expect("the manifest");
    // Per rule: planted, reported.
    let mut recall: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    for line in manifest.lines() {
        let entry: Value = serde_json::from_str(line).expect("a manifest line");
        let path = format!("notes/{}", entry["file"].as_str().expect("file"));
        for defect in entry["defects"].as_array().expect("defects") {
            let code = defect["code"].as_str().expect("code");
            let (first, last) = (defect["line"].as_u64(), defect["end_line"].as_u64());
            let found = findings.iter().any(|f| {
                f["path"] == path.as_str()
                    && f["code"] == code
                    && f["line"].as_u64() >= first
                    && f["line"].as_u64() <= last
            });
            let counts = recall.entry(code.to_owned()).or_default();
            counts.0 += 1;
            counts.1 += usize::from(found);
            if !found {
                missed.push(format!("{path}: {defect}"));
            }
        }
    }
    let table: Vec<String> = recall
        .iter()
        .map(|(code, (planted, found))| format!("{code}: {found} of {planted} planted reported"))
        .collect();
    // The figures, for the closing note of a change to these rules.
    eprintln!("planted-defect recall:\n  {}", table.join("\n  "));
    for code in ITEM_FLAWS {
        assert!(
            recall.get(*code).is_some_and(|(planted, _)| *planted >= 3),
            "{code} planted too rarely: {recall:?}"
        );
    }
    assert!(
        missed.is_empty(),
        "{}\n{}",
        table.join("\n"),
        missed.join("\n")
    );
}
