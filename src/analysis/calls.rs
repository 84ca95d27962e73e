//! Calls: what a call expression calls (a function or method of the standard library, or
//! one declared in the package), which of its arguments an empty-interface parameter
//! (`any`, `interface{}`, `...any`) receives, and which calls of the package run inside
//! loops (the static hint of `check --rank`, and the evidence of the rules that report a
//! function called from a loop).
//!
//! A callee is known only when the syntax shows it: a package-qualified call of an import
//! (`fmt.Fprintln`), a plain call of a package-level function that no local shadows, or a
//! method call whose operand's type [`crate::analysis::types`] knows (a type of the
//! package with exactly one such method, or a standard-library type). Generic functions of
//! the package are not modelled (their parameter types depend on the instantiation).

use std::collections::HashSet;

use tree_sitter::Node;

use crate::analysis::decls::{method_decl, package_func_decl};
use crate::analysis::resolve::{Resolved, is_universe, resolve};
use crate::analysis::stdlib::{self, Signature, Type};
use crate::analysis::types::{Ty, go_version, std_method_signature, type_of};
use crate::fixkit::edit::FileId;
use crate::package::Package;
use crate::syntax::{field_children, named_children, text};

/// What a call calls.
#[derive(Clone, Debug)]
pub enum Callee<'p> {
    /// A function or method of the standard library, with its signature (type arguments
    /// of a generic receiver substituted).
    Std(Signature),
    /// A function or method declared in the package: its `function_declaration` or
    /// `method_declaration`, in `file`.
    Package { file: FileId, decl: Node<'p> },
}

/// True when `node` is part of an argument of a call that builds an error or stops the
/// program: `fmt.Errorf`, `errors.New`, or the builtin `panic` (searched up to the
/// enclosing function). Such code runs once, on a failure: a cold path, whatever loop
/// built the value.
pub fn builds_error(pkg: &Package, file: FileId, node: Node) -> bool {
    let src = &pkg.files[file].src.text;
    // The chain up to the root in one descent (each `Node::parent` descends from the root).
    let chain: Vec<Node> = crate::syntax::ancestors(node).skip(1).collect();
    for (i, p) in chain.iter().enumerate() {
        if matches!(
            p.kind(),
            "function_declaration" | "method_declaration" | "func_literal"
        ) {
            return false;
        }
        if p.kind() == "argument_list"
            && let Some(call) = chain.get(i + 1)
            && let Some(f) = call.child_by_field_name("function")
        {
            let error_call = match f.kind() {
                "identifier" => text(f, src) == "panic" && is_universe(pkg, file, f, "panic"),
                _ => crate::fixkit::imports::call_target(pkg, file, *call).is_some_and(|(p, n)| {
                    (p == "fmt" && n == "Errorf") || (p == "errors" && n == "New")
                }),
            };
            if error_call {
                return true;
            }
        }
    }
    false
}

