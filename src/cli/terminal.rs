//! What the terminal decides: whether output is coloured. A leaf: every
//! other module asks here, and this one asks nothing of them.

use std::io::{self, IsTerminal as _};

/// Colour only on a terminal, and never when `NO_COLOR` is set.
#[must_use]
pub fn use_color() -> bool {
    no_color_unset() && io::stdout().is_terminal()
}

/// [`use_color`] for what goes to standard error.
#[must_use]
pub fn use_color_on_stderr() -> bool {
    no_color_unset() && io::stderr().is_terminal()
}

fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// miette's theme for coloured output or not.
#[must_use]
pub fn theme(color: bool) -> miette::GraphicalTheme {
    if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    }
}
