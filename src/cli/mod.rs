//! The command line: argument parsing, file I/O, parallelism, printing and
//! exit codes. Part of the binary alone: business logic lives in the
//! library, which knows nothing of this module.
//!
//! Imports run one way: `main` -> the commands (`check`, `build`,
//! `rules_cmd`, `config_files::show`, `docs`) -> what they share
//! (`config_files`, `files`, `write`, `format`, `tally`) -> the leaves
//! (`args`, `exit`, `terminal`, `interrupt`).

mod args;
mod build;
mod build_package;
mod build_stream;
mod check;
mod config_files;
mod docs;
mod exit;
mod files;
mod format;
mod interrupt;
mod rules_cmd;
mod server;
mod tally;
mod terminal;
mod write;

use args::Cli;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

/// Runs the command line and returns the process exit code.
#[must_use]
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                exit::FAILURE
            } else {
                exit::CLEAN
            };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        args::Command::Check(args) => check::run(&args),
        args::Command::Build(args) => build::run(&args),
        args::Command::Rules(args) => rules_cmd::list(&args),
        args::Command::Explain(args) => rules_cmd::explain(&args),
        args::Command::Config(args) => config_files::show(&args),
        args::Command::Completions(args) => docs::completions(&args),
        args::Command::Man(args) => docs::man(&args),
        args::Command::Server(args) => server::run(&args),
    };
    let _ = std::io::stdout().flush();
    ExitCode::from(code)
}
