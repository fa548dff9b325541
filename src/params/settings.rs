//! The raw, unchecked settings: what a config file holds and what flags set.
//!
//! Flags and files share this one shape so that `--print-config` can show the
//! merged result in the same format the user writes.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Prefix for every generated name [default: `replication`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Storage class of the replicas [default: `STANDARD_IA`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class: Option<String>,
    /// Days before noncurrent object versions expire, on both buckets
    /// [default: 90].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noncurrent_version_expiration_days: Option<i64>,
    /// Tags for every resource, as the providers' `default_tags`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// Replicate back from the destination to the source as well.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bidirectional: Option<bool>,
    /// Write a runbook for copying the objects that exist before replication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_objects: Option<bool>,
    /// The bucket that is replicated, and how to reach its account.
    #[serde(default)]
    pub source: SideSettings,
    /// The one destination, as flags describe it.
    #[serde(default, skip_serializing_if = "SideSettings::is_empty")]
    pub destination: SideSettings,
    /// Several destinations; only the config file can list them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub destinations: Vec<SideSettings>,
}

/// One side of the replication: where its bucket lives and how the
/// provider reaches that account.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SideSettings {
    /// Region of the bucket, such as `us-west-2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Name of the bucket [default: `PREFIX-SIDE-ACCOUNT-REGION`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    /// Existing KMS key for the bucket instead of a new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
    /// Role the provider assumes; omit to use the ambient credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// External id the role's trust policy requires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Session name used when assuming the role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_name: Option<String>,
    /// Named AWS profile for the provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// `kms` (the default) or `sse-s3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket_key: Option<bool>,
    /// The source bucket exists already and is referenced, not created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_bucket: Option<bool>,
    /// Existing bucket, in the same account and region, that receives this
    /// bucket's server access logs [default: no access logging].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_log_bucket: Option<String>,
    /// Key prefix of the access logs [default: `BUCKET/`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_log_prefix: Option<String>,
    /// Send the bucket's event notifications to Amazon EventBridge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eventbridge: Option<bool>,

    // What follows describes the replication rule of a destination.
    /// Names a destination's resources; needed when there are several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Storage class of the replicas [default: `STANDARD_IA`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<FilterSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_marker_replication: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication_time_control: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replica_modifications: Option<bool>,
}

impl SideSettings {
    pub fn is_empty(&self) -> bool {
        *self == SideSettings::default()
    }
}

/// Which objects a rule replicates: a key prefix, tags, or both.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilterSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}
