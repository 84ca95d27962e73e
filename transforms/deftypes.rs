//! Types known from the syntax alone (no type checker): the declared type of a local, the
//! types of the variables of a `range`, what kind of type a type expression is, and how to
//! write its zero value. Every function answers `None` when the syntax does not say.

use tree_sitter::Node;

use crate::analysis::stdlib::{self, GoVersion, Type as StdType};
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
/// types, composite literals, `&T{}`, `make(T, ...)`, and locals whose type is known.
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
        // `make(map[K]V, n)`, `make([]T, n)`, `make(chan T)`: the type written.
        "call_expression" => {
            let f = expr.child_by_field_name("function")?;
            if f.kind() != "identifier"
                || text(f, src) != "make"
                || builtin(pkg, "make").is_none()
                || local_decl(f, "make", src).is_some()
            {
                return None;
            }
            let args = expr.child_by_field_name("arguments")?;
            let ty = *named_children(args).first()?;
            matches!(ty.kind(), "map_type" | "slice_type" | "channel_type").then_some(Ty::Node(ty))
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

/// The module's Go version for the standard library table: what go.mod's `go` line says,
/// or every version when it says nothing.
pub fn go_version(pkg: &Package) -> GoVersion {
    match pkg.go_version() {
        Some((1, minor)) => GoVersion::go1(u16::try_from(minor).unwrap_or(u16::MAX)),
        _ => GoVersion::LATEST,
    }
}

/// The standard-library type of the expression `expr` of `file`, when the syntax and the
/// standard library's API say it: a call of a standard function (`os.Open(p)` is
/// `*os.File`), a method of a value of a standard type (`f.Stat()`, `st.Size()`,
/// `sc.Text()`), a field of one (`resp.Body`), a standard variable (`os.Stdout`), and a
/// local declared from any of these or with a standard or predeclared type. A call with
/// several results has no single type (see [`std_results`]). None for anything else, for a
/// generic result, and for what the module's Go version does not have yet.
pub fn std_type(pkg: &Package, file: FileId, expr: Node, depth: usize) -> Option<StdType> {
    match std_results(pkg, file, expr, depth)?.as_slice() {
        [t] => Some(t.clone()),
        _ => None,
    }
}

/// The standard-library types of the values of `expr` (several for a call with several
/// results), as [`std_type`] knows them.
pub fn std_results(pkg: &Package, file: FileId, expr: Node, depth: usize) -> Option<Vec<StdType>> {
    if depth > 8 {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let v = go_version(pkg);
    let known =
        |ts: &[StdType]| (!ts.iter().any(StdType::mentions_type_param)).then(|| ts.to_vec());
    match expr.kind() {
        "parenthesized_expression" => {
            std_results(pkg, file, *named_children(expr).first()?, depth + 1)
        }
        "call_expression" => {
            let callee = expr.child_by_field_name("function")?;
            if callee.kind() != "selector_expression" {
                return None;
            }
            let operand = callee.child_by_field_name("operand")?;
            let name = text(callee.child_by_field_name("field")?, src);
            let sig = match resolve(pkg, file, operand) {
                Some(path) => {
                    let f = stdlib::func(&path, name, v)?;
                    if !f.sig.type_params.is_empty() {
                        return None;
                    }
                    f.sig.clone()
                }
                None => {
                    let recv = std_type(pkg, file, operand, depth + 1)?;
                    stdlib::method_of_type(&recv, name, v)?.1
                }
            };
            known(&sig.results)
        }
        "selector_expression" => {
            let operand = expr.child_by_field_name("operand")?;
            let name = text(expr.child_by_field_name("field")?, src);
            let t = match resolve(pkg, file, operand) {
                Some(path) => stdlib::var(&path, name, v)?.clone(),
                None => {
                    let t = std_type(pkg, file, operand, depth + 1)?;
                    stdlib::field_of_type(&t, name, v)?
                }
            };
            known(&[t])
        }
        "identifier" => {
            let decl = local_decl(expr, text(expr, src), src)?;
            let t = std_local_type(pkg, file, decl, depth + 1)?;
            known(&[t])
        }
        _ => None,
    }
}

/// The standard-library type of the local declared by the identifier `decl` (its static
/// type: what its declaration or the call that declares it says).
pub fn std_local_type(pkg: &Package, file: FileId, decl: Node, depth: usize) -> Option<StdType> {
    let parent = decl.parent()?;
    let from_values = |names: Vec<Node>, values: Vec<Node>| -> Option<StdType> {
        let i = names.iter().position(|n| *n == decl)?;
        if values.len() == names.len() {
            std_type(pkg, file, values[i], depth + 1)
        } else if values.len() == 1 {
            let rs = std_results(pkg, file, values[0], depth + 1)?;
            (rs.len() == names.len()).then(|| rs[i].clone())
        } else {
            None
        }
    };
    match parent.kind() {
        "parameter_declaration" => std_type_node(pkg, file, parent.child_by_field_name("type")?),
        "var_spec" => match parent.child_by_field_name("type") {
            Some(t) => std_type_node(pkg, file, t),
            None => from_values(
                field_children(parent, "name"),
                named_children(parent.child_by_field_name("value")?),
            ),
        },
        "expression_list" => {
            let holder = parent.parent()?;
            if holder.kind() != "short_var_declaration"
                || holder.child_by_field_name("left") != Some(parent)
            {
                return None;
            }
            from_values(
                named_children(parent),
                named_children(holder.child_by_field_name("right")?),
            )
        }
        _ => None,
    }
}

/// The standard-library type a type expression spells: a qualified standard type, a
/// predeclared type no declaration shadows, and pointers and slices of them.
fn std_type_node(pkg: &Package, file: FileId, ty: Node) -> Option<StdType> {
    let src = &pkg.files[file].src.text;
    match ty.kind() {
        "qualified_type" => {
            let path = resolve(pkg, file, ty.child_by_field_name("package")?)?;
            let name = text(ty.child_by_field_name("name")?, src);
            stdlib::type_decl(&path, name, go_version(pkg))?;
            Some(StdType::Named {
                pkg: path.into(),
                name: name.into(),
                args: Vec::new(),
            })
        }
        "pointer_type" => Some(StdType::Pointer(Box::new(std_type_node(
            pkg,
            file,
            *named_children(ty).first()?,
        )?))),
        "slice_type" => Some(StdType::Slice(Box::new(std_type_node(
            pkg,
            file,
            ty.child_by_field_name("element")?,
        )?))),
        "type_identifier" => {
            let name = text(ty, src);
            let b = static_builtin(builtin(pkg, name)?)?;
            if local_decl(ty, name, src).is_some() {
                return None;
            }
            Some(StdType::Named {
                pkg: "".into(),
                name: b.into(),
                args: Vec::new(),
            })
        }
        _ => None,
    }
}

/// The standard type `t` written in `file` at package level, with the file's own imports
/// (`*os.File`, `[]string`, `fs.FileInfo` when "io/fs" is imported as `fs`), and what kind
/// of type it is for copying. None for a type the file cannot name without a new import,
/// type arguments, or a predeclared name the package redeclares.
pub fn std_type_in_file(pkg: &Package, file: FileId, t: &StdType) -> Option<(String, Shape)> {
    match t {
        StdType::Pointer(e) => {
            let (text, _) = std_type_in_file(pkg, file, e)?;
            Some((format!("*{text}"), Shape::Pointer))
        }
        StdType::Slice(e) => {
            let (text, _) = std_type_in_file(pkg, file, e)?;
            Some((format!("[]{text}"), Shape::Slice))
        }
        StdType::Named {
            pkg: path,
            name,
            args,
        } if args.is_empty() => {
            if path.is_empty() {
                let b = static_builtin(builtin(pkg, name)?)?;
                let shape = shape_depth(pkg, file, Ty::Builtin(b), 0)?;
                return Some((b.to_string(), shape));
            }
            let import = pkg.imports[file]
                .iter()
                .find(|i| *i.path == **path && !matches!(i.alias.as_deref(), Some("_" | ".")))?;
            if pkg.index().has_top_level(&import.local_name) {
                return None;
            }
            // A named type may have methods with pointer receivers: only an interface
            // copies like its underlying type.
            let shape = match stdlib::type_kind(path, name, go_version(pkg))? {
                stdlib::Kind::Interface => Shape::Interface,
                _ => Shape::Value,
            };
            Some((format!("{}.{name}", import.local_name), shape))
        }
        _ => None,
    }
}

/// The predeclared basic type under the standard type `t` (a number, a string, a bool, or
/// a type defined on one: `time.Duration` is `int64`, `fs.FileMode` is `uint32`).
pub fn std_basic(pkg: &Package, t: &StdType) -> Option<&'static str> {
    let StdType::Named {
        pkg: path, name, ..
    } = t
    else {
        return None;
    };
    if path.is_empty() {
        return crate::golang::BASIC_TYPES
            .iter()
            .find(|b| **b == &**name)
            .copied();
    }
    match stdlib::type_kind(path, name, go_version(pkg))? {
        stdlib::Kind::Basic(b) => Some(b),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::control::test_package;

    /// The standard type of the expression on the right of `_ = <expr>` at the end of `f`.
    fn std_of(decls: &str, expr: &str, go: (u32, u32)) -> Option<String> {
        let src = format!(
            "package p\n\nimport (\n\t\"bufio\"\n\t\"net/http\"\n\t\"os\"\n\t\"slices\"\n)\n\nvar _ = slices.Clone[[]int]\n\nfunc f(resp *http.Response, sc *bufio.Scanner, err error) {{\n{decls}\n\t_ = {expr}\n}}\n"
        );
        let pkg = test_package(&src, go);
        let root = pkg.files[0].src.root();
        let assign = descendants(root)
            .into_iter()
            .rfind(|n| n.kind() == "assignment_statement")?;
        let e = named_children(assign.child_by_field_name("right")?)[0];
        std_type(&pkg, 0, e, 0).map(|t| {
            let basic = std_basic(&pkg, &t).map_or(String::new(), |b| format!(" ({b})"));
            format!("{t}{basic}")
        })
    }

    #[test]
    fn standard_calls_methods_and_fields() {
        let at = |decls: &str, expr: &str| std_of(decls, expr, (1, 22));
        assert_eq!(at("", "os.Stdout").as_deref(), Some("*os.File"));
        assert_eq!(
            at("\tf, _ := os.Open(\"x\")", "f").as_deref(),
            Some("*os.File")
        );
        assert_eq!(
            at("\tf, _ := os.Open(\"x\")\n\tst, _ := f.Stat()", "st.Size()").as_deref(),
            Some("int64 (int64)")
        );
        assert_eq!(
            at("\tst, _ := os.Stat(\"x\")", "st.Mode()").as_deref(),
            Some("io/fs.FileMode (uint32)")
        );
        assert_eq!(at("", "sc.Text()").as_deref(), Some("string (string)"));
        assert_eq!(at("", "err.Error()").as_deref(), Some("string (string)"));
        assert_eq!(at("", "resp.Body").as_deref(), Some("io.ReadCloser"));
        assert_eq!(at("\tvar n int64", "n").as_deref(), Some("int64 (int64)"));
        // Several results, a generic function, a shadowed import, a local type.
        assert_eq!(at("", "os.Open(\"x\")"), None);
        assert_eq!(at("\ts := []int{1}", "slices.Clone(s)"), None);
        assert_eq!(at("\tos := fakeOS{}", "os.Stdout"), None);
        assert_eq!(at("\ttype int64 string\n\tvar n int64", "n"), None);
    }

    #[test]
    fn the_module_go_version_gates_the_api() {
        let root = "\tr, _ := os.OpenRoot(\"d\")";
        assert_eq!(
            std_of(root, "r.Name()", (1, 24)).as_deref(),
            Some("string (string)")
        );
        assert_eq!(std_of(root, "r.Name()", (1, 23)), None);
    }
}
