//! Rule options: what a rule declares it reads, and what configuration set.
//!
//! A rule lists its options in [`super::Rule::options`]; configuration is
//! checked against that list, and the rule reads the values through
//! [`super::LintContext`]'s `option_*` accessors, which fall back to the
//! declared default. Nothing here reads files.

use std::collections::BTreeMap;

use serde::Serialize;

/// An option a rule reads, with its default.
#[derive(Debug, Clone, Copy)]
pub struct RuleOption {
    /// Kebab-case, as written in `[rules.<rule>]`.
    pub name: &'static str,
    /// One sentence for `exambank config --show` and the docs.
    pub doc: &'static str,
    pub default: OptionDefault,
}

/// The type and default of an option.
#[derive(Debug, Clone, Copy)]
pub enum OptionDefault {
    Bool(bool),
    Integer(i64),
    /// A string; when `choices` is not empty, one of them.
    Str {
        value: &'static str,
        choices: &'static [&'static str],
    },
    /// A list of strings, empty by default.
    List,
}

impl OptionDefault {
    /// The default as a value.
    #[must_use]
    pub fn value(self) -> OptionValue {
        match self {
            Self::Bool(b) => OptionValue::Bool(b),
            Self::Integer(i) => OptionValue::Integer(i),
            Self::Str { value, .. } => OptionValue::Str(value.to_owned()),
            Self::List => OptionValue::List(Vec::new()),
        }
    }

    /// What a value must look like, for error messages (`"lower" or "upper"`).
    #[must_use]
    pub fn expected(self) -> String {
        match self {
            Self::Bool(_) => "true or false".to_owned(),
            Self::Integer(_) => "an integer".to_owned(),
            Self::Str { choices: [], .. } => "a string".to_owned(),
            Self::Str { choices, .. } => choices
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(" or "),
            Self::List => "a list of strings".to_owned(),
        }
    }

    /// Whether `value` has this option's type (and is one of its choices).
    #[must_use]
    pub fn accepts(self, value: &OptionValue) -> bool {
        match (self, value) {
            (Self::Bool(_), OptionValue::Bool(_))
            | (Self::Integer(_), OptionValue::Integer(_))
            | (Self::List, OptionValue::List(_)) => true,
            (Self::Str { choices, .. }, OptionValue::Str(s)) => {
                choices.is_empty() || choices.contains(&s.as_str())
            }
            _ => false,
        }
    }
}

/// A configured option value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum OptionValue {
    Bool(bool),
    Integer(i64),
    Str(String),
    List(Vec<String>),
}

/// Configured option values: rule code -> option name -> value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleOptions {
    values: BTreeMap<&'static str, BTreeMap<&'static str, OptionValue>>,
}

impl RuleOptions {
    /// Sets an option of the rule with `code`.
    pub fn set(&mut self, code: &'static str, name: &'static str, value: OptionValue) {
        self.values.entry(code).or_default().insert(name, value);
    }

    /// The configured value, if any (no default).
    #[must_use]
    pub fn get(&self, code: &str, name: &str) -> Option<&OptionValue> {
        self.values.get(code)?.get(name)
    }
}

/// The option `name` that the rule with `code` declares.
#[must_use]
pub fn declared(code: &str, name: &str) -> Option<RuleOption> {
    super::RULES
        .iter()
        .find(|r| r.meta().code == code)?
        .options()
        .iter()
        .find(|o| o.name == name)
        .copied()
}
