//! Constants: integer literals and the values of integer constants, and whether an
//! expression is a constant the syntax shows (a literal, or a name declared by `const`).
//!
//! Only what is written counts: an integer literal, or a `const` (local, or package-level
//! under the rule of [`crate::analysis::decls`]) whose value is one, followed through other
//! such constants. Arithmetic, `iota` and typed conversions are not evaluated: `None`.

use tree_sitter::Node;

use crate::fixkit::edit::FileId;
use crate::package::Package;
use crate::syntax::{field_children, named_children, text};

use super::types::{MAX_DEPTH, value_decl};

/// Parses a Go integer literal (`1_000`, `0x1F`, `0o17`, `017`, `0b101`).
pub fn parse_int(lit: &str) -> Option<i128> {
    let s = lit.replace('_', "");
    let lower = s.to_ascii_lowercase();
    if let Some(h) = lower.strip_prefix("0x") {
        i128::from_str_radix(h, 16).ok()
    } else if let Some(b) = lower.strip_prefix("0b") {
        i128::from_str_radix(b, 2).ok()
    } else if let Some(o) = lower.strip_prefix("0o") {
        i128::from_str_radix(o, 8).ok()
    } else if lower.len() > 1 && lower.starts_with('0') {
        i128::from_str_radix(&lower[1..], 8).ok()
    } else {
        lower.parse().ok()
    }
}

/// The value of an integer constant expression: an integer literal, or a constant (local
/// or package-level) whose value is one.
pub fn const_int(pkg: &Package, file: FileId, expr: Node) -> Option<i128> {
    const_int_depth(pkg, file, expr, 0)
}

fn const_int_depth(pkg: &Package, file: FileId, expr: Node, depth: usize) -> Option<i128> {
    if depth > MAX_DEPTH {
        return None;
    }
    let src = &pkg.files[file].src.text;
    match expr.kind() {
        "int_literal" => parse_int(text(expr, src)),
        "parenthesized_expression" => {
            const_int_depth(pkg, file, *named_children(expr).first()?, depth + 1)
        }
        "identifier" => {
            let (f, decl) = value_decl(pkg, file, expr)?;
            let spec = decl.parent()?;
            if spec.kind() != "const_spec" {
                return None;
            }
            let value = spec_value(spec, decl)?;
            const_int_depth(pkg, f, value, depth + 1)
        }
        _ => None,
    }
}

/// True when `expr` is an identifier naming a constant (local or package-level).
pub fn is_const_ident(pkg: &Package, file: FileId, expr: Node) -> bool {
    expr.kind() == "identifier"
        && value_decl(pkg, file, expr)
            .is_some_and(|(_, d)| d.parent().is_some_and(|p| p.kind() == "const_spec"))
}

/// The node kinds of Go's basic literals (`1`, `1.5`, `1i`, `'x'`, `"x"`, `` `x` ``).
pub const BASIC_LITERALS: &[&str] = &[
    "int_literal",
    "float_literal",
    "imaginary_literal",
    "rune_literal",
    "interpreted_string_literal",
    "raw_string_literal",
];

/// True for a leaf node that is a value by itself: a basic literal, `true`, `false`,
/// `nil` or `iota` (no identifiers, nothing evaluated).
pub fn is_leaf_value(kind: &str) -> bool {
    BASIC_LITERALS.contains(&kind) || matches!(kind, "true" | "false" | "nil" | "iota")
}

/// True when `expr` is a constant the syntax shows: a literal, or an identifier declared by
/// a `const` (local or package-level), possibly parenthesised.
pub fn is_constant(pkg: &Package, file: FileId, expr: Node) -> bool {
    match expr.kind() {
        k if BASIC_LITERALS.contains(&k) => true,
        "parenthesized_expression" => named_children(expr)
            .first()
            .is_some_and(|inner| is_constant(pkg, file, *inner)),
        "identifier" => is_const_ident(pkg, file, expr),
        _ => false,
    }
}

/// The value expression bound to `name` in a `var`/`const` spec (one value per name).
pub fn spec_value<'a>(spec: Node<'a>, name: Node<'a>) -> Option<Node<'a>> {
    let names = field_children(spec, "name");
    let idx = names.iter().position(|n| *n == name)?;
    let values = named_children(spec.child_by_field_name("value")?);
    if values.len() != names.len() {
        return None;
    }
    values.get(idx).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::descendants;

    #[test]
    fn integer_literals() {
        assert_eq!(parse_int("1_000"), Some(1000));
        assert_eq!(parse_int("0x1F"), Some(31));
        assert_eq!(parse_int("017"), Some(15));
        assert_eq!(parse_int("0o17"), Some(15));
        assert_eq!(parse_int("0b101"), Some(5));
        assert_eq!(parse_int("0"), Some(0));
        assert_eq!(parse_int("1e3"), None);
    }

    #[test]
    fn constants_followed_through_declarations() {
        let p = Package::from_source(
            "package a\n\nconst top = 0x10\n\nvar v = 3\n\nfunc f() {\n\tconst k = top\n\tuse(k, top, v, (k), \"s\", 2.5)\n}\n",
            None,
        );
        let src = &p.files[0].src.text;
        let call = descendants(p.files[0].src.root())
            .into_iter()
            .rfind(|n| n.kind() == "call_expression")
            .unwrap();
        let args = named_children(call.child_by_field_name("arguments").unwrap());
        let values: Vec<Option<i128>> = args.iter().map(|a| const_int(&p, 0, *a)).collect();
        assert_eq!(values, vec![Some(16), Some(16), None, Some(16), None, None]);
        let consts: Vec<bool> = args.iter().map(|a| is_constant(&p, 0, *a)).collect();
        assert_eq!(consts, vec![true, true, false, true, true, true]);
        assert!(is_const_ident(&p, 0, args[0]) && !is_const_ident(&p, 0, args[2]));
        assert_eq!(text(args[0], src), "k");
    }
}
