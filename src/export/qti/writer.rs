//! The QTI writer: an XML writer that spells each element and attribute
//! for its version. QTI 3.0 renamed every name mechanically
//! (`choiceInteraction` -> `qti-choice-interaction`, `maxChoices` ->
//! `max-choices`), so the mapping is written once with the 2.1 names.

use super::version::Version;
use crate::export::xml::{XSI_NAMESPACE, XmlWriter, element};

/// An [`XmlWriter`] that spells QTI names for its version.
pub(super) struct QtiWriter<'v> {
    pub xml: XmlWriter,
    pub version: &'v Version,
}

impl<'v> QtiWriter<'v> {
    pub fn new(version: &'v Version) -> Self {
        Self {
            xml: XmlWriter::new(),
            version,
        }
    }

    fn element_name(&self, name: &str) -> String {
        if self.version.kebab_names {
            format!("qti-{}", kebab(name))
        } else {
            name.to_owned()
        }
    }

    fn attrs(&self, attrs: &[(&str, &str)]) -> Vec<(String, String)> {
        attrs
            .iter()
            .map(|(k, v)| {
                // `xml:lang`, `xmlns:xsi` ... are not QTI names.
                let key = if self.version.kebab_names && !k.contains(':') {
                    kebab(k)
                } else {
                    (*k).to_owned()
                };
                (key, (*v).to_owned())
            })
            .collect()
    }

    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        let (name, attrs) = (self.element_name(name), self.attrs(attrs));
        self.xml.open(&name, &as_refs(&attrs));
        self
    }

    pub fn close(&mut self) -> &mut Self {
        self.xml.close();
        self
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        let (name, attrs) = (self.element_name(name), self.attrs(attrs));
        self.xml.empty(&name, &as_refs(&attrs));
        self
    }

    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        let (name, attrs) = (self.element_name(name), self.attrs(attrs));
        self.xml.text(&name, &as_refs(&attrs), text);
        self
    }

    pub fn fragment(&mut self, name: &str, attrs: &[(&str, &str)], xhtml: &str) -> &mut Self {
        let (name, attrs) = (self.element_name(name), self.attrs(attrs));
        self.xml.fragment(&name, &as_refs(&attrs), xhtml);
        self
    }

    /// A QTI element as a string, for mixed content.
    pub fn inline_element(&self, name: &str, attrs: &[(&str, &str)], inner: &str) -> String {
        let (name, attrs) = (self.element_name(name), self.attrs(attrs));
        element(&name, &as_refs(&attrs), inner)
    }

    /// Block content that QTI 3.0 wraps in `qti-content-body`.
    pub fn body(&mut self, name: &str, attrs: &[(&str, &str)], xhtml: &str) -> &mut Self {
        if self.version.content_body {
            self.open(name, attrs)
                .fragment("contentBody", &[], xhtml)
                .close()
        } else {
            self.fragment(name, attrs, xhtml)
        }
    }

    /// The root element with its namespace declarations.
    pub fn open_root(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        let mut all: Vec<(&str, &str)> = vec![
            ("xmlns", self.version.namespace),
            ("xmlns:xsi", XSI_NAMESPACE),
            ("xsi:schemaLocation", self.version.schema_location),
        ];
        all.extend_from_slice(attrs);
        self.open(name, &all)
    }

    pub fn finish(self) -> String {
        self.xml.finish()
    }
}

fn as_refs(attrs: &[(String, String)]) -> Vec<(&str, &str)> {
    attrs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// `maxChoices` -> `max-choices`.
fn kebab(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::kebab;

    #[test]
    fn kebab_names() {
        assert_eq!(kebab("maxChoices"), "max-choices");
        assert_eq!(kebab("assessmentItemRef"), "assessment-item-ref");
        assert_eq!(kebab("value"), "value");
    }
}
