//! AWS account ids.

use std::fmt;

use crate::diagnostic::Problem;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountId(String);

impl AccountId {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        if input.len() == 12 && input.bytes().all(|b| b.is_ascii_digit()) {
            Ok(AccountId(input.to_owned()))
        } else {
            Err(Problem::new(format!("`{input}` is not an AWS account id"))
                .help("an account id is exactly 12 digits, such as `111122223333`"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_digits_are_an_account_id() {
        assert_eq!(
            AccountId::parse("222222222222").unwrap().as_str(),
            "222222222222"
        );
    }

    #[test]
    fn other_lengths_and_letters_are_rejected() {
        assert!(AccountId::parse("22222222222").is_err());
        assert!(AccountId::parse("2222222222223").is_err());
        assert!(AccountId::parse("22222222222a").is_err());
    }
}
