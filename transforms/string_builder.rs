//! ## What it does
//! Turns a local `string` built with `s += …` inside a loop, and read only outside that
//! loop, into a `strings.Builder` of the same name: the declaration becomes
//! `var s strings.Builder`, every `s += x` becomes `s.WriteString(x)`, and every read of
//! `s` becomes `s.String()`, except that a comparison `s == ""` (or `!=`) becomes
//! `s.Len() == 0` (or `!= 0`).
//!
//! - `s += a + b + c` becomes one write per operand, in order.
//! - `s += string(r)` for a rune `r` becomes `s.WriteRune(r)`; for a byte `b`,
//!   `s.WriteRune(rune(b))` (`string(b)` is the UTF-8 encoding of the code point `b`, so
//!   `WriteByte` would be wrong above 0x7F); for a `[]byte` `p`, `s.Write(p)`.
//! - `s += fmt.Sprintf(f, args...)` becomes `fmt.Fprintf(&s, f, args...)` (likewise
//!   `Sprint`/`Sprintln`; option `fprintf`).
//! - A non-empty initial value (`s := "["`, `s := prefix + ":"`) becomes the first writes
//!   (not a fresh string such as a call's result: see "Short loops").
//! - A string literal that ends one statement's writes and one that starts the next
//!   statement's (nothing but a line break between them) are written as one call:
//!   `s := "v" + n + "; "` then `s += "flags:"` gives `s.WriteString("; flags:")`. A
//!   statement left with nothing to write is removed with its line; one with a trailing
//!   comment keeps it, the joined literal moving onto that line.
//! - `strings` is imported when needed; an existing import is used under its own name
//!   (`str.Builder` for `import str "strings"`).
//!
//! ## Why
//! Each `s += x` allocates a new string of `len(s)+len(x)` bytes and copies the whole
//! prefix into it (`runtime.concatstring2`): quadratic copying and one allocation per
//! iteration. A `strings.Builder` appends into one buffer that grows by doubling, and
//! `String()` hands that buffer out without copying (seed exercise 4: a 50-field CSV row
//! goes from ~99 allocations to a handful; the golden `csvRow` from 98 to 7 allocs/op).
//! No `Grow` call is added: the final length is never cheaply known from the syntax
//! alone, and a wrong guess (or a negative one, which panics) is worse than none.
//!
//! ## Example
//! ```go
//! func csvRow(fields []string) string {
//!     var s string
//!     for i, f := range fields {
//!         if i > 0 {
//!             s += ","
//!         }
//!         s += f
//!     }
//!     return s
//! }
//! ```
//! becomes
//! ```go
//! func csvRow(fields []string) string {
//!     var s strings.Builder
//!     for i, f := range fields {
//!         if i > 0 {
//!             s.WriteString(",")
//!         }
//!         s.WriteString(f)
//!     }
//!     return s.String()
//! }
//! ```
//!
//! ## Short loops: the break-even point
//! A Builder pays one allocation for its first write and one per growth; `s += x` pays one
//! per append, except that `"" + x` returns `x` itself. Measured with Go 1.26
//! (`go test -bench -benchmem`, appends of 1-, 8- and 32-byte strings; allocs/op, `+=` →
//! Builder):
//!
//! | appends | `s := ""` | `s := strings.Repeat(…)` |
//! |---|---|---|
//! | 0 | 0 → 0 | 1 → 2 |
//! | 1 | 0 → 1 | 2 → 2–3 |
//! | 2 | 1 → 1–2 | 3 → 2–4 |
//! | 3 | 2 → 1–3 | 4 → 2–5 |
//! | 4 | 3 → 1–3 | 5 → 2–5 |
//! | 5 | 4 → 1–4 | 6 → 3–5 |
//! | 6 | 5 → 1–4 | 7 → 3–6 |
//! | 8 | 7 → 1–4 | 9 → 3–6 |
//!
//! So a Builder makes more allocations up to 3 appends, as many at 4–5, and fewer from the
//! 6th append on. It is therefore not used (no finding) when:
//! - the string starts as a fresh non-empty string (a call or conversion, such as fzf's
//!   `output := strings.Repeat(str, times)`): the Builder copies it once more, so a loop
//!   that runs zero times goes from 1 to 2 allocations;
//! - every append sits in a loop known to run at most 5 times: a range over a composite
//!   literal of at most 5 elements, over an integer constant up to 5, or
//!   `for i := 0; i < 5; i++`;
//! - every append is followed in its block by a `return` or a `break` of its loop (it runs
//!   at most once);
//! - the loop, inside a function literal, ranges over a list captured from the enclosing
//!   function: a template parsed once and filled on every call, usually a handful of parts
//!   (fzf `nthTransformer`, 1–3 parts: 0 → 1 and 1 → 2 allocations with a Builder).
//!
//! ## When it does not apply
//! Left alone without a word:
//! - no `+=` inside a loop: two or three fragments compile to a single `concatstring`
//!   call, cheaper than a Builder (seed, "When NOT");
//! - a short loop or a fresh initial value (see above);
//! - the variable is not provably a `string` from its declaration: `var s string`,
//!   `s := ""`, `s := "lit"`, `s := x + "…"` with `x` a declared `string` count; an `int`,
//!   a named string type (`type Path string`) or `s := f()` do not;
//! - the module's `go` line is older than 1.10 (no `strings.Builder`);
//! - the string is only read to build an error or a panic (`fmt.Errorf("… one of: %s",
//!   list)`, `errors.New(msg)`, `panic(msg)`): a failure path that runs once, where a
//!   Builder is churn (spf13/pflag's list of accepted time formats).
//!
//! Reported, not rewritten (option `report-unfixable`):
//! - the string is read inside the loop (`len(s)`, `s != ""`, `f(s)`), or the appended
//!   value reads it (`s += s`, golang/go#78465);
//! - it is also assigned with `=` (golang/go#75283), its address is taken, or a closure
//!   captures it;
//! - it is a parameter, a named result or a package-level variable (its type is part of an
//!   API, or other code reads it);
//! - `strings` is shadowed where the Builder would be declared, or the file does not
//!   import `strings` and belongs to the Go distribution itself (modules `std`/`cmd`,
//!   whose imports go/build's dependency rules restrict);
//! - an append in a statement header (`for …; …; s += a + b`) that needs several writes;
//! - a declaration shape the fix does not handle (`var a, b string`, a grouped `var (…)`,
//!   a `for`/`if` header), or an appended value holding a comment.
//!
//! ## Fix safety
//! Safe. The bytes written are the same (`WriteRune` writes U+FFFD for an invalid rune,
//! exactly like `string(r)`), every read sees the same text (`String()` shares the buffer,
//! and later writes never change bytes already handed out), and the operands of a `+`
//! chain are evaluated in the same order: the chain is split into several writes only when
//! no call in a later operand could change an earlier operand's value. When two strings of
//! one function both qualify and one is appended to the other, the two conversions are
//! applied in separate passes, so the second sees the first's Builder and writes
//! `b.String()` (golang/go#76983).

