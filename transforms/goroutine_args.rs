//! ## What it does
//! In a module whose go.mod says a go version before 1.22, rewrites a goroutine started in
//! a loop from a function literal that captures the loop's variables, so that it receives
//! them as arguments instead:
//! `for _, v := range xs { go func() { use(v) }() }` →
//! `for _, v := range xs { go func(v T) { use(v) }(v) }`.
//! In modules at go 1.22 or later (and in files whose `//go:build` line requires go1.22 or
//! later) it does nothing: there each iteration has its own variables.
//!
//! ## Why
//! Before Go 1.22 a `for` loop declares its variables once and assigns them on every
//! iteration. A goroutine that captures one shares it with the loop: it may run after the
//! loop moved on and see a later value, or the last one (a data race, the bug `go vet`'s
//! loopclosure check reports, seed exercise 7). Capturing also moves the variable to the
//! heap once per execution of the loop. Passed as an argument, each goroutine gets the
//! value of its own iteration and the variable stays on the stack.
//!
//! The allocation difference is small and only exists before Go 1.22 (measured with Go
//! 1.26, ten goroutines started per loop, allocs/op of one loop):
//!
//! | the function literal captures | go 1.21: capture → arguments | go 1.22: capture → arguments |
//! |---|---|---|
//! | only loop variables | 11 → 10 (the heap copy of the variable) | 10 → 10 |
//! | loop variables and another local (`wg`) | 12 → 21 | 11 → 21 |
//!
//! A `go` statement with arguments is compiled into a wrapper closure holding them; when
//! the function literal also captures another local it is a closure of its own, so the
//! goroutine costs two allocations instead of one. That is why the fix is only offered
//! when the literal captures nothing but loop variables, and why nothing is reported from
//! Go 1.22 on (there the capture is correct and never costs more).
//!
//! Bytes do not follow: the closure of each goroutine now holds the values instead of a
//! pointer to the shared variable, so B/op rises while allocs/op drops (golden
//! `notifyAll` over ten strings: 12 → 11 allocs/op, 346 → 490 B/op; `fix --bench` marks
//! such a benchmark `ROSE` for its bytes). The rewrite is made for the race first; the
//! allocation it saves is the smaller gain.
//!
//! ## Example
//! ```go
//! func notifyAll(users []string) {
//!     for _, u := range users {
//!         go func() { notify(u) }()
//!         sent++
//!     }
//! }
//! ```
//! becomes, in a module at go 1.21,
//! ```go
//! func notifyAll(users []string) {
//!     for _, u := range users {
//!         go func(u string) { notify(u) }(u)
//!         sent++
//!     }
//! }
//! ```
//!
//! ## When it does not apply
//! - go 1.22 or later (the module, or the file's `//go:build` line): untouched, no finding.
//! - Reported without a fix, at go < 1.22 or when no go.mod gives the version:
//!   - the module's go version is unknown (no go.mod);
//!   - the function literal also captures another local variable: the arguments would cost
//!     one more allocation per goroutine (table above); fix the race by hand (or move the
//!     module to go 1.22);
//!   - the function literal assigns a loop variable or takes its address (a parameter
//!     would be a copy), or the loop body assigns it or takes its address (the goroutine
//!     would no longer see that change);
//!   - another function literal of the loop also captures the variable (it would stay on
//!     the heap: no saving);
//!   - a struct or array variable whose fields, elements or methods are used in place in
//!     the goroutine or the loop body (`j.run()`, `j.n++`, `&j.buf`): the parameter would be
//!     a copy, and a change made through it would no longer be seen by the iteration (as
//!     it would from Go 1.22);
//!   - the type of a loop variable is not written in the file or evident (a range over a
//!     call result, a field): the parameter needs it spelled;
//!   - the function literal already has parameters.
//!
//! ## Fix safety
//! Safe, and a change of behaviour on purpose: each goroutine now sees the value of the
//! iteration that started it, which is what Go 1.22 gives every loop and what the code
//! means; the old behaviour was a data race. The loop variables are read-only in the loop
//! body and in the goroutine, so the value passed is the value the goroutine would have
//! read had it run at once.

use tree_sitter::Node;

use crate::analysis::freevars::{free_locals, is_variable};
use crate::analysis::types::spelled::decl_spelling;
use crate::analysis::types::{self, Shape};
use crate::analysis::uses::{UseKind, classify, is_captured, unparen, uses_of};
use crate::analysis::{control, flow, resolve};
use crate::fixkit::edit::{Finding, FixBuilder};
use crate::syntax::{ancestors, enclosing_function, is_function, named_children, text};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct GoroutineArgs;

