//! The buckets, their keys, and who may write replicas into each.

use serde::Serialize;

use super::providers::ProviderPlan;
use super::replications::ReplicationPlan;
use crate::model::{Encryption, Model, Side};

#[derive(Debug, Serialize)]
pub struct BucketPlan {
    /// `source` or the destination's id: the Terraform name of its resources.
    pub label: String,
    /// `aws.ALIAS`, or `None` for the default provider.
    pub provider: Option<String>,
    /// The `aws_caller_identity` of the bucket's account.
    pub identity: String,
    pub region: String,
    /// `aws_s3_bucket.X`, or `data.aws_s3_bucket.X` for an existing bucket.
    pub reference: String,
    pub existing: bool,
    /// An explicit name; `None` derives one from `name_part`.
    pub bucket: Option<String>,
    pub name_part: String,
    /// `None` for SSE-S3.
    pub kms: Option<KmsPlan>,
    /// Replication roles that write replicas into this bucket.
    pub writers: Vec<WriterPlan>,
    /// The bucket policy is managed: always for created buckets, and for an
    /// existing one only when a role must be let in.
    pub manage_policy: bool,
    pub access_log: Option<AccessLogPlan>,
    /// Event notifications go to EventBridge.
    pub eventbridge: bool,
}

/// Where the bucket's server access logs go.
#[derive(Debug, Serialize)]
pub struct AccessLogPlan {
    pub bucket: String,
    /// `None` puts the logs under the logged bucket's name.
    pub prefix: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct KmsPlan {
    /// `None` creates a key.
    pub key_arn: Option<String>,
    pub bucket_key: bool,
}

/// A role that replicates into a bucket, and what it may do there.
#[derive(Debug, Serialize)]
pub struct WriterPlan {
    /// `replication` or `reverse`: the `aws_iam_role` resource name.
    pub role: String,
    pub object_actions: Vec<&'static str>,
    pub object_patterns: Vec<String>,
    /// Empty when the bucket does not use KMS.
    pub key_actions: Vec<&'static str>,
}

pub fn plan_buckets(
    model: &Model,
    providers: &[ProviderPlan],
    destination_providers: &[usize],
    replications: &[ReplicationPlan],
) -> Vec<BucketPlan> {
    let mut buckets = vec![bucket(
        "source",
        "source",
        &model.source,
        &providers[0],
        model.existing_source_bucket,
    )];
    for (destination, provider) in model.destinations.iter().zip(destination_providers) {
        let name_part = if model.destinations.len() == 1 {
            "destination".to_owned()
        } else {
            destination.id.bucket_part()
        };
        buckets.push(bucket(
            destination.id.as_str(),
            &name_part,
            &destination.side,
            &providers[*provider],
            false,
        ));
    }
    for replication in replications {
        for rule in &replication.rules {
            let target = buckets
                .iter_mut()
                .find(|b| b.label == rule.to.label)
                .expect("rule targets a bucket");
            let writer = target
                .writers
                .iter_mut()
                .find(|w| w.role == replication.label);
            match writer {
                // Several rules of one role into one bucket cannot happen
                // (one rule per destination), but patterns would merge.
                Some(writer) => writer.object_patterns.extend(rule.object_patterns.clone()),
                None => target.writers.push(WriterPlan {
                    role: replication.label.clone(),
                    object_actions: rule.object_actions.clone(),
                    object_patterns: rule.object_patterns.clone(),
                    key_actions: rule.key_actions.clone(),
                }),
            }
        }
    }
    for bucket in &mut buckets {
        bucket.manage_policy = !bucket.existing || !bucket.writers.is_empty();
    }
    buckets
}

fn bucket(
    label: &str,
    name_part: &str,
    side: &Side,
    provider: &ProviderPlan,
    existing: bool,
) -> BucketPlan {
    let kms = match &side.encryption {
        Encryption::Kms { key, bucket_key } => Some(KmsPlan {
            key_arn: key.as_ref().map(ToString::to_string),
            bucket_key: *bucket_key,
        }),
        Encryption::S3Managed => None,
    };
    let kind = if existing {
        "data.aws_s3_bucket"
    } else {
        "aws_s3_bucket"
    };
    BucketPlan {
        label: label.to_owned(),
        provider: provider.reference(),
        identity: provider.identity.clone(),
        region: side.region.to_string(),
        reference: format!("{kind}.{label}"),
        existing,
        bucket: side.bucket.as_ref().map(ToString::to_string),
        name_part: name_part.to_owned(),
        kms,
        writers: Vec::new(),
        manage_policy: true,
        access_log: side.access_log.as_ref().map(|log| AccessLogPlan {
            bucket: log.bucket.to_string(),
            prefix: log.prefix.clone(),
        }),
        eventbridge: side.eventbridge,
    }
}
