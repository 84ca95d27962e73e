//! Moved to [`crate::analysis::decls`]; kept only because `deftypes` still imports it from
//! here. Delete when deftypes is folded into [`crate::analysis::types`].

pub use crate::analysis::decls::*;
