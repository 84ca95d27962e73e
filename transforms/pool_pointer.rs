//! ## What it does
//! Rewrites a package-level `sync.Pool` of slices into a pool of pointers to slices
//! (staticcheck SA6002). Its `New` keeps the user's expression and returns its address,
//! every `b := pool.Get().([]T)` takes the pointer and reads the slice through it, and every
//! `pool.Put(b)` first stores the slice back (`*bp = b`) and then puts the pointer:
//! - `New: func() any { return make([]byte, 0, 4096) }` →
//!   `New: func() any { b := make([]byte, 0, 4096); return &b }`;
//! - `buf := bufPool.Get().([]byte)[:0]` → `bufp := bufPool.Get().(*[]byte)` and
//!   `buf := (*bufp)[:0]` (a Get without reslicing reads `*bufp`, so the length the pool
//!   held is kept as before);
//! - `bufPool.Put(buf)` → `*bufp = buf` and `bufPool.Put(bufp)`; `Put(buf[:0])` stores
//!   `buf[:0]`. The store is left out where it cannot change anything: the Put passes `buf`
//!   itself, `buf` is never assigned, and the Get read `*bufp` as it is or every Get of the
//!   pool reslices to `[:0]` (then no length is ever read back).
//!
//! Other Puts of a slice into a `sync.Pool` are reported without a fix, with the reason.
//!
//! ## Why
//! `Put` takes an `any`. A slice header is three words, so converting it to an interface
//! allocates a copy of the header on every `Put` (1 alloc/op, 24 bytes, measured with Go
//! 1.26): the pool meant to remove allocations adds one per use. A pointer fits in the
//! interface word and costs nothing. Storing the slice back before `Put` matters: a buffer
//! grown by `append` would otherwise be dropped and the pool would keep handing out the
//! small one.
//!
//! ## Example
//! ```go
//! var bufPool = sync.Pool{New: func() any { return make([]byte, 0, 4096) }}
//!
//! func render(w io.Writer, v int) error {
//!     buf := bufPool.Get().([]byte)[:0]
//!     buf = strconv.AppendInt(buf, int64(v), 10)
//!     _, err := w.Write(buf)
//!     bufPool.Put(buf)
//!     return err
//! }
//! ```
//! becomes
//! ```go
//! var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}
//!
//! func render(w io.Writer, v int) error {
//!     bufp := bufPool.Get().(*[]byte)
//!     buf := (*bufp)[:0]
//!     buf = strconv.AppendInt(buf, int64(v), 10)
//!     _, err := w.Write(buf)
//!     *bufp = buf
//!     bufPool.Put(bufp)
//!     return err
//! }
//! ```
//! A deferred `defer bufPool.Put(buf)` puts the slice as it was at the `defer` statement,
//! and the rewrite keeps exactly that: `defer bufPool.Put(bufp)` when the defer comes right
//! after the Get, `*bufp = buf` before it otherwise. A buffer grown after the defer is then
//! not kept by the pool, as before; to keep it, write
//! `defer func() { *bufp = buf; bufPool.Put(bufp) }()` yourself (the slice must not be
//! used by anyone after the function returns).
//!
//! ## When it does not apply
//! Reported without a fix (the message says which):
//! - the pool is exported (other packages may Get or Put it), is a struct field or a local,
//!   or is declared more than once or in a file only some builds see;
//! - its `New` is not a function literal whose body is one `return` of a slice of evident
//!   type, or there is no `New`;
//! - the pool is used other than by `X.Get()` and `X.Put(...)` (passed to a function, its
//!   address taken, assigned), or is named in a `_test.go` file or a file allocfix does not
//!   edit;
//! - a Get is not `b := X.Get().([]T)` (optionally resliced) as a statement of its own:
//!   a comma-ok assertion, a Get handed straight to a call, a Get in an `if` header;
//! - a Put does not put a variable declared by such a Get of the same function (a Put in
//!   a helper `putBuf(b []byte)`, a Put inside a function literal, a Put in a loop the Get
//!   is not in), or puts something other than that variable or a slice of it;
//! - a deferred Put alongside another Put of the same Get.
//!
//! Pools of pointers, structs or anything that is not a slice are already fine: untouched.
//!
//! ## Fix safety
//! Safe: every Get and Put of the pool is in the package and was rewritten together, so
//! the pool only ever holds `*[]T`; each Put stores exactly the slice the original put (its
//! length and capacity included) and each Get sees exactly the slice the original got. The
//! new pointer variable is local to the function and is not used after its Put.