use std::collections::HashSet;

use tree_sitter::Node;

use crate::analysis::consts::is_leaf_value;
use crate::analysis::effects;
use crate::analysis::resolve::local_decl;
use crate::analysis::uses::{UseKind, classify, uses_of};
use crate::fixkit::edit::{Claim, Edit, FileId, Finding, Fix};
use crate::fixkit::imports::{call_target, name_for};
use crate::fixkit::indent::{indentation, reindent};
use crate::package::Package;
use crate::syntax::{
    ancestors, constant_string, descendants, enclosing_function, named_children, text,
};
use serde::{Deserialize, Serialize};

use crate::transform::{Ctx, FixAvailability, Meta, Rule, TransformDef};

use crate::analysis::stdlib::UntypedKind;
use crate::analysis::types::{
    DeclKind, LiteralKey, Ty, decl_kind, decl_type, is_package_type, is_universe, literal_key_kind,
    package_var_type, type_of,
};

/// The rule; what it does is the module documentation above.
pub struct StringBuilder;

impl Rule for StringBuilder {
    type Options = StringBuilderOptions;
    const META: Meta = Meta {
        id: "string-builder",
        summary: "string built with += in a loop and read after it → strings.Builder",
        fix: FixAvailability::Safe,
        fix_note: "finding when the string is read in the loop, reassigned, escapes or is not a local",
        source: include_str!("string_builder.rs"),
        needles: &["+="],
        node_kinds: &["assignment_statement"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, options: &StringBuilderOptions) -> Vec<Finding> {
        run(ctx, options)
    }
}

pub static DEF: TransformDef = TransformDef::of::<StringBuilder>();

/// The options of `string-builder` (`[transforms.string-builder]` in allocfix.toml): each
/// field's doc comment is what `allocfix explain string-builder` prints.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct StringBuilderOptions {
    /// write `s += fmt.Sprintf(...)` as `fmt.Fprintf(&s, ...)` (false:
    /// `s.WriteString(fmt.Sprintf(...))`)
    pub fprintf: bool,
    /// report strings built with += in a loop that cannot be rewritten (read in the loop,
    /// reassigned, parameters, …)
    pub report_unfixable: bool,
}

impl Default for StringBuilderOptions {
    fn default() -> Self {
        StringBuilderOptions {
            fprintf: true,
            report_unfixable: true,
        }
    }
}

/// The operator of an assignment statement (`=`, `+=`, …).
fn assign_op<'s>(stmt: Node, src: &'s str) -> Option<&'s str> {
    if let Some(op) = stmt.child_by_field_name("operator") {
        return Some(text(op, src));
    }
    let mut cursor = stmt.walk();
    stmt.children(&mut cursor)
        .find(|c| !c.is_named() && c.kind().ends_with('='))
        .map(|c| text(c, src))
}

/// For `x += e` with a single identifier `x`: the identifier and `e`.
fn plus_assign<'t>(stmt: Node<'t>, src: &str) -> Option<(Node<'t>, Node<'t>)> {
    if stmt.kind() != "assignment_statement" || assign_op(stmt, src)? != "+=" {
        return None;
    }
    let left = named_children(stmt.child_by_field_name("left")?);
    let right = named_children(stmt.child_by_field_name("right")?);
    if left.len() != 1 || right.len() != 1 || left[0].kind() != "identifier" {
        return None;
    }
    Some((left[0], right[0]))
}

/// The `for` statements around `node`, innermost first, up to (not past) `func`.
fn loops_within<'t>(node: Node<'t>, func: Node<'t>) -> Vec<Node<'t>> {
    ancestors(node)
        .skip(1)
        .take_while(|a| *a != func)
        .filter(|a| a.kind() == "for_statement")
        .collect()
}

fn contains(outer: Node, inner: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// Why a string built in a loop is not rewritten.
fn blocked_message(name: &str, reason: &str) -> String {
    format!(
        "`{name}` is built with += in a loop (every += allocates and copies the whole string), but {reason}; not rewritten"
    )
}

fn run(ctx: &Ctx, options: &StringBuilderOptions) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    let report = options.report_unfixable;
    for file in ctx.files() {
        let src = ctx.src(file);
        // The += statements of each local (by its declaring identifier) and of each
        // package-level name, in document order.
        let mut locals: Vec<(Node, Vec<Node>)> = Vec::new();
        let mut globals: Vec<(String, Vec<Node>)> = Vec::new();
        for &stmt in ctx.nodes(file, "assignment_statement") {
            let Some((target, _)) = plus_assign(stmt, src) else {
                continue;
            };
            if enclosing_function(stmt).is_none() {
                continue;
            }
            let name = text(target, src);
            match local_decl(target, name, src) {
                Some(decl) => match locals.iter_mut().find(|(d, _)| *d == decl) {
                    Some((_, list)) => list.push(stmt),
                    None => locals.push((decl, vec![stmt])),
                },
                None => match globals.iter_mut().find(|(n, _)| n == name) {
                    Some((_, list)) => list.push(stmt),
                    None => globals.push((name.to_string(), vec![stmt])),
                },
            }
        }
        for (decl, stmts) in locals {
            if let Some(f) = analyse_local(ctx, options, file, decl, &stmts)
                && (f.fix.is_some() || report)
            {
                out.push(f);
            }
        }
        if !report {
            continue;
        }
        for (name, stmts) in globals {
            let in_loop = stmts.iter().find(|s| {
                enclosing_function(**s).is_some_and(|f| !loops_within(**s, f).is_empty())
            });
            let Some(stmt) = in_loop else {
                continue;
            };
            if package_var_type(pkg, &name) != Some(Ty::string()) {
                continue;
            }
            out.push(ctx.finding(
                file,
                *stmt,
                blocked_message(
                    &name,
                    "it is declared at package level, where other code reads it as a string",
                ),
                None,
            ));
        }
    }
    out
}

/// How one use of the local is used.
enum Use<'t> {
    /// The target of one of its own `+=` statements.
    Append,
    /// A read to become `s.String()`.
    Read(Node<'t>),
}

