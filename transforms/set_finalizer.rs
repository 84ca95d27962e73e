//! ## What it does
//! Reports `runtime.SetFinalizer(x, f)` in a constructor (a function that returns `x`) when
//! x's type has no method callers could defer to release it (`Close`, `Stop`, `Release`,
//! `Free`, `Destroy`, `Dispose`, `Shutdown`). Detect-only: it never rewrites.
//!
//! ## Why
//! Seed exercise 17. Every registration allocates a finalizer record, and an object with a
//! finalizer survives one more garbage collection: the finalizer runs on it, and only the
//! next cycle frees it (and whatever it points to). A type whose only cleanup is its
//! finalizer leaves its resource to "eventually": a loop that makes many of them holds them
//! all until the collector catches up. The fix is an explicit `Close()` that callers
//! `defer`, with the finalizer (or `runtime.AddCleanup` in Go 1.24+, which does not keep
//! the object alive for an extra cycle) kept only as a backstop.
//!
//! ## Example
//! ```go
//! func NewConn() *Conn {
//!     c := &Conn{raw: open()}
//!     runtime.SetFinalizer(c, func(c *Conn) { closeRaw(c.raw) })
//!     return c
//! }
//! ```
//! is reported while `Conn` has no `Close` method.
//!
//! ## When it does not apply
//! - The type has a release method: the finalizer is the backstop the seed recommends.
//! - `runtime.SetFinalizer(x, nil)` (removes a finalizer), or the call is not in a function
//!   that returns x, or x's type is not a type of the package written in the function's
//!   results (`*T` or `T`).
//! - `runtime` is not the standard package there.
//!
//! ## Fix safety
//! A finding only: adding a `Close` method and making every caller defer it is an API
//! change.

use tree_sitter::Node;

use crate::analysis::control::return_values;
use crate::analysis::refs::methods_named;
use crate::fixkit::edit::Finding;
use crate::fixkit::imports::is_call_to;
use crate::syntax::{enclosing_function, named_children, text};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct SetFinalizer;

impl Rule for SetFinalizer {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "set-finalizer",
        summary: "runtime.SetFinalizer in a constructor of a type with no Close method → finding",
        fix: FixAvailability::None,
        fix_note: "add Close for callers to defer; keep the finalizer as a backstop",
        source: include_str!("set_finalizer.rs"),
        needles: &["SetFinalizer"],
        node_kinds: &["call_expression"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<SetFinalizer>();

/// Methods a caller defers to release a value.
const RELEASE: &[&str] = &[
    "Close", "Stop", "Release", "Free", "Destroy", "Dispose", "Shutdown",
];

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    for file in ctx.files() {
        let src = &pkg.files[file].src.text;
        for &call in ctx.nodes(file, "call_expression") {
            if is_call_to(pkg, file, call, "runtime", &["SetFinalizer"]).is_none() {
                continue;
            }
            let Some(args) = call.child_by_field_name("arguments").map(named_children) else {
                continue;
            };
            let [obj, fin] = args.as_slice() else {
                continue;
            };
            if obj.kind() != "identifier" || (fin.kind() == "nil") || text(*fin, src) == "nil" {
                continue;
            }
            let Some(func) = enclosing_function(call) else {
                continue;
            };
            let Some(type_name) = returned_type(func, *obj, src) else {
                continue;
            };
            if !pkg.index().has_top_level(type_name)
                || RELEASE
                    .iter()
                    .any(|m| !methods_named(pkg, type_name, m).is_empty())
            {
                continue;
            }
            let cleanup = if pkg.go_at_least(1, 24) {
                " (or runtime.AddCleanup, which frees it in one cycle)"
            } else {
                ""
            };
            out.push(ctx.finding(
                file,
                call,
                format!("runtime.SetFinalizer in a constructor of {type_name}: every call allocates a finalizer record and keeps the value alive for one more GC cycle, and {type_name} has no Close method, so callers can only leave cleanup to the GC; add Close for callers to defer and keep the finalizer{cleanup} as a backstop"),
                None,
            ));
        }
    }
    out
}

/// The package type name `T` of the result (`*T` or `T`) in which `func` returns the local
/// `obj`, when every return of `func` that mentions it does so at the same position.
fn returned_type<'s>(func: Node, obj: Node, src: &'s str) -> Option<&'s str> {
    let types = crate::syntax::result_types(func)?;
    let name = text(obj, src);
    let decl = crate::analysis::resolve::local_decl(obj, name, src)?;
    let body = func.child_by_field_name("body")?;
    let mut position = None;
    for ret in crate::syntax::descendants_of_kind(body, "return_statement") {
        if enclosing_function(ret) != Some(func) {
            continue;
        }
        for (i, e) in return_values(ret).into_iter().enumerate() {
            if e.kind() == "identifier" && crate::analysis::uses::refers_to(e, decl, src) {
                if position.is_some_and(|p| p != i) {
                    return None;
                }
                position = Some(i);
            }
        }
    }
    let mut ty = *types.get(position?)?;
    if ty.kind() == "pointer_type" {
        ty = named_children(ty).into_iter().next()?;
    }
    (ty.kind() == "type_identifier").then(|| text(ty, src))
}
