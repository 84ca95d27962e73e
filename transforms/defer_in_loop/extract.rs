//! The rewrite of defer-in-loop: the loop body becomes a helper function (or a function
//! literal called in place), with its returns, jumps and free variables carried over.

use std::collections::HashSet;
use std::ops::Range;

use tree_sitter::Node;

use crate::analysis::control::{exits, last_statement, return_values, terminating};
use crate::analysis::flow::{escapes, path_of};
use crate::analysis::resolve::{declared_by_statement, local_decl};
use crate::analysis::uses::{UseKind, classify, is_assigned, unparen, uses_of};
use crate::fixkit::edit::{Edit, FileId};
use crate::fixkit::imports::call_target;
use crate::fixkit::indent::shift_lines;
use crate::fixkit::names;
use crate::fixkit::place;
use crate::package::Package;
use crate::syntax::{
    descendants, enclosing_function, enclosing_top_level, field_children, named_children,
    statements, text,
};

use super::{Release, Site, adjacent_comment, nothing_after_loop, short};
use crate::analysis::types::spelled::{self, decl_spelling};
use crate::analysis::types::{self, Shape, api};

/// The result list of a function.
enum Results<'t> {
    Void,
    Named(Vec<Node<'t>>),
    Unnamed(Vec<Node<'t>>),
}

impl<'t> Results<'t> {
    fn types(&self) -> &[Node<'t>] {
        match self {
            Results::Void => &[],
            Results::Named(t) | Results::Unnamed(t) => t,
        }
    }
}

/// How the extracted body reports back to the loop.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Form {
    /// No results: `h(args)`.
    Plain,
    /// A bool: true means run `jump` (`return`, `break`, `continue outer`).
    Bool(String),
    /// `error`: `if err := h(args); err != nil { return <lead>err }`. The function's last
    /// result is `error`, every return of the body returns a non-nil error, and before it
    /// the same constants (`lead`, as in `return nil, err`; none when `error` is the only
    /// result).
    ErrorOnly(Vec<String>),
    /// `(bool, error)`: a jump flag named `flag`, then the error; as `ErrorOnly` otherwise.
    FlagError(&'static str, String, Vec<String>),
    /// `(bool, results..., error)`: the body returns non-nil errors with other values that
    /// differ, and also leaves the loop. The call site returns when the error is not nil,
    /// else runs `jump` when the flag is set.
    FlagValues {
        flag: String,
        jump: String,
        /// The zero values of the results before the error.
        zeros: Vec<String>,
        /// Names for those results at the call site.
        names: Vec<String>,
    },
    /// `(bool, results...)`: true means "return these"; the zero values for fall-through.
    Values(Vec<String>),
}

/// The planned fix.
pub(super) struct Plan {
    pub edits: Vec<Edit>,
    pub helper: Option<String>,
}

fn results<'t>(func: Node<'t>) -> Results<'t> {
    let Some(r) = func.child_by_field_name("result") else {
        return Results::Void;
    };
    if r.kind() != "parameter_list" {
        return Results::Unnamed(vec![r]);
    }
    let decls = named_children(r);
    if decls.is_empty() {
        return Results::Void;
    }
    let mut types = Vec::new();
    let mut named = false;
    for d in decls {
        let Some(t) = d.child_by_field_name("type") else {
            continue;
        };
        let names = field_children(d, "name");
        if names.is_empty() {
            types.push(t);
        } else {
            named = true;
            types.extend(names.iter().map(|_| t));
        }
    }
    if named {
        Results::Named(types)
    } else {
        Results::Unnamed(types)
    }
}

