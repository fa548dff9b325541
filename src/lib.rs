//! gen-repl turns a few replication parameters into a complete Terraform
//! module. The modules follow the pipeline:
//! `params` (flags and files) → `model` (validated values) → `plan` (what
//! the module contains) → `render` (templates) → `hcl` (layout and parse
//! check) → `output` (stdout or a folder). `cli` drives it.

pub mod cli;
pub mod diagnostic;
pub mod hcl;
pub mod model;
pub mod output;
pub mod params;
pub mod plan;
pub mod render;
