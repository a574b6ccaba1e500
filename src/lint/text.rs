//! Small text helpers shared by the rules that read what authors wrote:
//! word tokens with offsets, phrase matching and the normal form under which
//! two options count as the same.

pub use crate::model::text::normalize_option;
use crate::source::Span;

/// A word or a punctuation mark, with its byte range in the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'t> {
    pub span: Span,
    pub text: &'t str,
    pub is_word: bool,
}

impl Token<'_> {
    /// Whether this is a word equal to one of `words` (ASCII case ignored).
    #[must_use]
    pub fn is(&self, words: &[&str]) -> bool {
        self.is_word && words.iter().any(|w| self.text.eq_ignore_ascii_case(w))
    }

    /// Whether this is one of the `|`-separated `alternatives`, words or
    /// marks (ASCII case ignored), as a phrase entry of [`matches_at`].
    #[must_use]
    pub fn is_one_of(&self, alternatives: &str) -> bool {
        is_one_of(alternatives, self.text)
    }

    /// Whether this is the punctuation mark `mark`.
    #[must_use]
    pub fn is_mark(&self, mark: &str) -> bool {
        !self.is_word && self.text == mark
    }
}

/// Splits `text` into words (letters and digits, with inner `'`, `’` and `-`
/// kept: `don't`, `at-least-once`) and single punctuation marks. Offsets are
/// relative to `text` plus `base`.
#[must_use]
pub fn tokens(text: &str, base: usize) -> Vec<Token<'_>> {
    // About one token in four bytes: one allocation for most texts.
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let mut at = 0;
    while let Some(token) = next_token(text, base, &mut at) {
        out.push(token);
    }
    out
}

/// The tokens of [`tokens`] one by one, for readers that stop early or
/// keep none of them.
#[derive(Debug, Clone)]
pub struct Tokens<'t> {
    text: &'t str,
    base: usize,
    /// The byte where the next token may start.
    at: usize,
}

impl<'t> Tokens<'t> {
    #[must_use]
    pub const fn new(text: &'t str, base: usize) -> Self {
        Self { text, base, at: 0 }
    }
}

impl<'t> Iterator for Tokens<'t> {
    type Item = Token<'t>;

    fn next(&mut self) -> Option<Token<'t>> {
        next_token(self.text, self.base, &mut self.at)
    }
}

/// The token of `text` that starts at byte `at` or after, if any; `at`
/// moves past it.
#[inline(always)]
fn next_token<'t>(text: &'t str, base: usize, at: &mut usize) -> Option<Token<'t>> {
    let bytes = text.as_bytes();
    let mut i = *at;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        // ASCII is read as bytes, other characters decoded.
        let word = if b.is_ascii() {
            i += 1;
            if matches!(b, b' ' | b'\t'..=b'\r') {
                continue;
            }
            b.is_ascii_alphanumeric()
        } else {
            let c = text[i..].chars().next().expect("i is on a char boundary");
            i += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            c.is_alphanumeric()
        };
        if word {
            loop {
                // ASCII letters and digits in a tight loop first.
                while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                    i += 1;
                }
                let width = alphanumeric_at(text, i);
                if width > 0 {
                    i += width;
                    continue;
                }
                // `'`, `’` or `-` joins two runs of letters and digits.
                let joiner = match bytes.get(i) {
                    Some(b'\'' | b'-') => 1,
                    Some(0xe2) if bytes[i..].starts_with("’".as_bytes()) => 3,
                    _ => 0,
                };
                if joiner > 0 && alphanumeric_at(text, i + joiner) > 0 {
                    i += joiner;
                    continue;
                }
                break;
            }
        }
        *at = i;
        return Some(Token {
            span: Span::new(base + start, base + i),
            text: &text[start..i],
            is_word: word,
        });
    }
    *at = i;
    None
}

/// The width of the letter or digit at byte `i` of `text`, or 0 when
/// there is none there.
#[inline]
fn alphanumeric_at(text: &str, i: usize) -> usize {
    match text.as_bytes().get(i) {
        None => 0,
        Some(b) if b.is_ascii() => usize::from(b.is_ascii_alphanumeric()),
        Some(_) => {
            let c = text[i..].chars().next().expect("i is on a char boundary");
            if c.is_alphanumeric() { c.len_utf8() } else { 0 }
        }
    }
}

/// Whether the tokens at `at` are the words `phrase` (each entry may list
/// alternatives with `|`: `"is|are"`). Punctuation marks are matched as written.
#[must_use]
pub fn matches_at(tokens: &[Token<'_>], at: usize, phrase: &[&str]) -> bool {
    // A word never equals a mark, so one comparison serves both kinds.
    phrase.len() <= tokens.len().saturating_sub(at)
        && phrase
            .iter()
            .zip(&tokens[at..])
            .all(|(want, token)| is_one_of(want, token.text))
}

/// Whether `text` is one of the `|`-separated words of `alternatives`
/// (ASCII case ignored). Rules ask this at every token of every stem:
/// splitting bytes and comparing lengths first keeps it cheap.
fn is_one_of(alternatives: &str, text: &str) -> bool {
    let text = text.as_bytes();
    alternatives
        .as_bytes()
        .split(|&b| b == b'|')
        .any(|alt| alt.len() == text.len() && alt.eq_ignore_ascii_case(text))
}

/// The first place where `phrase` occurs, as the span it covers.
#[must_use]
pub fn find_phrase(tokens: &[Token<'_>], phrase: &[&str]) -> Option<Span> {
    (0..tokens.len())
        .find(|&at| matches_at(tokens, at, phrase))
        .map(|at| tokens[at].span.cover(tokens[at + phrase.len() - 1].span))
}

/// `word` written in the case of `like`: `Definitely` for `Definately`.
#[must_use]
pub fn match_case(word: &str, like: &str) -> String {
    let mut letters = like.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.next().is_some_and(char::is_uppercase);
    let rest: Vec<char> = letters.collect();
    if first_upper && !rest.is_empty() && rest.iter().all(|c| c.is_uppercase()) {
        return word.to_uppercase();
    }
    if first_upper {
        let mut chars = word.chars();
        return chars.next().map_or_else(String::new, |c| {
            c.to_uppercase().chain(chars).collect::<String>()
        });
    }
    word.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_inner_apostrophes_and_hyphens() {
        let words: Vec<_> = tokens("Don't re-run it: at-least-once.", 10)
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(words, ["Don't", "re-run", "it", ":", "at-least-once", "."]);
        assert_eq!(tokens("ab", 10)[0].span, Span::new(10, 12));
    }

    #[test]
    fn phrases_match_words_and_marks() {
        let t = tokens("So, the correct answers are:", 0);
        assert_eq!(
            find_phrase(&t, &["the", "correct", "answer|answers", "is|are"]),
            Some(Span::new(4, 27))
        );
        assert!(matches_at(&t, 0, &["so", ","]));
        assert_eq!(find_phrase(&t, &["answers", "is"]), None);
    }

    #[test]
    fn case_follows_the_original() {
        assert_eq!(match_case("definitely", "Definately"), "Definitely");
        assert_eq!(match_case("definitely", "DEFINATELY"), "DEFINITELY");
        assert_eq!(match_case("definitely", "definately"), "definitely");
    }
}
