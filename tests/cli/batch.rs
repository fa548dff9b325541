//! `gen-repl batch`: one module per config file, a bad config failing alone.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::fixture::{root, run_gen_repl};

/// A config folder with two valid configs and one that names no
/// destination region.
fn config_folder() -> tempfile::TempDir {
    let configs = tempfile::tempdir().unwrap();
    for name in ["existing-keys.toml", "source-role.json"] {
        fs::copy(
            root().join("fixtures/valid").join(name),
            configs.path().join(name),
        )
        .unwrap();
    }
    fs::write(
        configs.path().join("broken.toml"),
        "[source]\nregion = \"eu-west-1\"\n",
    )
    .unwrap();
    configs
}

fn batch(configs: &Path, out_root: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "batch",
        configs.to_str().unwrap(),
        "--out-root",
        out_root.to_str().unwrap(),
    ];
    args.extend(extra);
    run_gen_repl(&args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn one_bad_config_fails_alone_and_the_exit_code_says_so() {
    let configs = config_folder();
    let out = tempfile::tempdir().unwrap();

    let output = batch(configs.path(), out.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    let broken = configs.path().join("broken.toml").display().to_string();
    assert!(
        message.contains(&format!(
            "error: the destination region is missing\n  --> {broken}\n"
        )),
        "{message}"
    );
    assert!(
        message.ends_with("2 rendered, 0 unchanged, 2 changed, 1 failed\n"),
        "{message}"
    );
    assert!(out.path().join("existing-keys/iam.tf").is_file());
    assert!(out.path().join("source-role/iam.tf").is_file());
    assert!(!out.path().join("broken").exists());
}

/// The two valid configs, rendered.
fn written_batch() -> (tempfile::TempDir, tempfile::TempDir) {
    let configs = config_folder();
    fs::remove_file(configs.path().join("broken.toml")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = batch(configs.path(), out.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    (configs, out)
}

#[test]
fn modules_name_the_batch_command_in_their_header() {
    let (configs, out) = written_batch();

    let iam = fs::read_to_string(out.path().join("source-role/iam.tf")).unwrap();
    let command = format!(
        "# Regenerate with: gen-repl batch {} --out-root {}\n",
        configs.path().display(),
        out.path().display()
    );
    assert!(iam.contains(&command), "{iam}");
}

#[test]
fn batch_check_reports_drift_in_any_module() {
    let (configs, out) = written_batch();

    let output = batch(configs.path(), out.path(), &["--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    assert!(stderr(&output).ends_with("2 rendered, 2 unchanged, 0 would change, 0 failed\n"));

    fs::remove_file(out.path().join("source-role/outputs.tf")).unwrap();
    let output = batch(configs.path(), out.path(), &["--check"]);
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&output.stdout);
    assert!(diff.contains("source-role/outputs.tf\n"), "{diff}");
    assert!(!out.path().join("source-role/outputs.tf").exists());
}

#[test]
fn two_configs_for_one_module_both_fail() {
    let configs = tempfile::tempdir().unwrap();
    let text = "[source]\nregion = \"eu-west-1\"\n[destination]\nregion = \"eu-central-1\"\n";
    fs::write(configs.path().join("orders.toml"), text).unwrap();
    fs::write(
        configs.path().join("orders.json"),
        r#"{"source": {"region": "eu-west-1"}, "destination": {"region": "eu-central-1"}}"#,
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();

    let output = batch(configs.path(), out.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("would all write the module `orders`"));
    assert!(!out.path().join("orders").exists());
}

#[test]
fn a_folder_without_configs_is_an_error() {
    let configs = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = batch(configs.path(), out.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("holds no config files"));
}
