//! Loop shapes for the pre-sizing transforms: how many times a `for` loop runs (a constant,
//! `len(x)`, or an integer variable), whether the operands of that count stay put while it
//! runs, whether a statement can leave an iteration early, and where a statement can be
//! inserted right before a loop.

use tree_sitter::Node;

use crate::analysis::resolve::{declares_with_define, local_decl};
use crate::analysis::uses::{UseKind, classify, unparen, uses_of};
use crate::fixkit::edit::FileId;
use crate::package::Package;
use crate::syntax::{ancestors, descendants, enclosing_function, named_children, statements, text};

use crate::analysis::consts::{const_int, is_const_ident};
use crate::analysis::types::{Kind, builtin_call_args, kind_of_expr};

/// What bounds the number of iterations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// A positive constant: the loop always runs, exactly that many times.
    Const(i128),
    /// `len(x)` of a collection.
    Len,
    /// An integer variable (or a constant of unknown value): it may be zero or negative.
    Var,
}

/// How many times a loop runs, as an expression that can be written before it.
#[derive(Clone, Debug)]
pub struct Count<'a> {
    pub for_stmt: Node<'a>,
    pub body: Node<'a>,
    pub bound: Bound,
    /// The iteration count (or its upper bound, for a range over a string), as Go text.
    pub cap: String,
    /// A condition that holds exactly when the loop runs at least once; None when it always
    /// runs.
    pub guard: Option<String>,
    /// The expressions the count reads (identifiers, field selectors).
    pub operands: Vec<Node<'a>>,
    /// Evaluating the count may dereference a pointer (a field selector).
    pub derefs: bool,
    /// The loop's own variable (`i` of a counted loop or of a range over an integer).
    pub loop_var: Option<Node<'a>>,
    /// True for a counted loop, whose bound is evaluated before every iteration.
    pub counted: bool,
    /// The builtins the count expression uses (`len`).
    pub uses_len: bool,
}

/// True for an identifier or a chain of field selectors on one (`o.Items`, `a.b.c`).
pub fn is_chain(node: Node) -> bool {
    match node.kind() {
        "identifier" => true,
        "selector_expression" => node.child_by_field_name("operand").is_some_and(is_chain),
        _ => false,
    }
}

/// The leftmost identifier of a chain.
pub fn chain_root(node: Node) -> Option<Node> {
    match node.kind() {
        "identifier" => Some(node),
        "selector_expression" => chain_root(node.child_by_field_name("operand")?),
        _ => None,
    }
}

