//! Moodle's grade list, and the grades of choice options drawn from it:
//! what `moodle` and `gift` write as fractions. An imported grade must be
//! one of the list or its negative, or Moodle refuses the question.

use crate::model;

/// One grade of Moodle's fixed list, as Moodle writes it in a file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grade {
    /// The percentage as written (`33.33333`).
    pub text: &'static str,
    /// The same percentage as a number.
    pub percent: f64,
}

const fn grade(text: &'static str, percent: f64) -> Grade {
    Grade { text, percent }
}

/// Moodle's positive answer grades (`question_bank::fraction_options`),
/// largest first. An imported grade must be one of these or its negative.
pub const GRADES: [Grade; 21] = [
    grade("100", 100.0),
    grade("90", 90.0),
    grade("83.33333", 83.333_33),
    grade("80", 80.0),
    grade("75", 75.0),
    grade("70", 70.0),
    grade("66.66667", 66.666_67),
    grade("60", 60.0),
    grade("50", 50.0),
    grade("40", 40.0),
    grade("33.33333", 33.333_33),
    grade("30", 30.0),
    grade("25", 25.0),
    grade("20", 20.0),
    grade("16.66667", 16.666_67),
    grade("14.28571", 14.285_71),
    grade("12.5", 12.5),
    grade("11.11111", 11.111_11),
    grade("10", 10.0),
    grade("5", 5.0),
    grade("0", 0.0),
];

/// A signed grade of Moodle's list, written as Moodle reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fraction {
    pub grade: Grade,
    pub negative: bool,
}

impl Fraction {
    #[must_use]
    pub const fn positive(grade: Grade) -> Self {
        Self {
            grade,
            negative: false,
        }
    }

    #[must_use]
    pub const fn negative(grade: Grade) -> Self {
        Self {
            grade,
            negative: grade.percent > 0.0,
        }
    }

    /// The percentage as written in Moodle XML and GIFT (`-33.33333`).
    #[must_use]
    pub fn text(self) -> String {
        if self.negative {
            format!("-{}", self.grade.text)
        } else {
            self.grade.text.to_owned()
        }
    }
}

/// The grade of the list nearest to `percent` (ties go to the larger).
#[must_use]
pub fn nearest_grade(percent: f64) -> Grade {
    GRADES
        .iter()
        .copied()
        .min_by(|a, b| {
            let da = (a.percent - percent).abs();
            let db = (b.percent - percent).abs();
            da.total_cmp(&db).then(b.percent.total_cmp(&a.percent))
        })
        .unwrap_or(GRADES[0])
}

/// Grades for the `correct` options of a multiple-answer question, in
/// option order, whose sum Moodle accepts as 100%.
///
/// When `100 / correct` is in the list every option gets it (3 options get
/// 33.33333 each). Otherwise two neighbouring grades are mixed so that the
/// sum is as near 100 as the list allows, the larger grades first: 11
/// options get 10 (nine times) and 5 (twice). Past 20 options the list's
/// smallest grade, 5, is reached: the first 20 get 5 and the rest 0.
#[must_use]
pub fn correct_grades(correct: usize) -> Vec<Grade> {
    if correct == 0 {
        return Vec::new();
    }
    let count = f64::from(u32::try_from(correct).unwrap_or(u32::MAX));
    let share = 100.0 / count;
    if let Some(exact) = GRADES.iter().find(|g| (g.percent - share).abs() < 1e-4) {
        return vec![*exact; correct];
    }
    // (distance from 100, spread, larger grade, smaller grade, how many larger)
    let mut best: Option<(f64, f64, Grade, Grade, usize)> = None;
    for allow_zero in [false, true] {
        for hi in GRADES.iter().filter(|g| g.percent >= share) {
            for lo in GRADES
                .iter()
                .filter(|g| g.percent < share && (allow_zero || g.percent > 0.0))
            {
                for k in 1..correct {
                    let k_f = f64::from(u32::try_from(k).unwrap_or(u32::MAX));
                    let sum = k_f * hi.percent + (count - k_f) * lo.percent;
                    let candidate = ((sum - 100.0).abs(), hi.percent - lo.percent, *hi, *lo, k);
                    let better = best.is_none_or(|b| {
                        candidate.0 + 1e-9 < b.0
                            || ((candidate.0 - b.0).abs() <= 1e-9 && candidate.1 < b.1)
                    });
                    if better {
                        best = Some(candidate);
                    }
                }
            }
        }
        // Moodle rounds the sum to whole percents before comparing with 100.
        if best.is_some_and(|b| b.0 < 0.5) {
            break;
        }
    }
    match best {
        Some((_, _, hi, lo, k)) => (0..correct).map(|i| if i < k { hi } else { lo }).collect(),
        None => vec![GRADES[0]],
    }
}

