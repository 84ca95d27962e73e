//! ## What it does
//! Rewrites `fmt.Sprintf` calls whose format is a string literal made only of plain text,
//! `%%` and the verbs `%d`, `%s`, `%t`, `%x`, `%q`, and whose arguments have evident
//! predeclared types, into `strconv` calls and string concatenation; and `fmt.Sprint` of
//! a single integer, string or bool (`fmt.Sprint(n)` → `strconv.Itoa(n)`, `fmt.Sprint(s)`
//! → `s`):
//!
//! | verb | argument type | becomes |
//! |------|---------------|---------|
//! | `%d` | `int` | `strconv.Itoa(x)` |
//! | `%d` | `int64` | `strconv.FormatInt(x, 10)` |
//! | `%d` | `int8`, `int16`, `int32`/`rune` | `strconv.FormatInt(int64(x), 10)` |
//! | `%d` | `uint64` | `strconv.FormatUint(x, 10)` |
//! | `%d` | `uint`, `uint8`/`byte`, `uint16`, `uint32`, `uintptr` | `strconv.FormatUint(uint64(x), 10)` |
//! | `%s` | `string` | `x` |
//! | `%s` | `[]byte` | `string(x)` |
//! | `%t` | `bool` | `strconv.FormatBool(x)` |
//! | `%x` | `[]byte` | `hex.EncodeToString(x)` |
//! | `%q` | `string` | `strconv.Quote(x)` |
//!
//! A type is evident when the type model (`analysis::types`) knows it: a parameter or
//! variable declared with a predeclared type, a local initialised from a literal (`n := 5`
//! is an int), `len(...)`, `cap(...)`, a conversion such as `int64(x)`, a `range` over a
//! value of evident type, a string literal, a field of a struct type of the package
//! (`m.name`), a standard-library call (`strings.TrimPrefix(k, p)`), a method with a known
//! result (`err.Error()` on an `error`, `sc.Text()` on a `*bufio.Scanner`, `id.String()`
//! declared in the package), an index of a type assertion to a map type
//! (`v.(map[string]string)["k"]`). `%%` becomes a literal `%` in the text
//! (`"rotate:/%%2F%s"` → `"rotate:/%2F" + name`). `strconv` and `encoding/hex` are
//! imported when needed (an existing import is used under its alias); `fmt` goes when its
//! last use does.
//!
//! ## Why
//! `fmt.Sprintf` boxes every argument into an `any` (an allocation for each string, slice
//! and integer outside 0..255), scans the format at run time and formats through
//! reflection, then copies its buffer into the result string (seed exercise 1: "allocates a
//! []byte for the result, boxes level and ts into any, formats via reflect-driven verbs").
//! `strconv` formats straight into the result, and a concatenation of strings allocates its
//! result once. `fmt.Sprintf("[%s] %d ", level, ts)` costs 3 allocations; `"[" + level +
//! "] " + strconv.FormatInt(ts, 10) + " "` costs 2. A lone `fmt.Sprintf("%s", s)` (2
//! allocations) becomes `s` (none).
//!
//! The rewrite is applied by default only where it never costs more allocations than
//! `fmt.Sprintf` and saves at least one for all but worst-case values:
//! - the result is a single conversion (`"%d"`, `"%s"`, `"%t"`, `"%x"`, `"%q"` alone: `fmt`
//!   allocates the result and usually a box, the conversion at most as much), or only
//!   constants are concatenated (the compiler folds them: no allocation); or
//! - the concatenation has at least one `%s` of a non-constant `string`/`[]byte` (each saves
//!   its boxing allocation and costs none: the concatenation copies it) and at least as
//!   many of those as `%d`, `%x` and `%q` arguments (each of these may cost one allocation
//!   more than `fmt`: `strconv` allocates the digits of 100..255, which `fmt` boxes for
//!   free; `strconv.Quote` and `hex.EncodeToString` allocate twice once their working
//!   buffer outgrows 32 bytes). Measured with Go 1.26: equal allocations only when every
//!   such argument hits its worst case, fewer otherwise.
//!
//! Literal text plus integers only (`fmt.Sprintf("id-%d", id)`) is left alone, without a
//! finding: `strconv.Itoa` allocates the digits and the concatenation allocates again, so
//! allocs/op stay the same (1 → 2 for 100..255), and a finding a team can only dismiss
//! would make `check` fail for nothing. The option `rewrite-without-gain` reports and
//! rewrites those too (faster, not fewer allocations).
//!
//! ## Example
//! ```go
//! func formatPrefix(level string, ts int64) string {
//!     return fmt.Sprintf("[%s] %d ", level, ts)
//! }
//! ```
//! becomes
//! ```go
//! func formatPrefix(level string, ts int64) string {
//!     return "[" + level + "] " + strconv.FormatInt(ts, 10) + " "
//! }
//! ```
//! Escapes in the format are kept as written (`"%s\t%d\n"` → `name + "\t" + … + "\n"`). A
//! call that is the operand of an index or slice expression is parenthesised
//! (`fmt.Sprintf("%s/%s", dir, name)[:n]` → `(dir + "/" + name)[:n]`), and the `+` are
//! spaced as gofmt spaces them in that position.
//!
//! ## When it does not apply
//! - Flags, widths, precisions, argument indexes (`%5d`, `%-s`, `%08x`, `%.1f`, `%[1]d`),
//!   any other verb (`%v`, `%X`, `%f`, …), or escapes that spell `%`. `fmt.Sprint` of
//!   anything but one integer, string or bool (a float, a `[]byte`, which prints as
//!   numbers, a named type).
//! - A format that is not a string literal, arguments spread with `args...`, a number of
//!   arguments that does not match the verbs.
//! - An argument whose type is not evident (a function value's result, a promoted field,
//!   a generic call, a third-party package) or is not predeclared: a named type such as
//!   `type Level string` may have a `String` or `Format` method that `fmt` would call.
//!   `%q` of a rune (`'x'`), `%x` of a string or an integer, `%s` of an `error`.
//! - An argument that calls something that may change state (a method, a function of the
//!   package) beside an argument that such a call could change (a field, a package
//!   variable, a local whose address is taken or that a closure captures): `fmt` and a
//!   concatenation are not guaranteed to read it at the same point.
//! - `fmt` that is not the standard package at that point, or a `strconv`/`hex` name that
//!   is shadowed there (the call is left alone rather than importing under an alias).
//! - Arguments that span lines or hold comments, or binary expressions outside the
//!   arguments of a call with two or more of them (`strings.Repeat("#", level+2)` is
//!   kept as written; `n+1` or `f(n+1)` could be spaced differently by gofmt in the
//!   concatenation); calls used as a statement; calls at package level (run once); generated and `_test.go` files.
//! - `fmt.Errorf` (a constant message is sentinel-error's; with arguments it wraps).
//! - Reported without a fix: more arguments than the option `max-arguments` (3), or a
//!   call written over several lines (a shell script as a raw format, arguments on a line
//!   of their own): there the format reads better than one long concatenation a reviewer
//!   would have to check piece by piece.
//!
//! ## Fix safety
//! Safe: each mapping produces exactly the text `fmt` produces for that verb and type
//! (including the minimum integers, invalid UTF-8 and `nil` slices), calls among the
//! arguments run in the same order, nothing they could change is read beside them, and
//! only predeclared types are rewritten.

