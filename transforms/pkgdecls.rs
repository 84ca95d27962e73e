//! Package-level declarations looked up by name, shared by every analysis that needs one.
//!
//! Only the specs of the file's top-level `var`, `const` and `type` declarations count
//! (directly or in their parenthesised list). A declaration written inside a function
//! literal of some value (`var f = func() { var n int }`) is local to that literal and never
//! declares a package-level name: descending into declarations to find specs would take
//! it for one.

use tree_sitter::Node;

use crate::edit::FileId;
use crate::package::Package;
use crate::syntax::{field_children, named_children, specs, text};

/// One package-level spec declaring a name.
#[derive(Clone, Copy, Debug)]
pub struct PackageSpec<'a> {
    pub file: FileId,
    /// The `var_spec`, `const_spec`, `type_spec` or `type_alias`.
    pub spec: Node<'a>,
    /// The identifier the spec declares the name with.
    pub name: Node<'a>,
}

/// The declared names of a top-level spec.
fn spec_names(spec: Node) -> Vec<Node> {
    match spec.kind() {
        "type_spec" | "type_alias" => spec.child_by_field_name("name").into_iter().collect(),
        _ => field_children(spec, "name"),
    }
}

/// Every spec of a top-level declaration of one of `decl_kinds` (`var_declaration`,
/// `const_declaration`, `type_declaration`) declaring `name`, in any file of the package.
pub fn package_specs<'a>(
    pkg: &'a Package,
    name: &str,
    decl_kinds: &[&str],
) -> Vec<PackageSpec<'a>> {
    let mut out = Vec::new();
    for file in pkg.index().top_level_files(name) {
        let f = &pkg.files[file];
        let src = &f.src.text;
        for decl in named_children(f.src.root()) {
            if !decl_kinds.contains(&decl.kind()) {
                continue;
            }
            for spec in specs(decl) {
                for n in spec_names(spec) {
                    if text(n, src) == name {
                        out.push(PackageSpec {
                            file,
                            spec,
                            name: n,
                        });
                    }
                }
            }
        }
    }
    out
}

/// The only spec declaring the package-level `name` with a declaration of one of
/// `decl_kinds`: None when another file (built for another system, say) or another kind of
/// declaration (a function) also declares it.
fn single_spec<'a>(pkg: &'a Package, name: &str, decl_kinds: &[&str]) -> Option<PackageSpec<'a>> {
    if pkg.index().top_level_files(name).len() != 1 {
        return None;
    }
    let found = package_specs(pkg, name, decl_kinds);
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The declaring identifier of the package-level `var` or `const` named `name`, when it is
/// declared exactly once (see [`single_spec`]).
pub fn package_value_decl<'a>(pkg: &'a Package, name: &str) -> Option<(FileId, Node<'a>)> {
    single_spec(pkg, name, &["var_declaration", "const_declaration"]).map(|s| (s.file, s.name))
}

/// The `type_spec`/`type_alias` of the package-level type named `name`, when it is declared
/// exactly once (see [`single_spec`]).
pub fn package_type_spec<'a>(pkg: &'a Package, name: &str) -> Option<(FileId, Node<'a>)> {
    single_spec(pkg, name, &["type_declaration"]).map(|s| (s.file, s.spec))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg(src: &str) -> Package {
        Package::from_source(src, None)
    }

    #[test]
    fn declarations_inside_function_literals_are_not_package_level() {
        let p = pkg(
            "package a\n\nvar f = func() int {\n\tvar n int\n\ttype T int\n\treturn n\n}\n\nvar n = []int{1}\n\ntype T struct{}\n",
        );
        let src = &p.files[0].src.text;
        let (_, n) = package_value_decl(&p, "n").expect("package-level n");
        assert_eq!(n.parent().unwrap().kind(), "var_spec");
        assert_eq!(text(n.parent().unwrap(), src), "n = []int{1}");
        let (_, t) = package_type_spec(&p, "T").expect("package-level T");
        assert_eq!(text(t, src), "T struct{}");
    }

    #[test]
    fn grouped_specs_and_ambiguous_names() {
        let p = pkg(
            "package a\n\nvar (\n\ta, b = 1, 2\n)\n\nconst c = 3\n\ntype (\n\tT int\n\tU = T\n)\n\nfunc g() {}\n\nvar x = func() { var g int; _ = g }\n",
        );
        let src = &p.files[0].src.text;
        assert_eq!(text(package_value_decl(&p, "b").unwrap().1, src), "b");
        assert_eq!(text(package_value_decl(&p, "c").unwrap().1, src), "c");
        assert_eq!(text(package_type_spec(&p, "U").unwrap().1, src), "U = T");
        // Only a local of a function literal is called `g` as a variable.
        assert!(package_value_decl(&p, "g").is_none());
        assert!(package_type_spec(&p, "a").is_none());
        assert!(package_value_decl(&p, "missing").is_none());
    }
}
