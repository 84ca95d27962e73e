//! ## What it does
//! Removes a `[]byte(s)` or `string(b)` conversion made only to call a function that has a
//! twin for the other type:
//!
//! | written | becomes | by default |
//! |---------|---------|------------|
//! | `w.Write([]byte(s))`, w a `*bufio.Writer`, `*os.File` or a type of the package with `WriteString(string) (int, error)` | `w.WriteString(s)` | fixed |
//! | `re.Match([]byte(s))`, `FindIndex`, `FindSubmatchIndex`, `FindAllIndex`, `FindAllSubmatchIndex` on a `*regexp.Regexp`; `regexp.Match(p, []byte(s))` | `re.MatchString(s)`, `FindStringIndex`, … ; `regexp.MatchString(p, s)` | fixed |
//! | `string(re.Find([]byte(s)))` | `re.FindString(s)` | fixed |
//! | `strings.X(string(b), …)` for X = `Contains`, `ContainsAny`, `ContainsRune`, `ContainsFunc`, `Count`, `EqualFold`, `HasPrefix`, `HasSuffix`, `Index`, `IndexAny`, `IndexByte`, `IndexFunc`, `IndexRune`, `LastIndex`, `LastIndexAny`, `LastIndexByte`, `LastIndexFunc`, `Compare` | `bytes.X(b, …)` (a constant string argument becomes `[]byte("…")`, another `string(c)` becomes `c`) | fixed |
//! | the same on a `*bufio.Writer` whose byte count is read (`n, err := …`, `return w.Write(…)`) | `w.WriteString(s)` | finding, fix with `--unsafe` (the count differs when the underlying writer fails) |
//! | `w.Write([]byte(s))`, w a `*bytes.Buffer` or `*strings.Builder` (or another standard type with `WriteString` not measured to save) | `w.WriteString(s)` | finding, fix with `--unsafe` (the compiler already removes the allocation) |
//! | `w.Write([]byte(s))`, w an interface (`io.Writer`, `http.ResponseWriter`, …) | `io.WriteString(w, s)` | finding, fix with `--unsafe` (saves only if the dynamic writer has `WriteString`) |
//!
//! `(n, err)` results are used exactly as before: each twin returns the same types (`(int,
//! error)`, `bool`, `[]int`, `[][]int`, `int`), so only the call's name and its argument
//! change, wherever the call stands (`_, err := …`, `if _, err := …; err != nil`, a
//! statement). `s` must be a `string` (or an untyped string constant) and `b` a `[]byte`
//! as far as `analysis::types` can tell; `bytes` is imported when needed and `strings`
//! goes when its last use does.
//!
//! ## Why
//! A conversion between `string` and `[]byte` copies the bytes into a new allocation unless
//! the compiler can prove the copy does not escape (then a 32-byte stack buffer serves
//! short values, and the Go 1.26 compiler lets a `[]byte(s)` that is neither kept nor modified share
//! the string's bytes). Seed exercises 2 and 3. Measured with Go 1.26
//! (`testing.AllocsPerRun`, a non-constant string of 10 bytes / 160 bytes), allocs per call:
//!
//! | call | short | long | twin | short | long |
//! |------|-------|------|------|-------|------|
//! | `(*bytes.Buffer).Write([]byte(s))` | 0 | 0 | `WriteString(s)` | 0 | 0 |
//! | `(*strings.Builder).Write([]byte(s))` | 0 | 0 | `WriteString(s)` | 0 | 0 |
//! | `(*bufio.Writer).Write([]byte(s))` | 1 | 1 | `WriteString(s)` | 0 | 0 |
//! | `(*os.File).Write([]byte(s))` | 0 | 1 | `WriteString(s)` | 0 | 0 |
//! | `io.Writer` (a `*bytes.Buffer`) `.Write([]byte(s))` | 1 | 1 | `io.WriteString(w, s)` | 0 | 0 |
//! | `io.Writer` (no `WriteString`) `.Write([]byte(s))` | 1 | 1 | `io.WriteString(w, s)` | 1 | 1 |
//! | `*httptest.ResponseRecorder` `.Write([]byte(s))` | 1 | 1 | `WriteString(s)` | 0 | 0 |
//! | `hash.Hash` (sha256) `.Write([]byte(s))` | 0 | 1 | `io.WriteString(h, s)` | 1 | 1 |
//! | `hash.Hash` (fnv) `.Write([]byte(s))` | 0 | 0 | `io.WriteString(h, s)` | 1 | 1 |
//! | `re.Match([]byte(s))` | 1 | 1 | `re.MatchString(s)` | 0 | 0 |
//! | `re.FindIndex([]byte(s))` | 2 | 2 | `re.FindStringIndex(s)` | 1 | 1 |
//! | `re.FindSubmatchIndex([]byte(s))` | 2 | 2 | `re.FindStringSubmatchIndex(s)` | 1 | 1 |
//! | `re.FindAllIndex([]byte(s), -1)` | 7 | 44 | `re.FindAllStringIndex(s, -1)` | 6 | 43 |
//! | `strings.Contains(string(b), "zz")` (and `HasPrefix`, `HasSuffix`, `Index`, `IndexByte`, `IndexRune`, `IndexAny`, `LastIndex`, `Count`, `EqualFold`, `ContainsRune`, `ContainsAny`) | 0 | 1 | `bytes.Contains(b, []byte("zz"))` … | 0 | 0 |
//! | `strings.Compare(string(b), s)` | 1 | 1 | `bytes.Compare(b, []byte(s))` | 0 | 0 |
//!
//! So the rewrite is applied by default where allocs/op drop: `*bufio.Writer`, `*os.File`
//! (values over 32 bytes), the regexp twins and the `strings` → `bytes` twins (slices over
//! 32 bytes). For `*bytes.Buffer` and `*strings.Builder` the compiler already removes the
//! allocation: `WriteString` only reads better, so it is a finding whose fix is offered as
//! unsafe. Through an interface, `io.WriteString` saves the copy only when the dynamic type
//! has a `WriteString` method (net/http's server writer, `*bytes.Buffer`, `*bufio.Writer`,
//! `*os.File` do), and costs the same otherwise: a finding, fix offered as unsafe. A
//! `hash.Hash` is left alone: its implementations have no `WriteString`, and
//! `io.WriteString` makes the conversion escape (0 → 1 allocation for short values).
//!
//! ## Example
//! ```go
//! func writeLine(w *bufio.Writer, line string) error {
//!     _, err := w.Write([]byte(line))
//!     return err
//! }
//! func hasToken(b []byte) bool {
//!     return strings.Contains(string(b), "token")
//! }
//! ```
//! becomes
//! ```go
//! func writeLine(w *bufio.Writer, line string) error {
//!     _, err := w.WriteString(line)
//!     return err
//! }
//! func hasToken(b []byte) bool {
//!     return bytes.Contains(b, []byte("token"))
//! }
//! ```
//!
//! ## When it does not apply
//! - The converted value is kept in a variable (`b := []byte(s); mask(b); w.Write(b)`):
//!   the slice may be modified or stored; only a conversion written as the argument
//!   itself is rewritten.
//! - An operand that is not a `string`/`[]byte` the type model knows (a named string type,
//!   `[]byte(x)` of a `[]byte`, an unknown type), a writer whose type is unknown, a
//!   concrete writer without `WriteString` (`*gzip.Writer`), a `hash.Hash`.
//! - `strings`/`regexp`/`io`/`bytes` that are not the standard packages at that point (a
//!   local of that name), or a `byte` that is not the predeclared type.
//! - Regexp methods whose `String` twin has another result type (`Find`, `FindSubmatch`,
//!   `ReplaceAll`…): the result would change from `[]byte` to `string`. Except
//!   `string(re.Find([]byte(s)))`, used only as a string: it becomes `re.FindString(s)`
//!   (`Find` gives nil when nothing matches, and `string(nil)` is `""`, what `FindString`
//!   gives).
//! - A `strings.X` whose other string argument is neither a constant nor `string(c)` of a
//!   `[]byte` (`[]byte(t)` of a variable could allocate in its turn), and functions whose
//!   result is a string or a slice (`strings.Fields`, `TrimSpace`, …).
//! - Signature changes (exercise 2's "change the callee to accept string") are a design
//!   decision: not done.
//! - Generated and `_test.go` files.
//!
//! ## Fix safety
//! Safe where it is applied by default: each twin computes the same result from the same
//! bytes (the standard library documents them as equivalents), the operand is evaluated
//! once, at the same point, and only the call's name and the conversion change.
//! `(*bufio.Writer).WriteString` writes the same bytes as `Write`, but when the underlying
//! writer fails it returns another count (`Write` hands a large slice over in one call and
//! reports what the writer took, `WriteString` copies buffer-sized chunks and reports what
//! it buffered: 0 vs 16 with a 16-byte buffer over a writer that fails at once), so it is
//! applied by default only where the count is discarded (a statement, `_, err := …`).
//! A writer of the package is trusted to make its `WriteString` the `Write` of a string. The
//! `io.WriteString` fix is unsafe because the saving depends on the dynamic writer (and a
//! writer's `WriteString` is a different method from its `Write`); the `bytes.Buffer` /
//! `strings.Builder` fix only tidies.

