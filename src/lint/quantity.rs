//! Options that are quantities: a number (`42`, `1,024`, `-3.5`, `19/570`),
//! with a currency sign, `%` or a unit (`100 GB`, `250 ms`), or a range of
//! them (`10-20`, `10 to 20 GB`, `between 5 and 10`, `less than 5`, `at
//! least 100`, `5 or more`). The rules on the order and the overlap of
//! numeric options read them.

/// One end of a range: its value and whether the value itself is in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bound {
    pub value: f64,
    pub closed: bool,
}

/// What an option says: a value, or a range between two bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Quantity {
    pub low: Bound,
    pub high: Bound,
}

impl Quantity {
    const fn point(value: f64) -> Self {
        let bound = Bound {
            value,
            closed: true,
        };
        Self {
            low: bound,
            high: bound,
        }
    }

    #[must_use]
    pub fn is_range(&self) -> bool {
        self.low != self.high
    }

    /// The key options are ordered by: the low end, then the high end.
    #[must_use]
    pub fn order_key(&self) -> (f64, f64) {
        (self.low.value, self.high.value)
    }

    /// The smallest value both hold, if they share one.
    #[must_use]
    pub fn overlap(&self, other: &Self) -> Option<f64> {
        let (low, low_closed) = if self.low.value > other.low.value {
            (self.low.value, self.low.closed)
        } else if other.low.value > self.low.value {
            (other.low.value, other.low.closed)
        } else {
            (self.low.value, self.low.closed && other.low.closed)
        };
        let (high, high_closed) = if self.high.value < other.high.value {
            (self.high.value, self.high.closed)
        } else if other.high.value < self.high.value {
            (other.high.value, other.high.closed)
        } else {
            (self.high.value, self.high.closed && other.high.closed)
        };
        if low < high || (low == high && low_closed && high_closed) {
            Some(low)
        } else {
            None
        }
    }
}

/// Units of size and time, in bytes and seconds.
const UNITS: &[(&str, &str, f64)] = &[
    ("b", "B", 1.0),
    ("byte", "B", 1.0),
    ("bytes", "B", 1.0),
    ("kb", "B", 1e3),
    ("mb", "B", 1e6),
    ("gb", "B", 1e9),
    ("tb", "B", 1e12),
    ("pb", "B", 1e15),
    ("kib", "B", 1024.0),
    ("mib", "B", 1_048_576.0),
    ("gib", "B", 1_073_741_824.0),
    ("tib", "B", 1_099_511_627_776.0),
    ("ms", "s", 1e-3),
    ("millisecond", "s", 1e-3),
    ("milliseconds", "s", 1e-3),
    ("s", "s", 1.0),
    ("sec", "s", 1.0),
    ("second", "s", 1.0),
    ("seconds", "s", 1.0),
    ("min", "s", 60.0),
    ("minute", "s", 60.0),
    ("minutes", "s", 60.0),
    ("h", "s", 3600.0),
    ("hour", "s", 3600.0),
    ("hours", "s", 3600.0),
    ("day", "s", 86_400.0),
    ("days", "s", 86_400.0),
];

/// A number at the start of `s`: `-3.5`, `1,024`, `19/570`; with what follows.
fn number(s: &str) -> Option<(f64, &str)> {
    let bytes = s.as_bytes();
    let mut at = 0;
    let mut text = String::new();
    if let Some(rest) = s.strip_prefix('−') {
        // U+2212, the typographic minus.
        let (value, rest) = number(rest)?;
        return Some((-value, rest));
    }
    if matches!(bytes.first(), Some(b'-' | b'+')) {
        text.push(char::from(bytes[0]));
        at = 1;
    }
    let digits_start = at;
    while at < bytes.len() {
        let b = bytes[at];
        let next_digit = bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() {
            text.push(char::from(b));
        } else if b == b','
            && next_digit
            && bytes[at + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count()
                == 3
        {
            // A thousands separator: `1,024`.
        } else if b == b'.' && next_digit && !text.contains('.') {
            text.push('.');
        } else {
            break;
        }
        at += 1;
    }
    if !bytes[digits_start..at]
        .first()
        .is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let mut value: f64 = text.parse().ok()?;
    // A fraction: `19/570`.
    if bytes.get(at) == Some(&b'/') {
        let (denominator, rest) = number(&s[at + 1..])?;
        if denominator == 0.0 {
            return None;
        }
        value /= denominator;
        return Some((value, rest));
    }
    Some((value, &s[at..]))
}

/// A quantity at the start of `s`: a number with its currency sign, `%` or
/// unit word (lower case; `""` when none), and what follows.
fn amount(s: &str) -> Option<(f64, String, &str)> {
    let s = s.trim_start();
    let (currency, s) = ['$', '€', '£', '¥']
        .iter()
        .find_map(|c| s.strip_prefix(*c).map(|rest| (c.to_string(), rest)))
        .unwrap_or((String::new(), s));
    let (value, rest) = number(s)?;
    if let Some(after) = rest.strip_prefix('%') {
        return Some((value, format!("{currency}%"), after));
    }
    let trimmed = rest.trim_start();
    let word_len = trimmed
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(trimmed.len(), |(i, _)| i);
    let word = &trimmed[..word_len];
    if word.is_empty() || is_connector(word) {
        return Some((value, currency, rest));
    }
    Some((
        value,
        format!("{currency}{}", word.to_lowercase()),
        &trimmed[word_len..],
    ))
}

/// A value in its unit's base (bytes, seconds) and the base's name.
fn in_base(value: f64, unit: &str) -> (f64, String) {
    UNITS.iter().find(|(name, _, _)| *name == unit).map_or_else(
        || (value, unit.to_owned()),
        |(_, base, factor)| (value * factor, (*base).to_owned()),
    )
}

fn is_connector(word: &str) -> bool {
    ["to", "and", "or"]
        .iter()
        .any(|c| word.eq_ignore_ascii_case(c))
}

/// Strips `prefix` (ASCII case ignored) and the spaces after it.
fn prefix<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s[prefix.len()..].trim_start())
}

