//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser};

use super::report::Verbosity;
use crate::params::flags::SettingFlags;

/// Generate a Terraform/OpenTofu module that replicates an S3 bucket to
/// another region and, optionally, another account, with KMS keys on both
/// sides.
#[derive(Debug, Parser)]
#[command(name = "gen-repl", version, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 success (up to date under --check), 1 drift found by --check, \
                  2 invalid input or any other error."
)]
pub struct Cli {
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