/// The iteration count of `for_stmt`, when it is one of the shapes allocfix understands:
/// `for … := range x` over a slice, array, pointer to array, map or string (`len(x)`),
/// `for i := range n` over an integer (Go ≥ 1.22), and `for i := 0; i < n; i++` with `n` an
/// integer constant, an integer variable or `len(x)`.
pub fn count<'a>(pkg: &'a Package, file: FileId, for_stmt: Node<'a>) -> Option<Count<'a>> {
    let src = &pkg.files[file].src.text;
    let body = for_stmt.child_by_field_name("body")?;
    let clause = named_children(for_stmt)
        .into_iter()
        .find(|n| matches!(n.kind(), "range_clause" | "for_clause"))?;
    let mut c = Count {
        for_stmt,
        body,
        bound: Bound::Var,
        cap: String::new(),
        guard: None,
        operands: Vec::new(),
        derefs: false,
        loop_var: None,
        counted: clause.kind() == "for_clause",
        uses_len: false,
    };
    if clause.kind() == "range_clause" {
        let right = clause.child_by_field_name("right")?;
        if declares_with_define(clause) {
            c.loop_var = clause
                .child_by_field_name("left")
                .and_then(|l| named_children(l).into_iter().next())
                .filter(|n| n.kind() == "identifier" && text(*n, src) != "_");
        }
        let kind = kind_of_expr(pkg, file, right);
        if kind == Kind::Integer || right.kind() == "int_literal" {
            if !pkg.go_at_least(1, 22) {
                return None;
            }
            integer_bound(pkg, file, right, &mut c)?;
        } else {
            c.loop_var = None;
            if !kind.ranges_len() || !is_chain(right) {
                return None;
            }
            let x = text(right, src);
            c.bound = Bound::Len;
            c.cap = format!("len({x})");
            c.guard = Some(format!("len({x}) > 0"));
            c.operands.push(right);
            c.derefs = right.kind() == "selector_expression";
            c.uses_len = true;
        }
        return Some(c);
    }

    // for i := 0; i < n; i++
    let init = clause.child_by_field_name("initializer")?;
    let cond = clause.child_by_field_name("condition")?;
    let update = clause.child_by_field_name("update")?;
    if init.kind() != "short_var_declaration" {
        return None;
    }
    let left = named_children(init.child_by_field_name("left")?);
    let right = named_children(init.child_by_field_name("right")?);
    if left.len() != 1 || right.len() != 1 || left[0].kind() != "identifier" {
        return None;
    }
    let var = left[0];
    let name = text(var, src);
    if right[0].kind() != "int_literal" || const_int(pkg, file, right[0]) != Some(0) {
        return None;
    }
    if cond.kind() != "binary_expression"
        || cond.child_by_field_name("operator").map(|o| text(o, src)) != Some("<")
    {
        return None;
    }
    let lhs = cond.child_by_field_name("left")?;
    if lhs.kind() != "identifier" || text(lhs, src) != name {
        return None;
    }
    let steps_by_one = match update.kind() {
        "inc_statement" => named_children(update)
            .first()
            .is_some_and(|n| n.kind() == "identifier" && text(*n, src) == name),
        "assignment_statement" => {
            update.child_by_field_name("operator").map(|o| text(o, src)) == Some("+=")
                && update
                    .child_by_field_name("left")
                    .map(named_children)
                    .is_some_and(|l| l.len() == 1 && text(l[0], src) == name)
                && update
                    .child_by_field_name("right")
                    .map(named_children)
                    .is_some_and(|r| r.len() == 1 && const_int(pkg, file, r[0]) == Some(1))
        }
        _ => false,
    };
    if !steps_by_one {
        return None;
    }
    // The body must not move i.
    if uses_of(var, body, src)
        .iter()
        .any(|u| classify(*u, src) != UseKind::Read)
    {
        return None;
    }
    c.loop_var = Some(var);
    let bound = cond.child_by_field_name("right")?;
    integer_bound(pkg, file, bound, &mut c)?;
    // A counted loop re-reads its bound: only a len of something whose length cannot change
    // behind its back.
    if c.bound == Bound::Len
        && c.operands
            .iter()
            .any(|o| o.kind() != "identifier" || !kind_of_expr(pkg, file, *o).len_fixed_by_value())
    {
        return None;
    }
    Some(c)
}

/// Fills in `c` for an integer bound `b`: a constant, `len(x)`, or an integer variable.
fn integer_bound<'a>(pkg: &'a Package, file: FileId, b: Node<'a>, c: &mut Count<'a>) -> Option<()> {
    let src = &pkg.files[file].src.text;
    let t = text(b, src).to_string();
    // A constant whose value allocfix cannot compute may be negative, and make with a
    // negative constant does not compile (even in a branch that never runs).
    if is_const_ident(pkg, file, b) && const_int(pkg, file, b).is_none() {
        return None;
    }
    if let Some(v) = const_int(pkg, file, b) {
        if v <= 0 {
            return None;
        }
        c.bound = Bound::Const(v);
        c.cap = t;
        c.guard = None;
        if b.kind() == "identifier" {
            c.operands.push(b);
        }
        return Some(());
    }
    if let Some(args) = builtin_call_args(pkg, file, b, "len") {
        if args.len() != 1 || !is_chain(args[0]) {
            return None;
        }
        if !kind_of_expr(pkg, file, args[0]).ranges_len() {
            return None;
        }
        c.bound = Bound::Len;
        c.guard = Some(format!("{t} > 0"));
        c.cap = t;
        c.operands.push(args[0]);
        c.derefs = args[0].kind() == "selector_expression";
        c.uses_len = true;
        return Some(());
    }
    // In `i < n` with `i := 0`, n is an int (or an untyped constant) in any program that
    // compiles; a range over n needs its type to tell an integer from a collection.
    if b.kind() == "identifier" && (c.counted || kind_of_expr(pkg, file, b) == Kind::Integer) {
        c.bound = Bound::Var;
        c.guard = Some(format!("{t} > 0"));
        c.cap = t;
        c.operands.push(b);
        return Some(());
    }
    None
}

