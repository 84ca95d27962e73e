//! Package-wide references: what the package declares about a type (its methods), read
//! from every file of the package that is built with it; every use of a package-level
//! name (in the files read, and whether a test file this run did not read names it); every
//! place a name is spelled ([`spellings`]) or a field is selected ([`field_selectors`]) in
//! the package; and, across the module, the packages that import this one and spell some
//! of its names ([`module_importers`]).

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
        for ident in crate::syntax::leaves_named(f.src.root(), src, name, &["identifier"]) {
            if !declaring.contains(&ident)
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

/// True when the package-level type `name` is spelled (tests included) only by its
/// declaration and as the whole type of one or more package-level `var`s: its only values
/// are those variables (`var opt options`), never one per call, element or allocation.
pub fn only_package_var_values(pkg: &Package, name: &str) -> bool {
    let top = |n: Node| n.parent().is_some_and(|p| p.kind() == "source_file");
    let allowed = |n: Node| {
        let Some(parent) = n.parent() else {
            return false;
        };
        match parent.kind() {
            "type_spec" => parent.child_by_field_name("name") == Some(n),
            "var_spec" => {
                parent.child_by_field_name("type") == Some(n)
                    && parent.parent().is_some_and(|d| {
                        top(d) || (d.kind() == "var_spec_list" && d.parent().is_some_and(top))
                    })
            }
            _ => false,
        }
    };
    // The files already parsed first: one other spelling there settles it, and the files
    // not parsed yet stay so.
    let (parsed, unparsed): (Vec<FileId>, Vec<FileId>) =
        (0..pkg.files.len()).partition(|&i| pkg.files[i].src.is_parsed());
    let mut count = 0;
    for file in parsed.into_iter().chain(unparsed) {
        for (_, n) in spellings_in(pkg, file, name) {
            if !allowed(n) {
                return false;
            }
            count += 1;
        }
    }
    count > 1
}

/// Every place the package-level name `name` is spelled in the package's files (tests
/// included): the `type_identifier`s named `name` (not `pkg.name`, another package's; types are never local unless a function
/// declares one: see [`local_type_declared`]) and the `identifier`s named `name` that no
/// local declaration shadows (a conversion `T(x)`, a method expression `T.M`, `new(T)`;
/// not a field's name written as a key of a struct literal, `T{T: v}`, see
/// [`is_struct_literal_key`]). The declaring spec's own name is included.
pub fn spellings<'p>(pkg: &'p Package, name: &str) -> Vec<(FileId, Node<'p>)> {
    (0..pkg.files.len())
        .flat_map(|file| spellings_in(pkg, file, name))
        .collect()
}

/// [`spellings`] in file `file`.
fn spellings_in<'p>(pkg: &'p Package, file: FileId, name: &str) -> Vec<(FileId, Node<'p>)> {
    let mut out = Vec::new();
    let f = &pkg.files[file];
    {
        let src = &f.src.text;
        if !src.contains(name) {
            return out;
        }
        let spelled = ["type_identifier", "identifier"];
        for n in crate::syntax::leaves_named(f.src.root(), src, name, &spelled) {
            let hit = match n.kind() {
                // `pkg.T` names another package's type.
                "type_identifier" => {
                    text(n, src) == name && n.parent().is_none_or(|p| p.kind() != "qualified_type")
                }
                "identifier" => {
                    text(n, src) == name
                        && !crate::analysis::resolve::is_local(&f.src, n, name)
                        && crate::analysis::uses::classify(n, src)
                            != crate::analysis::uses::UseKind::Declare
                        && n.parent().is_none_or(|p| {
                            // `x.T` selects a member of x; it does not spell the type.
                            p.kind() != "selector_expression"
                                || p.child_by_field_name("operand") == Some(n)
                        })
                        && !is_struct_literal_key(pkg, file, n)
                }
                _ => false,
            };
            if hit {
                out.push((file, n));
            }
        }
    }
    out
}

