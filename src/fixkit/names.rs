//! New names: the one sequence a fresh name is taken from (`base`, `base0`, `base1`, …),
//! checked against the package or against one function, and the spelling helpers that
//! turn words into Go identifiers.

use std::collections::HashSet;

use tree_sitter::Node;

use crate::fixkit::edit::FileId;
use crate::package::{Package, PackageNames};
use crate::syntax::{descendants, text};

/// The candidates for a new name made from `base`, in order: `base`, `base0`, `base1`, …
pub fn sequence(base: &str) -> impl Iterator<Item = String> + '_ {
    std::iter::once(base.to_string()).chain((0..).map(move |i| format!("{base}{i}")))
}

/// The first name of [`sequence`]`(base)` that `free` accepts.
pub fn fresh_name(base: &str, free: impl Fn(&str) -> bool) -> String {
    sequence(base)
        .find(|n| free(n))
        .expect("an unbounded sequence has a free name")
}

/// The first name of [`sequence`]`(base)` that is free for a new package-level identifier
/// ([`PackageNames::is_taken`]) and not in `also_taken` (names this run already gave out).
pub fn fresh_in_package(
    index: PackageNames<'_>,
    base: &str,
    also_taken: &HashSet<String>,
) -> String {
    fresh_name(base, |n| !index.is_taken(n) && !also_taken.contains(n))
}

/// The first name of [`sequence`]`(base)` free for a new local of the top-level declaration
/// `top` of `file`: no identifier, field, type, package or label of `top` spells it, no
/// import of the file is named so, and the package declares no such name at top level.
pub fn fresh_in_function(pkg: &Package, file: FileId, top: Node, base: &str) -> String {
    let src = &pkg.files[file].src.text;
    let mut taken: HashSet<&str> = descendants(top)
        .into_iter()
        .filter(|n| {
            matches!(
                n.kind(),
                "identifier"
                    | "field_identifier"
                    | "type_identifier"
                    | "package_identifier"
                    | "label_name"
            )
        })
        .map(|n| text(n, src))
        .collect();
    taken.extend(pkg.imports(file).iter().map(|i| i.local_name.as_str()));
    fresh_name(base, |n| {
        !taken.contains(n) && !pkg.index().has_top_level(n)
    })
}

/// Upper-cases the first letter of `w`.
pub fn capitalize(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lower-cases the first letter of `w`.
pub fn decapitalize(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// True when `name` is a valid Go identifier made of ASCII letters, digits and `_`.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::GoFile;
    use crate::source::SourceFile;

    #[test]
    fn the_sequence_is_base_then_digits() {
        let got: Vec<String> = sequence("re").take(4).collect();
        assert_eq!(got, ["re", "re0", "re1", "re2"]);
        assert_eq!(fresh_name("re", |n| n != "re" && n != "re0"), "re1");
        assert_eq!(fresh_name("re", |_| true), "re");
    }

    #[test]
    fn fresh_package_names_avoid_every_identifier() {
        let f = GoFile::new(SourceFile::new(
            "a.go".into(),
            "package a\n\nvar slugRE = 1\n\nfunc f() { slugRE0 := 2; _ = slugRE0 }\n",
        ));
        let files = [f];
        let built = crate::package::PackageIndex::build(&files);
        let index = built.view(&files);
        assert_eq!(
            fresh_in_package(index, "slugRE", &HashSet::new()),
            "slugRE1"
        );
        assert_eq!(fresh_in_package(index, "len", &HashSet::new()), "len0");
        let run: HashSet<String> = ["x".to_string()].into();
        assert_eq!(fresh_in_package(index, "x", &run), "x0");
    }

    #[test]
    fn fresh_local_names_avoid_the_function_imports_and_package() {
        let src = "package a\n\nimport t0 \"time\"\n\nvar t1 = 1\n\nfunc f() { t := 1; _ = t }\n\nfunc g() { t2 := 1 }\n";
        let pkg = Package::from_source(src, None);
        let f = pkg.files[0]
            .src
            .root()
            .named_children(&mut pkg.files[0].src.root().walk())
            .find(|n| {
                n.kind() == "function_declaration"
                    && n.child_by_field_name("name").map(|n| text(n, src)) == Some("f")
            })
            .unwrap();
        // t: in f; t0: an import; t1: package-level; t2 is only in g.
        assert_eq!(fresh_in_function(&pkg, 0, f, "t"), "t2");
    }

    #[test]
    fn spelling() {
        assert_eq!(capitalize("éa"), "Éa");
        assert_eq!(decapitalize("URL"), "uRL");
        assert_eq!(capitalize(""), "");
        assert!(is_identifier("_a1"));
        assert!(!is_identifier("1a"));
        assert!(!is_identifier("a-b"));
        assert!(!is_identifier(""));
    }
}
