//! What the exporters share, pinned across targets: facts the model
//! defines once must come out the same in every target that uses them.

use exambank::export::{self, Artifact, ExportOptions, OutFile};
use exambank::model::{self, Bank};
use exambank::pipeline::check_text;
use exambank::source::{LineIndex, SourceFile};

/// The bank of one notes text (lowered as `build` does; no lint).
fn bank(path: &str, text: &str) -> Bank {
    let file = SourceFile::new(path, text);
    let doc = exambank::parse::parse(&file.text);
    let index = LineIndex::new(&file.text);
    let prefix = model::id_prefixes(&[path]).remove(0);
    Bank {
        courses: vec![model::lower(&file, &doc, &index, &prefix)],
    }
}

fn export(target: &str, bank: &Bank) -> Artifact {
    export::exporter(target)
        .expect("target exists")
        .export(bank, &ExportOptions::default())
        .expect("export succeeds")
}

fn text(artifact: Artifact) -> String {
    match artifact {
        Artifact::File { bytes } => String::from_utf8(bytes).expect("UTF-8"),
        Artifact::Package { .. } => panic!("expected one file"),
    }
}

fn files(artifact: Artifact) -> Vec<OutFile> {
    match artifact {
        Artifact::Package { files } => files,
        Artifact::File { .. } => panic!("expected a package"),
    }
}

/// The text of the package's file for item `id`.
fn item_file(target: &str, bank: &Bank, id: &str) -> String {
    let path = format!("{id}.xml");
    let file = files(export(target, bank))
        .into_iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{target} has no {path}"));
    String::from_utf8(file.bytes).expect("UTF-8")
}

const REFERRING: &str = "\
# 1. Crimes
## Which crime
```
Which of these crimes is a felony?

[ ]Jaywalking
[ ]Littering
[x]None of these
```

## Line plots
```
Which statement is false?

[ ]Facebook fell further than any of the other companies.
[x]Apple doubled.
[ ]Amazon rose.
```
";

/// Bug fixed: an option that refers to the others had three definitions
/// (lint rule EB110, the Moodle exporter, the QTI exporter) that
/// disagreed. "None of these" was pinned in Moodle but shuffled in QTI
/// 2.1 and 3.0, and Moodle kept a question in its written order because
/// an option said "any of the other companies". Now the model marks such
/// options once, by EB110's definition, and every target reads the mark.
#[test]
fn options_that_refer_to_the_others_are_one_fact_in_every_target() {
    let bank = bank("crimes.md", REFERRING);
    let options = |id: &str| {
        let (_, _, item) = bank.items().find(|(_, _, i)| i.id == id).expect("item");
        let options = item.body.options().expect("a choice item");
        options
            .iter()
            .map(|o| o.refers_to_others)
            .collect::<Vec<_>>()
    };
    assert_eq!(options("crimes.which-crime"), [false, false, true]);
    assert_eq!(options("crimes.line-plots"), [false, false, false]);

    // Lint reports exactly the options the exporters pin.
    let checked = check_text("crimes.md", REFERRING, &["EB110"]);
    let reported: Vec<&str> = checked
        .findings
        .iter()
        .map(|f| &REFERRING[f.span.start..f.span.end])
        .collect();
    assert_eq!(reported, ["None of these"]);

    // QTI 2.1 and 3.0 keep it in place while the rest shuffle.
    for (target, element) in [("qti21", "simpleChoice"), ("qti30", "qti-simple-choice")] {
        let xml = item_file(target, &bank, "crimes.which-crime");
        assert!(
            xml.contains(&format!(
                "<{element} identifier=\"choice_3\" fixed=\"true\">None of these</{element}>"
            )),
            "{target}: {xml}"
        );
        assert_eq!(xml.matches("fixed=\"true\"").count(), 1, "{target}");
        let xml = item_file(target, &bank, "crimes.line-plots");
        assert!(!xml.contains("fixed="), "{target}: {xml}");
    }

    // Moodle shuffles a question only when no option refers to the others.
    let moodle = text(export("moodle", &bank));
    let shuffles: Vec<&str> = moodle
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<shuffleanswers>"))
        .collect();
    assert_eq!(
        shuffles,
        ["false</shuffleanswers>", "true</shuffleanswers>"]
    );
}

const CODE_SPANS: &str = "\
# 1. Spans
## Which call
```
Which call reads the whole file?

[x]``read`all`` reads it whole
[ ]``teh`recieve`` reads a line
[ ]read_line: Show above or below a midpoint```
```
";

/// Bug fixed: inline Markdown was read twice, by lint and by the
/// exporters, and they disagreed on code spans: ``` ``a`b`` ``` was one code
/// span to lint and `<code></code>a<code>b</code>`` ` in the export, and an
/// unclosed run of three backticks became an empty code span. Both now
/// ask one reader (pulldown-cmark): a code span closes at a run of
/// backticks as long as the one that opened it.
#[test]
fn lint_and_export_read_the_same_code_spans() {
    let bank = bank("spans.md", CODE_SPANS);
    let xml = item_file("qti30", &bank, "spans.which-call");
    assert!(
        xml.contains("><code>read`all</code> reads it whole</qti-simple-choice>"),
        "{xml}"
    );
    assert!(
        xml.contains("<code>teh`recieve</code> reads a line"),
        "{xml}"
    );
    // An unclosed run is text.
    assert!(xml.contains("Show above or below a midpoint```"), "{xml}");
    assert!(!xml.contains("<code></code>"), "{xml}");
    let moodle = text(export("moodle", &bank));
    assert!(
        moodle.contains("<text>&lt;code&gt;read`all&lt;/code&gt; reads it whole</text>"),
        "{moodle}"
    );

    // The misspellings inside the code span are code to lint as well.
    let checked = check_text("spans.md", CODE_SPANS, &["EB401", "EB402"]);
    let words: Vec<&str> = checked
        .findings
        .iter()
        .map(|f| &CODE_SPANS[f.span.start..f.span.end])
        .collect();
    assert!(
        !words.iter().any(|w| ["teh", "recieve"].contains(w)),
        "{words:?}"
    );
}

/// CommonMark's emphasis, as every Markdown viewer shows it: `__init__`
/// is strong `init` (the exporters wrote `_<em>init</em>_`, which no
/// viewer shows); `snake_case` and `2 * 3` stay text.
#[test]
fn emphasis_is_read_as_markdown_viewers_show_it() {
    use exambank::export::markup::inline;
    assert_eq!(inline("Use of __init__"), "Use of <strong>init</strong>");
    assert_eq!(
        inline("snake_case_name, 2 * 3 * 4"),
        "snake_case_name, 2 * 3 * 4"
    );
    assert_eq!(inline("*a* and **b**"), "<em>a</em> and <strong>b</strong>");
}
