//! Imports: which import a name refers to, the name to use for a package at a point, and
//! the edits that add or remove an import while keeping gofmt's layout.

use std::collections::BTreeMap;
use std::ops::Range;

use tree_sitter::Node;

use crate::analysis::resolve::local_decl;
use crate::fixkit::edit::{Edit, FileId, ImportNeed};
use crate::package::Package;
use crate::source::SourceFile;
use crate::syntax::{constant_string, line_end, line_start, named_children, text};

/// One import spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    /// The explicit name (`alias "path"`, `_`, `.`), if written.
    pub alias: Option<String>,
    pub path: String,
    /// The name the file uses for the package (alias, or the package's default name).
    pub local_name: String,
    /// The spec's byte range.
    pub spec: Range<usize>,
}

/// True when `text` may import `path`: it spells the path as a string literal (a lexical
/// test, true of every file that does import it).
pub fn may_import(text: &str, path: &str) -> bool {
    ['"', '`'].iter().any(|q| {
        text.match_indices(path).any(|(at, _)| {
            let b = text.as_bytes();
            at > 0 && b[at - 1] == *q as u8 && b.get(at + path.len()) == Some(&(*q as u8))
        })
    })
}

/// The name a package is known by when imported without an alias. Exact for the standard
/// library; for other paths, the usual convention (last element, major version and `go-`
/// prefixes dropped).
pub fn default_name(path: &str) -> String {
    let mut parts: Vec<&str> = path.split('/').collect();
    if parts.len() > 1
        && parts.last().is_some_and(|p| {
            p.starts_with('v') && p[1..].chars().all(|c| c.is_ascii_digit()) && p.len() > 1
        })
    {
        parts.pop();
    }
    let last = parts.last().copied().unwrap_or(path);
    let last = last.split('.').next().unwrap_or(last);
    let last = last
        .strip_prefix("go-")
        .or_else(|| last.strip_suffix("-go"))
        .unwrap_or(last);
    last.replace('-', "_")
}

/// True for a standard-library import path (no dot in the first element).
pub fn is_std(path: &str) -> bool {
    !path.split('/').next().unwrap_or("").contains('.')
}

/// The import declarations of a file, in order. Go puts them after the package clause and
/// before every other declaration (a file breaking that rule fails Go's syntax check before
/// any transform runs), so the scan stops at the first other declaration: its cost is the
/// file's head, not its number of declarations (a generated file of 16,000 functions asked
/// once per finding made `check` quadratic).
pub fn import_decls(file: &SourceFile) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let root = file.root();
    let mut cursor = root.walk();
    for decl in root.named_children(&mut cursor) {
        match decl.kind() {
            "import_declaration" => out.push(decl),
            "package_clause" | "comment" => {}
            _ => break,
        }
    }
    out
}

/// The imports of a file, in order.
pub fn file_imports(file: &SourceFile) -> Vec<Import> {
    let src = &file.text;
    let mut out = Vec::new();
    for decl in import_decls(file) {
        for spec in crate::syntax::specs(decl) {
            if spec.kind() != "import_spec" {
                continue;
            }
            let Some(path) = spec
                .child_by_field_name("path")
                .and_then(|p| constant_string(p, src))
            else {
                continue;
            };
            let alias = spec
                .child_by_field_name("name")
                .map(|n| text(n, src).to_string());
            let local_name = alias.clone().unwrap_or_else(|| default_name(&path));
            out.push(Import {
                alias,
                path,
                local_name,
                spec: spec.byte_range(),
            });
        }
    }
    out
}

/// If the identifier `operand` (the `x` of `x.Sel`) names an import of `file`, that
/// import's path. A local declaration of the same name shadows the import.
pub fn resolve(pkg: &Package, file: FileId, operand: Node) -> Option<String> {
    if !matches!(operand.kind(), "identifier" | "package_identifier") {
        return None;
    }
    let src = &pkg.files[file].src;
    let name = text(operand, &src.text);
    let import = pkg.imports(file).iter().find(|i| {
        i.local_name == name && i.alias.as_deref() != Some("_") && i.alias.as_deref() != Some(".")
    })?;
    if local_decl(operand, name, &src.text).is_some() {
        return None;
    }
    Some(import.path.clone())
}