/// True when the identifier `n` is the key of an element of a composite literal whose type
/// is evidently a struct (`T{name: v}` with `type T struct{ name … }`, `&T{…}`, a
/// `struct{…}{…}` literal): the name of a field, not a use of a variable or a type. False
/// when the literal's type cannot be told (a map's keys are expressions) or its elements'
/// type is elided (`[]T{{name: v}}`).
pub fn is_struct_literal_key(pkg: &Package, file: FileId, n: Node) -> bool {
    let Some(element) = n.parent().filter(|p| p.kind() == "literal_element") else {
        return false;
    };
    let Some(keyed) = element
        .parent()
        .filter(|k| k.kind() == "keyed_element" && k.child_by_field_name("key") == Some(element))
    else {
        return false;
    };
    let Some(ty) = keyed
        .parent()
        .filter(|v| v.kind() == "literal_value")
        .and_then(|v| v.parent())
        .filter(|l| l.kind() == "composite_literal")
        .and_then(|l| l.child_by_field_name("type"))
    else {
        return false;
    };
    crate::analysis::types::written_type(pkg, file, ty)
        .and_then(|t| crate::analysis::types::underlying(pkg, &t))
        .is_some_and(|u| matches!(u, crate::analysis::types::Ty::Struct(_)))
}

/// True when a function of the package declares a local type named `name` (it would shadow
/// the package-level one inside that function).
pub fn local_type_declared(pkg: &Package, name: &str) -> bool {
    pkg.files.iter().any(|f| {
        let src = &f.src.text;
        src.contains(name)
            && crate::syntax::descendants_of_kind(f.src.root(), "type_spec")
                .into_iter()
                .chain(crate::syntax::descendants_of_kind(
                    f.src.root(),
                    "type_alias",
                ))
                .any(|spec| {
                    crate::syntax::in_function_body(spec)
                        && spec
                            .child_by_field_name("name")
                            .is_some_and(|n| text(n, src) == name)
                })
    })
}

/// Every selector `x.field` in the package's files (tests included), whatever x is: a
/// field, a method value or a method call's function.
pub fn field_selectors<'p>(pkg: &'p Package, field: &str) -> Vec<(FileId, Node<'p>)> {
    let mut out = Vec::new();
    for (file, f) in pkg.files.iter().enumerate() {
        let src = &f.src.text;
        if !src.contains(field) {
            continue;
        }
        for sel in crate::syntax::descendants_of_kind(f.src.root(), "selector_expression") {
            if sel
                .child_by_field_name("field")
                .is_some_and(|n| text(n, src) == field)
            {
                out.push((file, sel));
            }
        }
    }
    out
}

/// True when some struct type of the package other than the one written at `except` (its
/// byte range in file `except_file`) declares a field named `field`, or some method or
/// interface method of the package is named `field`: then `x.field` does not always mean
/// that struct's field. For an unexported `field`, nothing outside the package can declare
/// it, so false means every selector `.field` in the package selects that struct's field.
pub fn member_named_elsewhere(
    pkg: &Package,
    field: &str,
    except_file: FileId,
    except: std::ops::Range<usize>,
) -> bool {
    pkg.files.iter().enumerate().any(|(file, f)| {
        let src = &f.src.text;
        if !src.contains(field) {
            return false;
        }
        let mut found = false;
        crate::syntax::walk(f.src.root(), |n| {
            if found {
                return;
            }
            let named = |n: Node| {
                crate::syntax::field_children(n, "name")
                    .iter()
                    .any(|x| text(*x, src) == field)
            };
            found = match n.kind() {
                "field_declaration" => {
                    let own = file == except_file
                        && n.start_byte() >= except.start
                        && n.end_byte() <= except.end;
                    !own && (named(n) || embedded_name(n, src) == Some(field))
                }
                "method_declaration" | "method_elem" | "method_spec" => named(n),
                _ => false,
            };
        });
        found
    })
}

