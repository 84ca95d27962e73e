//! Where new code goes: before a statement with the comments above it, after a top-level
//! declaration, and a new package-level var above the declaration that uses it.

use tree_sitter::Node;

use crate::fixkit::edit::{Claim, Edit, FileId};
use crate::fixkit::indent::outdent_loosely;
use crate::syntax::{enclosing_top_level, line_end, line_start, start_with_doc};

/// Start of the `//` comment lines directly above `stmt` (each alone on its line, no blank
/// line between), or the start of `stmt`'s own line: where new statements go so that a
/// comment stays with the statement it describes.
pub fn start_with_comments_above(stmt: Node, src: &str) -> usize {
    let Some(root) = crate::syntax::ancestors(stmt).last() else {
        return line_start(src, stmt.start_byte());
    };
    let mut start = line_start(src, stmt.start_byte());
    while start > 0 {
        let prev = line_start(src, start - 1);
        let line = &src[prev..start - 1];
        let trimmed = line.trim_start_matches([' ', '\t']);
        if !trimmed.starts_with("//") {
            break;
        }
        let at = prev + (line.len() - trimmed.len());
        let is_comment = root
            .descendant_for_byte_range(at, at + 2)
            .is_some_and(|n| n.kind() == "comment" && n.start_byte() == at);
        if !is_comment {
            break;
        }
        start = prev;
    }
    start
}

/// Where a statement inserted right before `stmt` goes: the start of its line, or of the
/// comment block right above it. None when `stmt` does not start its line.
pub fn before_statement(stmt: Node, src: &str) -> Option<usize> {
    let start = line_start(src, stmt.start_byte());
    if !src[start..stmt.start_byte()].trim().is_empty() {
        return None;
    }
    Some(start_with_doc(stmt, src))
}

/// Where code goes right after the top-level declaration `decl`: its end, or, when a
/// comment follows it on its last line, the end of that line (before its newline).
pub fn after_declaration(decl: Node, src: &str) -> usize {
    let end = decl.end_byte();
    let le = line_end(src, end);
    if src[end..le].trim().is_empty() {
        end
    } else if src[..le].ends_with('\n') {
        le - 1
    } else {
        le
    }
}

/// Where a new package-level declaration for code at `node` goes: above the enclosing
/// top-level declaration and its doc comment.
pub fn hoist_point(node: Node, src: &str) -> Option<usize> {
    let mut decl = enclosing_top_level(node)?;
    // gofmt aligns the bodies of consecutive one-line functions: go above the whole run
    // rather than split it (which would leave a file gofmt re-aligns).
    while is_one_line_func(decl) {
        let Some(prev) = decl.prev_named_sibling() else {
            break;
        };
        if !is_one_line_func(prev) || prev.end_position().row + 1 != decl.start_position().row {
            break;
        }
        decl = prev;
    }
    Some(top_level_doc_start(decl, src))
}

/// [`start_with_doc`] for a top-level declaration, read from the text: the run of `//`
/// lines right above `decl`. Finding the comment nodes before a top-level declaration walks
/// the file's declarations from the first (tree-sitter has no cheap previous sibling), once
/// per hoisted value: quadratic in a generated file of thousands of functions. The text
/// tells the same whenever `decl` starts its line and no line of the run could end a raw
/// string or a block comment (no backquote, no `*/`) and the line above the run does not
/// end a block comment; otherwise the tree decides.
fn top_level_doc_start(decl: Node, src: &str) -> usize {
    let own = line_start(src, decl.start_byte());
    if own != decl.start_byte() {
        return start_with_doc(decl, src);
    }
    let mut start = own;
    while start > 0 {
        let prev = line_start(src, start - 1);
        let line = &src[prev..start - 1];
        let trimmed = line.trim_start_matches([' ', '\t']);
        if line.contains('`') || line.contains("*/") {
            return start_with_doc(decl, src);
        }
        if !trimmed.starts_with("//") {
            break;
        }
        start = prev;
    }
    debug_assert_eq!(
        start,
        start_with_doc(decl, src),
        "doc start of a top-level decl"
    );
    start
}

