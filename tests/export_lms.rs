//! The learning-system targets (`qti12`, `moodle`, `gift`, `html`) on the
//! small bank with one item of each kind (`fixtures/export/small.md`), and
//! on `content/` and the sampler: snapshots, byte-identical rebuilds, QTI
//! 1.2 schema validation, Moodle XML and GIFT read back the way Moodle
//! reads them, the HTML preview in headless Chromium, the warnings of
//! `build`, and the table of `docs/targets.md`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use exambank::export::{self, Artifact, ExportOptions, OutFile, markup, qti12};
use exambank::lint::RuleSettings;
use exambank::model::{self, Bank, Item, ItemBody, ItemKind};
use exambank::pipeline::{InvalidItems, build_bank};
use exambank::source::SourceFile;
use proptest::prelude::*;
use quick_xml::events::Event;

const SMALL: &str = "tests/fixtures/export/small.md";
const CONTENT: [&str; 2] = ["content/python-pipelines.md", "content/relational-data.md"];
const LMS_TARGETS: &str = "qti12,moodle,gift,html";

// ---------------------------------------------------------------------------
// Banks and exports

/// The bank of `paths` (relative to the crate root), assembled as `build`
/// does; the notes must be free of errors.
fn bank(paths: &[&str]) -> Bank {
    let sources = paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(common::root().join(path)).expect("notes readable");
            SourceFile::new(*path, text)
        })
        .collect();
    let (files, assembly) = build_bank(sources, &RuleSettings::default(), InvalidItems::Keep);
    assert!(
        assembly.errors == 0,
        "the notes have errors: {:?}",
        files.iter().flat_map(|f| &f.findings).collect::<Vec<_>>()
    );
    assembly.bank
}

fn items(bank: &Bank) -> Vec<&Item> {
    bank.items().map(|(_, _, item)| item).collect()
}

fn export(target: &str, bank: &Bank, options: &ExportOptions) -> Artifact {
    export::exporter(target)
        .unwrap_or_else(|| panic!("no target {target}"))
        .export(bank, options)
        .expect("export succeeds")
}

fn file_text(artifact: Artifact) -> String {
    match artifact {
        Artifact::File { bytes } => String::from_utf8(bytes).expect("UTF-8"),
        Artifact::Package { .. } => panic!("expected a single file"),
    }
}

fn package(artifact: Artifact) -> Vec<OutFile> {
    match artifact {
        Artifact::Package { files } => files,
        Artifact::File { .. } => panic!("expected a package"),
    }
}

fn package_file(files: &[OutFile], path: &str) -> String {
    let file = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path} in the package"));
    String::from_utf8(file.bytes.clone()).expect("UTF-8")
}

