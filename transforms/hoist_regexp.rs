//! ## What it does
//! Moves `regexp.MustCompile(<constant pattern>)` (and `MustCompilePOSIX`) out of function
//! bodies into a package-level variable, and makes the call site use that variable.
//!
//! ## Why
//! Compiling a regular expression builds its parse tree and program: dozens of allocations
//! and microseconds of work on every call (seed exercise 12: `isValidSlug` allocates ~60
//! times per call). The pattern is constant, so the compiled value can be too: compiled
//! once at package initialisation, then shared. A `*regexp.Regexp` is safe for concurrent
//! use.
//!
//! ## Example
//! ```go
//! func isValidSlug(s string) bool {
//!     re := regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
//!     return re.MatchString(s)
//! }
//! ```
//! becomes
//! ```go
//! var slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
//!
//! func isValidSlug(s string) bool {
//!     return slugRE.MatchString(s)
//! }
//! ```
//! The name comes from the local the value was assigned to when it already reads like a
//! pattern name (`emailRE`, `datePattern`), otherwise from the enclosing function with
//! `is/has/valid/validate/check/match/parse/get/new/must` prefixes dropped (`isValidSlug` →
//! `slugRE`). It is unique in the package (`slugRE0`, `slugRE1`, … on collision). Sites with
//! the same function and pattern share one variable, even across files. A local that only
//! held the compiled value is removed and its uses renamed.
//!
//! ## When it does not apply
//! - The pattern is not constant: built at run time, a variable, or a local `const` (only
//!   literals, `+` chains of literals and package-level constants count).
//! - `regexp.Compile` (its error is handled by the caller), or `regexp` is not the standard
//!   package at that point (a local or parameter named `regexp`, another package).
//! - The compiled value is mutated: `Longest()` is called on it.
//! - Calls already at package level, in generated files, and in `_test.go` files (unless
//!   `--include-tests`).
//!
//! ## Fix safety
//! Safe when the compiled value stays in the function (only its matching methods are
//! called). Unsafe when it leaves the function (returned, stored, passed on): every caller
//! would then share one value, so a caller calling `Longest()` on it would change it for
//! all. A pattern that allocfix cannot verify compiles (checked with an RE2-compatible
//! parser) is only reported: hoisting would move its panic from the call to program start.

use tree_sitter::Node;

use crate::edit::{Applicability, Edit, Finding, Fix};
use crate::imports::is_call_to;
use crate::syntax::{enclosing_function, in_function_body, text, whole_lines};
use crate::transform::{Ctx, OptionKind, OptionSpec, TransformDef};

use super::common;

pub static DEF: TransformDef = TransformDef {
    id: "hoist-regexp",
    summary: "regexp.MustCompile of a constant pattern inside a function → package-level var",
    fix_safety: "safe; unsafe when the compiled value leaves the function; finding when the pattern may not compile",
    source: include_str!("hoist_regexp.rs"),
    options: &[OptionSpec {
        name: "suffix",
        kind: OptionKind::IdentSuffix,
        default: "\"RE\"",
        doc: "suffix of variable names made from the function name (slug + RE)",
    }],
    needles: &["MustCompile"],
    run,
};

const FUNCS: &[&str] = &["MustCompile", "MustCompilePOSIX"];
const PREFIXES: &[&str] = &[
    "is", "has", "valid", "validate", "check", "match", "parse", "get", "new", "must",
];
const PATTERN_SUFFIXES: &[&str] = &["RE", "Re", "Regexp", "Regex", "Pattern", "Rx"];
/// Methods that change a compiled Regexp.
const MUTATORS: &[&str] = &["Longest"];

/// How the compiled value is used.
enum Flow {
    /// Only methods other than mutators are called on it.
    Local,
    /// It leaves the function or is stored somewhere.
    Escapes,
    /// A mutating method is called on it.
    Mutated,
}