/// For a call `pkg.Func(args)`, the import path and function name when `pkg` resolves to an
/// import of the file.
pub fn call_target(pkg: &Package, file: FileId, call: Node) -> Option<(String, String)> {
    if call.kind() != "call_expression" {
        return None;
    }
    let func = call.child_by_field_name("function")?;
    if func.kind() != "selector_expression" {
        return None;
    }
    let operand = func.child_by_field_name("operand")?;
    let field = func.child_by_field_name("field")?;
    let path = resolve(pkg, file, operand)?;
    Some((path, text(field, &pkg.files[file].src.text).to_string()))
}

/// True when `call` is a call of `path.func` for one of `funcs`; returns the function name.
pub fn is_call_to<'a>(
    pkg: &Package,
    file: FileId,
    call: Node,
    path: &str,
    funcs: &[&'a str],
) -> Option<&'a str> {
    // The function's name first: resolving the package looks up the scopes around the call.
    // (What `call_target` checks, without looking the fields up twice.)
    let func = call
        .child_by_field_name("function")
        .filter(|f| f.kind() == "selector_expression")?;
    let field = func.child_by_field_name("field")?;
    let f = text(field, &pkg.files[file].src.text);
    if !funcs.contains(&f) || call.kind() != "call_expression" {
        return None;
    }
    let p = resolve(pkg, file, func.child_by_field_name("operand")?)?;
    if p != path {
        return None;
    }
    funcs.iter().copied().find(|x| *x == f)
}

/// The name to write for package `path` at the nodes `uses` of `file`, and the import to add
/// when the file does not import it yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportUse {
    pub name: String,
    pub need: Option<ImportNeed>,
}

/// Decides how code inserted at `uses` refers to package `path`: an existing import (its
/// alias honoured) when nothing shadows it there; otherwise a new import whose name is free
/// in the package and not shadowed at any use. None when no such name can be found.
pub fn name_for(pkg: &Package, file: FileId, path: &str, uses: &[Node]) -> Option<ImportUse> {
    let src = &pkg.files[file].src;
    let imports = &pkg.imports(file);
    let free_at_uses = |name: &str| {
        uses.iter()
            .all(|u| local_decl(*u, name, &src.text).is_none())
    };
    for imp in imports.iter().filter(|i| i.path == path) {
        if matches!(imp.alias.as_deref(), Some("_") | Some(".")) {
            continue;
        }
        if free_at_uses(&imp.local_name) {
            return Some(ImportUse {
                name: imp.local_name.clone(),
                need: None,
            });
        }
    }
    let base = default_name(path);
    let candidates = std::iter::once(base.clone())
        .chain(std::iter::once(format!("std{base}")).filter(|_| is_std(path)))
        .chain(crate::fixkit::names::sequence(&base).skip(1).take(10));
    for cand in candidates {
        let clashes_import = imports.iter().any(|i| i.local_name == cand);
        let clashes_package = pkg.index().has_top_level(&cand);
        if clashes_import || clashes_package || !free_at_uses(&cand) {
            continue;
        }
        let alias = (cand != base).then(|| cand.clone());
        return Some(ImportUse {
            name: cand,
            need: Some(ImportNeed {
                file,
                path: path.to_string(),
                alias,
            }),
        });
    }
    None
}

fn spec_text(need: &ImportNeed) -> String {
    match &need.alias {
        Some(a) => format!("{a} {}", crate::syntax::quote(&need.path)),
        None => crate::syntax::quote(&need.path),
    }
}

