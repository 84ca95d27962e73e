//! ## What it does
//! Finds `defer` statements directly in a loop body and, when each deferred call releases
//! something acquired in the same iteration, moves the loop body into a function so that
//! the defer runs once per iteration:
//! - `defer f.Close()` (or `defer resp.Body.Close()`) where `f` was declared in this
//!   iteration from a call (`f, err := os.Open(p)`);
//! - `defer mu.Unlock()` / `defer mu.RUnlock()` after `mu.Lock()` / `mu.RLock()` in this
//!   iteration, when nothing but a `return` follows the loop;
//! - `defer cancel()` where `ctx, cancel := context.WithTimeout(...)` (or another
//!   `context.With…`) in this iteration.
//!
//! The body becomes a package-level helper placed right after the enclosing function,
//! named after it (`processAll` → `processAllOne`, unique in the package). Its parameters
//! are the loop variables, then the variables of the enclosing function the body reads, in
//! order of first use, with the types their declarations spell out. Control flow is kept
//! exactly, in the simplest form that fits:
//! - the function returns `error` and every `return` in the body returns a non-nil error
//!   (`return err` right inside `if err != nil`, `fmt.Errorf`, `errors.New`): the call is
//!   `if err := processAllOne(p); err != nil { return err }`, `continue` becomes
//!   `return nil`, and a trailing `if err := f(x); err != nil { return err }` becomes
//!   `return f(x)` when `f` is a function of the package returning exactly `error`;
//! - `break` or `continue outer` as well: the helper also returns a flag
//!   (`brk, err := …; if err != nil { return err }; if brk { break }`);
//! - other returns: the helper returns `(bool, results...)`, true meaning "return these"
//!   (`if ret, r0, r1 := findOne(p); ret { return r0, r1 }`);
//! - bare returns or no results: the helper returns a bool, or nothing.
//!
//! When a parameter cannot be written (a type the syntax does not give, a variable the body
//! assigns, a value whose methods may mutate it, a variable captured and reassigned
//! elsewhere), the body is wrapped instead in a function literal called in place
//! (`if err := func() error { ... }(); err != nil { return err }`), which needs no
//! parameters and shares every variable.
//!
//! ## Why
//! Seed exercise 14, "defer in a tight loop": deferred calls pile up until the function
//! returns. Each iteration allocates a defer record (`BenchmarkDeferInLoop`: "480 B/op,
//! 2 allocs/op" for 10 files) and, worse, keeps its file, rows, response body or lock held
//! until the whole loop is done. Scoping the defer to one iteration makes it open-coded
//! (no allocation) and releases each resource before the next one is acquired; the golden
//! `Fixed_ProcessAll` goes from 10 allocs/op to 0.
//!
//! ## Example
//! ```go
//! func processAll(paths []string) error {
//!     for _, p := range paths {
//!         f, err := os.Open(p)
//!         if err != nil {
//!             return err
//!         }
//!         defer f.Close()
//!         if err := process(f); err != nil {
//!             return err
//!         }
//!     }
//!     return nil
//! }
//! ```
//! becomes
//! ```go
//! func processAll(paths []string) error {
//!     for _, p := range paths {
//!         if err := processAllOne(p); err != nil {
//!             return err
//!         }
//!     }
//!     return nil
//! }
//!
//! func processAllOne(p string) error {
//!     f, err := os.Open(p)
//!     if err != nil {
//!         return err
//!     }
//!     defer f.Close()
//!     return process(f)
//! }
//! ```
//!
//! ## When it does not apply
//! Reported, never rewritten:
//! - a deferred call that releases nothing of the iteration: a log or metrics call,
//!   `defer wg.Done()`, a deferred closure (it may set named results or read loop state),
//!   `recover()`, the release of something acquired before the loop: these run at function
//!   return in reverse order, and moving them changes behaviour;
//! - a resource that escapes the iteration: it, or a value made from it (a method result,
//!   `bufio.NewReader(f)`, a copy), is appended to a slice, stored outside the body, put in a
//!   composite literal, sent, captured by a function literal or used by a goroutine: it must
//!   stay open until the function returns;
//! - a resource nothing uses after its defer (`rows, _ := db.Query(q); defer rows.Close()`
//!   to hold `n` connections at once), or a defer with a comment right above it or after
//!   it on its line: the placement looks deliberate;
//! - deferred `Unlock`s when code other than a plain `return` follows the loop (it may rely
//!   on the locks still held), or when the lock is not reached from a loop variable or a
//!   local of the body (the same lock every iteration, held across the whole loop);
//! - loops containing `goto` or `recover()`, labelled loops, defers nested deeper in the
//!   body, bodies that both return values and `break`, results whose zero value the syntax
//!   does not give, multi-line raw strings or block comments in the body.
//!
//! Not reported: a defer outside any loop, or inside a function literal within the loop
//! (`func() { defer f.Close(); ... }()`, `go func() { defer wg.Done(); ... }()`), generated
//! files.
//!
//! ## Fix safety
//! Safe for what it rewrites: returns, `continue`, `break`, labelled jumps and named results
//! keep their meaning, and variables are passed as parameters only when a copy cannot be
//! told apart from the original (else the function literal shares them). What changes on
//! purpose is the timing of the release: each iteration's resource is released at the end
//! of that iteration instead of when the function returns. Without types, one assumption
//! remains: a function or method that merely receives the resource as an argument
//! (`process(f)`, `s.index(p, f)`) does not keep it beyond the call. One function is
//! rewritten per pass, one loop at a time.

use std::collections::HashSet;
use std::ops::Range;

use tree_sitter::Node;

use crate::analysis::uses::{UseKind, classify, is_assigned, unparen, uses_of};
use crate::fixkit::edit::{Claim, Edit, FileId, Finding, Fix};
use crate::fixkit::imports::call_target;
use crate::fixkit::indent::shift_lines;
use crate::fixkit::names;
use crate::fixkit::place;
use crate::package::Package;
use crate::scope::{declared_by_statement, local_decl};
use crate::syntax::{
    ancestors, descendants, enclosing_function, field_children, named_children, statements, text,
};
use crate::transform::{Ctx, OptionKind, OptionSpec, TransformDef};

use super::deftypes::{self as types, Shape, Ty};

pub static DEF: TransformDef = TransformDef {
    id: "defer-in-loop",
    summary: "defer releasing a per-iteration resource inside a loop → loop body moved into a helper so the defer runs once per iteration",
    fix_safety: "safe (releases each iteration's resource at the end of the iteration); finding only for defers that release nothing of the iteration",
    source: include_str!("defer_in_loop.rs"),
    options: &[OptionSpec {
        name: "prefer-closure",
        kind: OptionKind::Bool,
        default: "false",
        doc: "always wrap the loop body in a function literal called in place instead of a package-level helper",
    }],
    needles: &["defer"],
    run,
};

fn run(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for file in ctx.files() {
        let mut seen = HashSet::new();
        for &d in ctx.nodes(file, "defer_statement") {
            let Some(lp) = super::loop_shape::enclosing_for(d) else {
                continue;
            };
            if !seen.insert(lp.start_byte()) {
                continue;
            }
            if let Some(f) = analyze(ctx, file, lp) {
                out.push(f);
            }
        }
    }
    out
}

/// What a deferred call releases.
enum Release<'t> {
    /// `R.Close()` / `R.Body.Close()`: the local `R` declared in the iteration.
    Close(Node<'t>),
    /// `M.Unlock()` after `M.Lock()` in the iteration.
    Unlock,
    /// `cancel()` from `ctx, cancel := context.With…(…)` in the iteration: both locals.
    Cancel(Node<'t>, Option<Node<'t>>),
}

/// The result list of a function.
enum Results<'t> {
    Void,
    Named(Vec<Node<'t>>),
    Unnamed(Vec<Node<'t>>),
}

impl<'t> Results<'t> {
    fn types(&self) -> &[Node<'t>] {
        match self {
            Results::Void => &[],
            Results::Named(t) | Results::Unnamed(t) => t,
        }
    }
}

/// How the extracted body reports back to the loop.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Form {
    /// No results: `h(args)`.
    Plain,
    /// A bool: true means run `jump` (`return`, `break`, `continue outer`).
    Bool(String),
    /// `error` only: `if err := h(args); err != nil { return err }`.
    ErrorOnly,
    /// `(bool, error)`: a jump flag named `flag`, then the error.
    FlagError(&'static str, String),
    /// `(bool, results...)`: true means "return these"; the zero values for fall-through.
    Values(Vec<String>),
}

/// One loop under analysis.
struct Site<'t> {
    pkg: &'t Package,
    file: FileId,
    src: &'t str,
    func: Node<'t>,
    lp: Node<'t>,
    body: Node<'t>,
    stmts: Vec<Node<'t>>,
}

impl<'t> Site<'t> {
    fn inside_body(&self, n: Node) -> bool {
        self.body.start_byte() <= n.start_byte() && n.end_byte() <= self.body.end_byte()
    }

    fn own(&self, n: Node) -> bool {
        enclosing_function(n) == Some(self.func)
    }