/// What `call` (a `call_expression` of `file`) calls, when the syntax shows it.
pub fn callee<'p>(pkg: &'p Package, file: FileId, call: Node<'p>) -> Option<Callee<'p>> {
    if call.kind() != "call_expression" {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let func = call.child_by_field_name("function")?;
    let v = go_version(pkg);
    match func.kind() {
        "identifier" => {
            if resolve(pkg, file, func) != Resolved::Package {
                return None;
            }
            let (f, decl) = package_func_decl(pkg, text(func, src))?;
            if decl.child_by_field_name("type_parameters").is_some() {
                return None;
            }
            Some(Callee::Package { file: f, decl })
        }
        "selector_expression" => {
            let operand = func.child_by_field_name("operand")?;
            let name = text(func.child_by_field_name("field")?, src);
            if let Resolved::Import(path) = resolve(pkg, file, operand) {
                if !crate::fixkit::imports::is_std(path) {
                    return None;
                }
                return Some(Callee::Std(stdlib::func(path, name, v)?.sig.clone()));
            }
            let recv = type_of(pkg, file, operand)?;
            let base = match &recv {
                Ty::Pointer(p) => &**p,
                t => t,
            };
            match base {
                Ty::Named(n) if n.local.is_none() && n.args.is_empty() => {
                    let (f, decl) = method_decl(pkg, &n.name, name)?;
                    Some(Callee::Package { file: f, decl })
                }
                Ty::Imported { .. } | Ty::Predeclared("error") => {
                    Some(Callee::Std(std_method_signature(pkg, &recv, name)?))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// An argument received by an empty-interface parameter.
#[derive(Clone, Copy, Debug)]
pub struct AnyArgument<'p> {
    pub arg: Node<'p>,
    /// For a callee of the package: the parameter's declaring identifier (for `...any`,
    /// the slice the arguments are collected into). None for the standard library, or an
    /// unnamed parameter.
    pub param: Option<Node<'p>>,
    /// True when the parameter is the variadic `...any`.
    pub variadic: bool,
}

/// The arguments of `call` that an `any`/`interface{}` parameter receives (each one is
/// converted to an interface value at the call). A spread `f(xs...)` passes the slice as
/// it is: none of its elements is converted there.
pub fn any_arguments<'p>(pkg: &'p Package, file: FileId, call: Node<'p>) -> Vec<AnyArgument<'p>> {
    let Some(callee) = callee(pkg, file, call) else {
        return Vec::new();
    };
    let Some(args) = call.child_by_field_name("arguments").map(named_children) else {
        return Vec::new();
    };
    if args.iter().any(|a| a.kind() == "variadic_argument") {
        return Vec::new();
    }
    // One entry per parameter position: (is empty interface, declaring identifier).
    let (params, variadic): (Vec<(bool, Option<Node<'p>>)>, bool) = match callee {
        Callee::Std(sig) => (
            sig.params
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let t = match t {
                        Type::Slice(elem) if sig.variadic && i + 1 == sig.params.len() => elem,
                        t => t,
                    };
                    (std_is_empty_interface(t), None)
                })
                .collect(),
            sig.variadic,
        ),
        Callee::Package { file: f, decl } => {
            let Some(list) = decl.child_by_field_name("parameters") else {
                return Vec::new();
            };
            let mut out = Vec::new();
            let mut variadic = false;
            for p in named_children(list) {
                let Some(ty) = p.child_by_field_name("type") else {
                    return Vec::new();
                };
                let empty = is_empty_interface(pkg, f, ty);
                variadic |= p.kind() == "variadic_parameter_declaration";
                let names = field_children(p, "name");
                if names.is_empty() {
                    out.push((empty, None));
                }
                out.extend(names.into_iter().map(|n| (empty, Some(n))));
            }
            (out, variadic)
        }
    };
    let mut out = Vec::new();
    for (i, arg) in args.into_iter().enumerate() {
        let last = params.len().saturating_sub(1);
        let (empty, param) = match params.get(i) {
            Some(p) if !(variadic && i >= last) => *p,
            _ if variadic && !params.is_empty() => params[last],
            _ => continue,
        };
        if empty {
            out.push(AnyArgument {
                arg,
                param,
                variadic: variadic && i >= last,
            });
        }
    }
    out
}

/// True for `any` and `interface{}` as the api files write them.
fn std_is_empty_interface(t: &Type) -> bool {
    match t {
        Type::Named { pkg, name, args } => pkg.is_empty() && &**name == "any" && args.is_empty(),
        Type::Interface(text) => text.is_empty(),
        _ => false,
    }
}

/// True when the type expression `ty` of `file` is the empty interface: the universe's
/// `any`, or `interface{}`.
pub fn is_empty_interface(pkg: &Package, file: FileId, ty: Node) -> bool {
    let src = &pkg.files[file].src.text;
    match ty.kind() {
        "type_identifier" => text(ty, src) == "any" && is_universe(pkg, file, ty, "any"),
        "interface_type" => named_children(ty).is_empty(),
        _ => false,
    }
}

/// A call inside the body of a `for` statement of a non-test file (nested loops and
/// function literals in the body included).
#[derive(Clone, Copy, Debug)]
pub struct LoopCall<'p> {
    pub file: FileId,
    pub call: Node<'p>,
}

impl LoopCall<'_> {
    /// `name.go:LINE`, for messages.
    pub fn place(&self, pkg: &Package) -> String {
        let path = &pkg.files[self.file].src.path;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        format!("{name}:{}", self.call.start_position().row + 1)
    }
}

/// Every call inside a loop body of the package's non-test files that parsed, in file and
/// document order.
pub fn loop_calls(pkg: &Package) -> Vec<LoopCall<'_>> {
    let mut out = Vec::new();
    for (file, f) in pkg.files.iter().enumerate() {
        if f.is_test || f.parse_error().is_some() {
            continue;
        }
        for body in loop_bodies(f.src.root()) {
            crate::syntax::walk(body, |n| {
                if n.kind() == "call_expression" {
                    out.push(LoopCall { file, call: n });
                }
            });
        }
    }
    out.sort_by_key(|c| (c.file, c.call.start_byte()));
    out
}

/// The names called in loops: plain calls (`f(x)`) as functions, selector calls (`x.m()`)
/// as methods (by name alone, whatever the operand).
pub fn called_names(pkg: &Package, calls: &[LoopCall]) -> (HashSet<String>, HashSet<String>) {
    let mut funcs = HashSet::new();
    let mut methods = HashSet::new();
    for c in calls {
        let src = &pkg.files[c.file].src.text;
        let Some(callee) = c.call.child_by_field_name("function") else {
            continue;
        };
        match callee.kind() {
            "identifier" => {
                funcs.insert(text(callee, src).to_string());
            }
            "selector_expression" => {
                if let Some(field) = callee.child_by_field_name("field") {
                    methods.insert(text(field, src).to_string());
                }
            }
            _ => {}
        }
    }
    (funcs, methods)
}

/// The calls among `calls` that call the function or method `decl` of `file` (see
/// [`callee`]: a method call counts when its operand's type is known to be the receiver's).
pub fn calls_of<'p>(
    pkg: &'p Package,
    calls: &[LoopCall<'p>],
    file: FileId,
    decl: Node,
) -> Vec<LoopCall<'p>> {
    let src = &pkg.files[file].src.text;
    let Some(name) = decl.child_by_field_name("name").map(|n| text(n, src)) else {
        return Vec::new();
    };
    calls
        .iter()
        .filter(|c| {
            let csrc = &pkg.files[c.file].src.text;
            let named = c
                .call
                .child_by_field_name("function")
                .map(|f| match f.kind() {
                    "selector_expression" => f.child_by_field_name("field"),
                    _ => Some(f),
                })
                .is_some_and(|n| n.is_some_and(|n| text(n, csrc) == name));
            named
                && matches!(callee(pkg, c.file, c.call),
                    Some(Callee::Package { file: f, decl: d }) if f == file && d == decl)
        })
        .copied()
        .collect()
}

