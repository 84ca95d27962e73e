//! ## What it does
//! Rewrites, inside a `for` loop, `b, err := json.Marshal(v)` whose bytes are written to a
//! writer followed by a newline written to the same writer:
//! - `w.Write(b)` then one of `w.Write([]byte("\n"))`, `w.Write([]byte{'\n'})`,
//!   `w.WriteString("\n")`, `w.WriteByte('\n')`, `w.WriteRune('\n')`,
//!   `io.WriteString(w, "\n")`, `fmt.Fprintln(w)`, `fmt.Fprint(w, "\n")`;
//! - or `b = append(b, '\n')` then `w.Write(b)`, or `w.Write(append(b, '\n'))`;
//!
//! into one `enc := json.NewEncoder(w)` before the loop and
//! `if err := enc.Encode(v); err != nil { … }` in it, where `{ … }` is the code's own
//! handling of the Marshal error.
//!
//! ## Why
//! `json.Marshal` returns a fresh copy of the bytes it encoded on every call (seed exercise
//! 11). `Encoder.Encode` encodes into a pooled buffer, appends the newline there and hands
//! it to the writer: the copy and the separate newline write (`[]byte("\n")` passed to an
//! interface method escapes) are gone. Measured with Go 1.26 for a two-field struct, 3 →
//! 1 allocs per value (the one left is `v` boxed into `any`, which both forms pay).
//!
//! ## Example
//! ```go
//! for _, m := range msgs {
//!     b, err := json.Marshal(m)
//!     if err != nil {
//!         return err
//!     }
//!     if _, err := w.Write(b); err != nil {
//!         return err
//!     }
//!     if err := w.WriteByte('\n'); err != nil {
//!         return err
//!     }
//! }
//! ```
//! becomes
//! ```go
//! enc := json.NewEncoder(w)
//! for _, m := range msgs {
//!     if err := enc.Encode(m); err != nil {
//!         return err
//!     }
//! }
//! ```
//! The bytes written are the same: `Encode` writes exactly Marshal's output followed by
//! `"\n"`, and a new Encoder escapes HTML (`<`, `>`, `&` as `\u003c`…) as `Marshal` does
//! (`SetEscapeHTML` defaults to true). A Marshal error writes nothing in both forms, and
//! its error value is the same. The name is `enc` (`enc0`, … when taken); the encoder line
//! goes right before the loop (before its label).
//!
//! ## When it does not apply
//! Left alone: `json.MarshalIndent`, no newline written, another separator (`","`), a
//! Marshal error that is ignored (`b, _ :=`), bytes used for anything else (logged,
//! counted, kept), statements between the Marshal and the writes, or a newline written to
//! another writer. Reported without a fix:
//! - the Marshal error and the write errors are handled differently (different text, or a
//!   write error that is checked with another variable): `Encode` has one error;
//! - a handler that does not leave the iteration (`return`, `panic`, `break` or `continue`
//!   last): the original then writes the newline alone;
//! - a write error that is not checked, on a writer that can fail (only `*bytes.Buffer`
//!   and `*strings.Builder` never fail; `Encode` would report what the code ignored);
//! - the writer is declared or assigned in the loop, or is not a variable or a field path
//!   (`pick(i)`): a writer chosen per iteration;
//! - the function has a `goto`, or a comment sits between the statements replaced.
//!
//! ## Fix safety
//! The number of `Write` calls changes from 2 to 1 per value: `Encode` writes the value
//! and its newline together. That is invisible for `*bufio.Writer`, `*bytes.Buffer`,
//! `*strings.Builder`, `*os.File` (one write instead of two; a reader of a pipe can only
//! gain) and `http.ResponseWriter` (the response is buffered; chunking is the transport's):
//! the fix is safe there. For any other writer (an `io.Writer`, a `net.Conn`, a websocket
//! or UDP connection that frames each Write as a message) it is unsafe (`--unsafe`): the
//! newline would no longer arrive as a message of its own. Already one write (the
//! `append(b, '\n')` forms): safe for every writer.
//!
//! Also unsafe: a handler that `continue`s after a write error on a writer that can fail
//! and does not keep its error (`*os.File`, an interface): after a failed write an Encoder
//! returns that error for every later value without writing, where the loop retried; a
//! writer that is a package-level variable or a field (`s.out`) while the loop makes other
//! calls, which could replace it between iterations. When the loop runs zero times the
//! encoder is still made (one small allocation that the original did not make).

use tree_sitter::Node;

use crate::analysis::control;
use crate::analysis::resolve::{is_universe, local_decl};
use crate::analysis::types::{self, Ty};
use crate::analysis::uses;
use crate::fixkit::edit::{Claim, Edit, FileId, Finding, Fix};
use crate::fixkit::imports::{is_call_to, name_for};
use crate::fixkit::indent::indentation;
use crate::fixkit::{names, place};
use crate::package::Package;
use crate::syntax::{
    ancestors, constant_string, descendants, enclosing_function, enclosing_top_level, line_start,
    named_children, statements, text,
};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct JsonEncoder;

