//! ## What it does
//! Reports a function that builds and returns a fresh slice on every call when a loop of
//! the package calls it and uses the result only within the iteration. Detect-only: it
//! never rewrites.
//!
//! The trigger, exactly:
//! - the function (non-generic, declared in the package) has a result written as a slice
//!   type `[]T`, and every `return` gives there either `nil` or one local that the
//!   function declares empty (`var out []T`, `out := []T{}`, `out := make([]T, …)`) and
//!   grows with `out = append(out, …)`;
//! - the local stays inside the function (it is not stored in a field, a map, another
//!   variable or a channel, not captured, not passed to anything but `append`, `len`,
//!   `cap` and `copy`);
//! - a loop body of a non-test file calls it as `x := f(…)` (or `x, err := f(…)`), or
//!   ranges over `f(…)`, and `x` does not outlive the iteration: it is not stored outside
//!   the body, appended, sent, returned, captured or address-taken (calls that take it as
//!   an argument are trusted not to keep it). The finding names that call (`file.go:line`).
//!
//! ## Why
//! Seed exercise 16. Each call allocates a new backing array (and regrows it as `append`
//! doubles it); the loop drops it at the end of the iteration. With a destination
//! parameter, `dst = AppendTokens(dst[:0], line)`, the loop reuses one array sized by the
//! largest result, and the function allocates nothing once it is warm (the `strconv.Append*`
//! and `AppendBinary` style).
//!
//! ## Example
//! ```go
//! func Tokenize(s string) []string {
//!     var out []string
//!     for _, f := range strings.Fields(s) {
//!         out = append(out, f)
//!     }
//!     return out
//! }
//!
//! for _, l := range lines {
//!     tokens := Tokenize(l) // used in this iteration only
//!     analyze(tokens)
//! }
//! ```
//! is reported; add `func AppendTokens(dst []string, s string) []string` (Tokenize can
//! stay as `return AppendTokens(nil, s)`), and in the loop `tokens = AppendTokens(tokens[:0], l)`.
//!
//! ## When it does not apply
//! - The result outlives the caller's iteration (stored, appended, returned, sent or
//!   captured by the loop), or the function keeps its slice somewhere besides returning it:
//!   the destination-buffer pattern needs the caller to own the lifetime.
//! - No loop of the package calls it (calls from tests and benchmarks do not count), or the
//!   result is assigned to a variable declared outside the loop.
//! - The slice comes from elsewhere (`return strings.Fields(s)`), a named result with a
//!   bare `return`, or `make([]byte, …)` (that one is `buffer-per-call`'s).
//!
//! ## Fix safety
//! A finding only: an Append form is a new API, and every caller that switches to it must
//! reset with `dst[:0]` (forgetting it grows the slice without bound).

use tree_sitter::Node;

use crate::analysis::calls::{LoopCall, calls_of, loop_calls};
use crate::analysis::control::{Region, enclosing_for, for_body, return_values};
use crate::analysis::types::{Ty, builtin_call_args, written_type};
use crate::analysis::uses::{unparen, uses_of};
use crate::fixkit::edit::{FileId, Finding};
use crate::package::Package;
use crate::syntax::{enclosing_function, field_children, named_children, text};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct ResultSlice;

impl Rule for ResultSlice {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "result-slice",
        summary: "a function returns a new slice per call to a loop that drops it each iteration → finding (AppendX form)",
        fix: FixAvailability::None,
        fix_note: "an AppendX(dst []T, …) []T form the loop reuses with dst[:0]",
        source: include_str!("result_slice.rs"),
        needles: &["append"],
        node_kinds: &["function_declaration", "method_declaration"],
        opt_in: true,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<ResultSlice>();

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let calls = loop_calls(pkg);
    if calls.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for file in ctx.files() {
        let src = &pkg.files[file].src.text;
        let funcs = ctx
            .nodes(file, "function_declaration")
            .iter()
            .chain(ctx.nodes(file, "method_declaration"));
        for &func in funcs {
            let Some((position, local, elem)) = built_result(pkg, file, func) else {
                continue;
            };
            let Some(site) = calls_of(pkg, &calls, file, func)
                .into_iter()
                .find(|c| dropped_each_iteration(pkg, c, position))
            else {
                continue;
            };
            let name = func
                .child_by_field_name("name")
                .map_or("", |n| text(n, src));
            out.push(ctx.finding(
                file,
                local,
                format!(
                    "{name} allocates the []{elem} it returns on every call, and a loop calls it at {} and uses the result only within the iteration: an `Append{}(dst []{elem}, …) []{elem}` form lets it reuse one backing array (`dst = Append{}(dst[:0], …)`) (see `allocfix explain result-slice`)",
                    site.place(pkg),
                    crate::fixkit::names::capitalize(name),
                    crate::fixkit::names::capitalize(name),
                ),
                None,
            ));
        }
    }
    out
}