/// True when `inner` lies within `outer`.
pub fn within(inner: Node, outer: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// True when the values the count reads cannot change while the loop runs: their root
/// variables are constants, or locals that are neither written inside the loop nor inside
/// any function literal, and whose address is never taken. Package-level variables are
/// accepted only for a range (evaluated once, before the first iteration). A map being
/// ranged over must not be touched in the loop except by reading entries.
pub fn operands_stable<'a>(pkg: &'a Package, file: FileId, c: &Count<'a>) -> bool {
    let src = &pkg.files[file].src.text;
    for &op in &c.operands {
        let Some(root) = chain_root(op) else {
            return false;
        };
        if is_const_ident(pkg, file, root) {
            continue;
        }
        let Some(decl) = local_decl(root, text(root, src), src) else {
            if c.counted {
                return false;
            }
            continue;
        };
        let decl_func = enclosing_function(decl);
        let Some(func) = decl_func else {
            return false;
        };
        let is_map = kind_of_expr(pkg, file, op) == Kind::Map;
        for u in uses_of(decl, func, src) {
            if classify(u, src) == UseKind::AddressOf {
                return false;
            }
            let in_loop = within(u, c.for_stmt);
            if classify(u, src) != UseKind::Read && (in_loop || enclosing_function(u) != decl_func)
            {
                return false;
            }
            if is_map && in_loop && within(u, c.body) && !is_entry_read(u, src) {
                return false;
            }
        }
    }
    true
}

/// True for `m` in `m[k]` read (not assigned, incremented or deleted), or in `len(m)`.
fn is_entry_read(u: Node, src: &str) -> bool {
    let outer = unparen(u);
    let Some(p) = outer.parent() else {
        return false;
    };
    match p.kind() {
        "index_expression" => {
            p.child_by_field_name("operand") == Some(outer) && classify(p, src) == UseKind::Read
        }
        "argument_list" => p.parent().is_some_and(|call| {
            call.child_by_field_name("function")
                .is_some_and(|f| text(f, src) == "len")
        }),
        _ => false,
    }
}

/// True when `n` lies inside a function literal that is itself inside `stmt`.
fn in_nested_func(n: Node, stmt: Node) -> bool {
    ancestors(n)
        .skip(1)
        .take_while(|a| *a != stmt)
        .any(|a| a.kind() == "func_literal")
}

/// True when running `stmt` can end the current iteration early or leave the loop around
/// it: a `return`, `goto`, labelled `break`/`continue`, or a plain `break`/`continue` that
/// is not caught by a loop, switch or select inside `stmt`. (A panic is not counted: it
/// leaves the function, where a local that is not captured cannot be observed.)
pub fn may_skip(stmt: Node) -> bool {
    jumps_out(stmt, true)
}

/// True when running `stmt` can leave the loop around it (as `may_skip`, but a plain
/// `continue`, which only ends the iteration, does not count).
pub fn may_leave(stmt: Node) -> bool {
    jumps_out(stmt, false)
}

fn jumps_out(stmt: Node, count_continue: bool) -> bool {
    for n in descendants(stmt) {
        let kind = n.kind();
        if !matches!(
            kind,
            "return_statement" | "goto_statement" | "break_statement" | "continue_statement"
        ) || in_nested_func(n, stmt)
        {
            continue;
        }
        if matches!(kind, "return_statement" | "goto_statement") {
            return true;
        }
        if named_children(n).iter().any(|c| c.kind() == "label_name") {
            return true;
        }
        if kind == "continue_statement" && !count_continue {
            continue;
        }
        let catchers: &[&str] = if kind == "break_statement" {
            &[
                "for_statement",
                "expression_switch_statement",
                "type_switch_statement",
                "select_statement",
            ]
        } else {
            &["for_statement"]
        };
        let caught = ancestors(n)
            .skip(1)
            .take_while(|a| *a != stmt)
            .any(|a| catchers.contains(&a.kind()))
            || (n != stmt && catchers.contains(&stmt.kind()));
        if !caught {
            return true;
        }
    }
    false
}