/// Edits that add the imports `needs` (all for `file`) in gofmt order: into the existing
/// parenthesised block (the group holding standard-library imports, at its sorted place),
/// by turning a single-line import into a block, or after the package clause.
pub fn add_imports(file_id: FileId, file: &SourceFile, needs: &[ImportNeed]) -> Vec<Edit> {
    let src = &file.text;
    let existing = file_imports(file);
    let mut needs: Vec<&ImportNeed> = needs
        .iter()
        .filter(|n| {
            !existing
                .iter()
                .any(|i| i.path == n.path && i.alias == n.alias)
        })
        .collect();
    needs.sort_by(|a, b| a.path.cmp(&b.path));
    needs.dedup();
    if needs.is_empty() {
        return Vec::new();
    }
    let decls: Vec<Node> = import_decls(file);

    // A parenthesised block: insert each spec into the right group at its sorted place.
    if let Some(list) = decls.iter().find_map(|d| {
        named_children(*d)
            .into_iter()
            .find(|c| c.kind() == "import_spec_list")
    }) {
        let specs: Vec<Node> = named_children(list)
            .into_iter()
            .filter(|s| s.kind() == "import_spec")
            .collect();
        if specs.is_empty() {
            let at = list.start_byte() + 1;
            let body: String = needs
                .iter()
                .map(|n| format!("\n\t{}", spec_text(n)))
                .collect();
            return vec![Edit::insert(file_id, at, body + "\n")];
        }
        // Groups: runs of specs not separated by a blank line.
        let mut groups: Vec<Vec<Node>> = Vec::new();
        for spec in specs {
            let new_group = groups.last().and_then(|g| g.last()).is_none_or(|prev| {
                let between = &src[prev.end_byte()..spec.start_byte()];
                between.matches('\n').count() > 1
            });
            if new_group {
                groups.push(Vec::new());
            }
            groups.last_mut().expect("pushed above").push(spec);
        }
        let spec_path = |s: &Node| {
            s.child_by_field_name("path")
                .and_then(|p| constant_string(p, src))
                .unwrap_or_default()
        };
        let mut inserts: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for need in needs {
            let group = groups
                .iter()
                .find(|g| g.iter().any(|s| is_std(&spec_path(s))) == is_std(&need.path))
                .unwrap_or(&groups[0]);
            let indent = crate::fixkit::indent::indentation(src, group[0].start_byte()).to_string();
            let line = format!("{indent}{}\n", spec_text(need));
            // gofmt sorts by path, then by name (an unnamed import first).
            let spec_key = |s: &Node| {
                let name = s
                    .child_by_field_name("name")
                    .map(|n| text(n, src).to_string())
                    .unwrap_or_default();
                (spec_path(s), name)
            };
            let need_key = (need.path.clone(), need.alias.clone().unwrap_or_default());
            let at = match group.iter().find(|s| spec_key(s) > need_key) {
                Some(s) => line_start(src, s.start_byte()),
                None => line_end(src, group.last().expect("groups are non-empty").end_byte()),
            };
            inserts.entry(at).or_default().push(line);
        }
        return inserts
            .into_iter()
            .map(|(at, lines)| Edit::insert(file_id, at, lines.concat()))
            .collect();
    }

    // A single-line `import "x"`: turn it into a block holding both.
    if let Some(decl) = decls.first() {
        let mut lines: Vec<(String, String)> = existing
            .iter()
            .filter(|i| decl.byte_range().contains(&i.spec.start))
            .map(|i| (i.path.clone(), src[i.spec.clone()].to_string()))
            .collect();
        lines.extend(needs.iter().map(|n| (n.path.clone(), spec_text(n))));
        lines.sort();
        let body: String = lines.iter().map(|(_, l)| format!("\t{l}\n")).collect();
        return vec![Edit::replace(
            file_id,
            decl.byte_range(),
            format!("import (\n{body})"),
        )];
    }

    // No import yet: after the package clause.
    let root = file.root();
    let mut cursor = root.walk();
    let Some(clause) = root
        .named_children(&mut cursor)
        .find(|n| n.kind() == "package_clause")
    else {
        return Vec::new();
    };
    let decl = if needs.len() == 1 {
        format!("import {}", spec_text(needs[0]))
    } else {
        let body: String = needs
            .iter()
            .map(|n| format!("\t{}\n", spec_text(n)))
            .collect();
        format!("import (\n{body})")
    };
    vec![Edit::insert(
        file_id,
        clause.end_byte(),
        format!("\n\n{decl}"),
    )]
}

/// The `import ( … )` declarations of `file` that hold exactly one import and no comment.
fn lone_import_blocks(file: &SourceFile) -> Vec<(Node<'_>, Node<'_>)> {
    let mut out = Vec::new();
    for decl in import_decls(file) {
        let Some(list) = named_children(decl)
            .into_iter()
            .find(|c| c.kind() == "import_spec_list")
        else {
            continue;
        };
        let mut cursor = list.walk();
        let children: Vec<Node> = list.named_children(&mut cursor).collect();
        if let [spec] = children[..]
            && spec.kind() == "import_spec"
        {
            out.push((decl, spec));
        }
    }
    out
}

