//! The JSON Schema of the config file, derived from the very types the file
//! is read into, so the two cannot drift apart.

use super::settings::Settings;

pub fn config_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Settings)).expect("a schema is JSON")
}
