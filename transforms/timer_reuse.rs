//! ## What it does
//! Rewrites `case <-time.After(d):` in a `select` that sits directly in the body of a `for`
//! loop: one timer is created before the loop (`timer := time.NewTimer(d)`, with
//! `defer timer.Stop()`), it is reset just before the `select` on every iteration, and the
//! case receives from `timer.C`. A received value is kept (`case now := <-timer.C:`).
//!
//! The reset follows the timer semantics of the module (the `go` line of go.mod):
//! - Go 1.23 and later: `timer.Reset(d)` alone. Timer channels are synchronous there: after
//!   `Reset` no value from the previous period can be received.
//! - before Go 1.23, or when no go.mod says: stop and drain first, then reset. The channel
//!   of an older timer is buffered, and a value sent while another case won would otherwise
//!   be received at once after `Reset`. This form is correct under both semantics, so it is
//!   also used when go.mod sets `godebug asynctimerchan=1` or a file of the package has
//!   `//go:debug asynctimerchan=1` (and always with the option `always-drain`).
//!
//! ## Why
//! `time.After` allocates a new timer (and its channel) every time the `select` is entered
//! (seed exercise 10). In a loop that spins on ready work that is several allocations per
//! iteration, and every unused timer stays in the runtime's timer heap until it fires. One
//! timer reset per iteration costs nothing on the heap: the seed's `consume` loop goes from
//! 3 allocs/op to 0.
//!
//! ## Example
//! ```go
//! func consume(ctx context.Context, ch <-chan Work) {
//!     for {
//!         select {
//!         case w := <-ch:
//!             process(w)
//!         case <-time.After(100 * time.Millisecond):
//!             // periodic housekeeping
//!         case <-ctx.Done():
//!             return
//!         }
//!     }
//! }
//! ```
//! becomes, in a module at Go 1.23 or later,
//! ```go
//! func consume(ctx context.Context, ch <-chan Work) {
//!     timer := time.NewTimer(100 * time.Millisecond)
//!     defer timer.Stop()
//!     for {
//!         timer.Reset(100 * time.Millisecond)
//!         select {
//!         case w := <-ch:
//!             process(w)
//!         case <-timer.C:
//!             // periodic housekeeping
//!         case <-ctx.Done():
//!             return
//!         }
//!     }
//! }
//! ```
//! and before Go 1.23 the `Reset` is preceded by
//! ```go
//!         if !timer.Stop() {
//!             select {
//!             case <-timer.C:
//!             default:
//!             }
//!         }
//! ```
//! The timer lines go right before the `for` (before its label, if it has one; inside the
//! function literal when the loop is in one). The name is `timer` (option `name`), or
//! `timer0`, `timer1`, … when the function already spells it or the package declares it.
//! `time` is written as the file imports it (`tm.NewTimer` under `import tm "time"`).
//!
//! ## When it does not apply
//! - `time.After` outside a loop (one timer per call is the right amount), `<-time.After(d)`
//!   as a statement (a sleep), `time` that is not the standard package at that point,
//!   a `select` with a `default` case, generated files and `_test.go` files: untouched.
//! - Reported without a fix:
//!   - two or more `time.After` cases in one `select`;
//!   - the function contains a `goto` (a jump could bypass the reset, or the new
//!     declaration);
//!   - the `select` is not a statement directly in the loop body (inside an `if`, a block,
//!     behind a label): the reset must run before every execution of the `select`;
//!   - the loop is inside another loop of the same function: a timer and a deferred `Stop`
//!     would be created per outer iteration;
//!   - the duration calls a function or method (`jitter(d)`, `r.Period()`), receives from a
//!     channel or has a form allocfix does not know: creating the timer evaluates it once
//!     more (conversions such as `time.Duration(ms)` and `len` are fine);
//!   - the duration uses a variable declared inside the loop (in its body or its `for`
//!     clause): it cannot be evaluated before the loop. A variable declared before the loop
//!     and changed in it is fine: `Reset` re-reads it on every iteration.
//!
//! ## Fix safety
//! Safe when the duration is made of constants, variables declared before the loop,
//! conversions and arithmetic: evaluating it once more before the loop cannot fail or do
//! anything, and `Reset` evaluates it on every iteration right before the `select` as the
//! original did. Unsafe (applied only with `--unsafe`) when
//! - evaluating the duration before the loop may panic where the original would not
//!   (a field through a possibly nil pointer, an index, a division by a variable) and the
//!   loop is not a bare `for {` opening with the `select`; or
//! - an earlier case of the `select` calls a function (`case <-ctx.Done():` written
//!   before the timer case) and the duration reads state such a call could change: the
//!   duration is now evaluated before that call instead of after it.
//!
//! A program that forces the old timer semantics with the `GODEBUG=asynctimerchan=1`
//! environment variable while its go.mod says 1.23 or later gets the `Reset`-only form;
//! use the option `always-drain` for such code.