/// Analyses one local appended to with `+=`: a finding with a fix, a finding without, or
/// nothing (no loop, not a string).
fn analyse_local<'t>(
    ctx: &Ctx<'t>,
    options: &StringBuilderOptions,
    file: FileId,
    decl: Node<'t>,
    stmts: &[Node<'t>],
) -> Option<Finding> {
    let pkg = ctx.pkg;
    let src = ctx.src(file);
    let name = text(decl, src);
    let func = enclosing_function(decl)?;
    let kind = decl_kind(decl);
    if decl_type(pkg, file, decl) != Some(Ty::string()) {
        return None;
    }
    // strings.Builder appeared in Go 1.10.
    if pkg.go_version().is_some_and(|v| v < (1, 10)) {
        return None;
    }
    // Loops that contain an append but not the declaration: where the string is built.
    let mut building: Vec<Node> = Vec::new();
    for &stmt in stmts {
        for l in loops_within(stmt, func) {
            if !contains(l, decl) && !building.contains(&l) {
                building.push(l);
            }
        }
    }
    if building.is_empty() {
        return None;
    }
    if builder_not_worth_it(pkg, file, decl, stmts, &building) {
        return None;
    }
    let first_in_loop = stmts
        .iter()
        .copied()
        .find(|s| building.iter().any(|l| contains(*l, *s)))
        .unwrap_or(stmts[0]);
    match kind {
        DeclKind::Parameter => {
            return Some(ctx.finding(
                file,
                first_in_loop,
                blocked_message(
                    name,
                    "it is a parameter, whose type is part of the signature",
                ),
                None,
            ));
        }
        DeclKind::Result => {
            return Some(ctx.finding(
                file,
                first_in_loop,
                blocked_message(
                    name,
                    "it is a named result, whose type is part of the signature",
                ),
                None,
            ));
        }
        _ => {}
    }
    let blocked = |reason: &str| Some(ctx.finding(file, decl, blocked_message(name, reason), None));

    // Classify every use.
    let mut uses: Vec<Use> = Vec::new();
    let (mut captured, mut address, mut assigned, mut self_read, mut read_in_loop) =
        (false, false, false, false, false);
    for u in uses_of(decl, func, src) {
        let own_append = stmts
            .iter()
            .any(|s| plus_assign(*s, src).is_some_and(|(t, _)| t == u));
        if own_append {
            if enclosing_function(u) != Some(func) {
                captured = true;
            }
            uses.push(Use::Append);
            continue;
        }
        match classify(u, src) {
            UseKind::Declare => continue,
            UseKind::Write | UseKind::Redeclare => {
                assigned = true;
                continue;
            }
            UseKind::Read | UseKind::AddressOf => {}
        }
        if enclosing_function(u) != Some(func) {
            captured = true;
            continue;
        }
        if stmts.iter().any(|s| contains(*s, u)) {
            self_read = true;
            continue;
        }
        if classify(u, src) == UseKind::AddressOf {
            address = true;
            continue;
        }
        if building.iter().any(|l| contains(*l, u)) {
            read_in_loop = true;
        }
        uses.push(Use::Read(u));
    }
    // `uses_of` skips composite-literal keys (struct field names); a map key naming the
    // variable is a read, and a key of a literal whose type is not evident is a doubt.
    for n in descendants(func) {
        if n.kind() != "identifier" || text(n, src) != name {
            continue;
        }
        let Some(kind) = literal_key_kind(pkg, file, n) else {
            continue;
        };
        if local_decl(n, name, src) != Some(decl) || kind == LiteralKey::Field {
            continue;
        }
        if kind == LiteralKey::Unknown {
            return blocked("it may be used as a composite literal key");
        }
        if enclosing_function(n) != Some(func) {
            captured = true;
        } else if building.iter().any(|l| contains(*l, n)) {
            read_in_loop = true;
        }
        uses.push(Use::Read(n));
    }
    if captured {
        return blocked("a closure captures it");
    }
    if address {
        return blocked("its address is taken");
    }
    if assigned {
        return blocked("it is also assigned with =");
    }
    if self_read {
        return blocked("the appended value reads it (as in s += s)");
    }
    if read_in_loop {
        return blocked("it is read inside the loop");
    }
    // Built only for an error message (`fmt.Errorf("… one of: %s", list)`): a failure path
    // that runs once, where a Builder is churn.
    let reads: Vec<Node> = uses
        .iter()
        .filter_map(|u| match u {
            Use::Read(n) => Some(*n),
            Use::Append => None,
        })
        .collect();
    if !reads.is_empty()
        && reads
            .iter()
            .all(|r| crate::analysis::calls::builds_error(pkg, file, *r))
    {
        return None;
    }

    // The declaration: `var s string`, `var s [string] = v`, `s := v`, alone in a block.
    let (decl_stmt, init, type_node) = match kind {
        DeclKind::Var => {
            let spec = decl.parent()?;
            let stmt = spec.parent()?;
            if stmt.kind() != "var_declaration"
                || crate::syntax::field_children(spec, "name").len() != 1
            {
                return blocked("it is declared together with other variables");
            }
            let init = match spec.child_by_field_name("value") {
                Some(v) => Some(*named_children(v).first()?),
                None => None,
            };
            (stmt, init, spec.child_by_field_name("type"))
        }
        DeclKind::Short => {
            let stmt = decl.parent()?.parent()?;
            let left = named_children(stmt.child_by_field_name("left")?);
            let right = named_children(stmt.child_by_field_name("right")?);
            if left.len() != 1 || right.len() != 1 {
                return blocked("it is declared together with other variables");
            }
            (stmt, Some(right[0]), None)
        }
        _ => return blocked("it is declared in a form allocfix does not rewrite"),
    };
    if decl_stmt
        .parent()
        .is_none_or(|p| p.kind() != "statement_list")
    {
        return blocked("it is declared in a statement header");
    }
    let Some(strings) = name_for(pkg, file, "strings", &[decl_stmt]) else {
        return blocked("`strings` is shadowed here, so strings.Builder cannot be named");
    };
    if strings.need.as_ref().is_some_and(|n| n.alias.is_some()) {
        return blocked("`strings` is shadowed here, so strings.Builder cannot be named");
    }
    // A file that already imports strings as `.` or `_`: the engine would add the plain
    // import after it, where gofmt wants it before.
    if strings.need.is_some() && pkg.imports(file).iter().any(|i| i.path == "strings") {
        return blocked("the file imports strings only as `.` or `_`");
    }
    if strings.need.is_some() && in_goroot(pkg) {
        return blocked(
            "the file does not import strings, and the standard library's dependency rules restrict adding it",
        );
    }
    let builder = format!("{}.Builder", strings.name);

    let writer = Writer {
        pkg,
        file,
        name,
        func,
        fprintf: options.fprintf,
    };
    let mut edits: Vec<Edit> = Vec::new();
    let mut claimed: HashSet<usize> = HashSet::new();
    claimed.insert(decl.start_byte());

    // Declaration.
    let mut init_writes = match init {
        Some(v) => match writer.writes(v, &mut claimed) {
            Ok(w) => w,
            Err(reason) => return blocked(reason),
        },
        None => Vec::new(),
    };
    // Appends.
    let mut appends: Vec<(Node, Vec<Write>)> = Vec::new();
    for &stmt in stmts {
        let Some((_, value)) = plus_assign(stmt, src) else {
            continue;
        };
        match writer.writes(value, &mut claimed) {
            Ok(w) => appends.push((stmt, w)),
            Err(reason) => return blocked(reason),
        }
    }
    merge_adjacent_literals(name, src, decl_stmt, &mut init_writes, &mut appends);
    match (type_node, init) {
        (Some(ty), None) => edits.push(Edit::replace(file, ty.byte_range(), builder.clone())),
        _ => {
            let indent = indentation(src, decl_stmt.start_byte());
            let mut new = format!("var {name} {builder}");
            for w in &init_writes {
                new.push('\n');
                new.push_str(indent);
                new.push_str(&w.code);
            }
            edits.push(Edit::replace(file, decl_stmt.byte_range(), new));
        }
    }
    for (stmt, writes) in appends {
        let in_list = stmt.parent().is_some_and(|p| p.kind() == "statement_list");
        let new = match writes.len() {
            0 if in_list => String::new(),
            0 => format!("{name}.WriteString(\"\")"),
            1 => writes[0].code.clone(),
            _ if in_list => {
                let indent = format!("\n{}", indentation(src, stmt.start_byte()));
                let codes: Vec<&str> = writes.iter().map(|w| w.code.as_str()).collect();
                codes.join(&indent)
            }
            _ => return blocked("it is appended to in a statement header"),
        };
        if new.is_empty() {
            // `s += ""`: drop the whole line.
            match crate::syntax::whole_lines(stmt, src) {
                Some(r) => edits.push(Edit::delete(file, r)),
                None => edits.push(Edit::replace(
                    file,
                    stmt.byte_range(),
                    format!("{name}.WriteString(\"\")"),
                )),
            }
        } else {
            edits.push(Edit::replace(file, stmt.byte_range(), new));
        }
    }
    // Reads.
    for u in &uses {
        if let Use::Read(n) = u {
            edits.push(
                empty_test(file, *n, src)
                    .unwrap_or_else(|| Edit::insert(file, n.end_byte(), ".String()")),
            );
        }
    }

    let mut fix = Fix::safe(edits).with_import(strings.need);
    let mut claims: Vec<usize> = claimed.into_iter().collect();
    claims.sort_unstable();
    for c in claims {
        fix = fix.with_claim(Claim::Declaration { file, at: c });
    }
    Some(ctx.finding(
        file,
        decl,
        format!(
            "`{name}` is built with += in a loop: every += allocates and copies the whole string; use a strings.Builder"
        ),
        Some(fix),
    ))
}

