//! How often each rule is right on the real notes (`../shared/real-notes/`),
//! held to what the rules' docs say, so that the figures cannot rot.
//!
//! Every finding of a rule on the corpus (every rule enabled, off-by-default
//! ones too) is judged by hand in `tests/real-notes/judgements/<CODE>.tsv`:
//! a header line `file line rule verdict reason`, tab-separated (`#` comment lines may
//! come first), then one row per judged finding, `file` relative to
//! `../shared/real-notes/`, `verdict` `right` or `wrong`, `reason` one line.
//! Two findings of a rule on one line take two rows.
//!
//! A rule with more than [`SAMPLE`] findings whose severity is not `error`
//! may be judged on a random sample instead (a comment line of its file
//! says `random sample`): the findings with the smallest [`sample_key`], at
//! least [`SAMPLE`] of them. The test draws the sample
//! again, so a judged sample stays a random one when the findings change.
//!
//! Checked here: each rule's `## Precision` doc line gives the counts of
//! its file; every judged finding is still reported at its file and line;
//! a rule judged in full has every finding judged, and a sample is the one
//! drawn; no rule that runs by default is right less than 9 times in 10.
//! A failure prints the rows or doc lines to write.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use exambank::lint::precision::{Precision, stated};
use exambank::lint::{RULES, RuleMeta, Severity, find_rule};
use serde_json::Value;

/// The fewest findings a sample holds, and the most a rule may have and
/// still be judged in full only.
const SAMPLE: usize = 40;
/// The seed of the sample, part of every [`sample_key`].
const SEED: &str = "13";

const HEADER: &str = "file\tline\trule\tverdict\treason";

fn judgements_dir() -> PathBuf {
    common::root().join("tests/real-notes/judgements")
}

/// A finding, as `(file, line)`.
type Place = (String, usize);

#[derive(Debug)]
struct Row {
    place: Place,
    right: bool,
}

/// A rule's judgements: its rows, and whether they are a random sample
/// (a comment line of its file says `random sample`).
#[derive(Debug, Default)]
struct Judged {
    rows: Vec<Row>,
    sample: bool,
}