impl Rule for JsonEncoder {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "json-encoder",
        summary: "json.Marshal then Write of the bytes and a newline in a loop → one json.Encoder made before the loop",
        fix: FixAvailability::SafeAndUnsafe,
        fix_note: "safe for *bufio.Writer, *bytes.Buffer, *strings.Builder, *os.File, http.ResponseWriter; unsafe for other writers (2 Write calls become 1)",
        source: include_str!("json_encoder.rs"),
        needles: &["Marshal"],
        node_kinds: &["call_expression"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<JsonEncoder>();

/// What a write's error check looks like.
#[derive(Clone, Copy)]
enum Check<'t> {
    /// The result is dropped (`w.Write(b)`, `_, _ = w.Write(b)`).
    Unchecked,
    /// `if … ; err != nil { handler }` or `_, err = …` followed by `if err != nil { … }`:
    /// the name of the error variable and the handler block.
    Handled(Node<'t>, Node<'t>),
}

/// One write statement (or two: an assignment and its `if`).
struct Write<'t> {
    call: Node<'t>,
    check: Check<'t>,
    /// How many statements it takes.
    len: usize,
}

/// What the writer is, as far as a rewrite cares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum WriterKind {
    /// Never fails (`bytes.Buffer`, `strings.Builder`): `addr` when it is a value that
    /// `json.NewEncoder` takes by address.
    Infallible { addr: bool },
    /// Keeps its first error and returns it from every later write (`*bufio.Writer`).
    Sticky,
    /// Can fail, and a split into one write is invisible (`*os.File`, `http.ResponseWriter`).
    Known,
    /// Anything else: a Write may be a message.
    Other,
}

fn writer_kind(pkg: &Package, file: FileId, w: Node) -> WriterKind {
    fn named(t: &Ty) -> Option<(&str, &str)> {
        match t {
            Ty::Imported { path, name, .. } => Some((path.as_str(), name.as_str())),
            _ => None,
        }
    }
    match types::type_of(pkg, file, w) {
        Some(Ty::Pointer(inner)) => match named(&inner) {
            Some(("bytes", "Buffer") | ("strings", "Builder")) => {
                WriterKind::Infallible { addr: false }
            }
            Some(("bufio", "Writer")) => WriterKind::Sticky,
            Some(("os", "File")) => WriterKind::Known,
            _ => WriterKind::Other,
        },
        Some(t) => match named(&t) {
            Some(("bytes", "Buffer") | ("strings", "Builder")) if w.kind() == "identifier" => {
                WriterKind::Infallible { addr: true }
            }
            Some(("net/http", "ResponseWriter")) => WriterKind::Known,
            _ => WriterKind::Other,
        },
        None => WriterKind::Other,
    }
}

/// How a handler block ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Exit {
    /// `return`, `panic(…)`, a `break` of the loop or a jump out of it.
    Leaves,
    /// `continue` of the loop.
    Continues,
}

fn handler_exit(block: Node, for_stmt: Node, src: &str) -> Option<Exit> {
    let last = control::last_statement(block)?;
    match last.kind() {
        "return_statement" => Some(Exit::Leaves),
        "expression_statement" => {
            let call = named_children(last).into_iter().next()?;
            let f = call.child_by_field_name("function")?;
            (call.kind() == "call_expression"
                && f.kind() == "identifier"
                && text(f, src) == "panic"
                && local_decl(f, "panic", src).is_none())
            .then_some(Exit::Leaves)
        }
        "break_statement" | "continue_statement" => {
            let cont = last.kind() == "continue_statement";
            if let Some(label) = named_children(last)
                .into_iter()
                .find(|c| c.kind() == "label_name")
            {
                // The labelled statement must be the loop or enclose it.
                let l = text(label, src);
                let target = ancestors(for_stmt).find(|a| {
                    a.kind() == "labeled_statement"
                        && a.child_by_field_name("label")
                            .is_some_and(|x| text(x, src) == l)
                })?;
                let own = named_children(target).get(1) == Some(&for_stmt);
                return Some(if cont && own {
                    Exit::Continues
                } else {
                    Exit::Leaves
                });
            }
            let kinds: &[&str] = if cont {
                &["for_statement"]
            } else {
                &[
                    "for_statement",
                    "expression_switch_statement",
                    "type_switch_statement",
                    "select_statement",
                ]
            };
            let target = ancestors(last)
                .skip(1)
                .find(|a| kinds.contains(&a.kind()))?;
            if target != for_stmt {
                return None;
            }
            Some(if cont { Exit::Continues } else { Exit::Leaves })
        }
        _ => None,
    }
}

/// `err != nil` with `err` spelled `name`: the identifier.
fn nil_check<'t>(cond: Node<'t>, src: &str) -> Option<Node<'t>> {
    if cond.kind() != "binary_expression"
        || text(cond.child_by_field_name("operator")?, src) != "!="
        || cond.child_by_field_name("right")?.kind() != "nil"
    {
        return None;
    }
    cond.child_by_field_name("left")
        .filter(|l| l.kind() == "identifier")
}

