//! The notes grammar (`grammar/notes.ebnf`): source text to [`ast::Document`].
//!
//! Parsing never fails and never panics: a badly written file is still a
//! document, and lint says what is wrong with it. No I/O happens here.

mod answer;
pub mod ast;
mod document;
pub mod grammar;
pub mod lines;

pub use answer::code_language;
pub use document::document as parse;