/// True when `ret` (`return x` in a function returning `error`) provably returns a
/// non-nil error: `fmt.Errorf(...)`, `errors.New(...)`, a package-level sentinel made by
/// one of them and never written (what sentinel-error turns them into, so that its fix in
/// an earlier pass does not block this one), or `return err` directly inside
/// `if err != nil { ... }` with nothing in between that could change `err`.
fn non_nil_return(site: &Site, ret: Node) -> bool {
    let vals = return_values(ret);
    let Some(&e) = vals.last() else {
        return false;
    };
    if e.kind() == "call_expression" {
        return call_target(site.pkg, site.file, e)
            .is_some_and(|(p, f)| (p == "fmt" && f == "Errorf") || (p == "errors" && f == "New"));
    }
    if e.kind() != "identifier" {
        return false;
    }
    let name = site.t(e);
    if local_decl(e, name, site.src).is_none() {
        return unwritten_sentinel(site.pkg, name);
    }
    let Some(list) = ret.parent().filter(|p| p.kind() == "statement_list") else {
        return false;
    };
    let Some(block) = list.parent().filter(|b| b.kind() == "block") else {
        return false;
    };
    let Some(ifs) = block.parent().filter(|i| {
        i.kind() == "if_statement" && i.child_by_field_name("consequence") == Some(block)
    }) else {
        return false;
    };
    let Some(cond) = ifs.child_by_field_name("condition") else {
        return false;
    };
    let Some(cv) = nil_checked(site, cond, true).filter(|cv| site.t(*cv) == name) else {
        return false;
    };
    let Some(decl) = local_decl(e, name, site.src) else {
        return false;
    };
    if local_decl(cv, name, site.src) != Some(decl) {
        return false;
    }
    let before: Vec<Node> = named_children(list)
        .into_iter()
        .take_while(|s| *s != ret)
        .collect();
    if before.is_empty() {
        return true;
    }
    // Statements between the check and the return: no write to err, no closure, and err
    // is never written through a pointer or by a closure.
    let writes = before.iter().any(|s| {
        descendants(*s).into_iter().any(|n| {
            n.kind() == "func_literal"
                || (n.kind() == "identifier" && site.t(n) == name && is_assigned(n, site.src))
        })
    });
    if writes {
        return false;
    }
    let scope = enclosing_function(decl).unwrap_or(site.func);
    !uses_of(decl, scope, site.src).into_iter().any(|u| {
        classify(u, site.src) == UseKind::AddressOf
            || (is_assigned(u, site.src) && enclosing_function(u) != Some(scope))
    })
}

/// True when `name` is an unexported package-level variable whose every declaration is
/// `var name = errors.New(...)` or `fmt.Errorf(...)` (never nil) and that no file of the
/// package assigns or takes the address of (another package cannot: it is unexported).
fn unwritten_sentinel(pkg: &Package, name: &str) -> bool {
    if name == "_" || name.chars().next().is_none_or(char::is_uppercase) {
        return false;
    }
    let files = pkg.index().top_level_files(name);
    let declared_as_error = |fid: FileId| {
        let src = &pkg.files[fid].src.text;
        named_children(pkg.files[fid].src.root())
            .into_iter()
            .filter(|d| {
                crate::package::top_level_names(*d, src)
                    .iter()
                    .any(|n| n == name)
            })
            .all(|d| {
                d.kind() == "var_declaration"
                    && crate::syntax::specs(d).into_iter().all(|spec| {
                        let names = field_children(spec, "name");
                        let Some(i) = names.iter().position(|n| text(*n, src) == name) else {
                            return true;
                        };
                        let values = spec
                            .child_by_field_name("value")
                            .map(named_children)
                            .unwrap_or_default();
                        names.len() == values.len()
                            && call_target(pkg, fid, values[i]).is_some_and(|(p, f)| {
                                (p == "fmt" && f == "Errorf") || (p == "errors" && f == "New")
                            })
                    })
            })
    };
    !files.is_empty() && files.into_iter().all(declared_as_error) && !pkg.may_write(name)
}

/// `a, b, ` for the constants `[a, b]` written before the error at the call site.
fn lead_text(lead: &[String]) -> String {
    lead.iter().map(|l| format!("{l}, ")).collect()
}

/// The values every return of `returns` writes before its error, when they are the same
/// constants in all of them (literals, `nil`, `true`, `false`): they mean the same at the
/// call site, so the helper returns only the error.
fn same_constants(site: &Site, returns: &[Node]) -> Option<Vec<String>> {
    let mut lead: Option<Vec<String>> = None;
    for r in returns {
        let vals = return_values(*r);
        let (_, before) = vals.split_last()?;
        let mut these = Vec::new();
        for v in before {
            let t = site.t(*v);
            let constant = match v.kind() {
                "int_literal"
                | "float_literal"
                | "imaginary_literal"
                | "rune_literal"
                | "interpreted_string_literal" => true,
                "nil" | "true" | "false" => {
                    local_decl(*v, t, site.src).is_none() && !site.pkg.index().has_top_level(t)
                }
                _ => false,
            };
            if !constant || t.contains('\n') {
                return None;
            }
            these.push(t.to_string());
        }
        match &lead {
            Some(l) if *l != these => return None,
            Some(_) => {}
            None => lead = Some(these),
        }
    }
    lead
}

