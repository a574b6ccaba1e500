//! The corpus check: `check` and `build --to json` over the real notes in
//! `../shared/real-notes/`, written as one compact summary that is kept as
//! a snapshot (`snapshots/corpus_summary.snap`). A change to the parser or
//! to a rule shows in review as a diff of that summary; an unaccepted
//! change fails here. Accept one with `scripts/corpus-check --accept`.
//!
//! The summary, per file, in line order:
//!
//! ```text
//! datacamp/notes.md
//!   12 single_choice options=4 correct=1 explained=2 note
//!   30 code sql lines=12
//!   44 none
//!     45 EB002 error
//! ```
//!
//! An exercise line gives its heading's line, the kind of item `build`
//! made of it and its shape: `options=` and `correct=`, `groups=` with
//! the items per group, `steps=`, the code's language and line count;
//! `explained=` counts the options or entries with their own explanation,
//! `note` says the item has general feedback. `none` is an exercise that
//! is not an item (reading material, an empty section); `skipped=CODE` ends
//! the line of an item that `build --skip-invalid` left out for that error. An indented line
//! is a finding: its line, code and severity. A file that could not be
//! read has one line saying why.
//!
//! Every finding on the corpus is judged by hand in
//! `tests/real-notes/judgements/` (every error finding, and every finding
//! or a random sample of the others): see `tests/precision.rs`.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use exambank::pipeline::check_text;
use serde_json::Value;

/// `../shared/real-notes`, when it is there (a loud notice, and a failure
/// in CI, when it is not).
fn corpus() -> Option<PathBuf> {
    let dir = common::root().join("../shared/real-notes");
    if dir.is_dir() {
        return Some(dir);
    }
    let message = format!(
        "NOTICE: {} is missing: the corpus check did not run",
        dir.display()
    );
    // Past the test harness's capture, so that a passing run says it too.
    let _ = writeln!(std::io::stderr(), "{message}");
    assert!(std::env::var_os("CI").is_none(), "{message}");
    None
}

/// The folders of notes in the corpus (`datacamp`, ...): everything but
/// the corpus's own README and licence.
fn notes_folders(corpus: &Path) -> Vec<String> {
    let mut folders: Vec<String> = std::fs::read_dir(corpus)
        .expect("the corpus folder is readable")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| !name.starts_with('.'))
        .collect();
    folders.sort();
    folders
}

/// Runs exambank in the corpus folder; a crash (not an exit status of 0, 1
/// or 2) fails the check with its standard error.
fn run(corpus: &Path, args: &[&str]) -> Output {
    let output = common::exambank(corpus, args);
    assert!(
        matches!(output.status.code(), Some(0..=2)),
        "exambank {} crashed on the corpus:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[derive(Debug, Default)]
struct File {
    /// Why the file could not be read, when it could not.
    unreadable: Option<String>,
    /// Line of each exercise heading, with its summary line.
    exercises: BTreeMap<usize, String>,
    /// Last line of each exercise, by its heading's line.
    ends: BTreeMap<usize, usize>,
    /// The shape of every item the file lowers to, errors or not, by line:
    /// what `build` leaves out with `--skip-invalid`.
    lowered: BTreeMap<usize, String>,
    /// Line, code and severity of each finding.
    findings: Vec<(usize, String, String)>,
}

#[derive(Debug, Default)]
struct Corpus {
    files: BTreeMap<String, File>,
}

fn str_of<'v>(value: &'v Value, key: &str) -> &'v str {
    value[key].as_str().unwrap_or_default()
}

fn count_of(value: &Value, key: &str) -> usize {
    value[key].as_array().map_or(0, Vec::len)
}

fn explained(entries: &[Value]) -> usize {
    entries.iter().filter(|e| !e["feedback"].is_null()).count()
}

