//! Does a value leave a region? Followed from the syntax alone: the uses of a local declared
//! in a loop body, and of every value computed from it inside the body (method results,
//! calls taking it, copies into other locals of the body).

use tree_sitter::Node;

use crate::analysis::control::Region;
use crate::analysis::resolve::local_decl;
use crate::analysis::types::api;
use crate::analysis::uses::uses_of;
use crate::syntax::{ancestors, field_children, named_children};

/// Why the local `decl` (a resource of the iteration, or a value derived from it) escapes
/// the iteration, if it does. Values computed from it (method results, calls taking it,
/// copies into locals of the body) are followed; storing any of them outside the body,
/// appending, sending, capturing or taking an address counts as escaping. Calls that
/// merely take it as an argument are trusted not to keep it.
pub fn escapes(site: &Region, decl: Node, depth: usize) -> Option<String> {
    if depth > 6 {
        return Some(format!(
            "{} is copied too many times to follow",
            site.t(decl)
        ));
    }
    let name = site.t(decl);
    for u in uses_of(decl, site.body, site.src) {
        if !site.own(u) && !in_called_literals(site, u) {
            return Some(format!("{name} is captured by a function literal"));
        }
        if ancestors(u)
            .take_while(|a| site.inside_body(*a))
            .any(|a| a.kind() == "go_statement")
        {
            return Some(format!("{name} is used by a goroutine"));
        }
        if let Some(why) = value_escapes(site, u, name, depth) {
            return Some(why);
        }
    }
    None
}

/// True when every function literal between `u` and the body is called in place
/// (`func() { ... }()`, not by `go` or `defer`): it runs before the iteration ends.
fn in_called_literals(site: &Region, u: Node) -> bool {
    ancestors(u)
        .skip(1)
        .take_while(|a| *a != site.body)
        .filter(|a| a.kind() == "func_literal")
        .all(|lit| {
            lit.parent().is_some_and(|call| {
                call.kind() == "call_expression"
                    && call.child_by_field_name("function") == Some(lit)
                    && call
                        .parent()
                        .is_none_or(|s| !matches!(s.kind(), "go_statement" | "defer_statement"))
            })
        })
}

/// Why the value of the expression `v` (derived from the resource `name`) escapes.
fn value_escapes(site: &Region, v: Node, name: &str, depth: usize) -> Option<String> {
    if depth > 6 {
        return Some(format!("{name} is used too deep to follow"));
    }
    let p = path_of(v);
    // A number, string or bool made from the resource (`st.Size()`, `sc.Text()`) holds no
    // pointer: wherever it goes, it cannot keep the resource alive.
    if holds_nothing(site, p) {
        return None;
    }
    let par = p.parent()?;
    let stored = || Some(format!("{name} is stored outside the iteration"));
    match par.kind() {
        // Returned from a function literal called in place: its result may be kept.
        "return_statement" if !site.own(par) => {
            Some(format!("{name} is returned from a function literal"))
        }
        // Consumed where it stands.
        "expression_statement"
        | "defer_statement"
        | "return_statement"
        | "binary_expression"
        | "if_statement"
        | "for_statement"
        | "for_clause"
        | "expression_switch_statement"
        | "inc_statement"
        | "dec_statement" => None,
        "call_expression" => {
            if par.child_by_field_name("function") == Some(p) {
                // A method of it: the result may hold it.
                value_escapes(site, par, name, depth + 1)
            } else {
                stored()
            }
        }
        "argument_list" => {
            let call = par.parent()?;
            if site.is_builtin_call(call, "append") {
                return Some(format!("{name} is appended to a slice"));
            }
            // The call's result may wrap it (bufio.NewReader(f)).
            value_escapes(site, call, name, depth + 1)
        }
        "unary_expression" => {
            if par
                .child_by_field_name("operator")
                .is_some_and(|o| site.t(o) == "&")
            {
                Some(format!("the address of {name} is taken"))
            } else {
                value_escapes(site, par, name, depth + 1)
            }
        }
        "type_assertion_expression" | "type_conversion_expression" => {
            value_escapes(site, par, name, depth + 1)
        }
        // A slice bound is an integer.
        "slice_expression" => None,
        // An index or map key: stored only when the element is assigned.
        "index_expression" => {
            let elem = path_of(par);
            let assigned = elem.parent().is_some_and(|l| {
                l.kind() == "expression_list"
                    && l.parent()
                        .is_some_and(|s| s.child_by_field_name("left") == Some(l))
            });
            if assigned { stored() } else { None }
        }
        "literal_element" => Some(format!("{name} is stored in a composite literal")),
        "send_statement" => Some(format!("{name} is sent on a channel")),
        "expression_list" => {
            let holder = par.parent()?;
            if holder.kind() == "return_statement" && !site.own(holder) {
                return Some(format!("{name} is returned from a function literal"));
            }
            if holder.kind() == "return_statement" || holder.kind() == "expression_case" {
                return None;
            }
            if holder.child_by_field_name("left") == Some(par) {
                // Assigned to, not read.
                return None;
            }
            let on_right = holder.child_by_field_name("right") == Some(par)
                || holder.child_by_field_name("value") == Some(par);
            if !on_right {
                return stored();
            }
            // `n += f.Size()`: compound assignments make numbers and strings, which
            // cannot hold the resource.
            if holder.kind() == "assignment_statement"
                && holder
                    .child_by_field_name("operator")
                    .is_some_and(|o| site.t(o) != "=")
            {
                return None;
            }
            let values = named_children(par);
            let targets: Vec<Node> = match holder.kind() {
                "short_var_declaration" | "assignment_statement" => holder
                    .child_by_field_name("left")
                    .map(named_children)
                    .unwrap_or_default(),
                "var_spec" => field_children(holder, "name"),
                _ => return stored(),
            };
            let targets = if targets.len() == values.len() {
                let i = values.iter().position(|x| *x == p)?;
                vec![targets[i]]
            } else {
                targets
            };
            for t in targets {
                if t.kind() != "identifier" {
                    return stored();
                }
                if site.t(t) == "_" {
                    continue;
                }
                let tdecl = if holder.kind() == "assignment_statement" {
                    local_decl(t, site.t(t), site.src)
                } else {
                    Some(t)
                };
                match tdecl {
                    Some(td) if site.inside_body(td) => {
                        if let Some(why) = escapes(site, td, depth + 1) {
                            return Some(why);
                        }
                    }
                    _ => return stored(),
                }
            }
            None
        }
        "range_clause" => {
            // `for x := range f.Items()`: follow the variables.
            if !crate::analysis::resolve::declares_with_define(par) {
                return stored();
            }
            let left = par.child_by_field_name("left").map(named_children)?;
            for t in left {
                if t.kind() == "identifier"
                    && site.t(t) != "_"
                    && let Some(why) = escapes(site, t, depth + 1)
                {
                    return Some(why);
                }
            }
            None
        }
        _ => Some(format!("{name} is used in a way that cannot be followed")),
    }
}