use tree_sitter::Node;

use crate::analysis::consts::is_constant;
use crate::analysis::resolve::is_universe;
use crate::analysis::types::{Ty, is_conversion, method_signature, type_of, underlying};
use crate::analysis::uses::unparen;
use crate::fixkit::edit::{FileId, Finding, FixBuilder};
use crate::fixkit::imports::{ImportUse, is_call_to, name_for};
use crate::syntax::{in_function_body, named_children, text};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct ByteConversions;

impl Rule for ByteConversions {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "byte-conversions",
        summary: "w.Write([]byte(s)) → w.WriteString(s), re.Match([]byte(s)) → re.MatchString(s), strings.X(string(b)) → bytes.X(b), where allocs/op drop",
        fix: FixAvailability::SafeAndUnsafe,
        fix_note: "unsafe where the allocation is already removed by the compiler (bytes.Buffer, strings.Builder) or depends on the dynamic writer (io.WriteString)",
        source: include_str!("byte_conversions.rs"),
        needles: &["[]byte(", "string("],
        node_kinds: &["call_expression"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<ByteConversions>();

/// The regexp methods (and package function `Match`) whose `String` twin takes a string and
/// returns the same type.
const REGEXP_TWINS: &[(&str, &str)] = &[
    ("Match", "MatchString"),
    ("FindIndex", "FindStringIndex"),
    ("FindSubmatchIndex", "FindStringSubmatchIndex"),
    ("FindAllIndex", "FindAllStringIndex"),
    ("FindAllSubmatchIndex", "FindAllStringSubmatchIndex"),
];

/// How an argument after the first passes from a `strings` function to its `bytes` twin.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Arg {
    /// The same type in both (`rune`, `byte`, `func(rune) bool`, `chars string`).
    Same,
    /// `string` in strings, `[]byte` in bytes.
    Bytes,
}

/// The `strings` functions with a `bytes` twin of the same semantics whose result is a
/// `bool` or an `int`, with the kind of each argument after the first.
const STRINGS_TWINS: &[(&str, &[Arg])] = &[
    ("Contains", &[Arg::Bytes]),
    ("ContainsAny", &[Arg::Same]),
    ("ContainsRune", &[Arg::Same]),
    ("ContainsFunc", &[Arg::Same]),
    ("Count", &[Arg::Bytes]),
    ("EqualFold", &[Arg::Bytes]),
    ("HasPrefix", &[Arg::Bytes]),
    ("HasSuffix", &[Arg::Bytes]),
    ("Index", &[Arg::Bytes]),
    ("IndexAny", &[Arg::Same]),
    ("IndexByte", &[Arg::Same]),
    ("IndexFunc", &[Arg::Same]),
    ("IndexRune", &[Arg::Same]),
    ("LastIndex", &[Arg::Bytes]),
    ("LastIndexAny", &[Arg::Same]),
    ("LastIndexByte", &[Arg::Same]),
    ("LastIndexFunc", &[Arg::Same]),
    ("Compare", &[Arg::Bytes]),
];

/// The arguments of a call, unless the last is spread (`xs...`).
fn arguments(call: Node) -> Option<Vec<Node>> {
    let args = call.child_by_field_name("arguments")?;
    let mut cursor = args.walk();
    if args.children(&mut cursor).any(|c| c.kind() == "...") {
        return None;
    }
    Some(named_children(args))
}

/// If `node` is a conversion to `[]byte` (when `to_bytes`) or to `string` of an operand of
/// the other type (a `string` or untyped string constant; a `[]byte`), the operand.
fn conversion_operand<'t>(
    pkg: &crate::package::Package,
    file: FileId,
    node: Node<'t>,
    to_bytes: bool,
) -> Option<Node<'t>> {
    let node = unparen(node);
    let operand = match node.kind() {
        "type_conversion_expression" => node.child_by_field_name("operand")?,
        "call_expression" if is_conversion(pkg, file, node) => match arguments(node)?.as_slice() {
            [one] => *one,
            _ => return None,
        },
        _ => return None,
    };
    let to = type_of(pkg, file, node)?;
    let from = type_of(pkg, file, operand)?;
    let fits = if to_bytes {
        to.is_byte_slice() && from.is_string()
    } else {
        to == Ty::string() && from.is_byte_slice()
    };
    fits.then_some(operand)
}

