//! The catalogue: one file per transform. Each file's `//!` doc comment is what
//! `allocfix explain <id>` prints.

use crate::transform::TransformDef;

pub mod argtypes;
pub mod common;
pub mod expr_effects;
pub mod hoist_regexp;
pub mod layout;
pub mod loop_shape;
pub mod loops;
pub mod prealloc_map;
pub mod prealloc_slice;
pub mod sentinel_error;
pub mod sprintf_strconv;
pub mod timer_reuse;
pub mod types;

/// Every transform, in the order `allocfix list` shows them.
pub static ALL: &[&TransformDef] = &[
    &hoist_regexp::DEF,
    &sentinel_error::DEF,
    &sprintf_strconv::DEF,
    &timer_reuse::DEF,
    &prealloc_slice::DEF,
    &prealloc_map::DEF,
];
