//! One snapshot per fixture: the whole module for a valid one, the messages
//! and exit code for an invalid one.

use std::collections::BTreeSet;

use crate::fixture::{fixtures, root};

#[test]
fn valid_fixtures_render_their_snapshot() {
    let valid = fixtures("valid");
    assert!(valid.len() >= 6, "expected at least 6 valid fixtures");
    for fixture in valid {
        let output = fixture.run(&[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{}: {stderr}", fixture.name);
        let mut snapshot = String::from_utf8(output.stdout).expect("output is UTF-8");
        if !stderr.is_empty() {
            snapshot.push_str("\n----- stderr -----\n");
            snapshot.push_str(&stderr);
        }
        insta::assert_snapshot!(format!("valid__{}", fixture.name), snapshot);
    }
}

#[test]
fn invalid_fixtures_fail_with_their_snapshot() {
    let invalid = fixtures("invalid");
    assert!(invalid.len() >= 25, "expected at least 25 invalid fixtures");
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