/// How the one statement of the loop that touches a variable runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// In the loop body itself, after statements that cannot skip it: every iteration runs it.
    Every,
    /// Inside an `if`, `switch`, `select` or block of the body, or after a statement that
    /// can skip it: some iterations may not run it.
    Conditional,
}

/// How `effect` (a statement inside the body of `for_stmt`) runs, or None when it sits in a
/// nested loop or function literal.
pub fn effect_shape(body: Node, effect: Node) -> Option<Shape> {
    let list = statements(body);
    if let Some(pos) = list.iter().position(|s| *s == effect) {
        return Some(if list[..pos].iter().any(|s| may_skip(*s)) {
            Shape::Conditional
        } else {
            Shape::Every
        });
    }
    for a in ancestors(effect).skip(1) {
        if a == body {
            return Some(Shape::Conditional);
        }
        if !matches!(
            a.kind(),
            "statement_list"
                | "block"
                | "if_statement"
                | "expression_switch_statement"
                | "type_switch_statement"
                | "expression_case"
                | "type_case"
                | "default_case"
                | "select_statement"
                | "communication_case"
                | "labeled_statement"
        ) {
            return None;
        }
    }
    None
}

/// True when some statement of the body can leave the loop before its count is reached.
pub fn body_may_leave(body: Node) -> bool {
    statements(body).into_iter().any(may_leave)
}

/// The statement that follows `decl` (a statement of a statement list) and is the first to
/// spell `name`: when it is a `for` loop (possibly labelled), the statements in between,
/// the statement itself (the label, if any) and the `for_statement`.
pub struct Following<'a> {
    pub between: Vec<Node<'a>>,
    pub stmt: Node<'a>,
    pub for_stmt: Node<'a>,
}

pub fn following_loop<'a>(decl: Node<'a>, name: &str, src: &str) -> Option<Following<'a>> {
    let list = decl.parent()?;
    if list.kind() != "statement_list" {
        return None;
    }
    let siblings = named_children(list);
    let pos = siblings.iter().position(|s| *s == decl)?;
    let mut between = Vec::new();
    for &s in &siblings[pos + 1..] {
        if !spells(s, name, src) {
            between.push(s);
            continue;
        }
        let for_stmt = match s.kind() {
            "for_statement" => s,
            "labeled_statement" => named_children(s)
                .into_iter()
                .find(|n| n.kind() == "for_statement")?,
            _ => return None,
        };
        return Some(Following {
            between,
            stmt: s,
            for_stmt,
        });
    }
    None
}

/// True when an identifier spelled `name` appears in `node`.
pub fn spells(node: Node, name: &str, src: &str) -> bool {
    descendants(node)
        .into_iter()
        .any(|n| n.kind() == "identifier" && text(n, src) == name)
}

/// True when every name used in `nodes` (identifiers, type and package names) refers to the
/// same declaration at `a` as at `b` (both in the same function).
pub fn same_meaning(nodes: &[Node], a: Node, b: Node, src: &str) -> bool {
    nodes.iter().all(|node| {
        descendants(*node).into_iter().all(|n| {
            if !matches!(
                n.kind(),
                "identifier" | "type_identifier" | "package_identifier"
            ) {
                return true;
            }
            let name = text(n, src);
            local_decl(a, name, src) == local_decl(b, name, src)
        })
    })
}

/// True when the count of `c`, written at the declaration `decl` instead of right before the
/// loop, gives the same value: its names mean the same there, and the statements in between
/// can change none of its variables (locals not mentioned in between, constants), nor make
/// an earlier evaluation observable (no pointer dereference when statements sit between).
pub fn count_evaluable_at<'a>(
    pkg: &'a Package,
    file: FileId,
    decl: Node<'a>,
    f: &Following<'a>,
    c: &Count<'a>,
) -> bool {
    let src = &pkg.files[file].src.text;
    if !same_meaning(&c.operands, decl, f.stmt, src) {
        return false;
    }
    if f.between.is_empty() {
        return true;
    }
    if c.derefs {
        return false;
    }
    c.operands.iter().all(|op| {
        let Some(root) = chain_root(*op) else {
            return false;
        };
        let name = text(root, src);
        is_const_ident(pkg, file, root)
            || (local_decl(root, name, src).is_some()
                && !f.between.iter().any(|s| spells(*s, name, src)))
    })
}