/// `if e != nil { … }` without initializer or else: `e` and the block.
fn plain_err_if<'t>(stmt: Node<'t>, src: &str) -> Option<(Node<'t>, Node<'t>)> {
    if stmt.kind() != "if_statement"
        || stmt.child_by_field_name("initializer").is_some()
        || stmt.child_by_field_name("alternative").is_some()
    {
        return None;
    }
    let e = nil_check(stmt.child_by_field_name("condition")?, src)?;
    Some((e, stmt.child_by_field_name("consequence")?))
}

/// The left names and the single call of `_, e = call`, `_, e := call`, `e = call`.
fn results_of_call<'t>(stmt: Node<'t>) -> Option<(Vec<Node<'t>>, Node<'t>)> {
    if !matches!(
        stmt.kind(),
        "assignment_statement" | "short_var_declaration"
    ) {
        return None;
    }
    let left = named_children(stmt.child_by_field_name("left")?);
    let right = named_children(stmt.child_by_field_name("right")?);
    if right.len() != 1 || right[0].kind() != "call_expression" {
        return None;
    }
    if left.iter().any(|l| l.kind() != "identifier") {
        return None;
    }
    Some((left, right[0]))
}

/// The write statement starting at `stmts[i]`. `err_decl` is the Marshal's error variable:
/// a write that assigns an error variable must assign that one (or declare its own in an
/// `if`).
fn write_at<'t>(stmts: &[Node<'t>], i: usize, err_decl: Node<'t>, src: &str) -> Option<Write<'t>> {
    let stmt = *stmts.get(i)?;
    let is_ours = |e: Node| {
        text(e, src) == text(err_decl, src) && local_decl(e, text(e, src), src) == Some(err_decl)
    };
    // The error result: the last name, the others blank.
    let err_name = |left: &[Node<'t>]| -> Option<Option<Node<'t>>> {
        let (last, rest) = left.split_last()?;
        if rest.iter().any(|n| text(*n, src) != "_") {
            return None;
        }
        Some((text(*last, src) != "_").then_some(*last))
    };
    match stmt.kind() {
        "expression_statement" => {
            let call = named_children(stmt).into_iter().next()?;
            (call.kind() == "call_expression").then_some(Write {
                call,
                check: Check::Unchecked,
                len: 1,
            })
        }
        "assignment_statement" => {
            let (left, call) = results_of_call(stmt)?;
            match err_name(&left)? {
                None => Some(Write {
                    call,
                    check: Check::Unchecked,
                    len: 1,
                }),
                Some(e) if is_ours(e) => {
                    let (e2, block) = plain_err_if(*stmts.get(i + 1)?, src)?;
                    (text(e2, src) == text(e, src)).then_some(Write {
                        call,
                        check: Check::Handled(e, block),
                        len: 2,
                    })
                }
                Some(_) => None,
            }
        }
        "if_statement" => {
            if stmt.child_by_field_name("alternative").is_some() {
                return None;
            }
            let init = stmt.child_by_field_name("initializer")?;
            let (left, call) = results_of_call(init)?;
            let e = err_name(&left)??;
            if init.kind() == "assignment_statement" && !is_ours(e) {
                return None;
            }
            let cond = nil_check(stmt.child_by_field_name("condition")?, src)?;
            if text(cond, src) != text(e, src) {
                return None;
            }
            Some(Write {
                call,
                check: Check::Handled(e, stmt.child_by_field_name("consequence")?),
                len: 1,
            })
        }
        _ => None,
    }
}

/// A `'\n'` rune literal.
fn is_newline_rune(n: Node, src: &str) -> bool {
    n.kind() == "rune_literal" && matches!(text(n, src), "'\\n'" | "'\\x0a'" | "'\\012'")
}

/// The arguments of a call.
fn args(call: Node) -> Vec<Node> {
    call.child_by_field_name("arguments")
        .map(named_children)
        .unwrap_or_default()
}

/// `recv.Method` of a method call: (receiver, method name).
fn method<'t>(call: Node<'t>, src: &'t str) -> Option<(Node<'t>, &'t str)> {
    let f = call.child_by_field_name("function")?;
    if f.kind() != "selector_expression" {
        return None;
    }
    Some((
        f.child_by_field_name("operand")?,
        text(f.child_by_field_name("field")?, src),
    ))
}

/// `[]byte("\n")` or `[]byte{'\n'}`.
fn is_newline_bytes(pkg: &Package, file: FileId, n: Node, src: &str) -> bool {
    let byte_slice = |t: Node| {
        t.kind() == "slice_type"
            && t.child_by_field_name("element")
                .is_some_and(|e| text(e, src) == "byte" && is_universe(pkg, file, e, "byte"))
    };
    match n.kind() {
        "type_conversion_expression" => {
            n.child_by_field_name("type").is_some_and(byte_slice)
                && n.child_by_field_name("operand")
                    .is_some_and(|a| constant_string(a, src).as_deref() == Some("\n"))
        }
        "composite_literal" => {
            n.child_by_field_name("type").is_some_and(byte_slice)
                && n.child_by_field_name("body").is_some_and(|b| {
                    let elems = named_children(b);
                    elems.len() == 1
                        && named_children(elems[0])
                            .first()
                            .is_some_and(|v| is_newline_rune(*v, src))
                })
        }
        _ => false,
    }
}

