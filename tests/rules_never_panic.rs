//! Every rule, the cross-file pass included, on arbitrary notes-like text:
//! findings or none, never a panic, and every span and fix inside the text
//! on character boundaries.

use exambank::lint::RULES;
use exambank::pipeline::check_text;
use proptest::prelude::*;

/// Lines that exercise the grammar's corners, mixed with arbitrary text.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("```".to_owned()),
        Just("# 1. Chapter".to_owned()),
        Just("## Exercise".to_owned()),
        Just("### Group".to_owned()),
        Just("Group:".to_owned()),
        Just("NOTE: So, the correct answers are:".to_owned()),
        Just("Which of the following is true? Select two.".to_owned()),
        Just("[x]A: A: Correct.".to_owned()),
        Just("[X] All of the above - This can be true in some cases".to_owned()),
        Just("[ ]definately `code` {{p}} <x-y> https://a.b/c - Not true".to_owned()),
        Just("[]é - ü: ß".to_owned()),
        Just("1. Step: Explanation".to_owned()),
        "[ -~]{0,30}",
        "\\PC{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn rules_never_panic(lines in prop::collection::vec(line(), 0..30)) {
        let text = lines.join("\n");
        let codes: Vec<&'static str> = RULES.iter().map(|r| r.meta().code).collect();
        let checked = check_text("any.md", &text, &codes);
        for f in &checked.findings {
            prop_assert!(f.span.end <= text.len() && text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end), "{f:?}");
            if let Some(fix) = &f.fix {
                prop_assert!(fix.span.end <= text.len() && text.is_char_boundary(fix.span.start) && text.is_char_boundary(fix.span.end), "{f:?}");
            }
        }
    }
}
