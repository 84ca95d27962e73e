//! Types known from the syntax alone (no type checker): the declared type of a local, the
//! types of the variables of a `range`, what kind of type a type expression is, and how to
//! write its zero value. Every function answers `None` when the syntax does not say.

use tree_sitter::Node;

use crate::edit::FileId;
use crate::imports::resolve;
use crate::package::Package;
use crate::scope::local_decl;
use crate::syntax::{descendants, field_children, named_children, text};

/// A type as written somewhere in a file, or one implied by the syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty<'t> {
    /// A type expression node.
    Node(Node<'t>),
    /// `[]T` for the type node `T` (a variadic parameter `...T`).
    SliceOf(Node<'t>),
    /// `*T` for the type node `T` (`&T{...}`).
    PointerTo(Node<'t>),
    /// A predeclared type (`int`, `string`, `rune`, …), meant unshadowed.
    Builtin(&'static str),
}

/// What a type is, as far as copying a variable of it is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Pointer,
    Slice,
    Map,
    Chan,
    Func,
    Interface,
    /// A predeclared non-interface type: no methods, copied by value.
    Basic,
    Array,
    /// A struct, or a named type that may have methods (possibly with pointer receivers).
    Value,
}

/// Interfaces of the standard library that code commonly holds in variables.
const KNOWN_INTERFACES: &[(&str, &str)] = &[
    ("context", "Context"),
    ("fmt", "Stringer"),
    ("hash", "Hash"),
    ("io", "Closer"),
    ("io", "ReadCloser"),
    ("io", "ReadWriteCloser"),
    ("io", "ReadWriter"),
    ("io", "Reader"),
    ("io", "WriteCloser"),
    ("io", "Writer"),
    ("io/fs", "FS"),
    ("io/fs", "File"),
    ("net", "Conn"),
    ("net", "Listener"),
    ("net/http", "Handler"),
    ("net/http", "ResponseWriter"),
    ("reflect", "Type"),
    ("sort", "Interface"),
];

/// A predeclared name that no package-level declaration redefines.
fn builtin<'a>(pkg: &Package, name: &'a str) -> Option<&'a str> {
    (!pkg.index().has_top_level(name)).then_some(name)
}

fn static_builtin(name: &str) -> Option<&'static str> {
    crate::golang::BASIC_TYPES
        .iter()
        .chain(["error", "any"].iter())
        .find(|b| **b == name)
        .copied()
}

/// The type declaration `type name ...` at package level: its type node (None when several
/// files declare it, or it is generic).
pub fn package_type<'p>(pkg: &'p Package, name: &str) -> Option<(FileId, Node<'p>)> {
    let (file, spec) = crate::transforms::pkgdecls::package_type_spec(pkg, name)?;
    if spec.child_by_field_name("type_parameters").is_some() {
        return None;
    }
    Some((file, spec.child_by_field_name("type")?))
}

/// The text of a type, when it fits on one line.
pub fn ty_text(ty: Ty, src: &str) -> Option<String> {
    let t = match ty {
        Ty::Node(n) => text(n, src).to_string(),
        Ty::SliceOf(n) => format!("[]{}", text(n, src)),
        Ty::PointerTo(n) => format!("*{}", text(n, src)),
        Ty::Builtin(b) => b.to_string(),
    };
    (!t.contains('\n')).then_some(t)
}

/// The shape of a type of `file`.
pub fn shape(pkg: &Package, file: FileId, ty: Ty) -> Option<Shape> {
    shape_depth(pkg, file, ty, 0)
}

