//! Notes full of markup (`<script>`, event handlers, `javascript:` URLs,
//! `]]>`, `{{x}}`, `</textarea>` in every field, and a `javascript:` course
//! URL) built to every target: no output carries markup of the notes as
//! markup. Each output is read the way its importer reads it (the HTML inside
//! Moodle's `<text>`, QTI 1.2's `<mattext>`, GIFT after unescaping), and every
//! tag in it is checked.

mod common;

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;

use quick_xml::events::Event;

const TARGETS: &str = "json,qti21,qti30,qti12,moodle,gift,html";

/// Every output file of a build of the hostile notes, path -> text.
fn build(extra: &[&str]) -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("dist");
    let mut args = vec![
        "build",
        "tests/fixtures/export/hostile.md",
        "--to",
        TARGETS,
        "--out",
        out.to_str().expect("UTF-8 temp path"),
    ];
    args.extend_from_slice(extra);
    let run = common::exambank(&common::root(), &args);
    assert!(run.status.success(), "{}", common::transcript(&run));
    let mut files = BTreeMap::new();
    read_tree(&out, &out, &mut files);
    assert!(files.len() > 10, "every target wrote its files: {files:?}");
    files
}

fn read_tree(root: &Path, dir: &Path, files: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).expect("output readable") {
        let path = entry.expect("entry").path();
        let name = path
            .strip_prefix(root)
            .expect("inside the output")
            .to_string_lossy()
            .into_owned();
        if path.is_dir() {
            read_tree(root, &path, files);
        } else if name.ends_with(".zip") {
            let bytes = std::fs::read(&path).expect("zip readable");
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
            for k in 0..zip.len() {
                let mut file = zip.by_index(k).expect("zip entry");
                let mut text = String::new();
                file.read_to_string(&mut text).expect("UTF-8 entry");
                files.insert(format!("{name}!/{}", file.name()), text);
            }
        } else {
            let text = std::fs::read_to_string(&path).expect("UTF-8 output");
            files.insert(name, text);
        }
    }
}

/// A tag found in markup: its name (lowercase, `/` first for an end tag)
/// and its attributes.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// The tags of an HTML or XML text, as a browser's tokenizer finds them:
/// `<` followed by a letter or `/` and a letter starts a tag.
fn tags(markup: &str) -> Vec<Tag> {
    let bytes = markup.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = markup[i..].find('<').map(|k| i + k) {
        let rest = &markup[at + 1..];
        let end_tag = rest.starts_with('/');
        let name_start = at + 1 + usize::from(end_tag);
        if !bytes
            .get(name_start)
            .is_some_and(|b| b.is_ascii_alphabetic())
        {
            i = at + 1;
            continue;
        }
        let close = markup[name_start..]
            .find('>')
            .map_or(markup.len(), |k| name_start + k);
        let inside = &markup[name_start..close];
        let name_len = inside
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(inside.len());
        let mut name = inside[..name_len].to_ascii_lowercase();
        if end_tag {
            name.insert(0, '/');
        }
        out.push(Tag {
            name,
            attrs: attributes(&inside[name_len..]),
        });
        i = close;
    }
    out
}

/// `a="x" b='y' c=z d` as (name, value) pairs.
fn attributes(mut text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if text.is_empty() {
            return out;
        }
        let name_len = text
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(text.len());
        let name = text[..name_len].to_ascii_lowercase();
        text = text[name_len..].trim_start();
        let mut value = String::new();
        if let Some(after) = text.strip_prefix('=') {
            let after = after.trim_start();
            let (v, rest) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    (&body[..end], body.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = v.to_owned();
            text = rest;
        }
        out.push((name, value));
    }
}