use tree_sitter::Node;

use crate::fixkit::edit::{Edit, Finding, Fix, ImportNeed};
use crate::fixkit::imports::{is_call_to, name_for};
use crate::syntax::{descendants, enclosing_function, in_function_body, named_children, text};
use serde::{Deserialize, Serialize};

use crate::transform::{AtLeast, Ctx, FixAvailability, Meta, Rule, TransformDef};

use crate::analysis::consts::is_constant;
use crate::analysis::effects::may_change_state;
use crate::analysis::resolve::local_decl;
use crate::analysis::types::{Ty, is_conversion, is_universe, type_of};
use crate::analysis::uses::{unparen, usage};
use crate::fixkit::edit::FileId;
use crate::fixkit::layout::{binary_operator, gofmt_depth, in_aligned_comment_block};
use crate::package::Package;

/// The rule; what it does is the module documentation above.
pub struct SprintfStrconv;

impl Rule for SprintfStrconv {
    type Options = SprintfStrconvOptions;
    const META: Meta = Meta {
        id: "sprintf-strconv",
        summary: "fmt.Sprintf of %d/%s/%t/%x/%q (and fmt.Sprint of one value) over arguments of evident predeclared types → strconv calls and string concatenation",
        fix: FixAvailability::Safe,
        fix_note: "literal text plus integers only is left alone (no allocation saved; option rewrite-without-gain)",
        source: include_str!("sprintf_strconv.rs"),
        needles: &["Sprint"],
        node_kinds: &["call_expression"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, options: &SprintfStrconvOptions) -> Vec<Finding> {
        run(ctx, options)
    }
}

pub static DEF: TransformDef = TransformDef::of::<SprintfStrconv>();

/// The options of `sprintf-strconv` (`[transforms.sprintf-strconv]` in allocfix.toml): each
/// field's doc comment is what `allocfix explain sprintf-strconv` prints.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct SprintfStrconvOptions {
    /// also report and rewrite formats whose rewrite does not save an allocation (literal text
    /// plus integers, bools, %q or %x): faster, but allocs/op stay the same or grow by one
    pub rewrite_without_gain: bool,
    /// most arguments a rewritten fmt.Sprintf may have: a longer concatenation reads worse than
    /// its format, so it is reported without a fix (as is a call written over several lines)
    pub max_arguments: AtLeast<1>,
}