/// Every file of a package, each under a `=== path` line.
fn package_text(files: &[OutFile]) -> String {
    files
        .iter()
        .map(|f| {
            format!(
                "=== {}\n{}",
                f.path,
                String::from_utf8_lossy(&f.bytes).trim_end()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The model answer as the exporters write it: code verbatim, prose as Markdown.
fn model_answer(answer: &model::Answer) -> String {
    if answer.language.is_some() {
        markup::code_block(&answer.text)
    } else {
        markup::blocks(&answer.text)
    }
}

fn quiz_options() -> ExportOptions {
    ExportOptions {
        qti12_shape: qti12::Shape::Quiz,
        ..ExportOptions::default()
    }
}

/// Runs `exambank build` and asserts it succeeded.
fn build(args: &[&str]) -> std::process::Output {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let output = common::exambank(&common::root(), &all);
    assert!(
        output.status.success(),
        "build failed:\n{}",
        common::transcript(&output)
    );
    output
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temporary path")
}

// ---------------------------------------------------------------------------
// Snapshots and determinism

#[test]
fn snapshots_of_every_target_on_the_small_bank() {
    let bank = bank(&[SMALL]);
    let default = ExportOptions::default();
    common::settings().bind(|| {
        insta::assert_snapshot!(
            "lms_qti12_bank",
            package_text(&package(export("qti12", &bank, &default)))
        );
        insta::assert_snapshot!(
            "lms_qti12_quiz",
            package_text(&package(export("qti12", &bank, &quiz_options())))
        );
        insta::assert_snapshot!("lms_moodle", file_text(export("moodle", &bank, &default)));
        insta::assert_snapshot!("lms_gift", file_text(export("gift", &bank, &default)));
        insta::assert_snapshot!(
            "lms_html",
            package_text(&package(export("html", &bank, &default)))
        );
    });
}

#[test]
fn partial_scoring_changes_only_the_penalty_of_wrong_options() {
    let bank = bank(&[SMALL]);
    let partial = ExportOptions {
        partial_scoring: true,
        ..ExportOptions::default()
    };
    let strict = file_text(export("moodle", &bank, &ExportOptions::default()));
    let lenient = file_text(export("moodle", &bank, &partial));
    // Two correct options of three: the wrong one takes away one share (50).
    assert!(strict.contains("<answer fraction=\"-100\""));
    assert!(!lenient.contains("<answer fraction=\"-100\""));
    assert!(lenient.contains("<answer fraction=\"-50\""));
    let gift = file_text(export("gift", &bank, &partial));
    assert!(gift.contains("~%-50%SELECT * FROM t WHERE note"));
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("readable directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("under the root");
                out.insert(
                    rel.to_string_lossy().into_owned(),
                    std::fs::read(&path).expect("readable file"),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn two_builds_are_byte_identical() {
    let temp = tempfile::tempdir().expect("temporary directory");
    let first = temp.path().join("first");
    let second = temp.path().join("second");
    for out in [&first, &second] {
        build(&[
            SMALL,
            "content/",
            "--to",
            LMS_TARGETS,
            "--out",
            path_str(out),
        ]);
    }
    let (a, b) = (tree(&first), tree(&second));
    let names: Vec<&String> = a.keys().collect();
    assert_eq!(
        names,
        [
            "gift.txt",
            "html/index.html",
            "html/python-pipelines.html",
            "html/relational-data.html",
            "html/small.html",
            "moodle.xml",
            "qti12.zip",
        ]
    );
    assert!(a == b, "a second build wrote different bytes");
}

#[test]
fn a_rebuild_replaces_the_preview_directory_whole() {
    let temp = tempfile::tempdir().expect("temporary directory");
    let out = temp.path().join("dist");
    build(&[SMALL, "--to", "html,gift", "--out", path_str(&out)]);
    std::fs::write(out.join("html/stale.html"), "old").expect("writable");
    build(&[SMALL, "--to", "html,gift", "--out", path_str(&out)]);
    let files: Vec<String> = tree(&out).into_keys().collect();
    assert_eq!(
        files,
        ["gift.txt", "html/index.html", "html/small.html"],
        "stale or temporary files are left"
    );
    // Nothing is left beside the output either.
    let beside: Vec<_> = std::fs::read_dir(temp.path())
        .expect("readable")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(beside, ["dist"]);
}

// ---------------------------------------------------------------------------
// Warnings of `build`

#[test]
fn build_warns_once_per_item_kind_and_target() {
    let temp = tempfile::tempdir().expect("temporary directory");
    let out = temp.path().join("dist");
    let output = build(&[SMALL, "--to", LMS_TARGETS, "--out", path_str(&out)]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    let mut unique = warnings.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), warnings.len(), "a warning is repeated");
    // One line per (target, kind) with a limitation, and only those.
    let options = ExportOptions::default();
    for target in ["qti12", "moodle", "gift", "html"] {
        let exporter = export::exporter(target).expect("target");
        for kind in ItemKind::ALL {
            let prefix = format!("warning: {target}: {} items ", kind.as_str());
            let count = warnings.iter().filter(|w| w.starts_with(&prefix)).count();
            let expected = usize::from(exporter.limitation(kind, &options).is_some());
            assert_eq!(count, expected, "{prefix}");
        }
    }
    common::settings().bind(|| {
        insta::assert_snapshot!("lms_build_warnings", stderr);
    });

    // Partial scoring is what Canvas and Moodle do: no warning for it.
    let partial = build(&[
        SMALL,
        "--to",
        LMS_TARGETS,
        "--scoring",
        "partial",
        "--out",
        path_str(&out),
    ]);
    let stderr = String::from_utf8_lossy(&partial.stderr);
    assert!(!stderr.contains("multiple_choice items"), "{stderr}");
    assert!(stderr.contains("warning: qti12: order items"), "{stderr}");
}

// ---------------------------------------------------------------------------
// QTI 1.2 (Canvas)

/// `validate-qti` from ../shared, when it and xmllint are there: loud
/// otherwise, and failing in CI.
fn validate_qti() -> Option<PathBuf> {
    let tool = common::shared()?.join("tools/validate-qti");
    let has_xmllint = Command::new("xmllint")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_xmllint {
        let message = "NOTICE: xmllint is missing (apt-get install -y libxml2-utils): the QTI 1.2 schema validation did not run";
        eprintln!("{message}");
        assert!(std::env::var_os("CI").is_none(), "{message}");
        return None;
    }
    Some(tool)
}

#[test]
#[ignore = "slow (a schema validator or a browser): run by .ci/run"]
fn qti12_packages_are_valid_against_the_schemas() {
    let Some(tool) = validate_qti() else { return };
    let sampler = common::sampler().expect("validate_qti found ../shared");
    let temp = tempfile::tempdir().expect("temporary directory");
    let dir = temp.path();
    let mut zips = Vec::new();
    for (name, inputs, shape) in [
        ("small-bank", vec![SMALL], "bank"),
        ("small-quiz", vec![SMALL], "quiz"),
        ("content-bank", vec!["content/"], "bank"),
        ("content-quiz", vec!["content/"], "quiz"),
    ] {
        let zip = dir.join(format!("{name}.zip"));
        let mut args = inputs;
        args.extend([
            "--to",
            "qti12",
            "--qti12-as",
            shape,
            "--out",
            path_str(&zip),
        ]);
        build(&args);
        zips.push(zip);
    }
    let zip = dir.join("sampler.zip");
    build(&[
        path_str(&sampler),
        "--skip-invalid",
        "--to",
        "qti12",
        "--out",
        path_str(&zip),
    ]);
    zips.push(zip);

    // Odd text (slashes, braces, `]]>`, `->`) in a package of its own.
    let zip = dir.join("odd.zip");
    let odd = package(export("qti12", &odd_text_bank(), &ExportOptions::default()));
    std::fs::write(&zip, export::zip_bytes(&odd).expect("zipped")).expect("writable");
    zips.push(zip);

    let output = Command::new("bash")
        .arg(&tool)
        .arg("-q")
        .args(&zips)
        .output()
        .expect("validate-qti runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "validate-qti failed:\n{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Each package: its manifest and a QTI file per course (content has two).
    assert!(
        report.contains("validate-qti: 14 checked, 14 OK, 0 failed, 3 skipped"),
        "{report}"
    );
}

#[test]
fn qti12_items_carry_what_canvas_reads() {
    let bank = bank(&[SMALL]);
    let files = package(export("qti12", &bank, &ExportOptions::default()));
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["imsmanifest.xml", "bank-small/bank-small.xml"]);
    let manifest = parse_xml(&package_file(&files, "imsmanifest.xml"));
    let resource = manifest.find("resource").expect("a resource");
    assert_eq!(resource.attr("type"), "imsqti_xmlv1p2");
    assert_eq!(
        resource.find("file").expect("a file").attr("href"),
        "bank-small/bank-small.xml"
    );

    let qti = parse_xml(&package_file(&files, "bank-small/bank-small.xml"));
    let objectbank = qti.find("objectbank").expect("an objectbank");
    assert_eq!(metadata(objectbank)["bank_title"], bank.courses[0].title);
    let xml_items = objectbank.all("item");
    let expected = [
        "multiple_choice_question",
        "multiple_answers_question",
        "matching_question",
        "matching_question",
        "essay_question",
        "essay_question",
    ];
    assert_eq!(xml_items.len(), expected.len());
    for ((node, item), question_type) in xml_items.iter().zip(items(&bank)).zip(expected) {
        let meta = metadata(node.find("itemmetadata").expect("itemmetadata"));
        assert_eq!(meta["question_type"], question_type, "{}", item.id);
        assert_eq!(meta["points_possible"], "1");
        assert_eq!(meta["assessment_question_identifierref"], item.id);
        assert_eq!(node.attr("ident"), item.id);
        // original_answer_ids lists the answers, and they are numbers.
        let ids: Vec<&str> = meta["original_answer_ids"]
            .split(',')
            .filter(|s| !s.is_empty())
            .collect();
        assert!(ids.iter().all(|id| id.parse::<u32>().is_ok()), "{ids:?}");
        // Every displayfeedback points at an itemfeedback, and each
        // itemfeedback is used.
        let targets: Vec<&str> = node
            .all("displayfeedback")
            .iter()
            .map(|d| d.attr("linkrefid"))
            .collect();
        let feedbacks: Vec<&str> = node
            .all("itemfeedback")
            .iter()
            .map(|f| f.attr("ident"))
            .collect();
        let mut sorted_targets = targets.clone();
        sorted_targets.sort_unstable();
        sorted_targets.dedup();
        let mut sorted_feedbacks = feedbacks.clone();
        sorted_feedbacks.sort_unstable();
        assert_eq!(sorted_targets, sorted_feedbacks, "{}", item.id);
        for ident in feedbacks {
            assert!(
                ident == "general_fb"
                    || ident
                        .strip_suffix("_fb")
                        .is_some_and(|id| ids.contains(&id)),
                "feedback `{ident}` is not one Canvas reads"
            );
        }
        match &item.body {
            ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
                let labels = node.all("response_label");
                assert_eq!(labels.len(), options.len());
                // The scoring condition names exactly the correct set.
                let scoring = node
                    .all("respcondition")
                    .into_iter()
                    .find(|c| c.find("setvar").is_some())
                    .expect("a scoring condition");
                let conditions = scoring.find("conditionvar").expect("conditionvar");
                let conditions = conditions.find("and").unwrap_or(conditions);
                let mut chosen = Vec::new();
                let mut refused = Vec::new();
                for condition in &conditions.children {
                    match condition.name.as_str() {
                        "varequal" => chosen.push(condition.text.clone()),
                        "not" => {
                            refused.push(condition.find("varequal").expect("varequal").text.clone())
                        }
                        other => panic!("unexpected condition {other}"),
                    }
                }
                for (k, option) in options.iter().enumerate() {
                    let id = (k + 1).to_string();
                    let single = item.kind() == ItemKind::SingleChoice;
                    assert_eq!(chosen.contains(&id), option.correct, "{}", option.text);
                    assert_eq!(
                        refused.contains(&id),
                        !option.correct && !single,
                        "{}",
                        option.text
                    );
                }
            }
            ItemBody::Categorize { groups } => {
                // A drop-down per item, offering every group.
                let entries: usize = groups.iter().map(|g| g.items.len()).sum();
                let lids = node.all("response_lid");
                assert_eq!(lids.len(), entries);
                for lid in lids {
                    assert_eq!(lid.all("response_label").len(), groups.len());
                }
            }
            ItemBody::Order { steps } => {
                let lids = node.all("response_lid");
                assert_eq!(lids.len(), steps.len());
                let first: Vec<String> = lids
                    .iter()
                    .map(|l| l.find("mattext").expect("step text").text.clone())
                    .collect();
                let written: Vec<String> = steps.iter().map(|s| markup::inline(&s.text)).collect();
                assert_ne!(first, written, "steps listed in the answer's order");
            }
            ItemBody::Code { answer } | ItemBody::FreeText { answer } => {
                let general = node
                    .all("itemfeedback")
                    .into_iter()
                    .find(|f| f.attr("ident") == "general_fb")
                    .expect("the model answer");
                let text = &general.find("mattext").expect("text").text;
                assert!(text.contains(&model_answer(answer)), "{text}");
            }
        }
    }
}

fn metadata(node: &Node) -> BTreeMap<String, String> {
    node.find("qtimetadata")
        .expect("qtimetadata")
        .all("qtimetadatafield")
        .iter()
        .map(|f| {
            (
                f.find("fieldlabel").expect("label").text.clone(),
                f.find("fieldentry").expect("entry").text.clone(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------
// A small XML tree, read with quick-xml (which checks well-formedness)

#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: BTreeMap<String, String>,
    children: Vec<Node>,
    text: String,
}

impl Node {
    fn attr(&self, name: &str) -> &str {
        self.attrs
            .get(name)
            .map_or_else(|| panic!("<{}> has no {name}", self.name), String::as_str)
    }

    /// The first descendant called `name`, depth first.
    fn find(&self, name: &str) -> Option<&Node> {
        self.children.iter().find_map(|c| {
            if c.name == name {
                Some(c)
            } else {
                c.find(name)
            }
        })
    }

    /// Every descendant called `name`, in document order.
    fn all(&self, name: &str) -> Vec<&Node> {
        let mut out = Vec::new();
        for child in &self.children {
            if child.name == name {
                out.push(child);
            }
            out.extend(child.all(name));
        }
        out
    }

    fn child_text(&self, name: &str) -> String {
        self.children.iter().find(|c| c.name == name).map_or_else(
            || panic!("<{}> has no <{name}>", self.name),
            |c| c.text.clone(),
        )
    }

    /// `<name><text>...</text></name>`, Moodle's shape for text.
    fn moodle_text(&self, name: &str) -> String {
        self.children.iter().find(|c| c.name == name).map_or_else(
            || panic!("<{}> has no <{name}>", self.name),
            |c| c.child_text("text"),
        )
    }
}

fn parse_xml(xml: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(xml);
    let open = |e: &quick_xml::events::BytesStart<'_>| Node {
        name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                    a.unescape_value().expect("known entities").into_owned(),
                )
            })
            .collect(),
        ..Node::default()
    };
    let mut stack = vec![Node::default()];
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let top = stack.last_mut().expect("the document node");
        match event {
            Event::Start(e) => {
                let node = open(&e);
                stack.push(node);
            }
            Event::Empty(e) => top.children.push(open(&e)),
            Event::End(_) => {
                let node = stack.pop().expect("an open element");
                stack.last_mut().expect("a parent").children.push(node);
            }
            Event::Text(t) => top.text.push_str(&t.decode().expect("UTF-8")),
            Event::CData(t) => top.text.push_str(&t.decode().expect("UTF-8")),
            Event::GeneralRef(r) => {
                let name = r.decode().expect("UTF-8");
                let resolved = match r.resolve_char_ref().expect("valid reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(&name)
                        .unwrap_or_else(|| panic!("unknown entity &{name};"))
                        .to_owned(),
                };
                top.text.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut document = stack.pop().expect("the document node");
    assert_eq!(document.children.len(), 1, "one root element");
    document.children.remove(0)
}

// ---------------------------------------------------------------------------
// Moodle XML

/// Moodle's grade list (question_bank::fraction_options_full), positive half.
const MOODLE_GRADES: [f64; 21] = [
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0,
];

/// A grade Moodle's importer matches (it allows 0.00001 of a fraction).
fn moodle_accepts(percent: f64) -> bool {
    MOODLE_GRADES
        .iter()
        .any(|g| (g - percent.abs()).abs() / 100.0 < 0.00001)
}

/// Checks what Moodle checks of a file and returns its questions (not
/// categories), each with the category it falls in.
fn check_moodle(xml: &str) -> Vec<(String, Node)> {
    let quiz = parse_xml(xml);
    assert_eq!(quiz.name, "quiz");
    let mut category = None;
    let mut questions = Vec::new();
    for question in quiz.children {
        assert_eq!(question.name, "question");
        match question.attr("type") {
            "category" => {
                let path = question.moodle_text("category");
                assert!(path.starts_with("$course$/"), "{path}");
                category = Some(path);
                continue;
            }
            "multichoice" => {
                let single = question.child_text("single") == "true";
                let fractions: Vec<f64> = question
                    .all("answer")
                    .iter()
                    .map(|a| a.attr("fraction").parse().expect("a number"))
                    .collect();
                assert!(fractions.len() >= 2);
                assert!(
                    fractions.iter().all(|f| moodle_accepts(*f)),
                    "{fractions:?}"
                );
                let positive: f64 = fractions.iter().filter(|f| **f > 0.0).sum();
                if single {
                    assert!(fractions.iter().any(|f| (*f - 100.0).abs() < 1e-9));
                } else {
                    // Moodle rounds the sum to whole percents.
                    assert!((positive - 100.0).abs() < 0.5, "{fractions:?}");
                }
            }
            "matching" => {
                let subquestions = question.all("subquestion");
                assert!(subquestions.len() >= 2);
            }
            "ordering" => check_moodle_ordering(&question),
            "essay" => {}
            other => panic!("unexpected question type {other}"),
        }
        // Moodle's form ticks "show the number of correct responses" for
        // every new question; an import without the element stores 0.
        if question.attr("type") != "essay" {
            assert_eq!(direct(&question, "shownumcorrect").len(), 1);
        }
        // question_hints.hintformat is NOT NULL: a hint without a format
        // stops the import there.
        for hint in question.all("hint") {
            assert_eq!(hint.attr("format"), "html");
            hint.child_text("text");
        }
        assert!(!question.child_text("idnumber").is_empty());
        questions.push((category.clone().expect("a category first"), question));
    }
    let mut ids: Vec<String> = questions
        .iter()
        .map(|(_, q)| q.child_text("idnumber"))
        .collect();
    ids.sort_unstable();
    let count = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), count, "idnumbers repeat");
    questions
}

/// The children of `node` called `name` (not deeper descendants).
fn direct<'n>(node: &'n Node, name: &str) -> Vec<&'n Node> {
    node.children.iter().filter(|c| c.name == name).collect()
}

/// What `qtype_ordering::import_from_xml()` of Moodle 4.5 needs to store an
/// ordering question. It reads `<shownumcorrect>`'s text (so the empty
/// element would store 0); when the element is missing it adds two hints
/// without a format, which `question_hints` cannot hold, and the import of
/// the whole file stops there. It saves every answer's feedback as empty,
/// so step explanations must be elsewhere (the general feedback).
fn check_moodle_ordering(question: &Node) {
    let shown = direct(question, "shownumcorrect");
    assert_eq!(shown.len(), 1, "one <shownumcorrect>");
    assert_eq!(shown[0].text, "1", "read as a number");
    let hints = direct(question, "hint");
    assert_eq!(hints.len(), 2, "the two hints Moodle would add");
    for hint in hints {
        assert_eq!(hint.attr("format"), "html");
        assert_eq!(direct(hint, "shownumcorrect").len(), 1);
        assert_eq!(hint.child_text("options"), "1");
    }
    for name in [
        "correctfeedback",
        "partiallycorrectfeedback",
        "incorrectfeedback",
    ] {
        assert_eq!(direct(question, name)[0].attr("format"), "html");
    }
    for answer in question.all("answer") {
        assert!(answer.find("feedback").is_none(), "dropped by Moodle");
    }
}

#[test]
fn moodle_xml_reads_back_as_the_small_bank() {
    let bank = bank(&[SMALL]);
    let xml = file_text(export("moodle", &bank, &ExportOptions::default()));
    let questions = check_moodle(&xml);
    let items = items(&bank);
    assert_eq!(questions.len(), items.len());
    let course = &bank.courses[0];
    for ((category, question), (_, chapter, item)) in questions.iter().zip(bank.items()) {
        let expected_category = format!(
            "$course$/{}/{}. {}",
            course.title,
            chapter.number.expect("numbered chapter"),
            chapter.title
        );
        assert_eq!(category, &expected_category);
        assert_eq!(question.child_text("idnumber"), item.id);
        assert_eq!(question.moodle_text("name"), item.title);
        assert_eq!(
            question.moodle_text("questiontext"),
            markup::blocks(&item.prompt)
        );
        let tags: Vec<String> = question
            .all("tag")
            .iter()
            .map(|t| t.child_text("text"))
            .collect();
        assert_eq!(tags, course.tags);
        match &item.body {
            ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
                assert_eq!(question.attr("type"), "multichoice");
                let answers = question.all("answer");
                for (answer, option) in answers.iter().zip(options) {
                    assert_eq!(answer.child_text("text"), markup::inline(&option.text));
                    let fraction: f64 = answer.attr("fraction").parse().expect("number");
                    assert_eq!(option.correct, fraction > 0.0, "{}", option.text);
                }
            }
            ItemBody::Categorize { groups } => {
                assert_eq!(question.attr("type"), "matching");
                let mut pairs: Vec<(String, String)> = question
                    .all("subquestion")
                    .iter()
                    .map(|s| {
                        (
                            s.child_text("text"),
                            s.find("answer").expect("answer").child_text("text"),
                        )
                    })
                    .collect();
                let mut expected: Vec<(String, String)> = groups
                    .iter()
                    .flat_map(|g| {
                        g.items
                            .iter()
                            .map(|e| (markup::inline(&e.text), g.name.clone()))
                    })
                    .collect();
                assert_ne!(pairs, expected, "items listed group by group");
                pairs.sort();
                expected.sort();
                assert_eq!(pairs, expected);
                // Item explanations are kept, in the general feedback.
                let general = question.moodle_text("generalfeedback");
                for entry in groups.iter().flat_map(|g| &g.items) {
                    if let Some(feedback) = &entry.feedback {
                        assert!(general.contains(&markup::inline(feedback)), "{general}");
                    }
                }
            }
            ItemBody::Order { steps } => {
                assert_eq!(question.attr("type"), "ordering");
                let answers: Vec<String> = question
                    .all("answer")
                    .iter()
                    .map(|a| a.child_text("text"))
                    .collect();
                let written: Vec<String> = steps.iter().map(|s| markup::inline(&s.text)).collect();
                assert_eq!(answers, written);
                // Step explanations are kept, in the general feedback.
                let general = question.moodle_text("generalfeedback");
                let explained = steps.iter().filter(|s| s.feedback.is_some()).count();
                assert!(explained > 0, "the fixture explains a step");
                for step in steps {
                    if let Some(feedback) = &step.feedback {
                        assert!(general.contains(&markup::inline(feedback)), "{general}");
                    }
                }
            }
            ItemBody::Code { answer } | ItemBody::FreeText { answer } => {
                assert_eq!(question.attr("type"), "essay");
                assert_eq!(question.moodle_text("graderinfo"), model_answer(answer));
                let format = question.child_text("responseformat");
                let expected = if answer.language.is_some() {
                    "monospaced"
                } else {
                    "editor"
                };
                assert_eq!(format, expected);
            }
        }
    }
}

#[test]
fn moodle_xml_of_content_and_sampler_is_accepted() {
    let bank = bank(&CONTENT);
    let xml = file_text(export("moodle", &bank, &ExportOptions::default()));
    assert_eq!(check_moodle(&xml).len(), items(&bank).len());
    let partial = ExportOptions {
        partial_scoring: true,
        ..ExportOptions::default()
    };
    check_moodle(&file_text(export("moodle", &bank, &partial)));

    let Some(sampler) = common::sampler() else {
        return;
    };
    let temp = tempfile::tempdir().expect("temporary directory");
    let out = temp.path().join("sampler.xml");
    build(&[
        path_str(&sampler),
        "--skip-invalid",
        "--to",
        "moodle",
        "--out",
        path_str(&out),
    ]);
    let xml = std::fs::read_to_string(&out).expect("written");
    assert!(!check_moodle(&xml).is_empty());
}

// ---------------------------------------------------------------------------
// GIFT, read back as Moodle's qformat_gift reads it

const GIFT_ESCAPES: [(&str, &str, char); 7] = [
    ("\\:", "&&058;", ':'),
    ("\\#", "&&035;", '#'),
    ("\\=", "&&061;", '='),
    ("\\{", "&&123;", '{'),
    ("\\}", "&&125;", '}'),
    ("\\~", "&&126;", '~'),
    ("\\n", "&&010", '\n'),
];

/// qformat_gift::escapedchar_pre
fn gift_pre(text: &str) -> String {
    let mut text = text.replace("\\\\", "&&092;");
    for (escaped, placeholder, _) in GIFT_ESCAPES {
        text = text.replace(escaped, placeholder);
    }
    text.replace("&&092;", "\\")
}

/// qformat_gift::escapedchar_post
fn gift_post(text: &str) -> String {
    let mut text = text.to_owned();
    for (_, placeholder, c) in GIFT_ESCAPES {
        text = text.replace(placeholder, &c.to_string());
    }
    text
}

/// qformat_gift::parse_text_with_format: an optional `[format]`, then the text.
fn gift_text(text: &str) -> String {
    let text = text.trim();
    let text = text
        .strip_prefix('[')
        .and_then(|rest| {
            let (name, after) = rest.split_once(']')?;
            ["moodle", "html", "plain", "markdown"]
                .contains(&name)
                .then_some(after)
        })
        .unwrap_or(text);
    gift_post(text).trim().to_owned()
}

/// The weight of `%-33.33333%answer`, as qformat_gift's regex and
/// answerweightparser read it.
fn gift_weight(answer: &str) -> Option<(f64, &str)> {
    let rest = answer.strip_prefix('%')?;
    let body = rest.trim_start_matches('-');
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let after = &body[digits.min(2)..];
    let after = after.strip_prefix('.').unwrap_or(after);
    let after = after.trim_start_matches(|c: char| c.is_ascii_digit());
    after.strip_prefix('%')?;
    let end = rest.find('%')?;
    Some((rest[..end].parse::<f64>().ok()? / 100.0, &rest[end + 1..]))
}

#[derive(Debug, Default)]
struct GiftQuestion {
    id: Option<String>,
    category: Option<String>,
    name: String,
    qtype: &'static str,
    single: bool,
    text: String,
    /// (weight, text, feedback)
    answers: Vec<(f64, String, String)>,
    /// (subquestion, answer)
    pairs: Vec<(String, String)>,
    general_feedback: String,
}

/// The questions (and category switches) of a GIFT file, read as
/// qformat_gift::readquestions and readquestion do for the types we write.
fn read_gift(file: &str) -> Vec<GiftQuestion> {
    let mut blocks = vec![Vec::new()];
    for line in file.lines() {
        if line.trim().is_empty() {
            blocks.push(Vec::new());
        } else if let Some(block) = blocks.last_mut() {
            block.push(line);
        }
    }
    let mut out = Vec::new();
    for lines in blocks.into_iter().filter(|b| !b.is_empty()) {
        let mut question = GiftQuestion::default();
        let mut kept = Vec::new();
        for line in lines {
            let trimmed = line.trim();
            if let Some(comment) = trimmed.strip_prefix("//") {
                if let Some(id) = comment.trim().strip_prefix("[id:") {
                    question.id = id.strip_suffix(']').map(str::to_owned);
                }
                kept.push(" ");
            } else {
                kept.push(line);
            }
        }
        let text = kept.join("\n");
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let mut text = gift_pre(text);
        if let Some(category) = text.strip_prefix("$CATEGORY:") {
            question.category = Some(category.trim().to_owned());
            question.qtype = "category";
            out.push(question);
            continue;
        }
        if let Some(rest) = text.strip_prefix("::") {
            let end = rest.find("::").expect("a closed name");
            question.name = gift_post(&rest[..end]).trim().to_owned();
            text = rest[end + 2..].trim().to_owned();
        }
        let start = text.find('{').expect("an answer section");
        let finish = text.find('}').expect("a closed answer section");
        assert!(start < finish, "`}}` before `{{`: {text}");
        assert!(text.ends_with('}'), "text after the answers: {text}");
        let mut answers = text[start + 1..finish].trim().to_owned();
        question.text = gift_text(&text[..start]);
        if let Some(at) = answers.rfind("####") {
            question.general_feedback = gift_text(&answers[at + 4..]);
            answers = answers[..at].trim().to_owned();
        }
        if answers.is_empty() {
            question.qtype = "essay";
        } else if answers.contains('~') {
            question.qtype = "multichoice";
            question.single = answers.contains('=');
            let answers = answers.replace('=', "~=");
            for answer in answers.split('~').map(str::trim).filter(|a| !a.is_empty()) {
                let (weight, answer) = if let Some(rest) = answer.strip_prefix('=') {
                    (1.0, rest)
                } else {
                    gift_weight(answer).unwrap_or((0.0, answer))
                };
                let (text, feedback) = answer.split_once('#').unwrap_or((answer, ""));
                question
                    .answers
                    .push((weight, gift_text(text), gift_text(feedback)));
            }
        } else if answers.contains('=') && answers.contains("->") {
            question.qtype = "match";
            for pair in answers.split('=').map(str::trim).filter(|a| !a.is_empty()) {
                let (left, right) = pair.split_once("->").expect("`->` in a pair");
                question
                    .pairs
                    .push((gift_text(left), gift_post(right).trim().to_owned()));
            }
        } else {
            panic!("a question type exambank does not write: {answers}");
        }
        out.push(question);
    }
    out
}

fn gift_questions(questions: &[GiftQuestion]) -> Vec<&GiftQuestion> {
    questions.iter().filter(|q| q.qtype != "category").collect()
}

#[test]
fn gift_reads_back_as_the_small_bank() {
    let bank = bank(&[SMALL]);
    let gift = file_text(export("gift", &bank, &ExportOptions::default()));
    let read = read_gift(&gift);
    let categories: Vec<&str> = read.iter().filter_map(|q| q.category.as_deref()).collect();
    let title = &bank.courses[0].title;
    assert_eq!(
        categories,
        [
            format!("$course$/{title}/1. Choices"),
            format!("$course$/{title}/2. Groups and steps"),
            format!("$course$/{title}/3. Answers"),
        ]
    );
    let questions = gift_questions(&read);
    let items = items(&bank);
    assert_eq!(questions.len(), items.len());
    for (question, item) in questions.iter().zip(items) {
        assert_eq!(question.id.as_deref(), Some(item.id.as_str()));
        assert_eq!(question.name, item.title);
        assert!(question.text.starts_with(&markup::blocks(&item.prompt)));
        match &item.body {
            ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
                assert_eq!(question.qtype, "multichoice");
                assert_eq!(question.single, item.kind() == ItemKind::SingleChoice);
                assert_eq!(question.answers.len(), options.len());
                for ((weight, text, feedback), option) in question.answers.iter().zip(options) {
                    assert_eq!(text, &markup::inline(&option.text));
                    assert_eq!(
                        feedback,
                        &option
                            .feedback
                            .as_deref()
                            .map(markup::inline)
                            .unwrap_or_default()
                    );
                    assert_eq!(option.correct, *weight > 0.0, "{text}");
                }
                if item.kind() == ItemKind::MultipleChoice {
                    let weights: Vec<f64> = question.answers.iter().map(|a| a.0).collect();
                    assert_eq!(weights, [0.5, 0.5, -1.0]);
                    // The query parameters survive the escaping.
                    assert!(question.answers[0].1.contains("{{customer_id}}"));
                    assert!(question.answers[1].1.contains("{{name}}"));
                }
                if let Some(note) = &item.feedback {
                    assert_eq!(question.general_feedback, markup::blocks(note));
                }
            }
            ItemBody::Categorize { groups } => {
                assert_eq!(question.qtype, "match");
                let mut pairs = question.pairs.clone();
                let mut expected: Vec<(String, String)> = groups
                    .iter()
                    .flat_map(|g| {
                        g.items
                            .iter()
                            .map(|e| (markup::inline(&e.text), g.name.clone()))
                    })
                    .collect();
                pairs.sort();
                expected.sort();
                assert_eq!(pairs, expected);
            }
            ItemBody::Order { steps } => {
                assert_eq!(question.qtype, "match");
                let mut pairs = question.pairs.clone();
                pairs.sort_by(|a, b| a.1.cmp(&b.1));
                let expected: Vec<(String, String)> = steps
                    .iter()
                    .enumerate()
                    .map(|(k, s)| (markup::inline(&s.text), (k + 1).to_string()))
                    .collect();
                assert_eq!(pairs, expected);
                assert_ne!(question.pairs, expected, "steps in the answer's order");
                // Step explanations are kept, in the general feedback.
                for step in steps {
                    if let Some(feedback) = &step.feedback {
                        assert!(
                            question
                                .general_feedback
                                .contains(&markup::inline(feedback))
                        );
                    }
                }
            }
            ItemBody::Code { answer } | ItemBody::FreeText { answer } => {
                assert_eq!(question.qtype, "essay");
                assert!(question.general_feedback.contains(&model_answer(answer)));
            }
        }
    }
}

#[test]
fn gift_of_content_reads_back_item_for_item() {
    let bank = bank(&CONTENT);
    let gift = file_text(export("gift", &bank, &ExportOptions::default()));
    let read = read_gift(&gift);
    let questions = gift_questions(&read);
    let items = items(&bank);
    assert_eq!(questions.len(), items.len());
    for (question, item) in questions.iter().zip(items) {
        assert_eq!(question.id.as_deref(), Some(item.id.as_str()));
        assert_eq!(question.name, item.title.trim());
        match &item.body {
            ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
                let texts: Vec<String> = question.answers.iter().map(|a| a.1.clone()).collect();
                let expected: Vec<String> = options
                    .iter()
                    .map(|o| markup::inline(o.text.trim()))
                    .collect();
                assert_eq!(texts, expected, "{}", item.id);
            }
            ItemBody::Categorize { groups } => {
                let count: usize = groups.iter().map(|g| g.items.len()).sum();
                assert_eq!(question.pairs.len(), count, "{}", item.id);
            }
            ItemBody::Order { steps } => assert_eq!(question.pairs.len(), steps.len()),
            ItemBody::Code { .. } | ItemBody::FreeText { .. } => {
                assert_eq!(question.qtype, "essay")
            }
        }
    }
}

proptest! {
    /// Whatever the text, Moodle reads back what was escaped (its own
    /// placeholders, `&&058;` ..., aside).
    #[test]
    fn gift_escaping_round_trips(text in "[a-z \\\\~=#{}:%\\[\\]&;\\n\\r0-9]{0,40}") {
        prop_assume!(!text.contains("&&"));
        let escaped = export::gift::escape(&text);
        prop_assert!(!escaped.contains('\n'));
        prop_assert_eq!(gift_post(&gift_pre(&escaped)), text.replace('\r', ""));
    }
}

// ---------------------------------------------------------------------------
// The HTML preview

#[test]
fn html_pages_are_self_contained() {
    let bank = bank(&[SMALL, CONTENT[0], CONTENT[1]]);
    let files = package(export("html", &bank, &ExportOptions::default()));
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "index.html",
            "small.html",
            "python-pipelines.html",
            "relational-data.html"
        ]
    );
    for file in &files {
        let html = String::from_utf8(file.bytes.clone()).expect("UTF-8");
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(
            html.contains(
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            )
        );
        assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none';"));
        for forbidden in ["<link", " src=", "url(", "@import", "<iframe", "<img"] {
            assert!(!html.contains(forbidden), "{}: {forbidden}", file.path);
        }
        // Addresses appear only as links to follow, never as something to load.
        for (at, _) in html.match_indices("=\"http") {
            assert!(
                html[..at].ends_with("href"),
                "{}: {}",
                file.path,
                &html[at.saturating_sub(20)..at + 20]
            );
        }
    }
    for (course, file) in bank.courses.iter().zip(&files[1..]) {
        let html = String::from_utf8(file.bytes.clone()).expect("UTF-8");
        assert_eq!(html.matches("<button").count(), 1);
        assert!(html.contains(
            "<button type=\"button\" id=\"reveal\" class=\"reveal\" aria-pressed=\"false\""
        ));
        let count = course.chapters.iter().map(|c| c.items.len()).sum::<usize>();
        assert_eq!(html.matches("<article class=\"item\"").count(), count);
        assert!(html.contains(&format!("data-items=\"{count}\"")));
    }
}

