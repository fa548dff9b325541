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

/// One template per generated file, in the order a reader needs them. The
/// last two are only written when a module needs them.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "versions.tf",
        include_str!("../../templates/versions.tf.j2"),
    ),
    (
        "variables.tf",
        include_str!("../../templates/variables.tf.j2"),
    ),
    (
        "providers.tf",
        include_str!("../../templates/providers.tf.j2"),
    ),
    ("kms.tf", include_str!("../../templates/kms.tf.j2")),
    ("buckets.tf", include_str!("../../templates/buckets.tf.j2")),
    ("iam.tf", include_str!("../../templates/iam.tf.j2")),
    (
        "replication.tf",
        include_str!("../../templates/replication.tf.j2"),
    ),
    ("outputs.tf", include_str!("../../templates/outputs.tf.j2")),
    ("imports.tf", include_str!("../../templates/imports.tf.j2")),
    (
        "existing-objects.sh",
        include_str!("../../templates/existing-objects.sh.j2"),
    ),
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
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .expect("embedded templates compile");
        }
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
    for (name, _) in TEMPLATES {
        let template = env.get_template(name).map_err(|e| e.to_string())?;
        let rendered = template
            .render(&context)
            .map_err(|e| format!("cannot render `{name}`: {e}"))?;
        // Templates of optional files (imports, the runbook) render nothing
        // when the module does not need them.
        if rendered.trim().is_empty() {
            continue;
        }
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
