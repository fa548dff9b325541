//! One snapshot per fixture: the whole module for a valid one, the messages
//! and exit code for an invalid one.

use std::collections::BTreeSet;
use std::path::Path;

use crate::fixture::{fixtures, root};

/// Valid fixtures are written as module folders (a runbook, for one, only
/// exists in a folder) and snapshotted file by file, in the module's order.
#[test]
fn valid_fixtures_render_their_snapshot() {
    let valid = fixtures("valid");
    assert!(valid.len() >= 18, "expected at least 18 valid fixtures");
    for fixture in valid {
        // A relative folder keeps the regenerate line in the headers stable.
        let relative = format!("target/fixture-modules/{}", fixture.name);
        let folder = root().join(&relative);
        let _ = std::fs::remove_dir_all(&folder);
        let output = fixture.run(&["-o", &relative]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{}: {stderr}", fixture.name);
        let mut snapshot = module_text(&folder);
        if !stderr.is_empty() {
            snapshot.push_str("----- stderr -----\n");
            snapshot.push_str(&stderr);
        }
        insta::assert_snapshot!(format!("valid__{}", fixture.name), snapshot);
    }
}

/// The files of a module folder in the order a reader needs them, each
/// under a separator line naming it.
fn module_text(folder: &Path) -> String {
    const ORDER: &[&str] = &[
        "versions.tf",
        "variables.tf",
        "providers.tf",
        "kms.tf",
        "buckets.tf",
        "iam.tf",
        "replication.tf",
        "outputs.tf",
        "imports.tf",
        "existing-objects.sh",
    ];
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("module folder exists")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in &names {
        assert!(
            ORDER.contains(&name.as_str()),
            "unexpected file `{name}` in the module"
        );
    }
    names.sort_by_key(|name| ORDER.iter().position(|o| o == name));
    let mut text = String::new();
    for name in names {
        text.push_str(&format!("----- {name} -----\n"));
        text.push_str(&std::fs::read_to_string(folder.join(&name)).unwrap());
    }
    text
}

#[test]
fn invalid_fixtures_fail_with_their_snapshot() {
    let invalid = fixtures("invalid");
    assert!(invalid.len() >= 40, "expected at least 40 invalid fixtures");
    for fixture in invalid {
        let output = fixture.run(&[]);
        assert!(
            output.stdout.is_empty(),
            "{}: printed a module",
            fixture.name
        );
        let snapshot = format!(
            "exit code: {:?}\n{}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            output.status.code(),
            Some(2),
            "{}: {snapshot}",
            fixture.name
        );
        insta::assert_snapshot!(format!("invalid__{}", fixture.name), snapshot);
    }
}

/// A snapshot whose fixture was renamed or removed would never be checked
/// again; it must go with its fixture.
#[test]
fn every_fixture_snapshot_has_a_fixture() {
    let names: BTreeSet<String> = ["valid", "invalid"]
        .iter()
        .flat_map(|kind| {
            fixtures(kind)
                .into_iter()
                .map(move |f| format!("{kind}__{}", f.name))
        })
        .collect();
    let dir = root().join("tests/cli/snapshots");
    for entry in std::fs::read_dir(dir).expect("snapshot folder exists") {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(name) = file
            .strip_prefix("cli__fixtures__")
            .and_then(|f| f.strip_suffix(".snap"))
        else {
            continue;
        };
        assert!(names.contains(name), "snapshot `{file}` has no fixture");
    }
}