impl Rule for GoroutineArgs {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "goroutine-args",
        summary: "go func() { … loop var … }() in a loop, before go 1.22 → loop variables passed as arguments",
        fix: FixAvailability::Safe,
        fix_note: "before go 1.22 when the goroutine captures only read-only loop variables (fixes the shared-variable race); finding otherwise; nothing from go 1.22",
        source: include_str!("goroutine_args.rs"),
        needles: &["go "],
        node_kinds: &["go_statement"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<GoroutineArgs>();

/// The `for` statements enclosing `node` within its own function, innermost first.
fn enclosing_fors(node: Node) -> Vec<Node> {
    let mut out = Vec::new();
    for a in ancestors(node).skip(1) {
        if is_function(a) {
            break;
        }
        if a.kind() == "for_statement" {
            out.push(a);
        }
    }
    out
}

/// True when `decl` is a variable the `for` statement `for_stmt` declares in its header
/// (`for i := …; …; …` or `for k, v := range …`).
fn declared_by_header(decl: Node, for_stmt: Node) -> bool {
    let Some(body) = for_stmt.child_by_field_name("body") else {
        return false;
    };
    if !(for_stmt.start_byte() <= decl.start_byte() && decl.end_byte() <= body.start_byte()) {
        return false;
    }
    let Some(list) = decl.parent().filter(|l| l.kind() == "expression_list") else {
        return false;
    };
    let Some(holder) = list.parent() else {
        return false;
    };
    match holder.kind() {
        "range_clause" => resolve::declares_with_define(holder),
        "short_var_declaration" => holder.parent().is_some_and(|c| {
            c.kind() == "for_clause" && c.child_by_field_name("initializer") == Some(holder)
        }),
        _ => false,
    }
}

/// One loop variable the goroutine captures: its declaration, its loop and its uses in the
/// function literal.
struct Captured<'t> {
    decl: Node<'t>,
    for_stmt: Node<'t>,
    uses: Vec<Node<'t>>,
}

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    if pkg.go_at_least(1, 22) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for file in ctx.files() {
        let per_iteration = control::loop_vars_per_iteration(pkg, file);
        if per_iteration == Some(true) {
            continue;
        }
        let src = ctx.src(file);
        for &go in ctx.nodes(file, "go_statement") {
            let Some(call) = named_children(go)
                .into_iter()
                .find(|c| c.kind() == "call_expression")
            else {
                continue;
            };
            let Some(lit) = call
                .child_by_field_name("function")
                .filter(|f| f.kind() == "func_literal")
            else {
                continue;
            };
            let fors = enclosing_fors(go);
            if fors.is_empty() {
                continue;
            }
            let free = free_locals(lit, src);
            let mut loop_vars: Vec<Captured> = Vec::new();
            let mut others: Vec<&str> = Vec::new();
            for f in &free {
                if let Some(&for_stmt) = fors.iter().find(|l| declared_by_header(f.decl, **l)) {
                    loop_vars.push(Captured {
                        decl: f.decl,
                        for_stmt,
                        uses: f.uses.clone(),
                    });
                } else if is_variable(f.decl) {
                    others.push(text(f.decl, src));
                }
            }
            if loop_vars.is_empty() {
                continue;
            }
            loop_vars.sort_by_key(|c| c.decl.start_byte());
            let names: Vec<&str> = loop_vars.iter().map(|c| text(c.decl, src)).collect();
            let head = format!(
                "the goroutine captures the loop variable{} {}: before Go 1.22 every iteration shares {}, so the goroutine may see a later iteration's value (a data race), and {} moved to the heap",
                if names.len() > 1 { "s" } else { "" },
                names.join(", "),
                if names.len() > 1 { "them" } else { "it" },
                if names.len() > 1 { "they are" } else { "it is" },
            );
            let advice = if names.len() > 1 {
                "pass them as arguments"
            } else {
                "pass it as an argument"
            };
            let refuse = |why: String| format!("{head}; {advice} (not fixed: {why})");
            let why = if per_iteration.is_none() {
                Some("no go.mod gives the module's Go version".to_string())
            } else {
                reason(src, lit, call, &loop_vars, &others)
            };
            if let Some(why) = why {
                out.push(ctx.finding(file, go, refuse(why), None));
                continue;
            }
            // `a, b string` for consecutive variables of the same spelled type.
            let mut params: Vec<(Vec<&str>, String)> = Vec::new();
            let mut unknown: Option<Result<&str, String>> = None;
            for c in &loop_vars {
                let name = text(c.decl, src);
                let spelled = decl_spelling(pkg, file, c.decl, 0);
                let shape = spelled
                    .and_then(|sp| sp.ty(pkg, file))
                    .and_then(|ty| types::shape(pkg, &ty));
                if matches!(shape, Some(Shape::Value | Shape::Array))
                    && let Some(why) = used_in_place(src, c)
                {
                    unknown = Some(Err(why));
                    break;
                }
                match spelled.and_then(|sp| sp.text(src)) {
                    Some(t) => match params.last_mut() {
                        Some((group, last)) if *last == t => group.push(name),
                        _ => params.push((vec![name], t)),
                    },
                    None => {
                        unknown = Some(Ok(name));
                        break;
                    }
                }
            }
            if let Some(unknown) = unknown {
                let why = match unknown {
                    Ok(name) => format!("the type of {name} is not written in the file"),
                    Err(why) => why,
                };
                out.push(ctx.finding(file, go, refuse(why), None));
                continue;
            }
            let (Some(plist), Some(args)) = (
                lit.child_by_field_name("parameters"),
                call.child_by_field_name("arguments"),
            ) else {
                continue;
            };
            let mut fix = FixBuilder::new(file);
            let params: Vec<String> = params
                .iter()
                .map(|(group, t)| format!("{} {t}", group.join(", ")))
                .collect();
            fix.replace(plist.byte_range(), format!("({})", params.join(", ")));
            fix.replace(args.byte_range(), format!("({})", names.join(", ")));
            let version = pkg.go_version().map_or(
                " (go.mod has no go line: go 1.16 is assumed)".to_string(),
                |(a, b)| format!(" (this module's go {a}.{b})"),
            );
            out.push(ctx.finding(
                file,
                go,
                format!("{head}{version}; {advice}"),
                Some(fix.safe()),
            ));
        }
    }
    out
}

