//! ## What it does
//! Reports a call inside a loop body that passes a value to an empty-interface parameter
//! (`any`, `interface{}`, `...any`) when boxing that value allocates. Detect-only: it never
//! rewrites.
//!
//! The trigger, exactly: a call in the body of a `for` of the same function, whose callee
//! the syntax shows (a standard-library function or method, e.g. `fmt.Fprintln`,
//! `log.Printf`, `(*slog.Logger).Info`; or a non-generic function or method of the
//! package), receiving, at an `any` parameter, a non-constant value whose type is known to
//! allocate when boxed (measured with Go 1.26): `string`, integers other than `int8`/`uint8`
//! (named ones too, e.g. `time.Duration`), floats, complex numbers, `time.Time`, and
//! structs of the package with more than one field. One finding per call, naming every
//! such argument and the loop.
//!
//! ## Why
//! Seed exercise 8. Converting a value to an interface stores a pointer to a copy of it:
//! for anything that is not pointer-shaped the copy is made on the heap (`runtime.convT64`,
//! `convTstring`, `convT`) whenever the interface outlives the call, which is always the
//! case for `fmt`, `log` and `slog`. `fmt.Fprintln(w, "n", n)` in a loop is one allocation
//! per iteration that the call site does not show. (`Logger.Info("msg", "n", n)` boxes
//! `n` even when the level is disabled: the arguments are built before the level check.)
//!
//! ## Example
//! ```go
//! for _, u := range users {
//!     log.Printf("user %s has %d points", u.Name, u.Points) // boxes a string and an int
//! }
//! ```
//! is reported. Typed APIs avoid the boxes: `strconv.AppendInt` into a reused `[]byte`
//! and one `Write`; for slog, `logger.LogAttrs(ctx, level, msg, slog.Int("n", n))` (an
//! `slog.Attr` passed through `...any` is boxed too, `LogAttrs` takes them typed); for a
//! function of the package, a typed parameter or a type parameter
//! (`func logOne[T ~int | ~string](key string, v T)`).
//!
//! ## When it does not apply
//! - Constants (boxed from read-only data), pointers, maps, channels, functions, structs of
//!   one pointer-shaped field (stored in the interface word), `bool`, `int8`/`uint8`,
//!   zero-size values and evidently small integers (`int(b)` of a byte, `x & 0x7f`: values
//!   below 256 come from a static table): none of these allocate.
//! - Values already of an interface type, slices, arrays, and values of unknown type or of
//!   standard-library struct types other than `time.Time` (their size is not known here).
//! - A package function whose `any` parameter does not escape (it is only compared, or
//!   asserted to a predeclared type, or type-switched without a bound name; for `...any`,
//!   its elements likewise): the compiler boxes on the caller's stack.
//! - `fmt.Sprint`, `fmt.Sprintf`, `fmt.Sprintln` and `fmt.Errorf`: they allocate their result
//!   anyway, and `sprintf-strconv` rewrites the simple ones (one site, one report).
//! - A spread call `f(args...)` (the slice is passed as it is), and calls of generic
//!   functions.
//! - Cold paths: a call in a block that leaves the loop (it ends in `return`, `break`,
//!   `goto`, `panic`, `os.Exit` or `log.Fatal*`), in the body of `if err != nil`, or a
//!   call whose name says it logs an error or a warning (`Error`, `Errorf`, `Warn…`,
//!   `Fatal…`, `Panic…`: `logger.Error("bad row", "n", n)`).
//! - A call in a function literal inside the loop (`go func() { … }()`): the literal is a
//!   function of its own, not repeated by the loop that creates it.
//!
//! ## Fix safety
//! A finding only: changing a logging call to typed attributes, or a function to a typed
//! or generic signature, is an API decision (output format, callers).

use tree_sitter::Node;

use crate::analysis::calls::{
    Callee, any_arguments, boxing_allocates, callee, interface_param_escapes,
};
use crate::analysis::control::enclosing_for;
use crate::analysis::types::Ty;
use crate::fixkit::edit::{FileId, Finding};
use crate::fixkit::imports::call_target;
use crate::package::Package;
use crate::syntax::{ancestors, named_children, text};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct BoxingInLoop;

