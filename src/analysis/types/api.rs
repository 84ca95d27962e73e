//! The standard-library type of an expression, as the standard library's API says it
//! (`os.Open(p)` is `*os.File`, `f.Stat()` is `(fs.FileInfo, error)`, `st.Size()` is an
//! `int64`), in the API's own terms ([`stdlib::Type`]), and how a file writes such a type
//! with its own imports. Part of [`crate::analysis::types`]: what a standard value is and
//! how it copies ([`Shape`]).

use tree_sitter::Node;

use crate::analysis::resolve::local_decl;
use crate::analysis::stdlib::{self, Type as StdType};
use crate::analysis::types::go_version;
use crate::fixkit::edit::FileId;
use crate::fixkit::imports::resolve;
use crate::package::Package;
use crate::syntax::{field_children, named_children, text};

/// A predeclared name that no package-level declaration redefines.
fn builtin<'a>(pkg: &Package, name: &'a str) -> Option<&'a str> {
    (!pkg.index().has_top_level(name)).then_some(name)
}

/// A predeclared type name as written (`byte` stays `byte`), or `error`/`any`.
fn static_builtin(name: &str) -> Option<&'static str> {
    crate::golang::BASIC_TYPES
        .iter()
        .chain(["error", "any"].iter())
        .find(|b| **b == name)
        .copied()
}

/// The standard-library type of the expression `expr` of `file`, when the syntax and the
/// standard library's API say it: a call of a standard function (`os.Open(p)` is
/// `*os.File`), a method of a value of a standard type (`f.Stat()`, `st.Size()`,
/// `sc.Text()`), a field of one (`resp.Body`), a standard variable (`os.Stdout`), and a
/// local declared from any of these or with a standard or predeclared type. A call with
/// several results has no single type (see [`std_results`]). None for anything else, for a
/// generic result, and for what the module's Go version does not have yet.
pub fn std_type(pkg: &Package, file: FileId, expr: Node, depth: usize) -> Option<StdType> {
    match std_results(pkg, file, expr, depth)?.as_slice() {
        [t] => Some(t.clone()),
        _ => None,
    }
}

