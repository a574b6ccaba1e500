//! Where an option, item or step ends and its explanation begins.
//!
//! An explanation is feedback about the entry: a sentence after ` - ` or
//! `: ` ("This is correct ...", "Valid. You can ...", "Events for one
//! customer stay in order because ..."). What reads as part of the entry
//! stays whole: a label and its value (`1. Kafka: Streaming`), a topic
//! before the statement judged (`Tennis: A has more followers than B`),
//! label/value pairs (`Mean: 3 ; Median: 4`), a range (`ages 18 - 25`), a
//! list of words (`Income - Low, middle, high`). When unsure the whole line
//! is the entry.

use super::ast::Explanation;
use super::lines::find_pair;
use crate::source::Span;

/// Words that open a verdict on the entry: an explanation that starts with
/// one is feedback even after a one-word entry (`Kafka: Correct, it ...`).
const VERDICT_OPENERS: &[&str] = &[
    "this",
    "that",
    "these",
    "those",
    "it",
    "correct",
    "incorrect",
    "true",
    "false",
    "not",
    "valid",
    "invalid",
    "yes",
    "no",
    "wrong",
    "right",
    "because",
    "partly",
    "partially",
];

/// Where an entry could be split: after ` - ` or after `: `.
#[derive(Debug, Clone, Copy, Default)]
pub struct Candidates {
    dash: Option<usize>,
    colon: Option<usize>,
}

/// `explanation = dash_separator sentence / colon_separator sentence` —
/// where `text` could be split, found once per entry.
#[must_use]
pub fn candidates(text: &str) -> Candidates {
    Candidates {
        dash: dash_split_point(text),
        colon: colon_split_point(text),
    }
}

/// Whether `: ` splits may be trusted in a list: a colon split is only
/// taken when most entries of the list have one (a lone `Language: SQL` is
/// text). Entries split by ` - ` count too: in a list where most entries
/// carry an explanation, the one written with `: ` carries one as well.
#[must_use]
pub fn majority_splits(entries: &[Candidates]) -> bool {
    let with_colon = entries.iter().filter(|c| c.colon.is_some()).count();
    let explained = entries
        .iter()
        .filter(|c| c.colon.is_some() || c.dash.is_some())
        .count();
    with_colon >= 1 && explained >= 2 && explained * 2 >= entries.len()
}

/// Where `: ` could separate an entry from its explanation.
fn colon_split_point(text: &str) -> Option<usize> {
    let at = colon_space(text)?;
    let (before, after) = (&text[..at], &text[at + 2..]);
    let pairs = after.contains(';') && colon_space(after).is_some();
    // After one word, a sentence that opens with a name of its own
    // (`Tennis: Maria Lee has more followers`) is the statement judged, and
    // after a letter or a digit (`A: The first plot ...`) what it labels.
    let label = before.trim().chars().count() == 1;
    let feedback = starts_verdict(after)
        || (words(after) >= 3 && (words(before) >= 2 || (!label && !starts_with_name(after))));
    (!pairs && plausible_text(before) && plausible_explanation(after) && feedback).then_some(at)
}

/// Where ` - ` could separate an entry from its explanation.
fn dash_split_point(text: &str) -> Option<usize> {
    let at = spaced_dash(text)?;
    let (before, after) = (&text[..at], &text[at + 3..]);
    let range = before.trim_end().ends_with(|c: char| c.is_ascii_digit())
        && after.trim_start().starts_with(|c: char| c.is_ascii_digit());
    let feedback = starts_verdict(after) || (words(after) >= 2 && !word_list(after));
    (!range && plausible_text(before) && plausible_explanation(after) && feedback).then_some(at)
}

/// Where `text` first holds `: `.
fn colon_space(text: &str) -> Option<usize> {
    find_pair(text, b':', b' ')
}

/// Where `text` first holds ` - ` (as `str::find(" - ")` would say, without
/// building a substring searcher for every entry: most hold no dash).
fn spaced_dash(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'-', bytes)
        .find(|&at| at > 0 && bytes[at - 1] == b' ' && bytes.get(at + 1) == Some(&b' '))
        .map(|at| at - 1)
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Whether `text` starts with a word that opens a verdict.
fn starts_verdict(text: &str) -> bool {
    let first = text
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    VERDICT_OPENERS
        .iter()
        .any(|o| o.eq_ignore_ascii_case(first))
}

/// Whether `text` opens with two capitalized words: a name (`Maria Lee`,
/// `Player A`), the subject of a statement of its own.
fn starts_with_name(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let capital = |w: Option<&str>| {
        w.and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    };
    capital(words.next()) && capital(words.next())
}

/// A list of one- or two-word values (`Low, middle, high`), not a sentence.
fn word_list(text: &str) -> bool {
    let text = text.trim();
    text.contains(',')
        && !text.ends_with(['.', '!', '?'])
        && text.split(',').all(|part| words(part) <= 2)
}

