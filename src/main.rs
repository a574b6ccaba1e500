//! The `exambank` binary: the command line over the library (`src/cli/`).

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
