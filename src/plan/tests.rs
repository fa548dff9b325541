//! Planning decisions, checked on models built from flags and files.

use super::*;
use crate::model;
use crate::params::config_file::ConfigFile;
use crate::params::flags::SettingFlags;
use crate::params::merge::merge;

fn plan_for(flags: SettingFlags) -> Plan {
    let merged = merge(None, &flags).unwrap();
    let (model, _) = model::validate(&merged).unwrap();
    build_plan(&model)
}

fn plan_for_file(text: &str) -> Plan {
    let file = ConfigFile::parse("c.toml".into(), text.to_owned()).unwrap();
    let merged = merge(Some(&file), &SettingFlags::default()).unwrap();
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

const ROLE: &str = "arn:aws:iam::222222222222:role/deployer";

#[test]
fn destination_role_makes_replication_cross_account() {
    let plan = plan_for(regions(Some(ROLE)));
    let rule = &plan.replications[0].rules[0];
    assert!(rule.cross_account);
    assert_eq!(plan.providers[1].allowed_account_ids, vec!["222222222222"]);
    assert!(
        rule.object_actions
            .contains(&"s3:ObjectOwnerOverrideToBucketOwner")
    );
}

#[test]
fn no_destination_credentials_means_same_account() {
    let plan = plan_for(regions(None));
    let rule = &plan.replications[0].rules[0];
    assert!(!rule.cross_account);
    assert!(
        !rule
            .object_actions
            .contains(&"s3:ObjectOwnerOverrideToBucketOwner")
    );
}

#[test]
fn destination_resources_use_the_aliased_provider() {
    let plan = plan_for(regions(None));
    assert_eq!(plan.buckets[1].provider.as_deref(), Some("aws.destination"));
    assert_eq!(plan.buckets[0].provider, None);
}

#[test]
fn same_account_and_region_share_the_source_provider() {
    let mut flags = regions(None);
    flags.dst_region = Some("ap-southeast-2".into());
    let plan = plan_for(flags);
    assert_eq!(plan.providers.len(), 1);
    assert_eq!(plan.buckets[1].provider, None);
}

#[test]
fn same_region_in_two_accounts_keeps_two_providers() {
    let mut flags = regions(Some(ROLE));
    flags.dst_region = Some("ap-southeast-2".into());
    assert_eq!(plan_for(flags).providers.len(), 2);
}

#[test]
fn rule_and_role_are_named_after_prefix_and_regions() {
    let plan = plan_for(regions(None));
    assert_eq!(plan.replications[0].rules[0].id, "replication-to-us-west-2");
    assert_eq!(
        plan.replications[0].role_name,
        "replication-ap-southeast-2-to-us-west-2"
    );
}

#[test]
fn both_roles_in_one_account_are_same_account() {
    let mut flags = regions(Some(ROLE));
    flags.src_role_arn = Some("arn:aws:iam::222222222222:role/source".into());
    assert!(!plan_for(flags).replications[0].rules[0].cross_account);
}

const THREE_DESTINATIONS: &str = r#"
[source]
region = "us-east-1"

[[destinations]]
id = "dr"
region = "us-west-2"
role_arn = "arn:aws:iam::222222222222:role/deployer"

[[destinations]]
id = "archive"
region = "us-west-2"
role_arn = "arn:aws:iam::222222222222:role/deployer"
storage_class = "DEEP_ARCHIVE"
filter = { prefix = "ledger/" }

[[destinations]]
id = "eu"
region = "eu-west-1"
role_arn = "arn:aws:iam::333333333333:role/deployer"
"#;

#[test]
fn destinations_sharing_account_and_region_share_a_provider() {
    let plan = plan_for_file(THREE_DESTINATIONS);
    let aliases: Vec<_> = plan.providers.iter().map(|p| p.alias.clone()).collect();
    assert_eq!(aliases, vec![None, Some("dr".into()), Some("eu".into())]);
    assert_eq!(plan.buckets[2].provider.as_deref(), Some("aws.dr"));
}

#[test]
fn priorities_are_unique_and_follow_the_list() {
    let plan = plan_for_file(THREE_DESTINATIONS);
    let priorities: Vec<_> = plan.replications[0]
        .rules
        .iter()
        .map(|r| r.priority)
        .collect();
    assert_eq!(priorities, vec![3, 2, 1]);
}

#[test]
fn prefix_filter_narrows_the_object_permissions() {
    let plan = plan_for_file(THREE_DESTINATIONS);
    let archive = &plan.replications[0].rules[1];
    assert_eq!(archive.object_patterns, vec!["ledger/*"]);
    assert_eq!(archive.filter.shape, "prefix");
    // Other rules read everything, so the read grant stays whole.
    assert_eq!(plan.replications[0].read_patterns, vec!["*"]);
}

#[test]
fn two_way_adds_a_reverse_replication_with_modification_sync() {
    let mut flags = regions(Some(ROLE));
    flags.bidirectional = true;
    let plan = plan_for(flags);
    assert_eq!(plan.replications.len(), 2);
    let reverse = &plan.replications[1];
    assert_eq!(reverse.provider.as_deref(), Some("aws.destination"));
    assert_eq!(reverse.rules[0].to.label, "source");
    assert!(reverse.rules[0].replica_modifications);
    assert!(plan.replications[0].rules[0].replica_modifications);
    assert_eq!(plan.buckets[0].writers[0].role, "reverse");
}

#[test]
fn sse_s3_source_needs_no_kms_on_its_side() {
    let mut flags = regions(None);
    flags.src_encryption = Some("sse-s3".into());
    let plan = plan_for(flags);
    let rule = &plan.replications[0].rules[0];
    assert!(!rule.sse_kms_objects);
    assert!(plan.buckets[0].kms.is_none());
    assert!(rule.key_actions.contains(&"kms:GenerateDataKey"));
}

#[test]
fn existing_source_bucket_is_referenced_and_its_versioning_imported() {
    let mut flags = regions(None);
    flags.src_bucket = Some("orders-prod".into());
    flags.existing_source_bucket = true;
    flags.src_encryption = Some("sse-s3".into());
    flags.dst_encryption = Some("sse-s3".into());
    let plan = plan_for(flags);
    assert_eq!(plan.buckets[0].reference, "data.aws_s3_bucket.source");
    assert!(!plan.buckets[0].manage_policy);
    assert_eq!(plan.imports[0].to, "aws_s3_bucket_versioning.source");
    assert_eq!(plan.required_version, REQUIRED_VERSION_WITH_IMPORTS);
}

#[test]
fn access_logging_and_notifications_are_off_unless_asked_for() {
    let plan = plan_for(regions(None));
    assert!(plan.buckets.iter().all(|b| b.access_log.is_none()));
    assert!(plan.buckets.iter().all(|b| !b.eventbridge));
}

#[test]
fn each_destination_in_a_list_has_its_own_logging_and_notifications() {
    let plan = plan_for_file(
        r#"
[source]
region = "us-east-1"

[[destinations]]
id = "dr"
region = "us-west-2"
access_log_bucket = "acme-logs-us-west-2"

[[destinations]]
id = "archive"
region = "eu-west-1"
access_log_bucket = "acme-logs-eu-west-1"
access_log_prefix = "archive/"
eventbridge = true
"#,
    );
    let [source, dr, archive] = &plan.buckets[..] else {
        panic!("three buckets");
    };
    assert!(source.access_log.is_none());
    let dr_log = dr.access_log.as_ref().unwrap();
    assert_eq!(dr_log.bucket, "acme-logs-us-west-2");
    assert_eq!(dr_log.prefix, None);
    assert!(!dr.eventbridge);
    let archive_log = archive.access_log.as_ref().unwrap();
    assert_eq!(archive_log.prefix.as_deref(), Some("archive/"));
    assert!(archive.eventbridge);
}

#[test]
fn a_log_bucket_of_another_side_is_rejected_but_a_shared_one_is_not() {
    let validate = |src_log: &str| {
        let mut flags = regions(None);
        flags.dst_region = Some("ap-southeast-2".into());
        flags.dst_bucket = Some("acme-replicas".into());
        flags.src_access_log_bucket = Some(src_log.into());
        flags.dst_access_log_bucket = Some("acme-logs".into());
        model::validate(&merge(None, &flags).unwrap()).map(|_| ())
    };
    assert!(validate("acme-logs").is_ok());
    assert!(validate("acme-replicas").is_err());
}
