//! The last gate before output: every rendered file must parse as HCL.
//!
//! A failure here is a bug in gen-repl, never in the user's input, because
//! every user value was escaped when it was rendered.

pub fn check_parses(file_name: &str, text: &str) -> Result<(), String> {
    hcl::parse(text)
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
}
