//! The QTI 2.1 and 3.0 packages: snapshots of one item of each kind and of
//! the manifests, schema validation with `../shared/tools/validate-qti`,
//! the manifest against the files, determinism, and a round trip that reads
//! every item back and recovers the key, the groups and the step order.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use exambank::export::{self, Artifact, ExportOptions, OutFile, markup};
use exambank::lint::RuleSettings;
use exambank::model::{self, Bank, Item, ItemBody, ItemKind};
use exambank::pipeline::{InvalidItems, build_bank};
use exambank::source::SourceFile;
use quick_xml::events::Event;

const TARGETS: [&str; 2] = ["qti21", "qti30"];

// ---------------------------------------------------------------------------
// Banks and packages

/// The bank of `paths` (relative to the checkout or absolute), as `build`
/// makes it. With `skip_invalid`, the items of exercises with an error
/// finding are left out (as `--skip-invalid` does); without, an error fails
/// the test.
fn bank_of(paths: &[PathBuf], skip_invalid: bool) -> Bank {
    let displays: Vec<String> = paths
        .iter()
        .map(|p| {
            p.strip_prefix(common::root())
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    let sources = paths
        .iter()
        .zip(displays)
        .map(|(path, display)| {
            let text = std::fs::read_to_string(path).expect("notes file readable");
            SourceFile::new(display, text)
        })
        .collect();
    let invalid = if skip_invalid {
        InvalidItems::Drop
    } else {
        InvalidItems::Keep
    };
    let (files, assembly) = build_bank(sources, &RuleSettings::default(), invalid);
    assert!(
        skip_invalid || assembly.errors == 0,
        "the notes have errors: {:?}",
        files.iter().flat_map(|f| &f.findings).collect::<Vec<_>>()
    );
    assembly.bank
}

fn small_bank() -> Bank {
    bank_of(
        &[common::root().join("tests/fixtures/export/small.md")],
        false,
    )
}

fn content_bank() -> Bank {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(common::root().join("content"))
        .expect("content/ readable")
        .map(|e| e.expect("content entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "content/ holds notes");
    bank_of(&paths, false)
}

/// The small bank with text no notes should hold but some will: markup,
/// entities, CDATA ends, control characters, emoji; and ids that are not
/// NCNames. Its packages must still be valid.
fn tricky_bank() -> Bank {
    const ODD: &str = " <b>&amp; \u{7}]]> \"'\u{1F600} {{x}}\u{c}";
    let odd = |s: &mut String| s.push_str(ODD);
    // Feedback in the model is trimmed (lowering trims it).
    let odd_feedback = |f: &mut Option<String>| {
        let mut text = f.take().unwrap_or_default();
        text.push_str(ODD);
        *f = Some(text.trim().to_owned());
    };
    let mut bank = small_bank();
    let course = &mut bank.courses[0];
    course.source = "notes/1 ü.md".to_owned();
    course.id_prefix = model::id_prefixes(&[course.source.as_str()]).remove(0);
    odd(&mut course.title);
    for chapter in &mut course.chapters {
        odd(&mut chapter.title);
        for item in &mut chapter.items {
            item.id = item.id.replacen("small.", "1 ü:", 1);
            odd(&mut item.title);
            odd(&mut item.prompt);
            odd_feedback(&mut item.feedback);
            match &mut item.body {
                ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
                    for o in options {
                        odd(&mut o.text);
                        odd_feedback(&mut o.feedback);
                    }
                }
                ItemBody::Categorize { groups } => {
                    for g in groups {
                        odd(&mut g.name);
                        for e in &mut g.items {
                            odd(&mut e.text);
                        }
                    }
                }
                ItemBody::Order { steps } => steps.iter_mut().for_each(|e| odd(&mut e.text)),
                ItemBody::Code { answer } | ItemBody::FreeText { answer } => odd(&mut answer.text),
            }
        }
    }
    bank
}

fn sampler_bank() -> Option<Bank> {
    common::sampler().map(|path| bank_of(&[path], true))
}

fn package(bank: &Bank, target: &str, partial: bool) -> Vec<OutFile> {
    let exporter = export::exporter(target).expect("target registered");
    let options = ExportOptions {
        partial_scoring: partial,
        ..ExportOptions::default()
    };
    match exporter.export(bank, &options).expect("export succeeds") {
        Artifact::Package { files } => files,
        Artifact::File { .. } => panic!("{target} writes a package"),
    }
}

fn file<'a>(files: &'a [OutFile], path: &str) -> &'a str {
    let file = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path} in the package"));
    std::str::from_utf8(&file.bytes).expect("UTF-8 XML")
}

