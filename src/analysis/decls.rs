//! Package-level declarations looked up by name, shared by every analysis that needs one.
//!
//! The one rule for trusting a package-level declaration ([`declaring_file`]): the name is
//! declared in exactly one file of the package, and that file is always built (no build
//! constraint, no `_GOOS`/`_GOARCH` suffix). Two files built for different systems may
//! declare the same name with different types, and a declaration in a file that only some
//! builds see may mean something else (or nothing) in the others.
//!
//! Only the specs of the file's top-level `var`, `const` and `type` declarations count
//! (directly or in their parenthesised list). A declaration written inside a function
//! literal of some value (`var f = func() { var n int }`) is local to that literal and never
//! declares a package-level name: descending into declarations to find specs would take
//! it for one.

use tree_sitter::Node;

use crate::fixkit::edit::FileId;
use crate::package::Package;
use crate::syntax::{field_children, named_children, specs, text};

/// One package-level spec declaring a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    // Each declaring identifier is looked up where the package index saw it, instead of
    // going through every declaration of the file again.
    let found = pkg
        .index()
        .top_level_sites(name)
        .into_iter()
        .filter_map(|(file, at)| {
            let n = pkg.files[file]
                .src
                .root()
                .descendant_for_byte_range(at, at + name.len())?;
            let spec = n.parent()?;
            let decl = spec
                .parent()
                .filter(|p| !p.kind().ends_with("_spec_list"))
                .or_else(|| spec.parent()?.parent())?;
            (decl_kinds.contains(&decl.kind())
                && (spec.kind().ends_with("_spec") || spec.kind() == "type_alias"))
                .then_some(PackageSpec {
                    file,
                    spec,
                    name: n,
                })
        })
        .collect();
    debug_assert_eq!(
        found,
        scan_package_specs(pkg, name, decl_kinds),
        "package_specs({name})"
    );
    found
}

/// [`package_specs`] by going through every top-level declaration of the declaring files
/// (what debug builds compare it with).
fn scan_package_specs<'a>(
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

/// Every spec of the top-level declarations of one of `decl_kinds` in the package's files
/// that `which` admits (a file left out is not parsed for this), in file order, with each
/// name it declares.
pub fn every_spec<'a>(
    pkg: &'a Package,
    decl_kinds: &[&str],
    which: impl Fn(FileId, &crate::package::GoFile) -> bool,
) -> Vec<PackageSpec<'a>> {
    let mut out = Vec::new();
    for (file, f) in pkg.files.iter().enumerate().filter(|(i, f)| which(*i, f)) {
        for decl in named_children(f.src.root()) {
            if !decl_kinds.contains(&decl.kind()) {
                continue;
            }
            for spec in specs(decl) {
                for name in spec_names(spec) {
                    out.push(PackageSpec { file, spec, name });
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
    declaring_file(pkg, name)?;
    let found = package_specs(pkg, name, decl_kinds);
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The only file declaring the package-level `name`, when there is exactly one and it is
/// always built.
pub fn declaring_file(pkg: &Package, name: &str) -> Option<FileId> {
    match pkg.index().top_level_files(name).as_slice() {
        [one] if pkg.files[*one].always_built() => Some(*one),
        _ => None,
    }
}

/// The `function_declaration` of the package-level function `name` (see [`declaring_file`]).
pub fn package_func_decl<'a>(pkg: &'a Package, name: &str) -> Option<(FileId, Node<'a>)> {
    let file = declaring_file(pkg, name)?;
    let root = pkg.files[file].src.root();
    pkg.index()
        .top_level_sites(name)
        .into_iter()
        .filter_map(|(_, at)| {
            root.descendant_for_byte_range(at, at + name.len())?
                .parent()
        })
        .find(|d| d.kind() == "function_declaration")
        .map(|d| (file, d))
}

/// The `method_declaration` of method `method` declared on the package-level type
/// `type_name` (receiver `T` or `*T`): None unless exactly one such method is declared, in
/// the file that declares the type.
pub fn method_decl<'a>(
    pkg: &'a Package,
    type_name: &str,
    method: &str,
) -> Option<(FileId, Node<'a>)> {
    declaring_file(pkg, type_name)?;
    let mut found = Vec::new();
    for (id, f) in pkg.files.iter().enumerate() {
        let src = &f.src.text;
        if !pkg.index().may_name_method(id, method) {
            continue;
        }
        for d in named_children(f.src.root()) {
            if d.kind() == "method_declaration"
                && d.child_by_field_name("name")
                    .is_some_and(|n| text(n, src) == method)
                && receiver_type_name(d, src) == Some(type_name)
            {
                found.push((id, d));
            }
        }
    }
    match found.as_slice() {
        [(id, d)] if pkg.files[*id].always_built() => Some((*id, *d)),
        _ => None,
    }
}

/// The words of `text` that may name a method it declares: the name of a method
/// declaration follows the receiver's `)` on the same line (a line break there ends the
/// declaration), with only blanks or a `/* */` comment between. A lexical superset, so that
/// a file not parsed yet that only calls a method stays unparsed.
pub fn method_name_words(text: &str) -> crate::analysis::words::WordSet {
    let b = text.as_bytes();
    let mut words = Vec::new();
    for (at, _) in text.match_indices([')', '/']) {
        let mut i = at + 1;
        while i < b.len() && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        let start = i;
        while i < b.len() && crate::syntax::is_ident_byte(b[i]) {
            i += 1;
        }
        if i > start {
            words.push(&text[start..i]);
        }
    }
    crate::analysis::words::WordSet::of(words)
}

/// The base type name of a method's receiver (`T` for `(t *T)`, `(T)`, `(t T[K])`).
pub fn receiver_type_name<'s>(method: Node, src: &'s str) -> Option<&'s str> {
    let list = method.child_by_field_name("receiver")?;
    let param = named_children(list)
        .into_iter()
        .find(|p| p.kind() == "parameter_declaration")?;
    let mut ty = param.child_by_field_name("type")?;
    loop {
        match ty.kind() {
            "pointer_type" | "parenthesized_type" => ty = *named_children(ty).first()?,
            "generic_type" => ty = ty.child_by_field_name("type")?,
            "type_identifier" => return Some(text(ty, src)),
            _ => return None,
        }
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
    fn a_method_name_follows_its_receiver() {
        for text in [
            "func (s *S) Close() error",
            "func (S)Close()",
            "func (s S) /* c */ Close()",
            "func (s S[T]) Close()",
        ] {
            assert!(method_name_words(text).contains("Close"), "{text}");
        }
        for text in [
            "s.Close()",
            "defer f.Close()",
            "func Close()",
            "x := (y).Closed()",
            "var CloseAll = 1",
        ] {
            assert!(!method_name_words(text).contains("Close"), "{text}");
        }
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
