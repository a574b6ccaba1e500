//! `exambank.toml`: which rules run, at what severity, with what options, on
//! which files. Parsed from text (the binary finds and reads the file), and
//! checked whole: an unknown key or rule is an error naming the line, with a
//! "did you mean" when a known word is close.
//!
//! ```toml
//! exclude = ["drafts/**"]            # globs, relative to this file's folder
//! deny = ["warnings"]                # warnings (and/or style) fail the run too
//! disable = ["single-option"]        # by code, name, code prefix (EB1) or "all"
//! enable = ["EB5"]                   # turns rules on, off-by-default ones included
//! coding-exercises = false           # solution-only code fences make no items
//!
//! [per-file-ignores]
//! "archive/*.md" = ["EB102"]
//!
//! [rules.trailing-whitespace]
//! severity = "warning"               # re-level (error, warning, style)
//! allow-hard-breaks = false          # an option the rule declares
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobMatcher};
use miette::{NamedSource, SourceSpan};
use serde::Deserialize;
use toml::Spanned;

use crate::lint::options;
use crate::lint::{RULES, RuleMeta, RuleSettings, Severity, find_rule};
use crate::source::LineIndex;
use crate::suggest::did_you_mean;

/// The file name looked for in each folder from a checked file upwards.
pub const FILE_NAME: &str = "exambank.toml";

/// The keys of the top-level table (kept beside [`RawConfig`]).
const TOP_KEYS: &[&str] = &[
    "exclude",
    "deny",
    "select",
    "enable",
    "disable",
    "per-file-ignores",
    "coding-exercises",
    "rules",
];

/// The keys every `[rules.<rule>]` table has, besides the rule's options.
const RULE_KEYS: &[&str] = &["enabled", "severity"];

/// What `deny` may name: severities that fail the run besides errors.
const DENY_LEVELS: &[(&str, Severity)] =
    &[("warnings", Severity::Warning), ("style", Severity::Style)];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    deny: Vec<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    enable: Vec<Spanned<String>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    coding_exercises: Option<bool>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
}

/// A configuration that cannot be used, with where and why.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{path}:{line}:{column}: {message}")]
#[diagnostic(code(exambank::config))]
pub struct ConfigError {
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
    #[help]
    pub help: Option<String>,
    /// Shared: the error stays small (it travels in every `Result`).
    #[source_code]
    source_code: Arc<NamedSource<String>>,
    #[label("here")]
    span: SourceSpan,
}

/// A glob from the configuration, matched against paths relative to the
/// configuration's folder.
#[derive(Debug, Clone)]
pub struct PathPattern {
    /// As written.
    pub text: String,
    matcher: GlobMatcher,
    /// A pattern with a `/` matches from the folder; one without matches
    /// any file or folder name (as in `.gitignore`).
    anchored: bool,
}

impl PathPattern {
    fn new(text: &str) -> Result<Self, globset::Error> {
        let trimmed = text.trim_start_matches("./").trim_end_matches('/');
        let matcher = GlobBuilder::new(trimmed)
            .literal_separator(true)
            .build()?
            .compile_matcher();
        Ok(Self {
            text: text.to_owned(),
            matcher,
            anchored: trimmed.contains('/'),
        })
    }

    /// Whether `relative` (a file path below the configuration's folder),
    /// or a folder above it, matches.
    #[must_use]
    pub fn matches(&self, relative: &Path) -> bool {
        relative
            .ancestors()
            .filter(|p| !p.as_os_str().is_empty())
            .any(|p| {
                if self.anchored {
                    self.matcher.is_match(p)
                } else {
                    p.file_name()
                        .is_some_and(|name| self.matcher.is_match(name))
                }
            })
    }
}

