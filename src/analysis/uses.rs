//! How a local variable is used: every identifier that refers to its declaration, and for
//! each one whether it reads, writes, redeclares (`:=` reusing it) or takes the address of
//! the variable, and whether a function literal captures it. One classifier for every
//! transform.

use tree_sitter::Node;

use crate::analysis::resolve::{declares_with_define, local_decl};
use crate::syntax::{ancestors, enclosing_function, text};

/// What one identifier does to the variable it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UseKind {
    /// Any other use: the value is read (including `x.f = v` and `x[i] = v`, which write
    /// through x but not x itself, and method calls).
    Read,
    /// `x = v`, `x op= v`, `x++`/`x--`, or `for x = range` / `x = <-ch` in a select.
    Write,
    /// `&x`.
    AddressOf,
    /// `x, y := …` in the block that declares x: `:=` assigns the existing x.
    Redeclare,
    /// The identifier declares a new variable (a spec name, a parameter, a `:=` target in
    /// another block, a `:=` range or receive target): a shadow, or the declaration itself.
    Declare,
}

/// Walks up from `node` through parentheses.
pub fn unparen(node: Node) -> Node {
    let mut n = node;
    while let Some(p) = n.parent() {
        if p.kind() == "parenthesized_expression" {
            n = p;
        } else {
            break;
        }
    }
    n
}

/// How the identifier `u` uses the variable it names.
pub fn classify(u: Node, src: &str) -> UseKind {
    if let Some(p) = u.parent()
        && matches!(
            p.kind(),
            "var_spec"
                | "const_spec"
                | "type_spec"
                | "parameter_declaration"
                | "variadic_parameter_declaration"
        )
        && crate::syntax::field_children(p, "name").contains(&u)
    {
        return UseKind::Declare;
    }
    let outer = unparen(u);
    let Some(parent) = outer.parent() else {
        return UseKind::Read;
    };
    match parent.kind() {
        "inc_statement" | "dec_statement" => UseKind::Write,
        "unary_expression"
            if parent
                .child_by_field_name("operator")
                .is_some_and(|o| text(o, src) == "&") =>
        {
            UseKind::AddressOf
        }
        "expression_list" => {
            let Some(stmt) = parent.parent() else {
                return UseKind::Read;
            };
            if stmt.child_by_field_name("left") != Some(parent) {
                return UseKind::Read;
            }
            match stmt.kind() {
                "assignment_statement" => UseKind::Write,
                "range_clause" | "receive_statement" => {
                    if declares_with_define(stmt) {
                        UseKind::Declare
                    } else {
                        UseKind::Write
                    }
                }
                "short_var_declaration" if u == outer => match local_decl(u, text(u, src), src) {
                    Some(d) if d != u && !declares_new(u, d) => UseKind::Redeclare,
                    _ => UseKind::Declare,
                },
                _ => UseKind::Read,
            }
        }
        _ => UseKind::Read,
    }
}

/// True for [`UseKind::Write`] and [`UseKind::Redeclare`]: the variable gets a new value.
pub fn is_assigned(u: Node, src: &str) -> bool {
    matches!(classify(u, src), UseKind::Write | UseKind::Redeclare)
}

/// True when `u` lies in a function literal nested in the function declaring `decl`.
pub fn is_captured(u: Node, decl: Node) -> bool {
    enclosing_function(u) != enclosing_function(decl)
}

/// True when the identifier `node` refers to the declaration `decl` (same name, and `decl`
/// is what is visible at `node`).
pub fn refers_to(node: Node, decl: Node, src: &str) -> bool {
    node.kind() == "identifier"
        && text(node, src) == text(decl, src)
        && (node == decl || local_decl(node, text(node, src), src) == Some(decl))
}

/// Every use of the local `decl` inside `within` (the declaring identifier excluded, and
/// declarations that shadow it excluded).
pub fn uses_of<'t>(decl: Node<'t>, within: Node<'t>, src: &str) -> Vec<Node<'t>> {
    let name = text(decl, src);
    crate::syntax::leaves_named(within, src, name, &["identifier"])
        .into_iter()
        .filter(|n| *n != decl)
        .filter(|n| !is_literal_key(*n))
        .filter(|n| !declares_new(*n, decl))
        .filter(|n| local_decl(*n, name, src) == Some(decl))
        .collect()
}