/// The conversion `string(call)` whose only argument is `call` (possibly parenthesised).
fn string_conversion_of<'t>(
    pkg: &crate::package::Package,
    file: FileId,
    call: Node<'t>,
) -> Option<Node<'t>> {
    let mut inner = call;
    let mut parent = call.parent()?;
    while parent.kind() == "parenthesized_expression" {
        inner = parent;
        parent = parent.parent()?;
    }
    if parent.kind() != "argument_list" || named_children(parent).as_slice() != [inner] {
        return None;
    }
    let outer = parent.parent()?;
    (outer.kind() == "call_expression"
        && is_conversion(pkg, file, outer)
        && arguments(outer).is_some()
        && type_of(pkg, file, outer) == Some(Ty::string()))
    .then_some(outer)
}

/// A name for `path` usable at `call` without a new alias.
fn package_name(ctx: &Ctx, file: FileId, path: &str, call: Node) -> Option<ImportUse> {
    name_for(ctx.pkg, file, path, &[call])
        .filter(|u| u.need.as_ref().is_none_or(|n| n.alias.is_none()))
}

fn write_string_sig() -> (Vec<Ty>, Ty) {
    (
        vec![Ty::string()],
        Ty::Tuple(vec![Ty::Predeclared("int"), Ty::Predeclared("error")]),
    )
}

