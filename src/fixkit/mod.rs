//! How code is written: edits and fixes, imports, fresh names, placement of new code,
//! indentation with tabs, and the gofmt layout guard. No analysis decisions live here.

pub mod columns;
pub mod edit;
pub mod imports;
pub mod indent;
pub mod layout;
pub mod names;
pub mod place;