/// Text before a separator: not empty, and not inside a quote or code span.
fn plausible_text(before: &str) -> bool {
    let before = before.trim();
    if before.is_empty() {
        return false;
    }
    // The ASCII marks counted in one pass over the bytes.
    let (mut ticks, mut doubles, mut opens, mut closes, mut braces) = (0usize, 0usize, 0, 0, false);
    let mut previous = 0;
    for &b in before.as_bytes() {
        match b {
            b'`' => ticks += 1,
            b'"' => doubles += 1,
            b'(' => opens += 1,
            b')' => closes += 1,
            b'{' if previous == b'{' => braces = true,
            _ => {}
        }
        previous = b;
    }
    ticks.is_multiple_of(2)
        && doubles.is_multiple_of(2)
        && opens == closes
        && !braces
        && quotes(before, '\'').is_multiple_of(2)
}

/// Quote characters that open or close a quotation: an apostrophe between
/// two letters (`pipeline's`, `don't`) is neither.
fn quotes(text: &str, quote: char) -> usize {
    if !text.contains(quote) {
        return 0;
    }
    let mut count = 0;
    let mut before: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == quote {
            let letter_before = before.is_some_and(char::is_alphanumeric);
            let letter_after = chars.peek().is_some_and(|c| c.is_alphanumeric());
            if !(letter_before && letter_after) {
                count += 1;
            }
        }
        before = Some(c);
    }
    count
}

/// An explanation reads as a sentence: it starts with a capital letter, a
/// digit or a code span.
fn plausible_explanation(after: &str) -> bool {
    after
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '`')
}

/// Where the pieces of a joined text (an option and its wrapped lines, joined
/// with spaces) start: `(offset in the joined text, file offset)`, sorted.
pub type Pieces = Vec<(usize, usize)>;

/// The file offset of byte `at` of a joined text.
pub fn source_offset(pieces: &[(usize, usize)], at: usize) -> usize {
    let k = pieces
        .partition_point(|&(joined, _)| joined <= at)
        .saturating_sub(1);
    let (joined, source) = pieces.get(k).copied().unwrap_or((0, 0));
    source + (at - joined.min(at))
}

/// The file offset just past the first `len` bytes of a joined text (whose
/// last byte is never a joining space: texts are trimmed).
pub fn source_end(pieces: &[(usize, usize)], len: usize) -> usize {
    match len.checked_sub(1) {
        Some(last) => source_offset(pieces, last) + 1,
        None => source_offset(pieces, 0),
    }
}

/// Splits `text` (joined from `pieces`, ending at file offset `end`) into
/// the entry and its explanation, at one of its `candidates`.
///
/// ` - ` is preferred (it rarely occurs inside text); `: ` only when
/// `allow_colon` (see [`majority_splits`]).
#[must_use]
pub fn split_explanation(
    text: &str,
    pieces: &[(usize, usize)],
    end: usize,
    candidates: Candidates,
    allow_colon: bool,
) -> Option<(String, Explanation)> {
    let (at, separator) = match (candidates.dash, candidates.colon) {
        (Some(dash), _) => (dash, " - "),
        (None, Some(colon)) if allow_colon => (colon, ": "),
        _ => return None,
    };
    let explanation_start = at + separator.len();
    let explanation = text[explanation_start..].trim();
    let lead = text[explanation_start..].len() - text[explanation_start..].trim_start().len();
    Some((
        text[..at].trim_end().to_owned(),
        Explanation {
            text: explanation.to_owned(),
            span: Span::new(source_offset(pieces, explanation_start + lead), end),
            separator,
        },
    ))
}

/// Adds a line of explanation (`text` at `span`) to an entry: after the
/// explanation it has, joined by `joiner`, or as its explanation, written
/// with `separator` (`=>`, or a line of its own under a step).
pub fn add_explanation(
    explanation: &mut Option<Explanation>,
    text: &str,
    span: Span,
    separator: &'static str,
    joiner: char,
) {
    match explanation {
        Some(explanation) => {
            explanation.text.push(joiner);
            explanation.text.push_str(text);
            explanation.span.end = span.end;
        }
        None => {
            *explanation = Some(Explanation {
                text: text.to_owned(),
                span,
                separator,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, allow_colon: bool) -> Option<(String, String)> {
        let pieces = [(0, 0)];
        split_explanation(text, &pieces, text.len(), candidates(text), allow_colon)
            .map(|(t, e)| (t, e.text))
    }

    #[test]
    fn feedback_splits_and_meaning_stays_whole() {
        assert_eq!(
            split("Drop late events: This loses data.", true).unwrap().1,
            "This loses data."
        );
        assert_eq!(
            split("Random number: Spreads load evenly but loses order.", true)
                .unwrap()
                .0,
            "Random number"
        );
        assert_eq!(
            split("Kafka: Correct, it keeps the log.", true).unwrap().0,
            "Kafka"
        );
        assert_eq!(
            split("list: Items can be replaced in place.", true)
                .unwrap()
                .0,
            "list"
        );
        // A topic before the statement judged, a label and its value.
        assert!(split("Tennis: Player A has more followers than player B.", true).is_none());
        assert!(split("1. Kafka: Streaming", true).is_none());
        assert!(split("Mean: 3.5 ; Median: 4", true).is_none());
        // A range and a list of words after ` - ` are the entry itself.
        assert!(split("ages 18 - 25", false).is_none());
        assert!(split("Income status - Low, middle, high", false).is_none());
        assert_eq!(
            split("Tumbling windows - Each event falls in one window.", false)
                .unwrap()
                .0,
            "Tumbling windows"
        );
    }
}
