//! Rendering a plan into the module's files through the embedded templates.

mod checksum;
mod escape;
mod module;

use std::sync::OnceLock;

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, Value};

use crate::hcl;
use crate::plan::Plan;

pub use checksum::{Provenance, provenance};
pub use escape::escape_hcl_string;
pub use module::{GeneratedFile, HEADER_MARK, Module};

/// One template per generated file, in the order a reader needs them.
struct FileTemplate {
    name: &'static str,
    source: &'static str,
    /// Whether the module has this file: keys, import blocks and the
    /// runbook only exist for the settings that need them.
    wanted: fn(&Plan) -> bool,
}

const fn always(name: &'static str, source: &'static str) -> FileTemplate {
    FileTemplate {
        name,
        source,
        wanted: |_| true,
    }
}

const TEMPLATES: &[FileTemplate] = &[
    always(
        "versions.tf",
        include_str!("../../templates/versions.tf.j2"),
    ),
    always(
        "variables.tf",
        include_str!("../../templates/variables.tf.j2"),
    ),
    always(
        "providers.tf",
        include_str!("../../templates/providers.tf.j2"),
    ),
    FileTemplate {
        name: "kms.tf",
        source: include_str!("../../templates/kms.tf.j2"),
        wanted: |plan| plan.buckets.iter().any(|bucket| bucket.kms.is_some()),
    },
    always("buckets.tf", include_str!("../../templates/buckets.tf.j2")),
    always("iam.tf", include_str!("../../templates/iam.tf.j2")),
    always(
        "replication.tf",
        include_str!("../../templates/replication.tf.j2"),
    ),
    always("outputs.tf", include_str!("../../templates/outputs.tf.j2")),
    FileTemplate {
        name: "imports.tf",
        source: include_str!("../../templates/imports.tf.j2"),
        wanted: |plan| !plan.imports.is_empty(),
    },
    FileTemplate {
        name: "existing-objects.sh",
        source: include_str!("../../templates/existing-objects.sh.j2"),
        wanted: |plan| plan.existing_objects,
    },
];

fn environment() -> &'static Environment<'static> {
    static ENVIRONMENT: OnceLock<Environment<'static>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut env = Environment::new();
        let syntax = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("the default delimiters are valid");
        env.set_syntax(syntax);
        // A misspelt field in a template must fail, not render as nothing.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(|out, _state, value| {
            match value.as_str() {
                Some(text) => out.write_str(&escape_hcl_string(text))?,
                None => write!(out, "{value}")?,
            }
            Ok(())
        });
        // Compiling is a large part of a one-module run's cost, so each
        // template compiles when first rendered, and only if it is.
        env.set_loader(|name| {
            Ok(TEMPLATES
                .iter()
                .find(|template| template.name == name)
                .map(|template| template.source.to_owned()))
        });
        env
    })
}

/// Renders every file of the module, laid out and checked to parse.
///
/// An error here is a bug in gen-repl (a template or the layout pass), not a
/// problem with the input.
pub fn render_module(plan: &Plan) -> Result<Module, String> {
    let env = environment();
    // One conversion of the plan serves every template.
    let context = Value::from(Serde(plan));
    let mut files = Vec::with_capacity(TEMPLATES.len());
    for FileTemplate { name, wanted, .. } in TEMPLATES {
        if !wanted(plan) {
            continue;
        }
        let template = env.get_template(name).map_err(|e| e.to_string())?;
        let rendered = template
            .render(&context)
            .map_err(|e| format!("cannot render `{name}`: {e}"))?;
        let body = if name.ends_with(".tf") {
            let body = hcl::lay_out(&rendered);
            hcl::check_parses(name, &body)?;
            body
        } else {
            rendered
        };
        files.push(GeneratedFile { name, body });
    }
    Ok(Module { files })
}
