//! `gen-repl` without a subcommand: one module from flags and an optional
//! config file, to standard output or a folder.

use super::args::Cli;
use super::pipeline::{regenerate_folder, render_module, validate_settings};
use super::report::{Reporter, write_diff, write_product};
use super::{Exit, settings_with_defaults};
use crate::diagnostic::{Diagnostics, Problem};
use crate::output::{Mode, Outcome};
use crate::params::command_line::{canonical_command, shell_quote};
use crate::params::config_file::ConfigFile;

pub fn generate(cli: &Cli, reporter: &Reporter) -> Result<Exit, Diagnostics> {
    let file = match cli.settings.config.as_deref() {
        Some(path) => Some(ConfigFile::load(path)?),
        None => None,
    };
    let mut validated = validate_settings(file.as_ref(), &cli.settings)?;

    if cli.print_config {
        write_product(&settings_with_defaults(&validated.merged, &validated.model))?;
        reporter.diagnostics(&validated.warnings);
        return Ok(Exit::Success);
    }

    // A config the flags cannot express is regenerated from its file.
    let command = canonical_command(&validated.merged.settings).unwrap_or_else(|| {
        let config = cli.settings.config.as_deref().unwrap_or("-");
        format!("gen-repl --config {}", shell_quote(config))
    });
    let Some(dir) = &cli.out_dir else {
        if validated.model.existing_objects {
            let problem = Problem::new("the existing-objects runbook is a file of its own, which standard output cannot hold")
                .help("write a module folder with `-o DIR`");
            let origin = validated.merged.origins.of("existing_objects");
            let mut diagnostics = Diagnostics::default();
            diagnostics.error(problem, origin);
            return Err(diagnostics);
        }
        let module = render_module(&mut validated)?;
        write_product(&module.single_file(&command))?;
        reporter.diagnostics(&validated.warnings);
        return Ok(Exit::Success);
    };

    let command = format!("{command} -o {}", shell_quote(&dir.display().to_string()));
    let mode = if cli.check {
        Mode::Check
    } else {
        Mode::Write { force: cli.force }
    };
    let report = regenerate_folder(&mut validated, dir, &command, mode)?;
    write_diff(&report.diff)?;
    reporter.diagnostics(&report.warnings);

    reporter.outcome(dir, mode, report.outcome);
    let drifted = mode == Mode::Check && report.outcome == Outcome::Changed;
    Ok(if drifted { Exit::Drift } else { Exit::Success })
}