/// The bodies of the outermost `for` statements below `root`.
fn loop_bodies(root: Node) -> Vec<Node> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.kind() == "for_statement" {
            out.extend(field_children(n, "body"));
            continue;
        }
        let mut cursor = n.walk();
        stack.extend(n.named_children(&mut cursor));
    }
    out
}

// ---------------------------------------------------------------------------------------
// Boxing

/// The type of `expr` when converting it to an interface value allocates, under the Go
/// runtime's rules as measured with Go 1.26 (`convT*` in `runtime/iface.go`):
/// - a constant is boxed from read-only data: no allocation;
/// - pointers, maps, channels, functions, and structs of one such field are stored in the
///   interface word itself: none;
/// - `bool`, `int8`, `uint8` and other single-byte values come from a static table, and
///   zero-size values share one address: none;
/// - other integers allocate unless the value is below 256 (a static table too): an
///   integer that is evidently small (`int(b)` of a byte, `x & 0x7f`) does not count;
/// - strings, floats, complex numbers, and structs of more than one field (or of one field
///   that allocates) allocate (8–16 bytes and up).
///
/// Only types the syntax shows count: slices, arrays, interfaces (already boxed), standard
/// library structs other than `time.Time` (their fields are not listed), and anything of
/// unknown type answer `None`.
pub fn boxing_allocates(pkg: &Package, file: FileId, expr: Node) -> Option<Ty> {
    let mut expr = expr;
    while expr.kind() == "parenthesized_expression" {
        expr = *named_children(expr).first()?;
    }
    if crate::analysis::consts::is_constant(pkg, file, expr) {
        return None;
    }
    let ty = type_of(pkg, file, expr)?;
    if ty.is_untyped() || !type_boxing_allocates(pkg, &ty, 0) {
        return None;
    }
    if small_integer(pkg, file, expr) {
        return None;
    }
    Some(ty)
}

