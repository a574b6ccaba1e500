//! Every rule: one file each, named `ebNNN_rule_name.rs`, and one line in
//! the list below, sorted by code (see "How to add a rule" in `lint/mod.rs`).

mod code_rules;
mod explanation_verdict;
mod key_pattern;
mod option_shape;

/// Declares each rule's module and lists its rule in [`RULES`], in order.
macro_rules! rules {
    ($($module:ident :: $rule:ident,)*) => {
        $(pub(crate) mod $module;)*

        /// Every rule, sorted by code. Codes are never reused or renumbered.
        pub static RULES: &[&dyn super::Rule] = &[$(&$module::$rule),*];
    };
}

rules! {
    eb001_unclosed_fence::UnclosedFence,
    eb002_empty_section::EmptySection,
    eb003_duplicate_heading::DuplicateHeading,
    eb004_chapter_out_of_sequence::ChapterOutOfSequence,
    eb005_duplicate_exercise::DuplicateExercise,
    eb006_unused_suppression::UnusedSuppression,
    eb007_invalid_suppression::InvalidSuppression,
    eb008_malformed_heading::MalformedHeading,
    eb101_malformed_checkbox::MalformedCheckbox,
    eb102_no_correct_option::NoCorrectOption,
    eb103_single_option::SingleOption,
    eb104_stem_key_mismatch::StemKeyMismatch,
    eb105_stem_gives_answer::StemGivesAnswer,
    eb106_explanation_contradicts_mark::ExplanationContradictsMark,
    eb107_hedged_explanation::HedgedExplanation,
    eb108_explanation_repeats_option::ExplanationRepeatsOption,
    eb109_duplicate_option::DuplicateOption,
    eb110_all_of_the_above::AllOfTheAbove,
    eb111_absolute_word_cue::AbsoluteWordCue,
    eb112_longest_option_cue::LongestOptionCue,
    eb113_conflicting_answer_key::ConflictingAnswerKey,
    eb114_negative_stem::NegativeStem,
    eb115_double_negative::DoubleNegative,
    eb116_combination_option::CombinationOption,
    eb117_true_false_choice::TrueFalseChoice,
    eb118_clang_association::ClangAssociation,
    eb119_grammatical_cue::GrammaticalCue,
    eb120_vague_frequency::VagueFrequency,
    eb121_options_out_of_order::OptionsOutOfOrder,
    eb122_overlapping_ranges::OverlappingRanges,
    eb123_code_option_among_prose::CodeOptionAmongProse,
    eb124_option_period_mismatch::OptionPeriodMismatch,
    eb125_short_option_outlier::ShortOptionOutlier,
    eb126_unfocused_stem::UnfocusedStem,
    eb127_blank_mid_stem::BlankMidStem,
    eb128_missing_distractor_rationale::MissingDistractorRationale,
    eb129_junk_option::JunkOption,
    eb130_key_position_bias::KeyPositionBias,
    eb131_key_length_bias::KeyLengthBias,
    eb132_item_gives_away_another::ItemGivesAwayAnother,
    eb201_too_few_groups::TooFewGroups,
    eb202_empty_group::EmptyGroup,
    eb203_step_out_of_sequence::StepOutOfSequence,
    eb301_unterminated_sql_string::UnterminatedSqlString,
    eb302_unterminated_sql_identifier::UnterminatedSqlIdentifier,
    eb303_unterminated_sql_comment::UnterminatedSqlComment,
    eb304_unbalanced_sql_parentheses::UnbalancedSqlParentheses,
    eb305_python_syntax_error::PythonSyntaxError,
    eb306_sql_syntax_error::SqlSyntaxError,
    eb307_console_output_in_code::ConsoleOutputInCode,
    eb401_misspelled_word::MisspelledWord,
    eb402_unknown_word::UnknownWord,
    eb501_trailing_whitespace::TrailingWhitespace,
    eb502_mixed_checkbox_case::MixedCheckboxCase,
    eb503_checkbox_spacing::CheckboxSpacing,
    eb504_mixed_note_keyword::MixedNoteKeyword,
    eb505_mixed_group_header::MixedGroupHeader,
}

pub(crate) use eb132_item_gives_away_another::giveaway_prints;
