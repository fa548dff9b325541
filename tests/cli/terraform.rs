//! Every valid fixture's module, checked by the real Terraform against the
//! real `hashicorp/aws` provider from the machine's local mirror, offline.
//!
//! Missing Terraform or a missing mirror fails the run with what is
//! missing: a check that silently skips would prove nothing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use crate::fixture::{Fixture, fixtures};

const MIRROR_ENV: &str = "GEN_REPL_PROVIDER_MIRROR";

#[test]
fn valid_fixtures_pass_terraform_fmt_and_validate() {
    let mirror = provider_mirror();
    let queue = Mutex::new(fixtures("valid"));
    let failures = Mutex::new(Vec::new());
    // Two workers: init and validate are I/O and start-up bound.
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let Some(fixture) = queue.lock().unwrap().pop() else {
                        break;
                    };
                    if let Err(failure) = check_fixture(&fixture, &mirror) {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{}: {failure}", fixture.name));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "terraform rejected fixtures:\n{}",
        failures.join("\n\n")
    );
}

fn check_fixture(fixture: &Fixture, mirror: &Path) -> Result<(), String> {
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    let folder = work.path().join("module");
    let output = fixture.run(&["-o", folder.to_str().unwrap()]);
    if !output.status.success() {
        return Err(format!(
            "gen-repl failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let single = work.path().join("single");
    std::fs::create_dir(&single).unwrap();
    std::fs::write(single.join("main.tf"), fixture.run(&[]).stdout).unwrap();

    terraform(&single, &["fmt", "-check", "-diff"])?;
    terraform(&folder, &["fmt", "-check", "-diff"])?;
    let plugin_dir = format!("-plugin-dir={}", mirror.display());
    terraform(
        &folder,
        &["init", "-backend=false", "-input=false", &plugin_dir],
    )?;
    let report = terraform(&folder, &["validate", "-json"])?;
    let counts = |key: &str| report.contains(&format!("\"{key}\": 0"));
    if !(counts("error_count") && counts("warning_count")) {
        return Err(format!("terraform validate reported problems:\n{report}"));
    }
    Ok(())
}

/// Runs terraform in `dir`, quietly and offline, returning its stdout.
fn terraform(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("terraform")
        .args(args)
        .arg("-no-color")
        .current_dir(dir)
        .env("TF_IN_AUTOMATION", "1")
        .env("CHECKPOINT_DISABLE", "1")
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .output()
        .map_err(|e| format!("cannot run `terraform` (is Terraform on PATH?): {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if output.status.success() {
        Ok(stdout)
    } else {
        Err(format!(
            "`terraform {}` failed:\n{stdout}{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// The folder holding `registry.terraform.io/hashicorp/aws`, from
/// `GEN_REPL_PROVIDER_MIRROR` or found on the machine.
fn provider_mirror() -> PathBuf {
    let holds_aws = |root: &Path| root.join("registry.terraform.io/hashicorp/aws").is_dir();
    if let Ok(configured) = std::env::var(MIRROR_ENV) {
        let root = PathBuf::from(configured);
        assert!(
            holds_aws(&root),
            "{MIRROR_ENV}={} holds no registry.terraform.io/hashicorp/aws",
            root.display()
        );
        return root;
    }
    let found = Command::new("find")
        .args([
            "/",
            "-xdev",
            "-name",
            "terraform-provider-aws*",
            "-path",
            "*registry.terraform.io*",
        ])
        .output()
        .expect("`find` runs");
    let listing = String::from_utf8_lossy(&found.stdout);
    listing
        .lines()
        .filter_map(|binary| {
            let (root, _) = binary.split_once("/registry.terraform.io/")?;
            Some(PathBuf::from(root))
        })
        .find(|root| holds_aws(root))
        .unwrap_or_else(|| {
            panic!(
                "no local mirror of the hashicorp/aws provider was found \
                 (looked for terraform-provider-aws* under a registry.terraform.io folder); \
                 set {MIRROR_ENV} to the folder that holds registry.terraform.io/"
            )
        })
}
