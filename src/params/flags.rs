//! Command-line flags for the settings; each one mirrors a config-file field.

use clap::Args;

/// Flags that describe the replication. Every one overrides the config
/// file's field of the same name.
#[derive(Debug, Default, Clone, Args)]
pub struct SettingFlags {
    /// Read settings from a TOML or JSON file (`-` reads standard input).
    #[arg(short, long, value_name = "FILE")]
    pub config: Option<String>,

    /// Region of the source bucket, e.g. `ap-southeast-2`.
    #[arg(
        help_heading = "Source",
        long,
        visible_alias = "source-region",
        value_name = "REGION"
    )]
    pub src_region: Option<String>,

    /// Region of the destination bucket, e.g. `us-west-2`.
    #[arg(
        help_heading = "Destination",
        long,
        visible_alias = "destination-region",
        value_name = "REGION"
    )]
    pub dst_region: Option<String>,

    /// Role the destination provider assumes; omit for same-account replication.
    #[arg(
        help_heading = "Destination",
        long,
        visible_alias = "destination-role-arn",
        value_name = "ARN"
    )]
    pub dst_role_arn: Option<String>,

    /// External id required by the destination role's trust policy.
    #[arg(
        help_heading = "Destination",
        long,
        visible_alias = "destination-external-id",
        value_name = "ID"
    )]
    pub dst_external_id: Option<String>,

    /// Session name used when assuming the destination role.
    #[arg(
        help_heading = "Destination",
        long,
        visible_alias = "destination-session-name",
        value_name = "NAME"
    )]
    pub dst_session_name: Option<String>,

    /// Named AWS profile for the destination provider.
    #[arg(
        help_heading = "Destination",
        long,
        visible_alias = "destination-profile",
        value_name = "PROFILE"
    )]
    pub dst_profile: Option<String>,

    /// Role the source provider assumes; omit to use the ambient credentials.
    #[arg(
        help_heading = "Source",
        long,
        visible_alias = "source-role-arn",
        value_name = "ARN"
    )]
    pub src_role_arn: Option<String>,

    /// External id required by the source role's trust policy.
    #[arg(
        help_heading = "Source",
        long,
        visible_alias = "source-external-id",
        value_name = "ID"
    )]
    pub src_external_id: Option<String>,

    /// Session name used when assuming the source role.
    #[arg(
        help_heading = "Source",
        long,
        visible_alias = "source-session-name",
        value_name = "NAME"
    )]
    pub src_session_name: Option<String>,

    /// Named AWS profile for the source provider.
    #[arg(
        help_heading = "Source",
        long,
        visible_alias = "source-profile",
        value_name = "PROFILE"
    )]
    pub src_profile: Option<String>,

    /// Prefix for every generated name [default: replication].
    #[arg(help_heading = "Module", long, value_name = "PREFIX")]
    pub name: Option<String>,

    /// Name of the source bucket [default: PREFIX-source-ACCOUNT-REGION].
    #[arg(
        help_heading = "Source",
        long,
        visible_alias = "source-bucket",
        value_name = "BUCKET"
    )]
    pub src_bucket: Option<String>,

    /// Name of the destination bucket [default: PREFIX-destination-ACCOUNT-REGION].
    #[arg(
        help_heading = "Destination",
        long,
        visible_alias = "destination-bucket",
        value_name = "BUCKET"
    )]
    pub dst_bucket: Option<String>,

    /// Storage class of the replicas [default: STANDARD_IA].
    #[arg(help_heading = "Replication rule", long, value_name = "CLASS")]
    pub storage_class: Option<String>,

    /// Days before noncurrent object versions expire, on both buckets [default: 90].
    #[arg(help_heading = "Module", long, value_name = "DAYS")]
    pub noncurrent_days: Option<i64>,

    /// Existing KMS key for the source bucket instead of a new one.
    #[arg(
        help_heading = "Source",
        long,
        visible_alias = "source-kms-key-arn",
        value_name = "ARN"
    )]
    pub src_kms_key_arn: Option<String>,

    /// Existing KMS key for the replicas instead of a new one.
    #[arg(
        help_heading = "Destination",
        long,
        visible_alias = "destination-kms-key-arn",
        value_name = "ARN"
    )]
    pub dst_kms_key_arn: Option<String>,

    /// Tag for every resource, as the providers' default_tags (repeatable).
    #[arg(help_heading = "Module", long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    /// Encryption of the source bucket: `kms` (default) or `sse-s3`.
    #[arg(
        help_heading = "Source",
        long,
        visible_alias = "source-encryption",
        value_name = "KIND"
    )]
    pub src_encryption: Option<String>,

    /// Encryption of the destination bucket: `kms` (default) or `sse-s3`.
    #[arg(
        help_heading = "Destination",
        long,
        visible_alias = "destination-encryption",
        value_name = "KIND"
    )]
    pub dst_encryption: Option<String>,

    /// Turn S3 Bucket Keys off on the source bucket.
    #[arg(help_heading = "Source", long, visible_alias = "no-source-bucket-key")]
    pub no_src_bucket_key: bool,

    /// Turn S3 Bucket Keys off on the destination bucket.
    #[arg(
        help_heading = "Destination",
        long,
        visible_alias = "no-destination-bucket-key"
    )]
    pub no_dst_bucket_key: bool,

    /// The source bucket (--src-bucket) exists: reference it, do not create it.
    #[arg(help_heading = "Source", long)]
    pub existing_source_bucket: bool,

    /// Existing bucket (same account and region) for the source bucket's access logs.
    #[arg(
        help_heading = "Source",
        long,
        visible_alias = "source-access-log-bucket",
        value_name = "BUCKET"
    )]
    pub src_access_log_bucket: Option<String>,

    /// Key prefix of the source bucket's access logs [default: BUCKET/].
    #[arg(
        help_heading = "Source",
        long,
        visible_alias = "source-access-log-prefix",
        value_name = "PREFIX"
    )]
    pub src_access_log_prefix: Option<String>,

    /// Existing bucket (same account and region) for the destination bucket's access logs.
    #[arg(
        help_heading = "Destination",
        long,
        visible_alias = "destination-access-log-bucket",
        value_name = "BUCKET"
    )]
    pub dst_access_log_bucket: Option<String>,

    /// Key prefix of the destination bucket's access logs [default: BUCKET/].
    #[arg(
        help_heading = "Destination",
        long,
        visible_alias = "destination-access-log-prefix",
        value_name = "PREFIX"
    )]
    pub dst_access_log_prefix: Option<String>,

    /// Send the source bucket's event notifications to Amazon EventBridge.
    #[arg(help_heading = "Source", long, visible_alias = "source-eventbridge")]
    pub src_eventbridge: bool,

    /// Send the destination bucket's event notifications to Amazon EventBridge.
    #[arg(
        help_heading = "Destination",
        long,
        visible_alias = "destination-eventbridge"
    )]
    pub dst_eventbridge: bool,

    /// Replicate only keys starting with this prefix.
    #[arg(help_heading = "Replication rule", long, value_name = "PREFIX")]
    pub prefix: Option<String>,

    /// Replicate only objects carrying this tag (repeatable).
    #[arg(
        help_heading = "Replication rule",
        long = "filter-tag",
        value_name = "KEY=VALUE"
    )]
    pub filter_tags: Vec<String>,

    /// Do not replicate delete markers.
    #[arg(help_heading = "Replication rule", long)]
    pub no_delete_marker_replication: bool,

    /// S3 Replication Time Control: replicas within 15 minutes, with metrics.
    #[arg(help_heading = "Replication rule", long)]
    pub replication_time_control: bool,

    /// Replication metrics in CloudWatch.
    #[arg(help_heading = "Replication rule", long)]
    pub metrics: bool,

    /// Replicate changes to replicas' metadata back (replica modification sync).
    #[arg(help_heading = "Replication rule", long)]
    pub replica_modifications: bool,

    /// Replicate both ways: the destination also replicates to the source.
    #[arg(help_heading = "Replication rule", long)]
    pub bidirectional: bool,

    /// Write a runbook (needs -o) for copying objects that already exist.
    #[arg(help_heading = "Module", long)]
    pub existing_objects: bool,
}