use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use crate::analysis::resolve::{Resolved, local_decl, resolve};
use crate::analysis::types::{self, Ty};
use crate::analysis::{control, decls, refs, uses};
use crate::fixkit::edit::{Claim, Edit, FileId, Finding, FixBuilder};
use crate::fixkit::indent::indent_of;
use crate::fixkit::names;
use crate::package::Package;
use crate::syntax::{enclosing_function, enclosing_top_level, named_children, text};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct PoolPointer;

impl Rule for PoolPointer {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "pool-pointer",
        summary: "sync.Pool of []T whose Put boxes the slice header (SA6002) → pool of *[]T, slice stored back before Put",
        fix: FixAvailability::Safe,
        fix_note: "when every Get and Put of the pool is in the package in the shapes handled; finding otherwise",
        source: include_str!("pool_pointer.rs"),
        needles: &["Put("],
        node_kinds: &["call_expression"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<PoolPointer>();

/// `b := X.Get().([]T)` (optionally resliced).
struct GetSite<'t> {
    file: FileId,
    /// The `short_var_declaration`.
    stmt: Node<'t>,
    /// The identifier declaring `b`.
    var: Node<'t>,
    /// The asserted type node `[]T`.
    ty: Node<'t>,
    /// The reslicing written after the assertion (`[:0]`), or empty.
    tail: String,
}

/// `X.Put(arg)` or `defer X.Put(arg)`, as a statement.
struct PutSite<'t> {
    file: FileId,
    stmt: Node<'t>,
    arg: Node<'t>,
    /// Index of the Get that declared the variable put.
    get: usize,
}

/// A pool every use of which is understood.
struct Plan<'t> {
    file: FileId,
    /// The spec declaring the pool.
    spec: Node<'t>,
    /// The `return E` of `New`.
    ret: Node<'t>,
    /// `E`.
    value: Node<'t>,
    /// The function literal of `New`.
    new_func: Node<'t>,
    gets: Vec<GetSite<'t>>,
    puts: Vec<PutSite<'t>>,
}

fn is_sync_pool(ty: &Ty) -> bool {
    match ty {
        Ty::Pointer(t) => t.is_imported("sync", "Pool"),
        t => t.is_imported("sync", "Pool"),
    }
}

fn line_of(node: Node) -> usize {
    node.start_position().row + 1
}

/// `file.go:line` of `node` in `file` (the file's name only: messages stay the same
/// wherever the package is).
fn place(pkg: &Package, file: FileId, node: Node) -> String {
    let path = &pkg.files[file].src.path;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().to_string(),
    );
    format!("{name}:{}", line_of(node))
}

/// True when only spaces and tabs come before `node` on its line.
fn starts_line(node: Node, src: &str) -> bool {
    let start = crate::syntax::line_start(src, node.start_byte());
    src[start..node.start_byte()]
        .chars()
        .all(|c| c == ' ' || c == '\t')
}

/// `X.Put(arg)`: the receiver `X` and the argument, when `call` is a Put with one argument.
fn put_call<'t>(call: Node<'t>, src: &str) -> Option<(Node<'t>, Node<'t>)> {
    let sel = call.child_by_field_name("function")?;
    if sel.kind() != "selector_expression" || text(sel.child_by_field_name("field")?, src) != "Put"
    {
        return None;
    }
    let args = named_children(call.child_by_field_name("arguments")?);
    match args.as_slice() {
        [arg] if arg.kind() != "variadic_argument" => {
            Some((sel.child_by_field_name("operand")?, *arg))
        }
        _ => None,
    }
}

