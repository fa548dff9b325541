//! What a module folder holds now, read once before writing or checking it.

use std::fs;
use std::io::{ErrorKind, Read};
use std::path::Path;

use super::Stamped;
use super::replace::STAGED_SUFFIX;
use crate::diagnostic::Problem;
use crate::render::{HEADER_MARK, Provenance, provenance};

/// The folder as found, set against the files gen-repl would write.
pub struct Survey {
    /// Whether the folder exists at all.
    pub exists: bool,
    /// The text on disk of each file to write, in the same order; `None`
    /// where the file is missing.
    pub current: Vec<Option<String>>,
    /// Files that carry a gen-repl header but are no longer generated.
    pub leftovers: Vec<Leftover>,
    /// Files a crash left half way through a write in place.
    pub scraps: Vec<String>,
    /// Whether the folder holds anything besides gen-repl's own files.
    pub has_other_entries: bool,
}

pub struct Leftover {
    pub name: String,
    pub text: String,
    pub provenance: Provenance,
}

impl Survey {
    /// Whether every file already reads exactly as it would be written and
    /// no intact leftover waits for removal.
    pub fn is_up_to_date(&self, files: &[Stamped]) -> bool {
        let same = files
            .iter()
            .zip(&self.current)
            .all(|(file, current)| current.as_deref() == Some(file.text.as_str()));
        same && self.removable().next().is_none() && self.scraps.is_empty()
    }

    /// Whether nothing in the folder must outlive the write: everything in
    /// it is either rewritten or removed.
    pub fn holds_only_removable(&self) -> bool {
        !self.has_other_entries && self.removable().count() == self.leftovers.len()
    }

    /// Leftovers gen-repl may delete: only those exactly as it wrote them.
    pub fn removable(&self) -> impl Iterator<Item = &Leftover> {
        self.leftovers
            .iter()
            .filter(|leftover| leftover.provenance == Provenance::Intact)
    }
}

pub fn survey(dir: &Path, files: &[Stamped]) -> Result<Survey, Problem> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Ok(Survey {
                exists: false,
                current: vec![None; files.len()],
                leftovers: Vec::new(),
                scraps: Vec::new(),
                has_other_entries: false,
            });
        }
        Err(e) => return Err(cannot_read(dir, &e)),
    };

    let mut current = vec![None; files.len()];
    let mut leftovers = Vec::new();
    let mut scraps = Vec::new();
    let mut has_other_entries = false;
    for entry in entries {
        let entry = entry.map_err(|e| cannot_read(dir, &e))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let planned = files.iter().position(|file| file.name == name);
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if is_file && name.starts_with('.') && name.ends_with(STAGED_SUFFIX) {
            scraps.push(name);
            continue;
        }
        match (planned, is_file) {
            (Some(index), true) => current[index] = Some(read_text(&path)?),
            (Some(_), false) => {
                return Err(Problem::new(format!(
                    "`{}` is in the way of a generated file",
                    path.display()
                ))
                .help("move it away; gen-repl only replaces regular files"));
            }
            (None, true) => match read_generated(&path)? {
                Some(text) => leftovers.push(Leftover {
                    provenance: provenance(&text),
                    name,
                    text,
                }),
                None => has_other_entries = true,
            },
            (None, false) => has_other_entries = true,
        }
    }
    leftovers.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Survey {
        exists: true,
        current,
        leftovers,
        scraps,
        has_other_entries,
    })
}

/// Reads a file gen-repl is about to replace; one that is not text cannot
/// be gen-repl's, so it reads as empty and is then refused as foreign.
fn read_text(path: &Path) -> Result<String, Problem> {
    let bytes = fs::read(path).map_err(|e| cannot_read(path, &e))?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// The text of a file that opens with gen-repl's header, reading no further
/// than the header's first words of any other file.
fn read_generated(path: &Path) -> Result<Option<String>, Problem> {
    let mut file = fs::File::open(path).map_err(|e| cannot_read(path, &e))?;
    let mut opening = vec![0; HEADER_MARK.len()];
    if file.read_exact(&mut opening).is_err() || opening != HEADER_MARK.as_bytes() {
        return Ok(None);
    }
    let mut rest = Vec::new();
    file.read_to_end(&mut rest)
        .map_err(|e| cannot_read(path, &e))?;
    opening.extend(rest);
    Ok(String::from_utf8(opening).ok())
}

fn cannot_read(path: &Path, error: &std::io::Error) -> Problem {
    Problem::new(format!("cannot read `{}`: {error}", path.display()))
}
