//! Types that are evident from the syntax alone, for transforms that must know the type of
//! an argument without a type checker.
//!
//! Only what the source states counts: a parameter or variable declared with a type, a
//! local initialised from a literal (untyped constants take their default type: `5` → int,
//! `"x"` → string), `len(...)`/`cap(...)`, conversions to predeclared types, the elements
//! of a `range` over a value of evident slice/array/map/string type, and package-level
//! `var`/`const` declarations of the same shapes. Anything else (struct fields, calls, map
//! lookups, arithmetic, named types such as `type Level string`) is unknown: `None`.
//! A predeclared type name counts only where nothing in the package or in scope redeclares
//! it.

use tree_sitter::Node;

use crate::edit::FileId;
use crate::package::Package;
use crate::scope::{declares_with_define, local_decl};
use crate::syntax::{field_children, named_children, text};

/// A type as far as the syntax shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvidentType<'a> {
    /// A predeclared basic type in canonical spelling (`byte` → `uint8`, `rune` → `int32`),
    /// or `[]byte` (a slice of `byte`/`uint8`).
    Basic(&'static str),
    /// A composite type written in `file` (slice, array, map or channel type).
    Written(FileId, Node<'a>),
    /// `[]T` for a variadic parameter `...T`, `T` written in `file`.
    SliceOf(FileId, Node<'a>),
}

/// The predeclared basic types, and the canonical name of each spelling.
const BASIC_TYPES: &[(&str, &str)] = &[
    ("bool", "bool"),
    ("string", "string"),
    ("int", "int"),
    ("int8", "int8"),
    ("int16", "int16"),
    ("int32", "int32"),
    ("rune", "int32"),
    ("int64", "int64"),
    ("uint", "uint"),
    ("uint8", "uint8"),
    ("byte", "uint8"),
    ("uint16", "uint16"),
    ("uint32", "uint32"),
    ("uint64", "uint64"),
    ("uintptr", "uintptr"),
    ("float32", "float32"),
    ("float64", "float64"),
    ("complex64", "complex64"),
    ("complex128", "complex128"),
];

/// How deep declarations are followed (`a := b`, `b := c`, …) before giving up.
const MAX_DEPTH: usize = 12;

/// The canonical name of a predeclared basic type spelled `name`.
pub fn canonical_basic_type(name: &str) -> Option<&'static str> {
    BASIC_TYPES
        .iter()
        .find(|(spelling, _)| *spelling == name)
        .map(|(_, canonical)| *canonical)
}

/// True when the predeclared identifier `name` (a type, `len`, `true`, …) means the
/// universe one at `at` in `file`: no local declaration in scope and no package-level
/// declaration of that name.
pub fn is_universe_name(pkg: &Package, file: FileId, at: Node, name: &str) -> bool {
    let src = &pkg.files[file].src.text;
    local_decl(at, name, src).is_none() && !pkg.index().has_top_level(name)
}

/// The predeclared type of `expr` (see [`EvidentType::Basic`]) when the syntax shows it.
pub fn predeclared_type_of_expr(pkg: &Package, file: FileId, expr: Node) -> Option<&'static str> {
    match evident_type_of_expr(pkg, file, expr)? {
        EvidentType::Basic(b) => Some(b),
        _ => None,
    }
}

/// The type of `expr` in `file` when the syntax shows it.
pub fn evident_type_of_expr<'a>(
    pkg: &'a Package,
    file: FileId,
    expr: Node<'a>,
) -> Option<EvidentType<'a>> {
    expr_type(pkg, file, expr, 0)
}

