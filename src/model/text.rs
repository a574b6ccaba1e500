//! The normal form of option text, and the one definition of an option
//! that refers to the others ("All of the above", "None of these"): lint
//! rule EB110 reports such options, lowering marks them
//! ([`super::ChoiceOption::refers_to_others`]) and every exporter keeps
//! them in place, since "above" means nothing once options are shuffled.

/// The normal form of an option for comparing options: lower case, words
/// and symbols separated by one space, sentence punctuation (`.,;:!?`
/// followed by a space or the end) dropped. `email = NULL` and
/// `email=NULL.` compare equal; `email == NULL` does not.
#[must_use]
pub fn normalize_option(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    each_normalized_char(text, |c| out.push(c));
    out
}

/// Calls `f` with each character of [`normalize_option`], in order: one
/// loop for both the string and the hashes of normal forms, which need
/// neither a string nor an iterator's state between characters.
pub fn each_normalized_char(text: &str, mut f: impl FnMut(char)) {
    if text.is_ascii() {
        each_normalized_ascii(text.as_bytes(), f);
        return;
    }
    let bytes = text.as_bytes();
    let mut in_word = false;
    let mut started = false;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII, most of what options hold, is read as bytes; other
        // characters are decoded.
        let b = bytes[i];
        let c = if b.is_ascii() {
            i += 1;
            char::from(b)
        } else {
            let c = text[i..].chars().next().expect("i is on a char boundary");
            i += c.len_utf8();
            c
        };
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?') && space_or_end_at(text, i) {
            in_word = false;
            continue;
        }
        let word_char = if c.is_ascii() {
            b.is_ascii_alphanumeric() || b == b'_'
        } else {
            c.is_alphanumeric()
        };
        if !(word_char && in_word) && started {
            f(' ');
        }
        in_word = word_char;
        started = true;
        if c.is_ascii() {
            f(char::from(b.to_ascii_lowercase()));
        } else {
            c.to_lowercase().for_each(&mut f);
        }
    }
}

/// What an ASCII byte is to [`each_normalized_char`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    /// Sentence punctuation, dropped before a space or the end.
    Mark,
    /// A letter, digit or `_`.
    Word,
    Other,
}

/// The class of each ASCII byte: one load instead of a chain of tests.
const CLASSES: [Class; 128] = {
    let mut classes = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        classes[b] = if matches!(c, b' ' | b'\t'..=b'\r') {
            Class::Space
        } else if matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?') {
            Class::Mark
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            Class::Word
        } else {
            Class::Other
        };
        b += 1;
    }
    classes
};

/// [`each_normalized_char`] of ASCII text, read byte by byte.
fn each_normalized_ascii(bytes: &[u8], mut f: impl FnMut(char)) {
    let class = |b: u8| CLASSES[usize::from(b & 0x7f)];
    let mut in_word = false;
    let mut started = false;
    for (k, &b) in bytes.iter().enumerate() {
        let word_char = match class(b) {
            Class::Space => {
                in_word = false;
                continue;
            }
            Class::Mark if bytes.get(k + 1).is_none_or(|&n| class(n) == Class::Space) => {
                in_word = false;
                continue;
            }
            Class::Word => true,
            Class::Mark | Class::Other => false,
        };
        if !(word_char && in_word) && started {
            f(' ');
        }
        in_word = word_char;
        started = true;
        f(char::from(b.to_ascii_lowercase()));
    }
}

/// Whether byte `i` of `text` starts whitespace or is its end.
fn space_or_end_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => true,
        Some(b) if b.is_ascii() => char::from(*b).is_whitespace(),
        Some(_) => text[i..].chars().next().is_some_and(char::is_whitespace),
    }
}

/// Openings of options that refer to the others, in normal form.
const REFERRING: &[&str] = &[
    "all of the above",
    "all the above",
    "none of the above",
    "both of the above",
    "neither of the above",
    "all of these",
    "none of these",
    "all of the options",
    "none of the options",
    "all of the answers",
    "none of the answers",
    "all of the previous",
    "none of the previous",
];

/// The phrase by which an option refers to the other options, when it
/// does: its normal form is one of the phrases, or opens with one and a
/// space ("All of the above are ..." refers to the others just as well).
#[must_use]
pub fn referring_phrase(text: &str) -> Option<&'static str> {
    // Every phrase starts with `a`, `b` or `n` (after sentence punctuation
    // the normal form drops): most options need no normal form.
    let first = text.trim_start().chars().next();
    if !first.is_some_and(|c| "aAbBnN.,;:!?".contains(c)) {
        return None;
    }
    let text = normalize_option(text);
    REFERRING
        .iter()
        .find(|p| text == **p || text.strip_prefix(**p).is_some_and(|r| r.starts_with(' ')))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_normalize_case_spacing_and_punctuation() {
        assert_eq!(
            normalize_option("  The  file is CLOSED. "),
            "the file is closed"
        );
        assert_eq!(
            normalize_option("email=NULL"),
            normalize_option("email = null")
        );
        assert_ne!(
            normalize_option("email == NULL"),
            normalize_option("email = NULL")
        );
        assert_eq!(normalize_option("df.count()"), "df . count ( )");
        assert_eq!(
            normalize_option("a.b, c;d: ÉTÉ İx ß!"),
            "a . b c ; d été i̇x ß"
        );
        assert_eq!(normalize_option("x?y ?"), "x ? y");
        assert_eq!(normalize_option("..."), ". .");
        assert_eq!(normalize_option(""), "");
    }

    #[test]
    fn ascii_is_normalized_as_any_text() {
        // The same text with one non-ASCII letter at the end takes the
        // general path: apart from that letter, both forms agree.
        for text in [
            "  The  file is CLOSED. ",
            "a.b, c;d: x?y ? ...",
            "snake_case=1\x0b\x0cx\r\n(y)!",
            "",
        ] {
            let general = normalize_option(&format!("{text} é"));
            let ascii = normalize_option(text);
            let expected = general.strip_suffix('é').unwrap_or(&general).trim_end();
            assert_eq!(ascii, expected, "{text:?}");
        }
    }

    #[test]
    fn options_that_refer_to_the_others() {
        assert_eq!(
            referring_phrase("All of the above"),
            Some("all of the above")
        );
        assert_eq!(referring_phrase("None of these."), Some("none of these"));
        assert_eq!(
            referring_phrase("  all of the above are true"),
            Some("all of the above")
        );
        // Only as the option's opening words: elsewhere the phrase names something.
        assert_eq!(referring_phrase("Rows of these tables"), None);
        assert_eq!(referring_phrase("All of the abovementioned"), None);
        assert_eq!(referring_phrase("LEFT JOIN"), None);
    }
}
