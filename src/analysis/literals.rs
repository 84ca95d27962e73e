//! Unkeyed composite literals of a struct type across a module: `T{1, "a"}` lists values
//! in field order, so reordering T's fields would silently swap values that happen to fit
//! both fields (untyped constants), or stop compiling. Read from the files of the module
//! on disk (the package's own files from memory), `_test.go` files included.
//!
//! The search is by name and conservative: `T{…}`, `x.T{…}` and, in a literal whose type
//! mentions `T` (`[]T{…}`, `map[string]*T{…}`), any element literal with its type elided
//! (`{1, "a"}`) count. A type alias (`type U = T; U{1, 2}`) is not followed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use tree_sitter::Node;

use crate::package::Package;
use crate::syntax::{named_children, text};

/// The `.go` files of the module holding `pkg`: the folder of its go.mod and below,
/// without `vendor`, `testdata`, hidden or `_` folders and nested modules (the package's
/// folder alone when there is no go.mod).
pub fn module_go_files(pkg: &Package) -> Vec<PathBuf> {
    let root = match &pkg.module {
        Some(m) => m.path.parent().map(Path::to_path_buf),
        None => None,
    }
    .unwrap_or_else(|| pkg.dir.clone());
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let name = e.file_name().to_string_lossy().to_string();
            let Ok(ft) = e.file_type() else {
                continue;
            };
            if ft.is_dir() {
                let skip = name.starts_with('.')
                    || name.starts_with('_')
                    || name == "vendor"
                    || name == "testdata"
                    || (pkg.module.is_some() && path.join("go.mod").is_file());
                if !skip && pkg.module.is_some() {
                    stack.push(path);
                }
            } else if ft.is_file() && name.ends_with(".go") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// True when `hay` contains `name` as a whole identifier followed by `{`.
fn mentions_literal(hay: &str, name: &str) -> bool {
    let needle = format!("{name}{{");
    hay.match_indices(&needle).any(|(at, _)| {
        !hay[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// True when the type text `ty` names `name` as a whole identifier.
fn names_type(ty: &str, name: &str) -> bool {
    ty.match_indices(name).any(|(at, _)| {
        let before = ty[..at].chars().next_back();
        let after = ty[at + name.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// True when the `literal_value` `body` has an element without a key.
fn has_unkeyed(body: Node) -> bool {
    named_children(body)
        .iter()
        .any(|e| e.kind() == "literal_element")
}

/// Byte offsets of the unkeyed composite literals of the type named `name` in `src` (Go
/// source text).
pub fn unkeyed_literals(src: &str, name: &str) -> Vec<usize> {
    if !mentions_literal(src, name) {
        return Vec::new();
    }
    let tree = crate::source::parse(src);
    let mut out = Vec::new();
    crate::syntax::walk(tree.root_node(), |n| {
        if n.kind() != "composite_literal" {
            return;
        }
        let (Some(ty), Some(body)) = (n.child_by_field_name("type"), n.child_by_field_name("body"))
        else {
            return;
        };
        let t = text(ty, src);
        if !names_type(t, name) {
            return;
        }
        let direct = match ty.kind() {
            "type_identifier" => t == name,
            "qualified_type" => ty
                .child_by_field_name("name")
                .is_some_and(|x| text(x, src) == name),
            _ => false,
        };
        if direct {
            if has_unkeyed(body) {
                out.push(n.start_byte());
            }
            return;
        }
        // A container of T: its elided element literals are T literals.
        let mut elided = Vec::new();
        crate::syntax::walk(body, |m| {
            if m.kind() == "literal_value"
                && m != body
                && m.parent().is_some_and(|p| p.kind() != "composite_literal")
                && has_unkeyed(m)
            {
                elided.push(m.start_byte());
            }
        });
        out.extend(elided);
    });
    out.sort_unstable();
    out.dedup();
    out
}

/// Per module folder: for each identifier written right before a `{` in some file of the
/// module, the files where it is. Built once per run and module (the module's files are
/// read once, not once per struct type asked about).
type LiteralIndex = HashMap<String, Vec<PathBuf>>;

fn module_index(root: &Path, pkg: &Package) -> Arc<LiteralIndex> {
    static INDEXES: OnceLock<Mutex<HashMap<PathBuf, Arc<LiteralIndex>>>> = OnceLock::new();
    let cell = INDEXES.get_or_init(Default::default);
    if let Some(found) = cell.lock().ok().and_then(|m| m.get(root).cloned()) {
        return found;
    }
    let mut index: LiteralIndex = HashMap::new();
    for path in module_go_files(pkg) {
        let Ok(src) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut names: HashSet<&str> = HashSet::new();
        for (at, _) in src.match_indices('{') {
            let before = &src[..at];
            let start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
                .last()
                .map_or(at, |(i, _)| i);
            if start < at {
                names.insert(&src[start..at]);
            }
        }
        for n in names {
            index.entry(n.to_string()).or_default().push(path.clone());
        }
    }
    let index = Arc::new(index);
    if let Ok(mut m) = cell.lock() {
        m.insert(root.to_path_buf(), index.clone());
    }
    index
}

/// The first unkeyed composite literal of the type `name` in the module of `pkg`, as
/// `path:line`, if any: the package's own files (as read; by file name) first, then the
/// module's other files on disk (by path from the module's folder).
pub fn first_unkeyed_in_module(pkg: &Package, name: &str) -> Option<String> {
    let line = |src: &str, at: usize| src[..at].matches('\n').count() + 1;
    for f in &pkg.files {
        if let Some(&at) = unkeyed_literals(&f.src.text, name).first() {
            let file = f.src.path.file_name().unwrap_or_default().to_string_lossy();
            return Some(format!("{file}:{}", line(&f.src.text, at)));
        }
    }
    let root = match &pkg.module {
        Some(m) => m.path.parent().map(Path::to_path_buf),
        None => None,
    }
    .unwrap_or_else(|| pkg.dir.clone());
    let index = module_index(&root, pkg);
    let candidates = index.get(name)?;
    let own: Vec<PathBuf> = pkg
        .files
        .iter()
        .filter_map(|f| std::fs::canonicalize(&f.src.path).ok())
        .collect();
    for path in candidates {
        if std::fs::canonicalize(path).is_ok_and(|p| own.contains(&p)) {
            continue;
        }
        let Ok(src) = std::fs::read_to_string(path) else {
            continue;
        };
        if let Some(&at) = unkeyed_literals(&src, name).first() {
            let shown = path.strip_prefix(&root).unwrap_or(path);
            return Some(format!("{}:{}", shown.display(), line(&src, at)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unkeyed_literals_direct_qualified_and_elided() {
        let src = "package a\n\nvar (\n\tk = T{a: 1, b: 2}\n\tu = T{1, 2}\n\tq = &x.T{1, 2}\n\ts = []T{{1, 2}}\n\tm = map[string]*T{\"k\": {a: 1}}\n\te = T{}\n\to = Tx{1, 2}\n\tn = []int{1, 2}\n)\n";
        let at = |s: &str| src.find(s).unwrap();
        assert_eq!(
            unkeyed_literals(src, "T"),
            vec![at("T{1, 2}"), at("x.T{1, 2}"), at("{1, 2}}")]
        );
        assert!(unkeyed_literals(src, "Tx").len() == 1);
        assert!(unkeyed_literals("package a\n\nvar t = T{a: 1}\n", "T").is_empty());
        assert!(unkeyed_literals("package a\n\nvar t = UT{1}\n", "T").is_empty());
    }

    #[test]
    fn the_module_is_read_from_disk() {
        // Two modules: the same package, with and without an unkeyed literal in a test
        // file of another package (vendor/ is never read).
        let module = |with_test: bool| {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().to_path_buf();
            std::fs::write(root.join("go.mod"), "module example.com/m\n\ngo 1.22\n").unwrap();
            for d in ["a", "b", "vendor/v"] {
                std::fs::create_dir_all(root.join(d)).unwrap();
            }
            let a = "package a\n\ntype T struct {\n\tx int\n\ty bool\n}\n";
            std::fs::write(root.join("a/a.go"), a).unwrap();
            std::fs::write(
                root.join("vendor/v/v.go"),
                "package v\n\nvar t = a.T{1, true}\n",
            )
            .unwrap();
            if with_test {
                std::fs::write(
                    root.join("b/b_test.go"),
                    "package b\n\nvar t = a.T{1, true}\n",
                )
                .unwrap();
            }
            let pkg = crate::package::Package::new(
                root.join("a"),
                "a".into(),
                vec![crate::package::GoFile::new(crate::source::SourceFile::new(
                    root.join("a/a.go"),
                    a,
                ))],
                Some(std::sync::Arc::new(crate::package::GoMod {
                    path: root.join("go.mod"),
                    module: Some("example.com/m".into()),
                    go: Some((1, 22)),
                })),
            );
            (dir, pkg)
        };
        let (_keep, pkg) = module(false);
        assert_eq!(first_unkeyed_in_module(&pkg, "T"), None);
        let (_keep2, pkg) = module(true);
        assert_eq!(
            first_unkeyed_in_module(&pkg, "T").as_deref(),
            Some("b/b_test.go:3")
        );
        assert_eq!(first_unkeyed_in_module(&pkg, "U"), None);
    }
}
