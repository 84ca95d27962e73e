//! Control flow, as far as the syntax tells it: whether a function can return.

use tree_sitter::Node;

use crate::syntax::{is_function, named_children, statements, text};

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
    let (loop_stmt, label) = match last.kind() {
        "labeled_statement" => {
            let label = last.child_by_field_name("label").map(|l| text(l, src));
            match named_children(last).into_iter().nth(1) {
                Some(inner) => (inner, label),
                None => return false,
            }
        }
        _ => (last, None),
    };
    loop_stmt.kind() == "for_statement"
        && is_endless(loop_stmt, &endless)
        && !breaks_out(loop_stmt, label, src)
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

/// True when a `break` inside `loop_stmt` leaves it: an unlabeled break not inside a nested
/// for, switch or select, or a break naming `label`.
fn breaks_out(loop_stmt: Node, label: Option<&str>, src: &str) -> bool {
    let Some(body) = loop_stmt.child_by_field_name("body") else {
        return false;
    };
    contains(body, &|n| {
        if n.kind() != "break_statement" {
            return false;
        }
        match named_children(n)
            .into_iter()
            .find(|c| c.kind() == "label_name")
        {
            Some(l) => Some(text(l, src)) == label,
            None => {
                let mut cur = n.parent();
                while let Some(p) = cur {
                    if p == body {
                        return true;
                    }
                    if matches!(
                        p.kind(),
                        "for_statement"
                            | "expression_switch_statement"
                            | "type_switch_statement"
                            | "select_statement"
                    ) {
                        return false;
                    }
                    cur = p.parent();
                }
                false
            }
        }
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
mod tests {
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
