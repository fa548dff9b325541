//! The last gate before output: every rendered file must parse as HCL.
//!
//! A failure here is a bug in gen-repl, never in the user's input, because
//! every user value was escaped when it was rendered.
//!
//! Parsing is most of the cost of rendering a module, so each file's shape
//! (see `shape`) is parsed once per process and remembered: a batch of
//! modules that differ only in their strings pays for the parser a handful
//! of times, not once per module.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use super::shape::shape;

pub fn check_parses(file_name: &str, text: &str) -> Result<(), String> {
    let Some(shape) = shape(text) else {
        return parse(file_name, text);
    };
    let key = *blake3::hash(shape.as_bytes()).as_bytes();
    if parsed_shapes()
        .lock()
        .is_ok_and(|shapes| shapes.contains(&key))
    {
        return Ok(());
    }
    // The whole text, not the shape, tells where a broken file breaks.
    parse(file_name, &shape).or_else(|_| parse(file_name, text))?;
    if let Ok(mut shapes) = parsed_shapes().lock() {
        shapes.insert(key);
    }
    Ok(())
}

fn parsed_shapes() -> &'static Mutex<HashSet<[u8; 32]>> {
    static SHAPES: OnceLock<Mutex<HashSet<[u8; 32]>>> = OnceLock::new();
    SHAPES.get_or_init(Mutex::default)
}

fn parse(file_name: &str, text: &str) -> Result<(), String> {
    // hcl-rs's own parser, without `hcl::parse`'s conversion of the result
    // into an owned `Body`: only whether it parses matters here.
    hcl::edit::parser::parse_body(text)
        .map(|_| ())
        .map_err(|e| format!("gen-repl produced `{file_name}` that is not valid HCL: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_hcl_passes() {
        assert!(check_parses("a.tf", "a = \"$${b}\"\n").is_ok());
    }

    #[test]
    fn broken_hcl_is_reported_with_the_file_name() {
        let error = check_parses("a.tf", "a = \"b\n").unwrap_err();
        assert!(error.contains("`a.tf`"));
    }

    #[test]
    fn a_known_shape_with_a_broken_string_still_fails() {
        assert!(check_parses("a.tf", "b = \"c\"\n").is_ok());
        assert!(check_parses("a.tf", "b = \"c\\q\"\n").is_err());
    }

    #[test]
    fn a_broken_shape_fails_every_time() {
        assert!(check_parses("a.tf", "c = {\n").is_err());
        assert!(check_parses("a.tf", "c = {\n").is_err());
    }
}
