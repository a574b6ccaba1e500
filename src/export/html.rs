//! A self-contained HTML preview: one page per course and an `index.html`.
//!
//! Each page shows every item as a learner meets it (options to tick,
//! items to sort, steps to place, a box to write in), with a reviewer
//! toggle, a real `<button aria-pressed>`, that reveals the keys and the
//! feedback. Styles and scripts are inline and a Content-Security-Policy
//! forbids every fetch: the page works offline, from a file or a zip.
//!
//! Opening a page with `#review` starts in reviewer mode. Opening it with
//! `#selftest` makes its script check itself (every item shown, keys
//! hidden until the toggle and shown after it, every control labelled,
//! nothing wider than the window, no script error) and write the result
//! into an `<output id="selftest">`, which the tests read from a headless
//! browser.

use std::fmt::Write as _;

use super::lms;
use super::markup::{self, blocks, inline};
use super::shuffle::display_order;
use super::xml::esc;
use super::{
    Artifact, CoursePackage, ExportError, ExportOptions, Exporter, OutFile, PackageEnd,
    PackageStream, Rendered,
};
use crate::model::{Answer, Bank, ChoiceOption, Course, Entry, Group, Item, ItemBody, ItemKind};

pub struct HtmlExporter;

impl Exporter for HtmlExporter {
    fn name(&self) -> &'static str {
        "html"
    }

    /// A directory: the pages open straight from it.
    fn default_file_name(&self) -> &'static str {
        "html"
    }

    fn export(&self, bank: &Bank, _options: &ExportOptions) -> Result<Artifact, ExportError> {
        Ok(Artifact::Package { files: pages(bank) })
    }

    fn package_stream(&self, _options: &ExportOptions) -> Option<Box<dyn PackageStream>> {
        Some(Box::new(HtmlStream {
            courses: 0,
            items: 0,
        }))
    }
}

