//! The id that names one destination's resources in Terraform.

use std::fmt;

use crate::diagnostic::Problem;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DestinationId(String);

impl DestinationId {
    /// The id of the only destination when there is one.
    pub fn single() -> Self {
        DestinationId("destination".to_owned())
    }

    pub fn parse(input: &str) -> Result<Self, Problem> {
        let problem = || {
            Problem::new(format!("`{input}` is not a usable destination id"))
                .help("use 1 to 24 lowercase letters, digits and `_`, starting with a letter, such as `dr_us`")
        };
        let mut chars = input.chars();
        let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !(starts_with_letter && rest_ok && input.len() <= 24) {
            return Err(problem());
        }
        // These name other parts of the module.
        if ["source", "current", "replication", "reverse"].contains(&input) {
            return Err(Problem::new(format!(
                "`{input}` is reserved and cannot name a destination"
            ))
            .help("choose another id, such as `backup`"));
        }
        Ok(DestinationId(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as it appears in bucket names, which allow no `_`.
    pub fn bucket_part(&self) -> String {
        self.0.replace('_', "-")
    }
}

impl fmt::Display for DestinationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_identifier_is_accepted() {
        assert_eq!(
            DestinationId::parse("dr_us2").unwrap().bucket_part(),
            "dr-us2"
        );
    }

    #[test]
    fn hyphens_capitals_and_leading_digits_are_rejected() {
        assert!(DestinationId::parse("dr-us").is_err());
        assert!(DestinationId::parse("DR").is_err());
        assert!(DestinationId::parse("2dr").is_err());
        assert!(DestinationId::parse("").is_err());
    }

    #[test]
    fn reserved_names_are_rejected() {
        assert!(DestinationId::parse("source").is_err());
    }
}
