//! The exact actions each replication role is granted, following the AWS
//! guide to replicating encrypted objects, and nothing more.

/// Actions on replicas in a destination bucket.
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

/// Actions on a destination key. Replicas of KMS objects are encrypted
/// with `Encrypt`; objects stored without KMS ("plaintext" to KMS) get a
/// fresh data key from the destination's default encryption, which takes
/// `GenerateDataKey`. With a Bucket Key S3 also generates the bucket-level
/// key and decrypts it to check its integrity.
pub fn destination_key_actions(source_uses_kms: bool, bucket_key: bool) -> Vec<&'static str> {
    let mut actions = vec!["kms:Encrypt"];
    if bucket_key || !source_uses_kms {
        actions.push("kms:GenerateDataKey");
    }
    if bucket_key {
        actions.push("kms:Decrypt");
    }
    actions.sort_unstable();
    actions
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
    fn kms_source_without_bucket_key_needs_only_encrypt() {
        assert_eq!(destination_key_actions(true, false), vec!["kms:Encrypt"]);
    }

    #[test]
    fn bucket_key_adds_decrypt_and_data_key_generation() {
        assert_eq!(
            destination_key_actions(true, true),
            vec!["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
        );
    }

    #[test]
    fn plaintext_source_needs_data_key_generation() {
        assert_eq!(
            destination_key_actions(false, false),
            vec!["kms:Encrypt", "kms:GenerateDataKey"]
        );
    }
}
