//! Lays rendered HCL out the way `terraform fmt` does, so generated files
//! pass `terraform fmt -check` untouched.
//!
//! Templates only have to get indentation right. This pass trims trailing
//! space, keeps at most one blank line in a row, and aligns the `=` of
//! consecutive one-line attributes. As in `terraform fmt`, an attribute whose
//! value spans several lines, a comment line, a blank line or a block header
//! ends a run of aligned lines. hcl-rs has its own formatter, but it does not
//! align, so it cannot do this job.

/// One line split at its assignment, when it is a one-line attribute.
struct Assignment<'a> {
    indent: &'a str,
    key: &'a str,
    value: &'a str,
}

pub fn lay_out(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut run: Vec<Assignment<'_>> = Vec::new();
    // A blank line is written when the next line comes, so leading and
    // trailing ones are dropped and several in a row become one.
    let mut blank_pending = false;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blank_pending = !out.is_empty() || !run.is_empty();
            continue;
        }
        if blank_pending {
            flush_run(&mut out, &mut run);
            out.push('\n');
            blank_pending = false;
        }
        match split_assignment(line) {
            Some(assignment) => run.push(assignment),
            None => {
                flush_run(&mut out, &mut run);
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    flush_run(&mut out, &mut run);
    out
}

fn flush_run(out: &mut String, run: &mut Vec<Assignment<'_>>) {
    // terraform fmt counts characters, not bytes, when it aligns.
    let width = run.iter().map(|a| a.key.chars().count()).max().unwrap_or(0);
    for assignment in run.drain(..) {
        out.push_str(assignment.indent);
        out.push_str(assignment.key);
        let padding = width - assignment.key.chars().count() + 1;
        out.extend(std::iter::repeat_n(' ', padding));
        out.push_str("= ");
        out.push_str(assignment.value);
        out.push('\n');
    }
}

/// Recognises `key = value` where the key is a name or a quoted string and
/// the value closes on the same line.
fn split_assignment(line: &str) -> Option<Assignment<'_>> {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let key_len = if trimmed.starts_with('"') {
        quoted_len(trimmed)?
    } else {
        name_len(trimmed)
    };
    if key_len == 0 {
        return None;
    }
    let (key, rest) = trimmed.split_at(key_len);
    let rest = rest.trim_start();
    let value = rest.strip_prefix('=')?;
    if value.starts_with(['=', '>']) {
        return None;
    }
    let value = value.trim_start();
    if value.is_empty() || !closes_on_line(value) {
        return None;
    }
    Some(Assignment { indent, key, value })
}

/// Length of a leading name, or 0 when nothing follows it on the line.
fn name_len(text: &str) -> usize {
    let in_name = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    // Names are ASCII but for the rare tag key; bytes are quicker to test.
    match text
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
    {
        Some(end) if text.as_bytes()[end].is_ascii() => end,
        Some(_) => text.find(|c: char| !in_name(c)).unwrap_or(0),
        None => 0,
    }
}

/// Length of a leading quoted string, escapes included.
fn quoted_len(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Whether every string, interpolation and bracket the value opens is
/// closed again on the same line.
fn closes_on_line(value: &str) -> bool {
    // Most values are a bare word or a plain quoted string; walking them
    // is a large part of laying out a module.
    let plain_string = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .is_some_and(|inner| {
            !inner
                .bytes()
                .any(|b| matches!(b, b'"' | b'\\' | b'$' | b'%'))
        });
    let opens_nothing = || {
        !value
            .bytes()
            .any(|b| matches!(b, b'"' | b'{' | b'[' | b'(' | b'#'))
    };
    if plain_string || opens_nothing() {
        return true;
    }
    #[derive(PartialEq)]
    enum Open {
        Bracket,
        String,
        Interpolation,
    }
    let mut open: Vec<Open> = Vec::new();
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if open.last() == Some(&Open::String) {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    open.pop();
                }
                // `$${` and `%%{` are escapes for a literal `${` and `%{`.
                '$' | '%' if chars.peek() == Some(&c) => {
                    chars.next();
                    if chars.peek() == Some(&'{') {
                        chars.next();
                    }
                }
                '$' | '%' if chars.peek() == Some(&'{') => {
                    chars.next();
                    open.push(Open::Interpolation);
                }
                _ => {}
            }
            continue;
        }
        match c {
            '"' => open.push(Open::String),
            '{' | '[' | '(' => open.push(Open::Bracket),
            '}' | ']' | ')' => {
                open.pop();
            }
            '#' if open.is_empty() => break,
            _ => {}
        }
    }
    open.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_consecutive_one_line_attributes() {
        let text = "x {\n  a = 1\n  bbb = 2\n}\n";
        assert_eq!(lay_out(text), "x {\n  a   = 1\n  bbb = 2\n}\n");
    }

    #[test]
    fn multi_line_value_ends_the_run() {
        let text = "  a = 1\n  bbb = [\n    1,\n  ]\n  cc = 2\n  d = 3\n";
        assert_eq!(
            lay_out(text),
            "  a = 1\n  bbb = [\n    1,\n  ]\n  cc = 2\n  d  = 3\n"
        );
    }

    #[test]
    fn comment_and_blank_lines_end_the_run() {
        let text = "  a = 1\n  # why\n  bbb = 2\n\n  cc = 3\n";
        assert_eq!(lay_out(text), text);
    }

    #[test]
    fn quoted_keys_align_by_characters() {
        let text = "    \"é\" = 1\n    \"ab\" = 2\n";
        assert_eq!(lay_out(text), "    \"é\"  = 1\n    \"ab\" = 2\n");
    }

    #[test]
    fn names_with_letters_beyond_ascii_align_by_characters() {
        let text = "  née = 1\n  abcd = 2\n";
        assert_eq!(lay_out(text), "  née  = 1\n  abcd = 2\n");
    }

    #[test]
    fn braces_inside_strings_and_interpolations_do_not_open_blocks() {
        assert!(closes_on_line(r#""a{b" "#));
        assert!(closes_on_line(r#""${x.y}/*""#));
        assert!(closes_on_line(r#""$${" "#));
        assert!(closes_on_line(r#"["a", "b"]"#));
        assert!(!closes_on_line("{"));
        assert!(!closes_on_line(r#""${"#));
    }

    #[test]
    fn repeated_blank_lines_collapse_to_one() {
        assert_eq!(lay_out("a {}\n\n\n\nb {}\n\n"), "a {}\n\nb {}\n");
    }
}
