//! What differs between QTI 2.1 and QTI 3.0: names, namespaces, schema
//! locations, templates and the packaging profile. Everything else is one
//! mapping, written with the 2.1 names.

/// The facts of one QTI version.
pub struct Version {
    /// The `--to` name.
    pub target: &'static str,
    /// The package's name under a directory of several targets.
    pub file_name: &'static str,
    /// Namespace of items and tests.
    pub namespace: &'static str,
    /// `xsi:schemaLocation` of items and tests.
    pub schema_location: &'static str,
    /// QTI 3.0 spelling: `qti-` + kebab-case elements, kebab-case attributes.
    pub kebab_names: bool,
    /// QTI 3.0 wraps modal feedback and rubric content in `qti-content-body`.
    pub content_body: bool,
    /// QTI 3.0 can mark SCORE as scored by a person (`external-scored`).
    pub external_scored: bool,
    /// Shaped for what the QTI 2.x importers of learning systems read (as
    /// Canvas's converter does): the whole prompt in one `<div>` that opens
    /// `itemBody` (no interaction `prompt`), explanations in modal feedback
    /// instead of inside choices, the model answer in the general feedback
    /// as well as the scorer's rubric, and each item's interaction type in
    /// the manifest. QTI 3.0 has no such importers and keeps the plain forms.
    pub lms_shape: bool,
    /// Response-processing template URI = prefix + name + suffix.
    pub template_prefix: &'static str,
    pub template_suffix: &'static str,
    pub manifest: PackageProfile,
}

/// The content-packaging profile of a QTI version.
pub struct PackageProfile {
    pub namespace: &'static str,
    /// Namespace of the `imsmd:` metadata.
    pub metadata_namespace: &'static str,
    pub schema_location: &'static str,
    /// `<schema>` and `<schemaversion>` of the manifest metadata.
    pub schema: &'static str,
    pub schema_version: &'static str,
    /// The element holding a string in the metadata's title.
    pub title_string: &'static str,
    pub item_type: &'static str,
    pub test_type: &'static str,
}

/// QTI 2.1 content packages (IMS CP 1.1): the version Canvas, Blackboard
/// and Brightspace import.
pub const QTI_2_1: Version = Version {
    target: "qti21",
    file_name: "qti21.zip",
    namespace: "http://www.imsglobal.org/xsd/imsqti_v2p1",
    schema_location: "http://www.imsglobal.org/xsd/imsqti_v2p1 \
        http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd",
    kebab_names: false,
    content_body: false,
    lms_shape: true,
    external_scored: false,
    template_prefix: "http://www.imsglobal.org/question/qti_v2p1/rptemplates/",
    template_suffix: "",
    manifest: PackageProfile {
        namespace: "http://www.imsglobal.org/xsd/imscp_v1p1",
        metadata_namespace: "http://www.imsglobal.org/xsd/imsmd_v1p2",
        schema_location: "http://www.imsglobal.org/xsd/imscp_v1p1 \
            http://www.imsglobal.org/xsd/imscp_v1p1.xsd \
            http://www.imsglobal.org/xsd/imsmd_v1p2 \
            http://www.imsglobal.org/xsd/imsmd_v1p2p4.xsd",
        schema: "QTIv2.1 Package",
        schema_version: "1.0.0",
        title_string: "imsmd:langstring",
        item_type: "imsqti_item_xmlv2p1",
        test_type: "imsqti_test_xmlv2p1",
    },
};

/// QTI 3.0 content packages (the QTI 3.0 profile of IMS CP): what current
/// players and item banks read.
pub const QTI_3_0: Version = Version {
    target: "qti30",
    file_name: "qti30.zip",
    namespace: "http://www.imsglobal.org/xsd/imsqtiasi_v3p0",
    schema_location: "http://www.imsglobal.org/xsd/imsqtiasi_v3p0 \
        https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0p1_v1p0.xsd",
    kebab_names: true,
    content_body: true,
    lms_shape: false,
    external_scored: true,
    template_prefix: "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/",
    template_suffix: ".xml",
    manifest: PackageProfile {
        namespace: "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1",
        metadata_namespace: "http://ltsc.ieee.org/xsd/LOM",
        schema_location: "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1 \
            https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd \
            http://ltsc.ieee.org/xsd/LOM \
            https://purl.imsglobal.org/spec/md/v1p3/schema/xsd/imsmd_loose_v1p3p2.xsd",
        schema: "QTI Package",
        schema_version: "3.0.0",
        title_string: "imsmd:string",
        item_type: "imsqti_item_xmlv3p0",
        test_type: "imsqti_test_xmlv3p0",
    },
};