fn shape_depth(pkg: &Package, file: FileId, ty: Ty, depth: usize) -> Option<Shape> {
    if depth > 4 {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let node = match ty {
        Ty::SliceOf(_) => return Some(Shape::Slice),
        Ty::PointerTo(_) => return Some(Shape::Pointer),
        Ty::Builtin(b) => {
            return Some(if b == "error" || b == "any" {
                Shape::Interface
            } else {
                Shape::Basic
            });
        }
        Ty::Node(n) => n,
    };
    match node.kind() {
        "pointer_type" => Some(Shape::Pointer),
        "slice_type" => Some(Shape::Slice),
        "map_type" => Some(Shape::Map),
        "channel_type" => Some(Shape::Chan),
        "function_type" => Some(Shape::Func),
        "interface_type" => Some(Shape::Interface),
        "array_type" => Some(Shape::Array),
        "struct_type" | "generic_type" => Some(Shape::Value),
        "parenthesized_type" => shape_depth(
            pkg,
            file,
            Ty::Node(*named_children(node).first()?),
            depth + 1,
        ),
        "type_identifier" => {
            let name = text(node, src);
            if let Some((tfile, tnode)) = package_type(pkg, name) {
                // A named type may have methods: only an interface is as good as its
                // underlying type.
                return match shape_depth(pkg, tfile, Ty::Node(tnode), depth + 1)? {
                    Shape::Interface => Some(Shape::Interface),
                    _ => Some(Shape::Value),
                };
            }
            let b = static_builtin(builtin(pkg, name)?)?;
            shape_depth(pkg, file, Ty::Builtin(b), depth + 1)
        }
        "qualified_type" => {
            let p = node.child_by_field_name("package")?;
            let n = node.child_by_field_name("name")?;
            let path = resolve(pkg, file, p)?;
            let known = KNOWN_INTERFACES
                .iter()
                .any(|(kp, kn)| *kp == path && *kn == text(n, src));
            Some(if known {
                Shape::Interface
            } else {
                Shape::Value
            })
        }
        _ => None,
    }
}

/// True when `ty` is the standard `context.Context`.
pub fn is_context(pkg: &Package, file: FileId, ty: Ty) -> bool {
    let Ty::Node(n) = ty else { return false };
    let src = &pkg.files[file].src.text;
    n.kind() == "qualified_type"
        && n.child_by_field_name("name")
            .is_some_and(|x| text(x, src) == "Context")
        && n.child_by_field_name("package")
            .and_then(|p| resolve(pkg, file, p))
            .is_some_and(|p| p == "context")
}

/// The zero value of `ty` (a type of `file`) written so that it is valid at `at`: `0`, `""`,
/// `false`, `nil`, `T{}`. None when the syntax does not say what `ty` is.
pub fn zero_value(pkg: &Package, file: FileId, ty: Ty, at: Node) -> Option<String> {
    zero_depth(pkg, file, ty, at, 0)
}

fn zero_of_builtin(b: &str) -> Option<String> {
    Some(match b {
        "string" => "\"\"".to_string(),
        "bool" => "false".to_string(),
        "error" | "any" => "nil".to_string(),
        b if crate::golang::BASIC_TYPES.contains(&b) => "0".to_string(),
        _ => return None,
    })
}

fn zero_depth(pkg: &Package, file: FileId, ty: Ty, at: Node, depth: usize) -> Option<String> {
    if depth > 4 {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let node = match ty {
        Ty::SliceOf(_) | Ty::PointerTo(_) => return Some("nil".to_string()),
        Ty::Builtin(b) => return zero_of_builtin(b),
        Ty::Node(n) => n,
    };
    let here = &pkg.files[file].src.text;
    match node.kind() {
        "pointer_type" | "slice_type" | "map_type" | "channel_type" | "function_type"
        | "interface_type" => Some("nil".to_string()),
        "array_type" | "struct_type" => {
            let t = text(node, src);
            let implicit = node
                .child_by_field_name("length")
                .is_some_and(|l| l.kind() == "implicit_length_array_type");
            (!t.contains('\n') && !implicit).then(|| format!("{t}{{}}"))
        }
        "parenthesized_type" => zero_depth(
            pkg,
            file,
            Ty::Node(*named_children(node).first()?),
            at,
            depth + 1,
        ),
        "type_identifier" => {
            let name = text(node, src);
            // The name must mean the same thing where the zero value is written.
            if local_decl(at, name, here).is_some() {
                return None;
            }
            if let Some((tfile, tnode)) = package_type(pkg, name) {
                return match tnode.kind() {
                    "struct_type" | "array_type" => Some(format!("{name}{{}}")),
                    _ => zero_depth(pkg, tfile, Ty::Node(tnode), at, depth + 1)
                        .filter(|z| !z.ends_with('}')),
                };
            }
            zero_of_builtin(builtin(pkg, name)?)
        }
        "qualified_type" => match shape(pkg, file, ty)? {
            Shape::Interface => Some("nil".to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// The type of the expression `expr` when the syntax says it: untyped constants' default
/// types, composite literals, `&T{}`, and locals whose type is known.
pub fn expr_type<'t>(pkg: &Package, file: FileId, expr: Node<'t>, depth: usize) -> Option<Ty<'t>> {
    if depth > 4 {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let b = |name: &'static str| builtin(pkg, name).map(|_| Ty::Builtin(name));
    match expr.kind() {
        "int_literal" => b("int"),
        "float_literal" => b("float64"),
        "rune_literal" => b("rune"),
        "interpreted_string_literal" | "raw_string_literal" => b("string"),
        "true" | "false" => b("bool"),
        "parenthesized_expression" => {
            expr_type(pkg, file, *named_children(expr).first()?, depth + 1)
        }
        "composite_literal" => {
            let ty = expr.child_by_field_name("type")?;
            let implicit = descendants(ty)
                .iter()
                .any(|n| n.kind() == "implicit_length_array_type");
            (!implicit).then_some(Ty::Node(ty))
        }
        "unary_expression" => {
            let op = expr.child_by_field_name("operator")?;
            let operand = expr.child_by_field_name("operand")?;
            if text(op, src) != "&" || operand.kind() != "composite_literal" {
                return None;
            }
            match expr_type(pkg, file, operand, depth + 1)? {
                Ty::Node(t) => Some(Ty::PointerTo(t)),
                _ => None,
            }
        }
        "identifier" => {
            let decl = local_decl(expr, text(expr, src), src)?;
            local_type(pkg, file, decl, depth + 1)
        }
        _ => None,
    }
}

/// The declared type of the local whose declaring identifier is `decl`: parameters,
/// results, receivers, `var x T`, `x := <literal>`, and the variables of a `range` over a
/// local of known type (slice, array, pointer to array, map, channel, string, integer).
pub fn local_type<'t>(pkg: &Package, file: FileId, decl: Node<'t>, depth: usize) -> Option<Ty<'t>> {
    if depth > 4 {
        return None;
    }
    let parent = decl.parent()?;
    match parent.kind() {
        "parameter_declaration" => Some(Ty::Node(parent.child_by_field_name("type")?)),
        "variadic_parameter_declaration" => Some(Ty::SliceOf(parent.child_by_field_name("type")?)),
        "var_spec" => {
            if let Some(t) = parent.child_by_field_name("type") {
                return Some(Ty::Node(t));
            }
            let names = field_children(parent, "name");
            let i = names.iter().position(|n| *n == decl)?;
            let values = named_children(parent.child_by_field_name("value")?);
            if values.len() != names.len() {
                return None;
            }
            expr_type(pkg, file, values[i], depth + 1)
        }
        "expression_list" => {
            let holder = parent.parent()?;
            let names = named_children(parent);
            let i = names.iter().position(|n| *n == decl)?;
            match holder.kind() {
                "short_var_declaration" if holder.child_by_field_name("left") == Some(parent) => {
                    let values = named_children(holder.child_by_field_name("right")?);
                    if values.len() != names.len() {
                        return None;
                    }
                    expr_type(pkg, file, values[i], depth + 1)
                }
                "range_clause" if holder.child_by_field_name("left") == Some(parent) => {
                    let right = holder.child_by_field_name("right")?;
                    let over = expr_type(pkg, file, right, depth + 1)?;
                    let (k, v) = range_types(pkg, file, over)?;
                    if i == 0 { Some(k) } else { v }
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The types of the two variables of `range` over a value of type `over`.
pub fn range_types<'t>(
    pkg: &Package,
    file: FileId,
    over: Ty<'t>,
) -> Option<(Ty<'t>, Option<Ty<'t>>)> {
    let int = builtin(pkg, "int").map(|_| Ty::Builtin("int"))?;
    let src = &pkg.files[file].src.text;
    let node = match over {
        Ty::SliceOf(e) => return Some((int, Some(Ty::Node(e)))),
        Ty::PointerTo(t) => {
            if t.kind() != "array_type" {
                return None;
            }
            return Some((int, Some(Ty::Node(t.child_by_field_name("element")?))));
        }
        Ty::Builtin("string") => return Some((int, Some(Ty::Builtin("rune")))),
        Ty::Builtin(b) if crate::golang::INTEGER_TYPES.contains(&b) => return Some((over, None)),
        Ty::Builtin(_) => return None,
        Ty::Node(n) => n,
    };
    match node.kind() {
        "slice_type" | "array_type" => {
            Some((int, Some(Ty::Node(node.child_by_field_name("element")?))))
        }
        "pointer_type" => {
            let inner = *named_children(node).first()?;
            if inner.kind() != "array_type" {
                return None;
            }
            Some((int, Some(Ty::Node(inner.child_by_field_name("element")?))))
        }
        "map_type" => Some((
            Ty::Node(node.child_by_field_name("key")?),
            Some(Ty::Node(node.child_by_field_name("value")?)),
        )),
        "channel_type" => {
            // A send-only channel cannot be ranged over.
            if text(node, src).replace(' ', "").starts_with("chan<-") {
                return None;
            }
            Some((Ty::Node(node.child_by_field_name("value")?), None))
        }
        "type_identifier" => {
            let name = text(node, src);
            if package_type(pkg, name).is_some() {
                return None;
            }
            let b = static_builtin(builtin(pkg, name)?)?;
            range_types(pkg, file, Ty::Builtin(b))
        }
        _ => None,
    }
}