/// A checked configuration, ready to use.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from; `None` for the defaults.
    pub path: Option<PathBuf>,
    pub exclude: Vec<PathPattern>,
    /// Severities that fail the run besides errors.
    pub deny: Vec<Severity>,
    /// The rules and options for every file.
    pub settings: RuleSettings,
    /// Rules turned off for the files a pattern matches.
    pub per_file_ignores: Vec<(PathPattern, Vec<&'static RuleMeta>)>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            path: None,
            exclude: Vec::new(),
            deny: Vec::new(),
            settings: RuleSettings {
                only: Some(
                    RULES
                        .iter()
                        .map(|r| r.meta())
                        .filter(|m| m.default_enabled)
                        .map(|m| m.code)
                        .collect(),
                ),
                ..RuleSettings::default()
            },
            per_file_ignores: Vec::new(),
        }
    }
}

impl Config {
    /// Parses and checks the text of a configuration file.
    ///
    /// # Errors
    /// A syntax error, an unknown key or rule, or a value of the wrong kind,
    /// with the line and column in `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let located = Located { path, text };
        let raw: RawConfig = toml::from_str(text).map_err(|e| located.toml_error(&e))?;
        let mut config = Self {
            path: Some(path.to_owned()),
            ..Self::default()
        };

        for pattern in &raw.exclude {
            config.exclude.push(located.pattern(pattern)?);
        }
        for level in &raw.deny {
            let Some(&(_, severity)) = DENY_LEVELS
                .iter()
                .find(|(name, _)| *name == level.get_ref())
            else {
                let names = DENY_LEVELS.iter().map(|(n, _)| *n);
                return Err(located.error(
                    level.span(),
                    format!(
                        "`deny` takes \"warnings\" or \"style\", not \"{}\"",
                        level.get_ref()
                    ),
                    did_you_mean(level.get_ref(), names).map(|n| format!("did you mean \"{n}\"?")),
                ));
            };
            if !config.deny.contains(&severity) {
                config.deny.push(severity);
            }
        }