/// What no markup that reaches a learner's browser may hold. `scripts` is
/// how many `<script>` elements the exporter itself writes there.
fn assert_inert(where_: &str, markup: &str, scripts: usize) {
    let tags = tags(markup);
    let count = |name: &str| tags.iter().filter(|t| t.name == name).count();
    assert_eq!(
        count("script"),
        scripts,
        "{where_}: only the exporter's own scripts"
    );
    // A `</textarea>` of the notes would end the answer box early.
    assert_eq!(
        count("textarea"),
        count("/textarea"),
        "{where_}: a </textarea> of the notes is markup"
    );
    for tag in &tags {
        // The notes' `<img>`, `<svg>`, `<b>` and `<iframe>` must stay text;
        // the exporters write none of these.
        assert!(
            !matches!(
                tag.name.as_str(),
                "iframe" | "object" | "embed" | "svg" | "img" | "b"
            ),
            "{where_}: the notes' <{}> is markup",
            tag.name
        );
        for (name, value) in &tag.attrs {
            assert!(
                !name.starts_with("on"),
                "{where_}: <{} {name}=...> is an event handler",
                tag.name
            );
            if matches!(name.as_str(), "href" | "src" | "action" | "formaction") {
                let scheme: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                assert!(
                    !scheme.starts_with("javascript:")
                        && !scheme.starts_with("data:")
                        && !scheme.starts_with("vbscript:"),
                    "{where_}: <{} {name}=\"{value}\">",
                    tag.name
                );
            }
        }
    }
    // The scripts are the exporter's: no payload of the notes inside them.
    let mut rest = markup;
    while let Some(start) = rest.find("<script>") {
        let end = rest[start..]
            .find("</script>")
            .map_or(rest.len(), |k| start + k);
        assert!(
            !rest[start..end].contains("alert("),
            "{where_}: a payload runs as code"
        );
        rest = &rest[end..];
    }
}

