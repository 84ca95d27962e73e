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
//! order of first use, with the types their declarations spell out (or, for a variable
//! declared from a standard call such as `prefix := strings.ToUpper(tag)`, the type the
//! standard library's API gives, written with the file's imports). Control flow is kept
//! exactly, in the simplest form that fits:
//! - the function's last result is `error` and every `return` in the body returns a
//!   non-nil error (`return err` right inside `if err != nil`, `fmt.Errorf`,
//!   `errors.New`), with the same constants before it if any (`return nil, err`): the
//!   helper returns `error` and the call is
//!   `if err := processAllOne(p); err != nil { return nil, err }`; `continue` becomes
//!   `return nil`, and a trailing `if err := f(x); err != nil { return err }` becomes
//!   `return f(x)` when `f` returns exactly `error` (a function of the package, or a
//!   standard one such as `sc.Err()`);
//! - `break` or `continue outer` as well: the helper also returns a flag
//!   (`brk, err := …; if err != nil { return nil, err }; if brk { break }`);
//! - `break` with returns of non-nil errors whose other values differ
//!   (`return total, err`): the helper returns the flag, the results and the error
//!   (`brk, r, err := …; if err != nil { return r, err }; if brk { break }`), with names
//!   no identifier of the function uses; the body's `return x, err` still means the
//!   function's return, named results and a shadowed `err` included;
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
//!   stay open until the function returns. A number, string or bool that the standard
//!   library's API says a call returns (`st.Size()` after `st, err := f.Stat()`,
//!   `sc.Text()` after `sc := bufio.NewScanner(f)`, `f.Name()`) holds no pointer and may be
//!   stored; `st` itself, `sc.Bytes()` (a slice into the buffer) and `f.Fd()` (a `uintptr`
//!   descriptor) may not. The API is read at the module's `go` version;
//! - a resource nothing uses after its defer (`rows, _ := db.Query(q); defer rows.Close()`
//!   to hold `n` connections at once), or a defer with a comment right above it or after
//!   it on its line: the placement looks deliberate;
//! - deferred `Unlock`s when code other than a plain `return` follows the loop (it may rely
//!   on the locks still held), or when the lock is not reached from a loop variable or a
//!   local of the body (the same lock every iteration, held across the whole loop);
//! - loops containing `goto` or `recover()`, labelled loops, defers nested deeper in the
//!   body, bodies that `break` and also return values without a non-nil error (`return p,
//!   nil`), results whose zero value the syntax does not give, multi-line raw strings or
//!   block comments in the body.
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

mod extract;

use std::collections::HashSet;

use tree_sitter::Node;

use crate::analysis::control::{Region, enclosing_for, return_values};
use crate::analysis::resolve::local_decl;
use crate::analysis::uses::{unparen, uses_of};
use crate::fixkit::edit::{Claim, FileId, Finding, Fix};
use crate::fixkit::imports::call_target;
use crate::syntax::{
    ancestors, descendants, enclosing_function, field_children, named_children, statements,
};
use serde::{Deserialize, Serialize};

use crate::transform::{Ctx, FixAvailability, Meta, Rule, TransformDef};

use extract::plan;

/// The rule; what it does is the module documentation above.
pub struct DeferInLoop;

impl Rule for DeferInLoop {
    type Options = DeferInLoopOptions;
    const META: Meta = Meta {
        id: "defer-in-loop",
        summary: "defer releasing a per-iteration resource inside a loop → loop body moved into a helper so the defer runs once per iteration",
        fix: FixAvailability::Safe,
        fix_note: "releases each iteration's resource at the end of the iteration; finding only for defers that release nothing of the iteration",
        source: include_str!("mod.rs"),
        needles: &["defer"],
        node_kinds: &["defer_statement"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, options: &DeferInLoopOptions) -> Vec<Finding> {
        run(ctx, options)
    }
}

pub static DEF: TransformDef = TransformDef::of::<DeferInLoop>();

/// The options of `defer-in-loop` (`[transforms.defer-in-loop]` in allocfix.toml): each
/// field's doc comment is what `allocfix explain defer-in-loop` prints.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct DeferInLoopOptions {
    /// always wrap the loop body in a function literal called in place instead of a
    /// package-level helper
    pub prefer_closure: bool,
}