fn write_sig() -> (Vec<Ty>, Ty) {
    (
        vec![Ty::Slice(Box::new(Ty::Predeclared("uint8")))],
        Ty::Tuple(vec![Ty::Predeclared("int"), Ty::Predeclared("error")]),
    )
}

/// `w.Write([]byte(s))`.
fn write_call(
    ctx: &Ctx,
    file: FileId,
    call: Node,
    recv: Node,
    field: Node,
    conv: Node,
    operand: Node,
) -> Option<Finding> {
    let pkg = ctx.pkg;
    let src = ctx.src(file);
    let ty = type_of(pkg, file, recv)?;
    if method_signature(pkg, &ty, "Write") != Some(write_sig()) {
        return None;
    }
    let base = match &ty {
        Ty::Pointer(t) => &**t,
        t => t,
    };
    let s = text(operand, src);
    if method_signature(pkg, &ty, "WriteString") == Some(write_string_sig()) {
        let mut fix = FixBuilder::new(file);
        fix.replace(field.byte_range(), "WriteString");
        fix.replace(conv.byte_range(), s);
        // Measured with Go 1.26: these writers let Write's argument escape, and their
        // WriteString copies without converting. Other standard types with WriteString
        // are not shown to save anything (bytes.Buffer and strings.Builder measurably do
        // not: the compiler already removes the allocation).
        let saves = [
            ("bufio", "Writer"),
            ("bufio", "ReadWriter"),
            ("os", "File"),
            ("net/http/httptest", "ResponseRecorder"),
        ]
        .iter()
        .any(|(p, n)| base.is_imported(p, n));
        let (shown, gain) = match base {
            Ty::Imported { path, name, .. } if saves => (
                format!("{path}.{name}"),
                if path == "os" {
                    "1 → 0 allocs/op for strings over 32 bytes, measured with Go 1.26"
                } else {
                    "1 → 0 allocs/op, measured with Go 1.26"
                },
            ),
            Ty::Named(n) => (
                n.name.clone(),
                "the conversion allocates whenever Write lets its argument escape",
            ),
            _ => ("".to_string(), ""),
        };
        // bufio's WriteString and Write count differently when the underlying writer
        // fails (Write hands a large slice over in one call and reports what it took;
        // WriteString copies buffer-sized chunks and reports what it buffered): where the
        // count is read, the fix is offered as unsafe.
        if (base.is_imported("bufio", "Writer") || base.is_imported("bufio", "ReadWriter"))
            && count_read(call, src)
        {
            return Some(ctx.finding(
                    file,
                    call,
                    format!("[]byte(s) copies the string for each {shown}.Write; WriteString writes it without the copy ({gain}), but when the underlying writer fails it reports a different byte count (what it buffered, not what the writer took), and the count is read here: the fix is offered with --unsafe"),
                    Some(fix.unsafe_()),
                ));
        }
        if !gain.is_empty() {
            return Some(ctx.finding(
                file,
                call,
                format!("[]byte(s) copies the string for each {shown}.Write; WriteString writes it without the copy ({gain})"),
                Some(fix.safe()),
            ));
        }
        let Ty::Imported { path, name, .. } = base else {
            return None;
        };
        let why = if base.is_imported("bytes", "Buffer") || base.is_imported("strings", "Builder") {
            "the compiler already removes the allocation of this conversion (0 allocs/op measured with Go 1.26)"
        } else {
            "no allocation is shown to be saved"
        };
        return Some(ctx.finding(
            file,
            call,
            format!("{path}.{name}.Write([]byte(s)) could be WriteString(s), which reads better, but {why}: the fix only tidies and is offered with --unsafe"),
            Some(fix.unsafe_()),
        ));
    }
    // A writer whose dynamic type is unknown: io.WriteString saves the copy only when it has
    // a WriteString method. A hash.Hash has none, and io.WriteString makes the conversion
    // escape: left alone.
    if !matches!(underlying(pkg, &ty), Some(Ty::Interface(_))) {
        return None;
    }
    if let Ty::Imported { path, .. } = base
        && path == "hash"
    {
        return None;
    }
    let w = text(recv, src);
    // io.WriteString(w, s) has two arguments where Write had one: gofmt could space a binary
    // operand differently there, so such an operand gets no fix.
    let io = package_name(ctx, file, "io", call);
    let fix = match io {
        Some(io)
            if !matches!(unparen(operand).kind(), "binary_expression")
                && !w.contains('\n')
                && !s.contains('\n') =>
        {
            let mut fix = FixBuilder::new(file);
            fix.replace(
                call.byte_range(),
                format!("{}.WriteString({w}, {s})", io.name),
            );
            fix.import(io.need);
            Some(fix.unsafe_())
        }
        _ => None,
    };
    Some(ctx.finding(
        file,
        call,
        "[]byte(s) copies the string for each Write through an interface; io.WriteString(w, s) avoids the copy only when the writer's dynamic type has a WriteString method (net/http's ResponseWriter, *bytes.Buffer, *bufio.Writer, *os.File do; otherwise it still converts), so the fix is offered with --unsafe".to_string(),
        fix,
    ))
}

