//! What an option looks like to a reader, apart from what it says: code or
//! prose, its final mark, whether it has words at all. Shared by the rules
//! that compare the options of one question (EB123-EB125, EB129).

use crate::lint::wording::trim_all_suffixes;

/// What an option is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// A piece of code: one inline code span, one space-free chunk of code
    /// punctuation (`df.count()`), or a statement opened by an upper-case
    /// SQL keyword (`SELECT name FROM t`).
    Code,
    /// A phrase of three words or more that starts with a letter and is
    /// not code.
    Prose,
    /// Anything else: a word or two, a number, a label.
    Other,
}

/// Upper-case SQL keywords that open a statement or a clause.
const SQL_OPENERS: &[&str] = &[
    "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "WITH", "FROM", "WHERE",
    "GROUP", "ORDER", "JOIN", "MERGE",
];

/// Whether a space-free chunk reads as code: an identifier joined to code
/// punctuation (`df.count()`, `x=1`, `snake_case`, `a::b`).
fn is_code_chunk(chunk: &str) -> bool {
    let core = chunk.trim_end_matches(['.', ',', ';', ':']);
    let bytes = core.as_bytes();
    // One pass for the marks of code: most chunks of prose have none.
    let (mut punctuation, mut dot) = (false, false);
    for (k, &b) in bytes.iter().enumerate() {
        let next = bytes.get(k + 1).copied();
        match b {
            b'(' | b'=' | b'[' | b'{' | b'_' => punctuation = true,
            b':' if next == Some(b':') => punctuation = true,
            b'-' if next == Some(b'>') => punctuation = true,
            b'.' => dot = true,
            _ => {}
        }
    }
    if !(punctuation || dot) || !core.chars().any(char::is_alphabetic) {
        return false;
    }
    if punctuation {
        return true;
    }
    // Member access needs two parts between dots.
    if core.contains("..") {
        return false;
    }
    core.split('.').filter(|part| !part.is_empty()).count() >= 2
        && core.split('.').all(|p| {
            // `e.g` and `3.14` are not member access.
            p.chars().nth(1).is_some()
                && p.chars().all(|c| c.is_alphanumeric() || c == '_')
                && !p.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Whether `text` holds at least `n` words with a letter, as
/// [`tokens`](crate::lint::text::tokens) splits words (letters and digits,
/// joined by an inner `'`, `’` or `-`), counted without building tokens.
fn has_words(text: &str, n: usize) -> bool {
    let mut count = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut letter = c.is_alphabetic();
        loop {
            match chars.peek().copied() {
                Some(next) if next.is_alphanumeric() => {
                    letter |= next.is_alphabetic();
                    chars.next();
                }
                Some('\'' | '’' | '-') => {
                    let mut ahead = chars.clone();
                    ahead.next();
                    if !ahead.peek().is_some_and(|c| c.is_alphanumeric()) {
                        break;
                    }
                    chars.next();
                }
                _ => break,
            }
        }
        if letter {
            count += 1;
            if count >= n {
                return true;
            }
        }
    }
    false
}

/// The form of an option text.
pub(super) fn form(text: &str) -> Form {
    if is_code(text) {
        Form::Code
    } else if reads_as_prose(text) {
        Form::Prose
    } else {
        Form::Other
    }
}

/// Whether the [`form`] of `text` is [`Form::Code`]: the cheap half of it.
pub(super) fn is_code(text: &str) -> bool {
    let text = text.trim();
    if text.len() >= 3
        && text.starts_with('`')
        && text.ends_with('`')
        && !text[1..text.len() - 1].contains('`')
    {
        return true;
    }
    let mut chunks = text.split_whitespace();
    match (chunks.next(), chunks.next()) {
        (Some(one), None) => is_code_chunk(one),
        (Some(first), Some(_)) => SQL_OPENERS.contains(&first),
        (None, _) => false,
    }
}

/// Whether `text`, which is no code ([`is_code`]), reads as prose.
fn reads_as_prose(text: &str) -> bool {
    let text = text.trim();
    if !text.starts_with(char::is_alphabetic) || !has_words(text, 3) {
        return false;
    }
    // No chunk can be code: prose, with no chunk to split.
    if !may_hold_code(text) {
        return true;
    }
    let (mut all, mut code) = (0usize, 0usize);
    for chunk in text.split_whitespace() {
        all += 1;
        code += usize::from(is_code_chunk(chunk));
    }
    code * 3 < all
}

/// Whether a chunk of `text` may read as code ([`is_code_chunk`]): not
/// when no mark of code stands in it, nor a dot with more of its chunk
/// after it.
fn may_hold_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(k, &b)| {
        let next = bytes.get(k + 1).copied();
        match b {
            b'(' | b'=' | b'[' | b'{' | b'_' => true,
            b':' => next == Some(b':'),
            b'-' => next == Some(b'>'),
            b'.' => next.is_some_and(|n| !n.is_ascii_whitespace()),
            _ => false,
        }
    })
}

