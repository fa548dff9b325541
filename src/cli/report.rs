//! What gen-repl says while it works: the product alone on standard output,
//! everything else on standard error, as much of it as `-v`/`-q` ask for.

use std::fmt::Display;
use std::io::{self, Write};
use std::path::Path;

use anstyle::{AnsiColor, Style};

use crate::diagnostic::{Diagnostics, Problem, Severity};
use crate::output::{Mode, Outcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors, warnings and summaries.
    Normal,
    /// Also what was written and what was already up to date.
    Verbose,
}

pub struct Reporter {
    verbosity: Verbosity,
}

impl Reporter {
    pub fn new(verbosity: Verbosity) -> Self {
        Reporter { verbosity }
    }

    pub fn is_quiet(&self) -> bool {
        self.verbosity == Verbosity::Quiet
    }

    /// Prints every diagnostic; under `-q`, errors only.
    pub fn diagnostics(&self, diagnostics: &Diagnostics) {
        eprint!("{}", self.shown(diagnostics));
    }

    /// The diagnostics this verbosity shows, one blank line between them.
    pub fn shown(&self, diagnostics: &Diagnostics) -> String {
        let shown: Vec<String> = diagnostics
            .iter()
            .filter(|d| !self.is_quiet() || d.severity == Severity::Error)
            .map(ToString::to_string)
            .collect();
        shown.join("\n")
    }

    /// A line saying what happened, for `-v`.
    pub fn detail(&self, message: impl Display) {
        if self.verbosity == Verbosity::Verbose {
            eprintln!("{message}");
        }
    }

    /// Under `-v`, what became of a module folder.
    pub fn outcome(&self, dir: &Path, mode: Mode, outcome: Outcome) {
        let dir = dir.display();
        match (outcome, mode) {
            (Outcome::Unchanged, _) => self.detail(format_args!("`{dir}` is up to date")),
            (Outcome::Changed, Mode::Check) => {
                self.detail(format_args!(
                    "`{dir}` differs from what gen-repl would write"
                ));
            }
            (Outcome::Changed, Mode::Write { .. }) => self.detail(format_args!("wrote `{dir}`")),
        }
    }

    /// A line summing up a run, silenced by `-q`.
    pub fn summary(&self, message: impl Display) {
        if !self.is_quiet() {
            eprintln!("{message}");
        }
    }
}

/// Writes the product to standard output; a reader that went away is not
/// an error.
pub fn write_product(text: &str) -> Result<(), Problem> {
    let mut stdout = io::stdout().lock();
    finish_write(
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush()),
    )
}

/// Writes a unified diff to standard output, in colour when that is a
/// terminal and `NO_COLOR` is unset.
pub fn write_diff(diff: &str) -> Result<(), Problem> {
    let mut stdout = anstream::stdout().lock();
    let mut written = Ok(());
    for line in diff.lines() {
        let style = style_of(line);
        written = writeln!(stdout, "{style}{line}{style:#}");
        if written.is_err() {
            break;
        }
    }
    finish_write(written.and_then(|()| stdout.flush()))
}

fn style_of(line: &str) -> Style {
    if line.starts_with("+++") || line.starts_with("---") {
        Style::new().bold()
    } else if line.starts_with("@@") {
        AnsiColor::Cyan.on_default()
    } else if line.starts_with('+') {
        AnsiColor::Green.on_default()
    } else if line.starts_with('-') {
        AnsiColor::Red.on_default()
    } else {
        Style::new()
    }
}

fn finish_write(result: io::Result<()>) -> Result<(), Problem> {
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Problem::new(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}