/// The edit turning an `import ( "x" )` block that the fixes left with a single import
/// (adding `strconv` next to `fmt` made a block, then `fmt` went unused) back into
/// `import "x"`, as gofmt users write it. None when there is no such block, or when the
/// original already had one (the author's choice).
pub fn collapse_lone_import_block(
    file_id: FileId,
    before: &SourceFile,
    after: &SourceFile,
) -> Option<Edit> {
    if !lone_import_blocks(before).is_empty() {
        return None;
    }
    let (decl, spec) = lone_import_blocks(after).into_iter().next()?;
    let src = &after.text;
    Some(Edit::replace(
        file_id,
        decl.byte_range(),
        format!("import {}", text(spec, src)),
    ))
}

/// How many references in `file` resolve to each import name (one walk for all names).
pub fn count_uses_all(file: &SourceFile) -> std::collections::HashMap<String, usize> {
    count_uses_of(file, file_imports(file).into_iter().map(|i| i.local_name))
}

/// How many references in `file` resolve to each of the import names `names`.
///
/// A name no local declaration may shadow is counted in the text: its uses are the `name.`
/// of the code (`pkg.F`, `pkg.T`) not preceded by a dot (`x.pkg.F` is a field; `...pkg.T`
/// is a variadic parameter's type, a use). That gives what walking the tree gives (checked
/// in debug builds). Only the names a local may shadow are counted with one walk.
pub fn count_uses_of(
    file: &SourceFile,
    names: impl IntoIterator<Item = String>,
) -> std::collections::HashMap<String, usize> {
    let src = &file.text;
    let root = file.root();
    let (mut shadowable, mut counts): (
        std::collections::HashMap<String, usize>,
        std::collections::HashMap<String, usize>,
    ) = names
        .into_iter()
        .map(|n| (n, 0))
        .partition(|(n, _)| crate::analysis::resolve::may_declare_locally(root, n, src));
    if !shadowable.is_empty() {
        count_uses_walk(file, &mut shadowable);
    }
    if !counts.is_empty() {
        count_qualifiers(&crate::package::code_only(src), &mut counts);
        debug_assert_eq!(
            counts,
            {
                let mut walked = counts.keys().map(|k| (k.clone(), 0)).collect();
                count_uses_walk(file, &mut walked);
                walked
            },
            "{}",
            file.path.display()
        );
    }
    counts.extend(shadowable);
    counts
}

/// Adds to `counts` how many times `code` (a text with comments and literals blanked, see
/// [`crate::package::code_only`]) writes each name it holds as a package qualifier,
/// `name.`: the whole word, not preceded by a dot (`x.pkg.F` is a field; `...pkg.T` is a
/// variadic parameter's type, a use), a selector possibly breaking its line after the dot.
/// One pass over the words of `code`, whatever the number of names.
fn count_qualifiers(code: &str, counts: &mut std::collections::HashMap<String, usize>) {
    for run in crate::syntax::identifier_runs(code) {
        let Some(count) = counts.get_mut(&code[run.clone()]) else {
            continue;
        };
        let before = code[..run.start].trim_end_matches([' ', '\t', '\n', '\r']);
        let field = before.ends_with('.') && !before.ends_with("...");
        if !field
            && code[run.end..]
                .trim_start_matches([' ', '\t'])
                .starts_with('.')
        {
            *count += 1;
        }
    }
}

/// Adds to `counts` the uses of each import name it holds, found by walking the tree.
fn count_uses_walk(file: &SourceFile, counts: &mut std::collections::HashMap<String, usize>) {
    let src = &file.text;
    crate::syntax::walk(file.root(), |n| {
        let (operand, check_scope) = match n.kind() {
            "selector_expression" => match n.child_by_field_name("operand") {
                Some(o) if o.kind() == "identifier" => (o, true),
                _ => return,
            },
            "qualified_type" => match n.child_by_field_name("package") {
                Some(p) => (p, false),
                None => return,
            },
            _ => return,
        };
        let name = text(operand, src);
        if let Some(c) = counts.get_mut(name)
            && (!check_scope || local_decl(operand, name, src).is_none())
        {
            *c += 1;
        }
    });
}

/// How many references in `file` resolve to the import named `name`.
pub fn count_uses(file: &SourceFile, name: &str) -> usize {
    let src = &file.text;
    let mut count = 0;
    crate::syntax::walk(file.root(), |n| {
        let hit = match n.kind() {
            "selector_expression" => n.child_by_field_name("operand").is_some_and(|o| {
                o.kind() == "identifier"
                    && text(o, src) == name
                    && local_decl(o, name, src).is_none()
            }),
            "qualified_type" => n
                .child_by_field_name("package")
                .is_some_and(|p| text(p, src) == name),
            _ => false,
        };
        count += usize::from(hit);
    });
    count
}

