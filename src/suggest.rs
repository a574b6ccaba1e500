//! "Did you mean ...?": the closest known word to a mistyped one.

/// The candidate closest to `word` (by edit distance, ignoring case), when
/// it is close enough to be a likely typo: at most a third of the word's
/// length (and at least one edit) away, or the word cut short (`warn`).
#[must_use]
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| {
            let candidate = c.to_ascii_lowercase();
            let cut_short = word.len() >= 3 && candidate.starts_with(&word);
            (strsim::levenshtein(&word, &candidate), cut_short, c)
        })
        .filter(|&(distance, cut_short, _)| distance <= limit || cut_short)
        .map(|(distance, _, c)| (distance, c))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_words_only() {
        let known = ["severity", "enabled", "exclude"];
        assert_eq!(did_you_mean("sevrity", known), Some("severity"));
        assert_eq!(did_you_mean("EXCLUDE", known), Some("exclude"));
        assert_eq!(did_you_mean("sev", known), Some("severity"));
        assert_eq!(did_you_mean("colour", known), None);
        assert_eq!(did_you_mean("se", known), None);
    }
}
