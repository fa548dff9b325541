//! Rendered HCL, laid out as `terraform fmt` would and parsed back before it
//! leaves the program.

mod check;
mod layout;
mod shape;

pub use check::check_parses;
pub use layout::lay_out;
