//! Control structure read from the syntax alone: the loop enclosing a node within its own
//! function, loop bodies and labels, where a `break`/`continue` goes, how a loop body is
//! left (continues, exits, returns), Go's terminating statements, and whether a function
//! can return at all.

use std::collections::HashSet;

use tree_sitter::Node;

use crate::analysis::resolve::local_decl;
use crate::fixkit::edit::FileId;
use crate::package::Package;
use crate::syntax::{
    ancestors, descendants, enclosing_function, is_function, named_children, statements, text,
};

/// The innermost `for` statement containing `node` within the same function (a `for`
/// outside an enclosing function literal does not count: the literal is called, not
/// repeated by it).
pub fn enclosing_for(node: Node) -> Option<Node> {
    for a in ancestors(node).skip(1) {
        if is_function(a) {
            return None;
        }
        if a.kind() == "for_statement" {
            return Some(a);
        }
    }
    None
}

/// The body block of a `for` statement.
pub fn for_body(for_stmt: Node) -> Option<Node> {
    for_stmt.child_by_field_name("body").or_else(|| {
        named_children(for_stmt)
            .into_iter()
            .find(|c| c.kind() == "block")
    })
}

/// True when `stmt` is one of the statements directly in the body of `for_stmt` (not nested
/// in an `if`, a block, a case, or behind a label).
pub fn is_direct_body_statement(stmt: Node, for_stmt: Node) -> bool {
    let Some(body) = for_body(for_stmt) else {
        return false;
    };
    match stmt.parent() {
        Some(p) if p == body => true,
        Some(p) if p.kind() == "statement_list" => p.parent() == Some(body),
        _ => false,
    }
}

/// The statements of a `for` statement's body, in order.
pub fn body_statements(for_stmt: Node) -> Vec<Node> {
    for_body(for_stmt).map(statements).unwrap_or_default()
}

/// True for `for { … }`: no condition, no clause, no range.
pub fn is_bare_for(for_stmt: Node) -> bool {
    named_children(for_stmt).iter().all(|c| c.kind() == "block")
}

/// `stmt` with the labels written in front of it: the outermost `labeled_statement` whose
/// (nested) statement is `stmt`, or `stmt` itself.
pub fn with_labels(stmt: Node) -> Node {
    let mut cur = stmt;
    while let Some(p) = cur.parent() {
        if p.kind() == "labeled_statement" {
            cur = p;
        } else {
            break;
        }
    }
    cur
}

/// The `goto` statements of `func`'s own body (those in nested function literals belong to
/// the literals).
pub fn gotos_in(func: Node) -> Vec<Node> {
    descendants(func)
        .into_iter()
        .filter(|n| n.kind() == "goto_statement" && enclosing_function(*n) == Some(func))
        .collect()
}

/// A loop of a function under analysis: the region the control and flow analyses reason
/// about is the loop's body.
pub struct Region<'t> {
    pub pkg: &'t Package,
    pub file: FileId,
    pub src: &'t str,
    /// The function (declaration, method or literal) whose own statement the loop is.
    pub func: Node<'t>,
    /// The `for` statement.
    pub lp: Node<'t>,
    /// Its body block.
    pub body: Node<'t>,
}

impl<'t> Region<'t> {
    /// True when `n` lies inside the loop body.
    pub fn inside_body(&self, n: Node) -> bool {
        self.body.start_byte() <= n.start_byte() && n.end_byte() <= self.body.end_byte()
    }

    /// True when `n` belongs to the function itself (not to a nested function literal).
    pub fn own(&self, n: Node) -> bool {
        enclosing_function(n) == Some(self.func)
    }

