//! Which objects a replication rule selects.
//!
//! S3 takes a filter in three shapes (a prefix, one tag, or an `And` of a
//! prefix and tags) and rejects the others; building a `Filter` picks the
//! shape, so a malformed one cannot exist.

use super::tag::Tag;
use crate::diagnostic::Problem;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Everything,
    Prefix(String),
    Tag(Tag),
    And {
        prefix: Option<String>,
        tags: Vec<Tag>,
    },
}

impl Filter {
    pub fn new(prefix: Option<String>, tags: Vec<Tag>) -> Self {
        let prefix = prefix.filter(|p| !p.is_empty());
        match (prefix, tags.len()) {
            (None, 0) => Filter::Everything,
            (Some(prefix), 0) => Filter::Prefix(prefix),
            (None, 1) => Filter::Tag(tags.into_iter().next().expect("one tag")),
            (prefix, _) => Filter::And { prefix, tags },
        }
    }

    pub fn prefix(&self) -> Option<&str> {
        match self {
            Filter::Prefix(prefix) => Some(prefix),
            Filter::And { prefix, .. } => prefix.as_deref(),
            _ => None,
        }
    }

    pub fn has_tags(&self) -> bool {
        !self.tags().is_empty()
    }

    pub fn tags(&self) -> Vec<&Tag> {
        match self {
            Filter::Tag(tag) => vec![tag],
            Filter::And { tags, .. } => tags.iter().collect(),
            _ => Vec::new(),
        }
    }
}

/// A key prefix, called `what` in messages (`filter prefix`). S3 keys are
/// at most 1024 bytes, so a longer prefix matches nothing.
pub fn parse_key_prefix(what: &str, input: &str) -> Result<String, Problem> {
    if input.len() > 1024 {
        return Err(
            Problem::new(format!("the {what} is longer than an S3 key can be")).note(format!(
                "it is {} bytes; keys are at most 1024",
                input.len()
            )),
        );
    }
    if input.chars().any(char::is_control) {
        return Err(Problem::new(format!(
            "the {what} `{}` contains a control character",
            input.escape_debug()
        ))
        .help("remove line breaks and other control characters from the prefix"));
    }
    Ok(input.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(key: &str) -> Tag {
        Tag::parse(key, "v").unwrap()
    }

    #[test]
    fn no_prefix_and_no_tags_select_everything() {
        assert_eq!(Filter::new(None, vec![]), Filter::Everything);
        assert_eq!(Filter::new(Some(String::new()), vec![]), Filter::Everything);
    }

    #[test]
    fn a_prefix_alone_is_a_prefix_filter() {
        assert_eq!(
            Filter::new(Some("logs/".into()), vec![]),
            Filter::Prefix("logs/".into())
        );
    }

    #[test]
    fn one_tag_alone_is_a_tag_filter() {
        assert_eq!(Filter::new(None, vec![tag("a")]), Filter::Tag(tag("a")));
    }

    #[test]
    fn a_prefix_with_tags_or_several_tags_need_and() {
        let both = Filter::new(Some("logs/".into()), vec![tag("a")]);
        assert!(matches!(
            both,
            Filter::And {
                prefix: Some(_),
                ..
            }
        ));
        let tags = Filter::new(None, vec![tag("a"), tag("b")]);
        assert!(matches!(tags, Filter::And { prefix: None, .. }));
        assert!(tags.has_tags());
    }

    #[test]
    fn prefix_longer_than_a_key_is_rejected() {
        assert!(parse_key_prefix("filter prefix", &"k".repeat(1024)).is_ok());
        assert!(parse_key_prefix("filter prefix", &"k".repeat(1025)).is_err());
    }

    #[test]
    fn prefix_with_a_line_break_is_rejected() {
        assert!(parse_key_prefix("filter prefix", "logs/\n").is_err());
    }
}