    /// Nodes of the body that belong to this function (not to a nested function literal).
    fn own_nodes(&self) -> Vec<Node<'t>> {
        descendants(self.body)
            .into_iter()
            .filter(|n| self.own(*n))
            .collect()
    }

    fn t(&self, n: Node) -> &'t str {
        text(n, self.src)
    }

    /// True when `call` calls the predeclared function `name` (not shadowed).
    fn is_builtin_call(&self, call: Node, name: &str) -> bool {
        call.kind() == "call_expression"
            && call
                .child_by_field_name("function")
                .is_some_and(|f| f.kind() == "identifier" && self.t(f) == name)
            && local_decl(call, name, self.src).is_none()
            && !self.pkg.index().has_top_level(name)
    }
}

/// A short description of a deferred call for messages.
fn short(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    if line.len() > 60 || line.len() < s.len() {
        let cut: String = line.chars().take(40).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}

fn analyze<'t>(ctx: &Ctx<'t>, file: FileId, lp: Node<'t>) -> Option<Finding> {
    let src = ctx.src(file);
    let func = enclosing_function(lp)?;
    let body = lp.child_by_field_name("body")?;
    let site = Site {
        pkg: ctx.pkg,
        file,
        src,
        func,
        lp,
        body,
        stmts: statements(body),
    };
    let own = site.own_nodes();
    let defers: Vec<Node> = own
        .iter()
        .copied()
        .filter(|n| n.kind() == "defer_statement")
        .collect();
    // Defers of inner loops are reported with their own loop.
    let (mine, inner): (Vec<Node>, Vec<Node>) = defers
        .iter()
        .partition(|d| super::loop_shape::enclosing_for(**d) == Some(lp));
    if let Some(nested) = mine.iter().find(|d| !site.stmts.contains(d)) {
        return Some(ctx.finding(
            file,
            *nested,
            format!(
                "`{}` inside a nested block of a loop body runs at function return; not rewritten",
                short(site.t(*nested))
            ),
            None,
        ));
    }
    let defers = mine;
    let first = *defers.first()?;

    if own.iter().any(|n| n.kind() == "goto_statement") {
        return Some(ctx.finding(
            file,
            first,
            format!(
                "`{}` in a loop whose body contains a goto; not rewritten",
                short(site.t(first))
            ),
            None,
        ));
    }
    // Every defer of the body must release something of the iteration.
    let mut releases = Vec::new();
    for &d in &defers {
        match classify_defer(&site, d) {
            Ok(r) => releases.push(r),
            Err(msg) => return Some(ctx.finding(file, d, msg, None)),
        }
    }

    let what = short(site.t(first));
    let func_name = func
        .child_by_field_name("name")
        .map_or("the function", |n| site.t(n));
    let blocked = |reason: String| {
        Some(ctx.finding(
            file,
            first,
            format!(
                "`{what}` in a loop holds every iteration's resource until {func_name} returns (a defer record per iteration); not rewritten: {reason}"
            ),
            None,
        ))
    };

    if !inner.is_empty() {
        return blocked("an inner loop of the body defers too".into());
    }
    match plan(
        &site,
        &own,
        &defers,
        &releases,
        ctx.opt_bool("prefer-closure"),
    ) {
        Ok(p) => {
            let how = match &p.helper {
                Some(name) => format!("the loop body moves to {name}"),
                None => "the loop body is wrapped in a function literal called in place".into(),
            };
            let mut fix = Fix::safe(p.edits).with_claim(Claim::Function {
                transform: ctx.transform,
                file,
                start: func.start_byte(),
            });
            if let Some(name) = &p.helper {
                fix = fix.with_claim(Claim::PackageName(name.clone()));
            }
            Some(ctx.finding(
                file,
                first,
                format!(
                    "`{what}` in a loop holds every iteration's resource until {func_name} returns (a defer record per iteration); {how} so that the defer runs once per iteration"
                ),
                Some(fix),
            ))
        }
        Err(reason) => blocked(reason),
    }
}

/// What the deferred call of `d` releases, or why it is not a release of the iteration.
fn classify_defer<'t>(site: &Site<'t>, d: Node<'t>) -> Result<Release<'t>, String> {
    let shown = short(site.t(d));
    let generic = || {
        format!(
            "`{shown}` in a loop releases nothing acquired in the iteration: the calls pile up and run at function return, in reverse order; moving them would change behaviour, not rewritten"
        )
    };
    let call = named_children(d)
        .into_iter()
        .find(|n| n.kind() == "call_expression")
        .ok_or_else(generic)?;
    let callee = call.child_by_field_name("function").ok_or_else(generic)?;
    let args = call
        .child_by_field_name("arguments")
        .map(named_children)
        .unwrap_or_default();
    if callee.kind() == "func_literal" {
        let recovers = descendants(callee)
            .into_iter()
            .any(|n| site.is_builtin_call(n, "recover"));
        return Err(if recovers {
            "a deferred closure calling recover() in a loop recovers once, at function return; per-iteration recovery would carry on with the next iteration, not rewritten".into()
        } else {
            "a deferred closure in a loop runs at function return, in reverse order (it may read loop state or set results); moving it would change behaviour, not rewritten".into()
        });
    }
    if !args.is_empty() {
        return Err(generic());
    }
    let idx = site
        .stmts
        .iter()
        .position(|s| *s == d)
        .ok_or_else(generic)?;
    match callee.kind() {
        "identifier" => {
            let name = site.t(callee);
            let decl = local_decl(callee, name, site.src).ok_or_else(generic)?;
            let stmt = declaring_statement(site, decl).ok_or_else(generic)?;
            let pos = site.stmts.iter().position(|s| *s == stmt);
            if pos.is_none_or(|p| p >= idx) || stmt.kind() != "short_var_declaration" {
                return Err(generic());
            }
            let left = named_children(stmt.child_by_field_name("left").ok_or_else(generic)?);
            let right = named_children(stmt.child_by_field_name("right").ok_or_else(generic)?);
            let with = right.len() == 1
                && left.len() == 2
                && left[1] == decl
                && call_target(site.pkg, site.file, right[0]).is_some_and(|(p, f)| {
                    p == "context"
                        && matches!(
                            f.as_str(),
                            "WithCancel"
                                | "WithTimeout"
                                | "WithDeadline"
                                | "WithCancelCause"
                                | "WithTimeoutCause"
                                | "WithDeadlineCause"
                        )
                });
            if !with {
                return Err(generic());
            }
            let ctx_var =
                (left[0].kind() == "identifier" && site.t(left[0]) != "_").then_some(left[0]);
            Ok(Release::Cancel(decl, ctx_var))
        }
        "selector_expression" => {
            let method = callee
                .child_by_field_name("field")
                .map(|f| site.t(f))
                .ok_or_else(generic)?;
            let operand = callee.child_by_field_name("operand").ok_or_else(generic)?;
            match method {
                "Close" => {
                    let root = match operand.kind() {
                        "identifier" => operand,
                        "selector_expression" => operand
                            .child_by_field_name("operand")
                            .filter(|o| o.kind() == "identifier")
                            .ok_or_else(generic)?,
                        _ => return Err(generic()),
                    };
                    let name = site.t(root);
                    let decl = local_decl(root, name, site.src);
                    let Some(decl) = decl.filter(|d| site.inside_body(*d)) else {
                        return Err(format!(
                            "`{shown}` in a loop: {name} was not acquired in the iteration (it is released once per iteration after a rewrite); not rewritten"
                        ));
                    };
                    if !acquired_before(site, decl, d, idx) {
                        return Err(format!(
                            "`{shown}` in a loop: {name} does not come from a call made in this iteration before the defer; not rewritten"
                        ));
                    }
                    Ok(Release::Close(decl))
                }
                "Unlock" | "RUnlock" => {
                    let lock = if method == "Unlock" { "Lock" } else { "RLock" };
                    let m = site.t(operand);
                    let paired = site.stmts[..idx].iter().any(|s| {
                        s.kind() == "expression_statement"
                            && named_children(*s).first().is_some_and(|c| {
                                c.kind() == "call_expression"
                                    && c.child_by_field_name("arguments")
                                        .is_some_and(|a| named_children(a).is_empty())
                                    && c.child_by_field_name("function").is_some_and(|f| {
                                        f.kind() == "selector_expression"
                                            && f.child_by_field_name("field")
                                                .is_some_and(|x| site.t(x) == lock)
                                            && f.child_by_field_name("operand")
                                                .is_some_and(|o| site.t(o) == m)
                                    })
                            })
                    });
                    if !paired {
                        return Err(format!(
                            "`{shown}` in a loop without a `{m}.{lock}()` earlier in the iteration; not rewritten"
                        ));
                    }
                    // The lock must belong to the iteration (reached from a loop variable
                    // or a local of the body): the same lock taken in every iteration is
                    // held across all of them, and releasing it in between would let other
                    // goroutines see a half-done loop.
                    let mut root = operand;
                    while root.kind() == "selector_expression" {
                        let Some(o) = root.child_by_field_name("operand") else {
                            break;
                        };
                        root = o;
                    }
                    let per_iteration = root.kind() == "identifier"
                        && local_decl(root, site.t(root), site.src).is_some_and(|d| {
                            site.lp.start_byte() <= d.start_byte()
                                && d.end_byte() <= site.body.end_byte()
                        });
                    if !per_iteration {
                        return Err(format!(
                            "`{shown}` in a loop: the same lock is taken in every iteration and held until the function returns; releasing it between iterations would change what other goroutines can see, not rewritten"
                        ));
                    }
                    Ok(Release::Unlock)
                }
                "Done" => Err(format!(
                    "`{shown}` in a loop releases nothing acquired in the iteration (the calls run at function return); moving them would change behaviour, not rewritten"
                )),
                _ => Err(generic()),
            }
        }
        _ => Err(generic()),
    }
}

