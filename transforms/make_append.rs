//! ## What it does
//! Reports a slice made with a non-zero length (`make([]T, n)`) whose first use is an
//! `append` to it: the leading-zeros bug. Detect-only: it never rewrites.
//!
//! ## Why
//! `make([]T, n)` holds n zero values already; `append` adds after them. Code that meant
//! "room for n" ends up with n zeros in front and the real values after them, and the
//! backing array is reallocated as soon as the first append runs, so the size hint does
//! not even save the allocation it was written for. `make([]T, 0, n)` is what reserves
//! capacity.
//!
//! ## Example
//! ```go
//! func ids(users []User) []int64 {
//!     out := make([]int64, len(users))
//!     for _, u := range users {
//!         out = append(out, u.ID) // out starts with len(users) zeros
//!     }
//!     return out
//! }
//! ```
//! is reported; `make([]int64, 0, len(users))` is what it most likely means.
//!
//! ## When it does not apply
//! - The length is the literal `0`.
//! - The slice is used in any other way before the first append (indexed, sliced, passed to
//!   a function such as `io.ReadFull` or `copy`, ranged over, reassigned), or written by
//!   index anywhere in the function: then the zeros are meant to be filled.
//! - `make` or `append` is not the builtin there (a local or package-level declaration of
//!   that name hides it).
//!
//! ## Fix safety
//! A finding only: the fix (`make([]T, 0, n)`) changes the result's length, which is what
//! the author has to confirm.

use tree_sitter::Node;

use crate::analysis::consts::parse_int;
use crate::analysis::types::{builtin_call_args, is_len_or_cap};
use crate::analysis::uses::{UseKind, classify, uses_of};
use crate::fixkit::edit::Finding;
use crate::syntax::{enclosing_function, named_children, text};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct MakeAppend;

impl Rule for MakeAppend {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "make-append",
        summary: "make([]T, n) with n > 0 then appended to: n zero values stay in front → finding",
        fix: FixAvailability::None,
        fix_note: "make([]T, 0, n) reserves capacity without the zeros",
        source: include_str!("make_append.rs"),
        needles: &["make", "append"],
        node_kinds: &["call_expression"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<MakeAppend>();

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    for file in ctx.files() {
        let src = &pkg.files[file].src.text;
        for &call in ctx.nodes(file, "call_expression") {
            let Some(args) = builtin_call_args(pkg, file, call, "make") else {
                continue;
            };
            let [ty, len, ..] = args.as_slice() else {
                continue;
            };
            if ty.kind() != "slice_type" || is_zero(*len, src) {
                continue;
            }
            let Some((decl, after)) = bound_local(call, src) else {
                continue;
            };
            let Some(func) = enclosing_function(call) else {
                continue;
            };
            let Some(body) = func.child_by_field_name("body") else {
                continue;
            };
            let uses = uses_of(decl, body, src);
            if uses.iter().any(|&u| written_by_index(u)) {
                continue;
            }
            let Some(first) = uses
                .iter()
                .copied()
                .filter(|u| u.start_byte() >= after)
                .find(|&u| !in_len_or_cap(pkg, file, u))
            else {
                continue;
            };
            // `x = append(x, …)` reaches its target first, in the order of the text.
            if !appends_to_itself(pkg, file, first, decl, src) {
                continue;
            }
            let name = text(decl, src);
            let (len, ty) = (text(*len, src), text(*ty, src));
            let advice = match args.get(2) {
                Some(cap) => format!(
                    "if the zeros are not meant, write make({ty}, 0, {})",
                    text(*cap, src)
                ),
                None => format!("if {len} is meant as capacity, write make({ty}, 0, {len})"),
            };
            out.push(ctx.finding(
                file,
                call,
                format!(
                    "`{name}` is made with length {len} and then appended to: the values land after {len} zero values; {advice}"
                ),
                None,
            ));
        }
    }
    out
}

/// The literal `0` (any spelling of zero: `0`, `00`, `0x0`, `0b0`).
fn is_zero(len: Node, src: &str) -> bool {
    len.kind() == "int_literal" && parse_int(text(len, src)) == Some(0)
}

/// The local that `call` is bound to by `x := make(…)`, `var x = make(…)` or `x = make(…)`
/// (alone on its statement), and the offset where the statement ends.
fn bound_local<'t>(call: Node<'t>, src: &str) -> Option<(Node<'t>, usize)> {
    let list = call.parent().filter(|p| p.kind() == "expression_list")?;
    if named_children(list).len() != 1 {
        return None;
    }
    let stmt = list.parent()?;
    let left = match stmt.kind() {
        "short_var_declaration" | "assignment_statement" => stmt.child_by_field_name("left")?,
        "var_spec" => stmt,
        _ => return None,
    };
    let names: Vec<Node> = match stmt.kind() {
        "var_spec" => crate::syntax::field_children(stmt, "name"),
        _ => named_children(left),
    };
    let [name] = names.as_slice() else {
        return None;
    };
    if name.kind() != "identifier" || text(*name, src) == "_" {
        return None;
    }
    let decl = match stmt.kind() {
        "assignment_statement" => {
            if stmt
                .child_by_field_name("operator")
                .is_none_or(|o| text(o, src) != "=")
            {
                return None;
            }
            crate::analysis::resolve::local_decl(*name, text(*name, src), src)?
        }
        _ => *name,
    };
    Some((decl, stmt.end_byte()))
}

/// `x[i] = v`, `x[i] += v`, `x[i]++`: the slice's elements are filled in place.
fn written_by_index(u: Node) -> bool {
    let Some(index) = u
        .parent()
        .filter(|p| p.kind() == "index_expression" && p.child_by_field_name("operand") == Some(u))
    else {
        return false;
    };
    let Some(p) = index.parent() else {
        return false;
    };
    match p.kind() {
        "inc_statement" | "dec_statement" => true,
        "expression_list" => p.parent().is_some_and(|s| {
            s.kind() == "assignment_statement" && s.child_by_field_name("left") == Some(p)
        }),
        _ => false,
    }
}

/// `u` is the argument of `len(u)` or `cap(u)`.
fn in_len_or_cap(pkg: &crate::package::Package, file: usize, u: Node) -> bool {
    u.parent()
        .filter(|p| p.kind() == "argument_list")
        .and_then(|p| p.parent())
        .is_some_and(|call| is_len_or_cap(pkg, file, call))
}

/// `x = append(x, …)`, with `u` the assigned `x` (which comes first in the text).
fn appends_to_itself(
    pkg: &crate::package::Package,
    file: usize,
    u: Node,
    decl: Node,
    src: &str,
) -> bool {
    if classify(u, src) != UseKind::Write {
        return false;
    }
    let Some(left) = u.parent().filter(|p| p.kind() == "expression_list") else {
        return false;
    };
    let Some(stmt) = left.parent().filter(|s| s.kind() == "assignment_statement") else {
        return false;
    };
    if stmt
        .child_by_field_name("operator")
        .is_none_or(|o| text(o, src) != "=")
        || named_children(left).len() != 1
    {
        return false;
    }
    let Some(right) = stmt.child_by_field_name("right") else {
        return false;
    };
    let [call] = named_children(right)[..] else {
        return false;
    };
    let Some(args) = builtin_call_args(pkg, file, call, "append") else {
        return false;
    };
    args.len() >= 2
        && args[0].kind() == "identifier"
        && crate::analysis::uses::refers_to(args[0], decl, src)
}