/// True when the integer `expr` is evidently below 256: a conversion of a single-byte
/// value, or a mask `x & c` with a constant `c` below 256.
fn small_integer(pkg: &Package, file: FileId, expr: Node) -> bool {
    let src = &pkg.files[file].src.text;
    match expr.kind() {
        "call_expression" if crate::analysis::types::is_conversion(pkg, file, expr) => {
            let args = expr
                .child_by_field_name("arguments")
                .map(named_children)
                .unwrap_or_default();
            let [arg] = args.as_slice() else {
                return false;
            };
            type_of(pkg, file, *arg)
                .and_then(|t| crate::analysis::types::underlying(pkg, &t))
                .is_some_and(|t| matches!(t, Ty::Predeclared("uint8" | "int8" | "bool")))
        }
        "binary_expression" => {
            expr.child_by_field_name("operator")
                .is_some_and(|o| text(o, src) == "&")
                && [
                    expr.child_by_field_name("left"),
                    expr.child_by_field_name("right"),
                ]
                .into_iter()
                .flatten()
                .any(|side| {
                    crate::analysis::consts::const_int(pkg, file, side)
                        .is_some_and(|v| (0..256).contains(&v))
                })
        }
        _ => false,
    }
}

/// True when a value of type `ty` allocates when boxed (see [`boxing_allocates`]).
fn type_boxing_allocates(pkg: &Package, ty: &Ty, depth: usize) -> bool {
    if depth > crate::analysis::types::MAX_DEPTH {
        return false;
    }
    match ty {
        Ty::Predeclared(name) => {
            *name == "string"
                || (crate::golang::NUMERIC_TYPES.contains(name)
                    && !matches!(*name, "uint8" | "int8"))
        }
        Ty::Imported { path, name, args }
            if path == "time" && name == "Time" && args.is_empty() =>
        {
            true
        }
        Ty::Named(_) | Ty::Imported { .. } => crate::analysis::types::underlying(pkg, ty)
            .is_some_and(|u| match u {
                Ty::Predeclared(_) | Ty::Struct(Some(_)) => {
                    type_boxing_allocates(pkg, &u, depth + 1)
                }
                _ => false,
            }),
        Ty::Struct(Some(w)) => {
            let Some(node) = w.node(pkg, "struct_type") else {
                return false;
            };
            let mut fields = Vec::new();
            for list in named_children(node) {
                for decl in named_children(list) {
                    if decl.kind() != "field_declaration" {
                        continue;
                    }
                    let Some(t) = decl.child_by_field_name("type") else {
                        return false;
                    };
                    let n = field_children(decl, "name").len().max(1);
                    fields.extend(std::iter::repeat_n(t, n));
                }
            }
            match fields.as_slice() {
                [] => false,
                [one] => crate::analysis::types::written_type(pkg, w.file, *one)
                    .is_some_and(|t| type_boxing_allocates(pkg, &t, depth + 1)),
                _ => true,
            }
        }
        _ => false,
    }
}