/// Classifies one use of the value (the call itself, or a use of the local holding it).
fn classify_use(node: Node, src: &str) -> Flow {
    let outer = common::unparen(node);
    match outer.parent() {
        Some(p)
            if p.kind() == "selector_expression"
                && p.child_by_field_name("operand") == Some(outer) =>
        {
            let method = p
                .child_by_field_name("field")
                .map(|f| text(f, src))
                .unwrap_or("");
            let called = p.parent().is_some_and(|c| {
                c.kind() == "call_expression" && c.child_by_field_name("function") == Some(p)
            });
            if MUTATORS.contains(&method) {
                Flow::Mutated
            } else if called {
                Flow::Local
            } else {
                // A method value `re.MatchString` may be stored and outlive the call.
                Flow::Escapes
            }
        }
        _ => Flow::Escapes,
    }
}

/// True for `x` in `x = …` (the variable is overwritten, not read).
fn is_assignment_target(node: Node) -> bool {
    let outer = common::unparen(node);
    outer.parent().is_some_and(|list| {
        list.kind() == "expression_list"
            && list.parent().is_some_and(|stmt| {
                stmt.kind() == "assignment_statement"
                    && stmt.child_by_field_name("left") == Some(list)
            })
    })
}

fn merge(a: Flow, b: Flow) -> Flow {
    match (a, b) {
        (Flow::Mutated, _) | (_, Flow::Mutated) => Flow::Mutated,
        (Flow::Escapes, _) | (_, Flow::Escapes) => Flow::Escapes,
        _ => Flow::Local,
    }
}

