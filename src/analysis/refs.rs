//! Package-wide references: what the package declares about a type (its methods), read
//! from every file of the package that is built with it, and every use of a package-level
//! name (in the files read, and whether a test file this run did not read names it).

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

/// Every identifier of the package's files (all of them, editable or not) that refers to
/// the package-level `name`, other than the identifiers declaring it at top level: shadowed
/// locals, fields and method names spelled alike are not uses.
pub fn package_name_uses<'p>(pkg: &'p Package, name: &str) -> Vec<(FileId, Node<'p>)> {
    let mut out = Vec::new();
    for (file, f) in pkg.files.iter().enumerate() {
        let src = &f.src.text;
        if !src.contains(name) {
            continue;
        }
        let declaring: Vec<Node> = crate::analysis::decls::package_specs(
            pkg,
            name,
            &["var_declaration", "const_declaration", "type_declaration"],
        )
        .into_iter()
        .filter(|s| s.file == file)
        .map(|s| s.name)
        .collect();
        for ident in crate::syntax::descendants_of_kind(f.src.root(), "identifier") {
            if text(ident, src) == name
                && !declaring.contains(&ident)
                && crate::analysis::uses::classify(ident, src)
                    != crate::analysis::uses::UseKind::Declare
                && matches!(
                    crate::analysis::resolve::resolve(pkg, file, ident),
                    crate::analysis::resolve::Resolved::Package
                )
            {
                out.push((file, ident));
            }
        }
    }
    out
}

/// The name of a `_test.go` file of the package's folder that this run did not read (tests
/// are read only with `--include-tests`) and that spells `name` as a word: a use of a
/// package-level name there is invisible to every other query of this module.
pub fn named_in_unread_test_file(pkg: &Package, name: &str) -> Option<String> {
    let read: std::collections::HashSet<&std::path::Path> =
        pkg.files.iter().map(|f| f.src.path.as_path()).collect();
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    crate::walk::package_files(&pkg.dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with("_test.go") && !read.contains(p.as_path()))
        .find(|p| {
            std::fs::read_to_string(p).is_ok_and(|t| {
                t.match_indices(name).any(|(i, _)| {
                    !is_word(t[..i].chars().next_back())
                        && !is_word(t[i + name.len()..].chars().next())
                })
            })
        })
        .map(|p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().to_string(),
            )
        })
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

    #[test]
    fn package_name_uses_skip_shadows_fields_and_the_declaration() {
        let pkg = Package::from_source(
            "package p\nvar pool = 1\ntype S struct{ pool int }\nfunc f(s S) int { return pool + s.pool }\nfunc g() int { pool := 2; return pool }\n",
            None,
        );
        let uses = package_name_uses(&pkg, "pool");
        assert_eq!(uses.len(), 1);
        assert_eq!(uses[0].1.start_position().row, 3);
    }

    #[test]
    fn finds_a_name_in_a_test_file_not_read() {
        let dir = std::env::temp_dir().join(format!("allocfix-refs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.go"), "package p\nvar pool = 1\n").unwrap();
        std::fs::write(
            dir.join("a_test.go"),
            "package p\nvar _ = pool\nvar _ = poolSize\n",
        )
        .unwrap();
        std::fs::write(dir.join("b_test.go"), "package p\nvar _ = bigpool\n").unwrap();
        let file = crate::package::GoFile::new(crate::source::SourceFile::new(
            dir.join("a.go"),
            "package p\nvar pool = 1\n",
        ));
        let pkg = Package::new(dir.clone(), "p".into(), vec![file], None);
        assert_eq!(
            named_in_unread_test_file(&pkg, "pool").as_deref(),
            Some("a_test.go")
        );
        assert_eq!(
            named_in_unread_test_file(&pkg, "bigpool").as_deref(),
            Some("b_test.go")
        );
        assert_eq!(named_in_unread_test_file(&pkg, "ool"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
