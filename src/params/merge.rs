//! Merging a config file and flags into one `Settings`, remembering where
//! each value came from. Flags win over the file.

use std::collections::BTreeMap;

use super::config_file::ConfigFile;
use super::flags::SettingFlags;
use super::settings::{Settings, SideSettings};
use crate::diagnostic::{Diagnostics, Origin};
use crate::model::tag;

/// Where each field of the merged settings was set, keyed by field path.
#[derive(Debug, Default, Clone)]
pub struct Origins(BTreeMap<String, Origin>);

impl Origins {
    pub fn of(&self, path: &str) -> Option<Origin> {
        self.0.get(path).cloned()
    }

    fn flag(&mut self, path: &str, flag: &str) {
        self.0
            .insert(path.to_owned(), Origin::Flag(flag.to_owned()));
    }
}

pub struct Merged {
    pub settings: Settings,
    pub origins: Origins,
}

pub fn merge(file: Option<&ConfigFile>, flags: &SettingFlags) -> Result<Merged, Diagnostics> {
    let mut settings = file.map(|f| f.settings.clone()).unwrap_or_default();
    let mut origins = Origins::default();
    if let Some(file) = file {
        for path in field_paths(&settings) {
            let line = file.line_of(&path);
            let origin = Origin::Field {
                file: file.label.clone(),
                path: path.clone(),
                line,
            };
            origins.0.insert(path, origin);
        }
    }
    let mut diagnostics = Diagnostics::default();
    merge_values(&mut settings, &mut origins, flags);
    merge_switches(&mut settings, &mut origins, flags);
    merge_tags(&mut settings, &mut origins, flags, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Merged { settings, origins })
}

/// Flags that carry a value.
fn merge_values(settings: &mut Settings, origins: &mut Origins, flags: &SettingFlags) {
    let mut set = |path: &str, flag: &str, target: &mut Option<String>, value: &Option<String>| {
        if let Some(value) = value {
            *target = Some(value.clone());
            origins.flag(path, flag);
        }
    };
    set("name", "--name", &mut settings.name, &flags.name);
    set(
        "storage_class",
        "--storage-class",
        &mut settings.storage_class,
        &flags.storage_class,
    );
    for (side, prefix, values) in [
        ("source", "--src", &mut settings.source),
        ("destination", "--dst", &mut settings.destination),
    ] {
        let is_source = side == "source";
        let pick = |source: &Option<String>, destination: &Option<String>| {
            if is_source {
                source.clone()
            } else {
                destination.clone()
            }
        };
        let fields: [(&str, &mut Option<String>, Option<String>); 10] = [
            (
                "region",
                &mut values.region,
                pick(&flags.src_region, &flags.dst_region),
            ),
            (
                "bucket",
                &mut values.bucket,
                pick(&flags.src_bucket, &flags.dst_bucket),
            ),
            (
                "kms-key-arn",
                &mut values.kms_key_arn,
                pick(&flags.src_kms_key_arn, &flags.dst_kms_key_arn),
            ),
            (
                "role-arn",
                &mut values.role_arn,
                pick(&flags.src_role_arn, &flags.dst_role_arn),
            ),
            (
                "external-id",
                &mut values.external_id,
                pick(&flags.src_external_id, &flags.dst_external_id),
            ),
            (
                "session-name",
                &mut values.session_name,
                pick(&flags.src_session_name, &flags.dst_session_name),
            ),
            (
                "profile",
                &mut values.profile,
                pick(&flags.src_profile, &flags.dst_profile),
            ),
            (
                "encryption",
                &mut values.encryption,
                pick(&flags.src_encryption, &flags.dst_encryption),
            ),
            (
                "access-log-bucket",
                &mut values.access_log_bucket,
                pick(&flags.src_access_log_bucket, &flags.dst_access_log_bucket),
            ),
            (
                "access-log-prefix",
                &mut values.access_log_prefix,
                pick(&flags.src_access_log_prefix, &flags.dst_access_log_prefix),
            ),
        ];
        for (name, target, value) in fields {
            let path = format!("{side}.{}", name.replace('-', "_"));
            set(&path, &format!("{prefix}-{name}"), target, &value);
        }
    }
    if let Some(days) = flags.noncurrent_days {
        settings.noncurrent_version_expiration_days = Some(days);
        origins.flag("noncurrent_version_expiration_days", "--noncurrent-days");
    }
}

