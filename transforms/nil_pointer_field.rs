//! ## What it does
//! Reports a struct built with `&T{…, F: &U{…}}` whose pointer field `F` is always set at
//! construction and never changed: two allocations where one would do. Detect-only: it
//! never rewrites.
//!
//! The trigger, exactly (kept conservative):
//! - `T` and `U` are non-generic struct types of the package, and `T` declares `F *U`;
//! - the literal is `&T{…}` (the owner goes to the heap) with the keyed element
//!   `F: &U{…}` (a second heap object);
//! - throughout the package (tests included) every composite literal of `T` sets `F` to a
//!   new `&U{…}`, no `new(T)` or `var x T` makes a `T` without it, and no selector `.F`
//!   is assigned, incremented, address-taken or compared with `nil`.
//!
//! ## Why
//! Seed exercise 9. Each `T` costs two allocations, the `T` and its `U`, and every access
//! to `U`'s fields goes through a pointer (and the collector follows it). When the `U` is
//! always there, a field `F U` embedded by value makes `T` one allocation, one object,
//! with `U` beside the rest of `T` in memory. (The other case of the exercise, a `U` that
//! is mostly nil, is the opposite trade: a side table keyed by `T`'s ID. Whether a field is
//! mostly nil is not visible in the syntax, so it is not reported.)
//!
//! ## Example
//! ```go
//! type Node struct {
//!     ID   int64
//!     Meta *Metadata
//! }
//!
//! func newNode(id int64, author string) *Node {
//!     return &Node{ID: id, Meta: &Metadata{Author: author}} // two allocations
//! }
//! ```
//! is reported when no code makes a `Node` without `Meta` or changes or nil-checks
//! `.Meta`; `Meta Metadata` makes it one allocation.
//!
//! ## When it does not apply
//! - Some `T` is made without `F` (another literal, `new(T)`, `var x T`): `F` is optional,
//!   and nil means something.
//! - `.F` is assigned, compared with `nil` or has its address taken anywhere (any selector
//!   named `F` counts: the operand's type is not always known, so the rule errs on the
//!   side of silence).
//! - `T{…}` built as a value (not `&T{…}`), types of other packages, generic types.
//! - A file with a slice or map literal of `T` (`[]T{{…}}`): its elements' literals elide
//!   the type and are not followed, so the rule stays silent.
//!
//! ## Fix safety
//! A finding only: embedding by value changes what copying a `T` does (copies no longer
//! share the `U`), every `x.F.y` stays valid but `x.F` becomes a value, and code that hands
//! out `x.F` as a pointer must use `&x.F`.

use tree_sitter::Node;

use crate::analysis::decls::package_type_spec;
use crate::analysis::types::{Ty, builtin_call_args, underlying, written_type};
use crate::fixkit::edit::{FileId, Finding};
use crate::package::Package;
use crate::syntax::{descendants, field_children, named_children, text};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct NilPointerField;

impl Rule for NilPointerField {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "nil-pointer-field",
        summary: "&T{F: &U{…}} where F is always set and never changed: two allocations, embed U by value → finding",
        fix: FixAvailability::None,
        fix_note: "embed the struct by value: one allocation",
        source: include_str!("nil_pointer_field.rs"),
        needles: &["&"],
        node_kinds: &["composite_literal"],
        opt_in: true,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<NilPointerField>();

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    for file in ctx.files() {
        let src = &pkg.files[file].src.text;
        for &lit in ctx.nodes(file, "composite_literal") {
            if !lit
                .parent()
                .is_some_and(|p| p.kind() == "unary_expression" && text(p, src).starts_with('&'))
            {
                continue;
            }
            let Some(owner) = package_struct(pkg, file, lit) else {
                continue;
            };
            let Some(body) = lit.child_by_field_name("body") else {
                continue;
            };
            for elem in named_children(body) {
                if elem.kind() != "keyed_element" {
                    continue;
                }
                let parts = named_children(elem);
                let [key, value] = parts.as_slice() else {
                    continue;
                };
                let field = text(*key, src);
                let Some(inner) = new_struct(pkg, file, *value) else {
                    continue;
                };
                if declared_field_type(pkg, &owner, field).as_deref() != Some(&format!("*{inner}"))
                    || !always_set(pkg, &owner, field, &inner)
                {
                    continue;
                }
                out.push(ctx.finding(
                    file,
                    *value,
                    format!(
                        "&{owner}{{…}} sets {field} to a new {inner}: two allocations per {owner}; every {owner} in the package is made with its {field}, and {field} is never reassigned or nil-checked, so a field `{field} {inner}` embedded by value makes it one (see `allocfix explain nil-pointer-field`)"
                    ),
                    None,
                ));
            }
        }
    }
    out
}

