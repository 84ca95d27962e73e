//! ## What it does
//! Reports a long-lived map whose key is a struct of the package holding a pointer.
//! Detect-only: it never rewrites.
//!
//! The trigger, exactly: a map type written as the type or the value (`map[K]V{}`,
//! `make(map[K]V, …)`) of a package-level variable, or as the type of a field of a struct
//! type declared at package level, whose key type `K` is a struct type of the package
//! (named or literal) with a field that holds a pointer: a pointer, `unsafe.Pointer`, an
//! interface (`any`, `error`, …), a channel, or such a field of a struct of the package
//! nested in it.
//!
//! ## Why
//! Seed exercise 13. A map with scalar keys is marked as holding no pointers in its key
//! slots: the runtime uses its fast hash and compare paths for them, and the garbage
//! collector never scans them. A key with a pointer makes every key slot something the
//! collector must scan on every cycle, and every key store pays a write barrier; in a big
//! map that lives for the whole program, that scan is paid again and again. The key
//! usually has a stable scalar identity at hand (`Tenant.ID`).
//!
//! ## Example
//! ```go
//! type Key struct {
//!     Tenant *Tenant
//!     ID     int64
//! }
//!
//! var seen = map[Key]struct{}{}
//! ```
//! is reported; `type Key struct{ TenantID, ID int64 }` keeps the same meaning when a
//! tenant's ID is unique and never reused.
//!
//! ## When it does not apply
//! - Strings: a string holds a pointer too, but string keys (and structs of strings and
//!   numbers) are the ordinary map, and trading them for IDs is a redesign: not reported.
//! - Keys that are pointers or interfaces themselves (`map[*Conn]V`, `map[any]V`): that is
//!   identity-by-pointer on purpose, with no scalar to swap in.
//! - Maps local to a function (they die with the call), key types of other packages (their
//!   fields are not known here), generic key types.
//! - The map's size is not known here: a map that stays small costs the collector next to
//!   nothing. The finding says so; a map that stays small can be left as it is.
//! - A pointer key that is what keeps its objects alive (the map is the root that holds
//!   them): an ID then needs a second table, and the scan moves there.
//!
//! ## Fix safety
//! A finding only: replacing the pointer by an ID changes the key's meaning when the ID is
//! not unique or is reused after deletion.

use tree_sitter::Node;

use crate::analysis::pointers::pointer_field;
use crate::analysis::types::{Ty, builtin_call_args, underlying, written_type};
use crate::fixkit::edit::{FileId, Finding};
use crate::package::Package;
use crate::syntax::{named_children, text};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct PointerMapKey;

impl Rule for PointerMapKey {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "pointer-map-key",
        summary: "a package-level or struct-field map keyed by a struct holding a pointer (GC scans every key) → finding",
        fix: FixAvailability::None,
        fix_note: "key by a scalar ID",
        source: include_str!("pointer_map_key.rs"),
        needles: &["map["],
        node_kinds: &["field_declaration", "var_spec"],
        opt_in: true,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<PointerMapKey>();

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    for file in ctx.files() {
        let src = &pkg.files[file].src.text;
        // Package-level variables.
        for &spec in ctx.nodes(file, "var_spec") {
            if !at_package_level(spec) {
                continue;
            }
            let names: Vec<&str> = crate::syntax::field_children(spec, "name")
                .into_iter()
                .map(|n| text(n, src))
                .collect();
            let mut types: Vec<Node> = spec.child_by_field_name("type").into_iter().collect();
            if types.is_empty()
                && let Some(values) = spec.child_by_field_name("value")
            {
                types.extend(
                    named_children(values)
                        .into_iter()
                        .filter_map(|v| map_of_value(pkg, file, v)),
                );
            }
            for ty in types {
                if let Some(f) = finding(
                    ctx,
                    file,
                    ty,
                    &format!("the package-level map {}", names.join(", ")),
                ) {
                    out.push(f);
                }
            }
        }
        // Fields of package-level struct types.
        for &field in ctx.nodes(file, "field_declaration") {
            let Some(ty) = field.child_by_field_name("type") else {
                continue;
            };
            let Some(owner) = owning_type(field) else {
                continue;
            };
            let names: Vec<&str> = crate::syntax::field_children(field, "name")
                .into_iter()
                .map(|n| text(n, src))
                .collect();
            let owner = owner
                .child_by_field_name("name")
                .map_or("", |n| text(n, src));
            let what = format!("the map field {owner}.{}", names.join(", "));
            if let Some(f) = finding(ctx, file, ty, &what) {
                out.push(f);
            }
        }
    }
    out
}

/// The finding for the map type `ty` (anything else: none).
fn finding(ctx: &Ctx, file: FileId, ty: Node, what: &str) -> Option<Finding> {
    let pkg = ctx.pkg;
    let src = &pkg.files[file].src.text;
    if ty.kind() != "map_type" {
        return None;
    }
    let key = ty.child_by_field_name("key")?;
    let key_ty = written_type(pkg, file, key)?;
    let w = match &key_ty {
        Ty::Named(n) if n.args.is_empty() => match underlying(pkg, &key_ty)? {
            Ty::Struct(Some(w)) => w,
            _ => return None,
        },
        Ty::Struct(Some(w)) => *w,
        _ => return None,
    };
    let (field, field_ty) = pointer_field(pkg, w)?;
    let key_text = if key.kind() == "struct_type" {
        "a struct type"
    } else {
        text(key, src)
    };
    Some(ctx.finding(
        file,
        ty,
        format!(
            "{what} is keyed by {key_text}, whose field {field} ({field_ty}) holds a pointer: the GC scans every key slot on every cycle and each key store pays a write barrier; if this map grows large, key it by a scalar ID (e.g. the ID the pointee carries) instead (see `allocfix explain pointer-map-key`)"
        ),
        None,
    ))
}

/// The map type of a package-level value `map[K]V{…}` or `make(map[K]V, …)`.
fn map_of_value<'p>(pkg: &'p Package, file: FileId, v: Node<'p>) -> Option<Node<'p>> {
    match v.kind() {
        "composite_literal" => v
            .child_by_field_name("type")
            .filter(|t| t.kind() == "map_type"),
        "call_expression" => builtin_call_args(pkg, file, v, "make")?
            .first()
            .copied()
            .filter(|t| t.kind() == "map_type"),
        _ => None,
    }
}

/// True for a `var_spec` of a top-level `var` declaration.
fn at_package_level(spec: Node) -> bool {
    let mut decl = spec.parent();
    while let Some(d) = decl {
        match d.kind() {
            "var_declaration" => return d.parent().is_some_and(|p| p.kind() == "source_file"),
            "var_spec_list" => decl = d.parent(),
            _ => return false,
        }
    }
    false
}

/// The top-level `type_spec` whose struct type (directly) declares `field`.
fn owning_type(field: Node) -> Option<Node> {
    let list = field.parent()?;
    let st = list.parent()?;
    if st.kind() != "struct_type" {
        return None;
    }
    let spec = st.parent()?;
    if spec.kind() != "type_spec" || spec.child_by_field_name("type_parameters").is_some() {
        return None;
    }
    let mut decl = spec.parent()?;
    if decl.kind() == "type_spec_list" {
        decl = decl.parent()?;
    }
    (decl.kind() == "type_declaration" && decl.parent()?.kind() == "source_file").then_some(spec)
}
