//! Turning raw settings into a `Model`, collecting every problem on the way.

use super::{
    Access, AssumeRole, BucketName, KmsKeyArn, Model, NamePrefix, Region, RoleArn, Side,
    StorageClass, Tag, credentials,
};
use crate::diagnostic::{Diagnostics, Problem};
use crate::params::merge::{Merged, Origins};
use crate::params::settings::SideSettings;

pub const DEFAULT_NAME: &str = "replication";
pub const DEFAULT_NONCURRENT_DAYS: u32 = 90;

/// Longest account id and separators around it in a derived bucket name:
/// `PREFIX-destination-ACCOUNT-REGION`.
const ACCOUNT_ID_LEN: usize = 12;

/// Validates everything and returns the model with its warnings, or all the
/// errors (warnings included) when any value is wrong.
pub fn validate(merged: &Merged) -> Result<(Model, Diagnostics), Diagnostics> {
    let mut checker = Checker {
        origins: &merged.origins,
        diagnostics: Diagnostics::default(),
    };
    let settings = &merged.settings;

    let name = checker.parse(
        "name",
        settings.name.as_deref().or(Some(DEFAULT_NAME)),
        NamePrefix::parse,
    );
    let storage_class = match &settings.storage_class {
        Some(class) => checker.parse("storage_class", Some(class), StorageClass::parse),
        None => Some(StorageClass::DEFAULT),
    };
    let noncurrent_days = checker.noncurrent_days(settings.noncurrent_version_expiration_days);
    let tags = checker.tags(settings);
    let source = checker.side("source", &settings.source);
    let destination = checker.side("destination", &settings.destination);

    let (Some(name), Some(storage_class), Some(noncurrent_days), Some(source), Some(destination)) =
        (name, storage_class, noncurrent_days, source, destination)
    else {
        return Err(checker.diagnostics);
    };
    let model = Model {
        name,
        storage_class,
        noncurrent_version_expiration_days: noncurrent_days,
        tags,
        source,
        destination,
    };
    checker.relations(&model);
    if checker.diagnostics.has_errors() {
        return Err(checker.diagnostics);
    }
    Ok((model, checker.diagnostics))
}

struct Checker<'a> {
    origins: &'a Origins,
    diagnostics: Diagnostics,
}

