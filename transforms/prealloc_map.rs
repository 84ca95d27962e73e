//! ## What it does
//! Gives a size hint to a map that a loop fills with one key per iteration:
//! `m := make(map[K]V)` or `m := map[K]V{}` followed (statements that do not mention `m` may
//! sit in between) by a loop whose body assigns `m[k] = v` once per iteration becomes
//! `m := make(map[K]V, n)`, where `n` is the loop's count:
//! - `len(s)` for `for … := range s` over a slice, array, pointer to array, map or string;
//! - the bound of `for i := 0; i < n; i++` or of `for i := range n` (Go 1.22 or later): an
//!   integer constant, `len(s)`, or an integer variable.
//!
//! ## Why
//! A map without a hint starts small and grows as keys arrive: every growth allocates a
//! larger table and rehashes every entry into it (`runtime.makemap` and map growth in an
//! allocation profile). With the final size known up front, the table is allocated once at
//! the right size (the golden benchmark, 500 distinct keys: 17 → 4 allocs/op; 1000
//! `fmt.Sprintf` values in `BuildMapBad`: 1766 → 1750). The seed lists pre-sizing among the
//! always-ship wins, and go-memory-management.txt shows the map form ("Maps also benefit
//! from pre-allocation").
//!
//! ## Example
//! ```go
//! func IndexWords(words []string) map[string]int {
//!     m := map[string]int{}
//!     for i, w := range words {
//!         m[w] = i
//!     }
//!     return m
//! }
//! ```
//! becomes
//! ```go
//! func IndexWords(words []string) map[string]int {
//!     m := make(map[string]int, len(words))
//!     for i, w := range words {
//!         m[w] = i
//!     }
//!     return m
//! }
//! ```
//! The map type is copied as written. A map made by `make` or a literal is never nil, so
//! unlike slices there is no nil-ness to keep. `make(map[K]V, n)` does not panic for a
//! negative `n` (the language spec panics only for slices and channels; the runtime treats a
//! negative hint as 0).
//!
//! ## When it does not apply
//! - The loop does not assign exactly one key at its top level, after statements that
//!   cannot skip it: conditional assignments, two assignments, `m[k]++` or `m[k] += v`
//!   (accumulations, whose key count can be far below the count), `delete` in the loop,
//!   nested loops; or `m` is read anywhere else in the loop, or mentioned between its
//!   declaration and the loop.
//! - The count is unknown (range over a call, a channel, a function, a value whose type
//!   allocfix cannot read from a declaration — see prealloc-slice; a counted loop that does not start at 0, step by 1 or
//!   compare with `<`; a bound that changes in the loop; `range n` before Go 1.22), or it
//!   cannot be evaluated at the declaration with the same result (its variables are
//!   mentioned in between, or it reads a field through a pointer and statements sit in
//!   between).
//! - An integer variable bound, unless the key is the loop variable itself and the body has
//!   no `break`, `return` or `goto`: only then does the map end with exactly `n` keys. With
//!   another key, keys may repeat and a large `n` would reserve memory the original never
//!   used.
//! - A constant count below `min-size` (default 9): a map of up to 8 entries fits in the
//!   first group of slots, so the hint saves nothing.
//! - `make` already has a hint (the author's choice), `var m map[K]V` (a nil map),
//!   `len`/`make` hidden by a local, parameter or package-level name, generated files,
//!   `_test.go` files.
//!
//! ## Fix safety
//! Safe: a size hint never changes what the map holds or how it behaves; only when and how
//! much memory it allocates.

use tree_sitter::Node;

use crate::analysis::resolve::local_decl;
use crate::analysis::uses::{refers_to, uses_of};
use crate::fixkit::edit::{Claim, Edit, FileId, Finding, Fix};
use crate::syntax::{enclosing_function, named_children, text};
use serde::{Deserialize, Serialize};

use crate::transform::{AtLeast, Ctx, FixAvailability, Meta, Rule, TransformDef};

use super::loops::{self, Bound, Shape};
use crate::analysis::types::{builtin_call_args, is_universe};

/// The rule; what it does is the module documentation above.
pub struct PreallocMap;

impl Rule for PreallocMap {
    type Options = PreallocMapOptions;
    const META: Meta = Meta {
        id: "prealloc-map",
        summary: "a map filled with one key per loop iteration → make(map[K]V, n) with the loop's count",
        fix: FixAvailability::Safe,
        fix_note: "",
        source: include_str!("prealloc_map.rs"),
        needles: &["make(map[", "{}"],
        node_kinds: &["statement_list"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, options: &PreallocMapOptions) -> Vec<Finding> {
        run(ctx, options)
    }
}

pub static DEF: TransformDef = TransformDef::of::<PreallocMap>();

/// The options of `prealloc-map` (`[transforms.prealloc-map]` in allocfix.toml): each
/// field's doc comment is what `allocfix explain prealloc-map` prints.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct PreallocMapOptions {
    /// smallest constant iteration count worth a size hint (maps of up to 8 entries gain
    /// nothing)
    pub min_size: AtLeast<0>,
}

impl Default for PreallocMapOptions {
    fn default() -> Self {
        PreallocMapOptions {
            min_size: AtLeast::new(9).expect("at least 0"),
        }
    }
}

struct Decl<'a> {
    stmt: Node<'a>,
    name: Node<'a>,
    /// The map type as written.
    ty: Node<'a>,
    /// The initialiser: `make(map[K]V)` or `map[K]V{}`.
    value: Node<'a>,
}