/// Chromium, when installed: loud otherwise, and failing in CI.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        let message = "NOTICE: Chromium is missing (apt-get install -y chromium): the HTML preview was not tested in a browser";
        eprintln!("{message}");
        assert!(std::env::var_os("CI").is_none(), "{message}");
    }
    found
}

/// The DOM of `url` after its scripts ran, and Chromium's log.
fn dump_dom(browser: &Path, url: &str) -> (String, String) {
    let profile = tempfile::tempdir().expect("temporary profile");
    let child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            // Containers often have a tiny /dev/shm.
            "--disable-dev-shm-usage",
            "--enable-logging=stderr",
            "--v=0",
            // A phone's width: the page must not scroll sideways.
            "--window-size=390,844",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Chromium starts");
    let pid = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(child.wait_with_output());
    });
    let Ok(output) = receive.recv_timeout(Duration::from_secs(120)) else {
        // Our own child only, by its id.
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        panic!("Chromium did not finish with {url}");
    };
    let output = output.expect("Chromium ran");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The attributes of `<output id="selftest" ...>` in a dumped DOM.
fn selftest(dom: &str) -> BTreeMap<String, String> {
    let start = dom
        .find("<output id=\"selftest\"")
        .unwrap_or_else(|| panic!("no self-test result in:\n{dom}"));
    let end = start + dom[start..].find("</output>").expect("closed output");
    let element = &dom[start..end];
    let mut attrs = BTreeMap::new();
    for part in element.split(" data-").skip(1) {
        if let Some((name, rest)) = part.split_once("=\"") {
            let value = rest.split('"').next().unwrap_or_default();
            attrs.insert(name.to_owned(), value.to_owned());
        }
    }
    let text = element.split_once('>').map_or("", |(_, text)| text);
    attrs.insert("problems".to_owned(), text.to_owned());
    attrs
}