/// One Builder call of the rewrite.
struct Write {
    /// The statement (`s.WriteString(x)`, `fmt.Fprintf(&s, …)`).
    code: String,
    /// For `s.WriteString("…")` of one interpreted string literal: the literal's contents.
    literal: Option<String>,
}

/// Joins a literal write that ends one statement with a literal write that starts the next
/// (`s := "…version " + v + "; "` then `s += "flags:"` gives one `s.WriteString("; flags:")`,
/// not two calls a reviewer would merge by hand). Only for statements that follow each other
/// with nothing but a line break between them; the contents of two interpreted literals
/// concatenate as they are (an escape never spans the boundary of a valid literal). A
/// statement left with no write is dropped by the caller.
fn merge_adjacent_literals<'t>(
    name: &str,
    src: &str,
    decl_stmt: Node<'t>,
    init: &mut Vec<Write>,
    appends: &mut [(Node<'t>, Vec<Write>)],
) {
    let adjacent = |a: Node, b: Node| {
        let between = &src[a.end_byte()..b.start_byte()];
        a.next_sibling() == Some(b)
            && a.parent().is_some_and(|p| p.kind() == "statement_list")
            && between.trim().is_empty()
            && between.matches('\n').count() == 1
    };
    // A statement whose only write moves up is deleted with its line: only when nothing
    // else (a trailing comment) is on that line; otherwise the earlier literal moves down.
    let alone = |n: Node| {
        let line_end = src[n.end_byte()..]
            .find('\n')
            .map_or(src.len(), |i| n.end_byte() + i);
        src[n.end_byte()..line_end].trim().is_empty()
    };
    let mut nodes: Vec<Node> = vec![decl_stmt];
    nodes.extend(appends.iter().map(|(n, _)| *n));
    let mut lists: Vec<&mut Vec<Write>> = vec![init];
    lists.extend(appends.iter_mut().map(|(_, w)| w));
    // The statement holding the last write so far, when the statements since it were
    // emptied by merging and follow each other.
    let mut target = 0;
    for i in 1..nodes.len() {
        if !adjacent(nodes[i - 1], nodes[i]) {
            target = i;
            continue;
        }
        let joined = match (lists[target].last(), lists[i].first()) {
            (
                Some(Write {
                    literal: Some(a), ..
                }),
                Some(Write {
                    literal: Some(b), ..
                }),
            ) => Some(Write {
                code: format!("{name}.WriteString(\"{a}{b}\")"),
                literal: Some(format!("{a}{b}")),
            }),
            _ => None,
        };
        if let Some(j) = joined {
            if lists[i].len() == 1 && !alone(nodes[i]) {
                // `s += "["  // comment`: the joined write stays on the commented line.
                lists[i][0] = j;
                lists[target].pop();
            } else {
                *lists[target].last_mut().expect("checked") = j;
                lists[i].remove(0);
            }
        }
        if !lists[i].is_empty() {
            target = i;
        }
    }
}

/// At most this many iterations, a Builder makes as many allocations as `+=` or more (see
/// the module doc: Builder wins from the sixth append on).
const SHORT_LOOP: i128 = 5;

/// True when a Builder would not cut allocations (see "Short loops" in the module doc): the
/// string starts as a fresh non-empty string, every append sits in a loop known to run only
/// a few times or is followed by a `break`/`return` of its loop, or the loop walks a list
/// captured from an enclosing function.
fn builder_not_worth_it<'t>(
    pkg: &'t Package,
    file: FileId,
    decl: Node<'t>,
    stmts: &[Node<'t>],
    building: &[Node<'t>],
) -> bool {
    let src = &pkg.files[file].src.text;
    if initial_value(decl).is_some_and(|v| is_fresh_string(pkg, file, v)) {
        return true;
    }
    let appends: Vec<Node> = stmts
        .iter()
        .copied()
        .filter(|s| building.iter().any(|l| contains(*l, *s)))
        .collect();
    // Every append sits in a short loop.
    if appends.iter().all(|a| {
        building
            .iter()
            .any(|l| contains(*l, *a) && runs_few_times(pkg, file, *l))
    }) {
        return true;
    }
    // Every append leaves its loop right after it: the loop appends once.
    if appends.iter().all(|a| leaves_loop_after(*a, building)) {
        return true;
    }
    building.iter().any(|l| ranges_over_captured(*l, src))
}

/// True when a statement after `stmt` in its own block is a `return`, or a `break` of the
/// only loop of `building` around `stmt`: `stmt` then runs at most once.
fn leaves_loop_after(stmt: Node, building: &[Node]) -> bool {
    let Some(list) = stmt.parent().filter(|p| p.kind() == "statement_list") else {
        return false;
    };
    let breakable = ancestors(stmt).skip(1).find(|a| {
        matches!(
            a.kind(),
            "for_statement"
                | "expression_switch_statement"
                | "type_switch_statement"
                | "select_statement"
                | "func_literal"
        )
    });
    let around: Vec<&Node> = building.iter().filter(|l| contains(**l, stmt)).collect();
    let breaks_loop = around.len() == 1 && breakable.as_ref() == Some(around[0]);
    named_children(list)
        .into_iter()
        .skip_while(|s| *s != stmt)
        .skip(1)
        .any(|s| match s.kind() {
            "return_statement" => true,
            "break_statement" => breaks_loop && named_children(s).is_empty(),
            _ => false,
        })
}

/// The value a local string is declared with (`s := v`, `var s = v`), if any.
fn initial_value(decl: Node) -> Option<Node> {
    let parent = decl.parent()?;
    let value = match parent.kind() {
        "var_spec" => {
            let names = crate::syntax::field_children(parent, "name");
            let values = named_children(parent.child_by_field_name("value")?);
            values.get(names.iter().position(|n| *n == decl)?).copied()
        }
        "expression_list" => {
            let stmt = parent.parent()?;
            if stmt.kind() != "short_var_declaration" {
                return None;
            }
            let names = named_children(parent);
            let values = named_children(stmt.child_by_field_name("right")?);
            values.get(names.iter().position(|n| *n == decl)?).copied()
        }
        _ => None,
    };
    value.map(strip_parens)
}

/// True for a call or conversion that is not a constant: a string allocated for this
/// variable, which a Builder would copy once more (fzf `RepeatToFill`:
/// `output := strings.Repeat(str, times)` before a loop that usually runs zero times).
fn is_fresh_string(pkg: &Package, file: FileId, value: Node) -> bool {
    let src = &pkg.files[file].src.text;
    matches!(
        value.kind(),
        "call_expression" | "type_conversion_expression"
    ) && constant_string(value, src).is_none()
}

/// True for a loop known to run at most [`SHORT_LOOP`] times: a range over a composite
/// literal of that many elements, over a small integer constant, or a counted loop up to
/// one.
fn runs_few_times(pkg: &Package, file: FileId, for_stmt: Node) -> bool {
    let range_literal = named_children(for_stmt)
        .into_iter()
        .find(|n| n.kind() == "range_clause")
        .and_then(|c| c.child_by_field_name("right"))
        .map(strip_parens)
        .filter(|r| r.kind() == "composite_literal")
        .and_then(|r| r.child_by_field_name("body"));
    if let Some(body) = range_literal {
        return named_children(body).len() as i128 <= SHORT_LOOP;
    }
    super::loops::count(pkg, file, for_stmt)
        .is_some_and(|c| matches!(c.bound, super::loops::Bound::Const(n) if n <= SHORT_LOOP))
}

/// True for a range, inside a function literal, over a variable of an enclosing function:
/// a list prepared once (a parsed template) and walked on every call, usually a handful of
/// parts (fzf `nthTransformer`: 1–3).
fn ranges_over_captured(for_stmt: Node, src: &str) -> bool {
    let Some(right) = named_children(for_stmt)
        .into_iter()
        .find(|n| n.kind() == "range_clause")
        .and_then(|c| c.child_by_field_name("right"))
        .map(strip_parens)
    else {
        return false;
    };
    let Some(root) = super::loops::chain_root(right) else {
        return false;
    };
    let func = enclosing_function(for_stmt);
    func.is_some_and(|f| f.kind() == "func_literal")
        && local_decl(root, text(root, src), src).is_some_and(|d| enclosing_function(d) != func)
}

/// True inside the Go distribution itself (modules `std` and `cmd`), where go/build's
/// dependency rules decide which packages may import `strings`.
fn in_goroot(pkg: &Package) -> bool {
    pkg.module
        .as_ref()
        .and_then(|m| m.module.as_deref())
        .is_some_and(|m| m == "std" || m == "cmd")
}

/// Turns appended values into Builder calls.
struct Writer<'a, 't> {
    pkg: &'a Package,
    file: FileId,
    name: &'a str,
    func: Node<'t>,
    fprintf: bool,
}

impl<'t> Writer<'_, 't> {
    fn src(&self) -> &str {
        &self.pkg.files[self.file].src.text
    }

    /// The statements that append `value` (a string expression) to the Builder: one per
    /// operand of a `+` chain when that keeps the evaluation order, else one for all.
    /// Locals read by `value` are added to `claimed` (see golang/go#76983).
    fn writes(
        &self,
        value: Node<'t>,
        claimed: &mut HashSet<usize>,
    ) -> Result<Vec<Write>, &'static str> {
        let src = self.src();
        if descendants(value).iter().any(|n| n.kind() == "comment") {
            return Err("an appended value holds a comment");
        }
        for n in descendants(value) {
            if n.kind() == "identifier"
                && let Some(d) = local_decl(n, text(n, src), src)
            {
                claimed.insert(d.start_byte());
            }
        }
        let mut leaves = Vec::new();
        flatten_plus(strip_parens(value), src, &mut leaves);
        // An operand of a chain is printed by gofmt one level deeper than the chain itself;
        // moved into a call of its own it would be printed differently when it holds a
        // binary expression whose spacing depends on that (`f(i+1)` vs `f(i + 1)`).
        if leaves.len() > 1
            && (!self.split_keeps_order(&leaves) || leaves.iter().any(|l| depth_sensitive(*l)))
        {
            leaves = vec![strip_parens(value)];
        }
        let sole = leaves.len() == 1;
        let mut out = Vec::new();
        for leaf in leaves {
            if constant_string(leaf, src).is_some_and(|s| s.is_empty()) {
                continue;
            }
            // An interpreted literal is written as `name.WriteString(<literal>)`.
            let literal = (leaf.kind() == "interpreted_string_literal").then(|| {
                let t = text(leaf, src);
                t[1..t.len() - 1].to_string()
            });
            out.push(Write {
                code: self.write(leaf, sole)?,
                literal,
            });
        }
        Ok(out)
    }

    /// One Builder call appending the string expression `leaf` (`sole`: the whole
    /// appended value, not an operand of a chain).
    fn write(&self, leaf: Node<'t>, sole: bool) -> Result<String, &'static str> {
        let src = self.src();
        let name = self.name;
        let pkg = self.pkg;
        let file = self.file;
        let leaf_text = self.reindented(leaf)?;
        if leaf.kind() == "call_expression" {
            let func = leaf.child_by_field_name("function");
            let args = leaf
                .child_by_field_name("arguments")
                .map(named_children)
                .unwrap_or_default();
            // string(x) for a rune, a byte or a []byte.
            if let Some(f) = func.filter(|f| f.kind() == "identifier" && text(*f, src) == "string")
                && args.len() == 1
                && args[0].kind() != "variadic_argument"
                && is_universe(pkg, file, f, "string")
                && !text(args[0], src).contains('\n')
            {
                let arg = text(args[0], src);
                match type_of(pkg, file, args[0]) {
                    Some(Ty::Predeclared("int32") | Ty::Untyped(UntypedKind::Rune)) => {
                        return Ok(format!("{name}.WriteRune({arg})"));
                    }
                    Some(Ty::Predeclared("uint8")) if is_universe(pkg, file, f, "rune") => {
                        return Ok(format!("{name}.WriteRune(rune({arg}))"));
                    }
                    Some(t) if t.is_byte_slice() => {
                        return Ok(format!("{name}.Write({arg})"));
                    }
                    _ => {}
                }
            }
            // fmt.Sprintf(...) → fmt.Fprintf(&s, ...).
            // `fmt.Sprint(x)` alone gives `x` gofmt's top depth; `fmt.Fprint(&s, x)` does
            // not (two arguments), which changes how a binary expression in `x` is spaced.
            let deeper = sole && args.len() == 1 && depth_sensitive(args[0]);
            if self.fprintf
                && !deeper
                && !leaf_text.contains('\n')
                && let (Some(f), Some(("fmt", which))) = (
                    func,
                    call_target(pkg, file, leaf)
                        .as_ref()
                        .map(|(p, f)| (p.as_str(), f.as_str())),
                )
            {
                let fprint = match which {
                    "Sprintf" => Some("Fprintf"),
                    "Sprint" => Some("Fprint"),
                    "Sprintln" => Some("Fprintln"),
                    _ => None,
                };
                if let (Some(fprint), Some(operand)) = (fprint, f.child_by_field_name("operand")) {
                    let args_node = leaf.child_by_field_name("arguments");
                    let inner = args_node
                        .map(|a| text(a, src))
                        .and_then(|t| t.strip_prefix('('))
                        .and_then(|t| t.strip_suffix(')'))
                        .unwrap_or("")
                        .trim();
                    let inner = inner.strip_suffix(',').unwrap_or(inner);
                    let sep = if inner.is_empty() { "" } else { ", " };
                    return Ok(format!(
                        "{}.{fprint}(&{name}{sep}{inner})",
                        text(operand, src)
                    ));
                }
            }
        }
        Ok(format!("{name}.WriteString({leaf_text})"))
    }

    /// The text of `leaf`, re-indented for a statement of its own at the indentation of the
    /// statement holding it.
    fn reindented(&self, leaf: Node) -> Result<String, &'static str> {
        let src = self.src();
        let t = text(leaf, src);
        if !t.contains('\n') {
            return Ok(t.to_string());
        }
        let stmt = ancestors(leaf)
            .find(|a| a.parent().is_some_and(|p| p.kind() == "statement_list"))
            .unwrap_or(leaf);
        let from = indentation(src, leaf.start_byte());
        let to = indentation(src, stmt.start_byte());
        if from == to {
            return Ok(t.to_string());
        }
        if descendants(leaf)
            .iter()
            .any(|n| n.kind() == "raw_string_literal" && text(*n, src).contains('\n'))
        {
            return Err(
                "an appended value is a multi-line raw string that would need re-indenting",
            );
        }
        reindent(t, from, to).ok_or("an appended value spans lines that cannot be re-indented")
    }

    /// True when appending the operands one by one evaluates them as the single
    /// concatenation did. Calls run in the same order either way, but a plain read (a
    /// variable, a field, an element) in an earlier operand happens before a later
    /// operand's calls once split, while the concatenation may read it after them. So an
    /// operand that reads something a later call could change must not be split from
    /// it. Literals, locals that no closure or pointer can reach, and the results of
    /// calls are safe to take early.
    fn split_keeps_order(&self, leaves: &[Node<'t>]) -> bool {
        let mut volatile_before = false;
        // Each local's usage is looked up once per chain, not once per operand.
        let mut stable_locals = std::collections::HashMap::new();
        for leaf in leaves {
            if volatile_before && self.has_side_effects(*leaf) {
                return false;
            }
            if !self.is_stable(*leaf, &mut stable_locals) {
                volatile_before = true;
            }
        }
        true
    }

    /// True for a call to a conversion (`string(x)`, `T(x)` for a package-level type),
    /// which has no side effects and is not ordered with calls.
    fn is_conversion(&self, call: Node) -> bool {
        let src = self.src();
        let Some(f) = call.child_by_field_name("function") else {
            return true;
        };
        match f.kind() {
            "identifier" => {
                let name = text(f, src);
                let predeclared_type = matches!(
                    name,
                    "string" | "rune" | "byte" | "int32" | "uint8" | "int" | "any"
                ) && is_universe(self.pkg, self.file, f, name);
                predeclared_type
                    || (local_decl(f, name, src).is_none() && is_package_type(self.pkg, name))
            }
            "parenthesized_expression" => true,
            _ => false,
        }
    }

    /// True when evaluating `node` may change state (see [`effects::may_change_state`]).
    fn has_side_effects(&self, node: Node) -> bool {
        effects::may_change_state(self.pkg, self.file, node, &|call| self.is_conversion(call))
    }

    /// A string literal, a local that only this function's own statements can change, or
    /// the result of a call (its value is fixed when the call returns, and calls keep
    /// their order).
    fn is_stable(
        &self,
        leaf: Node,
        stable_locals: &mut std::collections::HashMap<usize, bool>,
    ) -> bool {
        let src = self.src();
        if constant_string(leaf, src).is_some() {
            return true;
        }
        if leaf.kind() == "call_expression" {
            return !self.is_conversion(leaf);
        }
        if leaf.kind() != "identifier" {
            return false;
        }
        let Some(d) = local_decl(leaf, text(leaf, src), src) else {
            return false;
        };
        *stable_locals.entry(d.start_byte()).or_insert_with(|| {
            let u = crate::analysis::uses::usage(d, self.func, src);
            !u.captured && !u.address_taken
        })
    }
}

/// True when gofmt may print `node` differently at depth 1 than at depth 2 (go/printer's
/// `cutoff` spaces a binary expression at depth 1 only): it holds a binary expression
/// reached only through constructs that pass the depth on unchanged (selectors, unary
/// operators, the only argument of a call). Parentheses, index and slice expressions,
/// calls with several arguments and composite literals reset or deepen the depth, so
/// what is inside them prints alike either way.
fn depth_sensitive(node: Node) -> bool {
    match node.kind() {
        "binary_expression" => true,
        k if is_leaf_value(k) => false,
        "identifier"
        | "field_identifier"
        | "package_identifier"
        | "type_identifier"
        | "parenthesized_expression"
        | "index_expression"
        | "slice_expression"
        | "func_literal" => false,
        "selector_expression" | "unary_expression" | "type_assertion_expression" => node
            .child_by_field_name("operand")
            .is_some_and(depth_sensitive),
        "type_conversion_expression" => node
            .child_by_field_name("operand")
            .is_some_and(depth_sensitive),
        "call_expression" => {
            let args = node
                .child_by_field_name("arguments")
                .map(named_children)
                .unwrap_or_default();
            node.child_by_field_name("function")
                .is_some_and(depth_sensitive)
                || (args.len() == 1 && depth_sensitive(args[0]))
        }
        _ => descendants(node)
            .iter()
            .any(|n| n.kind() == "binary_expression"),
    }
}

fn strip_parens(mut n: Node) -> Node {
    while n.kind() == "parenthesized_expression" {
        match named_children(n).as_slice() {
            [inner] => n = *inner,
            _ => break,
        }
    }
    n
}

/// The operands of a `+` chain, left to right (parentheses inside the chain dropped).
fn flatten_plus<'t>(node: Node<'t>, src: &str, out: &mut Vec<Node<'t>>) {
    let node = strip_parens(node);
    if node.kind() == "binary_expression"
        && node
            .child_by_field_name("operator")
            .is_some_and(|o| text(o, src) == "+")
        && let (Some(l), Some(r)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        )
    {
        flatten_plus(l, src, out);
        flatten_plus(r, src, out);
        return;
    }
    out.push(node);
}

