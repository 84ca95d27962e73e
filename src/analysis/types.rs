//! One type model for every transform: the type of an expression or a declaration as far
//! as the syntax and the standard library's API tell it (there is no type checker).
//!
//! [`type_of`] types an expression, [`decl_type`] the variable a declaring identifier
//! declares, [`written_type`] a type expression. Each answers `None` when the type is not
//! evident; callers must then leave the code alone. What is evident:
//! - literals (untyped constants stay untyped: [`Ty::defaulted`] gives their default type),
//!   conversions, composite literals, `&x`, `*p`, `<-ch`, arithmetic of same-typed operands,
//!   comparisons, indexing and slicing, type assertions (`v.(map[string]string)["k"]`);
//! - locals, parameters, results and receivers, package-level `var`/`const` (declared
//!   once, see [`crate::analysis::decls`]), and the variables of a `range`;
//! - the builtins (`len`, `cap`, `copy`, `make`, `new`, `append`), functions and methods of
//!   the package (non-generic, with their results written), fields of the package's
//!   struct types;
//! - the standard library ([`crate::analysis::stdlib`]): functions (`strings.TrimPrefix`),
//!   variables and constants (`os.Args`, `time.Second`), methods of known types
//!   (`sc.Text()` on a `*bufio.Scanner`, `err.Error()` on an `error`) and fields, gated by
//!   the module's Go version (the `go` line of go.mod).
//!
//! A name counts as what it looks like only where nothing shadows it: a local or
//! package-level `string`, a local named `strings`, or an import named `len` are not the
//! predeclared type, the package or the builtin.
//!
//! Views for the transforms: [`Ty::predeclared`], [`kind`] (what `len`/`range` do),
//! [`underlying`], [`shape`] (how a value is copied) and [`zero_value`].

use tree_sitter::Node;

pub mod api;
pub mod spelled;

use crate::analysis::decls::{
    method_decl, package_func_decl, package_type_spec, package_value_decl,
};
use crate::analysis::resolve::{declares_with_define, local_decl};
use crate::analysis::stdlib::{self, ChanDir, ConstType, GoVersion, Member, Type, UntypedKind};
use crate::fixkit::edit::FileId;
use crate::fixkit::imports::resolve;
use crate::package::Package;
use crate::syntax::{field_children, named_children, text};

/// How deep the model recurses, in declarations followed (`a := b`, `b := c`, …), calls
/// typed through their declarations and nested type expressions together, before it gives
/// up (`None`). One cap for everything: it keeps code that does not compile (`var a = b;
/// var b = a`, `type T *T`) from looping, and bounds the stack on generated code. Real code
/// rarely chains more than four or five declarations; 12 is the largest of the caps the
/// separate models had, so nothing they typed is lost.
pub const MAX_DEPTH: usize = 12;

/// Where a type is written: the byte range of its node in a file of the package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Written {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Written {
    fn of(file: FileId, node: Node) -> Written {
        Written {
            file,
            start: node.start_byte(),
            end: node.end_byte(),
        }
    }

    /// The node written there, of kind `kind`.
    pub fn node<'p>(&self, pkg: &'p Package, kind: &str) -> Option<Node<'p>> {
        let root = pkg.files.get(self.file)?.src.root();
        let mut n = root.descendant_for_byte_range(self.start, self.end)?;
        loop {
            if n.kind() == kind && n.start_byte() == self.start && n.end_byte() == self.end {
                return Some(n);
            }
            n = n.parent()?;
            if n.start_byte() != self.start || n.end_byte() != self.end {
                return None;
            }
        }
    }
}

/// A named type declared in this package: at package level, or inside a function (then
/// `local` is where its spec is written, as names there are scoped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub local: Option<Written>,
    /// The type arguments of a generic type's instantiation (its fields are then unknown).
    pub args: Vec<Ty>,
}

/// A type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// A predeclared type, by its canonical name: `uint8` for `byte`, `int32` for `rune`,
    /// and `error`, `any`, `comparable`.
    Predeclared(&'static str),
    /// An untyped constant (`"x"`, `'x'`, `1`, `1.5`, `true`, a `const` without a type).
    Untyped(UntypedKind),
    /// A named type declared in this package.
    Named(Named),
    /// A named type of an imported package, by import path (`strings.Builder` is
    /// `("strings", "Builder")`).
    Imported {
        path: String,
        name: String,
        args: Vec<Ty>,
    },
    Pointer(Box<Ty>),
    Slice(Box<Ty>),
    /// An array with its length when it is an evident constant.
    Array(Option<u64>, Box<Ty>),
    Map(Box<Ty>, Box<Ty>),
    Chan(ChanDir, Box<Ty>),
    /// A function type (its signature is not modelled).
    Func,
    /// A struct type literal, where written (None: from the standard library).
    Struct(Option<Written>),
    /// An interface type literal, where written (None: from the standard library).
    Interface(Option<Written>),
    /// The results of a call with several.
    Tuple(Vec<Ty>),
}

/// What a type is, for `len`, `range` and integer loops (see [`kind`]).
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

/// What a type is, as far as copying a value of it is concerned (see [`shape`]).
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

/// The canonical name of the predeclared type spelled `name` (`byte` → `uint8`).
pub fn canonical_predeclared(name: &str) -> Option<&'static str> {
    match name {
        "byte" => Some("uint8"),
        "rune" => Some("int32"),
        _ => crate::golang::BASIC_TYPES
            .iter()
            .chain(["error", "any", "comparable"].iter())
            .find(|b| **b == name && !matches!(name, "byte" | "rune"))
            .copied(),
    }
}

impl Ty {
    pub fn string() -> Ty {
        Ty::Predeclared("string")
    }

