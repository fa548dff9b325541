//! ARNs of IAM roles that a provider assumes.

use std::fmt;

use super::account::AccountId;
use super::arn;
use crate::diagnostic::Problem;

const EXAMPLE: &str = "arn:aws:iam::222222222222:role/deployer";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleArn {
    arn: String,
    partition: String,
    account: AccountId,
}

impl RoleArn {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let parts = arn::split(input, "an IAM role ARN", EXAMPLE)?;
        if parts.service != "iam" || !parts.region.is_empty() {
            return Err(Problem::new(format!("`{input}` is not an IAM role ARN"))
                .help(format!("it should look like `{EXAMPLE}`")));
        }
        let account = AccountId::parse(parts.account).map_err(|_| {
            Problem::new(format!("`{input}` does not name a 12-digit account"))
                .help(format!("it should look like `{EXAMPLE}`"))
        })?;
        let Some(path_and_name) = parts.resource.strip_prefix("role/") else {
            return Err(Problem::new(format!("`{input}` is not a role"))
                .help("the resource part must start with `role/`, as in `role/deployer`"));
        };
        check_path_and_name(input, path_and_name)?;
        Ok(RoleArn {
            arn: input.to_owned(),
            partition: parts.partition.to_owned(),
            account,
        })
    }

    pub fn account(&self) -> &AccountId {
        &self.account
    }

    pub fn partition(&self) -> &str {
        &self.partition
    }

    pub fn as_str(&self) -> &str {
        &self.arn
    }
}

impl fmt::Display for RoleArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.arn)
    }
}

/// IAM allows an optional path (`/team/`) before a name of 1 to 64
/// characters drawn from letters, digits and `+=,.@_-`.
fn check_path_and_name(input: &str, path_and_name: &str) -> Result<(), Problem> {
    let name = path_and_name.rsplit('/').next().unwrap_or_default();
    let path = &path_and_name[..path_and_name.len() - name.len()];
    let name_ok = (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c));
    if !name_ok {
        return Err(
            Problem::new(format!("`{input}` has an invalid role name `{name}`"))
                .help("a role name is 1 to 64 letters, digits or `+=,.@_-`"),
        );
    }
    let path_ok = path.len() <= 512
        && path.split('/').all(|segment| {
            segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
        })
        && !path.contains("//");
    if !path_ok {
        return Err(
            Problem::new(format!("`{input}` has an invalid role path `/{path}`"))
                .help("a role path is made of `/`-separated letters, digits or `+=,.@_-`"),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_arn_gives_its_account_and_partition() {
        let role = RoleArn::parse("arn:aws:iam::222222222222:role/deployer").unwrap();
        assert_eq!(role.account().as_str(), "222222222222");
        assert_eq!(role.partition(), "aws");
    }

    #[test]
    fn role_with_path_is_accepted() {
        assert!(RoleArn::parse("arn:aws-cn:iam::222222222222:role/platform/ci/deployer").is_ok());
    }

    #[test]
    fn user_arn_is_rejected() {
        let problem = RoleArn::parse("arn:aws:iam::222222222222:user/alice").unwrap_err();
        assert!(problem.message.contains("is not a role"));
    }

    #[test]
    fn short_account_is_rejected() {
        assert!(RoleArn::parse("arn:aws:iam::22222222222:role/deployer").is_err());
    }

    #[test]
    fn unknown_partition_is_rejected() {
        assert!(RoleArn::parse("arn:amazon:iam::222222222222:role/deployer").is_err());
    }

    #[test]
    fn invalid_role_name_is_rejected() {
        assert!(RoleArn::parse("arn:aws:iam::222222222222:role/deploy*er").is_err());
        assert!(RoleArn::parse("arn:aws:iam::222222222222:role/").is_err());
    }

    #[test]
    fn non_iam_service_is_rejected() {
        assert!(RoleArn::parse("arn:aws:sts::222222222222:role/deployer").is_err());
    }
}