/// The `func() any { return E }` of the composite literal `sync.Pool{New: …}`, with its
/// return statement and `E`.
fn new_function<'t>(value: Node<'t>, src: &str) -> Result<(Node<'t>, Node<'t>, Node<'t>), String> {
    let lit = if value.kind() == "unary_expression" {
        value.child_by_field_name("operand").unwrap_or(value)
    } else {
        value
    };
    let no_new = || "its New is not a function literal returning a slice".to_string();
    if lit.kind() != "composite_literal" {
        return Err("it is not initialised with a sync.Pool{New: ...} literal".to_string());
    }
    let body = lit.child_by_field_name("body").ok_or_else(no_new)?;
    let func = named_children(body)
        .into_iter()
        .filter(|e| e.kind() == "keyed_element")
        .find(|e| {
            e.child_by_field_name("key")
                .is_some_and(|k| text(k, src) == "New")
        })
        .and_then(|e| e.child_by_field_name("value"))
        .and_then(|v| named_children(v).into_iter().next())
        .filter(|f| f.kind() == "func_literal")
        .ok_or_else(no_new)?;
    let params = func.child_by_field_name("parameters").ok_or_else(no_new)?;
    if params.named_child_count() != 0 {
        return Err(no_new());
    }
    let stmts = crate::syntax::statements(func.child_by_field_name("body").ok_or_else(no_new)?);
    let [ret] = stmts.as_slice() else {
        return Err("its New does more than return a value".to_string());
    };
    if ret.kind() != "return_statement" {
        return Err(no_new());
    }
    let values = control::return_values(*ret);
    let [v] = values.as_slice() else {
        return Err(no_new());
    };
    Ok((func, *ret, *v))
}

/// Reads `b := X.Get().([]T)[...]` from the `X` of `X.Get`.
fn get_site<'t>(pkg: &Package, file: FileId, sel: Node<'t>, new_ty: &Ty) -> Option<GetSite<'t>> {
    let src = &pkg.files[file].src.text;
    let call = sel.parent().filter(|c| c.kind() == "call_expression")?;
    if call.child_by_field_name("arguments")?.named_child_count() != 0 {
        return None;
    }
    let assert = call
        .parent()
        .filter(|a| a.kind() == "type_assertion_expression")?;
    let ty = assert.child_by_field_name("type")?;
    if types::written_type(pkg, file, ty).as_ref() != Some(new_ty) || text(ty, src).contains('\n') {
        return None;
    }
    let mut top = assert;
    let mut tail = String::new();
    if let Some(slice) = assert.parent().filter(|s| {
        s.kind() == "slice_expression" && s.child_by_field_name("operand") == Some(assert)
    }) {
        tail = src[assert.end_byte()..slice.end_byte()].to_string();
        if tail.contains('\n') {
            return None;
        }
        top = slice;
    }
    let list = top.parent().filter(|l| l.kind() == "expression_list")?;
    let stmt = list
        .parent()
        .filter(|s| s.kind() == "short_var_declaration")?;
    if stmt.child_by_field_name("right") != Some(list) || list.named_child_count() != 1 {
        return None;
    }
    let left = named_children(stmt.child_by_field_name("left")?);
    let [var] = left.as_slice() else {
        return None;
    };
    if var.kind() != "identifier"
        || text(*var, src) == "_"
        || stmt.parent().is_none_or(|p| p.kind() != "statement_list")
        || !starts_line(stmt, src)
    {
        return None;
    }
    Some(GetSite {
        file,
        stmt,
        var: *var,
        ty,
        tail,
    })
}

