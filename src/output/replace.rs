//! Putting a module's files in place so that nobody, not even after a crash,
//! finds the folder half written.
//!
//! A folder that holds only gen-repl's files is built anew beside the old
//! one and swapped in with a single rename. A folder that also holds other
//! things (a `.terraform` folder, state, a README) is never swapped: a
//! process working in it would be left in the old, deleted folder. There,
//! every new file is written in full beside its target before any target is
//! replaced, so only a crash in the few renames at the end can mix versions.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::Stamped;
use super::survey::Survey;
use crate::diagnostic::Problem;

/// Ends the name of a file written in place but not yet renamed over its
/// target. Such files left by a crash are removed on the next write.
pub const STAGED_SUFFIX: &str = ".gen-repl-new";

/// Makes `dir` hold `files` and nothing of what `survey` found removable.
pub fn replace(dir: &Path, files: &[Stamped], survey: &Survey) -> Result<(), Problem> {
    if survey.holds_only_removable() {
        swap_folder(dir, files, survey.exists)
    } else {
        replace_in_place(dir, files, survey)
    }
}

fn swap_folder(dir: &Path, files: &[Stamped], exists: bool) -> Result<(), Problem> {
    let (parent, name) = parent_and_name(dir)?;
    fs::create_dir_all(&parent).map_err(|e| cannot("create", &parent, &e))?;
    let staging = parent.join(format!(".{name}.gen-repl-staging"));
    // A staging folder can only be left over from an interrupted run.
    remove_folder(&staging)?;
    fs::create_dir(&staging).map_err(|e| cannot("create", &staging, &e))?;

    let result = write_all(&staging, files, |name| name.to_owned()).and_then(|()| {
        if exists {
            keep_permissions(dir, &staging)?;
            swap_in(&staging, dir).map_err(|e| cannot("replace", dir, &e))
        } else {
            fs::rename(&staging, dir).map_err(|e| cannot("create", dir, &e))
        }
    });
    // After a swap the staging path holds the old folder.
    let cleanup = remove_folder(&staging);
    result.and(cleanup)
}

fn replace_in_place(dir: &Path, files: &[Stamped], survey: &Survey) -> Result<(), Problem> {
    for scrap in &survey.scraps {
        remove_file(&dir.join(scrap))?;
    }
    let changed: Vec<&Stamped> = files
        .iter()
        .zip(&survey.current)
        .filter(|(file, current)| current.as_deref() != Some(file.text.as_str()))
        .map(|(file, _)| file)
        .collect();
    let staged_name = |name: &str| format!(".{name}{STAGED_SUFFIX}");
    if let Err(problem) = write_all(dir, changed.iter().copied(), staged_name) {
        for file in &changed {
            let _ = fs::remove_file(dir.join(staged_name(file.name)));
        }
        return Err(problem);
    }

    for file in &changed {
        let target = dir.join(file.name);
        fs::rename(dir.join(staged_name(file.name)), &target)
            .map_err(|e| cannot("replace", &target, &e))?;
    }
    for leftover in survey.removable() {
        remove_file(&dir.join(&leftover.name))?;
    }
    Ok(())
}

fn write_all<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = &'a Stamped>,
    name_of: impl Fn(&str) -> String,
) -> Result<(), Problem> {
    for file in files {
        let path = dir.join(name_of(file.name));
        fs::write(&path, &file.text).map_err(|e| cannot("write", &path, &e))?;
    }
    Ok(())
}

/// The folder's real parent and its name, following symbolic links so that
/// the swap happens where the folder really is.
fn parent_and_name(dir: &Path) -> Result<(PathBuf, String), Problem> {
    let real = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let name = real.file_name().map(|n| n.to_string_lossy().into_owned());
    let parent = real.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    });
    match (parent, name) {
        (Some(parent), Some(name)) => Ok((parent.to_path_buf(), name)),
        _ => Err(
            Problem::new(format!("cannot write a module to `{}`", dir.display()))
                .help("name a folder below it, such as `modules/replication`"),
        ),
    }
}

fn keep_permissions(old: &Path, new: &Path) -> Result<(), Problem> {
    let permissions = fs::metadata(old)
        .map_err(|e| cannot("read", old, &e))?
        .permissions();
    fs::set_permissions(new, permissions).map_err(|e| cannot("set permissions of", new, &e))
}

/// Puts the folder at `new` in place of `dir`, leaving the old one at `new`.
fn swap_in(new: &Path, dir: &Path) -> io::Result<()> {
    match exchange(new, dir) {
        Ok(()) => Ok(()),
        // Some file systems cannot exchange; two renames leave a moment
        // without the folder, but never a mix of old and new files.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::Unsupported | io::ErrorKind::InvalidInput
            ) =>
        {
            let aside = new.with_extension("old");
            fs::rename(dir, &aside)?;
            if let Err(e) = fs::rename(new, dir) {
                fs::rename(&aside, dir)?;
                return Err(e);
            }
            fs::rename(&aside, new)
        }
        Err(e) => Err(e),
    }
}

#[cfg(any(target_os = "linux", target_os = "macos"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

fn remove_file(path: &Path) -> Result<(), Problem> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(cannot("remove", path, &e)),
        _ => Ok(()),
    }
}

fn remove_folder(path: &Path) -> Result<(), Problem> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(cannot("remove", path, &e)),
        _ => Ok(()),
    }
}

fn cannot(verb: &str, path: &Path, error: &io::Error) -> Problem {
    Problem::new(format!("cannot {verb} `{}`: {error}", path.display()))
}