/// Flags that switch a setting on or off when present.
fn merge_switches(settings: &mut Settings, origins: &mut Origins, flags: &SettingFlags) {
    let (source, destination) = (&mut settings.source, &mut settings.destination);
    let switches: [(&str, &str, &mut Option<bool>, bool, bool); 11] = [
        (
            "bidirectional",
            "--bidirectional",
            &mut settings.bidirectional,
            flags.bidirectional,
            true,
        ),
        (
            "existing_objects",
            "--existing-objects",
            &mut settings.existing_objects,
            flags.existing_objects,
            true,
        ),
        (
            "source.existing_bucket",
            "--existing-source-bucket",
            &mut source.existing_bucket,
            flags.existing_source_bucket,
            true,
        ),
        (
            "source.bucket_key",
            "--no-src-bucket-key",
            &mut source.bucket_key,
            flags.no_src_bucket_key,
            false,
        ),
        (
            "destination.bucket_key",
            "--no-dst-bucket-key",
            &mut destination.bucket_key,
            flags.no_dst_bucket_key,
            false,
        ),
        (
            "source.eventbridge",
            "--src-eventbridge",
            &mut source.eventbridge,
            flags.src_eventbridge,
            true,
        ),
        (
            "destination.eventbridge",
            "--dst-eventbridge",
            &mut destination.eventbridge,
            flags.dst_eventbridge,
            true,
        ),
        (
            "destination.delete_marker_replication",
            "--no-delete-marker-replication",
            &mut destination.delete_marker_replication,
            flags.no_delete_marker_replication,
            false,
        ),
        (
            "destination.replication_time_control",
            "--replication-time-control",
            &mut destination.replication_time_control,
            flags.replication_time_control,
            true,
        ),
        (
            "destination.metrics",
            "--metrics",
            &mut destination.metrics,
            flags.metrics,
            true,
        ),
        (
            "destination.replica_modifications",
            "--replica-modifications",
            &mut destination.replica_modifications,
            flags.replica_modifications,
            true,
        ),
    ];
    for (path, flag, target, present, value) in switches {
        if present {
            *target = Some(value);
            origins.flag(path, flag);
        }
    }
}

/// `--tag` and `--filter-tag` (`KEY=VALUE`), and `--prefix`.
fn merge_tags(
    settings: &mut Settings,
    origins: &mut Origins,
    flags: &SettingFlags,
    diagnostics: &mut Diagnostics,
) {
    for assignment in &flags.tags {
        match tag::split_assignment(assignment) {
            Ok((key, value)) => {
                settings.tags.insert(key.to_owned(), value.to_owned());
                origins.flag(&format!("tags.{key}"), "--tag");
            }
            Err(problem) => diagnostics.error(problem, Some(Origin::Flag("--tag".to_owned()))),
        }
    }
    if flags.prefix.is_none() && flags.filter_tags.is_empty() {
        return;
    }
    let filter = settings
        .destination
        .filter
        .get_or_insert_with(Default::default);
    if let Some(prefix) = &flags.prefix {
        filter.prefix = Some(prefix.clone());
        origins.flag("destination.filter.prefix", "--prefix");
    }
    for assignment in &flags.filter_tags {
        match tag::split_assignment(assignment) {
            Ok((key, value)) => {
                filter.tags.insert(key.to_owned(), value.to_owned());
                origins.flag(&format!("destination.filter.tags.{key}"), "--filter-tag");
            }
            Err(problem) => {
                diagnostics.error(problem, Some(Origin::Flag("--filter-tag".to_owned())))
            }
        }
    }
}