/// True when `expr` is a constant the syntax shows: a literal, or an identifier declared by
/// a `const` (local or package-level).
pub fn is_evident_constant(pkg: &Package, file: FileId, expr: Node) -> bool {
    let src = &pkg.files[file].src.text;
    match expr.kind() {
        "interpreted_string_literal"
        | "raw_string_literal"
        | "int_literal"
        | "float_literal"
        | "rune_literal"
        | "imaginary_literal" => true,
        "parenthesized_expression" => named_children(expr)
            .first()
            .is_some_and(|inner| is_evident_constant(pkg, file, *inner)),
        "identifier" => {
            let name = text(expr, src);
            match local_decl(expr, name, src) {
                Some(decl) => decl.parent().is_some_and(|p| p.kind() == "const_spec"),
                None => package_level_decl(pkg, name).is_some_and(|(_, decl)| {
                    decl.parent().is_some_and(|p| p.kind() == "const_spec")
                }),
            }
        }
        _ => false,
    }
}

/// The type written at `node` (a type node of `file`).
pub fn written_type<'a>(pkg: &'a Package, file: FileId, node: Node<'a>) -> Option<EvidentType<'a>> {
    let src = &pkg.files[file].src.text;
    match node.kind() {
        "type_identifier" => {
            let name = text(node, src);
            let canonical = canonical_basic_type(name)?;
            is_universe_name(pkg, file, node, name).then_some(EvidentType::Basic(canonical))
        }
        "parenthesized_type" => written_type(pkg, file, *named_children(node).first()?),
        "slice_type" => {
            let elem = node.child_by_field_name("element")?;
            if written_type(pkg, file, elem) == Some(EvidentType::Basic("uint8")) {
                Some(EvidentType::Basic("[]byte"))
            } else {
                Some(EvidentType::Written(file, node))
            }
        }
        "array_type" | "implicit_length_array_type" | "map_type" | "channel_type" => {
            Some(EvidentType::Written(file, node))
        }
        _ => None,
    }
}

fn expr_type<'a>(
    pkg: &'a Package,
    file: FileId,
    expr: Node<'a>,
    depth: usize,
) -> Option<EvidentType<'a>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let basic = |b: &'static str| Some(EvidentType::Basic(b));
    match expr.kind() {
        "parenthesized_expression" => expr_type(pkg, file, *named_children(expr).first()?, depth),
        "interpreted_string_literal" | "raw_string_literal" => basic("string"),
        "int_literal" => basic("int"),
        "float_literal" => basic("float64"),
        "rune_literal" => basic("int32"),
        "imaginary_literal" => basic("complex128"),
        "true" | "false" => {
            is_universe_name(pkg, file, expr, expr.kind()).then_some(EvidentType::Basic("bool"))
        }
        "unary_expression" => {
            let op = text(expr.child_by_field_name("operator")?, src);
            let operand = expr_type(pkg, file, expr.child_by_field_name("operand")?, depth + 1)?;
            let EvidentType::Basic(b) = operand else {
                return None;
            };
            let numeric = !matches!(b, "bool" | "string" | "[]byte");
            match op {
                "-" | "+" if numeric => Some(operand),
                "^" if numeric && !b.starts_with("float") && !b.starts_with("complex") => {
                    Some(operand)
                }
                "!" if b == "bool" => Some(operand),
                _ => None,
            }
        }
        "identifier" => identifier_type(pkg, file, expr, depth + 1),
        "call_expression" => {
            let mut func = expr.child_by_field_name("function")?;
            while func.kind() == "parenthesized_expression" {
                func = *named_children(func).first()?;
            }
            if func.kind() != "identifier" {
                return None;
            }
            let args = named_children(expr.child_by_field_name("arguments")?);
            if args.len() != 1 || args[0].kind() == "variadic_argument" {
                return None;
            }
            let name = text(func, src);
            if !is_universe_name(pkg, file, func, name) {
                return None;
            }
            if matches!(name, "len" | "cap") {
                return basic("int");
            }
            canonical_basic_type(name).map(EvidentType::Basic)
        }
        "type_conversion_expression" | "composite_literal" => {
            written_type(pkg, file, expr.child_by_field_name("type")?)
        }
        _ => None,
    }
}

