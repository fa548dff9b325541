//! Problems found in the user's input, and how they are shown.
//!
//! Every check collects into one `Diagnostics` list so that a single run
//! reports all problems at once instead of making the user fix them one by one.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// Where a value came from, so the user can find it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Flag(String),
    /// A config file as a whole, for problems no single field caused.
    File(String),
    Field {
        file: String,
        path: String,
        line: Option<usize>,
    },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) => write!(f, "{flag}"),
            Origin::File(file) => write!(f, "{file}"),
            Origin::Field {
                file,
                path,
                line: Some(line),
            } => write!(f, "{file}:{line} ({path})"),
            Origin::Field {
                file,
                path,
                line: None,
            } => write!(f, "{file} ({path})"),
        }
    }
}

/// A rule a value broke, without knowing yet where the value came from.
///
/// Domain types return this; the validator adds the origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub help: Option<String>,
    pub note: Option<String>,
}

impl Problem {
    pub fn new(message: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            help: None,
            note: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub problem: Problem,
    pub origin: Option<Origin>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.problem.message)?;
        if let Some(origin) = &self.origin {
            writeln!(f, "  --> {origin}")?;
        }
        if let Some(note) = &self.problem.note {
            writeln!(f, "note: {note}")?;
        }
        if let Some(help) = &self.problem.help {
            writeln!(f, "help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found in one run, errors and warnings together.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn error(&mut self, problem: Problem, origin: Option<Origin>) {
        self.items.push(Diagnostic {
            severity: Severity::Error,
            problem,
            origin,
        });
    }

    pub fn warning(&mut self, problem: Problem, origin: Option<Origin>) {
        self.items.push(Diagnostic {
            severity: Severity::Warning,
            problem,
            origin,
        });
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Points every problem that has no origin yet at `file`, for runs
    /// that read many files.
    pub fn locate_in(&mut self, file: &str) {
        for diagnostic in &mut self.items {
            diagnostic
                .origin
                .get_or_insert_with(|| Origin::File(file.to_owned()));
        }
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// A single error, for steps that stop at their first problem.
impl From<Problem> for Diagnostics {
    fn from(problem: Problem) -> Self {
        let mut diagnostics = Diagnostics::default();
        diagnostics.error(problem, None);
        diagnostics
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.items.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}
