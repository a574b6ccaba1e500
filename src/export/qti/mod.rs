//! IMS QTI 2.1 and 3.0 content packages: one exporter, two versions.
//!
//! The mapping of items to interactions, scoring and feedback is written
//! once, with the 2.1 names; the [`Version`] decides names, namespaces,
//! schema locations and the packaging profile. Split by job: the
//! [`writer`] spells names for the version, [`items`] maps each body to an
//! interaction, [`response`] declares and scores responses, [`package`]
//! adds the tests and the manifest. Nothing here reads the clock or a
//! random source: the same bank gives the same bytes.

mod items;
mod package;
mod response;
mod version;
mod writer;

pub use package::ncname;
pub use version::{PackageProfile, QTI_2_1, QTI_3_0, Version};

use super::{Artifact, ExportError, ExportOptions, Exporter, PackageStream};
use crate::model::Bank;

/// `--to qti21` and `--to qti30`.
pub struct QtiExporter {
    version: &'static Version,
}

/// QTI 2.1: the version Canvas, Blackboard and Brightspace import.
pub static QTI21: QtiExporter = QtiExporter { version: &QTI_2_1 };
/// QTI 3.0: what current players and item banks read.
pub static QTI30: QtiExporter = QtiExporter { version: &QTI_3_0 };

impl Exporter for QtiExporter {
    fn name(&self) -> &'static str {
        self.version.target
    }

    fn default_file_name(&self) -> &'static str {
        self.version.file_name
    }

    fn export(&self, bank: &Bank, options: &ExportOptions) -> Result<Artifact, ExportError> {
        package::package(self.version, bank, options)
    }

    fn package_stream(&self, options: &ExportOptions) -> Option<Box<dyn PackageStream>> {
        Some(Box::new(package::QtiStream::new(self.version, options)))
    }
}
