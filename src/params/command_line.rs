//! Writing settings back as the flags that produce them, for the
//! "regenerate with" line in every generated file.

use super::settings::{Settings, SideSettings};

/// The shortest `gen-repl` invocation that yields `settings`, flags in a
/// fixed order so the line is the same however the settings were given;
/// `None` when flags cannot say it (a list of destinations).
pub fn canonical_command(settings: &Settings) -> Option<String> {
    let destination = &settings.destination;
    if !settings.destinations.is_empty() || destination.id.is_some() {
        return None;
    }
    let mut words = vec!["gen-repl".to_owned()];
    let mut push = |flag: &str, value: &Option<String>| {
        if let Some(value) = value {
            words.push(flag.to_owned());
            words.push(shell_quote(value));
        }
    };
    push_side(&mut push, "--src", &settings.source);
    push_side(&mut push, "--dst", destination);
    push("--name", &settings.name);
    let storage_class = destination
        .storage_class
        .as_ref()
        .or(settings.storage_class.as_ref());
    push("--storage-class", &storage_class.cloned());
    push(
        "--noncurrent-days",
        &settings
            .noncurrent_version_expiration_days
            .map(|d| d.to_string()),
    );
    for (key, value) in &settings.tags {
        push("--tag", &Some(format!("{key}={value}")));
    }
    if let Some(filter) = &destination.filter {
        push("--prefix", &filter.prefix);
        for (key, value) in &filter.tags {
            push("--filter-tag", &Some(format!("{key}={value}")));
        }
    }
    let switches = [
        (
            "--existing-source-bucket",
            settings.source.existing_bucket == Some(true),
        ),
        (
            "--no-src-bucket-key",
            settings.source.bucket_key == Some(false),
        ),
        ("--no-dst-bucket-key", destination.bucket_key == Some(false)),
        (
            "--src-eventbridge",
            settings.source.eventbridge == Some(true),
        ),
        ("--dst-eventbridge", destination.eventbridge == Some(true)),
        (
            "--no-delete-marker-replication",
            destination.delete_marker_replication == Some(false),
        ),
        (
            "--replication-time-control",
            destination.replication_time_control == Some(true),
        ),
        ("--metrics", destination.metrics == Some(true)),
        (
            "--replica-modifications",
            destination.replica_modifications == Some(true),
        ),
        ("--bidirectional", settings.bidirectional == Some(true)),
        (
            "--existing-objects",
            settings.existing_objects == Some(true),
        ),
    ];
    words.extend(
        switches
            .iter()
            .filter(|(_, on)| *on)
            .map(|(flag, _)| (*flag).to_owned()),
    );
    Some(words.join(" "))
}

fn push_side(push: &mut impl FnMut(&str, &Option<String>), prefix: &str, side: &SideSettings) {
    push(&format!("{prefix}-region"), &side.region);
    push(&format!("{prefix}-role-arn"), &side.role_arn);
    push(&format!("{prefix}-external-id"), &side.external_id);
    push(&format!("{prefix}-session-name"), &side.session_name);
    push(&format!("{prefix}-profile"), &side.profile);
    push(&format!("{prefix}-bucket"), &side.bucket);
    push(&format!("{prefix}-kms-key-arn"), &side.kms_key_arn);
    push(&format!("{prefix}-encryption"), &side.encryption);
    push(
        &format!("{prefix}-access-log-bucket"),
        &side.access_log_bucket,
    );
    push(
        &format!("{prefix}-access-log-prefix"),
        &side.access_log_prefix,
    );
}

/// The `gen-repl batch` invocation that regenerates every module of a
/// batch, for the header of each of them.
pub fn batch_command(config_dir: &str, out_root: &str) -> String {
    format!(
        "gen-repl batch {} --out-root {}",
        shell_quote(config_dir),
        shell_quote(out_root)
    )
}

/// Quotes for POSIX shells only when the value needs it.
pub fn shell_quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./:=@,+-".contains(c));
    if plain {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_follow_a_fixed_order() {
        let mut settings = Settings::default();
        settings.destination.region = Some("us-west-2".into());
        settings.source.region = Some("ap-southeast-2".into());
        assert_eq!(
            canonical_command(&settings).as_deref(),
            Some("gen-repl --src-region ap-southeast-2 --dst-region us-west-2")
        );
    }

    #[test]
    fn a_list_of_destinations_cannot_be_said_with_flags() {
        let mut settings = Settings::default();
        settings.destinations.push(SideSettings::default());
        assert_eq!(canonical_command(&settings), None);
    }

    #[test]
    fn values_with_shell_characters_are_quoted() {
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("team=platform"), "team=platform");
    }
}