/// The declarations inside `within` of a new variable named like `decl` while `decl` is
/// visible: shadows (`x := …` in a nested block, a parameter of a nested literal, …).
pub fn shadows_of<'t>(decl: Node<'t>, within: Node<'t>, src: &str) -> Vec<Node<'t>> {
    let name = text(decl, src);
    crate::syntax::leaves_named(within, src, name, &["identifier"])
        .into_iter()
        .filter(|n| *n != decl)
        .filter(|n| classify(*n, src) == UseKind::Declare)
        .filter(|n| refers_to(*n, decl, src) || local_decl(*n, name, src) == Some(decl))
        .collect()
}

/// The uses of the local `decl` within `scope`, and how it is written to.
#[derive(Default, Debug)]
pub struct Usage<'t> {
    pub uses: Vec<Node<'t>>,
    /// Assigned (`=`, op-assign, `++`), or the target of a `range ... =` or `x = <-ch`.
    /// A `:=` redeclaration is counted in `redeclared`, not here.
    pub reassigned: bool,
    /// Redeclared by a `:=` in its own block.
    pub redeclared: bool,
    /// `&x` somewhere.
    pub address_taken: bool,
    /// Used inside a function literal nested in the declaring function.
    pub captured: bool,
}

/// Every use of the local `decl` within `scope`, classified.
pub fn usage<'t>(decl: Node<'t>, scope: Node<'t>, src: &str) -> Usage<'t> {
    let mut u = Usage {
        uses: uses_of(decl, scope, src),
        ..Usage::default()
    };
    for &n in &u.uses {
        match classify(n, src) {
            UseKind::Write => u.reassigned = true,
            UseKind::Redeclare => u.redeclared = true,
            UseKind::AddressOf => u.address_taken = true,
            UseKind::Read | UseKind::Declare => {}
        }
        if is_captured(n, decl) {
            u.captured = true;
        }
    }
    u
}

/// True when a use of `decl` within `scope` that starts at or after `from` reads it.
pub fn read_after(decl: Node, scope: Node, from: usize, src: &str) -> bool {
    read_between(decl, scope, from, usize::MAX, src)
}

/// True when a use of `decl` within `scope` lying in `from..to` (byte offsets) reads it
/// (any use other than a plain write or redeclaration; `&x` counts as a read).
pub fn read_between(decl: Node, scope: Node, from: usize, to: usize, src: &str) -> bool {
    uses_of(decl, scope, src).into_iter().any(|u| {
        u.start_byte() >= from
            && u.end_byte() <= to
            && (!matches!(classify(u, src), UseKind::Write | UseKind::Redeclare)
                || is_op_assign_or_incdec(u, src))
    })
}

/// True for `x op= v` and `x++`/`x--`, which read x as they write it.
fn is_op_assign_or_incdec(u: Node, src: &str) -> bool {
    let outer = unparen(u);
    outer.parent().is_some_and(|p| match p.kind() {
        "inc_statement" | "dec_statement" => true,
        "expression_list" => p.parent().is_some_and(|s| {
            s.kind() == "assignment_statement"
                && s.child_by_field_name("left") == Some(p)
                && s.child_by_field_name("operator")
                    .is_some_and(|o| text(o, src) != "=")
        }),
        _ => false,
    })
}

fn block_of<'t>(x: Node<'t>) -> Option<Node<'t>> {
    ancestors(x).skip(1).find(|a| a.kind() == "statement_list")
}