/// The kind and shape of one item of the JSON bank.
fn shape(item: &Value) -> String {
    let kind = str_of(item, "kind");
    let mut out = kind.to_owned();
    let empty = Vec::new();
    match kind {
        "single_choice" | "multiple_choice" => {
            let options = item["options"].as_array().unwrap_or(&empty);
            let correct = options.iter().filter(|o| o["correct"] == true).count();
            let _ = write!(out, " options={} correct={correct}", options.len());
            let n = explained(options);
            if n > 0 {
                let _ = write!(out, " explained={n}");
            }
        }
        "categorize" => {
            let groups = item["groups"].as_array().unwrap_or(&empty);
            let sizes: Vec<String> = groups
                .iter()
                .map(|g| count_of(g, "items").to_string())
                .collect();
            let _ = write!(out, " groups={} items={}", groups.len(), sizes.join("/"));
            let n: usize = groups
                .iter()
                .map(|g| explained(g["items"].as_array().unwrap_or(&empty)))
                .sum();
            if n > 0 {
                let _ = write!(out, " explained={n}");
            }
        }
        "order" => {
            let steps = item["steps"].as_array().unwrap_or(&empty);
            let _ = write!(out, " steps={}", steps.len());
            let n = explained(steps);
            if n > 0 {
                let _ = write!(out, " explained={n}");
            }
        }
        _ => {
            let answer = &item["answer"];
            if let Some(language) = answer["language"].as_str() {
                let _ = write!(out, " {language}");
            }
            let lines = str_of(answer, "text").lines().count();
            let _ = write!(out, " lines={lines}");
        }
    }
    if !item["feedback"].is_null() {
        out.push_str(" note");
    }
    out
}

