//! The command-line surface: help, messages and exit codes.

use crate::fixture::run_gen_repl;

#[test]
fn every_problem_in_the_input_is_reported_in_one_run() {
    let output = run_gen_repl(&[
        "--src-region",
        "eu-wset-1",
        "--dst-bucket",
        "Bad_Bucket",
        "--storage-class",
        "COLD",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stderr), @"
    error: `COLD` is not a storage class for replicas
      --> --storage-class
    help: use one of STANDARD, REDUCED_REDUNDANCY, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER, GLACIER_IR, DEEP_ARCHIVE

    error: `eu-wset-1` is not a known AWS region
      --> --src-region
    help: did you mean `eu-west-1`?

    error: 2 problems found; nothing was written
    ");
}

#[test]
fn unknown_region_is_a_warning_not_an_error() {
    let output = run_gen_repl(&["--src-region", "xy-polar-9", "--dst-region", "us-west-2"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stderr), @"
    warning: `xy-polar-9` is not a region gen-repl knows
      --> --src-region
    note: it is well formed, so it is used as given; check its spelling
    ");
}

#[test]
fn print_config_shows_merged_settings_with_defaults() {
    let output = run_gen_repl(&[
        "--config",
        "fixtures/valid/explicit-names.toml",
        "--storage-class",
        "STANDARD",
        "--print-config",
    ]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stdout), @r#"
    name = "orders"
    storage_class = "STANDARD"
    noncurrent_version_expiration_days = 365

    [source]
    region = "us-east-1"
    bucket = "acme-orders-prod"

    [destination]
    region = "us-west-2"
    bucket = "acme-orders-backup.dr"
    role_arn = "arn:aws:iam::222222222222:role/platform/backup-deployer"
    "#);
}

#[test]
fn usage_error_exits_with_2() {
    let output = run_gen_repl(&["--no-such-flag"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn folder_output_writes_one_file_per_concern() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("module");
    let output = run_gen_repl(&[
        "--src-region",
        "ap-southeast-2",
        "--dst-region",
        "us-west-2",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stdout.is_empty(),
        "folder output prints nothing on stdout"
    );
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "buckets.tf",
            "iam.tf",
            "kms.tf",
            "outputs.tf",
            "providers.tf",
            "replication.tf",
            "variables.tf",
            "versions.tf"
        ]
    );
}