/// Reads `X.Put(b)` / `defer X.Put(b[:0])` from the `X` of `X.Put`: the statement and the
/// identifier `b`, with the argument.
fn put_site<'t>(src: &str, sel: Node<'t>) -> Option<(Node<'t>, Node<'t>, Node<'t>)> {
    let call = sel.parent().filter(|c| c.kind() == "call_expression")?;
    let (_, arg) = put_call(call, src)?;
    let stmt = call
        .parent()
        .filter(|s| matches!(s.kind(), "expression_statement" | "defer_statement"))?;
    if stmt.parent().is_none_or(|p| p.kind() != "statement_list") || !starts_line(stmt, src) {
        return None;
    }
    let var = match arg.kind() {
        "identifier" => arg,
        "slice_expression" => arg
            .child_by_field_name("operand")
            .filter(|o| o.kind() == "identifier")?,
        _ => return None,
    };
    Some((stmt, var, arg))
}

/// Why the pool `name` cannot be rewritten, or how it can.
fn plan<'t>(pkg: &'t Package, name: &str) -> Result<Plan<'t>, String> {
    if crate::golang::is_exported(name) {
        return Err(format!(
            "{name} is exported: other packages may Get or Put it"
        ));
    }
    if pkg.incomplete.is_some() || pkg.files.iter().any(|f| f.parse_error().is_some()) {
        return Err("not every file of the package could be read".to_string());
    }
    let Some(file) = decls::declaring_file(pkg, name) else {
        return Err(format!(
            "{name} is declared in several files or in one that only some builds see"
        ));
    };
    let specs = decls::package_specs(pkg, name, &["var_declaration"]);
    let [spec] = specs.as_slice() else {
        return Err(format!("{name} is not declared by one var spec"));
    };
    let src = &pkg.files[file].src.text;
    let names = crate::syntax::field_children(spec.spec, "name");
    let values = spec
        .spec
        .child_by_field_name("value")
        .map(named_children)
        .unwrap_or_default();
    if names.len() != 1 || values.len() != 1 || spec.spec.child_by_field_name("type").is_some() {
        return Err(format!(
            "{name} is not declared as `var {name} = sync.Pool{{New: ...}}`"
        ));
    }
    if !types::type_of(pkg, file, values[0]).is_some_and(|t| is_sync_pool(&t)) {
        return Err(format!(
            "{name} is not initialised with a sync.Pool literal"
        ));
    }
    let (new_func, ret, value) = new_function(values[0], src)?;
    let new_ty = match types::type_of(pkg, file, value) {
        Some(t @ Ty::Slice(_)) => t,
        _ => return Err("its New does not return a slice of evident type".to_string()),
    };
    if text(value, src).contains('\n') {
        return Err("its New's value spans several lines".to_string());
    }
    let mut gets: Vec<GetSite> = Vec::new();
    let mut put_refs: Vec<(FileId, Node)> = Vec::new();
    for (fid, ident) in refs::package_name_uses(pkg, name) {
        let f = &pkg.files[fid];
        let fsrc = &f.src.text;
        let at = place(pkg, fid, ident);
        if !f.editable {
            return Err(format!(
                "{name} is used in {at}, a file allocfix does not edit"
            ));
        }
        let sel = ident.parent().filter(|s| {
            s.kind() == "selector_expression" && s.child_by_field_name("operand") == Some(ident)
        });
        let field = sel
            .and_then(|s| s.child_by_field_name("field"))
            .map(|n| text(n, fsrc));
        match (sel, field) {
            (Some(sel), Some("Get")) => match get_site(pkg, fid, sel, &new_ty) {
                Some(g) => gets.push(g),
                None => {
                    return Err(format!(
                        "the Get at {at} is not `b := {name}.Get().([]T)` (optionally resliced) as a statement of its own"
                    ));
                }
            },
            (Some(sel), Some("Put")) => put_refs.push((fid, sel)),
            _ => {
                return Err(format!(
                    "{name} is used at {at} other than by {name}.Get() and {name}.Put(...) (passed around, or its address taken)"
                ));
            }
        }
    }
    if let Some(test) = refs::named_in_unread_test_file(pkg, name) {
        return Err(format!(
            "{name} is named in {test}, which this run does not read"
        ));
    }
    let mut puts = Vec::new();
    for (fid, sel) in put_refs {
        let f = &pkg.files[fid];
        let at = place(pkg, fid, sel);
        let Some((stmt, var, arg)) = put_site(&f.src.text, sel) else {
            return Err(format!(
                "the Put at {at} is not a statement putting a variable or a slice of it"
            ));
        };
        let decl = local_decl(var, text(var, &f.src.text), &f.src.text);
        let Some(get) = gets
            .iter()
            .position(|g| g.file == fid && Some(g.var) == decl)
        else {
            return Err(format!(
                "the Put at {at} puts a slice that no Get of the same function took"
            ));
        };
        let g = &gets[get];
        if enclosing_function(stmt) != enclosing_function(g.stmt) {
            return Err(format!(
                "the Put at {at} is in a function literal its Get is not in"
            ));
        }
        if control::enclosing_for(stmt) != control::enclosing_for(g.stmt) {
            return Err(format!("the Put at {at} is in a loop its Get is not in"));
        }
        puts.push(PutSite {
            file: fid,
            stmt,
            arg,
            get,
        });
    }
    for (i, g) in gets.iter().enumerate() {
        let mine: Vec<&PutSite> = puts.iter().filter(|p| p.get == i).collect();
        if mine.len() > 1 && mine.iter().any(|p| p.stmt.kind() == "defer_statement") {
            return Err(format!(
                "the Get at {} is put both by a defer and by another Put",
                place(pkg, g.file, g.stmt)
            ));
        }
    }
    Ok(Plan {
        file,
        spec: spec.spec,
        ret,
        value,
        new_func,
        gets,
        puts,
    })
}

