//! Helpers shared by transforms: constant strings, local bindings and package-level
//! singletons. (How a local is used lives in `crate::analysis::uses`; how new code is written
//! and placed, in `crate::fixkit`.)

use tree_sitter::Node;

use crate::analysis::decls::{every_spec, package_specs};
use crate::analysis::resolve::local_decl;
use crate::fixkit::edit::FileId;
use crate::package::Package;
use crate::syntax::{constant_string, field_children, named_children, text};

/// The string value of a package-level `const name = "..."` (untyped or `string`).
pub fn package_const_string(pkg: &Package, name: &str) -> Option<String> {
    for d in package_specs(pkg, name, &["const_declaration"]) {
        let src = &pkg.files[d.file].src.text;
        let names = field_children(d.spec, "name");
        let Some(value) = d.spec.child_by_field_name("value") else {
            continue;
        };
        let values = named_children(value);
        if d.spec.kind() != "const_spec" || names.len() != values.len() {
            continue;
        }
        if let Some(ty) = d.spec.child_by_field_name("type")
            && text(ty, src) != "string"
        {
            continue;
        }
        let i = names.iter().position(|n| *n == d.name)?;
        return constant_string(values[i], src);
    }
    None
}

/// The value of a constant string expression at `node`: literals, `+` chains of literals,
/// or an identifier naming a package-level string constant (not shadowed by a local).
pub fn constant_string_expr(pkg: &Package, file: FileId, node: Node) -> Option<String> {
    let src = &pkg.files[file].src.text;
    if node.kind() == "identifier" {
        let name = text(node, src);
        if local_decl(node, name, src).is_some() {
            return None;
        }
        return package_const_string(pkg, name);
    }
    constant_string(node, src)
}

/// The single argument of a call (None for zero, several, or a `...` argument).
pub fn single_argument(call: Node) -> Option<Node> {
    let args = call.child_by_field_name("arguments")?;
    let list = named_children(args);
    if list.len() != 1 || list[0].kind() == "variadic_argument" {
        return None;
    }
    Some(list[0])
}

/// When `expr` is the whole initialiser of a single local (`x := expr`, `var x = expr`,
/// `var x T = expr`), the declaring statement and the identifier.
pub fn local_binding(expr: Node) -> Option<(Node, Node)> {
    let parent = expr.parent()?;
    if parent.kind() != "expression_list" || named_children(parent).len() != 1 {
        return None;
    }
    let holder = parent.parent()?;
    match holder.kind() {
        "short_var_declaration" => {
            let left = named_children(holder.child_by_field_name("left")?);
            if left.len() != 1 || left[0].kind() != "identifier" {
                return None;
            }
            Some((holder, left[0]))
        }
        "var_spec" => {
            let names = crate::syntax::field_children(holder, "name");
            let decl = holder.parent()?;
            if names.len() != 1 || decl.kind() != "var_declaration" {
                return None;
            }
            Some((decl, names[0]))
        }
        _ => None,
    }
}

/// The name of the enclosing top-level function or method, if any.
pub fn top_function_name<'s>(node: Node, src: &'s str) -> Option<&'s str> {
    let top = crate::syntax::enclosing_top_function(node)?;
    Some(text(top.child_by_field_name("name")?, src))
}

/// The package-level `var NAME = VALUE` declarations (one name, one value) of the files of
/// the package that `which` admits.
pub fn package_vars(
    pkg: &Package,
    which: impl Fn(FileId, &crate::package::GoFile) -> bool,
) -> Vec<(FileId, String, Node<'_>)> {
    every_spec(pkg, &["var_declaration"], which)
        .into_iter()
        .filter_map(|d| {
            let names = field_children(d.spec, "name");
            let values = named_children(d.spec.child_by_field_name("value")?);
            (d.spec.kind() == "var_spec" && names.len() == 1 && values.len() == 1).then(|| {
                let src = &pkg.files[d.file].src.text;
                (d.file, text(d.name, src).to_string(), values[0])
            })
        })
        .collect()
}

/// Counts identifiers spelled `name` in the whole package.
pub fn count_identifiers(pkg: &Package, name: &str) -> usize {
    pkg.files
        .iter()
        .filter(|f| f.src.text.contains(name))
        .map(|f| {
            crate::syntax::descendants(f.src.root())
                .into_iter()
                .filter(|n| n.kind() == "identifier" && text(*n, &f.src.text) == name)
                .count()
        })
        .sum()
}

