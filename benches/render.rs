//! The in-process cost of one module: from a config file's text to the
//! stamped files of a module folder, and the rendering step alone.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use gen_repl::model;
use gen_repl::output::stamp_folder;
use gen_repl::params::config_file::ConfigFile;
use gen_repl::params::flags::SettingFlags;
use gen_repl::params::merge::merge;
use gen_repl::plan::build_plan;
use gen_repl::render::render_module;

/// A cross-account module with tags: the common case in a batch.
const CONFIG: &str = r#"
name = "orders"

[tags]
team = "platform"

[source]
region = "ap-southeast-2"

[destination]
region = "us-west-2"
role_arn = "arn:aws:iam::222222222222:role/deployer"
"#;

fn one_module(c: &mut Criterion) {
    let flags = SettingFlags::default();
    c.bench_function("config text to stamped module folder", |b| {
        b.iter(|| {
            let file = ConfigFile::parse("orders.toml".into(), black_box(CONFIG).to_owned())
                .expect("the config parses");
            let merged = merge(Some(&file), &flags).expect("the settings merge");
            let (model, _) = model::validate(&merged).expect("the settings are valid");
            let module = render_module(&build_plan(&model)).expect("the module renders");
            stamp_folder(&module, "gen-repl batch configs --out-root modules")
        });
    });

    let file = ConfigFile::parse("orders.toml".into(), CONFIG.to_owned()).unwrap();
    let merged = merge(Some(&file), &flags).unwrap();
    let (model, _) = model::validate(&merged).unwrap();
    let plan = build_plan(&model);
    c.bench_function("render, lay out and parse-check the files", |b| {
        b.iter(|| render_module(black_box(&plan)).expect("the module renders"));
    });
}

criterion_group!(benches, one_module);
criterion_main!(benches);
