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

    let mut set = |path: &str, flag: &str, target: &mut Option<String>, value: &Option<String>| {
        if let Some(value) = value {
            *target = Some(value.clone());
            origins
                .0
                .insert(path.to_owned(), Origin::Flag(flag.to_owned()));
        }
    };
    set("name", "--name", &mut settings.name, &flags.name);
    set(
        "storage_class",
        "--storage-class",
        &mut settings.storage_class,
        &flags.storage_class,
    );
    let (src, dst) = (&mut settings.source, &mut settings.destination);
    set(
        "source.region",
        "--src-region",
        &mut src.region,
        &flags.src_region,
    );
    set(
        "source.bucket",
        "--src-bucket",
        &mut src.bucket,
        &flags.src_bucket,
    );
    set(
        "source.kms_key_arn",
        "--src-kms-key-arn",
        &mut src.kms_key_arn,
        &flags.src_kms_key_arn,
    );
    set(
        "source.role_arn",
        "--src-role-arn",
        &mut src.role_arn,
        &flags.src_role_arn,
    );
    set(
        "source.external_id",
        "--src-external-id",
        &mut src.external_id,
        &flags.src_external_id,
    );
    set(
        "source.session_name",
        "--src-session-name",
        &mut src.session_name,
        &flags.src_session_name,
    );
    set(
        "source.profile",
        "--src-profile",
        &mut src.profile,
        &flags.src_profile,
    );
    set(
        "destination.region",
        "--dst-region",
        &mut dst.region,
        &flags.dst_region,
    );
    set(
        "destination.bucket",
        "--dst-bucket",
        &mut dst.bucket,
        &flags.dst_bucket,
    );
    set(
        "destination.kms_key_arn",
        "--dst-kms-key-arn",
        &mut dst.kms_key_arn,
        &flags.dst_kms_key_arn,
    );
    set(
        "destination.role_arn",
        "--dst-role-arn",
        &mut dst.role_arn,
        &flags.dst_role_arn,
    );
    set(
        "destination.external_id",
        "--dst-external-id",
        &mut dst.external_id,
        &flags.dst_external_id,
    );
    set(
        "destination.session_name",
        "--dst-session-name",
        &mut dst.session_name,
        &flags.dst_session_name,
    );
    set(
        "destination.profile",
        "--dst-profile",
        &mut dst.profile,
        &flags.dst_profile,
    );

    if let Some(days) = flags.noncurrent_days {
        settings.noncurrent_version_expiration_days = Some(days);
        let path = "noncurrent_version_expiration_days";
        origins.0.insert(
            path.to_owned(),
            Origin::Flag("--noncurrent-days".to_owned()),
        );
    }

    let mut diagnostics = Diagnostics::default();
    for assignment in &flags.tags {
        match tag::split_assignment(assignment) {
            Ok((key, value)) => {
                settings.tags.insert(key.to_owned(), value.to_owned());
                origins
                    .0
                    .insert(format!("tags.{key}"), Origin::Flag("--tag".to_owned()));
            }
            Err(problem) => diagnostics.error(problem, Some(Origin::Flag("--tag".to_owned()))),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Merged { settings, origins })
}

/// The paths of every field a file set, for pointing errors at its lines.
fn field_paths(settings: &Settings) -> Vec<String> {
    let mut paths = Vec::new();
    let top = [
        ("name", settings.name.is_some()),
        ("storage_class", settings.storage_class.is_some()),
        (
            "noncurrent_version_expiration_days",
            settings.noncurrent_version_expiration_days.is_some(),
        ),
    ];
    paths.extend(
        top.iter()
            .filter(|(_, set)| *set)
            .map(|(path, _)| (*path).to_owned()),
    );
    paths.extend(settings.tags.keys().map(|key| format!("tags.{key}")));
    for (side, values) in [
        ("source", &settings.source),
        ("destination", &settings.destination),
    ] {
        paths.extend(
            side_fields(values)
                .into_iter()
                .map(|field| format!("{side}.{field}")),
        );
    }
    paths
}

fn side_fields(side: &SideSettings) -> Vec<&'static str> {
    let fields = [
        ("region", &side.region),
        ("bucket", &side.bucket),
        ("kms_key_arn", &side.kms_key_arn),
        ("role_arn", &side.role_arn),
        ("external_id", &side.external_id),
        ("session_name", &side.session_name),
        ("profile", &side.profile),
    ];
    fields
        .iter()
        .filter(|(_, value)| value.is_some())
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
        assert_eq!(
            merged.origins.of("destination.region"),
            Some(Origin::Flag("--dst-region".into()))
        );
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
}