        let mut enabled: Vec<&'static str> = match &raw.select {
            Some(select) => {
                let mut codes = Vec::new();
                for selector in select {
                    codes.extend(located.select(selector)?.into_iter().map(|m| m.code));
                }
                codes
            }
            None => config.settings.only.take().unwrap_or_default(),
        };
        for selector in &raw.enable {
            enabled.extend(located.select(selector)?.into_iter().map(|m| m.code));
        }
        for selector in &raw.disable {
            let off = located.select(selector)?;
            enabled.retain(|code| !off.iter().any(|m| m.code == *code));
        }

        if let Some(coding_exercises) = raw.coding_exercises {
            config.settings.items.coding_exercises = coding_exercises;
        }

        for (pattern, selectors) in &raw.per_file_ignores {
            let pattern = located.pattern(pattern)?;
            let mut rules = Vec::new();
            for selector in selectors {
                rules.extend(located.select(selector)?);
            }
            config.per_file_ignores.push((pattern, rules));
        }

        for (rule, table) in &raw.rules {
            let meta = located.rule(rule)?;
            let mut options = toml::Table::new();
            for (key, value) in table {
                match key.get_ref().as_str() {
                    "enabled" => match value.get_ref() {
                        toml::Value::Boolean(true) => enabled.push(meta.code),
                        toml::Value::Boolean(false) => enabled.retain(|c| *c != meta.code),
                        _ => {
                            return Err(located.error(
                                value.span(),
                                "`enabled` takes true or false".to_owned(),
                                None,
                            ));
                        }
                    },
                    "severity" => {
                        let severity = value
                            .get_ref()
                            .as_str()
                            .and_then(Severity::parse)
                            .ok_or_else(|| {
                                located.error(
                                    value.span(),
                                    "`severity` takes \"error\", \"warning\" or \"style\""
                                        .to_owned(),
                                    value
                                        .get_ref()
                                        .as_str()
                                        .and_then(|s| {
                                            did_you_mean(s, ["error", "warning", "style"])
                                        })
                                        .map(|s| format!("did you mean \"{s}\"?")),
                                )
                            })?;
                        config.settings.severity.push((meta.code, severity));
                    }
                    name => {
                        located.option(meta, key, value)?;
                        options.insert(name.to_owned(), value.get_ref().clone());
                    }
                }
            }
            if let Some(schema) = &meta.options
                && !options.is_empty()
            {
                // Each key was read on its own above: together they read.
                let read = schema
                    .read(options)
                    .map_err(|e| located.error(rule.span(), e.message().to_owned(), None))?;
                config.settings.options.set(meta, read);
            }
        }

        // Keep registry order and no repeats: the list is shown by `config --show`.
        config.settings.only = Some(
            RULES
                .iter()
                .map(|r| r.meta().code)
                .filter(|code| enabled.contains(code))
                .collect(),
        );
        Ok(config)
    }

    /// The folder that the configuration's globs are relative to.
    #[must_use]
    pub fn root(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    /// Whether a file (relative to [`Config::root`]) is excluded.
    #[must_use]
    pub fn is_excluded(&self, relative: &Path) -> bool {
        self.exclude.iter().any(|p| p.matches(relative))
    }

    /// The rule settings for one file (relative to [`Config::root`]).
    #[must_use]
    pub fn settings_for(&self, relative: &Path) -> RuleSettings {
        let mut settings = self.settings.clone();
        for (pattern, rules) in &self.per_file_ignores {
            if !pattern.matches(relative) {
                continue;
            }
            if let Some(only) = &mut settings.only {
                only.retain(|code| !rules.iter().any(|m| m.code == *code));
            }
            settings.disabled.extend(rules.iter().map(|m| m.code));
        }
        settings
    }

    /// Whether findings of `severity` fail the run.
    #[must_use]
    pub fn fails_on(&self, severity: Severity) -> bool {
        severity == Severity::Error || self.deny.contains(&severity)
    }

    /// The configuration as an `exambank.toml` that says everything
    /// explicitly: every rule with its state, severity and options.
    #[must_use]
    pub fn effective_toml(&self) -> String {
        let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
        let list = |items: Vec<String>| format!("[{}]", items.join(", "));
        let mut out = String::new();
        let _ = writeln!(
            out,
            "exclude = {}",
            list(self.exclude.iter().map(|p| quote(&p.text)).collect())
        );
        let _ = writeln!(
            out,
            "deny = {}",
            list(
                DENY_LEVELS
                    .iter()
                    .filter(|(_, s)| self.deny.contains(s))
                    .map(|(n, _)| quote(n))
                    .collect()
            )
        );
        let _ = writeln!(
            out,
            "coding-exercises = {}",
            self.settings.items.coding_exercises
        );
        out.push_str("\n[per-file-ignores]\n");
        for (pattern, rules) in &self.per_file_ignores {
            let _ = writeln!(
                out,
                "{} = {}",
                quote(&pattern.text),
                list(rules.iter().map(|m| quote(m.code)).collect())
            );
        }
        for rule in RULES {
            let meta = rule.meta();
            let _ = writeln!(out, "\n[rules.{}] # {}", meta.name, meta.code);
            let _ = writeln!(out, "enabled = {}", self.settings.is_enabled(meta));
            let _ = writeln!(
                out,
                "severity = {}",
                quote(self.settings.severity_of(meta).as_str())
            );
            for (name, value) in self.settings.options.table(meta) {
                let _ = writeln!(out, "{name} = {value}");
            }
        }
        out
    }
}

