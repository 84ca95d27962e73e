//! ## What it does
//! Reports a function or method that allocates a fresh byte buffer on every call while
//! the package calls it inside a loop. Detect-only: it never rewrites.
//!
//! The trigger, exactly: in the function's own body, outside any loop of it (so it runs
//! once per call), one of
//! - `var b bytes.Buffer`, `new(bytes.Buffer)`, `bytes.Buffer{}` / `&bytes.Buffer{}`, or
//!   `bytes.NewBuffer(nil)` / `bytes.NewBuffer(make(…))`;
//! - `make([]byte, n)` (or `make([]byte, 0, n)`) whose size is not a constant, or whose
//!   slice is returned (directly, sliced, or as a named result), or whose constant size is
//!   64 KiB or more (all of which put it on the heap);
//!
//! and a call of that function in a loop body of a non-test file of the package (a plain
//! call of the package-level function, or a method call on an operand whose type is
//! known to be the receiver's). The finding names the loop's call site (`file.go:line`).
//!
//! ## Why
//! Seed exercise 6. A buffer made per call is garbage after each call: the loop pays for
//! one allocation (and the buffer's growth: a `bytes.Buffer` reallocates as it doubles)
//! per iteration, and the collector pays to free them. A buffer that outlives the calls
//! is allocated once and then reused at its grown size.
//!
//! ## Example
//! ```go
//! func (e *Event) MarshalBinary() ([]byte, error) {
//!     var buf bytes.Buffer // allocated (and grown) on every call
//!     binary.Write(&buf, binary.LittleEndian, e.ID)
//!     buf.WriteString(e.Name)
//!     return buf.Bytes(), nil
//! }
//!
//! for _, e := range events {
//!     b, _ := e.MarshalBinary() // the loop the finding names
//!     …
//! }
//! ```
//! is reported. Two fixes: let the caller supply the buffer
//! (`func (e *Event) AppendBinary(dst []byte) []byte`, reused with `dst[:0]` across the
//! loop), or take a `*bytes.Buffer` from a `sync.Pool` (`Reset` it, `Put` it back). With a
//! pool, a returned `buf.Bytes()` aliases the pooled buffer: return `bytes.Clone(buf.Bytes())`
//! (or `buf.String()`, which copies) before the `Put`.
//!
//! ## When it does not apply
//! - No loop of the package calls the function (calls from tests and benchmarks do not
//!   count), or the buffer is made inside a loop of the function (per iteration, not per
//!   call), or in a function literal.
//! - `make([]byte, n)` with a constant size below 64 KiB that is not returned: the
//!   compiler keeps it on the stack when it does not escape. A constant whose value is not
//!   evaluated here (`61*4 + 1`, `binary.MaxVarintLen64`) counts as small.
//! - A buffer around the caller's storage (`bytes.NewBuffer(dst[:0])`), a buffer from a
//!   pool, or a function that returns the `*bytes.Buffer` itself (the caller owns it).
//! - `bytes` is not the standard package there, or `make` is not the builtin.
//!
//! ## Fix safety
//! A finding only: a caller-supplied buffer changes the signature, and a pool changes who
//! may hold the bytes (callers that keep a pooled buffer's bytes see them overwritten).

use tree_sitter::Node;

use crate::analysis::calls::{LoopCall, calls_of, loop_calls};
use crate::analysis::consts::const_int;
use crate::analysis::control::{enclosing_for, return_values};
use crate::analysis::types::{Ty, builtin_call_args, written_type};
use crate::fixkit::edit::{FileId, Finding};
use crate::fixkit::imports::{is_call_to, resolve};
use crate::package::Package;
use crate::syntax::{descendants, enclosing_function, named_children, text};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct BufferPerCall;