/// True for a function or method declaration written on a single line.
pub fn is_one_line_func(decl: Node) -> bool {
    matches!(decl.kind(), "function_declaration" | "method_declaration")
        && decl.start_position().row == decl.end_position().row
}

/// The edit inserting `var name = value` (followed by a blank line) at `at`, a line start at
/// top level in `src`. A multi-line `value` taken from inside a function (indented by
/// `from_indent`) is re-indented for the top level.
///
/// When the line above `at` is not blank (one-line declarations packed together), gofmt
/// wants a blank line between that declaration and the new var: the edit then starts with
/// one, and the returned claim makes sure only one such edit lands at `at` per pass (the
/// next pass finds the blank line there).
pub fn insert_package_var(
    src: &str,
    file: FileId,
    at: usize,
    name: &str,
    value: &str,
    from_indent: &str,
) -> (Edit, Option<Claim>) {
    let value = outdent_loosely(value, from_indent);
    let above = &src[..at];
    let needs_blank = !above.is_empty() && !above.ends_with("\n\n") && above.ends_with('\n');
    if needs_blank {
        let edit = Edit::insert(file, at, format!("\nvar {name} = {value}\n\n"));
        (edit, Some(Claim::BlankLine { file, at }))
    } else {
        (
            Edit::insert(file, at, format!("var {name} = {value}\n\n")),
            None,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use crate::syntax::{descendants_of_kind, named_children};

    fn file(src: &str) -> SourceFile {
        SourceFile::new("a.go".into(), src)
    }

    #[test]
    fn new_statements_go_above_the_comments_of_a_statement() {
        let src = "package a\n\nfunc f() {\n\tx()\n\t// about y\n\t// more\n\ty()\n\n\t// apart\n\n\tz()\n}\n";
        let f = file(src);
        let calls = descendants_of_kind(f.root(), "expression_statement");
        let y = calls[1];
        assert_eq!(
            start_with_comments_above(y, src),
            src.find("\t// about").unwrap()
        );
        let z = calls[2];
        assert_eq!(
            start_with_comments_above(z, src),
            src.find("\tz()").unwrap()
        );
    }

    #[test]
    fn after_a_declaration_and_its_trailing_comment() {
        let src = "package a\n\nfunc f() {} // c\n\nfunc g() {}";
        let f = file(src);
        let decls = named_children(f.root());
        let funcs: Vec<_> = decls
            .iter()
            .filter(|d| d.kind() == "function_declaration")
            .collect();
        assert_eq!(
            after_declaration(*funcs[0], src),
            src.find(" // c").unwrap() + 5
        );
        assert_eq!(after_declaration(*funcs[1], src), src.len());
    }

    #[test]
    fn hoisting_goes_above_a_run_of_one_line_funcs_and_its_doc() {
        let src = "package a\n\nvar v = 1\n\n// F does.\nfunc F() {}\nfunc G() { h() }\n";
        let f = file(src);
        let call = descendants_of_kind(f.root(), "call_expression")[0];
        assert_eq!(hoist_point(call, src), Some(src.find("// F").unwrap()));
        let v = descendants_of_kind(f.root(), "var_declaration")[0];
        assert!(!is_one_line_func(v));
    }

    #[test]
    fn a_package_var_after_packed_declarations_gets_a_blank_line() {
        let src = "package a\nvar x = 1\nfunc f() {}\n";
        let at = src.find("func").unwrap();
        let (edit, claim) = insert_package_var(src, 3, at, "re", "g(\n\t\ta)", "\t");
        assert_eq!(edit, Edit::insert(3, at, "\nvar re = g(\n\ta)\n\n"));
        assert_eq!(claim, Some(Claim::BlankLine { file: 3, at }));
        let src = "package a\n\nfunc f() {}\n";
        let at = src.find("func").unwrap();
        let (edit, claim) = insert_package_var(src, 0, at, "re", "g()", "");
        assert_eq!(edit, Edit::insert(0, at, "var re = g()\n\n"));
        assert_eq!(claim, None);
    }
}