fn item_path(item: &Item) -> String {
    format!("{}.xml", export::ncname(&item.id))
}

/// The tool version changes with every release; the rest must not.
fn without_version(xml: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    xml.replace(
        &format!("toolVersion=\"{version}\""),
        "toolVersion=\"[VERSION]\"",
    )
    .replace(
        &format!("tool-version=\"{version}\""),
        "tool-version=\"[VERSION]\"",
    )
}

// ---------------------------------------------------------------------------
// A small XML tree, read with quick-xml, with QTI 3.0 names read as 2.1 ones

#[derive(Debug, Clone)]
enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone, Default)]
struct Element {
    name: String,
    attrs: BTreeMap<String, String>,
    children: Vec<Node>,
}

/// `qti-simple-choice` -> `simpleChoice`, `max-choices` -> `maxChoices`.
fn as_qti21_name(name: &str, element: bool) -> String {
    let rest = if element {
        match name.strip_prefix("qti-") {
            Some(rest) => rest,
            None => return name.to_owned(),
        }
    } else if name.contains(':') {
        return name.to_owned();
    } else {
        name
    };
    let mut out = String::new();
    let mut upper = false;
    for c in rest.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn parse(xml: &str) -> Element {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut stack = vec![Element::default()];
    let element_of = |e: &quick_xml::events::BytesStart<'_>| Element {
        name: as_qti21_name(&String::from_utf8_lossy(e.name().as_ref()), true),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    as_qti21_name(&String::from_utf8_lossy(a.key.as_ref()), false),
                    a.unescape_value().expect("escaped value").into_owned(),
                )
            })
            .collect(),
        children: Vec::new(),
    };
    let push_text = |stack: &mut Vec<Element>, text: &str| {
        let top = stack.last_mut().expect("a parent");
        if let Some(Node::Text(last)) = top.children.last_mut() {
            last.push_str(text);
        } else {
            top.children.push(Node::Text(text.to_owned()));
        }
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element_of(&e)),
            Event::Empty(e) => {
                let element = element_of(&e);
                stack
                    .last_mut()
                    .unwrap()
                    .children
                    .push(Node::Element(element));
            }
            Event::End(_) => {
                let done = stack.pop().expect("balanced");
                stack.last_mut().unwrap().children.push(Node::Element(done));
            }
            Event::Text(t) => push_text(&mut stack, &t.decode().expect("UTF-8")),
            Event::GeneralRef(r) => {
                let text = if let Some(c) = r.resolve_char_ref().expect("char ref") {
                    c.to_string()
                } else {
                    let name = r.decode().expect("UTF-8");
                    quick_xml::escape::resolve_predefined_entity(&name)
                        .unwrap_or_else(|| panic!("unknown entity &{name};"))
                        .to_owned()
                };
                push_text(&mut stack, &text);
            }
            Event::CData(c) => push_text(&mut stack, &String::from_utf8_lossy(&c)),
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let root = stack.pop().unwrap();
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .expect("a root element")
}

impl Element {
    fn attr(&self, name: &str) -> &str {
        self.attrs
            .get(name)
            .unwrap_or_else(|| panic!("<{}> has no {name}", self.name))
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Every element called `name`, depth first.
    fn all(&self, name: &str) -> Vec<&Element> {
        let mut out = Vec::new();
        for child in self.elements() {
            if child.name == name {
                out.push(child);
            }
            out.extend(child.all(name));
        }
        out
    }

    fn one(&self, name: &str) -> &Element {
        let all = self.all(name);
        assert_eq!(all.len(), 1, "expected one <{name}> in <{}>", self.name);
        all[0]
    }

    /// The text shown, without feedback (what a learner reads as the choice).
    fn text_without_feedback(&self) -> String {
        let mut out = String::new();
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if e.name == "feedbackInline" => {}
                Node::Element(e) => out.push_str(&e.text_without_feedback()),
            }
        }
        out.trim().to_owned()
    }

    fn values(&self, name: &str) -> Vec<String> {
        self.one(name)
            .all("value")
            .iter()
            .map(|v| v.text_without_feedback())
            .collect()
    }
}

/// The text of the last `<code>` in a feedback: the model answer's, after
/// any code spans of the note.
fn last_code(feedback: &Element) -> String {
    feedback
        .all("code")
        .last()
        .expect("a code element")
        .text_without_feedback()
}

