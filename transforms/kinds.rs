//! Types as far as the syntax tells them: the declared type of a local, parameter, package
//! variable or struct field, reduced to the few kinds the transforms care about (can `len`
//! be taken, is it an integer, …). There is no type checker: anything not written down in a
//! declaration of this package is `Kind::Unknown`, and callers treat Unknown as "do not
//! rewrite".

use tree_sitter::Node;

use crate::edit::FileId;
use crate::package::Package;
use crate::scope::local_decl;
use crate::syntax::{field_children, named_children, text};

/// What a type is, as far as the rewrites need to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Slice,
    Array,
    /// A pointer to an array (`len` and `range` work on it).
    PtrArray,
    Map,
    String,
    Integer,
    Chan,
    Func,
    Unknown,
}

impl Kind {
    /// True when `range x` iterates `len(x)` times (or, for a map, over `len(x)` entries).
    pub fn ranges_len(self) -> bool {
        matches!(
            self,
            Kind::Slice | Kind::Array | Kind::PtrArray | Kind::Map | Kind::String
        )
    }

    /// True when `len(x)` cannot change without `x` itself being assigned (a map's length
    /// changes when entries are added through any alias).
    pub fn len_fixed_by_value(self) -> bool {
        matches!(
            self,
            Kind::Slice | Kind::Array | Kind::PtrArray | Kind::String
        )
    }
}

/// A type: written somewhere in the package, or known only by its kind.
#[derive(Clone, Copy, Debug)]
enum Ty<'a> {
    At(FileId, Node<'a>),
    Kind(Kind),
}

const MAX_DEPTH: usize = 8;

/// True when `name` at `at` (in `file`) is the predeclared identifier: no local, package-level
/// or import declaration of that name hides it.
pub fn is_builtin(pkg: &Package, file: FileId, at: Node, name: &str) -> bool {
    let src = &pkg.files[file].src.text;
    local_decl(at, name, src).is_none()
        && !pkg.index().has_top_level(name)
        && !pkg.imports[file].iter().any(|i| i.local_name == name)
}

/// When `call` is a call of the builtin `name` (`len`, `make`, `append`, …), its arguments.
pub fn builtin_call_args<'a>(
    pkg: &Package,
    file: FileId,
    call: Node<'a>,
    name: &str,
) -> Option<Vec<Node<'a>>> {
    if call.kind() != "call_expression" {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let func = call.child_by_field_name("function")?;
    if func.kind() != "identifier" || text(func, src) != name || !is_builtin(pkg, file, call, name)
    {
        return None;
    }
    Some(named_children(call.child_by_field_name("arguments")?))
}

/// The kind of the value of `expr` (an expression in `file`).
pub fn kind_of_expr<'a>(pkg: &'a Package, file: FileId, expr: Node<'a>) -> Kind {
    match type_of_expr(pkg, file, expr, 0) {
        Some(Ty::At(f, n)) => kind_of_type(pkg, f, n, 0),
        Some(Ty::Kind(k)) => k,
        None => Kind::Unknown,
    }
}

/// The value of an integer constant expression: an integer literal, or a constant (local
/// or package-level) whose value is one.
pub fn const_int<'a>(pkg: &'a Package, file: FileId, expr: Node<'a>) -> Option<i128> {
    const_int_depth(pkg, file, expr, 0)
}

/// True when `expr` is an identifier naming a constant.
pub fn is_const_ident<'a>(pkg: &'a Package, file: FileId, expr: Node<'a>) -> bool {
    if expr.kind() != "identifier" {
        return false;
    }
    matches!(ident_decl(pkg, file, expr), Some((_, d)) if d.parent().is_some_and(|p| p.kind() == "const_spec"))
}