    /// The canonical predeclared name, for a predeclared type.
    pub fn predeclared(&self) -> Option<&'static str> {
        match self {
            Ty::Predeclared(b) => Some(b),
            _ => None,
        }
    }

    /// True for the named type `name` of the package imported from `path`
    /// (`is_imported("context", "Context")`).
    pub fn is_imported(&self, path: &str, name: &str) -> bool {
        matches!(self, Ty::Imported { path: p, name: n, args } if p == path && n == name && args.is_empty())
    }

    /// True for `string` and untyped string constants.
    pub fn is_string(&self) -> bool {
        matches!(
            self,
            Ty::Predeclared("string") | Ty::Untyped(UntypedKind::String)
        )
    }

    /// True for `[]byte` (a slice of the predeclared `byte`/`uint8`).
    pub fn is_byte_slice(&self) -> bool {
        matches!(self, Ty::Slice(e) if **e == Ty::Predeclared("uint8"))
    }

    pub fn is_untyped(&self) -> bool {
        matches!(self, Ty::Untyped(_))
    }

    /// The type a variable gets when initialised with a value of this type: untyped
    /// constants take their default type (`1` → `int`, `'x'` → `rune`).
    pub fn defaulted(self) -> Ty {
        match self {
            Ty::Untyped(k) => Ty::Predeclared(match k {
                UntypedKind::Bool => "bool",
                UntypedKind::Int => "int",
                UntypedKind::Rune => "int32",
                UntypedKind::Float => "float64",
                UntypedKind::Complex => "complex128",
                UntypedKind::String => "string",
            }),
            t => t,
        }
    }

    /// True for a predeclared integer type or an untyped integer or rune constant.
    pub fn is_integer(&self) -> bool {
        match self {
            Ty::Predeclared(b) => crate::golang::INTEGER_TYPES.contains(b),
            Ty::Untyped(k) => matches!(k, UntypedKind::Int | UntypedKind::Rune),
            _ => false,
        }
    }

    fn is_numeric(&self) -> bool {
        match self {
            Ty::Predeclared(b) => crate::golang::NUMERIC_TYPES.contains(b),
            Ty::Untyped(k) => !matches!(k, UntypedKind::Bool | UntypedKind::String),
            _ => false,
        }
    }
}

/// The module's Go version (every version when there is no go.mod).
pub fn go_version(pkg: &Package) -> GoVersion {
    match pkg.go_version() {
        Some((1, minor)) => GoVersion::go1(u16::try_from(minor).unwrap_or(u16::MAX)),
        _ => GoVersion::LATEST,
    }
}

pub use crate::analysis::resolve::is_universe;

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
    if func.kind() != "identifier" || text(func, src) != name || !is_universe(pkg, file, call, name)
    {
        return None;
    }
    Some(named_children(call.child_by_field_name("arguments")?))
}

/// True when `call` is the builtin `len(x)` or `cap(x)`: it reads no element of x.
pub fn is_len_or_cap(pkg: &Package, file: FileId, call: Node) -> bool {
    ["len", "cap"]
        .iter()
        .any(|b| builtin_call_args(pkg, file, call, b).is_some_and(|a| a.len() == 1))
}

/// The declaring identifier of the identifier `ident`: a local one (same file), or a
/// package-level variable or constant.
pub fn value_decl<'a>(
    pkg: &'a Package,
    file: FileId,
    ident: Node<'a>,
) -> Option<(FileId, Node<'a>)> {
    let src = &pkg.files[file].src.text;
    let name = text(ident, src);
    match local_decl(ident, name, src) {
        Some(d) => Some((file, d)),
        None => package_value_decl(pkg, name),
    }
}

/// True when `name` is declared by a package-level `type` declaration of the package.
pub fn is_package_type(pkg: &Package, name: &str) -> bool {
    !crate::analysis::decls::package_specs(pkg, name, &["type_declaration"]).is_empty()
}

// ---------------------------------------------------------------------------------------
// Declarations

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
    decl_kind_above(&crate::syntax::ancestors(decl).skip(1).collect::<Vec<_>>())
}

