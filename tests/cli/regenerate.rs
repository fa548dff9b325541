//! Regenerating a module folder: the drift check and its exit codes, safe
//! writes that never clobber a person's work, and atomic replacement.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use crate::fixture::{BINARY, run_gen_repl};

const SETTINGS: &[&str] = &[
    "--src-region",
    "ap-southeast-2",
    "--dst-region",
    "us-west-2",
];

/// Runs gen-repl with `SETTINGS`, `-o dir` and `extra`.
fn regenerate(dir: &Path, extra: &[&str]) -> Output {
    let mut args = SETTINGS.to_vec();
    args.extend(["-o", dir.to_str().unwrap()]);
    args.extend(extra);
    run_gen_repl(&args)
}

/// Every file of a folder by name, with its text.
fn contents(dir: &Path) -> BTreeMap<String, String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A written module and the folder that holds it.
fn written_module() -> (tempfile::TempDir, std::path::PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("module");
    let output = regenerate(&dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    (root, dir)
}

#[test]
fn check_of_an_up_to_date_folder_exits_0_and_prints_nothing() {
    let (_root, dir) = written_module();
    let output = regenerate(&dir, &["--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn check_of_a_drifted_folder_exits_1_with_a_diff() {
    let (_root, dir) = written_module();
    let iam = dir.join("iam.tf");
    let edited = fs::read_to_string(&iam)
        .unwrap()
        .replace("s3:ListBucket", "s3:*");
    fs::write(&iam, edited).unwrap();
    fs::remove_file(dir.join("outputs.tf")).unwrap();
    let before = contents(&dir);

    let output = regenerate(&dir, &["--check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let diff = stdout(&output);
    let iam_path = iam.display().to_string();
    assert!(
        diff.contains(&format!("--- {iam_path}\n+++ {iam_path}\n")),
        "{diff}"
    );
    assert!(diff.contains("-      \"s3:*\",\n"), "{diff}");
    assert!(diff.contains("+      \"s3:ListBucket\",\n"), "{diff}");
    let outputs_path = dir.join("outputs.tf").display().to_string();
    assert!(
        diff.contains(&format!("--- /dev/null\n+++ {outputs_path}\n")),
        "{diff}"
    );
    assert_eq!(contents(&dir), before, "--check must write nothing");
}

#[test]
fn check_with_invalid_settings_exits_2() {
    let (_root, dir) = written_module();
    let output = run_gen_repl(&[
        "--src-region",
        "eu-wset-1",
        "--dst-region",
        "us-west-2",
        "-o",
        dir.to_str().unwrap(),
        "--check",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).starts_with("error: "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_needs_an_output_folder() {
    let mut args = SETTINGS.to_vec();
    args.push("--check");
    assert_eq!(run_gen_repl(&args).status.code(), Some(2));
}

#[test]
fn hand_edited_file_is_not_overwritten() {
    let (_root, dir) = written_module();
    let kms = dir.join("kms.tf");
    let edited = format!("{}# a note of mine\n", fs::read_to_string(&kms).unwrap());
    fs::write(&kms, &edited).unwrap();
    let before = contents(&dir);

    let output = regenerate(&dir, &["--name", "other"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with(&format!(
            "error: `{}` was edited since gen-repl wrote it\n",
            kms.display()
        )),
        "{message}"
    );
    assert!(message.contains("--force"), "{message}");
    assert_eq!(contents(&dir), before);
}

#[test]
fn file_without_the_header_is_not_overwritten() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("module");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("versions.tf"), "terraform {}\n").unwrap();

    let output = regenerate(&dir, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("was not written by gen-repl"),
        "{}",
        stderr(&output)
    );
    assert_eq!(contents(&dir).len(), 1);
}

#[test]
fn force_overwrites_a_hand_edited_file() {
    let (_root, dir) = written_module();
    let kms = dir.join("kms.tf");
    let original = fs::read_to_string(&kms).unwrap();
    fs::write(&kms, format!("{original}# a note of mine\n")).unwrap();

    let output = regenerate(&dir, &["--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&kms).unwrap(), original);
}

#[test]
fn a_file_no_longer_generated_is_removed_only_when_intact() {
    let (_root, dir) = written_module();
    let versions = fs::read_to_string(dir.join("versions.tf")).unwrap();
    // Copies of a generated file carry an intact header under any name.
    fs::write(dir.join("retired.tf"), &versions).unwrap();
    fs::write(dir.join("edited.tf"), format!("{versions}# mine\n")).unwrap();
    fs::write(dir.join("notes.md"), "mine\n").unwrap();

    let check = regenerate(&dir, &["--check"]);
    assert_eq!(check.status.code(), Some(1));
    let retired = dir.join("retired.tf").display().to_string();
    assert!(stdout(&check).contains(&format!("--- {retired}\n+++ /dev/null\n")));

    let output = regenerate(&dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!dir.join("retired.tf").exists());
    assert!(dir.join("edited.tf").exists());
    assert!(dir.join("notes.md").exists());
    assert!(stderr(&output).contains("edited.tf` is no longer generated"));
}

#[test]
fn invalid_settings_leave_the_folder_as_it_was() {
    let (_root, dir) = written_module();
    let before = contents(&dir);
    let output = regenerate(&dir, &["--name", "Not_Valid"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(contents(&dir), before);
}

/// Runs gen-repl under a file size limit that kills it with SIGXFSZ part
/// way through writing the module, as a crash would.
fn crash_while_writing(dir: &Path) {
    let mut script = format!("ulimit -f 2; exec '{BINARY}'");
    for arg in SETTINGS.iter().chain(&["--name", "crash", "-o"]) {
        script.push_str(&format!(" '{arg}'"));
    }
    script.push_str(&format!(" '{}'", dir.display()));
    let output = Command::new("sh").arg("-c").arg(script).output().unwrap();
    assert_ne!(
        output.status.code(),
        Some(0),
        "the write should have crashed"
    );
}

#[test]
fn a_crash_while_writing_leaves_the_folder_as_it_was() {
    let (root, dir) = written_module();
    let before = contents(&dir);

    crash_while_writing(&dir);
    assert_eq!(contents(&dir), before);

    // The next run finishes the job and leaves nothing of the crash behind.
    let output = regenerate(&dir, &["--name", "crash"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let siblings: Vec<_> = fs::read_dir(root.path()).unwrap().collect();
    assert_eq!(siblings.len(), 1, "only the module folder remains");
}

#[test]
fn a_crash_in_a_shared_folder_leaves_its_files_as_they_were() {
    let (_root, dir) = written_module();
    fs::write(dir.join("terraform.tfstate"), "{}\n").unwrap();
    let before = contents(&dir);

    crash_while_writing(&dir);
    let after = contents(&dir);
    for (name, text) in &before {
        assert_eq!(after.get(name), Some(text), "{name} changed");
    }

    let output = regenerate(&dir, &["--name", "crash"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let names: Vec<String> = contents(&dir).into_keys().collect();
    assert_eq!(
        names.len(),
        before.len(),
        "no staged file is left: {names:?}"
    );
}
