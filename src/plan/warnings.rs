//! Warnings about what the module cannot manage itself, or will take over
//! from a bucket that exists: the user must hear these before applying.

use super::permissions::destination_key_actions;
use crate::diagnostic::{Diagnostics, Problem};
use crate::model::Model;

pub fn warnings(model: &Model) -> Diagnostics {
    let mut warnings = Diagnostics::default();
    for destination in &model.destinations {
        // An existing key's policy lies outside the module, so the user
        // must let the replication role in by hand.
        let Some(key) = destination.side.encryption.kms_key() else {
            continue;
        };
        if !model.is_cross_account(&destination.side) {
            continue;
        }
        let actions = destination_key_actions(
            model.source.encryption.is_kms(),
            destination.side.encryption.bucket_key(),
        );
        let problem = Problem::new(format!("gen-repl cannot change the policy of existing key `{key}`"))
            .help(format!(
                "let the role `{}` of the source account use `{}` in that key's policy, or replication fails",
                model.replication_role_name(),
                actions.join("`, `")
            ));
        warnings.warning(problem, None);
    }
    if model.bidirectional {
        if let Some(key) = model.source.encryption.kms_key() {
            let problem = Problem::new(format!("gen-repl cannot change the policy of existing key `{key}`"))
                .help(format!(
                    "let the role `{}` of the destination account encrypt with it, or replication back fails",
                    model.reverse_role_name()
                ));
            warnings.warning(problem, None);
        }
    }
    if model.existing_source_bucket {
        let bucket = model
            .source
            .bucket
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let mut replaced = vec!["its replication configuration (a bucket has only one)"];
        if model.bidirectional {
            replaced.push("its bucket policy (a bucket has only one)");
        }
        let problem = Problem::new(format!(
            "the module takes over settings of existing bucket `{bucket}`"
        ))
        .note(format!(
            "applying replaces {}, and enables versioning",
            replaced.join(" and ")
        ))
        .help("merge any rules or statements you need into the generated files before applying");
        warnings.warning(problem, None);
    }
    warnings
}
