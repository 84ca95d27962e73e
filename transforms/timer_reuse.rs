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
//! iteration (3 allocs/op in the seed's `consume`), and before Go 1.23 every abandoned timer
//! also stays in the runtime's timer heap until it fires. One timer reset per iteration
//! allocates nothing: the seed's loop goes from 3 allocs/op to 0.
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
//!
//! When a statement of the loop body before the `select` can end the iteration or leave
//! the loop (`return`, `break`, `continue`: a retry loop that returns when its first
//! attempt succeeds, as prometheus `retryOnError`), the `select` is not reached on every
//! path, and a timer made before the loop would allocate where the original never did.
//! The timer is then made where the `select` is first reached:
//! ```go
//!     var timer *time.Timer
//!     for i := 0; i < attempts; i++ {
//!         if err = f(); err == nil {
//!             return nil
//!         }
//!         if timer == nil {
//!             timer = time.NewTimer(delay)
//!         } else {
//!             timer.Reset(delay) // after the stop and drain before Go 1.23
//!         }
//!         select {
//!         case <-ctx.Done():
//!             return err
//!         case <-timer.C:
//!         }
//!     }
//! ```
//! The path that never waits allocates nothing (golden `retryOnError`, first attempt
//! succeeding: 0 allocs/op before and after), and every later wait reuses the timer. Like
//! the `time.After` timer it replaces, this one is not stopped when the function returns;
//! it is released when it fires (or, from Go 1.23, when nothing references it). The
//! duration is evaluated only where the original evaluated it, so a duration that may
//! panic does not make this form unsafe.
//!
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
//!   - the `select` is not a statement directly in the loop body (it is inside an `if`, a
//!     block, a `switch`): the reset must run right before every execution of the `select`
//!     (a label on the `select` itself is fine: the reset goes before the label);
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
//! Which timer semantics a program gets is decided by its main module: its `go` line (at
//! least the library's, as the go command requires), its `godebug` lines, `//go:debug` lines
//! in its main package, and the `GODEBUG` environment variable. allocfix sees the settings
//! of the module and package it rewrites; a program that forces `asynctimerchan=1` from
//! elsewhere while this module says 1.23 or later would need the drain: use the option
//! `always-drain` for such code.
//!
//! The drain form is the seed's: `Stop` reports whether the timer was still running, and a
//! value it had already sent is taken out without blocking (a value already received by the
//! timer case leaves nothing to drain).

use tree_sitter::Node;

use crate::analysis::resolve::local_decl;
use crate::fixkit::edit::{Claim, Edit, FileId, Finding, Fix};
use crate::fixkit::imports::{is_call_to, name_for};
use crate::fixkit::indent::{indent_block, indentation};
use crate::fixkit::names;
use crate::fixkit::place;
use crate::package::Package;
use crate::syntax::{enclosing_function, enclosing_top_level, line_start, named_children, text};
use serde::{Deserialize, Serialize};

use crate::transform::{Ctx, FixAvailability, GoIdent, Meta, Rule, TransformDef};

use super::common;
use crate::analysis::control as loop_shape;
use crate::analysis::effects;

/// The rule; what it does is the module documentation above.
pub struct TimerReuse;

impl Rule for TimerReuse {
    type Options = TimerReuseOptions;
    const META: Meta = Meta {
        id: "timer-reuse",
        summary: "case <-time.After(d) in a select in a for loop → one timer before the loop, Reset per iteration",
        fix: FixAvailability::SafeAndUnsafe,
        fix_note: "unsafe when evaluating the duration before the loop may panic or an earlier case may change it; finding when the loop or the duration cannot be followed",
        source: include_str!("timer_reuse.rs"),
        needles: &["After("],
        node_kinds: &["select_statement"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, options: &TimerReuseOptions) -> Vec<Finding> {
        run(ctx, options)
    }
}

pub static DEF: TransformDef = TransformDef::of::<TimerReuse>();

/// The options of `timer-reuse` (`[transforms.timer-reuse]` in allocfix.toml): each field's
/// doc comment is what `allocfix explain timer-reuse` prints.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct TimerReuseOptions {
    /// name of the new timer variable (a digit is appended when it is taken)
    pub name: GoIdent,
    /// stop and drain the timer before Reset even when go.mod says Go 1.23 or later
    pub always_drain: bool,
}

