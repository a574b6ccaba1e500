//! Slugs for stable item ids.

use super::hash::fnv1a;

/// Lower-case ASCII letters and digits, other runs become `-`.
///
/// A text with no ASCII letter or digit gets `x` and a hash of the text, so
/// that the slug is still stable and distinct.
#[must_use]
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug = format!("x{:08x}", fnv1a(text.as_bytes()) as u32);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("Why process data as a stream?"),
            "why-process-data-as-a-stream"
        );
        assert_eq!(slugify("  C# & SQL "), "c-sql");
        assert_eq!(slugify("数据"), slugify("数据"));
        assert_ne!(slugify("数据"), slugify("流"));
        assert!(slugify("数据").starts_with('x'));
    }
}
