//! Types read from the syntax alone (there is no type checker): the declared type of a
//! local, parameter or package-level variable, and the type of a few expression shapes
//! whose type is evident (literals, conversions, indexing, `+` chains, a handful of
//! standard-library calls). Every function answers `None` when the syntax does not make the
//! type evident; callers must then leave the code alone.
//!
//! Predeclared type names (`string`, `rune`, …) count only where nothing shadows them: a
//! local or package-level declaration of the same name makes the answer `None`/`Other`.

use tree_sitter::Node;

use crate::edit::FileId;
use crate::imports::{call_target, resolve};
use crate::package::Package;
use crate::scope::local_decl;
use crate::syntax::{field_children, named_children, text};

/// A type, as far as the syntax tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// The predeclared `string`.
    String,
    /// The predeclared `rune` (≡ `int32`).
    Rune,
    /// The predeclared `byte` (≡ `uint8`).
    Byte,
    /// The predeclared `int`.
    Int,
    /// An untyped string constant (`"x"`, `"a" + "b"`, an untyped `const`).
    UntypedString,
    /// An untyped rune constant (`'x'`).
    UntypedRune,
    /// An untyped integer constant (`1`, `0x10`).
    UntypedInt,
    /// `[]T`.
    Slice(Box<Ty>),
    /// A type from an imported package, by import path and name (`strings.Builder` →
    /// `("strings", "Builder")`), resolved through the file's imports.
    Imported(String, String),
    /// Any other type, as written (`Path`, `int64`, `map[string]int`, `*T`).
    Other(String),
}

impl Ty {
    /// True for `string` and untyped string constants: a value that can be passed where a
    /// `string` is expected.
    pub fn is_string(&self) -> bool {
        matches!(self, Ty::String | Ty::UntypedString)
    }

    /// The type a variable gets when initialised with a value of this type (untyped
    /// constants take their default type).
    pub fn defaulted(self) -> Ty {
        match self {
            Ty::UntypedString => Ty::String,
            Ty::UntypedRune => Ty::Rune,
            Ty::UntypedInt => Ty::Int,
            t => t,
        }
    }

    fn is_untyped(&self) -> bool {
        matches!(self, Ty::UntypedString | Ty::UntypedRune | Ty::UntypedInt)
    }
}

/// How deep declarations are followed (`a := b`, `b := c`, …) before giving up.
const MAX_DEPTH: usize = 8;

/// True when the predeclared identifier `name` really is the predeclared one at `at`: no
/// local declaration and no package-level declaration of that name.
pub fn is_predeclared(pkg: &Package, file: FileId, at: Node, name: &str) -> bool {
    let src = &pkg.files[file].src.text;
    local_decl(at, name, src).is_none() && !pkg.index().has_top_level(name)
}

/// The type written by a type node (`string`, `[]byte`, `strings.Builder`, `Path`, …).
pub fn type_of_type_node(pkg: &Package, file: FileId, ty: Node) -> Ty {
    let src = &pkg.files[file].src.text;
    match ty.kind() {
        "type_identifier" => {
            let name = text(ty, src);
            let basic = match name {
                "string" => Some(Ty::String),
                "rune" | "int32" => Some(Ty::Rune),
                "byte" | "uint8" => Some(Ty::Byte),
                "int" => Some(Ty::Int),
                _ => None,
            };
            match basic {
                Some(t) if is_predeclared(pkg, file, ty, name) => t,
                _ => Ty::Other(name.to_string()),
            }
        }
        "slice_type" => match ty.child_by_field_name("element") {
            Some(el) => Ty::Slice(Box::new(type_of_type_node(pkg, file, el))),
            None => Ty::Other(text(ty, src).to_string()),
        },
        "parenthesized_type" => match named_children(ty).first() {
            Some(inner) => type_of_type_node(pkg, file, *inner),
            None => Ty::Other(text(ty, src).to_string()),
        },
        "qualified_type" => {
            let (Some(p), Some(n)) = (
                ty.child_by_field_name("package"),
                ty.child_by_field_name("name"),
            ) else {
                return Ty::Other(text(ty, src).to_string());
            };
            let name = text(p, src);
            let path = pkg.imports[file]
                .iter()
                .find(|i| i.local_name == name && i.alias.as_deref() != Some("_"))
                .map(|i| i.path.clone());
            match path {
                Some(path) if local_decl(ty, name, src).is_none() => {
                    Ty::Imported(path, text(n, src).to_string())
                }
                _ => Ty::Other(text(ty, src).to_string()),
            }
        }
        _ => Ty::Other(text(ty, src).to_string()),
    }
}