const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE: &str = r#"
:root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fff;--muted:#55555f;--line:#c9c9d2;--accent:#0a58a6;--ok:#0f6b2c;--bad:#a3122a;--key:#fff7dc;--code:#f2f2f5}
@media (prefers-color-scheme:dark){:root{--fg:#ececf1;--bg:#141418;--muted:#b0b0bb;--line:#44444f;--accent:#82bcff;--ok:#6ad495;--bad:#ff8fa0;--key:#2d2816;--code:#222229}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
header,nav,main,footer{max-width:48rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0}
h2{font-size:1.3rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:2px solid var(--line)}
h3{font-size:1.1rem;margin:0 0 .25rem}
a{color:var(--accent)}
.meta,.kind,.crumbs{color:var(--muted);margin:.25rem 0}
.kind{font-size:.95rem}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999rem;top:.5rem;background:var(--bg);padding:.5rem 1rem;z-index:1}
.skip:focus{left:.5rem}
.reveal{font:inherit;min-height:2.75rem;margin:.75rem 0;padding:.5rem 1rem;border:2px solid var(--accent);border-radius:.5rem;background:transparent;color:var(--accent);cursor:pointer}
.reveal[aria-pressed="true"]{background:var(--accent);color:var(--bg)}
nav ul{padding-left:1.25rem}
.item{border:1px solid var(--line);border-radius:.75rem;padding:1rem;margin:1rem 0}
.prompt>:first-child{margin-top:0}
pre{overflow-x:auto;padding:.75rem;background:var(--code);border-radius:.5rem;margin:.5rem 0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
fieldset{border:0;margin:0;padding:0;min-width:0}
.options,.pairs{list-style:none;margin:.5rem 0;padding:0}
.options>li,.pairs>li{margin:.5rem 0}
.options label,.pairs label{display:flex;flex-wrap:wrap;gap:.5rem .75rem;align-items:center;padding:.5rem .75rem;border:1px solid var(--line);border-radius:.5rem;min-height:2.75rem}
.options label{cursor:pointer;flex-wrap:nowrap;align-items:flex-start}
.options input{width:1.25rem;height:1.25rem;margin:.2rem 0 0;flex:none}
.pairs label>span{flex:1 1 12rem}
select,textarea{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:.4rem;max-width:100%}
select{min-height:2.75rem;padding:.25rem .5rem}
textarea{display:block;width:100%;padding:.5rem;margin:.25rem 0}
textarea.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.key{display:none;margin:.4rem 0 0;padding:.4rem .75rem;background:var(--key);border-left:4px solid var(--accent);border-radius:.25rem}
.reviewing .key{display:block}
.key>:first-child{margin-top:0}.key>:last-child{margin-bottom:0}
.key.correct{border-left-color:var(--ok)}
.key.wrong{border-left-color:var(--bad)}
.key.source{border-left-color:var(--line);background:transparent;color:var(--muted)}
.label{font-weight:700;margin:0}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
footer{color:var(--muted);font-size:.9rem;padding-bottom:2rem}
@media print{.reveal,.skip,nav{display:none}.item{break-inside:avoid}}
"#;

/// Runs first: keeps every script error and blocked fetch for the self-test.
const ERROR_CAPTURE: &str = r"
window.exambankErrors=[];
window.addEventListener('error',function(e){window.exambankErrors.push('error: '+e.message);});
document.addEventListener('securitypolicyviolation',function(e){window.exambankErrors.push('blocked: '+e.blockedURI);});
(function(){var original=console.error;console.error=function(){window.exambankErrors.push('console: '+Array.prototype.join.call(arguments,' '));return original.apply(console,arguments);};})();
";

/// The reviewer toggle and the `#selftest` check of a course page.
const COURSE_SCRIPT: &str = r"
(function(){
'use strict';
var button=document.getElementById('reveal');
var main=document.getElementById('items');
function set(on){main.classList.toggle('reviewing',on);button.setAttribute('aria-pressed',on?'true':'false');}
button.addEventListener('click',function(){set(button.getAttribute('aria-pressed')!=='true');});
function shown(el){var r=el.getBoundingClientRect();return r.width>0&&r.height>0&&getComputedStyle(el).visibility!=='hidden';}
function selftest(){
var problems=[];
var items=main.querySelectorAll('article.item');
var expected=Number(main.getAttribute('data-items'));
if(items.length!==expected){problems.push('items: '+items.length+' of '+expected);}
var keys=main.querySelectorAll('.key');
items.forEach(function(item){
if(!shown(item)){problems.push('not shown: '+item.id);}
if(!item.querySelector('.key')){problems.push('no key: '+item.id);}
});
keys.forEach(function(key){if(shown(key)){problems.push('key shown before the toggle: '+key.closest('article').id);}});
main.querySelectorAll('input,select,textarea').forEach(function(control){if(!control.labels||!control.labels.length){problems.push('control without a label in '+control.closest('article').id);}});
if(document.documentElement.scrollWidth>window.innerWidth+1){problems.push('page wider than the window: '+document.documentElement.scrollWidth+' > '+window.innerWidth);}
button.focus();
if(document.activeElement!==button){problems.push('the toggle cannot take the focus');}
button.click();
if(button.getAttribute('aria-pressed')!=='true'){problems.push('aria-pressed is not true after the toggle');}
var revealed=0;
keys.forEach(function(key){if(shown(key)){revealed++;}else{problems.push('key hidden after the toggle: '+key.closest('article').id);}});
button.click();
if(button.getAttribute('aria-pressed')!=='false'){problems.push('aria-pressed is not false after a second toggle');}
keys.forEach(function(key){if(shown(key)){problems.push('key shown after a second toggle: '+key.closest('article').id);}});
problems=problems.concat(window.exambankErrors);
var out=document.createElement('output');
out.id='selftest';
out.setAttribute('data-result',problems.length?'fail':'pass');
out.setAttribute('data-items',String(items.length));
out.setAttribute('data-keys',String(keys.length));
out.setAttribute('data-revealed',String(revealed));
out.textContent=problems.join('; ');
document.body.appendChild(out);
}
if(location.hash==='#selftest'){selftest();}
else if(location.hash==='#review'){set(true);}
})();
";

/// The `#selftest` check of the index: every course linked, no error.
const INDEX_SCRIPT: &str = r"
(function(){
'use strict';
if(location.hash!=='#selftest'){return;}
var links=document.querySelectorAll('main a[href]');
var expected=Number(document.querySelector('main').getAttribute('data-courses'));
var problems=[];
if(links.length!==expected){problems.push('links: '+links.length+' of '+expected);}
problems=problems.concat(window.exambankErrors);
var out=document.createElement('output');
out.id='selftest';
out.setAttribute('data-result',problems.length?'fail':'pass');
out.setAttribute('data-courses',String(links.length));
out.textContent=problems.join('; ');
document.body.appendChild(out);
})();
";

fn pages(bank: &Bank) -> Vec<OutFile> {
    let names: Vec<String> = bank
        .courses
        .iter()
        .map(|c| page_name(&c.id_prefix))
        .collect();
    let mut files = vec![OutFile {
        path: "index.html".to_owned(),
        bytes: index_page(bank, &names).into_bytes(),
    }];
    for (course, name) in bank.courses.iter().zip(&names) {
        files.push(OutFile {
            path: name.clone(),
            bytes: course_page(course).into_bytes(),
        });
    }
    files
}

/// The page of the course with id prefix `prefix`.
fn page_name(prefix: &str) -> String {
    // The index keeps its name whatever the notes files are called.
    if prefix == "index" {
        "index-course.html".to_owned()
    } else {
        format!("{prefix}.html")
    }
}

fn head(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>{}</title>\n<script>{ERROR_CAPTURE}</script>\n<style>{STYLE}</style>\n\
         <noscript><style>.key{{display:block}}.reveal{{display:none}}</style></noscript>\n</head>\n",
        esc(title)
    );
}

fn item_count(course: &Course) -> usize {
    course.chapters.iter().map(|c| c.items.len()).sum()
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn index_page(bank: &Bank, names: &[String]) -> String {
    let items: usize = bank.courses.iter().map(item_count).sum();
    let mut out = index_head(bank.courses.len(), items);
    for (course, name) in bank.courses.iter().zip(names) {
        out.push_str(&index_line(course, name));
    }
    out.push_str(&index_tail());
    out
}

/// The index up to its first course.
fn index_head(courses: usize, items: usize) -> String {
    let mut out = String::new();
    head(&mut out, "Exam bank preview");
    out.push_str("<body>\n<header>\n<h1>Exam bank preview</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"meta\">{}, {}</p>\n</header>",
        plural(courses, "course"),
        plural(items, "item")
    );
    let _ = writeln!(
        out,
        "<main id=\"courses\" data-courses=\"{courses}\">\n<ul>"
    );
    out
}

/// A course's line of the index.
fn index_line(course: &Course, name: &str) -> String {
    let mut kinds = Vec::new();
    for kind in ItemKind::ALL {
        let n = course
            .chapters
            .iter()
            .flat_map(|c| &c.items)
            .filter(|i| i.kind() == kind)
            .count();
        if n > 0 {
            kinds.push(format!("{n} {}", kind_name(kind)));
        }
    }
    format!(
        "<li><a href=\"{}\">{}</a> <span class=\"meta\">{}: {}</span></li>\n",
        esc(name),
        esc(course.title.trim()),
        plural(item_count(course), "item"),
        kinds.join(", ")
    )
}

/// The index after its last course.
fn index_tail() -> String {
    let mut out = String::from("</ul>\n</main>\n");
    footer(&mut out);
    let _ = write!(out, "<script>{INDEX_SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// The preview written course by course: what is kept over the bank is
/// the number of courses and items.
struct HtmlStream {
    courses: usize,
    items: usize,
}

/// A course rendered: its page, its line of the index, its items.
struct HtmlCourse {
    page: OutFile,
    line: String,
    items: usize,
}

impl PackageStream for HtmlStream {
    fn render(&self, course: &Course, _index: usize) -> Rendered {
        let name = page_name(&course.id_prefix);
        Rendered(Box::new(HtmlCourse {
            line: index_line(course, &name),
            page: OutFile {
                path: name,
                bytes: course_page(course).into_bytes(),
            },
            items: item_count(course),
        }))
    }

    fn accept(&mut self, rendered: Rendered) -> Result<CoursePackage, ExportError> {
        let course = *rendered
            .0
            .downcast::<HtmlCourse>()
            .expect("a course rendered by this target");
        self.courses += 1;
        self.items += course.items;
        Ok(CoursePackage {
            files: vec![course.page],
            head: course.line.into_bytes(),
            ..CoursePackage::default()
        })
    }

    fn finish(&mut self) -> Result<PackageEnd, ExportError> {
        Ok(PackageEnd {
            path: "index.html".to_owned(),
            head: index_head(self.courses, self.items).into_bytes(),
            tail: index_tail().into_bytes(),
        })
    }
}

fn footer(out: &mut String) {
    let _ = writeln!(
        out,
        "<footer><p>Built by exambank {}. Keys and feedback stay hidden until the reviewer toggle shows them.</p></footer>",
        env!("CARGO_PKG_VERSION")
    );
}

fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::SingleChoice => "single choice",
        ItemKind::MultipleChoice => "multiple choice",
        ItemKind::Categorize => "categorize",
        ItemKind::Order => "order",
        ItemKind::Code => "code",
        ItemKind::FreeText => "free text",
    }
}

fn course_page(course: &Course) -> String {
    let mut out = String::new();
    let title = course.title.trim();
    head(&mut out, &format!("{title} · exam bank preview"));
    out.push_str("<body>\n<a class=\"skip\" href=\"#items\">Skip to the items</a>\n<header>\n");
    out.push_str("<p class=\"crumbs\"><a href=\"index.html\">All courses</a></p>\n");
    let _ = writeln!(out, "<h1>{}</h1>", esc(title));
    let mut meta = vec![
        plural(item_count(course), "item"),
        esc(&course.source).into_owned(),
    ];
    if !course.tags.is_empty() {
        meta.push(format!("tags: {}", esc(&course.tags.join(", "))));
    }
    let _ = writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    if let Some(url) = course
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        // Any other scheme (`javascript:` ...) is shown, never linked.
        let _ = match markup::link_target(url) {
            Some(target) => writeln!(
                out,
                "<p class=\"meta\"><a href=\"{0}\" rel=\"noreferrer\">{0}</a></p>",
                esc(target)
            ),
            None => writeln!(out, "<p class=\"meta\">{}</p>", esc(url)),
        };
    }
    out.push_str(
        "<button type=\"button\" id=\"reveal\" class=\"reveal\" aria-pressed=\"false\" aria-controls=\"items\">Reviewer mode: show keys and feedback</button>\n</header>\n",
    );
    let chapters: Vec<_> = course
        .chapters
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.items.is_empty())
        .collect();
    if chapters.len() > 1 {
        out.push_str("<nav aria-label=\"Chapters\">\n<ul>\n");
        for (k, chapter) in &chapters {
            let _ = writeln!(
                out,
                "<li><a href=\"#chapter-{}\">{}</a></li>",
                k + 1,
                esc(&lms::chapter_label(chapter))
            );
        }
        out.push_str("</ul>\n</nav>\n");
    }
    let _ = writeln!(
        out,
        "<main id=\"items\" tabindex=\"-1\" data-items=\"{}\">",
        item_count(course)
    );
    if chapters.is_empty() {
        out.push_str("<p>This course has no items.</p>\n");
    }
    let mut number = 0;
    for (k, chapter) in chapters {
        let _ = writeln!(
            out,
            "<section id=\"chapter-{0}\" aria-labelledby=\"chapter-{0}-title\">\n<h2 id=\"chapter-{0}-title\">{1}</h2>",
            k + 1,
            esc(&lms::chapter_label(chapter))
        );
        for item in &chapter.items {
            number += 1;
            item_html(&mut out, item, number);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n");
    footer(&mut out);
    let _ = write!(out, "<script>{COURSE_SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// A key block: hidden until the reviewer toggle.
fn key(out: &mut String, class: &str, label: &str, html: &str) {
    let _ = writeln!(
        out,
        "<div class=\"key {class}\"><p class=\"label\">{label}</p>{html}</div>"
    );
}

fn item_html(out: &mut String, item: &Item, number: usize) {
    let id = esc(&item.id);
    let _ = writeln!(
        out,
        "<article class=\"item\" id=\"{id}\" data-kind=\"{}\" aria-labelledby=\"{id}-title\">\n<h3 id=\"{id}-title\">{number}. {}</h3>",
        item.kind().as_str(),
        esc(item.title.trim())
    );
    let _ = writeln!(out, "<div class=\"prompt\">{}</div>", blocks(&item.prompt));
    match &item.body {
        ItemBody::SingleChoice { options } | ItemBody::MultipleChoice { options } => {
            choice(out, item, options)
        }
        ItemBody::Categorize { groups } => categorize(out, item, groups),
        ItemBody::Order { steps } => order(out, item, steps),
        ItemBody::Code { answer } | ItemBody::FreeText { answer } => written(out, item, answer),
    }
    if let Some(general) = lms::general_feedback(item) {
        key(out, "note", "Note", &general);
    }
    // Where to fix it: for reviewers only, like the keys.
    key(
        out,
        "source",
        "Source",
        &format!(
            "<p><code>{}:{}</code>, item id <code>{id}</code></p>",
            esc(&item.source.path),
            item.source.line
        ),
    );
    out.push_str("</article>\n");
}

fn instruction(out: &mut String, text: &str) {
    let _ = writeln!(out, "<p class=\"kind\">{text}</p>");
}

fn choice(out: &mut String, item: &Item, options: &[ChoiceOption]) {
    let single = item.kind() == ItemKind::SingleChoice;
    let (input, text) = if single {
        ("radio", "Choose one answer.")
    } else {
        ("checkbox", "Choose every correct answer.")
    };
    instruction(out, text);
    let _ = writeln!(
        out,
        "<fieldset>\n<legend class=\"visually-hidden\">Options of {}</legend>\n<ol class=\"options\" type=\"a\">",
        esc(item.title.trim())
    );
    for option in options {
        let _ = writeln!(
            out,
            "<li><label><input type=\"{input}\" name=\"{}\"> <span>{}</span></label>",
            esc(&item.id),
            inline(option.text.trim())
        );
        let (class, verdict) = if option.correct {
            ("correct", "Correct")
        } else {
            ("wrong", "Not correct")
        };
        key(
            out,
            class,
            verdict,
            &option
                .feedback
                .as_deref()
                .map(inline)
                .map_or_else(String::new, |f| format!("<p>{f}</p>")),
        );
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</fieldset>\n");
}

fn select(out: &mut String, label: &str, placeholder: &str, choices: &[String]) {
    let _ = write!(
        out,
        "<label><span>{label}</span> <select><option value=\"\">{placeholder}</option>"
    );
    for choice in choices {
        let _ = write!(out, "<option>{choice}</option>");
    }
    out.push_str("</select></label>\n");
}

fn categorize(out: &mut String, item: &Item, groups: &[Group]) {
    instruction(out, "Sort each item into its group.");
    let entries: Vec<(&Group, &Entry)> = groups
        .iter()
        .flat_map(|g| g.items.iter().map(move |e| (g, e)))
        .collect();
    let names: Vec<String> = groups
        .iter()
        .map(|g| esc(g.name.trim()).into_owned())
        .collect();
    out.push_str("<ul class=\"pairs\">\n");
    // Never listed group by group: that would give the answer away.
    for k in display_order(&item.id, entries.len()) {
        let (group, entry) = entries[k];
        out.push_str("<li>");
        select(out, &inline(entry.text.trim()), "Choose a group", &names);
        let explanation = entry
            .feedback
            .as_deref()
            .map(inline)
            .map_or_else(String::new, |f| format!("<p>{f}</p>"));
        key(
            out,
            "correct",
            &format!("Group: {}", esc(group.name.trim())),
            &explanation,
        );
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
    let mut summary = String::from("<ul>");
    for group in groups {
        let members: Vec<String> = group.items.iter().map(|e| inline(e.text.trim())).collect();
        let _ = write!(
            summary,
            "<li><strong>{}</strong>: {}</li>",
            esc(group.name.trim()),
            members.join(", ")
        );
    }
    summary.push_str("</ul>");
    key(out, "answer", "Groups", &summary);
}

fn order(out: &mut String, item: &Item, steps: &[Entry]) {
    instruction(
        out,
        "Put the steps in order: give each its position, 1 first.",
    );
    let positions: Vec<String> = (1..=steps.len()).map(|k| k.to_string()).collect();
    out.push_str("<ul class=\"pairs\">\n");
    // Never in the written order: that is the answer.
    for k in display_order(&item.id, steps.len()) {
        out.push_str("<li>");
        select(out, &inline(steps[k].text.trim()), "Position", &positions);
        key(out, "correct", &format!("Position {}", k + 1), "");
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
    let mut list = String::from("<ol>");
    for step in steps {
        let explanation = step
            .feedback
            .as_deref()
            .map(inline)
            .map_or_else(String::new, |f| format!(": {f}"));
        let _ = write!(list, "<li>{}{explanation}</li>", inline(step.text.trim()));
    }
    list.push_str("</ol>");
    key(out, "answer", "Correct order", &list);
}

fn language_name(language: &str) -> String {
    match language {
        "sql" => "SQL".to_owned(),
        "python" => "Python".to_owned(),
        other => other.to_owned(),
    }
}

fn written(out: &mut String, item: &Item, answer: &Answer) {
    let field = format!("{}-answer", esc(&item.id));
    let (text, class, rows) = match answer.language.as_deref() {
        Some(language) => (
            format!("Write the code ({}).", esc(&language_name(language))),
            " class=\"code\" spellcheck=\"false\" autocapitalize=\"off\"",
            8,
        ),
        None => ("Answer in a few sentences.".to_owned(), "", 4),
    };
    let _ = writeln!(
        out,
        "<label for=\"{field}\" class=\"kind\">{text}</label>\n<textarea id=\"{field}\" rows=\"{rows}\"{class}></textarea>"
    );
    key(out, "answer", "Model answer", &lms::model_answer(answer));
}
