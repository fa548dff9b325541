//! The prefix that starts every name gen-repl gives a resource.

use std::fmt;

use crate::diagnostic::Problem;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePrefix(String);

impl NamePrefix {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let rule =
            |why: &str| Problem::new(format!("`{input}` is not a usable name prefix: {why}"));
        if input.is_empty() {
            return Err(rule("it is empty").help("use a short word such as `backup`"));
        }
        // The prefix starts bucket names, so it follows their character rules.
        if let Some(bad) = input
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(rule(&format!("`{bad}` is not allowed"))
                .help("use lowercase letters, digits and `-`"));
        }
        if input.starts_with('-') || input.ends_with('-') {
            return Err(rule("it must begin and end with a letter or digit"));
        }
        if ["xn--", "sthree-", "amzn-s3-demo-"]
            .iter()
            .any(|p| input.starts_with(p))
        {
            return Err(rule(
                "it starts with a prefix AWS reserves for bucket names",
            ));
        }
        Ok(NamePrefix(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NamePrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_words_with_hyphens_are_accepted() {
        assert!(NamePrefix::parse("orders-backup2").is_ok());
    }

    #[test]
    fn uppercase_and_underscores_are_rejected() {
        assert!(NamePrefix::parse("Orders").is_err());
        assert!(NamePrefix::parse("orders_backup").is_err());
    }

    #[test]
    fn hyphen_at_an_edge_is_rejected() {
        assert!(NamePrefix::parse("-orders").is_err());
        assert!(NamePrefix::parse("orders-").is_err());
    }

    #[test]
    fn reserved_bucket_prefix_is_rejected() {
        assert!(NamePrefix::parse("xn--orders").is_err());
    }
}