/// Where a local identifier was declared, as the syntax shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclKind {
    /// A parameter or receiver of a function.
    Parameter,
    /// A named result of a function.
    Result,
    /// `var x T`, `var x = v` (alone or in a group).
    Var,
    /// `const x = v`.
    Const,
    /// `x := v` (also in `if`/`for`/`switch` headers).
    Short,
    /// `for k, v := range x`.
    Range,
    /// Anything else (type switch alias, `case v := <-ch`, …).
    Other,
}

/// What kind of declaration the identifier `decl` (a declaring identifier) belongs to.
pub fn decl_kind(decl: Node) -> DeclKind {
    let Some(parent) = decl.parent() else {
        return DeclKind::Other;
    };
    match parent.kind() {
        "parameter_declaration" | "variadic_parameter_declaration" => {
            let is_result = parent.parent().is_some_and(|list| {
                list.parent()
                    .is_some_and(|f| f.child_by_field_name("result") == Some(list))
            });
            if is_result {
                DeclKind::Result
            } else {
                DeclKind::Parameter
            }
        }
        "var_spec" => DeclKind::Var,
        "const_spec" => DeclKind::Const,
        "expression_list" => match parent.parent().map(|g| g.kind()) {
            Some("short_var_declaration") => DeclKind::Short,
            Some("range_clause") => DeclKind::Range,
            _ => DeclKind::Other,
        },
        _ => DeclKind::Other,
    }
}

/// The declared type of the identifier `decl` that declares a local (parameter, result,
/// `var`, `const`, `:=`, range variable). Untyped initial values give their default type,
/// except for constants, which stay untyped.
pub fn declared_type(pkg: &Package, file: FileId, decl: Node) -> Option<Ty> {
    declared_type_at(pkg, file, decl, 0)
}

fn declared_type_at(pkg: &Package, file: FileId, decl: Node, depth: usize) -> Option<Ty> {
    if depth > MAX_DEPTH {
        return None;
    }
    let parent = decl.parent()?;
    match decl_kind(decl) {
        DeclKind::Parameter | DeclKind::Result => {
            let t = type_of_type_node(pkg, file, parent.child_by_field_name("type")?);
            if parent.kind() == "variadic_parameter_declaration" {
                Some(Ty::Slice(Box::new(t)))
            } else {
                Some(t)
            }
        }
        DeclKind::Var | DeclKind::Const => {
            if let Some(ty) = parent.child_by_field_name("type") {
                return Some(type_of_type_node(pkg, file, ty));
            }
            let names = field_children(parent, "name");
            let i = names.iter().position(|n| *n == decl)?;
            let values = named_children(parent.child_by_field_name("value")?);
            if values.len() != names.len() {
                return None;
            }
            let t = expr_type_at(pkg, file, values[i], depth + 1)?;
            if decl_kind(decl) == DeclKind::Const {
                Some(t)
            } else {
                Some(t.defaulted())
            }
        }
        DeclKind::Short => {
            let stmt = parent.parent()?;
            let names = named_children(parent);
            let i = names.iter().position(|n| *n == decl)?;
            let values = named_children(stmt.child_by_field_name("right")?);
            if values.len() != names.len() {
                return None;
            }
            Some(expr_type_at(pkg, file, values[i], depth + 1)?.defaulted())
        }
        DeclKind::Range => {
            let clause = parent.parent()?;
            let names = named_children(parent);
            let i = names.iter().position(|n| *n == decl)?;
            let over = expr_type_at(pkg, file, clause.child_by_field_name("right")?, depth + 1)?;
            match (over, i) {
                (Ty::String | Ty::UntypedString, 0) => Some(Ty::Int),
                (Ty::String | Ty::UntypedString, 1) => Some(Ty::Rune),
                (Ty::Slice(_), 0) => Some(Ty::Int),
                (Ty::Slice(el), 1) => Some(*el),
                _ => None,
            }
        }
        DeclKind::Other => None,
    }
}

