//! Rule options: each rule that has some declares a struct of them, which
//! serde reads from the rule's `[rules.<rule>]` table of `exambank.toml`.
//!
//! ```text
//! /// The options of `trailing-whitespace`.
//! #[derive(Debug, Clone, Serialize, Deserialize)]
//! #[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
//! pub(crate) struct TrailingWhitespaceOptions {
//!     /// Leave the trailing spaces of a Markdown line break.
//!     pub allow_hard_breaks: bool,
//! }
//! ```
//!
//! `declare_rule!` names the struct (`options = TrailingWhitespaceOptions`)
//! in the rule's [`RuleMeta::options`](super::RuleMeta::options), and gives
//! the rule `Self::options(cx)`: the struct as configured for the file, else
//! its `Default`. The configuration reads each key on its own, so that an
//! error points at the key or value at fault. Nothing here reads files.

use std::any::Any;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::RuleMeta;

/// A rule's option struct, with its type erased: how to read it from a
/// table and show it as one (the rule list holds rules of every type).
#[derive(Clone, Copy)]
pub struct OptionsSchema {
    read: fn(toml::Table) -> Result<Arc<dyn Any + Send + Sync>, toml::de::Error>,
    /// The options as a table: those given, or the defaults.
    table: fn(Option<&(dyn Any + Send + Sync)>) -> toml::Table,
}

impl fmt::Debug for OptionsSchema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OptionsSchema")
            .field("defaults", &self.defaults())
            .finish()
    }
}

impl OptionsSchema {
    /// The schema of option struct `T`: its `Default` is what a rule reads
    /// when nothing is configured.
    #[must_use]
    pub const fn of<T>() -> Self
    where
        T: Serialize + DeserializeOwned + Default + Send + Sync + 'static,
    {
        Self {
            read: read::<T>,
            table: table::<T>,
        }
    }

    /// Every option with its default, in declaration order.
    #[must_use]
    pub fn defaults(&self) -> toml::Table {
        (self.table)(None)
    }

    /// Whether the struct has an option of this (kebab-case) name.
    #[must_use]
    pub fn has(&self, name: &str) -> bool {
        self.defaults().contains_key(name)
    }

    /// Reads a table of options (any subset of them).
    ///
    /// # Errors
    /// serde's error for an unknown key or a value of the wrong type.
    pub fn read(&self, table: toml::Table) -> Result<Options, toml::de::Error> {
        Ok(Options {
            schema: *self,
            value: (self.read)(table)?,
        })
    }

    /// What a value of option `name` must look like, for error messages
    /// (`true or false`, `"lower" or "upper"`), from its default and the
    /// error serde gave for a wrong one.
    #[must_use]
    pub fn expected(&self, name: &str, error: &toml::de::Error) -> String {
        let choices = variants(error.message());
        if !choices.is_empty() {
            return choices
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(" or ");
        }
        match self.defaults().get(name) {
            Some(toml::Value::Boolean(_)) => "true or false".to_owned(),
            Some(toml::Value::Integer(_)) => "an integer".to_owned(),
            Some(toml::Value::Float(_)) => "a number".to_owned(),
            Some(toml::Value::String(_)) => "a string".to_owned(),
            Some(toml::Value::Array(_)) => "a list of strings".to_owned(),
            _ => error.message().trim_end().to_owned(),
        }
    }
}

fn read<T>(table: toml::Table) -> Result<Arc<dyn Any + Send + Sync>, toml::de::Error>
where
    T: DeserializeOwned + Send + Sync + 'static,
{
    let options: T = toml::Value::Table(table).try_into()?;
    Ok(Arc::new(options))
}

fn table<T>(value: Option<&(dyn Any + Send + Sync)>) -> toml::Table
where
    T: Serialize + Default + 'static,
{
    let default;
    let value = match value.and_then(|v| v.downcast_ref::<T>()) {
        Some(value) => value,
        None => {
            default = T::default();
            &default
        }
    };
    match toml::Value::try_from(value) {
        Ok(toml::Value::Table(table)) => table,
        // An option struct is a struct: it serializes to a table.
        _ => toml::Table::new(),
    }
}

/// The choices serde names for an unknown enum variant
/// (``unknown variant `x`, expected `a` or `b` ``), else none.
pub(crate) fn variants(message: &str) -> Vec<&str> {
    let Some(rest) = message.strip_prefix("unknown variant `") else {
        return Vec::new();
    };
    let Some((_, expected)) = rest.split_once(", expected ") else {
        return Vec::new();
    };
    expected.split('`').skip(1).step_by(2).collect()
}

/// One rule's options as read, with their type erased.
#[derive(Clone)]
pub struct Options {
    schema: OptionsSchema,
    value: Arc<dyn Any + Send + Sync>,
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.table()).finish()
    }
}

impl Options {
    /// Every option with its value, the defaults included.
    #[must_use]
    pub fn table(&self) -> toml::Table {
        (self.schema.table)(Some(&*self.value))
    }
}

/// The options configured for each rule, by code; a rule with none
/// configured reads its defaults.
#[derive(Debug, Clone, Default)]
pub struct RuleOptions {
    values: BTreeMap<&'static str, Options>,
}

impl RuleOptions {
    /// Sets the options of a rule.
    pub fn set(&mut self, meta: &'static RuleMeta, options: Options) {
        self.values.insert(meta.code, options);
    }

    /// The options configured for the rule with `code`, if any and if they
    /// are of type `T`.
    #[must_use]
    pub fn get<T: 'static>(&self, code: &str) -> Option<&T> {
        self.values.get(code)?.value.downcast_ref()
    }

    /// Every option of a rule with its value in effect, in declaration
    /// order; empty for a rule without options.
    #[must_use]
    pub fn table(&self, meta: &RuleMeta) -> toml::Table {
        match (self.values.get(meta.code), &meta.options) {
            (Some(options), _) => options.table(),
            (None, Some(schema)) => schema.defaults(),
            (None, None) => toml::Table::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::variants;

    #[test]
    fn unknown_variants_name_the_choices() {
        assert_eq!(
            variants("unknown variant `up`, expected `lower` or `upper`"),
            ["lower", "upper"]
        );
        assert_eq!(
            variants("unknown variant `x`, expected one of `a`, `b`, `c`"),
            ["a", "b", "c"]
        );
        assert!(variants("invalid type: string \"no\", expected a boolean").is_empty());
    }
}
