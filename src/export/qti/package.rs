//! The package: one item file per item (bank order), one test per course
//! with items, and the manifest that lists them.

use std::collections::BTreeSet;

use super::items::{interaction_name, item_xml};
use super::response::{SCORE, float_outcome};
use super::version::Version;
use super::writer::QtiWriter;
use crate::export::manifest::{self, Manifest, Resource};
use crate::export::{Artifact, ExportError, ExportOptions, OutFile};
use crate::model::{Bank, Course};

/// The whole package: `imsmanifest.xml`, one item file per item (bank
/// order), one test per course with items.
pub(super) fn package(
    version: &Version,
    bank: &Bank,
    options: &ExportOptions,
) -> Result<Artifact, ExportError> {
    let fail = |message: String| ExportError::Failed {
        target: version.target,
        message,
    };
    let mut used = BTreeSet::new();
    let mut item_files = Vec::new();
    let mut tests = Vec::new();
    let prefixes: Vec<&str> = bank.courses.iter().map(|c| c.id_prefix.as_str()).collect();
    let mut course_items = Vec::new();
    for course in &bank.courses {
        let mut refs = Vec::new();
        for (chapter_index, chapter) in course.chapters.iter().enumerate() {
            for item in &chapter.items {
                let ident = ncname(&item.id);
                if !used.insert(ident.clone()) {
                    return Err(fail(format!("two items have the id `{}`", item.id)));
                }
                let xml = item_xml(version, item, &ident, options).map_err(&fail)?;
                refs.push((chapter_index, ident.clone()));
                item_files.push(PackageFile {
                    ident,
                    bytes: xml.into_bytes(),
                    dependencies: Vec::new(),
                    interaction: Some(interaction_name(&item.body)),
                });
            }
        }
        course_items.push(refs);
    }
    for ((course, prefix), refs) in bank.courses.iter().zip(&prefixes).zip(&course_items) {
        // A course without items has nothing to test.
        if refs.is_empty() {
            continue;
        }
        // The id prefix of the course's items: a test id never clashes with
        // an item id (those always hold a `.`), but a hand-made bank could.
        let mut ident = ncname(prefix);
        let mut n = 1;
        while used.contains(&ident) {
            n += 1;
            ident = ncname(&format!("{prefix}-{n}"));
        }
        used.insert(ident.clone());
        let xml = test_xml(version, course, &ident, refs);
        tests.push(PackageFile {
            ident,
            bytes: xml.into_bytes(),
            dependencies: refs.iter().map(|(_, item)| item.clone()).collect(),
            interaction: None,
        });
    }
    let manifest = manifest_xml(version, bank, &prefixes, &item_files, &tests);
    let mut files = vec![OutFile {
        path: "imsmanifest.xml".to_owned(),
        bytes: manifest.into_bytes(),
    }];
    files.extend(item_files.into_iter().chain(tests).map(|r| OutFile {
        path: r.href(),
        bytes: r.bytes,
    }));
    Ok(Artifact::Package { files })
}

/// An item or test file of the package.
struct PackageFile {
    ident: String,
    bytes: Vec<u8>,
    /// The identifiers of the items a test uses.
    dependencies: Vec<String>,
    /// An item's interaction, in QTI 2.1 spelling.
    interaction: Option<&'static str>,
}

impl PackageFile {
    fn href(&self) -> String {
        format!("{}.xml", self.ident)
    }
}

/// A valid NCName for an id, the same on every run and distinct for
/// distinct ids: an id that already is an ASCII NCName without `_` (every
/// id lowering makes, unless it starts with a digit) is kept as is; any
/// other gets a leading `_` and each character outside `[A-Za-z0-9.-]`
/// written as `_<hex>_`. The two forms cannot meet (only the second starts
/// with `_`), and the second decodes unambiguously.
#[must_use]
pub fn ncname(id: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    if id.starts_with(|c: char| c.is_ascii_alphabetic()) && id.chars().all(plain) {
        return id.to_owned();
    }
    let mut out = String::with_capacity(id.len() + 8);
    out.push('_');
    for c in id.chars() {
        if plain(c) {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", u32::from(c)));
        }
    }
    out
}

