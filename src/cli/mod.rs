//! The command line: argument parsing, file I/O, parallelism, printing and
//! exit codes. Business logic lives in the library modules.

mod args;
mod build;
mod check;
mod config_files;
mod docs;
mod files;
mod interrupt;
mod render;
mod rules_cmd;
mod sarif;
mod server;
mod write;

pub use args::Cli;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

/// Exit codes: 0 clean, 1 findings that fail the run, 2 the tool could not do its job.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const FAILURE: u8 = 2;
}

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