/// The statement declaring the local `decl` (a short variable or var declaration).
fn declaring_statement<'t>(site: &Site<'t>, decl: Node<'t>) -> Option<Node<'t>> {
    ancestors(decl)
        .skip(1)
        .take_while(|a| site.inside_body(*a))
        .find(|a| matches!(a.kind(), "short_var_declaration" | "var_declaration"))
}

/// True when the local `decl` (declared at the top level of the body before the defer at
/// statement `idx`) gets its value from a call: every assignment to it before the defer has
/// a call on its right, and at least one exists.
fn acquired_before(site: &Site, decl: Node, d: Node, idx: usize) -> bool {
    let Some(stmt) = declaring_statement(site, decl) else {
        return false;
    };
    if !site.stmts[..idx].contains(&stmt) {
        return false;
    }
    // (left list, right list) pairs that assign decl before the defer.
    let mut sources: Vec<(Node, Node)> = Vec::new();
    match stmt.kind() {
        "short_var_declaration" => {
            if let (Some(l), Some(r)) = (
                stmt.child_by_field_name("left"),
                stmt.child_by_field_name("right"),
            ) {
                sources.push((l, r));
            }
        }
        _ => {
            let Some(spec) = ancestors(decl).find(|a| a.kind() == "var_spec") else {
                return false;
            };
            if let Some(v) = spec.child_by_field_name("value") {
                let names = field_children(spec, "name");
                return call_source(&names, named_children(v), decl, site);
            }
        }
    }
    for u in uses_of(decl, site.body, site.src) {
        if u.start_byte() >= d.start_byte() {
            continue;
        }
        let outer = unparen(u);
        let Some(list) = outer.parent() else { continue };
        match list.parent() {
            Some(a)
                if a.kind() == "assignment_statement"
                    && a.child_by_field_name("left") == Some(list) =>
            {
                if a.child_by_field_name("operator")
                    .is_none_or(|o| site.t(o) != "=")
                {
                    return false;
                }
                if let Some(r) = a.child_by_field_name("right") {
                    sources.push((list, r));
                }
            }
            _ => {
                if matches!(
                    list.kind(),
                    "inc_statement" | "dec_statement" | "unary_expression"
                ) {
                    return false;
                }
            }
        }
    }
    if sources.is_empty() {
        return false;
    }
    sources.iter().all(|(l, r)| {
        let names = named_children(*l);
        let values = named_children(*r);
        let idx = names.iter().position(|n| {
            site.t(*n) == site.t(decl)
                && (*n == decl || local_decl(*n, site.t(*n), site.src) == Some(decl))
        });
        idx.is_some() && call_source(&names, values, decl, site)
    })
}

/// True when, in `names = values`, the value for `decl` is a call.
fn call_source(names: &[Node], values: Vec<Node>, decl: Node, site: &Site) -> bool {
    let Some(i) = names.iter().position(|n| site.t(*n) == site.t(decl)) else {
        return false;
    };
    let v = if values.len() == names.len() {
        values[i]
    } else if values.len() == 1 {
        values[0]
    } else {
        return false;
    };
    v.kind() == "call_expression"
}

/// Why the local `decl` (a resource of the iteration, or a value derived from it) escapes
/// the iteration, if it does. Values computed from it (method results, calls taking it,
/// copies into locals of the body) are followed; storing any of them outside the body,
/// appending, sending, capturing or taking an address counts as escaping. Calls that
/// merely take it as an argument are trusted not to keep it.
fn escapes(site: &Site, decl: Node, depth: usize) -> Option<String> {
    if depth > 6 {
        return Some(format!(
            "{} is copied too many times to follow",
            site.t(decl)
        ));
    }
    let name = site.t(decl);
    for u in uses_of(decl, site.body, site.src) {
        if !site.own(u) && !in_called_literals(site, u) {
            return Some(format!("{name} is captured by a function literal"));
        }
        if ancestors(u)
            .take_while(|a| site.inside_body(*a))
            .any(|a| a.kind() == "go_statement")
        {
            return Some(format!("{name} is used by a goroutine"));
        }
        if let Some(why) = value_escapes(site, u, name, depth) {
            return Some(why);
        }
    }
    None
}

/// True when every function literal between `u` and the body is called in place
/// (`func() { ... }()`, not by `go` or `defer`): it runs before the iteration ends.
fn in_called_literals(site: &Site, u: Node) -> bool {
    ancestors(u)
        .skip(1)
        .take_while(|a| *a != site.body)
        .filter(|a| a.kind() == "func_literal")
        .all(|lit| {
            lit.parent().is_some_and(|call| {
                call.kind() == "call_expression"
                    && call.child_by_field_name("function") == Some(lit)
                    && call
                        .parent()
                        .is_none_or(|s| !matches!(s.kind(), "go_statement" | "defer_statement"))
            })
        })
}

/// Why the value of the expression `v` (derived from the resource `name`) escapes.
fn value_escapes(site: &Site, v: Node, name: &str, depth: usize) -> Option<String> {
    if depth > 6 {
        return Some(format!("{name} is used too deep to follow"));
    }
    let p = path_of(v);
    let par = p.parent()?;
    let stored = || Some(format!("{name} is stored outside the iteration"));
    match par.kind() {
        // Returned from a function literal called in place: its result may be kept.
        "return_statement" if !site.own(par) => {
            Some(format!("{name} is returned from a function literal"))
        }
        // Consumed where it stands.
        "expression_statement"
        | "defer_statement"
        | "return_statement"
        | "binary_expression"
        | "if_statement"
        | "for_statement"
        | "for_clause"
        | "expression_switch_statement"
        | "inc_statement"
        | "dec_statement" => None,
        "call_expression" => {
            if par.child_by_field_name("function") == Some(p) {
                // A method of it: the result may hold it.
                value_escapes(site, par, name, depth + 1)
            } else {
                stored()
            }
        }
        "argument_list" => {
            let call = par.parent()?;
            if site.is_builtin_call(call, "append") {
                return Some(format!("{name} is appended to a slice"));
            }
            // The call's result may wrap it (bufio.NewReader(f)).
            value_escapes(site, call, name, depth + 1)
        }
        "unary_expression" => {
            if par
                .child_by_field_name("operator")
                .is_some_and(|o| site.t(o) == "&")
            {
                Some(format!("the address of {name} is taken"))
            } else {
                value_escapes(site, par, name, depth + 1)
            }
        }
        "type_assertion_expression" | "type_conversion_expression" => {
            value_escapes(site, par, name, depth + 1)
        }
        // A slice bound is an integer.
        "slice_expression" => None,
        // An index or map key: stored only when the element is assigned.
        "index_expression" => {
            let elem = path_of(par);
            let assigned = elem.parent().is_some_and(|l| {
                l.kind() == "expression_list"
                    && l.parent()
                        .is_some_and(|s| s.child_by_field_name("left") == Some(l))
            });
            if assigned { stored() } else { None }
        }
        "literal_element" => Some(format!("{name} is stored in a composite literal")),
        "send_statement" => Some(format!("{name} is sent on a channel")),
        "expression_list" => {
            let holder = par.parent()?;
            if holder.kind() == "return_statement" && !site.own(holder) {
                return Some(format!("{name} is returned from a function literal"));
            }
            if holder.kind() == "return_statement" || holder.kind() == "expression_case" {
                return None;
            }
            if holder.child_by_field_name("left") == Some(par) {
                // Assigned to, not read.
                return None;
            }
            let on_right = holder.child_by_field_name("right") == Some(par)
                || holder.child_by_field_name("value") == Some(par);
            if !on_right {
                return stored();
            }
            // `n += f.Size()`: compound assignments make numbers and strings, which
            // cannot hold the resource.
            if holder.kind() == "assignment_statement"
                && holder
                    .child_by_field_name("operator")
                    .is_some_and(|o| site.t(o) != "=")
            {
                return None;
            }
            let values = named_children(par);
            let targets: Vec<Node> = match holder.kind() {
                "short_var_declaration" | "assignment_statement" => holder
                    .child_by_field_name("left")
                    .map(named_children)
                    .unwrap_or_default(),
                "var_spec" => field_children(holder, "name"),
                _ => return stored(),
            };
            let targets = if targets.len() == values.len() {
                let i = values.iter().position(|x| *x == p)?;
                vec![targets[i]]
            } else {
                targets
            };
            for t in targets {
                if t.kind() != "identifier" {
                    return stored();
                }
                if site.t(t) == "_" {
                    continue;
                }
                let tdecl = if holder.kind() == "assignment_statement" {
                    local_decl(t, site.t(t), site.src)
                } else {
                    Some(t)
                };
                match tdecl {
                    Some(td) if site.inside_body(td) => {
                        if let Some(why) = escapes(site, td, depth + 1) {
                            return Some(why);
                        }
                    }
                    _ => return stored(),
                }
            }
            None
        }
        "range_clause" => {
            // `for x := range f.Items()`: follow the variables.
            if !crate::scope::declares_with_define(par) {
                return stored();
            }
            let left = par.child_by_field_name("left").map(named_children)?;
            for t in left {
                if t.kind() == "identifier"
                    && site.t(t) != "_"
                    && let Some(why) = escapes(site, t, depth + 1)
                {
                    return Some(why);
                }
            }
            None
        }
        _ => Some(format!("{name} is used in a way that cannot be followed")),
    }
}