/// True when the identifier `n` declares a new variable (shadowing `decl`) rather than
/// using it: a name in a `var`/`const`/`type` spec, a parameter, a `:=` range or receive
/// target, or a `:=` target in a block other than the one declaring `decl` (in the same
/// block, `:=` reuses the existing variable).
fn declares_new(n: Node, decl: Node) -> bool {
    let Some(parent) = n.parent() else {
        return false;
    };
    match parent.kind() {
        "var_spec"
        | "const_spec"
        | "type_spec"
        | "parameter_declaration"
        | "variadic_parameter_declaration" => {
            parent.child_by_field_name("name").is_some()
                && crate::syntax::field_children(parent, "name").contains(&n)
        }
        "expression_list" => {
            let Some(stmt) = parent.parent() else {
                return false;
            };
            if stmt.child_by_field_name("left") != Some(parent) {
                return false;
            }
            match stmt.kind() {
                "range_clause" | "receive_statement" => declares_with_define(stmt),
                "short_var_declaration" => {
                    // Same block as `decl` (or `decl` a parameter of the function whose body
                    // holds the statement): `:=` reuses it.
                    let same_block = block_of(stmt).is_some() && block_of(stmt) == block_of(decl);
                    let param_of_body = decl.parent().is_some_and(|p| {
                        p.kind() == "parameter_declaration"
                            || p.kind() == "variadic_parameter_declaration"
                    }) && enclosing_function(decl).is_some_and(|f| {
                        f.child_by_field_name("body").and_then(|b| {
                            crate::syntax::named_children(b)
                                .into_iter()
                                .find(|c| c.kind() == "statement_list")
                        }) == block_of(stmt)
                    });
                    !(same_block || param_of_body)
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// True for an identifier that is a struct-literal key (`T{name: v}`), which is not a use.
pub fn is_literal_key(node: Node) -> bool {
    node.parent().is_some_and(|p| {
        p.kind() == "literal_element"
            && p.parent()
                .is_some_and(|kv| kv.kind() == "keyed_element" && kv.named_child(0) == Some(p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse;

    use crate::syntax::nth_identifier as find;

    #[test]
    fn shadowing_declarations_are_not_uses() {
        let src = "package a\nfunc f() {\n\ts := 1\n\t{\n\t\ts := 2\n\t\t_ = s\n\t}\n\ts, t := 3, 4\n\t_, _ = s, t\n}\n";
        let tree = parse(src);
        let root = tree.root_node();
        let decl = find(root, src, "s", 0);
        let uses = uses_of(decl, root, src);
        // the inner `s := 2` and its use are another variable; `s, t :=` in the same block
        // reuses s, and the last line uses it.
        let rows: Vec<usize> = uses.iter().map(|n| n.start_position().row).collect();
        assert_eq!(rows, vec![7, 8], "{rows:?}");
        let shadows = shadows_of(decl, root, src);
        assert_eq!(shadows.len(), 1);
        assert_eq!(shadows[0].start_position().row, 4);
        assert_eq!(classify(uses[0], src), UseKind::Redeclare);
        assert_eq!(classify(uses[1], src), UseKind::Read);
        assert!(refers_to(uses[0], decl, src));
        assert!(!refers_to(find(root, src, "s", 2), decl, src));
    }

    #[test]
    fn every_kind_of_use() {
        let src = "package a\nfunc f(ch chan int, xs []int) {\n\tx := 0\n\tx = 1\n\tx += 2\n\tx++\n\tp := &x\n\tfor x = range xs {\n\t}\n\tselect {\n\tcase x = <-ch:\n\t}\n\tfor x := range xs {\n\t\t_ = x\n\t}\n\t_ = (x)\n\tfunc() { _ = x }()\n\t_ = p\n}\n";
        let tree = parse(src);
        let root = tree.root_node();
        let decl = find(root, src, "x", 0);
        let kinds: Vec<(usize, UseKind)> = uses_of(decl, root, src)
            .into_iter()
            .map(|u| (u.start_position().row, classify(u, src)))
            .collect();
        use UseKind::*;
        assert_eq!(
            kinds,
            vec![
                (3, Write),
                (4, Write),
                (5, Write),
                (6, AddressOf),
                (7, Write),
                (10, Write),
                (15, Read),
                (16, Read),
            ]
        );
        assert_eq!(classify(decl, src), Declare);
        assert_eq!(classify(find(root, src, "x", 7), src), Declare);
        let u = usage(decl, root, src);
        assert!(u.reassigned && u.address_taken && u.captured && !u.redeclared);
    }

    #[test]
    fn reads_after_and_between_points() {
        let src =
            "package a\nfunc f() int {\n\tn := 0\n\tn = 1\n\tn += 2\n\tn = 3\n\treturn n\n}\n";
        let tree = parse(src);
        let root = tree.root_node();
        let decl = find(root, src, "n", 0);
        let line = |row: usize| src.match_indices('\n').nth(row - 1).unwrap().0 + 1;
        // `n += 2` reads n; `n = 1` and `n = 3` only write it.
        assert!(!read_between(decl, root, line(3), line(4), src));
        assert!(read_between(decl, root, line(4), line(5), src));
        assert!(!read_between(decl, root, line(5), line(6), src));
        assert!(read_after(decl, root, line(5), src));
        assert!(!read_after(decl, root, line(7), src));
    }

    #[test]
    fn parameters_and_composite_keys() {
        let src = "package a\ntype T struct{ v int }\nfunc f(v int) T {\n\tv, w := 1, 2\n\t_ = w\n\treturn T{v: v}\n}\n";
        let tree = parse(src);
        let root = tree.root_node();
        let decl = find(root, src, "v", 0);
        let uses = uses_of(decl, root, src);
        let rows: Vec<(usize, UseKind)> = uses
            .iter()
            .map(|u| (u.start_position().row, classify(*u, src)))
            .collect();
        // `v, w :=` in the body's top block reuses the parameter; the key `v:` is a field.
        assert_eq!(rows, vec![(3, UseKind::Redeclare), (5, UseKind::Read)]);
    }
}
