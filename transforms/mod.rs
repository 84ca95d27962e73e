//! The catalogue: one file per transform. Each file's `//!` doc comment is what
//! `allocfix explain <id>` prints.

use crate::transform::TransformDef;

pub mod common;
pub mod defer_in_loop;
pub mod hoist_regexp;
pub mod sentinel_error;
pub mod types;

/// Every transform, in the order `allocfix list` shows them.
pub static ALL: &[&TransformDef] = &[
    &hoist_regexp::DEF,
    &sentinel_error::DEF,
    &defer_in_loop::DEF,
];