/// An option's text as a quantity and its unit (`""` for plain numbers),
/// when the whole text is one.
#[must_use]
pub(crate) fn quantity(text: &str) -> Option<(Quantity, String)> {
    let text = text.trim();
    let text = text.strip_suffix('.').unwrap_or(text).trim_end();
    let done = |rest: &str| rest.trim().is_empty();
    let open = |value, closed| Bound { value, closed };
    let below = |value, closed| Quantity {
        low: open(f64::NEG_INFINITY, false),
        high: open(value, closed),
    };
    let above = |value, closed| Quantity {
        low: open(value, closed),
        high: open(f64::INFINITY, false),
    };
    // Longer openings first: `<=` before `<`.
    for (words, upward, closed) in [
        (
            &["up to", "at most", "no more than", "<=", "≤"][..],
            false,
            true,
        ),
        (
            &["less than", "fewer than", "under", "below", "<"],
            false,
            false,
        ),
        (&["at least", "no less than", ">=", "≥"], true, true),
        (
            &["more than", "greater than", "over", "above", ">"],
            true,
            false,
        ),
    ] {
        if let Some(rest) = words.iter().find_map(|w| prefix(text, w)) {
            let (value, unit, rest) = amount(rest)?;
            let (value, unit) = in_base(value, &unit);
            let q = if upward {
                above(value, closed)
            } else {
                below(value, closed)
            };
            return done(rest).then_some((q, unit));
        }
    }
    let (first, between) = match prefix(text, "between") {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let (low, low_unit, rest) = amount(first)?;
    let rest = rest.trim_start();
    if done(rest) {
        if between {
            return None;
        }
        let (value, unit) = in_base(low, &low_unit);
        return Some((Quantity::point(value), unit));
    }
    for (words, upward) in [
        (
            &["or more", "or above", "or greater", "or higher", "+"][..],
            true,
        ),
        (&["or less", "or fewer", "or below", "or lower"], false),
    ] {
        if let Some(after) = words.iter().find_map(|w| prefix(rest, w))
            && done(after)
            && !between
        {
            let (value, unit) = in_base(low, &low_unit);
            let q = if upward {
                above(value, true)
            } else {
                below(value, true)
            };
            return Some((q, unit));
        }
    }
    let connectors: &[&str] = if between {
        &["and"]
    } else {
        &["-", "–", "—", "to"]
    };
    let after = connectors.iter().find_map(|c| prefix(rest, c))?;
    let (high, high_unit, rest) = amount(after)?;
    if !done(rest) {
        return None;
    }
    // `10-20 GB`: the unit written once, at the end.
    let low_unit = if low_unit.is_empty() {
        high_unit.clone()
    } else {
        low_unit
    };
    if low_unit != high_unit {
        return None;
    }
    let (low, unit) = in_base(low, &low_unit);
    let (high, _) = in_base(high, &high_unit);
    (low <= high).then(|| {
        (
            Quantity {
                low: open(low, true),
                high: open(high, true),
            },
            unit,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Option<(f64, f64, String)> {
        quantity(text).map(|(q, u)| (q.low.value, q.high.value, u))
    }

    #[test]
    fn numbers_and_units() {
        assert_eq!(q("42"), Some((42.0, 42.0, String::new())));
        assert_eq!(q("1,024."), Some((1024.0, 1024.0, String::new())));
        assert_eq!(q("-3.5"), Some((-3.5, -3.5, String::new())));
        assert_eq!(q("50.37%"), Some((50.37, 50.37, "%".into())));
        assert_eq!(q("2 GB"), Some((2e9, 2e9, "B".into())));
        assert_eq!(q("$5"), Some((5.0, 5.0, "$".into())));
        assert_eq!(q("19/570").map(|x| x.2), Some(String::new()));
        assert_eq!(q("12 rows"), Some((12.0, 12.0, "rows".into())));
    }

    #[test]
    fn ranges() {
        assert_eq!(q("10-20"), Some((10.0, 20.0, String::new())));
        assert_eq!(q("10 to 20 GB"), Some((10e9, 20e9, "B".into())));
        assert_eq!(q("between 5 and 10"), Some((5.0, 10.0, String::new())));
        assert_eq!(
            q("Less than 5"),
            Some((f64::NEG_INFINITY, 5.0, String::new()))
        );
        assert_eq!(q("5 or more"), Some((5.0, f64::INFINITY, String::new())));
        assert_eq!(q("at least 100%"), Some((100.0, f64::INFINITY, "%".into())));
    }

    #[test]
    fn prose_is_not_a_quantity() {
        for text in [
            "3,7",
            "n = 8, p = 12",
            "2Pac has 8",
            "ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING",
            "10 and 20",
            "A",
        ] {
            assert_eq!(quantity(text), None, "{text}");
        }
    }

    #[test]
    fn overlaps() {
        let r = |t: &str| quantity(t).unwrap().0;
        assert_eq!(r("0-10").overlap(&r("10-20")), Some(10.0));
        assert_eq!(r("0-10").overlap(&r("11-20")), None);
        assert_eq!(r("less than 10").overlap(&r("10-20")), None);
        assert_eq!(r("at least 10").overlap(&r("5-10")), Some(10.0));
        assert_eq!(r("5-15").overlap(&r("10")), Some(10.0));
    }
}