/// Package-level `var NAME = path.Func(<constant string>)` declarations, keyed by
/// (function, constant argument), with the files declaring them: existing singletons a fix
/// can reuse (see [`singleton_for`]).
pub type Singletons = std::collections::HashMap<(String, String), Vec<(FileId, String)>>;

/// Collects the package's singletons (see [`Singletons`]).
pub fn package_singletons(pkg: &Package, path: &str, funcs: &[&str]) -> Singletons {
    let mut out = Singletons::new();
    // A singleton's file imports `path` and calls one of `funcs` outside function bodies.
    let which = |id: FileId, f: &crate::package::GoFile| {
        crate::fixkit::imports::may_import(&f.src.text, path)
            && (f.src.is_parsed()
                || funcs
                    .iter()
                    .any(|func| pkg.index().may_spell_at_top(id, func)))
    };
    for (vfile, name, value) in package_vars(pkg, which) {
        let Some(func) = crate::fixkit::imports::is_call_to(pkg, vfile, value, path, funcs) else {
            continue;
        };
        let Some(arg) = single_argument(value).and_then(|a| constant_string_expr(pkg, vfile, a))
        else {
            continue;
        };
        out.entry((func.to_string(), arg))
            .or_default()
            .push((vfile, name));
    }
    out
}

/// The singleton for `key` that code in `user` can refer to in every build: one declared
/// in the same file, or in a file always built with it (a var in `sys_windows.go` or behind
/// `//go:build`, or in a test file, is not).
pub fn singleton_for(
    pkg: &Package,
    singletons: &Singletons,
    key: &(String, String),
    user: FileId,
) -> Option<String> {
    singletons
        .get(key)?
        .iter()
        .find(|(f, _)| pkg.files[*f].declarations_visible_from(&pkg.files[user]))
        .map(|(_, name)| name.clone())
}

/// True when `node` runs once per program: directly in `func init()`, or in `func main()`
/// of package main, outside any loop or function literal. Moving work out of such code to
/// package level saves nothing.
pub fn runs_once(pkg: &Package, node: Node, src: &str) -> bool {
    for a in crate::syntax::ancestors(node).skip(1) {
        match a.kind() {
            "func_literal" | "method_declaration" => return false,
            "function_declaration" => {
                let name = a.child_by_field_name("name").map(|n| text(n, src));
                return match name {
                    Some("init") => true,
                    Some("main") => pkg.name == "main" && !in_loop_below(node, a),
                    _ => false,
                };
            }
            _ => {}
        }
    }
    false
}

/// True when a loop lies between `node` and its ancestor `top`.
fn in_loop_below(node: Node, top: Node) -> bool {
    crate::syntax::ancestors(node)
        .take_while(|a| *a != top)
        .any(|a| a.kind() == "for_statement")
}

/// Support for the transforms' unit tests.
#[cfg(test)]
pub mod testing {
    use std::path::PathBuf;
    use std::sync::Arc;

    use crate::engine::{Report, Settings, run_package};
    use crate::fixkit::edit::Applicability;
    use crate::package::{GoFile, GoMod, Package};
    use crate::source::SourceFile;
    use crate::transform::TransformDef;

    /// Runs `def` over a package of one file `a.go` in folder `dir` (in a module of go
    /// version `go`, whose go.mod is `gomod` or a path that does not exist): the text after
    /// the fixes (the input when nothing changed) and the findings. Fails on any error.
    pub fn run_one_file(
        def: &'static TransformDef,
        src: &str,
        dir: &str,
        go: Option<(u32, u32)>,
        gomod: Option<PathBuf>,
        settings: &Settings,
    ) -> (String, Vec<Report>) {
        let mut f = GoFile::new(SourceFile::new("a.go".into(), src));
        f.editable = true;
        f.enabled.insert(def.id);
        let module = go.map(|v| {
            Arc::new(GoMod {
                path: gomod.unwrap_or_else(|| "/nonexistent/go.mod".into()),
                module: Some("example.com/a".into()),
                go: Some(v),
            })
        });
        let pkg = Package::new(dir.into(), "a".into(), vec![f], module);
        let o = run_package(pkg, &[def], settings).remove(0);
        assert!(o.errors.is_empty(), "{:?}", o.errors);
        (o.fixed.unwrap_or_else(|| src.to_string()), o.findings)
    }

    /// How a finding's fix applies: `fix`, `unsafe` or `none`.
    pub fn fix_label(r: &Report) -> &'static str {
        match r.fix {
            Some(Applicability::Safe) => "fix",
            Some(Applicability::Unsafe) => "unsafe",
            None => "none",
        }
    }
}
