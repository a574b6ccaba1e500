//! The keys of a file's single-answer questions, taken together: where
//! they stand and how long they are, and how likely such a pattern is by
//! chance. Shared by `key-position-bias` and `key-length-bias`.

use crate::lint::LintContext;
use crate::parse::ast::OptionLine;

/// One single-answer question of three options or more.
pub(super) struct Keyed<'a> {
    pub options: &'a [OptionLine],
    /// The index of the one option marked correct.
    pub key: usize,
}

impl<'a> Keyed<'a> {
    pub fn key_line(&self) -> &'a OptionLine {
        &self.options[self.key]
    }
}

/// Fewest questions in a file for a pattern to mean anything.
pub(super) const MIN_QUESTIONS: usize = 6;

/// The single-answer questions of three options or more in the file.
pub(super) fn keyed<'a>(cx: &LintContext<'a>) -> Vec<Keyed<'a>> {
    cx.choices()
        .filter(|(_, c)| c.options.len() >= 3)
        .filter_map(|(_, c)| {
            let mut keys = c
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.checkbox.kind.is_checked());
            match (keys.next(), keys.next()) {
                (Some((key, _)), None) => Some(Keyed {
                    options: &c.options,
                    key,
                }),
                _ => None,
            }
        })
        .collect()
}

/// The chance that `at_least` or more of independent events with the given
/// probabilities happen (the upper tail of a Poisson binomial distribution,
/// computed exactly).
pub(super) fn upper_tail(probabilities: &[f64], at_least: usize) -> f64 {
    // dist[k]: the chance that exactly k of the events so far happened.
    let mut dist = vec![0.0; probabilities.len() + 1];
    dist[0] = 1.0;
    for (n, &p) in probabilities.iter().enumerate() {
        for k in (0..=n + 1).rev() {
            let stay = dist[k] * (1.0 - p);
            let step = if k > 0 { dist[k - 1] * p } else { 0.0 };
            dist[k] = stay + step;
        }
    }
    dist.iter().skip(at_least).sum()
}

#[cfg(test)]
mod tests {
    use super::upper_tail;

    #[test]
    fn tails_of_fair_coins() {
        let coins = [0.5; 4];
        assert!((upper_tail(&coins, 0) - 1.0).abs() < 1e-12);
        assert!((upper_tail(&coins, 4) - 1.0 / 16.0).abs() < 1e-12);
        assert!((upper_tail(&coins, 3) - 5.0 / 16.0).abs() < 1e-12);
        assert!(upper_tail(&coins, 5).abs() < 1e-12);
    }
}
