//! S3 general purpose bucket names, checked against every naming rule AWS
//! publishes, so that a bad name fails here instead of mid-apply.

use std::fmt;

use crate::diagnostic::Problem;

const RESERVED_PREFIXES: &[&str] = &["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES: &[&str] = &["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketName(String);

impl BucketName {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let rule =
            |why: &str| Problem::new(format!("`{input}` is not a valid S3 bucket name: {why}"));
        if !(3..=63).contains(&input.len()) {
            return Err(rule("it must be 3 to 63 characters long")
                .note(format!("it is {} characters long", input.len())));
        }
        if let Some(bad) = input
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '.' || *c == '-'))
        {
            let lowercase = input.to_ascii_lowercase();
            let help = if bad.is_ascii_uppercase() && BucketName::parse(&lowercase).is_ok() {
                format!("use lowercase: `{lowercase}`")
            } else {
                "use only lowercase letters, digits, `.` and `-`".to_owned()
            };
            return Err(rule(&format!("`{bad}` is not allowed")).help(help));
        }
        let edge_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if !edge_ok(input.chars().next()) || !edge_ok(input.chars().last()) {
            return Err(rule("it must begin and end with a letter or digit"));
        }
        if input.contains("..") {
            return Err(rule("it must not contain two adjacent periods"));
        }
        if input.split('.').count() == 4 && input.split('.').all(|p| p.parse::<u8>().is_ok()) {
            return Err(rule("it must not look like an IP address"));
        }
        if let Some(prefix) = RESERVED_PREFIXES.iter().find(|p| input.starts_with(*p)) {
            return Err(rule(&format!("the prefix `{prefix}` is reserved by AWS")));
        }
        if let Some(suffix) = RESERVED_SUFFIXES.iter().find(|s| input.ends_with(*s)) {
            return Err(rule(&format!("the suffix `{suffix}` is reserved by AWS")));
        }
        Ok(BucketName(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BucketName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_are_accepted() {
        assert!(BucketName::parse("backup-logs.2024").is_ok());
        assert!(BucketName::parse("abc").is_ok());
    }

    #[test]
    fn length_is_limited_to_3_to_63() {
        assert!(BucketName::parse("ab").is_err());
        assert!(BucketName::parse(&"a".repeat(64)).is_err());
        assert!(BucketName::parse(&"a".repeat(63)).is_ok());
    }

    #[test]
    fn uppercase_is_rejected_with_a_lowercase_suggestion() {
        let problem = BucketName::parse("Backups").unwrap_err();
        assert_eq!(problem.help.as_deref(), Some("use lowercase: `backups`"));
    }

    #[test]
    fn underscore_is_rejected() {
        assert!(BucketName::parse("my_bucket").is_err());
    }

    #[test]
    fn edges_must_be_alphanumeric() {
        assert!(BucketName::parse("-bucket").is_err());
        assert!(BucketName::parse("bucket.").is_err());
    }

    #[test]
    fn adjacent_periods_are_rejected() {
        assert!(BucketName::parse("my..bucket").is_err());
    }

    #[test]
    fn ip_address_is_rejected() {
        assert!(BucketName::parse("192.168.5.4").is_err());
    }

    #[test]
    fn reserved_prefixes_and_suffixes_are_rejected() {
        assert!(BucketName::parse("xn--bucket").is_err());
        assert!(BucketName::parse("sthree-bucket").is_err());
        assert!(BucketName::parse("amzn-s3-demo-bucket").is_err());
        assert!(BucketName::parse("bucket-s3alias").is_err());
        assert!(BucketName::parse("bucket--ol-s3").is_err());
        assert!(BucketName::parse("bucket.mrap").is_err());
        assert!(BucketName::parse("bucket--x-s3").is_err());
        assert!(BucketName::parse("bucket--table-s3").is_err());
    }
}
