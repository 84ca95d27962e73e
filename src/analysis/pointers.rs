//! Which types hold pointers the garbage collector must scan, and the fields of the
//! package's struct types, as far as the syntax tells them.
//!
//! Pointer-carrying: pointers, `unsafe.Pointer`, maps, channels, functions, interfaces
//! (`any`, `error` and interface types), slices, strings, and arrays and structs of the
//! package that hold one of them. [`Carry::Scalar`] types hold none (numbers, booleans,
//! arrays and structs of those); whatever the model does not know (a standard-library
//! struct, whose unexported fields are not listed) is [`Carry::Unknown`].

use tree_sitter::Node;

use crate::analysis::types::{MAX_DEPTH, Ty, Written, underlying, written_type};
use crate::package::Package;
use crate::syntax::{field_children, named_children, text};

/// Whether a type holds pointers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carry {
    Scalar,
    /// It holds a pointer; `string` is told apart since a string's pointer is its bytes.
    Pointer,
    String,
    Unknown,
}

/// One field of a struct type written in the package: its name (None for an embedded
/// field) and its type expression.
#[derive(Clone, Copy, Debug)]
pub struct Field<'p> {
    pub name: Option<Node<'p>>,
    pub ty: Node<'p>,
}

/// The fields of the struct type written at `w`, in order (one entry per name of
/// `a, b int`).
pub fn struct_fields(pkg: &Package, w: Written) -> Vec<Field<'_>> {
    let Some(node) = w.node(pkg, "struct_type") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for list in named_children(node) {
        for decl in named_children(list) {
            if decl.kind() != "field_declaration" {
                continue;
            }
            let Some(ty) = decl.child_by_field_name("type") else {
                continue;
            };
            let names = field_children(decl, "name");
            if names.is_empty() {
                out.push(Field { name: None, ty });
            }
            out.extend(names.into_iter().map(|n| Field { name: Some(n), ty }));
        }
    }
    out
}

/// Whether a value of `ty` holds pointers (see the module documentation).
pub fn carry(pkg: &Package, ty: &Ty) -> Carry {
    carry_at(pkg, ty, 0)
}

fn carry_at(pkg: &Package, ty: &Ty, depth: usize) -> Carry {
    if depth > MAX_DEPTH {
        return Carry::Unknown;
    }
    match ty {
        Ty::Predeclared("string") => Carry::String,
        Ty::Predeclared("error" | "any" | "comparable") => Carry::Pointer,
        Ty::Predeclared(_) => Carry::Scalar,
        Ty::Imported { path, name, .. } if path == "unsafe" && name == "Pointer" => Carry::Pointer,
        Ty::Pointer(_)
        | Ty::Map(..)
        | Ty::Chan(..)
        | Ty::Func
        | Ty::Slice(_)
        | Ty::Interface(_) => Carry::Pointer,
        Ty::Array(Some(0), _) => Carry::Scalar,
        Ty::Array(_, elem) => carry_at(pkg, elem, depth + 1),
        Ty::Struct(Some(w)) => {
            let mut acc = Carry::Scalar;
            for f in struct_fields(pkg, *w) {
                let c = written_type(pkg, w.file, f.ty)
                    .map_or(Carry::Unknown, |t| carry_at(pkg, &t, depth + 1));
                acc = join(acc, c);
            }
            acc
        }
        Ty::Named(_) | Ty::Imported { .. } => match underlying(pkg, ty) {
            Some(Ty::Struct(None)) | None => Carry::Unknown,
            Some(u) => carry_at(pkg, &u, depth + 1),
        },
        _ => Carry::Unknown,
    }
}

/// The stronger of two answers: a pointer wins over a string, a string over a scalar, and
/// anything unknown makes a struct unknown unless a pointer is already certain.
fn join(a: Carry, b: Carry) -> Carry {
    use Carry::*;
    match (a, b) {
        (Pointer, _) | (_, Pointer) => Pointer,
        (Unknown, _) | (_, Unknown) => Unknown,
        (String, _) | (_, String) => String,
        _ => Scalar,
    }
}

/// The first field of the struct type written at `w` (or of a struct of the package
/// embedded or nested in it) that holds a pointer other than a string's: its name as
/// written (`Tenant`, or `Inner.Tenant` through a nested struct) and its type as written.
pub fn pointer_field(pkg: &Package, w: Written) -> Option<(String, String)> {
    pointer_field_at(pkg, w, 0)
}

fn pointer_field_at(pkg: &Package, w: Written, depth: usize) -> Option<(String, String)> {
    if depth > MAX_DEPTH {
        return None;
    }
    let src = &pkg.files[w.file].src.text;
    for f in struct_fields(pkg, w) {
        let Some(t) = written_type(pkg, w.file, f.ty) else {
            continue;
        };
        let name = f
            .name
            .map_or_else(|| text(f.ty, src).trim_start_matches('*'), |n| text(n, src));
        match carry(pkg, &t) {
            Carry::Pointer => {
                // Through a nested struct of the package, name the field inside it.
                if let Ty::Named(_) = t
                    && let Some(Ty::Struct(Some(inner))) = underlying(pkg, &t)
                    && let Some((n, ty)) = pointer_field_at(pkg, inner, depth + 1)
                {
                    return Some((format!("{name}.{n}"), ty));
                }
                return Some((name.to_string(), text(f.ty, src).to_string()));
            }
            _ => continue,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_holds_pointers() {
        let pkg = Package::from_source(
            r#"package p

import (
	"time"
	"unsafe"
)

type Tenant struct{ ID int64 }
type Key struct {
	Tenant *Tenant
	ID     int64
}
type Flat struct {
	A, B int
	C    [4]uint8
}
type Named struct {
	Name string
	N    int
}
type Outer struct {
	Inner Key
	N     int
}
type When struct{ T time.Time }
type Raw struct{ P unsafe.Pointer }
type Iface struct{ E error }

var (
	k   Key
	f   Flat
	n   Named
	o   Outer
	w   When
	r   Raw
	i   Iface
	d   time.Duration
	arr [2]*int
)
"#,
            None,
        );
        let ty = |name: &str| crate::analysis::types::package_var_type(&pkg, name).expect(name);
        assert_eq!(carry(&pkg, &ty("k")), Carry::Pointer);
        assert_eq!(carry(&pkg, &ty("f")), Carry::Scalar);
        assert_eq!(carry(&pkg, &ty("n")), Carry::String);
        assert_eq!(carry(&pkg, &ty("o")), Carry::Pointer);
        assert_eq!(carry(&pkg, &ty("w")), Carry::Unknown);
        assert_eq!(carry(&pkg, &ty("r")), Carry::Pointer);
        assert_eq!(carry(&pkg, &ty("i")), Carry::Pointer);
        assert_eq!(carry(&pkg, &ty("d")), Carry::Scalar);
        assert_eq!(carry(&pkg, &ty("arr")), Carry::Pointer);
        let written = |name: &str| match underlying(&pkg, &ty(name)) {
            Some(Ty::Struct(Some(w))) => w,
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(
            pointer_field(&pkg, written("k")),
            Some(("Tenant".to_string(), "*Tenant".to_string()))
        );
        assert_eq!(
            pointer_field(&pkg, written("o")),
            Some(("Inner.Tenant".to_string(), "*Tenant".to_string()))
        );
        assert_eq!(pointer_field(&pkg, written("n")), None);
        assert_eq!(pointer_field(&pkg, written("f")), None);
        assert_eq!(struct_fields(&pkg, written("f")).len(), 3);
    }
}
