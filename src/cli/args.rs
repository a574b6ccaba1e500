//! Argument declarations only (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::exit::EXIT_CODES;

/// Check Markdown course notes written as quizzes, and build exam banks from them.
#[derive(Debug, Parser)]
#[command(name = "exambank", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check notes files and report every problem with its file, line and column.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Build exam banks from the notes (nothing is written while an error remains).
    #[command(after_help = EXIT_CODES)]
    Build(BuildArgs),
    /// List every rule with its code, name, default severity and summary.
    Rules(RulesArgs),
    /// Print the documentation of a rule.
    Explain(ExplainArgs),
    /// Show the configuration that applies to a path.
    Config(ConfigArgs),
    /// Print a completion script for a shell.
    Completions(CompletionsArgs),
    /// Print a manual page (roff) for exambank or one of its subcommands.
    Man(ManArgs),
    /// Run the language server (LSP over standard input and output) that
    /// editors start: findings as you type, fixes, hovers, an outline.
    Server(ServerArgs),
}

#[derive(Debug, Args)]
pub struct ServerArgs {
    #[command(flatten)]
    pub config: ConfigFileArgs,
    /// Accepted for clients that pass it: standard input and output are the
    /// only transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct ConfigFileArgs {
    /// Use this configuration file for every file, instead of the
    /// `exambank.toml` nearest to each file (searched from its folder up).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file: default rules and severities.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or directories to read (directories are walked for `*.md`,
    /// skipping hidden folders and what `.gitignore` ignores).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub config: ConfigFileArgs,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Apply the fixes that cannot change meaning, write the files, then
    /// report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Print what --fix would change as a unified diff, and write nothing.
    #[arg(long)]
    pub diff: bool,
    /// With --fix or --diff, also apply the fixes that change words learners
    /// read (spelling corrections, a repeated option text removed).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Make these findings fail the run too (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LEVEL")]
    pub deny: Vec<DenyLevel>,
    /// Exit 0 whatever the findings (2 still reports a failure to run).
    #[arg(long)]
    pub exit_zero: bool,
    /// Read the notes from standard input (give `-` as the path) and report
    /// them as this file, with its configuration. With --fix, the fixed
    /// text goes to standard output and the report to standard error.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A report per finding with the source excerpt, then a summary line.
    Human,
    /// One line per finding: `path:line:col: severity[CODE] message`.
    Concise,
    /// A JSON array, one object per finding.
    Json,
    /// A SARIF 2.1.0 log (code scanning, IDEs).
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DenyLevel {
    /// Warning findings fail the run.
    Warnings,
    /// Style findings fail the run.
    Style,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub config: ConfigFileArgs,
    /// Targets, comma-separated: json, qti21, qti30, qti12 (Canvas), moodle
    /// (Moodle XML), gift, html (a preview). With several, --out is a
    /// directory that receives one output per target.
    #[arg(long, value_delimiter = ',', required = true)]
    pub to: Vec<String>,
    /// Output file (`-` for standard output, single-file targets only), or a
    /// directory when several targets are built.
    #[arg(long)]
    pub out: PathBuf,
    /// Build the items without errors and list each skipped exercise.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Scoring of multiple-answer questions.
    #[arg(long, value_enum, default_value_t = Scoring::AllOrNothing)]
    pub scoring: Scoring,
    /// What the qti12 target makes of each course.
    #[arg(long, value_enum, default_value_t = Qti12As::Bank)]
    pub qti12_as: Qti12As,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Qti12As {
    /// A Canvas question bank (`<objectbank>`).
    Bank,
    /// A Canvas quiz (`<assessment>`).
    Quiz,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scoring {
    /// Full credit only for exactly the correct set of options.
    AllOrNothing,
    /// Credit per correct option, taken away per wrong one, never below 0.
    Partial,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Print the list as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code (`EB102`) or name (`no-correct-option`).
    pub rule: String,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the configuration in effect, every rule and option spelled out.
    #[arg(long, required = true)]
    pub show: bool,
    /// The file or folder whose configuration to show.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    #[command(flatten)]
    pub config: ConfigFileArgs,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The subcommand whose page to print (`check` prints exambank-check(1)).
    pub command: Option<String>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