impl Default for TimerReuseOptions {
    fn default() -> Self {
        TimerReuseOptions {
            name: GoIdent::new("timer").expect("an identifier"),
            always_drain: false,
        }
    }
}

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
    facts: &effects::ExprFacts,
) -> Option<String> {
    let src = &pkg.files[file].src.text;
    if facts.indirect_reads {
        return Some("reads through a selector, index or pointer".to_string());
    }
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
                let usage = crate::analysis::uses::usage(decl, scope, src);
                if usage.address_taken || usage.captured {
                    return Some(format!("reads `{name}`, which a function may change"));
                }
            }
            None => {
                let constant = |kind| effects::package_declares(pkg, name, kind);
                if !(name == "_" || constant("const_declaration") || constant("type_declaration")) {
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

fn run(ctx: &Ctx, options: &TimerReuseOptions) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    // Read go.mod and the files only when there is something to rewrite.
    let drain_cell = std::cell::OnceCell::new();
    let drain = || {
        *drain_cell.get_or_init(|| {
            options.always_drain || !pkg.go_at_least(1, 23) || forces_async_timers(pkg)
        })
    };
    let base = options.name.as_str().to_string();
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
            let lazy = skips_before_select(select, for_stmt);
            let verdict = judge(pkg, file, select, for_stmt, first, lazy);
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
            let Some(fix_parts) =
                build_fix(pkg, file, select, for_stmt, call, &base, drain(), lazy)
            else {
                out.push(ctx.finding(
                    file,
                    call,
                    format!("{what}; not rewritten: the for and the select must each start a line (run gofmt first), and `time` must be reachable before the loop"),
                    None,
                ));
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
            .with_claim(Claim::Function {
                transform: ctx.transform,
                file,
                start: top.start_byte(),
            });
            let reset = if drain() {
                "stop, drain and Reset it"
            } else {
                "Reset it"
            };
            let message = match unsafe_reason {
                None if lazy => format!(
                    "{what}; the loop body may leave the iteration before the select, so create one timer `{name}` when the select is first reached and {reset} on later iterations"
                ),
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

/// True when a statement of the loop body before the select (a direct statement of it, see
/// `judge`) can end the iteration or leave the loop (`return`, `break`, `continue`): the
/// select is then not reached on every iteration (prometheus `retryOnError` returns when
/// its first attempt succeeds), and a timer made before the loop would be an allocation
/// the original never made on that path.
fn skips_before_select(select: Node, for_stmt: Node) -> bool {
    let select_stmt = loop_shape::with_labels(select);
    loop_shape::body_statements(for_stmt)
        .into_iter()
        .take_while(|s| *s != select_stmt)
        .any(super::loops::may_skip)
}

/// Decides what to do with the timer case `tc` of `select`, inside `for_stmt` (`lazy`: the
/// timer is made where the select is first reached, not before the loop).
fn judge(
    pkg: &Package,
    file: FileId,
    select: Node,
    for_stmt: Node,
    tc: &TimerCase,
    lazy: bool,
) -> Verdict {
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
    let select_stmt = loop_shape::with_labels(select);
    if !loop_shape::is_direct_body_statement(select_stmt, for_stmt) {
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
    let facts = effects::facts(pkg, file, duration);
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
            let f = effects::facts(pkg, file, e);
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
    // Made lazily, the timer evaluates the duration only where the original did.
    if let Some(p) = facts.may_panic.first().filter(|_| !lazy) {
        let opens_loop = loop_shape::is_bare_for(for_stmt)
            && loop_shape::body_statements(for_stmt).first() == Some(&select_stmt)
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

type FixParts<'t> = (
    Vec<Edit>,
    String,
    Option<crate::fixkit::edit::ImportNeed>,
    Node<'t>,
);

/// The edits of the rewrite, the timer's name, the import it needs and the top-level
/// declaration it claims. With `lazy`, the timer is a nil `*time.Timer` declared before the
/// loop and made the first time the select is reached.
#[allow(clippy::too_many_arguments)]
fn build_fix<'t>(
    pkg: &'t Package,
    file: FileId,
    select: Node<'t>,
    for_stmt: Node<'t>,
    call: Node<'t>,
    base: &str,
    drain: bool,
    lazy: bool,
) -> Option<FixParts<'t>> {
    let src = &pkg.files[file].src.text;
    let duration = common::single_argument(call)?;
    let d = text(duration, src);
    let top = enclosing_top_level(select)?;
    let name = names::fresh_in_function(pkg, file, top, base);

    // Both the `for` (after its labels) and the select must start their lines.
    let starts_line = |n: Node| {
        src[line_start(src, n.start_byte())..n.start_byte()]
            .trim()
            .is_empty()
    };
    let stmt = loop_shape::with_labels(for_stmt);
    let select_stmt = loop_shape::with_labels(select);
    if [stmt, for_stmt, select_stmt, select]
        .iter()
        .any(|n| !starts_line(*n))
    {
        return None;
    }
    let time = name_for(pkg, file, "time", &[stmt])?;

    let indent = indentation(src, for_stmt.start_byte());
    let at = place::start_with_comments_above(stmt, src);
    let t = &time.name;
    let create = if lazy {
        format!("{indent}var {name} *{t}.Timer\n")
    } else {
        format!("{indent}{name} := {t}.NewTimer({d})\n{indent}defer {name}.Stop()\n")
    };
    let sel_indent = indentation(src, select.start_byte());
    let reset = if drain {
        format!(
            "if !{name}.Stop() {{\n\tselect {{\n\tcase <-{name}.C:\n\tdefault:\n\t}}\n}}\n{name}.Reset({d})"
        )
    } else {
        format!("{name}.Reset({d})")
    };
    let reset = if lazy {
        format!(
            "if {name} == nil {{\n\t{name} = {t}.NewTimer({d})\n}} else {{\n\t{}\n}}",
            indent_block(&reset, "\t")
        )
    } else {
        reset
    };
    let reset = format!("{sel_indent}{}\n", indent_block(&reset, sel_indent));
    let reset_at = place::start_with_comments_above(select_stmt, src);
    let edits = vec![
        Edit::insert(file, at, create),
        Edit::insert(file, reset_at, reset),
        Edit::replace(file, call.byte_range(), format!("{name}.C")),
    ];
    Some((edits, name, time.need, top))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use crate::engine::Settings;
    use crate::transforms::common::testing::{fix_label, run_one_file};

    /// Runs the transform over one file `a.go` of a module at `go` (None: no go.mod).
    /// Returns the new text (or the input) and the findings' messages.
    fn run_with(
        src: &str,
        go: Option<(u32, u32)>,
        unsafe_fixes: bool,
        options: &str,
        gomod_path: Option<std::path::PathBuf>,
    ) -> (String, Vec<String>) {
        let mut opts = HashMap::new();
        opts.insert(
            super::DEF.id.to_string(),
            super::DEF
                .parse_options(toml::from_str(options).expect("toml"))
                .expect("options"),
        );
        let settings = Settings {
            unsafe_fixes,
            options: opts,
            ..Settings::default()
        };
        let (fixed, findings) = run_one_file(&super::DEF, src, ".", go, gomod_path, &settings);
        let msgs = findings
            .iter()
            .map(|r| format!("{}:{}: {}", r.position.line, fix_label(r), r.message))
            .collect();
        (fixed, msgs)
    }

    fn run(src: &str, go: Option<(u32, u32)>) -> (String, Vec<String>) {
        run_with(src, go, false, "", None)
    }

    const HEAD: &str = "package a\n\nimport \"time\"\n\n";

    #[test]
    fn unknown_version_drains() {
        let src = format!(
            "{HEAD}func f(ch chan int, d time.Duration) {{\n\tfor {{\n\t\tselect {{\n\t\tcase <-ch:\n\t\tcase <-time.After(d):\n\t\t\treturn\n\t\t}}\n\t}}\n}}\n"
        );
        let (out, msgs) = run(&src, None);
        assert_eq!(msgs.len(), 1);
        assert!(out.contains(
            "\ttimer := time.NewTimer(d)\n\tdefer timer.Stop()\n\tfor {\n\t\tif !timer.Stop() {\n\t\t\tselect {\n\t\t\tcase <-timer.C:\n\t\t\tdefault:\n\t\t\t}\n\t\t}\n\t\ttimer.Reset(d)\n\t\tselect {"
        ), "{out}");
        assert!(out.contains("\t\tcase <-timer.C:\n\t\t\treturn"), "{out}");
    }

    #[test]
    fn go123_resets_only_unless_async_timers_are_forced() {
        let body = "func f(ch chan int, d time.Duration) {\n\tfor {\n\t\tselect {\n\t\tcase <-ch:\n\t\tcase <-time.After(d):\n\t\t}\n\t}\n}\n";
        let (out, _) = run(&format!("{HEAD}{body}"), Some((1, 23)));
        assert!(
            out.contains("\tfor {\n\t\ttimer.Reset(d)\n\t\tselect {"),
            "{out}"
        );
        assert!(!out.contains("!timer.Stop()"), "{out}");

        let (out, _) = run_with(
            &format!("{HEAD}{body}"),
            Some((1, 24)),
            false,
            "always-drain = true",
            None,
        );
        assert!(out.contains("!timer.Stop()"), "{out}");

        let directive = format!("//go:debug asynctimerchan=1\n\n{HEAD}{body}");
        let (out, _) = run(&directive, Some((1, 23)));
        assert!(out.contains("!timer.Stop()"), "{out}");

        let dir = tempfile::tempdir().expect("tempdir");
        let gomod = dir.path().join("go.mod");
        std::fs::write(
            &gomod,
            "module example.com/a\n\ngo 1.23\n\ngodebug (\n\tdefault=go1.23\n\tasynctimerchan=1\n)\n",
        )
        .expect("write");
        let (out, _) = run_with(
            &format!("{HEAD}{body}"),
            Some((1, 23)),
            false,
            "",
            Some(gomod),
        );
        assert!(out.contains("!timer.Stop()"), "{out}");
    }

    #[test]
    fn left_alone() {
        for body in [
            // default case: the select never waits for the timer
            "func f(ch chan int, d time.Duration) {\n\tfor {\n\t\tselect {\n\t\tcase <-ch:\n\t\tcase <-time.After(d):\n\t\tdefault:\n\t\t}\n\t}\n}\n",
            // in a func literal called in the loop: one timer per call
            "func f(ch chan int, d time.Duration) {\n\tfor {\n\t\tfunc() {\n\t\t\tselect {\n\t\t\tcase <-ch:\n\t\t\tcase <-time.After(d):\n\t\t\t}\n\t\t}()\n\t}\n}\n",
            // not received in a case
            "func f(d time.Duration) {\n\tfor {\n\t\tc := time.After(d)\n\t\t<-c\n\t}\n}\n",
            // time is a parameter
            "type clock struct{}\n\nfunc (clock) After(time.Duration) chan int { return nil }\n\nfunc f(time clock, d int) {\n\tfor {\n\t\tselect {\n\t\tcase <-time.After(0):\n\t\t}\n\t}\n}\n",
        ] {
            let src = format!("{HEAD}{body}");
            let (out, msgs) = run(&src, Some((1, 22)));
            assert_eq!(out, src);
            assert!(msgs.is_empty(), "{msgs:?}");
        }
    }

    #[test]
    fn loop_in_literal_inside_a_loop_is_rewritten_in_the_literal() {
        let src = format!(
            "{HEAD}func f(ch chan int, d time.Duration, n int) {{\n\tfor i := 0; i < n; i++ {{\n\t\tgo func() {{\n\t\t\tfor {{\n\t\t\t\tselect {{\n\t\t\t\tcase <-ch:\n\t\t\t\tcase <-time.After(d):\n\t\t\t\t\treturn\n\t\t\t\t}}\n\t\t\t}}\n\t\t}}()\n\t}}\n}}\n"
        );
        let (out, _) = run(&src, Some((1, 23)));
        assert!(
            out.contains("\t\tgo func() {\n\t\t\ttimer := time.NewTimer(d)\n\t\t\tdefer timer.Stop()\n\t\t\tfor {\n\t\t\t\ttimer.Reset(d)\n"),
            "{out}"
        );
    }

    #[test]
    fn two_loops_in_one_function_get_two_names_over_two_passes() {
        let src = format!(
            "{HEAD}func f(ch chan int, d, e time.Duration) {{\n\tfor {{\n\t\tselect {{\n\t\tcase <-ch:\n\t\tcase <-time.After(d):\n\t\t\tbreak\n\t\t}}\n\t\tbreak\n\t}}\n\t// Second round.\n\tfor {{\n\t\t// Wait.\n\t\tselect {{\n\t\tcase <-ch:\n\t\tcase <-time.After(e):\n\t\t\treturn\n\t\t}}\n\t}}\n}}\n"
        );
        let (out, msgs) = run(&src, Some((1, 23)));
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(
            out.contains(
                "\ttimer := time.NewTimer(d)\n\tdefer timer.Stop()\n\tfor {\n\t\ttimer.Reset(d)\n"
            ),
            "{out}"
        );
        assert!(
            out.contains("\ttimer0 := time.NewTimer(e)\n\tdefer timer0.Stop()\n\t// Second round.\n\tfor {\n\t\ttimer0.Reset(e)\n\t\t// Wait.\n\t\tselect {"),
            "{out}"
        );
        assert!(out.contains("case <-timer0.C:\n\t\t\treturn"), "{out}");
    }

    #[test]
    fn name_option() {
        let src = format!(
            "{HEAD}func f(ch chan int, d time.Duration) {{\n\tfor {{\n\t\tselect {{\n\t\tcase <-ch:\n\t\tcase <-time.After(d):\n\t\t}}\n\t}}\n}}\n"
        );
        let (out, _) = run_with(&src, Some((1, 23)), false, "name = \"idle\"", None);
        assert!(out.contains("idle := time.NewTimer(d)"), "{out}");
        assert!(out.contains("case <-idle.C:"), "{out}");
        // A keyword never reaches the rule: the configuration rejects it.
        let keyword = super::DEF.parse_options(toml::from_str("name = \"for\"").expect("toml"));
        assert!(keyword.is_err());
    }

    #[test]
    fn possibly_panicking_duration_is_unsafe_unless_the_loop_opens_with_the_select() {
        let pre = "type cfg struct{ every time.Duration }\n\n";
        // A condition loop: the original may never evaluate s.every.
        let cond = format!(
            "{HEAD}{pre}func f(ch chan int, s *cfg, ok func() bool) {{\n\tfor ok() {{\n\t\tselect {{\n\t\tcase <-ch:\n\t\tcase <-time.After(s.every):\n\t\t}}\n\t}}\n}}\n"
        );
        let (out, msgs) = run(&cond, Some((1, 23)));
        assert_eq!(out, cond);
        assert!(
            msgs[0].contains(":unsafe: ") && msgs[0].contains("may panic"),
            "{msgs:?}"
        );
        let (out, _) = run_with(&cond, Some((1, 23)), true, "", None);
        assert!(out.contains("timer := time.NewTimer(s.every)"), "{out}");

        // A bare for opening with the select evaluates it at once anyway.
        let bare = format!(
            "{HEAD}{pre}func f(ch chan int, s *cfg) {{\n\tfor {{\n\t\tselect {{\n\t\tcase <-ch:\n\t\tcase <-time.After(s.every):\n\t\t}}\n\t}}\n}}\n"
        );
        let (out, msgs) = run(&bare, Some((1, 23)));
        assert!(msgs[0].contains(":fix: "), "{msgs:?}");
        assert!(out.contains("timer.Reset(s.every)"), "{out}");

        // Division by a variable.
        let div = format!(
            "{HEAD}func f(ch chan int, d time.Duration, n int, xs []int) {{\n\tfor range xs {{\n\t\tselect {{\n\t\tcase <-ch:\n\t\tcase <-time.After(d / time.Duration(n)):\n\t\t}}\n\t}}\n}}\n"
        );
        let (_, msgs) = run(&div, Some((1, 23)));
        assert!(msgs[0].contains(":unsafe: "), "{msgs:?}");
    }

    #[test]
    fn earlier_calls_and_mutable_durations() {
        // ctx.Done() is called before the duration is read; `every` is a package var.
        let src = format!(
            "{HEAD}var every = time.Second\n\ntype ctx interface{{ Done() <-chan struct{{}} }}\n\nfunc f(c ctx, ch chan int) {{\n\tfor {{\n\t\tselect {{\n\t\tcase <-c.Done():\n\t\t\treturn\n\t\tcase <-time.After(every):\n\t\t}}\n\t}}\n}}\n"
        );
        let (out, msgs) = run(&src, Some((1, 23)));
        assert_eq!(out, src);
        assert!(
            msgs[0].contains(":unsafe: ") && msgs[0].contains("`c.Done()`"),
            "{msgs:?}"
        );
        // The same with a parameter: no call can change it.
        let src = src
            .replace(
                "func f(c ctx, ch chan int)",
                "func f(c ctx, ch chan int, d time.Duration)",
            )
            .replace("time.After(every)", "time.After(d)");
        let (_, msgs) = run(&src, Some((1, 23)));
        assert!(msgs[0].contains(":fix: "), "{msgs:?}");
        // A parameter captured by a closure could be changed by the call.
        let src = src.replace("\tfor {\n", "\tc = nil\n\t_ = func() { d = 0 }\n\tfor {\n");
        let (_, msgs) = run(&src, Some((1, 23)));
        assert!(msgs[0].contains(":unsafe: "), "{msgs:?}");
    }

    #[test]
    fn labelled_select_gets_the_reset_before_its_label() {
        let src = format!(
            "{HEAD}func f(ch chan int, d time.Duration) {{\n\tfor {{\n\tsel:\n\t\tselect {{\n\t\tcase <-ch:\n\t\t\tbreak sel\n\t\tcase <-time.After(d):\n\t\t\treturn\n\t\t}}\n\t}}\n}}\n"
        );
        let (out, msgs) = run(&src, Some((1, 23)));
        assert!(msgs[0].contains(":fix: "), "{msgs:?}");
        assert!(
            out.contains("\tfor {\n\t\ttimer.Reset(d)\n\tsel:\n\t\tselect {"),
            "{out}"
        );
    }

    #[test]
    fn findings_without_fix() {
        for (body, why) in [
            (
                "func f(ch chan int, d time.Duration) {\n\tfor {\n\t\tselect {\n\t\tcase <-ch:\n\t\tcase <-time.After(<-make(chan time.Duration)):\n\t\t}\n\t}\n}\n",
                "cannot evaluate",
            ),
            (
                "func f(ch chan int, d time.Duration) {\n\tfor {\n\t\t{\n\t\t\tselect {\n\t\t\tcase <-ch:\n\t\t\tcase <-time.After(d):\n\t\t\t}\n\t\t}\n\t}\n}\n",
                "not a statement directly",
            ),
            (
                "func f(ch chan int, d time.Duration) {\n\tfor {\n\t\tswitch {\n\t\tdefault:\n\t\t\tfor {\n\t\t\t\tselect {\n\t\t\t\tcase <-ch:\n\t\t\t\tcase <-time.After(d):\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n}\n",
                "inside another loop",
            ),
            (
                "func f(ch chan int, d time.Duration) {\n\tgoto L\nL:\n\tfor {\n\t\tselect {\n\t\tcase <-ch:\n\t\tcase <-time.After(d):\n\t\t}\n\t}\n}\n",
                "goto",
            ),
            (
                "func f(ch chan int, ds []time.Duration) {\n\tfor _, d := range ds {\n\t\tselect {\n\t\tcase <-ch:\n\t\tcase <-time.After(d):\n\t\t}\n\t}\n}\n",
                "declared by the for clause",
            ),
        ] {
            let src = format!("{HEAD}{body}");
            let (out, msgs) = run(&src, Some((1, 22)));
            assert_eq!(out, src);
            assert_eq!(msgs.len(), 1, "{msgs:?}");
            assert!(
                msgs[0].contains(":none: ") && msgs[0].contains(why),
                "{msgs:?}"
            );
        }
    }

    #[test]
    fn unformatted_code_is_reported_not_rewritten() {
        let src = format!(
            "{HEAD}func f(ch chan int, d time.Duration) {{\n\tfor {{ select {{\n\t\tcase <-ch:\n\t\tcase <-time.After(d):\n\t\t}}\n\t}}\n}}\n"
        );
        let (out, msgs) = run(&src, Some((1, 23)));
        assert_eq!(out, src);
        assert!(
            msgs[0].contains(":none: ") && msgs[0].contains("gofmt"),
            "{msgs:?}"
        );
    }

    #[test]
    fn conversions_to_local_and_package_types() {
        let src = format!(
            "{HEAD}type ms int\n\nfunc f(ch chan int, n ms) {{\n\tfor {{\n\t\tselect {{\n\t\tcase <-ch:\n\t\tcase <-time.After(time.Duration(int64(n)) * time.Millisecond):\n\t\t}}\n\t}}\n}}\n"
        );
        let (out, msgs) = run(&src, Some((1, 23)));
        assert!(msgs[0].contains(":fix: "), "{msgs:?}");
        assert!(out.contains("timer := time.NewTimer(time.Duration(int64(n)) * time.Millisecond)"));
        // A type declared inside the loop is not in scope before it.
        let src = format!(
            "{HEAD}func f(ch chan int, n int) {{\n\tfor {{\n\t\ttype ms int\n\t\tselect {{\n\t\tcase <-ch:\n\t\tcase <-time.After(time.Duration(ms(n))):\n\t\t}}\n\t}}\n}}\n"
        );
        let (_, msgs) = run(&src, Some((1, 23)));
        assert!(
            msgs[0].contains(":none: ") && msgs[0].contains("`ms`"),
            "{msgs:?}"
        );
    }
}
