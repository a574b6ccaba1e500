//! The small Markdown subset of notes text to XHTML: paragraphs, numbered
//! and bulleted lists, code spans, emphasis, and code blocks. Everything
//! else is text, escaped, so `<table-name>`, `&` and `{{param}}` survive.

use super::xml::esc;
use crate::parse::{self, inline::Inline};

/// Inline Markdown (code spans, `**strong**`, `*em*`/`_em_`, as
/// [`crate::parse::inline`] reads them) as escaped XHTML.
#[must_use]
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    render(&parse::inline::inline(text), &mut out);
    out
}

fn render(pieces: &[Inline<'_>], out: &mut String) {
    for piece in pieces {
        match piece {
            Inline::Text(text) => out.push_str(&esc(text)),
            Inline::Code(code) => {
                out.push_str("<code>");
                out.push_str(&esc(code));
                out.push_str("</code>");
            }
            Inline::Emphasis(inner) => {
                out.push_str("<em>");
                render(inner, out);
                out.push_str("</em>");
            }
            Inline::Strong(inner) => {
                out.push_str("<strong>");
                render(inner, out);
                out.push_str("</strong>");
            }
        }
    }
}

/// Inline Markdown as the plain text it shows (code spans and emphasis
/// without their marks), for attributes such as a title.
#[must_use]
pub fn plain_inline(text: &str) -> String {
    let xhtml = inline(text);
    let mut out = String::with_capacity(xhtml.len());
    let mut rest = xhtml.as_str();
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find('>')
            .map_or("", |end| &rest[start + end + 1..]);
    }
    out.push_str(rest);
    // `inline` escapes only these.
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Block Markdown: paragraphs (blank-line separated; wrapped lines joined),
/// `1.` lists and `-` lists, as a sequence of XHTML block elements.
#[must_use]
pub fn blocks(text: &str) -> String {
    let mut out = String::new();
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let lines: Vec<&str> = paragraph.lines().map(str::trim).collect();
        if lines.iter().all(|l| numbered(l)) {
            out.push_str("<ol>");
            for line in &lines {
                let digits = line.chars().take_while(char::is_ascii_digit).count();
                out.push_str("<li>");
                out.push_str(&inline(line[digits + 2..].trim()));
                out.push_str("</li>");
            }
            out.push_str("</ol>");
        } else if lines.iter().all(|l| bulleted(l)) {
            out.push_str("<ul>");
            for line in &lines {
                out.push_str("<li>");
                out.push_str(&inline(line[2..].trim()));
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        } else {
            out.push_str("<p>");
            out.push_str(&inline(&lines.join(" ")));
            out.push_str("</p>");
        }
    }
    out
}

fn numbered(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

fn bulleted(line: &str) -> bool {
    line.starts_with("- ") || line.starts_with("* ")
}

/// Block Markdown split for formats that set the question apart from its
/// context (a QTI `prompt`): the leading paragraphs as [`blocks`], and the
/// last paragraph as [`inline`] XHTML when it is prose. When the last
/// paragraph is a list (or the text is empty) everything stays in blocks.
#[must_use]
pub fn blocks_and_last_paragraph(text: &str) -> (String, Option<String>) {
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let Some((last, lead)) = paragraphs.split_last() else {
        return (String::new(), None);
    };
    let lines: Vec<&str> = last.lines().map(str::trim).collect();
    if lines.iter().all(|l| numbered(l)) || lines.iter().all(|l| bulleted(l)) {
        return (blocks(text), None);
    }
    (blocks(&lead.join("\n\n")), Some(inline(&lines.join(" "))))
}

/// The URL as a link target, when it is safe to make one: `http:`,
/// `https:` and `mailto:` URLs and relative ones. Any other scheme
/// (`javascript:`, `data:` ...) and any URL with white space or control
/// characters in it (which browsers drop before they read the scheme) is
/// `None`: show it as text.
#[must_use]
pub fn link_target(url: &str) -> Option<&str> {
    let url = url.trim();
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let Some(end) = url.find([':', '/', '?', '#']) else {
        return Some(url);
    };
    if !url[end..].starts_with(':') {
        return Some(url);
    }
    let scheme = &url[..end];
    ["http", "https", "mailto"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme))
        .then_some(url)
}

/// A code block: `<pre><code>` with the code escaped and kept verbatim.
#[must_use]
pub fn code_block(code: &str) -> String {
    format!("<pre><code>{}</code></pre>", esc(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_and_escaping() {
        assert_eq!(
            inline("Use `a<b>` & *this*"),
            "Use <code>a&lt;b&gt;</code> &amp; <em>this</em>"
        );
        assert_eq!(
            inline("**bold** {{param}} <table-name>"),
            "<strong>bold</strong> {{param}} &lt;table-name&gt;"
        );
        assert_eq!(
            inline("snake_case_name and 2 * 3 * 4"),
            "snake_case_name and 2 * 3 * 4"
        );
        assert_eq!(inline("unclosed `tick"), "unclosed `tick");
        // Bug fixed: a code span closes at a run of backticks as long as the
        // one that opened it, as lint (and every Markdown viewer) reads it;
        // the export read this as `<code></code>a<code>b</code>`` `.
        assert_eq!(inline("``a`b``"), "<code>a`b</code>");
        assert_eq!(
            plain_inline("Use `a<b>` & *this* &amp;"),
            "Use a<b> & this &amp;"
        );
    }

    #[test]
    fn only_web_and_mail_urls_become_links() {
        for url in [
            "https://example.org/a?b=1&c=2",
            "HTTP://example.org",
            "mailto:someone@example.org",
            "notes/intro.html",
            "/courses/1",
            "#chapter-2",
            "?page=2",
        ] {
            assert_eq!(link_target(url), Some(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\tscript:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "",
        ] {
            assert_eq!(link_target(url), None, "{url:?}");
        }
        assert_eq!(
            link_target("  https://example.org  "),
            Some("https://example.org")
        );
    }

    #[test]
    fn block_markup() {
        assert_eq!(
            blocks("One\ntwo\n\n1. a\n2. b"),
            "<p>One two</p><ol><li>a</li><li>b</li></ol>"
        );
        assert_eq!(blocks("- x\n- y"), "<ul><li>x</li><li>y</li></ul>");
        assert_eq!(
            blocks_and_last_paragraph("Context\n\nWhich *one*?\nPick it."),
            (
                "<p>Context</p>".to_owned(),
                Some("Which <em>one</em>? Pick it.".to_owned())
            )
        );
        assert_eq!(
            blocks_and_last_paragraph("Which?\n\n1. a\n2. b"),
            (
                "<p>Which?</p><ol><li>a</li><li>b</li></ol>".to_owned(),
                None
            )
        );
        assert_eq!(blocks_and_last_paragraph("  \n\n "), (String::new(), None));
        assert_eq!(
            code_block("a < b\n  c"),
            "<pre><code>a &lt; b\n  c</code></pre>"
        );
    }
}
