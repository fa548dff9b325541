//! How a bucket encrypts its objects.

use super::kms_key_arn::KmsKeyArn;
use crate::diagnostic::Problem;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Encryption {
    /// SSE-KMS with a new key (`key: None`) or an existing one.
    Kms {
        key: Option<KmsKeyArn>,
        bucket_key: bool,
    },
    /// SSE-S3: keys S3 manages, so no KMS key and no KMS permissions.
    S3Managed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncryptionKind {
    Kms,
    S3Managed,
}

impl EncryptionKind {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        match input {
            "kms" => Ok(EncryptionKind::Kms),
            "sse-s3" => Ok(EncryptionKind::S3Managed),
            _ => {
                let normalised = input.to_ascii_lowercase().replace('_', "-");
                let problem =
                    Problem::new(format!("`{input}` is not an encryption gen-repl offers"));
                match normalised.as_str() {
                    "kms" | "sse-kms" | "aws:kms" => Err(problem.help("did you mean `kms`?")),
                    "sse-s3" | "aes256" | "s3" => Err(problem.help("did you mean `sse-s3`?")),
                    _ => Err(problem.help(
                        "use `kms` (a customer-managed KMS key) or `sse-s3` (keys managed by S3)",
                    )),
                }
            }
        }
    }
}

impl Encryption {
    pub fn kms_key(&self) -> Option<&KmsKeyArn> {
        match self {
            Encryption::Kms { key, .. } => key.as_ref(),
            Encryption::S3Managed => None,
        }
    }

    pub fn is_kms(&self) -> bool {
        matches!(self, Encryption::Kms { .. })
    }

    pub fn bucket_key(&self) -> bool {
        matches!(
            self,
            Encryption::Kms {
                bucket_key: true,
                ..
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kms_and_sse_s3_are_the_choices() {
        assert_eq!(EncryptionKind::parse("kms").unwrap(), EncryptionKind::Kms);
        assert_eq!(
            EncryptionKind::parse("sse-s3").unwrap(),
            EncryptionKind::S3Managed
        );
    }

    #[test]
    fn near_spellings_suggest_the_choice() {
        assert_eq!(
            EncryptionKind::parse("AES256").unwrap_err().help.as_deref(),
            Some("did you mean `sse-s3`?")
        );
        assert_eq!(
            EncryptionKind::parse("aws:kms")
                .unwrap_err()
                .help
                .as_deref(),
            Some("did you mean `kms`?")
        );
    }

    #[test]
    fn other_values_are_rejected() {
        assert!(EncryptionKind::parse("dsse-kms").is_err());
    }
}
