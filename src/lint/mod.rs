//! Lint: named rules that judge a parsed file.
//!
//! Rules read the AST: what the author wrote, with the surface facts the
//! parser read once (each exercise's prompt, stems and notes, correct-option
//! counts, fence languages, suppression comments). They never re-parse the
//! notes, do no I/O and never print. Findings are data: line and column are
//! computed by the renderers ([`report`] renders one as a reader sees it).
//!
//! The flow of one file: [`check_file`] runs every enabled rule of
//! [`RULES`] over a [`LintContext`] (the file, its AST and line index, the
//! configured [`RuleOptions`]), re-levels the findings as configured, drops
//! those an inline comment suppresses, and sorts them. Rules that judge the
//! whole run ([`Rule::bank_state`]) then see each file's summary in path
//! order ([`bank`]). The pipeline (`crate::pipeline`) drops the items an
//! error lies in when it assembles the bank.
//!
//! # How to add a rule
//!
//! 1. Write `rules/ebNNN_rule_name.rs` (copy a rule of the same family):
//!    `declare_rule!` with the docs (`## What it does`, `## Why is this
//!    bad?`, `## Example`, `Use instead:`, and `## Options` when it has
//!    some), the code, name and default severity, and flags (`fixable`,
//!    `unsafe_fix`, `off_by_default`); then `impl Rule` with `check`. The
//!    macro implements [`Declared`] (the metadata): `impl Rule` holds no
//!    `fn meta`.
//! 2. Options, if any: a struct with `#[derive(Serialize, Deserialize)]`
//!    and `#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]`,
//!    its `Default` the defaults, named in the macro with
//!    `options = NameOptions`; `check` reads `Self::options(cx)`. Nothing
//!    else reads or checks them: `exambank.toml` is read into the struct by
//!    serde, with errors pointing at the key or value, and `config --show`
//!    prints it.
//! 3. One line in the list of `rules/mod.rs`, in code order:
//!    `ebNNN_rule_name::RuleName,` (it declares the module too).
//! 4. `tests/fixtures/rules/EBNNN/bad.md` (the rule fires) and `good.md`
//!    (near misses it leaves alone), and the row of the README's rule
//!    table. Then `cargo insta review` accepts the new snapshots (the bad
//!    fixture's findings as a reader sees them, and the listings that name
//!    every rule: `config --show`, SARIF) after reading them.

pub mod bank;
mod code;
mod context;
mod finding;
pub mod fix;
pub mod options;
pub mod precision;
pub mod prose;
mod quantity;
pub mod registry;
pub mod report;
pub mod rules;
mod spelling;
mod suppress;
pub mod text;
mod wording;
mod words;

pub use code::{CodeProblem, CodeProblemKind};
pub use context::LintContext;
pub use finding::{Applicability, Finding, Fix, Related, Severity};
pub use options::{OptionsSchema, RuleOptions};
pub use registry::{RULES, find_rule};

/// What a rule is: its code, name, default severity and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// `EB` and three digits; never reused or renumbered.
    pub code: &'static str,
    /// Kebab-case name of the problem the rule finds.
    pub name: &'static str,
    pub severity: Severity,
    /// The rule's doc comment: What it does / Why is this bad? / Example / Use instead.
    pub docs: &'static str,
    /// Whether the rule offers a fix that cannot change meaning.
    pub fixable: bool,
    /// Whether its fix changes words that learners read, so that `--fix`
    /// applies it only with `--unsafe-fixes`.
    pub unsafe_fix: bool,
    /// Whether the rule runs unless configuration enables it.
    pub default_enabled: bool,
    /// The rule's option struct (`[rules.<name>]` keys besides `enabled`
    /// and `severity`), if it has one.
    pub options: Option<OptionsSchema>,
}

impl RuleMeta {
    /// The docs with the one leading space of each `///` line removed.
    #[must_use]
    pub fn explanation(&self) -> String {
        self.docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The first sentence of "What it does", for listings.
    #[must_use]
    pub fn summary(&self) -> String {
        let explanation = self.explanation();
        let mut lines = explanation
            .lines()
            .skip_while(|l| !l.starts_with("## What it does"))
            .skip(1)
            .skip_while(|l| l.trim().is_empty())
            .take_while(|l| !l.trim().is_empty());
        let mut summary = lines.next().unwrap_or("").to_owned();
        for line in lines {
            summary.push(' ');
            summary.push_str(line.trim());
        }
        summary
    }
}

/// What [`declare_rule!`] implements for a rule: its metadata.
pub trait Declared {
    fn meta(&self) -> &'static RuleMeta;
}

/// A lint rule: one file under `rules/`, one line in the list of
/// `rules/mod.rs`. [`declare_rule!`] declares it; its file implements this.
pub trait Rule: Declared + Sync + Send {
    /// Judges one file.
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>);

