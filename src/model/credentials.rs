//! The values a provider needs to reach an account: an external id and a
//! session name for `assume_role`, or a named profile.

use crate::diagnostic::Problem;

fn sts_chars(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_+=,.@-".contains(c)
}

/// STS accepts 2 to 1224 characters of `[\w+=,.@:/-]`.
pub fn parse_external_id(input: &str) -> Result<String, Problem> {
    let ok = (2..=1224).contains(&input.len())
        && input.chars().all(|c| sts_chars(c) || ":/".contains(c));
    if ok {
        Ok(input.to_owned())
    } else {
        Err(
            Problem::new(format!("`{input}` is not a valid external id"))
                .help("an external id is 2 to 1224 letters, digits or `_+=,.@:/-`"),
        )
    }
}

/// STS accepts 2 to 64 characters of `[\w+=,.@-]`.
pub fn parse_session_name(input: &str) -> Result<String, Problem> {
    let ok = (2..=64).contains(&input.len()) && input.chars().all(sts_chars);
    if ok {
        Ok(input.to_owned())
    } else {
        Err(
            Problem::new(format!("`{input}` is not a valid session name"))
                .help("a session name is 2 to 64 letters, digits or `_+=,.@-`"),
        )
    }
}

/// Profile names are free text in `~/.aws/config`; only what would break
/// the config file itself is refused.
pub fn parse_profile(input: &str) -> Result<String, Problem> {
    if input.trim().is_empty() || input.chars().any(char::is_control) || input.contains(['[', ']'])
    {
        Err(Problem::new(format!(
            "`{}` is not a usable profile name",
            input.escape_debug()
        ))
        .help("use the name of a profile in your AWS config, without brackets or line breaks"))
    } else {
        Ok(input.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_id_accepts_sts_characters() {
        assert!(parse_external_id("tenant:42/backup").is_ok());
    }

    #[test]
    fn external_id_rejects_spaces_and_short_values() {
        assert!(parse_external_id("a b").is_err());
        assert!(parse_external_id("a").is_err());
    }

    #[test]
    fn session_name_accepts_sts_characters() {
        assert!(parse_session_name("gen-repl@ci").is_ok());
    }

    #[test]
    fn session_name_rejects_slashes_and_long_values() {
        assert!(parse_session_name("ci/job").is_err());
        assert!(parse_session_name(&"s".repeat(65)).is_err());
    }

    #[test]
    fn profile_accepts_free_text() {
        assert!(parse_profile("prod backup").is_ok());
    }

    #[test]
    fn profile_rejects_brackets_and_line_breaks() {
        assert!(parse_profile("[prod]").is_err());
        assert!(parse_profile("prod\nx").is_err());
        assert!(parse_profile("  ").is_err());
    }
}
