//! ## What it does
//! Reports `time.Tick(d)` in a function that returns, in a module whose go.mod says a go
//! version before 1.23. Detect-only: it never rewrites.
//!
//! ## Why
//! Before Go 1.23 the garbage collector never frees a Ticker that was not stopped, and
//! `time.Tick` gives no way to stop it: each call of a function that returns leaks a timer
//! and its channel, and the ticker keeps waking the runtime for the life of the process.
//! From Go 1.23 on (for modules whose go.mod says go 1.23 or later), an unreferenced Ticker
//! is freed even when it was not stopped, so `time.Tick` is fine there.
//!
//! ## Example
//! ```go
//! func poll(ctx context.Context, d time.Duration) error {
//!     for range time.Tick(d) { // leaks one ticker per call of poll (go < 1.23)
//!         if err := check(ctx); err != nil {
//!             return err
//!         }
//!     }
//!     return nil
//! }
//! ```
//! is reported; use `t := time.NewTicker(d)`, `defer t.Stop()` and `t.C`, or move the
//! module to go 1.23.
//!
//! ## When it does not apply
//! - The module says go 1.23 or later.
//! - The function never returns: it has no `return`, and its body ends in a `for` with no
//!   condition, or a `for range` over the ticker's channel, that nothing breaks out of (the
//!   usual daemon loop, whose one ticker lives as long as the process anyway).
//! - `time` is not the standard package there (a local named `time`).
//!
//! ## Fix safety
//! A finding only: whether the ticker should be stopped, and where, is the author's
//! decision (a channel handed to another goroutine must outlive the function).

use crate::analysis::control::never_returns_ranging;
use crate::fixkit::edit::Finding;
use crate::fixkit::imports::is_call_to;
use crate::syntax::text;
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct TimeTick;

impl Rule for TimeTick {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "time-tick",
        summary: "time.Tick in a function that returns, before go 1.23 (its ticker is never freed) → finding",
        fix: FixAvailability::None,
        fix_note: "use time.NewTicker with defer Stop, or go 1.23",
        source: include_str!("time_tick.rs"),
        needles: &["Tick"],
        node_kinds: &["call_expression"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<TimeTick>();

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    // An unknown version (no go.mod) is treated as old: GOPATH mode predates 1.23.
    if pkg.go_at_least(1, 23) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for file in ctx.files() {
        let src = &pkg.files[file].src.text;
        for &call in ctx.nodes(file, "call_expression") {
            if is_call_to(pkg, file, call, "time", &["Tick"]).is_none() {
                continue;
            }
            let Some(func) = crate::syntax::enclosing_function(call) else {
                continue;
            };
            // `for range time.Tick(d)`, or over a local holding it: the channel never ends.
            let ticks = |x: tree_sitter::Node| {
                x == call
                    || (x.kind() == "identifier"
                        && call.parent().is_some_and(|list| {
                            list.kind() == "expression_list"
                                && list.parent().is_some_and(|d| {
                                    d.kind() == "short_var_declaration"
                                        && crate::analysis::resolve::local_decl(
                                            x,
                                            text(x, src),
                                            src,
                                        )
                                        .is_some_and(
                                            |decl| decl.parent() == d.child_by_field_name("left"),
                                        )
                                })
                        }))
            };
            if never_returns_ranging(func, src, ticks) {
                continue;
            }
            let version = match pkg.go_version() {
                Some((major, minor)) => format!("this module's go {major}.{minor}"),
                None => "a package without go.mod".to_string(),
            };
            out.push(ctx.finding(
                file,
                call,
                format!("time.Tick in a function that returns leaks its ticker under {version} (a Ticker that is not stopped is never freed before Go 1.23); use time.NewTicker with defer Stop, or move the module to go 1.23"),
                None,
            ));
        }
    }
    out
}