/// The planned fix.
struct Plan {
    edits: Vec<Edit>,
    helper: Option<String>,
}

/// Where a `break`/`continue` goes.
enum Target {
    /// Stays inside the body.
    Inner,
    /// The loop being rewritten.
    ThisLoop,
    /// A statement around the loop (`continue outer`).
    Outer,
}

fn jump_target(site: &Site, n: Node) -> Option<Target> {
    let label = named_children(n)
        .into_iter()
        .find(|c| c.kind() == "label_name")
        .map(|l| site.t(l));
    let is_continue = n.kind() == "continue_statement";
    match label {
        None => {
            for a in ancestors(n).skip(1) {
                let hit = if is_continue {
                    a.kind() == "for_statement"
                } else {
                    matches!(
                        a.kind(),
                        "for_statement"
                            | "expression_switch_statement"
                            | "type_switch_statement"
                            | "select_statement"
                    )
                };
                if hit {
                    return Some(if a == site.lp {
                        Target::ThisLoop
                    } else {
                        Target::Inner
                    });
                }
                if a == site.lp {
                    return None;
                }
            }
            None
        }
        Some(l) => {
            for a in ancestors(n).skip(1) {
                if a == site.func {
                    return None;
                }
                if a.kind() == "labeled_statement"
                    && a.child_by_field_name("label")
                        .is_some_and(|x| site.t(x) == l)
                {
                    return Some(if site.inside_body(a) && a != site.body {
                        Target::Inner
                    } else if named_children(a).get(1) == Some(&site.lp) {
                        Target::ThisLoop
                    } else {
                        Target::Outer
                    });
                }
            }
            None
        }
    }
}

/// Control flow of the body.
struct Flow<'t> {
    /// `continue` of this loop.
    conts: Vec<Node<'t>>,
    /// `break` of this loop or jumps to outer statements.
    exits: Vec<Node<'t>>,
    /// What the loop does for an exit (`break`, `continue outer`).
    exit: Option<String>,
    returns: Vec<Node<'t>>,
}

fn flow<'t>(site: &Site<'t>, own: &[Node<'t>]) -> Result<Flow<'t>, String> {
    let mut f = Flow {
        conts: Vec::new(),
        exits: Vec::new(),
        exit: None,
        returns: Vec::new(),
    };
    for &n in own {
        match n.kind() {
            "return_statement" => f.returns.push(n),
            "goto_statement" => return Err("the loop contains a goto".into()),
            "continue_statement" | "break_statement" => {
                let target = jump_target(site, n).ok_or("a jump whose target is unclear")?;
                let kw = if n.kind() == "break_statement" {
                    "break"
                } else {
                    "continue"
                };
                let jump = match target {
                    Target::Inner => continue,
                    Target::ThisLoop if kw == "continue" => {
                        f.conts.push(n);
                        continue;
                    }
                    Target::ThisLoop => "break".to_string(),
                    Target::Outer => {
                        let label = named_children(n)
                            .into_iter()
                            .find(|c| c.kind() == "label_name")
                            .ok_or("a jump whose target is unclear")?;
                        format!("{kw} {}", site.t(label))
                    }
                };
                if f.exit.as_ref().is_some_and(|e| *e != jump) {
                    return Err("the loop body leaves the loop in more than one way".into());
                }
                f.exit = Some(jump);
                f.exits.push(n);
            }
            _ => {}
        }
    }
    Ok(f)
}

fn results<'t>(func: Node<'t>) -> Results<'t> {
    let Some(r) = func.child_by_field_name("result") else {
        return Results::Void;
    };
    if r.kind() != "parameter_list" {
        return Results::Unnamed(vec![r]);
    }
    let decls = named_children(r);
    if decls.is_empty() {
        return Results::Void;
    }
    let mut types = Vec::new();
    let mut named = false;
    for d in decls {
        let Some(t) = d.child_by_field_name("type") else {
            continue;
        };
        let names = field_children(d, "name");
        if names.is_empty() {
            types.push(t);
        } else {
            named = true;
            types.extend(names.iter().map(|_| t));
        }
    }
    if named {
        Results::Named(types)
    } else {
        Results::Unnamed(types)
    }
}

fn return_values<'t>(ret: Node<'t>) -> Vec<Node<'t>> {
    named_children(ret)
        .into_iter()
        .find(|c| c.kind() == "expression_list")
        .map(named_children)
        .unwrap_or_default()
}

/// True when `ret` (`return x` in a function returning `error`) provably returns a
/// non-nil error: `fmt.Errorf(...)`, `errors.New(...)`, a package-level sentinel made by
/// one of them and never written (what sentinel-error turns them into, so that its fix in
/// an earlier pass does not block this one), or `return err` directly inside
/// `if err != nil { ... }` with nothing in between that could change `err`.
fn non_nil_return(site: &Site, ret: Node) -> bool {
    let vals = return_values(ret);
    if vals.len() != 1 {
        return false;
    }
    let e = vals[0];
    if e.kind() == "call_expression" {
        return call_target(site.pkg, site.file, e)
            .is_some_and(|(p, f)| (p == "fmt" && f == "Errorf") || (p == "errors" && f == "New"));
    }
    if e.kind() != "identifier" {
        return false;
    }
    let name = site.t(e);
    if local_decl(e, name, site.src).is_none() {
        return unwritten_sentinel(site.pkg, name);
    }
    let Some(list) = ret.parent().filter(|p| p.kind() == "statement_list") else {
        return false;
    };
    let Some(block) = list.parent().filter(|b| b.kind() == "block") else {
        return false;
    };
    let Some(ifs) = block.parent().filter(|i| {
        i.kind() == "if_statement" && i.child_by_field_name("consequence") == Some(block)
    }) else {
        return false;
    };
    let Some(cond) = ifs.child_by_field_name("condition") else {
        return false;
    };
    let cond_var = if cond.kind() == "binary_expression"
        && cond
            .child_by_field_name("operator")
            .is_some_and(|o| site.t(o) == "!=")
    {
        match (
            cond.child_by_field_name("left"),
            cond.child_by_field_name("right"),
        ) {
            (Some(l), Some(r)) if l.kind() == "identifier" && r.kind() == "nil" => Some(l),
            (Some(l), Some(r)) if r.kind() == "identifier" && l.kind() == "nil" => Some(r),
            _ => None,
        }
    } else {
        None
    };
    let Some(cv) = cond_var.filter(|cv| site.t(*cv) == name) else {
        return false;
    };
    let Some(decl) = local_decl(e, name, site.src) else {
        return false;
    };
    if local_decl(cv, name, site.src) != Some(decl) {
        return false;
    }
    let before: Vec<Node> = named_children(list)
        .into_iter()
        .take_while(|s| *s != ret)
        .collect();
    if before.is_empty() {
        return true;
    }
    // Statements between the check and the return: no write to err, no closure, and err
    // is never written through a pointer or by a closure.
    let writes = before.iter().any(|s| {
        descendants(*s).into_iter().any(|n| {
            n.kind() == "func_literal"
                || (n.kind() == "identifier" && site.t(n) == name && is_assigned(n, site.src))
        })
    });
    if writes {
        return false;
    }
    let scope = enclosing_function(decl).unwrap_or(site.func);
    !uses_of(decl, scope, site.src).into_iter().any(|u| {
        classify(u, site.src) == UseKind::AddressOf
            || (is_assigned(u, site.src) && enclosing_function(u) != Some(scope))
    })
}

/// True when `name` is an unexported package-level variable whose every declaration is
/// `var name = errors.New(...)` or `fmt.Errorf(...)` (never nil) and that no file of the
/// package assigns or takes the address of (another package cannot: it is unexported).
fn unwritten_sentinel(pkg: &Package, name: &str) -> bool {
    if name == "_" || name.chars().next().is_none_or(char::is_uppercase) {
        return false;
    }
    let files = pkg.index().top_level_files(name);
    let declared_as_error = |fid: FileId| {
        let src = &pkg.files[fid].src.text;
        named_children(pkg.files[fid].src.root())
            .into_iter()
            .filter(|d| {
                crate::package::top_level_names(*d, src)
                    .iter()
                    .any(|n| n == name)
            })
            .all(|d| {
                d.kind() == "var_declaration"
                    && crate::syntax::specs(d).into_iter().all(|spec| {
                        let names = field_children(spec, "name");
                        let Some(i) = names.iter().position(|n| text(*n, src) == name) else {
                            return true;
                        };
                        let values = spec
                            .child_by_field_name("value")
                            .map(named_children)
                            .unwrap_or_default();
                        names.len() == values.len()
                            && call_target(pkg, fid, values[i]).is_some_and(|(p, f)| {
                                (p == "fmt" && f == "Errorf") || (p == "errors" && f == "New")
                            })
                    })
            })
    };
    !files.is_empty() && files.into_iter().all(declared_as_error) && !pkg.may_write(name)
}

