//! Escaping user values for HCL quoted strings.
//!
//! Every value the templates print passes through here exactly once (it is
//! the template engine's formatter), so no input can end a string early,
//! start an interpolation or a directive, or break a line.

use std::borrow::Cow;

pub fn escape_hcl_string(value: &str) -> Cow<'_, str> {
    // Nearly every value is plain ASCII with nothing to escape; it is
    // written as it is, without a copy.
    let plain = value
        .bytes()
        .all(|b| matches!(b, b' '..=b'~') && !matches!(b, b'\\' | b'"' | b'$' | b'%'));
    if plain {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // `${` starts an interpolation and `%{` a directive; doubling the
            // sigil is HCL's escape for both.
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(escape_hcl_string(r#"a"b\c"#), r#"a\"b\\c"#);
    }

    #[test]
    fn interpolation_and_directive_openers_are_doubled() {
        assert_eq!(escape_hcl_string("${x} %{if}"), "$${x} %%{if}");
        assert_eq!(escape_hcl_string("$ % {"), "$ % {");
    }

    #[test]
    fn line_breaks_and_control_characters_are_escaped() {
        assert_eq!(escape_hcl_string("a\nb\r\tc\u{7}"), "a\\nb\\r\\tc\\u0007");
    }

    #[test]
    fn plain_values_are_not_copied() {
        assert!(matches!(
            escape_hcl_string("orders-backup/2026"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn unicode_passes_through() {
        assert_eq!(escape_hcl_string("équipe ☃"), "équipe ☃");
    }
}
