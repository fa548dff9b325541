//! The pipeline from settings to a rendered module, shared by the
//! single-module command and `batch`.

use std::path::Path;

use super::warn_about_existing_keys;
use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{self, Model};
use crate::output::{self, Mode, Report};
use crate::params::config_file::ConfigFile;
use crate::params::flags::SettingFlags;
use crate::params::merge::{Merged, merge};
use crate::render::Module;
use crate::{plan, render};

/// Settings that passed validation, with the warnings they raised.
pub struct Validated {
    pub merged: Merged,
    pub model: Model,
    pub warnings: Diagnostics,
}

pub fn validate_settings(
    file: Option<&ConfigFile>,
    flags: &SettingFlags,
) -> Result<Validated, Diagnostics> {
    let merged = merge(file, flags)?;
    let (model, warnings) = model::validate(&merged)?;
    Ok(Validated {
        merged,
        model,
        warnings,
    })
}

/// Plans and renders the module, adding the warnings that matter only
/// when a module is produced.
pub fn render_module(validated: &mut Validated) -> Result<Module, Diagnostics> {
    let plan = plan::build_plan(&validated.model);
    let module = render::render_module(&plan).map_err(|bug| Diagnostics::from(internal(bug)))?;
    warn_about_existing_keys(&validated.model, &mut validated.warnings);
    Ok(module)
}

/// Renders the module and brings the folder `dir` up to date with it, or
/// checks it under `Mode::Check`. The settings' warnings lead the report's
/// own, and any error, as they would on standard output.
pub fn regenerate_folder(
    validated: &mut Validated,
    dir: &Path,
    command: &str,
    mode: Mode,
) -> Result<Report, Diagnostics> {
    let mut warnings = std::mem::take(&mut validated.warnings);
    let updated = render_module(validated).and_then(|module| {
        let files = output::stamp_folder(&module, command);
        output::update_folder(dir, &files, mode)
    });
    // Rendering may have added warnings of its own.
    warnings.extend(std::mem::take(&mut validated.warnings));
    match updated {
        Ok(mut report) => {
            warnings.extend(report.warnings);
            report.warnings = warnings;
            Ok(report)
        }
        Err(errors) => {
            warnings.extend(errors);
            Err(warnings)
        }
    }
}

fn internal(bug: String) -> Problem {
    Problem::new(bug).note("this is a bug in gen-repl; please report it with the command you ran")
}