/// The plain text the exporter should show for notes text.
fn shown(notes_text: &str) -> String {
    parse(&format!("<x>{}</x>", markup::inline(notes_text.trim()))).text_without_feedback()
}

// ---------------------------------------------------------------------------
// Snapshots

#[test]
fn one_item_of_each_kind_in_each_version() {
    let bank = small_bank();
    let kinds: BTreeSet<ItemKind> = bank.items().map(|(_, _, i)| i.kind()).collect();
    assert_eq!(
        kinds.len(),
        ItemKind::ALL.len(),
        "small.md has one item of each kind"
    );
    common::settings().bind(|| {
        for target in TARGETS {
            let files = package(&bank, target, false);
            for kind in ItemKind::ALL {
                let item = bank
                    .items()
                    .map(|(_, _, i)| i)
                    .find(|i| i.kind() == kind)
                    .expect("an item of the kind");
                let xml = without_version(file(&files, &item_path(item)));
                insta::assert_snapshot!(format!("{target}_{}", kind.as_str()), xml);
            }
            let manifest = file(&files, "imsmanifest.xml");
            insta::assert_snapshot!(format!("{target}_manifest"), manifest);
            let test = without_version(file(&files, "small.xml"));
            insta::assert_snapshot!(format!("{target}_test"), test);
        }
    });
}

#[test]
fn partial_scoring_maps_choices_and_pairs() {
    let bank = small_bank();
    common::settings().bind(|| {
        for target in TARGETS {
            let files = package(&bank, target, true);
            for kind in [ItemKind::MultipleChoice, ItemKind::Categorize] {
                let item = bank
                    .items()
                    .map(|(_, _, i)| i)
                    .find(|i| i.kind() == kind)
                    .expect("an item of the kind");
                let xml = without_version(file(&files, &item_path(item)));
                insta::assert_snapshot!(format!("{target}_{}_partial", kind.as_str()), xml);
            }
        }
    });
    // Single choice and ordering stay all or nothing.
    let all_or_nothing = package(&bank, "qti21", false);
    let partial = package(&bank, "qti21", true);
    for (_, _, item) in bank.items() {
        if matches!(item.kind(), ItemKind::MultipleChoice | ItemKind::Categorize) {
            continue;
        }
        assert_eq!(
            file(&all_or_nothing, &item_path(item)),
            file(&partial, &item_path(item)),
            "{} changed with partial scoring",
            item.id
        );
    }
}

// ---------------------------------------------------------------------------
// Schema validation

/// `validate-qti`, when it and xmllint are there; says so loudly otherwise
/// (and fails in CI, where they must be).
fn validator() -> Option<PathBuf> {
    let script = common::shared()?.join("tools/validate-qti");
    let xmllint = Command::new("xmllint").arg("--version").output().is_ok();
    if script.is_file() && xmllint {
        return Some(script);
    }
    let message = format!(
        "NOTICE: QTI schema validation did not run: {}",
        if script.is_file() {
            "xmllint is missing (apt-get install -y libxml2-utils)".to_owned()
        } else {
            format!("{} is missing", script.display())
        }
    );
    eprintln!("{message}");
    assert!(std::env::var_os("CI").is_none(), "{message}");
    None
}

/// Runs `validate-qti` on `paths`; returns its report and whether it passed.
fn validate(script: &Path, paths: &[PathBuf]) -> (bool, String) {
    let output = Command::new("bash")
        .arg(script)
        .arg("-q")
        .args(paths)
        .output()
        .expect("bash runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), report)
}

fn write_zip(dir: &Path, name: &str, files: &[OutFile]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, export::zip_bytes(files).expect("zip")).expect("zip written");
    path
}

#[test]
#[ignore = "slow (the schema validator): run by .ci/run"]
fn packages_pass_the_official_schemas() {
    let Some(script) = validator() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let mut banks = vec![
        ("small", small_bank()),
        ("content", content_bank()),
        ("tricky", tricky_bank()),
    ];
    banks.extend(sampler_bank().map(|b| ("sampler", b)));
    let mut zips = Vec::new();
    let mut expected = 0;
    for (name, bank) in &banks {
        for target in TARGETS {
            for partial in [false, true] {
                let files = package(bank, target, partial);
                expected += files.len();
                let scoring = if partial { "partial" } else { "all" };
                zips.push(write_zip(
                    dir.path(),
                    &format!("{name}-{target}-{scoring}.zip"),
                    &files,
                ));
            }
        }
    }
    let (ok, report) = validate(&script, &zips);
    assert!(ok, "validate-qti rejected a package:\n{report}");
    // Every file was checked against a schema: none skipped, none missed.
    let summary = format!("{expected} checked, {expected} OK, 0 failed, 0 skipped");
    assert!(report.contains(&summary), "expected `{summary}`:\n{report}");
}