impl Rule for BufferPerCall {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "buffer-per-call",
        summary: "a function called in a loop allocates a bytes.Buffer or make([]byte, n) on every call → finding",
        fix: FixAvailability::None,
        fix_note: "caller-supplied AppendX buffer, or a sync.Pool of *bytes.Buffer",
        source: include_str!("buffer_per_call.rs"),
        needles: &["bytes.", "[]byte"],
        node_kinds: &["function_declaration", "method_declaration"],
        opt_in: true,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<BufferPerCall>();

/// Constant `make([]byte, n)` sizes from which the compiler allocates on the heap even
/// when the slice does not escape.
const STACK_LIMIT: i128 = 64 * 1024;

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let calls = loop_calls(pkg);
    if calls.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for file in ctx.files() {
        let funcs = ctx
            .nodes(file, "function_declaration")
            .iter()
            .chain(ctx.nodes(file, "method_declaration"));
        for &func in funcs {
            let Some(body) = func.child_by_field_name("body") else {
                continue;
            };
            let Some((alloc, what)) = descendants(body)
                .into_iter()
                .filter(|n| enclosing_function(*n) == Some(func) && enclosing_for(*n).is_none())
                .find_map(|n| per_call_buffer(pkg, file, func, n))
            else {
                continue;
            };
            let sites = calls_of(pkg, &calls, file, func);
            let Some(first) = sites.first() else {
                continue;
            };
            let name = func
                .child_by_field_name("name")
                .map_or("", |n| text(n, &pkg.files[file].src.text));
            let append = format!(
                "Append{}",
                name.strip_prefix("Marshal")
                    .map_or_else(|| crate::fixkit::names::capitalize(name), str::to_string)
            );
            let how = match what {
                Alloc::Buffer if returns_bytes(pkg, file, func, alloc) => format!(
                    "let the caller supply the buffer (an `{append}(dst []byte, …) []byte` form, reused with dst[:0]), or reuse a *bytes.Buffer from a sync.Pool (Reset after Get; the returned Bytes() alias the pooled buffer, so return bytes.Clone of them before Put)"
                ),
                Alloc::Buffer => format!(
                    "let the caller supply the buffer (an `{append}(dst []byte, …) []byte` form, reused with dst[:0]), or reuse a *bytes.Buffer from a sync.Pool (Reset after Get, Put when done)"
                ),
                Alloc::Returned => format!(
                    "let the caller supply the buffer it gets back (an `{append}(dst []byte, …) []byte` form, or a dst parameter reused with dst[:0])"
                ),
                Alloc::Scratch => "let the caller pass a scratch buffer it reuses, or keep one in a sync.Pool of *[]byte (pool the pointer: a slice stored in an interface allocates)".to_string(),
            };
            out.push(ctx.finding(
                file,
                alloc,
                format!(
                    "{name} allocates {} on every call, and the package calls it in a loop ({}): {how} (see `allocfix explain buffer-per-call`)",
                    what.describe(),
                    evidence(pkg, &sites, first),
                ),
                None,
            ));
        }
    }
    out
}

/// What a function allocates per call.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Alloc {
    /// A `bytes.Buffer`.
    Buffer,
    /// A `[]byte` made with `make` and returned.
    Returned,
    /// A `[]byte` made with `make` used within the call.
    Scratch,
}

impl Alloc {
    fn describe(self) -> &'static str {
        match self {
            Alloc::Buffer => "a bytes.Buffer",
            Alloc::Returned => "the []byte it returns (make)",
            Alloc::Scratch => {
                "a scratch []byte on the heap (make of a size not known to be below 64 KiB)"
            }
        }
    }
}

/// True when `func` returns `b.Bytes()` of the buffer the allocation `n` makes.
fn returns_bytes(pkg: &Package, file: FileId, func: Node, n: Node) -> bool {
    let src = &pkg.files[file].src.text;
    let Some(local) = bound_local(n, src) else {
        return false;
    };
    let Some(body) = func.child_by_field_name("body") else {
        return false;
    };
    crate::syntax::descendants_of_kind(body, "return_statement")
        .into_iter()
        .filter(|r| enclosing_function(*r) == Some(func))
        .flat_map(return_values)
        .any(|v| {
            v.kind() == "call_expression"
                && v.child_by_field_name("function").is_some_and(|f| {
                    f.kind() == "selector_expression"
                        && f.child_by_field_name("field")
                            .is_some_and(|m| text(m, src) == "Bytes")
                        && f.child_by_field_name("operand").is_some_and(|o| {
                            o.kind() == "identifier"
                                && crate::analysis::uses::refers_to(o, local, src)
                        })
                })
        })
}

