//! Finding fixtures and running gen-repl on them.
//!
//! A fixture is either a config file (`NAME.toml`, `NAME.json`), passed with
//! `--config`, or `NAME.args`, holding one command-line argument per line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BINARY: &str = env!("CARGO_BIN_EXE_gen-repl");

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub struct Fixture {
    pub name: String,
    pub path: PathBuf,
}

impl Fixture {
    /// The arguments that select this fixture's settings.
    pub fn args(&self) -> Vec<String> {
        match self.path.extension().and_then(|e| e.to_str()) {
            Some("args") => std::fs::read_to_string(&self.path)
                .expect("fixture is readable")
                .lines()
                .map(str::to_owned)
                .collect(),
            _ => {
                let relative = self
                    .path
                    .strip_prefix(root())
                    .expect("fixture inside the repo");
                vec!["--config".to_owned(), relative.display().to_string()]
            }
        }
    }

    /// Runs gen-repl from the repository root with the fixture's arguments
    /// followed by `extra`.
    pub fn run(&self, extra: &[&str]) -> Output {
        run_gen_repl(
            &self
                .args()
                .iter()
                .map(String::as_str)
                .chain(extra.iter().copied())
                .collect::<Vec<_>>(),
        )
    }
}

pub fn run_gen_repl(args: &[&str]) -> Output {
    Command::new(BINARY)
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("gen-repl runs")
}

/// Every fixture in `fixtures/KIND`, sorted by name.
pub fn fixtures(kind: &str) -> Vec<Fixture> {
    let dir = root().join("fixtures").join(kind);
    let mut fixtures: Vec<Fixture> = std::fs::read_dir(&dir)
        .expect("fixture folder exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("args" | "toml" | "json")
            )
        })
        .map(|path| Fixture {
            name: path.file_stem().unwrap().to_string_lossy().into_owned(),
            path,
        })
        .collect();
    fixtures.sort_by(|a, b| a.name.cmp(&b.name));
    fixtures
}