/// The paths of every field a file set, for pointing errors at its lines.
fn field_paths(settings: &Settings) -> Vec<String> {
    let top = [
        ("bidirectional", settings.bidirectional.is_some()),
        ("existing_objects", settings.existing_objects.is_some()),
        ("name", settings.name.is_some()),
        ("storage_class", settings.storage_class.is_some()),
        (
            "noncurrent_version_expiration_days",
            settings.noncurrent_version_expiration_days.is_some(),
        ),
    ];
    let mut paths: Vec<String> = top
        .iter()
        .filter(|(_, set)| *set)
        .map(|(path, _)| (*path).to_owned())
        .collect();
    paths.extend(settings.tags.keys().map(|key| format!("tags.{key}")));
    let mut sides = vec![
        ("source".to_owned(), &settings.source),
        ("destination".to_owned(), &settings.destination),
    ];
    for (i, destination) in settings.destinations.iter().enumerate() {
        sides.push((format!("destinations[{i}]"), destination));
    }
    for (side, values) in sides {
        paths.extend(
            side_fields(values)
                .into_iter()
                .map(|field| format!("{side}.{field}")),
        );
        if let Some(filter) = &values.filter {
            paths.push(format!("{side}.filter"));
            if filter.prefix.is_some() {
                paths.push(format!("{side}.filter.prefix"));
            }
            paths.extend(
                filter
                    .tags
                    .keys()
                    .map(|key| format!("{side}.filter.tags.{key}")),
            );
        }
    }
    paths
}

fn side_fields(side: &SideSettings) -> Vec<&'static str> {
    let values = [
        ("region", side.region.is_some()),
        ("bucket", side.bucket.is_some()),
        ("kms_key_arn", side.kms_key_arn.is_some()),
        ("role_arn", side.role_arn.is_some()),
        ("external_id", side.external_id.is_some()),
        ("session_name", side.session_name.is_some()),
        ("profile", side.profile.is_some()),
        ("encryption", side.encryption.is_some()),
        ("bucket_key", side.bucket_key.is_some()),
        ("existing_bucket", side.existing_bucket.is_some()),
        ("access_log_bucket", side.access_log_bucket.is_some()),
        ("access_log_prefix", side.access_log_prefix.is_some()),
        ("eventbridge", side.eventbridge.is_some()),
        ("id", side.id.is_some()),
        ("storage_class", side.storage_class.is_some()),
        (
            "delete_marker_replication",
            side.delete_marker_replication.is_some(),
        ),
        (
            "replication_time_control",
            side.replication_time_control.is_some(),
        ),
        ("metrics", side.metrics.is_some()),
        (
            "replica_modifications",
            side.replica_modifications.is_some(),
        ),
    ];
    values
        .iter()
        .filter(|(_, set)| *set)
        .map(|(name, _)| *name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_the_file_and_take_its_place_as_origin() {
        let text = "[destination]\nregion = \"us-west-1\"\n".to_owned();
        let file = ConfigFile::parse("c.toml".into(), text).unwrap();
        let flags = SettingFlags {
            dst_region: Some("us-west-2".into()),
            ..Default::default()
        };
        let merged = merge(Some(&file), &flags).unwrap();
        assert_eq!(
            merged.settings.destination.region.as_deref(),
            Some("us-west-2")
        );
        let origin = merged.origins.of("destination.region");
        assert_eq!(origin, Some(Origin::Flag("--dst-region".into())));
    }

    #[test]
    fn file_fields_keep_their_line() {
        let text = "name = \"x\"\n[source]\nregion = \"us-west-1\"\n".to_owned();
        let file = ConfigFile::parse("c.toml".into(), text).unwrap();
        let merged = merge(Some(&file), &SettingFlags::default()).unwrap();
        let expected = Origin::Field {
            file: "c.toml".into(),
            path: "source.region".into(),
            line: Some(3),
        };
        assert_eq!(merged.origins.of("source.region"), Some(expected));
    }

    #[test]
    fn tag_flag_without_equals_sign_is_an_error() {
        let flags = SettingFlags {
            tags: vec!["team".into()],
            ..Default::default()
        };
        assert!(merge(None, &flags).is_err());
    }

    #[test]
    fn switches_set_their_field_only_when_given() {
        let flags = SettingFlags {
            no_dst_bucket_key: true,
            ..Default::default()
        };
        let merged = merge(None, &flags).unwrap();
        assert_eq!(merged.settings.destination.bucket_key, Some(false));
        assert_eq!(merged.settings.source.bucket_key, None);
    }
}
