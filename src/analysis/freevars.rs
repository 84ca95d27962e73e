//! The free variables of a piece of code: the locals declared outside it (in an enclosing
//! function) that identifiers inside it refer to. What a closure captures, or what a block
//! moved into a new function would need as parameters.

use tree_sitter::Node;

use crate::analysis::resolve::local_decl;
use crate::analysis::uses::{UseKind, classify};
use crate::syntax::{descendants, text};

/// A local declared outside the code and used inside it.
#[derive(Clone, Debug)]
pub struct FreeVar<'t> {
    /// The identifier declaring it.
    pub decl: Node<'t>,
    /// Its uses inside the code, in document order.
    pub uses: Vec<Node<'t>>,
}

/// Every local declared outside `code` that an identifier inside `code` refers to, in order
/// of first use. Declaring identifiers (a shadow inside `code`), keys of keyed literal
/// elements and `_` are not uses; package-level names, imports and predeclared names are
/// not locals. Local constants and types count (a caller that only cares about variables
/// looks at [`FreeVar::decl`]'s parent).
pub fn free_locals<'t>(code: Node<'t>, src: &str) -> Vec<FreeVar<'t>> {
    let mut out: Vec<FreeVar> = Vec::new();
    for n in descendants(code) {
        if n.kind() != "identifier" || crate::analysis::uses::is_literal_key(n) {
            continue;
        }
        let name = text(n, src);
        if name == "_" || classify(n, src) == UseKind::Declare {
            continue;
        }
        let Some(decl) = local_decl(n, name, src) else {
            continue;
        };
        if code.start_byte() <= decl.start_byte() && decl.end_byte() <= code.end_byte() {
            continue;
        }
        match out.iter_mut().find(|f| f.decl == decl) {
            Some(f) => f.uses.push(n),
            None => out.push(FreeVar {
                decl,
                uses: vec![n],
            }),
        }
    }
    out
}

/// True for a variable (not a constant or a type) declared by `decl`.
pub fn is_variable(decl: Node) -> bool {
    !decl
        .parent()
        .is_some_and(|p| matches!(p.kind(), "const_spec" | "type_spec" | "type_alias"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse;
    use crate::syntax::descendants_of_kind;

    #[test]
    fn a_closure_captures_what_it_uses_from_outside() {
        let src = "package p\nfunc f(xs []int) {\n\tconst k = 2\n\ttotal := 0\n\tfor i, x := range xs {\n\t\tgo func() {\n\t\t\ty := x * k\n\t\t\t_ = struct{ total int }{total: y}\n\t\t\tfor x := range 3 {\n\t\t\t\t_ = x\n\t\t\t}\n\t\t\tprintln(i, y, total, xs)\n\t\t}()\n\t}\n}\n";
        let tree = parse(src);
        let lit = descendants_of_kind(tree.root_node(), "func_literal")[0];
        let free = free_locals(lit, src);
        let names: Vec<&str> = free.iter().map(|f| text(f.decl, src)).collect();
        assert_eq!(names, ["x", "k", "i", "total", "xs"]);
        assert_eq!(free[0].uses.len(), 1, "the inner x is a shadow");
        assert!(!is_variable(free[1].decl));
        assert!(is_variable(free[0].decl));
    }
}
