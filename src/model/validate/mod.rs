//! Turning raw settings into a `Model`, collecting every problem on the way.

mod relations;
mod side;

use super::{DestinationId, Model, NamePrefix, StorageClass, Tag, tag::MAX_TAGS};
use crate::diagnostic::{Diagnostics, Problem};
use crate::params::merge::{Merged, Origins};
use crate::params::settings::{Settings, SideSettings};

pub const DEFAULT_NAME: &str = "replication";
pub const DEFAULT_NONCURRENT_DAYS: u32 = 90;
/// What every rejected access log bucket is told to be instead.
const LOG_BUCKET_HELP: &str =
    "name an existing bucket of the same account and region that this module does not manage";

/// Validates everything and returns the model with its warnings, or all the
/// errors (warnings included) when any value is wrong.
pub fn validate(merged: &Merged) -> Result<(Model, Diagnostics), Diagnostics> {
    let mut checker = Checker {
        origins: &merged.origins,
        diagnostics: Diagnostics::default(),
    };
    let settings = &merged.settings;

    let name = checker.parse(
        "name",
        Some(settings.name.as_deref().unwrap_or(DEFAULT_NAME)),
        NamePrefix::parse,
    );
    let storage_class = match &settings.storage_class {
        Some(class) => checker.parse("storage_class", Some(class), StorageClass::parse),
        None => Some(StorageClass::DEFAULT),
    };
    let noncurrent_days = checker.noncurrent_days(settings.noncurrent_version_expiration_days);
    let tags = checker.tags("tags", &settings.tags, true);
    let source = checker.source(&settings.source);
    let destinations = match &storage_class {
        Some(class) => checker.destinations(settings, class),
        None => None,
    };

    let (
        Some(name),
        Some(noncurrent_days),
        Some(tags),
        Some((source, existing)),
        Some(destinations),
    ) = (name, noncurrent_days, tags, source, destinations)
    else {
        return Err(checker.diagnostics);
    };
    let model = Model {
        name,
        noncurrent_version_expiration_days: noncurrent_days,
        tags,
        source,
        existing_source_bucket: existing,
        destinations,
        bidirectional: settings.bidirectional.unwrap_or(false),
        existing_objects: settings.existing_objects.unwrap_or(false),
    };
    checker.relations(&model);
    if checker.diagnostics.has_errors() {
        return Err(checker.diagnostics);
    }
    Ok((model, checker.diagnostics))
}

struct Checker<'a> {
    origins: &'a Origins,
    diagnostics: Diagnostics,
}

impl Checker<'_> {
    fn error(&mut self, path: &str, problem: Problem) {
        self.diagnostics.error(problem, self.origins.of(path));
    }

    fn warning(&mut self, path: &str, problem: Problem) {
        self.diagnostics.warning(problem, self.origins.of(path));
    }

    /// Parses an optional value, recording the problem under its field.
    fn parse<T>(
        &mut self,
        path: &str,
        value: Option<&str>,
        parse: impl Fn(&str) -> Result<T, Problem>,
    ) -> Option<T> {
        match parse(value?) {
            Ok(parsed) => Some(parsed),
            Err(problem) => {
                self.error(path, problem);
                None
            }
        }
    }

    fn noncurrent_days(&mut self, days: Option<i64>) -> Option<u32> {
        let Some(days) = days else {
            return Some(DEFAULT_NONCURRENT_DAYS);
        };
        match u32::try_from(days) {
            Ok(days) if (1..=36500).contains(&days) => Some(days),
            _ => {
                let problem = Problem::new(format!(
                    "`{days}` is not a number of days S3 accepts for noncurrent version expiration"
                ))
                .help("use a whole number from 1 to 36500");
                self.error("noncurrent_version_expiration_days", problem);
                None
            }
        }
    }

    /// Resource tags (`warn_unportable`) or a filter's tags, under `path`.
    fn tags(
        &mut self,
        path: &str,
        tags: &std::collections::BTreeMap<String, String>,
        warn_unportable: bool,
    ) -> Option<Vec<Tag>> {
        let mut ok = true;
        if tags.len() > MAX_TAGS {
            let problem = Problem::new(format!("{} tags are more than AWS allows", tags.len()))
                .help(format!(
                    "S3 buckets and IAM roles take at most {MAX_TAGS} tags"
                ));
            self.diagnostics.error(problem, None);
            ok = false;
        }
        let mut parsed = Vec::new();
        for (key, value) in tags {
            let tag_path = format!("{path}.{key}");
            match Tag::parse(key, value) {
                Ok(tag) => {
                    if let Some(c) = tag.unportable_char().filter(|_| warn_unportable) {
                        let problem = Problem::new(format!(
                            "tag `{key}` contains `{c}`, which S3 and IAM refuse in tags"
                        ))
                        .note("the module renders it safely, but `terraform apply` will fail on resources that reject it")
                        .help("keep tags to letters, digits, spaces and `_.:/=+-@`");
                        self.warning(&tag_path, problem);
                    }
                    parsed.push(tag);
                }
                Err(problem) => {
                    self.error(&tag_path, problem);
                    ok = false;
                }
            }
        }
        ok.then_some(parsed)
    }

    /// The destinations from `[destination]` (and flags) or from the
    /// `[[destinations]]` list, never both.
    fn destinations(
        &mut self,
        settings: &Settings,
        default_class: &StorageClass,
    ) -> Option<Vec<super::Destination>> {
        if settings.destinations.is_empty() {
            let (side, rule) =
                self.destination("destination", &settings.destination, default_class)?;
            return Some(vec![super::Destination {
                id: DestinationId::single(),
                side,
                rule,
            }]);
        }
        if !settings.destination.is_empty() {
            let problem = Problem::new("the settings describe `[destination]` and `[[destinations]]` at once")
                .help("move the single destination into the `[[destinations]]` list; flags such as --dst-region only describe a single destination");
            self.diagnostics.error(problem, None);
            return None;
        }
        let several = settings.destinations.len() > 1;
        let mut destinations = Vec::new();
        let mut ok = true;
        for (i, values) in settings.destinations.iter().enumerate() {
            let path = format!("destinations[{i}]");
            let id = self.destination_id(&path, values, several);
            match (id, self.destination(&path, values, default_class)) {
                (Some(id), Some((side, rule))) => {
                    destinations.push(super::Destination { id, side, rule })
                }
                _ => ok = false,
            }
        }
        ok.then_some(destinations)
    }

    /// With several destinations each needs an id of its own: ids name the
    /// resources, so reordering the list can never replace a bucket.
    fn destination_id(
        &mut self,
        path: &str,
        values: &SideSettings,
        several: bool,
    ) -> Option<DestinationId> {
        match &values.id {
            Some(id) => self.parse(&format!("{path}.id"), Some(id), DestinationId::parse),
            None if several => {
                let problem = Problem::new(format!("{path} has no `id`"))
                    .note("with several destinations each one's id names its resources, so reordering the list never replaces a bucket")
                    .help("add `id = \"NAME\"`, such as `id = \"dr_us\"`, to every destination");
                self.error(&format!("{path}.region"), problem);
                None
            }
            None => Some(DestinationId::single()),
        }
    }
}