#[test]
#[ignore = "slow (the schema validator): run by .ci/run"]
fn built_packages_and_directories_pass_the_official_schemas() {
    let Some(script) = validator() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("dist");
    let out_str = out.to_str().expect("UTF-8 temp path");
    let run = common::exambank(
        &common::root(),
        &["build", "content/", "--to", "qti21,qti30", "--out", out_str],
    );
    assert!(run.status.success(), "{}", common::transcript(&run));
    let as_dir = dir.path().join("qti30-dir");
    let run = common::exambank(
        &common::root(),
        &[
            "build",
            "content/",
            "--to",
            "qti30",
            "--out",
            as_dir.to_str().expect("UTF-8 temp path"),
        ],
    );
    assert!(run.status.success(), "{}", common::transcript(&run));
    assert!(as_dir.join("imsmanifest.xml").is_file());
    let paths = [out.join("qti21.zip"), out.join("qti30.zip"), as_dir];
    let (ok, report) = validate(&script, &paths);
    assert!(ok, "validate-qti rejected a built package:\n{report}");
}

/// Each hand-written invalid sample is rejected, and for the reason it was
/// written for: these are the kinds of mistakes the validator catches.
#[test]
#[ignore = "slow (the schema validator): run by .ci/run"]
fn the_validator_rejects_the_invalid_samples() {
    let Some(script) = validator() else { return };
    let dir = script
        .parent()
        .and_then(Path::parent)
        .expect("shared/")
        .join("schemas/examples-invalid");
    let mut samples: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples-invalid readable")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    samples.sort();
    assert!(!samples.is_empty(), "no samples in {}", dir.display());
    let mut kinds = String::new();
    for sample in &samples {
        let (ok, report) = validate(&script, std::slice::from_ref(sample));
        let name = sample.file_name().unwrap().to_string_lossy();
        assert!(!ok, "{name} was accepted:\n{report}");
        assert!(report.contains("FAIL"), "{name}: no FAIL line:\n{report}");
        kinds.push_str(&format!("{name}: {}\n", mistake_kind(&report)));
    }
    common::settings().bind(|| insta::assert_snapshot!("qti_validator_catches", kinds));
}

/// What kind of mistake a validator report describes.
fn mistake_kind(report: &str) -> &'static str {
    if report.contains("FAIL [unknown namespace]") {
        "root element in a namespace no QTI/CP schema has"
    } else if report.contains("parser error") {
        "not well-formed XML (unescaped markup)"
    } else if report.contains("is required but missing") {
        "a required attribute is missing"
    } else if report.contains("is not a valid value") {
        "an attribute value of the wrong type"
    } else if report.contains("This element is not expected") {
        "an element out of order or misplaced"
    } else if report.contains("attribute") && report.contains("not allowed") {
        "an attribute the element does not have"
    } else {
        "another schema violation"
    }
}

// ---------------------------------------------------------------------------
// The manifest against the files

fn check_manifest(files: &[OutFile], target: &str, bank: &Bank) {
    assert_eq!(files[0].path, "imsmanifest.xml", "the manifest comes first");
    let manifest = parse(file(files, "imsmanifest.xml"));
    let version = if target == "qti21" { "v2p1" } else { "v3p0" };
    let resources = manifest.all("resource");
    let ids: Vec<&str> = resources.iter().map(|r| r.attr("identifier")).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "resource identifiers are unique");
    let mut referenced = BTreeSet::new();
    for resource in &resources {
        let href = resource.attr("href");
        let listed: Vec<&str> = resource
            .all("file")
            .iter()
            .map(|f| f.attr("href"))
            .collect();
        assert_eq!(listed, [href], "a resource lists exactly its own file");
        assert!(referenced.insert(href), "{href} listed twice");
        let root = parse(file(files, href));
        let (kind, deps) = match root.name.as_str() {
            "assessmentItem" => ("item", Vec::new()),
            "assessmentTest" => {
                let refs = root.all("assessmentItemRef");
                for r in &refs {
                    let item = parse(file(files, r.attr("href")));
                    assert_eq!(r.attr("identifier"), item.attr("identifier"));
                }
                let deps: Vec<String> = refs
                    .iter()
                    .map(|r| r.attr("href").trim_end_matches(".xml").to_owned())
                    .collect();
                ("test", deps)
            }
            other => panic!("{href}: unexpected root {other}"),
        };
        assert_eq!(
            resource.attr("type"),
            format!("imsqti_{kind}_xml{version}"),
            "{href}"
        );
        assert_eq!(resource.attr("identifier"), root.attr("identifier"));
        let listed_deps: Vec<String> = resource
            .all("dependency")
            .iter()
            .map(|d| d.attr("identifierref").to_owned())
            .collect();
        assert_eq!(listed_deps, deps, "{href}: dependencies = referenced items");
        for dep in &listed_deps {
            assert!(unique.contains(dep.as_str()), "{dep} is not a resource");
        }
    }
    let in_package: BTreeSet<&str> = files.iter().skip(1).map(|f| f.path.as_str()).collect();
    assert_eq!(
        referenced, in_package,
        "every file is a resource, and only those"
    );
    let items = bank.items().count();
    let tests = bank
        .courses
        .iter()
        .filter(|c| c.chapters.iter().any(|ch| !ch.items.is_empty()))
        .count();
    assert_eq!(files.len(), 1 + items + tests);
}