impl Rule for BoxingInLoop {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "boxing-in-loop",
        summary: "a loop passes strings, integers or structs to an `any` parameter: one allocation per value boxed → finding",
        fix: FixAvailability::None,
        fix_note: "typed APIs: strconv.Append*, slog.LogAttrs, generics",
        source: include_str!("boxing_in_loop.rs"),
        needles: &["for"],
        node_kinds: &["call_expression"],
        opt_in: true,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<BoxingInLoop>();

/// fmt functions that allocate their result anyway (and that sprintf-strconv rewrites).
const STRING_RESULT: &[&str] = &["Sprint", "Sprintf", "Sprintln", "Errorf"];

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    for file in ctx.files() {
        let src = &pkg.files[file].src.text;
        for &call in ctx.nodes(file, "call_expression") {
            let Some(for_stmt) = enclosing_for(call) else {
                continue;
            };
            if call_target(pkg, file, call)
                .is_some_and(|(path, name)| path == "fmt" && STRING_RESULT.contains(&name.as_str()))
                || cold(pkg, file, call, for_stmt)
                || error_level(call, src)
            {
                continue;
            }
            let boxed: Vec<(Node, Ty)> = any_arguments(pkg, file, call)
                .into_iter()
                .filter(|a| {
                    // A package function boxes on the caller's stack unless the value escapes.
                    a.param.is_none_or(|p| match callee(pkg, file, call) {
                        Some(Callee::Package { file: f, decl }) => {
                            interface_param_escapes(pkg, f, decl, p)
                        }
                        _ => true,
                    })
                })
                .filter_map(|a| boxing_allocates(pkg, file, a.arg).map(|t| (a.arg, t)))
                .collect();
            if boxed.is_empty() {
                continue;
            }
            let Some(function) = call.child_by_field_name("function") else {
                continue;
            };
            let what = boxed
                .iter()
                .map(|(arg, ty)| format!("{} ({})", text(*arg, src), type_name(ty)))
                .collect::<Vec<_>>()
                .join(", ");
            let mut values = if boxed.len() == 1 {
                "one allocation per iteration".to_string()
            } else {
                "one allocation per value per iteration".to_string()
            };
            if boxed.iter().any(|(_, t)| {
                crate::analysis::types::underlying(pkg, t).is_some_and(|u| u.is_integer())
            }) {
                values.push_str(" (an integer only from 256 on)");
            }
            out.push(ctx.finding(
                file,
                call,
                format!(
                    "{} boxes {what} into `any` in the loop at line {}: {values}; {} (see `allocfix explain boxing-in-loop`)",
                    text(function, src),
                    for_stmt.start_position().row + 1,
                    suggestion(pkg, file, call),
                ),
                None,
            ));
        }
    }
    out
}

/// What to use instead, by the family of the callee.
fn suggestion(pkg: &Package, file: FileId, call: Node) -> &'static str {
    if let Some((path, _)) = call_target(pkg, file, call) {
        return match path.as_str() {
            "log/slog" => SLOG,
            "fmt" | "log" => FORMAT,
            _ => OTHER,
        };
    }
    match callee(pkg, file, call) {
        Some(Callee::Package { .. }) => {
            "give the function a typed parameter, or a type parameter (`[T ~int | ~string]`) that keeps the value unboxed"
        }
        _ => {
            let operand = call
                .child_by_field_name("function")
                .and_then(|f| f.child_by_field_name("operand"));
            let ty = operand.and_then(|o| crate::analysis::types::type_of(pkg, file, o));
            let base = match ty {
                Some(Ty::Pointer(t)) => Some(*t),
                t => t,
            };
            match base {
                Some(Ty::Imported { path, .. }) if path == "log/slog" => SLOG,
                Some(Ty::Imported { path, .. }) if path == "log" => FORMAT,
                _ => OTHER,
            }
        }
    }
}

const SLOG: &str = "log with `LogAttrs` and typed attributes (`slog.Int`, `slog.String`): key-value pairs, and even `slog.Attr` values, passed as `...any` are boxed";
const FORMAT: &str = "format into a reused `[]byte` with `strconv.AppendInt`/`AppendQuote` and append the strings, then write it once";
const OTHER: &str = "use a typed variant of the API if there is one";

/// The type as Go writes it, for messages.
fn type_name(ty: &Ty) -> String {
    match ty {
        Ty::Predeclared(n) => (*n).to_string(),
        Ty::Named(n) => n.name.clone(),
        Ty::Imported { path, name, .. } => {
            format!("{}.{name}", path.rsplit('/').next().unwrap_or(path))
        }
        Ty::Struct(_) => "struct".to_string(),
        _ => "value".to_string(),
    }
}

