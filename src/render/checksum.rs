//! The checksum line in each generated file's header, and reading it back.
//!
//! It lets gen-repl tell its own untouched output from a file a person
//! wrote or edited, so that regenerating never destroys someone's work.

use super::module::HEADER_MARK;

/// Opens the header line that carries the checksum of the text below it.
const CHECKSUM_MARK: &str = "# Checksum of the text below: blake3:";

/// What a file on disk is, as far as gen-repl can tell from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// No gen-repl header with a checksum: a person's file (or one written
    /// by a gen-repl too old to stamp a checksum).
    Foreign,
    /// A gen-repl header whose checksum no longer matches: edited by hand.
    Edited,
    /// Exactly as gen-repl wrote it.
    Intact,
}

/// The header line recording the checksum of `text`, the part of the file
/// that follows the header.
pub fn checksum_line(text: &str) -> String {
    format!(
        "{CHECKSUM_MARK}{}\n",
        blake3::hash(text.as_bytes()).to_hex()
    )
}

/// Reads the header of `file` and checks its checksum against the rest.
pub fn provenance(file: &str) -> Provenance {
    if !file.starts_with(HEADER_MARK) {
        return Provenance::Foreign;
    }
    // The checksum line ends the header, so it is the first line of the
    // leading comment that carries the mark.
    let mut end = 0;
    for line in file.split_inclusive('\n') {
        if !line.starts_with('#') {
            break;
        }
        end += line.len();
        if line.starts_with(CHECKSUM_MARK) {
            return if line == checksum_line(&file[end..]) {
                Provenance::Intact
            } else {
                Provenance::Edited
            };
        }
    }
    Provenance::Foreign
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamped(body: &str) -> String {
        format!("{HEADER_MARK} 0.1.0.\n{}{body}", checksum_line(body))
    }

    #[test]
    fn untouched_file_is_intact() {
        assert_eq!(provenance(&stamped("\na = 1\n")), Provenance::Intact);
    }

    #[test]
    fn changed_body_is_edited() {
        let file = stamped("\na = 1\n").replace("a = 1", "a = 2");
        assert_eq!(provenance(&file), Provenance::Edited);
    }

    #[test]
    fn file_without_header_is_foreign() {
        assert_eq!(provenance("a = 1\n"), Provenance::Foreign);
    }

    #[test]
    fn header_without_checksum_is_foreign() {
        let file = format!("{HEADER_MARK} 0.1.0.\n# Regenerate with: gen-repl\n\na = 1\n");
        assert_eq!(provenance(&file), Provenance::Foreign);
    }
}