fn const_int_depth<'a>(
    pkg: &'a Package,
    file: FileId,
    expr: Node<'a>,
    depth: usize,
) -> Option<i128> {
    if depth > MAX_DEPTH {
        return None;
    }
    let src = &pkg.files[file].src.text;
    match expr.kind() {
        "int_literal" => parse_int(text(expr, src)),
        "parenthesized_expression" => {
            const_int_depth(pkg, file, *named_children(expr).first()?, depth + 1)
        }
        "identifier" => {
            let (f, decl) = ident_decl(pkg, file, expr)?;
            let spec = decl.parent()?;
            if spec.kind() != "const_spec" {
                return None;
            }
            let value = spec_value(spec, decl)?;
            const_int_depth(pkg, f, value, depth + 1)
        }
        _ => None,
    }
}

/// Parses a Go integer literal (`1_000`, `0x1F`, `0o17`, `017`, `0b101`).
pub fn parse_int(lit: &str) -> Option<i128> {
    let s = lit.replace('_', "");
    let lower = s.to_ascii_lowercase();
    if let Some(h) = lower.strip_prefix("0x") {
        i128::from_str_radix(h, 16).ok()
    } else if let Some(b) = lower.strip_prefix("0b") {
        i128::from_str_radix(b, 2).ok()
    } else if let Some(o) = lower.strip_prefix("0o") {
        i128::from_str_radix(o, 8).ok()
    } else if lower.len() > 1 && lower.starts_with('0') {
        i128::from_str_radix(&lower[1..], 8).ok()
    } else {
        lower.parse().ok()
    }
}

/// The declaring identifier of the identifier `ident`: a local one (same file), or a
/// package-level variable or constant of any file of the package.
pub fn ident_decl<'a>(
    pkg: &'a Package,
    file: FileId,
    ident: Node<'a>,
) -> Option<(FileId, Node<'a>)> {
    let src = &pkg.files[file].src.text;
    let name = text(ident, src);
    if let Some(d) = local_decl(ident, name, src) {
        return Some((file, d));
    }
    package_value_decl(pkg, name)
}

/// The file declaring the package-level `name`, when exactly one does: files built for
/// different systems may declare it with different types, and then nothing is assumed.
fn single_declaring_file(pkg: &Package, name: &str) -> Vec<FileId> {
    let files = pkg.index().top_level_files(name);
    if files.len() == 1 { files } else { Vec::new() }
}

/// The declaring identifier of a package-level `var` or `const` named `name`.
fn package_value_decl<'a>(pkg: &'a Package, name: &str) -> Option<(FileId, Node<'a>)> {
    crate::transforms::pkgdecls::package_value_decl(pkg, name)
}

/// The value expression bound to `name` in a `var`/`const` spec (one value per name).
fn spec_value<'a>(spec: Node<'a>, name: Node<'a>) -> Option<Node<'a>> {
    let names = field_children(spec, "name");
    let idx = names.iter().position(|n| *n == name)?;
    let values = named_children(spec.child_by_field_name("value")?);
    if values.len() != names.len() {
        return None;
    }
    values.get(idx).copied()
}

fn type_of_expr<'a>(
    pkg: &'a Package,
    file: FileId,
    expr: Node<'a>,
    depth: usize,
) -> Option<Ty<'a>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let src = &pkg.files[file].src.text;
    match expr.kind() {
        "identifier" => {
            let name = text(expr, src);
            if let Some(d) = local_decl(expr, name, src) {
                return decl_type(pkg, file, d, depth + 1);
            }
            for id in single_declaring_file(pkg, name) {
                let f = &pkg.files[id];
                for decl in named_children(f.src.root()) {
                    if decl.kind() == "function_declaration"
                        && decl
                            .child_by_field_name("name")
                            .is_some_and(|n| text(n, &f.src.text) == name)
                    {
                        return Some(Ty::Kind(Kind::Func));
                    }
                }
            }
            let (f, d) = package_value_decl(pkg, name)?;
            decl_type(pkg, f, d, depth + 1)
        }
        "parenthesized_expression" => {
            type_of_expr(pkg, file, *named_children(expr).first()?, depth + 1)
        }
        "selector_expression" => {
            let operand = expr.child_by_field_name("operand")?;
            let field = text(expr.child_by_field_name("field")?, src);
            let Ty::At(f, t) = type_of_expr(pkg, file, operand, depth + 1)? else {
                return None;
            };
            field_type(pkg, f, t, field, depth + 1)
        }
        "composite_literal" | "type_conversion_expression" => {
            Some(Ty::At(file, expr.child_by_field_name("type")?))
        }
        "call_expression" => {
            if let Some(args) = builtin_call_args(pkg, file, expr, "make") {
                return Some(Ty::At(file, *args.first()?));
            }
            for b in ["len", "cap", "copy"] {
                if builtin_call_args(pkg, file, expr, b).is_some() {
                    return Some(Ty::Kind(Kind::Integer));
                }
            }
            call_result(pkg, file, expr, 0, 1, depth + 1)
        }
        "interpreted_string_literal" | "raw_string_literal" => Some(Ty::Kind(Kind::String)),
        "int_literal" | "rune_literal" => Some(Ty::Kind(Kind::Integer)),
        _ => None,
    }
}

