//! The replication configurations: their roles, rules and permissions.

use serde::Serialize;

use super::TagPlan;
use super::permissions::{destination_key_actions, replica_actions};
use super::providers::ProviderPlan;
use crate::model::{Destination, Filter, Model, Rule, Side, StorageClass};

#[derive(Debug, Serialize)]
pub struct ReplicationPlan {
    /// `replication` (source to destinations) or `reverse` (two-way).
    pub label: String,
    pub role_name: String,
    /// Where the role and the configuration live: the replicated bucket's.
    pub provider: Option<String>,
    pub identity: String,
    pub from: BucketRef,
    /// Object keys the role may read, relative to the bucket ARN.
    pub read_patterns: Vec<String>,
    pub rules: Vec<RulePlan>,
}

/// What a rule or statement needs to know about a bucket.
#[derive(Debug, Clone, Serialize)]
pub struct BucketRef {
    pub label: String,
    pub reference: String,
    pub region: String,
    pub identity: String,
    /// `local.X_kms_key_arn`, or `None` without KMS.
    pub key: Option<String>,
    pub bucket_key: bool,
}

#[derive(Debug, Serialize)]
pub struct RulePlan {
    pub id: String,
    pub priority: usize,
    /// Suffix that keeps statement ids unique with several destinations.
    pub sid_suffix: String,
    pub to: BucketRef,
    pub cross_account: bool,
    pub storage_class: &'static str,
    pub filter: FilterPlan,
    pub delete_marker_replication: bool,
    pub replication_time_control: bool,
    pub metrics: bool,
    pub replica_modifications: bool,
    /// Select SSE-KMS objects and name a replica key: the source uses KMS.
    pub sse_kms_objects: bool,
    pub object_actions: Vec<&'static str>,
    pub object_patterns: Vec<String>,
    pub key_actions: Vec<&'static str>,
}

/// A rule's filter in the one shape the provider wants for it.
#[derive(Debug, Serialize)]
pub struct FilterPlan {
    /// `all`, `prefix`, `tag` or `and`.
    pub shape: &'static str,
    pub prefix: Option<String>,
    pub tags: Vec<TagPlan>,
}

pub fn plan_replications(
    model: &Model,
    providers: &[ProviderPlan],
    destination_providers: &[usize],
) -> Vec<ReplicationPlan> {
    let source = bucket_ref(
        "source",
        &model.source,
        &providers[0],
        model.existing_source_bucket,
    );
    let several = model.destinations.len() > 1;
    let rules: Vec<RulePlan> = model
        .destinations
        .iter()
        .zip(destination_providers)
        .enumerate()
        .map(|(i, (destination, provider))| {
            let to = bucket_ref(
                destination.id.as_str(),
                &destination.side,
                &providers[*provider],
                false,
            );
            // Priorities follow the list: the first destination wins
            // wherever S3 has to choose between rules.
            let priority = model.destinations.len() - i;
            let sid_suffix = if several {
                camel_case(destination.id.as_str())
            } else {
                String::new()
            };
            let rule_id = format!(
                "{}-to-{}",
                model.name,
                if several {
                    destination.id.bucket_part()
                } else {
                    destination.side.region.to_string()
                }
            );
            let cross_account = model.is_cross_account(&destination.side);
            let names = RuleNames {
                id: rule_id,
                priority,
                sid_suffix,
            };
            plan_rule(model, &source, to, destination, names, cross_account)
        })
        .collect();
    let read_patterns = merge_patterns(rules.iter().flat_map(|r| r.object_patterns.clone()));
    let mut replications = vec![ReplicationPlan {
        label: "replication".to_owned(),
        role_name: model.replication_role_name(),
        provider: providers[0].reference(),
        identity: providers[0].identity.clone(),
        from: source.clone(),
        read_patterns,
        rules,
    }];

    if model.bidirectional {
        let destination = &model.destinations[0];
        let provider = &providers[destination_providers[0]];
        let from = bucket_ref(destination.id.as_str(), &destination.side, provider, false);
        // Objects replicated back are live data again, not backups.
        let rule = Rule {
            storage_class: StorageClass::STANDARD,
            ..destination.rule.clone()
        };
        let back = Destination {
            id: destination.id.clone(),
            side: model.source.clone(),
            rule,
        };
        let names = RuleNames {
            id: format!("{}-to-{}", model.name, model.source.region),
            priority: 1,
            sid_suffix: String::new(),
        };
        let cross_account = model.is_cross_account(&destination.side);
        let rule = plan_rule(model, &from, source, &back, names, cross_account);
        replications.push(ReplicationPlan {
            label: "reverse".to_owned(),
            role_name: model.reverse_role_name(),
            provider: provider.reference(),
            identity: provider.identity.clone(),
            from,
            read_patterns: rule.object_patterns.clone(),
            rules: vec![rule],
        });
    }
    replications
}

