//! The one XML writer every XML exporter uses: indentation, escaping
//! (through quick-xml), and raw XHTML fragments made by [`super::markup`].

use quick_xml::escape::escape;

/// The `xsi:` namespace, for `xsi:schemaLocation`.
pub const XSI_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Escapes text for element content or attribute values (`< > & ' "`).
/// Characters that XML 1.0 cannot hold at all, not even as a reference
/// (control characters other than tab and line ends), become U+FFFD, so
/// that stray bytes in the notes never make a document unreadable.
#[must_use]
pub fn esc(text: &str) -> std::borrow::Cow<'_, str> {
    let forbidden = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if text.contains(forbidden) {
        let cleaned: String = text
            .chars()
            .map(|c| if forbidden(c) { '\u{fffd}' } else { c })
            .collect();
        return std::borrow::Cow::Owned(escape(&cleaned).into_owned());
    }
    escape(text)
}

/// `<name attrs>inner</name>` as a string, attribute values escaped and
/// `inner` taken as an already well-formed fragment: for elements nested
/// inside a line of mixed content (feedback inside a choice).
#[must_use]
pub fn element(name: &str, attrs: &[(&str, &str)], inner: &str) -> String {
    let mut out = String::with_capacity(name.len() * 2 + inner.len() + 8);
    start_tag(&mut out, name, attrs);
    out.push('>');
    out.push_str(inner);
    out.push_str("</");
    out.push_str(name);
    out.push('>');
    out
}

/// `<name a="v"...` without the closing `>`.
fn start_tag(out: &mut String, name: &str, attrs: &[(&str, &str)]) {
    out.push('<');
    out.push_str(name);
    for (key, value) in attrs {
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"");
        out.push_str(&esc(value));
        out.push('"');
    }
}

/// A pretty-printing XML writer (two-space indent, `\n` line ends).
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
    stack: Vec<String>,
}

impl XmlWriter {
    /// A writer that starts with the XML declaration.
    #[must_use]
    pub fn new() -> Self {
        let mut writer = Self::default();
        writer
            .out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        writer
    }

    /// A writer of a fragment inside the open elements `stack` (outermost
    /// first), without the declaration: a document written in parts.
    #[must_use]
    pub fn inside(stack: &[&str]) -> Self {
        Self {
            out: String::new(),
            stack: stack.iter().map(|&name| name.to_owned()).collect(),
        }
    }

    /// The text written so far, taken out of the writer (which keeps its
    /// open elements).
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    fn indent(&mut self) {
        for _ in 0..self.stack.len() {
            self.out.push_str("  ");
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        start_tag(&mut self.out, name, attrs);
    }

    /// `<name attrs>` on its own line; later calls nest inside it.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.indent();
        self.tag(name, attrs);
        self.out.push_str(">\n");
        self.stack.push(name.to_owned());
        self
    }

    /// Closes the innermost open element.
    ///
    /// # Panics
    /// When no element is open: a bug in the exporter, not in the input.
    pub fn close(&mut self) -> &mut Self {
        let name = self.stack.pop().expect("close() matches an open()");
        self.indent();
        self.out.push_str("</");
        self.out.push_str(&name);
        self.out.push_str(">\n");
        self
    }

    /// `<name attrs/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.indent();
        self.tag(name, attrs);
        self.out.push_str("/>\n");
        self
    }

    /// `<name attrs>text</name>` with the text escaped.
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.indent();
        self.tag(name, attrs);
        self.out.push('>');
        self.out.push_str(&esc(text));
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
        self
    }

    /// `<name attrs>` + an already well-formed XHTML fragment + `</name>`.
    pub fn fragment(&mut self, name: &str, attrs: &[(&str, &str)], xhtml: &str) -> &mut Self {
        self.indent();
        self.tag(name, attrs);
        self.out.push('>');
        self.out.push_str(xhtml);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
        self
    }

    /// An already well-formed fragment on its own line at the current depth.
    pub fn raw(&mut self, xhtml: &str) -> &mut Self {
        self.indent();
        self.out.push_str(xhtml);
        self.out.push('\n');
        self
    }

    /// The document; every opened element must have been closed.
    ///
    /// # Panics
    /// When an element is still open: a bug in the exporter.
    #[must_use]
    pub fn finish(self) -> String {
        assert!(self.stack.is_empty(), "unclosed elements: {:?}", self.stack);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::XmlWriter;

    #[test]
    fn escapes_text_and_attributes() {
        let mut w = XmlWriter::new();
        w.open("a", &[("t", "x\"<&>")])
            .text("b", &[], "<table-name> & {{p}} 'q'")
            .close();
        let xml = w.finish();
        assert!(xml.contains("t=\"x&quot;&lt;&amp;&gt;\""));
        assert!(xml.contains("<b>&lt;table-name&gt; &amp; {{p}} &apos;q&apos;</b>"));
    }

    #[test]
    fn characters_xml_cannot_hold_are_replaced() {
        assert_eq!(super::esc("a\u{1}b\tc\u{c}<"), "a\u{fffd}b\tc\u{fffd}&lt;");
        assert_eq!(super::esc("plain"), "plain");
    }

    #[test]
    fn inline_element() {
        assert_eq!(
            super::element("span", &[("id", "a&\"b")], "<em>x</em>"),
            "<span id=\"a&amp;&quot;b\"><em>x</em></span>"
        );
    }
}