/// True when `len(x) > 0` is known to hold at `at` (a statement of the function that
/// declares `x`), where `x` is the only operand of a `len` count `c`: the statement lies in
/// the body of an `if` whose condition requires it (`if len(x) != 0 {`, `if len(x) > 1 &&
/// … {`), or follows, in its block or an enclosing one, an `if` without `else` whose body
/// cannot fall through and whose condition covers the empty case (`if len(x) == 0 {
/// return }`, `if x == nil || len(x) == 0 { continue }`), with no label in between that a
/// `goto` could reach past that check.
///
/// `x` must be a local slice, array or string (a map's length changes through any alias)
/// whose length nothing can change after the check: it is not written from the check on,
/// never written inside a function literal, never has its address taken and never calls a
/// method (a pointer method could reassign it).
pub fn len_proven_positive<'a>(
    pkg: &'a Package,
    file: FileId,
    at: Node<'a>,
    c: &Count<'a>,
) -> bool {
    let src = &pkg.files[file].src.text;
    if c.bound != Bound::Len || c.operands.len() != 1 {
        return false;
    }
    let x = c.operands[0];
    if !is_chain(x) || !kind_of_expr(pkg, file, x).len_fixed_by_value() {
        return false;
    }
    if x.kind() == "selector_expression" {
        return field_len_proven_positive(pkg, file, at, c, x);
    }
    let Some(decl) = local_decl(x, text(x, src), src) else {
        return false;
    };
    let Some(func) = enclosing_function(decl) else {
        return false;
    };
    if enclosing_function(at) != Some(func) {
        return false;
    }
    let uses = uses_of(decl, func, src);
    let Some(check) = len_check(pkg, file, at, &|arg| is_var(arg, decl, src)) else {
        return false;
    };
    uses.iter().all(|&u| {
        let outer = unparen(u);
        let parent = outer.parent();
        let address = classify(u, src) == UseKind::AddressOf;
        let method = parent.is_some_and(|p| {
            p.kind() == "selector_expression" && p.child_by_field_name("operand") == Some(outer)
        });
        let written = classify(u, src) != UseKind::Read
            && (enclosing_function(u) != Some(func) || u.start_byte() >= check.start_byte());
        !address && !method && !written
    })
}

/// The statement that proves `len(x) > 0` at `at` (see [`len_proven_positive`]).
fn len_check<'a>(
    pkg: &'a Package,
    file: FileId,
    at: Node<'a>,
    target: &dyn Fn(Node) -> bool,
) -> Option<Node<'a>> {
    let mut cur = at;
    while let Some(parent) = cur.parent() {
        if crate::syntax::is_function(parent) {
            return None;
        }
        if parent.kind() == "block"
            && let Some(stmt) = parent.parent().filter(|p| p.kind() == "if_statement")
            && stmt.child_by_field_name("consequence") == Some(parent)
            && stmt
                .child_by_field_name("condition")
                .is_some_and(|cond| implies_len(pkg, file, cond, target, true))
        {
            return Some(stmt);
        }
        if parent.kind() == "statement_list" {
            let siblings = named_children(parent);
            let pos = siblings.iter().position(|s| *s == cur)?;
            for i in (0..pos).rev() {
                let s = siblings[i];
                if siblings[i + 1..=pos]
                    .iter()
                    .any(|b| b.kind() == "labeled_statement")
                {
                    break;
                }
                if s.kind() == "if_statement"
                    && s.child_by_field_name("alternative").is_none()
                    && s.child_by_field_name("initializer").is_none()
                    && s.child_by_field_name("consequence")
                        .is_some_and(|b| ends_without_fallthrough(pkg, file, b))
                    && s.child_by_field_name("condition")
                        .is_some_and(|cond| implies_len(pkg, file, cond, target, false))
                {
                    return Some(s);
                }
            }
        }
        cur = parent;
    }
    None
}

/// True when the last statement of `block` never lets control reach the statement after it:
/// `return`, `break`, `continue`, `goto` or a call of the builtin `panic`.
fn ends_without_fallthrough(pkg: &Package, file: FileId, block: Node) -> bool {
    let Some(last) = statements(block).last().copied() else {
        return false;
    };
    match last.kind() {
        "return_statement" | "break_statement" | "continue_statement" | "goto_statement" => true,
        "expression_statement" => named_children(last).first().is_some_and(|call| {
            builtin_call_args(pkg, file, *call, "panic").is_some_and(|a| a.len() == 1)
        }),
        _ => false,
    }
}