use std::collections::HashSet;

use tree_sitter::Node;

use crate::edit::{Edit, FileId, Finding, Fix};
use crate::imports::{file_imports, is_call_to, name_for};
use crate::package::Package;
use crate::scope::local_decl;
use crate::syntax::{
    descendants, enclosing_function, enclosing_top_level, indent_block, indentation, line_start,
    named_children, start_with_doc, text,
};
use crate::transform::{Ctx, OptionKind, OptionSpec, TransformDef};

use super::{common, expr_effects, loop_shape};

pub static DEF: TransformDef = TransformDef {
    id: "timer-reuse",
    summary: "case <-time.After(d) in a select in a for loop → one timer before the loop, Reset per iteration",
    fix_safety: "safe; unsafe when evaluating the duration before the loop may panic or an earlier case may change it; finding when the loop or the duration cannot be followed",
    source: include_str!("timer_reuse.rs"),
    options: &[
        OptionSpec {
            name: "name",
            kind: OptionKind::Str,
            default: "\"timer\"",
            doc: "name of the new timer variable (a digit is appended when it is taken)",
        },
        OptionSpec {
            name: "always-drain",
            kind: OptionKind::Bool,
            default: "false",
            doc: "stop and drain the timer before Reset even when go.mod says Go 1.23 or later",
        },
    ],
    run,
};

const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

/// One `case <-time.After(d):` of a select.
struct TimerCase<'t> {
    case: Node<'t>,
    /// The `time.After(d)` call.
    call: Node<'t>,
}

/// The `case <-time.After(d):` clauses of `select`.
fn timer_cases<'t>(pkg: &Package, file: FileId, select: Node<'t>) -> Vec<TimerCase<'t>> {
    let mut out = Vec::new();
    for case in named_children(select) {
        if case.kind() != "communication_case" {
            continue;
        }
        let Some(comm) = case.child_by_field_name("communication") else {
            continue;
        };
        if comm.kind() != "receive_statement" {
            continue;
        }
        let Some(recv) = comm.child_by_field_name("right") else {
            continue;
        };
        let Some(call) = received_after_call(pkg, file, recv) else {
            continue;
        };
        out.push(TimerCase { case, call });
    }
    out
}

/// For `<-time.After(d)`, the call.
fn received_after_call<'t>(pkg: &Package, file: FileId, recv: Node<'t>) -> Option<Node<'t>> {
    if recv.kind() != "unary_expression" {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let op = recv.child_by_field_name("operator")?;
    if text(op, src) != "<-" {
        return None;
    }
    let call = recv.child_by_field_name("operand")?;
    is_call_to(pkg, file, call, "time", &["After"])?;
    Some(call)
}

