//! QTI 2.1 content packages (IMS CP 1.1): the version Canvas, Blackboard
//! and Brightspace import. The mapping is shared with QTI 3.0
//! ([`super::qti_common`]); this file holds what is particular to 2.1.

use super::qti_common::{Dialect, ManifestDialect, package};
use super::{Artifact, ExportError, ExportOptions, Exporter};
use crate::model::Bank;

pub(super) const DIALECT: Dialect = Dialect {
    target: "qti21",
    namespace: "http://www.imsglobal.org/xsd/imsqti_v2p1",
    schema_location: "http://www.imsglobal.org/xsd/imsqti_v2p1 \
        http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd",
    kebab_names: false,
    content_body: false,
    lms_shape: true,
    external_scored: false,
    template_prefix: "http://www.imsglobal.org/question/qti_v2p1/rptemplates/",
    template_suffix: "",
    manifest: ManifestDialect {
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

/// `--to qti21`.
pub struct Qti21Exporter;

impl Exporter for Qti21Exporter {
    fn name(&self) -> &'static str {
        "qti21"
    }

    fn default_file_name(&self) -> &'static str {
        "qti21.zip"
    }

    fn export(&self, bank: &Bank, options: &ExportOptions) -> Result<Artifact, ExportError> {
        package(&DIALECT, bank, options)
    }
}
