//! Parameters as the user gave them: flags, a config file, and their merge.
//! Nothing here is validated; `model` does that.

pub mod command_line;
pub mod config_file;
pub mod flags;
pub mod merge;
pub mod schema;
pub mod settings;
