//! Argument declarations only (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "Exit status:
  0  no error-severity finding (warnings and style findings do not fail the run)
  1  at least one error-severity finding (build: nothing was written)
  2  the tool could not do its job: bad usage, an unreadable or non-UTF-8 file, a write failure";

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
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A report per finding with the source excerpt, then a summary line.
    Human,
    /// A JSON array, one object per finding.
    Json,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
