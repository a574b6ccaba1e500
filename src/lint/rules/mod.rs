//! One file per rule, named `ebNNN_rule_name.rs`.

mod code_rules;
pub(crate) mod eb001_unclosed_fence;
pub(crate) mod eb002_empty_section;
pub(crate) mod eb003_duplicate_heading;
pub(crate) mod eb004_chapter_out_of_sequence;
pub(crate) mod eb006_unused_suppression;
pub(crate) mod eb007_invalid_suppression;
pub(crate) mod eb101_malformed_checkbox;
pub(crate) mod eb102_no_correct_option;
pub(crate) mod eb103_single_option;
pub(crate) mod eb201_too_few_groups;
pub(crate) mod eb202_empty_group;
pub(crate) mod eb203_step_out_of_sequence;
pub(crate) mod eb301_unterminated_sql_string;
pub(crate) mod eb302_unterminated_sql_identifier;
pub(crate) mod eb303_unterminated_sql_comment;
pub(crate) mod eb304_unbalanced_sql_parentheses;
pub(crate) mod eb305_python_syntax_error;
pub(crate) mod eb501_trailing_whitespace;