/// The name of the non-generic struct type of the package a composite literal builds.
fn package_struct(pkg: &Package, file: FileId, lit: Node) -> Option<String> {
    let ty = lit.child_by_field_name("type")?;
    if ty.kind() != "type_identifier" {
        return None;
    }
    let t = written_type(pkg, file, ty)?;
    let Ty::Named(n) = &t else { return None };
    if n.local.is_some() || !n.args.is_empty() {
        return None;
    }
    matches!(underlying(pkg, &t)?, Ty::Struct(Some(_))).then(|| n.name.clone())
}

/// For `&U{…}` of a struct type of the package: `U`.
fn new_struct(pkg: &Package, file: FileId, value: Node) -> Option<String> {
    let src = &pkg.files[file].src.text;
    // A keyed element's value is wrapped in a `literal_element`.
    let value = if value.kind() == "literal_element" {
        *named_children(value).first()?
    } else {
        value
    };
    if value.kind() != "unary_expression" || !text(value, src).starts_with('&') {
        return None;
    }
    let lit = value.child_by_field_name("operand")?;
    if lit.kind() != "composite_literal" {
        return None;
    }
    package_struct(pkg, file, lit)
}

/// The type of field `field` as written in the declaration of `owner` (spaces removed).
fn declared_field_type(pkg: &Package, owner: &str, field: &str) -> Option<String> {
    let (file, spec) = package_type_spec(pkg, owner)?;
    let src = &pkg.files[file].src.text;
    let st = spec.child_by_field_name("type")?;
    if st.kind() != "struct_type" {
        return None;
    }
    for list in named_children(st) {
        for decl in named_children(list) {
            if field_children(decl, "name")
                .iter()
                .any(|n| text(*n, src) == field)
            {
                let ty = decl.child_by_field_name("type")?;
                return Some(text(ty, src).split_whitespace().collect());
            }
        }
    }
    None
}

/// True when, throughout the package, every `owner` is made with `field: &inner{…}` and
/// no selector `.field` is written, address-taken or compared with nil.
fn always_set(pkg: &Package, owner: &str, field: &str, inner: &str) -> bool {
    for (file, f) in pkg.files.iter().enumerate() {
        let src = &f.src.text;
        if !src.contains(owner) && !src.contains(field) {
            continue;
        }
        // Literals with an elided type (`[]T{{…}}`, `map[K]T{k: {…}}`) are not followed:
        // where they may build a T, stay silent.
        if [format!("]{owner}{{"), format!("]*{owner}{{")]
            .iter()
            .any(|p| src.contains(p.as_str()))
        {
            return false;
        }
        for n in descendants(f.src.root()) {
            match n.kind() {
                "composite_literal" => {
                    if package_struct(pkg, file, n).as_deref() != Some(owner) {
                        continue;
                    }
                    let sets = n.child_by_field_name("body").is_some_and(|b| {
                        named_children(b).into_iter().any(|e| {
                            let parts = named_children(e);
                            e.kind() == "keyed_element"
                                && parts.len() == 2
                                && text(parts[0], src) == field
                                && new_struct(pkg, file, parts[1]).as_deref() == Some(inner)
                        })
                    });
                    if !sets {
                        return false;
                    }
                }
                "call_expression"
                    if builtin_call_args(pkg, file, n, "new")
                        .is_some_and(|a| a.len() == 1 && text(a[0], src) == owner) =>
                {
                    return false;
                }
                "var_spec"
                    if n.child_by_field_name("value").is_none()
                        && n.child_by_field_name("type")
                            .is_some_and(|t| text(t, src) == owner) =>
                {
                    return false;
                }
                "selector_expression" => {
                    if n.child_by_field_name("field").map(|x| text(x, src)) != Some(field) {
                        continue;
                    }
                    if changed_or_nil_checked(n, src) {
                        return false;
                    }
                }
                _ => {}
            }
        }
    }
    true
}

/// True when the selector `sel` is assigned, incremented, address-taken or compared with
/// `nil`.
fn changed_or_nil_checked(sel: Node, src: &str) -> bool {
    let outer = crate::analysis::uses::unparen(sel);
    let Some(parent) = outer.parent() else {
        return false;
    };
    match parent.kind() {
        "inc_statement" | "dec_statement" => true,
        "unary_expression" => text(parent, src).starts_with('&'),
        "binary_expression" => ["left", "right"].iter().any(|side| {
            parent
                .child_by_field_name(side)
                .is_some_and(|x| x.kind() == "nil")
        }),
        "expression_list" => parent.parent().is_some_and(|stmt| {
            matches!(stmt.kind(), "assignment_statement" | "range_clause")
                && stmt.child_by_field_name("left") == Some(parent)
        }),
        _ => false,
    }
}
