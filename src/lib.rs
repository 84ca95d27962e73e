//! allocfix: finds Go heap-allocation anti-patterns and rewrites them with small, exact
//! byte-range edits.
//!
//! The engine lives in this crate's `src/`; the catalogue of transforms in `transforms/`.

pub mod analysis;
pub mod bench;
pub mod cli;
pub mod config;
pub mod diff;
pub mod engine;
pub mod fixkit;
pub mod golang;
pub mod guard;
pub mod output;
pub mod package;
pub mod profile;
pub mod runner;
pub mod source;
pub mod suppress;
pub mod syntax;
pub mod transform;
pub mod verify;
pub mod walk;
pub mod write;

#[path = "../transforms/mod.rs"]
pub mod transforms;
