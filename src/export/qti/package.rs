//! The package: one item file per item (bank order), one test per course
//! with items, and the manifest that lists them.

use std::collections::{BTreeSet, HashSet};

use super::items::{interaction_name, item_xml};
use super::response::{SCORE, float_outcome};
use super::version::Version;
use super::writer::QtiWriter;
use crate::export::manifest::{self, Manifest, Resource};
use crate::export::{
    Artifact, CoursePackage, ExportError, ExportOptions, OutFile, PackageEnd, PackageStream,
    Rendered,
};
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

/// The package written course by course ([`PackageStream`]): what is kept
/// over the bank is every identifier (the items must be distinct, and a
/// test takes the first one free), and each course's id prefix and title
/// (the manifest's identifier and title).
pub(super) struct QtiStream {
    pub(super) version: &'static Version,
    pub(super) options: ExportOptions,
    items: HashSet<Box<str>>,
    tests: HashSet<Box<str>>,
    prefixes: Vec<String>,
    titles: Vec<String>,
}

impl QtiStream {
    pub(super) fn new(version: &'static Version, options: &ExportOptions) -> Self {
        Self {
            version,
            options: options.clone(),
            items: HashSet::new(),
            tests: HashSet::new(),
            prefixes: Vec::new(),
            titles: Vec::new(),
        }
    }

    fn fail(&self, message: String) -> ExportError {
        ExportError::Failed {
            target: self.version.target,
            message,
        }
    }

    fn resource(&self, file: &PackageFile, kind: &str) -> Vec<u8> {
        Resource {
            identifier: file.ident.clone(),
            kind,
            href: Some(file.href()),
            file: file.href(),
            interaction: file.interaction.filter(|_| self.version.lms_shape),
            dependencies: file.dependencies.clone(),
        }
        .to_xml()
        .into_bytes()
    }
}

/// A course of a QTI package, rendered.
struct QtiCourse {
    prefix: String,
    title: String,
    /// Each item's id and file, in bank order, up to the first that cannot
    /// be written.
    items: Vec<(String, PackageFile)>,
    /// The next item's id and identifier, and why it cannot be written.
    error: Option<(String, String, String)>,
    /// The test, written with the course's own identifier (`ncname` of its
    /// prefix), and that identifier.
    test: Option<(String, String)>,
}