/// Why a parameter, a copy of the struct or array variable `c`, would not behave like the
/// variable: a use in the loop body or in the goroutine writes one of its fields or
/// elements, takes their address or calls a method on it (which may have a pointer
/// receiver), so a change would no longer be shared between the goroutine and its
/// iteration.
fn used_in_place(src: &str, c: &Captured) -> Option<String> {
    let body = c.for_stmt.child_by_field_name("body")?;
    let name = text(c.decl, src);
    for u in uses_of(c.decl, body, src) {
        let path = flow::path_of(u);
        if path == unparen(u) {
            continue;
        }
        let outer = unparen(path);
        let parent = outer.parent();
        let called = parent.is_some_and(|p| {
            p.kind() == "call_expression" && p.child_by_field_name("function") == Some(outer)
        });
        let target = parent.is_some_and(|p| match p.kind() {
            "inc_statement" | "dec_statement" => true,
            "unary_expression" => p
                .child_by_field_name("operator")
                .is_some_and(|o| text(o, src) == "&"),
            "expression_list" => p.parent().is_some_and(|s| {
                s.kind() == "assignment_statement" && s.child_by_field_name("left") == Some(p)
            }),
            _ => false,
        });
        if called || target {
            return Some(format!(
                "{name} is a value whose fields, elements or methods are used in place (a parameter would be a copy)"
            ));
        }
    }
    None
}

