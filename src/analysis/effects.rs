//! What evaluating an expression may do, read from the syntax alone: call functions, receive
//! from channels, panic, or read state that other code may change. Used to decide whether an
//! expression may be evaluated once more, or at another point, without changing behaviour.
//!
//! Two views: [`facts`] lists everything evaluating an expression may do (calls, panics,
//! indirect reads); [`may_change_state`] only asks whether it may change state (a call that
//! is not a conversion or a pure standard function, or a receive).

use tree_sitter::Node;

use crate::analysis::consts::is_leaf_value;
use crate::analysis::resolve::local_decl;
use crate::fixkit::edit::FileId;
use crate::fixkit::imports::{call_target, resolve};
use crate::package::Package;
use crate::syntax::{descendants, named_children, text};

/// Builtins without side effects that cannot panic on the values they accept.
const PURE_BUILTINS: &[&str] = &["len", "cap", "min", "max", "real", "imag", "complex"];

/// Exported types of standard packages whose call is a conversion (package path, type).
const STD_TYPES: &[(&str, &str)] = &[("time", "Duration"), ("time", "Month"), ("time", "Weekday")];

/// Facts about evaluating one expression.
#[derive(Default, Debug)]
pub struct ExprFacts<'t> {
    /// Calls of functions or methods (conversions and pure builtins excluded).
    pub calls: Vec<Node<'t>>,
    /// Other effects or forms not understood: channel receives, function and composite
    /// literals, anything unexpected.
    pub other_effects: Vec<Node<'t>>,
    /// Operations that may panic: selectors on a value (nil pointer), index, slice,
    /// dereference, type assertion, division, remainder or shift by a non-constant.
    pub may_panic: Vec<Node<'t>>,
    /// Identifiers whose value is read, and identifiers naming types in conversions
    /// (package operands of `pkg.Name` excluded).
    pub idents: Vec<Node<'t>>,
    /// Reads through a selector, index or dereference, or a variable of another package:
    /// state that a called function could change.
    pub indirect_reads: bool,
}

impl ExprFacts<'_> {
    /// No calls and no other effects: evaluating it again only reads.
    pub fn is_pure(&self) -> bool {
        self.calls.is_empty() && self.other_effects.is_empty()
    }
}

/// True when a top-level declaration of `kind` (`type_declaration`, `const_declaration`,
/// `var_declaration`) in some file of `pkg` declares `name`.
pub fn package_declares(pkg: &Package, name: &str, kind: &str) -> bool {
    !crate::analysis::decls::package_specs(pkg, name, &[kind]).is_empty()
}

/// True when the identifier `callee` names a type at its position: a local type, a
/// package-level type, or a predeclared numeric type that nothing shadows.
fn names_type(pkg: &Package, callee: Node, src: &str) -> bool {
    let name = text(callee, src);
    match local_decl(callee, name, src) {
        Some(decl) => decl
            .parent()
            .is_some_and(|p| matches!(p.kind(), "type_spec" | "type_alias")),
        None => {
            package_declares(pkg, name, "type_declaration")
                || (crate::golang::NUMERIC_TYPES.contains(&name)
                    && !pkg.index().has_top_level(name))
        }
    }
}

/// True when the identifier `callee` is a pure builtin that nothing shadows.
fn is_pure_builtin(pkg: &Package, callee: Node, src: &str) -> bool {
    let name = text(callee, src);
    PURE_BUILTINS.contains(&name)
        && local_decl(callee, name, src).is_none()
        && !pkg.index().has_top_level(name)
}

/// True for a constant operand that is certainly not zero: a non-zero number literal or a
/// constant of the standard `time` package.
fn nonzero_constant(pkg: &Package, file: FileId, node: Node, src: &str) -> bool {
    match node.kind() {
        "int_literal" | "float_literal" => text(node, src)
            .chars()
            .any(|c| c.is_ascii_digit() && c != '0'),
        "parenthesized_expression" => named_children(node)
            .first()
            .is_some_and(|n| nonzero_constant(pkg, file, *n, src)),
        "selector_expression" => node
            .child_by_field_name("operand")
            .and_then(|o| resolve(pkg, file, o))
            .is_some_and(|p| p == "time"),
        _ => false,
    }
}

/// Facts about evaluating `expr` of `file`.
pub fn facts<'t>(pkg: &Package, file: FileId, expr: Node<'t>) -> ExprFacts<'t> {
    let src = &pkg.files[file].src.text;
    let mut out = ExprFacts::default();
    visit(pkg, file, expr, src, &mut out);
    out
}