/// The text of every element called `name` whose parent has `attr="value"`
/// (any parent when `attr` is empty), unescaped: the HTML an importer takes
/// from it.
fn element_texts(xml: &str, name: &str, parent: (&str, &str)) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    // Whether each open element has the parent's attribute.
    let mut marked: Vec<bool> = Vec::new();
    let mut inside: Option<String> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let wanted = parent.0.is_empty()
                    || e.attributes().flatten().any(|a| {
                        a.key.as_ref() == parent.0.as_bytes()
                            && a.value.as_ref() == parent.1.as_bytes()
                    });
                if e.name().as_ref() == name.as_bytes() && marked.last().copied().unwrap_or(false) {
                    inside = Some(String::new());
                }
                marked.push(wanted);
            }
            Event::End(e) => {
                marked.pop();
                if e.name().as_ref() == name.as_bytes() {
                    out.extend(inside.take());
                }
            }
            Event::Text(t) => {
                if let Some(text) = inside.as_mut() {
                    text.push_str(&t.decode().expect("UTF-8"));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(text) = inside.as_mut() {
                    let c = match r.resolve_char_ref().expect("char ref") {
                        Some(c) => c.to_string(),
                        None => {
                            let entity = r.decode().expect("UTF-8");
                            quick_xml::escape::resolve_predefined_entity(&entity)
                                .expect("a predefined entity")
                                .to_owned()
                        }
                    };
                    text.push_str(&c);
                }
            }
            Event::CData(c) => {
                if let Some(text) = inside.as_mut() {
                    text.push_str(&String::from_utf8_lossy(&c));
                }
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// The HTML parts of a GIFT file: without comments, `$CATEGORY:` lines,
/// `::names::` and the plain-text right sides of matching pairs, all of
/// which Moodle reads as plain text.
fn gift_html(gift: &str) -> String {
    let mut out = String::new();
    for line in gift.lines() {
        let line = line.trim_start();
        if line.starts_with("//") || line.starts_with("$CATEGORY:") {
            continue;
        }
        let line = match line.strip_prefix("::").and_then(|l| l.split_once("::")) {
            Some((_, rest)) => rest,
            None => line,
        };
        let line = line.split_once(" -> ").map_or(line, |(left, _)| left);
        out.push_str(&gift_unescaped(line));
        out.push('\n');
    }
    out
}

/// GIFT text as Moodle reads it: `\x` is `x`, `\n` a line break.
fn gift_unescaped(gift: &str) -> String {
    let mut out = String::with_capacity(gift.len());
    let mut chars = gift.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn check_build(files: &BTreeMap<String, String>) {
    let mut checked = BTreeMap::<&str, usize>::new();
    for (path, text) in files {
        let target = if path.starts_with("html/") {
            "html"
        } else {
            path.split(['.', '!']).next().unwrap_or(path)
        };
        match target {
            "bank" => {
                // Data, not markup: the notes' text, verbatim.
                let bank: serde_json::Value = serde_json::from_str(text).expect("JSON");
                let title = &bank["courses"][0]["title"];
                assert_eq!(title, "Hostile <script>alert(1)</script> course");
            }
            "html" => {
                // The page's error capture, and its own script at the end.
                assert_inert(path, text, 2);
            }
            "qti21" | "qti30" => {
                // XHTML sits in the XML as markup: every tag is checked.
                assert_inert(path, text, 0);
            }
            "qti12" => {
                // Canvas reads `text/html` material as HTML; plain-text
                // material (matching choices) stays text.
                for html in element_texts(text, "mattext", ("texttype", "text/html"))
                    .into_iter()
                    .chain(element_texts(text, "description", ("", "")))
                {
                    assert_inert(path, &html, 0);
                }
                assert_inert(path, text, 0);
            }
            "moodle" => {
                // The HTML fields (`format="html"`); names, categories, tags
                // and matching answers are plain text, which Moodle cleans.
                let texts = element_texts(text, "text", ("format", "html"));
                assert!(texts.len() > 20, "{path}: the HTML of every field");
                for html in texts {
                    assert_inert(path, &html, 0);
                }
            }
            "gift" => assert_inert(path, &gift_html(text), 0),
            other => panic!("an output of no known target: {path} ({other})"),
        }
        *checked.entry(target).or_default() += 1;
    }
    assert_eq!(
        checked.keys().copied().collect::<Vec<_>>(),
        ["bank", "gift", "html", "moodle", "qti12", "qti21", "qti30"],
        "every target was read"
    );
}

#[test]
fn no_target_carries_live_markup_from_the_notes() {
    let files = build(&[]);
    check_build(&files);
    // The `javascript:` course URL is shown as text, not linked.
    let page = files
        .iter()
        .find(|(p, _)| p.starts_with("html/") && p.as_str() != "html/index.html")
        .map(|(_, t)| t)
        .expect("a course page");
    assert!(page.contains("<p class=\"meta\">javascript:alert(3)</p>"));
}

#[test]
fn a_canvas_quiz_of_hostile_notes_is_inert_too() {
    // `--qti12-as quiz` adds Canvas's quiz settings with the course URL.
    let files = build(&["--qti12-as", "quiz"]);
    check_build(&files);
    let meta = files
        .iter()
        .find(|(p, _)| p.ends_with("assessment_meta.xml"))
        .map(|(_, t)| t)
        .expect("the quiz settings");
    let description = element_texts(meta, "description", ("", ""));
    assert_eq!(description, ["<p>javascript:alert(3)</p>"]);
}

#[test]
fn the_tag_reader_finds_what_a_browser_would() {
    let found = tags(
        r#"a <b>x</b> <img src=x onerror=alert(1)> &lt;script&gt; 1 < 2 <a href='javascript:x'>"#,
    );
    let names: Vec<&str> = found.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["b", "/b", "img", "a"]);
    assert_eq!(
        found[2].attrs[1],
        ("onerror".to_owned(), "alert(1)".to_owned())
    );
    assert_eq!(found[3].attrs[0].1, "javascript:x");
    let escaped = gift_unescaped(r"\<script\> \{\{x\}\}\n");
    assert_eq!(escaped, "<script> {{x}}\n");
}