/// Moodle fractions of a choice question's options, in option order.
///
/// Single answer: 100 for the correct option, 0 for the others. Multiple
/// answers: the correct options share 100 ([`correct_grades`]); a wrong
/// option takes away as much as a correct one earns with partial scoring,
/// and everything (-100) without it.
#[must_use]
pub fn choice_fractions(
    options: &[model::ChoiceOption],
    single: bool,
    partial: bool,
) -> Vec<Fraction> {
    let correct = options.iter().filter(|o| o.correct).count();
    if single {
        return options
            .iter()
            .map(|o| Fraction::positive(if o.correct { GRADES[0] } else { GRADES[20] }))
            .collect();
    }
    let mut shares = correct_grades(correct).into_iter();
    let penalty = if partial && correct > 0 {
        let count = f64::from(u32::try_from(correct).unwrap_or(u32::MAX));
        nearest_grade(100.0 / count)
    } else {
        GRADES[0]
    };
    options
        .iter()
        .map(|o| {
            if o.correct {
                Fraction::positive(shares.next().unwrap_or(GRADES[20]))
            } else {
                Fraction::negative(penalty)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(grades: &[Grade]) -> f64 {
        grades.iter().map(|g| g.percent).sum()
    }

    #[test]
    fn exact_shares_come_from_the_list() {
        assert_eq!(correct_grades(1), vec![GRADES[0]]);
        let three = correct_grades(3);
        assert!(three.iter().all(|g| g.text == "33.33333"));
        assert!(correct_grades(7).iter().all(|g| g.text == "14.28571"));
        assert!(correct_grades(20).iter().all(|g| g.text == "5"));
    }

    #[test]
    fn inexact_shares_mix_neighbours_and_sum_to_100() {
        for n in 1..=40 {
            let grades = correct_grades(n);
            assert_eq!(grades.len(), n);
            assert!(
                (sum(&grades) - 100.0).abs() < 0.5,
                "{n} options sum to {}",
                sum(&grades)
            );
            // Every grade is one of Moodle's.
            assert!(grades.iter().all(|g| GRADES.contains(g)));
            // Larger grades first, and no correct option is worth 0 until the list runs out.
            assert!(grades.windows(2).all(|w| w[0].percent >= w[1].percent));
            if n <= 20 {
                assert!(grades.iter().all(|g| g.percent > 0.0), "{n}: {grades:?}");
            }
        }
        let eleven: Vec<&str> = correct_grades(11).iter().map(|g| g.text).collect();
        assert_eq!(eleven, [["10"; 9].as_slice(), &["5"; 2]].concat());
    }

    #[test]
    fn wrong_options_take_credit_away() {
        let option = |correct| model::ChoiceOption {
            text: String::new(),
            correct,
            feedback: None,
            refers_to_others: false,
        };
        let options = [option(true), option(false), option(true), option(true)];
        let texts = |fs: Vec<Fraction>| fs.into_iter().map(Fraction::text).collect::<Vec<_>>();
        assert_eq!(
            texts(choice_fractions(&options, false, true)),
            ["33.33333", "-33.33333", "33.33333", "33.33333"]
        );
        assert_eq!(
            texts(choice_fractions(&options, false, false)),
            ["33.33333", "-100", "33.33333", "33.33333"]
        );
        assert_eq!(
            texts(choice_fractions(&options[..2], true, false)),
            ["100", "0"]
        );
    }

    #[test]
    fn nearest_grades() {
        assert_eq!(nearest_grade(9.09).text, "10");
        assert_eq!(nearest_grade(33.3).text, "33.33333");
        assert_eq!(nearest_grade(-3.0).text, "0");
        assert_eq!(nearest_grade(250.0).text, "100");
    }
}