/// A configuration text with its path, for errors that point into it.
struct Located<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Located<'_> {
    fn error(
        &self,
        span: std::ops::Range<usize>,
        message: String,
        help: Option<String>,
    ) -> ConfigError {
        let start = span.start.min(self.text.len());
        let position = LineIndex::new(self.text).line_col(self.text, start);
        let path = self.path.display().to_string();
        ConfigError {
            line: position.line,
            column: position.column,
            message,
            help,
            source_code: Arc::new(NamedSource::new(path.clone(), self.text.to_owned())),
            span: SourceSpan::new(
                start.into(),
                span.end.min(self.text.len()).saturating_sub(start),
            ),
            path,
        }
    }

    /// A serde/toml error, with a suggestion for an unknown key.
    fn toml_error(&self, error: &toml::de::Error) -> ConfigError {
        let message = error.message().trim_end_matches('\n').to_owned();
        let help = unknown_field(&message).and_then(|(field, expected)| {
            let candidates = if expected.is_empty() {
                TOP_KEYS.to_vec()
            } else {
                expected
            };
            did_you_mean(&field, candidates).map(|close| format!("did you mean `{close}`?"))
        });
        self.error(error.span().unwrap_or(0..0), message, help)
    }

    /// Checks one option of a rule's table: a key its option struct has,
    /// with a value serde reads (each key is read alone, so that the error
    /// points at it).
    fn option(
        &self,
        meta: &RuleMeta,
        key: &Spanned<String>,
        value: &Spanned<toml::Value>,
    ) -> Result<(), ConfigError> {
        let name = key.get_ref().as_str();
        let schema = meta.options.filter(|s| s.has(name));
        let Some(schema) = schema else {
            let options: Vec<String> = meta
                .options
                .map(|s| s.defaults().keys().cloned().collect())
                .unwrap_or_default();
            let known = RULE_KEYS
                .iter()
                .copied()
                .chain(options.iter().map(String::as_str));
            let listed: Vec<String> = known.clone().map(|k| format!("`{k}`")).collect();
            return Err(self.error(
                key.span(),
                format!(
                    "unknown key `{name}` for rule `{}` ({})",
                    meta.name, meta.code
                ),
                Some(match did_you_mean(name, known) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("known keys: {}", listed.join(", ")),
                }),
            ));
        };
        let mut alone = toml::Table::new();
        alone.insert(name.to_owned(), value.get_ref().clone());
        let Err(error) = schema.read(alone) else {
            return Ok(());
        };
        let help = value.get_ref().as_str().and_then(|given| {
            did_you_mean(given, options::variants(error.message()))
                .map(|c| format!("did you mean \"{c}\"?"))
        });
        Err(self.error(
            value.span(),
            format!("`{name}` takes {}", schema.expected(name, &error)),
            help,
        ))
    }

    fn pattern(&self, pattern: &Spanned<String>) -> Result<PathPattern, ConfigError> {
        PathPattern::new(pattern.get_ref()).map_err(|e| {
            self.error(
                pattern.span(),
                format!("bad glob `{}`: {}", pattern.get_ref(), e.kind()),
                None,
            )
        })
    }

    /// One rule by code or name (a `[rules.<rule>]` key).
    fn rule(&self, name: &Spanned<String>) -> Result<&'static RuleMeta, ConfigError> {
        find_rule(name.get_ref()).ok_or_else(|| self.unknown_rule(name))
    }

    /// The rules a selector names: a code, a name, a code prefix or `all`.
    fn select(&self, selector: &Spanned<String>) -> Result<Vec<&'static RuleMeta>, ConfigError> {
        let text = selector.get_ref();
        let rules = select(text);
        if rules.is_empty() {
            return Err(self.unknown_rule(selector));
        }
        Ok(rules)
    }

    fn unknown_rule(&self, name: &Spanned<String>) -> ConfigError {
        let known = RULES.iter().flat_map(|r| [r.meta().code, r.meta().name]);
        self.error(
            name.span(),
            format!("unknown rule `{}`", name.get_ref()),
            Some(match did_you_mean(name.get_ref(), known) {
                Some(close) => format!("did you mean `{close}`? (`exambank rules` lists every rule)"),
                None => "name a rule by code (`EB102`) or name (`no-correct-option`); `exambank rules` lists them".to_owned(),
            }),
        )
    }
}

