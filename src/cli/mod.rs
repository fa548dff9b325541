//! The `gen-repl` command: parses the command line, runs the subcommand (or
//! the one-module form) and turns every outcome into messages and an exit
//! code.

mod args;
mod batch;
mod generate;
mod init;
mod pipeline;
mod reference;
mod report;

use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;
use args::Command;
use report::Reporter;

use crate::diagnostic::Diagnostics;
use crate::model::{Model, StorageClass};
use crate::params::merge::Merged;
use crate::params::settings::Settings;
use crate::plan;

/// How a run ended, as the exit code tells scripts and CI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success,
    /// `--check` found a folder that differs from what gen-repl would write.
    Drift,
    /// Invalid input or any other error; already reported.
    Error,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(match exit {
            Exit::Success => 0,
            Exit::Drift => 1,
            Exit::Error => 2,
        })
    }
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let reporter = Reporter::new(cli.verbosity.verbosity());
    let result = match &cli.command {
        None => generate::generate(&cli, &reporter),
        Some(Command::Batch(args)) => batch::batch(args, &reporter),
        Some(Command::Init(args)) => init::init(args, &reporter),
        Some(Command::Schema) => reference::schema(),
        Some(Command::Completions { shell }) => reference::completions(*shell),
        Some(Command::Man) => reference::man(),
    };
    match result {
        Ok(exit) => exit.into(),
        Err(diagnostics) => {
            reporter.diagnostics(&diagnostics);
            let count = diagnostics.error_count();
            if count > 1 {
                eprintln!("\nerror: {count} problems found; nothing was written");
            }
            Exit::Error.into()
        }
    }
}

/// What the module cannot do itself, or will replace, said before it runs.
fn warn_about_existing_keys(model: &Model, warnings: &mut Diagnostics) {
    warnings.extend(plan::warnings(model));
}

/// The merged settings with every default filled in, as a config file.
fn settings_with_defaults(merged: &Merged, model: &Model) -> String {
    let mut settings: Settings = merged.settings.clone();
    settings.name = Some(model.name.to_string());
    let class = merged.settings.storage_class.clone();
    settings.storage_class = Some(class.unwrap_or_else(|| StorageClass::DEFAULT.to_string()));
    settings.noncurrent_version_expiration_days =
        Some(i64::from(model.noncurrent_version_expiration_days));
    toml::to_string(&settings).expect("settings serialise to TOML")
}