/// One test per course: a section per chapter that has items.
fn test_xml(version: &Version, course: &Course, ident: &str, refs: &[(usize, String)]) -> String {
    let mut w = QtiWriter::new(version);
    let tool_version = env!("CARGO_PKG_VERSION");
    w.open_root(
        "assessmentTest",
        &[
            ("identifier", ident),
            ("title", &course.title),
            ("toolName", "exambank"),
            ("toolVersion", tool_version),
        ],
    );
    float_outcome(
        &mut w,
        &[
            ("identifier", SCORE),
            ("cardinality", "single"),
            ("baseType", "float"),
        ],
        "0",
    );
    w.open(
        "testPart",
        &[
            ("identifier", "part-1"),
            ("navigationMode", "nonlinear"),
            ("submissionMode", "simultaneous"),
        ],
    );
    for (index, chapter) in course.chapters.iter().enumerate() {
        let items: Vec<&str> = refs
            .iter()
            .filter(|(c, _)| *c == index)
            .map(|(_, i)| i.as_str())
            .collect();
        if items.is_empty() {
            continue;
        }
        // By position, which stays put when items are added or removed.
        let section = format!("chapter-{}", index + 1);
        let title = match chapter.number {
            Some(n) => format!("{n}. {}", chapter.title),
            None => chapter.title.clone(),
        };
        w.open(
            "assessmentSection",
            &[
                ("identifier", &section),
                ("title", &title),
                ("visible", "true"),
            ],
        );
        for item in items {
            let href = format!("{item}.xml");
            w.empty(
                "assessmentItemRef",
                &[("identifier", item), ("href", &href)],
            );
        }
        w.close();
    }
    w.close();
    w.open("outcomeProcessing", &[])
        .open("setOutcomeValue", &[("identifier", SCORE)])
        .open("sum", &[])
        .empty("testVariables", &[("variableIdentifier", SCORE)])
        .close()
        .close()
        .close();
    w.close();
    w.finish()
}

/// The manifest: every item, then every test with the items it uses.
fn manifest_xml(
    version: &Version,
    bank: &Bank,
    prefixes: &[&str],
    items: &[PackageFile],
    tests: &[PackageFile],
) -> String {
    let profile = &version.manifest;
    // Named after the courses, so that it is the same on every run.
    let identifier = manifest::identifier(&prefixes.join("\n"));
    let titles: Vec<&str> = bank.courses.iter().map(|c| c.title.as_str()).collect();
    let title = if titles.is_empty() {
        "Exam bank".to_owned()
    } else {
        titles.join("; ")
    };
    let resource = |file: &PackageFile, kind| Resource {
        identifier: file.ident.clone(),
        kind,
        href: Some(file.href()),
        file: file.href(),
        // Canvas picks its converter by this name alone: an item whose
        // resource does not name it is guessed at, and orderings are then
        // not imported at all.
        interaction: file.interaction.filter(|_| version.lms_shape),
        dependencies: file.dependencies.clone(),
    };
    let resources = items
        .iter()
        .map(|item| resource(item, profile.item_type))
        .chain(tests.iter().map(|test| resource(test, profile.test_type)))
        .collect();
    Manifest {
        identifier: &identifier,
        identifier_first: false,
        namespace: profile.namespace,
        metadata_namespace: profile.metadata_namespace,
        schema_location: profile.schema_location,
        // The QTI metadata of each item resource.
        qti_namespace: version.lms_shape.then_some(version.namespace),
        schema: profile.schema,
        schema_version: profile.schema_version,
        title_element: profile.title_string,
        title: &title,
        resources,
    }
    .to_xml()
}

#[cfg(test)]
mod tests {
    use super::ncname;

    #[test]
    fn ncnames_are_valid_and_distinct() {
        assert_eq!(ncname("small.pick-the-join"), "small.pick-the-join");
        assert_eq!(ncname("2024-notes.intro"), "_2024-notes.intro");
        assert_eq!(ncname("_2024-notes.intro"), "__5f_2024-notes.intro");
        assert_eq!(ncname("a b:c"), "_a_20_b_3a_c");
        assert_eq!(ncname(""), "_");
        assert_ne!(ncname("a_b"), ncname("a_5f_b"));
        for id in ["1", "-x", ".x", "数据", "a_b", "x:y"] {
            let n = ncname(id);
            assert!(n.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'));
            assert!(
                n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
            );
        }
    }
}