    /// Nodes of the body that belong to this function (not to a nested function literal).
    pub fn own_nodes(&self) -> Vec<Node<'t>> {
        descendants(self.body)
            .into_iter()
            .filter(|n| self.own(*n))
            .collect()
    }

    pub fn t(&self, n: Node) -> &'t str {
        text(n, self.src)
    }

    /// True when `call` calls the predeclared function `name` (not shadowed).
    pub fn is_builtin_call(&self, call: Node, name: &str) -> bool {
        call.kind() == "call_expression"
            && call
                .child_by_field_name("function")
                .is_some_and(|f| f.kind() == "identifier" && self.t(f) == name)
            && local_decl(call, name, self.src).is_none()
            && !self.pkg.index().has_top_level(name)
    }
}

/// Where a `break`/`continue` goes.
pub enum Target {
    /// Stays inside the body.
    Inner,
    /// The loop being rewritten.
    ThisLoop,
    /// A statement around the loop (`continue outer`).
    Outer,
}

pub fn jump_target(site: &Region, n: Node) -> Option<Target> {
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

/// How the loop body is left.
pub struct Exits<'t> {
    /// `continue` of this loop.
    pub conts: Vec<Node<'t>>,
    /// `break` of this loop or jumps to outer statements.
    pub exits: Vec<Node<'t>>,
    /// What the loop does for an exit (`break`, `continue outer`).
    pub exit: Option<String>,
    pub returns: Vec<Node<'t>>,
}