/// A declaration of one map variable initialised by `make(map[K]V)` or `map[K]V{}`.
fn parse_decl<'a>(ctx: &Ctx<'a>, file: FileId, stmt: Node<'a>) -> Option<Decl<'a>> {
    let src = ctx.src(file);
    let (name, ty_written, value) = match stmt.kind() {
        "short_var_declaration" => {
            let left = named_children(stmt.child_by_field_name("left")?);
            let right = named_children(stmt.child_by_field_name("right")?);
            if left.len() != 1 || right.len() != 1 || left[0].kind() != "identifier" {
                return None;
            }
            (left[0], None, right[0])
        }
        "var_declaration" => {
            let specs = named_children(stmt);
            if specs.len() != 1 || specs[0].kind() != "var_spec" {
                return None;
            }
            let spec = specs[0];
            let names = crate::syntax::field_children(spec, "name");
            let values = named_children(spec.child_by_field_name("value")?);
            if names.len() != 1 || values.len() != 1 {
                return None;
            }
            (names[0], spec.child_by_field_name("type"), values[0])
        }
        _ => return None,
    };
    if text(name, src) == "_" {
        return None;
    }
    let ty = match value.kind() {
        "composite_literal" => {
            let ty = value.child_by_field_name("type")?;
            let body = value.child_by_field_name("body")?;
            let mut cursor = body.walk();
            if body.named_children(&mut cursor).next().is_some() {
                return None;
            }
            ty
        }
        "call_expression" => {
            let args = builtin_call_args(ctx.pkg, file, value, "make")?;
            if args.len() != 1 {
                return None;
            }
            args[0]
        }
        _ => return None,
    };
    if ty.kind() != "map_type" || text(ty, src).contains('\n') {
        return None;
    }
    if ty_written.is_some_and(|w| text(w, src) != text(ty, src)) {
        return None;
    }
    Some(Decl {
        stmt,
        name,
        ty,
        value,
    })
}

/// When `stmt` is `name[k] = v` (name the variable declared at `decl`), the key.
fn key_assignment<'a>(src: &str, stmt: Node<'a>, decl: Node<'a>) -> Option<Node<'a>> {
    if stmt.kind() != "assignment_statement"
        || stmt.child_by_field_name("operator").map(|o| text(o, src)) != Some("=")
    {
        return None;
    }
    let left = named_children(stmt.child_by_field_name("left")?);
    let right = named_children(stmt.child_by_field_name("right")?);
    if left.len() != 1 || right.len() != 1 || left[0].kind() != "index_expression" {
        return None;
    }
    let operand = left[0].child_by_field_name("operand")?;
    if !refers_to(operand, decl, src) {
        return None;
    }
    left[0].child_by_field_name("index")
}

fn analyse<'a>(
    ctx: &Ctx<'a>,
    options: &PreallocMapOptions,
    file: FileId,
    d: &Decl<'a>,
) -> Option<Finding> {
    let pkg = ctx.pkg;
    let src = ctx.src(file);
    let name = text(d.name, src);
    let ty = text(d.ty, src);
    let f = loops::following_loop(d.stmt, name, src)?;
    let c = loops::count(pkg, file, f.for_stmt)?;
    let uses = uses_of(d.name, f.for_stmt, src);
    let spelled = crate::syntax::descendants(f.for_stmt)
        .into_iter()
        .filter(|n| n.kind() == "identifier" && text(*n, src) == name)
        .count();
    if uses.len() != 1 || spelled != 1 {
        return None;
    }
    let effect = crate::syntax::ancestors(uses[0])
        .find(|a| a.parent().is_some_and(|p| p.kind() == "statement_list"))?;
    let key = key_assignment(src, effect, d.name)?;
    if loops::effect_shape(c.body, effect)? != Shape::Every {
        return None;
    }
    if !loops::operands_stable(pkg, file, &c) {
        return None;
    }
    match c.bound {
        Bound::Const(v) => {
            if v < i128::try_from(options.min_size.get()).unwrap_or(i128::MAX) {
                return None;
            }
        }
        Bound::Var => {
            // Exactly n distinct keys: the key is the loop variable and every iteration runs.
            let var = c.loop_var?;
            if key.kind() != "identifier"
                || local_decl(key, text(key, src), src) != Some(var)
                || loops::body_may_leave(c.body)
            {
                return None;
            }
        }
        Bound::Len => {}
    }
    // The hint is evaluated at the declaration: it must mean the same there.
    if !is_universe(pkg, file, d.stmt, "make")
        || (c.uses_len && !is_universe(pkg, file, d.stmt, "len"))
        || !loops::count_evaluable_at(pkg, file, d.stmt, &f, &c)
    {
        return None;
    }
    let cap = &c.cap;
    let make = format!("make({ty}, {cap})");
    let func = enclosing_function(d.stmt)?;
    let fix = Fix::safe(vec![Edit::replace(
        file,
        d.value.byte_range(),
        make.clone(),
    )])
    .with_claim(Claim::Local {
        func: func.start_byte(),
        name: name.to_string(),
    });
    Some(ctx.finding(
        file,
        d.name,
        format!("map `{name}` gets one key per loop iteration; give it a size hint: {make}"),
        Some(fix),
    ))
}

fn run(ctx: &Ctx, options: &PreallocMapOptions) -> Vec<Finding> {
    let mut out = Vec::new();
    for file in ctx.files() {
        for &list in ctx.nodes(file, "statement_list") {
            for stmt in named_children(list) {
                let Some(d) = parse_decl(ctx, file, stmt) else {
                    continue;
                };
                if let Some(finding) = analyse(ctx, options, file, &d) {
                    out.push(finding);
                }
            }
        }
    }
    out
}