fn run(ctx: &Ctx, options: &DeferInLoopOptions) -> Vec<Finding> {
    let mut out = Vec::new();
    for file in ctx.files() {
        let mut seen = HashSet::new();
        for &d in ctx.nodes(file, "defer_statement") {
            let Some(lp) = enclosing_for(d) else {
                continue;
            };
            if !seen.insert(lp.start_byte()) {
                continue;
            }
            if let Some(f) = analyze(ctx, options, file, lp) {
                out.push(f);
            }
        }
    }
    out
}

/// What a deferred call releases.
pub(crate) enum Release<'t> {
    /// `R.Close()` / `R.Body.Close()`: the local `R` declared in the iteration.
    Close(Node<'t>),
    /// `M.Unlock()` after `M.Lock()` in the iteration.
    Unlock,
    /// `cancel()` from `ctx, cancel := context.With…(…)` in the iteration: both locals.
    Cancel(Node<'t>, Option<Node<'t>>),
}

/// One loop under analysis: the region, and the statements of its body.
struct Site<'t> {
    region: Region<'t>,
    stmts: Vec<Node<'t>>,
}

impl<'t> std::ops::Deref for Site<'t> {
    type Target = Region<'t>;

    fn deref(&self) -> &Region<'t> {
        &self.region
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

fn analyze<'t>(
    ctx: &Ctx<'t>,
    options: &DeferInLoopOptions,
    file: FileId,
    lp: Node<'t>,
) -> Option<Finding> {
    let src = ctx.src(file);
    let func = enclosing_function(lp)?;
    let body = lp.child_by_field_name("body")?;
    let site = Site {
        region: Region {
            pkg: ctx.pkg,
            file,
            src,
            func,
            lp,
            body,
        },
        stmts: statements(body),
    };
    let own = site.own_nodes();
    let defers: Vec<Node> = own
        .iter()
        .copied()
        .filter(|n| n.kind() == "defer_statement")
        .collect();
    // Defers of inner loops are reported with their own loop.
    let (mine, inner): (Vec<Node>, Vec<Node>) =
        defers.iter().partition(|d| enclosing_for(**d) == Some(lp));
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
    match plan(&site, &own, &defers, &releases, options.prefer_closure) {
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
    fn a_trailing_check_folds_only_for_an_error_typed_err() {
        let body = |decl: &str, v: &str| {
            format!(
                "package p\n\nimport (\n\t\"io\"\n\t\"os\"\n)\n\nfunc f(paths []string) error {{\n\tfor _, p := range paths {{\n\t\tf, err := os.Create(p)\n\t\tif err != nil {{\n\t\t\treturn err\n\t\t}}\n\t\tdefer f.Close()\n{decl}\t\tif {v} != nil {{\n\t\t\treturn {v}\n\t\t}}\n\t}}\n\treturn nil\n}}\n\ntype E struct{{}}\n\nfunc (*E) Error() string {{ return \"\" }}\n\nfunc write(f *os.File) *E {{ return nil }}\n"
            )
        };
        // err is the error os.Create and io.WriteString return: `return err`.
        let (fixed, msgs) = run(&body("\t\t_, err = io.WriteString(f, p)\n", "err"), (1, 22));
        let fixed = fixed.unwrap_or_else(|| panic!("{msgs:?}"));
        assert!(
            fixed.contains("\t_, err = io.WriteString(f, p)\n\treturn err\n}\n"),
            "{fixed}"
        );
        // A *E: returned as an error it is never nil, so the check and the `return nil`
        // stay.
        let (fixed, msgs) = run(&body("\t\te := write(f)\n", "e"), (1, 22));
        let fixed = fixed.unwrap_or_else(|| panic!("{msgs:?}"));
        assert!(
            fixed.contains("\tif e != nil {\n\t\treturn e\n\t}\n\treturn nil\n}\n"),
            "{fixed}"
        );
    }

    #[test]
    fn variables_from_standard_calls_become_typed_parameters() {
        let src = |uses: &str| {
            format!(
                "package p\n\nimport (\n\t\"os\"\n\t\"path/filepath\"\n\t\"time\"\n)\n\nfunc f(names []string) error {{\n\tdir, err := os.MkdirTemp(\"\", \"x\")\n\tif err != nil {{\n\t\treturn err\n\t}}\n\tnow := time.Now()\n\tlog := os.Stderr\n\tfor _, n := range names {{\n\t\tf, err := os.Create(filepath.Join(dir, n))\n\t\tif err != nil {{\n\t\t\treturn err\n\t\t}}\n\t\tdefer f.Close()\n\t\t{uses}\n\t}}\n\treturn nil\n}}\n"
            )
        };
        // A string and a *os.File from the standard library's API.
        let (fixed, msgs) = run(&src("log.WriteString(f.Name())"), (1, 22));
        let fixed = fixed.unwrap_or_else(|| panic!("{msgs:?}"));
        assert!(
            fixed.contains("func fOne(n string, dir string, log *os.File) error {\n"),
            "{fixed}"
        );
        // A time.Time whose method is called: a copy is not the variable, so the literal.
        let (fixed, msgs) = run(&src("f.WriteString(now.String())"), (1, 22));
        let fixed = fixed.unwrap_or_else(|| panic!("{msgs:?}"));
        assert!(
            fixed.contains("\t\tif err := func() error {\n") && !fixed.contains("fOne"),
            "{fixed}"
        );
    }

    #[test]
    fn break_with_constant_values_keeps_them_at_the_call_site() {
        let src = format!(
            "{HEAD}func f(paths []string) (int, error) {{\n\tn := 0\n\tfor _, p := range paths {{\n\t\tf, err := os.Open(p)\n\t\tif err != nil {{\n\t\t\treturn 0, err\n\t\t}}\n\t\tdefer f.Close()\n\t\tif use(f) {{\n\t\t\tbreak\n\t\t}}\n\t}}\n\treturn n, nil\n}}\n"
        );
        let (fixed, msgs) = run(&src, (1, 22));
        let fixed = fixed.unwrap_or_else(|| panic!("{msgs:?}"));
        assert!(
            fixed.contains("\t\tbrk, err := fOne(p)\n\t\tif err != nil {\n\t\t\treturn 0, err\n\t\t}\n\t\tif brk {\n\t\t\tbreak\n\t\t}\n")
                && fixed.contains("func fOne(p string) (bool, error) {\n\tf, err := os.Open(p)\n\tif err != nil {\n\t\treturn false, err\n\t}\n"),
            "{fixed}"
        );
    }

    #[test]
    fn break_with_varying_values_returns_flag_results_and_error() {
        // The count so far goes with the error; `brk` and `r` are taken, so the call site
        // takes the next fresh names.
        let src = format!(
            "{HEAD}func f(paths []string, brk, r bool) (n int, err error) {{\n\tfor _, p := range paths {{\n\t\tf, err := os.Open(p)\n\t\tif err != nil {{\n\t\t\treturn len(p), err\n\t\t}}\n\t\tdefer f.Close()\n\t\tif use(f) {{\n\t\t\tbreak\n\t\t}}\n\t\tif err := check(f); err != nil {{\n\t\t\treturn 1, err\n\t\t}}\n\t}}\n\treturn 0, nil\n}}\n"
        );
        let (fixed, msgs) = run(&src, (1, 22));
        let fixed = fixed.unwrap_or_else(|| panic!("{msgs:?}"));
        assert!(
            fixed.contains("\t\tbrk0, r0, err := fOne(p)\n\t\tif err != nil {\n\t\t\treturn r0, err\n\t\t}\n\t\tif brk0 {\n\t\t\tbreak\n\t\t}\n"),
            "{fixed}"
        );
        assert!(
            fixed.contains("func fOne(p string) (bool, int, error) {\n\tf, err := os.Open(p)\n\tif err != nil {\n\t\treturn false, len(p), err\n\t}\n\tdefer f.Close()\n\tif use(f) {\n\t\treturn true, 0, nil\n\t}\n\tif err := check(f); err != nil {\n\t\treturn false, 1, err\n\t}\n\treturn false, 0, nil\n}\n"),
            "{fixed}"
        );
    }

    #[test]
    fn break_with_a_return_that_may_succeed_is_a_finding() {
        finding_only(
            &format!(
                "{HEAD}func f(paths []string) (string, error) {{\n\tfor _, p := range paths {{\n\t\tf, err := os.Open(p)\n\t\tif err != nil {{\n\t\t\treturn \"\", err\n\t\t}}\n\t\tdefer f.Close()\n\t\tif use(f) {{\n\t\t\treturn p, nil\n\t\t}}\n\t\tif p == \"\" {{\n\t\t\tbreak\n\t\t}}\n\t}}\n\treturn \"\", nil\n}}\n"
            ),
            "not every return is a non-nil error",
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
