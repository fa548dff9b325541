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
    let bytes = text.as_bytes();
    let mut shape = Vec::with_capacity(bytes.len());
    let mut stack: Vec<Context> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let in_string = stack.last() == Some(&Context::String);
        // Skip to the next byte that matters: literal characters leave the
        // shape, everything outside strings stays.
        let matters = if in_string {
            &MATTERS_IN_STRING
        } else {
            &MATTERS_OUTSIDE
        };
        let run = bytes[i..]
            .iter()
            .position(|&b| matters[usize::from(b)])
            .unwrap_or(bytes.len() - i);
        if !in_string {
            shape.extend_from_slice(&bytes[i..i + run]);
        }
        i += run;
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let next = bytes.get(i + 1).copied();
        i += 1;
        match (b, in_string) {
            (b'"', true) => {
                stack.pop();
                shape.push(b);
            }
            (b'\\', true) => i = skip_escape(bytes, i)?,
            (b'\n', true) => return None,
            // `$${` and `%%{` are a literal `${` and `%{`.
            (b'$' | b'%', true) if next == Some(b) => i += 1,
            (b'$' | b'%', true) if next == Some(b'{') => {
                i += 1;
                stack.push(Context::Template { braces: 1 });
                shape.extend([b, b'{']);
            }
            (_, true) => {}
            (b'"', false) => {
                stack.push(Context::String);
                shape.push(b);
            }
            (b'#', false) => i = skip_line(bytes, i, &mut shape),
            (b'/', false) if next == Some(b'/') => i = skip_line(bytes, i, &mut shape),
            // Block comments and heredocs are rare enough to parse whole.
            (b'/', false) if next == Some(b'*') => return None,
            (b'<', false) if next == Some(b'<') => return None,
            (b'{' | b'}', false) => {
                close_template(&mut stack, b);
                shape.push(b);
            }
            (_, false) => shape.push(b),
        }
    }
    if !stack.is_empty() {
        return None;
    }
    String::from_utf8(shape).ok()
}

/// The bytes that end a run of literal characters inside a string, and a
/// run of kept ones outside; a table lookup per byte, because this scan
/// reads every byte of every module.
static MATTERS_IN_STRING: [bool; 256] = byte_set(b"\"\\\n$%");
static MATTERS_OUTSIDE: [bool; 256] = byte_set(b"\"#/<{}");

const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        set[bytes[i] as usize] = true;
        i += 1;
    }
    set
}

/// Counts braces inside an interpolation, which ends at its closing one.
fn close_template(stack: &mut Vec<Context>, brace: u8) {
    let Some(Context::Template { braces }) = stack.last_mut() else {
        return;
    };
    if brace == b'{' {
        *braces += 1;
    } else {
        *braces -= 1;
    }
    if *braces == 0 {
        stack.pop();
    }
}

/// Checks the escape after a backslash at `i` and returns where it ends.
/// HCL's escapes: `\n`, `\r`, `\t`, `\"`, `\\`, `\uNNNN` and `\UNNNNNNNN`.
fn skip_escape(bytes: &[u8], i: usize) -> Option<usize> {
    let digits = match bytes.get(i)? {
        b'n' | b'r' | b't' | b'"' | b'\\' => 0,
        b'u' => 4,
        b'U' => 8,
        _ => return None,
    };
    let hex = bytes.get(i + 1..i + 1 + digits)?;
    hex.iter()
        .all(u8::is_ascii_hexdigit)
        .then_some(i + 1 + digits)
}

/// Skips a comment to the end of its line, keeping the line break.
fn skip_line(bytes: &[u8], i: usize, shape: &mut Vec<u8>) -> usize {
    match bytes[i..].iter().position(|&b| b == b'\n') {
        Some(offset) => {
            shape.push(b'\n');
            i + offset + 1
        }
        None => bytes.len(),
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