/// The identifier `x` of the condition `x != nil` (or `nil != x` too, with `either_side`).
fn nil_checked<'t>(site: &Site<'t>, cond: Node<'t>, either_side: bool) -> Option<Node<'t>> {
    if cond.kind() != "binary_expression"
        || cond
            .child_by_field_name("operator")
            .is_none_or(|o| site.t(o) != "!=")
    {
        return None;
    }
    match (
        cond.child_by_field_name("left")?,
        cond.child_by_field_name("right")?,
    ) {
        (l, r) if l.kind() == "identifier" && r.kind() == "nil" => Some(l),
        (l, r) if either_side && r.kind() == "identifier" && l.kind() == "nil" => Some(r),
        _ => None,
    }
}

/// The last value of the one statement of `if_stmt`'s block when it is `return lead…, var`
/// (the values before it spelled as `lead`).
fn returns_lead_then<'t>(
    site: &Site<'t>,
    if_stmt: Node<'t>,
    lead: &[String],
    var: &str,
) -> Option<Node<'t>> {
    let cons = statements(if_stmt.child_by_field_name("consequence")?);
    if cons.len() != 1 || cons[0].kind() != "return_statement" {
        return None;
    }
    let vals = return_values(cons[0]);
    let (last, before) = vals.split_last()?;
    (last.kind() == "identifier"
        && site.t(*last) == var
        && before.len() == lead.len()
        && before.iter().zip(lead).all(|(v, l)| site.t(*v) == l))
    .then_some(*last)
}

/// The variable in a trailing `if err != nil { return err }` that can become `return err`
/// (the helper's `return nil` follows it): `err` is of type `error` itself, as its
/// declaration or the standard library's API says (`_, err = io.Copy(w, f)`), so that a nil
/// `err` is the nil error.
fn foldable_check<'t>(site: &Site<'t>, stmt: Node<'t>, lead: &[String]) -> Option<Node<'t>> {
    if stmt.kind() != "if_statement"
        || stmt.child_by_field_name("alternative").is_some()
        || stmt.child_by_field_name("initializer").is_some()
        || descendants(stmt).iter().any(|n| n.kind() == "comment")
    {
        return None;
    }
    let var = nil_checked(site, stmt.child_by_field_name("condition")?, false)?;
    let last = returns_lead_then(site, stmt, lead, site.t(var))?;
    let decl = local_decl(var, site.t(var), site.src)?;
    if local_decl(last, site.t(last), site.src) != Some(decl) {
        return None;
    }
    let ty = api::std_type(site.pkg, site.file, var, 0)?;
    (ty.universe_name() == Some("error") && !site.pkg.index().has_top_level("error")).then_some(var)
}

/// The call in a trailing `if err := f(x); err != nil { return err }` that can become
/// `return f(x)`: `f` is a function of the package, or a function or method of the standard
/// library, whose result is exactly `error`.
fn foldable_call<'t>(site: &Site<'t>, stmt: Node<'t>, lead: &[String]) -> Option<Node<'t>> {
    if stmt.kind() != "if_statement" || stmt.child_by_field_name("alternative").is_some() {
        return None;
    }
    if descendants(stmt).iter().any(|n| n.kind() == "comment") {
        return None;
    }
    let init = stmt.child_by_field_name("initializer")?;
    if init.kind() != "short_var_declaration" {
        return None;
    }
    let left = named_children(init.child_by_field_name("left")?);
    let right = named_children(init.child_by_field_name("right")?);
    if left.len() != 1 || right.len() != 1 || left[0].kind() != "identifier" {
        return None;
    }
    let var = site.t(left[0]);
    let call = right[0];
    nil_checked(site, stmt.child_by_field_name("condition")?, false)
        .filter(|l| site.t(*l) == var)?;
    returns_lead_then(site, stmt, lead, var)?;
    if call.kind() != "call_expression" {
        return None;
    }
    let f = call.child_by_field_name("function")?;
    // A standard function or method whose only result is `error` (`sc.Err()`).
    if f.kind() == "selector_expression" {
        let rs = api::std_results(site.pkg, site.file, call, 0)?;
        let only_error = matches!(rs.as_slice(), [t] if t.universe_name() == Some("error"));
        return (only_error && !site.pkg.index().has_top_level("error")).then_some(call);
    }
    if f.kind() != "identifier" {
        return None;
    }
    let fname = site.t(f);
    if local_decl(f, fname, site.src).is_some() || site.pkg.index().has_top_level("error") {
        return None;
    }
    let files = site.pkg.index().top_level_files(fname);
    let mut seen = false;
    for &fid in &files {
        let file = &site.pkg.files[fid];
        let fsrc = &file.src.text;
        for decl in named_children(file.src.root()) {
            if decl.kind() != "function_declaration"
                || decl.child_by_field_name("name").map(|n| text(n, fsrc)) != Some(fname)
            {
                continue;
            }
            if decl.child_by_field_name("type_parameters").is_some() {
                return None;
            }
            let r = decl.child_by_field_name("result")?;
            let ok = match r.kind() {
                "type_identifier" => text(r, fsrc) == "error",
                "parameter_list" => {
                    let ds = named_children(r);
                    ds.len() == 1
                        && field_children(ds[0], "name").len() <= 1
                        && ds[0].child_by_field_name("type").is_some_and(|t| {
                            t.kind() == "type_identifier" && text(t, fsrc) == "error"
                        })
                }
                _ => false,
            };
            if !ok {
                return None;
            }
            seen = true;
        }
    }
    seen.then_some(call)
}

