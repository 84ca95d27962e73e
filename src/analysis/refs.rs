//! Package-wide references: what the package declares about a type (its methods), read
//! from every file of the package that is built with it.

use tree_sitter::Node;

use crate::fixkit::edit::FileId;
use crate::package::Package;
use crate::syntax::{named_children, text};

/// A method declared in the package.
#[derive(Clone, Copy, Debug)]
pub struct Method<'p> {
    pub file: FileId,
    pub decl: Node<'p>,
    /// `func (t *T) M()`.
    pub pointer_receiver: bool,
}

/// The name of the type a method's receiver names (`T` for `(t T)`, `(*T)`, `(t *T[K])`).
pub fn receiver_type_name<'s>(method: Node, src: &'s str) -> Option<(&'s str, bool)> {
    let list = method.child_by_field_name("receiver")?;
    let param = named_children(list)
        .into_iter()
        .find(|n| n.kind() == "parameter_declaration")?;
    let mut ty = param.child_by_field_name("type")?;
    let mut pointer = false;
    loop {
        match ty.kind() {
            "pointer_type" => {
                pointer = true;
                ty = named_children(ty).into_iter().next()?;
            }
            "parenthesized_type" => ty = named_children(ty).into_iter().next()?,
            "generic_type" => ty = ty.child_by_field_name("type")?,
            "type_identifier" => return Some((text(ty, src), pointer)),
            _ => return None,
        }
    }
}

/// The methods named `name` of the package-level type `type_name`, in the files that see
/// the package's declarations (a file excluded by its build constraints still counts: a
/// method declared only for one platform is still the type's method there).
pub fn methods_named<'p>(pkg: &'p Package, type_name: &str, name: &str) -> Vec<Method<'p>> {
    let mut out = Vec::new();
    for (file, f) in pkg.files.iter().enumerate() {
        let src = &f.src.text;
        if !src.contains(name) {
            continue;
        }
        let root = f.src.root();
        let mut cursor = root.walk();
        for decl in root.named_children(&mut cursor) {
            if decl.kind() != "method_declaration"
                || decl
                    .child_by_field_name("name")
                    .is_none_or(|n| text(n, src) != name)
            {
                continue;
            }
            if let Some((ty, pointer_receiver)) = receiver_type_name(decl, src)
                && ty == type_name
            {
                out.push(Method {
                    file,
                    decl,
                    pointer_receiver,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_methods_by_receiver_type() {
        let pkg = Package::from_source(
            "package p\ntype T struct{}\ntype G[K any] struct{}\nfunc (t *T) Close() error { return nil }\nfunc (T) Name() string { return \"\" }\nfunc (g *G[K]) Close() {}\nfunc Close() {}\n",
            None,
        );
        let close = methods_named(&pkg, "T", "Close");
        assert_eq!(close.len(), 1);
        assert!(close[0].pointer_receiver);
        let name = methods_named(&pkg, "T", "Name");
        assert_eq!(name.len(), 1);
        assert!(!name[0].pointer_receiver);
        assert_eq!(methods_named(&pkg, "G", "Close").len(), 1);
        assert!(methods_named(&pkg, "T", "Stop").is_empty());
        assert!(methods_named(&pkg, "U", "Close").is_empty());
    }
}