/// The standard-library types of the values of `expr` (several for a call with several
/// results), as [`std_type`] knows them.
pub fn std_results(pkg: &Package, file: FileId, expr: Node, depth: usize) -> Option<Vec<StdType>> {
    if depth > 8 {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let v = go_version(pkg);
    let known =
        |ts: &[StdType]| (!ts.iter().any(StdType::mentions_type_param)).then(|| ts.to_vec());
    match expr.kind() {
        "parenthesized_expression" => {
            std_results(pkg, file, *named_children(expr).first()?, depth + 1)
        }
        "call_expression" => {
            let callee = expr.child_by_field_name("function")?;
            if callee.kind() != "selector_expression" {
                return None;
            }
            let operand = callee.child_by_field_name("operand")?;
            let name = text(callee.child_by_field_name("field")?, src);
            let sig = match resolve(pkg, file, operand) {
                Some(path) => {
                    let f = stdlib::func(&path, name, v)?;
                    if !f.sig.type_params.is_empty() {
                        return None;
                    }
                    f.sig.clone()
                }
                None => {
                    let recv = std_type(pkg, file, operand, depth + 1)?;
                    stdlib::method_of_type(&recv, name, v)?.1
                }
            };
            known(&sig.results)
        }
        "selector_expression" => {
            let operand = expr.child_by_field_name("operand")?;
            let name = text(expr.child_by_field_name("field")?, src);
            let t = match resolve(pkg, file, operand) {
                Some(path) => stdlib::var(&path, name, v)?.clone(),
                None => {
                    let t = std_type(pkg, file, operand, depth + 1)?;
                    stdlib::field_of_type(&t, name, v)?
                }
            };
            known(&[t])
        }
        "identifier" => {
            let decl = local_decl(expr, text(expr, src), src)?;
            let t = std_local_type(pkg, file, decl, depth + 1)?;
            known(&[t])
        }
        _ => None,
    }
}

/// The standard-library type of the local declared by the identifier `decl` (its static
/// type: what its declaration or the call that declares it says).
pub fn std_local_type(pkg: &Package, file: FileId, decl: Node, depth: usize) -> Option<StdType> {
    let parent = decl.parent()?;
    let from_values = |names: Vec<Node>, values: Vec<Node>| -> Option<StdType> {
        let i = names.iter().position(|n| *n == decl)?;
        if values.len() == names.len() {
            std_type(pkg, file, values[i], depth + 1)
        } else if values.len() == 1 {
            let rs = std_results(pkg, file, values[0], depth + 1)?;
            (rs.len() == names.len()).then(|| rs[i].clone())
        } else {
            None
        }
    };
    match parent.kind() {
        "parameter_declaration" => std_type_node(pkg, file, parent.child_by_field_name("type")?),
        "var_spec" => match parent.child_by_field_name("type") {
            Some(t) => std_type_node(pkg, file, t),
            None => from_values(
                field_children(parent, "name"),
                named_children(parent.child_by_field_name("value")?),
            ),
        },
        "expression_list" => {
            let holder = parent.parent()?;
            if holder.kind() != "short_var_declaration"
                || holder.child_by_field_name("left") != Some(parent)
            {
                return None;
            }
            from_values(
                named_children(parent),
                named_children(holder.child_by_field_name("right")?),
            )
        }
        _ => None,
    }
}

/// The standard-library type a type expression spells: a qualified standard type, a
/// predeclared type no declaration shadows, and pointers and slices of them.
fn std_type_node(pkg: &Package, file: FileId, ty: Node) -> Option<StdType> {
    let src = &pkg.files[file].src.text;
    match ty.kind() {
        "qualified_type" => {
            let path = resolve(pkg, file, ty.child_by_field_name("package")?)?;
            let name = text(ty.child_by_field_name("name")?, src);
            stdlib::type_decl(&path, name, go_version(pkg))?;
            Some(StdType::Named {
                pkg: path.into(),
                name: name.into(),
                args: Vec::new(),
            })
        }
        "pointer_type" => Some(StdType::Pointer(Box::new(std_type_node(
            pkg,
            file,
            *named_children(ty).first()?,
        )?))),
        "slice_type" => Some(StdType::Slice(Box::new(std_type_node(
            pkg,
            file,
            ty.child_by_field_name("element")?,
        )?))),
        "type_identifier" => {
            let name = text(ty, src);
            let b = static_builtin(builtin(pkg, name)?)?;
            if local_decl(ty, name, src).is_some() {
                return None;
            }
            Some(StdType::Named {
                pkg: "".into(),
                name: b.into(),
                args: Vec::new(),
            })
        }
        _ => None,
    }
}

/// The predeclared basic type under the standard type `t` (a number, a string, a bool, or
/// a type defined on one: `time.Duration` is `int64`, `fs.FileMode` is `uint32`).
pub fn std_basic(pkg: &Package, t: &StdType) -> Option<&'static str> {
    let StdType::Named {
        pkg: path, name, ..
    } = t
    else {
        return None;
    };
    if path.is_empty() {
        return crate::golang::BASIC_TYPES
            .iter()
            .find(|b| **b == &**name)
            .copied();
    }
    match stdlib::type_kind(path, name, go_version(pkg))? {
        stdlib::Kind::Basic(b) => Some(b),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::control::test_package;
    use crate::syntax::descendants;

    /// The standard type of the expression on the right of `_ = <expr>` at the end of `f`.
    fn std_of(decls: &str, expr: &str, go: (u32, u32)) -> Option<String> {
        let src = format!(
            "package p\n\nimport (\n\t\"bufio\"\n\t\"net/http\"\n\t\"os\"\n\t\"slices\"\n)\n\nvar _ = slices.Clone[[]int]\n\nfunc f(resp *http.Response, sc *bufio.Scanner, err error) {{\n{decls}\n\t_ = {expr}\n}}\n"
        );
        let pkg = test_package(&src, go);
        let root = pkg.files[0].src.root();
        let assign = descendants(root)
            .into_iter()
            .rfind(|n| n.kind() == "assignment_statement")?;
        let e = named_children(assign.child_by_field_name("right")?)[0];
        std_type(&pkg, 0, e, 0).map(|t| {
            let basic = std_basic(&pkg, &t).map_or(String::new(), |b| format!(" ({b})"));
            format!("{t}{basic}")
        })
    }

    #[test]
    fn standard_calls_methods_and_fields() {
        let at = |decls: &str, expr: &str| std_of(decls, expr, (1, 22));
        assert_eq!(at("", "os.Stdout").as_deref(), Some("*os.File"));
        assert_eq!(
            at("\tf, _ := os.Open(\"x\")", "f").as_deref(),
            Some("*os.File")
        );
        assert_eq!(
            at("\tf, _ := os.Open(\"x\")\n\tst, _ := f.Stat()", "st.Size()").as_deref(),
            Some("int64 (int64)")
        );
        assert_eq!(
            at("\tst, _ := os.Stat(\"x\")", "st.Mode()").as_deref(),
            Some("io/fs.FileMode (uint32)")
        );
        assert_eq!(at("", "sc.Text()").as_deref(), Some("string (string)"));
        assert_eq!(at("", "err.Error()").as_deref(), Some("string (string)"));
        assert_eq!(at("", "resp.Body").as_deref(), Some("io.ReadCloser"));
        assert_eq!(at("\tvar n int64", "n").as_deref(), Some("int64 (int64)"));
        // Several results, a generic function, a shadowed import, a local type.
        assert_eq!(at("", "os.Open(\"x\")"), None);
        assert_eq!(at("\ts := []int{1}", "slices.Clone(s)"), None);
        assert_eq!(at("\tos := fakeOS{}", "os.Stdout"), None);
        assert_eq!(at("\ttype int64 string\n\tvar n int64", "n"), None);
    }

    #[test]
    fn the_module_go_version_gates_the_api() {
        let root = "\tr, _ := os.OpenRoot(\"d\")";
        assert_eq!(
            std_of(root, "r.Name()", (1, 24)).as_deref(),
            Some("string (string)")
        );
        assert_eq!(std_of(root, "r.Name()", (1, 23)), None);
    }
}