/// For a function that returns a slice it builds: the result position, the declaring
/// identifier of the local it returns, and the element type as written.
fn built_result<'p>(
    pkg: &'p Package,
    file: FileId,
    func: Node<'p>,
) -> Option<(usize, Node<'p>, &'p str)> {
    let src = &pkg.files[file].src.text;
    let body = func.child_by_field_name("body")?;
    let types = crate::syntax::result_types(func)?;
    let returns: Vec<Node> = crate::syntax::descendants_of_kind(body, "return_statement")
        .into_iter()
        .filter(|r| enclosing_function(*r) == Some(func))
        .collect();
    if returns.is_empty() {
        return None;
    }
    for (i, ty) in types.iter().enumerate() {
        if ty.kind() != "slice_type" {
            continue;
        }
        let mut local = None;
        let mut ok = true;
        for r in &returns {
            let values = return_values(*r);
            if values.len() != types.len() {
                ok = false;
                break;
            }
            let v = values[i];
            match v.kind() {
                "nil" => {}
                "identifier" => {
                    let decl = crate::analysis::resolve::local_decl(v, text(v, src), src);
                    match (decl, local) {
                        (Some(d), None) => local = Some(d),
                        (Some(d), Some(l)) if d == l => {}
                        _ => {
                            ok = false;
                            break;
                        }
                    }
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        let Some(decl) = local.filter(|_| ok) else {
            continue;
        };
        if enclosing_function(decl) != Some(func)
            || !declared_empty(pkg, file, decl)
            || !grown_and_kept_inside(pkg, file, func, decl)
        {
            continue;
        }
        let elem = ty.child_by_field_name("element")?;
        return Some((i, decl, text(elem, src)));
    }
    None
}

/// True when the local `decl` is declared as an empty slice: `var out []T`,
/// `out := []T{}`, `out := make([]T, …)` (not `make([]byte, …)`, buffer-per-call's).
fn declared_empty(pkg: &Package, file: FileId, decl: Node) -> bool {
    let Some(parent) = decl.parent() else {
        return false;
    };
    if parent.kind() == "var_spec" {
        if parent.child_by_field_name("type").is_some()
            && parent.child_by_field_name("value").is_none()
        {
            return field_children(parent, "name").len() == 1;
        }
        return parent
            .child_by_field_name("value")
            .is_some_and(|v| single_empty_value(pkg, file, v));
    }
    if parent.kind() == "expression_list"
        && let Some(stmt) = parent.parent()
        && stmt.kind() == "short_var_declaration"
        && named_children(parent).len() == 1
    {
        return stmt
            .child_by_field_name("right")
            .is_some_and(|v| single_empty_value(pkg, file, v));
    }
    false
}

fn single_empty_value(pkg: &Package, file: FileId, list: Node) -> bool {
    let values = named_children(list);
    let [v] = values.as_slice() else {
        return false;
    };
    match v.kind() {
        "composite_literal" => {
            v.child_by_field_name("type")
                .is_some_and(|t| t.kind() == "slice_type")
                && v.child_by_field_name("body")
                    .is_some_and(|b| named_children(b).is_empty())
        }
        "call_expression" => builtin_call_args(pkg, file, *v, "make").is_some_and(|args| {
            args.first()
                .and_then(|t| written_type(pkg, file, *t))
                .is_some_and(|t| matches!(t, Ty::Slice(_)) && !t.is_byte_slice())
        }),
        _ => false,
    }
}

/// True when `decl` is grown by `decl = append(decl, …)` and otherwise only read in
/// place: every use is such an append (either side), a `return`, `len`/`cap`/`copy`, an
/// index, a slice expression read in place, or a `range`; none is captured.
fn grown_and_kept_inside(pkg: &Package, file: FileId, func: Node, decl: Node) -> bool {
    let src = &pkg.files[file].src.text;
    let Some(body) = func.child_by_field_name("body") else {
        return false;
    };
    let mut grown = false;
    for u in uses_of(decl, body, src) {
        if enclosing_function(u) != Some(func) {
            return false;
        }
        let outer = unparen(u);
        let Some(parent) = outer.parent() else {
            return false;
        };
        match parent.kind() {
            "argument_list" => {
                let Some(call) = parent.parent() else {
                    return false;
                };
                let builtin = ["append", "len", "cap", "copy"]
                    .into_iter()
                    .find(|b| builtin_call_args(pkg, file, call, b).is_some());
                match builtin {
                    Some("append") => {
                        // Only as the slice appended to, by `decl = append(decl, …)`.
                        if named_children(parent).first() != Some(&outer)
                            || !assigned_back(call, decl, src)
                        {
                            return false;
                        }
                        grown = true;
                    }
                    Some(_) => {}
                    None => return false,
                }
            }
            "expression_list" => {
                let Some(stmt) = parent.parent() else {
                    return false;
                };
                match stmt.kind() {
                    "return_statement" => {}
                    "assignment_statement" if stmt.child_by_field_name("left") == Some(parent) => {}
                    _ => return false,
                }
            }
            "return_statement" => {}
            "index_expression" | "range_clause" => {}
            "slice_expression" => {
                // `out[:n]` ranged over, indexed, returned, or assigned back to out.
                let sliced = unparen(parent);
                let Some(p) = sliced.parent() else {
                    return false;
                };
                let fine = match p.kind() {
                    "range_clause" | "index_expression" => true,
                    "expression_list" => p.parent().is_some_and(|s| {
                        s.kind() == "return_statement"
                            || (s.kind() == "assignment_statement"
                                && s.child_by_field_name("right") == Some(p)
                                && assigned_to(s, decl, src))
                    }),
                    _ => false,
                };
                if !fine {
                    return false;
                }
            }
            _ => return false,
        }
    }
    grown
}

/// True when the `append` call is the value of `decl = append(…)`.
fn assigned_back(call: Node, decl: Node, src: &str) -> bool {
    let Some(list) = unparen(call).parent() else {
        return false;
    };
    let Some(stmt) = list.parent() else {
        return false;
    };
    list.kind() == "expression_list"
        && stmt.kind() == "assignment_statement"
        && stmt.child_by_field_name("right") == Some(list)
        && assigned_to(stmt, decl, src)
}

/// True when the assignment `stmt` assigns exactly `decl` (one target).
fn assigned_to(stmt: Node, decl: Node, src: &str) -> bool {
    stmt.child_by_field_name("left")
        .map(named_children)
        .is_some_and(|l| {
            l.len() == 1
                && l[0].kind() == "identifier"
                && crate::analysis::uses::refers_to(l[0], decl, src)
        })
}

/// True when the loop call `c` binds result `position` to a local of the loop body that
/// does not outlive the iteration, or is ranged over directly.
fn dropped_each_iteration(pkg: &Package, c: &LoopCall, position: usize) -> bool {
    let src = &pkg.files[c.file].src.text;
    let Some(lp) = enclosing_for(c.call) else {
        return false;
    };
    let (Some(func), Some(body)) = (enclosing_function(c.call), for_body(lp)) else {
        return false;
    };
    let outer = unparen(c.call);
    let Some(parent) = outer.parent() else {
        return false;
    };
    // `for _, t := range f(x)`.
    if parent.kind() == "range_clause" && parent.child_by_field_name("right") == Some(outer) {
        return true;
    }
    if parent.kind() != "expression_list" || named_children(parent).len() != 1 {
        return false;
    }
    let Some(stmt) = parent.parent() else {
        return false;
    };
    if stmt.kind() != "short_var_declaration" || stmt.child_by_field_name("right") != Some(parent) {
        return false;
    }
    let Some(left) = stmt.child_by_field_name("left").map(named_children) else {
        return false;
    };
    let Some(target) = left.get(position) else {
        return false;
    };
    if target.kind() != "identifier" || text(*target, src) == "_" {
        return false;
    }
    // `:=` may reuse a variable declared before the loop.
    if crate::analysis::uses::classify(*target, src) != crate::analysis::uses::UseKind::Declare {
        return false;
    }
    let site = Region {
        pkg,
        file: c.file,
        src,
        func,
        lp,
        body,
    };
    crate::analysis::flow::escapes(&site, *target, 0).is_none()
}