#[test]
#[ignore = "slow (a schema validator or a browser): run by .ci/run"]
fn html_preview_passes_its_selftest_in_chromium() {
    let Some(browser) = chromium() else { return };
    let bank = bank(&[SMALL, CONTENT[0], CONTENT[1]]);
    let files = package(export("html", &bank, &ExportOptions::default()));
    let temp = tempfile::tempdir().expect("temporary directory");
    for file in &files {
        std::fs::write(temp.path().join(&file.path), &file.bytes).expect("writable");
    }
    let url = |name: &str| format!("file://{}#selftest", temp.path().join(name).display());

    let (dom, log) = dump_dom(&browser, &url("index.html"));
    let result = selftest(&dom);
    assert_eq!(
        result["result"], "pass",
        "index.html: {}",
        result["problems"]
    );
    assert_eq!(result["courses"], bank.courses.len().to_string());
    assert!(!log.contains(":CONSOLE"), "index.html logged:\n{log}");

    for (course, file) in bank.courses.iter().zip(&files[1..]) {
        let (dom, log) = dump_dom(&browser, &url(&file.path));
        let result = selftest(&dom);
        assert_eq!(
            result["result"], "pass",
            "{}: {}",
            file.path, result["problems"]
        );
        let count = course.chapters.iter().map(|c| c.items.len()).sum::<usize>();
        assert_eq!(result["items"], count.to_string(), "{}", file.path);
        // At least a key per item, all revealed by the toggle.
        let keys: usize = result["keys"].parse().expect("a number");
        assert!(keys >= count);
        assert_eq!(result["revealed"], result["keys"]);
        // No console message of any level: the pages log nothing when well.
        let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
        assert!(console.is_empty(), "{}: {console:#?}", file.path);
    }
}