/// The type of the entity declared by the identifier `decl` (in `file`).
fn decl_type<'a>(pkg: &'a Package, file: FileId, decl: Node<'a>, depth: usize) -> Option<Ty<'a>> {
    let parent = decl.parent()?;
    match parent.kind() {
        "parameter_declaration" => Some(Ty::At(file, parent.child_by_field_name("type")?)),
        "variadic_parameter_declaration" => Some(Ty::Kind(Kind::Slice)),
        "var_spec" | "const_spec" => {
            if let Some(t) = parent.child_by_field_name("type") {
                return Some(Ty::At(file, t));
            }
            let names = field_children(parent, "name");
            let values = named_children(parent.child_by_field_name("value")?);
            let idx = names.iter().position(|n| *n == decl)?;
            if values.len() == 1 && names.len() > 1 {
                return call_result(pkg, file, values[0], idx, names.len(), depth + 1);
            }
            type_of_expr(pkg, file, spec_value(parent, decl)?, depth + 1)
        }
        "expression_list" => {
            let stmt = parent.parent()?;
            if stmt.kind() != "short_var_declaration"
                || stmt.child_by_field_name("left") != Some(parent)
            {
                return None;
            }
            let left = named_children(parent);
            let right = named_children(stmt.child_by_field_name("right")?);
            if left.len() != right.len() && right.len() != 1 {
                return None;
            }
            let idx = left.iter().position(|n| *n == decl)?;
            if right.len() == 1 && left.len() > 1 {
                return call_result(pkg, file, right[0], idx, left.len(), depth + 1);
            }
            type_of_expr(pkg, file, right[idx], depth + 1)
        }
        _ => None,
    }
}

/// Standard-library functions whose result (by position) is known to be a slice.
const STD_SLICE_RESULTS: &[(&str, &[&str], usize)] = &[
    (
        "strings",
        &[
            "Split",
            "SplitN",
            "SplitAfter",
            "SplitAfterN",
            "Fields",
            "FieldsFunc",
        ],
        0,
    ),
    (
        "bytes",
        &[
            "Split",
            "SplitN",
            "SplitAfter",
            "SplitAfterN",
            "Fields",
            "FieldsFunc",
        ],
        0,
    ),
    ("os", &["ReadDir", "Environ"], 0),
    ("path/filepath", &["Glob", "SplitList"], 0),
];

