//! What gofmt does with the layout of code a transform writes, emulated from the syntax
//! tree: how deep go/printer considers an expression (which decides whether it spaces
//! `a + b`), and where a changed line would disturb the alignment gofmt keeps between
//! lines (trailing comments).

use tree_sitter::Node;

use crate::syntax::{line_start, named_children, text};

/// The precedence of a binary operator, as go/printer counts it.
pub fn binary_precedence(op: &str) -> usize {
    match op {
        "*" | "/" | "%" | "<<" | ">>" | "&" | "&^" => 5,
        "+" | "-" | "|" | "^" => 4,
        "==" | "!=" | "<" | "<=" | ">" | ">=" => 3,
        "&&" => 2,
        _ => 1,
    }
}

pub fn binary_operator<'s>(binary: Node, src: &'s str) -> &'s str {
    binary
        .child_by_field_name("operator")
        .map_or("", |o| text(o, src))
}

/// The depth at which go/printer prints the expression `node` (1: "normal" mode, where a
/// `+` chain is spaced; more: "compact" mode, where it is not). Follows go/printer's
/// `expr1`, `binaryExpr` and statement printing.
pub fn gofmt_depth(node: Node, src: &str) -> usize {
    let Some(parent) = node.parent() else {
        return 1;
    };
    let is_field = |field: &str| parent.child_by_field_name(field) == Some(node);
    match parent.kind() {
        "parenthesized_expression" => {
            let d = gofmt_depth(parent, src);
            if node.kind() == "parenthesized_expression" {
                d
            } else {
                d.saturating_sub(1).max(1)
            }
        }
        "binary_expression" => {
            let d = gofmt_depth(parent, src);
            let prec = binary_precedence(binary_operator(parent, src));
            let same_prec = node.kind() == "binary_expression"
                && binary_precedence(binary_operator(node, src)) == prec;
            if is_field("left") && same_prec {
                d
            } else {
                d + 1
            }
        }
        "argument_list" => match parent.parent() {
            Some(call) if call.kind() == "call_expression" => {
                gofmt_depth(call, src) + usize::from(named_children(parent).len() > 1)
            }
            _ => 1,
        },
        "index_expression" | "slice_expression" => {
            if is_field("operand") {
                1
            } else {
                gofmt_depth(parent, src) + 1
            }
        }
        "unary_expression"
        | "selector_expression"
        | "type_assertion_expression"
        | "call_expression"
        | "type_conversion_expression" => gofmt_depth(parent, src),
        "expression_list" => match parent.parent() {
            Some(stmt)
                if matches!(
                    stmt.kind(),
                    "assignment_statement" | "short_var_declaration"
                ) =>
            {
                let count = |field: &str| {
                    stmt.child_by_field_name(field)
                        .map_or(0, |l| named_children(l).len())
                };
                if count("left") > 1 && count("right") > 1 {
                    2
                } else {
                    1
                }
            }
            _ => 1,
        },
        "inc_statement" | "dec_statement" => 2,
        _ => 1,
    }
}

/// True when `node` ends on a line with a trailing comment that gofmt aligns with a
/// trailing comment on the line above its first line or below its last line: changing the
/// length of that line (or joining the node's lines) would make gofmt re-align the
/// comments, so an edit of `node` would not be gofmt-clean. `comments` are the file's
/// comment nodes.
pub fn in_aligned_comment_block(node: Node, comments: &[Node], src: &str) -> bool {
    let trailing_rows: Vec<usize> = comments
        .iter()
        .filter(|c| {
            !src[line_start(src, c.start_byte())..c.start_byte()]
                .trim()
                .is_empty()
        })
        .map(|c| c.start_position().row)
        .collect();
    let first = node.start_position().row;
    let last = node.end_position().row;
    trailing_rows.contains(&last)
        && (first
            .checked_sub(1)
            .is_some_and(|r| trailing_rows.contains(&r))
            || trailing_rows.contains(&(last + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse;
    use crate::syntax::descendants;

    fn first_call_depth_and_alignment(src: &str) -> (usize, bool) {
        let tree = parse(src);
        let nodes = descendants(tree.root_node());
        let call = nodes
            .iter()
            .find(|n| {
                n.kind() == "call_expression"
                    && n.child_by_field_name("function")
                        .is_some_and(|f| text(f, src) == "target")
            })
            .copied()
            .unwrap();
        let comments: Vec<Node> = nodes
            .iter()
            .filter(|n| n.kind() == "comment")
            .copied()
            .collect();
        (
            gofmt_depth(call, src),
            in_aligned_comment_block(call, &comments, src),
        )
    }

    #[test]
    fn depths_follow_go_printer() {
        let cases = [
            ("x := target()", 1),
            ("x, y := target(), 1", 2),
            ("f(target())", 1),
            ("f(1, target())", 2),
            ("f(g(1, h(target())))", 2),
            ("m[target()] = 1", 2),
            ("x := (target())", 1),
            ("f(1, (target()))", 1),
            ("_ = a + target()", 2),
            ("_ = target() + a", 2),
            ("_ = target()[1:]", 1),
        ];
        for (stmt, want) in cases {
            let src = format!("package a\n\nfunc f() {{\n\t{stmt}\n}}\n");
            assert_eq!(first_call_depth_and_alignment(&src).0, want, "{stmt}");
        }
    }

    #[test]
    fn aligned_trailing_comments() {
        let aligned = "package a\n\nfunc f() {\n\tx := target() // a\n\ty := 1        // b\n}\n";
        assert!(first_call_depth_and_alignment(aligned).1);
        let alone = "package a\n\nfunc f() {\n\tx := target() // a\n\ty := 1\n}\n";
        assert!(!first_call_depth_and_alignment(alone).1);
        let above = "package a\n\nfunc f() {\n\t// own line\n\tx := target() // a\n}\n";
        assert!(!first_call_depth_and_alignment(above).1);
    }
}