/// Reads the corpus the way a user would: `check --format json` for the
/// findings and the files that cannot be read, `build --to json
/// --skip-invalid` for the items, and the library's list of exercises for
/// the exercises that are not items.
fn read_corpus(corpus: &Path) -> Corpus {
    let folders = notes_folders(corpus);
    let folders: Vec<&str> = folders.iter().map(String::as_str).collect();
    let mut result = Corpus::default();

    let mut args = vec!["check", "--isolated", "--format", "json"];
    args.extend(&folders);
    let check = run(corpus, &args);
    let findings: Vec<Value> =
        serde_json::from_slice(&check.stdout).expect("check --format json prints JSON");
    for finding in &findings {
        let line = finding["line"].as_u64().expect("a finding has a line") as usize;
        result
            .files
            .entry(str_of(finding, "path").to_owned())
            .or_default()
            .findings
            .push((
                line,
                str_of(finding, "code").to_owned(),
                str_of(finding, "severity").to_owned(),
            ));
    }
    for line in String::from_utf8_lossy(&check.stderr).lines() {
        if let Some((path, why)) = line
            .strip_prefix("error: ")
            .and_then(|rest| rest.split_once(": "))
        {
            result.files.entry(path.to_owned()).or_default().unreadable = Some(why.to_owned());
        }
    }

    // Every notes file, readable or not (a clean file has no finding).
    let mut readable = Vec::new();
    for folder in &folders {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus.join(folder))
            .expect("a corpus folder is readable")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        paths.sort();
        for path in paths {
            let name = format!(
                "{folder}/{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            let file = result.files.entry(name.clone()).or_default();
            if file.unreadable.is_some() {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("check read this file");
            let checked = check_text(&name, &text, &[]);
            let text = &checked.file.text;
            for exercise in exambank::parse::parse(text).exercises() {
                let line = checked.index.line_col(text, exercise.heading.start).line;
                let end = checked.index.line_col(text, exercise.span.end).line;
                file.exercises.insert(line, "none".to_owned());
                file.ends.insert(line, end);
            }
            for chapter in checked.course.iter().flat_map(|c| &c.chapters) {
                for item in &chapter.items {
                    let item = serde_json::to_value(item).expect("an item is JSON");
                    file.lowered.insert(
                        item["source"]["line"].as_u64().unwrap_or(0) as usize,
                        shape(&item),
                    );
                }
            }
            readable.push(name);
        }
    }

    let mut args = vec![
        "build",
        "--isolated",
        "--to",
        "json",
        "--skip-invalid",
        "--out",
        "-",
    ];
    args.extend(readable.iter().map(String::as_str));
    let build = run(corpus, &args);
    let bank: Value = serde_json::from_slice(&build.stdout).unwrap_or_else(|e| {
        panic!(
            "build --to json --skip-invalid printed no bank ({e}):\n{}",
            String::from_utf8_lossy(&build.stderr)
        )
    });
    let empty = Vec::new();
    for course in bank["courses"].as_array().unwrap_or(&empty) {
        for chapter in course["chapters"].as_array().unwrap_or(&empty) {
            for item in chapter["items"].as_array().unwrap_or(&empty) {
                let source = &item["source"];
                let line = source["line"].as_u64().expect("an item has a line") as usize;
                let file = result.files.entry(str_of(source, "path").to_owned());
                file.or_default().exercises.insert(line, shape(item));
            }
        }
    }
    // `skipped: path:line: `title`: CODE(name) message`
    for line in String::from_utf8_lossy(&build.stderr).lines() {
        let Some(rest) = line.strip_prefix("skipped: ") else {
            continue;
        };
        let mut parts = rest.splitn(3, ':');
        let (Some(path), Some(line)) = (parts.next(), parts.next()) else {
            continue;
        };
        let code = rest
            .split("`: ")
            .nth(1)
            .and_then(|r| r.split('(').next())
            .unwrap_or("?");
        if let Ok(line) = line.parse::<usize>() {
            let file = result.files.entry(path.to_owned()).or_default();
            let shape = file.lowered.get(&line).map_or("?", String::as_str);
            let skipped = format!("{shape} skipped={code}");
            file.exercises.insert(line, skipped);
        }
    }
    result
}

impl File {
    /// The exercise whose section holds `line`, by its heading's line.
    fn exercise_at(&self, line: usize) -> Option<usize> {
        let (&start, _) = self.exercises.range(..=line).next_back()?;
        (line <= self.ends.get(&start).copied().unwrap_or(start)).then_some(start)
    }
}

impl Corpus {
    /// Totals first (what a change did at a glance), then every file.
    fn summary(&self) -> String {
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_rule: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        let mut silent = 0;
        let mut unreadable = 0;
        for file in self.files.values() {
            unreadable += usize::from(file.unreadable.is_some());
            for (line, exercise) in &file.exercises {
                let kind = exercise.split(' ').next().unwrap_or_default();
                *kinds.entry(kind).or_default() += 1;
                let has_finding = file
                    .findings
                    .iter()
                    .any(|(l, _, _)| file.exercise_at(*l) == Some(*line));
                silent += usize::from(kind == "none" && !has_finding);
            }
            for (_, code, severity) in &file.findings {
                *by_rule.entry((severity, code)).or_default() += 1;
            }
        }
        let mut out = String::new();
        let _ = writeln!(out, "files: {} ({unreadable} unreadable)", self.files.len());
        let exercises: usize = kinds.values().sum();
        let _ = writeln!(out, "exercises: {exercises}");
        for (kind, n) in &kinds {
            let _ = writeln!(out, "  {kind}: {n}");
        }
        let _ = writeln!(out, "exercises with no item and no finding: {silent}");
        for severity in ["error", "warning", "style"] {
            let total: usize = by_rule
                .iter()
                .filter(|((s, _), _)| *s == severity)
                .map(|(_, n)| n)
                .sum();
            let _ = writeln!(out, "{severity} findings: {total}");
            for ((_, code), n) in by_rule.iter().filter(|((s, _), _)| *s == severity) {
                let _ = writeln!(out, "  {code}: {n}");
            }
        }
        for (path, file) in &self.files {
            let _ = writeln!(out, "\n{path}");
            if let Some(why) = &file.unreadable {
                let _ = writeln!(out, "  unreadable: {why}");
            }
            // Exercises and findings in line order; at one line, the
            // exercise comes before its findings.
            let mut lines: Vec<(usize, u8, String)> = file
                .exercises
                .iter()
                .map(|(line, exercise)| (*line, 0, format!("  {line} {exercise}")))
                .chain(file.findings.iter().map(|(line, code, severity)| {
                    (*line, 1, format!("    {line} {code} {severity}"))
                }))
                .collect();
            lines.sort();
            for (_, _, text) in lines {
                let _ = writeln!(out, "{text}");
            }
        }
        out
    }
}

/// The corpus, read once for every test of this file.
fn read() -> Option<&'static Corpus> {
    static CORPUS: OnceLock<Option<Corpus>> = OnceLock::new();
    CORPUS
        .get_or_init(|| corpus().map(|dir| read_corpus(&dir)))
        .as_ref()
}

#[test]
fn corpus_summary() {
    let Some(corpus) = read() else {
        return;
    };
    let summary = corpus.summary();
    let mut settings = common::settings();
    settings.set_description(
        "check and build --to json over ../shared/real-notes (tests/corpus.rs); \
         accept a change with scripts/corpus-check --accept",
    );
    settings.set_omit_expression(true);
    let compared = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        settings.bind(|| insta::assert_snapshot!("corpus_summary", summary));
    }));
    assert!(
        compared.is_ok(),
        "The corpus summary changed: review the diff above (every exercise that changed kind \
         or shape, every finding that came or went). If the change is right, accept it with \
         `scripts/corpus-check --accept` (or `cargo insta review`) and commit \
         snapshots/corpus_summary.snap with it."
    );
}