/// True when the standard library's API says `e` is of a basic type (see
/// [`api::std_type`]) other than `uintptr`: the value holds no pointer and no handle.
/// A `uintptr` may be a file descriptor (`f.Fd()`), which `os.NewFile` turns back into a
/// file that dies with the original.
fn holds_nothing(site: &Region, e: Node) -> bool {
    api::std_type(site.pkg, site.file, e, 0)
        .and_then(|t| api::std_basic(site.pkg, &t))
        .is_some_and(|b| b != "uintptr")
}

/// The maximal selector/index/slice path rooted at the identifier `u`.
pub fn path_of(u: Node) -> Node {
    let mut p = u;
    while let Some(par) = p.parent() {
        let step = match par.kind() {
            "selector_expression" | "index_expression" | "slice_expression" => {
                par.child_by_field_name("operand") == Some(p)
            }
            "parenthesized_expression" => true,
            _ => false,
        };
        if !step {
            break;
        }
        p = par;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::control::{test_package, test_region};
    use crate::syntax::{descendants, text};

    /// Why the first local named `name` declared in the loop body of `body` escapes.
    fn why(body: &str) -> Option<String> {
        let src = format!(
            "package p\n\nimport \"os\"\n\nvar keep []any\n\nfunc f(paths []string, ch chan any) {{\n\tfor _, p := range paths {{\n\t\tf, _ := os.Open(p)\n{body}\n\t}}\n}}\n"
        );
        let pkg = test_package(&src, (1, 22));
        let r = test_region(&pkg, 0);
        let decl = descendants(r.body)
            .into_iter()
            .find(|n| n.kind() == "identifier" && text(*n, r.src) == "f")
            .unwrap();
        escapes(&r, decl, 0)
    }

    #[test]
    fn uses_that_keep_the_value() {
        for (body, want) in [
            ("\t\tkeep = append(keep, f)", "appended to a slice"),
            ("\t\tkeep[0] = f", "stored outside"),
            ("\t\tch <- f", "sent on a channel"),
            ("\t\tkeep = append(keep, []any{f})", "composite literal"),
            ("\t\tg := &f\n\t\t_ = g", "address of f"),
            ("\t\tgo use(f)", "goroutine"),
            ("\t\tlater(func() { use(f) })", "captured"),
            (
                "\t\tr := wrap(f)\n\t\tkeep = append(keep, r.Name())",
                "appended",
            ),
        ] {
            let got = why(body).unwrap_or_else(|| panic!("{body}: kept nothing"));
            assert!(got.contains(want), "{body}: {got}");
        }
    }

    #[test]
    fn uses_that_end_in_the_iteration() {
        for body in [
            "\t\tuse(f)",
            "\t\tn := 0\n\t\tn += len(f.Name())\n\t\t_ = n",
            "\t\tfunc() { use(f) }()",
            "\t\tif f != nil {\n\t\t\treturn\n\t\t}",
            "\t\tg := f\n\t\tuse(g)",
        ] {
            assert_eq!(why(body), None, "{body}");
        }
    }

    #[test]
    fn path_of_takes_selectors_and_indexes() {
        let src = "package p\n\nfunc f(a [][]int) {\n\tfor range a {\n\t\t_ = (a[0])[1:]\n\t}\n}\n";
        let pkg = test_package(src, (1, 22));
        let r = test_region(&pkg, 0);
        let u = descendants(r.body)
            .into_iter()
            .find(|n| n.kind() == "identifier" && text(*n, r.src) == "a")
            .unwrap();
        assert_eq!(text(path_of(u), r.src), "(a[0])[1:]");
    }

    /// Why the local `f` of the loop body escapes, in a file importing os, bufio and io/fs,
    /// in a module of Go `go`.
    fn why_std(body: &str, go: (u32, u32)) -> Option<String> {
        let src = format!(
            "package p\n\nimport (\n\t\"bufio\"\n\t\"io/fs\"\n\t\"os\"\n)\n\nvar keep []any\n\nfunc f(paths []string, sizes []int64, out map[string]string, infos []fs.FileInfo) {{\n\tfor _, p := range paths {{\n{body}\n\t}}\n}}\n"
        );
        let pkg = test_package(&src, go);
        let r = test_region(&pkg, 0);
        let decl = descendants(r.body)
            .into_iter()
            .find(|n| n.kind() == "identifier" && text(*n, r.src) == "f")
            .unwrap();
        escapes(&r, decl, 0)
    }

    const OPEN: &str = "\t\tf, err := os.Open(p)\n\t\tif err != nil {\n\t\t\treturn\n\t\t}\n";

    #[test]
    fn basic_results_of_standard_methods_hold_nothing() {
        for body in [
            // Seed exercise 14.
            "\t\tst, err := f.Stat()\n\t\tif err != nil {\n\t\t\treturn\n\t\t}\n\t\tsizes = append(sizes, st.Size())",
            "\t\tsc := bufio.NewScanner(f)\n\t\tfor sc.Scan() {\n\t\t\tout[p] = sc.Text()\n\t\t}",
            "\t\tout[p] = f.Name()",
            "\t\tvar st fs.FileInfo\n\t\tst, _ = f.Stat()\n\t\tkeep = append(keep, st.Mode())",
            "\t\tn := 0\n\t\tst, _ := f.Stat()\n\t\tsize := st.Size()\n\t\tsizes = append(sizes, size)\n\t\t_ = n",
            "\t\tst, _ := f.Stat()\n\t\tkeep = append(keep, (st).IsDir())",
        ] {
            let src = format!("{OPEN}{body}");
            assert_eq!(why_std(&src, (1, 22)), None, "{body}");
        }
    }

    #[test]
    fn the_resource_and_what_points_into_it_still_escape() {
        for (body, want) in [
            (
                "\t\tst, _ := f.Stat()\n\t\tinfos = append(infos, st)",
                "appended",
            ),
            ("\t\tkeep = append(keep, f)", "appended"),
            (
                "\t\tsc := bufio.NewScanner(f)\n\t\tkeep = append(keep, sc)",
                "appended",
            ),
            (
                "\t\tsc := bufio.NewScanner(f)\n\t\tsc.Scan()\n\t\tkeep = append(keep, sc.Bytes())",
                "appended",
            ),
            (
                "\t\tst, _ := f.Stat()\n\t\tkeep = append(keep, st.Sys())",
                "appended",
            ),
            (
                "\t\tst, _ := f.Stat()\n\t\tkeep = append(keep, st.ModTime())",
                "appended",
            ),
            (
                "\t\tfd := f.Fd()\n\t\tg := os.NewFile(fd, p)\n\t\tkeep = append(keep, g)",
                "appended",
            ),
            (
                "\t\tst, _ := f.Stat()\n\t\tsz := &st\n\t\t_ = sz",
                "address",
            ),
        ] {
            let src = format!("{OPEN}{body}");
            let got = why_std(&src, (1, 22)).unwrap_or_else(|| panic!("{body}: kept nothing"));
            assert!(got.contains(want), "{body}: {got}");
        }
    }

    #[test]
    fn what_the_module_go_version_lacks_is_unknown() {
        // os.OpenRoot and (*os.Root).Name are Go 1.24.
        let body = "\t\tf, err := os.OpenRoot(p)\n\t\tif err != nil {\n\t\t\treturn\n\t\t}\n\t\tout[p] = f.Name()";
        assert_eq!(why_std(body, (1, 24)), None);
        assert!(why_std(body, (1, 23)).is_some());
    }
}