impl Default for SprintfStrconvOptions {
    fn default() -> Self {
        SprintfStrconvOptions {
            rewrite_without_gain: false,
            max_arguments: AtLeast::new(3).expect("at least 1"),
        }
    }
}

/// A piece of a format: text as written in the literal (escapes kept), or a verb.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Verb(char),
}

/// Splits the format literal `lit` (its source text, quotes included) into text and verbs.
/// None when it holds anything but plain text and `%d %s %t %x %q` (`%%`, flags, widths,
/// other verbs, an escape that spells `%`).
fn parse_format(lit: &str) -> Option<Vec<Piece>> {
    let raw = lit.starts_with('`');
    let inner = lit.get(1..lit.len().checked_sub(1)?)?;
    let mut pieces = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if !raw => {
                let e = chars.next()?;
                cur.push('\\');
                cur.push(e);
                let (digits, radix) = match e {
                    'x' => (2, 16),
                    'u' => (4, 16),
                    'U' => (8, 16),
                    '0'..='7' => (2, 8),
                    _ => (0, 10),
                };
                let mut value = if radix == 8 { e.to_digit(8)? } else { 0 };
                for _ in 0..digits {
                    let d = chars.next()?;
                    cur.push(d);
                    value = value * radix + d.to_digit(radix)?;
                }
                if digits > 0 && value == u32::from('%') {
                    return None;
                }
            }
            '%' => {
                let verb = chars.next()?;
                // `%%` is a literal percent sign.
                if verb == '%' {
                    cur.push('%');
                    continue;
                }
                if !matches!(verb, 'd' | 's' | 't' | 'x' | 'q') {
                    return None;
                }
                if !cur.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut cur)));
                }
                pieces.push(Piece::Verb(verb));
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        pieces.push(Piece::Text(cur));
    }
    Some(pieces)
}

/// What an operand of the result costs compared with `fmt.Sprintf`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cost {
    /// Constant text or a constant argument: no allocation either way.
    Constant,
    /// A non-constant string or byte slice under `%s`: `fmt` boxes it (one allocation), the
    /// concatenation copies it for free.
    Saves,
    /// `%t`: `fmt` boxes a bool for free, `strconv.FormatBool` returns a constant.
    Neutral,
    /// `%d`, `%x`, `%q`: the conversion may allocate where `fmt` did not.
    Risk,
}