/// `at a.go:12` or `at a.go:12 and 2 more`.
fn evidence(pkg: &Package, sites: &[LoopCall], first: &LoopCall) -> String {
    match sites.len() {
        1 => format!("at {}", first.place(pkg)),
        n => format!("at {} and {} more", first.place(pkg), n - 1),
    }
}

/// When `n` allocates a buffer that lives for one call of `func`: the node to report and
/// what it allocates.
fn per_call_buffer<'p>(
    pkg: &'p Package,
    file: FileId,
    func: Node<'p>,
    n: Node<'p>,
) -> Option<(Node<'p>, Alloc)> {
    match n.kind() {
        "var_spec" => {
            let ty = n.child_by_field_name("type")?;
            (n.child_by_field_name("value").is_none()
                && is_bytes_buffer(pkg, file, ty)
                && !returns_buffer(pkg, file, func, n))
            .then_some((n, Alloc::Buffer))
        }
        "composite_literal" => {
            let ty = n.child_by_field_name("type")?;
            (is_bytes_buffer(pkg, file, ty) && !returns_buffer(pkg, file, func, n))
                .then_some((n, Alloc::Buffer))
        }
        "call_expression" => {
            if let Some(args) = builtin_call_args(pkg, file, n, "new") {
                return (args.len() == 1
                    && is_bytes_buffer(pkg, file, args[0])
                    && !returns_buffer(pkg, file, func, n))
                .then_some((n, Alloc::Buffer));
            }
            if is_call_to(pkg, file, n, "bytes", &["NewBuffer"]).is_some() {
                let args = named_children(n.child_by_field_name("arguments")?);
                let fresh = match args.as_slice() {
                    [a] => a.kind() == "nil" || builtin_call_args(pkg, file, *a, "make").is_some(),
                    _ => false,
                };
                return (fresh && !returns_buffer(pkg, file, func, n))
                    .then_some((n, Alloc::Buffer));
            }
            let args = builtin_call_args(pkg, file, n, "make")?;
            if !written_type(pkg, file, *args.first()?).is_some_and(|t| t.is_byte_slice()) {
                return None;
            }
            // `bytes.NewBuffer(make(…))` is reported as the buffer.
            if n.parent()
                .and_then(|a| a.parent())
                .is_some_and(|c| is_call_to(pkg, file, c, "bytes", &["NewBuffer"]).is_some())
            {
                return None;
            }
            let size = *args.last()?;
            if returned(pkg, file, func, n) {
                return Some((n, Alloc::Returned));
            }
            // A constant size the model cannot evaluate (`61*4 + 1`, `net.IPv4len`) is
            // taken as small: silence rather than a guess.
            let heap = match const_int(pkg, file, size) {
                Some(v) => v >= STACK_LIMIT,
                None => {
                    !crate::analysis::consts::is_constant(pkg, file, size)
                        && !crate::analysis::types::type_of(pkg, file, size)
                            .is_some_and(|t| t.is_untyped())
                }
            };
            heap.then_some((n, Alloc::Scratch))
        }
        _ => None,
    }
}

/// True when the type expression `ty` is `bytes.Buffer` of the standard `bytes`.
fn is_bytes_buffer(pkg: &Package, file: FileId, ty: Node) -> bool {
    written_type(pkg, file, ty).is_some_and(|t| t.is_imported("bytes", "Buffer"))
        || (ty.kind() == "qualified_type"
            && ty
                .child_by_field_name("package")
                .and_then(|p| resolve(pkg, file, p))
                .is_some_and(|p| p == "bytes")
            && ty
                .child_by_field_name("name")
                .is_some_and(|n| text(n, &pkg.files[file].src.text) == "Buffer"))
}