/// The rules a selector names: a code or name, `all`, or a code prefix such
/// as `EB1` (every choice rule). Empty when it names none.
#[must_use]
pub fn select(selector: &str) -> Vec<&'static RuleMeta> {
    if let Some(meta) = find_rule(selector) {
        return vec![meta];
    }
    let all = RULES.iter().map(|r| r.meta());
    if selector == "all" {
        return all.collect();
    }
    let upper = selector.to_ascii_uppercase();
    let is_prefix = upper.len() >= 2
        && upper.starts_with("EB")
        && upper.len() < 5
        && upper[2..].bytes().all(|b| b.is_ascii_digit());
    if !is_prefix {
        return Vec::new();
    }
    all.filter(|m| m.code.starts_with(&upper)).collect()
}

/// `unknown field `x`, expected one of `a`, `b`` -> ("x", ["a", "b"]).
fn unknown_field(message: &str) -> Option<(String, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest.split('`').skip(1).step_by(2).collect();
    Some((field.to_owned(), expected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the text, a config is read or refused, never a panic,
        /// and a refusal points inside the file.
        #[test]
        fn any_text_is_read_or_refused(lines in prop::collection::vec(
            prop_oneof![
                Just("exclude = [\"é[\"]".to_owned()),
                Just("[rules.EB501]".to_owned()),
                Just("[rules.é]".to_owned()),
                Just("[per-file-ignores]".to_owned()),
                Just("\"*.md\" = [\"EB\", \"all\", \"EB9\"]".to_owned()),
                Just("severity = \"stylé\"".to_owned()),
                Just("allow-hard-breaks = [1]".to_owned()),
                Just("deny = [\"warnings\", \"style\"]".to_owned()),
                "[a-z=\\[\\]\" .é-]{0,12}",
            ],
            0..8,
        )) {
            let text = lines.join("\n");
            if let Err(error) = parse(&text) {
                prop_assert!(error.line >= 1 && error.line <= text.lines().count().max(1) + 1);
            }
        }
    }

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("notes/exambank.toml"), text)
    }

    fn enabled(config: &Config) -> Vec<&'static str> {
        config
            .settings
            .only
            .clone()
            .expect("a config lists its rules")
    }

    #[test]
    fn defaults_enable_the_default_rules() {
        let config = parse("").unwrap();
        let defaults: Vec<_> = RULES
            .iter()
            .filter(|r| r.meta().default_enabled)
            .map(|r| r.meta().code)
            .collect();
        assert_eq!(enabled(&config), defaults);
        assert!(config.fails_on(Severity::Error));
        assert!(!config.fails_on(Severity::Warning));
    }

    #[test]
    fn select_enable_disable_by_code_name_prefix() {
        let config = parse(
            "select = [\"EB3\"]\nenable = [\"trailing-whitespace\"]\ndisable = [\"eb303\"]\n",
        )
        .unwrap();
        assert_eq!(
            enabled(&config),
            [
                "EB301", "EB302", "EB304", "EB305", "EB306", "EB307", "EB501"
            ]
        );
        let config = parse("disable = [\"all\"]\n[rules.EB102]\nenabled = true\n").unwrap();
        assert_eq!(enabled(&config), ["EB102"]);
    }

    #[test]
    fn severity_options_deny_and_per_file_ignores() {
        let text = "deny = [\"warnings\"]\n[per-file-ignores]\n\"drafts/*.md\" = [\"no-correct-option\"]\n[rules.trailing-whitespace]\nseverity = \"warning\"\nallow-hard-breaks = false\n";
        let config = parse(text).unwrap();
        let meta = find_rule("EB501").unwrap();
        assert_eq!(config.settings.severity_of(meta), Severity::Warning);
        assert_eq!(
            config.settings.options.table(meta).get("allow-hard-breaks"),
            Some(&toml::Value::Boolean(false))
        );
        assert!(config.fails_on(Severity::Warning));
        let eb102 = find_rule("EB102").unwrap();
        assert!(
            !config
                .settings_for(Path::new("drafts/a.md"))
                .is_enabled(eb102)
        );
        assert!(
            config
                .settings_for(Path::new("drafts/deep/a.md"))
                .is_enabled(eb102)
        );
        assert!(config.settings_for(Path::new("a.md")).is_enabled(eb102));
    }

    #[test]
    fn exclude_matches_folders_and_names() {
        let config = parse("exclude = [\"drafts\", \"old/*.md\", \"*.tmp.md\"]\n").unwrap();
        assert!(config.is_excluded(Path::new("drafts/a.md")));
        assert!(config.is_excluded(Path::new("x/drafts/a.md")));
        assert!(config.is_excluded(Path::new("old/a.md")));
        assert!(!config.is_excluded(Path::new("old/new/a.md")));
        assert!(config.is_excluded(Path::new("x/b.tmp.md")));
        assert!(!config.is_excluded(Path::new("notes.md")));
    }

    #[test]
    fn unknown_keys_and_rules_name_the_line_and_a_close_word() {
        let error = parse("exclude = []\nexlude = [\"a\"]\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 1));
        assert!(error.message.contains("exlude"), "{}", error.message);
        assert_eq!(error.help.as_deref(), Some("did you mean `exclude`?"));

        let error = parse("\n\ndisable = [\"no-corect-option\"]\n").unwrap_err();
        assert_eq!((error.line, error.column), (3, 12));
        assert_eq!(error.message, "unknown rule `no-corect-option`");
        assert!(
            error
                .help
                .unwrap()
                .starts_with("did you mean `no-correct-option`?")
        );

        let error = parse("[rules.EB501]\nallow-hard-break = true\n").unwrap_err();
        assert_eq!(error.line, 2);
        assert_eq!(
            error.help.as_deref(),
            Some("did you mean `allow-hard-breaks`?")
        );

        let error = parse("[rules.EB501]\nseverity = \"warn\"\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 12));
        assert_eq!(error.help.as_deref(), Some("did you mean \"warning\"?"));

        let error = parse("[rules.EB501]\nallow-hard-breaks = \"no\"\n").unwrap_err();
        assert_eq!(error.message, "`allow-hard-breaks` takes true or false");

        let error = parse("deny = [\"warning\"]\n").unwrap_err();
        assert_eq!(error.help.as_deref(), Some("did you mean \"warnings\"?"));

        let error = parse("exclude = [\"a[\"]\n").unwrap_err();
        assert!(
            error.message.starts_with("bad glob `a[`"),
            "{}",
            error.message
        );

        let error = parse("exclude = [\n").unwrap_err();
        assert_eq!(error.path, "notes/exambank.toml");
        assert!(error.line >= 1);
    }

    #[test]
    fn the_effective_config_reads_back_as_the_same_config() {
        let text = "exclude = [\"drafts\"]\ndeny = [\"style\"]\ndisable = [\"EB3\"]\n[per-file-ignores]\n\"a/*.md\" = [\"EB102\"]\n[rules.EB501]\nseverity = \"warning\"\nallow-hard-breaks = false\n";
        let config = parse(text).unwrap();
        let shown = config.effective_toml();
        let again = parse(&shown).unwrap();
        assert_eq!(again.settings.only, config.settings.only);
        // Shown options include every default; what was set reads back, and
        // showing again gives the same text.
        let eb501 = find_rule("EB501").unwrap();
        assert_eq!(
            again.settings.options.table(eb501).get("allow-hard-breaks"),
            Some(&toml::Value::Boolean(false))
        );
        assert_eq!(again.effective_toml(), shown);
        assert_eq!(again.deny, config.deny);
        for rule in RULES {
            let meta = rule.meta();
            assert_eq!(
                again.settings.severity_of(meta),
                config.settings.severity_of(meta)
            );
        }
        assert_eq!(again.effective_toml(), shown);
    }
}
