//! ## What it does
//! Reserves the capacity of a slice that a loop builds with exactly one `append` per
//! iteration. The slice is declared empty (`var out []T`, `out := []T{}`,
//! `out := make([]T, 0)`), or with a few elements (`errs := []error{first}`), with a slice
//! type written `[]T` or a named slice type declared in the package (`type MembersByID
//! []*Member`), and the loop right after it (statements that do not mention the slice may
//! sit in between) is one of
//! - `for … := range s` over a slice, array, pointer to array, map or string: `len(s)`
//!   (for a string, its length in bytes bounds the number of runes);
//! - `for i := 0; i < n; i++` with `n` an integer constant, an integer variable or
//!   `len(s)`, not changed by the loop;
//! - `for i := range n` over an integer (Go 1.22 or later, per go.mod).
//!
//! ## Why
//! Without a capacity, `append` grows the backing array geometrically (1, 2, 4, 8, …): every
//! growth calls the allocator and copies what is there (seed exercise 5: `mapInts` makes 11
//! allocations for 1000 elements; `runtime.growslice` in a profile). `make([]T, 0, n)`
//! reserves it once: 1 allocation, no copies (the golden benchmark of `mapInts` goes from
//! 11 to 1 allocs/op). The seed lists it first among the always-ship wins.
//!
//! ## Example
//! ```go
//! func mapInts(in []int, f func(int) int) []int {
//!     var out []int
//!     for _, x := range in {
//!         out = append(out, f(x))
//!     }
//!     return out
//! }
//! ```
//! becomes
//! ```go
//! func mapInts(in []int, f func(int) int) []int {
//!     var out []int
//!     if len(in) > 0 {
//!         out = make([]int, 0, len(in))
//!     }
//!     for _, x := range in {
//!         out = append(out, f(x))
//!     }
//!     return out
//! }
//! ```
//! A `var out []T` is nil when the loop runs zero times, and `make` is not: callers can tell
//! (`out == nil`, JSON `null` vs `[]`, `reflect.DeepEqual`; pulumi/pulumi#13311,
//! vitessio/vitess#20092). So the capacity is reserved by a guard inserted right before the
//! loop (before its label, if it has one): `if len(s) > 0 { out = make([]T, 0, len(s)) }`,
//! or `if n > 0 { … }` for a counted loop, which also keeps `make` from panicking on a
//! negative `n`. The guard holds exactly when the loop runs, and then the first iteration
//! appends, so the slice is nil afterwards exactly when it was before.
//!
//! No guard is written where the code already proves `len(s) > 0` before the loop: the loop
//! sits in the body of `if len(s) != 0 {` (or `> 0`, `> 1`, `>= 1`, also as one operand of
//! `&&`), or follows an `if len(s) == 0 { return }` (`continue`, `break`, `goto`, `panic`;
//! also as one operand of `||`, no `else`) in its block or an enclosing one, and `s` is a
//! local slice, array or string that nothing can change from that check on (not assigned,
//! not written in a function literal, address never taken, no method called on it, no label
//! in between). The loop then always runs and appends, so `make([]T, 0, len(s))` is written
//! directly (go-tools, caddy). The same holds for a field chain of a local (`len(s.Items)`)
//! checked with the same spelling, when no call, assignment, `++`/`--`, `&`, send, receive,
//! `go`, `defer`, function literal or label lies between the check and the loop (a field
//! may be reached through pointers).
//!
//! No guard is written either where nothing after the loop can tell nil from empty: every
//! later use of the slice is `len`/`cap` of it, a range over it, an index into it, or a
//! standard function that treats both alike (`strings.Join`, `sort.Strings`, `sort.Ints`,
//! `sort.Float64s`, `slices.Sort`, `slices.Contains`, `slices.Index`) — nsq's
//! `ErrList.Error` joins its messages, so `es := make([]string, 0, len(l))` is enough.
//!
//! The declaration itself becomes the `make` where nil-ness cannot be observed:
//! - a positive constant bound, or a `len(s)` bound proven positive as above (the loop
//!   always runs): `var result []int` before `for i := 0; i < 1000; i++` becomes
//!   `result := make([]int, 0, 1000)`;
//! - a slice that starts non-nil (`[]T{}`, `make([]T, 0)`) with a `len` bound:
//!   `out := make([]T, 0, len(s))`, when `len(s)` means the same at the declaration as at
//!   the loop. With an integer variable bound the literal stays and the guard is added (a
//!   negative `n` would make `make` panic).
//!
//! The element type is copied as written in the declaration.
//!
//! A literal start with elements keeps them, in a slice made with room for the loop's
//! too: `errs := []error{first}` before a range over `rest` becomes `errs :=
//! append(make([]error, 0, len(rest)+1), first)` (one expression in place of the literal;
//! the slice was never nil and is not). Only with a constant or `len` bound, plain
//! elements (no call that may change state, no elided `{…}` literal) and nothing in
//! between that could change the count.
//!
//! Two loops in a row that each append one element per iteration (statements that do not
//! mention the slice may sit between them) reserve the sum: `len(a)+len(b)` (`2*len(a)`
//! for the same collection), with the guard `len(a)+len(b) > 0`, when the second loop's
//! count is a constant or a `len` of locals that the first loop only reads in its header.
//! Otherwise only the first loop's count is reserved.
//!
//! ## When it does not apply
//! - The loop does not append exactly one element to the slice at its top level, after
//!   statements that cannot skip it: appends inside an `if` or after a `continue` are
//!   offered as an unsafe fix only (see below); nested loops, two appends, `append(out,
//!   xs...)`, `out = append(other, x)` are left alone.
//! - The slice is read, re-sliced or reassigned in the loop (including its header), or
//!   mentioned between its declaration and the loop.
//! - The count is unknown: a range over a call, a channel, a function, or a value whose type
//!   allocfix cannot read from a declaration (it reads parameters, struct fields, package
//!   variables, locals initialised by a literal, `make`, a conversion, a call of a
//!   non-generic function of this package, or of a few standard functions known to return
//!   a slice, such as `strings.Split`); a counted loop that does not start at 0, step by 1 or
//!   compare with `<`, or whose loop variable the body changes; a bound whose variables are
//!   assigned in the loop, in a function literal, or have their address taken (a counted
//!   loop's bound must be a local, as a call could change a package variable); a ranged map
//!   changed in the loop; `range n` before Go 1.22.
//! - An integer variable bound with a `break`, `return` or `goto` in the body: the loop may
//!   stop long before `n`, and `make` would reserve (or fail on) a huge `n` the original
//!   never reached.
//! - `len`, `make` or `append` is not the builtin (a local, parameter or package-level name
//!   hides it), or a name in the element type means something else at the loop.
//! - A label between the declaration and the loop: a backward `goto` to it would run the
//!   guard a second time and drop what the loop appended.
//! - Declarations of several names, `var (…)` groups, a slice declared with a named type
//!   of another package (`sort.StringSlice`) or a generic one (`List[int]`), generated
//!   files, `_test.go` files.
//! - A literal start whose elements call something, are elided composite literals, or
//!   come before an integer variable bound (a negative `n` would make `make` panic).
//!
//! `out := make([]T, len(s))` followed by a loop over `s` that appends to `out` is reported
//! without a fix: the appends come after `len(s)` zero values (the classic bug,
//! open-telemetry/opentelemetry-collector-contrib#24956); `make([]T, 0, len(s))` was
//! probably meant, but only the author can tell.
//!
//! ## Fix safety
//! Safe: the elements, their order and the slice's nil-ness are unchanged; only the
//! capacity differs. When the append is conditional (inside an `if`, `switch` or `select`
//! of the body, or after a statement that can skip it), the count is only an upper bound:
//! the fix may reserve far more than is used and, for `var out []T`, turns a nil result into
//! an empty one when nothing is appended. It is then offered as an unsafe fix (option
//! `conditional`). Where an earlier check proves the loop runs (see above), that fix makes
//! the declaration itself the `make` (`out := make([]T, 0, len(s))`), as a reviewer would
//! write it, rather than a `var out []T` followed by an assignment.