/// The edit removing the import `imp` from `file`, keeping gofmt's layout (no doubled blank
/// lines, no empty `import ()`).
pub fn remove_import(file_id: FileId, file: &SourceFile, imp: &Import) -> Option<Edit> {
    let src = &file.text;
    let root = file.root();
    let spec = root.descendant_for_byte_range(imp.spec.start, imp.spec.end)?;
    let spec = crate::syntax::ancestors(spec).find(|n| n.kind() == "import_spec")?;
    let parent = spec.parent()?;
    let target = if parent.kind() == "import_spec_list"
        && named_children(parent)
            .iter()
            .filter(|s| s.kind() == "import_spec")
            .count()
            > 1
    {
        spec
    } else {
        crate::syntax::ancestors(spec).find(|n| n.kind() == "import_declaration")?
    };
    let mut range = crate::syntax::node_lines(target, src)?;
    // Avoid leaving two blank lines in a row (or a blank line opening a block).
    let before_blank = range.start >= 2 && &src[range.start - 2..range.start] == "\n\n"
        || (range.start >= 1 && src[..range.start].ends_with("(\n"));
    let after_blank = src[range.end..].starts_with('\n');
    let closes_block = src[range.end..]
        .get(1..)
        .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(')'));
    if after_blank && (before_blank || closes_block) {
        range.end += 1;
    }
    Some(Edit::delete(file_id, range))
}

/// The imports among `imports` that the fixes left unused: used in `before` (use counts
/// by local name), unused in `after`; `_` and `.` imports never. One entry per spec: the
/// same import may be written twice (a type error, but one gofmt accepts), and then both
/// copies go.
pub fn left_unused(
    imports: &[Import],
    before: &std::collections::HashMap<String, usize>,
    after: &std::collections::HashMap<String, usize>,
) -> Vec<(String, Option<String>)> {
    let used = |c: &std::collections::HashMap<String, usize>, name: &str| {
        c.get(name).copied().unwrap_or(0) > 0
    };
    imports
        .iter()
        .filter(|imp| !matches!(imp.alias.as_deref(), Some("_") | Some(".")))
        .filter(|imp| used(before, &imp.local_name) && !used(after, &imp.local_name))
        .map(|imp| (imp.path.clone(), imp.alias.clone()))
        .collect()
}

