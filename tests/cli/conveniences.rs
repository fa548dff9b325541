//! `init`, `schema`, `completions` and `man`: what helps a user start and
//! what editors and shells read.

use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};

use crate::fixture::{BINARY, fixtures, run_gen_repl};

/// Defects of invalid fixtures that the schema can see: shape and types,
/// not AWS rules.
const SCHEMA_LEVEL_DEFECTS: &[&str] = &["region-wrong-type", "unknown-field"];

fn stdout(args: &[&str]) -> String {
    let output = run_gen_repl(args);
    assert_eq!(output.status.code(), Some(0), "{args:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn starter_config_is_a_valid_config() {
    let starter = stdout(&["init", "-"]);
    let mut child = Command::new(BINARY)
        .args(["--config", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(starter.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "no warnings");
}

#[test]
fn init_writes_the_file_once_and_overwrites_it_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gen-repl.toml");
    let path = path.to_str().unwrap();

    assert_eq!(run_gen_repl(&["init", path]).status.code(), Some(0));
    assert_eq!(fs::read_to_string(path).unwrap(), stdout(&["init", "-"]));

    fs::write(path, "mine\n").unwrap();
    let again = run_gen_repl(&["init", path]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(fs::read_to_string(path).unwrap(), "mine\n");

    assert_eq!(
        run_gen_repl(&["init", path, "--force"]).status.code(),
        Some(0)
    );
    assert_ne!(fs::read_to_string(path).unwrap(), "mine\n");
}

fn schema() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&stdout(&["schema"])).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

/// A config file's text as the JSON value the schema describes.
fn as_json(path: &std::path::Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => serde_json::from_str(&text).unwrap(),
        _ => serde_json::to_value(toml::from_str::<toml::Value>(&text).unwrap()).unwrap(),
    }
}

#[test]
fn schema_accepts_every_valid_fixture() {
    let validator = schema();
    for fixture in fixtures("valid") {
        // Flag fixtures are checked as the config they amount to.
        let mut args: Vec<String> = fixture.args();
        args.push("--print-config".to_owned());
        let config = stdout(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let config = serde_json::to_value(toml::from_str::<toml::Value>(&config).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&config)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", fixture.name);

        if fixture.path.extension().is_some_and(|e| e != "args") {
            assert!(
                validator.is_valid(&as_json(&fixture.path)),
                "{}",
                fixture.name
            );
        }
    }
}

#[test]
fn schema_rejects_the_invalid_fixtures_with_schema_level_defects() {
    let validator = schema();
    for name in SCHEMA_LEVEL_DEFECTS {
        let fixture = fixtures("invalid")
            .into_iter()
            .find(|f| f.name == *name)
            .expect("the fixture exists");
        assert!(!validator.is_valid(&as_json(&fixture.path)), "{name}");
    }
}

#[test]
fn completions_and_manual_page_come_from_the_command_line() {
    assert!(stdout(&["completions", "bash"]).contains("--out-root"));
    assert!(stdout(&["completions", "zsh"]).contains("--out-root"));
    let page = stdout(&["man"]);
    assert!(page.contains(".TH gen-repl 1"), "{page}");
    assert!(page.contains("batch"), "{page}");
}

#[test]
fn subcommands_do_not_take_the_flags_of_the_one_module_form() {
    let output = run_gen_repl(&["--src-region", "eu-west-1", "schema"]);
    assert_eq!(output.status.code(), Some(2));
}