    /// Whether the rule judges the whole run (see [`Rule::bank_state`]).
    fn checks_bank(&self) -> bool {
        false
    }

    /// For a rule that judges the whole run: a fresh state that takes the
    /// summaries of the run's files one by one, in path order, and reports
    /// the findings of each file as it comes (see [`bank`]).
    fn bank_state(&self) -> Option<Box<dyn bank::BankState>> {
        None
    }
}

/// Declares a rule struct whose `///` docs become its [`RuleMeta::docs`],
/// and implements [`Declared`] for it.
///
/// `declare_rule! { /// docs... pub(crate) Name = ("EB101", "name", Severity::Error) }`
/// with optional `, fixable`, `, unsafe_fix` (with `fixable`: applied only
/// with `--unsafe-fixes`) and `, off_by_default` after the severity, and
/// optionally `, options = NameOptions` after the parenthesis: the rule's
/// option struct (see [`options`]), which `Name::options(cx)` returns.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis $name:ident = ($code:literal, $slug:literal, $severity:expr $(, $flag:ident)* $(,)?)
        $(, options = $options:ty)? $(,)?
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $name;

        impl $name {
            pub const META: $crate::lint::RuleMeta = $crate::lint::RuleMeta {
                code: $code,
                name: $slug,
                severity: $severity,
                docs: concat!($($doc, "\n",)*),
                fixable: $crate::lint::declare_rule!(@has fixable $($flag)*),
                unsafe_fix: $crate::lint::declare_rule!(@has unsafe_fix $($flag)*),
                default_enabled: !$crate::lint::declare_rule!(@has off_by_default $($flag)*),
                options: $crate::lint::declare_rule!(@options $($options)?),
            };
        }

        impl $crate::lint::Declared for $name {
            fn meta(&self) -> &'static $crate::lint::RuleMeta {
                &Self::META
            }
        }

        $(
            impl $name {
                /// The rule's options for the file being checked: as
                /// configured, else the defaults.
                $vis fn options<'a>(
                    cx: &$crate::lint::LintContext<'a>,
                ) -> ::std::borrow::Cow<'a, $options> {
                    cx.options::<$options>($code)
                }
            }
        )?
    };
    (@options) => { None };
    (@options $options:ty) => { Some($crate::lint::OptionsSchema::of::<$options>()) };
    (@has $want:ident) => { false };
    (@has fixable fixable $($rest:ident)*) => { true };
    (@has off_by_default off_by_default $($rest:ident)*) => { true };
    (@has unsafe_fix unsafe_fix $($rest:ident)*) => { true };
    (@has $want:ident $other:ident $($rest:ident)*) => { $crate::lint::declare_rule!(@has $want $($rest)*) };
}
pub(crate) use declare_rule;

/// Which rules run and at what severity.
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    /// Codes of rules turned on beyond the defaults.
    pub enabled: Vec<&'static str>,
    /// Codes of rules turned off.
    pub disabled: Vec<&'static str>,
    /// Severity overrides by code.
    pub severity: Vec<(&'static str, Severity)>,
    /// When set, only these codes run (tests, `--select`).
    pub only: Option<Vec<&'static str>>,
    /// Rule options; rules read them through [`LintContext`].
    pub options: RuleOptions,
    /// The project's own words, which the spelling rules accept.
    pub words: Vec<String>,
    /// Which exercises become items (`coding-exercises`).
    pub items: crate::model::LowerOptions,
}

impl RuleSettings {
    #[must_use]
    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        if let Some(only) = &self.only {
            return only.contains(&meta.code);
        }
        if self.disabled.contains(&meta.code) {
            return false;
        }
        meta.default_enabled || self.enabled.contains(&meta.code)
    }

    #[must_use]
    pub fn severity_of(&self, meta: &RuleMeta) -> Severity {
        self.severity
            .iter()
            .rev()
            .find(|(code, _)| *code == meta.code)
            .map_or(meta.severity, |(_, s)| *s)
    }
}

/// Runs every enabled rule on one file, then applies the file's inline
/// suppressions; findings come back sorted.
#[must_use]
pub fn check_file(cx: &LintContext<'_>, settings: &RuleSettings) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in RULES {
        let meta = rule.meta();
        if !settings.is_enabled(meta) {
            continue;
        }
        let start = findings.len();
        rule.check(cx, &mut findings);
        let severity = settings.severity_of(meta);
        for finding in &mut findings[start..] {
            finding.severity = severity;
        }
    }
    suppress::apply(cx, settings, &mut findings);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}
