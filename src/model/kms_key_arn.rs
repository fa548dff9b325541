//! ARNs of existing KMS keys that a bucket should use.

use std::fmt;

use super::account::AccountId;
use super::arn;
use crate::diagnostic::Problem;

const EXAMPLE: &str = "arn:aws:kms:us-west-2:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KmsKeyArn {
    arn: String,
    region: String,
    account: AccountId,
}

impl KmsKeyArn {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let parts = arn::split(input, "a KMS key ARN", EXAMPLE)?;
        if parts.service != "kms" {
            return Err(Problem::new(format!("`{input}` is not a KMS key ARN"))
                .help(format!("it should look like `{EXAMPLE}`")));
        }
        if parts.resource.starts_with("alias/") {
            return Err(Problem::new(format!("`{input}` is a KMS alias, not a key"))
                .help(
                    "give the key ARN the alias points to (`aws kms describe-key --key-id ALIAS`)",
                )
                .note(
                    "S3 resolves an alias in the account of the caller, so during cross-account \
                     replication it would find a different key or none",
                ));
        }
        let Some(key_id) = parts.resource.strip_prefix("key/") else {
            return Err(Problem::new(format!("`{input}` is not a KMS key ARN"))
                .help(format!("it should look like `{EXAMPLE}`")));
        };
        if !is_key_id(key_id) {
            return Err(
                Problem::new(format!("`{input}` has an invalid key id `{key_id}`"))
                    .help("a key id is a UUID, or `mrk-` and 32 hex digits for a multi-Region key"),
            );
        }
        let account = AccountId::parse(parts.account).map_err(|_| {
            Problem::new(format!("`{input}` does not name a 12-digit account"))
                .help(format!("it should look like `{EXAMPLE}`"))
        })?;
        Ok(KmsKeyArn {
            arn: input.to_owned(),
            region: parts.region.to_owned(),
            account,
        })
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    pub fn account(&self) -> &AccountId {
        &self.account
    }

    pub fn as_str(&self) -> &str {
        &self.arn
    }
}

impl fmt::Display for KmsKeyArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.arn)
    }
}

fn is_key_id(id: &str) -> bool {
    if let Some(hex) = id.strip_prefix("mrk-") {
        return hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    let groups: Vec<&str> = id.split('-').collect();
    let lengths = [8, 4, 4, 4, 12];
    groups.len() == lengths.len()
        && groups
            .iter()
            .zip(lengths)
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_arn_gives_region_and_account() {
        let key = KmsKeyArn::parse(EXAMPLE).unwrap();
        assert_eq!(key.region(), "us-west-2");
        assert_eq!(key.account().as_str(), "222222222222");
    }

    #[test]
    fn multi_region_key_is_accepted() {
        let arn = "arn:aws:kms:us-west-2:222222222222:key/mrk-1234abcd12ab34cd56ef1234567890ab";
        assert!(KmsKeyArn::parse(arn).is_ok());
    }

    #[test]
    fn alias_arn_is_rejected_with_the_reason() {
        let problem =
            KmsKeyArn::parse("arn:aws:kms:us-west-2:222222222222:alias/backup").unwrap_err();
        assert!(problem.message.contains("alias"));
        assert!(problem.note.unwrap().contains("account of the caller"));
    }

    #[test]
    fn bare_key_id_is_rejected() {
        assert!(KmsKeyArn::parse("1234abcd-12ab-34cd-56ef-1234567890ab").is_err());
    }

    #[test]
    fn malformed_key_id_is_rejected() {
        assert!(KmsKeyArn::parse("arn:aws:kms:us-west-2:222222222222:key/not-a-key").is_err());
    }
}