/// The type of a package-level `var`/`const` named `name` (declared once in the package).
pub fn package_var_type(pkg: &Package, name: &str) -> Option<Ty> {
    let (file, decl) = crate::transforms::pkgdecls::package_value_decl(pkg, name)?;
    declared_type(pkg, file, decl)
}

/// True when `name` is declared by a package-level `type` declaration of the package.
pub fn is_package_type(pkg: &Package, name: &str) -> bool {
    !crate::transforms::pkgdecls::package_specs(pkg, name, &["type_declaration"]).is_empty()
}

/// What the key of a keyed element of a composite literal is (`T{k: v}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiteralKey {
    /// A struct field name: not a use of any variable.
    Field,
    /// An expression (map key, array index): a use of the variables it names.
    Expression,
    /// The literal's type is not evident (imported, generic, elided, …).
    Unknown,
}

/// For an identifier `key` written as the key of a keyed element, whether it names a
/// struct field or is an expression, as far as the literal's type shows it. None when
/// `key` is not such a key.
pub fn literal_key_kind(pkg: &Package, file: FileId, key: Node) -> Option<LiteralKey> {
    let element = key.parent().filter(|p| p.kind() == "literal_element")?;
    let keyed = element.parent().filter(|p| p.kind() == "keyed_element")?;
    if keyed.child_by_field_name("key") != Some(element) && keyed.named_child(0) != Some(element) {
        return None;
    }
    let body = keyed.parent().filter(|p| p.kind() == "literal_value")?;
    let Some(lit) = body.parent().filter(|p| p.kind() == "composite_literal") else {
        return Some(LiteralKey::Unknown);
    };
    let Some(ty) = lit.child_by_field_name("type") else {
        return Some(LiteralKey::Unknown);
    };
    Some(type_key_kind(pkg, file, ty))
}

fn type_key_kind(pkg: &Package, file: FileId, ty: Node) -> LiteralKey {
    let src = &pkg.files[file].src.text;
    match ty.kind() {
        "map_type" | "slice_type" | "array_type" | "implicit_length_array_type" => {
            LiteralKey::Expression
        }
        "struct_type" => LiteralKey::Field,
        "type_identifier" => {
            let name = text(ty, src);
            if local_decl(ty, name, src).is_some() {
                return LiteralKey::Unknown;
            }
            let specs =
                crate::transforms::pkgdecls::package_specs(pkg, name, &["type_declaration"]);
            let mut kinds = specs
                .iter()
                .filter(|s| s.spec.kind() == "type_spec")
                .filter_map(|s| s.spec.child_by_field_name("type"))
                .map(|t| match t.kind() {
                    "struct_type" => LiteralKey::Field,
                    "map_type" | "slice_type" | "array_type" => LiteralKey::Expression,
                    _ => LiteralKey::Unknown,
                });
            match (kinds.next(), kinds.next()) {
                (Some(k), None) => k,
                _ => LiteralKey::Unknown,
            }
        }
        _ => LiteralKey::Unknown,
    }
}

/// Standard-library functions that return exactly one `string`.
const STRING_FUNCS: &[(&str, &[&str])] = &[
    (
        "strings",
        &[
            "Clone",
            "Join",
            "Map",
            "Repeat",
            "Replace",
            "ReplaceAll",
            "Title",
            "ToLower",
            "ToTitle",
            "ToUpper",
            "ToValidUTF8",
            "Trim",
            "TrimFunc",
            "TrimLeft",
            "TrimLeftFunc",
            "TrimPrefix",
            "TrimRight",
            "TrimRightFunc",
            "TrimSpace",
            "TrimSuffix",
        ],
    ),
    (
        "strconv",
        &[
            "FormatBool",
            "FormatFloat",
            "FormatInt",
            "FormatUint",
            "Itoa",
            "Quote",
            "QuoteRune",
            "QuoteRuneToASCII",
            "QuoteRuneToGraphic",
            "QuoteToASCII",
            "QuoteToGraphic",
        ],
    ),
    ("fmt", &["Sprint", "Sprintf", "Sprintln"]),
];

/// The type of expression `node`, when the syntax makes it evident.
pub fn expr_type(pkg: &Package, file: FileId, node: Node) -> Option<Ty> {
    expr_type_at(pkg, file, node, 0)
}

