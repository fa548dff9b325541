//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use clap_complete::Shell;

use super::report::Verbosity;
use crate::params::flags::SettingFlags;

/// Generate a Terraform/OpenTofu module that replicates an S3 bucket to
/// another region and, optionally, another account, with KMS keys on both
/// sides.
#[derive(Debug, Parser)]
#[command(name = "gen-repl", version, max_term_width = 100)]
// Subcommands must never swallow the flags of the one-module form, which
// stays what `gen-repl` does without a subcommand.
#[command(args_conflicts_with_subcommands = true)]
#[command(
    after_help = "Exit codes: 0 success (up to date under --check), 1 drift found by --check, \
                  2 invalid input or any other error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub settings: SettingFlags,

    /// Write a module folder (one file per concern) instead of one file on
    /// standard output.
    #[arg(short, long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Write nothing; exit 1 and print a diff if the folder is not exactly
    /// what gen-repl would write.
    #[arg(long, requires = "out_dir")]
    pub check: bool,

    /// Overwrite files in the output folder that gen-repl did not write or
    /// that were edited since.
    #[arg(long, requires = "out_dir", conflicts_with = "check")]
    pub force: bool,

    /// Print the merged settings (config file, flags and defaults) as TOML
    /// instead of the module.
    #[arg(long, conflicts_with = "out_dir")]
    pub print_config: bool,

    #[command(flatten)]
    pub verbosity: VerbosityFlags,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render one module per config file of a folder, in parallel.
    Batch(BatchArgs),
    /// Write a commented starter config file.
    Init(InitArgs),
    /// Print the JSON Schema of the config file.
    Schema,
    /// Print the completion script for a shell.
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page, in roff (`gen-repl man | man -l -`).
    Man,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Folder of config files (`*.toml`, `*.json`), one module each.
    #[arg(value_name = "CONFIG_DIR")]
    pub config_dir: PathBuf,

    /// Folder that receives the modules, each in a folder named after its
    /// config file.
    #[arg(long, value_name = "DIR")]
    pub out_root: PathBuf,

    /// Write nothing; exit 1 and print a diff if any module folder is not
    /// exactly what gen-repl would write.
    #[arg(long)]
    pub check: bool,

    /// Overwrite files that gen-repl did not write or that were edited since.
    #[arg(long, conflicts_with = "check")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the config (`-` prints it).
    #[arg(value_name = "FILE", default_value = "gen-repl.toml")]
    pub file: PathBuf,

    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct VerbosityFlags {
    /// Also say what was written and what was already up to date.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Print errors only.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
}

impl VerbosityFlags {
    pub fn verbosity(&self) -> Verbosity {
        match (self.quiet, self.verbose) {
            (true, _) => Verbosity::Quiet,
            (_, true) => Verbosity::Verbose,
            _ => Verbosity::Normal,
        }
    }
}