/// True unless the first result of `call` is discarded: the call is a statement, or its
/// results are assigned to `_, …`.
fn count_read(call: Node, src: &str) -> bool {
    let Some(parent) = call.parent() else {
        return true;
    };
    match parent.kind() {
        "expression_statement" => false,
        "expression_list" => {
            let Some(stmt) = parent.parent() else {
                return true;
            };
            if !matches!(
                stmt.kind(),
                "assignment_statement" | "short_var_declaration"
            ) || stmt.child_by_field_name("right") != Some(parent)
                || named_children(parent).len() != 1
            {
                return true;
            }
            stmt.child_by_field_name("left")
                .and_then(|l| named_children(l).first().copied())
                .is_none_or(|first| text(first, src) != "_")
        }
        _ => true,
    }
}

/// `re.Match([]byte(s))` and its twins, and `regexp.Match(p, []byte(s))`.
fn regexp_call(
    ctx: &Ctx,
    file: FileId,
    call: Node,
    field: Node,
    conv: Node,
    operand: Node,
    method: &str,
) -> Option<Finding> {
    let twin = REGEXP_TWINS.iter().find(|(m, _)| *m == method)?.1;
    let mut fix = FixBuilder::new(file);
    fix.replace(field.byte_range(), twin);
    fix.replace(conv.byte_range(), text(operand, ctx.src(file)));
    Some(ctx.finding(
        file,
        call,
        format!("[]byte(s) copies the string to call {method}; {twin}(s) reads it directly (one allocation less per call, measured with Go 1.26)"),
        Some(fix.safe()),
    ))
}