fn expr_type_at(pkg: &Package, file: FileId, node: Node, depth: usize) -> Option<Ty> {
    if depth > MAX_DEPTH {
        return None;
    }
    let src = &pkg.files[file].src.text;
    match node.kind() {
        "interpreted_string_literal" | "raw_string_literal" => Some(Ty::UntypedString),
        "rune_literal" => Some(Ty::UntypedRune),
        "int_literal" => Some(Ty::UntypedInt),
        "parenthesized_expression" => {
            expr_type_at(pkg, file, *named_children(node).first()?, depth + 1)
        }
        "identifier" => {
            let name = text(node, src);
            match local_decl(node, name, src) {
                Some(decl) => declared_type_at(pkg, file, decl, depth + 1),
                None => package_var_type(pkg, name),
            }
        }
        "call_expression" => call_type(pkg, file, node, depth),
        "type_conversion_expression" => Some(type_of_type_node(
            pkg,
            file,
            node.child_by_field_name("type")?,
        )),
        "composite_literal" => Some(type_of_type_node(
            pkg,
            file,
            node.child_by_field_name("type")?,
        )),
        "index_expression" => {
            match expr_type_at(pkg, file, node.child_by_field_name("operand")?, depth + 1)? {
                Ty::String | Ty::UntypedString => Some(Ty::Byte),
                Ty::Slice(el) => Some(*el),
                _ => None,
            }
        }
        "slice_expression" => {
            match expr_type_at(pkg, file, node.child_by_field_name("operand")?, depth + 1)? {
                Ty::String | Ty::UntypedString => Some(Ty::String),
                t @ Ty::Slice(_) => Some(t),
                _ => None,
            }
        }
        "binary_expression" => {
            let op = text(node.child_by_field_name("operator")?, src);
            if !matches!(op, "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "&^") {
                return None;
            }
            let l = expr_type_at(pkg, file, node.child_by_field_name("left")?, depth + 1)?;
            let r = expr_type_at(pkg, file, node.child_by_field_name("right")?, depth + 1)?;
            binary_type(op, l, r)
        }
        _ => None,
    }
}

/// The type of `l op r` for an arithmetic operator, when both operand types are known.
fn binary_type(op: &str, l: Ty, r: Ty) -> Option<Ty> {
    if l.is_untyped() && r.is_untyped() {
        return match (l, r) {
            (Ty::UntypedString, Ty::UntypedString) if op == "+" => Some(Ty::UntypedString),
            (Ty::UntypedString, _) | (_, Ty::UntypedString) => None,
            (Ty::UntypedRune, _) | (_, Ty::UntypedRune) => Some(Ty::UntypedRune),
            _ => Some(Ty::UntypedInt),
        };
    }
    // A typed operand fixes the type; the other must be the same type or untyped.
    let typed = if l.is_untyped() { r.clone() } else { l.clone() };
    let other = if l.is_untyped() { l } else { r };
    if other != typed && !other.is_untyped() {
        return None;
    }
    match typed {
        Ty::String if op == "+" && matches!(other, Ty::String | Ty::UntypedString) => {
            Some(Ty::String)
        }
        Ty::String => None,
        Ty::Rune | Ty::Byte | Ty::Int if other != Ty::UntypedString => Some(typed),
        _ => None,
    }
}