/// The call in a trailing `if err := f(x); err != nil { return err }` that can become
/// `return f(x)`: `f` is a function of the package whose result is exactly `error`.
fn foldable_call<'t>(site: &Site<'t>, stmt: Node<'t>) -> Option<Node<'t>> {
    if stmt.kind() != "if_statement" || stmt.child_by_field_name("alternative").is_some() {
        return None;
    }
    if descendants(stmt).iter().any(|n| n.kind() == "comment") {
        return None;
    }
    let init = stmt.child_by_field_name("initializer")?;
    if init.kind() != "short_var_declaration" {
        return None;
    }
    let left = named_children(init.child_by_field_name("left")?);
    let right = named_children(init.child_by_field_name("right")?);
    if left.len() != 1 || right.len() != 1 || left[0].kind() != "identifier" {
        return None;
    }
    let var = site.t(left[0]);
    let call = right[0];
    let cond = stmt.child_by_field_name("condition")?;
    let cond_ok = cond.kind() == "binary_expression"
        && cond
            .child_by_field_name("operator")
            .is_some_and(|o| site.t(o) == "!=")
        && cond
            .child_by_field_name("left")
            .is_some_and(|l| l.kind() == "identifier" && site.t(l) == var)
        && cond
            .child_by_field_name("right")
            .is_some_and(|r| r.kind() == "nil");
    if !cond_ok {
        return None;
    }
    let cons = statements(stmt.child_by_field_name("consequence")?);
    if cons.len() != 1 || cons[0].kind() != "return_statement" {
        return None;
    }
    let vals = return_values(cons[0]);
    if vals.len() != 1 || vals[0].kind() != "identifier" || site.t(vals[0]) != var {
        return None;
    }
    if call.kind() != "call_expression" {
        return None;
    }
    let f = call.child_by_field_name("function")?;
    if f.kind() != "identifier" {
        return None;
    }
    let fname = site.t(f);
    if local_decl(f, fname, site.src).is_some() || site.pkg.index().has_top_level("error") {
        return None;
    }
    let files = site.pkg.index().top_level_files(fname);
    let mut seen = false;
    for &fid in &files {
        let file = &site.pkg.files[fid];
        let fsrc = &file.src.text;
        for decl in named_children(file.src.root()) {
            if decl.kind() != "function_declaration"
                || decl.child_by_field_name("name").map(|n| text(n, fsrc)) != Some(fname)
            {
                continue;
            }
            if decl.child_by_field_name("type_parameters").is_some() {
                return None;
            }
            let r = decl.child_by_field_name("result")?;
            let ok = match r.kind() {
                "type_identifier" => text(r, fsrc) == "error",
                "parameter_list" => {
                    let ds = named_children(r);
                    ds.len() == 1
                        && field_children(ds[0], "name").len() <= 1
                        && ds[0].child_by_field_name("type").is_some_and(|t| {
                            t.kind() == "type_identifier" && text(t, fsrc) == "error"
                        })
                }
                _ => false,
            };
            if !ok {
                return None;
            }
            seen = true;
        }
    }
    seen.then_some(call)
}

/// Go's "terminating statement", with the jumps the rewrite turns into returns counted as
/// terminating.
fn terminating(site: &Site, n: Node, rewritten: &HashSet<usize>) -> bool {
    match n.kind() {
        "return_statement" | "goto_statement" => true,
        "continue_statement" | "break_statement" => rewritten.contains(&n.start_byte()),
        "expression_statement" => named_children(n)
            .first()
            .is_some_and(|c| site.is_builtin_call(*c, "panic")),
        "block" => last_statement(n).is_some_and(|s| terminating(site, s, rewritten)),
        "if_statement" => match (
            n.child_by_field_name("consequence"),
            n.child_by_field_name("alternative"),
        ) {
            (Some(c), Some(a)) => {
                terminating(site, c, rewritten) && terminating(site, a, rewritten)
            }
            _ => false,
        },
        "labeled_statement" => named_children(n)
            .get(1)
            .is_some_and(|s| terminating(site, *s, rewritten)),
        "for_statement" => {
            let body = n.child_by_field_name("body");
            let infinite = named_children(n).iter().all(|c| {
                Some(*c) == body
                    || (c.kind() == "for_clause" && c.child_by_field_name("condition").is_none())
            });
            infinite && !broken(site, n)
        }
        "expression_switch_statement" | "type_switch_statement" | "select_statement" => {
            if broken(site, n) {
                return false;
            }
            let cases: Vec<Node> = named_children(n)
                .into_iter()
                .filter(|c| {
                    matches!(
                        c.kind(),
                        "expression_case" | "type_case" | "default_case" | "communication_case"
                    )
                })
                .collect();
            let has_default = cases.iter().any(|c| c.kind() == "default_case");
            (n.kind() == "select_statement" || has_default)
                && cases.iter().all(|c| {
                    last_statement(*c).is_some_and(|s| {
                        s.kind() == "fallthrough_statement" || terminating(site, s, rewritten)
                    })
                })
        }
        _ => false,
    }
}

fn last_statement(n: Node) -> Option<Node> {
    statements(n)
        .into_iter()
        .rev()
        .find(|s| s.kind() != "empty_statement")
}

/// True when a `break` inside `stmt` (not in a nested function) targets it.
fn broken(site: &Site, stmt: Node) -> bool {
    let label = stmt
        .parent()
        .filter(|p| p.kind() == "labeled_statement")
        .and_then(|p| p.child_by_field_name("label"))
        .map(|l| site.t(l));
    descendants(stmt).into_iter().any(|b| {
        if b.kind() != "break_statement" || enclosing_function(b) != enclosing_function(stmt) {
            return false;
        }
        match named_children(b)
            .into_iter()
            .find(|c| c.kind() == "label_name")
        {
            Some(l) => Some(site.t(l)) == label,
            None => {
                ancestors(b).skip(1).find(|a| {
                    matches!(
                        a.kind(),
                        "for_statement"
                            | "expression_switch_statement"
                            | "type_switch_statement"
                            | "select_statement"
                    )
                }) == Some(stmt)
            }
        }
    })
}

/// A free variable of the body: declared in the function outside the body.
struct Free<'t> {
    decl: Node<'t>,
    name: &'t str,
    uses: Vec<Node<'t>>,
}

/// True for an identifier that declares rather than uses.
fn is_declaring(n: Node) -> bool {
    let Some(p) = n.parent() else { return false };
    match p.kind() {
        "expression_list" => {
            p.parent().is_some_and(|s| {
                s.child_by_field_name("left") == Some(p)
                    && match s.kind() {
                        "short_var_declaration" => true,
                        "range_clause" | "receive_statement" => {
                            crate::scope::declares_with_define(s)
                        }
                        _ => false,
                    }
            }) || p.parent().is_some_and(|s| {
                s.kind() == "type_switch_statement" && s.child_by_field_name("alias") == Some(p)
            })
        }
        "var_spec"
        | "const_spec"
        | "parameter_declaration"
        | "variadic_parameter_declaration"
        | "type_spec"
        | "type_alias" => field_children(p, "name").contains(&n),
        // A key of a keyed element may be a field name or a map key (a real use): it
        // counts as a use, at worst an unneeded parameter.
        _ => false,
    }
}

fn free_vars<'t>(site: &Site<'t>) -> Result<Vec<Free<'t>>, String> {
    let mut out: Vec<Free> = Vec::new();
    for n in descendants(site.body) {
        if n.kind() != "identifier" || is_declaring(n) {
            continue;
        }
        let name = site.t(n);
        if name == "_" {
            continue;
        }
        let Some(decl) = local_decl(n, name, site.src) else {
            continue;
        };
        if site.inside_body(decl) {
            continue;
        }
        match out.iter_mut().find(|f| f.decl == decl) {
            Some(f) => f.uses.push(n),
            None => {
                if out.iter().any(|f| f.name == name) {
                    return Err(format!("two variables named {name}"));
                }
                out.push(Free {
                    decl,
                    name,
                    uses: vec![n],
                });
            }
        }
    }
    // Loop variables first, in declaration order; then the others in order of first use.
    let is_loop_var = |f: &Free| {
        site.lp.start_byte() <= f.decl.start_byte() && f.decl.end_byte() <= site.body.start_byte()
    };
    let (mut loop_vars, others): (Vec<Free>, Vec<Free>) = out.into_iter().partition(is_loop_var);
    loop_vars.sort_by_key(|f| f.decl.start_byte());
    loop_vars.extend(others);
    Ok(loop_vars)
}

/// The maximal selector/index/slice path rooted at the identifier `u`.
fn path_of(u: Node) -> Node {
    let mut p = u;
    while let Some(par) = p.parent() {
        let step = match par.kind() {
            "selector_expression" | "index_expression" | "slice_expression" => {
                par.child_by_field_name("operand") == Some(p)
            }
            "parenthesized_expression" => true,
            _ => false,
        };
        if !step {
            break;
        }
        p = par;
    }
    p
}

