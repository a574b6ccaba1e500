//! QTI 3.0 content packages (the QTI 3.0 profile of IMS CP): what current
//! players and item banks read. The mapping is shared with QTI 2.1
//! ([`super::qti_common`]); this file holds what is particular to 3.0.

use super::qti_common::{Dialect, ManifestDialect, package};
use super::{Artifact, ExportError, ExportOptions, Exporter};
use crate::model::Bank;

pub(super) const DIALECT: Dialect = Dialect {
    target: "qti30",
    namespace: "http://www.imsglobal.org/xsd/imsqtiasi_v3p0",
    schema_location: "http://www.imsglobal.org/xsd/imsqtiasi_v3p0 \
        https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0p1_v1p0.xsd",
    kebab_names: true,
    content_body: true,
    lms_shape: false,
    external_scored: true,
    template_prefix: "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/",
    template_suffix: ".xml",
    manifest: ManifestDialect {
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

/// `--to qti30`.
pub struct Qti30Exporter;

impl Exporter for Qti30Exporter {
    fn name(&self) -> &'static str {
        "qti30"
    }

    fn default_file_name(&self) -> &'static str {
        "qti30.zip"
    }

    fn export(&self, bank: &Bank, options: &ExportOptions) -> Result<Artifact, ExportError> {
        package(&DIALECT, bank, options)
    }
}