/// The type of result `idx` of `call` (which yields `count` values): a function declared
/// in this package with its result types written, or a known standard-library function.
fn call_result<'a>(
    pkg: &'a Package,
    file: FileId,
    call: Node<'a>,
    idx: usize,
    count: usize,
    depth: usize,
) -> Option<Ty<'a>> {
    if depth > MAX_DEPTH || call.kind() != "call_expression" {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let func = call.child_by_field_name("function")?;
    if func.kind() == "selector_expression" {
        let (path, name) = crate::imports::call_target(pkg, file, call)?;
        return STD_SLICE_RESULTS
            .iter()
            .any(|(p, fs, i)| *p == path && fs.contains(&name.as_str()) && *i == idx)
            .then_some(Ty::Kind(Kind::Slice));
    }
    if func.kind() != "identifier" {
        return None;
    }
    let name = text(func, src);
    if local_decl(func, name, src).is_some() {
        return None;
    }
    for id in single_declaring_file(pkg, name) {
        let f = &pkg.files[id];
        for decl in named_children(f.src.root()) {
            if decl.kind() != "function_declaration"
                || decl
                    .child_by_field_name("name")
                    .is_none_or(|n| text(n, &f.src.text) != name)
            {
                continue;
            }
            // A generic function's result may be (or contain) a type parameter.
            if decl.child_by_field_name("type_parameters").is_some() {
                return None;
            }
            let result = decl.child_by_field_name("result")?;
            if result.kind() != "parameter_list" {
                return (count == 1 && idx == 0).then_some(Ty::At(id, result));
            }
            let mut types = Vec::new();
            for p in named_children(result) {
                let t = p.child_by_field_name("type")?;
                let n = field_children(p, "name").len().max(1);
                types.extend(std::iter::repeat_n(t, n));
            }
            if types.len() != count {
                return None;
            }
            return Some(Ty::At(id, *types.get(idx)?));
        }
    }
    None
}

/// The declaration (`type_spec` or `type_alias`) a type name refers to, local or at
/// package level, with its file. None for predeclared names, type parameters, imports.
fn named_type_decl<'a>(
    pkg: &'a Package,
    file: FileId,
    name_node: Node<'a>,
) -> Option<(FileId, Node<'a>)> {
    let src = &pkg.files[file].src.text;
    let name = text(name_node, src);
    if let Some(d) = local_decl(name_node, name, src) {
        let spec = d.parent()?;
        return matches!(spec.kind(), "type_spec" | "type_alias").then_some((file, spec));
    }
    let (id, spec) = crate::transforms::pkgdecls::package_type_spec(pkg, name)?;
    // A generic type's parameters make its fields' types unknown here.
    if spec.child_by_field_name("type_parameters").is_some() {
        return None;
    }
    Some((id, spec))
}

/// The kind of the type written at `node` in `file`.
fn kind_of_type<'a>(pkg: &'a Package, file: FileId, node: Node<'a>, depth: usize) -> Kind {
    if depth > MAX_DEPTH {
        return Kind::Unknown;
    }
    let src = &pkg.files[file].src.text;
    match node.kind() {
        "slice_type" => Kind::Slice,
        "array_type" => Kind::Array,
        "map_type" => Kind::Map,
        "channel_type" => Kind::Chan,
        "function_type" => Kind::Func,
        "pointer_type" => match named_children(node).first() {
            Some(inner) if kind_of_type(pkg, file, *inner, depth + 1) == Kind::Array => {
                Kind::PtrArray
            }
            _ => Kind::Unknown,
        },
        "parenthesized_type" => match named_children(node).first() {
            Some(inner) => kind_of_type(pkg, file, *inner, depth + 1),
            None => Kind::Unknown,
        },
        "type_identifier" => {
            if let Some((f, spec)) = named_type_decl(pkg, file, node) {
                return match spec.child_by_field_name("type") {
                    Some(t) => kind_of_type(pkg, f, t, depth + 1),
                    None => Kind::Unknown,
                };
            }
            let name = text(node, src);
            if !is_builtin(pkg, file, node, name) {
                return Kind::Unknown;
            }
            if name == "string" {
                Kind::String
            } else if crate::golang::INTEGER_TYPES.contains(&name) {
                Kind::Integer
            } else {
                Kind::Unknown
            }
        }
        _ => Kind::Unknown,
    }
}

