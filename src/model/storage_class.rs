//! Storage classes S3 accepts for replicas.

use std::fmt;

use crate::diagnostic::Problem;

/// OUTPOSTS and EXPRESS_ONEZONE are storage classes, but S3 replication
/// cannot write replicas into them, so they are not offered.
const REPLICA_CLASSES: &[&str] = &[
    "STANDARD",
    "REDUCED_REDUNDANCY",
    "STANDARD_IA",
    "ONEZONE_IA",
    "INTELLIGENT_TIERING",
    "GLACIER",
    "GLACIER_IR",
    "DEEP_ARCHIVE",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageClass(&'static str);

impl StorageClass {
    pub const DEFAULT: StorageClass = StorageClass("STANDARD_IA");
    pub const STANDARD: StorageClass = StorageClass("STANDARD");

    pub fn parse(input: &str) -> Result<Self, Problem> {
        if let Some(class) = REPLICA_CLASSES.iter().find(|c| **c == input) {
            return Ok(StorageClass(class));
        }
        let normalised = input.trim().to_ascii_uppercase().replace(['-', ' '], "_");
        let problem = Problem::new(format!("`{input}` is not a storage class for replicas"));
        if let Some(class) = REPLICA_CLASSES.iter().find(|c| **c == normalised) {
            return Err(problem.help(format!("did you mean `{class}`?")));
        }
        Err(problem.help(format!("use one of {}", REPLICA_CLASSES.join(", "))))
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl fmt::Display for StorageClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_replica_class_is_accepted() {
        for class in REPLICA_CLASSES {
            assert_eq!(StorageClass::parse(class).unwrap().as_str(), *class);
        }
    }

    #[test]
    fn lowercase_class_suggests_the_canonical_spelling() {
        let problem = StorageClass::parse("standard-ia").unwrap_err();
        assert_eq!(problem.help.as_deref(), Some("did you mean `STANDARD_IA`?"));
    }

    #[test]
    fn classes_replication_cannot_write_are_rejected() {
        assert!(StorageClass::parse("OUTPOSTS").is_err());
        assert!(StorageClass::parse("EXPRESS_ONEZONE").is_err());
    }
}
