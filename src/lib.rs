//! exambank: check Markdown course notes written as quizzes, and build exam
//! banks from them.
//!
//! The flow runs one way: [`source`] text -> [`parse`] (an AST with byte
//! spans) -> [`model`] (the bank) -> [`lint`] (findings) -> [`export`].
//! The library never prints; the binary (`cli`) does all I/O.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod config;
pub mod export;
pub mod lint;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod source;
pub mod suggest;