/// The writer a call writes one newline to, when it does.
fn newline_writer<'t>(
    pkg: &Package,
    file: FileId,
    call: Node<'t>,
    src: &'t str,
) -> Option<Node<'t>> {
    let a = args(call);
    if let Some(f) = is_call_to(pkg, file, call, "fmt", &["Fprintln", "Fprint", "Fprintf"]) {
        return match (f, a.as_slice()) {
            ("Fprintln", [w]) => Some(*w),
            ("Fprint" | "Fprintf", [w, s]) if constant_string(*s, src).as_deref() == Some("\n") => {
                Some(*w)
            }
            _ => None,
        };
    }
    if is_call_to(pkg, file, call, "io", &["WriteString"]).is_some() {
        return match a.as_slice() {
            [w, s] if constant_string(*s, src).as_deref() == Some("\n") => Some(*w),
            _ => None,
        };
    }
    let (recv, name) = method(call, src)?;
    let ok = match (name, a.as_slice()) {
        ("Write", [x]) => is_newline_bytes(pkg, file, *x, src),
        ("WriteString", [s]) => constant_string(*s, src).as_deref() == Some("\n"),
        ("WriteByte" | "WriteRune", [r]) => is_newline_rune(*r, src),
        _ => false,
    };
    ok.then_some(recv)
}

/// True when `a` and `b` spell the same writer, `&x` and `x` alike (`sb.Write(b)` and
/// `io.WriteString(&sb, "\n")` on a `strings.Builder` variable).
fn same_writer(a: Node, b: Node, src: &str) -> bool {
    let bare = |n: Node| -> String {
        let t = text(n, src);
        match n.kind() {
            "unary_expression" if t.starts_with('&') => t[1..].trim().to_string(),
            _ => t.to_string(),
        }
    };
    bare(a) == bare(b)
}

/// `append(b, '\n')` with `b` the Marshal's bytes.
fn is_append_newline(pkg: &Package, file: FileId, n: Node, b_decl: Node, src: &str) -> bool {
    let Some(f) = n.child_by_field_name("function") else {
        return false;
    };
    n.kind() == "call_expression"
        && f.kind() == "identifier"
        && text(f, src) == "append"
        && is_universe(pkg, file, f, "append")
        && matches!(args(n).as_slice(), [b, r]
            if uses::refers_to(*b, b_decl, src) && is_newline_rune(*r, src))
}

/// The pattern found after a Marshal statement.
struct Pattern<'t> {
    /// The statements replaced.
    first: Node<'t>,
    last: Node<'t>,
    /// The writer expression.
    writer: Node<'t>,
    /// Write calls the original makes per value.
    writes: usize,
}

enum Verdict<'t> {
    Keep,
    Finding(String),
    Rewrite(Pattern<'t>, Option<String>),
}

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    for file in ctx.files() {
        let src = ctx.src(file);
        for &call in ctx.nodes(file, "call_expression") {
            if is_call_to(pkg, file, call, "encoding/json", &["Marshal"]).is_none() {
                continue;
            }
            let Some((stmt, b, err, arg)) = marshal_statement(call, src) else {
                continue;
            };
            let Some(for_stmt) = control::enclosing_for(stmt) else {
                continue;
            };
            let what = "json.Marshal whose bytes and a newline are written in a loop";
            let (pattern, unsafe_reason) = match judge(pkg, file, stmt, b, err, for_stmt) {
                Verdict::Keep => continue,
                Verdict::Finding(why) => {
                    out.push(ctx.finding(
                        file,
                        call,
                        format!("{what}: a json.Encoder made before the loop would do, but {why}"),
                        None,
                    ));
                    continue;
                }
                Verdict::Rewrite(p, r) => (p, r),
            };
            let Some((edits, name, need, top)) =
                build_fix(pkg, file, for_stmt, stmt, err, arg, &pattern)
            else {
                out.push(ctx.finding(
                    file,
                    call,
                    format!("{what}: not rewritten: the for statement must start its line (run gofmt first) and `json` must be reachable before the loop"),
                    None,
                ));
                continue;
            };
            let fix = match unsafe_reason {
                None => Fix::safe(edits),
                Some(_) => Fix::unsafe_(edits),
            }
            .with_import(need)
            .with_claim(Claim::Function {
                transform: ctx.transform,
                file,
                start: top.start_byte(),
            });
            let calls = if pattern.writes == 2 {
                "one Write per value instead of two"
            } else {
                "one Write per value, as before"
            };
            let message = match &unsafe_reason {
                None => format!(
                    "{what}: one json.Encoder `{name}` made before the loop writes the same bytes without Marshal's copy ({calls})"
                ),
                Some(why) => format!(
                    "{what}: one json.Encoder `{name}` made before the loop writes the same bytes without Marshal's copy, but {why} (unsafe)"
                ),
            };
            out.push(ctx.finding(file, call, message, Some(fix)));
        }
    }
    out
}

