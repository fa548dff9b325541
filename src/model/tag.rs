//! Tags that become the providers' `default_tags`.

use crate::diagnostic::Problem;

/// S3 buckets and IAM roles accept at most 50 tags.
pub const MAX_TAGS: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

impl Tag {
    pub fn parse(key: &str, value: &str) -> Result<Self, Problem> {
        let key_len = key.chars().count();
        if !(1..=128).contains(&key_len) {
            return Err(
                Problem::new(format!("tag key `{key}` must be 1 to 128 characters long"))
                    .note(format!("it is {key_len} characters long")),
            );
        }
        if key.to_ascii_lowercase().starts_with("aws:") {
            return Err(
                Problem::new(format!("tag key `{key}` uses the reserved prefix `aws:`"))
                    .help("choose a key that does not start with `aws:`"),
            );
        }
        let value_len = value.chars().count();
        if value_len > 256 {
            return Err(
                Problem::new(format!("the value of tag `{key}` is too long")).note(format!(
                    "a tag value is at most 256 characters; this one has {value_len}"
                )),
            );
        }
        if key.chars().chain(value.chars()).any(char::is_control) {
            return Err(
                Problem::new(format!("tag `{key}` contains a control character"))
                    .help("remove line breaks, tabs and other control characters from tags"),
            );
        }
        Ok(Tag {
            key: key.to_owned(),
            value: value.to_owned(),
        })
    }

    /// Characters outside the set that S3, IAM and KMS all accept in tags.
    /// Such a tag renders correctly but AWS may refuse it at apply time.
    pub fn unportable_char(&self) -> Option<char> {
        let portable =
            |c: &char| c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(*c);
        self.key
            .chars()
            .chain(self.value.chars())
            .find(|c| !portable(c))
    }
}

/// Parses `KEY=VALUE` from `--tag`; the first `=` separates key and value.
pub fn split_assignment(input: &str) -> Result<(&str, &str), Problem> {
    input.split_once('=').ok_or_else(|| {
        Problem::new(format!("`{input}` is not a tag"))
            .help("write tags as `KEY=VALUE`, for example `--tag team=platform`")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_tag_is_accepted() {
        let tag = Tag::parse("team", "platform").unwrap();
        assert_eq!(tag.unportable_char(), None);
    }

    #[test]
    fn empty_value_is_accepted_but_empty_key_is_not() {
        assert!(Tag::parse("team", "").is_ok());
        assert!(Tag::parse("", "x").is_err());
    }

    #[test]
    fn key_length_is_limited_to_128_characters() {
        assert!(Tag::parse(&"é".repeat(128), "x").is_ok());
        assert!(Tag::parse(&"k".repeat(129), "x").is_err());
    }

    #[test]
    fn value_length_is_limited_to_256_characters() {
        assert!(Tag::parse("k", &"v".repeat(256)).is_ok());
        assert!(Tag::parse("k", &"v".repeat(257)).is_err());
    }

    #[test]
    fn reserved_aws_prefix_is_rejected() {
        assert!(Tag::parse("AWS:owner", "x").is_err());
    }

    #[test]
    fn control_characters_are_rejected() {
        assert!(Tag::parse("note", "two\nlines").is_err());
    }

    #[test]
    fn quotes_are_accepted_but_flagged_as_unportable() {
        let tag = Tag::parse("note", "say \"hi\"").unwrap();
        assert_eq!(tag.unportable_char(), Some('"'));
    }

    #[test]
    fn assignment_splits_at_the_first_equals_sign() {
        assert_eq!(split_assignment("a=b=c").unwrap(), ("a", "b=c"));
        assert!(split_assignment("team").is_err());
    }
}