/// The continues, exits and returns of the loop body (`own`: the body's nodes that belong
/// to the function itself), or why they cannot be told apart.
pub fn exits<'t>(site: &Region<'t>, own: &[Node<'t>]) -> Result<Exits<'t>, String> {
    let mut f = Exits {
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

/// Go's "terminating statement", with the jumps the rewrite turns into returns counted as
/// terminating.
pub fn terminating(site: &Region, n: Node, rewritten: &HashSet<usize>) -> bool {
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

pub fn last_statement(n: Node) -> Option<Node> {
    statements(n)
        .into_iter()
        .rev()
        .find(|s| s.kind() != "empty_statement")
}

/// True when a `break` inside `stmt` (not in a nested function) targets it.
pub fn broken(site: &Region, stmt: Node) -> bool {
    breaks_out(stmt, site.src)
}

/// [`broken`] from the source text alone: an unlabeled `break` whose nearest breakable
/// statement is `stmt`, or a `break` naming the label written in front of `stmt`.
fn breaks_out(stmt: Node, src: &str) -> bool {
    let label = stmt
        .parent()
        .filter(|p| p.kind() == "labeled_statement")
        .and_then(|p| p.child_by_field_name("label"))
        .map(|l| text(l, src));
    descendants(stmt).into_iter().any(|b| {
        if b.kind() != "break_statement" || enclosing_function(b) != enclosing_function(stmt) {
            return false;
        }
        match named_children(b)
            .into_iter()
            .find(|c| c.kind() == "label_name")
        {
            Some(l) => Some(text(l, src)) == label,
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

/// The values of a `return` statement (empty for a bare return).
pub fn return_values<'t>(ret: Node<'t>) -> Vec<Node<'t>> {
    named_children(ret)
        .into_iter()
        .find(|c| c.kind() == "expression_list")
        .map(named_children)
        .unwrap_or_default()
}

/// True when `func` (a function declaration, method or literal) never returns: it has no
/// `return`, and its body ends in a `for` with no condition that nothing breaks out of (no
/// `break` aimed at it, no `goto`). A call that never returns (`panic`, `os.Exit`) is not
/// looked for, so a function that ends in one counts as returning.
pub fn never_returns(func: Node, src: &str) -> bool {
    never_returns_ranging(func, src, |_| false)
}

/// [`never_returns`], where a `for … range x` also never ends when `endless(x)` says that
/// `x` is never exhausted (a channel nobody closes, such as `time.Tick`'s).
pub fn never_returns_ranging(func: Node, src: &str, endless: impl Fn(Node) -> bool) -> bool {
    let Some(body) = func.child_by_field_name("body") else {
        return false;
    };
    if contains(body, &|n| {
        matches!(n.kind(), "return_statement" | "goto_statement")
    }) {
        return false;
    }
    let Some(last) = statements(body)
        .into_iter()
        .rfind(|n| n.kind() != "comment")
    else {
        return false;
    };
    let loop_stmt = match last.kind() {
        "labeled_statement" => match named_children(last).into_iter().nth(1) {
            Some(inner) => inner,
            None => return false,
        },
        _ => last,
    };
    loop_stmt.kind() == "for_statement"
        && is_endless(loop_stmt, &endless)
        && !breaks_out(loop_stmt, src)
}

/// `for { … }`, a `for` clause without a condition, or a range over what `endless` accepts.
fn is_endless(for_stmt: Node, endless: &dyn Fn(Node) -> bool) -> bool {
    named_children(for_stmt)
        .into_iter()
        .all(|c| match c.kind() {
            "block" | "comment" => true,
            "for_clause" => c.child_by_field_name("condition").is_none(),
            "range_clause" => c.child_by_field_name("right").is_some_and(endless),
            _ => false,
        })
}

/// True when a node below `root`, not inside a nested function literal, satisfies `pred`.
fn contains(root: Node, pred: &dyn Fn(Node) -> bool) -> bool {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n != root && is_function(n) {
            continue;
        }
        if pred(n) {
            return true;
        }
        let mut cursor = n.walk();
        stack.extend(n.named_children(&mut cursor));
    }
    false
}

#[cfg(test)]
mod never_returns_tests {
    use super::*;

    fn first_func(src: &str) -> bool {
        first_func_ranging(src, |_| false)
    }

    fn first_func_ranging(src: &str, endless: impl Fn(Node) -> bool) -> bool {
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&tree_sitter_go::LANGUAGE.into())
            .unwrap();
        let tree = parser.parse(src, None).unwrap();
        let root = tree.root_node();
        let func = named_children(root)
            .into_iter()
            .find(|n| n.kind() == "function_declaration")
            .unwrap();
        never_returns_ranging(func, src, endless)
    }

    #[test]
    fn endless_loops_never_return() {
        assert!(first_func("package p\nfunc f(c chan int) { for { <-c } }"));
        assert!(first_func(
            "package p\nfunc f(c chan int) { for { select { case <-c: break } } }"
        ));
        assert!(first_func(
            "package p\nfunc f(c chan int) { for ;; { for { break }; <-c } }"
        ));
    }

    #[test]
    fn loops_that_can_end_return() {
        assert!(!first_func(
            "package p\nfunc f(c chan int) { for v := range c { _ = v } }"
        ));
        assert!(!first_func(
            "package p\nfunc f(n int) { for n > 0 { n-- } }"
        ));
        assert!(!first_func(
            "package p\nfunc f(c chan int) { for { if <-c == 0 { return } } }"
        ));
        assert!(!first_func(
            "package p\nfunc f(c chan int) { for { if <-c == 0 { break } } }"
        ));
        assert!(!first_func(
            "package p\nfunc f(c chan int) { L: for { select { case <-c: break L } } }"
        ));
        assert!(!first_func("package p\nfunc f() { println() }"));
        // A range over a channel nobody closes.
        let ticks = "package p\nfunc f(d int) { for range tick(d) { println() } }";
        assert!(!first_func(ticks));
        assert!(first_func_ranging(ticks, |n| n.kind() == "call_expression"));
        // A return inside a function literal is the literal's own.
        assert!(first_func(
            "package p\nfunc f(c chan func() int) { for { g := func() int { return 1 }; c <- g } }"
        ));
    }
}

/// A package of one file `a.go` for the analyses' unit tests, with the module's `go` line.
#[cfg(test)]
pub(crate) fn test_package(src: &str, go: (u32, u32)) -> Package {
    use std::sync::Arc;

    use crate::package::{GoFile, GoMod};
    use crate::source::SourceFile;
    let f = GoFile::new(SourceFile::new("a.go".into(), src));
    let module = GoMod {
        path: "go.mod".into(),
        module: Some("example.com/m".into()),
        go: Some(go),
    };
    Package::new(".".into(), "p".into(), vec![f], Some(Arc::new(module)))
}

/// The region of the `nth` `for` statement (in source order) of the package's only file.
#[cfg(test)]
pub(crate) fn test_region(pkg: &Package, nth: usize) -> Region<'_> {
    let src = pkg.files[0].src.text.as_str();
    let lp = descendants(pkg.files[0].src.root())
        .into_iter()
        .filter(|n| n.kind() == "for_statement")
        .nth(nth)
        .expect("a for statement");
    Region {
        pkg,
        file: 0,
        src,
        func: enclosing_function(lp).expect("inside a function"),
        lp,
        body: lp.child_by_field_name("body").expect("a body"),
    }
}

/// Whether each iteration of a `for` loop of `file` has its own loop variables (Go 1.22
/// semantics): true when the module's go.mod says go 1.22 or later, or the file's
/// `//go:build` line requires a `go1.22` or later release tag (which sets the file's
/// language version); false when go.mod says an earlier version, or has no `go` line (the
/// go command then assumes go 1.16); None without a go.mod (the version is unknown).
pub fn loop_vars_per_iteration(pkg: &Package, file: FileId) -> Option<bool> {
    if pkg.go_at_least(1, 22) || file_requires_go(&pkg.files[file].src.text, 22) {
        return Some(true);
    }
    pkg.module.as_ref().map(|_| false)
}

/// True when the `//go:build` line of `src` cannot hold unless a release tag `go1.N` with
/// N ≥ `minor` is set.
fn file_requires_go(src: &str, minor: u32) -> bool {
    for line in src.lines() {
        let line = line.trim();
        if line.starts_with("package ") {
            break;
        }
        let Some(expr) = line.strip_prefix("//go:build") else {
            continue;
        };
        // Release tags are cumulative: every go1.N from `minor` on stands for one tag.
        let Some(tokens) = crate::package::build_tokens(expr) else {
            return false;
        };
        let joined: Vec<String> = tokens
            .into_iter()
            .map(
                |t| match t.strip_prefix("go1.").and_then(|m| m.parse::<u32>().ok()) {
                    Some(m) if m >= minor => "go1_new".to_string(),
                    _ => t,
                },
            )
            .collect();
        return crate::package::build_constraint_needs(&joined.join(" "), "go1_new");
    }
    false
}

#[cfg(test)]
mod loopvar_tests {
    use super::*;

    #[test]
    fn a_build_line_can_raise_the_language_version() {
        assert!(file_requires_go("//go:build go1.22\n\npackage a\n", 22));
        assert!(file_requires_go(
            "//go:build linux && go1.23\n\npackage a\n",
            22
        ));
        assert!(!file_requires_go(
            "//go:build go1.22 || linux\n\npackage a\n",
            22
        ));
        assert!(!file_requires_go("//go:build go1.21\n\npackage a\n", 22));
        assert!(!file_requires_go("package a\n//go:build go1.22\n", 22));
        let module = |go| {
            Some(std::sync::Arc::new(crate::package::GoMod {
                path: "/nonexistent/go.mod".into(),
                module: Some("m".into()),
                go,
            }))
        };
        let old = Package::from_source("package a\n", module(Some((1, 21))));
        assert_eq!(loop_vars_per_iteration(&old, 0), Some(false));
        let new = Package::from_source("package a\n", module(Some((1, 22))));
        assert_eq!(loop_vars_per_iteration(&new, 0), Some(true));
        let raised =
            Package::from_source("//go:build go1.22\n\npackage a\n", module(Some((1, 21))));
        assert_eq!(loop_vars_per_iteration(&raised, 0), Some(true));
        let no_go_line = Package::from_source("package a\n", module(None));
        assert_eq!(loop_vars_per_iteration(&no_go_line, 0), Some(false));
        let unknown = Package::from_source("package a\n", None);
        assert_eq!(loop_vars_per_iteration(&unknown, 0), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(xs: &[Node], src: &str) -> Vec<String> {
        xs.iter().map(|n| text(*n, src).to_string()).collect()
    }

    #[test]
    fn exits_sort_jumps_by_target() {
        let src = "package p\n\nfunc f(xs []int) int {\nouter:\n\tfor range xs {\n\t\tfor _, x := range xs {\n\t\t\tswitch x {\n\t\t\tcase 1:\n\t\t\t\tbreak\n\t\t\tcase 2:\n\t\t\t\tcontinue\n\t\t\tcase 3:\n\t\t\t\tcontinue outer\n\t\t\tcase 4:\n\t\t\t\treturn x\n\t\t\t}\n\t\t\tfor {\n\t\t\t\tbreak\n\t\t\t}\n\t\t\tfunc() {\n\t\t\t\tfor {\n\t\t\t\t\treturn\n\t\t\t\t}\n\t\t\t}()\n\t\t}\n\t}\n\treturn 0\n}\n";
        let pkg = test_package(src, (1, 22));
        let r = test_region(&pkg, 1);
        let ex = exits(&r, &r.own_nodes()).unwrap();
        // `break` in the switch and in the inner `for` stay inside; the `return` inside the
        // function literal belongs to the literal.
        assert_eq!(kinds(&ex.conts, src), ["continue"]);
        assert_eq!(kinds(&ex.exits, src), ["continue outer"]);
        assert_eq!(ex.exit.as_deref(), Some("continue outer"));
        assert_eq!(kinds(&ex.returns, src), ["return x"]);
        assert_eq!(enclosing_for(r.body), Some(r.lp));
        assert!(enclosing_for(r.lp).is_some());
    }

    #[test]
    fn two_ways_out_are_refused() {
        let src = "package p\n\nfunc f(xs []int) {\nouter:\n\tfor range xs {\n\t\tfor _, x := range xs {\n\t\t\tif x == 0 {\n\t\t\t\tbreak\n\t\t\t}\n\t\t\tcontinue outer\n\t\t}\n\t}\n}\n";
        let pkg = test_package(src, (1, 22));
        let r = test_region(&pkg, 1);
        assert!(exits(&r, &r.own_nodes()).is_err());
        let r = test_region(&pkg, 0);
        let ex = exits(&r, &r.own_nodes()).unwrap();
        assert!(ex.exits.is_empty() && ex.conts.len() == 1);
    }

    #[test]
    fn terminating_statements() {
        let src = "package p\n\nfunc f(xs []int) {\n\tfor _, x := range xs {\n\t\tif x > 0 {\n\t\t\treturn\n\t\t} else {\n\t\t\tpanic(x)\n\t\t}\n\t\tif x > 1 {\n\t\t\treturn\n\t\t}\n\t\tfor {\n\t\t}\n\t\tfor {\n\t\t\tbreak\n\t\t}\n\t\tswitch x {\n\t\tcase 1:\n\t\t\treturn\n\t\tdefault:\n\t\t\tpanic(x)\n\t\t}\n\t\tswitch x {\n\t\tcase 1:\n\t\t\treturn\n\t\t}\n\t\tcontinue\n\t}\n}\n";
        let pkg = test_package(src, (1, 22));
        let r = test_region(&pkg, 0);
        let stmts = statements(r.body);
        let none = HashSet::new();
        let got: Vec<bool> = stmts.iter().map(|s| terminating(&r, *s, &none)).collect();
        assert_eq!(got, [true, false, true, false, true, false, false]);
        // A `continue` the rewrite turns into a return counts as terminating.
        let cont = *stmts.last().unwrap();
        assert!(terminating(&r, cont, &HashSet::from([cont.start_byte()])));
        assert_eq!(last_statement(r.body), Some(cont));
    }

    #[test]
    fn a_shadowed_panic_does_not_terminate() {
        let src = "package p\n\nfunc f(xs []int, panic func(int)) {\n\tfor _, x := range xs {\n\t\tpanic(x)\n\t}\n}\n";
        let pkg = test_package(src, (1, 22));
        let r = test_region(&pkg, 0);
        let s = statements(r.body)[0];
        assert!(!terminating(&r, s, &HashSet::new()));
    }
}
