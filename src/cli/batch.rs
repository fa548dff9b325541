//! `gen-repl batch`: one module per config file of a folder, rendered in
//! parallel on every core. A bad config fails alone; the others go on, and
//! the exit code tells that something failed.

use std::collections::BTreeMap;
use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::Exit;
use super::args::BatchArgs;
use super::pipeline::{regenerate_folder, validate_settings};
use super::report::{Reporter, write_diff};
use crate::diagnostic::{Diagnostics, Problem};
use crate::output::{Mode, Outcome, Report};
use crate::params::command_line::batch_command;
use crate::params::config_file::ConfigFile;
use crate::params::flags::SettingFlags;

/// Extensions of the files `batch` reads as configs.
const CONFIG_EXTENSIONS: &[&str] = &["toml", "json"];

/// A config file and the module folder it renders into.
struct Job {
    config: PathBuf,
    module_dir: PathBuf,
    /// Set when another config would write the same folder.
    clash: Option<Problem>,
}

pub fn batch(args: &BatchArgs, reporter: &Reporter) -> Result<Exit, Diagnostics> {
    let jobs = plan_jobs(&args.config_dir, &args.out_root)?;
    let mode = if args.check {
        Mode::Check
    } else {
        Mode::Write { force: args.force }
    };
    let command = batch_command(
        &args.config_dir.display().to_string(),
        &args.out_root.display().to_string(),
    );

    let progress = progress_bar(jobs.len(), reporter);
    let results: Vec<Result<Report, Diagnostics>> = jobs
        .par_iter()
        .map(|job| {
            let result = run_job(job, &command, mode);
            progress.inc(1);
            result
        })
        .collect();
    progress.finish_and_clear();

    // Messages come in the order of the config files, whatever order the
    // threads finished in, so that two runs print the same thing.
    let mut tally = Tally::default();
    let mut blocks = Vec::new();
    for (job, result) in jobs.iter().zip(results) {
        let config = job.config.display().to_string();
        let mut messages = match result {
            Ok(mut report) => {
                write_diff(&report.diff)?;
                report.warnings.locate_in(&config);
                reporter.outcome(&job.module_dir, mode, report.outcome);
                tally.count(report.outcome);
                reporter.shown(&report.warnings)
            }
            Err(mut errors) => {
                errors.locate_in(&config);
                tally.failed += 1;
                let skipped = format!(
                    "error: skipped `{config}`; `{}` was left as it was\n",
                    job.module_dir.display()
                );
                reporter.shown(&errors) + &skipped
            }
        };
        if !messages.is_empty() {
            messages.push('\n');
            blocks.push(messages);
        }
    }
    eprint!("{}", blocks.concat());
    reporter.summary(tally.line(mode));
    Ok(tally.exit(mode))
}

fn run_job(job: &Job, command: &str, mode: Mode) -> Result<Report, Diagnostics> {
    if let Some(clash) = &job.clash {
        return Err(clash.clone().into());
    }
    let file = ConfigFile::load(&job.config.to_string_lossy())?;
    let mut validated = validate_settings(Some(&file), &SettingFlags::default())?;
    regenerate_folder(&mut validated, &job.module_dir, command, mode)
}

/// Every config file of `config_dir`, sorted, each with the folder under
/// `out_root` named after it.
fn plan_jobs(config_dir: &Path, out_root: &Path) -> Result<Vec<Job>, Diagnostics> {
    let cannot_read = |e: std::io::Error| {
        Problem::new(format!(
            "cannot read config folder `{}`: {e}",
            config_dir.display()
        ))
    };
    let mut by_module: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(config_dir).map_err(cannot_read)? {
        let path = entry.map_err(cannot_read)?.path();
        let is_config = path
            .extension()
            .is_some_and(|e| CONFIG_EXTENSIONS.iter().any(|c| e == *c));
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        if let (true, true, Some(stem)) = (is_config, path.is_file(), stem) {
            if !stem.starts_with('.') {
                by_module.entry(stem).or_default().push(path);
            }
        }
    }
    if by_module.is_empty() {
        return Err(Problem::new(format!(
            "`{}` holds no config files",
            config_dir.display()
        ))
        .help("batch reads every `*.toml` and `*.json` file of the folder; `gen-repl init` writes one")
        .into());
    }

    let mut jobs = Vec::new();
    for (module, mut configs) in by_module {
        configs.sort();
        let clash = (configs.len() > 1).then(|| {
            let names: Vec<String> = configs
                .iter()
                .map(|c| format!("`{}`", c.display()))
                .collect();
            Problem::new(format!(
                "{} would all write the module `{module}`",
                names.join(" and ")
            ))
            .help("rename all but one of them")
        });
        for config in configs {
            jobs.push(Job {
                config,
                module_dir: out_root.join(&module),
                clash: clash.clone(),
            });
        }
    }
    Ok(jobs)
}

/// A bar on an interactive terminal; nothing at all anywhere else.
fn progress_bar(len: usize, reporter: &Reporter) -> ProgressBar {
    if reporter.is_quiet() || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} modules")
        .expect("the template is valid");
    ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr()).with_style(style)
}

#[derive(Default)]
struct Tally {
    unchanged: usize,
    changed: usize,
    failed: usize,
}

impl Tally {
    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Changed => self.changed += 1,
        }
    }

    fn line(&self, mode: Mode) -> impl fmt::Display {
        let changed = if mode == Mode::Check {
            "would change"
        } else {
            "changed"
        };
        format!(
            "{} rendered, {} unchanged, {} {changed}, {} failed",
            self.unchanged + self.changed,
            self.unchanged,
            self.changed,
            self.failed
        )
    }

    fn exit(&self, mode: Mode) -> Exit {
        if self.failed > 0 {
            Exit::Error
        } else if mode == Mode::Check && self.changed > 0 {
            Exit::Drift
        } else {
            Exit::Success
        }
    }
}