/// `b, err := json.Marshal(x)` as a statement: (statement, b, err, x).
fn marshal_statement<'t>(
    call: Node<'t>,
    src: &str,
) -> Option<(Node<'t>, Node<'t>, Node<'t>, Node<'t>)> {
    let list = call.parent()?;
    let stmt = list.parent()?;
    if list.kind() != "expression_list"
        || stmt.kind() != "short_var_declaration"
        || stmt.child_by_field_name("right") != Some(list)
    {
        return None;
    }
    let (left, _) = results_of_call(stmt)?;
    let [b, err] = left.as_slice() else {
        return None;
    };
    if text(*b, src) == "_" || text(*err, src) == "_" {
        return None;
    }
    let list = args(call);
    let [arg] = list.as_slice() else {
        return None;
    };
    if arg.kind() == "variadic_argument" {
        return None;
    }
    Some((stmt, *b, *err, *arg))
}

fn judge<'t>(
    pkg: &'t Package,
    file: FileId,
    stmt: Node<'t>,
    b: Node<'t>,
    err: Node<'t>,
    for_stmt: Node<'t>,
) -> Verdict<'t> {
    let src = &pkg.files[file].src.text;
    // Both names must be declared here (not an earlier err reused by `:=`).
    if uses::classify(b, src) != uses::UseKind::Declare
        || uses::classify(err, src) != uses::UseKind::Declare
    {
        return Verdict::Keep;
    }
    let Some(block) = stmt.parent() else {
        return Verdict::Keep;
    };
    let stmts: Vec<Node> = statements(block);
    let Some(at) = stmts.iter().position(|s| *s == stmt) else {
        return Verdict::Keep;
    };
    // The Marshal error: `if err != nil { … }` right after.
    let Some((e, marshal_handler)) = stmts.get(at + 1).and_then(|s| plain_err_if(*s, src)) else {
        return Verdict::Keep;
    };
    if text(e, src) != text(err, src) {
        return Verdict::Keep;
    }
    let mut i = at + 2;
    // `b = append(b, '\n')` before a single write.
    let mut appended = false;
    if let Some(s) = stmts.get(i)
        && s.kind() == "assignment_statement"
        && let Some((left, rhs)) = results_of_call(*s)
        && matches!(left.as_slice(), [l] if uses::refers_to(*l, b, src))
        && is_append_newline(pkg, file, rhs, b, src)
    {
        appended = true;
        i += 1;
    }
    let Some(first) = write_at(&stmts, i, err, src) else {
        return Verdict::Keep;
    };
    let Some((writer, wname)) = method(first.call, src) else {
        return Verdict::Keep;
    };
    let data_ok = matches!(args(first.call).as_slice(), [x]
        if (uses::refers_to(*x, b, src) ) || (!appended && is_append_newline(pkg, file, *x, b, src)));
    if wname != "Write" || !data_ok {
        return Verdict::Keep;
    }
    let one_write =
        appended || !matches!(args(first.call).as_slice(), [x] if x.kind() == "identifier");
    let mut checks = vec![first.check];
    let mut last = stmts[i + first.len - 1];
    let mut writes = 1;
    if !one_write {
        let Some(nl) = write_at(&stmts, i + first.len, err, src) else {
            return Verdict::Keep;
        };
        match newline_writer(pkg, file, nl.call, src) {
            Some(w2) if same_writer(w2, writer, src) => {}
            _ => return Verdict::Keep,
        }
        checks.push(nl.check);
        last = stmts[i + first.len + nl.len - 1];
        writes = 2;
    }
    let range = stmt.start_byte()..last.end_byte();
    // The bytes are used by nothing else.
    let b_uses = uses::uses_of(b, block, src);
    let expected = if appended { 3 } else { 1 };
    if b_uses.len() != expected || b_uses.iter().any(|u| !range.contains(&u.start_byte())) {
        return Verdict::Keep;
    }
    if uses::uses_of(err, block, src)
        .iter()
        .any(|u| u.start_byte() >= last.end_byte())
    {
        return Verdict::Keep;
    }

    // From here on the pattern is there; what follows decides whether it can be rewritten.
    let kind = writer_kind(pkg, file, writer);
    let fallible = !matches!(kind, WriterKind::Infallible { .. });
    let Some(exit) = handler_exit(marshal_handler, for_stmt, src) else {
        return Verdict::Finding(
            "the Marshal error handler does not end the iteration (return, panic, break or continue last): the code then writes the newline alone, an Encoder writes nothing".into(),
        );
    };
    let norm = |n: Node| {
        text(n, src)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    if fallible {
        for c in &checks {
            match c {
                Check::Unchecked => {
                    return Verdict::Finding(format!(
                        "a write error is not checked here, and `{}` can fail: Encode would report it",
                        text(writer, src)
                    ));
                }
                Check::Handled(e, h) => {
                    if text(*e, src) != text(err, src) || norm(*h) != norm(marshal_handler) {
                        return Verdict::Finding(
                            "the Marshal error and the write errors are handled differently; Encode returns one error for both".into(),
                        );
                    }
                }
            }
        }
    }
    let Some(func) = enclosing_function(stmt) else {
        return Verdict::Keep;
    };
    if !control::gotos_in(func).is_empty() {
        return Verdict::Finding(
            "the function contains a goto, which could jump past the new encoder".into(),
        );
    }
    let root = crate::syntax::root_of(stmt);
    let handler_range = marshal_handler.byte_range();
    let stray_comment = descendants(root).into_iter().any(|n| {
        n.kind() == "comment"
            && range.contains(&n.start_byte())
            && !handler_range.contains(&n.start_byte())
    });
    if stray_comment {
        return Verdict::Finding(
            "a comment sits between the statements that would be replaced".into(),
        );
    }
    let stable = match writer_stability(pkg, file, writer, for_stmt, func, &range) {
        Ok(r) => r,
        Err(why) => return Verdict::Finding(why),
    };
    let mut unsafe_reason = stable;
    if unsafe_reason.is_none() && writes == 2 && kind == WriterKind::Other {
        unsafe_reason = Some(format!(
            "`{}` is not a writer known to ignore how its bytes are split (*bufio.Writer, *bytes.Buffer, *strings.Builder, *os.File, http.ResponseWriter): Encode makes one Write call where the code made two, which a writer that frames each Write as a message (a websocket, a UDP conn) would see",
            text(writer, src)
        ));
    }
    if unsafe_reason.is_none()
        && exit == Exit::Continues
        && matches!(kind, WriterKind::Known | WriterKind::Other)
    {
        unsafe_reason = Some(
            "the handler continues the loop, and after a failed write an Encoder returns that error for every later value without writing".into(),
        );
    }
    Verdict::Rewrite(
        Pattern {
            first: stmt,
            last,
            writer,
            writes,
        },
        unsafe_reason,
    )
}