/// The type of field `field` of the struct type written at `node` (or a pointer to it).
fn field_type<'a>(
    pkg: &'a Package,
    file: FileId,
    node: Node<'a>,
    field: &str,
    depth: usize,
) -> Option<Ty<'a>> {
    if depth > MAX_DEPTH {
        return None;
    }
    match node.kind() {
        "pointer_type" | "parenthesized_type" => {
            field_type(pkg, file, *named_children(node).first()?, field, depth + 1)
        }
        "type_identifier" => {
            let (f, spec) = named_type_decl(pkg, file, node)?;
            field_type(pkg, f, spec.child_by_field_name("type")?, field, depth + 1)
        }
        "struct_type" => {
            let src = &pkg.files[file].src.text;
            let list = named_children(node)
                .into_iter()
                .find(|n| n.kind() == "field_declaration_list")?;
            for decl in named_children(list) {
                if decl.kind() != "field_declaration" {
                    continue;
                }
                if field_children(decl, "name")
                    .iter()
                    .any(|n| text(*n, src) == field)
                {
                    return Some(Ty::At(file, decl.child_by_field_name("type")?));
                }
            }
            None
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

    /// The kind of every argument of every `use(...)` call, in order.
    fn kinds(src: &str) -> Vec<Kind> {
        let p = pkg(src);
        let root = p.files[0].src.root();
        let calls: Vec<Node> = descendants(root)
            .into_iter()
            .filter(|n| {
                n.kind() == "call_expression"
                    && n.child_by_field_name("function")
                        .is_some_and(|f| text(f, src) == "use")
            })
            .collect();
        calls
            .into_iter()
            .flat_map(|c| named_children(c.child_by_field_name("arguments").unwrap()))
            .map(|a| kind_of_expr(&p, 0, a))
            .collect()
    }

    #[test]
    fn kinds_from_declarations() {
        let src = r#"package a

import "strings"

type Names []string
type Order struct{ Items []int; Tags map[string]bool }
type Arr [4]int

var table = map[string]int{}

func rows() ([]int, error) { return nil, nil }

func f(n int, xs ...string, o *Order, ns Names, ch chan int, p *Arr, g func()) {
	s := "x"
	parts := strings.Split(s, ",")
	r, err := rows()
	m := make(map[int]int)
	var k = len(xs)
	const c = 3
	use(n, xs, o.Items, o.Tags, ns, ch, p, g, s, parts, r, err, m, k, c, table)
}
"#;
        use Kind::*;
        assert_eq!(
            kinds(src),
            vec![
                Integer, Slice, Slice, Map, Slice, Chan, PtrArray, Func, String, Slice, Slice,
                Unknown, Map, Integer, Integer, Map
            ]
        );
    }

    #[test]
    fn shadowed_names_are_unknown() {
        // A local type named string, a generic parameter, a type from another package.
        let src = r#"package a

import "bytes"

func f[S ~[]int](s S, b bytes.Buffer) {
	type string []int
	var t string
	use(s, b, t)
}
"#;
        assert_eq!(kinds(src), vec![Kind::Unknown, Kind::Unknown, Kind::Slice]);
    }

    #[test]
    fn builtins_can_be_hidden() {
        let p = pkg(
            "package a\n\nfunc len(x []int) int { return 0 }\n\nfunc f(make int) { _ = make }\n",
        );
        let root = p.files[0].src.root();
        let body = descendants(root)
            .into_iter()
            .rfind(|n| n.kind() == "block")
            .unwrap();
        assert!(!is_builtin(&p, 0, body, "len"));
        assert!(!is_builtin(&p, 0, body, "make"));
        assert!(is_builtin(&p, 0, body, "append"));
    }

    #[test]
    fn integer_literals() {
        assert_eq!(parse_int("1_000"), Some(1000));
        assert_eq!(parse_int("0x1F"), Some(31));
        assert_eq!(parse_int("017"), Some(15));
        assert_eq!(parse_int("0o17"), Some(15));
        assert_eq!(parse_int("0b101"), Some(5));
        assert_eq!(parse_int("0"), Some(0));
        assert_eq!(parse_int("1e3"), None);
    }
}