/// True when a file of the package or the module's go.mod forces the pre-1.23 timer
/// channels (`asynctimerchan=1`).
fn forces_async_timers(pkg: &Package) -> bool {
    let directive = |s: &str| {
        s.lines().any(|l| {
            let l = l.trim();
            (l.starts_with("//go:debug") || l.starts_with("godebug"))
                && l.contains("asynctimerchan=1")
        })
    };
    let in_files = pkg.files.iter().any(|f| directive(&f.src.text));
    let in_mod = pkg.module.as_ref().is_some_and(|m| {
        std::fs::read_to_string(&m.path).is_ok_and(|content| {
            // A `godebug ( … )` block puts the setting on its own line.
            let mut in_block = false;
            content.lines().any(|l| {
                let l = l.split("//").next().unwrap_or("").trim();
                if l.starts_with("godebug") && l.ends_with('(') {
                    in_block = true;
                    return false;
                }
                if in_block && l == ")" {
                    in_block = false;
                }
                (in_block || l.starts_with("godebug")) && l.contains("asynctimerchan=1")
            })
        })
    });
    in_files || in_mod
}

/// The name for the new timer: `base`, or `base0`, `base1`, … , avoiding every identifier
/// spelled in `top` (the top-level declaration holding the loop), package-level names and
/// the file's import names.
fn timer_name(pkg: &Package, file: FileId, top: Node, base: &str) -> String {
    let src = &pkg.files[file].src.text;
    let mut taken: HashSet<&str> = descendants(top)
        .into_iter()
        .filter(|n| {
            matches!(
                n.kind(),
                "identifier"
                    | "field_identifier"
                    | "type_identifier"
                    | "package_identifier"
                    | "label_name"
            )
        })
        .map(|n| text(n, src))
        .collect();
    let imports = file_imports(&pkg.files[file].src);
    taken.extend(imports.iter().map(|i| i.local_name.as_str()));
    let free = |n: &str| !taken.contains(n) && !pkg.index.top_level.contains_key(n);
    if free(base) {
        return base.to_string();
    }
    (0..)
        .map(|i| format!("{base}{i}"))
        .find(|n| free(n))
        .expect("an unbounded sequence has a free name")
}

/// The expressions a select evaluates on entry for `case` (channel operands, sent values).
fn evaluated_operands(case: Node) -> Vec<Node> {
    let Some(comm) = case.child_by_field_name("communication") else {
        return Vec::new();
    };
    match comm.kind() {
        "receive_statement" => comm
            .child_by_field_name("right")
            .and_then(|r| r.child_by_field_name("operand"))
            .into_iter()
            .collect(),
        "send_statement" => ["channel", "value"]
            .iter()
            .filter_map(|f| comm.child_by_field_name(f))
            .collect(),
        _ => Vec::new(),
    }
}

/// Why the duration's value could be changed by a call: it reads state other than locals
/// that are never captured nor have their address taken, constants and `time` constants.
fn readable_by_calls(
    pkg: &Package,
    file: FileId,
    func: Node,
    facts: &expr_effects::ExprFacts,
) -> Option<String> {
    let src = &pkg.files[file].src.text;
    if facts.indirect_reads {
        return Some("reads through a selector, index or pointer".to_string());
    }
    let consts = expr_effects::package_names(pkg, "const_declaration");
    let types = expr_effects::package_names(pkg, "type_declaration");
    for &id in &facts.idents {
        let name = text(id, src);
        match local_decl(id, name, src) {
            Some(decl) => {
                if decl
                    .parent()
                    .is_some_and(|p| matches!(p.kind(), "const_spec" | "type_spec" | "type_alias"))
                {
                    continue;
                }
                let scope = enclosing_function(decl).unwrap_or(func);
                let usage = common::usage(decl, scope, src);
                if usage.address_taken || usage.captured {
                    return Some(format!("reads `{name}`, which a function may change"));
                }
            }
            None => {
                if !(consts.contains(name) || types.contains(name) || name == "_") {
                    return Some(format!("reads the package-level `{name}`"));
                }
            }
        }
    }
    None
}