/// A free variable of the body: declared in the function outside the body.
struct Free<'t> {
    decl: Node<'t>,
    name: &'t str,
    uses: Vec<Node<'t>>,
}

/// True for an identifier that declares rather than uses.
fn is_declaring(n: Node) -> bool {
    let Some(p) = n.parent() else { return false };
    match p.kind() {
        "expression_list" => {
            p.parent().is_some_and(|s| {
                s.child_by_field_name("left") == Some(p)
                    && match s.kind() {
                        "short_var_declaration" => true,
                        "range_clause" | "receive_statement" => {
                            crate::analysis::resolve::declares_with_define(s)
                        }
                        _ => false,
                    }
            }) || p.parent().is_some_and(|s| {
                s.kind() == "type_switch_statement" && s.child_by_field_name("alias") == Some(p)
            })
        }
        "var_spec"
        | "const_spec"
        | "parameter_declaration"
        | "variadic_parameter_declaration"
        | "type_spec"
        | "type_alias" => field_children(p, "name").contains(&n),
        // A key of a keyed element may be a field name or a map key (a real use): it
        // counts as a use, at worst an unneeded parameter.
        _ => false,
    }
}

fn free_vars<'t>(site: &Site<'t>) -> Result<Vec<Free<'t>>, String> {
    let mut out: Vec<Free> = Vec::new();
    for n in descendants(site.body) {
        if n.kind() != "identifier" || is_declaring(n) {
            continue;
        }
        let name = site.t(n);
        if name == "_" {
            continue;
        }
        let Some(decl) = local_decl(n, name, site.src) else {
            continue;
        };
        if site.inside_body(decl) {
            continue;
        }
        match out.iter_mut().find(|f| f.decl == decl) {
            Some(f) => f.uses.push(n),
            None => {
                if out.iter().any(|f| f.name == name) {
                    return Err(format!("two variables named {name}"));
                }
                out.push(Free {
                    decl,
                    name,
                    uses: vec![n],
                });
            }
        }
    }
    // Loop variables first, in declaration order; then the others in order of first use.
    let is_loop_var = |f: &Free| {
        site.lp.start_byte() <= f.decl.start_byte() && f.decl.end_byte() <= site.body.start_byte()
    };
    let (mut loop_vars, others): (Vec<Free>, Vec<Free>) = out.into_iter().partition(is_loop_var);
    loop_vars.sort_by_key(|f| f.decl.start_byte());
    loop_vars.extend(others);
    Ok(loop_vars)
}

/// The parameter `name type` for the free variable `f`, or why a copy would not behave
/// like the variable.
fn parameter(site: &Site, f: &Free) -> Result<String, String> {
    let name = f.name;
    let unknown = || format!("the type of {name} is not known from the syntax");
    let (ty_text, shape) = match decl_spelling(site.pkg, site.file, f.decl, 0) {
        Some(sp) => (
            sp.text(site.src)
                .ok_or_else(|| format!("the type of {name} spans lines"))?,
            sp.ty(site.pkg, site.file)
                .and_then(|ty| types::shape(site.pkg, &ty))
                .ok_or_else(unknown)?,
        ),
        // Declared from a call (`dir, err := os.MkdirTemp(...)`, `n := countLines(f)`):
        // the type the model infers, when the file can write it.
        None => {
            let ty = types::decl_type(site.pkg, site.file, f.decl).ok_or_else(unknown)?;
            let text = spelled::in_file(site.pkg, site.file, &ty).ok_or_else(unknown)?;
            (text, types::shape(site.pkg, &ty).ok_or_else(unknown)?)
        }
    };
    let value_like = matches!(shape, Shape::Value | Shape::Array);
    let decl_scope = enclosing_function(f.decl).unwrap_or(site.func);
    let all_uses = uses_of(f.decl, decl_scope, site.src);
    let reassigned = all_uses.iter().any(|u| is_assigned(*u, site.src));
    let range_var_shared = !site.pkg.go_at_least(1, 22)
        && site.lp.start_byte() <= f.decl.start_byte()
        && f.decl.end_byte() <= site.body.start_byte();
    for &u in &f.uses {
        if is_assigned(u, site.src) {
            return Err(format!("the body assigns {name}"));
        }
        if classify(u, site.src) == UseKind::AddressOf {
            return Err(format!("the body takes the address of {name}"));
        }
        let p = path_of(u);
        if value_like && p != unparen(u) {
            return Err(format!(
                "{name} is a value whose fields or methods the body uses (a parameter would be a copy)"
            ));
        }
        if !site.own(u) && (reassigned || range_var_shared) {
            return Err(format!(
                "a function literal in the body captures {name}, which changes"
            ));
        }
    }
    for &u in &all_uses {
        if classify(u, site.src) == UseKind::AddressOf
            || (value_like && (classify(path_of(u), site.src) == UseKind::AddressOf))
        {
            return Err(format!("the address of {name} is taken"));
        }
        let in_literal = enclosing_function(u) != Some(decl_scope);
        if in_literal && (is_assigned(u, site.src) || (value_like && path_of(u) != unparen(u))) {
            return Err(format!("a function literal may change {name}"));
        }
    }
    Ok(format!("{name} {ty_text}"))
}

