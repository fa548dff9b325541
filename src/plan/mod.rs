//! Planning: deciding, from a valid model, exactly what the module contains.
//!
//! Pure and free of templates, so every decision (which statements, which
//! actions, which provider a resource uses) is unit-tested on its own.

mod buckets;
mod permissions;
mod providers;
mod replications;
mod warnings;

use serde::Serialize;

use crate::model::Model;

pub use buckets::{AccessLogPlan, BucketPlan, KmsPlan, WriterPlan};
pub use permissions::{destination_key_actions, replica_actions};
pub use providers::{AssumeRolePlan, ProviderPlan};
pub use replications::{FilterPlan, ReplicationPlan, RulePlan};
pub use warnings::warnings;

/// Terraform 1.3 and OpenTofu 1.6 both satisfy this; nothing in the module
/// needs a newer language feature unless it adopts existing settings.
pub const REQUIRED_VERSION: &str = ">= 1.3";
/// `import` blocks arrived in Terraform 1.5 (OpenTofu has them from 1.6).
pub const REQUIRED_VERSION_WITH_IMPORTS: &str = ">= 1.5";
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
    pub providers: Vec<ProviderPlan>,
    /// The source first, then the destinations in the order given.
    pub buckets: Vec<BucketPlan>,
    /// Source to destinations, then (two-way) the way back.
    pub replications: Vec<ReplicationPlan>,
    pub imports: Vec<ImportPlan>,
    pub noncurrent_days: u32,
    pub abort_incomplete_upload_days: u32,
    pub existing_objects: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagPlan {
    pub key: String,
    pub value: String,
}

/// A setting the module takes over on a bucket that already exists.
#[derive(Debug, Serialize)]
pub struct ImportPlan {
    pub to: String,
    pub id: String,
}

pub fn build_plan(model: &Model) -> Plan {
    let (providers, destination_providers) = providers::plan_providers(model);
    let replications = replications::plan_replications(model, &providers, &destination_providers);
    let buckets = buckets::plan_buckets(model, &providers, &destination_providers, &replications);
    let imports = plan_imports(model);
    Plan {
        required_version: if imports.is_empty() {
            REQUIRED_VERSION
        } else {
            REQUIRED_VERSION_WITH_IMPORTS
        },
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
        providers,
        buckets,
        replications,
        imports,
        noncurrent_days: model.noncurrent_version_expiration_days,
        abort_incomplete_upload_days: ABORT_INCOMPLETE_UPLOAD_DAYS,
        existing_objects: model.existing_objects,
    }
}

/// Versioning must be on before replication; on an existing bucket it
/// usually is, so the module adopts the setting instead of creating it.
fn plan_imports(model: &Model) -> Vec<ImportPlan> {
    match (&model.source.bucket, model.existing_source_bucket) {
        (Some(bucket), true) => {
            vec![ImportPlan {
                to: "aws_s3_bucket_versioning.source".to_owned(),
                id: bucket.to_string(),
            }]
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
