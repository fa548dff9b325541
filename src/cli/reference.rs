//! Descriptions of gen-repl derived from its own definitions, so they can
//! never disagree with it: the config file's JSON Schema, shell completions
//! and the manual page.

use clap::CommandFactory;
use clap_complete::Shell;

use super::Exit;
use super::args::Cli;
use super::report::write_product;
use crate::diagnostic::{Diagnostics, Problem};
use crate::params::schema::config_schema;

pub fn schema() -> Result<Exit, Diagnostics> {
    let mut text = serde_json::to_string_pretty(&config_schema()).expect("a schema is JSON");
    text.push('\n');
    write_product(&text)?;
    Ok(Exit::Success)
}

pub fn completions(shell: Shell) -> Result<Exit, Diagnostics> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "gen-repl", &mut script);
    write_product(&String::from_utf8_lossy(&script))?;
    Ok(Exit::Success)
}

pub fn man() -> Result<Exit, Diagnostics> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| Problem::new(format!("cannot render the manual page: {e}")))?;
    write_product(&String::from_utf8_lossy(&page))?;
    Ok(Exit::Success)
}