use tree_sitter::Node;

use crate::analysis::uses::{UseKind, classify, refers_to, unparen, uses_of};
use crate::fixkit::edit::{Applicability, Claim, Edit, FileId, Finding, Fix};
use crate::fixkit::indent::indentation;
use crate::fixkit::place;
use crate::syntax::{enclosing_function, named_children, text};
use serde::{Deserialize, Serialize};

use crate::transform::{Ctx, FixAvailability, Meta, Rule, TransformDef};

use super::loops::{self, Bound, Shape};
use crate::analysis::consts::const_int;
use crate::analysis::effects::may_change_state;
use crate::analysis::types::{
    Ty, builtin_call_args, is_conversion, is_len_or_cap, is_universe, underlying, written_type,
};

/// The rule; what it does is the module documentation above.
pub struct PreallocSlice;

impl Rule for PreallocSlice {
    type Options = PreallocSliceOptions;
    const META: Meta = Meta {
        id: "prealloc-slice",
        summary: "a slice grown by one append per loop iteration → reserve its capacity up front (nil kept nil)",
        fix: FixAvailability::SafeAndUnsafe,
        fix_note: "unsafe when the append is conditional; finding for make([]T, n) followed by append",
        source: include_str!("prealloc_slice.rs"),
        needles: &["append("],
        node_kinds: &["statement_list"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, options: &PreallocSliceOptions) -> Vec<Finding> {
        run(ctx, options)
    }
}

pub static DEF: TransformDef = TransformDef::of::<PreallocSlice>();

/// The options of `prealloc-slice` (`[transforms.prealloc-slice]` in allocfix.toml): each
/// field's doc comment is what `allocfix explain prealloc-slice` prints.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct PreallocSliceOptions {
    /// offer an unsafe fix (the count as an upper bound) when the append is conditional
    pub conditional: bool,
}