/// The parameter `name type` for the free variable `f`, or why a copy would not behave
/// like the variable.
fn parameter(site: &Site, f: &Free) -> Result<String, String> {
    let name = f.name;
    let ty = types::local_type(site.pkg, site.file, f.decl, 0)
        .ok_or_else(|| format!("the type of {name} is not known from the syntax"))?;
    let ty_text =
        types::ty_text(ty, site.src).ok_or_else(|| format!("the type of {name} spans lines"))?;
    let shape = types::shape(site.pkg, site.file, ty)
        .ok_or_else(|| format!("the type of {name} is not known from the syntax"))?;
    let value_like = matches!(shape, Shape::Value | Shape::Array);
    let decl_scope = enclosing_function(f.decl).unwrap_or(site.func);
    let all_uses = uses_of(f.decl, decl_scope, site.src);
    let reassigned = all_uses.iter().any(|u| is_assigned(*u, site.src));
    let range_var_shared = !site.pkg.go_at_least(1, 22)
        && site.lp.start_byte() <= f.decl.start_byte()
        && f.decl.end_byte() <= site.body.start_byte();
    for &u in &f.uses {
        if is_assigned(u, site.src) {
            return Err(format!("the body assigns {name}"));
        }
        if classify(u, site.src) == UseKind::AddressOf {
            return Err(format!("the body takes the address of {name}"));
        }
        let p = path_of(u);
        if value_like && p != unparen(u) {
            return Err(format!(
                "{name} is a value whose fields or methods the body uses (a parameter would be a copy)"
            ));
        }
        if !site.own(u) && (reassigned || range_var_shared) {
            return Err(format!(
                "a function literal in the body captures {name}, which changes"
            ));
        }
    }
    for &u in &all_uses {
        if classify(u, site.src) == UseKind::AddressOf
            || (value_like && (classify(path_of(u), site.src) == UseKind::AddressOf))
        {
            return Err(format!("the address of {name} is taken"));
        }
        let in_literal = enclosing_function(u) != Some(decl_scope);
        if in_literal && (is_assigned(u, site.src) || (value_like && path_of(u) != unparen(u))) {
            return Err(format!("a function literal may change {name}"));
        }
    }
    Ok(format!("{name} {ty_text}"))
}

/// Why the body cannot become a helper with these parameters (names declared at the top
/// level of the body that clash with a parameter).
fn redeclaration(site: &Site, params: &[&Free]) -> Option<String> {
    let param_names: HashSet<&str> = params.iter().map(|f| f.name).collect();
    let mut declared: HashSet<&str> = HashSet::new();
    for &s in &site.stmts {
        let names = declared_by_statement(s);
        for n in &names {
            let name = site.t(*n);
            if !param_names.contains(name) {
                continue;
            }
            // `ctx, cancel := context.WithTimeout(ctx, d)`: ctx stays a context, and the
            // parameter is just overwritten, as long as nothing holds on to it.
            let inner = if s.kind() == "short_var_declaration" {
                Some(s)
            } else {
                None
            };
            let ok = inner.is_some_and(|s| {
                let others_new = names.iter().any(|o| {
                    let on = site.t(*o);
                    on != "_" && !param_names.contains(on) && !declared.contains(on)
                });
                let right = s
                    .child_by_field_name("right")
                    .map(named_children)
                    .unwrap_or_default();
                let is_with = right.len() == 1
                    && call_target(site.pkg, site.file, right[0])
                        .is_some_and(|(p, f)| p == "context" && f.starts_with("With"))
                    && names.first() == Some(n);
                let param_is_ctx = params
                    .iter()
                    .find(|f| f.name == name)
                    .and_then(|f| types::local_type(site.pkg, site.file, f.decl, 0))
                    .is_some_and(|t| types::is_context(site.pkg, site.file, t));
                let held = descendants(site.body).into_iter().any(|u| {
                    u.kind() == "identifier"
                        && site.t(u) == name
                        && (!site.own(u) || classify(u, site.src) == UseKind::AddressOf)
                });
                others_new && is_with && param_is_ctx && !held
            });
            if !ok {
                return Some(format!("the body redeclares {name}"));
            }
        }
        declared.extend(names.iter().map(|n| site.t(*n)));
    }
    None
}

/// The helper's name: `<function>One`, lower-cased, unique in the package.
fn helper_name(site: &Site) -> Option<String> {
    let name = site.t(site.func.child_by_field_name("name")?);
    if name == "_" {
        return None;
    }
    let chars: Vec<char> = name.chars().collect();
    let run = chars.iter().take_while(|c| c.is_uppercase()).count();
    let lower = if run > 1 && run < chars.len() && chars[run].is_lowercase() {
        run - 1
    } else {
        run
    };
    let base: String = chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < lower {
                c.to_lowercase().next().unwrap_or(*c)
            } else {
                *c
            }
        })
        .collect();
    Some(names::fresh_in_package(
        site.pkg.index(),
        &format!("{base}One"),
        &HashSet::new(),
    ))
}

