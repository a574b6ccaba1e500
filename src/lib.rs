//! exambank: check Markdown course notes written as quizzes, and build exam
//! banks from them.
//!
//! The flow runs one way: [`source`] text -> [`parse`] (an AST with byte
//! spans) -> [`lint`] (findings; rules read the AST) and [`model`] (the
//! items, lowered from the AST) -> [`export`] (one exporter per target).
//! [`pipeline`] is where the stages meet: it runs one file through parse,
//! lower and lint, runs the cross-file rules over a run's files, and
//! assembles the bank from the items no error lies in
//! ([`pipeline::assemble`], [`pipeline::build_bank`]), listing the ones it
//! leaves out and why. [`config`] reads `exambank.toml` into the rules'
//! settings (and their typed options).
//!
//! The library never prints and touches no file: the binary (`src/main.rs`
//! and `src/cli/`, not part of this crate) finds and reads the files,
//! checks them in parallel, prints, writes outputs and picks exit codes.
//! The crates only it needs are behind the `cli` feature.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod config;
pub mod export;
pub mod lint;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod source;
pub mod suggest;