/// Why passing the captured loop variables as arguments would not be exact or would not
/// save the allocation, if so.
fn reason(
    src: &str,
    lit: Node,
    call: Node,
    loop_vars: &[Captured],
    others: &[&str],
) -> Option<String> {
    if lit
        .child_by_field_name("parameters")
        .is_none_or(|p| p.named_child_count() != 0)
        || call
            .child_by_field_name("arguments")
            .is_none_or(|a| a.named_child_count() != 0)
    {
        return Some("the function literal already has parameters".to_string());
    }
    if let Some(other) = others.first() {
        return Some(format!(
            "it also captures {other}: arguments would cost one more allocation per goroutine; fix the race by hand or move the module to go 1.22"
        ));
    }
    for c in loop_vars {
        let name = text(c.decl, src);
        if c.uses.iter().any(|u| {
            matches!(
                classify(*u, src),
                UseKind::Write | UseKind::Redeclare | UseKind::AddressOf
            )
        }) {
            return Some(format!("the goroutine assigns {name} or takes its address"));
        }
        let Some(body) = c.for_stmt.child_by_field_name("body") else {
            return Some(format!("the loop of {name} has no body"));
        };
        let loop_fn = enclosing_function(c.for_stmt);
        for u in uses_of(c.decl, body, src) {
            if lit.start_byte() <= u.start_byte() && u.end_byte() <= lit.end_byte() {
                continue;
            }
            if matches!(
                classify(u, src),
                UseKind::Write | UseKind::Redeclare | UseKind::AddressOf
            ) {
                return Some(format!("the loop body assigns {name} or takes its address"));
            }
            if is_captured(u, c.decl) || enclosing_function(u) != loop_fn {
                return Some(format!(
                    "another function literal of the loop also captures {name}"
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::engine::{Settings, run_package};
    use crate::package::{GoFile, GoMod, Package};
    use crate::source::SourceFile;
    use crate::transforms::common::testing::run_one_file;

    fn run(src: &str, go: Option<(u32, u32)>) -> (String, Vec<String>) {
        let settings = Settings::default();
        let (fixed, findings) = run_one_file(&super::DEF, src, "/nonexistent", go, None, &settings);
        let msgs = findings
            .iter()
            .map(|r| {
                let fix = if r.fix.is_some() { "fix" } else { "none" };
                format!("{fix}: {}", r.message)
            })
            .collect();
        (fixed, msgs)
    }

    #[test]
    fn a_go_mod_without_a_go_line_means_go_1_16() {
        let mut f = GoFile::new(SourceFile::new("a.go".into(), LOOP));
        f.editable = true;
        f.enabled.insert(super::DEF.id);
        let module = Some(Arc::new(GoMod {
            path: "/nonexistent/go.mod".into(),
            module: Some("example.com/a".into()),
            go: None,
        }));
        let pkg = Package::new("/nonexistent".into(), "a".into(), vec![f], module);
        let o = run_package(pkg, &[&super::DEF], &Settings::default()).remove(0);
        assert_eq!(o.findings.len(), 1);
        assert!(
            o.findings[0].message.contains("go 1.16 is assumed"),
            "{}",
            o.findings[0].message
        );
        assert!(
            o.fixed
                .is_some_and(|t| t.contains("go func(x string) { out <- x }(x)"))
        );
    }

    const LOOP: &str = "package a\n\nvar out = make(chan string, 8)\n\nfunc f(xs []string) {\n\tfor i, x := range xs {\n\t\tgo func() { out <- x }()\n\t\t_ = i\n\t}\n}\n";

    #[test]
    fn passes_the_loop_variable_before_go_1_22() {
        let (out, msgs) = run(LOOP, Some((1, 21)));
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(msgs[0].starts_with("fix: "), "{msgs:?}");
        assert!(
            out.contains("\t\tgo func(x string) { out <- x }(x)\n"),
            "{out}"
        );
    }

    #[test]
    fn nothing_from_go_1_22_and_a_finding_without_go_mod() {
        let (out, msgs) = run(LOOP, Some((1, 22)));
        assert_eq!(out, LOOP);
        assert!(msgs.is_empty(), "{msgs:?}");
        let (out, msgs) = run(LOOP, None);
        assert_eq!(out, LOOP);
        assert!(
            msgs.len() == 1 && msgs[0].starts_with("none: ") && msgs[0].contains("go.mod"),
            "{msgs:?}"
        );
    }

    #[test]
    fn refuses_other_captures_and_writes() {
        let other = "package a\n\nimport \"sync\"\n\nfunc f(xs []int) {\n\tvar wg sync.WaitGroup\n\tfor _, x := range xs {\n\t\twg.Add(1)\n\t\tgo func() { defer wg.Done(); println(x) }()\n\t}\n\twg.Wait()\n}\n";
        let (out, msgs) = run(other, Some((1, 21)));
        assert_eq!(out, other);
        assert!(
            msgs.len() == 1 && msgs[0].contains("also captures wg"),
            "{msgs:?}"
        );
        let written = "package a\n\nfunc f(n int) {\n\tfor i := 0; i < n; i++ {\n\t\tgo func() { println(i) }()\n\t\ti++\n\t}\n}\n";
        let (out, msgs) = run(written, Some((1, 21)));
        assert_eq!(out, written);
        assert!(
            msgs.len() == 1 && msgs[0].contains("loop body assigns i"),
            "{msgs:?}"
        );
        let update_only = "package a\n\nfunc f(n int) {\n\tfor i := 0; i < n; i++ {\n\t\tgo func() { println(i) }()\n\t}\n}\n";
        let (out, msgs) = run(update_only, Some((1, 21)));
        assert!(
            out.contains("go func(i int) { println(i) }(i)"),
            "{out} {msgs:?}"
        );
    }
}
