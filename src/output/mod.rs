//! Bringing a module folder up to date with a rendered module, or checking
//! that it is, without ever leaving it half written and without clobbering
//! files a person wrote or edited.

mod drift;
mod replace;
mod survey;

use std::path::Path;

use crate::diagnostic::{Diagnostics, Problem};
use crate::render::{Module, Provenance};

/// One file as it belongs in the folder: its name and its whole text,
/// header included.
pub struct Stamped {
    pub name: &'static str,
    pub text: String,
}

/// Every file of `module` as it belongs in a folder, each under a header
/// that names `command` as the way to regenerate it.
pub fn stamp_folder(module: &Module, command: &str) -> Vec<Stamped> {
    module
        .files
        .iter()
        .map(|file| Stamped {
            name: file.name,
            text: module.folder_file(file, command),
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the folder; `force` overwrites files gen-repl did not write
    /// or that were edited since.
    Write { force: bool },
    /// Write nothing; report the drift instead.
    Check,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The folder already held exactly the module.
    Unchanged,
    /// The folder was written or, under `Mode::Check`, differs.
    Changed,
}

pub struct Report {
    pub outcome: Outcome,
    /// Under `Mode::Check`, the unified diff from the folder to the module.
    pub diff: String,
    pub warnings: Diagnostics,
}

pub fn update_folder(dir: &Path, files: &[Stamped], mode: Mode) -> Result<Report, Diagnostics> {
    let survey = survey::survey(dir, files).map_err(Diagnostics::from)?;
    let warnings = warn_about_kept_leftovers(dir, &survey);

    if mode == Mode::Check {
        let diff = drift::drift(dir, files, &survey);
        let outcome = if diff.is_empty() {
            Outcome::Unchanged
        } else {
            Outcome::Changed
        };
        return Ok(Report {
            outcome,
            diff,
            warnings,
        });
    }

    if mode == (Mode::Write { force: false }) {
        refuse_to_clobber(dir, files, &survey)?;
    }
    let outcome = if survey.is_up_to_date(files) {
        Outcome::Unchanged
    } else {
        replace::replace(dir, files, &survey).map_err(Diagnostics::from)?;
        Outcome::Changed
    };
    Ok(Report {
        outcome,
        diff: String::new(),
        warnings,
    })
}

/// Refuses, naming every such file at once, to overwrite a file that gen-repl
/// did not write or that was edited since it did.
fn refuse_to_clobber(
    dir: &Path,
    files: &[Stamped],
    survey: &survey::Survey,
) -> Result<(), Diagnostics> {
    let mut refusals = Diagnostics::default();
    for (file, current) in files.iter().zip(&survey.current) {
        let Some(text) = current else {
            continue;
        };
        let path = dir.join(file.name);
        let problem = match crate::render::provenance(text) {
            Provenance::Intact => continue,
            Provenance::Foreign => Problem::new(format!(
                "`{}` exists and was not written by gen-repl",
                path.display()
            ))
            .help("move it away, or pass --force to overwrite it"),
            Provenance::Edited => Problem::new(format!(
                "`{}` was edited since gen-repl wrote it",
                path.display()
            ))
            .note("its text no longer matches the checksum in its header")
            .help("move the change into the settings, or pass --force to overwrite it"),
        };
        refusals.error(problem, None);
    }
    if refusals.has_errors() {
        return Err(refusals);
    }
    Ok(())
}

/// Leftovers are removed only when untouched; an edited one stays, and the
/// user should know it no longer belongs to the module.
fn warn_about_kept_leftovers(dir: &Path, survey: &survey::Survey) -> Diagnostics {
    let mut warnings = Diagnostics::default();
    for leftover in &survey.leftovers {
        if leftover.provenance == Provenance::Intact {
            continue;
        }
        let problem = Problem::new(format!(
            "`{}` is no longer generated but is not as gen-repl wrote it, so it is kept",
            dir.join(&leftover.name).display()
        ))
        .help("delete it if the module does not need it");
        warnings.warning(problem, None);
    }
    warnings
}