/// `s == ""` or `s != ""` (either side) as `s.Len() == 0` / `s.Len() != 0`: the test a
/// reviewer writes for a Builder, instead of building the string to compare it.
fn empty_test(file: FileId, read: Node, src: &str) -> Option<Edit> {
    let cmp = read.parent().filter(|p| p.kind() == "binary_expression")?;
    let op = text(cmp.child_by_field_name("operator")?, src);
    if op != "==" && op != "!=" {
        return None;
    }
    let (l, r) = (
        cmp.child_by_field_name("left")?,
        cmp.child_by_field_name("right")?,
    );
    let other = if l == read { r } else { l };
    if other.kind() != "interpreted_string_literal" || text(other, src) != "\"\"" {
        return None;
    }
    Some(Edit::replace(
        file,
        cmp.byte_range(),
        format!("{}.Len() {op} 0", text(read, src)),
    ))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::engine::{Settings, run_package};
    use crate::package::{GoFile, GoMod, Package};
    use crate::source::SourceFile;
    use crate::transform::OptionValues;

    /// The file after the transform's safe fixes, and its findings' messages.
    fn fix_in(module: &str, body: &str) -> (String, Vec<String>) {
        let src = format!("package a\n\nimport \"fmt\"\n\nvar _ = fmt.Sprint\n\n{body}");
        let mut file = GoFile::new(SourceFile::new("a.go".into(), &src));
        file.editable = true;
        file.enabled.insert(super::DEF.id);
        let module = Some(Arc::new(GoMod {
            module: Some(module.to_string()),
            ..GoMod::default()
        }));
        let pkg = Package::new(".".into(), "a".into(), vec![file], module);
        let out = run_package(pkg, &[&super::DEF], &Settings::default());
        let o = &out[0];
        assert!(o.errors.is_empty(), "{:?}", o.errors);
        let text = o.fixed.clone().unwrap_or(src);
        (text, o.findings.iter().map(|f| f.message.clone()).collect())
    }

    fn fix(body: &str) -> (String, Vec<String>) {
        fix_in("example.com/a", body)
    }

    #[test]
    fn ints_and_unknown_types_are_left_alone() {
        let (out, findings) = fix(
            "func f(xs []int, g func() string) (int, string) {\n\tn := 0\n\ts := g()\n\tfor _, x := range xs {\n\t\tn += x\n\t\ts += \"x\"\n\t}\n\treturn n, s\n}\n",
        );
        assert!(!out.contains("Builder"), "{out}");
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn shadowing_declarations_are_other_variables() {
        let (out, _) = fix(
            "func f(xs []string) string {\n\tvar s string\n\tfor _, x := range xs {\n\t\t{\n\t\t\tvar s = x\n\t\t\t_ = s\n\t\t}\n\t\ts += x\n\t}\n\treturn s\n}\n",
        );
        assert!(out.contains("\t\t\tvar s = x\n"), "{out}");
        assert!(out.contains("\t\ts.WriteString(x)\n"), "{out}");
        assert!(out.contains("return s.String()"), "{out}");
    }

    #[test]
    fn redeclaration_in_the_same_block_is_an_assignment() {
        let (out, findings) = fix(
            "func f(xs []string) (string, error) {\n\tvar s string\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\ts, err := s+\"!\", error(nil)\n\treturn s, err\n}\n",
        );
        assert!(!out.contains("Builder"), "{out}");
        assert!(findings[0].contains("assigned with ="), "{findings:?}");
    }

    #[test]
    fn a_read_before_a_later_call_keeps_the_chain_whole() {
        let (out, _) = fix(
            "type T struct{ name string }\n\nfunc (t *T) next() string { t.name += \"!\"; return \"\" }\n\nfunc f(t *T, n int, sep string) string {\n\tvar s string\n\tfor i := 0; i < n; i++ {\n\t\ts += t.name + t.next()\n\t\ts += sep + t.next() + t.name\n\t}\n\treturn s\n}\n",
        );
        assert!(
            out.contains("\t\ts.WriteString(t.name + t.next())\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "\t\ts.WriteString(sep)\n\t\ts.WriteString(t.next())\n\t\ts.WriteString(t.name)\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn conversions_of_bytes_and_slices() {
        let (out, _) = fix(
            "func f(bs [][]byte, r rune) string {\n\tvar s string\n\tfor _, b := range bs {\n\t\ts += string(b) + string(b[0]) + string(r) + string('x')\n\t}\n\treturn s\n}\n",
        );
        assert!(
            out.contains("s.Write(b)\n\t\ts.WriteRune(rune(b[0]))\n\t\ts.WriteRune(r)\n\t\ts.WriteRune('x')\n"),
            "{out}"
        );
    }

    #[test]
    fn multi_line_operands_are_reindented() {
        let (out, _) = fix(
            "func f(xs []string) string {\n\tvar s string\n\tfor _, x := range xs {\n\t\ts += \"<\" +\n\t\t\tfmt.Sprint(x,\n\t\t\t\t1) +\n\t\t\t\">\"\n\t}\n\treturn s\n}\n",
        );
        assert!(
            out.contains("\t\ts.WriteString(\"<\")\n\t\ts.WriteString(fmt.Sprint(x,\n\t\t\t1))\n\t\ts.WriteString(\">\")\n"),
            "{out}"
        );
    }

    #[test]
    fn header_appends_and_post_statements() {
        let (out, _) = fix(
            "func f(n int) string {\n\ts := \"\"\n\tfor i := 0; i < n; s += \"x\" {\n\t\ti++\n\t}\n\treturn s\n}\n",
        );
        assert!(
            out.contains("for i := 0; i < n; s.WriteString(\"x\") {"),
            "{out}"
        );
        let (out, findings) = fix(
            "func f(n int, a string) string {\n\ts := \"\"\n\tfor i := 0; i < n; s += a + \"x\" {\n\t\ti++\n\t}\n\treturn s\n}\n",
        );
        assert!(!out.contains("Builder"), "{out}");
        assert!(findings[0].contains("statement header"), "{findings:?}");
    }

    #[test]
    fn no_new_strings_import_inside_goroot() {
        let body = "func f(xs []string) string {\n\tvar s string\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\treturn s\n}\n";
        let (out, findings) = fix_in("std", body);
        assert!(!out.contains("Builder"), "{out}");
        assert!(findings[0].contains("standard library"), "{findings:?}");
        let (out, _) = fix_in("example.com/a", body);
        assert!(out.contains("\t\"strings\"\n"), "{out}");
    }

    #[test]
    fn options_fprintf_and_report_unfixable() {
        let body = "func f(xs []string) string {\n\tvar s string\n\tfor _, x := range xs {\n\t\ts += fmt.Sprintf(\"%s,\", x)\n\t}\n\treturn s\n}\n\nfunc g(s string, xs []string) string {\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\treturn s\n}\n";
        let src = format!("package a\n\nimport \"fmt\"\n\n{body}");
        let mut file = GoFile::new(SourceFile::new("a.go".into(), &src));
        file.editable = true;
        file.enabled.insert(super::DEF.id);
        let pkg = Package::new(".".into(), "a".into(), vec![file], None);
        let mut settings = Settings::default();
        let opts = super::StringBuilderOptions {
            fprintf: false,
            report_unfixable: false,
        };
        settings
            .options
            .insert(super::DEF.id.to_string(), OptionValues::of(opts));
        let out = run_package(pkg, &[&super::DEF], &settings);
        let text = out[0].fixed.clone().expect("fixed");
        assert!(
            text.contains("s.WriteString(fmt.Sprintf(\"%s,\", x))"),
            "{text}"
        );
        assert_eq!(out[0].findings.len(), 1, "{:?}", out[0].findings);
    }

    #[test]
    fn old_go_versions_have_no_builder() {
        let body = "func f(xs []string) string {\n\tvar s string\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\treturn s\n}\n";
        let src = format!("package a\n\n{body}");
        let mut file = GoFile::new(SourceFile::new("a.go".into(), &src));
        file.editable = true;
        file.enabled.insert(super::DEF.id);
        let module = Some(Arc::new(GoMod {
            go: Some((1, 9)),
            ..GoMod::default()
        }));
        let pkg = Package::new(".".into(), "a".into(), vec![file], module);
        let out = run_package(pkg, &[&super::DEF], &Settings::default());
        assert!(out[0].fixed.is_none());
        assert!(out[0].findings.is_empty());
    }

    #[test]
    fn composite_literal_keys() {
        let (out, _) = fix(
            "type T struct{ s string }\n\nfunc f(xs []string) (map[string]int, T) {\n\tvar s string\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\treturn map[string]int{s: 1}, T{s: s}\n}\n",
        );
        assert!(
            out.contains("return map[string]int{s.String(): 1}, T{s: s.String()}"),
            "{out}"
        );
        let (out, findings) = fix(
            "func f(xs []string) []map[string]int {\n\tvar s string\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\treturn []map[string]int{{s: 1}}\n}\n",
        );
        assert!(!out.contains("Builder"), "{out}");
        assert!(
            findings[0].contains("composite literal key"),
            "{findings:?}"
        );
    }

    #[test]
    fn gofmt_depth_of_moved_operands() {
        let (out, _) = fix(
            "func f(int) string { return \"\" }\n\nfunc g(a string, xs []string, i int) string {\n\tvar s string\n\tfor j := 0; j < 10; j++ {\n\t\ts += a + f(i+1)\n\t\ts += a + xs[i+1]\n\t\ts += fmt.Sprint(i + 1)\n\t\ts += fmt.Sprint(i+1, j)\n\t}\n\treturn s\n}\n",
        );
        // f(i+1) would become f(i + 1) on a line of its own: the chain stays whole.
        assert!(out.contains("\t\ts.WriteString(a + f(i+1))\n"), "{out}");
        assert!(
            out.contains("\t\ts.WriteString(a)\n\t\ts.WriteString(xs[i+1])\n"),
            "{out}"
        );
        // A second argument would make gofmt write i+1.
        assert!(
            out.contains("\t\ts.WriteString(fmt.Sprint(i + 1))\n"),
            "{out}"
        );
        assert!(out.contains("\t\tfmt.Fprint(&s, i+1, j)\n"), "{out}");
    }

    #[test]
    fn two_builders_appended_to_each_other() {
        let (out, _) = fix(
            "func f(xs []string) string {\n\tvar a, b string\n\t_ = b\n\tvar x string\n\tfor _, v := range xs {\n\t\tx += v\n\t}\n\tvar y string\n\tfor _, v := range xs {\n\t\ty += v\n\t}\n\tx += y + y\n\ty += \"!\"\n\treturn x + y + a\n}\n",
        );
        assert!(
            out.contains("\tx.WriteString(y.String())\n\tx.WriteString(y.String())\n"),
            "{out}"
        );
        assert!(out.contains("\ty.WriteString(\"!\")\n"), "{out}");
        assert!(out.contains("return x.String() + y.String() + a"), "{out}");
    }

    #[test]
    fn adjacent_literal_writes_join_escapes_and_all() {
        // The chain's operands: a literal with an escaped quote, a variable, a literal
        // ending in an escaped backslash; then a statement appending a lone quote.
        let (out, _) = fix(
            "func f(xs []string) string {\n\ts := \"<\\\"\" + xs[0] + \"\\\\\"\n\ts += \"\\\"\"\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\treturn s\n}\n",
        );
        assert!(out.contains("\ts.WriteString(\"<\\\"\")\n"), "{out}");
        assert!(out.contains("\ts.WriteString(\"\\\\\\\"\")\n"), "{out}");
        assert!(!out.contains("s += "), "{out}");
    }
}