/// With `positive`, true when `cond` holds only if `len(x) > 0` (a conjunction with such a
/// comparison); without, true when `cond` holds whenever `len(x) == 0` (a disjunction with
/// such a comparison). `target` says which argument of `len` is `x`.
fn implies_len(
    pkg: &Package,
    file: FileId,
    cond: Node,
    target: &dyn Fn(Node) -> bool,
    positive: bool,
) -> bool {
    let src = &pkg.files[file].src.text;
    match cond.kind() {
        "parenthesized_expression" => named_children(cond)
            .first()
            .is_some_and(|inner| implies_len(pkg, file, *inner, target, positive)),
        "binary_expression" => {
            let Some(op) = cond.child_by_field_name("operator").map(|o| text(o, src)) else {
                return false;
            };
            let (Some(l), Some(r)) = (
                cond.child_by_field_name("left"),
                cond.child_by_field_name("right"),
            ) else {
                return false;
            };
            let joins = if positive { "&&" } else { "||" };
            if op == joins {
                return implies_len(pkg, file, l, target, positive)
                    || implies_len(pkg, file, r, target, positive);
            }
            // Normalise to `len(x) OP k`.
            let (op, k) = if is_len_of(pkg, file, l, target) {
                (op, const_int(pkg, file, r))
            } else if is_len_of(pkg, file, r, target) {
                let flipped = match op {
                    "<" => ">",
                    ">" => "<",
                    "<=" => ">=",
                    ">=" => "<=",
                    o => o,
                };
                (flipped, const_int(pkg, file, l))
            } else {
                return false;
            };
            let Some(k) = k else {
                return false;
            };
            if positive {
                matches!((op, k), (">", 0..) | (">=", 1..) | ("!=", 0))
            } else {
                matches!((op, k), ("==", 0) | ("<", 1..) | ("<=", 0..) | ("!=", 1..))
            }
        }
        _ => false,
    }
}

/// True when `node` is `len(x)` (the builtin) where `target` accepts `x`.
fn is_len_of(pkg: &Package, file: FileId, node: Node, target: &dyn Fn(Node) -> bool) -> bool {
    let Some(args) = builtin_call_args(pkg, file, node, "len") else {
        return false;
    };
    let [arg] = args.as_slice() else {
        return false;
    };
    let mut arg = *arg;
    while arg.kind() == "parenthesized_expression" {
        match named_children(arg).first() {
            Some(inner) => arg = *inner,
            None => return false,
        }
    }
    target(arg)
}

/// True when `arg` is an identifier naming the variable declared at `decl`.
fn is_var(arg: Node, decl: Node, src: &str) -> bool {
    arg.kind() == "identifier" && local_decl(arg, text(arg, src), src) == Some(decl)
}