/// Why the body cannot become a helper with these parameters (names declared at the top
/// level of the body that clash with a parameter).
fn redeclaration(site: &Site, params: &[&Free]) -> Option<String> {
    let param_names: HashSet<&str> = params.iter().map(|f| f.name).collect();
    let mut declared: HashSet<&str> = HashSet::new();
    for &s in &site.stmts {
        let names = declared_by_statement(s);
        for n in &names {
            let name = site.t(*n);
            if !param_names.contains(name) {
                continue;
            }
            // `ctx, cancel := context.WithTimeout(ctx, d)`: ctx stays a context, and the
            // parameter is just overwritten, as long as nothing holds on to it.
            let inner = if s.kind() == "short_var_declaration" {
                Some(s)
            } else {
                None
            };
            let ok = inner.is_some_and(|s| {
                let others_new = names.iter().any(|o| {
                    let on = site.t(*o);
                    on != "_" && !param_names.contains(on) && !declared.contains(on)
                });
                let right = s
                    .child_by_field_name("right")
                    .map(named_children)
                    .unwrap_or_default();
                let is_with = right.len() == 1
                    && call_target(site.pkg, site.file, right[0])
                        .is_some_and(|(p, f)| p == "context" && f.starts_with("With"))
                    && names.first() == Some(n);
                let param_is_ctx = params
                    .iter()
                    .find(|f| f.name == name)
                    .and_then(|f| types::decl_type(site.pkg, site.file, f.decl))
                    .is_some_and(|t| t.is_imported("context", "Context"));
                let held = descendants(site.body).into_iter().any(|u| {
                    u.kind() == "identifier"
                        && site.t(u) == name
                        && (!site.own(u) || classify(u, site.src) == UseKind::AddressOf)
                });
                others_new && is_with && param_is_ctx && !held
            });
            if !ok {
                return Some(format!("the body redeclares {name}"));
            }
        }
        declared.extend(names.iter().map(|n| site.t(*n)));
    }
    None
}

/// The helper's name: `<function>One`, lower-cased, unique in the package.
fn helper_name(site: &Site) -> Option<String> {
    let name = site.t(site.func.child_by_field_name("name")?);
    if name == "_" {
        return None;
    }
    let chars: Vec<char> = name.chars().collect();
    let run = chars.iter().take_while(|c| c.is_uppercase()).count();
    let lower = if run > 1 && run < chars.len() && chars[run].is_lowercase() {
        run - 1
    } else {
        run
    };
    let base: String = chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < lower {
                c.to_lowercase().next().unwrap_or(*c)
            } else {
                *c
            }
        })
        .collect();
    Some(names::fresh_in_package(
        site.pkg.index(),
        &format!("{base}One"),
        &HashSet::new(),
    ))
}