/// The judged findings of each rule, by code; a malformed file or row
/// fails the test with its file and line.
fn judgements() -> BTreeMap<String, Judged> {
    let mut all = BTreeMap::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(judgements_dir())
        .expect("tests/real-notes/judgements is readable")
        .map(|e| e.expect("readable").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let code = name
            .strip_suffix(".tsv")
            .unwrap_or_else(|| panic!("{name}: only <CODE>.tsv files belong in judgements/"));
        assert!(
            find_rule(code).is_some_and(|m| m.code == code),
            "{name}: no rule {code}"
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let sample = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .any(|l| l.contains("random sample"));
        let mut lines = text
            .lines()
            .enumerate()
            .skip_while(|(_, l)| l.starts_with('#'));
        assert_eq!(
            lines.next().map(|(_, l)| l),
            Some(HEADER),
            "{name}: the header line must be `{HEADER}`"
        );
        let mut rows = Vec::new();
        for (at, line) in lines {
            let cells: Vec<&str> = line.split('\t').collect();
            let [file, number, rule, verdict, reason] = cells.as_slice() else {
                panic!("{name}:{}: five tab-separated cells, not {line:?}", at + 1);
            };
            let number: usize = number
                .parse()
                .unwrap_or_else(|_| panic!("{name}:{}: `{number}` is no line", at + 1));
            assert_eq!(*rule, code, "{name}:{}: a row of another rule", at + 1);
            assert!(
                matches!(*verdict, "right" | "wrong"),
                "{name}:{}: the verdict is `right` or `wrong`, not `{verdict}`",
                at + 1
            );
            assert!(
                !reason.trim().is_empty(),
                "{name}:{}: a judgement needs its reason",
                at + 1
            );
            rows.push(Row {
                place: ((*file).to_owned(), number),
                right: *verdict == "right",
            });
        }
        all.insert(code.to_owned(), Judged { rows, sample });
    }
    all
}

fn counted(places: impl IntoIterator<Item = Place>) -> BTreeMap<Place, usize> {
    let mut counts = BTreeMap::new();
    for place in places {
        *counts.entry(place).or_default() += 1;
    }
    counts
}

/// Where a finding stands in the sample order: the FNV-1a 64 hash of
/// `SEED file line rule k` joined by tabs, `k` counting the rule's findings on that
/// line from 0.
fn sample_key(file: &str, line: usize, rule: &str, k: usize) -> u64 {
    format!("{SEED}\t{file}\t{line}\t{rule}\t{k}")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// The figures the judgements give, findings aside.
fn judged_figures(rows: &[Row]) -> (usize, usize) {
    (rows.len(), rows.iter().filter(|r| r.right).count())
}

/// Each rule's findings on the corpus, every rule enabled, as `check`
/// reports them: `(file, line)` in the order printed.
fn corpus_findings(corpus: &Path) -> BTreeMap<String, Vec<Place>> {
    let config = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("precision-all-rules.toml");
    std::fs::write(&config, "enable = [\"all\"]\n").expect("the scratch config is writable");
    let mut folders: Vec<String> = std::fs::read_dir(corpus)
        .expect("the corpus is readable")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.'))
        .collect();
    folders.sort();
    let mut args = vec![
        "check".to_owned(),
        "--config".to_owned(),
        config.display().to_string(),
        "--format".to_owned(),
        "json".to_owned(),
    ];
    args.extend(folders);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = common::exambank(corpus, &args);
    assert!(
        matches!(output.status.code(), Some(0..=2)),
        "check crashed on the corpus:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let findings: Vec<Value> =
        serde_json::from_slice(&output.stdout).expect("check --format json prints JSON");
    let mut by_rule: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    for f in &findings {
        by_rule
            .entry(f["code"].as_str().expect("a code").to_owned())
            .or_default()
            .push((
                f["path"].as_str().expect("a path").to_owned(),
                f["line"].as_u64().expect("a line") as usize,
            ));
    }
    by_rule
}

fn docs_line(meta: &RuleMeta, figures: Precision) -> String {
    format!(
        "{}: its docs need the section\n    /// ## Precision\n    /// {}",
        meta.code,
        figures.doc_line()
    )
}

#[test]
fn every_rule_states_the_precision_its_judgements_give() {
    let judged = judgements();
    let mut problems = Vec::new();
    for rule in RULES {
        let meta = rule.meta();
        let rows = judged.get(meta.code).map_or(&[][..], |j| j.rows.as_slice());
        let (n, right) = judged_figures(rows);
        let Some(figures) = stated(meta) else {
            problems.push(docs_line(
                meta,
                Precision {
                    findings: n,
                    judged: n,
                    right,
                },
            ));
            continue;
        };
        if (figures.judged, figures.right) != (n, right) {
            problems.push(format!(
                "{}: the docs say {} judged, {} right; {} says {n} judged, {right} right",
                meta.code,
                figures.judged,
                figures.right,
                if rows.is_empty() {
                    "no judgements file".to_owned()
                } else {
                    format!("judgements/{}.tsv", meta.code)
                }
            ));
        }
        if meta.default_enabled && !figures.meets(9) {
            problems.push(format!(
                "{}: runs by default yet is right in fewer than 9 of 10 findings on the real notes \
                 ({}): tighten it, or make it a style rule off by default",
                meta.code,
                figures.brief()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn judgements_are_the_findings_the_rules_report_on_the_corpus() {
    let Some(shared) = common::shared() else {
        // Past the test harness's capture, so that a passing run says so.
        let _ = writeln!(
            std::io::stderr(),
            "NOTICE: ../shared/real-notes is missing: the judged findings were not compared with \
             what the rules report (tests/precision.rs)"
        );
        return;
    };
    let corpus = shared.join("real-notes");
    assert!(corpus.is_dir(), "{} is missing", corpus.display());
    let judged = judgements();
    let found = corpus_findings(&corpus);
    let mut problems = Vec::new();
    let mut table = String::new();
    for rule in RULES {
        let meta = rule.meta();
        let code = meta.code;
        let findings = found.get(code).map_or(&[][..], Vec::as_slice);
        let judgement = judged.get(code);
        let rows = judgement.map_or(&[][..], |j| j.rows.as_slice());
        let reported = counted(findings.iter().cloned());
        let judged_at = counted(rows.iter().map(|r| r.place.clone()));
        let gone: Vec<String> = judged_at
            .iter()
            .filter(|(place, n)| reported.get(*place).copied().unwrap_or(0) < **n)
            .map(|((file, line), _)| format!("  {file}\t{line}\t{code}"))
            .collect();
        if !gone.is_empty() {
            problems.push(format!(
                "{code}: judged findings no longer reported (delete the rows, and judge what the \
                 rule reports now):\n{}",
                gone.join("\n")
            ));
        }
        let sampled = judgement.is_some_and(|j| j.sample);
        if sampled && (findings.len() <= SAMPLE || meta.severity == Severity::Error) {
            problems.push(format!(
                "{code}: judge every finding (an error rule, or one with {SAMPLE} findings or \
                 fewer), not a sample"
            ));
        }
        let wanted: BTreeMap<Place, usize> = if sampled {
            let mut k: BTreeMap<&Place, usize> = BTreeMap::new();
            let mut keyed: Vec<(u64, &Place)> = findings
                .iter()
                .map(|place| {
                    let n = k.entry(place).or_default();
                    *n += 1;
                    (sample_key(&place.0, place.1, code, *n - 1), place)
                })
                .collect();
            keyed.sort();
            counted(
                keyed
                    .into_iter()
                    .take(rows.len().max(SAMPLE))
                    .map(|(_, p)| p.clone()),
            )
        } else {
            reported.clone()
        };
        let missing: Vec<String> = wanted
            .iter()
            .flat_map(|(place, n)| {
                let have = judged_at.get(place).copied().unwrap_or(0);
                (have..*n).map(move |_| place)
            })
            .map(|(file, line)| format!("  {file}\t{line}\t{code}\tright or wrong\t(why)"))
            .collect();
        let off_sample = rows
            .iter()
            .filter(|r| !wanted.contains_key(&r.place))
            .count();
        if !missing.is_empty() {
            problems.push(format!(
                "{code}: findings to judge in judgements/{code}.tsv ({}):\n{}",
                if sampled {
                    "the random sample"
                } else {
                    "every finding"
                },
                missing.join("\n")
            ));
        } else if off_sample > 0 && gone.is_empty() {
            problems.push(format!(
                "{code}: {off_sample} judged findings are not in the random sample"
            ));
        }
        let (n, right) = judged_figures(rows);
        let figures = Precision {
            findings: findings.len(),
            judged: n,
            right,
        };
        if stated(meta) != Some(figures) && missing.is_empty() && gone.is_empty() {
            problems.push(docs_line(meta, figures));
        }
        let _ = writeln!(
            table,
            "  {code} {:<28} {:>5} findings, {:>3} judged, {:>3} right{}",
            meta.name,
            figures.findings,
            figures.judged,
            figures.right,
            figures
                .percent()
                .map_or(String::new(), |p| format!(" ({p} %)"))
        );
    }
    let _ = writeln!(
        std::io::stderr(),
        "precision on the real-notes corpus, every rule enabled:\n{table}"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn the_sample_key_is_fnv1a_of_the_seeded_place() {
    // The value the sample of judgements/EB501.tsv was drawn with.
    assert_eq!(sample_key("a.md", 1, "EB501", 0), 0xda6e_1d5a_b35f_0ecd);
    assert_ne!(
        sample_key("a.md", 1, "EB501", 0),
        sample_key("a.md", 1, "EB501", 1)
    );
}