#[test]
fn manifests_match_the_files() {
    let mut banks = vec![small_bank(), content_bank(), tricky_bank()];
    banks.extend(sampler_bank());
    for bank in &banks {
        for target in TARGETS {
            check_manifest(&package(bank, target, false), target, bank);
        }
    }
}

#[test]
fn identifiers_that_start_with_a_digit_become_ncnames() {
    let mut bank = small_bank();
    let course = &mut bank.courses[0];
    course.source = "notes/2024 intro.md".to_owned();
    course.id_prefix = model::id_prefixes(&[course.source.as_str()]).remove(0);
    for item in course.chapters.iter_mut().flat_map(|c| c.items.iter_mut()) {
        item.id = item.id.replacen("small.", "2024-intro.", 1);
    }
    let files = package(&bank, "qti30", false);
    check_manifest(&files, "qti30", &bank);
    let item = parse(file(&files, "_2024-intro.pick-the-join.xml"));
    assert_eq!(item.attr("identifier"), "_2024-intro.pick-the-join");
    assert!(files.iter().any(|f| f.path == "_2024-intro.xml"));
}

// ---------------------------------------------------------------------------
// Determinism

#[test]
fn the_same_bank_gives_the_same_bytes() {
    let bank = content_bank();
    for target in TARGETS {
        let first = export::zip_bytes(&package(&bank, target, false)).unwrap();
        let second = export::zip_bytes(&package(&content_bank(), target, false)).unwrap();
        assert!(first == second, "{target}: two exports differ");
    }
}

#[test]
fn builds_are_byte_identical_at_any_thread_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut outputs = Vec::new();
    for (run, threads) in ["1", "2", "2"].iter().enumerate() {
        let out = dir.path().join(format!("run-{run}"));
        let output = Command::new(env!("CARGO_BIN_EXE_exambank"))
            .args(["build", "content/", "--to", "json,qti21,qti30", "--out"])
            .arg(&out)
            .current_dir(common::root())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("exambank runs");
        assert!(output.status.success(), "{}", common::transcript(&output));
        let read = |name: &str| std::fs::read(out.join(name)).expect("output written");
        outputs.push((read("qti21.zip"), read("qti30.zip")));
    }
    assert!(outputs[0] == outputs[1], "1 thread and 2 threads differ");
    assert!(outputs[1] == outputs[2], "two runs differ");
}

// ---------------------------------------------------------------------------
// Round trip: the key, the groups and the order come back from the XML

/// Choice identifier -> shown text, for every `name` element.
fn texts_by_id(root: &Element, name: &str) -> BTreeMap<String, String> {
    root.all(name)
        .iter()
        .map(|c| (c.attr("identifier").to_owned(), c.text_without_feedback()))
        .collect()
}