/// True when `call` lies on a path of the loop that runs at most once, or on an error
/// path: a block (between the call and `for_stmt`) that ends by leaving the loop, or the
/// body of `if err != nil`.
fn cold(pkg: &Package, file: FileId, call: Node, for_stmt: Node) -> bool {
    let src = &pkg.files[file].src.text;
    for a in ancestors(call).skip(1) {
        if a == for_stmt {
            return false;
        }
        match a.kind() {
            "block" | "expression_case" | "type_case" | "communication_case" | "default_case"
                if last_statement(a).is_some_and(|last| leaves(pkg, file, last, a, for_stmt)) =>
            {
                return true;
            }
            "if_statement" => {
                let in_then = a.child_by_field_name("consequence").is_some_and(|b| {
                    b.start_byte() <= call.start_byte() && call.end_byte() <= b.end_byte()
                });
                if in_then
                    && a.child_by_field_name("condition")
                        .is_some_and(|c| error_check(c, src))
                {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The last statement of a block or case clause (comments aside).
fn last_statement(block: Node) -> Option<Node> {
    crate::syntax::statements(block)
        .into_iter()
        .rev()
        .find(|s| !matches!(s.kind(), "comment" | "empty_statement"))
}

/// True when the statement `last` (ending the block `block` inside `for_stmt`) leaves the
/// loop: `return`, `goto`, `break` that is not a switch's or select's own, or a call that
/// does not come back (`panic`, `os.Exit`, `log.Fatal*`, `log.Panic*`).
fn leaves(pkg: &Package, file: FileId, last: Node, block: Node, for_stmt: Node) -> bool {
    let src = &pkg.files[file].src.text;
    match last.kind() {
        "return_statement" | "goto_statement" => true,
        "break_statement" => {
            // An unlabelled break inside a switch or select breaks that statement.
            named_children(last)
                .iter()
                .any(|l| l.kind() == "label_name")
                || !ancestors(block).take_while(|a| *a != for_stmt).any(|a| {
                    matches!(
                        a.kind(),
                        "expression_switch_statement"
                            | "type_switch_statement"
                            | "select_statement"
                    )
                })
        }
        "expression_statement" => {
            let Some(call) = named_children(last).into_iter().next() else {
                return false;
            };
            if call.kind() != "call_expression" {
                return false;
            }
            if let Some(f) = call.child_by_field_name("function")
                && f.kind() == "identifier"
                && text(f, src) == "panic"
                && crate::analysis::resolve::is_universe(pkg, file, f, "panic")
            {
                return true;
            }
            call_target(pkg, file, call).is_some_and(|(path, name)| {
                (path == "os" && name == "Exit")
                    || (path == "log" && (name.starts_with("Fatal") || name.starts_with("Panic")))
            })
        }
        _ => false,
    }
}

/// True when the callee's name says it logs at error or warning level (`Error`, `Errorf`,
/// `Warn`, `Warningf`, `Fatal…`, `Panic…`): error paths are cold.
fn error_level(call: Node, src: &str) -> bool {
    let Some(f) = call.child_by_field_name("function") else {
        return false;
    };
    let name = match f.kind() {
        "selector_expression" => f.child_by_field_name("field"),
        "identifier" => Some(f),
        _ => None,
    };
    name.is_some_and(|n| {
        let n = text(n, src).to_ascii_lowercase();
        ["error", "warn", "fatal", "panic"]
            .iter()
            .any(|p| n.starts_with(p))
    })
}

/// True for a condition `err != nil` (any name containing "err", either side).
fn error_check(cond: Node, src: &str) -> bool {
    let cond = {
        let mut c = cond;
        while c.kind() == "parenthesized_expression" {
            match named_children(c).first() {
                Some(inner) => c = *inner,
                None => return false,
            }
        }
        c
    };
    if cond.kind() != "binary_expression"
        || cond
            .child_by_field_name("operator")
            .is_none_or(|o| text(o, src) != "!=")
    {
        return false;
    }
    let (Some(l), Some(r)) = (
        cond.child_by_field_name("left"),
        cond.child_by_field_name("right"),
    ) else {
        return false;
    };
    let is_err =
        |n: Node| n.kind() == "identifier" && text(n, src).to_ascii_lowercase().contains("err");
    (is_err(l) && r.kind() == "nil") || (l.kind() == "nil" && is_err(r))
}
