//! ## What it does
//! Reports a function that returns a sub-slice of a large buffer it allocated itself: the
//! small result keeps the whole buffer alive. Detect-only: it never rewrites.
//!
//! The trigger, exactly: a `return` of the function gives `buf[a:b]`, `buf[a:]` or
//! `buf[:b]` (three-index forms too) where `buf` is a local of the function, assigned
//! once, initialised there with
//! - `make([]byte, n)` whose size is not a constant, or a constant of 1 KiB or more;
//! - `io.ReadAll(…)` or `os.ReadFile(…)`;
//! - `b.Bytes()` of a `bytes.Buffer` local to the function.
//!
//! ## Why
//! From the notes on Go memory management: a slice is a window onto its backing array,
//! and the garbage collector frees an array only when no slice of it is reachable. A
//! 20-byte header cut from a 1 MiB file read keeps the whole MiB alive for as long as the
//! caller holds the 20 bytes; in a cache or a long-lived struct, that is a leak of the rest.
//! `bytes.Clone(buf[a:b])` (or `copy` into a slice of its own size) costs one small
//! allocation and lets the big buffer go when the function returns.
//!
//! ## Example
//! ```go
//! func readMagic(path string) ([]byte, error) {
//!     data, err := os.ReadFile(path)
//!     if err != nil {
//!         return nil, err
//!     }
//!     return data[:4], nil // pins the whole file
//! }
//! ```
//! is reported; `return bytes.Clone(data[:4]), nil` if callers keep the result.
//!
//! ## When it does not apply
//! - The whole buffer (`buf[:]`, `buf[0:len(buf)]`), or all of it but a constant number of
//!   bytes (`buf[2:]`, `buf[:len(buf)-1]`): nothing much is pinned.
//! - A buffer the function did not allocate (a parameter, a field, a package variable),
//!   or a local assigned more than once.
//! - `make([]byte, n)` with a constant size under 1 KiB: the pinned rest is small.
//! - The result is converted or copied already (`string(buf[a:b])`, `bytes.Clone(…)`).
//!
//! Whether callers keep the result is not known here: a caller that uses it and drops it
//! pins nothing for long. The finding says so.
//!
//! ## Fix safety
//! A finding only: cloning costs an allocation and a copy that a short-lived result does
//! not need.

use tree_sitter::Node;

use crate::analysis::consts::const_int;
use crate::analysis::control::return_values;
use crate::analysis::resolve::local_decl;
use crate::analysis::types::{builtin_call_args, type_of, written_type};
use crate::analysis::uses::{UseKind, classify, uses_of};
use crate::fixkit::edit::{FileId, Finding};
use crate::fixkit::imports::is_call_to;
use crate::package::Package;
use crate::syntax::{enclosing_function, named_children, text};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct SubslicePin;

impl Rule for SubslicePin {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "subslice-pin",
        summary: "a function returns a sub-slice of a large buffer it allocated (the result pins the whole array) → finding",
        fix: FixAvailability::None,
        fix_note: "bytes.Clone the sub-slice when callers keep it",
        source: include_str!("subslice_pin.rs"),
        needles: &["return"],
        node_kinds: &["return_statement"],
        opt_in: true,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<SubslicePin>();

/// Constant `make([]byte, n)` sizes from which a pinned rest is worth a report.
const LARGE: i128 = 1024;

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    for file in ctx.files() {
        let src = &pkg.files[file].src.text;
        for &ret in ctx.nodes(file, "return_statement") {
            let Some(func) = enclosing_function(ret) else {
                continue;
            };
            for v in return_values(ret) {
                if v.kind() != "slice_expression" {
                    continue;
                }
                let Some(operand) = v.child_by_field_name("operand") else {
                    continue;
                };
                if operand.kind() != "identifier" {
                    continue;
                }
                let Some(decl) = local_decl(operand, text(operand, src), src) else {
                    continue;
                };
                if enclosing_function(decl) != Some(func) || near_whole(pkg, file, v, decl) {
                    continue;
                }
                let Some(source) = allocation(pkg, file, func, decl) else {
                    continue;
                };
                let fname = func
                    .child_by_field_name("name")
                    .map_or("this function", |n| text(n, src));
                out.push(ctx.finding(
                    file,
                    v,
                    format!(
                        "{fname} returns {}, a window into {source} (allocated here): as long as a caller holds the result, the whole backing array stays alive; if callers keep it, return bytes.Clone({}) (see `allocfix explain subslice-pin`)",
                        text(v, src),
                        text(v, src),
                    ),
                    None,
                ));
            }
        }
    }
    out
}