/// How a rule is told apart from the others of its configuration.
struct RuleNames {
    id: String,
    priority: usize,
    sid_suffix: String,
}

fn plan_rule(
    model: &Model,
    from: &BucketRef,
    to: BucketRef,
    destination: &Destination,
    names: RuleNames,
    cross_account: bool,
) -> RulePlan {
    let rule = &destination.rule;
    let key_actions = if to.key.is_some() {
        destination_key_actions(from.key.is_some(), to.bucket_key)
    } else {
        Vec::new()
    };
    RulePlan {
        id: names.id,
        priority: names.priority,
        sid_suffix: names.sid_suffix,
        cross_account,
        storage_class: rule.storage_class.as_str(),
        filter: plan_filter(&rule.filter),
        delete_marker_replication: rule.delete_marker_replication,
        replication_time_control: rule.replication_time_control,
        metrics: rule.metrics,
        // Two-way replication keeps metadata changes on replicas in step.
        replica_modifications: rule.replica_modifications || model.bidirectional,
        sse_kms_objects: from.key.is_some(),
        object_actions: replica_actions(cross_account),
        object_patterns: vec![object_pattern(&rule.filter)],
        key_actions,
        to,
    }
}

fn bucket_ref(label: &str, side: &Side, provider: &ProviderPlan, existing: bool) -> BucketRef {
    let kind = if existing {
        "data.aws_s3_bucket"
    } else {
        "aws_s3_bucket"
    };
    BucketRef {
        label: label.to_owned(),
        reference: format!("{kind}.{label}"),
        region: side.region.to_string(),
        identity: provider.identity.clone(),
        key: side
            .encryption
            .is_kms()
            .then(|| format!("local.{label}_kms_key_arn")),
        bucket_key: side.encryption.bucket_key(),
    }
}

fn plan_filter(filter: &Filter) -> FilterPlan {
    let tags = filter
        .tags()
        .into_iter()
        .map(|t| TagPlan {
            key: t.key.clone(),
            value: t.value.clone(),
        })
        .collect();
    let shape = match filter {
        Filter::Everything => "all",
        Filter::Prefix(_) => "prefix",
        Filter::Tag(_) => "tag",
        Filter::And { .. } => "and",
    };
    FilterPlan {
        shape,
        prefix: filter.prefix().map(str::to_owned),
        tags,
    }
}

/// Object keys a rule touches, for IAM resources: the prefix narrows them.
fn object_pattern(filter: &Filter) -> String {
    match filter.prefix() {
        Some(prefix) => format!("{prefix}*"),
        None => "*".to_owned(),
    }
}

/// Patterns without repeats; `*` covers every other.
fn merge_patterns(patterns: impl Iterator<Item = String>) -> Vec<String> {
    let mut merged: Vec<String> = Vec::new();
    for pattern in patterns {
        if !merged.contains(&pattern) {
            merged.push(pattern);
        }
    }
    if merged.iter().any(|p| p == "*") {
        return vec!["*".to_owned()];
    }
    merged
}

/// `dr_us` → `DrUs`, for statement ids, which allow only letters and digits.
fn camel_case(id: &str) -> String {
    id.split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}