/// `strings.X(string(b), …)`.
fn strings_call(ctx: &Ctx, file: FileId, call: Node, func: Node, name: &str) -> Option<Finding> {
    let pkg = ctx.pkg;
    let src = ctx.src(file);
    let kinds = STRINGS_TWINS.iter().find(|(n, _)| *n == name)?.1;
    let args = arguments(call)?;
    if args.len() != kinds.len() + 1 {
        return None;
    }
    let first = conversion_operand(pkg, file, args[0], false)?;
    let bytes = package_name(ctx, file, "bytes", call)?;
    let mut fix = FixBuilder::new(file);
    fix.replace(
        func.child_by_field_name("operand")?.byte_range(),
        bytes.name.clone(),
    );
    fix.replace(args[0].byte_range(), text(first, src));
    for (arg, kind) in args[1..].iter().zip(kinds.iter()) {
        if *kind == Arg::Same {
            continue;
        }
        if let Some(b) = conversion_operand(pkg, file, *arg, false) {
            fix.replace(arg.byte_range(), text(b, src));
        } else if is_constant(pkg, file, *arg)
            && type_of(pkg, file, *arg).is_some_and(|t| t.is_string())
            && is_universe(pkg, file, call, "byte")
        {
            fix.replace(
                arg.byte_range(),
                format!("[]byte({})", text(unparen(*arg), src)),
            );
        } else {
            return None;
        }
    }
    fix.import(bytes.need);
    Some(ctx.finding(
        file,
        call,
        format!("string(b) copies the slice (when it is over 32 bytes) to call strings.{name}; bytes.{name} reads it directly (1 → 0 allocs/op measured with Go 1.26)"),
        Some(fix.safe()),
    ))
}

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    for file in ctx.files() {
        let src = ctx.src(file);
        for &call in ctx.nodes(file, "call_expression") {
            if !in_function_body(call) {
                continue;
            }
            let Some(func) = call
                .child_by_field_name("function")
                .filter(|f| f.kind() == "selector_expression")
            else {
                continue;
            };
            let (Some(recv), Some(field)) = (
                func.child_by_field_name("operand"),
                func.child_by_field_name("field"),
            ) else {
                continue;
            };
            let method = text(field, src);
            let names: Vec<&str> = STRINGS_TWINS.iter().map(|(n, _)| *n).collect();
            if let Some(name) = is_call_to(pkg, file, call, "strings", &names) {
                out.extend(strings_call(ctx, file, call, func, name));
                continue;
            }
            let Some(args) = arguments(call) else {
                continue;
            };
            if is_call_to(pkg, file, call, "regexp", &["Match"]).is_some() {
                if let [_, conv] = args.as_slice()
                    && let Some(operand) = conversion_operand(pkg, file, *conv, true)
                {
                    out.extend(regexp_call(ctx, file, call, field, *conv, operand, method));
                }
                continue;
            }
            let Some(&conv) = args.first() else {
                continue;
            };
            if method == "Write" && args.len() == 1 {
                if let Some(operand) = conversion_operand(pkg, file, conv, true) {
                    out.extend(write_call(ctx, file, call, recv, field, conv, operand));
                }
                continue;
            }
            let is_regexp = |recv: Node| {
                type_of(pkg, file, recv).is_some_and(|t| match &t {
                    Ty::Pointer(b) => b.is_imported("regexp", "Regexp"),
                    t => t.is_imported("regexp", "Regexp"),
                })
            };
            if REGEXP_TWINS.iter().any(|(m, _)| *m == method)
                && let Some(operand) = conversion_operand(pkg, file, conv, true)
                && is_regexp(recv)
            {
                out.extend(regexp_call(ctx, file, call, field, conv, operand, method));
            }
            if method == "Find"
                && args.len() == 1
                && let Some(operand) = conversion_operand(pkg, file, conv, true)
                && let Some(outer) = string_conversion_of(pkg, file, call)
                && is_regexp(recv)
            {
                let mut fix = FixBuilder::new(file);
                fix.replace(
                    outer.byte_range(),
                    format!("{}.FindString({})", text(recv, src), text(operand, src)),
                );
                out.push(ctx.finding(
                    file,
                    outer,
                    "string(re.Find([]byte(s))) copies s into a slice and the match into a string; re.FindString(s) returns the same string (\"\" when nothing matches) as a substring of s, without either copy".to_string(),
                    Some(fix.safe()),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::count_read;
    use crate::package::Package;
    use crate::syntax::{descendants, text};

    /// Whether the count of each `w.Write(…)` call of `body` is read, in order.
    fn counts_read(body: &str) -> Vec<bool> {
        let src = format!("package a\n\nfunc f() {{\n{body}\n}}\n");
        let pkg = Package::from_source(&src, None);
        let text_src = &pkg.files[0].src.text;
        descendants(pkg.files[0].src.root())
            .into_iter()
            .filter(|n| {
                n.kind() == "call_expression"
                    && n.child_by_field_name("function")
                        .is_some_and(|f| text(f, text_src) == "w.Write")
            })
            .map(|c| count_read(c, text_src))
            .collect()
    }

    #[test]
    fn discarded_and_read_counts() {
        assert_eq!(
            counts_read(
                "\tw.Write(p)\n\t_, err := w.Write(p)\n\t_, err = w.Write(p)\n\tif _, err := w.Write(p); err != nil {\n\t}\n\tn, err := w.Write(p)\n\tn, err = w.Write(p)\n\tvar _, e = w.Write(p)\n\tuse(w.Write(p))"
            ),
            vec![false, false, false, false, true, true, true, true]
        );
    }
}
