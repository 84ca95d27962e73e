//! The catalogue: one file per transform. Each file's `//!` doc comment is what
//! `allocfix explain <id>` prints. The other modules are analyses shared by transforms.

use crate::transform::TransformDef;

pub mod boxing_in_loop;
pub mod buffer_per_call;
pub mod byte_conversions;
pub mod common;
pub mod defer_in_loop;
pub mod field_alignment;
pub mod goroutine_args;
pub mod hoist_regexp;
pub mod json_encoder;
pub mod loops;
pub mod make_append;
pub mod named_id;
pub mod nil_pointer_field;
pub mod pointer_map_key;
pub mod pool_pointer;
pub mod prealloc_map;
pub mod prealloc_slice;
pub mod result_slice;
pub mod sentinel_error;
pub mod set_finalizer;
pub mod sprintf_strconv;
pub mod string_builder;
pub mod subslice_pin;
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
    &json_encoder::DEF,
    &field_alignment::DEF,
    &byte_conversions::DEF,
    &pool_pointer::DEF,
    &goroutine_args::DEF,
    &boxing_in_loop::DEF,
    &buffer_per_call::DEF,
    &result_slice::DEF,
    &pointer_map_key::DEF,
    &subslice_pin::DEF,
    &nil_pointer_field::DEF,
    &named_id::DEF,
];