/// True when the value of the empty-interface parameter `param` (its declaring identifier
/// in the function or method `func` of `file`) may outlive the call: it is passed to a
/// call (other than `len`), assigned or stored anywhere, returned, sent, appended, put in
/// a composite literal or captured by a function literal. Comparisons, type assertions to a
/// predeclared type and type switches without a bound name keep it in place (the compiler
/// then boxes on the caller's stack). For the slice of a variadic `...any`, its elements
/// are followed through `range` and indexing.
pub fn interface_param_escapes(pkg: &Package, file: FileId, func: Node, param: Node) -> bool {
    let src = &pkg.files[file].src.text;
    let Some(body) = func.child_by_field_name("body") else {
        return true;
    };
    let variadic = param
        .parent()
        .is_some_and(|p| p.kind() == "variadic_parameter_declaration");
    crate::analysis::uses::uses_of(param, body, src)
        .into_iter()
        .any(|u| value_escapes(pkg, file, func, u, variadic, 0))
}

/// See [`interface_param_escapes`]: whether the use `u` lets the value out. `slice`: `u`
/// holds a slice of the values (a variadic parameter), not one value.
fn value_escapes(
    pkg: &Package,
    file: FileId,
    func: Node,
    u: Node,
    slice: bool,
    depth: usize,
) -> bool {
    let src = &pkg.files[file].src.text;
    if depth > 3 {
        return true;
    }
    if crate::syntax::enclosing_function(u) != Some(func) {
        return true;
    }
    let outer = crate::analysis::uses::unparen(u);
    let Some(parent) = outer.parent() else {
        return true;
    };
    match parent.kind() {
        "binary_expression" => parent
            .child_by_field_name("operator")
            .is_none_or(|o| !matches!(text(o, src), "==" | "!=")),
        "type_assertion_expression" if !slice => {
            parent.child_by_field_name("type").is_none_or(|t| {
                !(t.kind() == "type_identifier"
                    && crate::analysis::types::canonical_predeclared(text(t, src))
                        .is_some_and(|n| !matches!(n, "any" | "error" | "comparable")))
            })
        }
        "type_switch_statement" if !slice => parent.child_by_field_name("alias").is_some(),
        "argument_list" if slice => {
            // `len(args)` reads the length only.
            let call = parent.parent();
            !call
                .and_then(|c| c.child_by_field_name("function"))
                .is_some_and(|f| {
                    f.kind() == "identifier"
                        && matches!(text(f, src), "len" | "cap")
                        && is_universe(pkg, file, f, text(f, src))
                })
        }
        "index_expression" if slice => {
            parent.child_by_field_name("operand") != Some(outer)
                || value_escapes(pkg, file, func, parent, false, depth + 1)
        }
        "range_clause" if slice => {
            // `for i, a := range args`: follow the value variable.
            if parent.child_by_field_name("right") != Some(outer) {
                return true;
            }
            let Some(left) = parent.child_by_field_name("left") else {
                return false;
            };
            let names = named_children(left);
            let Some(value) = names.get(1).filter(|v| text(**v, src) != "_") else {
                return false;
            };
            let Some(body) = parent.parent().and_then(|f| f.child_by_field_name("body")) else {
                return true;
            };
            crate::analysis::uses::uses_of(*value, body, src)
                .into_iter()
                .any(|v| value_escapes(pkg, file, func, v, false, depth + 1))
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"package p

import (
	"fmt"
	"log/slog"
	"os"
)

type T struct{}

func (t *T) Put(k string, v any) {}
func (t T) Name() string         { return "" }

func log(args ...any)               {}
func pair(a int, b interface{})     {}
func gen[X any](x X)                {}
func typed(n int)                   {}

func run(t *T, l *slog.Logger, xs []any) {
	for i := 0; i < 3; i++ {
		fmt.Fprintln(os.Stdout, "n", i)
		l.Info("msg", "i", i)
		t.Put("k", i)
		log(i, "x")
		log(xs...)
		pair(i, i)
		gen(i)
		typed(i)
		func() { t.Name() }()
	}
	typed(1)
}
"#;

    fn call_at<'p>(pkg: &'p Package, needle: &str) -> Node<'p> {
        let src = &pkg.files[0].src.text;
        let at = src.find(&format!("\t{needle}")).expect("needle") + 1;
        crate::syntax::descendants_of_kind(pkg.files[0].src.root(), "call_expression")
            .into_iter()
            .find(|c| c.start_byte() == at)
            .expect("call")
    }

    fn any_args(pkg: &Package, needle: &str) -> Vec<String> {
        let src = &pkg.files[0].src.text;
        any_arguments(pkg, 0, call_at(pkg, needle))
            .iter()
            .map(|a| {
                format!(
                    "{}{}{}",
                    text(a.arg, src),
                    a.param
                        .map_or(String::new(), |p| format!("@{}", text(p, src))),
                    if a.variadic { "..." } else { "" }
                )
            })
            .collect()
    }

    #[test]
    fn arguments_of_error_constructors_are_error_paths() {
        let src = "package p\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n)\n\nfunc f(a, b, c, d, e string) error {\n\tif a == \"\" {\n\t\treturn fmt.Errorf(\"bad %s\", a+\"!\")\n\t}\n\tif b == \"\" {\n\t\tpanic(b)\n\t}\n\tfmt.Println(c)\n\t_ = errors.New(d)\n\tgo func() { _ = fmt.Sprint(fmt.Errorf(\"%s\", e)) }()\n\treturn nil\n}\n\nfunc g(panic func(string), x string) { panic(x) }\n";
        let pkg = Package::from_source(src, None);
        let text_of = &pkg.files[0].src.text;
        let idents: Vec<Node> =
            crate::syntax::descendants_of_kind(pkg.files[0].src.root(), "identifier")
                .into_iter()
                .filter(|n| text(*n, text_of).len() == 1)
                .collect();
        let cold: Vec<&str> = idents
            .iter()
            .filter(|n| builds_error(&pkg, 0, **n))
            .map(|n| text(*n, text_of))
            .collect();
        // a inside `a+"!"`, b, d and e; not c (Println), not g's x (a local `panic`).
        assert_eq!(cold, ["a", "b", "d", "e"]);
    }

    #[test]
    fn arguments_received_as_any() {
        let pkg = Package::from_source(SRC, None);
        assert_eq!(
            any_args(&pkg, "fmt.Fprintln"),
            ["\"n\"...", "i..."],
            "the writer is an io.Writer, not any"
        );
        assert_eq!(any_args(&pkg, "l.Info"), ["\"i\"...", "i..."]);
        assert_eq!(any_args(&pkg, "t.Put"), ["i@v"]);
        assert_eq!(any_args(&pkg, "log(i"), ["i@args...", "\"x\"@args..."]);
        assert!(
            any_args(&pkg, "log(xs").is_empty(),
            "a spread boxes nothing"
        );
        assert_eq!(any_args(&pkg, "pair("), ["i@b"]);
        assert!(any_args(&pkg, "gen(").is_empty(), "generic: not modelled");
        assert!(any_args(&pkg, "typed(i").is_empty());
    }

    #[test]
    fn loop_calls_and_their_callees() {
        let pkg = Package::from_source(SRC, None);
        let calls = loop_calls(&pkg);
        assert_eq!(
            calls.len(),
            10,
            "the literal's call and the literal's own call"
        );
        let (funcs, methods) = called_names(&pkg, &calls);
        assert!(funcs.contains("typed") && funcs.contains("log"));
        assert!(methods.contains("Put") && methods.contains("Name"));
        let decl = |name: &str| package_func_decl(&pkg, name).expect("declared").1;
        assert_eq!(calls_of(&pkg, &calls, 0, decl("typed")).len(), 1);
        assert_eq!(calls_of(&pkg, &calls, 0, decl("log")).len(), 2);
        assert!(calls_of(&pkg, &calls, 0, decl("run")).is_empty());
        let put = method_decl(&pkg, "T", "Put").expect("method").1;
        let at = calls_of(&pkg, &calls, 0, put);
        assert_eq!(at.len(), 1);
        assert_eq!(at[0].place(&pkg), "a.go:23");
        let name = method_decl(&pkg, "T", "Name").expect("method").1;
        assert_eq!(calls_of(&pkg, &calls, 0, name).len(), 1);
    }

    #[test]
    fn what_boxing_allocates() {
        let pkg = Package::from_source(
            r#"package p

import "time"

type ID int64
type Flag bool
type Pair struct{ a, b int }
type Wrap struct{ p *Pair }
type Name struct{ s string }
type Empty struct{}

const big = 1000

func f(n int, b byte, ok bool, s string, x float64, id ID, fl Flag, p Pair, w Wrap, nm Name, e Empty, pp *Pair, t time.Time, d time.Duration, xs []int, a any) {
	use(n, b, ok, s, x, id, fl, p, w, nm, e, pp, t, d, xs, a, big, "lit", 7, int(b), n&0x7f, n&0x1ff, (s))
}
"#,
            None,
        );
        let src = &pkg.files[0].src.text;
        let call = crate::syntax::descendants_of_kind(pkg.files[0].src.root(), "call_expression")
            .into_iter()
            .find(|c| text(*c, src).starts_with("use("))
            .expect("call");
        let args = named_children(call.child_by_field_name("arguments").expect("args"));
        let allocating: Vec<&str> = args
            .iter()
            .filter(|a| boxing_allocates(&pkg, 0, **a).is_some())
            .map(|a| text(*a, src))
            .collect();
        assert_eq!(
            allocating,
            ["n", "s", "x", "id", "p", "nm", "t", "d", "n&0x1ff", "(s)"]
        );
    }

    #[test]
    fn which_interface_params_escape() {
        let pkg = Package::from_source(
            r#"package p

import "fmt"

var sink any

func store(v any)          { sink = v }
func pass(v any)           { fmt.Println(v) }
func isNil(v any) bool     { return v == nil }
func asInt(v any) int      { n, _ := v.(int); return n }
func kind(v any) string    { switch v.(type) { case int: return "int" }; return "" }
func bound(v any) any      { switch x := v.(type) { default: return x } }
func count(args ...any) int { return len(args) }
func each(args ...any)     { for _, a := range args { fmt.Print(a) } }
func check(args ...any) bool { for _, a := range args { if a == nil { return false } }; return true }
func first(args ...any)    { sink = args[0] }
func later(v any) func() any { return func() any { return v } }
"#,
            None,
        );
        let escapes = |name: &str| {
            let (f, decl) = package_func_decl(&pkg, name).expect("declared");
            let list = decl.child_by_field_name("parameters").expect("params");
            let param = field_children(named_children(list)[0], "name")[0];
            interface_param_escapes(&pkg, f, decl, param)
        };
        for name in ["store", "pass", "bound", "each", "first", "later"] {
            assert!(escapes(name), "{name} lets its argument out");
        }
        for name in ["isNil", "asInt", "kind", "count", "check"] {
            assert!(!escapes(name), "{name} keeps its argument in place");
        }
    }

    #[test]
    fn a_local_shadowing_a_function_is_not_it() {
        let pkg = Package::from_source(
            "package p\nfunc f() {}\nfunc g() {\n\tf := func() {}\n\tfor {\n\t\tf()\n\t}\n}\n",
            None,
        );
        let calls = loop_calls(&pkg);
        assert_eq!(calls.len(), 1);
        assert!(callee(&pkg, 0, calls[0].call).is_none());
    }
}