/// Removes from `file`, one spec at a time, the imports in `unused` (path and alias; one
/// entry per spec, so an import written twice is listed twice). Each removal is computed
/// against the text the previous one left, so the last spec of a block takes the whole
/// declaration with it. `on_removal` sees each edit with the text it applies to, before
/// `file` is updated.
pub fn remove_imports_one_by_one(
    file_id: FileId,
    file: &mut SourceFile,
    unused: &[(String, Option<String>)],
    mut on_removal: impl FnMut(&SourceFile, &Edit),
) {
    for (path, alias) in unused {
        let Some(now) = file_imports(file)
            .into_iter()
            .find(|i| &i.path == path && &i.alias == alias)
        else {
            continue;
        };
        if let Some(removal) = remove_import(file_id, file, &now) {
            on_removal(file, &removal);
            crate::fixkit::edit::apply_in_place(file, file_id, &[&removal]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg(src: &str) -> Package {
        Package::from_source(src, None)
    }

    fn apply_all(src: &str, edits: &[Edit]) -> String {
        let refs: Vec<&Edit> = edits.iter().collect();
        crate::fixkit::edit::apply(src, 0, &refs)
    }

    #[test]
    fn uses_after_an_ellipsis_count_and_fields_across_lines_do_not() {
        // etcd's e2e/util.go: `xs ...expect.ExpectedResponse` is a use of the import.
        let src = "package a\n\nimport \"example.com/expect\"\n\nfunc f(x T, xs ...expect.R) expect.R {\n\t_ = x.\n\t\texpect.F\n\treturn expect.R{}\n}\n";
        let file = crate::source::SourceFile::new("a.go".into(), src);
        assert_eq!(count_uses_all(&file).get("expect"), Some(&3));
    }

    #[test]
    fn default_names() {
        assert_eq!(default_name("errors"), "errors");
        assert_eq!(default_name("encoding/hex"), "hex");
        assert_eq!(default_name("github.com/x/go-yaml"), "yaml");
        assert_eq!(default_name("gopkg.in/yaml.v3"), "yaml");
        assert_eq!(default_name("github.com/x/y/v2"), "y");
    }

    #[test]
    fn adds_into_std_group_sorted() {
        let src = "package a\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n\n\t\"example.com/x\"\n)\n";
        let p = pkg(src);
        let need = ImportNeed {
            file: 0,
            path: "errors".into(),
            alias: None,
        };
        let edits = add_imports(0, &p.files[0].src, &[need]);
        assert_eq!(
            apply_all(src, &edits),
            "package a\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n\t\"strings\"\n\n\t\"example.com/x\"\n)\n"
        );
    }

    #[test]
    fn same_path_sorts_unnamed_first() {
        let src = "package a\n\nimport (\n\t. \"strings\"\n)\n";
        let p = pkg(src);
        let need = ImportNeed {
            file: 0,
            path: "strings".into(),
            alias: None,
        };
        let edits = add_imports(0, &p.files[0].src, &[need]);
        assert_eq!(
            apply_all(src, &edits),
            "package a\n\nimport (\n\t\"strings\"\n\t. \"strings\"\n)\n"
        );
    }

    #[test]
    fn single_import_becomes_block_and_none_gets_one() {
        let src = "package a\n\nimport \"fmt\"\n\nvar _ = fmt.Sprint\n";
        let p = pkg(src);
        let need = ImportNeed {
            file: 0,
            path: "errors".into(),
            alias: None,
        };
        let edits = add_imports(0, &p.files[0].src, std::slice::from_ref(&need));
        assert_eq!(
            apply_all(src, &edits),
            "package a\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n)\n\nvar _ = fmt.Sprint\n"
        );
        let src = "package a\n\nvar x = 1\n";
        let p = pkg(src);
        let edits = add_imports(0, &p.files[0].src, &[need]);
        assert_eq!(
            apply_all(src, &edits),
            "package a\n\nimport \"errors\"\n\nvar x = 1\n"
        );
    }

    #[test]
    fn removes_without_leaving_blank_lines() {
        let src = "package a\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n)\n\nvar _ = errors.New\n";
        let p = pkg(src);
        let imps = file_imports(&p.files[0].src);
        let e = remove_import(0, &p.files[0].src, &imps[1]).unwrap();
        assert_eq!(
            apply_all(src, &[e]),
            "package a\n\nimport (\n\t\"errors\"\n)\n\nvar _ = errors.New\n"
        );
        let src = "package a\n\nimport \"fmt\"\n\nvar x = 1\n";
        let p = pkg(src);
        let imps = file_imports(&p.files[0].src);
        let e = remove_import(0, &p.files[0].src, &imps[0]).unwrap();
        assert_eq!(apply_all(src, &[e]), "package a\n\nvar x = 1\n");
    }

    #[test]
    fn resolves_through_alias_and_shadowing() {
        let src = "package a\n\nimport (\n\tstderrors \"errors\"\n\tpkgerrors \"example.com/errors\"\n)\n\nfunc f(stderrors int) { _ = stderrors }\n\nvar _ = stderrors.New\nvar _ = pkgerrors.New\n";
        let p = pkg(src);
        let calls: Vec<Node> = crate::syntax::descendants(p.files[0].src.root())
            .into_iter()
            .filter(|n| n.kind() == "selector_expression")
            .collect();
        let ops: Vec<Option<String>> = calls
            .iter()
            .map(|c| resolve(&p, 0, c.child_by_field_name("operand").unwrap()))
            .collect();
        assert_eq!(
            ops,
            vec![
                Some("errors".to_string()),
                Some("example.com/errors".to_string())
            ]
        );
        assert_eq!(count_uses(&p.files[0].src, "stderrors"), 1);
    }

    #[test]
    fn new_import_name_avoids_shadowing() {
        let src = "package a\n\nfunc f() {\n\terrors := 1\n\t_ = errors\n}\n";
        let p = pkg(src);
        let body_stmt = crate::syntax::descendants(p.files[0].src.root())
            .into_iter()
            .find(|n| n.kind() == "assignment_statement")
            .unwrap();
        let u = name_for(&p, 0, "errors", &[body_stmt]).unwrap();
        assert_eq!(u.name, "stderrors");
        assert_eq!(u.need.unwrap().alias.as_deref(), Some("stderrors"));
    }
}
