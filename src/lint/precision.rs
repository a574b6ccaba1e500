//! How often a rule is right on the real notes, as its docs state it.
//!
//! Each rule's docs carry a `## Precision` section with one line in a fixed
//! shape, measured by judging the rule's findings on the corpus of real
//! course notes by hand (`tests/real-notes/judgements/`, held to the docs
//! by `tests/precision.rs`):
//!
//! ```text
//! On the real-notes corpus: 38 findings judged, 36 right (95 %).
//! On the real-notes corpus: 40 of 1077 findings judged, 40 right (100 %).
//! On the real-notes corpus: 1 finding judged, 1 right (100 %).
//! On the real-notes corpus: no findings.
//! ```
//!
//! The second shape is a random sample of a rule that fires often.
//! `exambank rules` reads the figure from here, so the listing and the
//! docs cannot disagree.

use super::RuleMeta;

/// The heading of the section, and how its line starts.
pub const SECTION: &str = "## Precision";
const LEAD: &str = "On the real-notes corpus: ";

/// A rule's judged findings on the real notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Precision {
    /// Findings the rule reports on the corpus.
    pub findings: usize,
    /// Findings judged by hand: all of them, or a random sample.
    pub judged: usize,
    /// Judged findings that were right.
    pub right: usize,
}

impl Precision {
    /// Right as a share of judged, in whole percent (rounded half up);
    /// `None` when nothing was judged.
    #[must_use]
    pub fn percent(&self) -> Option<usize> {
        (self.judged > 0).then(|| (self.right * 200 + self.judged) / (self.judged * 2))
    }

    /// Whether at least 9 judged findings in 10 are right (exactly, not
    /// after rounding); true when the rule has no findings.
    #[must_use]
    pub fn meets(&self, tenths: usize) -> bool {
        self.right * 10 >= self.judged * tenths
    }

    /// The line the rule's docs carry for these figures.
    #[must_use]
    pub fn doc_line(&self) -> String {
        let Some(percent) = self.percent() else {
            return format!("{LEAD}no findings.");
        };
        let plural = if self.findings == 1 { "" } else { "s" };
        let judged = if self.judged == self.findings {
            format!("{} finding{plural} judged", self.judged)
        } else {
            format!(
                "{} of {} finding{plural} judged",
                self.judged, self.findings
            )
        };
        format!("{LEAD}{judged}, {} right ({percent} %).", self.right)
    }

    /// Short form for listings: `36/38 right (95 %)`, `no findings`.
    #[must_use]
    pub fn brief(&self) -> String {
        match self.percent() {
            None => "no findings".to_owned(),
            Some(percent) if self.judged == self.findings => {
                format!("{}/{} right ({percent} %)", self.right, self.judged)
            }
            Some(percent) => format!(
                "{}/{} right ({percent} %) of a sample of {} findings",
                self.right, self.judged, self.findings
            ),
        }
    }
}

/// The figures a rule's docs state, or `None` when the docs have no
/// `## Precision` section with a line in one of the shapes above.
#[must_use]
pub fn stated(meta: &RuleMeta) -> Option<Precision> {
    let explanation = meta.explanation();
    let line = explanation
        .lines()
        .skip_while(|l| l.trim_end() != SECTION)
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .find_map(|l| l.trim().strip_prefix(LEAD))?;
    parse(line)
}

/// `38 findings judged, 36 right (95 %).`, `40 of 1077 findings judged, 40
/// right (100 %).` or `no findings.`; the percentage must be the one the
/// counts give.
fn parse(line: &str) -> Option<Precision> {
    if line == "no findings." {
        return Some(Precision {
            findings: 0,
            judged: 0,
            right: 0,
        });
    }
    let (judged, rest) = line
        .split_once(" findings judged, ")
        .or_else(|| line.split_once(" finding judged, "))?;
    let (judged, findings) = match judged.split_once(" of ") {
        Some((judged, findings)) => (judged.parse().ok()?, findings.parse().ok()?),
        None => {
            let judged = judged.parse().ok()?;
            (judged, judged)
        }
    };
    let (right, percent) = rest.split_once(" right (")?;
    let percent: usize = percent.strip_suffix(" %).")?.parse().ok()?;
    let precision = Precision {
        findings,
        judged,
        right: right.parse().ok()?,
    };
    let singular = line.contains(" finding judged");
    let consistent = precision.judged > 0
        && singular == (precision.findings == 1)
        && precision.right <= precision.judged
        && precision.judged <= precision.findings
        && precision.percent() == Some(percent);
    consistent.then_some(precision)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_read_back_as_written() {
        for line in [
            "On the real-notes corpus: 38 findings judged, 36 right (95 %).",
            "On the real-notes corpus: 40 of 1077 findings judged, 40 right (100 %).",
            "On the real-notes corpus: 1 finding judged, 1 right (100 %).",
            "On the real-notes corpus: no findings.",
        ] {
            let figures = parse(line.strip_prefix(LEAD).unwrap()).unwrap();
            assert_eq!(figures.doc_line(), line);
        }
        let sample = parse("40 of 1077 findings judged, 39 right (98 %).").unwrap();
        assert_eq!(
            (sample.findings, sample.judged, sample.right),
            (1077, 40, 39)
        );
        assert_eq!(
            sample.brief(),
            "39/40 right (98 %) of a sample of 1077 findings"
        );
    }

    #[test]
    fn lines_that_do_not_add_up_are_refused() {
        // The percentage must be the counts' own.
        assert_eq!(parse("38 findings judged, 36 right (96 %)."), None);
        assert_eq!(parse("3 findings judged, 4 right (133 %)."), None);
        assert_eq!(parse("50 of 40 findings judged, 40 right (80 %)."), None);
        assert_eq!(parse("0 findings judged, 0 right (0 %)."), None);
        assert_eq!(parse("38 findings, 36 right."), None);
        // One finding is `1 finding`, and only one is.
        assert_eq!(parse("2 finding judged, 2 right (100 %)."), None);
    }

    #[test]
    fn the_floor_is_exact() {
        let at = |right, judged| Precision {
            findings: judged,
            judged,
            right,
        };
        // 89.7 % rounds to 90 % but is below the floor.
        assert_eq!(at(26, 29).percent(), Some(90));
        assert!(!at(26, 29).meets(9));
        assert!(at(9, 10).meets(9));
        assert!(at(0, 0).meets(9));
    }
}