impl Default for PreallocSliceOptions {
    fn default() -> Self {
        PreallocSliceOptions { conditional: true }
    }
}

/// How the slice starts.
#[derive(Clone, Copy)]
enum Init<'a> {
    /// `var out []T`: nil.
    Nil,
    /// `[]T{}` (the literal node): empty, not nil.
    Empty(Node<'a>),
    /// `[]T{a, b}` (the literal node, and how many elements): not empty.
    Elements(Node<'a>, i128),
    /// `make([]T, 0)` (the call): empty, not nil.
    MakeZero(Node<'a>),
    /// `make([]T, n)` with its length argument: n zero values.
    MakeLen(Node<'a>),
}

struct Decl<'a> {
    stmt: Node<'a>,
    name: Node<'a>,
    /// The slice type as written.
    ty: Node<'a>,
    init: Init<'a>,
}

/// True when the type node `ty` is a slice type: `[]T`, or a non-generic type name whose
/// underlying type is one (`type MembersByID []*Member`).
fn is_slice_type(ctx: &Ctx, file: FileId, ty: Node) -> bool {
    match ty.kind() {
        "slice_type" => true,
        "type_identifier" => written_type(ctx.pkg, file, ty)
            .and_then(|t| underlying(ctx.pkg, &t))
            .is_some_and(|u| matches!(u, Ty::Slice(_))),
        _ => false,
    }
}

/// The number of elements of the slice literal body `body` when each is a plain value
/// that can be passed to `append` as written: no keys, no elided composite literals (`{1,
/// 2}` needs its type outside the literal), one line, and nothing that may change state
/// (evaluated after `make` instead of before it).
fn plain_elements(ctx: &Ctx, file: FileId, body: Node) -> Option<usize> {
    let src = ctx.src(file);
    let elements = named_children(body);
    for e in &elements {
        if e.kind() != "literal_element" || text(*e, src).contains('\n') {
            return None;
        }
        let value = *named_children(*e).first()?;
        if value.kind() == "literal_value"
            || may_change_state(ctx.pkg, file, value, &|c| is_conversion(ctx.pkg, file, c))
        {
            return None;
        }
    }
    Some(elements.len())
}

/// The slice type and how a declaration's value starts the slice.
fn classify_value<'a>(ctx: &Ctx<'a>, file: FileId, v: Node<'a>) -> Option<(Node<'a>, Init<'a>)> {
    match v.kind() {
        "composite_literal" => {
            let ty = v.child_by_field_name("type")?;
            let body = v.child_by_field_name("body")?;
            if !is_slice_type(ctx, file, ty) {
                return None;
            }
            match plain_elements(ctx, file, body)? {
                0 => Some((ty, Init::Empty(v))),
                n => Some((ty, Init::Elements(v, i128::try_from(n).ok()?))),
            }
        }
        "call_expression" => {
            let args = builtin_call_args(ctx.pkg, file, v, "make")?;
            if args.len() != 2 || !is_slice_type(ctx, file, args[0]) {
                return None;
            }
            if args[1].kind() == "int_literal" && const_int(ctx.pkg, file, args[1]) == Some(0) {
                Some((args[0], Init::MakeZero(v)))
            } else if args[1].kind() != "variadic_argument" {
                Some((args[0], Init::MakeLen(args[1])))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A declaration of one slice variable that starts empty.
fn parse_decl<'a>(ctx: &Ctx<'a>, file: FileId, stmt: Node<'a>) -> Option<Decl<'a>> {
    let src = ctx.src(file);
    let (name, ty_written, value) = match stmt.kind() {
        "short_var_declaration" => {
            let left = named_children(stmt.child_by_field_name("left")?);
            let right = named_children(stmt.child_by_field_name("right")?);
            if left.len() != 1 || right.len() != 1 || left[0].kind() != "identifier" {
                return None;
            }
            (left[0], None, Some(right[0]))
        }
        "var_declaration" => {
            let specs = named_children(stmt);
            if specs.len() != 1 || specs[0].kind() != "var_spec" {
                return None;
            }
            let spec = specs[0];
            let names = crate::syntax::field_children(spec, "name");
            if names.len() != 1 {
                return None;
            }
            let value = match spec.child_by_field_name("value") {
                Some(list) => {
                    let values = named_children(list);
                    if values.len() != 1 {
                        return None;
                    }
                    Some(values[0])
                }
                None => None,
            };
            (names[0], spec.child_by_field_name("type"), value)
        }
        _ => return None,
    };
    if text(name, src) == "_" {
        return None;
    }
    let (ty, init) = match value {
        None => {
            let ty = ty_written?;
            is_slice_type(ctx, file, ty).then_some((ty, Init::Nil))?
        }
        Some(v) => {
            let (ty, init) = classify_value(ctx, file, v)?;
            if ty_written.is_some_and(|w| text(w, src) != text(ty, src)) {
                return None;
            }
            (ty, init)
        }
    };
    if text(ty, src).contains('\n') {
        return None;
    }
    Some(Decl {
        stmt,
        name,
        ty,
        init,
    })
}

/// When `stmt` is `name = append(name, …)` (name the variable declared at `decl`), whether
/// it appends exactly one element.
fn append_to<'a>(ctx: &Ctx<'a>, file: FileId, stmt: Node<'a>, decl: Node<'a>) -> Option<bool> {
    let src = ctx.src(file);
    if stmt.kind() != "assignment_statement"
        || stmt.child_by_field_name("operator").map(|o| text(o, src)) != Some("=")
    {
        return None;
    }
    let left = named_children(stmt.child_by_field_name("left")?);
    let right = named_children(stmt.child_by_field_name("right")?);
    if left.len() != 1 || right.len() != 1 || !refers_to(left[0], decl, src) {
        return None;
    }
    let args = builtin_call_args(ctx.pkg, file, right[0], "append")?;
    if args.is_empty() || !refers_to(args[0], decl, src) {
        return None;
    }
    Some(args.len() == 2 && args[1].kind() != "variadic_argument")
}

/// True when nothing after the loop can tell a nil `d` from an empty one: every use of it
/// outside the loop is `len`/`cap` of it, a range over it, an index into it, or a
/// standard function that treats nil and empty alike (`strings.Join`, `sort.Strings`,
/// `slices.Sort`, …). Then the guard that keeps nil nil would only be noise.
fn nil_unobserved<'a>(ctx: &Ctx<'a>, file: FileId, d: &Decl<'a>, f: &loops::Following<'a>) -> bool {
    const NIL_BLIND: &[(&str, &[&str])] = &[
        ("strings", &["Join"]),
        ("sort", &["Strings", "Ints", "Float64s"]),
        ("slices", &["Sort", "Contains", "Index"]),
    ];
    let pkg = ctx.pkg;
    let src = ctx.src(file);
    let Some(func) = enclosing_function(d.stmt) else {
        return false;
    };
    uses_of(d.name, func, src).into_iter().all(|u| {
        if loops::within(u, f.for_stmt) {
            return true;
        }
        if u.start_byte() < f.for_stmt.start_byte() {
            return false;
        }
        let outer = unparen(u);
        let Some(parent) = outer.parent() else {
            return false;
        };
        match parent.kind() {
            "range_clause" => parent.child_by_field_name("right") == Some(outer),
            "index_expression" => parent.child_by_field_name("operand") == Some(outer),
            "argument_list" => {
                let Some(call) = parent.parent() else {
                    return false;
                };
                let first = named_children(parent).first() == Some(&outer);
                // `string(b)` of a nil and of an empty byte or rune slice are both "".
                let to_string = call.child_by_field_name("function").is_some_and(|f| {
                    f.kind() == "identifier"
                        && text(f, src) == "string"
                        && is_universe(pkg, file, f, "string")
                }) && named_children(parent).len() == 1;
                to_string
                    || is_len_or_cap(pkg, file, call)
                    || first
                        && crate::fixkit::imports::call_target(pkg, file, call).is_some_and(
                            |(p, n)| {
                                NIL_BLIND
                                    .iter()
                                    .any(|(path, fs)| *path == p && fs.contains(&n.as_str()))
                            },
                        )
            }
            _ => false,
        }
    })
}

/// The statement around `node` that is a direct child of a statement list.
fn statement_of(node: Node) -> Option<Node> {
    crate::syntax::ancestors(node)
        .find(|a| a.parent().is_some_and(|p| p.kind() == "statement_list"))
}

/// The count of a loop that follows the first loop `f` (statements that do not mention the
/// slice may sit in between) and appends exactly one element to the slice in every
/// iteration, when that count can be evaluated before the first loop with the same value:
/// a constant or `len` bound whose variables are locals (or constants) mentioned neither in
/// the first loop nor in between, read without a dereference, and meaning the same there.
fn second_loop<'a>(
    ctx: &Ctx<'a>,
    file: FileId,
    d: &Decl<'a>,
    f: &loops::Following<'a>,
    c: &loops::Count<'a>,
) -> Option<loops::Count<'a>> {
    let pkg = ctx.pkg;
    let src = ctx.src(file);
    let name = text(d.name, src);
    if c.bound == Bound::Var || f.stmt.kind() != "for_statement" {
        return None;
    }
    let second = loops::following_loop(f.stmt, name, src)?;
    if second.stmt.kind() != "for_statement" {
        return None;
    }
    let c2 = loops::count(pkg, file, second.for_stmt)?;
    if c2.bound == Bound::Var || c2.derefs {
        return None;
    }
    let uses = uses_of(d.name, second.for_stmt, src);
    let spelled = crate::syntax::descendants(second.for_stmt)
        .into_iter()
        .filter(|n| n.kind() == "identifier" && text(*n, src) == name)
        .count();
    let effect = statement_of(*uses.first()?)?;
    if uses.len() != 2 || spelled != 2 || statement_of(uses[1]) != Some(effect) {
        return None;
    }
    if append_to(ctx, file, effect, d.name) != Some(true)
        || loops::effect_shape(c2.body, effect)? != Shape::Every
        || !loops::operands_stable(pkg, file, &c2)
        || !loops::same_meaning(&c2.operands, f.stmt, second.stmt, src)
    {
        return None;
    }
    let untouched = c2.operands.iter().all(|op| {
        let Some(root) = loops::chain_root(*op) else {
            return false;
        };
        let root_name = text(root, src);
        crate::analysis::consts::is_const_ident(pkg, file, root)
            || (crate::analysis::resolve::local_decl(root, root_name, src).is_some()
                && only_read_in_header(f.for_stmt, c.body, root_name, src)
                && !second
                    .between
                    .iter()
                    .any(|s| loops::spells(*s, root_name, src)))
    });
    untouched.then_some(c2)
}

/// True when `name` is not spelled in the loop `for_stmt` (whose body is `body`) except as
/// a read in its header (`range keys` before a second loop over `keys`).
fn only_read_in_header(for_stmt: Node, body: Node, name: &str, src: &str) -> bool {
    crate::syntax::descendants(for_stmt)
        .into_iter()
        .filter(|n| n.kind() == "identifier" && text(*n, src) == name)
        .all(|n| !loops::within(n, body) && classify(n, src) == UseKind::Read)
}

/// The count of two loops run one after the other, as one count reserved before the first.
fn combined<'a>(c: loops::Count<'a>, c2: loops::Count<'a>) -> loops::Count<'a> {
    let folded = match (c.bound, c2.bound) {
        (Bound::Const(a), Bound::Const(b))
            if crate::analysis::consts::parse_int(&c.cap) == Some(a)
                && crate::analysis::consts::parse_int(&c2.cap) == Some(b) =>
        {
            Some(a + b)
        }
        _ => None,
    };
    let cap = match folded {
        Some(n) => n.to_string(),
        // Two loops over the same collection.
        None if c.cap == c2.cap => format!("2*{}", c.cap),
        None => format!("{}+{}", c.cap, c2.cap),
    };
    // The slice gets an element when either loop runs: a constant loop always does.
    let guard = match (&c.guard, &c2.guard) {
        (Some(_), Some(_)) => Some(format!("{cap} > 0")),
        _ => None,
    };
    let bound = match (c.bound, c2.bound) {
        (Bound::Const(a), _) => Bound::Const(folded.unwrap_or(a)),
        (_, Bound::Const(b)) => Bound::Const(b),
        _ => Bound::Len,
    };
    let mut operands = c.operands;
    operands.extend(c2.operands);
    loops::Count {
        cap,
        guard,
        bound,
        operands,
        derefs: c.derefs || c2.derefs,
        uses_len: c.uses_len || c2.uses_len,
        ..c
    }
}

fn analyse<'a>(
    ctx: &Ctx<'a>,
    options: &PreallocSliceOptions,
    file: FileId,
    d: &Decl<'a>,
) -> Option<Finding> {
    let pkg = ctx.pkg;
    let src = ctx.src(file);
    let name = text(d.name, src);
    let ty = text(d.ty, src);
    let f = loops::following_loop(d.stmt, name, src)?;
    let c = loops::count(pkg, file, f.for_stmt)?;
    let uses = uses_of(d.name, f.for_stmt, src);
    let spelled = crate::syntax::descendants(f.for_stmt)
        .into_iter()
        .filter(|n| n.kind() == "identifier" && text(*n, src) == name)
        .count();
    if uses.is_empty() || spelled != uses.len() {
        return None;
    }

    if let Init::MakeLen(len_arg) = d.init {
        // make([]T, len(s)) then append: the leading-zeros bug. Only reported.
        let appends_only = uses
            .iter()
            .all(|u| statement_of(*u).is_some_and(|s| append_to(ctx, file, s, d.name).is_some()));
        if text(len_arg, src) != c.cap || !appends_only {
            return None;
        }
        let len = text(len_arg, src);
        return Some(ctx.finding(
            file,
            d.name,
            format!("make({ty}, {len}) starts `{name}` with {len} zero values and the loop appends after them; did you mean make({ty}, 0, {len})?"),
            None,
        ));
    }

    // Exactly one statement of the loop touches the slice: `name = append(name, x)`.
    let effect = statement_of(uses[0])?;
    if uses.len() != 2 || statement_of(uses[1]) != Some(effect) {
        return None;
    }
    if append_to(ctx, file, effect, d.name) != Some(true) {
        return None;
    }
    let shape = loops::effect_shape(c.body, effect)?;
    if shape == Shape::Conditional && !options.conditional {
        return None;
    }
    if !loops::operands_stable(pkg, file, &c) {
        return None;
    }
    if c.bound == Bound::Var && loops::body_may_leave(c.body) {
        return None;
    }
    // A second loop after this one that also appends once per iteration: reserve room for
    // both (the capacity is the sum of the counts).
    let c = match second_loop(ctx, file, d, &f, &c) {
        Some(c2) if shape == Shape::Every => combined(c, c2),
        _ => c,
    };
    let append_call = named_children(effect.child_by_field_name("right")?)
        .first()
        .copied()?;
    if !is_universe(pkg, file, append_call, "append") {
        return None;
    }
    let builtins_at = |at: Node| {
        is_universe(pkg, file, at, "make") && (!c.uses_len || is_universe(pkg, file, at, "len"))
    };
    let cap = &c.cap;
    let make = format!("make({ty}, 0, {cap})");

    // Where an earlier check already proves `len(s) > 0`, the loop runs and its first
    // iteration appends: the guard would only repeat the check.
    let proven_at = |at: Node<'a>| loops::len_proven_positive(pkg, file, at, &c);

    // Nothing after the loop can tell a nil slice from an empty one. Computed once, and only
    // where it decides something: it walks the function's uses of the slice.
    let nil_blind_once = std::cell::OnceCell::new();
    let nil_blind = || *nil_blind_once.get_or_init(|| nil_unobserved(ctx, file, d, &f));
    // The declaration becomes the make where nil-ness cannot be observed.
    let at_decl = match (d.init, c.bound) {
        (Init::Nil, Bound::Const(_)) => Some(Edit::replace(
            file,
            d.stmt.byte_range(),
            format!("{name} := {make}"),
        )),
        // A conditional append (an unsafe fix, which already gives up nil-ness when nothing
        // is appended) with the loop proven to run: `result := make(…)`, not `var result
        // []T` followed by `result = make(…)`.
        (Init::Nil, Bound::Len) if proven_at(d.stmt) || nil_blind() => Some(Edit::replace(
            file,
            d.stmt.byte_range(),
            format!("{name} := {make}"),
        )),
        (Init::Empty(v) | Init::MakeZero(v), Bound::Const(_) | Bound::Len) => {
            Some(Edit::replace(file, v.byte_range(), make.clone()))
        }
        // `[]T{a}` then one append per element: the elements go into a slice made with
        // room for the loop's too. It was never nil, and stays so.
        (Init::Elements(v, k), Bound::Const(_) | Bound::Len) if shape == Shape::Every => {
            let body = v.child_by_field_name("body")?;
            let elements: Vec<&str> = named_children(body)
                .into_iter()
                .map(|e| text(e, src))
                .collect();
            let total = match (c.bound, crate::analysis::consts::parse_int(cap)) {
                (Bound::Const(n), Some(m)) if n == m => (n + k).to_string(),
                _ => format!("{cap}+{k}"),
            };
            Some(Edit::replace(
                file,
                v.byte_range(),
                format!("append(make({ty}, 0, {total}), {})", elements.join(", ")),
            ))
        }
        _ => None,
    }
    .filter(|_| builtins_at(d.stmt) && loops::count_evaluable_at(pkg, file, d.stmt, &f, &c));
    // The elements of a literal start cannot be kept by a statement before the loop.
    if matches!(d.init, Init::Elements(..)) && at_decl.is_none() {
        return None;
    }

    let (edit, guarded) = match at_decl {
        Some(e) => (e, false),
        None => {
            let at = place::before_statement(f.stmt, src)?;
            // A label in between could be the target of a backward goto: the guard would
            // then run again and drop what the loop appended.
            if f.between.iter().any(|s| s.kind() == "labeled_statement") {
                return None;
            }
            if !builtins_at(f.stmt) || !loops::same_meaning(&[d.ty], d.stmt, f.stmt, src) {
                return None;
            }
            let ind = indentation(src, d.stmt.start_byte());
            let assign = format!("{name} = {make}");
            let guard = c
                .guard
                .as_ref()
                .filter(|_| !(proven_at(f.stmt) || nil_blind()));
            let content = match guard {
                Some(g) => format!("{ind}if {g} {{\n{ind}\t{assign}\n{ind}}}\n"),
                None => format!("{ind}{assign}\n"),
            };
            (Edit::insert(file, at, content), guard.is_some())
        }
    };
    let applicability = match shape {
        Shape::Every => Applicability::Safe,
        Shape::Conditional => Applicability::Unsafe,
    };
    let func = enclosing_function(d.stmt)?;
    let fix = Fix::new(applicability, vec![edit]).with_claim(Claim::Local {
        func: func.start_byte(),
        name: name.to_string(),
    });
    let message = match (shape, d.init) {
        (Shape::Every, _) if guarded => format!(
            "`{name}` grows by one append per loop iteration; reserve its capacity ({cap}) before the loop, guarded by `{}` so that it stays nil when the loop does not run",
            c.guard.as_deref().unwrap_or("")
        ),
        (Shape::Every, _) => format!(
            "`{name}` grows by one append per loop iteration; reserve its capacity up front with {make}"
        ),
        (Shape::Conditional, Init::Nil) if !nil_blind() => format!(
            "`{name}` is appended to in some iterations only; {cap} is an upper bound on its length, and reserving it turns a nil result into an empty one when nothing is appended (unsafe fix)"
        ),
        (Shape::Conditional, _) => format!(
            "`{name}` is appended to in some iterations only; {cap} is an upper bound on its length and may reserve far more than is used (unsafe fix)"
        ),
    };
    Some(ctx.finding(file, d.name, message, Some(fix)))
}

fn run(ctx: &Ctx, options: &PreallocSliceOptions) -> Vec<Finding> {
    let mut out = Vec::new();
    for file in ctx.files() {
        for &list in ctx.nodes(file, "statement_list") {
            for stmt in named_children(list) {
                let Some(d) = parse_decl(ctx, file, stmt) else {
                    continue;
                };
                if let Some(finding) = analyse(ctx, options, file, &d) {
                    out.push(finding);
                }
            }
        }
    }
    out
}