#[test]
#[ignore = "slow (a schema validator or a browser): run by .ci/run"]
fn the_selftest_catches_a_broken_page() {
    let Some(browser) = chromium() else { return };
    let bank = bank(&[SMALL]);
    let files = package(export("html", &bank, &ExportOptions::default()));
    let page = package_file(&files, "small.html");
    let temp = tempfile::tempdir().expect("temporary directory");
    // Keys always shown, one item gone, and a script error: all reported.
    let broken = page
        .replace(".reviewing .key{display:block}", ".key{display:block}")
        .replacen(
            "<article class=\"item\"",
            "<article hidden class=\"item\"",
            1,
        )
        .replace("</main>", "<script>notDefined();</script></main>");
    let path = temp.path().join("broken.html");
    std::fs::write(&path, broken).expect("writable");
    let (dom, _) = dump_dom(&browser, &format!("file://{}#selftest", path.display()));
    let result = selftest(&dom);
    assert_eq!(result["result"], "fail");
    let problems = &result["problems"];
    assert!(
        problems.contains("key shown before the toggle"),
        "{problems}"
    );
    assert!(
        problems.contains("not shown: small.pick-the-join"),
        "{problems}"
    );
    assert!(problems.contains("notDefined"), "{problems}");
}

// ---------------------------------------------------------------------------
// docs/targets.md

