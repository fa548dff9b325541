//! Planning: deciding, from a valid model, exactly what the module contains.
//!
//! Pure and free of templates, so every decision (which statements, which
//! actions, which provider a resource uses) is unit-tested on its own.

mod permissions;

use serde::Serialize;

use crate::model::{Model, Side};

pub use permissions::{destination_key_actions, replica_actions};

/// Terraform 1.3 and OpenTofu 1.6 both satisfy this; nothing in the module
/// needs a newer language feature.
pub const REQUIRED_VERSION: &str = ">= 1.3";
/// The module is written for and validated against provider 5.x.
pub const AWS_PROVIDER_VERSION: &str = "~> 5.0";
/// Parts of a multipart upload nobody finished are billed until aborted.
pub const ABORT_INCOMPLETE_UPLOAD_DAYS: u32 = 7;

#[derive(Debug, Serialize)]
pub struct Plan {
    pub required_version: &'static str,
    pub aws_provider_version: &'static str,
    pub name: String,
    pub tags: Vec<TagPlan>,
    pub source: SidePlan,
    pub destination: SidePlan,
    pub cross_account: bool,
    pub role_name: String,
    pub rule_id: String,
    pub storage_class: &'static str,
    pub noncurrent_days: u32,
    pub abort_incomplete_upload_days: u32,
    pub replica_actions: Vec<&'static str>,
    pub destination_key_actions: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct TagPlan {
    pub key: String,
    pub value: String,
}

/// One side's provider, bucket and key, as the templates need them.
#[derive(Debug, Serialize)]
pub struct SidePlan {
    /// `source` or `destination`: the Terraform name of its resources.
    pub label: &'static str,
    /// `aws.destination` for resources of the destination side.
    pub provider: Option<&'static str>,
    pub alias: Option<&'static str>,
    pub region: String,
    pub profile: Option<String>,
    pub assume_role: Option<AssumeRolePlan>,
    pub allowed_account_ids: Vec<String>,
    /// An explicit bucket name; `None` derives one in the template.
    pub bucket: Option<String>,
    /// An existing key ARN; `None` creates a key.
    pub kms_key_arn: Option<String>,
    pub bucket_key: bool,
}

#[derive(Debug, Serialize)]
pub struct AssumeRolePlan {
    pub role_arn: String,
    pub session_name: Option<String>,
    pub external_id: Option<String>,
}

pub fn build_plan(model: &Model) -> Plan {
    let cross_account = model.is_cross_account();
    // Bucket Keys cut KMS calls by up to 99%; gen-repl always turns them on.
    let bucket_key = true;
    Plan {
        required_version: REQUIRED_VERSION,
        aws_provider_version: AWS_PROVIDER_VERSION,
        name: model.name.to_string(),
        tags: model
            .tags
            .iter()
            .map(|t| TagPlan {
                key: t.key.clone(),
                value: t.value.clone(),
            })
            .collect(),
        source: plan_side("source", &model.source, bucket_key),
        destination: plan_side("destination", &model.destination, bucket_key),
        cross_account,
        role_name: model.replication_role_name(),
        rule_id: format!("{}-to-{}", model.name, model.destination.region),
        storage_class: model.storage_class.as_str(),
        noncurrent_days: model.noncurrent_version_expiration_days,
        abort_incomplete_upload_days: ABORT_INCOMPLETE_UPLOAD_DAYS,
        replica_actions: replica_actions(cross_account),
        destination_key_actions: destination_key_actions(bucket_key),
    }
}

fn plan_side(label: &'static str, side: &Side, bucket_key: bool) -> SidePlan {
    let is_destination = label == "destination";
    let assume_role = side.access.assume_role.as_ref().map(|role| AssumeRolePlan {
        role_arn: role.role_arn.to_string(),
        session_name: role.session_name.clone(),
        external_id: role.external_id.clone(),
    });
    SidePlan {
        label,
        provider: is_destination.then_some("aws.destination"),
        alias: is_destination.then_some("destination"),
        region: side.region.to_string(),
        profile: side.access.profile.clone(),
        assume_role,
        // A role ARN names its account: refuse to run anywhere else, so a
        // wrong profile cannot create the backup in the wrong account.
        allowed_account_ids: side
            .access
            .known_account()
            .map(|a| vec![a.to_string()])
            .unwrap_or_default(),
        bucket: side.bucket.as_ref().map(ToString::to_string),
        kms_key_arn: side.kms_key.as_ref().map(ToString::to_string),
        bucket_key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;
    use crate::params::flags::SettingFlags;
    use crate::params::merge::merge;

    fn plan_for(flags: SettingFlags) -> Plan {
        let merged = merge(None, &flags).unwrap();
        let (model, _) = model::validate(&merged).unwrap();
        build_plan(&model)
    }

    fn regions(dst_role_arn: Option<&str>) -> SettingFlags {
        SettingFlags {
            src_region: Some("ap-southeast-2".into()),
            dst_region: Some("us-west-2".into()),
            dst_role_arn: dst_role_arn.map(Into::into),
            ..Default::default()
        }
    }

    #[test]
    fn destination_role_makes_replication_cross_account() {
        let plan = plan_for(regions(Some("arn:aws:iam::222222222222:role/deployer")));
        assert!(plan.cross_account);
        assert_eq!(plan.destination.allowed_account_ids, vec!["222222222222"]);
        assert!(
            plan.replica_actions
                .contains(&"s3:ObjectOwnerOverrideToBucketOwner")
        );
    }

    #[test]
    fn no_destination_credentials_means_same_account() {
        let plan = plan_for(regions(None));
        assert!(!plan.cross_account);
        assert!(plan.destination.allowed_account_ids.is_empty());
        assert!(
            !plan
                .replica_actions
                .contains(&"s3:ObjectOwnerOverrideToBucketOwner")
        );
    }

    #[test]
    fn destination_resources_use_the_aliased_provider() {
        let plan = plan_for(regions(None));
        assert_eq!(plan.destination.provider, Some("aws.destination"));
        assert_eq!(plan.source.provider, None);
    }

    #[test]
    fn rule_and_role_are_named_after_prefix_and_regions() {
        let plan = plan_for(regions(None));
        assert_eq!(plan.rule_id, "replication-to-us-west-2");
        assert_eq!(plan.role_name, "replication-ap-southeast-2-to-us-west-2");
    }

    #[test]
    fn both_roles_in_one_account_are_same_account() {
        let mut flags = regions(Some("arn:aws:iam::222222222222:role/deployer"));
        flags.src_role_arn = Some("arn:aws:iam::222222222222:role/source".into());
        assert!(!plan_for(flags).cross_account);
    }
}
