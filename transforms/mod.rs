//! The catalogue: one file per transform. Each file's `//!` doc comment is what
//! `allocfix explain <id>` prints. The other modules are analyses shared by transforms.

use crate::transform::TransformDef;

pub mod common;
pub mod defer_in_loop;
pub mod hoist_regexp;
pub mod loops;
pub mod make_append;
pub mod named_id;
pub mod prealloc_map;
pub mod prealloc_slice;
pub mod sentinel_error;
pub mod set_finalizer;
pub mod sprintf_strconv;
pub mod string_builder;
pub mod time_tick;
pub mod timer_reuse;

/// Every transform, in the order `allocfix list` shows them.
pub static ALL: &[&TransformDef] = &[
    &hoist_regexp::DEF,
    &sentinel_error::DEF,
    &prealloc_slice::DEF,
    &prealloc_map::DEF,
    &string_builder::DEF,
    &sprintf_strconv::DEF,
    &timer_reuse::DEF,
    &defer_in_loop::DEF,
    &time_tick::DEF,
    &make_append::DEF,
    &set_finalizer::DEF,
    &named_id::DEF,
];