fn visit<'t>(pkg: &Package, file: FileId, n: Node<'t>, src: &str, out: &mut ExprFacts<'t>) {
    match n.kind() {
        "identifier" => out.idents.push(n),
        k if k == "comment" || is_leaf_value(k) => {}
        "parenthesized_expression" => {
            for c in named_children(n) {
                visit(pkg, file, c, src, out);
            }
        }
        "selector_expression" => {
            let Some(operand) = n.child_by_field_name("operand") else {
                out.other_effects.push(n);
                return;
            };
            match resolve(pkg, file, operand) {
                Some(path) => {
                    if path != "time" {
                        out.indirect_reads = true;
                    }
                }
                None => {
                    out.may_panic.push(n);
                    out.indirect_reads = true;
                    visit(pkg, file, operand, src, out);
                }
            }
        }
        "binary_expression" => {
            let op = n
                .child_by_field_name("operator")
                .map(|o| text(o, src))
                .unwrap_or("");
            let (Some(left), Some(right)) = (
                n.child_by_field_name("left"),
                n.child_by_field_name("right"),
            ) else {
                out.other_effects.push(n);
                return;
            };
            if matches!(op, "/" | "%" | "<<" | ">>") && !nonzero_constant(pkg, file, right, src) {
                out.may_panic.push(n);
            }
            visit(pkg, file, left, src, out);
            visit(pkg, file, right, src, out);
        }
        "unary_expression" => {
            let op = n
                .child_by_field_name("operator")
                .map(|o| text(o, src))
                .unwrap_or("");
            let Some(operand) = n.child_by_field_name("operand") else {
                out.other_effects.push(n);
                return;
            };
            match op {
                "-" | "+" | "^" | "!" => {}
                "*" => {
                    out.may_panic.push(n);
                    out.indirect_reads = true;
                }
                _ => {
                    out.other_effects.push(n);
                    return;
                }
            }
            visit(pkg, file, operand, src, out);
        }
        "call_expression" => {
            let Some(callee) = n.child_by_field_name("function") else {
                out.other_effects.push(n);
                return;
            };
            let args = n
                .child_by_field_name("arguments")
                .map(named_children)
                .unwrap_or_default();
            let conversion = match callee.kind() {
                "identifier" => {
                    if names_type(pkg, callee, src) {
                        out.idents.push(callee);
                        true
                    } else {
                        is_pure_builtin(pkg, callee, src)
                    }
                }
                "selector_expression" => {
                    let operand = callee.child_by_field_name("operand");
                    let field = callee.child_by_field_name("field").map(|f| text(f, src));
                    operand
                        .and_then(|o| resolve(pkg, file, o))
                        .zip(field)
                        .is_some_and(|(p, f)| STD_TYPES.contains(&(p.as_str(), f)))
                }
                _ => false,
            };
            if !conversion
                || args
                    .iter()
                    .any(|a| a.kind() == "variadic_argument" || a.kind().ends_with("type"))
            {
                out.calls.push(n);
                return;
            }
            for a in args {
                visit(pkg, file, a, src, out);
            }
        }
        "index_expression" | "slice_expression" | "type_assertion_expression" => {
            out.may_panic.push(n);
            out.indirect_reads = true;
            for field in ["operand", "index", "start", "end", "capacity"] {
                if let Some(c) = n.child_by_field_name(field) {
                    visit(pkg, file, c, src, out);
                }
            }
        }
        _ => out.other_effects.push(n),
    }
}

/// Standard-library functions without side effects (they take no callback).
const PURE_FUNCS: &[(&str, &[&str])] = &[
    (
        "strings",
        &[
            "Clone",
            "Join",
            "Repeat",
            "Replace",
            "ReplaceAll",
            "Title",
            "ToLower",
            "ToTitle",
            "ToUpper",
            "ToValidUTF8",
            "Trim",
            "TrimLeft",
            "TrimPrefix",
            "TrimRight",
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
];

/// True when evaluating `node` may change state: a call (other than a conversion as
/// `is_conversion` judges it, a predeclared `len`/`cap`, or a pure `strings`/`strconv`
/// function) or a channel receive.
pub fn may_change_state(
    pkg: &Package,
    file: FileId,
    node: Node,
    is_conversion: &dyn Fn(Node) -> bool,
) -> bool {
    let src = &pkg.files[file].src.text;
    descendants(node).into_iter().any(|n| match n.kind() {
        "call_expression" => {
            if is_conversion(n) {
                return false;
            }
            let Some(f) = n.child_by_field_name("function") else {
                return true;
            };
            let name = text(f, src);
            if f.kind() == "identifier"
                && matches!(name, "len" | "cap")
                && crate::analysis::resolve::is_universe(pkg, file, f, name)
            {
                return false;
            }
            !call_target(pkg, file, n).is_some_and(|(path, func)| {
                PURE_FUNCS
                    .iter()
                    .any(|(p, fs)| *p == path && fs.contains(&func.as_str()))
            })
        }
        "unary_expression" => n
            .child_by_field_name("operator")
            .is_some_and(|o| text(o, src) == "<-"),
        _ => false,
    })
}
