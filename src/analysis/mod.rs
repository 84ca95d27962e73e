//! What Go code means, as far as the syntax tells it (there is no type checker): built once
//! per package and pass, and shared by every transform. A transform asks these modules and
//! never writes its own type inference, name resolution or use classification.
//!
//! - `decls`: package-level specs, with the "declared in exactly one always-built file" rule.
//! - `resolve`: what an identifier refers to (local, package, import, universe).
//! - `types`: one type model (`Ty`) with its views (kind, shape, zero value).
//! - `consts`: constant values.
//! - `stdlib`: the standard library's exported API, generated from `$GOROOT/api`.
//! - `uses`: how a variable is used (read, write, address taken, captured, shadowed).
//! - `effects`: what evaluating an expression may do.
//! - `control`: loops, exits and terminating statements.
//! - `flow`: whether a value leaves a region.
//! - `freevars`: the free variables of a piece of code.
//! - `refs`: package-wide references to a declaration.
//! - `literals`: unkeyed composite literals of a type across the module's files.
//! - `sizes`: sizes, alignments and pointer prefixes of types (64-bit targets).
//! - `pointers`: which types hold pointers the GC scans; the fields of struct types.
//! - `words`: sets of the identifiers a text holds, by hash.
//! - `calls`: what a call calls, the arguments it boxes into `any`, and the calls made in loops.

pub mod calls;
pub mod consts;
pub mod control;
pub mod decls;
pub mod effects;
pub mod flow;
pub mod freevars;
pub mod literals;
pub mod pointers;
pub mod refs;
pub mod resolve;
pub mod sizes;
pub mod stdlib;
pub mod types;
pub mod uses;
pub mod words;
