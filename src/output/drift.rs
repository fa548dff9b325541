//! Drift between a module folder and what gen-repl would write there, as a
//! unified diff from the disk to the generated text.

use std::path::Path;

use similar::TextDiff;

use super::Stamped;
use super::survey::Survey;

/// Lines of context around each change, as `diff -u` shows.
const CONTEXT_LINES: usize = 3;

/// Stands for a file that does not exist on one side of the diff.
const NO_FILE: &str = "/dev/null";

/// The diff that turns the folder into the generated module; empty when the
/// folder is up to date.
pub fn drift(dir: &Path, files: &[Stamped], survey: &Survey) -> String {
    let mut diff = String::new();
    for (file, current) in files.iter().zip(&survey.current) {
        let path = dir.join(file.name).display().to_string();
        match current {
            Some(text) if *text == file.text => {}
            Some(text) => push_diff(&mut diff, text, &file.text, &path, &path),
            None => push_diff(&mut diff, "", &file.text, NO_FILE, &path),
        }
    }
    for leftover in survey.removable() {
        let path = dir.join(&leftover.name).display().to_string();
        push_diff(&mut diff, &leftover.text, "", &path, NO_FILE);
    }
    diff
}

fn push_diff(out: &mut String, old: &str, new: &str, old_label: &str, new_label: &str) {
    let diff = TextDiff::from_lines(old, new);
    let unified = diff
        .unified_diff()
        .context_radius(CONTEXT_LINES)
        .header(old_label, new_label)
        .to_string();
    out.push_str(&unified);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey_of(current: Vec<Option<String>>) -> Survey {
        Survey {
            exists: true,
            current,
            leftovers: Vec::new(),
            scraps: Vec::new(),
            has_other_entries: false,
        }
    }

    fn stamped(text: &str) -> Vec<Stamped> {
        vec![Stamped {
            name: "a.tf",
            text: text.to_owned(),
        }]
    }

    #[test]
    fn identical_files_have_no_drift() {
        let survey = survey_of(vec![Some("a = 1\n".into())]);
        assert_eq!(drift(Path::new("m"), &stamped("a = 1\n"), &survey), "");
    }

    #[test]
    fn changed_line_shows_as_removed_and_added() {
        let survey = survey_of(vec![Some("a = 2\n".into())]);
        let diff = drift(Path::new("m"), &stamped("a = 1\n"), &survey);
        assert!(diff.starts_with("--- m/a.tf\n+++ m/a.tf\n"), "{diff}");
        assert!(diff.contains("-a = 2\n+a = 1\n"), "{diff}");
    }

    #[test]
    fn missing_file_is_diffed_from_nothing() {
        let survey = survey_of(vec![None]);
        let diff = drift(Path::new("m"), &stamped("a = 1\n"), &survey);
        assert!(diff.starts_with("--- /dev/null\n+++ m/a.tf\n"), "{diff}");
    }
}
