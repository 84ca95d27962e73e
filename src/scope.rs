//! Lexical scopes inside function bodies, resolved from the syntax tree alone: which local
//! declaration (if any) an identifier refers to at a given point.

use tree_sitter::Node;

use crate::syntax::{field_children, named_children, text};

/// The identifier nodes a statement declares in its enclosing block.
pub fn declared_by_statement<'t>(stmt: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    match stmt.kind() {
        "short_var_declaration" => {
            if let Some(left) = stmt.child_by_field_name("left") {
                out.extend(
                    named_children(left)
                        .into_iter()
                        .filter(|n| n.kind() == "identifier"),
                );
            }
        }
        "var_declaration" | "const_declaration" | "type_declaration" => {
            // Only the statement's own specs: a declaration inside a function literal of a
            // value (`var f = func() { var n int }`) is local to that literal.
            for spec in crate::syntax::specs(stmt) {
                if matches!(
                    spec.kind(),
                    "var_spec" | "const_spec" | "type_spec" | "type_alias"
                ) {
                    out.extend(field_children(spec, "name"));
                }
            }
        }
        "labeled_statement" => {
            if let Some(inner) = named_children(stmt).into_iter().nth(1) {
                out.extend(declared_by_statement(inner));
            }
        }
        _ => {}
    }
    out
}

/// True when a `range_clause` or `receive_statement` declares its left side with `:=`.
pub fn declares_with_define(node: Node) -> bool {
    let mut cursor = node.walk();
    node.children(&mut cursor).any(|c| c.kind() == ":=")
}

/// Identifiers declared by the parameters, results, receiver and type parameters of a
/// function declaration, method or literal.
pub fn function_params<'t>(func: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    for field in ["receiver", "type_parameters", "parameters", "result"] {
        for list in field_children(func, field) {
            if list.kind() != "parameter_list" && list.kind() != "type_parameter_list" {
                continue;
            }
            for decl in named_children(list) {
                out.extend(field_children(decl, "name"));
            }
        }
    }
    out
}

/// Declarations a scope-opening ancestor makes visible to `child` (one of its children).
fn declared_for_child<'t>(ancestor: Node<'t>, child: Node<'t>, at: usize) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    match ancestor.kind() {
        "statement_list" => {
            for stmt in named_children(ancestor) {
                if stmt.end_byte() <= at {
                    out.extend(declared_by_statement(stmt));
                }
            }
        }
        "if_statement" | "expression_switch_statement" | "type_switch_statement" => {
            if let Some(init) = ancestor.child_by_field_name("initializer")
                && init != child
            {
                out.extend(declared_by_statement(init));
            }
            if ancestor.kind() == "type_switch_statement"
                && matches!(child.kind(), "type_case" | "default_case")
                && let Some(alias) = ancestor.child_by_field_name("alias")
            {
                out.extend(named_children(alias));
            }
        }
        "for_statement" => {
            for clause in named_children(ancestor) {
                match clause.kind() {
                    "for_clause" => {
                        if let Some(init) = clause.child_by_field_name("initializer")
                            && !(init.start_byte() <= at && at < init.end_byte())
                        {
                            out.extend(declared_by_statement(init));
                        }
                    }
                    "range_clause" if child.kind() == "block" => {
                        if declares_with_define(clause)
                            && let Some(left) = clause.child_by_field_name("left")
                        {
                            out.extend(named_children(left));
                        }
                    }
                    _ => {}
                }
            }
        }
        "communication_case" => {
            if let Some(comm) = ancestor.child_by_field_name("communication")
                && comm != child
                && comm.kind() == "receive_statement"
                && declares_with_define(comm)
                && let Some(left) = comm.child_by_field_name("left")
            {
                out.extend(named_children(left));
            }
        }
        "function_declaration" | "method_declaration" | "func_literal" => {
            out.extend(function_params(ancestor));
        }
        _ => {}
    }
    out
}

