//! Looking rules up. The list itself is `rules/mod.rs`: one line per rule.

use super::RuleMeta;
pub use super::rules::RULES;

/// A rule by code (`EB101`, any case) or name (`no-correct-option`).
#[must_use]
pub fn find_rule(code_or_name: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use super::RULES;

    #[test]
    fn codes_are_sorted_unique_and_well_formed() {
        let codes: Vec<_> = RULES.iter().map(|r| r.meta().code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted, "codes must be sorted and unique");
        for rule in RULES {
            let meta = rule.meta();
            assert!(
                meta.code.len() == 5
                    && meta.code.starts_with("EB")
                    && meta.code[2..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                meta.code
            );
            assert!(
                meta.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-')
                    && !meta.name.starts_with('-'),
                "{}",
                meta.name
            );
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "Use instead:",
            ] {
                assert!(meta.docs.contains(section), "{} lacks {section}", meta.code);
            }
        }
    }
}
