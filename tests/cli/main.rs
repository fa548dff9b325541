//! The one integration-test binary: gen-repl run as a process, grouped by
//! theme.

mod batch;
mod conveniences;
mod escaping;
mod fixture;
mod fixtures;
mod regenerate;
mod terraform;
mod usage;