fn base_name(ctx: &Ctx, node: Node, src: &str, local: Option<&str>) -> String {
    if let Some(l) = local
        && PATTERN_SUFFIXES
            .iter()
            .any(|s| l.ends_with(s) && l.len() > s.len())
    {
        return l.to_string();
    }
    let suffix = ctx.opt_str("suffix");
    let func = common::top_function_name(node, src).unwrap_or("pattern");
    let mut rest = func;
    loop {
        let lower = rest.to_ascii_lowercase();
        let stripped = PREFIXES.iter().find_map(|p| {
            let after = rest.get(p.len()..).filter(|_| lower.starts_with(p))?;
            after
                .starts_with(|c: char| c.is_ascii_uppercase())
                .then_some(after)
        });
        match stripped {
            Some(after) => rest = after,
            None => break,
        }
    }
    let stem = common::decapitalize(rest);
    let name = format!("{stem}{suffix}");
    if common::is_identifier(&name) {
        name
    } else {
        format!("pattern{suffix}")
    }
}

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    let existing = common::package_singletons(pkg, "regexp", FUNCS);
    // Names handed out in this run: distinct patterns get distinct names without waiting
    // for another pass.
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut assigned: std::collections::HashMap<(String, String), String> =
        std::collections::HashMap::new();
    for file in ctx.files() {
        let src = ctx.src(file);
        for &call in ctx.nodes(file, "call_expression") {
            let Some(func) = is_call_to(pkg, file, call, "regexp", FUNCS) else {
                continue;
            };
            if !in_function_body(call) {
                continue;
            }
            let Some(arg) = common::single_argument(call) else {
                continue;
            };
            let Some(pattern) = common::constant_string_expr(pkg, file, arg) else {
                continue;
            };
            if let Err(e) = regex_syntax::Parser::new().parse(&pattern) {
                let first = e
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                out.push(ctx.finding(
                    file,
                    call,
                    format!("regexp.{func} compiles a constant pattern on every call, but the pattern may not compile ({first}); hoisting would move the panic to program start, so it is not rewritten"),
                    None,
                ));
                continue;
            }

            // How the compiled value flows.
            let binding = common::local_binding(common::unparen(call));
            let func_node = enclosing_function(call).expect("inside a function body");
            let mut flow = Flow::Local;
            let mut rename: Option<(Node, Node, Vec<Node>)> = None;
            match binding {
                Some((stmt, ident)) => {
                    let scope = enclosing_function(stmt).unwrap_or(func_node);
                    let usage = common::usage(ident, scope, src);
                    for &u in &usage.uses {
                        if !is_assignment_target(u) {
                            flow = merge(flow, classify_use(u, src));
                        }
                    }
                    if !usage.reassigned && !usage.address_taken && text(ident, src) != "_" {
                        rename = Some((stmt, ident, usage.uses));
                    } else if usage.address_taken {
                        flow = merge(flow, Flow::Escapes);
                    }
                }
                None => flow = classify_use(call, src),
            }
            if matches!(flow, Flow::Mutated) {
                continue;
            }
            let applicability = match flow {
                Flow::Local => Applicability::Safe,
                _ => Applicability::Unsafe,
            };

            // Reuse a package-level var compiling the same pattern with the same function.
            let reuse =
                common::singleton_for(pkg, &existing, &(func.to_string(), pattern.clone()), file);
            let name_free_here = |name: &str| {
                let mut sites = vec![call];
                if let Some((_, _, uses)) = &rename {
                    sites.extend(uses.iter().copied());
                }
                sites
                    .iter()
                    .all(|s| crate::scope::local_decl(*s, name, src).is_none())
            };
            let local_name = rename.as_ref().map(|(_, ident, _)| text(*ident, src));
            let (name, declare) = match reuse {
                Some(n) if name_free_here(&n) => (n, false),
                Some(_) => continue,
                None => {
                    let base = base_name(ctx, call, src, local_name);
                    // The local's own name is free once the local is removed, if nothing
                    // else in the package spells it.
                    let own = rename.as_ref().is_some_and(|(_, _, uses)| {
                        local_name == Some(base.as_str())
                            && common::count_identifiers(pkg, &base) == 1 + uses.len()
                    });
                    let key = (func.to_string(), pattern.clone());
                    let name = if let Some(n) = assigned.get(&key) {
                        n.clone()
                    } else if own && !taken.contains(&base) {
                        base
                    } else {
                        pkg.index().fresh(&base, &taken)
                    };
                    taken.insert(name.clone());
                    assigned.insert(key, name.clone());
                    (name, true)
                }
            };

            let mut edits = Vec::new();
            match &rename {
                Some((stmt, _, uses)) => {
                    let Some(lines) = whole_lines(*stmt, src) else {
                        continue;
                    };
                    edits.push(Edit::delete(file, lines));
                    for u in uses {
                        if text(*u, src) != name {
                            edits.push(Edit::replace(file, u.byte_range(), name.clone()));
                        }
                    }
                }
                None => edits.push(Edit::replace(file, call.byte_range(), name.clone())),
            }
            // One declaration per name and per pattern in a pass: the other sites with the
            // same pattern reuse the variable in the next pass.
            let mut fix_claims = vec![format!("pkg:{name}"), format!("regexp:{func}:{pattern}")];
            if declare {
                let Some(at) = common::hoist_point(call, src) else {
                    continue;
                };
                let indent = common::indent_of(call, src);
                let (edit, claim) =
                    common::insert_package_var(src, file, at, &name, text(call, src), &indent);
                edits.push(edit);
                fix_claims.extend(claim);
            } else {
                fix_claims.clear();
            }
            let mut fix = Fix::new(applicability, edits);
            for c in fix_claims {
                fix = fix.with_claim(c);
            }
            let message = match applicability {
                Applicability::Safe => format!(
                    "regexp.{func} with a constant pattern compiles it on every call; hoist it to a package-level var `{name}`"
                ),
                Applicability::Unsafe => format!(
                    "regexp.{func} with a constant pattern compiles it on every call; hoisting to `{name}` would share one value between callers (unsafe: it leaves the function)"
                ),
            };
            out.push(ctx.finding(file, call, message, Some(fix)));
        }
    }
    out
}