impl PackageStream for QtiStream {
    fn render(&self, course: &Course, _index: usize) -> Rendered {
        let mut items = Vec::new();
        let mut refs = Vec::new();
        let mut error = None;
        'chapters: for (chapter_index, chapter) in course.chapters.iter().enumerate() {
            for item in &chapter.items {
                let ident = ncname(&item.id);
                match item_xml(self.version, item, &ident, &self.options) {
                    Ok(xml) => {
                        refs.push((chapter_index, ident.clone()));
                        items.push((
                            item.id.clone(),
                            PackageFile {
                                ident,
                                bytes: xml.into_bytes(),
                                dependencies: Vec::new(),
                                interaction: Some(interaction_name(&item.body)),
                            },
                        ));
                    }
                    Err(message) => {
                        error = Some((item.id.clone(), ident, message));
                        break 'chapters;
                    }
                }
            }
        }
        let test = (error.is_none() && !refs.is_empty()).then(|| {
            let ident = ncname(&course.id_prefix);
            (test_xml(self.version, course, &ident, &refs), ident)
        });
        Rendered(Box::new(QtiCourse {
            prefix: course.id_prefix.clone(),
            title: course.title.clone(),
            items,
            error,
            test,
        }))
    }

    fn accept(&mut self, rendered: Rendered) -> Result<CoursePackage, ExportError> {
        let course = *rendered
            .0
            .downcast::<QtiCourse>()
            .expect("a course rendered by this target");
        let mut part = CoursePackage::default();
        let mut dependencies = Vec::new();
        for (id, file) in course.items {
            if !self.items.insert(file.ident.as_str().into()) {
                return Err(self.fail(format!("two items have the id `{id}`")));
            }
            if self.tests.contains(file.ident.as_str()) {
                // The whole-bank export gives the test another identifier;
                // an item id always holds a `.` and a test's never does,
                // so only a hand-made bank gets here.
                return Err(self.fail(format!(
                    "the item `{id}` has the identifier of an earlier course's test"
                )));
            }
            part.head
                .extend(self.resource(&file, self.version.manifest.item_type));
            dependencies.push(file.ident.clone());
            part.files.push(OutFile {
                path: file.href(),
                bytes: file.bytes,
            });
        }
        if let Some((id, ident, message)) = course.error {
            // As the whole-bank export does: its identifier is checked first.
            if self.items.contains(ident.as_str()) {
                return Err(self.fail(format!("two items have the id `{id}`")));
            }
            return Err(self.fail(message));
        }
        if let Some((xml, own)) = course.test {
            let taken = |s: &Self, ident: &str| s.items.contains(ident) || s.tests.contains(ident);
            let mut ident = own.clone();
            let mut n = 1;
            while taken(self, &ident) {
                n += 1;
                ident = ncname(&format!("{}-{n}", course.prefix));
            }
            let xml = if ident == own {
                xml
            } else {
                // The root's identifier is the first one in the test.
                xml.replacen(
                    &format!("identifier=\"{own}\""),
                    &format!("identifier=\"{ident}\""),
                    1,
                )
            };
            self.tests.insert(ident.as_str().into());
            let test = PackageFile {
                ident,
                bytes: xml.into_bytes(),
                dependencies,
                interaction: None,
            };
            part.later_head
                .extend(self.resource(&test, self.version.manifest.test_type));
            part.later.push(OutFile {
                path: test.href(),
                bytes: test.bytes,
            });
        }
        self.prefixes.push(course.prefix);
        self.titles.push(course.title);
        Ok(part)
    }

    fn finish(&mut self) -> Result<PackageEnd, ExportError> {
        let prefixes: Vec<&str> = self.prefixes.iter().map(String::as_str).collect();
        let titles: Vec<&str> = self.titles.iter().map(String::as_str).collect();
        let manifest = manifest_parts(self.version, &prefixes, &titles, Vec::new());
        Ok(PackageEnd {
            path: "imsmanifest.xml".to_owned(),
            head: manifest.into_head().into_bytes(),
            tail: manifest::tail().into_bytes(),
        })
    }

    fn distinct_paths(&self) -> bool {
        true
    }
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
    let titles: Vec<&str> = bank.courses.iter().map(|c| c.title.as_str()).collect();
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
    manifest_parts(version, prefixes, &titles, resources).into_xml()
}

/// The manifest of a package of courses with these id prefixes and titles.
fn manifest_parts<'a>(
    version: &'a Version,
    prefixes: &[&str],
    titles: &[&str],
    resources: Vec<Resource<'a>>,
) -> OwnedManifest<'a> {
    // Named after the courses, so that it is the same on every run.
    let identifier = manifest::identifier(&prefixes.join("\n"));
    let title = if titles.is_empty() {
        "Exam bank".to_owned()
    } else {
        titles.join("; ")
    };
    OwnedManifest {
        version,
        identifier,
        title,
        resources,
    }
}

/// A [`Manifest`] with its identifier and title.
struct OwnedManifest<'a> {
    version: &'a Version,
    identifier: String,
    title: String,
    resources: Vec<Resource<'a>>,
}

impl<'a> OwnedManifest<'a> {
    fn with<T>(self, f: impl FnOnce(&Manifest<'_>) -> T) -> T {
        let version = self.version;
        let profile = &version.manifest;
        let manifest = Manifest {
            identifier: &self.identifier,
            identifier_first: false,
            namespace: profile.namespace,
            metadata_namespace: profile.metadata_namespace,
            schema_location: profile.schema_location,
            // The QTI metadata of each item resource.
            qti_namespace: version.lms_shape.then_some(version.namespace),
            schema: profile.schema,
            schema_version: profile.schema_version,
            title_element: profile.title_string,
            title: &self.title,
            resources: self.resources,
        };
        f(&manifest)
    }

    fn into_xml(self) -> String {
        self.with(|m| m.to_xml())
    }

    fn into_head(self) -> String {
        self.with(|m| m.head())
    }
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