impl Checker<'_> {
    fn error(&mut self, path: &str, problem: Problem) {
        self.diagnostics.error(problem, self.origins.of(path));
    }

    fn warning(&mut self, path: &str, problem: Problem) {
        self.diagnostics.warning(problem, self.origins.of(path));
    }

    /// Parses an optional value, recording the problem under its field.
    fn parse<T>(
        &mut self,
        path: &str,
        value: Option<&str>,
        parse: impl Fn(&str) -> Result<T, Problem>,
    ) -> Option<T> {
        match parse(value?) {
            Ok(parsed) => Some(parsed),
            Err(problem) => {
                self.error(path, problem);
                None
            }
        }
    }

    fn noncurrent_days(&mut self, days: Option<i64>) -> Option<u32> {
        let Some(days) = days else {
            return Some(DEFAULT_NONCURRENT_DAYS);
        };
        match u32::try_from(days) {
            Ok(days) if (1..=36500).contains(&days) => Some(days),
            _ => {
                let problem = Problem::new(format!(
                    "`{days}` is not a number of days S3 accepts for noncurrent version expiration"
                ))
                .help("use a whole number from 1 to 36500");
                self.error("noncurrent_version_expiration_days", problem);
                None
            }
        }
    }

    fn tags(&mut self, settings: &crate::params::settings::Settings) -> Vec<Tag> {
        if settings.tags.len() > super::tag::MAX_TAGS {
            let problem = Problem::new(format!(
                "{} tags are more than AWS allows",
                settings.tags.len()
            ))
            .help(format!(
                "S3 buckets and IAM roles take at most {} tags",
                super::tag::MAX_TAGS
            ));
            self.diagnostics.error(problem, None);
        }
        let mut tags = Vec::new();
        for (key, value) in &settings.tags {
            let path = format!("tags.{key}");
            match Tag::parse(key, value) {
                Ok(tag) => {
                    if let Some(c) = tag.unportable_char() {
                        let problem = Problem::new(format!("tag `{key}` contains `{c}`, which S3 and IAM refuse in tags"))
                            .note("the module renders it safely, but `terraform apply` will fail on resources that reject it")
                            .help("keep tags to letters, digits, spaces and `_.:/=+-@`");
                        self.warning(&path, problem);
                    }
                    tags.push(tag);
                }
                Err(problem) => self.error(&path, problem),
            }
        }
        tags
    }

    fn side(&mut self, side: &str, values: &SideSettings) -> Option<Side> {
        let path = |field: &str| format!("{side}.{field}");
        let flag = if side == "source" { "--src" } else { "--dst" };

        let region = match values.region.as_deref() {
            Some(region) => match Region::parse(region) {
                Ok(parsed) => {
                    if !parsed.known {
                        let problem =
                            Problem::new(format!("`{region}` is not a region gen-repl knows"))
                                .note(
                                    "it is well formed, so it is used as given; check its spelling",
                                );
                        self.warning(&path("region"), problem);
                    }
                    Some(parsed.region)
                }
                Err(problem) => {
                    self.error(&path("region"), problem);
                    None
                }
            },
            None => {
                let problem = Problem::new(format!("the {side} region is missing")).help(format!(
                    "give it with `{flag}-region REGION` or `region` under [{side}] in the config"
                ));
                self.diagnostics.error(problem, None);
                None
            }
        };
        let bucket = self.parse(&path("bucket"), values.bucket.as_deref(), BucketName::parse);
        let kms_key = self.parse(
            &path("kms_key_arn"),
            values.kms_key_arn.as_deref(),
            KmsKeyArn::parse,
        );
        let role_arn = self.parse(
            &path("role_arn"),
            values.role_arn.as_deref(),
            RoleArn::parse,
        );
        let external_id = self.parse(
            &path("external_id"),
            values.external_id.as_deref(),
            credentials::parse_external_id,
        );
        let session_name = self.parse(
            &path("session_name"),
            values.session_name.as_deref(),
            credentials::parse_session_name,
        );
        let profile = self.parse(
            &path("profile"),
            values.profile.as_deref(),
            credentials::parse_profile,
        );

        if values.role_arn.is_none() {
            for (field, given) in [
                ("external_id", &values.external_id),
                ("session_name", &values.session_name),
            ] {
                if given.is_some() {
                    let problem = Problem::new(format!(
                        "the {side} {} is set but there is no role to assume",
                        field.replace('_', " ")
                    ))
                    .help(format!(
                        "add `{flag}-role-arn ARN`, or remove the {}",
                        field.replace('_', " ")
                    ));
                    self.error(&path(field), problem);
                }
            }
        }

        let failed = (values.bucket.is_some() && bucket.is_none())
            || (values.kms_key_arn.is_some() && kms_key.is_none())
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
            kms_key,
            access: Access {
                assume_role,
                profile,
            },
        })
    }

    /// Rules that involve more than one value.
    fn relations(&mut self, model: &Model) {
        for (side_name, side) in [
            ("source", &model.source),
            ("destination", &model.destination),
        ] {
            self.side_relations(side_name, side);
            self.derived_bucket_length(model, side_name, side);
        }

        let (source, destination) = (&model.source, &model.destination);
        if source.region.partition() != destination.region.partition() {
            let problem = Problem::new(format!(
                "`{}` and `{}` are in different AWS partitions",
                source.region, destination.region
            ))
            .note("S3 cannot replicate between partitions such as aws and aws-cn");
            self.error("destination.region", problem);
        }
        if let (Some(a), Some(b)) = (&source.bucket, &destination.bucket) {
            if a == b {
                let problem = Problem::new(format!(
                    "the source and destination buckets are both `{a}`"
                ))
                .help("a bucket cannot replicate into itself; give the destination another name");
                self.error("destination.bucket", problem);
            }
        }
        let role_name_len = model.replication_role_name().len();
        if role_name_len > 64 {
            let problem = Problem::new(format!(
                "the name prefix `{}` is too long for the replication role's name",
                model.name
            ))
            .note(format!(
                "the role name would be {role_name_len} characters; IAM allows 64"
            ))
            .help(format!(
                "shorten the prefix by {} characters",
                role_name_len - 64
            ));
            self.error("name", problem);
        }
    }

    fn side_relations(&mut self, side_name: &str, side: &Side) {
        if let Some(role) = &side.access.assume_role {
            if role.role_arn.partition() != side.region.partition() {
                let problem = Problem::new(format!(
                    "role `{}` is in partition `{}` but region `{}` is in `{}`",
                    role.role_arn,
                    role.role_arn.partition(),
                    side.region,
                    side.region.partition()
                ))
                .help("use a role from the region's partition");
                self.error(&format!("{side_name}.role_arn"), problem);
            }
        }
        let Some(key) = &side.kms_key else { return };
        let path = format!("{side_name}.kms_key_arn");
        if key.region() != side.region.as_str() {
            let problem = Problem::new(format!(
                "key `{key}` is in `{}`, not in the {side_name} region `{}`",
                key.region(),
                side.region
            ))
            .note("S3 can only use a KMS key from the bucket's own region")
            .help(format!(
                "use a key from `{}`, or leave the key out to create one",
                side.region
            ));
            self.error(&path, problem);
        }
        if let Some(account) = side.access.known_account() {
            if key.account() != account {
                let problem = Problem::new(format!("key `{key}` belongs to account `{}`, not to the {side_name} account `{account}`", key.account()))
                    .note("this works only if that key's policy lets the buckets' account use it");
                self.warning(&path, problem);
            }
        }
    }

    /// Derived names embed the account id and region, so a long prefix can
    /// push them past S3's 63-character limit.
    fn derived_bucket_length(&mut self, model: &Model, side_name: &str, side: &Side) {
        if side.bucket.is_some() {
            return;
        }
        let len = model.name.as_str().len()
            + side_name.len()
            + ACCOUNT_ID_LEN
            + side.region.as_str().len()
            + 3;
        if len > 63 {
            let problem = Problem::new(format!(
                "the name prefix `{}` is too long for the {side_name} bucket's derived name",
                model.name
            ))
            .note(format!(
                "`{}-{side_name}-ACCOUNT-{}` would be {len} characters; S3 allows 63",
                model.name, side.region
            ))
            .help(format!(
                "shorten the prefix by {} characters, or name the bucket yourself",
                len - 63
            ));
            self.error("name", problem);
        }
    }
}
