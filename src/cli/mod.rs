//! The `gen-repl` command: runs the pipeline from parameters to output and
//! turns every outcome into a message and an exit code.

mod args;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{self, Model};
use crate::params::command_line::canonical_command;
use crate::params::config_file::ConfigFile;
use crate::params::merge::{Merged, merge};
use crate::params::settings::Settings;
use crate::{output, plan, render};

/// Exit code for invalid input and every other error.
const EXIT_ERROR: u8 = 2;

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match generate(&cli) {
        Ok(warnings) => {
            eprint!("{warnings}");
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            let count = diagnostics.error_count();
            if count > 1 {
                eprintln!("\nerror: {count} problems found; nothing was written");
            }
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Reads, validates, plans, renders and writes; returns the warnings.
fn generate(cli: &Cli) -> Result<Diagnostics, Diagnostics> {
    let file = match cli.settings.config.as_deref() {
        Some(path) => Some(ConfigFile::load(path).map_err(single_error)?),
        None => None,
    };
    let merged = merge(file.as_ref(), &cli.settings)?;
    let (model, warnings) = model::validate(&merged)?;

    if cli.print_config {
        write_stdout(&settings_with_defaults(&merged, &model)).map_err(single_error)?;
        return Ok(warnings);
    }

    let plan = plan::build_plan(&model);
    let module = render::render_module(&plan).map_err(|bug| single_error(internal(bug)))?;
    let mut warnings = warnings;
    warn_about_existing_keys(&model, &mut warnings);

    let command = canonical_command(&merged.settings);
    match &cli.out_dir {
        Some(dir) => {
            let header = render::header(&format!("{command} -o {}", dir.display()));
            output::write_folder(dir, &module, &header, cli.force).map_err(single_error)?;
        }
        None => {
            let header = render::header(&command);
            write_stdout(&module.single_file(&header)).map_err(single_error)?;
        }
    }
    Ok(warnings)
}

/// An existing key's policy is outside the module, so the user must grant
/// the replication role by hand; say exactly what it needs.
fn warn_about_existing_keys(model: &Model, warnings: &mut Diagnostics) {
    let Some(key) = &model.destination.kms_key else {
        return;
    };
    if !model.is_cross_account() {
        return;
    }
    let actions = plan::destination_key_actions(true).join("`, `");
    let problem = Problem::new(format!("gen-repl cannot change the policy of existing key `{key}`"))
        .help(format!(
            "let the role `{}` of the source account use `{actions}` in that key's policy, or replication fails",
            model.replication_role_name()
        ));
    warnings.warning(problem, None);
}

/// The merged settings with every default filled in, as a config file.
fn settings_with_defaults(merged: &Merged, model: &Model) -> String {
    let mut settings: Settings = merged.settings.clone();
    settings.name = Some(model.name.to_string());
    settings.storage_class = Some(model.storage_class.to_string());
    settings.noncurrent_version_expiration_days =
        Some(i64::from(model.noncurrent_version_expiration_days));
    toml::to_string(&settings).expect("settings serialise to TOML")
}

/// Writes the product to stdout; a reader that went away is not an error.
fn write_stdout(text: &str) -> Result<(), Problem> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Problem::new(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}

fn single_error(problem: Problem) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    diagnostics.error(problem, None);
    diagnostics
}

fn internal(bug: String) -> Problem {
    Problem::new(bug).note("this is a bug in gen-repl; please report it with the command you ran")
}
