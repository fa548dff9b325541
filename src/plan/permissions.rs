//! The exact actions the replication role is granted, following the AWS
//! guide to replicating SSE-KMS objects, and nothing more.

/// Actions on replicas in the destination bucket.
pub fn replica_actions(cross_account: bool) -> Vec<&'static str> {
    let mut actions = vec![
        "s3:ReplicateObject",
        "s3:ReplicateDelete",
        "s3:ReplicateTags",
    ];
    // Handing replicas to the destination account's owner is an action of
    // its own, needed only when the owner differs.
    if cross_account {
        actions.push("s3:ObjectOwnerOverrideToBucketOwner");
    }
    actions
}

/// Actions on the destination key. Encrypt is what replication itself
/// calls; with a Bucket Key, S3 also generates the bucket-level data key and
/// decrypts it to check its integrity, so both are granted only then.
pub fn destination_key_actions(bucket_key: bool) -> Vec<&'static str> {
    if bucket_key {
        vec!["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
    } else {
        vec!["kms:Encrypt"]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_override_only_across_accounts() {
        assert!(replica_actions(true).contains(&"s3:ObjectOwnerOverrideToBucketOwner"));
        assert!(!replica_actions(false).contains(&"s3:ObjectOwnerOverrideToBucketOwner"));
    }

    #[test]
    fn bucket_key_adds_decrypt_and_data_key_generation() {
        assert_eq!(destination_key_actions(false), vec!["kms:Encrypt"]);
        assert!(destination_key_actions(true).contains(&"kms:GenerateDataKey"));
        assert!(destination_key_actions(true).contains(&"kms:Decrypt"));
    }
}
