//! The notes grammar (`grammar/notes.ebnf`): source text to [`ast::Document`].
//!
//! Parsing never fails and never panics: a badly written file is still a
//! document, and lint says what is wrong with it. No I/O happens here.

mod answer;
pub mod ast;
mod choice;
mod code;
mod document;
mod explain;
pub mod grammar;
mod groups;
pub mod inline;
pub mod lines;
mod steps;

pub use document::{document as parse, fence_extent};
