//! The catalogue: one file per transform. Each file's `//!` doc comment is what
//! `allocfix explain <id>` prints.

use crate::transform::TransformDef;

pub mod common;
pub mod expr_effects;
pub mod hoist_regexp;
pub mod loop_shape;
pub mod sentinel_error;
pub mod timer_reuse;

/// Every transform, in the order `allocfix list` shows them.
pub static ALL: &[&TransformDef] = &[&hoist_regexp::DEF, &sentinel_error::DEF, &timer_reuse::DEF];