/// [`decl_kind`], given the ancestors of the declaring identifier, innermost first (found
/// in one descent: each `Node::parent` is a descent from the root).
fn decl_kind_above(up: &[Node]) -> DeclKind {
    let Some(&parent) = up.first() else {
        return DeclKind::Other;
    };
    match parent.kind() {
        "parameter_declaration" | "variadic_parameter_declaration" => {
            let is_result = up.get(1).is_some_and(|&list| {
                up.get(2)
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
        "expression_list" => match up.get(1).copied() {
            Some(g)
                if g.kind() == "short_var_declaration"
                    && g.child_by_field_name("left") == Some(parent) =>
            {
                DeclKind::Short
            }
            Some(g)
                if g.kind() == "range_clause"
                    && g.child_by_field_name("left") == Some(parent)
                    && declares_with_define(g) =>
            {
                DeclKind::Range
            }
            _ => DeclKind::Other,
        },
        _ => DeclKind::Other,
    }
}

/// The type of the variable or constant the identifier `decl` of `file` declares (a local,
/// parameter, result, receiver, or a package-level `var`/`const`). Untyped initial values
/// give their default type, except for constants, which stay untyped.
pub fn decl_type(pkg: &Package, file: FileId, decl: Node) -> Option<Ty> {
    decl_type_at(pkg, file, decl, 0)
}

/// The type of the package-level `var`/`const` named `name` (declared once).
pub fn package_var_type(pkg: &Package, name: &str) -> Option<Ty> {
    let (file, decl) = package_value_decl(pkg, name)?;
    decl_type(pkg, file, decl)
}

fn decl_type_at(pkg: &Package, file: FileId, decl: Node, depth: usize) -> Option<Ty> {
    if depth > MAX_DEPTH {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let up: Vec<Node> = crate::syntax::ancestors(decl).skip(1).collect();
    let parent = *up.first()?;
    match decl_kind_above(&up) {
        DeclKind::Parameter | DeclKind::Result => {
            let t = written_at(pkg, file, parent.child_by_field_name("type")?, depth + 1)?;
            if parent.kind() == "variadic_parameter_declaration" {
                Some(Ty::Slice(Box::new(t)))
            } else {
                Some(t)
            }
        }
        kind @ (DeclKind::Var | DeclKind::Const) => {
            if let Some(ty) = parent.child_by_field_name("type") {
                return written_at(pkg, file, ty, depth + 1);
            }
            let names = field_children(parent, "name");
            let i = names.iter().position(|n| *n == decl)?;
            let values = named_children(parent.child_by_field_name("value")?);
            let t = assigned(pkg, file, &values, i, names.len(), depth)?;
            if kind == DeclKind::Const {
                Some(t)
            } else {
                Some(t.defaulted())
            }
        }
        DeclKind::Short => {
            let stmt = *up.get(1)?;
            let names = named_children(parent);
            let i = names.iter().position(|n| *n == decl)?;
            // `a, b := …` may redeclare (reuse) an `a` declared earlier in the same scope,
            // whose type then wins: only trust it when no `a` is visible.
            if names.len() > 1 && local_decl(stmt, text(decl, src), src).is_some() {
                return None;
            }
            let values = named_children(stmt.child_by_field_name("right")?);
            Some(assigned(pkg, file, &values, i, names.len(), depth)?.defaulted())
        }
        DeclKind::Range => {
            let clause = *up.get(1)?;
            let i = named_children(parent).iter().position(|n| *n == decl)?;
            let over = type_at(pkg, file, clause.child_by_field_name("right")?, depth + 1)?;
            let (k, v) = range_types(pkg, &over.defaulted(), depth + 1)?;
            match i {
                0 => Some(k),
                1 => v,
                _ => None,
            }
        }
        DeclKind::Other => None,
    }
}

/// The type of the `i`-th of `count` names assigned `values`: one value per name, or one
/// call (or comma-ok expression) for all.
fn assigned(
    pkg: &Package,
    file: FileId,
    values: &[Node],
    i: usize,
    count: usize,
    depth: usize,
) -> Option<Ty> {
    if values.len() == count {
        return type_at(pkg, file, values[i], depth + 1);
    }
    let [value] = values else { return None };
    let mut inner = *value;
    while inner.kind() == "parenthesized_expression" {
        inner = *named_children(inner).first()?;
    }
    let comma_ok = matches!(
        inner.kind(),
        "index_expression" | "type_assertion_expression"
    ) || (inner.kind() == "unary_expression"
        && inner
            .child_by_field_name("operator")
            .is_some_and(|o| text(o, &pkg.files[file].src.text) == "<-"));
    if comma_ok && count == 2 {
        return match i {
            0 => type_at(pkg, file, inner, depth + 1),
            _ => Some(Ty::Untyped(UntypedKind::Bool)),
        };
    }
    match type_at(pkg, file, inner, depth + 1)? {
        Ty::Tuple(ts) if ts.len() == count => ts.into_iter().nth(i),
        _ => None,
    }
}

/// The types of the key and value variables of `range` over a value of type `over`.
fn range_types(pkg: &Package, over: &Ty, depth: usize) -> Option<(Ty, Option<Ty>)> {
    let int = Ty::Predeclared("int");
    let under = underlying_at(pkg, over, depth)?;
    match &under {
        Ty::Predeclared("string") => Some((int, Some(Ty::Predeclared("int32")))),
        // Go 1.22 range over an integer: the variable has the integer's type.
        t if t.is_integer() => Some((over.clone(), None)),
        Ty::Slice(e) | Ty::Array(_, e) => Some((int, Some((**e).clone()))),
        Ty::Pointer(p) => match underlying_at(pkg, p, depth + 1)? {
            Ty::Array(_, e) => Some((int, Some(*e))),
            _ => None,
        },
        Ty::Map(k, v) => Some(((**k).clone(), Some((**v).clone()))),
        Ty::Chan(ChanDir::Send, _) => None,
        Ty::Chan(_, e) => Some(((**e).clone(), None)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Written types

/// The type written at the type node `node` of `file`.
pub fn written_type(pkg: &Package, file: FileId, node: Node) -> Option<Ty> {
    written_at(pkg, file, node, 0)
}

fn written_at(pkg: &Package, file: FileId, node: Node, depth: usize) -> Option<Ty> {
    if depth > MAX_DEPTH {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let sub = |field: &str| -> Option<Box<Ty>> {
        Some(Box::new(written_at(
            pkg,
            file,
            node.child_by_field_name(field)?,
            depth + 1,
        )?))
    };
    match node.kind() {
        "type_identifier" => type_name(pkg, file, node, text(node, src), Vec::new(), depth),
        "generic_type" => {
            let base = node.child_by_field_name("type")?;
            if base.kind() != "type_identifier" {
                return None;
            }
            let args = node
                .child_by_field_name("type_arguments")
                .map(named_children)
                .unwrap_or_default()
                .into_iter()
                .map(|a| {
                    // A type argument is a type_elem wrapping the type.
                    let t = if a.kind() == "type_elem" {
                        *named_children(a).first()?
                    } else {
                        a
                    };
                    written_at(pkg, file, t, depth + 1)
                })
                .collect::<Option<Vec<Ty>>>()?;
            if args.is_empty() {
                return None;
            }
            type_name(pkg, file, base, text(base, src), args, depth)
        }
        "qualified_type" => {
            let p = node.child_by_field_name("package")?;
            let n = node.child_by_field_name("name")?;
            let path = resolve(pkg, file, p)?;
            Some(Ty::Imported {
                path,
                name: text(n, src).to_string(),
                args: Vec::new(),
            })
        }
        "parenthesized_type" => written_at(pkg, file, *named_children(node).first()?, depth + 1),
        "pointer_type" => Some(Ty::Pointer(Box::new(written_at(
            pkg,
            file,
            *named_children(node).first()?,
            depth + 1,
        )?))),
        "slice_type" => Some(Ty::Slice(sub("element")?)),
        "array_type" => {
            let len = node
                .child_by_field_name("length")
                .and_then(|l| super::consts::const_int(pkg, file, l))
                .and_then(|n| u64::try_from(n).ok());
            Some(Ty::Array(len, sub("element")?))
        }
        "implicit_length_array_type" => Some(Ty::Array(None, sub("element")?)),
        "map_type" => Some(Ty::Map(sub("key")?, sub("value")?)),
        "channel_type" => {
            let compact = text(node, src).replace([' ', '\t', '\n'], "");
            let dir = if compact.starts_with("<-chan") {
                ChanDir::Recv
            } else if compact.starts_with("chan<-") {
                ChanDir::Send
            } else {
                ChanDir::Both
            };
            Some(Ty::Chan(dir, sub("value")?))
        }
        "function_type" => Some(Ty::Func),
        "struct_type" => Some(Ty::Struct(Some(Written::of(file, node)))),
        "interface_type" => Some(Ty::Interface(Some(Written::of(file, node)))),
        _ => None,
    }
}

/// The type a type name means at `at`: a local type, a package type, or a predeclared one.
fn type_name(
    pkg: &Package,
    file: FileId,
    at: Node,
    name: &str,
    args: Vec<Ty>,
    depth: usize,
) -> Option<Ty> {
    let src = &pkg.files[file].src.text;
    if let Some(d) = local_decl(at, name, src) {
        // Only a type declaration; a type parameter (or a variable) is not known here.
        let spec = d.parent()?;
        return match spec.kind() {
            "type_spec" => Some(Ty::Named(Named {
                name: name.to_string(),
                local: Some(Written::of(file, spec)),
                args,
            })),
            "type_alias" if args.is_empty() => {
                written_at(pkg, file, spec.child_by_field_name("type")?, depth + 1)
            }
            _ => None,
        };
    }
    if let Some((f, spec)) = package_type_spec(pkg, name) {
        return match spec.kind() {
            "type_spec" => Some(Ty::Named(Named {
                name: name.to_string(),
                local: None,
                args,
            })),
            "type_alias" if args.is_empty() => {
                written_at(pkg, f, spec.child_by_field_name("type")?, depth + 1)
            }
            _ => None,
        };
    }
    if pkg.index().has_top_level(name) || !args.is_empty() {
        return None;
    }
    canonical_predeclared(name).map(Ty::Predeclared)
}

/// The type spec of a named type of the package, with its file.
fn named_spec<'p>(pkg: &'p Package, n: &Named) -> Option<(FileId, Node<'p>)> {
    match n.local {
        Some(w) => Some((w.file, w.node(pkg, "type_spec")?)),
        None => {
            let (f, spec) = package_type_spec(pkg, &n.name)?;
            (spec.kind() == "type_spec").then_some((f, spec))
        }
    }
}

/// The underlying type of `ty`: named types (of the package, non-generic, or of the
/// standard library) are followed to their definition.
pub fn underlying(pkg: &Package, ty: &Ty) -> Option<Ty> {
    underlying_at(pkg, ty, 0)
}

fn underlying_at(pkg: &Package, ty: &Ty, depth: usize) -> Option<Ty> {
    if depth > MAX_DEPTH {
        return None;
    }
    match ty {
        Ty::Named(n) => {
            if !n.args.is_empty() {
                return None;
            }
            let (f, spec) = named_spec(pkg, n)?;
            if spec.child_by_field_name("type_parameters").is_some() {
                return None;
            }
            let t = written_at(pkg, f, spec.child_by_field_name("type")?, depth + 1)?;
            underlying_at(pkg, &t, depth + 1)
        }
        Ty::Imported { path, name, args } => {
            let v = go_version(pkg);
            let decl = stdlib::type_decl(path, name, v)?;
            match &decl.def {
                stdlib::TypeDef::Basic => canonical_predeclared(name).map(Ty::Predeclared),
                stdlib::TypeDef::Struct => Some(Ty::Struct(None)),
                stdlib::TypeDef::Interface => Some(Ty::Interface(None)),
                stdlib::TypeDef::Alias(t) | stdlib::TypeDef::Defined(t) => {
                    if !decl.type_params.is_empty() && args.is_empty() {
                        return None;
                    }
                    let std_args = args.iter().map(to_std).collect::<Option<Vec<_>>>()?;
                    let t = from_std(&t.subst(&std_args))?;
                    underlying_at(pkg, &t, depth + 1)
                }
            }
        }
        Ty::Predeclared("any") => Some(Ty::Interface(None)),
        Ty::Predeclared("error") | Ty::Predeclared("comparable") => Some(Ty::Interface(None)),
        Ty::Untyped(_) | Ty::Tuple(_) => None,
        t => Some(t.clone()),
    }
}

/// The type of the standard library's API as a [`Ty`] (None for a type parameter).
fn from_std(t: &Type) -> Option<Ty> {
    let b = |t: &Type| from_std(t).map(Box::new);
    Some(match t {
        Type::Named { pkg, name, args } if pkg.is_empty() => {
            if !args.is_empty() {
                return None;
            }
            Ty::Predeclared(canonical_predeclared(name)?)
        }
        Type::Named { pkg, name, args } => Ty::Imported {
            path: pkg.to_string(),
            name: name.to_string(),
            args: args.iter().map(from_std).collect::<Option<Vec<_>>>()?,
        },
        Type::Pointer(t) => Ty::Pointer(b(t)?),
        Type::Slice(t) => Ty::Slice(b(t)?),
        Type::Array(n, t) => Ty::Array(Some(*n), b(t)?),
        Type::Map(k, v) => Ty::Map(b(k)?, b(v)?),
        Type::Chan(d, t) => Ty::Chan(*d, b(t)?),
        Type::Func(_) => Ty::Func,
        Type::Struct => Ty::Struct(None),
        Type::Interface(text) if !text.contains('$') => Ty::Interface(None),
        Type::Interface(_) | Type::TypeParam(_) => return None,
    })
}

/// The signature of the standard-library method `name` called on a value of type `recv`
/// (a standard-library named type, a pointer to one, or `error`).
pub fn std_method_signature(pkg: &Package, recv: &Ty, name: &str) -> Option<stdlib::Signature> {
    let (_, sig) = stdlib::method_of_type(&to_std(recv)?, name, go_version(pkg))?;
    Some(sig)
}

/// A [`Ty`] as the standard library's API writes types (None for a type of this package).
fn to_std(t: &Ty) -> Option<Type> {
    let b = |t: &Ty| to_std(t).map(Box::new);
    Some(match t {
        Ty::Predeclared(name) => Type::Named {
            pkg: "".into(),
            name: (*name).into(),
            args: Vec::new(),
        },
        Ty::Imported { path, name, args } => Type::Named {
            pkg: path.as_str().into(),
            name: name.as_str().into(),
            args: args.iter().map(to_std).collect::<Option<Vec<_>>>()?,
        },
        Ty::Pointer(t) => Type::Pointer(b(t)?),
        Ty::Slice(t) => Type::Slice(b(t)?),
        Ty::Array(Some(n), t) => Type::Array(*n, b(t)?),
        Ty::Map(k, v) => Type::Map(b(k)?, b(v)?),
        Ty::Chan(d, t) => Type::Chan(*d, b(t)?),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------
// Expressions

/// The type of the expression `expr` of `file`, when it is evident (see the module doc).
pub fn type_of(pkg: &Package, file: FileId, expr: Node) -> Option<Ty> {
    type_at(pkg, file, expr, 0)
}

fn type_at(pkg: &Package, file: FileId, expr: Node, depth: usize) -> Option<Ty> {
    if depth > MAX_DEPTH {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let d = depth + 1;
    let field = |name: &str| expr.child_by_field_name(name);
    match expr.kind() {
        "interpreted_string_literal" | "raw_string_literal" => {
            Some(Ty::Untyped(UntypedKind::String))
        }
        "int_literal" => Some(Ty::Untyped(UntypedKind::Int)),
        "float_literal" => Some(Ty::Untyped(UntypedKind::Float)),
        "rune_literal" => Some(Ty::Untyped(UntypedKind::Rune)),
        "imaginary_literal" => Some(Ty::Untyped(UntypedKind::Complex)),
        "true" | "false" => {
            is_universe(pkg, file, expr, expr.kind()).then_some(Ty::Untyped(UntypedKind::Bool))
        }
        "parenthesized_expression" => type_at(pkg, file, *named_children(expr).first()?, d),
        "identifier" => {
            let name = text(expr, src);
            if name == "_" {
                return None;
            }
            if let Some(decl) = local_decl(expr, name, src) {
                return decl_type_at(pkg, file, decl, d);
            }
            if let Some((f, decl)) = package_value_decl(pkg, name) {
                return decl_type_at(pkg, f, decl, d);
            }
            package_func_decl(pkg, name).map(|_| Ty::Func)
        }
        "func_literal" => Some(Ty::Func),
        "composite_literal" | "type_conversion_expression" => {
            written_at(pkg, file, field("type")?, d)
        }
        "unary_expression" => {
            let op = text(field("operator")?, src);
            let operand = field("operand")?;
            if op == "&" {
                return Some(Ty::Pointer(Box::new(type_at(pkg, file, operand, d)?)));
            }
            let t = type_at(pkg, file, operand, d)?;
            match op {
                "-" | "+" if t.is_numeric() => Some(t),
                "^" if t.is_integer() => Some(t),
                "!" if matches!(t, Ty::Predeclared("bool") | Ty::Untyped(UntypedKind::Bool)) => {
                    Some(t)
                }
                "*" => match underlying_at(pkg, &t, d)? {
                    Ty::Pointer(e) => Some(*e),
                    _ => None,
                },
                "<-" => match underlying_at(pkg, &t, d)? {
                    Ty::Chan(ChanDir::Send, _) => None,
                    Ty::Chan(_, e) => Some(*e),
                    _ => None,
                },
                _ => None,
            }
        }
        "binary_expression" => {
            let op = text(field("operator")?, src);
            if matches!(op, "==" | "!=" | "<" | "<=" | ">" | ">=" | "&&" | "||") {
                return Some(Ty::Untyped(UntypedKind::Bool));
            }
            let l = type_at(pkg, file, field("left")?, d)?;
            if matches!(op, "<<" | ">>") {
                return l.is_integer().then_some(l);
            }
            let r = type_at(pkg, file, field("right")?, d)?;
            binary_type(op, l, r)
        }
        "index_expression" => {
            let t = type_at(pkg, file, field("operand")?, d)?;
            match underlying_at(pkg, &t, d)? {
                Ty::Predeclared("string") => Some(Ty::Predeclared("uint8")),
                Ty::Slice(e) | Ty::Array(_, e) => Some(*e),
                Ty::Map(_, v) => Some(*v),
                Ty::Pointer(p) => match underlying_at(pkg, &p, d)? {
                    Ty::Array(_, e) => Some(*e),
                    _ => None,
                },
                _ => None,
            }
        }
        "slice_expression" => {
            let t = type_at(pkg, file, field("operand")?, d)?;
            match underlying_at(pkg, &t, d)? {
                Ty::Predeclared("string") => Some(t.defaulted()),
                Ty::Slice(_) => Some(t),
                Ty::Array(_, e) => Some(Ty::Slice(e)),
                Ty::Pointer(p) => match underlying_at(pkg, &p, d)? {
                    Ty::Array(_, e) => Some(Ty::Slice(e)),
                    _ => None,
                },
                _ => None,
            }
        }
        "type_assertion_expression" => written_at(pkg, file, field("type")?, d),
        "selector_expression" => selector_type(pkg, file, expr, d),
        "call_expression" => call_type(pkg, file, expr, d),
        _ => None,
    }
}

/// The type of `l op r` for an arithmetic operator, when both operand types are known.
fn binary_type(op: &str, l: Ty, r: Ty) -> Option<Ty> {
    use UntypedKind as U;
    if let (Ty::Untyped(a), Ty::Untyped(b)) = (&l, &r) {
        return match (a, b) {
            (U::String, U::String) if op == "+" => Some(l),
            (U::String | U::Bool, _) | (_, U::String | U::Bool) => None,
            _ => {
                // The "larger" kind wins: int < rune < float < complex.
                let rank = |k: &U| match k {
                    U::Int => 0,
                    U::Rune => 1,
                    U::Float => 2,
                    _ => 3,
                };
                if rank(a) >= rank(b) { Some(l) } else { Some(r) }
            }
        };
    }
    // A typed operand fixes the type; the other must be the same type or untyped.
    let (typed, other) = if l.is_untyped() { (r, l) } else { (l, r) };
    if other != typed && !other.is_untyped() {
        return None;
    }
    match typed {
        Ty::Predeclared("string") if op == "+" && other.is_string() => Some(typed),
        Ty::Predeclared("string") => None,
        ref t if t.is_numeric() && !other.is_string() && other != Ty::Untyped(U::Bool) => {
            Some(typed)
        }
        _ => None,
    }
}

/// The type of `x.sel`: a variable or constant of an imported package, or a field.
fn selector_type(pkg: &Package, file: FileId, expr: Node, depth: usize) -> Option<Ty> {
    let src = &pkg.files[file].src.text;
    let operand = expr.child_by_field_name("operand")?;
    let sel = text(expr.child_by_field_name("field")?, src);
    let v = go_version(pkg);
    if let Some(path) = resolve(pkg, file, operand) {
        return match stdlib::member(&path, sel, v)? {
            Member::Var(t) => from_std(t),
            Member::Const(ConstType::Typed(t)) => from_std(t),
            Member::Const(ConstType::Untyped(k)) => Some(Ty::Untyped(*k)),
            Member::Func(_) => Some(Ty::Func),
            _ => None,
        };
    }
    let base = type_at(pkg, file, operand, depth + 1)?;
    field_type(pkg, &base, sel, depth + 1)
}

/// The type of the field `name` of a value of type `ty` (a struct, or a pointer to one):
/// own fields only, as written (a promoted field is unknown).
pub fn field_type(pkg: &Package, ty: &Ty, name: &str, depth: usize) -> Option<Ty> {
    if depth > MAX_DEPTH {
        return None;
    }
    let ty = match ty {
        Ty::Pointer(p) => (**p).clone(),
        t => t.clone(),
    };
    if let Ty::Imported { .. } = ty {
        let std = stdlib::field_of_type(&to_std(&ty)?, name, go_version(pkg))?;
        return from_std(&std);
    }
    let Ty::Struct(Some(w)) = underlying_at(pkg, &ty, depth + 1)? else {
        return None;
    };
    let node = w.node(pkg, "struct_type")?;
    let src = &pkg.files[w.file].src.text;
    let list = named_children(node)
        .into_iter()
        .find(|n| n.kind() == "field_declaration_list")?;
    for decl in named_children(list) {
        if decl.kind() == "field_declaration"
            && field_children(decl, "name")
                .iter()
                .any(|n| text(*n, src) == name)
        {
            return written_at(pkg, w.file, decl.child_by_field_name("type")?, depth + 1);
        }
    }
    None
}

/// The type of a call: a builtin, a conversion, a function or method of the package, or
/// a function or method of the standard library. Several results give a [`Ty::Tuple`].
fn call_type(pkg: &Package, file: FileId, call: Node, depth: usize) -> Option<Ty> {
    let src = &pkg.files[file].src.text;
    let mut func = call.child_by_field_name("function")?;
    while func.kind() == "parenthesized_expression" {
        func = *named_children(func).first()?;
    }
    let args = named_children(call.child_by_field_name("arguments")?);
    let v = go_version(pkg);
    match func.kind() {
        "identifier" => {
            let name = text(func, src);
            if is_universe(pkg, file, func, name) {
                return builtin_call_type(pkg, file, name, &args, depth);
            }
            if local_decl(func, name, src).is_some() {
                // A local closure or a local type conversion: not modelled.
                return written_conversion(pkg, file, func, &args, depth);
            }
            if let Some((f, decl)) = package_func_decl(pkg, name) {
                return results(pkg, f, decl, depth + 1);
            }
            written_conversion(pkg, file, func, &args, depth)
        }
        "selector_expression" => {
            let operand = func.child_by_field_name("operand")?;
            let sel = text(func.child_by_field_name("field")?, src);
            if let Some(path) = resolve(pkg, file, operand) {
                return match stdlib::member(&path, sel, v)? {
                    Member::Func(f) => {
                        if !f.sig.type_params.is_empty() {
                            return None;
                        }
                        std_results(&f.sig.results)
                    }
                    Member::Type(_) if args.len() == 1 => Some(Ty::Imported {
                        path,
                        name: sel.to_string(),
                        args: Vec::new(),
                    }),
                    _ => None,
                };
            }
            let recv = type_at(pkg, file, operand, depth + 1)?;
            method_type(pkg, &recv, sel, depth + 1)
        }
        // `[]byte(x)` parsed as a call, `(*T)(x)`, `T[int](x)`.
        "parenthesized_type" | "slice_type" | "array_type" | "map_type" | "generic_type"
        | "qualified_type" | "pointer_type" => {
            (args.len() == 1).then_some(())?;
            written_at(pkg, file, func, depth + 1)
        }
        _ => None,
    }
}

/// True when `call` is a conversion `T(x)`: its function is a type (predeclared, of the
/// package, of an imported package, or a type literal), not a function.
pub fn is_conversion(pkg: &Package, file: FileId, call: Node) -> bool {
    let src = &pkg.files[file].src.text;
    let Some(mut func) = call.child_by_field_name("function") else {
        return false;
    };
    while func.kind() == "parenthesized_expression" {
        match named_children(func).first() {
            Some(f) => func = *f,
            None => return false,
        }
    }
    match func.kind() {
        "identifier" => {
            let name = text(func, src);
            match local_decl(func, name, src) {
                Some(d) => d
                    .parent()
                    .is_some_and(|p| matches!(p.kind(), "type_spec" | "type_alias")),
                None if pkg.index().has_top_level(name) => package_type_spec(pkg, name).is_some(),
                None => {
                    canonical_predeclared(name).is_some()
                        && !pkg.imports(file).iter().any(|i| i.local_name == name)
                }
            }
        }
        "selector_expression" => {
            let (Some(operand), Some(sel)) = (
                func.child_by_field_name("operand"),
                func.child_by_field_name("field"),
            ) else {
                return false;
            };
            resolve(pkg, file, operand).is_some_and(|path| {
                matches!(
                    stdlib::member(&path, text(sel, src), go_version(pkg)),
                    Some(Member::Type(_))
                )
            })
        }
        "parenthesized_type" | "slice_type" | "array_type" | "map_type" | "pointer_type"
        | "qualified_type" | "generic_type" | "channel_type" | "function_type"
        | "interface_type" => true,
        _ => false,
    }
}

/// `T(x)` for a type name `T` (local or package-level).
fn written_conversion(
    pkg: &Package,
    file: FileId,
    func: Node,
    args: &[Node],
    depth: usize,
) -> Option<Ty> {
    if args.len() != 1 {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let name = text(func, src);
    let local = local_decl(func, name, src);
    let is_type = match local {
        Some(d) => d
            .parent()
            .is_some_and(|p| matches!(p.kind(), "type_spec" | "type_alias")),
        None => package_type_spec(pkg, name).is_some(),
    };
    is_type.then_some(())?;
    type_name(pkg, file, func, name, Vec::new(), depth + 1)
}

/// A call of the predeclared `name` (a builtin function or a conversion).
fn builtin_call_type(
    pkg: &Package,
    file: FileId,
    name: &str,
    args: &[Node],
    depth: usize,
) -> Option<Ty> {
    match name {
        "len" | "cap" | "copy" => Some(Ty::Predeclared("int")),
        "make" => written_at(pkg, file, *args.first()?, depth + 1),
        "new" => Some(Ty::Pointer(Box::new(written_at(
            pkg,
            file,
            *args.first()?,
            depth + 1,
        )?))),
        "append" => {
            let t = type_at(pkg, file, *args.first()?, depth + 1)?;
            matches!(underlying_at(pkg, &t, depth + 1)?, Ty::Slice(_)).then_some(t)
        }
        _ if args.len() == 1 && args[0].kind() != "variadic_argument" => {
            canonical_predeclared(name).map(Ty::Predeclared)
        }
        _ => None,
    }
}

/// The result types of a function or method declaration of the package (None for a
/// generic one, or results that are not all written).
fn results(pkg: &Package, file: FileId, decl: Node, depth: usize) -> Option<Ty> {
    if decl.child_by_field_name("type_parameters").is_some() {
        return None;
    }
    let mut types = Vec::new();
    for t in crate::syntax::result_types(decl)? {
        types.push(written_at(pkg, file, t, depth + 1)?);
    }
    match types.len() {
        0 => None,
        1 => types.pop(),
        _ => Some(Ty::Tuple(types)),
    }
}

fn std_results(results: &[Type]) -> Option<Ty> {
    match results {
        [] => None,
        [one] => from_std(one),
        many => Some(Ty::Tuple(
            many.iter().map(from_std).collect::<Option<Vec<_>>>()?,
        )),
    }
}

/// The result type of calling method `name` on a value of type `recv`.
fn method_type(pkg: &Package, recv: &Ty, name: &str, depth: usize) -> Option<Ty> {
    let base = match recv {
        Ty::Pointer(p) => &**p,
        t => t,
    };
    match base {
        Ty::Named(n) if n.local.is_none() && n.args.is_empty() => {
            if let Some((f, decl)) = method_decl(pkg, &n.name, name) {
                return results(pkg, f, decl, depth + 1);
            }
            // A method of an interface type of the package.
            let Ty::Interface(Some(w)) = underlying_at(pkg, base, depth + 1)? else {
                return None;
            };
            interface_method(pkg, w, name, depth + 1)
        }
        Ty::Interface(Some(w)) => interface_method(pkg, *w, name, depth + 1),
        Ty::Imported { .. } | Ty::Predeclared("error") => {
            let (_, sig) = stdlib::method_of_type(&to_std(recv)?, name, go_version(pkg))?;
            std_results(&sig.results)
        }
        _ => None,
    }
}

/// The parameter and result types of method `name` of a value of type `recv` (a named type
/// of the package or of the standard library, a pointer to one, or an interface), when all
/// are evident: `(vec![string], (int, error))` for `WriteString` of a `*bufio.Writer`. None
/// for an unknown receiver or method, a generic or variadic method, or a type whose method
/// set is not fully visible (a method of the package promoted from an embedded field is
/// not looked for). Whether a value may call a pointer-receiver method is not checked: a
/// caller asking about a twin of a method the code already calls on the same value (an
/// addressable value or a pointer) gets the same answer Go would give.
pub fn method_signature(pkg: &Package, recv: &Ty, name: &str) -> Option<(Vec<Ty>, Ty)> {
    let base = match recv {
        Ty::Pointer(p) => &**p,
        t => t,
    };
    let written = |file: FileId, node: Node| -> Option<(Vec<Ty>, Ty)> {
        if node.child_by_field_name("type_parameters").is_some() {
            return None;
        }
        let params = node.child_by_field_name("parameters")?;
        let mut types = Vec::new();
        for p in named_children(params) {
            if p.kind() != "parameter_declaration" {
                return None;
            }
            let ty = written_at(pkg, file, p.child_by_field_name("type")?, 1)?;
            let n = field_children(p, "name").len().max(1);
            types.extend(std::iter::repeat_n(ty, n));
        }
        let results = results(pkg, file, node, 1).unwrap_or(Ty::Tuple(Vec::new()));
        Some((types, results))
    };
    let in_interface = |w: Written| -> Option<(Vec<Ty>, Ty)> {
        let node = w.node(pkg, "interface_type")?;
        let src = &pkg.files[w.file].src.text;
        let elem = named_children(node).into_iter().find(|m| {
            m.kind() == "method_elem"
                && m.child_by_field_name("name")
                    .is_some_and(|n| text(n, src) == name)
        })?;
        written(w.file, elem)
    };
    match base {
        Ty::Named(n) if n.local.is_none() && n.args.is_empty() => {
            if let Some((f, decl)) = method_decl(pkg, &n.name, name) {
                return written(f, decl);
            }
            let Ty::Interface(Some(w)) = underlying_at(pkg, base, 1)? else {
                return None;
            };
            in_interface(w)
        }
        Ty::Interface(Some(w)) => in_interface(*w),
        Ty::Imported { .. } | Ty::Predeclared("error") => {
            let (_, sig) = stdlib::method_of_type(&to_std(recv)?, name, go_version(pkg))?;
            if sig.variadic {
                return None;
            }
            let params = sig
                .params
                .iter()
                .map(from_std)
                .collect::<Option<Vec<_>>>()?;
            let results = std_results(&sig.results).unwrap_or(Ty::Tuple(Vec::new()));
            Some((params, results))
        }
        _ => None,
    }
}

/// The results of method `name` written in the interface type at `w`.
fn interface_method(pkg: &Package, w: Written, name: &str, depth: usize) -> Option<Ty> {
    let node = w.node(pkg, "interface_type")?;
    let src = &pkg.files[w.file].src.text;
    let elem = named_children(node).into_iter().find(|m| {
        m.kind() == "method_elem"
            && m.child_by_field_name("name")
                .is_some_and(|n| text(n, src) == name)
    })?;
    results(pkg, w.file, elem, depth)
}

// ---------------------------------------------------------------------------------------
// Views

/// What `ty` is for `len`, `range` and integer loops.
pub fn kind(pkg: &Package, ty: &Ty) -> Kind {
    let Some(under) = underlying(pkg, ty) else {
        return match ty {
            Ty::Untyped(UntypedKind::String) => Kind::String,
            t if t.is_integer() => Kind::Integer,
            _ => Kind::Unknown,
        };
    };
    match under {
        Ty::Slice(_) => Kind::Slice,
        Ty::Array(..) => Kind::Array,
        Ty::Pointer(p) => match underlying(pkg, &p) {
            Some(Ty::Array(..)) => Kind::PtrArray,
            _ => Kind::Unknown,
        },
        Ty::Map(..) => Kind::Map,
        Ty::Chan(..) => Kind::Chan,
        Ty::Func => Kind::Func,
        Ty::Predeclared("string") => Kind::String,
        t if t.is_integer() => Kind::Integer,
        _ => Kind::Unknown,
    }
}

/// The kind of the expression `expr` ([`Kind::Unknown`] when its type is not evident).
pub fn kind_of_expr(pkg: &Package, file: FileId, expr: Node) -> Kind {
    type_of(pkg, file, expr).map_or(Kind::Unknown, |t| kind(pkg, &t))
}

/// How a value of type `ty` is copied. A named type that is not an interface is a
/// [`Shape::Value`] (it may have methods with pointer receivers).
pub fn shape(pkg: &Package, ty: &Ty) -> Option<Shape> {
    Some(match ty {
        Ty::Predeclared("error" | "any" | "comparable") => Shape::Interface,
        Ty::Predeclared(_) => Shape::Basic,
        Ty::Named(_) | Ty::Imported { .. } => match underlying(pkg, ty) {
            Some(Ty::Interface(_)) => Shape::Interface,
            // An unknown imported type is assumed a value, as a struct would be.
            _ => Shape::Value,
        },
        Ty::Pointer(_) => Shape::Pointer,
        Ty::Slice(_) => Shape::Slice,
        Ty::Map(..) => Shape::Map,
        Ty::Chan(..) => Shape::Chan,
        Ty::Func => Shape::Func,
        Ty::Interface(_) => Shape::Interface,
        Ty::Array(..) => Shape::Array,
        Ty::Struct(_) => Shape::Value,
        Ty::Untyped(_) | Ty::Tuple(_) => return None,
    })
}

/// The zero value of `ty`, written so that it is valid in `file` at `at`: `0`, `""`,
/// `false`, `nil`, `T{}`. None when it cannot be written from here (a type declared in a
/// function, an imported struct, a literal struct type).
pub fn zero_value(pkg: &Package, file: FileId, ty: &Ty, at: Node) -> Option<String> {
    let src = &pkg.files[file].src.text;
    Some(match ty {
        Ty::Predeclared("string") => "\"\"".to_string(),
        Ty::Predeclared("bool") => "false".to_string(),
        Ty::Predeclared("error" | "any") => "nil".to_string(),
        Ty::Predeclared(_) => "0".to_string(),
        Ty::Pointer(_) | Ty::Slice(_) | Ty::Map(..) | Ty::Chan(..) | Ty::Func => "nil".to_string(),
        Ty::Interface(_) => "nil".to_string(),
        Ty::Named(n) if n.local.is_none() && n.args.is_empty() => {
            // The name must mean the same type where the zero value is written.
            if local_decl(at, &n.name, src).is_some() {
                return None;
            }
            match underlying(pkg, ty)? {
                Ty::Struct(_) | Ty::Array(..) => format!("{}{{}}", n.name),
                u => zero_value(pkg, file, &u, at).filter(|z| !z.ends_with('}'))?,
            }
        }
        Ty::Imported { .. } => match shape(pkg, ty)? {
            Shape::Interface => "nil".to_string(),
            _ => return None,
        },
        _ => return None,
    })
}

/// The zero value of the type written at the type node `node` of `file`, valid at `at`:
/// [`zero_value`] of [`written_type`], and for a literal array or struct type written on
/// one line (`[4]byte`, `struct{ a int }`), that text followed by `{}`, which
/// [`zero_value`] cannot write from the type alone.
pub fn zero_value_of_written(pkg: &Package, file: FileId, node: Node, at: Node) -> Option<String> {
    let mut n = node;
    while n.kind() == "parenthesized_type" {
        n = *named_children(n).first()?;
    }
    if matches!(n.kind(), "array_type" | "struct_type") {
        let t = text(n, &pkg.files[file].src.text);
        let implicit = n
            .child_by_field_name("length")
            .is_some_and(|l| l.kind() == "implicit_length_array_type");
        return (!t.contains('\n') && !implicit).then(|| format!("{t}{{}}"));
    }
    zero_value(pkg, file, &written_type(pkg, file, node)?, at)
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
            // Every declaration of the name must agree (files built for different systems
            // may declare it differently).
            let specs = crate::analysis::decls::package_specs(pkg, name, &["type_declaration"]);
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

#[cfg(test)]
mod tests;