/// Whether `writer` is the same on every iteration of `for_stmt`: Ok(None) yes, Ok(Some)
/// only if the loop's other calls leave it alone (unsafe), Err why not.
fn writer_stability(
    pkg: &Package,
    file: FileId,
    writer: Node,
    for_stmt: Node,
    func: Node,
    pattern: &std::ops::Range<usize>,
) -> Result<Option<String>, String> {
    let src = &pkg.files[file].src.text;
    let w = text(writer, src);
    let mut root = writer;
    let mut fields = false;
    while root.kind() == "selector_expression" {
        fields = true;
        root = root.child_by_field_name("operand").ok_or("no operand")?;
    }
    let per_iteration = || format!("the writer `{w}` may differ per iteration");
    if root.kind() != "identifier" {
        return Err(per_iteration());
    }
    let name = text(root, src);
    match local_decl(root, name, src) {
        Some(decl) => {
            if for_stmt.byte_range().contains(&decl.start_byte()) {
                return Err(format!("the writer `{name}` is declared in the loop"));
            }
            let usage = uses::usage(decl, func, src);
            if usage.uses.iter().any(|u| {
                uses::is_assigned(*u, src)
                    && (for_stmt.byte_range().contains(&u.start_byte())
                        || uses::is_captured(*u, decl))
            }) || usage.uses.iter().any(|u| {
                for_stmt.byte_range().contains(&u.start_byte())
                    && !pattern.contains(&u.start_byte())
                    && uses::classify(*u, src) == uses::UseKind::AddressOf
            }) {
                return Err(format!("the writer `{name}` is assigned in the loop"));
            }
        }
        None => {
            if crate::fixkit::imports::resolve(pkg, file, root).is_some() {
                // A variable of another package (`os.Stdout`).
                return Ok(None);
            }
            if !pkg.index().has_top_level(name) {
                return Err(per_iteration());
            }
            fields = true;
        }
    }
    if !fields {
        return Ok(None);
    }
    // A field path (or a package-level variable): assignments to it in the loop rule it
    // out; other calls of the loop could replace it.
    let assigned = descendants(for_stmt).into_iter().any(|n| {
        n.kind() == "assignment_statement"
            && n.child_by_field_name("left").is_some_and(|l| {
                named_children(l).iter().any(|t| {
                    let t = text(*t, src);
                    t == w || w.starts_with(&format!("{t}.")) || t.starts_with(&format!("{w}."))
                })
            })
    });
    if assigned {
        return Err(format!("the writer `{w}` is assigned in the loop"));
    }
    let other_call = descendants(for_stmt)
        .into_iter()
        .any(|n| n.kind() == "call_expression" && !pattern.contains(&n.start_byte()));
    Ok(other_call.then(|| {
        format!("the writer `{w}` is a field or a package-level variable and the loop makes other calls, which could replace it")
    }))
}

type FixParts<'t> = (
    Vec<Edit>,
    String,
    Option<crate::fixkit::edit::ImportNeed>,
    Node<'t>,
);