/// What the local `decl` holds when it is a large buffer allocated in `func` and assigned
/// only by its declaration.
fn allocation(pkg: &Package, file: FileId, func: Node, decl: Node) -> Option<String> {
    let src = &pkg.files[file].src.text;
    let body = func.child_by_field_name("body")?;
    if uses_of(decl, body, src)
        .into_iter()
        .any(|u| !matches!(classify(u, src), UseKind::Read))
    {
        return None;
    }
    let value = initial_value(decl)?;
    if let Some(args) = builtin_call_args(pkg, file, value, "make") {
        if !written_type(pkg, file, *args.first()?).is_some_and(|t| t.is_byte_slice()) {
            return None;
        }
        let size = *args.get(1)?;
        return match const_int(pkg, file, size) {
            Some(n) if n < LARGE => None,
            Some(n) => Some(format!("the {n}-byte buffer")),
            None => Some(format!("the make([]byte, {}) buffer", text(size, src))),
        };
    }
    if let Some(f) = is_call_to(pkg, file, value, "io", &["ReadAll"]) {
        return Some(format!("everything io.{f} read"));
    }
    if let Some(f) = is_call_to(pkg, file, value, "os", &["ReadFile"]) {
        return Some(format!("the whole file os.{f} read"));
    }
    // `b.Bytes()` of a local bytes.Buffer.
    let function = value.child_by_field_name("function")?;
    if value.kind() != "call_expression"
        || function.kind() != "selector_expression"
        || function.child_by_field_name("field").map(|f| text(f, src)) != Some("Bytes")
    {
        return None;
    }
    let buffer = function.child_by_field_name("operand")?;
    let bdecl = local_decl(buffer, text(buffer, src), src)?;
    if enclosing_function(bdecl) != Some(func)
        || bdecl
            .parent()
            .is_some_and(|p| p.kind().ends_with("parameter_declaration"))
    {
        return None;
    }
    let ty = type_of(pkg, file, buffer)?;
    let ty = match ty {
        crate::analysis::types::Ty::Pointer(t) => *t,
        t => t,
    };
    ty.is_imported("bytes", "Buffer")
        .then(|| format!("the bytes of the bytes.Buffer {}", text(buffer, src)))
}

/// The value a local is declared with: `x := v`, `var x = v`, or the first of
/// `x, err := f()`.
fn initial_value(decl: Node) -> Option<Node> {
    let parent = decl.parent()?;
    let (names, values) = match parent.kind() {
        "var_spec" => (
            crate::syntax::field_children(parent, "name"),
            named_children(parent.child_by_field_name("value")?),
        ),
        "expression_list" => {
            let stmt = parent.parent()?;
            if stmt.kind() != "short_var_declaration"
                || stmt.child_by_field_name("left") != Some(parent)
            {
                return None;
            }
            (
                named_children(parent),
                named_children(stmt.child_by_field_name("right")?),
            )
        }
        _ => return None,
    };
    let i = names.iter().position(|n| *n == decl)?;
    match values.len() {
        n if n == names.len() => Some(values[i]),
        1 if i == 0 => Some(values[0]),
        _ => None,
    }
}

/// True when the slice `s` of `decl` is the whole buffer or all of it but a constant
/// number of bytes: no start (or a constant one) and no end (or `len(decl)`, or
/// `len(decl) - c`).
fn near_whole(pkg: &Package, file: FileId, s: Node, decl: Node) -> bool {
    let src = &pkg.files[file].src.text;
    let start = s.child_by_field_name("start");
    let end = s.child_by_field_name("end");
    let start_ok = start.is_none_or(|x| const_int(pkg, file, x).is_some());
    let is_len = |x: Node| {
        builtin_call_args(pkg, file, x, "len").is_some_and(|a| {
            a.len() == 1
                && a[0].kind() == "identifier"
                && crate::analysis::uses::refers_to(a[0], decl, src)
        })
    };
    let end_ok = end.is_none_or(|x| {
        let x = unparen_down(x);
        is_len(x)
            || (x.kind() == "binary_expression"
                && x.child_by_field_name("operator")
                    .is_some_and(|o| text(o, src) == "-")
                && x.child_by_field_name("left").is_some_and(is_len)
                && x.child_by_field_name("right")
                    .is_some_and(|r| const_int(pkg, file, r).is_some()))
    });
    start_ok && end_ok
}

fn unparen_down(mut x: Node) -> Node {
    while x.kind() == "parenthesized_expression" {
        match named_children(x).first() {
            Some(i) => x = *i,
            None => break,
        }
    }
    x
}