enum Verdict {
    /// Rewrite; `Some(reason)` makes the fix unsafe.
    Rewrite(Option<String>),
    /// Report without a fix.
    Finding(String),
    /// Leave alone silently.
    Keep,
}

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    let drain = ctx.opt_bool("always-drain") || !pkg.go_at_least(1, 23) || forces_async_timers(pkg);
    let base = {
        let b = ctx.opt_str("name");
        if common::is_identifier(&b) && !KEYWORDS.contains(&b.as_str()) && b != "_" {
            b
        } else {
            "timer".to_string()
        }
    };
    for file in ctx.files() {
        for &select in ctx.nodes(file, "select_statement") {
            let cases = timer_cases(pkg, file, select);
            let Some(first) = cases.first() else {
                continue;
            };
            let Some(for_stmt) = loop_shape::enclosing_for(select) else {
                continue;
            };
            let call = first.call;
            let what =
                "time.After in a select in a for loop allocates a new timer on every iteration";
            if cases.len() > 1 {
                out.push(ctx.finding(
                    file,
                    call,
                    format!("{what}; this select has {} time.After cases, which are not rewritten together (reuse one timer per deadline by hand)", cases.len()),
                    None,
                ));
                continue;
            }
            let verdict = judge(pkg, file, select, for_stmt, first);
            let unsafe_reason = match verdict {
                Verdict::Keep => continue,
                Verdict::Finding(why) => {
                    out.push(ctx.finding(
                        file,
                        call,
                        format!("{what}; not rewritten: {why}"),
                        None,
                    ));
                    continue;
                }
                Verdict::Rewrite(r) => r,
            };
            let Some(fix_parts) = build_fix(pkg, file, select, for_stmt, call, &base, drain) else {
                continue;
            };
            let (edits, name, need, top) = fix_parts;
            // One rewrite per top-level function and pass: the next pass sees the
            // first timer's name.
            let fix = match &unsafe_reason {
                None => Fix::safe(edits),
                Some(_) => Fix::unsafe_(edits),
            }
            .with_import(need)
            .with_claim(format!("func@{file}:{}", top.start_byte()));
            let reset = if drain {
                "stop, drain and Reset it"
            } else {
                "Reset it"
            };
            let message = match unsafe_reason {
                None => format!(
                    "{what}; create one timer `{name}` before the loop and {reset} before the select"
                ),
                Some(why) => format!(
                    "{what}; one timer `{name}` created before the loop could replace it, but {why} (unsafe)"
                ),
            };
            out.push(ctx.finding(file, call, message, Some(fix)));
        }
    }
    out
}