/// The first `code` span of a table cell.
fn first_code(cell: &str) -> &str {
    cell.split('`')
        .nth(1)
        .unwrap_or_else(|| panic!("no `type` in cell {cell:?}"))
}

#[test]
fn the_targets_table_matches_the_output() {
    let doc =
        std::fs::read_to_string(common::root().join("docs/targets.md")).expect("docs/targets.md");
    let header = "| item kind | qti12 (Canvas) | moodle | gift | html |";
    let table: Vec<Vec<&str>> = doc
        .lines()
        .skip_while(|l| *l != header)
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    assert_eq!(table.len(), ItemKind::ALL.len(), "one row per item kind");

    let bank = bank(&[SMALL]);
    let default = ExportOptions::default();
    let qti = parse_xml(&package_file(
        &package(export("qti12", &bank, &default)),
        "bank-small/bank-small.xml",
    ));
    let canvas_types: Vec<String> = qti
        .all("item")
        .iter()
        .map(|i| metadata(i.find("itemmetadata").expect("metadata"))["question_type"].clone())
        .collect();
    let moodle = check_moodle(&file_text(export("moodle", &bank, &default)));
    let gift = read_gift(&file_text(export("gift", &bank, &default)));
    let gift = gift_questions(&gift);
    let html = package_file(&package(export("html", &bank, &default)), "small.html");

    for (k, item) in items(&bank).into_iter().enumerate() {
        let row = table
            .iter()
            .find(|r| first_code(r[0]) == item.kind().as_str())
            .unwrap_or_else(|| panic!("no row for {}", item.kind().as_str()));
        assert_eq!(first_code(row[1]), canvas_types[k], "qti12 {}", item.id);
        assert_eq!(
            first_code(row[2]),
            moodle[k].1.attr("type"),
            "moodle {}",
            item.id
        );
        assert_eq!(first_code(row[3]), gift[k].qtype, "gift {}", item.id);
        let article = html
            .split("<article ")
            .find(|a| a.contains(&format!("id=\"{}\"", item.id)))
            .expect("the item's article");
        let control = match first_code(row[4]) {
            "radio" => "type=\"radio\"",
            "checkbox" => "type=\"checkbox\"",
            "select" => "<select",
            "textarea" => "<textarea",
            other => panic!("unknown control {other}"),
        };
        assert!(article.contains(control), "html {}: {control}", item.id);
        // A row says "warns" exactly where build warns.
        for (column, target) in [(1, "qti12"), (2, "moodle"), (3, "gift"), (4, "html")] {
            let warns = export::exporter(target)
                .expect("target")
                .limitation(item.kind(), &default)
                .is_some();
            assert_eq!(
                row[column].contains("warns"),
                warns,
                "{target} x {}: {}",
                item.kind().as_str(),
                row[column]
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Odd text and degenerate items

fn odd_item(id: &str, body: ItemBody) -> Item {
    Item {
        id: id.to_owned(),
        title: format!("Odd {{{{title}}}}: a\\b ~ c = d # e {id}"),
        prompt: "Context with `code`, a <tag> & {{param}}.\n\n1. one\n2. two".to_owned(),
        source: model::SourceRef {
            path: "odd.md".to_owned(),
            line: 1,
        },
        feedback: Some("Note: 100% # sure {x}".to_owned()),
        body,
        span: exambank::source::Span::default(),
    }
}

fn entry(text: &str, feedback: Option<&str>) -> model::Entry {
    model::Entry {
        text: text.to_owned(),
        feedback: feedback.map(str::to_owned),
    }
}

fn option(text: &str, correct: bool) -> model::ChoiceOption {
    model::ChoiceOption {
        text: text.to_owned(),
        correct,
        feedback: Some(format!("because {text}")),
        refers_to_others: model::referring_phrase(text).is_some(),
    }
}

fn odd_bank(items: Vec<Item>) -> Bank {
    Bank {
        courses: vec![model::Course {
            title: "A/B {course} ~ = #".to_owned(),
            tags: vec!["t".to_owned()],
            url: Some("https://example.org/?a=1&b=\"2\"".to_owned()),
            source: "odd.md".to_owned(),
            id_prefix: "odd".to_owned(),
            chapters: vec![model::Chapter {
                number: None,
                title: "Read/write: all".to_owned(),
                items,
            }],
        }],
    }
}

/// Items of every kind whose text holds what each format must escape.
fn odd_text_bank() -> Bank {
    let mut many: Vec<model::ChoiceOption> = (1..=11)
        .map(|k| option(&format!("right {k}"), true))
        .collect();
    many.push(option("wrong", false));
    odd_bank(vec![
        odd_item(
            "odd.single",
            ItemBody::SingleChoice {
                options: vec![
                    option("%50% of rows", true),
                    option("[plain] text", false),
                    option("a -> b", false),
                ],
            },
        ),
        odd_item("odd.many", ItemBody::MultipleChoice { options: many }),
        odd_item(
            "odd.groups",
            ItemBody::Categorize {
                groups: vec![
                    model::Group {
                        name: "G = 1: two -> three".to_owned(),
                        items: vec![entry("x -> y {z}", Some("it # is")), entry("plain", None)],
                    },
                    model::Group {
                        name: "Other".to_owned(),
                        items: vec![entry("\\back\\slash", None)],
                    },
                ],
            },
        ),
        odd_item(
            "odd.steps",
            ItemBody::Order {
                steps: vec![
                    entry("first \\ back", Some("~tilde")),
                    entry("second", None),
                ],
            },
        ),
        odd_item(
            "odd.code",
            ItemBody::Code {
                answer: model::Answer {
                    language: Some("sql".to_owned()),
                    text: "SELECT ']]>' -- x\n\n\nFROM t -- {{p}}".to_owned(),
                    parts: Vec::new(),
                },
            },
        ),
    ])
}

#[test]
fn odd_text_survives_every_target() {
    let bank = odd_text_bank();
    let default = ExportOptions::default();

    // GIFT: each item stays one question, read back intact.
    let gift = file_text(export("gift", &bank, &default));
    let read = read_gift(&gift);
    assert_eq!(
        read[0].category.as_deref(),
        Some("$course$/A//B {course} ~ = #/Read//write: all")
    );
    let questions = gift_questions(&read);
    assert_eq!(questions.len(), 5);
    assert_eq!(
        questions[0].name,
        "Odd {{title}}: a\\b ~ c = d # e odd.single"
    );
    assert!(questions[0].text.contains("{{param}}"));
    let single: Vec<&str> = questions[0].answers.iter().map(|a| a.1.as_str()).collect();
    assert_eq!(single, ["&#37;50% of rows", "[plain] text", "a -&gt; b"]);
    assert_eq!(questions[0].answers[0].0, 1.0);
    let weights: f64 = questions[1]
        .answers
        .iter()
        .map(|a| a.0)
        .filter(|w| *w > 0.0)
        .sum();
    assert!((weights - 1.0).abs() < 0.005, "{weights}");
    assert!(
        questions[1]
            .answers
            .iter()
            .all(|a| moodle_accepts(a.0 * 100.0))
    );
    assert!(
        questions[2]
            .pairs
            .contains(&("x -&gt; y {z}".to_owned(), "G = 1: two -> three".to_owned()))
    );
    assert!(
        questions[2]
            .pairs
            .contains(&("\\back\\slash".to_owned(), "Other".to_owned()))
    );
    assert!(
        questions[3]
            .pairs
            .contains(&("first \\ back".to_owned(), "1".to_owned()))
    );
    assert!(
        questions[4]
            .general_feedback
            .contains("SELECT &apos;]]&gt;&apos; -- x\n\n\nFROM t -- {{p}}")
    );

    // Moodle XML: well-formed, grades Moodle accepts.
    let moodle = check_moodle(&file_text(export("moodle", &bank, &default)));
    assert_eq!(moodle.len(), 5);

    // QTI 1.2 and HTML: well-formed where XML, every item present.
    for options in [default.clone(), quiz_options()] {
        let files = package(export("qti12", &bank, &options));
        for file in &files {
            parse_xml(&String::from_utf8(file.bytes.clone()).expect("UTF-8"));
        }
    }
    let html = package(export("html", &bank, &default));
    let page = package_file(&html, "odd.html");
    assert_eq!(page.matches("<article class=\"item\"").count(), 5);
    assert!(page.contains("<p>Context with <code>code</code>, a &lt;tag&gt; &amp; {{param}}.</p>"));
}

#[test]
fn degenerate_items_and_empty_banks_never_panic() {
    // What lint rejects (no options, no groups, no steps, nothing correct)
    // can still reach an exporter through the library: it must not panic.
    let bank = odd_bank(vec![
        odd_item("odd.none", ItemBody::SingleChoice { options: vec![] }),
        odd_item(
            "odd.wrong",
            ItemBody::MultipleChoice {
                options: vec![option("a", false), option("b", false)],
            },
        ),
        odd_item("odd.nogroups", ItemBody::Categorize { groups: vec![] }),
        odd_item("odd.nosteps", ItemBody::Order { steps: vec![] }),
    ]);
    for target in ["qti12", "moodle", "gift", "html"] {
        for options in [ExportOptions::default(), quiz_options()] {
            for bank in [&bank, &Bank::default()] {
                match export(target, bank, &options) {
                    Artifact::File { bytes } => {
                        let text = String::from_utf8(bytes).expect("UTF-8");
                        if target == "moodle" {
                            parse_xml(&text);
                        }
                    }
                    Artifact::Package { files } => {
                        for file in files.iter().filter(|f| f.path.ends_with(".xml")) {
                            parse_xml(&String::from_utf8(file.bytes.clone()).expect("UTF-8"));
                        }
                    }
                }
            }
        }
    }
}