fn plan(
    site: &Site,
    own: &[Node],
    defers: &[Node],
    releases: &[Release],
    prefer_closure: bool,
) -> Result<Plan, String> {
    let src = site.src;
    if site
        .lp
        .parent()
        .is_some_and(|p| p.kind() == "labeled_statement")
    {
        return Err("the loop is labelled".into());
    }
    if own.iter().any(|n| n.kind() == "goto_statement") {
        return Err("the loop contains a goto".into());
    }
    if descendants(site.body)
        .into_iter()
        .any(|n| site.is_builtin_call(n, "recover"))
    {
        return Err("the loop calls recover()".into());
    }
    for (r, d) in releases.iter().zip(defers) {
        if let Some(c) = adjacent_comment(site, *d) {
            return Err(format!(
                "the comment `{}` next to the defer suggests it is placed on purpose",
                short(text(c, src))
            ));
        }
        // A resource nothing uses after the defer is acquired to be held (`open enough
        // connections`): releasing it at once would defeat the loop.
        let used_later = |decl: Node| {
            uses_of(decl, site.body, src)
                .iter()
                .any(|u| u.start_byte() >= d.end_byte())
        };
        let held = match r {
            Release::Close(decl) => Some(*decl),
            Release::Cancel(_, ctx_var) => {
                Some(ctx_var.ok_or("the context of cancel is discarded")?)
            }
            Release::Unlock => None,
        };
        if let Some(decl) = held
            && !used_later(decl)
        {
            return Err(format!(
                "nothing uses {} after the defer: the loop seems to hold it on purpose",
                text(decl, src)
            ));
        }
        let checks: Vec<Node> = match r {
            Release::Close(d) => vec![*d],
            Release::Cancel(c, x) => std::iter::once(*c).chain(*x).collect(),
            Release::Unlock => Vec::new(),
        };
        for d in checks {
            if let Some(why) = escapes(site, d, 0) {
                return Err(format!(
                    "{why}: it must stay live until the function returns"
                ));
            }
        }
        if matches!(r, Release::Unlock) && !nothing_after_loop(site) {
            return Err(
                "code after the loop may rely on the locks the deferred unlocks still hold".into(),
            );
        }
    }
    if descendants(site.body).into_iter().any(|n| {
        matches!(n.kind(), "raw_string_literal" | "comment") && text(n, src).contains('\n')
    }) {
        return Err("a multi-line raw string or comment in the body cannot be re-indented".into());
    }
    // The body's layout: `{` ends its line, `}` starts its own.
    let inner = site.body.start_byte() + 1..site.body.end_byte() - 1;
    let content = &src[inner.clone()];
    let Some(last_nl) = content.rfind('\n') else {
        return Err("unusual layout of the loop body".into());
    };
    let closing = &content[last_nl + 1..];
    if !content.starts_with('\n') || !closing.chars().all(|c| c == '\t') {
        return Err("unusual layout of the loop body".into());
    }
    let closing = closing.to_string();

    let fl = flow(site, own)?;
    let res = results(site.func);
    let zeros_at = site.lp;

    // Returns: bare or with values, never both.
    let bare = fl
        .returns
        .iter()
        .filter(|r| return_values(**r).is_empty())
        .count();
    let valued = fl.returns.len() - bare;
    if bare > 0 && valued > 0 {
        return Err("the body has both bare returns and returns with values".into());
    }
    let rtypes = res.types();
    if valued > 0
        && fl
            .returns
            .iter()
            .any(|r| return_values(*r).len() != rtypes.len())
    {
        return Err("a return whose values cannot be prefixed (a multi-value call)".into());
    }
    let error_only = matches!(res, Results::Unnamed(_) | Results::Named(_))
        && rtypes.len() == 1
        && rtypes[0].kind() == "type_identifier"
        && text(rtypes[0], src) == "error"
        && !site.pkg.index().has_top_level("error");
    let form = if fl.returns.is_empty() {
        match &fl.exit {
            None => Form::Plain,
            Some(j) => Form::Bool(j.clone()),
        }
    } else if valued == 0 {
        if fl.exit.is_some() {
            return Err("the body both returns and leaves the loop".into());
        }
        Form::Bool("return".into())
    } else if error_only && fl.returns.iter().all(|r| non_nil_return(site, *r)) {
        match &fl.exit {
            None => Form::ErrorOnly,
            Some(j) => Form::FlagError(
                if j.starts_with("break") {
                    "brk"
                } else {
                    "cont"
                },
                j.clone(),
            ),
        }
    } else {
        if fl.exit.is_some() {
            return Err("the body both returns values and leaves the loop".into());
        }
        let mut zeros = Vec::new();
        for t in rtypes {
            zeros.push(
                types::zero_value(site.pkg, site.file, Ty::Node(*t), zeros_at).ok_or_else(
                    || {
                        format!(
                            "the zero value of {} is not known from the syntax",
                            text(*t, src)
                        )
                    },
                )?,
            );
        }
        Form::Values(zeros)
    };

    // Helper or function literal.
    let free = free_vars(site);
    let helper_ok = !prefer_closure
        && matches!(
            site.func.kind(),
            "function_declaration" | "method_declaration"
        )
        && site.func.child_by_field_name("type_parameters").is_none()
        && !site
            .func
            .child_by_field_name("receiver")
            .is_some_and(|r| descendants(r).iter().any(|n| n.kind() == "generic_type"))
        && !descendants(site.func)
            .iter()
            .any(|n| n.kind() == "type_declaration");
    let mut helper: Option<(String, Vec<String>, Vec<&str>)> = None;
    if helper_ok && let Ok(free) = &free {
        let params: Result<Vec<String>, String> = free.iter().map(|f| parameter(site, f)).collect();
        let refs: Vec<&Free> = free.iter().collect();
        if let Ok(params) = params
            && redeclaration(site, &refs).is_none()
            && let Some(name) = helper_name(site)
        {
            let args = free.iter().map(|f| f.name).collect();
            helper = Some((name, params, args));
        }
    }

    // Edits inside the body.
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let zeros_list = |z: &[String]| z.join(", ");
    let (cont_repl, exit_repl, ret_prefix, bare_repl, final_ret, res_text) = match &form {
        Form::Plain => (
            "return".to_string(),
            String::new(),
            "",
            "",
            None,
            String::new(),
        ),
        Form::Bool(_) => (
            "return false".into(),
            "return true".into(),
            "",
            "return true",
            Some("return false".to_string()),
            " bool".into(),
        ),
        Form::ErrorOnly => (
            "return nil".into(),
            String::new(),
            "",
            "",
            Some("return nil".to_string()),
            " error".into(),
        ),
        Form::FlagError(..) => (
            "return false, nil".into(),
            "return true, nil".into(),
            "false, ",
            "",
            Some("return false, nil".to_string()),
            " (bool, error)".into(),
        ),
        Form::Values(z) => {
            let fall = format!("return false, {}", zeros_list(z));
            let types: Vec<&str> = rtypes.iter().map(|t| text(*t, src)).collect();
            if types.iter().any(|t| t.contains('\n')) {
                return Err("a result type spans lines".into());
            }
            (
                fall.clone(),
                String::new(),
                "true, ",
                "",
                Some(fall),
                format!(" (bool, {})", types.join(", ")),
            )
        }
    };
    for c in &fl.conts {
        edits.push((c.byte_range(), cont_repl.clone()));
    }
    for e in &fl.exits {
        edits.push((e.byte_range(), exit_repl.clone()));
    }
    for r in &fl.returns {
        match return_values(*r).first() {
            None => {
                if !bare_repl.is_empty() {
                    edits.push((r.byte_range(), bare_repl.to_string()));
                }
            }
            Some(v) => {
                if !ret_prefix.is_empty() {
                    edits.push((v.start_byte()..v.start_byte(), ret_prefix.to_string()));
                }
            }
        }
    }
    let rewritten: HashSet<usize> = fl
        .conts
        .iter()
        .chain(fl.exits.iter())
        .map(|n| n.start_byte())
        .collect();
    let last = last_statement(site.body).ok_or("an empty loop body")?;
    let mut final_ret = final_ret;
    if form == Form::ErrorOnly
        && let Some(call) = foldable_call(site, last)
    {
        edits.push((last.byte_range(), format!("return {}", text(call, src))));
        final_ret = None;
    } else if terminating(site, last, &rewritten) {
        final_ret = None;
    }

    // The body's new text, re-indented.
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut new_content = String::new();
    let mut pos = inner.start;
    for (r, s) in &edits {
        if r.start < pos {
            return Err("overlapping rewrites in the body".into());
        }
        new_content.push_str(&src[pos..r.start]);
        new_content.push_str(s);
        pos = r.end;
    }
    new_content.push_str(&src[pos..inner.end]);
    let Some(nl) = new_content.rfind('\n').filter(|nl| *nl > 0) else {
        return Err("unusual layout of the loop body".into());
    };
    let lines: Vec<&str> = new_content[1..nl].split('\n').collect();
    let ind = format!("{closing}\t");
    let (from, to) = match helper {
        Some(_) => (closing.as_str(), ""),
        None => ("", "\t"),
    };
    let Some(mut body_text) = shift_lines(&lines, from, to) else {
        return Err("unusual indentation in the loop body".into());
    };
    let stmt_indent = if helper.is_some() {
        "\t".to_string()
    } else {
        format!("{ind}\t")
    };
    if let Some(f) = &final_ret {
        body_text.push_str(&stmt_indent);
        body_text.push_str(f);
        body_text.push('\n');
    }

    // The call (or the literal called in place) and what the loop does with its results.
    let call = match &helper {
        Some((name, _, args)) => format!("{name}({})", args.join(", ")),
        None => format!("func(){res_text} {{\n{body_text}{ind}}}()"),
    };
    let call_site = match &form {
        Form::Plain => format!("{ind}{call}"),
        Form::Bool(j) => format!("{ind}if {call} {{\n{ind}\t{j}\n{ind}}}"),
        Form::ErrorOnly => {
            format!("{ind}if err := {call}; err != nil {{\n{ind}\treturn err\n{ind}}}")
        }
        Form::FlagError(flag, j) => format!(
            "{ind}{flag}, err := {call}\n{ind}if err != nil {{\n{ind}\treturn err\n{ind}}}\n{ind}if {flag} {{\n{ind}\t{j}\n{ind}}}"
        ),
        Form::Values(z) => {
            let rs: Vec<String> = (0..z.len()).map(|i| format!("r{i}")).collect();
            let rs = rs.join(", ");
            format!("{ind}if ret, {rs} := {call}; ret {{\n{ind}\treturn {rs}\n{ind}}}")
        }
    };
    let mut out = vec![Edit::replace(
        site.file,
        inner,
        format!("\n{call_site}\n{closing}"),
    )];
    if let Some((name, params, _)) = &helper {
        let at = place::after_declaration(site.func, src);
        out.push(Edit::insert(
            site.file,
            at,
            format!(
                "\n\nfunc {name}({}){res_text} {{\n{body_text}}}",
                params.join(", ")
            ),
        ));
    }
    Ok(Plan {
        edits: out,
        helper: helper.map(|h| h.0),
    })
}

/// A comment on the line just above the defer, or after it on its line.
fn adjacent_comment<'t>(site: &Site<'t>, d: Node<'t>) -> Option<Node<'t>> {
    if let Some(prev) = d.prev_sibling()
        && prev.kind() == "comment"
    {
        let between = &site.src[prev.end_byte()..d.start_byte()];
        if between.trim().is_empty() && between.matches('\n').count() <= 1 {
            return Some(prev);
        }
    }
    if let Some(next) = d.next_sibling()
        && next.kind() == "comment"
    {
        let between = &site.src[d.end_byte()..next.start_byte()];
        if between.trim().is_empty() && !between.contains('\n') {
            return Some(next);
        }
    }
    None
}

