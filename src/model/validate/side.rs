//! Checking one side (the source or a destination) and a destination's rule.

use super::Checker;
use crate::diagnostic::Problem;
use crate::model::encryption::{Encryption, EncryptionKind};
use crate::model::{
    Access, AccessLog, AssumeRole, BucketName, Filter, KmsKeyArn, Region, RoleArn, Rule, Side,
    StorageClass, credentials, filter,
};
use crate::params::settings::SideSettings;

/// Fields that describe a replication rule, which only destinations have.
const RULE_FIELDS: &[&str] = &[
    "id",
    "storage_class",
    "filter",
    "delete_marker_replication",
    "replication_time_control",
    "metrics",
    "replica_modifications",
];

impl Checker<'_> {
    /// The source side, and whether its bucket exists already.
    pub(super) fn source(&mut self, values: &SideSettings) -> Option<(Side, bool)> {
        for field in set_rule_fields(values) {
            let problem = Problem::new(format!(
                "`{field}` describes a destination's rule, not the source"
            ))
            .help(format!(
                "move `{field}` under [destination] or into each [[destinations]] entry"
            ));
            self.error(&format!("source.{field}"), problem);
        }
        let existing = values.existing_bucket.unwrap_or(false);
        if existing && values.bucket.is_none() {
            let problem = Problem::new("an existing source bucket needs its name")
                .help("give it with `--src-bucket NAME` or `bucket` under [source]");
            self.error("source.existing_bucket", problem);
        }
        // Like its encryption, an existing bucket's logging and
        // notifications are its owner's: the module would replace them.
        let owned = [
            (
                "access_log_bucket",
                values.access_log_bucket.is_some(),
                "access logging",
            ),
            (
                "eventbridge",
                values.eventbridge == Some(true),
                "event notifications",
            ),
        ];
        for (field, set, what) in owned {
            if existing && set {
                let problem = Problem::new(format!(
                    "an existing source bucket keeps its own {what}"
                ))
                .note("gen-repl manages only what replication needs on a bucket it did not create")
                .help(format!(
                    "drop {what} from the source settings and set it up where the bucket is managed"
                ));
                self.error(&format!("source.{field}"), problem);
            }
        }
        let side = self.side("source", values, "--src")?;
        // gen-repl leaves an existing bucket's default encryption alone, so
        // it must be told which key (if any) the objects are encrypted with.
        if existing && side.encryption.is_kms() && side.encryption.kms_key().is_none() {
            let problem = Problem::new("an existing source bucket keeps its own encryption, which gen-repl must know")
                .help("give the key its objects use with `--src-kms-key-arn ARN`, or `--src-encryption sse-s3` if it uses keys managed by S3");
            self.error("source.existing_bucket", problem);
            return None;
        }
        Some((side, existing))
    }

    pub(super) fn destination(
        &mut self,
        path: &str,
        values: &SideSettings,
        default_class: &StorageClass,
    ) -> Option<(Side, Rule)> {
        if values.existing_bucket == Some(true) {
            let problem = Problem::new("only the source bucket can be an existing bucket")
                .note(
                    "gen-repl creates every destination bucket, with the policy replication needs",
                )
                .help("remove `existing_bucket` from the destination");
            self.error(&format!("{path}.existing_bucket"), problem);
        }
        let side = self.side(path, values, "--dst");
        let rule = self.rule(path, values, default_class);
        Some((side?, rule?))
    }

    fn side(&mut self, path: &str, values: &SideSettings, flag: &str) -> Option<Side> {
        let field = |name: &str| format!("{path}.{name}");
        let region = match values.region.as_deref() {
            Some(region) => self.region(&field("region"), region),
            None => {
                let problem = Problem::new(format!("the {} region is missing", path))
                    .help(if path.starts_with("destinations[") {
                        format!("add `region` to {path}")
                    } else {
                        let table = if path == "source" { "source" } else { "destination" };
                        format!("give it with `{flag}-region REGION` or `region` under [{table}] in the config")
                    });
                let origin = self.origins.of(&field("id"));
                self.diagnostics.error(problem, origin);
                None
            }
        };
        let bucket = self.parse(
            &field("bucket"),
            values.bucket.as_deref(),
            BucketName::parse,
        );
        let encryption = self.encryption(path, values);
        let role_arn = self.parse(
            &field("role_arn"),
            values.role_arn.as_deref(),
            RoleArn::parse,
        );
        let external_id = self.parse(
            &field("external_id"),
            values.external_id.as_deref(),
            credentials::parse_external_id,
        );
        let session_name = self.parse(
            &field("session_name"),
            values.session_name.as_deref(),
            credentials::parse_session_name,
        );
        let profile = self.parse(
            &field("profile"),
            values.profile.as_deref(),
            credentials::parse_profile,
        );

        if values.role_arn.is_none() {
            for (name, given) in [
                ("external_id", &values.external_id),
                ("session_name", &values.session_name),
            ] {
                if given.is_some() {
                    let words = name.replace('_', " ");
                    let problem = Problem::new(format!(
                        "the {} {words} is set but there is no role to assume",
                        path
                    ))
                    .help(format!("add `{flag}-role-arn ARN`, or remove the {words}"));
                    self.error(&field(name), problem);
                }
            }
        }

        let access_log = self.access_log(path, values, flag, bucket.as_ref());

        let failed = (values.bucket.is_some() && bucket.is_none())
            || (values.role_arn.is_some() && role_arn.is_none())
            || (values.external_id.is_some() && external_id.is_none())
            || (values.session_name.is_some() && session_name.is_none())
            || (values.profile.is_some() && profile.is_none());
        if failed {
            return None;
        }
        let assume_role = role_arn.map(|role_arn| AssumeRole {
            role_arn,
            external_id,
            session_name,
        });
        Some(Side {
            region: region?,
            bucket,
            encryption: encryption?,
            access: Access {
                assume_role,
                profile,
            },
            access_log: access_log?,
            eventbridge: values.eventbridge.unwrap_or(false),
        })
    }

    /// `Some(None)` when the side asks for no access logging; `None` when
    /// what it asks for is wrong.
    fn access_log(
        &mut self,
        path: &str,
        values: &SideSettings,
        flag: &str,
        bucket: Option<&BucketName>,
    ) -> Option<Option<AccessLog>> {
        let field = |name: &str| format!("{path}.{name}");
        let prefix = match &values.access_log_prefix {
            Some(prefix) => Some(self.parse(&field("access_log_prefix"), Some(prefix), |p| {
                filter::parse_key_prefix("access log prefix", p)
            })?),
            None => None,
        };
        let Some(name) = &values.access_log_bucket else {
            if prefix.is_some() {
                let problem = Problem::new(format!(
                    "the {path} access log prefix is set but there is no log bucket"
                ))
                .help(if path.starts_with("destinations[") {
                    format!("add `access_log_bucket` to {path}, or remove the prefix")
                } else {
                    format!("add `{flag}-access-log-bucket BUCKET`, or remove the prefix")
                });
                self.error(&field("access_log_prefix"), problem);
                return None;
            }
            return Some(None);
        };
        let log_bucket = self.parse(&field("access_log_bucket"), Some(name), BucketName::parse)?;
        if bucket == Some(&log_bucket) {
            let problem = Problem::new(format!(
                "the {path} bucket `{log_bucket}` cannot be its own access log bucket"
            ))
            .note("each delivery of its logs would be logged in turn, and the module's bucket policy does not let the S3 logging service write")
            .help(super::LOG_BUCKET_HELP);
            self.error(&field("access_log_bucket"), problem);
            return None;
        }
        Some(Some(AccessLog {
            bucket: log_bucket,
            prefix,
        }))
    }

    fn region(&mut self, path: &str, region: &str) -> Option<Region> {
        match Region::parse(region) {
            Ok(parsed) => {
                if !parsed.known {
                    let problem =
                        Problem::new(format!("`{region}` is not a region gen-repl knows"))
                            .note("it is well formed, so it is used as given; check its spelling");
                    self.warning(path, problem);
                }
                Some(parsed.region)
            }
            Err(problem) => {
                self.error(path, problem);
                None
            }
        }
    }

    fn encryption(&mut self, path: &str, values: &SideSettings) -> Option<Encryption> {
        let field = |name: &str| format!("{path}.{name}");
        let kind = match values.encryption.as_deref() {
            Some(kind) => self.parse(&field("encryption"), Some(kind), EncryptionKind::parse)?,
            None => EncryptionKind::Kms,
        };
        let key = self.parse(
            &field("kms_key_arn"),
            values.kms_key_arn.as_deref(),
            KmsKeyArn::parse,
        );
        if values.kms_key_arn.is_some() && key.is_none() {
            return None;
        }
        match kind {
            EncryptionKind::Kms => Some(Encryption::Kms {
                key,
                bucket_key: values.bucket_key.unwrap_or(true),
            }),
            EncryptionKind::S3Managed => {
                let mut ok = true;
                for (name, given) in [
                    ("kms_key_arn", values.kms_key_arn.is_some()),
                    ("bucket_key", values.bucket_key.is_some()),
                ] {
                    if given {
                        let problem = Problem::new(format!(
                            "`{name}` has no meaning with `sse-s3` encryption"
                        ))
                        .help(format!("remove `{name}`, or choose `kms` encryption"));
                        self.error(&field(name), problem);
                        ok = false;
                    }
                }
                ok.then_some(Encryption::S3Managed)
            }
        }
    }

    fn rule(
        &mut self,
        path: &str,
        values: &SideSettings,
        default_class: &StorageClass,
    ) -> Option<Rule> {
        let field = |name: &str| format!("{path}.{name}");
        let storage_class = match &values.storage_class {
            Some(class) => self.parse(&field("storage_class"), Some(class), StorageClass::parse),
            None => Some(default_class.clone()),
        };
        let filter = self.filter(path, values);
        let replication_time_control = values.replication_time_control.unwrap_or(false);
        if replication_time_control && values.metrics == Some(false) {
            let problem = Problem::new("Replication Time Control is on but its metrics are off")
                .note("S3 requires replication metrics whenever Replication Time Control is on")
                .help("remove `metrics = false`, or turn Replication Time Control off");
            self.error(&field("metrics"), problem);
        }
        let filter = filter?;
        let delete_marker_replication = match values.delete_marker_replication {
            Some(true) if filter.has_tags() => {
                let problem = Problem::new(
                    "delete markers cannot be replicated by a rule that filters on tags",
                )
                .note("S3 refuses delete marker replication in rules with tag filters")
                .help("drop the tags from the filter, or set `delete_marker_replication = false`");
                self.error(&field("delete_marker_replication"), problem);
                false
            }
            Some(enabled) => enabled,
            None if filter.has_tags() => {
                let problem = Problem::new(format!(
                    "delete markers are not replicated to the {}",
                    path
                ))
                .note("S3 does not replicate delete markers in rules with tag filters")
                .help("set `delete_marker_replication = false` to say so and silence this warning");
                self.warning(&field("filter"), problem);
                false
            }
            None => true,
        };
        Some(Rule {
            storage_class: storage_class?,
            filter,
            delete_marker_replication,
            replication_time_control,
            metrics: replication_time_control || values.metrics.unwrap_or(false),
            replica_modifications: values.replica_modifications.unwrap_or(false),
        })
    }

    fn filter(&mut self, path: &str, values: &SideSettings) -> Option<Filter> {
        let Some(settings) = &values.filter else {
            return Some(Filter::Everything);
        };
        let prefix_path = format!("{path}.filter.prefix");
        let prefix = match &settings.prefix {
            Some(prefix) => Some(self.parse(&prefix_path, Some(prefix), |p| {
                filter::parse_key_prefix("filter prefix", p)
            })?),
            None => None,
        };
        let tags = self.tags(&format!("{path}.filter.tags"), &settings.tags, false)?;
        Some(Filter::new(prefix, tags))
    }
}

fn set_rule_fields(values: &SideSettings) -> Vec<&'static str> {
    let set = [
        values.id.is_some(),
        values.storage_class.is_some(),
        values.filter.is_some(),
        values.delete_marker_replication.is_some(),
        values.replication_time_control.is_some(),
        values.metrics.is_some(),
        values.replica_modifications.is_some(),
    ];
    RULE_FIELDS
        .iter()
        .zip(set)
        .filter(|(_, set)| *set)
        .map(|(name, _)| *name)
        .collect()
}