fn build_fix<'t>(
    pkg: &'t Package,
    file: FileId,
    for_stmt: Node<'t>,
    stmt: Node<'t>,
    err: Node<'t>,
    arg: Node<'t>,
    p: &Pattern<'t>,
) -> Option<FixParts<'t>> {
    let src = &pkg.files[file].src.text;
    let top = enclosing_top_level(stmt)?;
    let loop_stmt = control::with_labels(for_stmt);
    if !src[line_start(src, loop_stmt.start_byte())..loop_stmt.start_byte()]
        .trim()
        .is_empty()
    {
        return None;
    }
    let json = name_for(pkg, file, "encoding/json", &[loop_stmt])?;
    let name = names::fresh_in_function(pkg, file, top, "enc");
    let indent = indentation(src, for_stmt.start_byte());
    let w = text(p.writer, src);
    let w = match writer_kind(pkg, file, p.writer) {
        WriterKind::Infallible { addr: true } => format!("&{w}"),
        _ => w.to_string(),
    };
    let at = place::start_with_comments_above(loop_stmt, src);
    let create = format!("{indent}{name} := {}.NewEncoder({w})\n", json.name);
    let handler = p
        .first
        .next_named_sibling()
        .and_then(|s| s.child_by_field_name("consequence"))?;
    let e = text(err, src);
    let replace = format!(
        "if {e} := {name}.Encode({}); {e} != nil {}",
        text(arg, src),
        text(handler, src)
    );
    Some((
        vec![
            Edit::insert(file, at, create),
            Edit::replace(file, p.first.start_byte()..p.last.end_byte(), replace),
        ],
        name,
        json.need,
        top,
    ))
}

#[cfg(test)]
mod tests {

    use crate::engine::Settings;
    use crate::transforms::common::testing::{fix_label, run_one_file};

    /// Runs the transform over one file `a.go`; returns the new text (or the input) and the
    /// findings as `line:fix: message`.
    pub(super) fn run_with(src: &str, unsafe_fixes: bool) -> (String, Vec<String>) {
        let settings = Settings {
            unsafe_fixes,
            ..Settings::default()
        };
        let (fixed, findings) = run_one_file(&super::DEF, src, ".", None, None, &settings);
        let msgs = findings
            .iter()
            .map(|r| format!("{}:{}: {}", r.position.line, fix_label(r), r.message))
            .collect();
        (fixed, msgs)
    }

    const HEAD: &str = "package a\n\nimport (\n\t\"bufio\"\n\t\"encoding/json\"\n\t\"io\"\n)\n\n";

    #[test]
    fn bufio_writer_with_same_handlers_is_rewritten() {
        let src = format!(
            "{HEAD}func f(w *bufio.Writer, xs []int) error {{\n\tfor _, x := range xs {{\n\t\tb, err := json.Marshal(x)\n\t\tif err != nil {{\n\t\t\treturn err\n\t\t}}\n\t\tif _, err := w.Write(b); err != nil {{\n\t\t\treturn err\n\t\t}}\n\t\tif _, err := io.WriteString(w, \"\\n\"); err != nil {{\n\t\t\treturn err\n\t\t}}\n\t}}\n\treturn nil\n}}\n"
        );
        let (out, msgs) = run_with(&src, false);
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(msgs[0].contains(":fix: "), "{msgs:?}");
        assert_eq!(
            out,
            "package a\n\nimport (\n\t\"bufio\"\n\t\"encoding/json\"\n)\n\nfunc f(w *bufio.Writer, xs []int) error {\n\tenc := json.NewEncoder(w)\n\tfor _, x := range xs {\n\t\tif err := enc.Encode(x); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\treturn nil\n}\n"
        );
    }

    /// A loop over `xs` in `func f(<params>)` whose body is `body` (tabs added), in a file
    /// importing what `imports` lists.
    fn func_src(imports: &[&str], params: &str, body: &str) -> String {
        let imports: String = imports.iter().map(|i| format!("\t\"{i}\"\n")).collect();
        let body: String = body.lines().map(|l| format!("\t\t{l}\n")).collect();
        format!(
            "package a\n\nimport (\n{imports})\n\nfunc f({params}, xs []int) error {{\n\tfor _, x := range xs {{\n{body}\t}}\n\treturn nil\n}}\n"
        )
    }

    const CHECKED: &str = "b, err := json.Marshal(x)\nif err != nil {\n\treturn err\n}\nif _, err := w.Write(b); err != nil {\n\treturn err\n}\nif _, err := w.Write([]byte{'\\n'}); err != nil {\n\treturn err\n}";

    #[test]
    fn writer_types_decide_safety() {
        let cases = [
            (
                &["encoding/json", "net/http"][..],
                "w http.ResponseWriter",
                "fix",
            ),
            (&["encoding/json", "os"][..], "w *os.File", "fix"),
            (&["encoding/json", "net"][..], "w net.Conn", "unsafe"),
            (&["encoding/json", "io"][..], "w io.Writer", "unsafe"),
        ];
        for (imports, params, want) in cases {
            let (out, msgs) = run_with(&func_src(imports, params, CHECKED), false);
            assert_eq!(msgs.len(), 1, "{params}: {msgs:?}");
            assert!(
                msgs[0].contains(&format!(":{want}: ")),
                "{params}: {msgs:?}"
            );
            assert_eq!(out.contains("enc.Encode(x)"), want == "fix", "{out}");
        }
        let (out, _) = run_with(
            &func_src(&["encoding/json", "net"], "w net.Conn", CHECKED),
            true,
        );
        assert!(out.contains("\tenc := json.NewEncoder(w)\n\tfor _, x := range xs {\n\t\tif err := enc.Encode(x); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n"), "{out}");
    }

