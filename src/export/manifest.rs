//! The one IMS content-packaging manifest (`imsmanifest.xml`) writer, for
//! every package target: QTI 2.1 and 3.0 (their own CP profiles) and QTI
//! 1.2 (IMS CP 1.1, as Canvas writes it). The targets differ only in the
//! facts a [`Manifest`] holds.

use super::xml::{XSI_NAMESPACE, XmlWriter};
use crate::model::fnv1a;

/// A manifest identifier that is the same on every run: a hash of `seed`
/// (what the package holds, such as its courses' id prefixes).
#[must_use]
pub fn identifier(seed: &str) -> String {
    format!("MANIFEST-{:016x}", fnv1a(seed.as_bytes()))
}

/// What a package's manifest says.
pub struct Manifest<'a> {
    pub identifier: &'a str,
    /// Whether `identifier` is the root's first attribute (Canvas's own
    /// export writes it first) or its last.
    pub identifier_first: bool,
    /// The default namespace, the `imsmd:` namespace and the
    /// `xsi:schemaLocation` of the package's CP profile.
    pub namespace: &'a str,
    pub metadata_namespace: &'a str,
    pub schema_location: &'a str,
    /// The `imsqti:` namespace, when resources carry QTI metadata.
    pub qti_namespace: Option<&'a str>,
    /// `<schema>` and `<schemaversion>` of the metadata.
    pub schema: &'a str,
    pub schema_version: &'a str,
    /// The element holding a string in the metadata's title
    /// (`imsmd:langstring`, `imsmd:string`), and the title.
    pub title_element: &'a str,
    pub title: &'a str,
    pub resources: Vec<Resource<'a>>,
}

/// One `<resource>`: a file of the package.
pub struct Resource<'a> {
    pub identifier: String,
    pub kind: &'a str,
    /// The resource's `href` attribute; `None` where the profile names the
    /// file only in `<file>`.
    pub href: Option<String>,
    pub file: String,
    /// The QTI 2.1 interaction an item holds, written as QTI metadata
    /// (Canvas picks its converter by this name alone).
    pub interaction: Option<&'static str>,
    /// The identifiers of the resources this one uses.
    pub dependencies: Vec<String>,
}

impl Manifest<'_> {
    #[must_use]
    pub fn to_xml(&self) -> String {
        let mut out = self.head();
        for resource in &self.resources {
            out.push_str(&resource.to_xml());
        }
        out.push_str(&tail());
        out
    }

    /// The manifest up to its first resource: [`Manifest::to_xml`] is this,
    /// each resource's [`Resource::to_xml`] and [`tail`], one after the
    /// other, so that a package written in parts lists its resources as
    /// they come.
    #[must_use]
    pub fn head(&self) -> String {
        let mut w = XmlWriter::new();
        let mut root = Vec::with_capacity(6);
        if self.identifier_first {
            root.push(("identifier", self.identifier));
        }
        root.extend([
            ("xmlns", self.namespace),
            ("xmlns:imsmd", self.metadata_namespace),
        ]);
        if let Some(qti) = self.qti_namespace {
            root.push(("xmlns:imsqti", qti));
        }
        root.extend([
            ("xmlns:xsi", XSI_NAMESPACE),
            ("xsi:schemaLocation", self.schema_location),
        ]);
        if !self.identifier_first {
            root.push(("identifier", self.identifier));
        }
        w.open("manifest", &root);
        w.open("metadata", &[])
            .text("schema", &[], self.schema)
            .text("schemaversion", &[], self.schema_version)
            .open("imsmd:lom", &[])
            .open("imsmd:general", &[])
            .open("imsmd:title", &[])
            .text(self.title_element, &[], self.title)
            .close()
            .close()
            .close()
            .close();
        w.empty("organizations", &[]);
        w.open("resources", &[]);
        w.take()
    }
}

/// Where a resource is written.
const RESOURCES: [&str; 2] = ["manifest", "resources"];

/// What follows the last resource.
#[must_use]
pub fn tail() -> String {
    let mut w = XmlWriter::inside(&RESOURCES);
    w.close().close();
    w.finish()
}

impl Resource<'_> {
    /// The resource as it stands in the manifest.
    #[must_use]
    pub fn to_xml(&self) -> String {
        let mut w = XmlWriter::inside(&RESOURCES);
        self.write(&mut w);
        w.take()
    }

    fn write(&self, w: &mut XmlWriter) {
        let mut attrs = vec![
            ("identifier", self.identifier.as_str()),
            ("type", self.kind),
        ];
        if let Some(href) = &self.href {
            attrs.push(("href", href));
        }
        w.open("resource", &attrs);
        if let Some(interaction) = self.interaction {
            w.open("metadata", &[])
                .open("imsqti:qtiMetadata", &[])
                .text("imsqti:timeDependent", &[], "false")
                .text("imsqti:interactionType", &[], interaction)
                .text("imsqti:toolName", &[], "exambank")
                .close()
                .close();
        }
        w.empty("file", &[("href", &self.file)]);
        for dependency in &self.dependencies {
            w.empty("dependency", &[("identifierref", dependency)]);
        }
        w.close();
    }
}