/// [`len_proven_positive`] for a field chain rooted at a local (`len(s.Items)`): the same
/// chain, spelled the same way and rooted at the same variable, is checked by an enclosing
/// or earlier `if`, and nothing between that check and the loop can change it: no call,
/// assignment, `++`/`--`, address-of, receive, send, `go`, `defer`, function literal or
/// label (a field may be reached through pointers, so any of these could write it).
fn field_len_proven_positive<'a>(
    pkg: &'a Package,
    file: FileId,
    at: Node<'a>,
    c: &Count<'a>,
    x: Node<'a>,
) -> bool {
    let src = &pkg.files[file].src.text;
    let Some(root) = chain_root(x) else {
        return false;
    };
    let Some(decl) = local_decl(root, text(root, src), src) else {
        return false;
    };
    let spelled = |n: Node| -> String { text(n, src).split_whitespace().collect() };
    let want = spelled(x);
    let same_chain = |arg: Node| {
        arg.kind() == "selector_expression"
            && spelled(arg) == want
            && chain_root(arg).is_some_and(|r| is_var(r, decl, src))
    };
    let Some(check) = len_check(pkg, file, at, &same_chain) else {
        return false;
    };
    let Some(func) = enclosing_function(at) else {
        return false;
    };
    if enclosing_function(check) != Some(func) {
        return false;
    }
    // From the check (the start of its block when it encloses the loop, its end when it
    // comes before) to the loop's start.
    let from = if within(c.for_stmt, check) {
        check
            .child_by_field_name("consequence")
            .map_or(check.end_byte(), |b| b.start_byte())
    } else {
        check.end_byte()
    };
    let to = c.for_stmt.start_byte();
    descendants(func).into_iter().all(|n| {
        if n.start_byte() < from || n.end_byte() > to {
            return true;
        }
        match n.kind() {
            "call_expression"
            | "assignment_statement"
            | "inc_statement"
            | "dec_statement"
            | "send_statement"
            | "go_statement"
            | "defer_statement"
            | "func_literal"
            | "labeled_statement"
            | "receive_statement" => false,
            "unary_expression" => n
                .child_by_field_name("operator")
                .is_none_or(|o| !matches!(text(o, src), "&" | "<-")),
            _ => true,
        }
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::package::GoMod;

    fn pkg(src: &str, go: (u32, u32)) -> Package {
        let module = Arc::new(GoMod {
            path: "/nonexistent/go.mod".into(),
            module: Some("example.com/a".into()),
            go: Some(go),
        });
        Package::from_source(src, Some(module))
    }

    /// (cap, guard, stable) of the first loop of every function, or None.
    fn counts(src: &str, go: (u32, u32)) -> Vec<Option<(String, Option<String>, bool)>> {
        let p = pkg(src, go);
        let root = p.files[0].src.root();
        named_children(root)
            .into_iter()
            .filter(|d| d.kind() == "function_declaration")
            .map(|f| {
                let for_stmt = descendants(f)
                    .into_iter()
                    .find(|n| n.kind() == "for_statement")?;
                let c = count(&p, 0, for_stmt)?;
                let stable = operands_stable(&p, 0, &c);
                Some((c.cap, c.guard, stable))
            })
            .collect()
    }

    fn some(
        cap: &str,
        guard: Option<&str>,
        stable: bool,
    ) -> Option<(String, Option<String>, bool)> {
        Some((cap.to_string(), guard.map(str::to_string), stable))
    }

    #[test]
    fn loop_counts() {
        let src = r#"package a

var global []int

func a(s []int) { for range s {} }
func b(n int) { for i := 0; i < n; i++ {} }
func c() { for i := 0; i < 10; i++ {} }
func d(n int) { for i := range n { _ = i } }
func e(s string) { for i := 0; i < len(s); i++ {} }
func f(ch chan int) { for range ch {} }
func g(n int) { for i := 1; i < n; i++ {} }
func h(n int) { for i := 0; i <= n; i++ {} }
func i(n int) { for i := 0; i < n; i++ { i++ } }
func j(n int) { for i := 0; i < n; i++ { n-- } }
func k() { for i := 0; i < len(global); i++ {} }
func l() { for range global {} }
func m(s []int) { for i := 0; i < 0; i++ {} }
func n(m map[int]int) { for k := range m { delete(m, k) } }
func o(m map[int]int) { for k := range m { _ = m[k] } }
func p(s []int) { q := &s; _ = q; for range s {} }
func q() { const n = -1 << 2; for i := 0; i < n; i++ {} }
func r() { const n = 1 << 2; for i := range n { _ = i } }
func s() { const n = 7; for i := range n { _ = i } }
"#;
        assert_eq!(
            counts(src, (1, 22)),
            vec![
                some("len(s)", Some("len(s) > 0"), true),
                some("n", Some("n > 0"), true),
                some("10", None, true),
                some("n", Some("n > 0"), true),
                some("len(s)", Some("len(s) > 0"), true),
                None,
                None,
                None,
                None,
                some("n", Some("n > 0"), false),
                some("len(global)", Some("len(global) > 0"), false),
                some("len(global)", Some("len(global) > 0"), true),
                None,
                some("len(m)", Some("len(m) > 0"), false),
                some("len(m)", Some("len(m) > 0"), true),
                some("len(s)", Some("len(s) > 0"), false),
                None,
                None,
                some("n", None, true),
            ]
        );
        // Range over an integer needs Go 1.22.
        let old = counts(
            "package a\n\nfunc d(n int) { for i := range n { _ = i } }\n",
            (1, 21),
        );
        assert_eq!(old, vec![None]);
    }

    fn first_stmt_of_loop_body(src: &str) -> bool {
        let p = pkg(src, (1, 22));
        let root = p.files[0].src.root();
        let for_stmt = descendants(root)
            .into_iter()
            .find(|n| n.kind() == "for_statement")
            .unwrap();
        let body = for_stmt.child_by_field_name("body").unwrap();
        may_skip(statements(body)[0])
    }

    #[test]
    fn skipping_statements() {
        let cases = [
            ("if x { continue }", true),
            ("if x { break }", true),
            ("if x { return }", true),
            ("if x { panic(1) }", false),
            ("switch { case x: break }", false),
            ("for range s { continue }", false),
            ("for range s { break }", false),
            ("for range s { continue L }", true),
            ("f := func() { return }; _ = f", false),
            ("select { default: break }", false),
            ("goto L", true),
        ];
        for (stmt, want) in cases {
            let src = format!(
                "package a\n\nfunc f(s []int, x bool) {{\nL:\n\tfor range s {{\n\t\t{stmt}\n\t}}\n}}\n"
            );
            assert_eq!(first_stmt_of_loop_body(&src), want, "{stmt}");
        }
    }

    /// Whether `len(xs) > 0` is proven at the last `for` statement of `f`.
    fn proven(body: &str) -> bool {
        let src = format!(
            "package a\n\ntype Names []int\n\nfunc (n *Names) Reset() {{ *n = nil }}\n\nfunc f(xs []int, ys []int, m map[int]int, ns Names, ok bool) {{\n{body}\n}}\n"
        );
        let p = pkg(&src, (1, 22));
        let root = p.files[0].src.root();
        let for_stmt = descendants(root)
            .into_iter()
            .rfind(|n| n.kind() == "for_statement")
            .unwrap();
        let c = count(&p, 0, for_stmt).unwrap();
        len_proven_positive(&p, 0, for_stmt, &c)
    }

    #[test]
    fn non_empty_proofs() {
        let cases = [
            ("if len(xs) > 0 { for range xs {} }", true),
            ("if len(xs) != 0 { for range xs {} }", true),
            ("if 0 < len(xs) { for range xs {} }", true),
            ("if ok && (len(xs) >= 2) { for range xs {} }", true),
            ("if len(xs) == 0 { return }\nfor range xs {}", true),
            (
                "if xs == nil || len(xs) < 1 { panic(1) }\nfor range xs {}",
                true,
            ),
            ("if len(xs) != 3 { return }\nfor range xs {}", true),
            (
                "for range ys { if len(xs) == 0 { continue }; for range xs {} }",
                true,
            ),
            (
                "if len(xs) == 0 { return }\nif ok { for range xs {} }",
                true,
            ),
            // Not proofs.
            ("if len(xs) > 0 || ok { for range xs {} }", false),
            ("if len(xs) >= 0 { for range xs {} }", false),
            ("if len(ys) > 0 { for range xs {} }", false),
            ("if len(xs) > 0 {} else { for range xs {} }", false),
            ("if len(xs) == 0 { ok = false }\nfor range xs {}", false),
            ("if len(xs) == 0 && ok { return }\nfor range xs {}", false),
            (
                "if len(xs) == 0 { return } else { ok = false }\nfor range xs {}",
                false,
            ),
            (
                "if len(xs) == 0 { return }\nxs = xs[1:]\nfor range xs {}",
                false,
            ),
            ("if len(xs) > 0 { xs = nil; for range xs {} }", false),
            ("if len(xs) > 0 { for range xs {}; xs = nil }", false),
            (
                "if len(xs) > 0 { g := func() { xs = nil }; g(); for range xs {} }",
                false,
            ),
            ("p := &xs; _ = p\nif len(xs) > 0 { for range xs {} }", false),
            (
                "if len(xs) == 0 { return }\nL:\nfor range xs { goto L }",
                false,
            ),
            ("if len(xs) > 0 { go func() { for range xs {} }() }", false),
            ("if len(m) > 0 { for range m {} }", false),
            ("if len(ns) > 0 { ns.Reset(); for range ns {} }", false),
            ("if xs := ys; len(xs) > 0 { for range ys {} }", false),
        ];
        for (body, want) in cases {
            assert_eq!(proven(body), want, "{body}");
        }
    }
}