/// True when the loop is a statement of the function's own body followed by nothing, or
/// by a `return` of plain names and literals.
fn nothing_after_loop(site: &Site) -> bool {
    let Some(list) = site.lp.parent() else {
        return false;
    };
    let fbody = site.func.child_by_field_name("body");
    if list.kind() != "statement_list" || list.parent() != fbody {
        return false;
    }
    let after: Vec<Node> = named_children(list)
        .into_iter()
        .skip_while(|s| *s != site.lp)
        .skip(1)
        .collect();
    match after.as_slice() {
        [] => true,
        [r] if r.kind() == "return_statement" => return_values(*r).iter().all(|v| {
            matches!(
                v.kind(),
                "identifier"
                    | "int_literal"
                    | "float_literal"
                    | "rune_literal"
                    | "interpreted_string_literal"
                    | "raw_string_literal"
                    | "true"
                    | "false"
                    | "nil"
            )
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::engine::{Settings, run_package};
    use crate::package::{GoFile, GoMod, Package};
    use crate::source::SourceFile;

    /// Runs the transform on one file of a module with the given `go` line: the fixed text
    /// (if any) and the finding messages.
    fn run(src: &str, go: (u32, u32)) -> (Option<String>, Vec<String>) {
        let mut f = GoFile::new(SourceFile::new("a.go".into(), src));
        f.editable = true;
        f.enabled.insert(super::DEF.id);
        let module = GoMod {
            path: "go.mod".into(),
            module: Some("example.com/m".into()),
            go: Some(go),
        };
        let pkg = Package::new(".".into(), "p".into(), vec![f], Some(Arc::new(module)));
        let out = run_package(pkg, &[&super::DEF], &Settings::default());
        let o = &out[0];
        (
            o.fixed.clone(),
            o.findings.iter().map(|r| r.message.clone()).collect(),
        )
    }

    fn finding_only(src: &str, why: &str) {
        let (fixed, msgs) = run(src, (1, 22));
        assert!(fixed.is_none(), "rewritten:\n{}", fixed.unwrap_or_default());
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(msgs[0].contains(why), "{msgs:?}");
    }

    const HEAD: &str = "package p\n\nimport \"os\"\n\n";

    #[test]
    fn seed_becomes_a_helper() {
        let src = format!(
            "{HEAD}func processAll(paths []string) error {{\n\tfor _, p := range paths {{\n\t\tf, err := os.Open(p)\n\t\tif err != nil {{\n\t\t\treturn err\n\t\t}}\n\t\tdefer f.Close()\n\t\tif err := process(f); err != nil {{\n\t\t\treturn err\n\t\t}}\n\t}}\n\treturn nil\n}}\n\nfunc process(f *os.File) error {{ return nil }}\n"
        );
        let (fixed, _) = run(&src, (1, 22));
        let want = format!(
            "{HEAD}func processAll(paths []string) error {{\n\tfor _, p := range paths {{\n\t\tif err := processAllOne(p); err != nil {{\n\t\t\treturn err\n\t\t}}\n\t}}\n\treturn nil\n}}\n\nfunc processAllOne(p string) error {{\n\tf, err := os.Open(p)\n\tif err != nil {{\n\t\treturn err\n\t}}\n\tdefer f.Close()\n\treturn process(f)\n}}\n\nfunc process(f *os.File) error {{ return nil }}\n"
        );
        assert_eq!(fixed.as_deref(), Some(want.as_str()));
    }

    #[test]
    fn a_wrapped_resource_stored_outside_escapes() {
        finding_only(
            &format!(
                "{HEAD}func f(paths []string) []*R {{\n\tvar rs []*R\n\tfor _, p := range paths {{\n\t\tf, err := os.Open(p)\n\t\tif err != nil {{\n\t\t\treturn nil\n\t\t}}\n\t\tdefer f.Close()\n\t\trs = append(rs, wrap(f))\n\t}}\n\treturn rs\n}}\n"
            ),
            "appended to a slice",
        );
    }

    #[test]
    fn a_resource_only_held_stays() {
        finding_only(
            &format!(
                "{HEAD}func f(n int) {{\n\tfor i := 0; i < n; i++ {{\n\t\tf, err := os.Open(\"x\")\n\t\tif err != nil {{\n\t\t\treturn\n\t\t}}\n\t\tdefer f.Close()\n\t}}\n\tuse()\n}}\n"
            ),
            "hold it on purpose",
        );
    }

    #[test]
    fn a_comment_at_the_defer_means_on_purpose() {
        finding_only(
            &format!(
                "{HEAD}func f(paths []string) {{\n\tfor _, p := range paths {{\n\t\tf, _ := os.Open(p)\n\t\t// Closed at the end on purpose.\n\t\tdefer f.Close()\n\t\tuse(f)\n\t}}\n}}\n"
            ),
            "on purpose",
        );
    }

    #[test]
    fn the_same_lock_every_iteration_stays() {
        finding_only(
            "package p\n\nimport \"sync\"\n\nvar mu sync.Mutex\n\nfunc f(xs []int) {\n\tfor _, x := range xs {\n\t\tmu.Lock()\n\t\tdefer mu.Unlock()\n\t\tuse(x)\n\t}\n}\n",
            "same lock",
        );
    }

    #[test]
    fn code_after_the_loop_keeps_the_locks() {
        finding_only(
            "package p\n\nfunc f(ss []*S) int {\n\tfor _, s := range ss {\n\t\ts.mu.Lock()\n\t\tdefer s.mu.Unlock()\n\t}\n\treturn sum(ss)\n}\n",
            "code after the loop",
        );
    }

    /// A func literal in the body capturing the range variable: before Go 1.22 the
    /// variable is shared by all iterations, so only the in-place literal is exact.
    #[test]
    fn captured_range_variable_depends_on_the_go_version() {
        let src = format!(
            "{HEAD}func f(paths []string) {{\n\tfor _, p := range paths {{\n\t\tf, _ := os.Open(p)\n\t\tdefer f.Close()\n\t\tlater(func() {{ use(p) }})\n\t\tuse(f)\n\t}}\n}}\n"
        );
        let (new, _) = run(&src, (1, 22));
        assert!(new.unwrap().contains("fOne(p)"));
        let (old, _) = run(&src, (1, 21));
        let old = old.unwrap();
        assert!(
            old.contains("\t\tfunc() {\n") && !old.contains("fOne"),
            "{old}"
        );
    }

    #[test]
    fn variables_a_copy_would_break_use_the_literal() {
        for body in [
            // redeclares the loop variable
            "p := strings.TrimSpace(p)\n\t\tf, _ := os.Open(p)",
            // assigns an outer variable
            "f, _ := os.Open(p)\n\t\tn++",
            // calls a method on an outer value (pointer receiver possible)
            "f, _ := os.Open(p)\n\t\tsb.WriteString(p)",
            // an outer variable a closure elsewhere changes
            "bump()\n\t\tf, _ := os.Open(p + strconv.Itoa(n))",
        ] {
            let src = format!(
                "package p\n\nimport (\n\t\"os\"\n\t\"strconv\"\n\t\"strings\"\n)\n\nfunc f(paths []string) int {{\n\tn := 0\n\tvar sb strings.Builder\n\tbump := func() {{ n++ }}\n\tfor _, p := range paths {{\n\t\t{body}\n\t\tdefer f.Close()\n\t\tuse(f)\n\t}}\n\t_ = strconv.Itoa\n\tbump()\n\treturn n + sb.Len()\n}}\n"
            );
            let (fixed, msgs) = run(&src, (1, 22));
            let fixed = fixed.unwrap_or_else(|| panic!("{body}: {msgs:?}"));
            assert!(
                fixed.contains("\t\tfunc() {\n") && !fixed.contains("fOne"),
                "{body}:\n{fixed}"
            );
        }
    }

    #[test]
    fn a_terminating_end_gets_no_extra_return() {
        let src = format!(
            "{HEAD}func f(paths []string) error {{\n\tfor _, p := range paths {{\n\t\tf, err := os.Open(p)\n\t\tif err != nil {{\n\t\t\treturn err\n\t\t}}\n\t\tdefer f.Close()\n\t\tif use(f) {{\n\t\t\tcontinue\n\t\t}} else {{\n\t\t\tpanic(p)\n\t\t}}\n\t}}\n\treturn nil\n}}\n"
        );
        let (fixed, _) = run(&src, (1, 22));
        let fixed = fixed.unwrap();
        assert!(
            fixed.ends_with("\tif use(f) {\n\t\treturn nil\n\t} else {\n\t\tpanic(p)\n\t}\n}\n"),
            "{fixed}"
        );
    }

    #[test]
    fn break_with_values_is_a_finding() {
        finding_only(
            &format!(
                "{HEAD}func f(paths []string) (int, error) {{\n\tn := 0\n\tfor _, p := range paths {{\n\t\tf, err := os.Open(p)\n\t\tif err != nil {{\n\t\t\treturn 0, err\n\t\t}}\n\t\tdefer f.Close()\n\t\tif use(f) {{\n\t\t\tbreak\n\t\t}}\n\t}}\n\treturn n, nil\n}}\n"
            ),
            "returns values and leaves the loop",
        );
    }

    #[test]
    fn an_unwritten_sentinel_is_a_non_nil_error() {
        // What sentinel-error leaves behind in an earlier pass must not block this fix.
        let body = |decl: &str, extra: &str| {
            format!(
                "package p\n\nimport (\n\t\"errors\"\n\t\"os\"\n)\n\n{decl}\n\nfunc f(paths []string) error {{\n\tfor _, p := range paths {{\n\t\tif p == \"\" {{\n\t\t\treturn errEmpty\n\t\t}}\n\t\tif p == \".\" {{\n\t\t\tbreak\n\t\t}}\n\t\tf, err := os.Open(p)\n\t\tif err != nil {{\n\t\t\treturn err\n\t\t}}\n\t\tdefer f.Close()\n\t\tuse(f)\n\t}}\n\treturn nil\n}}\n{extra}"
            )
        };
        let (fixed, msgs) = run(&body("var errEmpty = errors.New(\"empty\")", ""), (1, 22));
        let fixed = fixed.unwrap_or_else(|| panic!("{msgs:?}"));
        assert!(
            fixed.contains("\t\tbrk, err := fOne(p)\n")
                && fixed.contains("\t\treturn false, errEmpty\n"),
            "{fixed}"
        );
        for (decl, extra) in [
            // Written somewhere in the package: it may be nil when returned.
            (
                "var errEmpty = errors.New(\"empty\")",
                "\nfunc reset() { errEmpty = nil }\n",
            ),
            (
                "var errEmpty = errors.New(\"empty\")",
                "\nvar _ = &errEmpty\n",
            ),
            // Not made by errors.New or fmt.Errorf.
            ("var errEmpty error", ""),
            ("var errEmpty = os.ErrNotExist", ""),
        ] {
            finding_only(&body(decl, extra), "returns values and leaves the loop");
        }
    }
}