fn round_trip(target: &str, item: &Item, xml: &str) {
    let root = parse(xml);
    assert_eq!(root.attr("identifier"), export::ncname(&item.id));
    assert_eq!(root.attr("title"), item.title);
    match &item.body {
        ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
            let texts = texts_by_id(&root, "simpleChoice");
            let key: BTreeSet<&str> = root
                .values("correctResponse")
                .iter()
                .map(|id| texts[id].as_str())
                .collect::<Vec<_>>()
                .into_iter()
                .collect();
            let expected: Vec<String> = options
                .iter()
                .filter(|o| o.correct)
                .map(|o| shown(&o.text))
                .collect();
            let expected: BTreeSet<&str> = expected.iter().map(String::as_str).collect();
            assert_eq!(key, expected, "{}: the key", item.id);
            let all: Vec<String> = options.iter().map(|o| shown(&o.text)).collect();
            let shown_all: Vec<&String> = texts.values().collect();
            assert_eq!(
                shown_all.len(),
                all.len(),
                "{}: every option shown",
                item.id
            );
            let max = root.one("choiceInteraction").attr("maxChoices");
            let single = item.kind() == ItemKind::SingleChoice;
            assert_eq!(max, if single { "1" } else { "0" });
        }
        ItemBody::Categorize { groups } => {
            let texts = texts_by_id(&root, "simpleAssociableChoice");
            let mut pairs: Vec<(String, String)> = root
                .values("correctResponse")
                .iter()
                .map(|pair| {
                    let (entry, group) = pair.split_once(' ').expect("a directed pair");
                    (texts[entry].clone(), texts[group].clone())
                })
                .collect();
            let mut expected: Vec<(String, String)> = groups
                .iter()
                .flat_map(|g| g.items.iter().map(|e| (shown(&e.text), shown(&g.name))))
                .collect();
            pairs.sort();
            expected.sort();
            assert_eq!(pairs, expected, "{}: the groups", item.id);
            let sets = root.all("simpleMatchSet");
            assert_eq!(sets.len(), 2, "items, then groups");
            assert!(sets[0].elements().all(|c| c.attr("matchMax") == "1"));
            assert!(sets[1].elements().all(|c| c.attr("matchMax") == "0"));
        }
        ItemBody::Order { steps } => {
            let texts = texts_by_id(&root, "simpleChoice");
            let order: Vec<&str> = root
                .values("correctResponse")
                .iter()
                .map(|id| texts[id].as_str())
                .collect::<Vec<_>>();
            let expected: Vec<String> = steps.iter().map(|s| shown(&s.text)).collect();
            assert_eq!(order, expected, "{}: the order", item.id);
            let interaction = root.one("orderInteraction");
            assert_eq!(interaction.attr("shuffle"), "true");
            // Not written in the answer's order either.
            let written: Vec<String> = interaction
                .all("simpleChoice")
                .iter()
                .map(|c| c.text_without_feedback())
                .collect();
            if steps.len() > 1 {
                assert_ne!(written, expected, "{}: written in answer order", item.id);
            }
        }
        ItemBody::Code { answer } | ItemBody::FreeText { answer } => {
            root.one("extendedTextInteraction");
            // QTI 2.1 gives the model answer with the general feedback, after
            // any note (Canvas shows only that one); QTI 3.0 as `solution`.
            let id = if target == "qti21" {
                "general_fb"
            } else {
                "solution"
            };
            let solution = root
                .all("modalFeedback")
                .into_iter()
                .find(|f| f.attr("identifier") == id)
                .expect("a model-answer feedback");
            let rubric = root.one("rubricBlock");
            assert_eq!(rubric.attr("view"), "scorer");
            if answer.language.is_some() {
                // Code comes back verbatim, whatever it holds.
                let code = last_code(solution);
                assert_eq!(code, answer.text.trim(), "{}: the model answer", item.id);
                assert_eq!(rubric.one("code").text_without_feedback(), code);
            } else {
                let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                let text = words(&solution.text_without_feedback());
                let expected = words(&shown(&answer.text));
                assert!(text.ends_with(&expected), "{}: {text}", item.id);
            }
        }
    }
    // Every feedback shown is set by response processing, and only those.
    let shown_ids: BTreeSet<&str> = root
        .all("feedbackInline")
        .into_iter()
        .chain(root.all("modalFeedback"))
        .map(|f| f.attr("identifier"))
        .collect();
    let set_ids: BTreeSet<String> = root
        .all("responseProcessing")
        .iter()
        .flat_map(|rp| rp.all("baseValue"))
        .filter(|v| v.attr("baseType") == "identifier")
        .map(Element::text_without_feedback)
        .filter(|v| v.ends_with("_fb") || v == "solution")
        .collect();
    let set_ids: BTreeSet<&str> = set_ids.iter().map(String::as_str).collect();
    assert_eq!(shown_ids, set_ids, "{}: feedback identifiers", item.id);
    if item.feedback.is_some() {
        assert!(shown_ids.contains("general_fb"), "{}: NOTE", item.id);
    }
}