/// The type of a call: a conversion to a predeclared type, `len`/`cap`, a known
/// standard-library function, or `.String()` on a `strings.Builder`.
fn call_type(pkg: &Package, file: FileId, call: Node, depth: usize) -> Option<Ty> {
    let src = &pkg.files[file].src.text;
    let func = call.child_by_field_name("function")?;
    match func.kind() {
        "identifier" => {
            let name = text(func, src);
            let args = named_children(call.child_by_field_name("arguments")?);
            if args.len() != 1 || !is_predeclared(pkg, file, func, name) {
                return None;
            }
            match name {
                "string" => Some(Ty::String),
                "rune" | "int32" => Some(Ty::Rune),
                "byte" | "uint8" => Some(Ty::Byte),
                "int" | "len" | "cap" => Some(Ty::Int),
                _ => None,
            }
        }
        "parenthesized_expression" => None,
        "selector_expression" => {
            if let Some((path, name)) = call_target(pkg, file, call) {
                let known = STRING_FUNCS
                    .iter()
                    .any(|(p, fs)| *p == path && fs.contains(&name.as_str()));
                return known.then_some(Ty::String);
            }
            // b.String() on a local strings.Builder.
            let operand = func.child_by_field_name("operand")?;
            let field = func.child_by_field_name("field")?;
            if text(field, src) != "String" || resolve(pkg, file, operand).is_some() {
                return None;
            }
            let t = expr_type_at(pkg, file, operand, depth + 1)?;
            (t == Ty::Imported("strings".into(), "Builder".into())).then_some(Ty::String)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::syntax::descendants;

    fn pkg(src: &str) -> Package {
        Package::from_source(src, None)
    }

    /// The type of the last use of identifier `name` in the package's only file.
    fn type_of_last(p: &Package, name: &str) -> Option<Ty> {
        let src = &p.files[0].src.text;
        let n = descendants(p.files[0].src.root())
            .into_iter()
            .rfind(|n| n.kind() == "identifier" && text(*n, src) == name)
            .unwrap();
        expr_type(p, 0, n)
    }

    #[test]
    fn locals_params_and_ranges() {
        let p = pkg(concat!(
            "package a\n\nimport \"strings\"\n\n",
            "func f(in string, b []byte, r rune, xs ...string) {\n",
            "\ts := \"\"\n\tt := in + \":\"\n\tvar n = 0\n\tvar sb strings.Builder\n",
            "\tfor i, c := range in {\n\t\t_, _ = i, c\n\t}\n",
            "\tfor _, x := range xs {\n\t\t_ = x\n\t}\n",
            "\tu := b[0]\n\tv := first(xs)\n\tw := sb.String()\n",
            "\t_, _, _, _, _, _, _, _, _ = s, t, n, u, v, w, r, b, sb\n}\n",
        ));
        assert_eq!(type_of_last(&p, "s"), Some(Ty::String));
        assert_eq!(type_of_last(&p, "t"), Some(Ty::String));
        assert_eq!(type_of_last(&p, "n"), Some(Ty::Int));
        assert_eq!(type_of_last(&p, "c"), Some(Ty::Rune));
        assert_eq!(type_of_last(&p, "i"), Some(Ty::Int));
        assert_eq!(type_of_last(&p, "x"), Some(Ty::String));
        assert_eq!(type_of_last(&p, "u"), Some(Ty::Byte));
        assert_eq!(type_of_last(&p, "v"), None);
        assert_eq!(type_of_last(&p, "w"), Some(Ty::String));
        assert_eq!(type_of_last(&p, "r"), Some(Ty::Rune));
        assert_eq!(type_of_last(&p, "b"), Some(Ty::Slice(Box::new(Ty::Byte))));
        assert_eq!(
            type_of_last(&p, "sb"),
            Some(Ty::Imported("strings".into(), "Builder".into()))
        );
    }

    #[test]
    fn shadowed_and_named_types() {
        let p = pkg(concat!(
            "package a\n\ntype Path string\n\n",
            "func f() {\n\tvar p Path\n\ttype string int\n\tvar q string\n\t_, _ = p, q\n}\n",
        ));
        assert_eq!(type_of_last(&p, "p"), Some(Ty::Other("Path".into())));
        assert_eq!(type_of_last(&p, "q"), Some(Ty::Other("string".into())));
    }

    #[test]
    fn package_level_and_constants() {
        let p = pkg(concat!(
            "package a\n\nvar log string\n\nconst sep = \",\"\n\n",
            "func f() {\n\tconst k = 'x'\n\t_, _, _ = log, sep, k\n}\n",
        ));
        assert_eq!(type_of_last(&p, "log"), Some(Ty::String));
        assert_eq!(type_of_last(&p, "sep"), Some(Ty::UntypedString));
        assert_eq!(type_of_last(&p, "k"), Some(Ty::UntypedRune));
    }

    #[test]
    fn binary_types() {
        assert_eq!(
            binary_type("+", Ty::String, Ty::UntypedString),
            Some(Ty::String)
        );
        assert_eq!(binary_type("+", Ty::Int, Ty::String), None);
        assert_eq!(
            binary_type("+", Ty::UntypedRune, Ty::UntypedInt),
            Some(Ty::UntypedRune)
        );
        assert_eq!(binary_type("-", Ty::String, Ty::String), None);
        assert_eq!(
            binary_type("+", Ty::Other("Path".into()), Ty::UntypedString),
            None
        );
    }
}
