//! Exit codes, in one place: what every command returns, and the text
//! `--help` shows about them. A signal that stops a write ends the process
//! with 128 + its number instead (see `interrupt.rs`, which calls
//! `interrupted`).

/// No finding that fails the run.
pub const CLEAN: u8 = 0;
/// At least one finding that fails the run (build: nothing was written;
/// `check --diff`: a fix would change a file).
pub const FINDINGS: u8 = 1;
/// The tool could not do its job.
pub const FAILURE: u8 = 2;

/// The exit status of a process stopped by `signal` after cleaning up.
#[cfg(unix)]
#[must_use]
pub const fn interrupted(signal: i32) -> i32 {
    128 + signal
}

/// `--help`'s account of the codes above.
pub const EXIT_CODES: &str = "Exit status:
  0  no finding that fails the run: errors do; warnings and style findings do
     only when denied (--deny, or `deny` in exambank.toml); --exit-zero: never
  1  at least one finding that fails the run (build: nothing was written;
     check --diff: a fix would change a file)
  2  the tool could not do its job: bad usage, a bad exambank.toml, an
     unreadable or non-UTF-8 file, a write failure";