/// The edits of the rewrite of `plan`.
fn edits(pkg: &Package, name: &str, plan: &Plan) -> Vec<Edit> {
    let mut out = Vec::new();
    // New: `return E` → `b := E; return &b` (on the literal's own layout).
    let src = &pkg.files[plan.file].src.text;
    let top = enclosing_top_level(plan.spec).unwrap_or(plan.spec);
    let b = names::fresh_in_function(pkg, plan.file, top, "b");
    let one_line = plan.new_func.start_position().row == plan.new_func.end_position().row;
    let sep = if one_line {
        "; ".to_string()
    } else {
        format!("\n{}", indent_of(plan.ret, src))
    };
    out.push(Edit::replace(
        plan.file,
        plan.ret.byte_range(),
        format!("{b} := {}{sep}return &{b}", text(plan.value, src)),
    ));
    // Gets: one pointer name per Get, fresh in its top-level declaration.
    let mut given: HashMap<(FileId, usize), HashSet<String>> = HashMap::new();
    let mut ptrs = Vec::new();
    for g in &plan.gets {
        let gsrc = &pkg.files[g.file].src.text;
        let top = enclosing_top_level(g.stmt).unwrap_or(g.stmt);
        let taken = given.entry((g.file, top.start_byte())).or_default();
        let base = format!("{}p", text(g.var, gsrc));
        let p = names::fresh_name(&base, |cand| {
            !taken.contains(cand) && names::fresh_in_function(pkg, g.file, top, cand) == cand
        });
        taken.insert(p.clone());
        let read = if g.tail.is_empty() {
            format!("*{p}")
        } else {
            format!("(*{p}){}", g.tail)
        };
        out.push(Edit::replace(
            g.file,
            g.stmt.byte_range(),
            format!(
                "{p} := {name}.Get().(*{})\n{}{} := {read}",
                text(g.ty, gsrc),
                indent_of(g.stmt, gsrc),
                text(g.var, gsrc)
            ),
        ));
        ptrs.push(p);
    }
    // Puts: store the slice back, put the pointer.
    let all_reset = plan.gets.iter().all(|g| g.tail == "[:0]");
    for p in &plan.puts {
        let psrc = &pkg.files[p.file].src.text;
        let g = &plan.gets[p.get];
        let ptr = &ptrs[p.get];
        let scope = enclosing_function(g.stmt).unwrap_or(g.stmt);
        let usage = uses::usage(g.var, scope, psrc);
        // The store changes nothing when the pointer already holds what is put: the Put
        // passes the variable itself, the variable still holds what the Get read (never
        // assigned; or, for a defer, the defer is the statement right after the Get), and
        // the Get read `*p` itself, or every Get of the pool reslices to `[:0]` so a length
        // is never read back.
        let unchanged = if p.stmt.kind() == "defer_statement" {
            g.stmt.next_named_sibling() == Some(p.stmt)
        } else {
            !usage.reassigned && !usage.redeclared && !usage.address_taken
        };
        let same_as_pointee =
            p.arg.kind() == "identifier" && unchanged && (g.tail.is_empty() || all_reset);
        if !same_as_pointee {
            out.push(Edit::insert(
                p.file,
                p.stmt.start_byte(),
                format!(
                    "*{ptr} = {}\n{}",
                    text(p.arg, psrc),
                    indent_of(p.stmt, psrc)
                ),
            ));
        }
        out.push(Edit::replace(p.file, p.arg.byte_range(), ptr.clone()));
    }
    out
}

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut plans: HashMap<String, Result<Plan, String>> = HashMap::new();
    let mut fixed: HashSet<String> = HashSet::new();
    let mut first_at: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for file in ctx.files() {
        let src = ctx.src(file);
        for &call in ctx.nodes(file, "call_expression") {
            let Some((recv, arg)) = put_call(call, src) else {
                continue;
            };
            if !types::type_of(pkg, file, recv).is_some_and(|t| is_sync_pool(&t))
                || !matches!(types::type_of(pkg, file, arg), Some(Ty::Slice(_)))
            {
                continue;
            }
            let head = "Put of a slice into a sync.Pool allocates on every call: the slice header is boxed into an `any` (SA6002)";
            let name = text(recv, src).to_string();
            let result = if recv.kind() == "identifier"
                && matches!(resolve(pkg, file, recv), Resolved::Package)
            {
                plans
                    .entry(name.clone())
                    .or_insert_with(|| plan(pkg, &name))
            } else {
                out.push(ctx.finding(
                    file,
                    call,
                    format!("{head}; pool *[]T instead (not fixed: the pool is not a package-level variable allocfix can follow)"),
                    None,
                ));
                continue;
            };
            match result {
                Err(why) => {
                    out.push(ctx.finding(
                        file,
                        call,
                        format!("{head}; pool *[]T instead (not fixed: {why})"),
                        None,
                    ));
                }
                Ok(p) if !fixed.contains(&name) => {
                    fixed.insert(name.clone());
                    let at = place(pkg, file, call);
                    first_at.insert(name.clone(), at);
                    let mut b = FixBuilder::new(file);
                    for e in edits(pkg, &name, p) {
                        b.edit(e);
                    }
                    b.claim(Claim::Declaration {
                        file: p.file,
                        at: p.spec.start_byte(),
                    });
                    out.push(ctx.finding(
                        file,
                        call,
                        format!(
                            "{head}; pool *[]T instead: {name} rewritten ({} Get, {} Put)",
                            p.gets.len(),
                            p.puts.len()
                        ),
                        Some(b.safe()),
                    ));
                }
                Ok(_) => {
                    out.push(ctx.finding(
                        file,
                        call,
                        format!(
                            "{head}; rewritten with the other uses of {name} by the fix reported at {}",
                            first_at.get(&name).map_or("", String::as_str)
                        ),
                        None,
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {

    use crate::engine::Settings;
    use crate::transforms::common::testing::run_one_file;

    /// Runs the transform over one file `a.go` of a module at go 1.22: the new text and
    /// the findings as `fix|none: message`.
    fn run(src: &str) -> (String, Vec<String>) {
        let settings = Settings::default();
        let (fixed, findings) = run_one_file(
            &super::DEF,
            src,
            "/nonexistent",
            Some((1, 22)),
            None,
            &settings,
        );
        let msgs = findings
            .iter()
            .map(|r| {
                let fix = if r.fix.is_some() { "fix" } else { "none" };
                format!("{fix}: {}", r.message)
            })
            .collect();
        (fixed, msgs)
    }

    const HEAD: &str = "package a\n\nimport \"sync\"\n\n";

    #[test]
    fn rewrites_the_plain_shape() {
        let src = format!(
            "{HEAD}var bufPool = sync.Pool{{New: func() any {{ return make([]byte, 0, 64) }}}}\n\nfunc f() int {{\n\tbuf := bufPool.Get().([]byte)[:0]\n\tbuf = append(buf, 'x')\n\tn := len(buf)\n\tbufPool.Put(buf)\n\treturn n\n}}\n"
        );
        let (out, msgs) = run(&src);
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(msgs[0].starts_with("fix: "), "{msgs:?}");
        assert!(
            out.contains("New: func() any { b := make([]byte, 0, 64); return &b }"),
            "{out}"
        );
        assert!(
            out.contains("\tbufp := bufPool.Get().(*[]byte)\n\tbuf := (*bufp)[:0]\n"),
            "{out}"
        );
        assert!(
            out.contains("\t*bufp = buf\n\tbufPool.Put(bufp)\n"),
            "{out}"
        );
    }

    #[test]
    fn a_deferred_put_of_the_untouched_slice_needs_no_store() {
        let src = format!(
            "{HEAD}var pool = sync.Pool{{\n\tNew: func() any {{\n\t\treturn make([]int, 8)\n\t}},\n}}\n\nfunc f() int {{\n\tb := pool.Get().([]int)\n\tdefer pool.Put(b)\n\treturn len(b)\n}}\n"
        );
        let (out, msgs) = run(&src);
        assert!(msgs[0].starts_with("fix: "), "{msgs:?}");
        assert!(
            out.contains("\t\tb := make([]int, 8)\n\t\treturn &b\n"),
            "{out}"
        );
        assert!(
            out.contains("\tbp := pool.Get().(*[]int)\n\tb := *bp\n\tdefer pool.Put(bp)\n"),
            "{out}"
        );
    }

    #[test]
    fn refuses_an_exported_pool_and_a_put_in_a_helper() {
        let exported = format!(
            "{HEAD}var BufPool = sync.Pool{{New: func() any {{ return make([]byte, 0, 64) }}}}\n\nfunc f() {{\n\tbuf := BufPool.Get().([]byte)\n\tBufPool.Put(buf)\n}}\n"
        );
        let (out, msgs) = run(&exported);
        assert_eq!(out, exported);
        assert!(
            msgs.len() == 1 && msgs[0].starts_with("none: ") && msgs[0].contains("exported"),
            "{msgs:?}"
        );
        let helper = format!(
            "{HEAD}var pool = sync.Pool{{New: func() any {{ return make([]byte, 0, 64) }}}}\n\nfunc get() []byte {{ return pool.Get().([]byte) }}\n\nfunc put(b []byte) {{ pool.Put(b) }}\n"
        );
        let (out, msgs) = run(&helper);
        assert_eq!(out, helper);
        assert!(msgs.len() == 1 && msgs[0].starts_with("none: "), "{msgs:?}");
    }

    #[test]
    fn leaves_pools_of_pointers_alone() {
        let src = "package a\n\nimport (\n\t\"bytes\"\n\t\"sync\"\n)\n\nvar pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}\n\nfunc f() {\n\tb := pool.Get().(*bytes.Buffer)\n\tpool.Put(b)\n}\n";
        let (out, msgs) = run(src);
        assert_eq!(out, src);
        assert!(msgs.is_empty(), "{msgs:?}");
    }
}
