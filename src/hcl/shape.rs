//! The shape of an HCL text: the text without comments and without the
//! literal characters of its quoted strings, interpolations kept.
//!
//! Modules rendered from different settings differ almost only inside
//! strings, so they share a handful of shapes. A shape parses exactly when
//! the text does, provided every literal part is itself valid, which this
//! scan checks as it goes.

/// What the scan is inside of.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    /// A quoted string.
    String,
    /// An interpolation or directive in a string, with its open braces.
    Template { braces: usize },
}

/// The shape of `text`, or `None` where the scan cannot vouch for the
/// literal parts (a bad escape, a line break in a string, a heredoc); the
/// caller then parses the whole text.
pub fn shape(text: &str) -> Option<String> {
    // Every byte that matters is ASCII, and the bytes of other characters
    // are never ASCII, so a byte scan keeps or drops whole characters.
    let mut shape = Vec::with_capacity(text.len() / 2);
    let mut stack: Vec<Context> = Vec::new();
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        if stack.last() == Some(&Context::String) {
            match b {
                b'"' => {
                    stack.pop();
                    shape.push(b'"');
                }
                b'\\' => check_escape(&mut bytes)?,
                b'\n' => return None,
                // `$${` and `%%{` are a literal `${` and `%{`.
                b'$' | b'%' if bytes.peek() == Some(&b) => {
                    bytes.next();
                }
                b'$' | b'%' if bytes.peek() == Some(&b'{') => {
                    bytes.next();
                    stack.push(Context::Template { braces: 1 });
                    shape.extend([b, b'{']);
                }
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => {
                stack.push(Context::String);
                shape.push(b'"');
            }
            b'#' => skip_line(&mut bytes, &mut shape),
            b'/' if bytes.peek() == Some(&b'/') => skip_line(&mut bytes, &mut shape),
            // Block comments and heredocs are rare enough to parse whole.
            b'/' if bytes.peek() == Some(&b'*') => return None,
            b'<' if bytes.peek() == Some(&b'<') => return None,
            b'{' | b'}' => {
                if let Some(Context::Template { braces }) = stack.last_mut() {
                    if b == b'{' {
                        *braces += 1;
                    } else {
                        *braces -= 1;
                    }
                    if *braces == 0 {
                        stack.pop();
                    }
                }
                shape.push(b);
            }
            _ => shape.push(b),
        }
    }
    if !stack.is_empty() {
        return None;
    }
    String::from_utf8(shape).ok()
}

/// HCL's escapes: `\n`, `\r`, `\t`, `\"`, `\\`, `\uNNNN` and `\UNNNNNNNN`.
fn check_escape(bytes: &mut impl Iterator<Item = u8>) -> Option<()> {
    let digits = match bytes.next()? {
        b'n' | b'r' | b't' | b'"' | b'\\' => 0,
        b'u' => 4,
        b'U' => 8,
        _ => return None,
    };
    for _ in 0..digits {
        bytes.next().filter(u8::is_ascii_hexdigit)?;
    }
    Some(())
}

fn skip_line(bytes: &mut impl Iterator<Item = u8>, shape: &mut Vec<u8>) {
    if bytes.any(|b| b == b'\n') {
        shape.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_characters_and_comments_leave_the_shape() {
        let text = "# about a\na = \"x\\\"y\" # why\n";
        assert_eq!(shape(text).as_deref(), Some("\na = \"\" \n"));
    }

    #[test]
    fn interpolations_stay_in_the_shape() {
        let text = r#"a = "${join(",", [b.c])}/*""#;
        assert_eq!(shape(text).as_deref(), Some(r#"a = "${join("", [b.c])}""#));
    }

    #[test]
    fn escaped_interpolation_is_literal() {
        assert_eq!(shape(r#"a = "$${b} %%{c}""#).as_deref(), Some(r#"a = """#));
    }

    #[test]
    fn settings_inside_strings_do_not_change_the_shape() {
        assert_eq!(shape(r#"a = "orders""#), shape(r#"a = "backup-2""#));
    }

    #[test]
    fn texts_the_scan_cannot_vouch_for_have_no_shape() {
        assert_eq!(shape("a = \"b\\q\""), None);
        assert_eq!(shape("a = \"b\nc\""), None);
        assert_eq!(shape("a = \"b"), None);
        assert_eq!(shape("a = <<EOT\nb\nEOT\n"), None);
        assert_eq!(shape("a = \"\\u12\""), None);
    }
}
