//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::Parser;

use crate::params::flags::SettingFlags;

/// Generate a Terraform/OpenTofu module that replicates an S3 bucket to
/// another region and, optionally, another account, with KMS keys on both
/// sides.
#[derive(Debug, Parser)]
#[command(name = "gen-repl", version, max_term_width = 100)]
#[command(after_help = "Exit codes: 0 success, 2 invalid input or any other error.")]
pub struct Cli {
    #[command(flatten)]
    pub settings: SettingFlags,

    /// Write a module folder (one file per concern) instead of one file on
    /// standard output.
    #[arg(short, long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Overwrite files in the output folder that gen-repl did not write.
    #[arg(long, requires = "out_dir")]
    pub force: bool,

    /// Print the merged settings (config file, flags and defaults) as TOML
    /// instead of the module.
    #[arg(long, conflicts_with = "out_dir")]
    pub print_config: bool,
}
