//! The six fields every ARN shares, split once for the typed ARNs built on it.

use crate::diagnostic::Problem;

const PARTITIONS: &[&str] = &[
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
];

pub struct ArnParts<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

/// Splits `arn:partition:service:region:account:resource`; `what` names the
/// expected kind in messages ("an IAM role ARN").
pub fn split<'a>(input: &'a str, what: &str, example: &str) -> Result<ArnParts<'a>, Problem> {
    let malformed = || {
        Problem::new(format!("`{input}` is not {what}"))
            .help(format!("it should look like `{example}`"))
    };
    let mut fields = input.splitn(6, ':');
    if fields.next() != Some("arn") {
        return Err(malformed());
    }
    let (Some(partition), Some(service), Some(region), Some(account), Some(resource)) = (
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
    ) else {
        return Err(malformed());
    };
    if !PARTITIONS.contains(&partition) {
        return Err(Problem::new(format!(
            "`{input}` names an unknown partition `{partition}`"
        ))
        .help(format!("the partition is one of {}", PARTITIONS.join(", "))));
    }
    Ok(ArnParts {
        partition,
        service,
        region,
        account,
        resource,
    })
}
