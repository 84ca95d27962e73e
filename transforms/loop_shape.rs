//! Shapes of loops and statements, read from the syntax alone: the loop enclosing a node
//! within its own function, whether a statement sits directly in a loop body, gotos, labels.

use tree_sitter::Node;

use crate::syntax::{ancestors, descendants, enclosing_function, is_function, named_children};

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
    for_body(for_stmt)
        .map(crate::syntax::statements)
        .unwrap_or_default()
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
