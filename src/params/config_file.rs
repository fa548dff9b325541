//! Reading a TOML or JSON config file (or standard input) into `Settings`,
//! remembering the line of each field for error messages.

use std::collections::HashMap;
use std::io::Read;

use super::settings::Settings;
use crate::diagnostic::Problem;

/// A config file as read, kept so that errors can point into it.
pub struct ConfigFile {
    pub label: String,
    pub settings: Settings,
    /// The line of each field path that the file sets; empty for JSON,
    /// whose parser keeps no positions.
    lines: HashMap<String, usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Toml,
    Json,
}

impl ConfigFile {
    /// Reads `path`, or standard input for `-`.
    pub fn load(path: &str) -> Result<Self, Problem> {
        let (label, text) = if path == "-" {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| {
                Problem::new(format!("cannot read the config from standard input: {e}"))
            })?;
            ("<stdin>".to_owned(), text)
        } else {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Problem::new(format!("cannot read config file `{path}`: {e}"))
                    .help("check the path given to --config")
            })?;
            (path.to_owned(), text)
        };
        Self::parse(label, text)
    }

    pub fn parse(label: String, text: String) -> Result<Self, Problem> {
        let format = detect_format(&label, &text);
        let parsed = match format {
            Format::Toml => toml::from_str::<Settings>(&text).map_err(|e| e.to_string()),
            Format::Json => serde_json::from_str::<Settings>(&text).map_err(|e| e.to_string()),
        };
        let settings = parsed.map_err(|reason| {
            let kind = if format == Format::Toml {
                "TOML"
            } else {
                "JSON"
            };
            Problem::new(format!("`{label}` is not a valid gen-repl config ({kind})"))
                .note(reason.trim_end().to_owned())
                .help("`gen-repl init` writes a commented example config")
        })?;
        let lines = match format {
            Format::Toml => field_lines(&text),
            Format::Json => HashMap::new(),
        };
        Ok(ConfigFile {
            label,
            settings,
            lines,
        })
    }

    /// The 1-based line where the field at `path` (such as
    /// `destination.region` or `tags.team`) is set, when the format keeps it.
    pub fn line_of(&self, path: &str) -> Option<usize> {
        self.lines.get(path).copied()
    }
}

/// The line of every field path in a TOML text, found in one pass: merging
/// asks for the line of each field the file sets.
fn field_lines(text: &str) -> HashMap<String, usize> {
    let mut lines = HashMap::new();
    let Ok(document) = toml::de::DeTable::parse(text) else {
        return lines;
    };
    let line_starts: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let line_at = |offset: usize| line_starts.partition_point(|&start| start < offset) + 1;
    let mut pending = vec![(String::new(), document.get_ref())];
    while let Some((prefix, table)) = pending.pop() {
        for (name, value) in table {
            let path = format!("{prefix}{}", name.get_ref());
            lines.insert(path.clone(), line_at(name.span().start));
            match value.get_ref() {
                toml::de::DeValue::Table(inner) => pending.push((format!("{path}."), inner)),
                // `destinations[1]` names the second table of an array.
                toml::de::DeValue::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let item_path = format!("{path}[{i}]");
                        lines.insert(item_path.clone(), line_at(item.span().start));
                        if let toml::de::DeValue::Table(inner) = item.get_ref() {
                            pending.push((format!("{item_path}."), inner));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    lines
}

/// `.json` files and text that opens with `{` are JSON; everything else is
/// TOML, the format `gen-repl init` writes.
fn detect_format(label: &str, text: &str) -> Format {
    let looks_json = text.trim_start().starts_with('{');
    if label.ends_with(".json") || (!label.ends_with(".toml") && looks_json) {
        Format::Json
    } else {
        Format::Toml
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_fields_report_their_lines() {
        let text = "name = \"x\"\n\n[destination]\nregion = \"us-west-2\"\n".to_owned();
        let file = ConfigFile::parse("c.toml".into(), text).unwrap();
        assert_eq!(file.line_of("name"), Some(1));
        assert_eq!(file.line_of("destination.region"), Some(4));
        assert_eq!(file.line_of("source.region"), None);
    }

    #[test]
    fn fields_of_listed_destinations_report_their_lines() {
        let text = "[[destinations]]\nid = \"a\"\n\n[[destinations]]\nid = \"b\"\nregion = \"x\"\n";
        let file = ConfigFile::parse("c.toml".into(), text.to_owned()).unwrap();
        assert_eq!(file.line_of("destinations[1].region"), Some(6));
        assert_eq!(file.line_of("destinations[0].id"), Some(2));
    }

    #[test]
    fn json_is_read_by_extension_or_content() {
        let text = r#"{"source": {"region": "ap-southeast-2"}}"#.to_owned();
        let file = ConfigFile::parse("<stdin>".into(), text).unwrap();
        assert_eq!(
            file.settings.source.region.as_deref(),
            Some("ap-southeast-2")
        );
    }

    #[test]
    fn unknown_field_is_rejected_naming_the_field() {
        let text = "[source]\nregoin = \"us-west-2\"\n".to_owned();
        let problem = ConfigFile::parse("c.toml".into(), text).err().unwrap();
        assert!(problem.note.unwrap().contains("regoin"));
    }
}