/// The local declaration of `name` visible at `at` (an identifier use or any node inside a
/// function), or None when `name` refers to something at package or file level (or is
/// undeclared).
pub fn local_decl<'t>(at: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let pos = at.start_byte();
    let named = |nodes: Vec<Node<'t>>| nodes.into_iter().rfind(|n| text(*n, src) == name);
    let mut child = at;
    let mut cur = at.parent();
    while let Some(ancestor) = cur {
        let found = match ancestor.kind() {
            "source_file" => return None,
            "statement_list" => {
                // Only declaration statements that end before `at` can declare `name`.
                let mut found = None;
                let mut cursor = ancestor.walk();
                for stmt in ancestor.named_children(&mut cursor) {
                    if stmt.end_byte() > pos {
                        break;
                    }
                    if matches!(
                        stmt.kind(),
                        "short_var_declaration"
                            | "var_declaration"
                            | "const_declaration"
                            | "type_declaration"
                            | "labeled_statement"
                    ) && src[stmt.byte_range()].contains(name)
                        && found.is_none()
                    {
                        // The first declaration in a block is the variable; a later `:=` of
                        // the same name in the same block reuses it.
                        found = named(declared_by_statement(stmt));
                    }
                }
                // `:=` in a function's top block reuses a parameter of the same name.
                let top_block_of = ancestor
                    .parent()
                    .filter(|b| b.kind() == "block")
                    .and_then(|b| b.parent())
                    .filter(|f| crate::syntax::is_function(*f));
                match (found, top_block_of) {
                    (Some(n), Some(func))
                        if n.parent().is_some_and(|p| p.kind() == "expression_list") =>
                    {
                        named(function_params(func)).or(Some(n))
                    }
                    _ => found,
                }
            }
            "block"
            | "expression_statement"
            | "return_statement"
            | "call_expression"
            | "argument_list"
            | "binary_expression"
            | "selector_expression"
            | "parenthesized_expression"
            | "expression_list"
            | "assignment_statement"
            | "unary_expression"
            | "index_expression"
            | "composite_literal"
            | "literal_value"
            | "keyed_element"
            | "literal_element" => None,
            _ if mentioned_outside(ancestor, child, name, src) => {
                named(declared_for_child(ancestor, child, pos))
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        child = ancestor;
        cur = ancestor.parent();
    }
    None
}

/// False only when no declaration [`declared_for_child`] can return for `ancestor` and
/// `child` is named `name`: those it returns lie outside `child` (they are in other children
/// of `ancestor`), except under a `for` clause or a parameter list, so `name` must then
/// occur in the text of `ancestor` outside `child`. Saves listing the parameters of every
/// enclosing function (and the other scopes) for each name looked up.
fn mentioned_outside(ancestor: Node, child: Node, name: &str, src: &str) -> bool {
    matches!(
        child.kind(),
        "for_clause" | "parameter_list" | "type_parameter_list"
    ) || src
        .get(ancestor.start_byte()..child.start_byte())
        .is_none_or(|s| s.contains(name))
        || src
            .get(child.end_byte()..ancestor.end_byte())
            .is_none_or(|s| s.contains(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse;
    use crate::syntax::descendants;

    fn find<'t>(root: Node<'t>, src: &str, name: &str, nth: usize) -> Node<'t> {
        descendants(root)
            .into_iter()
            .filter(|n| n.kind() == "identifier" && text(*n, src) == name)
            .nth(nth)
            .unwrap()
    }

    #[test]
    fn params_and_locals_shadow() {
        let src = "package a\nfunc f(errors int) { _ = errors }\nfunc g() { x := 1; { errors := x; _ = errors }; _ = errors }\n";
        let tree = parse(src);
        let root = tree.root_node();
        // use in f refers to the parameter
        let use_f = find(root, src, "errors", 1);
        assert!(local_decl(use_f, "errors", src).is_some());
        // inner use in g refers to the inner local; outer use to nothing local
        let inner_use = find(root, src, "errors", 3);
        assert!(local_decl(inner_use, "errors", src).is_some());
        let outer_use = find(root, src, "errors", 4);
        assert!(local_decl(outer_use, "errors", src).is_none());
    }

    #[test]
    fn declaration_scope_starts_after_statement() {
        let src = "package a\nfunc f() { fmt := fmt.Sprint(1); _ = fmt }\n";
        let tree = parse(src);
        let root = tree.root_node();
        let rhs = find(root, src, "fmt", 1);
        assert!(local_decl(rhs, "fmt", src).is_none());
        let later = find(root, src, "fmt", 2);
        assert!(local_decl(later, "fmt", src).is_some());
    }

    #[test]
    fn range_if_select_and_closure_scopes() {
        let src = "package a\nfunc f(ch chan int, xs []int) {\n\tfor _, v := range xs { _ = v }\n\tif t := 1; t > 0 { _ = t }\n\tselect { case r := <-ch: _ = r }\n\tfunc(q int) { _ = q }(1)\n}\n";
        let tree = parse(src);
        let root = tree.root_node();
        for (name, nth) in [("v", 1), ("t", 2), ("r", 1), ("q", 1)] {
            let n = find(root, src, name, nth);
            assert!(local_decl(n, name, src).is_some(), "{name}");
        }
    }
}