/// The type of the variable or constant an identifier refers to.
fn identifier_type<'a>(
    pkg: &'a Package,
    file: FileId,
    ident: Node<'a>,
    depth: usize,
) -> Option<EvidentType<'a>> {
    let src = &pkg.files[file].src.text;
    let name = text(ident, src);
    if name == "_" {
        return None;
    }
    match local_decl(ident, name, src) {
        Some(decl) => declared_type(pkg, file, decl, depth),
        None => {
            let (decl_file, decl) = package_level_decl(pkg, name)?;
            declared_type(pkg, decl_file, decl, depth)
        }
    }
}

/// The package-level `var`/`const` declaring `name` (its name node), when there is exactly
/// one.
fn package_level_decl<'a>(pkg: &'a Package, name: &str) -> Option<(FileId, Node<'a>)> {
    crate::transforms::pkgdecls::package_value_decl(pkg, name)
}

/// The type of the variable declared by the identifier `decl` of `file`.
fn declared_type<'a>(
    pkg: &'a Package,
    file: FileId,
    decl: Node<'a>,
    depth: usize,
) -> Option<EvidentType<'a>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let parent = decl.parent()?;
    match parent.kind() {
        "parameter_declaration" => written_type(pkg, file, parent.child_by_field_name("type")?),
        "variadic_parameter_declaration" => {
            let elem = parent.child_by_field_name("type")?;
            if written_type(pkg, file, elem) == Some(EvidentType::Basic("uint8")) {
                Some(EvidentType::Basic("[]byte"))
            } else {
                Some(EvidentType::SliceOf(file, elem))
            }
        }
        "var_spec" | "const_spec" => {
            if let Some(ty) = parent.child_by_field_name("type") {
                return written_type(pkg, file, ty);
            }
            let names = field_children(parent, "name");
            let index = names.iter().position(|n| *n == decl)?;
            let values = named_children(parent.child_by_field_name("value")?);
            if values.len() != names.len() {
                return None;
            }
            expr_type(pkg, file, values[index], depth + 1)
        }
        "expression_list" => {
            let holder = parent.parent()?;
            if holder.child_by_field_name("left") != Some(parent) {
                return None;
            }
            let left = named_children(parent);
            let index = left.iter().position(|n| *n == decl)?;
            match holder.kind() {
                "short_var_declaration" => {
                    // `a, b := …` may redeclare (reuse) an `a` declared earlier in the same
                    // scope, whose type then wins: only trust it when no `a` is visible.
                    if left.len() > 1 && local_decl(holder, text(decl, src), src).is_some() {
                        return None;
                    }
                    let right = named_children(holder.child_by_field_name("right")?);
                    if right.len() != left.len() {
                        return None;
                    }
                    expr_type(pkg, file, right[index], depth + 1)
                }
                "range_clause" if declares_with_define(holder) => {
                    let ranged =
                        expr_type(pkg, file, holder.child_by_field_name("right")?, depth + 1)?;
                    range_variable_type(pkg, ranged, index)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The type of the `index`-th variable (0: key, 1: value) of a `range` over a value of type
/// `ranged`.
fn range_variable_type<'a>(
    pkg: &'a Package,
    ranged: EvidentType<'a>,
    index: usize,
) -> Option<EvidentType<'a>> {
    let int = EvidentType::Basic("int");
    match ranged {
        EvidentType::Basic("string") => {
            Some([int, EvidentType::Basic("int32")].get(index).copied()?)
        }
        EvidentType::Basic("[]byte") => {
            Some([int, EvidentType::Basic("uint8")].get(index).copied()?)
        }
        EvidentType::Basic(b) if index == 0 && (b.starts_with("int") || b.starts_with("uint")) => {
            // Go 1.22 range over an integer.
            Some(ranged)
        }
        EvidentType::Basic(_) => None,
        EvidentType::SliceOf(file, elem) => match index {
            0 => Some(int),
            1 => written_type(pkg, file, elem),
            _ => None,
        },
        EvidentType::Written(file, node) => match (node.kind(), index) {
            ("slice_type" | "array_type" | "implicit_length_array_type", 0) => Some(int),
            ("slice_type" | "array_type" | "implicit_length_array_type", 1) => {
                written_type(pkg, file, node.child_by_field_name("element")?)
            }
            ("map_type", 0) => written_type(pkg, file, node.child_by_field_name("key")?),
            ("map_type", 1) => written_type(pkg, file, node.child_by_field_name("value")?),
            ("channel_type", 0) => written_type(pkg, file, node.child_by_field_name("value")?),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::syntax::descendants;

    fn pkg(src: &str) -> Package {
        Package::from_source(src, None)
    }

    /// The type of every argument of every `use(...)` call, in order.
    fn types_of_uses(src: &str) -> Vec<Option<&'static str>> {
        let p = pkg(src);
        let root = p.files[0].src.root();
        descendants(root)
            .into_iter()
            .filter(|n| {
                n.kind() == "call_expression"
                    && n.child_by_field_name("function")
                        .is_some_and(|f| text(f, src) == "use")
            })
            .flat_map(|c| named_children(c.child_by_field_name("arguments").unwrap()))
            .map(|a| predeclared_type_of_expr(&p, 0, a))
            .collect()
    }

    #[test]
    fn parameters_vars_and_literals() {
        let src = "package a\n\nfunc f(a, b string, n int64, bs []byte, r rune, xs ...byte) {\n\tvar k int32 = 1\n\tvar s = \"x\"\n\tm := 5\n\tuse(a, b, n, bs, r, xs, k, s, m, \"lit\", len(bs), int16(m), []byte(s), -m, !true)\n}\n";
        assert_eq!(
            types_of_uses(src),
            vec![
                Some("string"),
                Some("string"),
                Some("int64"),
                Some("[]byte"),
                Some("int32"),
                Some("[]byte"),
                Some("int32"),
                Some("string"),
                Some("int"),
                Some("string"),
                Some("int"),
                Some("int16"),
                Some("[]byte"),
                Some("int"),
                Some("bool"),
            ]
        );
    }

    #[test]
    fn ranges_and_package_level() {
        let src = "package a\n\nvar pkgN int64\n\nconst pkgS = \"s\"\n\nvar pkgList = []uint16{1}\n\nfunc f(xs []int, m map[string]bool, s string, ch chan uint) {\n\tfor i, x := range xs {\n\t\tuse(i, x)\n\t}\n\tfor k, v := range m {\n\t\tuse(k, v)\n\t}\n\tfor i, c := range s {\n\t\tuse(i, c)\n\t}\n\tfor e := range ch {\n\t\tuse(e)\n\t}\n\tfor _, u := range pkgList {\n\t\tuse(u, pkgN, pkgS)\n\t}\n}\n";
        assert_eq!(
            types_of_uses(src),
            vec![
                Some("int"),
                Some("int"),
                Some("string"),
                Some("bool"),
                Some("int"),
                Some("int32"),
                Some("uint"),
                Some("uint16"),
                Some("int64"),
                Some("string"),
            ]
        );
    }

    #[test]
    fn unknown_shapes() {
        let src = "package a\n\ntype Level string\n\ntype T struct{ N int }\n\nfunc g() int { return 1 }\n\nfunc f(l Level, t T, m map[string]int, x int) {\n\ty, err := 1, error(nil)\n\t_ = err\n\tvar x2, z = g(), 2\n\tuse(l, t.N, m[\"a\"], g(), x+1, y, x2, z)\n}\n";
        assert_eq!(
            types_of_uses(src),
            vec![None, None, None, None, None, Some("int"), None, Some("int")]
        );
    }

    #[test]
    fn shadowed_type_names_and_redeclarations() {
        // A package-level `int64` type and a local `len` are not the predeclared ones; `n,
        // err := 5, …` in the function's top block reuses the parameter `n`, an int16.
        let src = "package a\n\ntype int64 uint8\n\nfunc f(a int64, n int16) {\n\tlen := func([]int) int { return 0 }\n\tn, err := 5, error(nil)\n\t_ = err\n\tuse(a, len(nil), n)\n}\n";
        assert_eq!(types_of_uses(src), vec![None, None, Some("int16")]);
    }
}