/// How an option ends: `Some(true)` with one period, `Some(false)` with a
/// letter, digit, closing bracket or quote; `None` with anything else (an
/// ellipsis, `?`, `!`, `:`, code punctuation), which says nothing about
/// the author's habit.
pub(super) fn ends_with_period(text: &str) -> Option<bool> {
    let text = text.trim_end();
    if let Some(before) = text.strip_suffix('.') {
        let last = before.chars().next_back()?;
        // `...`, `e.g.` and `etc.` are not sentence ends; `a.` after one
        // letter is an abbreviation too.
        let word = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        let abbreviation = word.contains('.') || word.len() <= 1 || word == "etc";
        return (last.is_alphanumeric() || matches!(last, ')' | '"' | '\'' | '’' | '”'))
            .then_some(!abbreviation)
            .filter(|&p| p);
    }
    let last = text.chars().next_back()?;
    (last.is_alphanumeric() || matches!(last, ')' | '"' | '\'' | '’' | '”')).then_some(false)
}

/// Why an option text is junk, when it is: no letter or digit at all (a
/// stray fence, a rule, dots), or a pasted score or counter (`100 XP`,
/// `2/3 points`, `Score: 4`).
pub(super) fn junk(text: &str) -> Option<&'static str> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Some(if text.starts_with("```") || text.starts_with("~~~") {
            "a stray fence"
        } else {
            "no words, only marks"
        });
    }
    // Every score or counter below has a number: text without a digit
    // needs no lower-case copy.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let lower = lower.trim_end_matches('.');
    let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let unit = |s: &str| {
        let s = s.trim();
        let (n, u) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
        number(n) && matches!(u.trim(), "xp" | "points" | "pts" | "point" | "pt")
    };
    let counter = |s: &str| {
        let s = trim_all_suffixes(trim_all_suffixes(s.trim(), "points"), "pts").trim();
        s.split_once('/')
            .is_some_and(|(a, b)| number(a.trim()) && number(b.trim()))
            && text.to_ascii_lowercase().contains("point")
    };
    let labelled = ["score:", "score", "points:", "xp:"].iter().any(|label| {
        lower
            .strip_prefix(label)
            .is_some_and(|rest| unit(rest) || number(rest.trim()) || counter(rest))
    });
    (unit(lower) || counter(lower) || labelled).then_some("a pasted score or counter")
}

/// A run of three or more backticks or tildes at the end of an option or
/// explanation: a fence glued to the text. Returns its byte range
/// in `text`, with the spaces before it.
pub(super) fn glued_fence(text: &str) -> Option<(usize, usize)> {
    let trimmed = text.trim_end();
    for mark in ['`', '~'] {
        let run = trimmed.len() - trimmed.trim_end_matches(mark).len();
        if run >= 3 && run < trimmed.len() {
            let body = &trimmed[..trimmed.len() - run];
            // A code span closed by the same run is inline code, not a fence.
            let fence = &trimmed[trimmed.len() - run..];
            if body.contains(fence) {
                continue;
            }
            return Some((body.trim_end().len(), trimmed.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(form("`df.count()`"), Form::Code);
        assert_eq!(form("df.count()"), Form::Code);
        assert_eq!(form("model=Sequential()"), Form::Code);
        assert_eq!(form("SELECT name FROM users"), Form::Code);
        assert_eq!(form("Select the rows that match"), Form::Prose);
        assert_eq!(
            form("Seeds are accessed via the `source()` function"),
            Form::Prose
        );
        assert_eq!(form("22.98%"), Form::Other);
        assert_eq!(form("Plot A"), Form::Other);
        assert_eq!(form("e.g."), Form::Other);
        assert_eq!(form("3.14"), Form::Other);
    }

    #[test]
    fn code_marks_are_found_before_chunks() {
        for text in [
            "a.b c",
            "f(x) y",
            "a::b",
            "x -> y",
            "snake_case",
            "e.g., this",
        ] {
            assert!(may_hold_code(text), "{text}");
        }
        for text in ["Drop late events.", "It ends. Then: more", "a - b; c, d!"] {
            assert!(!may_hold_code(text), "{text}");
            assert!(!text.split_whitespace().any(is_code_chunk), "{text}");
        }
    }

    #[test]
    fn final_periods() {
        assert_eq!(ends_with_period("It drops the event."), Some(true));
        assert_eq!(ends_with_period("It drops the event"), Some(false));
        assert_eq!(ends_with_period("It drops (late)"), Some(false));
        assert_eq!(ends_with_period("Wait..."), None);
        assert_eq!(ends_with_period("Which one?"), None);
        assert_eq!(ends_with_period("Dates, names, etc."), None);
        assert_eq!(ends_with_period("Use e.g."), None);
        assert_eq!(ends_with_period("df.count()"), Some(false));
    }

    #[test]
    fn junk_texts() {
        assert_eq!(junk("```"), Some("a stray fence"));
        assert_eq!(junk("..."), Some("no words, only marks"));
        assert_eq!(junk("100 XP"), Some("a pasted score or counter"));
        assert_eq!(junk("50xp"), Some("a pasted score or counter"));
        assert_eq!(junk("2/3 points"), Some("a pasted score or counter"));
        assert_eq!(junk("Score: 4"), Some("a pasted score or counter"));
        assert_eq!(junk("19/570"), None);
        assert_eq!(junk("22.98%"), None);
        assert_eq!(junk("-3,0"), None);
        assert_eq!(junk("2011"), None);
        assert_eq!(junk("Robbery"), None);
    }

    #[test]
    fn glued_fences() {
        assert_eq!(glued_fence("a midpoint```"), Some((10, 13)));
        assert_eq!(glued_fence("a midpoint ```  "), Some((10, 14)));
        assert_eq!(glued_fence("uses ```x``` inline```x```"), None);
        assert_eq!(glued_fence("```"), None);
        assert_eq!(glued_fence("plain"), None);
    }
}
