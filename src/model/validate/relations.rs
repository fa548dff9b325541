//! Rules that involve more than one value: regions against keys and roles,
//! buckets against each other, names against AWS length limits.

use std::collections::BTreeMap;

use super::Checker;
use crate::diagnostic::Problem;
use crate::model::{Destination, Encryption, Model, Side};

/// An account id in a derived bucket name: `PREFIX-PART-ACCOUNT-REGION`.
const ACCOUNT_ID_LEN: usize = 12;

impl Checker<'_> {
    pub(super) fn relations(&mut self, model: &Model) {
        self.side_relations(model, "source", "source", &model.source);
        for (path, destination) in destination_paths(model) {
            self.side_relations(
                model,
                &path,
                &destination.id.bucket_part(),
                &destination.side,
            );
            self.encryption_pairing(model, &path, destination);
            self.same_bucket(model, &path, destination);
        }
        self.distinct_destination_buckets(model);
        self.log_buckets_outside_module(model);
        self.two_way(model);
        self.role_names(model);
    }

    fn side_relations(&mut self, model: &Model, path: &str, name_part: &str, side: &Side) {
        if side.region.partition() != model.source.region.partition() {
            let problem = Problem::new(format!(
                "`{}` and `{}` are in different AWS partitions",
                model.source.region, side.region
            ))
            .note("S3 cannot replicate between partitions such as aws and aws-cn");
            self.error(&format!("{path}.region"), problem);
        }
        if let Some(role) = &side.access.assume_role {
            if role.role_arn.partition() != side.region.partition() {
                let problem = Problem::new(format!(
                    "role `{}` is in partition `{}` but region `{}` is in `{}`",
                    role.role_arn,
                    role.role_arn.partition(),
                    side.region,
                    side.region.partition()
                ))
                .help("use a role from the region's partition");
                self.error(&format!("{path}.role_arn"), problem);
            }
        }
        self.key_relations(path, side);
        self.derived_bucket_length(model, path, name_part, side);
    }

    fn key_relations(&mut self, path: &str, side: &Side) {
        let Some(key) = side.encryption.kms_key() else {
            return;
        };
        let key_path = format!("{path}.kms_key_arn");
        if key.region() != side.region.as_str() {
            let problem = Problem::new(format!(
                "key `{key}` is in `{}`, not in the {path} region `{}`",
                key.region(),
                side.region
            ))
            .note("S3 can only use a KMS key from the bucket's own region")
            .help(format!(
                "use a key from `{}`, or leave the key out to create one",
                side.region
            ));
            self.error(&key_path, problem);
        }
        if let Some(account) = side.access.known_account() {
            if key.account() != account {
                let problem = Problem::new(format!(
                    "key `{key}` belongs to account `{}`, not to the {path} account `{account}`",
                    key.account()
                ))
                .note("this works only if that key's policy lets the bucket's account use it");
                self.warning(&key_path, problem);
            }
        }
    }

    /// S3 only replicates KMS-encrypted objects when the rule names a KMS
    /// key for the replicas, so a KMS source needs a KMS destination.
    fn encryption_pairing(&mut self, model: &Model, path: &str, destination: &Destination) {
        if model.source.encryption.is_kms() && destination.side.encryption == Encryption::S3Managed
        {
            let problem = Problem::new(format!("the source uses KMS but {path} uses `sse-s3`"))
                .note("S3 replicates KMS-encrypted objects only into a bucket with a KMS key for replicas")
                .help(format!("use `kms` encryption on {path}, or `sse-s3` on the source too"));
            self.error(&format!("{path}.encryption"), problem);
        }
        let reverse_needs_key = model.bidirectional
            && destination.side.encryption.is_kms()
            && model.source.encryption == Encryption::S3Managed;
        if reverse_needs_key {
            let problem = Problem::new(format!(
                "two-way replication from {path} (KMS) into an `sse-s3` source"
            ))
            .note("replicating back needs a KMS key on the source for KMS-encrypted replicas")
            .help("use the same kind of encryption on both sides");
            self.error("source.encryption", problem);
        }
    }

    fn same_bucket(&mut self, model: &Model, path: &str, destination: &Destination) {
        if let (Some(a), Some(b)) = (&model.source.bucket, &destination.side.bucket) {
            if a == b {
                let problem = Problem::new(format!("the source and {path} buckets are both `{a}`"))
                    .help(
                        "a bucket cannot replicate into itself; give the destination another name",
                    );
                self.error(&format!("{path}.bucket"), problem);
            }
        }
    }

    fn distinct_destination_buckets(&mut self, model: &Model) {
        let mut seen: BTreeMap<&str, String> = BTreeMap::new();
        let mut ids: BTreeMap<&str, String> = BTreeMap::new();
        for (path, destination) in destination_paths(model) {
            if let Some(first) = ids.insert(destination.id.as_str(), path.clone()) {
                let problem = Problem::new(format!(
                    "{first} and {path} share the id `{}`",
                    destination.id
                ))
                .help("give every destination an id of its own");
                self.error(&format!("{path}.id"), problem);
            }
            let Some(bucket) = &destination.side.bucket else {
                continue;
            };
            if let Some(first) = seen.insert(bucket.as_str(), path.clone()) {
                let problem = Problem::new(format!(
                    "{first} and {path} both name bucket `{bucket}`"
                ))
                .help(
                    "one rule per destination bucket: merge the two entries or name another bucket",
                );
                self.error(&format!("{path}.bucket"), problem);
            }
        }
    }

    /// A log bucket must not be a bucket of this module: logs written into
    /// the source would be replicated, and the module's bucket policies do
    /// not let the logging service in.
    fn log_buckets_outside_module(&mut self, model: &Model) {
        let mut sides = vec![("source".to_owned(), &model.source)];
        sides.extend(
            destination_paths(model)
                .into_iter()
                .map(|(path, destination)| (path, &destination.side)),
        );
        for (path, side) in &sides {
            let Some(log) = &side.access_log else {
                continue;
            };
            let others = sides.iter().filter(|(other, _)| other != path);
            for (other, _) in others.filter(|(_, s)| s.bucket.as_ref() == Some(&log.bucket)) {
                let problem = Problem::new(format!(
                    "the {path} access log bucket `{}` is the {other} bucket of this module",
                    log.bucket
                ))
                .note("its policy does not let the S3 logging service write, and logs written into a replicated bucket are replicated")
                .help(super::LOG_BUCKET_HELP);
                self.error(&format!("{path}.access_log_bucket"), problem);
            }
        }
    }

    fn two_way(&mut self, model: &Model) {
        if model.bidirectional && model.destinations.len() != 1 {
            let problem = Problem::new(format!(
                "two-way replication needs exactly one destination, not {}",
                model.destinations.len()
            ))
            .help("list one destination, or turn `bidirectional` off");
            self.error("bidirectional", problem);
        }
    }

    fn role_names(&mut self, model: &Model) {
        let mut names = vec![model.replication_role_name()];
        if model.bidirectional && model.destinations.len() == 1 {
            names.push(model.reverse_role_name());
        }
        for name in names {
            if name.len() > 64 {
                let problem = Problem::new(format!(
                    "the name prefix `{}` is too long for the role name `{name}`",
                    model.name
                ))
                .note(format!(
                    "it would be {} characters; IAM allows 64",
                    name.len()
                ))
                .help(format!(
                    "shorten the prefix by {} characters",
                    name.len() - 64
                ));
                self.error("name", problem);
            }
        }
    }

    /// Derived names embed the account id and region, so a long prefix can
    /// push them past S3's 63-character limit.
    fn derived_bucket_length(&mut self, model: &Model, path: &str, name_part: &str, side: &Side) {
        if side.bucket.is_some() {
            return;
        }
        let len = model.name.as_str().len()
            + name_part.len()
            + ACCOUNT_ID_LEN
            + side.region.as_str().len()
            + 3;
        if len > 63 {
            let problem = Problem::new(format!(
                "the name prefix `{}` is too long for the {path} bucket's derived name",
                model.name
            ))
            .note(format!(
                "`{}-{name_part}-ACCOUNT-{}` would be {len} characters; S3 allows 63",
                model.name, side.region
            ))
            .help(format!(
                "shorten the prefix by {} characters, or name the bucket yourself",
                len - 63
            ));
            self.error("name", problem);
        }
    }
}

/// Each destination with the field path its settings came from.
fn destination_paths(model: &Model) -> Vec<(String, &Destination)> {
    if let [only] = model.destinations.as_slice() {
        if only.id.as_str() == "destination" {
            return vec![("destination".to_owned(), only)];
        }
    }
    model
        .destinations
        .iter()
        .enumerate()
        .map(|(i, d)| (format!("destinations[{i}]"), d))
        .collect()
}
