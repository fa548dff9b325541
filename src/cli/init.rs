//! `gen-repl init`: a commented starter config, so that nobody has to
//! write the first one from the documentation.

use std::fs;

use super::Exit;
use super::args::InitArgs;
use super::report::{Reporter, write_product};
use crate::diagnostic::{Diagnostics, Problem};

/// Every field with a comment; only the two regions are set, so the file
/// is a valid config as it stands.
const STARTER_CONFIG: &str = include_str!("starter.toml");

pub fn init(args: &InitArgs, reporter: &Reporter) -> Result<Exit, Diagnostics> {
    let path = &args.file;
    if path.as_os_str() == "-" {
        write_product(STARTER_CONFIG)?;
        return Ok(Exit::Success);
    }
    if path.exists() && !args.force {
        return Err(Problem::new(format!("`{}` already exists", path.display()))
            .help("name another file, or pass --force to overwrite it")
            .into());
    }
    fs::write(path, STARTER_CONFIG)
        .map_err(|e| Problem::new(format!("cannot write `{}`: {e}", path.display())))?;
    reporter.summary(format_args!(
        "wrote `{0}`; set the regions, then run `gen-repl --config {0} -o DIR`",
        path.display()
    ));
    Ok(Exit::Success)
}