/// How one argument is converted: `pkg.func(wrap(arg), 10)` with the parts that apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Conversion {
    /// The package and function to call, if any.
    call: Option<(Pkg, &'static str)>,
    /// A predeclared type to convert the argument to first.
    wrap: Option<&'static str>,
    /// Pass the base 10 after the argument.
    base10: bool,
}

/// The package a conversion needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pkg {
    Strconv,
    Hex,
}

impl Pkg {
    fn path(self) -> &'static str {
        match self {
            Pkg::Strconv => "strconv",
            Pkg::Hex => "encoding/hex",
        }
    }
}

/// The conversion for `verb` applied to an argument of canonical type `ty`.
fn conversion(verb: char, ty: &str) -> Option<Conversion> {
    let c = |call: Option<(Pkg, &'static str)>, wrap: Option<&'static str>, base10: bool| {
        Some(Conversion { call, wrap, base10 })
    };
    let strconv = |f: &'static str| Some((Pkg::Strconv, f));
    match (verb, ty) {
        ('d', "int") => c(strconv("Itoa"), None, false),
        ('d', "int64") => c(strconv("FormatInt"), None, true),
        ('d', "int8" | "int16" | "int32") => c(strconv("FormatInt"), Some("int64"), true),
        ('d', "uint64") => c(strconv("FormatUint"), None, true),
        ('d', "uint" | "uint8" | "uint16" | "uint32" | "uintptr") => {
            c(strconv("FormatUint"), Some("uint64"), true)
        }
        ('s', "string") => c(None, None, false),
        ('s', "[]byte") => c(None, Some("string"), false),
        ('t', "bool") => c(strconv("FormatBool"), None, false),
        ('x', "[]byte") => c(Some((Pkg::Hex, "EncodeToString")), None, false),
        ('q', "string") => c(strconv("Quote"), None, false),
        _ => None,
    }
}

impl Conversion {
    /// The code converting `arg`, the package `call` refers to written `pkg_name`.
    fn render(&self, arg: &str, pkg_name: &str) -> String {
        let mut code = match self.wrap {
            Some(t) => format!("{t}({arg})"),
            None => arg.to_string(),
        };
        if let Some((_, func)) = self.call {
            let base = if self.base10 { ", 10" } else { "" };
            code = format!("{pkg_name}.{func}({code}{base})");
        }
        code
    }
}

/// One operand of the rewritten expression: literal text, or a converted argument.
struct Operand {
    text: String,
    conversion: Option<Conversion>,
    cost: Cost,
}

/// How the `+` chain replacing `call` is written: whether it needs parentheses, and whether
/// gofmt spaces its operators there.
fn chain_layout(call: Node, src: &str) -> (bool, bool) {
    let Some(parent) = call.parent() else {
        return (false, true);
    };
    let is_field = |field: &str| parent.child_by_field_name(field) == Some(call);
    match parent.kind() {
        // Becomes part of the parent chain (string `+` is associative): spaced like it.
        "binary_expression" if binary_operator(parent, src) == "+" => {
            (false, gofmt_depth(parent, src) == 1)
        }
        // A comparison (the only other binary operators on strings): the chain is an
        // operand one level deeper than the comparison, so never at depth 1: compact.
        "binary_expression" => (false, false),
        "index_expression" if is_field("index") => (false, gofmt_depth(call, src) == 1),
        // `[]byte(…)`: go/printer prints it as a call with one argument.
        "type_conversion_expression" if is_field("operand") => (false, gofmt_depth(call, src) == 1),
        "expression_list"
        | "argument_list"
        | "parenthesized_expression"
        | "literal_element"
        | "keyed_element"
        | "send_statement"
        | "return_statement"
        | "if_statement"
        | "expression_switch_statement"
        | "range_clause"
        | "var_spec"
        | "const_spec" => (false, gofmt_depth(call, src) == 1),
        _ => {
            let d = gofmt_depth(call, src).saturating_sub(1).max(1);
            (true, d == 1)
        }
    }
}

/// The rewrite of one `fmt.Sprintf` call, before import names are known.
struct Rewrite {
    operands: Vec<Operand>,
}

impl Rewrite {
    /// True when the rewrite cannot cost more allocations than it saves, and saves some.
    fn cuts_allocs(&self) -> bool {
        if self.operands.len() <= 1 || self.operands.iter().all(|o| o.cost == Cost::Constant) {
            return true;
        }
        let count = |c: Cost| self.operands.iter().filter(|o| o.cost == c).count();
        let saves = count(Cost::Saves);
        saves >= 1 && saves >= count(Cost::Risk)
    }

    /// The packages the conversions call, each once.
    fn packages(&self) -> Vec<Pkg> {
        let mut out: Vec<Pkg> = Vec::new();
        for p in self
            .operands
            .iter()
            .filter_map(|o| o.conversion.and_then(|c| c.call))
            .map(|(p, _)| p)
        {
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }

    /// The predeclared type names the conversions write.
    fn type_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.operands
            .iter()
            .filter_map(|o| o.conversion.and_then(|c| c.wrap))
    }
}

/// True for the argument shapes whose type is taken from the type model: identifiers,
/// literals, conversions, builtins, unary arithmetic, selectors (fields, package
/// variables and constants), calls of functions and methods with a known result, indexing
/// and type assertions. Binary expressions are refused by the caller.
fn typed_shape(arg: Node) -> bool {
    match arg.kind() {
        "identifier"
        | "interpreted_string_literal"
        | "raw_string_literal"
        | "int_literal"
        | "float_literal"
        | "rune_literal"
        | "imaginary_literal"
        | "true"
        | "false"
        | "type_conversion_expression"
        | "composite_literal"
        | "call_expression"
        | "selector_expression"
        | "index_expression"
        | "type_assertion_expression" => true,
        "parenthesized_expression" => named_children(arg).first().is_some_and(|n| typed_shape(*n)),
        "unary_expression" => {
            arg.child_by_field_name("operator")
                .is_some_and(|o| matches!(o.kind(), "-" | "+" | "^" | "!"))
                && arg.child_by_field_name("operand").is_some_and(typed_shape)
        }
        _ => false,
    }
}

/// True when the arguments may be evaluated as operands of a concatenation instead of as
/// arguments of `fmt`: when one of them calls something that may change state, every other
/// argument must be a constant, or a local variable that no call can change (its address
/// is never taken and no closure captures it). Calls stay in their order either way.
fn evaluation_order_kept(pkg: &Package, file: FileId, args: &[Node]) -> bool {
    let src = &pkg.files[file].src.text;
    let changes = |a: Node| may_change_state(pkg, file, a, &|c| is_conversion(pkg, file, c));
    if !args.iter().any(|a| changes(*a)) {
        return true;
    }
    args.iter().all(|a| {
        if changes(*a) || is_constant(pkg, file, *a) {
            return true;
        }
        let a = unparen(*a);
        if a.kind() != "identifier" {
            return false;
        }
        let Some(decl) = local_decl(a, text(a, src), src) else {
            return false;
        };
        let Some(func) = enclosing_function(decl) else {
            return false;
        };
        let u = usage(decl, func, src);
        !u.address_taken && !u.captured
    })
}

/// True when every binary expression in `arg` is printed by gofmt the same way wherever
/// `arg` goes: it lies in the arguments of a call with two or more of them (gofmt prints
/// those one level deeper, compact, whatever the surroundings: `strings.Repeat("#",
/// level+2)`). A binary expression elsewhere (`arg` itself, or `f(level+1)`) could be
/// re-spaced or need parentheses in the concatenation.
fn binaries_keep_layout(arg: Node) -> bool {
    descendants(arg)
        .into_iter()
        .filter(|n| n.kind() == "binary_expression")
        .all(|b| {
            crate::syntax::ancestors(b)
                .skip(1)
                .take_while(|a| *a != arg)
                .any(|a| a.kind() == "argument_list" && named_children(a).len() >= 2)
        })
}

/// The verb `fmt.Sprint` uses for a single argument of type `ty`, where `%v` prints what
/// a mapped verb prints: `%d` for integers, `%s` for strings, `%t` for booleans.
fn sprint_verb(ty: &Ty) -> Option<char> {
    match ty {
        t if t.is_integer() => Some('d'),
        t if t.is_string() => Some('s'),
        Ty::Predeclared("bool") => Some('t'),
        _ => None,
    }
}

/// Analyses `call` (a `fmt.Sprintf` call, or a `fmt.Sprint` call when `sprint`): None
/// when it is not a shape this transform maps.
fn analyse(ctx: &Ctx, file: usize, call: Node, sprint: bool) -> Option<Rewrite> {
    let pkg = ctx.pkg;
    let src = ctx.src(file);
    // A comment starts with `//` or `/*`: without them in its text the call holds none.
    let call_text = text(call, src);
    if (call_text.contains("//") || call_text.contains("/*"))
        && descendants(call).iter().any(|n| n.kind() == "comment")
    {
        return None;
    }
    let all = named_children(call.child_by_field_name("arguments")?);
    let (quote, pieces, args) = if sprint {
        let [arg] = all.as_slice() else {
            return None;
        };
        if arg.kind() == "variadic_argument" || !typed_shape(*arg) {
            return None;
        }
        let verb = sprint_verb(&type_of(pkg, file, *arg)?.defaulted())?;
        ("\"", vec![Piece::Verb(verb)], all.as_slice())
    } else {
        let (format, args) = all.split_first()?;
        if !matches!(
            format.kind(),
            "interpreted_string_literal" | "raw_string_literal"
        ) {
            return None;
        }
        let lit = text(*format, src);
        let quote = if lit.starts_with('`') { "`" } else { "\"" };
        (quote, parse_format(lit)?, args)
    };
    if !evaluation_order_kept(pkg, file, args) {
        return None;
    }
    let verbs = pieces
        .iter()
        .filter(|p| matches!(p, Piece::Verb(_)))
        .count();
    if verbs != args.len() {
        return None;
    }
    let mut operands = Vec::new();
    let mut args = args.iter();
    for piece in &pieces {
        let verb = match piece {
            Piece::Text(t) => {
                operands.push(Operand {
                    text: format!("{quote}{t}{quote}"),
                    conversion: None,
                    cost: Cost::Constant,
                });
                continue;
            }
            Piece::Verb(v) => *v,
        };
        let arg = *args.next()?;
        let arg_text = text(arg, src);
        if arg.kind() == "variadic_argument"
            || arg_text.contains('\n')
            || !binaries_keep_layout(arg)
        {
            return None;
        }
        if !typed_shape(arg) {
            return None;
        }
        // `%d` of a decimal literal is its digits: `(1)`, not `(` + strconv.Itoa(1) + `)`.
        if verb == 'd'
            && arg.kind() == "int_literal"
            && arg_text.bytes().all(|b| b.is_ascii_digit())
            && (arg_text == "0" || !arg_text.starts_with('0'))
        {
            operands.push(Operand {
                text: format!("{quote}{arg_text}{quote}"),
                conversion: None,
                cost: Cost::Constant,
            });
            continue;
        }
        let ty = type_of(pkg, file, arg)?.defaulted();
        let name = match &ty {
            Ty::Predeclared(b) => b,
            t if t.is_byte_slice() => "[]byte",
            _ => return None,
        };
        let conv = conversion(verb, name)?;
        let constant = is_constant(pkg, file, arg);
        let cost = match verb {
            's' if constant => Cost::Constant,
            's' => Cost::Saves,
            't' => Cost::Neutral,
            _ => Cost::Risk,
        };
        operands.push(Operand {
            text: arg_text.to_string(),
            conversion: Some(conv),
            cost,
        });
    }
    // Literal text next to literal text is one literal.
    let mut merged: Vec<Operand> = Vec::with_capacity(operands.len());
    for o in operands {
        match merged.last_mut() {
            Some(last)
                if last.conversion.is_none()
                    && o.conversion.is_none()
                    && matches!(last.cost, Cost::Constant)
                    && matches!(o.cost, Cost::Constant) =>
            {
                let inner = &o.text[quote.len()..o.text.len() - quote.len()];
                last.text.truncate(last.text.len() - quote.len());
                last.text.push_str(inner);
                last.text.push_str(quote);
            }
            _ => merged.push(o),
        }
    }
    let mut operands = merged;
    if operands.is_empty() {
        operands.push(Operand {
            text: format!("{quote}{quote}"),
            conversion: None,
            cost: Cost::Constant,
        });
    }
    Some(Rewrite { operands })
}

fn run(ctx: &Ctx, options: &SprintfStrconvOptions) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let include_no_gain = options.rewrite_without_gain;
    let max_arguments = options.max_arguments.get();
    let mut out = Vec::new();
    for file in ctx.files() {
        let src = ctx.src(file);
        for &call in ctx.nodes(file, "call_expression") {
            let Some(func) = is_call_to(pkg, file, call, "fmt", &["Sprintf", "Sprint"]) else {
                continue;
            };
            if !in_function_body(call) {
                continue;
            }
            let Some(parent) = call.parent() else {
                continue;
            };
            if matches!(
                parent.kind(),
                "expression_statement" | "go_statement" | "defer_statement"
            ) {
                continue;
            }
            let Some(rewrite) = analyse(ctx, file, call, func == "Sprint") else {
                continue;
            };
            let gain = rewrite.cuts_allocs();
            // A rewrite that saves no allocation is not worth a finding either: `check` exits
            // 1 on findings, and a line a team can only dismiss is noise.
            if !gain && !include_no_gain {
                continue;
            }
            // The names the new code writes must mean the predeclared types and the standard
            // packages here; a shadowed package name is not worked around with an alias.
            if !rewrite
                .type_names()
                .all(|t| is_universe(pkg, file, call, t))
            {
                continue;
            }
            let mut names: Vec<(Pkg, String)> = Vec::new();
            let mut needs: Vec<ImportNeed> = Vec::new();
            let mut usable = true;
            for p in rewrite.packages() {
                match name_for(pkg, file, p.path(), &[call]) {
                    Some(u) if u.need.as_ref().is_none_or(|n| n.alias.is_none()) => {
                        names.push((p, u.name));
                        needs.extend(u.need);
                    }
                    _ => usable = false,
                }
            }
            if !usable {
                continue;
            }
            let codes: Vec<String> = rewrite
                .operands
                .iter()
                .map(|o| match o.conversion {
                    None => o.text.clone(),
                    Some(c) => {
                        let pkg_name = c
                            .call
                            .and_then(|(p, _)| names.iter().find(|(q, _)| *q == p))
                            .map_or("", |(_, n)| n.as_str());
                        c.render(&o.text, pkg_name)
                    }
                })
                .collect();
            let replacement = if codes.len() == 1 {
                codes[0].clone()
            } else {
                let (parens, spaced) = chain_layout(call, src);
                let chain = codes.join(if spaced { " + " } else { "+" });
                if parens { format!("({chain})") } else { chain }
            };

            // gofmt would re-align the trailing comments around a line whose length changes.
            let aligned = in_aligned_comment_block(call, ctx.nodes(file, "comment"), src);
            // A long concatenation, or one made from a format written over several lines (a
            // shell script, a template), reads worse than the format: no fix.
            let arguments = call
                .child_by_field_name("arguments")
                .map_or(0, |a| named_children(a).len());
            let arguments = if func == "Sprint" {
                arguments
            } else {
                arguments.saturating_sub(1)
            };
            let multiline = text(call, src).contains('\n');
            let unreadable = if multiline {
                Some("the call is written over several lines".to_string())
            } else if arguments > max_arguments {
                Some(format!(
                    "with {arguments} arguments the format reads better than the concatenation (option max-arguments: {max_arguments})"
                ))
            } else {
                None
            };
            let fix = ((gain || include_no_gain) && !aligned && unreadable.is_none()).then(|| {
                let mut fix = Fix::safe(vec![Edit::replace(
                    file,
                    call.byte_range(),
                    replacement.clone(),
                )]);
                for need in &needs {
                    fix = fix.with_import(Some(need.clone()));
                }
                fix
            });
            let shown = if replacement.contains('\n') {
                "strconv calls and string concatenation".to_string()
            } else {
                format!("`{replacement}`")
            };
            let message = if gain {
                format!(
                    "fmt.{func} boxes its arguments and formats through reflection; {shown} builds the same string with fewer allocations"
                )
            } else {
                format!(
                    "fmt.{func} could be {shown}, but with only literal text and integer, bool, %q or %x arguments that does not cut allocs/op (strconv allocates the digits and the concatenation allocates again); the fix is offered with the option rewrite-without-gain"
                )
            };
            let message = match &unreadable {
                Some(why) if gain || include_no_gain => format!("{message} (no fix: {why})"),
                _ => message,
            };
            let message = if aligned && (gain || include_no_gain) && unreadable.is_none() {
                format!(
                    "{message} (no fix: the trailing comment on this line is aligned with its neighbours', which gofmt would have to re-align)"
                )
            } else {
                message
            };
            out.push(ctx.finding(file, call, message, fix));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Piece, parse_format};

    fn verbs(lit: &str) -> Option<String> {
        parse_format(lit).map(|ps| {
            ps.iter()
                .map(|p| match p {
                    Piece::Text(t) => format!("[{t}]"),
                    Piece::Verb(v) => format!("%{v}"),
                })
                .collect()
        })
    }

    #[test]
    fn no_gain_sites_are_reported_only_with_the_option() {
        use crate::transforms::common::testing::{fix_label, run_one_file};
        let src = "package a\n\nimport \"fmt\"\n\nfunc id(n int) string {\n\treturn fmt.Sprintf(\"id-%d\", n)\n}\n";
        let mut settings = crate::engine::Settings::default();
        let (out, findings) = run_one_file(&super::DEF, src, "/a", None, None, &settings);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(out, src);
        let opts = super::SprintfStrconvOptions {
            rewrite_without_gain: true,
            ..Default::default()
        };
        settings.options.insert(
            super::DEF.id.to_string(),
            crate::transform::OptionValues::of(opts),
        );
        let (out, findings) = run_one_file(&super::DEF, src, "/a", None, None, &settings);
        assert_eq!(findings.iter().map(fix_label).collect::<Vec<_>>(), ["fix"]);
        assert!(out.contains("return \"id-\" + strconv.Itoa(n)"), "{out}");
    }

    #[test]
    fn formats() {
        assert_eq!(verbs(r#""[%s] %d ""#).as_deref(), Some("[[]%s[] ]%d[ ]"));
        assert_eq!(verbs(r#""%s\t%d\n""#).as_deref(), Some(r"%s[\t]%d[\n]"));
        assert_eq!(verbs("`%s\n%q`").as_deref(), Some("%s[\n]%q"));
        assert_eq!(verbs(r#""""#).as_deref(), Some(""));
        assert_eq!(verbs(r#""a\"%s\\""#).as_deref(), Some(r#"[a\"]%s[\\]"#));
        assert_eq!(verbs(r#""%d%%""#).as_deref(), Some("%d[%]"));
        assert_eq!(
            verbs(r#""rotate:/%%2F%s""#).as_deref(),
            Some("[rotate:/%2F]%s")
        );
        assert_eq!(verbs(r#""100%%""#).as_deref(), Some("[100%]"));
        for bad in [
            r#""%%%""#,
            r#""%5d""#,
            r#""%-s""#,
            r#""%v""#,
            r#""%[1]d""#,
            r#""%X""#,
            r#""trailing %""#,
            r#""\x25d""#,
            r#""\045d""#,
            r#""\u0025d""#,
            r#""%\x64""#,
        ] {
            assert_eq!(verbs(bad), None, "{bad}");
        }
        assert_eq!(verbs(r#""\x41%d""#).as_deref(), Some(r"[\x41]%d"));
    }
}