pub(super) fn plan(
    site: &Site,
    own: &[Node],
    defers: &[Node],
    releases: &[Release],
    prefer_closure: bool,
) -> Result<Plan, String> {
    let src = site.src;
    if site
        .lp
        .parent()
        .is_some_and(|p| p.kind() == "labeled_statement")
    {
        return Err("the loop is labelled".into());
    }
    if own.iter().any(|n| n.kind() == "goto_statement") {
        return Err("the loop contains a goto".into());
    }
    if descendants(site.body)
        .into_iter()
        .any(|n| site.is_builtin_call(n, "recover"))
    {
        return Err("the loop calls recover()".into());
    }
    for (r, d) in releases.iter().zip(defers) {
        if let Some(c) = adjacent_comment(site, *d) {
            return Err(format!(
                "the comment `{}` next to the defer suggests it is placed on purpose",
                short(text(c, src))
            ));
        }
        // A resource nothing uses after the defer is acquired to be held (`open enough
        // connections`): releasing it at once would defeat the loop.
        let used_later = |decl: Node| {
            uses_of(decl, site.body, src)
                .iter()
                .any(|u| u.start_byte() >= d.end_byte())
        };
        let held = match r {
            Release::Close(decl) => Some(*decl),
            Release::Cancel(_, ctx_var) => {
                Some(ctx_var.ok_or("the context of cancel is discarded")?)
            }
            Release::Unlock => None,
        };
        if let Some(decl) = held
            && !used_later(decl)
        {
            return Err(format!(
                "nothing uses {} after the defer: the loop seems to hold it on purpose",
                text(decl, src)
            ));
        }
        let checks: Vec<Node> = match r {
            Release::Close(d) => vec![*d],
            Release::Cancel(c, x) => std::iter::once(*c).chain(*x).collect(),
            Release::Unlock => Vec::new(),
        };
        for d in checks {
            if let Some(why) = escapes(site, d, 0) {
                return Err(format!(
                    "{why}: it must stay live until the function returns"
                ));
            }
        }
        if matches!(r, Release::Unlock) && !nothing_after_loop(site) {
            return Err(
                "code after the loop may rely on the locks the deferred unlocks still hold".into(),
            );
        }
    }
    if descendants(site.body).into_iter().any(|n| {
        matches!(n.kind(), "raw_string_literal" | "comment") && text(n, src).contains('\n')
    }) {
        return Err("a multi-line raw string or comment in the body cannot be re-indented".into());
    }
    // The body's layout: `{` ends its line, `}` starts its own.
    let inner = site.body.start_byte() + 1..site.body.end_byte() - 1;
    let content = &src[inner.clone()];
    let Some(last_nl) = content.rfind('\n') else {
        return Err("unusual layout of the loop body".into());
    };
    let closing = &content[last_nl + 1..];
    if !content.starts_with('\n') || !closing.chars().all(|c| c == '\t') {
        return Err("unusual layout of the loop body".into());
    }
    let closing = closing.to_string();

    let fl = exits(site, own)?;
    let res = results(site.func);
    let zeros_at = site.lp;

    // Returns: bare or with values, never both.
    let bare = fl
        .returns
        .iter()
        .filter(|r| return_values(**r).is_empty())
        .count();
    let valued = fl.returns.len() - bare;
    if bare > 0 && valued > 0 {
        return Err("the body has both bare returns and returns with values".into());
    }
    let rtypes = res.types();
    if valued > 0
        && fl
            .returns
            .iter()
            .any(|r| return_values(*r).len() != rtypes.len())
    {
        return Err("a return whose values cannot be prefixed (a multi-value call)".into());
    }
    let error_last = matches!(res, Results::Unnamed(_) | Results::Named(_))
        && rtypes.last().is_some_and(|t| {
            t.kind() == "type_identifier"
                && text(*t, src) == "error"
                && local_decl(*t, "error", src).is_none()
        })
        && !site.pkg.index().has_top_level("error");
    let zeros_of = |ts: &[Node]| -> Result<Vec<String>, String> {
        ts.iter()
            .map(|t| {
                types::zero_value_of_written(site.pkg, site.file, *t, zeros_at).ok_or_else(|| {
                    format!(
                        "the zero value of {} is not known from the syntax",
                        text(*t, src)
                    )
                })
            })
            .collect()
    };
    let form = if fl.returns.is_empty() {
        match &fl.exit {
            None => Form::Plain,
            Some(j) => Form::Bool(j.clone()),
        }
    } else if valued == 0 {
        if fl.exit.is_some() {
            return Err("the body both returns and leaves the loop".into());
        }
        Form::Bool("return".into())
    } else if error_last && fl.returns.iter().all(|r| non_nil_return(site, *r)) {
        let flag = |j: &str| {
            if j.starts_with("break") {
                "brk"
            } else {
                "cont"
            }
        };
        match (&fl.exit, same_constants(site, &fl.returns)) {
            (None, Some(lead)) => Form::ErrorOnly(lead),
            (Some(j), Some(lead)) => Form::FlagError(flag(j), j.clone(), lead),
            (None, None) => Form::Values(zeros_of(rtypes)?),
            (Some(j), None) => {
                let before = &rtypes[..rtypes.len() - 1];
                let top = enclosing_top_level(site.func).unwrap_or(site.func);
                let mut taken: Vec<String> = Vec::new();
                let mut fresh = |base: &str| {
                    let n = names::fresh_name(base, |n| {
                        !taken.iter().any(|t| t == n)
                            && names::fresh_in_function(site.pkg, site.file, top, n) == n
                    });
                    taken.push(n.clone());
                    n
                };
                let flag = fresh(flag(j));
                let names = (0..before.len())
                    .map(|i| {
                        if before.len() == 1 {
                            fresh("r")
                        } else {
                            fresh(&format!("r{i}"))
                        }
                    })
                    .collect();
                Form::FlagValues {
                    flag,
                    jump: j.clone(),
                    zeros: zeros_of(before)?,
                    names,
                }
            }
        }
    } else {
        if fl.exit.is_some() {
            return Err("the body both returns values and leaves the loop, and not every return is a non-nil error".into());
        }
        Form::Values(zeros_of(rtypes)?)
    };

    // Helper or function literal.
    let free = free_vars(site);
    let helper_ok = !prefer_closure
        && matches!(
            site.func.kind(),
            "function_declaration" | "method_declaration"
        )
        && site.func.child_by_field_name("type_parameters").is_none()
        && !site
            .func
            .child_by_field_name("receiver")
            .is_some_and(|r| descendants(r).iter().any(|n| n.kind() == "generic_type"))
        && !descendants(site.func)
            .iter()
            .any(|n| n.kind() == "type_declaration");
    let mut helper: Option<(String, Vec<String>, Vec<&str>)> = None;
    if helper_ok && let Ok(free) = &free {
        let params: Result<Vec<String>, String> = free.iter().map(|f| parameter(site, f)).collect();
        let refs: Vec<&Free> = free.iter().collect();
        if let Ok(params) = params
            && redeclaration(site, &refs).is_none()
            && let Some(name) = helper_name(site)
        {
            let args = free.iter().map(|f| f.name).collect();
            helper = Some((name, params, args));
        }
    }

    // Edits inside the body.
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let zeros_list = |z: &[String]| z.join(", ");
    let (cont_repl, exit_repl, ret_prefix, bare_repl, final_ret, res_text) = match &form {
        Form::Plain => (
            "return".to_string(),
            String::new(),
            "",
            "",
            None,
            String::new(),
        ),
        Form::Bool(_) => (
            "return false".into(),
            "return true".into(),
            "",
            "return true",
            Some("return false".to_string()),
            " bool".into(),
        ),
        Form::ErrorOnly(_) => (
            "return nil".into(),
            String::new(),
            "",
            "",
            Some("return nil".to_string()),
            " error".into(),
        ),
        Form::FlagValues { zeros, .. } => {
            let types: Vec<&str> = rtypes.iter().map(|t| text(*t, src)).collect();
            if types.iter().any(|t| t.contains('\n')) {
                return Err("a result type spans lines".into());
            }
            let z = zeros_list(zeros);
            (
                format!("return false, {z}, nil"),
                format!("return true, {z}, nil"),
                "false, ",
                "",
                Some(format!("return false, {z}, nil")),
                format!(" (bool, {})", types.join(", ")),
            )
        }
        Form::FlagError(..) => (
            "return false, nil".into(),
            "return true, nil".into(),
            "false, ",
            "",
            Some("return false, nil".to_string()),
            " (bool, error)".into(),
        ),
        Form::Values(z) => {
            let fall = format!("return false, {}", zeros_list(z));
            let types: Vec<&str> = rtypes.iter().map(|t| text(*t, src)).collect();
            if types.iter().any(|t| t.contains('\n')) {
                return Err("a result type spans lines".into());
            }
            (
                fall.clone(),
                String::new(),
                "true, ",
                "",
                Some(fall),
                format!(" (bool, {})", types.join(", ")),
            )
        }
    };
    for c in &fl.conts {
        edits.push((c.byte_range(), cont_repl.clone()));
    }
    for e in &fl.exits {
        edits.push((e.byte_range(), exit_repl.clone()));
    }
    for r in &fl.returns {
        match return_values(*r).first() {
            None => {
                if !bare_repl.is_empty() {
                    edits.push((r.byte_range(), bare_repl.to_string()));
                }
            }
            Some(v) => {
                // The constants before the error go to the call site.
                let lead = match &form {
                    Form::ErrorOnly(l) | Form::FlagError(_, _, l) => l.len(),
                    _ => 0,
                };
                let vals = return_values(*r);
                let cut = v.start_byte()..vals[lead].start_byte();
                if src[cut.clone()].contains('/') {
                    return Err("a comment between returned values".into());
                }
                if !ret_prefix.is_empty() || !cut.is_empty() {
                    edits.push((cut, ret_prefix.to_string()));
                }
            }
        }
    }
    let rewritten: HashSet<usize> = fl
        .conts
        .iter()
        .chain(fl.exits.iter())
        .map(|n| n.start_byte())
        .collect();
    let last = last_statement(site.body).ok_or("an empty loop body")?;
    let mut final_ret = final_ret;
    if let Form::ErrorOnly(lead) = &form
        && let Some(call) = foldable_call(site, last, lead)
    {
        // The fold replaces the statement with the edits of its return.
        edits.retain(|(r, _)| !(last.start_byte() <= r.start && r.end <= last.end_byte()));
        edits.push((last.byte_range(), format!("return {}", text(call, src))));
        final_ret = None;
    } else if let Form::ErrorOnly(lead) = &form
        && let Some(var) = foldable_check(site, last, lead)
    {
        edits.retain(|(r, _)| !(last.start_byte() <= r.start && r.end <= last.end_byte()));
        edits.push((last.byte_range(), format!("return {}", text(var, src))));
        final_ret = None;
    } else if terminating(site, last, &rewritten) {
        final_ret = None;
    }

    // The body's new text, re-indented.
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut new_content = String::new();
    let mut pos = inner.start;
    for (r, s) in &edits {
        if r.start < pos {
            return Err("overlapping rewrites in the body".into());
        }
        new_content.push_str(&src[pos..r.start]);
        new_content.push_str(s);
        pos = r.end;
    }
    new_content.push_str(&src[pos..inner.end]);
    let Some(nl) = new_content.rfind('\n').filter(|nl| *nl > 0) else {
        return Err("unusual layout of the loop body".into());
    };
    let lines: Vec<&str> = new_content[1..nl].split('\n').collect();
    let ind = format!("{closing}\t");
    let (from, to) = match helper {
        Some(_) => (closing.as_str(), ""),
        None => ("", "\t"),
    };
    let Some(mut body_text) = shift_lines(&lines, from, to) else {
        return Err("unusual indentation in the loop body".into());
    };
    let stmt_indent = if helper.is_some() {
        "\t".to_string()
    } else {
        format!("{ind}\t")
    };
    if let Some(f) = &final_ret {
        body_text.push_str(&stmt_indent);
        body_text.push_str(f);
        body_text.push('\n');
    }

    // The call (or the literal called in place) and what the loop does with its results.
    let call = match &helper {
        Some((name, _, args)) => format!("{name}({})", args.join(", ")),
        None => format!("func(){res_text} {{\n{body_text}{ind}}}()"),
    };
    let call_site = match &form {
        Form::Plain => format!("{ind}{call}"),
        Form::Bool(j) => format!("{ind}if {call} {{\n{ind}\t{j}\n{ind}}}"),
        Form::ErrorOnly(lead) => {
            let lead = lead_text(lead);
            format!("{ind}if err := {call}; err != nil {{\n{ind}\treturn {lead}err\n{ind}}}")
        }
        Form::FlagError(flag, j, lead) => {
            let lead = lead_text(lead);
            format!(
                "{ind}{flag}, err := {call}\n{ind}if err != nil {{\n{ind}\treturn {lead}err\n{ind}}}\n{ind}if {flag} {{\n{ind}\t{j}\n{ind}}}"
            )
        }
        Form::FlagValues {
            flag, jump, names, ..
        } => {
            let rs = names.join(", ");
            format!(
                "{ind}{flag}, {rs}, err := {call}\n{ind}if err != nil {{\n{ind}\treturn {rs}, err\n{ind}}}\n{ind}if {flag} {{\n{ind}\t{jump}\n{ind}}}"
            )
        }
        Form::Values(z) => {
            let rs: Vec<String> = (0..z.len()).map(|i| format!("r{i}")).collect();
            let rs = rs.join(", ");
            format!("{ind}if ret, {rs} := {call}; ret {{\n{ind}\treturn {rs}\n{ind}}}")
        }
    };
    let mut out = vec![Edit::replace(
        site.file,
        inner,
        format!("\n{call_site}\n{closing}"),
    )];
    if let Some((name, params, _)) = &helper {
        let at = place::after_declaration(site.func, src);
        out.push(Edit::insert(
            site.file,
            at,
            format!(
                "\n\nfunc {name}({}){res_text} {{\n{body_text}}}",
                params.join(", ")
            ),
        ));
    }
    Ok(Plan {
        edits: out,
        helper: helper.map(|h| h.0),
    })
}