/// The type name of an embedded field (`T`, `*T`, `pkg.T`), or None for a named field.
fn embedded_name<'s>(field: Node, src: &'s str) -> Option<&'s str> {
    if field.child_by_field_name("name").is_some() {
        return None;
    }
    let mut ty = field.child_by_field_name("type")?;
    loop {
        match ty.kind() {
            "pointer_type" => ty = named_children(ty).into_iter().next()?,
            "generic_type" => ty = ty.child_by_field_name("type")?,
            "qualified_type" => ty = ty.child_by_field_name("name")?,
            "type_identifier" => return Some(text(ty, src)),
            _ => return None,
        }
    }
}

/// A file of another package of the module that imports this package and spells one of
/// the names asked about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Importer {
    /// The importing file.
    pub path: std::path::PathBuf,
    /// Its package clause (`orders_test` for an external test package).
    pub package: String,
    /// The name it spells (`pkg.Name`), and the line where it first does.
    pub name: String,
    pub line: usize,
}

/// The import path of the package: the module path of its go.mod and its folder below it
/// (None outside a module, or for a folder that is not below the go.mod's).
pub fn import_path(pkg: &Package) -> Option<String> {
    let module = pkg.module.as_ref()?;
    let root = module.path.parent()?;
    let dir = std::path::absolute(&pkg.dir).ok()?;
    let rel = dir.strip_prefix(root).ok()?;
    let mut path = module.module.clone()?;
    for part in rel.components() {
        path.push('/');
        path.push_str(part.as_os_str().to_str()?);
    }
    Some(path)
}