/// The local declared by the allocation `n` (a `var_spec` itself, or the value of
/// `x := n` / `var x = n`, possibly through `&`).
fn bound_local<'p>(n: Node<'p>, src: &str) -> Option<Node<'p>> {
    if n.kind() == "var_spec" {
        let names = crate::syntax::field_children(n, "name");
        return (names.len() == 1).then(|| names[0]);
    }
    let mut value = n;
    if let Some(p) = n.parent()
        && p.kind() == "unary_expression"
    {
        value = p;
    }
    if let Some((_, ident)) = crate::transforms::common::local_binding(value) {
        return Some(ident);
    }
    // `x = v`: the variable assigned (a named result, say).
    let list = value.parent().filter(|l| l.kind() == "expression_list")?;
    let stmt = list.parent().filter(|s| {
        s.kind() == "assignment_statement" && s.child_by_field_name("right") == Some(list)
    })?;
    if named_children(list).len() != 1 {
        return None;
    }
    let left = named_children(stmt.child_by_field_name("left")?);
    let [target] = left.as_slice() else {
        return None;
    };
    if target.kind() != "identifier" {
        return None;
    }
    crate::analysis::resolve::local_decl(*target, text(*target, src), src)
}

/// True when `func` returns the value the allocation `n` makes: directly, through the
/// local it initialises, or a slice of it (`return b[:n]`).
fn returned(pkg: &Package, file: FileId, func: Node, n: Node) -> bool {
    let src = &pkg.files[file].src.text;
    let local = bound_local(n, src);
    let Some(body) = func.child_by_field_name("body") else {
        return false;
    };
    crate::syntax::descendants_of_kind(body, "return_statement")
        .into_iter()
        .filter(|r| enclosing_function(*r) == Some(func))
        .flat_map(return_values)
        .any(|v| {
            let mut v = v;
            while matches!(v.kind(), "slice_expression" | "parenthesized_expression") {
                match v
                    .child_by_field_name("operand")
                    .or_else(|| named_children(v).first().copied())
                {
                    Some(inner) => v = inner,
                    None => return false,
                }
            }
            v == n
                || local.is_some_and(|decl| {
                    v.kind() == "identifier" && crate::analysis::uses::refers_to(v, decl, src)
                })
        })
        || local.is_some_and(|decl| named_result(func, decl) && has_bare_return(func))
}

/// True when `decl` is a named result of `func`.
fn named_result(func: Node, decl: Node) -> bool {
    func.child_by_field_name("result")
        .is_some_and(|r| r.start_byte() <= decl.start_byte() && decl.end_byte() <= r.end_byte())
}

/// True when `func` has a `return` without values (its named results are returned).
fn has_bare_return(func: Node) -> bool {
    func.child_by_field_name("body").is_some_and(|body| {
        crate::syntax::descendants_of_kind(body, "return_statement")
            .into_iter()
            .any(|r| enclosing_function(r) == Some(func) && return_values(r).is_empty())
    })
}

/// True when `func` returns the `*bytes.Buffer` (or `bytes.Buffer`) the allocation makes:
/// the caller owns the buffer, which is then the function's product.
fn returns_buffer(pkg: &Package, file: FileId, func: Node, n: Node) -> bool {
    let src = &pkg.files[file].src.text;
    let Some(body) = func.child_by_field_name("body") else {
        return false;
    };
    let local = bound_local(n, src);
    crate::syntax::descendants_of_kind(body, "return_statement")
        .into_iter()
        .filter(|r| enclosing_function(*r) == Some(func))
        .flat_map(return_values)
        .any(|v| {
            let v = match v.kind() {
                "unary_expression" => v.child_by_field_name("operand").unwrap_or(v),
                _ => v,
            };
            v == n
                || local.is_some_and(|decl| {
                    v.kind() == "identifier" && crate::analysis::uses::refers_to(v, decl, src)
                })
        })
        || crate::syntax::result_types(func).is_some_and(|types| {
            types.iter().any(|t| {
                let t = if t.kind() == "pointer_type" {
                    named_children(*t).first().copied().unwrap_or(*t)
                } else {
                    *t
                };
                matches!(written_type(pkg, file, t), Some(Ty::Imported { ref path, ref name, .. }) if path == "bytes" && name == "Buffer")
            })
        })
}