    #[test]
    fn continue_after_a_write_error_is_unsafe_on_a_writer_that_forgets_it() {
        let body = CHECKED.replace("return err", "continue");
        let (_, msgs) = run_with(
            &func_src(&["encoding/json", "os"], "w *os.File", &body),
            false,
        );
        assert!(
            msgs[0].contains(":unsafe: ") && msgs[0].contains("every later value"),
            "{msgs:?}"
        );
        let (_, msgs) = run_with(
            &func_src(&["bufio", "encoding/json"], "w *bufio.Writer", &body),
            false,
        );
        assert!(msgs[0].contains(":fix: "), "{msgs:?}");
    }

    #[test]
    fn left_alone() {
        let bufio = &["bufio", "encoding/json"][..];
        let p = "w *bufio.Writer";
        for body in [
            // MarshalIndent, no newline, another separator.
            CHECKED.replace("json.Marshal(x)", "json.MarshalIndent(x, \"\", \" \")"),
            CHECKED.replace("[]byte{'\\n'}", "[]byte{','}"),
            CHECKED.replace("[]byte{'\\n'}", "[]byte(\"\\n\\n\")"),
            // The bytes are used again after the writes.
            format!("{CHECKED}\n_ = len(b)"),
            // The error is read after the writes.
            format!("{CHECKED}\n_ = err"),
            // Something between the Marshal and the write.
            CHECKED.replace(
                "if _, err := w.Write(b)",
                "w.Flush()\nif _, err := w.Write(b)",
            ),
            // An earlier err reused by `:=` (and read after the loop would be possible).
            format!("var err error\n_ = err\n{}", CHECKED),
        ] {
            let src = func_src(bufio, p, &body);
            let (out, msgs) = run_with(&src, true);
            assert!(msgs.is_empty(), "{body}: {msgs:?}");
            assert_eq!(out, src);
        }
        // Not in a loop.
        let src = "package a\n\nimport (\n\t\"bufio\"\n\t\"encoding/json\"\n)\n\nfunc f(w *bufio.Writer, x int) error {\n\tb, err := json.Marshal(x)\n\tif err != nil {\n\t\treturn err\n\t}\n\tif _, err := w.Write(b); err != nil {\n\t\treturn err\n\t}\n\treturn w.WriteByte('\\n')\n}\n";
        assert!(run_with(src, true).1.is_empty());
    }

    #[test]
    fn findings_without_fix() {
        let bufio = &["bufio", "encoding/json"][..];
        let p = "w *bufio.Writer";
        let goto = format!(
            "package a\n\nimport (\n\t\"bufio\"\n\t\"encoding/json\"\n)\n\nfunc f(w *bufio.Writer, xs []int) error {{\n\tgoto start\nstart:\n\tfor _, x := range xs {{\n{}\n\t}}\n\treturn nil\n}}\n",
            CHECKED
                .lines()
                .map(|l| format!("\t\t{l}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        let cases = [
            (
                func_src(bufio, p, &CHECKED.replacen("return err", "return nil", 1)),
                "handled differently",
            ),
            (
                func_src(
                    bufio,
                    p,
                    &CHECKED.replace(
                        "if _, err := w.Write(b); err",
                        "// the bytes\nif _, err := w.Write(b); err",
                    ),
                ),
                "a comment sits",
            ),
            (
                func_src(bufio, p, &CHECKED.replacen("return err", "println(err)", 1)),
                "does not end the iteration",
            ),
            (
                func_src(bufio, p, &format!("w := w\n{CHECKED}")),
                "declared in the loop",
            ),
            (
                func_src(
                    &["encoding/json", "os"],
                    "w *os.File",
                    "b, err := json.Marshal(x)\nif err != nil {\n\treturn err\n}\nw.Write(b)\nw.WriteString(\"\\n\")",
                ),
                "not checked",
            ),
            (goto, "goto"),
        ];
        for (src, why) in cases {
            let (out, msgs) = run_with(&src, true);
            assert_eq!(msgs.len(), 1, "{src}: {msgs:?}");
            assert!(
                msgs[0].contains(":none: ") && msgs[0].contains(why),
                "{why}: {msgs:?}"
            );
            assert_eq!(out, src);
        }
    }

    #[test]
    fn a_taken_name_gets_the_next_one_and_labels_stay_after_the_encoder() {
        let src = "package a\n\nimport (\n\t\"bytes\"\n\t\"encoding/json\"\n)\n\nfunc f(buf *bytes.Buffer, xs []int) error {\n\tenc := 1\n\t_ = enc\nouter:\n\tfor _, x := range xs {\n\t\tb, err := json.Marshal(x)\n\t\tif err != nil {\n\t\t\tcontinue outer\n\t\t}\n\t\tb = append(b, '\\n')\n\t\tbuf.Write(b)\n\t}\n\treturn nil\n}\n";
        let (out, msgs) = run_with(src, false);
        assert!(msgs[0].contains(":fix: "), "{msgs:?}");
        assert!(out.contains("\tenc0 := json.NewEncoder(buf)\nouter:\n\tfor _, x := range xs {\n\t\tif err := enc0.Encode(x); err != nil {\n\t\t\tcontinue outer\n\t\t}\n\t}\n"), "{out}");
    }
}
