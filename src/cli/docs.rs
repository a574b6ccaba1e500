//! `exambank completions SHELL` and `exambank man [COMMAND]`: generated
//! from the clap definition, so they cannot drift from it.

use std::io::Write as _;

use clap::CommandFactory as _;

use super::args::{Cli, CompletionsArgs, ManArgs};
use super::exit;

pub fn completions(args: &CompletionsArgs) -> u8 {
    let mut command = Cli::command();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    clap_complete::generate(args.shell, &mut command, "exambank", &mut out);
    if out.flush().is_err() {
        exit::FAILURE
    } else {
        exit::CLEAN
    }
}

pub fn man(args: &ManArgs) -> u8 {
    let page = match &args.command {
        None => page(None),
        Some(name) => match page(Some(name)) {
            Some(page) => Some(page),
            None => {
                let names: Vec<String> = Cli::command()
                    .get_subcommands()
                    .map(|c| c.get_name().to_owned())
                    .collect();
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "error: no subcommand `{name}`; pages: {}",
                    names.join(", ")
                );
                return exit::FAILURE;
            }
        },
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = out
        .write_all(page.unwrap_or_default().as_bytes())
        .and_then(|()| out.flush());
    if written.is_err() {
        exit::FAILURE
    } else {
        exit::CLEAN
    }
}

/// The roff page of exambank (`None`) or of one subcommand (`exambank-check`).
#[must_use]
pub fn page(subcommand: Option<&str>) -> Option<String> {
    let cli = Cli::command();
    let command = match subcommand {
        None => cli,
        Some(name) => {
            let version = cli.get_version().unwrap_or_default().to_owned();
            cli.find_subcommand(name)?
                .clone()
                .name(format!("exambank-{name}"))
                .version(version)
        }
    };
    let mut bytes = Vec::new();
    clap_mangen::Man::new(command).render(&mut bytes).ok()?;
    String::from_utf8(bytes).ok()
}
