//! How the type of a local is spelled in the source: the type node its declaration writes
//! (`x T`, `...T`, `make(T, n)`, `T{...}`, `&T{...}`), or the predeclared default type of an
//! untyped literal, followed through `x := y` and `range`. What the type *is* comes from
//! [`crate::analysis::types`] ([`Spelled::ty`]); this view only says where it is written,
//! so that a rewrite can copy the same text (`[]byte` stays `[]byte`, not `[]uint8`).

use tree_sitter::Node;

use crate::analysis::resolve::local_decl;
use crate::analysis::stdlib::{self, ChanDir};
use crate::analysis::types::{self, Ty, canonical_predeclared};
use crate::fixkit::edit::FileId;
use crate::package::Package;
use crate::syntax::{descendants, field_children, named_children, text};

/// The spelling of a type in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spelled<'t> {
    /// A type expression node.
    Node(Node<'t>),
    /// `[]T` for the type node `T` (a variadic parameter `...T`).
    SliceOf(Node<'t>),
    /// `*T` for the type node `T` (`&T{...}`).
    PointerTo(Node<'t>),
    /// A predeclared type (`int`, `string`, `rune`, …) as written, meant unshadowed.
    Builtin(&'static str),
}

impl<'t> Spelled<'t> {
    /// The text of the type, when it fits on one line.
    pub fn text(self, src: &str) -> Option<String> {
        let t = match self {
            Spelled::Node(n) => text(n, src).to_string(),
            Spelled::SliceOf(n) => format!("[]{}", text(n, src)),
            Spelled::PointerTo(n) => format!("*{}", text(n, src)),
            Spelled::Builtin(b) => b.to_string(),
        };
        (!t.contains('\n')).then_some(t)
    }

    /// The type spelled, in the one type model.
    pub fn ty(self, pkg: &Package, file: FileId) -> Option<Ty> {
        Some(match self {
            Spelled::Node(n) => types::written_type(pkg, file, n)?,
            Spelled::SliceOf(n) => Ty::Slice(Box::new(types::written_type(pkg, file, n)?)),
            Spelled::PointerTo(n) => Ty::Pointer(Box::new(types::written_type(pkg, file, n)?)),
            Spelled::Builtin(b) => Ty::Predeclared(canonical_predeclared(b)?),
        })
    }
}

/// The type `ty` written as `file` would write it at package level (a helper function's
/// parameter): predeclared names that nothing at package level redeclares (`uint8` as
/// `byte`), the package's own named types, imported types through the file's own import
/// of their package, and pointers, slices, arrays, maps and channels of those. None for a
/// type the file cannot name without a new import, a type declared inside a function, a
/// function, struct or interface literal, or several results. Where the source writes the
/// type, [`decl_spelling`] copies its text instead; this is for types the model infers
/// (`n := countLines(f)`, `st, err := f.Stat()`).
pub fn in_file(pkg: &Package, file: FileId, ty: &Ty) -> Option<String> {
    in_file_at(pkg, file, ty, 0)
}

fn in_file_at(pkg: &Package, file: FileId, ty: &Ty, depth: usize) -> Option<String> {
    if depth > types::MAX_DEPTH {
        return None;
    }
    let sub = |t: &Ty| in_file_at(pkg, file, t, depth + 1);
    let args = |args: &[Ty]| -> Option<String> {
        if args.is_empty() {
            return Some(String::new());
        }
        let written: Option<Vec<String>> = args.iter().map(sub).collect();
        Some(format!("[{}]", written?.join(", ")))
    };
    Some(match ty {
        Ty::Predeclared("comparable") => return None,
        Ty::Predeclared(name) => {
            // The api and the model say uint8; Go code says byte.
            let name = if *name == "uint8" { "byte" } else { *name };
            builtin(pkg, name)?.to_string()
        }
        Ty::Untyped(_) => sub(&ty.clone().defaulted())?,
        Ty::Named(n) if n.local.is_none() => format!("{}{}", n.name, args(&n.args)?),
        Ty::Imported {
            path,
            name,
            args: a,
        } => {
            let import = pkg
                .imports(file)
                .iter()
                .find(|i| i.path == *path && !matches!(i.alias.as_deref(), Some("_" | ".")))?;
            let local = &import.local_name;
            // A package's name is only guessed from its path outside the standard
            // library: trust it when the file already writes `name.` or names it itself.
            let known = stdlib::type_decl(path, name, types::go_version(pkg)).is_some()
                || import.alias.is_some()
                || pkg.files[file].src.text.contains(&format!("{local}."));
            if !known || pkg.index().has_top_level(local) {
                return None;
            }
            format!("{local}.{name}{}", args(a)?)
        }
        Ty::Pointer(e) => format!("*{}", sub(e)?),
        Ty::Slice(e) => format!("[]{}", sub(e)?),
        Ty::Array(Some(n), e) => format!("[{n}]{}", sub(e)?),
        Ty::Map(k, v) => format!("map[{}]{}", sub(k)?, sub(v)?),
        Ty::Chan(dir, e) => {
            let e = sub(e)?;
            match dir {
                ChanDir::Both if e.starts_with("<-") => format!("chan ({e})"),
                ChanDir::Both => format!("chan {e}"),
                ChanDir::Send => format!("chan<- {e}"),
                ChanDir::Recv => format!("<-chan {e}"),
            }
        }
        Ty::Named(_)
        | Ty::Array(None, _)
        | Ty::Func
        | Ty::Struct(_)
        | Ty::Interface(_)
        | Ty::Tuple(_) => return None,
    })
}

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

/// The type of the expression `expr` when the syntax says it: untyped constants' default
/// types, composite literals, `&T{}`, `make(T, ...)`, and locals whose type is known.
fn expr_spelling<'t>(
    pkg: &Package,
    file: FileId,
    expr: Node<'t>,
    depth: usize,
) -> Option<Spelled<'t>> {
    if depth > 4 {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let b = |name: &'static str| builtin(pkg, name).map(|_| Spelled::Builtin(name));
    match expr.kind() {
        "int_literal" => b("int"),
        "float_literal" => b("float64"),
        "rune_literal" => b("rune"),
        "interpreted_string_literal" | "raw_string_literal" => b("string"),
        "true" | "false" => b("bool"),
        "parenthesized_expression" => {
            expr_spelling(pkg, file, *named_children(expr).first()?, depth + 1)
        }
        "composite_literal" => {
            let ty = expr.child_by_field_name("type")?;
            let implicit = descendants(ty)
                .iter()
                .any(|n| n.kind() == "implicit_length_array_type");
            (!implicit).then_some(Spelled::Node(ty))
        }
        "unary_expression" => {
            let op = expr.child_by_field_name("operator")?;
            let operand = expr.child_by_field_name("operand")?;
            if text(op, src) != "&" || operand.kind() != "composite_literal" {
                return None;
            }
            match expr_spelling(pkg, file, operand, depth + 1)? {
                Spelled::Node(t) => Some(Spelled::PointerTo(t)),
                _ => None,
            }
        }
        "identifier" => {
            let decl = local_decl(expr, text(expr, src), src)?;
            decl_spelling(pkg, file, decl, depth + 1)
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
            matches!(ty.kind(), "map_type" | "slice_type" | "channel_type")
                .then_some(Spelled::Node(ty))
        }
        _ => None,
    }
}

/// The declared type of the local whose declaring identifier is `decl`: parameters,
/// results, receivers, `var x T`, `x := <literal>`, and the variables of a `range` over a
/// local of known type (slice, array, pointer to array, map, channel, string, integer).
pub fn decl_spelling<'t>(
    pkg: &Package,
    file: FileId,
    decl: Node<'t>,
    depth: usize,
) -> Option<Spelled<'t>> {
    if depth > 4 {
        return None;
    }
    let parent = decl.parent()?;
    match parent.kind() {
        "parameter_declaration" => Some(Spelled::Node(parent.child_by_field_name("type")?)),
        "variadic_parameter_declaration" => {
            Some(Spelled::SliceOf(parent.child_by_field_name("type")?))
        }
        "var_spec" => {
            if let Some(t) = parent.child_by_field_name("type") {
                return Some(Spelled::Node(t));
            }
            let names = field_children(parent, "name");
            let i = names.iter().position(|n| *n == decl)?;
            let values = named_children(parent.child_by_field_name("value")?);
            if values.len() != names.len() {
                return None;
            }
            expr_spelling(pkg, file, values[i], depth + 1)
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
                    expr_spelling(pkg, file, values[i], depth + 1)
                }
                "range_clause" if holder.child_by_field_name("left") == Some(parent) => {
                    let right = holder.child_by_field_name("right")?;
                    let over = expr_spelling(pkg, file, right, depth + 1)?;
                    let (k, v) = range_spellings(pkg, file, over)?;
                    if i == 0 { Some(k) } else { v }
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The types of the two variables of `range` over a value of type `over`.
fn range_spellings<'t>(
    pkg: &Package,
    file: FileId,
    over: Spelled<'t>,
) -> Option<(Spelled<'t>, Option<Spelled<'t>>)> {
    let int = builtin(pkg, "int").map(|_| Spelled::Builtin("int"))?;
    let src = &pkg.files[file].src.text;
    let node = match over {
        Spelled::SliceOf(e) => return Some((int, Some(Spelled::Node(e)))),
        Spelled::PointerTo(t) => {
            if t.kind() != "array_type" {
                return None;
            }
            return Some((int, Some(Spelled::Node(t.child_by_field_name("element")?))));
        }
        Spelled::Builtin("string") => return Some((int, Some(Spelled::Builtin("rune")))),
        Spelled::Builtin(b) if crate::golang::INTEGER_TYPES.contains(&b) => {
            return Some((over, None));
        }
        Spelled::Builtin(_) => return None,
        Spelled::Node(n) => n,
    };
    match node.kind() {
        "slice_type" | "array_type" => Some((
            int,
            Some(Spelled::Node(node.child_by_field_name("element")?)),
        )),
        "pointer_type" => {
            let inner = *named_children(node).first()?;
            if inner.kind() != "array_type" {
                return None;
            }
            Some((
                int,
                Some(Spelled::Node(inner.child_by_field_name("element")?)),
            ))
        }
        "map_type" => Some((
            Spelled::Node(node.child_by_field_name("key")?),
            Some(Spelled::Node(node.child_by_field_name("value")?)),
        )),
        "channel_type" => {
            // A send-only channel cannot be ranged over.
            if text(node, src).replace(' ', "").starts_with("chan<-") {
                return None;
            }
            Some((Spelled::Node(node.child_by_field_name("value")?), None))
        }
        "type_identifier" => {
            let name = text(node, src);
            if types::is_package_type(pkg, name) {
                return None;
            }
            let b = static_builtin(builtin(pkg, name)?)?;
            range_spellings(pkg, file, Spelled::Builtin(b))
        }
        _ => None,
    }
}