/// Decides what to do with the timer case `tc` of `select`, inside `for_stmt`.
fn judge(pkg: &Package, file: FileId, select: Node, for_stmt: Node, tc: &TimerCase) -> Verdict {
    let src = &pkg.files[file].src.text;
    let Some(func) = enclosing_function(select) else {
        return Verdict::Keep;
    };
    // A select with a default case never waits for the timer; leave such code alone.
    if named_children(select)
        .iter()
        .any(|c| c.kind() == "default_case")
    {
        return Verdict::Keep;
    }
    if !loop_shape::gotos_in(func).is_empty() {
        return Verdict::Finding(
            "the function contains a goto, which could jump past the reset or the new declaration"
                .into(),
        );
    }
    if !loop_shape::is_direct_body_statement(select, for_stmt) {
        return Verdict::Finding(
            "the select is not a statement directly in the loop body, so a reset before it would not run before every select"
                .into(),
        );
    }
    if loop_shape::enclosing_for(for_stmt).is_some() {
        return Verdict::Finding(
            "the loop is inside another loop: a timer and a deferred Stop would be created on every outer iteration"
                .into(),
        );
    }
    let Some(duration) = common::single_argument(tc.call) else {
        return Verdict::Keep;
    };
    let d_text = text(duration, src);
    if d_text.contains('\n') {
        return Verdict::Finding("the duration spans several lines".into());
    }
    let facts = expr_effects::facts(pkg, file, duration);
    if let Some(c) = facts.calls.first() {
        return Verdict::Finding(format!(
            "the duration calls `{}`; creating the timer before the loop would evaluate it once more",
            text(*c, src)
        ));
    }
    if let Some(e) = facts.other_effects.first() {
        return Verdict::Finding(format!(
            "the duration contains `{}`, which allocfix cannot evaluate once more safely",
            text(*e, src)
        ));
    }
    for &id in &facts.idents {
        let name = text(id, src);
        if let Some(decl) = local_decl(id, name, src)
            && for_stmt.byte_range().contains(&decl.start_byte())
        {
            let place = match loop_shape::for_body(for_stmt) {
                Some(b) if b.byte_range().contains(&decl.start_byte()) => "in the loop body",
                _ => "by the for clause",
            };
            return Verdict::Finding(format!(
                "the duration uses `{name}`, declared {place}, which is not in scope before the loop"
            ));
        }
    }

    // Calls made by earlier cases of the select happen, in the original, before the
    // duration is evaluated; now the duration is evaluated first (by Reset).
    let earlier_call = named_children(select)
        .into_iter()
        .take_while(|c| *c != tc.case)
        .flat_map(evaluated_operands)
        .find_map(|e| {
            let f = expr_effects::facts(pkg, file, e);
            f.calls.first().or(f.other_effects.first()).copied()
        });
    if let Some(c) = earlier_call
        && let Some(why) = readable_by_calls(pkg, file, func, &facts)
    {
        return Verdict::Rewrite(Some(format!(
            "the duration {why}, and an earlier case evaluates `{}` before it",
            text(c, src)
        )));
    }
    if let Some(p) = facts.may_panic.first() {
        let opens_loop = loop_shape::is_bare_for(for_stmt)
            && loop_shape::body_statements(for_stmt).first() == Some(&select)
            && earlier_call.is_none();
        if !opens_loop {
            return Verdict::Rewrite(Some(format!(
                "evaluating `{}` before the loop may panic where the original did not",
                text(*p, src)
            )));
        }
    }
    Verdict::Rewrite(None)
}

type FixParts<'t> = (Vec<Edit>, String, Option<crate::edit::ImportNeed>, Node<'t>);

/// The edits of the rewrite, the timer's name, the import it needs and the top-level
/// declaration it claims.
fn build_fix<'t>(
    pkg: &'t Package,
    file: FileId,
    select: Node<'t>,
    for_stmt: Node<'t>,
    call: Node<'t>,
    base: &str,
    drain: bool,
) -> Option<FixParts<'t>> {
    let src = &pkg.files[file].src.text;
    let duration = common::single_argument(call)?;
    let d = text(duration, src);
    let top = enclosing_top_level(select)?;
    let name = timer_name(pkg, file, top, base);

    // Both the `for` (after its labels) and the select must start their lines.
    let starts_line = |n: Node| {
        src[line_start(src, n.start_byte())..n.start_byte()]
            .trim()
            .is_empty()
    };
    let stmt = loop_shape::with_labels(for_stmt);
    if !starts_line(stmt) || !starts_line(for_stmt) || !starts_line(select) {
        return None;
    }
    let time = name_for(pkg, file, "time", &[stmt])?;

    let indent = indentation(src, for_stmt.start_byte());
    let at = start_with_doc(stmt, src);
    let create = format!(
        "{indent}{name} := {}.NewTimer({d})\n{indent}defer {name}.Stop()\n",
        time.name
    );
    let sel_indent = indentation(src, select.start_byte());
    let reset = if drain {
        format!(
            "if !{name}.Stop() {{\n\tselect {{\n\tcase <-{name}.C:\n\tdefault:\n\t}}\n}}\n{name}.Reset({d})"
        )
    } else {
        format!("{name}.Reset({d})")
    };
    let reset = format!("{sel_indent}{}\n", indent_block(&reset, sel_indent));
    let reset_at = start_with_doc(select, src);
    let edits = vec![
        Edit::insert(file, at, create),
        Edit::insert(file, reset_at, reset),
        Edit::replace(file, call.byte_range(), format!("{name}.C")),
    ];
    Some((edits, name, time.need, top))
}