#[test]
fn items_read_back_give_the_notes_key_groups_and_order() {
    let mut banks = vec![small_bank(), content_bank()];
    banks.extend(sampler_bank());
    let mut checked = BTreeMap::<&str, usize>::new();
    for bank in &banks {
        for target in TARGETS {
            for partial in [false, true] {
                let files = package(bank, target, partial);
                for (_, _, item) in bank.items() {
                    round_trip(target, item, file(&files, &item_path(item)));
                    *checked.entry(item.kind().as_str()).or_default() += 1;
                }
            }
        }
    }
    for kind in ItemKind::ALL {
        assert!(
            checked.contains_key(kind.as_str()),
            "no {} item",
            kind.as_str()
        );
    }
}

#[test]
fn text_survives_escaping_exactly() {
    let bank = small_bank();
    for target in TARGETS {
        let files = package(&bank, target, false);
        let item = bank
            .items()
            .map(|(_, _, i)| i)
            .find(|i| i.kind() == ItemKind::MultipleChoice)
            .unwrap();
        let root = parse(file(&files, &item_path(item)));
        let texts: Vec<String> = root
            .all("simpleChoice")
            .iter()
            .map(|c| c.text_without_feedback())
            .collect();
        assert!(
            texts.contains(&"SELECT * FROM <table-name> WHERE id = {{customer_id}}".to_owned())
        );
        let test = parse(file(&files, "small.xml"));
        assert_eq!(test.attr("title"), "Small Bank <Export> & \"Friends\"");
    }
}

// ---------------------------------------------------------------------------
// What Canvas's QTI 2.1 importer (canvas-lms `qti_exporter`) reads

/// Every QTI 2.1 package these tests build: small, content, tricky, sampler.
fn qti21_packages() -> Vec<(Bank, Vec<OutFile>)> {
    let mut banks = vec![small_bank(), content_bank(), tricky_bank()];
    banks.extend(sampler_bank());
    banks
        .into_iter()
        .map(|bank| {
            let files = package(&bank, "qti21", false);
            (bank, files)
        })
        .collect()
}

/// The one interaction of an item.
fn interaction(root: &Element) -> &Element {
    let found: Vec<&Element> = root
        .one("itemBody")
        .elements()
        .filter(|e| e.name.ends_with("Interaction"))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one interaction in {}",
        root.attr("identifier")
    );
    found[0]
}

/// Canvas picks an item's converter by the `interactionType` of its manifest
/// resource, in the QTI 2.1 namespace; without it, its guesser does not
/// know `orderInteraction` and the item is not imported.
#[test]
fn every_qti21_item_resource_names_its_interaction_type() {
    for (bank, files) in qti21_packages() {
        let manifest = parse(file(&files, "imsmanifest.xml"));
        assert_eq!(
            manifest.attr("xmlns:imsqti"),
            "http://www.imsglobal.org/xsd/imsqti_v2p1"
        );
        let mut items = 0;
        for resource in manifest.all("resource") {
            if resource.attr("type") != "imsqti_item_xmlv2p1" {
                assert!(resource.all("imsqti:interactionType").is_empty());
                continue;
            }
            items += 1;
            let named = resource
                .one("imsqti:interactionType")
                .text_without_feedback();
            let item = parse(file(&files, resource.attr("href")));
            assert_eq!(named, interaction(&item).name, "{}", resource.attr("href"));
        }
        assert_eq!(items, bank.items().count());
    }
}

/// Canvas takes the question text from the `div`s and `p`s directly under
/// `itemBody` (plus a choice interaction's `prompt`), falling back to the
/// text of the whole body: the prompt stands whole in one `<div>` that
/// opens `itemBody`, lists and code included, and nowhere else.
#[test]
fn the_qti21_prompt_is_one_div_that_opens_the_item_body() {
    for (bank, files) in qti21_packages() {
        for (_, _, item) in bank.items() {
            let root = parse(file(&files, &item_path(item)));
            let body = root.one("itemBody");
            let first = body.elements().next().expect("a first child");
            assert_eq!(first.name, "div", "{}", item.id);
            let text_blocks = body
                .elements()
                .filter(|e| matches!(e.name.as_str(), "div" | "p"))
                .count();
            assert_eq!(text_blocks, 1, "{}: Canvas joins every one", item.id);
            assert!(root.all("prompt").is_empty(), "{}: said twice", item.id);
            let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let expected = parse(&format!("<x>{}</x>", markup::blocks(&item.prompt)));
            assert_eq!(
                words(&first.text_without_feedback()),
                words(&expected.text_without_feedback()),
                "{}",
                item.id
            );
            assert_eq!(
                first.all("ol").len() + first.all("ul").len(),
                expected.all("ol").len() + expected.all("ul").len(),
                "{}: lists kept",
                item.id
            );
        }
    }
}