/// The files of the module (every package below the go.mod, `_test.go` files and external
/// test packages included; `vendor`, `testdata`, hidden and `_` folders and nested modules
/// skipped) that import this package and spell `pkg.Name` for one of `names` (a dot import
/// counts as spelling all of them), or select `x.Member` for one of `members` (whatever x
/// is: by name only, which errs on the side of "used"). The package's own files are not
/// looked at. Err when the module cannot be read (no go.mod, an unreadable folder): the
/// importers are then unknown.
pub fn module_importers(
    pkg: &Package,
    names: &[&str],
    members: &[&str],
) -> Result<Vec<Importer>, String> {
    let path = import_path(pkg).ok_or("the package's import path is unknown (no go.mod)")?;
    let root = pkg
        .module
        .as_ref()
        .and_then(|m| m.path.parent())
        .ok_or("no go.mod")?
        .to_path_buf();
    let own_dir = std::path::absolute(&pkg.dir).map_err(|e| e.to_string())?;
    let quoted = format!("\"{path}\"");
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("{}: cannot read: {e}", dir.display()))?;
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            let name = e.file_name().to_string_lossy().to_string();
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                if !crate::walk::skipped_dir(&name) && !p.join("go.mod").is_file() {
                    stack.push(p);
                }
                continue;
            }
            if !ft.is_file() || !name.ends_with(".go") || name.starts_with(['.', '_']) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            if !text.contains(&quoted) {
                continue;
            }
            let file = crate::source::SourceFile::new(p.clone(), &text);
            let clause = crate::package::GoFile::new(file);
            let package = clause.package_name().unwrap_or("").to_string();
            if dir == own_dir && package == pkg.name {
                continue;
            }
            let file = &clause.src;
            let Some(import) = crate::fixkit::imports::file_imports(file)
                .into_iter()
                .find(|i| i.path == path)
            else {
                continue;
            };
            if let Some((name, line)) = spelled_through(file, &import, names, members) {
                out.push(Importer {
                    path: p,
                    package,
                    name,
                    line,
                });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The first of `names` that `file` spells through `import` (`alias.Name`, in an expression
/// or a type), with its line.
fn spelled_through(
    file: &crate::source::SourceFile,
    import: &crate::fixkit::imports::Import,
    names: &[&str],
    members: &[&str],
) -> Option<(String, usize)> {
    let src = &file.text;
    if import.alias.as_deref() == Some(".") {
        let first = names.first()?;
        return Some((first.to_string(), file.position(import.spec.start).line));
    }
    let mut found = None;
    crate::syntax::walk(file.root(), |n| {
        if found.is_some() {
            return;
        }
        let (qual, member) = match n.kind() {
            "selector_expression" => (
                n.child_by_field_name("operand"),
                n.child_by_field_name("field"),
            ),
            "qualified_type" => (
                n.child_by_field_name("package"),
                n.child_by_field_name("name"),
            ),
            _ => return,
        };
        let (Some(qual), Some(member)) = (qual, member) else {
            return;
        };
        let member = text(member, src);
        if n.kind() == "selector_expression" && members.contains(&member) {
            found = Some((member.to_string(), file.position(n.start_byte()).line));
            return;
        }
        if text(qual, src) == import.local_name
            && names.contains(&member)
            && !crate::analysis::resolve::is_local(file, qual, &import.local_name)
        {
            found = Some((member.to_string(), file.position(n.start_byte()).line));
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_struct_literal_key_is_a_field_not_a_spelling() {
        let pkg = Package::from_source(
            "package p\ntype Value struct{ Value string }\nvar Other = 1\nfunc New(v string) *Value { return &Value{Value: v} }\nvar m = map[int]int{Other: 1}\nvar s = struct{ Other int }{Other: 2}\n",
            None,
        );
        let src = &pkg.files[0].src.text;
        let lines = |name: &str| {
            spellings(&pkg, name)
                .iter()
                .map(|(f, n)| {
                    (
                        pkg.files[*f].src.position(n.start_byte()).line,
                        text(*n, src).len(),
                    )
                })
                .collect::<Vec<_>>()
        };
        // `Value` in the key `Value: v` is the field; the type is spelled three times.
        assert_eq!(lines("Value"), vec![(2, 5), (4, 5), (4, 5)]);
        // A map literal's key is an expression: a use of `Other`. A struct literal's is not.
        assert_eq!(lines("Other"), vec![(5, 5)]);
        // Another package's type of the same name is not a spelling.
        let pkg = Package::from_source(
            "package p\nimport \"proto\"\ntype Token struct{ v string }\nfunc f(t *proto.Token) *Token { return nil }\n",
            None,
        );
        let found: Vec<usize> = spellings(&pkg, "Token")
            .iter()
            .map(|(_, n)| n.start_position().row + 1)
            .collect();
        assert_eq!(found, vec![3, 4]);
    }

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
    #[test]
    fn a_type_whose_only_values_are_package_vars() {
        let pkg = Package::from_source(
            "package p\ntype opts struct{ a bool }\ntype rec struct{ a bool }\nvar (\n\to opts\n\tr rec\n)\nvar o2 opts\nfunc f() []rec { return nil }\n",
            None,
        );
        assert!(only_package_var_values(&pkg, "opts"));
        assert!(!only_package_var_values(&pkg, "rec"));
        // Declared and never used: nothing says how its values are made.
        assert!(!only_package_var_values(&pkg, "f"));
    }

    #[test]
    fn spellings_are_type_names_and_unshadowed_identifiers() {
        let pkg = Package::from_source(
            "package p\ntype T struct{ v int }\nfunc f(t *T) T { x := T{}; _ = new(T); _ = t.T; return x }\nfunc g() { T := 1; _ = T }\n",
            None,
        );
        let found: Vec<(usize, &str)> = spellings(&pkg, "T")
            .iter()
            .map(|(_, n)| (n.start_byte(), n.kind()))
            .collect();
        let kinds: Vec<&str> = found.iter().map(|(_, k)| *k).collect();
        // The spec, the parameter, the result, the literal, `new(T)`; not `t.T`, not the
        // local `T` of g.
        assert_eq!(kinds, ["type_identifier"; 5], "{found:?}");
        let conversion = Package::from_source("package p\ntype T int\nvar x = T(1)\n", None);
        let kinds: Vec<&str> = spellings(&conversion, "T")
            .iter()
            .map(|(_, n)| n.kind())
            .collect();
        assert_eq!(kinds, ["type_identifier", "identifier"]);
        assert!(!local_type_declared(&pkg, "T"));
        let local = Package::from_source("package p\nfunc f() { type T int; _ = T(1) }\n", None);
        assert!(local_type_declared(&local, "T"));
    }

    #[test]
    fn field_selectors_and_members_elsewhere() {
        let src = "package p\ntype T struct{ v int }\ntype U struct{ w int }\nfunc f(t T, u U) int { return t.v + u.w + t.v }\n";
        let pkg = Package::from_source(src, None);
        assert_eq!(field_selectors(&pkg, "v").len(), 2);
        assert_eq!(field_selectors(&pkg, "w").len(), 1);
        let t = src.find("struct{ v").unwrap();
        let range = t..t + "struct{ v int }".len();
        assert!(!member_named_elsewhere(&pkg, "v", 0, range.clone()));
        assert!(member_named_elsewhere(&pkg, "w", 0, range.clone()));
        let other = Package::from_source(
            "package p\ntype T struct{ v int }\ntype I interface{ v() }\n",
            None,
        );
        assert!(member_named_elsewhere(&other, "v", 0, range));
    }

    #[test]
    fn module_importers_name_the_packages_that_spell_a_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write("go.mod", "module example.com/m\n\ngo 1.22\n");
        write("ids/ids.go", "package ids\n\ntype ID struct{ v int }\n");
        write(
            "ids/ids_ext_test.go",
            "package ids_test\n\nimport \"example.com/m/ids\"\n\nvar _ = ids.New\n",
        );
        write(
            "use/use.go",
            "package use\n\nimport x \"example.com/m/ids\"\n\nfunc F(id *x.ID) {}\n",
        );
        write(
            "vendor/v/v.go",
            "package v\n\nimport \"example.com/m/ids\"\n\nvar _ *ids.ID\n",
        );
        write("nested/go.mod", "module example.com/nested\n");
        write(
            "nested/n.go",
            "package n\n\nimport \"example.com/m/ids\"\n\nvar _ *ids.ID\n",
        );
        let text = std::fs::read_to_string(root.join("ids/ids.go")).unwrap();
        let file = crate::package::GoFile::new(crate::source::SourceFile::new(
            root.join("ids/ids.go"),
            &text,
        ));
        let gomod = crate::package::GoMod::find(&root.join("ids")).map(std::sync::Arc::new);
        let pkg = Package::new(root.join("ids"), "ids".into(), vec![file], gomod);
        assert_eq!(import_path(&pkg).as_deref(), Some("example.com/m/ids"));
        let found = module_importers(&pkg, &["ID"], &[]).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].package, "use");
        assert_eq!((found[0].name.as_str(), found[0].line), ("ID", 5));
        let found = module_importers(&pkg, &["ID", "New"], &[]).unwrap();
        let packages: Vec<&str> = found.iter().map(|i| i.package.as_str()).collect();
        assert_eq!(packages, ["ids_test", "use"]);
        write(
            "holder/h.go",
            "package holder\n\nimport \"example.com/m/ids\"\n\nvar _ = ids.Load().Owner\n",
        );
        write("other/o.go", "package other\n\nvar _ = x.Owner\n");
        let found = module_importers(&pkg, &["Nothing"], &["Owner"]).unwrap();
        let packages: Vec<&str> = found.iter().map(|i| i.package.as_str()).collect();
        assert_eq!(
            packages,
            ["holder"],
            "only files importing the package count"
        );
    }
}