/// Canvas reads an option that holds `feedbackInline` up to its first child
/// element, and glues the feedback of group items and steps to their
/// labels: no choice holds feedback. Option explanations are modal feedback
/// that the option's response condition sets (which Canvas attaches to the
/// option); explanations of group items and steps join the general feedback.
#[test]
fn no_qti21_choice_holds_feedback_and_every_explanation_arrives() {
    let mut explained = BTreeMap::<&str, usize>::new();
    for (bank, files) in qti21_packages() {
        for (_, _, item) in bank.items() {
            let root = parse(file(&files, &item_path(item)));
            assert!(root.all("feedbackInline").is_empty(), "{}", item.id);
            let feedback = |id: &str| {
                root.all("modalFeedback")
                    .into_iter()
                    .find(|f| f.attr("identifier") == id)
                    .map(|f| f.text_without_feedback())
            };
            let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            match &item.body {
                ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
                    for (k, option) in options.iter().enumerate() {
                        let Some(text) =
                            option.feedback.as_deref().filter(|f| !f.trim().is_empty())
                        else {
                            continue;
                        };
                        let modal = feedback(&format!("choice_{}_fb", k + 1)).expect("modal");
                        assert_eq!(words(&modal), words(&shown(text)), "{}", item.id);
                        *explained.entry("option").or_default() += 1;
                    }
                }
                ItemBody::Categorize { .. } | ItemBody::Order { .. } => {
                    let entries: Vec<&model::Entry> = match &item.body {
                        ItemBody::Categorize { groups } => {
                            groups.iter().flat_map(|g| &g.items).collect()
                        }
                        ItemBody::Order { steps } => steps.iter().collect(),
                        _ => unreachable!(),
                    };
                    for entry in entries {
                        let Some(text) = entry.feedback.as_deref().filter(|f| !f.trim().is_empty())
                        else {
                            continue;
                        };
                        let general = feedback("general_fb").expect("a general feedback");
                        assert!(
                            words(&general).contains(&words(&shown(text))),
                            "{}: {general}",
                            item.id
                        );
                        *explained.entry(item.kind().as_str()).or_default() += 1;
                    }
                }
                ItemBody::Code { .. } | ItemBody::FreeText { .. } => {}
            }
        }
    }
    for kind in ["option", "categorize", "order"] {
        assert!(explained.contains_key(kind), "no {kind} explanation seen");
    }
}

/// Canvas keeps a `solution` feedback only as an example solution that
/// Classic Quizzes never shows, its text flattened and stripped of anything
/// between angle brackets. The general feedback it shows, as HTML: the
/// model answer goes there, code verbatim, placeholders such as
/// `<source-path>` as text.
#[test]
fn qti21_model_answers_reach_the_general_feedback_with_placeholders_as_text() {
    let mut placeholders = 0;
    for (bank, files) in qti21_packages() {
        for (_, _, item) in bank.items() {
            let (ItemBody::Code { answer } | ItemBody::FreeText { answer }) = &item.body else {
                continue;
            };
            let xml = file(&files, &item_path(item));
            let root = parse(xml);
            let ids: Vec<&str> = root
                .all("modalFeedback")
                .iter()
                .map(|f| f.attr("identifier"))
                .collect();
            assert_eq!(ids, ["general_fb"], "{}", item.id);
            let general = root.one("modalFeedback");
            if answer.language.is_some() {
                let code = last_code(general);
                // Characters XML cannot hold (the tricky bank's) become U+FFFD.
                let expected: String = answer
                    .text
                    .chars()
                    .map(|c| {
                        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                            '\u{fffd}'
                        } else {
                            c
                        }
                    })
                    .collect();
                assert_eq!(code, expected.trim(), "{}", item.id);
                if answer.text.contains('<') {
                    placeholders += 1;
                    // Text, escaped once: no element of that name.
                    assert!(!code.is_empty() && xml.contains("&lt;"), "{}", item.id);
                }
            }
            // Still the scorers' rubric, for QTI players.
            assert_eq!(root.one("rubricBlock").attr("view"), "scorer");
        }
    }
    assert!(
        placeholders >= 2,
        "content/ and small.md hold <placeholder> code"
    );
}
